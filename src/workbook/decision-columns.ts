// After a decision exists, every run writes `Beslutat (kr)` and `Ändring mot beslut (kr)` on Förbund, and
// its summary lists the federations whose allocation would change; a later round adds its figures.
// An additive step on a finished write plan: the run's other columns are placed first, these after them.
// spec: docs/workbook-format.md §8; docs/model.md §A6 — Beslutat = the latest decision, Ändring = Slutlig − Beslutat
import Decimal from 'decimal.js';
import type { AllocationResult, LaterRoundResult } from '../engine';
import type { CellBlock, CellValue, DecisionComparison, LaterRoundFigures, WorkbookLayout, WritePlan } from './types';
import { DECISION_OUTPUT_HEADERS, MONEY_FORMAT, TEXT_FORMAT } from './types';
import type { DecisionColumn } from './read-decisions';
import { DECISION_TEXTS as T } from './messages';
import { formatKronor } from './format';
import { normalizeKey } from './text';
import { wholeKronor } from './plan';

// spec: docs/workbook-format.md §8; docs/model.md §A6 — Ändring mot beslut = Slutlig − Beslutat
export function changeAgainstDecision(final: Decimal, decided: Decimal): Decimal {
  return final.minus(decided);
}

/** Columns of Beslutat and Ändring: over the columns carrying them, else after every other column of the run. */
export function decisionColumnPlacement(layout: WorkbookLayout, plan: WritePlan): number[] {
  const fs = layout.federationSheet;
  const existing = fs.existingOutputColumns;
  const runColumns = plan.blocks.filter((b) => b.sheet === fs.name).map((b) => b.column + (b.values[0]?.length ?? 1) - 1);
  let next = Math.max(fs.lastInputColumn, ...Object.values(existing), ...(fs.duplicateOutputColumns ?? []), ...runColumns) + 1;
  return DECISION_OUTPUT_HEADERS.map((h) => existing[h] ?? next++);
}

/** The run against a decision: per federation row Beslutat and Ändring (blank when not in the decision). */
export function compareWithDecision(
  result: AllocationResult,
  decision: DecisionColumn,
): DecisionComparison & {
  cells: { decided?: number; change?: number }[];
} {
  const byKey = new Map(decision.amounts.map((a) => [normalizeKey(a.federation), a.amount]));
  const changes: DecisionComparison['changes'] = [];
  const cells = result.federations.map((f) => {
    const final = f.rounded.final;
    const decided = byKey.get(normalizeKey(f.name));
    if (decided === undefined) {
      changes.push({ federation: f.name, final: wholeKronor(final) });
      return {};
    }
    const change = wholeKronor(changeAgainstDecision(final, decided));
    if (change !== 0) changes.push({ federation: f.name, decided: wholeKronor(decided), final: wholeKronor(final), change });
    return { decided: wholeKronor(decided), change };
  });
  return { label: decision.label, changes, cells };
}

function signedKronor(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${formatKronor(Math.abs(n))}`;
}

/** The summary lines of a comparison: one heading, then a line per federation that would change. */
export function decisionChangeLines(c: DecisionComparison): string[] {
  if (c.changes.length === 0) return [T.changesNone(c.label)];
  return [
    T.changesHeading(c.label, c.changes.length),
    ...c.changes.map((x) =>
      x.decided === undefined
        ? `  ${T.notDecidedLine(x.federation, formatKronor(x.final))}`
        : `  ${T.changeLine(x.federation, formatKronor(x.decided), formatKronor(x.final), signedKronor(x.change!))}`,
    ),
  ];
}

/**
 * The plan with Beslutat and Ändring mot beslut added (a block over the header row and the federation
 * rows, null elsewhere), and the summary's decision comparison. The clear ranges already hold these
 * columns of an earlier run (they are output headers), so a rerun replaces exactly them.
 */
export function withDecisionColumns(
  plan: WritePlan,
  layout: WorkbookLayout,
  result: AllocationResult,
  decision: DecisionColumn,
): WritePlan {
  const fs = layout.federationSheet;
  const columns = decisionColumnPlacement(layout, plan);
  const comparison = compareWithDecision(result, decision);
  const rowOf = new Map<number, number>();
  fs.dataRows.forEach((row, i) => rowOf.set(row, i));
  const byIndex = new Map(result.federations.map((f, k) => [f.index, k]));
  const lastRow = Math.max(fs.rowCount - 1, fs.headerRow, ...fs.dataRows);
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = fs.headerRow; r <= lastRow; r++) {
    if (r === fs.headerRow) {
      values.push([...DECISION_OUTPUT_HEADERS]);
      formats.push(DECISION_OUTPUT_HEADERS.map(() => TEXT_FORMAT));
      continue;
    }
    const i = rowOf.get(r);
    const k = i === undefined ? undefined : byIndex.get(i);
    if (k === undefined) {
      values.push([null, null]);
      formats.push([null, null]);
      continue;
    }
    const cell = comparison.cells[k];
    values.push([cell.decided ?? '', cell.change ?? '']);
    formats.push([MONEY_FORMAT, MONEY_FORMAT]);
  }
  const blocks: CellBlock[] =
    columns[1] === columns[0] + 1
      ? [{ sheet: fs.name, row: fs.headerRow, column: columns[0], values, numberFormats: formats, boldFirstRow: true }]
      : columns.map((column, c) => ({
          sheet: fs.name,
          row: fs.headerRow,
          column,
          values: values.map((v) => [v[c]]),
          numberFormats: formats.map((f) => [f[c]]),
          boldFirstRow: true,
        }));
  const { cells: _cells, ...summaryComparison } = comparison;
  void _cells;
  return {
    ...plan,
    blocks: [...plan.blocks, ...blocks],
    summary: {
      ...plan.summary,
      decision: summaryComparison,
      lines: [...plan.summary.lines, ...decisionChangeLines(summaryComparison)],
    },
  };
}

/** A later round's figures as the summary gives them. */
export function laterRoundFigures(result: LaterRoundResult): LaterRoundFigures {
  const r = result.laterRound;
  const half = (d: Decimal) => wholeKronor(d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
  return {
    decisionLabel: r.decisionLabel,
    decided: half(r.decided),
    handedBack: half(r.handedBack),
    pot: half(r.pot),
    applicants: r.applicants,
    requested: half(r.requested),
    wanted: half(r.wanted),
    granted: wholeKronor(r.grantedRounded),
    grants: result.federations
      .filter((f) => f.request.greaterThan(0))
      .map((f) => ({ federation: f.name, requested: half(f.request), granted: wholeKronor(f.rounded.extra) })),
  };
}

/** The summary lines of a later round: the decision, the pot, the applications and each grant. */
export function laterRoundLines(f: LaterRoundFigures): string[] {
  return [
    T.laterRound(f.decisionLabel),
    `  ${T.laterRoundFigures(formatKronor(f.decided), formatKronor(f.handedBack), formatKronor(f.pot))}`,
    `  ${T.laterRoundApplications(f.applicants, formatKronor(f.requested), formatKronor(f.wanted), formatKronor(f.granted))}`,
    ...f.grants.map((g) => `    ${T.grantLine(g.federation, formatKronor(g.requested), formatKronor(g.granted))}`),
  ];
}

/** The plan with a later round's figures in its summary and on Körlogg (rows after the run's own). */
export function withLaterRound(plan: WritePlan, result: LaterRoundResult): WritePlan {
  const figures = laterRoundFigures(result);
  const sheets = plan.sheets.map((s, i) => {
    if (i !== plan.sheets.length - 1) return s;
    const rows: [string, CellValue, string | null][] = [
      ['Beslut', figures.decisionLabel, TEXT_FORMAT],
      ['Beslutat (kr)', figures.decided, MONEY_FORMAT],
      ['Återlämnat efter beslutet (kr)', figures.handedBack, MONEY_FORMAT],
      ['Pott S (kr)', figures.pot, MONEY_FORMAT],
      ['Antal ansökningar', figures.applicants, '0'],
      ['Ansökt (kr)', figures.requested, MONEY_FORMAT],
      ['Beviljat (kr)', figures.granted, MONEY_FORMAT],
    ];
    return {
      ...s,
      values: [...s.values, ...rows.map(([l, v]) => [l, v])],
      numberFormats: [
        ...(s.numberFormats ?? s.values.map((row) => row.map(() => null))),
        ...rows.map(([, , f]) => [TEXT_FORMAT, f]),
      ],
    };
  });
  return {
    ...plan,
    sheets,
    summary: { ...plan.summary, laterRound: figures, lines: [...plan.summary.lines, ...laterRoundLines(figures)] },
  };
}
