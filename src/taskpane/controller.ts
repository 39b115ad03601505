// What the pane's buttons do, without React: read the workbook through the host, run the workbook
// layer, write back. Kept apart from the components so that it is tested on its own.
import type { AllocationResult } from '../engine';
import type { Problem, RunSummary, SheetValues, WorkbookLayout } from '../workbook/types';
import { INPUT_SHEETS } from '../workbook/types';
import { removeOutputPlan, runAllocation, templateSheets } from '../workbook';
import type { RunOutcome } from '../workbook';
import { normalizeKey } from '../workbook/text';
import type { WorkbookHost, WriteStats } from '../excel/host';
import { chartSpecFor } from '../excel/chart';

export type Stage = 'reading' | 'computing' | 'writing';

export const STAGE_LABELS: Record<Stage, string> = {
  reading: 'Läser arbetsboken …',
  computing: 'Beräknar fördelningen …',
  writing: 'Skriver resultatet …',
};

/** One federation's bar pair in the pane's chart (whole kronor). */
export interface ChartBar {
  name: string;
  ideal: number;
  final: number;
}

export type CalculationOutcome =
  | {
      ok: false;
      problems: Problem[];
      /** The sheets of the workbook as read: a problem on a missing sheet has no cell to select */
      sheetNames: string[];
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
export async function calculate(host: WorkbookHost, onStage: (stage: Stage) => void = () => undefined, now: () => Date = () => new Date()): Promise<CalculationOutcome> {
  onStage('reading');
  const sheets = await host.readWorkbook();
  onStage('computing');
  await nextFrame();
  const run = runAllocation(sheets, { timestamp: now() });
  if (!run.ok) return { ok: false, problems: run.problems, sheetNames: sheets.map((s) => s.name) };
  onStage('writing');
  await nextFrame();
  const stats = await host.writeRun(run.plan, chartSpecFor(run.layout, run.plan));
  return { ok: true, summary: run.plan.summary, result: run.result, layout: run.layout, bars: chartBars(run.result), stats };
}

/** The model on the workbook as it is, without writing anything (Förklara). */
export async function computeOnly(host: WorkbookHost): Promise<RunOutcome> {
  const sheets = await host.readWorkbook();
  await nextFrame();
  return runAllocation(sheets);
}

/** The federation on a sheet row (0-based), when the row is a federation row of Förbund. */
export function federationAtRow(layout: WorkbookLayout, result: AllocationResult, sheet: string, row: number): string | undefined {
  if (normalizeKey(sheet) !== normalizeKey(layout.federationSheet.name)) return undefined;
  const i = layout.federationSheet.dataRows.indexOf(row);
  return i < 0 ? undefined : result.federations.find((f) => f.index === i)?.name;
}

/** Inserts the template's sheets that are missing; returns their names. */
export async function insertTemplate(host: WorkbookHost): Promise<string[]> {
  return host.insertSheets(templateSheets());
}

/** "Ta bort resultat": the run's own output columns and sheets, nothing else. Returns what was removed. */
export async function removeResults(host: WorkbookHost): Promise<{ columns: number; sheets: string[] }> {
  const sheets = await host.readWorkbook();
  const plan = removeOutputPlan(sheets);
  if (plan.clear.length > 0 || plan.deleteSheets.length > 0) await host.removeOutput(plan);
  return { columns: plan.clear.length, sheets: plan.deleteSheets };
}
