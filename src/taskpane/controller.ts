// What the pane's buttons do, without React: read the workbook through the host, run the workbook
// layer, write back. Kept apart from the components so that it is tested on its own.
import type { AllocationResult } from '../engine';
import type { CellValue, Problem, RunSummary, SheetValues, WorkbookLayout, WritePlan } from '../workbook/types';
import { INPUT_SHEETS } from '../workbook/types';
import { removeOutputPlan, runAllocation, templateSheets } from '../workbook';
import type { RunOutcome } from '../workbook';
import { normalizeKey } from '../workbook/text';
import type { WorkbookHost, WriteStats } from '../excel/host';
import { explainAnyFederation } from '../workbook/explain-later';
import type { ExplanationLine } from '../workbook/explain';
import { PANE_TEXTS, PROGRESS } from './texts';

export type Stage = 'reading' | 'computing' | 'writing';

export const STAGE_LABELS: Record<Stage, string> = {
  reading: PROGRESS.readingWorkbook,
  computing: PROGRESS.computing,
  writing: PROGRESS.writing,
};

/** One federation's bar pair in the pane's chart (whole kronor). */
export interface ChartBar {
  name: string;
  ideal: number;
  final: number;
}

/**
 * What a write that failed left in the workbook, as read again after the failure:
 * - unchanged: nothing was changed (Körlogg is as before: the write empties it first);
 * - partial: some of the output was written (Körlogg is empty: it is written last);
 * - unknown: the workbook could not be read after the failure.
 */
export type WriteFailureState = 'unchanged' | 'partial' | 'unknown';

export interface WriteFailure {
  state: WriteFailureState;
  /** Excel's error, in Swedish words around it ("Excel svarade med ett fel: …") */
  error: string;
  /** The workbook had output of an earlier run before this one (so "unchanged" means it is still there) */
  hadOutput: boolean;
}

export type CalculationOutcome =
  | {
      ok: false;
      problems: Problem[];
      /** The sheets of the workbook as read: a problem on a missing sheet has no cell to select */
      sheetNames: string[];
      /** The workbook read without problems but writing the run failed (problems is then empty) */
      writeFailed?: WriteFailure;
    }
  | {
      ok: true;
      summary: RunSummary;
      result: AllocationResult;
      layout: WorkbookLayout;
      bars: ChartBar[];
      stats: WriteStats;
    };

/** Lets the browser paint (progress) before a long synchronous step. */
const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The input sheets (canonical names) the workbook lacks. */
export function missingInputSheets(sheets: SheetValues[]): string[] {
  return INPUT_SHEETS.filter((name) => !sheets.some((s) => normalizeKey(s.name) === normalizeKey(name)));
}

/** Whether a problem's cell exists to be selected (its sheet is in the workbook). */
export function canSelectProblem(problem: Problem, sheetNames: readonly string[]): boolean {
  return sheetNames.some((name) => normalizeKey(name) === normalizeKey(problem.sheet));
}

/** Ideal and final per federation, in input order. */
export function chartBars(result: AllocationResult): ChartBar[] {
  return result.federations.map((f) => ({ name: f.name, ideal: f.rounded.ideal.toNumber(), final: f.rounded.final.toNumber() }));
}

/**
 * "Beräkna": one read, the model, and — only when there is no problem — one write of everything
 * (output columns, Kommunbidrag, Körlogg, highlights, chart).
 */
export async function calculate(
  host: WorkbookHost,
  onStage: (stage: Stage) => void = () => undefined,
  now: () => Date = () => new Date(),
): Promise<CalculationOutcome> {
  onStage('reading');
  const sheets = await host.readWorkbook();
  onStage('computing');
  await nextFrame();
  const run = runAllocation(sheets, { timestamp: now() });
  if (!run.ok) return { ok: false, problems: run.problems, sheetNames: sheets.map((s) => s.name) };
  onStage('writing');
  await nextFrame();
  let stats: WriteStats;
  try {
    stats = await host.writeRun(run.plan, run.plan.chart);
  } catch (error) {
    const failure = await writeFailure(host, sheets, run.plan, error);
    if (!failure)
      return {
        ok: true,
        summary: run.plan.summary,
        result: run.result,
        layout: run.layout,
        bars: chartBars(run.result),
        stats: { syncs: 0, batchBytes: [] },
      };
    return { ok: false, problems: [], sheetNames: sheets.map((s) => s.name), writeFailed: failure };
  }
  return { ok: true, summary: run.plan.summary, result: run.result, layout: run.layout, bars: chartBars(run.result), stats };
}

/** "Excel svarade med ett fel: …" */
export function excelErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return PANE_TEXTS.excelError(message);
}

/** A sheet's values without trailing blank cells and rows, for comparing what is there. */
function trimmed(values: readonly (readonly CellValue[])[] | undefined): CellValue[][] {
  const rows = (values ?? []).map((r) => {
    const row = [...(r ?? [])].map((v) => (v === null ? '' : v));
    while (row.length > 0 && row[row.length - 1] === '') row.pop();
    return row;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

function sameValues(a: readonly (readonly CellValue[])[] | undefined, b: readonly (readonly CellValue[])[] | undefined): boolean {
  return JSON.stringify(trimmed(a)) === JSON.stringify(trimmed(b));
}

/**
 * What a failed write left, from the run log (Körlogg, the last of plan.sheets) read again: the host
 * empties it first and writes it last, so its values tell. Undefined when the run was in fact written
 * whole (Excel reported an error after the last operation: Körlogg holds this run's log).
 */
export async function writeFailure(
  host: WorkbookHost,
  before: SheetValues[],
  plan: WritePlan,
  error: unknown,
): Promise<WriteFailure | undefined> {
  const logName = plan.sheets[plan.sheets.length - 1]?.name ?? '';
  const logOf = (sheets: SheetValues[]) => sheets.find((s) => normalizeKey(s.name) === normalizeKey(logName));
  const earlier = logOf(before);
  const hadOutput = earlier !== undefined && trimmed(earlier.values).length > 0;
  let after: SheetValues[];
  try {
    after = await host.readWorkbook();
  } catch {
    return { state: 'unknown', error: excelErrorText(error), hadOutput };
  }
  const now = logOf(after);
  const planned = plan.sheets[plan.sheets.length - 1];
  if (now && planned && sameValues(now.values, planned.values)) return undefined;
  const unchanged =
    earlier === undefined ? now === undefined : hadOutput && now !== undefined && sameValues(now.values, earlier.values);
  return { state: unchanged ? 'unchanged' : 'partial', error: excelErrorText(error), hadOutput };
}

/** The model on the workbook as it is, without writing anything (Förklara). */
export async function computeOnly(host: WorkbookHost): Promise<RunOutcome> {
  const sheets = await host.readWorkbook();
  await nextFrame();
  return runAllocation(sheets);
}

/** The federation on a sheet row (0-based), when the row is a federation row of Förbund. */
export function federationAtRow(
  layout: WorkbookLayout,
  result: AllocationResult,
  sheet: string,
  row: number,
): string | undefined {
  if (normalizeKey(sheet) !== normalizeKey(layout.federationSheet.name)) return undefined;
  const i = layout.federationSheet.dataRows.indexOf(row);
  return i < 0 ? undefined : result.federations.find((f) => f.index === i)?.name;
}

/** One federation's calculation chain (Förklara); undefined when there is none to show. */
export function explanationLines(
  result: AllocationResult | undefined,
  selected: string | undefined,
): ExplanationLine[] | undefined {
  if (!result || !selected) return undefined;
  try {
    return explainAnyFederation(result, selected);
  } catch {
    return undefined;
  }
}

/** Inserts the template's sheets that are missing; returns their names. */
export async function insertTemplate(host: WorkbookHost): Promise<string[]> {
  return host.insertSheets(templateSheets());
}

/**
 * "Ta bort resultat": the run's own output cells and sheets, nothing else. Returns what was removed
 * (columns: output columns found; notices: further columns with an output header, left as they are).
 */
export async function removeResults(host: WorkbookHost): Promise<{ columns: number; sheets: string[]; notices: Problem[] }> {
  const sheets = await host.readWorkbook();
  const plan = removeOutputPlan(sheets);
  if (plan.clear.length > 0 || plan.deleteSheets.length > 0) await host.removeOutput(plan);
  return { columns: new Set(plan.clear.map((c) => c.column)).size, sheets: plan.deleteSheets, notices: plan.notices ?? [] };
}
