// A workbook read into the host-neutral layer and computed, the plan applied and serialised, and the
// lines a command prints about a run or its problems.
import ExcelJS from 'exceljs';
import * as workbookLayer from '../workbook';
import type { Problem, RunSummary, SheetValues, SheetWritePlan } from '../workbook/types';
import {
  applyWritePlan,
  dropUnreadConditionalFormats,
  giveTablesStyleInfo,
  prepareRecalculation,
  readSheets,
  type UncachedFormula,
} from './xlsx';
import { causeText, CliFailure, isTooLarge } from './errors';
import { CLI_TEXTS } from './messages';
import { SUMMARY_TEXTS } from '../workbook/messages';

export const INPUT_SHEET_KEYS = ['parametrar', 'förbund', 'kommuner'];

export function isInputSheet(name: string): boolean {
  return INPUT_SHEET_KEYS.includes(name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv'));
}

/**
 * Formula cells without a cached result among the cells a run reads (workbookLayer.cellsRead: the
 * header rows, the input columns below them, the parameter cells): their value is unknown, so they
 * are problems. Elsewhere (titles, notes, unknown columns, other sheets) they do not matter.
 */
export function uncachedProblems(
  uncached: UncachedFormula[],
  reads: (sheet: string, row: number, column: number) => boolean,
): Problem[] {
  return uncached
    .filter((u) => isInputSheet(u.sheet) && reads(u.sheet, u.row - 1, u.column - 1))
    .map((u) => ({
      sheet: u.sheet,
      row: u.row,
      column: u.column,
      address: u.address,
      message: CLI_TEXTS.run.uncachedFormula(u.formula),
    }));
}

export type Computed =
  | {
      ok: true;
      run: Extract<ReturnType<typeof workbookLayer.runAllocation>, { ok: true }>;
      sheets: SheetValues[];
      /** the cells the run read (0-based), by sheet name as in the workbook */
      reads: (sheet: string, row: number, column: number) => boolean;
    }
  | { ok: false; problems: Problem[] };

/** Reads the workbook and runs the model; `underlag: false` plans no Underlag (the benchmark's baseline). */
export function compute(workbook: ExcelJS.Workbook, timestamp: Date, options: { underlag?: boolean } = {}): Computed {
  const uncached: UncachedFormula[] = [];
  const sheets = readSheets(workbook, { uncachedFormulas: uncached, layout: true });
  const reads = workbookLayer.cellsRead(sheets);
  const formulaProblems = uncachedProblems(uncached, reads);
  const run = workbookLayer.runAllocation(sheets, { timestamp, ...(options.underlag === false ? { underlag: false } : {}) });
  if (!run.ok) return { ok: false, problems: workbookLayer.sortProblems([...formulaProblems, ...run.problems]) };
  if (formulaProblems.length > 0) return { ok: false, problems: formulaProblems };
  return { ok: true, run, sheets, reads };
}

export function tooLargeToWriteMessage(output: string): string {
  return CLI_TEXTS.run.tooLargeToWrite(output);
}

/**
 * Applies the plan and serialises the workbook. Anything exceljs throws here is not the input's
 * fault: it becomes a CliFailure (exit 1, a Swedish message, no stack trace) and no file is written.
 */
export async function writeRun(
  workbook: ExcelJS.Workbook,
  computed: Extract<Computed, { ok: true }>,
  now: Date,
  output: string,
): Promise<Uint8Array> {
  return writePlanned(workbook, computed.run.plan, computed.reads, now, output);
}

/**
 * Applies any plan of the WritePlan shape (a run's, a targeted run's) and serialises the workbook;
 * a failure of exceljs is a CliFailure and no file is written (as writeRun).
 */
export async function writePlanned(
  workbook: ExcelJS.Workbook,
  plan: SheetWritePlan,
  reads: (sheet: string, row: number, column: number) => boolean,
  now: Date,
  output: string,
): Promise<Uint8Array> {
  const apply = (wb: ExcelJS.Workbook) => {
    applyWritePlan(wb, plan);
    const written = [...plan.blocks.map((b) => b.sheet), ...plan.sheets.map((sheet) => sheet.name)];
    // The run's own formulas (Underlag) carry results the run computed: they are kept, not dropped
    const own = new Set(plan.sheets.filter((sheet) => sheet.formulas).map((sheet) => sheet.name.trim().toLocaleLowerCase('sv')));
    prepareRecalculation(
      wb,
      (sheet, row, column) => own.has(sheet.trim().toLocaleLowerCase('sv')) || reads(sheet, row, column),
      written,
    );
  };
  return editedWorkbookBytes(workbook, apply, now, output, CLI_TEXTS.run.writeFailed);
}

/**
 * A workbook edited by `apply` (a plan applied) and serialised as written by finsam at `now`. A failure
 * of exceljs is not the input's fault: a CliFailure (exit 1) in `failed`'s words, and no file is written.
 */
export async function editedWorkbookBytes(
  workbook: ExcelJS.Workbook,
  apply: (workbook: ExcelJS.Workbook) => void,
  now: Date,
  output: string,
  failed: (output: string, cause: string) => string | readonly string[] = CLI_TEXTS.roundFiles.writeFailed,
): Promise<Uint8Array> {
  try {
    apply(workbook);
    giveTablesStyleInfo(workbook);
    dropUnreadConditionalFormats(workbook);
    workbook.modified = now;
    workbook.lastModifiedBy = 'finsam';
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  } catch (error) {
    if (isTooLarge(error)) throw new CliFailure(tooLargeToWriteMessage(output), error);
    throw new CliFailure(failed(output, causeText(error)) as string | string[], error);
  }
}

/** What `allocate --json` prints: the run's summary figures (RunSummary without its lines). */
export type JsonSummary = { ok: true; input: string; output: string; year?: number; notes: string[] } & Omit<
  RunSummary,
  'lines' | 'notices'
>;

/** The run's figures as the JSON fields of `allocate --json` and `check --json`. */
export function summaryFields(
  summary: RunSummary,
  year: number | undefined,
  notes: string[],
): Omit<JsonSummary, 'ok' | 'input' | 'output'> {
  return {
    ...(year !== undefined ? { year } : {}),
    scenario: summary.scenario,
    budget: summary.budget,
    totalFinal: summary.totalFinal,
    undistributed: summary.undistributed,
    appliedMaxDecrease: summary.appliedMaxDecrease,
    federationCount: summary.federationCount,
    municipalityCount: summary.municipalityCount,
    warningCounts: summary.warningCounts,
    flows: summary.flows,
    explanation: summary.explanation,
    voTotals: summary.voTotals,
    federations: summary.federations,
    notes,
  };
}

/** "+41 316 kr" / "−600 000 kr" / "0 kr": a change with its sign. */
export function signedKronor(n: number): string {
  const text = workbookLayer.formatKronor(Math.abs(n));
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

/** The explanation, the money flows and the totals per VO, as printed after the summary lines. */
export function flowLines(summary: RunSummary): string[] {
  const T = CLI_TEXTS.summary;
  const f = summary.flows;
  const kr = (n: number) => workbookLayer.formatKronor(n);
  return [
    T.explanation(summary.explanation),
    T.flowsHeading,
    T.flow(T.budget, kr(f.budget)),
    T.flow(T.pool, kr(f.pool)),
    T.flow(T.partYearRemainder, kr(f.partYearRemainder)),
    T.flow(T.lambda, workbookLayer.formatNumber(f.lambda, 6)),
    T.flow(T.appliedMaxDecrease, workbookLayer.formatShare(f.appliedMaxDecrease)),
    T.flow(T.cutByMatching, kr(f.cutByMatching)),
    T.flow(T.returned, kr(f.returned)),
    T.flow(T.surplus, kr(f.surplus)),
    T.flow(T.requested, kr(f.requested)),
    T.flow(T.granted, kr(f.granted)),
    T.flow(T.undistributed, kr(f.undistributed)),
    T.voHeading,
    ...summary.voTotals.map((v) =>
      T.vo(v.vo || SUMMARY_TEXTS.noVo, v.federationCount, kr(v.ideal), kr(v.final), signedKronor(v.change)),
    ),
  ];
}

/** The run's summary lines, indented (year, the summary, what exceljs would lose as "Obs:"). */
export function reportLines(summary: RunSummary, year: number | undefined, notes: string[]): string[] {
  return [
    ...(year !== undefined ? [CLI_TEXTS.run.year(year)] : []),
    ...summary.lines.map((line) => `  ${line}`),
    ...flowLines(summary).map((line) => `  ${line}`),
    ...notes.map((note) => CLI_TEXTS.run.notice(note)),
  ];
}

export function summaryLines(summary: RunSummary, output: string, year: number | undefined, notes: string[]): string[] {
  return [CLI_TEXTS.run.written(output), ...reportLines(summary, year, notes)];
}

export function problemLines(file: string, problems: Problem[], nothingWritten = true): string[] {
  return [
    CLI_TEXTS.run.problemsHeading(file, problems.length, nothingWritten),
    ...problems.map((p) => workbookLayer.formatProblem(p)),
  ];
}
