// decide: record the allocation as a decision on sheet Beslut (a new column, never a rewritten one).
// spec: docs/workbook-format.md §8; docs/model.md §A6 — runs the allocation (a workbook with problems is refused), refuses a
// label that exists, and plans the new decision column; every other column of Beslut is left as it is.
import Decimal from 'decimal.js';
import type { CellBlock, CellValue, Problem, SheetOutput, SheetValues, WritePlan } from '../workbook/types';
import { MONEY_FORMAT, TEXT_FORMAT } from '../workbook/types';
import { runAllocation } from '../workbook/run';
import type { RunOutcome } from '../workbook/run';
import {
  decisionByLabel,
  DECISION_INFO_KEYS,
  DECISION_INFO_LABELS,
  DECISION_NAME_HEADER,
  DECISION_SHEET,
  DECISION_TABLE_HEADER_ROW,
  DECISION_VO_HEADER,
  readDecisions,
} from '../workbook/read-decisions';
import type { DecisionColumn, DecisionInfoKey, DecisionsRead } from '../workbook/read-decisions';
import { inputFingerprint } from '../workbook/fingerprint';
import { formatKronor } from '../workbook/format';
import { makeProblem } from '../workbook/sheets';
import { normalizeKey } from '../workbook/text';
import { wholeKronor } from '../workbook/plan';
import { ROUND_TEXTS } from './messages';
import { isIsoDate } from '../workbook/cells';

const T = ROUND_TEXTS.decide;

export interface DecideOptions {
  /** the decision's label, its column header on Beslut, e.g. "Beslut 2026-11-07" */
  label: string;
  /** YYYY-MM-DD (default: the local date of timestamp) */
  date?: string;
  timestamp: Date;
}

/** What is recorded, for the summary and the pane's confirmation. */
export interface DecisionRecord {
  label: string;
  date: string;
  federationCount: number;
  /** Σ Slutlig tilldelning, whole kronor */
  total: number;
  budget: number;
  fingerprint: string;
  lines: string[];
}

export type DecideOutcome =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      /** the run (its Förbund columns with Beslutat = this decision) plus the new decision column on Beslut */
      plan: WritePlan;
      run: Extract<RunOutcome, { ok: true }>;
      decision: DecisionRecord;
    };

/** YYYY-MM-DD of a local date. */
export function localDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** Where a problem of the decision itself goes: the header cell the new column would get on Beslut. */
function newColumnCell(decisions: DecisionsRead): { sheet: string; row: number; column: number } {
  if (!decisions.sheet) return { sheet: DECISION_SHEET, row: DECISION_TABLE_HEADER_ROW, column: 2 };
  return { sheet: decisions.sheet.name, row: decisions.sheet.headerRow, column: decisions.sheet.lastUsedColumn + 1 };
}

/** The decision column as recorded: Slutlig tilldelning of every federation, and the header block. */
function decisionColumn(run: Extract<RunOutcome, { ok: true }>, label: string, date: string): DecisionColumn {
  return {
    label,
    column: -1,
    date,
    budget: run.result.parameters.budget,
    total: run.result.totals.final,
    fingerprint: inputFingerprint(run.input),
    amounts: run.result.federations.map((f) => ({ federation: f.name, amount: f.rounded.final, row: -1 })),
  };
}

function infoValue(d: DecisionColumn, key: DecisionInfoKey): [CellValue, string] {
  if (key === 'date') return [d.date ?? '', TEXT_FORMAT];
  if (key === 'fingerprint') return [d.fingerprint ?? '', TEXT_FORMAT];
  return [wholeKronor((key === 'budget' ? d.budget : d.total) ?? new Decimal(0)), MONEY_FORMAT];
}

/** A new Beslut sheet: the header block, a blank row, the table (Förbund, VO, the decision). */
function newDecisionSheet(run: Extract<RunOutcome, { ok: true }>, d: DecisionColumn): SheetOutput {
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  for (const key of DECISION_INFO_KEYS) {
    const [v, f] = infoValue(d, key);
    values.push([DECISION_INFO_LABELS[key], '', v]);
    formats.push([TEXT_FORMAT, null, f]);
  }
  values.push(['', '', '']);
  formats.push([null, null, null]);
  values.push([DECISION_NAME_HEADER, DECISION_VO_HEADER, d.label]);
  formats.push([TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT]);
  run.result.federations.forEach((f, i) => {
    values.push([f.name, run.input.federations[f.index]?.vo ?? '', wholeKronor(d.amounts[i].amount)]);
    formats.push([TEXT_FORMAT, TEXT_FORMAT, MONEY_FORMAT]);
  });
  return {
    name: DECISION_SHEET,
    values,
    numberFormats: formats,
    boldRows: [DECISION_TABLE_HEADER_ROW],
    columnWidths: [34, 14, 24],
    headerRow: DECISION_TABLE_HEADER_ROW,
  };
}

/**
 * The new column on an existing Beslut sheet, right of everything in use: the header block where its
 * labels are, the label in the header row and one amount per federation row (blank: a federation of the
 * sheet not in this run). Federations not yet on the sheet are added below its last row (Förbund, VO and
 * the amount; the earlier decisions' cells left as they are).
 */
function appendedColumn(run: Extract<RunOutcome, { ok: true }>, decisions: DecisionsRead, d: DecisionColumn): CellBlock[] {
  const s = decisions.sheet!;
  const column = s.lastUsedColumn + 1;
  const amountByKey = new Map<string, number>();
  run.result.federations.forEach((f, i) => amountByKey.set(normalizeKey(f.name), wholeKronor(d.amounts[i].amount)));
  const known = new Set(s.rows.map((r) => r.key));
  const added = run.result.federations.filter((f) => !known.has(normalizeKey(f.name)));
  const lastRow = Math.max(s.rowCount - 1, s.headerRow, ...s.rows.map((r) => r.row));
  const height = lastRow + 1 + added.length;
  const values: CellValue[][] = Array.from({ length: height }, () => [null]);
  const formats: (string | null)[][] = Array.from({ length: height }, () => [null]);
  for (const key of DECISION_INFO_KEYS) {
    const row = s.infoRows[key];
    if (row === undefined) continue;
    const [v, f] = infoValue(d, key);
    values[row] = [v];
    formats[row] = [f];
  }
  values[s.headerRow] = [d.label];
  formats[s.headerRow] = [TEXT_FORMAT];
  for (const r of s.rows) {
    values[r.row] = [amountByKey.get(r.key) ?? ''];
    formats[r.row] = [MONEY_FORMAT];
  }
  const blocks: CellBlock[] = [];
  if (added.length > 0) {
    const first = Math.min(s.nameColumn, s.voColumn ?? s.nameColumn);
    const width = Math.abs((s.voColumn ?? s.nameColumn) - s.nameColumn) + 1;
    const rows: CellValue[][] = [];
    const rowFormats: (string | null)[][] = [];
    added.forEach((f, k) => {
      const row: CellValue[] = new Array<CellValue>(width).fill(null);
      const fmt: (string | null)[] = new Array<string | null>(width).fill(null);
      row[s.nameColumn - first] = f.name;
      fmt[s.nameColumn - first] = TEXT_FORMAT;
      if (s.voColumn !== undefined) {
        row[s.voColumn - first] = run.input.federations[f.index]?.vo ?? '';
        fmt[s.voColumn - first] = TEXT_FORMAT;
      }
      rows.push(row);
      rowFormats.push(fmt);
      values[lastRow + 1 + k] = [amountByKey.get(normalizeKey(f.name)) ?? ''];
      formats[lastRow + 1 + k] = [MONEY_FORMAT];
    });
    blocks.push({ sheet: s.name, row: lastRow + 1, column: first, values: rows, numberFormats: rowFormats });
  }
  blocks.push({ sheet: s.name, row: 0, column, values, numberFormats: formats });
  return blocks;
}

/**
 * Records the allocation as a decision. Refused ({ ok: false }, nothing to write) when the workbook has
 * any problem, when the label is blank or already on Beslut, or when the date is not YYYY-MM-DD. The
 * plan is the run's (with Beslutat = this decision and Ändring mot beslut 0) plus the decision's column
 * on Beslut: a new sheet (before Körlogg, which stays last) or a new column on the existing one.
 */
export function decide(sheets: SheetValues[], options: DecideOptions): DecideOutcome {
  const label = options.label.replace(/\s+/g, ' ').trim();
  const problems: Problem[] = [];
  const decisions = readDecisions(sheets, []);
  const at = newColumnCell(decisions);
  if (!label) problems.push(makeProblem(at.sheet, at.row, at.column, T.labelMissing));
  const existing = label ? decisionByLabel(decisions, label) : undefined;
  if (existing && decisions.sheet)
    problems.push(makeProblem(decisions.sheet.name, decisions.sheet.headerRow, existing.column, T.labelExists(existing.label)));
  const date = options.date?.trim() || localDate(options.timestamp);
  if (!isIsoDate(date)) problems.push(makeProblem(at.sheet, at.row, at.column, T.dateInvalid(date)));
  const first = runAllocation(sheets, { timestamp: options.timestamp });
  if (!first.ok) return { ok: false, problems: [...first.problems, ...problems] };
  if (problems.length > 0) return { ok: false, problems };

  const recorded = decisionColumn(first, label, date);
  const run = runAllocation(sheets, { timestamp: options.timestamp, decision: recorded });
  if (!run.ok) return run;
  const plan: WritePlan = decisions.sheet
    ? { ...run.plan, blocks: [...run.plan.blocks, ...appendedColumn(run, decisions, recorded)] }
    : { ...run.plan, sheets: [newDecisionSheet(run, recorded), ...run.plan.sheets] };
  const total = wholeKronor(run.result.totals.final);
  const budget = wholeKronor(run.result.parameters.budget);
  const decision: DecisionRecord = {
    label,
    date,
    federationCount: run.result.federations.length,
    total,
    budget,
    fingerprint: recorded.fingerprint!,
    lines: [T.recorded(label), `  ${T.figures(run.result.federations.length, formatKronor(total), formatKronor(budget), date)}`],
  };
  return {
    ok: true,
    plan: { ...plan, summary: { ...plan.summary, lines: [...decision.lines, ...plan.summary.lines] } },
    run,
    decision,
  };
}
