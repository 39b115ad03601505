// A workbook read into the host-neutral layer and computed, the plan applied and serialised, and the
// lines a command prints about a run or its problems.
import ExcelJS from 'exceljs';
import * as workbookLayer from '../workbook';
import type { Problem, RunSummary, SheetValues } from '../workbook/types';
import {
  applyWritePlan,
  dropUnreadConditionalFormats,
  giveTablesStyleInfo,
  prepareRecalculation,
  readSheets,
  type UncachedFormula,
} from './xlsx';
import { causeText, CliFailure, isTooLarge } from './errors';

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
      message: `formeln =${u.formula} saknar sparat värde; öppna filen i Excel eller LibreOffice, spara den och försök igen`,
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

export function compute(workbook: ExcelJS.Workbook, timestamp: Date): Computed {
  const uncached: UncachedFormula[] = [];
  const sheets = readSheets(workbook, { uncachedFormulas: uncached, layout: true });
  const reads = workbookLayer.cellsRead(sheets);
  const formulaProblems = uncachedProblems(uncached, reads);
  const run = workbookLayer.runAllocation(sheets, { timestamp });
  if (!run.ok) return { ok: false, problems: workbookLayer.sortProblems([...formulaProblems, ...run.problems]) };
  if (formulaProblems.length > 0) return { ok: false, problems: formulaProblems };
  return { ok: true, run, sheets, reads };
}

export function tooLargeToWriteMessage(output: string): string {
  return `Kunde inte skriva ${output}: arbetsboken blev för stor för att skrivas (mer än programmet klarar i minnet). Ingen fil skrevs.`;
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
  try {
    applyWritePlan(workbook, computed.run.plan);
    giveTablesStyleInfo(workbook);
    dropUnreadConditionalFormats(workbook);
    const written = [...computed.run.plan.blocks.map((b) => b.sheet), ...computed.run.plan.sheets.map((sheet) => sheet.name)];
    // The run's own formulas (Underlag) carry results the run computed: they are kept, not dropped
    const own = new Set(
      computed.run.plan.sheets.filter((sheet) => sheet.formulas).map((sheet) => sheet.name.trim().toLocaleLowerCase('sv')),
    );
    prepareRecalculation(
      workbook,
      (sheet, row, column) => own.has(sheet.trim().toLocaleLowerCase('sv')) || computed.reads(sheet, row, column),
      written,
    );
    workbook.modified = now;
    workbook.lastModifiedBy = 'finsam';
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  } catch (error) {
    if (isTooLarge(error)) throw new CliFailure(tooLargeToWriteMessage(output), error);
    throw new CliFailure(
      [
        `Kunde inte skriva ${output}: exceljs klarade inte att skriva arbetsboken (${causeText(error)}). Ingen fil skrevs.`,
        'Prova att öppna filen i Excel eller LibreOffice, spara den som Excel-arbetsbok (.xlsx) och köra igen.',
      ],
      error,
    );
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
    notes,
  };
}

/** The run's summary lines, indented (year, the summary, what exceljs would lose as "Obs:"). */
export function reportLines(summary: RunSummary, year: number | undefined, notes: string[]): string[] {
  return [
    ...(year !== undefined ? [`  År: ${year}`] : []),
    ...summary.lines.map((line) => `  ${line}`),
    ...notes.map((note) => `  Obs: ${note}`),
  ];
}

export function summaryLines(summary: RunSummary, output: string, year: number | undefined, notes: string[]): string[] {
  return [`Klart: resultatet är skrivet till ${output}`, ...reportLines(summary, year, notes)];
}

export function problemLines(file: string, problems: Problem[], nothingWritten = true): string[] {
  return [
    `${file} har ${problems.length} fel${nothingWritten ? '; ingen fil skrevs' : ''}:`,
    ...problems.map((p) => workbookLayer.formatProblem(p)),
  ];
}
