// rollover: the next round's national workbook from this one.
// spec: docs/model.md §A8 — År + 1; Statlig tilldelning föregående år = this year's Slutlig (the
// latest decision wins when there is one); Totala medel föregående år = 2 × that; answer columns,
// outputs, Beslut, Svar and Körlogg emptied; Kommuner kept; Statlig ram blank (required again).
import Decimal from 'decimal.js';
import type { CellBlock, CellValue, Problem, SheetValues, WritePlan } from '../workbook/types';
import { MONEY_FORMAT } from '../workbook/types';
import { runAllocation } from '../workbook/run';
import { latestDecision, DECISION_SHEET } from '../workbook/read-decisions';
import { locateParameters, parameterWrite } from '../workbook/parameter-form';
import { textParameter } from '../workbook/parameters';
import { FEDERATION_COLUMNS, FEDERATION_SHEET, mapHeaders } from '../workbook/columns';
import type { FederationField } from '../workbook/columns';
import { ownCellRanges, removeOutputPlan, wholeKronor } from '../workbook/plan';
import { findSheet, makeProblem } from '../workbook/sheets';
import { isBlank, normalizeKey } from '../workbook/text';
import { YEAR_RANGE } from '../workbook/cells';
import { ROUND_TEXTS } from './messages';

const T = ROUND_TEXTS.rollover;

/** Answer columns of Förbund emptied by a rollover (round.md §2), besides the merge's own columns below. */
export const ROLLOVER_EMPTIED_FIELDS: readonly FederationField[] = [
  'equity',
  'municipalContribution',
  'regionContribution',
  'request',
  'returned',
  'splitMethod',
];
/** Further answer columns, found by header: the stabschef's and the merge's (round.md §2, §4). */
export const ROLLOVER_EMPTIED_HEADERS: readonly string[] = ['Svar inkommit', 'Kommentar', 'Svar'];
/** Sheets a rollover removes: the run's, the decisions and the merge's log. */
export const ROLLOVER_REMOVED_SHEETS: readonly string[] = [DECISION_SHEET, 'Svar'];

/** What a host does to make the next year's workbook: clear, blocks, delete sheets (in that order). */
export interface RolloverPlan {
  clear: WritePlan['clear'];
  blocks: CellBlock[];
  deleteSheets: string[];
  summary: { year: number; decisionLabel?: string; lines: string[] };
}

export type RolloverOutcome = { ok: false; problems: Problem[] } | { ok: true; plan: RolloverPlan };

// spec: docs/model.md §A8 — Totala medel föregående år = 2 × Statlig tilldelning föregående år
export function previousTotalFunds(previousAllocation: Decimal): Decimal {
  return previousAllocation.times(2);
}

// spec: docs/model.md §A8 — the next round's År: this year's + 1 (none when År is unknown)
export function nextRoundYear(thisYear: number | undefined): number | undefined {
  return thisYear !== undefined ? thisYear + 1 : undefined;
}

/**
 * The next round's workbook as a plan on this one's sheets. Refused when the workbook has problems (its
 * Slutlig is needed) or when År is unknown and no year is given.
 */
export function rollover(sheets: SheetValues[], options: { year?: number; timestamp?: Date } = {}): RolloverOutcome {
  const run = runAllocation(sheets, { timestamp: options.timestamp });
  if (!run.ok) return run;
  const located = locateParameters(sheets);
  const yearParam = located.find((p) => p.key === 'year')!;
  const thisYear = run.result.parameters.year;
  const year = options.year ?? nextRoundYear(thisYear);
  if (year === undefined)
    return { ok: false, problems: [makeProblem(yearParam.sheet, yearParam.row, yearParam.column, T.yearMissing)] };
  if (!Number.isInteger(year) || year < YEAR_RANGE.min || year > YEAR_RANGE.max)
    return { ok: false, problems: [makeProblem(yearParam.sheet, yearParam.row, yearParam.column, T.yearInvalid(String(year)))] };

  const blocks: CellBlock[] = [parameterWrite(located, 'year', year), parameterWrite(located, 'budget', null)];
  // The round's text parameters back to an ordinary round without a decision
  for (const key of ['round', 'decision'] as const) {
    const cell = textParameter(sheets, key);
    if (cell) blocks.push({ sheet: cell.sheet, row: cell.row, column: cell.column, values: [['']] });
  }

  // spec: docs/model.md §A8 — the latest decision wins over this year's Slutlig
  const decision = latestDecision(run.decisions);
  const decided = new Map((decision?.amounts ?? []).map((a) => [normalizeKey(a.federation), a.amount]));
  const fs = run.layout.federationSheet;
  const sheet = findSheet(sheets, FEDERATION_SHEET)!;
  const mapping = mapHeaders<FederationField>(
    sheet.name,
    sheet.values[fs.headerRow] ?? [],
    fs.headerRow,
    FEDERATION_COLUMNS,
    true,
  );
  const removal = removeOutputPlan(sheets);
  const clear: WritePlan['clear'] = [...removal.clear];
  let nextFree =
    Math.max(
      ...sheet.values.map((row) => {
        for (let c = (row ?? []).length - 1; c >= 0; c--) if (!isBlank(row[c])) return c;
        return -1;
      }),
    ) + 1;
  const amounts = run.result.federations.map((f) => decided.get(normalizeKey(f.name)) ?? f.rounded.final);
  for (const [field, value] of [
    ['previousAllocation', (d: Decimal) => d],
    ['previousTotalFunds', previousTotalFunds],
  ] as const) {
    const mapped = mapping.columns[field];
    const column = mapped?.column ?? nextFree++;
    const multiplier = mapped?.multiplier ?? 1;
    const header = FEDERATION_COLUMNS.find((d) => d.key === field)!.label;
    const height = Math.max(...fs.dataRows) - fs.headerRow + 1;
    const values: CellValue[][] = Array.from({ length: height }, () => [null]);
    const formats: (string | null)[][] = Array.from({ length: height }, () => [null]);
    if (!mapped) values[0] = [header];
    run.result.federations.forEach((f, i) => {
      const kr = value(amounts[i]);
      values[fs.dataRows[f.index] - fs.headerRow] = [multiplier === 1 ? wholeKronor(kr) : kr.dividedBy(multiplier).toNumber()];
      formats[fs.dataRows[f.index] - fs.headerRow] = [multiplier === 1 ? MONEY_FORMAT : null];
    });
    blocks.push({ sheet: sheet.name, row: fs.headerRow, column, values, numberFormats: formats, boldFirstRow: !mapped });
  }
  // Answer columns: the federation rows emptied, headers kept
  const headerCells = sheet.values[fs.headerRow] ?? [];
  const answerColumns = [
    ...ROLLOVER_EMPTIED_FIELDS.map((k) => mapping.columns[k]?.column).filter((c): c is number => c !== undefined),
    ...ROLLOVER_EMPTIED_HEADERS.map((h) => headerCells.findIndex((c) => normalizeKey(c) === normalizeKey(h))).filter(
      (c) => c >= 0,
    ),
  ];
  clear.push(...ownCellRanges(sheet.name, answerColumns, fs.dataRows, sheet.formulaCells ?? []));
  const deleteSheets = [
    ...removal.deleteSheets,
    ...ROLLOVER_REMOVED_SHEETS.map((n) => findSheet(sheets, n)?.name).filter((n): n is string => n !== undefined),
  ];
  return {
    ok: true,
    plan: {
      clear,
      blocks,
      deleteSheets,
      summary: {
        year,
        ...(decision ? { decisionLabel: decision.label } : {}),
        lines: [T.done(year), `  ${T.basis(decision?.label)}`, `  ${T.emptied}`],
      },
    },
  };
}
