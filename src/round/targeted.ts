// A targeted-funds round (riktade medel) on a whole workbook: read Ansökningar (src/workbook/read-applications.ts),
// run the engine's targetedRound, and plan what to write — Förslag (kr) (only while nothing is decided),
// Beslut and Varningar on Ansökningar after the input columns, and the sheet Riktade medel.
// The plan has WritePlan's shape (clear, blocks, sheets, highlight), so both hosts apply it as a run.
// spec: docs/workbook-format.md §8; docs/model.md §T
import { targetedRound } from '../engine';
import type Decimal from 'decimal.js';
import type { TargetedFigures, TargetedInput, TargetedResult, TargetedTableRow } from '../engine';
import type { CellValue, Problem, SheetOutput, SheetValues, SheetWritePlan } from '../workbook/types';
import { HIGHLIGHT_COLOR, MONEY_FORMAT, TEXT_FORMAT } from '../workbook/types';
import { APPLICATION_OUTPUT_HEADERS, TARGETED_SHEET } from '../workbook/application-columns';
import type { ApplicationOutputHeader } from '../workbook/application-columns';
import { readApplications } from '../workbook/read-applications';
import type { ApplicationLayout, PotSource } from '../workbook/read-applications';
import {
  columnBlocks,
  duplicateColumnNotices,
  isoLocal,
  ownCellRanges,
  placeOutputColumns,
  warningsText,
  wholeKronor,
} from '../workbook/plan';
import { formatKronor } from '../workbook/format';
import { findSheet } from '../workbook/sheets';
import { isBlank } from '../workbook/text';
import { PROGRAM_NAME, PROGRAM_VERSION } from '../workbook/version';
import { ROUND_TEXTS } from './messages';

const T = ROUND_TEXTS.targeted;

/** The engine's figures with each amount (a Decimal) as a JS number of whole kronor. */
type InKronor<T> = { [K in keyof T]: T[K] extends Decimal ? number : T[K] };

/** The round in figures as plain numbers (kronor as safe integers), for the pane and `targeted --json`. */
export interface TargetedSummary extends InKronor<TargetedFigures> {
  /** some row has a typed Beviljat: the figures are the decisions', and Förslag (kr) was left alone */
  decided: boolean;
  /** Tak riktade medel */
  cap: number;
  potSource: PotSource;
  /** count per warning code that occurs (ÖVER_TAK), counted per application */
  warningCounts: Record<string, number>;
  /** Swedish one-line-per-item summary for a terminal or the pane */
  lines: string[];
  /** further columns carrying an output header (the user's, left alone) */
  notices: Problem[];
}

/** What a targeted run writes: WritePlan's parts that both hosts apply (clear, blocks, sheets, highlight). */
export interface TargetedPlan extends SheetWritePlan {
  summary: TargetedSummary;
}

export type TargetedOutcome =
  | { ok: false; problems: Problem[] }
  | { ok: true; plan: TargetedPlan; input: TargetedInput; result: TargetedResult; layout: ApplicationLayout };

/** Beslut values a run writes: how an earlier run's rows are recognised once their insats is gone. */
const DECISION_WORDS = new Set(['Beviljad', 'Delvis', 'Avslag', 'Ej beslutad']);

/**
 * Rows an earlier run wrote that are no longer an insats's (its inputs blanked): blank in every input
 * column, with a Beslut the run writes (typed text, not a formula) in the run's Beslut column.
 */
function leftoverRows(sheet: SheetValues | undefined, layout: ApplicationLayout): number[] {
  const beslut = layout.existingOutputColumns['Beslut'];
  if (!sheet || beslut === undefined) return [];
  const inputs = Object.values(layout.columns);
  const formulas = new Set((sheet.formulaCells ?? []).map((f) => `${f.row},${f.column}`));
  const data = new Set(layout.dataRows);
  const rows: number[] = [];
  for (let r = layout.headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    if (data.has(r) || !inputs.every((c) => isBlank(row[c]))) continue;
    const value = row[beslut];
    if (typeof value === 'string' && DECISION_WORDS.has(value.trim()) && !formulas.has(`${r},${beslut}`)) rows.push(r);
  }
  return rows;
}

// spec: docs/workbook-format.md §8 — Förslag (kr) only while nothing is decided; Beslut and Varningar always
function writtenHeaders(decided: boolean): ApplicationOutputHeader[] {
  return APPLICATION_OUTPUT_HEADERS.filter((h) => !(decided && h === 'Förslag (kr)'));
}

/** The output cells of one insats row, by header. */
function rowOutput(result: TargetedResult, i: number): Record<ApplicationOutputHeader, [CellValue, string]> {
  const r = result.rows[i];
  return {
    'Förslag (kr)': [r.proposal === undefined ? '' : wholeKronor(r.proposal), MONEY_FORMAT],
    Beslut: [r.decision, TEXT_FORMAT],
    Varningar: [warningsText(r.warnings), TEXT_FORMAT],
  };
}

/** A whole-krona amount as the number written. */
const money = (d: Decimal): number => wholeKronor(d);

/** A table per VO or per federation: a bold title row, a bold header row, one row each. */
function tableRows(
  title: string,
  firstHeaders: string[],
  rows: TargetedTableRow[],
  first: (r: TargetedTableRow) => string[],
  decided: boolean,
): { values: CellValue[][]; formats: (string | null)[][]; bold: number[] } {
  const headers = [...firstHeaders, ...T.tableHeaders(decided)];
  const values: CellValue[][] = [[title], headers];
  const formats: (string | null)[][] = [[TEXT_FORMAT], headers.map(() => TEXT_FORMAT)];
  for (const r of rows) {
    values.push([...first(r), r.applications, r.insatser, money(r.requested), money(r.amount)]);
    formats.push([...first(r).map(() => TEXT_FORMAT), '0', '0', MONEY_FORMAT, MONEY_FORMAT]);
  }
  return { values, formats, bold: [0, 1] };
}

/** One figure of the round: its label (as on Riktade medel and in the pane), its value, whether kronor. */
export interface TargetedFigure {
  label: string;
  value: number;
  money: boolean;
}

/**
 * The round in figures as the 2016 report gave them, in order: Pott, Antal ansökningar, Antal insatser,
 * Gemensamma ansökningar, Insatser beviljade helt eller delvis and of those per Typ and per Målgrupp,
 * Avslag, (Ej beslutade), Sökt belopp, Beviljat belopp (Föreslaget while nothing is decided), Kvar av potten.
 */
export function targetedFigures(s: TargetedSummary): TargetedFigure[] {
  const count = (label: string, value: number): TargetedFigure => ({ label, value, money: false });
  const kronor = (label: string, value: number): TargetedFigure => ({ label, value, money: true });
  return [
    kronor(T.pot, s.pot),
    kronor(T.cap, s.cap),
    count(T.applications, s.applications),
    count(T.insatser, s.insatser),
    count(T.joint, s.jointApplications),
    count(s.decided ? T.granted : T.proposedInsatser, s.grantedInsatser),
    ...Object.entries(s.grantedByType).map(([k, v]) => count(T.ofWhich(k), v)),
    ...Object.entries(s.grantedByTargetGroup).map(([k, v]) => count(T.ofWhich(k), v)),
    count(T.rejected, s.rejected),
    ...(s.decided ? [count(T.undecided, s.undecided)] : []),
    kronor(T.requested, s.requested),
    kronor(s.decided ? T.grantedAmount : T.proposedAmount, s.granted),
    kronor(T.remaining, s.remaining),
  ];
}

/** Where the pot came from, in words. */
export function potSourceText(potSource: PotSource): string {
  return potSource.kind === 'parameter' ? T.potFromParameter(potSource.address) : T.potFromRunLog(potSource.address);
}

/**
 * The sheet Riktade medel: the round in figures as the 2016 report gave them (Uppgift / Värde), then a
 * table per VO and a table per federation (joint applications divided equally).
 */
export function targetedFiguresSheet(
  result: TargetedResult,
  summary: TargetedSummary,
  timestamp: Date,
  name: string = TARGETED_SHEET,
): SheetOutput {
  const decided = result.decided;
  const rows: [string, CellValue, string | null][] = [
    [T.timestamp, isoLocal(timestamp), TEXT_FORMAT],
    [T.program, `${PROGRAM_NAME} ${PROGRAM_VERSION}`, TEXT_FORMAT],
    [T.potSource, potSourceText(summary.potSource), TEXT_FORMAT],
    ...targetedFigures(summary).map((f): [string, CellValue, string] => [f.label, f.value, f.money ? MONEY_FORMAT : '0']),
  ];
  const values: CellValue[][] = [[T.title], [T.basisNote(decided)], [], [...T.headers]];
  const formats: (string | null)[][] = [[TEXT_FORMAT], [TEXT_FORMAT], [], [TEXT_FORMAT, TEXT_FORMAT]];
  const bold = [0, 3];
  for (const [label, value, format] of rows) {
    values.push([label, value]);
    formats.push([TEXT_FORMAT, format]);
  }
  const append = (table: ReturnType<typeof tableRows>) => {
    values.push([]);
    formats.push([]);
    const at = values.length;
    values.push(...table.values);
    formats.push(...table.formats);
    bold.push(...table.bold.map((b) => b + at));
  };
  append(tableRows(T.byVo, [T.voHeader], result.byVo, (r) => [r.name ?? T.noVo], decided));
  append(
    tableRows(T.byFederation, [T.federationHeader, T.voHeader], result.byFederation, (r) => [r.name ?? '', r.vo ?? ''], decided),
  );
  values.push([], [T.jointNote]);
  formats.push([], [TEXT_FORMAT]);
  const width = Math.max(...values.map((r) => r.length));
  const pad = <V>(row: V[], fill: V): V[] => [...row, ...new Array<V>(width - row.length).fill(fill)];
  return {
    name,
    values: values.map((r) => pad(r, '' as CellValue)),
    numberFormats: formats.map((r) => pad(r, null)),
    boldRows: bold,
    columnWidths: [40, 22, 14, 14, 16, 16],
  };
}

/** The summary of a targeted run: its figures as numbers and the lines a terminal or the pane shows. */
export function targetedSummary(result: TargetedResult, potSource: PotSource, notices: Problem[] = []): TargetedSummary {
  const f = result.figures;
  const warningCounts: Record<string, number> = {};
  for (const a of result.applications) if (a.overCap) warningCounts['ÖVER_TAK'] = (warningCounts['ÖVER_TAK'] ?? 0) + 1;
  const source = potSourceText(potSource);
  const lines = [
    T.summary.pot(formatKronor(f.pot), source),
    T.summary.counts(f.applications, f.insatser, f.jointApplications),
    T.summary.granted(result.decided, f.grantedInsatser, f.rejected, f.undecided),
    T.summary.amounts(result.decided, formatKronor(f.requested), formatKronor(f.granted), formatKronor(f.remaining)),
    T.summary.warnings(
      Object.entries(warningCounts)
        .map(([code, n]) => `${code} ${n}`)
        .join(', '),
    ),
    ...(result.decided ? [T.summary.proposalKept] : []),
    ...notices.map((n) => `Obs: ${n.address}: ${n.message}`),
  ];
  return {
    decided: result.decided,
    basis: f.basis,
    pot: money(f.pot),
    cap: money(result.cap),
    potSource,
    applications: f.applications,
    insatser: f.insatser,
    jointApplications: f.jointApplications,
    grantedInsatser: f.grantedInsatser,
    grantedByType: { ...f.grantedByType },
    grantedByTargetGroup: { ...f.grantedByTargetGroup },
    rejected: f.rejected,
    undecided: f.undecided,
    requested: money(f.requested),
    granted: money(f.granted),
    remaining: money(f.remaining),
    warningCounts,
    lines,
    notices,
  };
}

/**
 * Everything to write for a targeted run. On Ansökningar: Förslag (kr) (only while no row has a typed
 * Beviljat; once one has, that column is neither cleared nor written), Beslut and Varningar over the
 * columns already carrying them or after the last column in use, values in the header row and the
 * insats rows and null (left as it is) elsewhere; the clear ranges name exactly the run's own cells of
 * an earlier run (ownCellRanges). Riktade medel is the run's own sheet, rewritten whole in place, the
 * last of plan.sheets (hosts write it last: it marks the run as complete).
 */
export function buildTargetedPlan(
  layout: ApplicationLayout,
  result: TargetedResult,
  potSource: PotSource,
  options: { timestamp: Date; sheets: SheetValues[] },
): TargetedPlan {
  const sheet = options.sheets.find((s) => s.name === layout.name);
  const headers = writtenHeaders(result.decided);
  const columns = placeOutputColumns(
    headers,
    layout.lastInputColumn,
    layout.existingOutputColumns,
    layout.duplicateOutputColumns,
  );
  const lastRow = Math.max(layout.rowCount - 1, layout.headerRow, ...layout.dataRows);
  const indexOf = new Map(layout.dataRows.map((row, i) => [row, i]));
  const columnValues: CellValue[][] = headers.map(() => []);
  const columnFormats: (string | null)[][] = headers.map(() => []);
  const highlightRows: number[] = [];
  for (let r = layout.headerRow; r <= lastRow; r++) {
    const i = indexOf.get(r);
    const output = i === undefined ? undefined : rowOutput(result, i);
    headers.forEach((h, k) => {
      columnValues[k].push(r === layout.headerRow ? h : output ? output[h][0] : null);
      columnFormats[k].push(r === layout.headerRow ? TEXT_FORMAT : output ? output[h][1] : null);
    });
    if (i !== undefined && result.rows[i].warnings.length > 0) highlightRows.push(r);
  }
  const own = headers.map((h) => layout.existingOutputColumns[h]).filter((c): c is number => c !== undefined);
  const leftover = leftoverRows(sheet, layout);
  const clear = ownCellRanges(layout.name, own, [layout.headerRow, ...layout.dataRows, ...leftover], sheet?.formulaCells ?? []);
  const notices = duplicateColumnNotices(
    layout.name,
    layout.headerRow,
    layout.existingOutputColumns,
    layout.duplicateOutputColumns,
    sheet?.values[layout.headerRow],
  );
  const existing = findSheet(options.sheets, TARGETED_SHEET);
  const summary = targetedSummary(result, potSource, notices);
  return {
    clear,
    blocks: columnBlocks(layout.name, layout.headerRow, columns, columnValues, columnFormats),
    sheets: [targetedFiguresSheet(result, summary, options.timestamp, existing?.name ?? TARGETED_SHEET)],
    highlight: {
      sheet: layout.name,
      rows: highlightRows,
      firstColumn: Math.min(...columns),
      lastColumn: Math.max(...columns),
      color: HIGHLIGHT_COLOR,
    },
    summary,
  };
}

/**
 * Reads the workbook's targeted-funds round, runs it and plans what to write. Any problem — the
 * reader's or the engine's rules' — gives { ok: false, problems } (all of them, each at its cell) and
 * nothing to write. options.timestamp (default: now) goes to Riktade medel as local ISO time.
 */
export function runTargeted(sheets: SheetValues[], options: { timestamp?: Date } = {}): TargetedOutcome {
  const read = readApplications(sheets);
  if (!read.ok) return read;
  const result = targetedRound(read.input);
  const plan = buildTargetedPlan(read.layout, result, read.potSource, { timestamp: options.timestamp ?? new Date(), sheets });
  return { ok: true, plan, input: read.input, result, layout: read.layout };
}
