// What the pane's buttons do, without React: read the workbook through the host, run the workbook
// layer, write back. Kept apart from the components so that it is tested on its own.
import type { AllocationResult, ModelInput } from '../engine';
import type { CellValue, Problem, RunSummary, SheetValues, WorkbookLayout, WritePlan } from '../workbook/types';
import { INPUT_SHEETS } from '../workbook/types';
import { removeOutputPlan, runAllocation, templateSheets } from '../workbook';
import type { RunOutcome } from '../workbook';
import { normalizeKey } from '../workbook/text';
import type { WorkbookHost, WriteStats } from '../excel/host';
import { federationStatement } from '../documents/statement';
import type { Statement, StatementContext } from '../documents/statement';
import { checkWrittenRow } from '../workbook/written-check';
import type { WrittenCheck } from '../workbook/written-check';
import type { Explain } from './state';
import { laterRoundSection } from '../workbook/explain-later';
import { withSection } from '../documents/statement';
import { PANE_TEXTS, PROGRESS } from './texts';
import { checkRegional } from '../round/check';
import type { RegionalCheck } from '../round/check';
import { explainRegional } from '../round/explain-regional';
import type { RegionalExplanation } from '../round/explain-regional';
import { NATIONAL_SHEET } from '../round/split';

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
      /** The run's input (Förklara's statement) */
      input: ModelInput;
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
  const written = (stats: WriteStats): CalculationOutcome => ({
    ok: true,
    summary: run.plan.summary,
    result: run.result,
    layout: run.layout,
    input: run.input,
    bars: chartBars(run.result),
    stats,
  });
  try {
    return written(await host.writeRun(run.plan, run.plan.chart));
  } catch (error) {
    const failure = await writeFailure(host, sheets, run.plan, error);
    if (!failure) return written({ syncs: 0, batchBytes: [] });
    return { ok: false, problems: [], sheetNames: sheets.map((s) => s.name), writeFailed: failure };
  }
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

/**
 * The model on the workbook as it is, without writing anything (Förklara), and the sheets as read; the
 * plan without Underlag, which only a written run needs.
 */
export async function computeOnly(host: WorkbookHost): Promise<{ run: RunOutcome; sheets: SheetValues[] }> {
  const sheets = await host.readWorkbook();
  await nextFrame();
  return { run: runAllocation(sheets, { underlag: false }), sheets };
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

/** The name cell of a federation's row on Förbund (0-based row), to select it from the summary. */
export function federationCell(layout: WorkbookLayout, row: number): { sheet: string; row: number; column: number } {
  const f = layout.federationSheet;
  return { sheet: f.name, row, column: f.columns?.name ?? 0 };
}

/**
 * One federation's statement (Förklara shows its sections; "Spara som PDF" prints it); undefined when
 * there is none to show. `context`: e.g. when it is made (the PDF's date) and a recorded decision.
 */
export function explanationStatement(
  explain: Pick<Explain, 'result' | 'input' | 'decision'>,
  selected: string | undefined,
  context: StatementContext = {},
): Statement | undefined {
  if (!explain.result || !selected) return undefined;
  try {
    const own: StatementContext = {};
    if (explain.input) own.input = explain.input;
    if (explain.decision) own.decision = explain.decision;
    const statement = federationStatement(explain.result, selected, { ...own, ...context });
    // spec: docs/model.md §A7 — a later round: its own section first, then the ordinary chain for information
    const later = laterRoundSection(explain.result, selected);
    return later ? withSection(statement, later, 'svar') : statement;
  } catch {
    return undefined;
  }
}

/** Whether Förbund shows what Förklara computes for the federation (undefined: nothing to compare). */
export function explanationCheck(explain: Explain, selected: string | undefined): WrittenCheck | undefined {
  const { result, layout, written } = explain;
  if (!result || !layout || !written || !selected) return undefined;
  const f = result.federations.find((x) => x.name === selected);
  return f ? checkWrittenRow(written.sheet, layout, written.plan, f.index) : undefined;
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

/** What Kontrollera shows: the regional report or the problems that stop it (round.md §3). */
export type CheckOutcome = RegionalCheck & { sheetNames: string[] };

/** "Kontrollera" on a regional workbook: one read, the report; nothing is written. */
export async function checkWorkbook(host: WorkbookHost): Promise<CheckOutcome> {
  const sheets = await host.readWorkbook();
  await nextFrame();
  return { ...checkRegional(sheets), sheetNames: sheets.map((s) => s.name) };
}

/** Förklara on a regional workbook: the input sheets and Nationellt read, every federation's proposal explained. */
export async function explainRegionalWorkbook(host: WorkbookHost): Promise<RegionalExplanation> {
  const sheets = await host.readWorkbook();
  const name = sheets.find((s) => normalizeKey(s.name) === normalizeKey(NATIONAL_SHEET))?.name;
  const national = name !== undefined ? (await host.readSheets([name]))[0] : undefined;
  await nextFrame();
  return explainRegional(sheets.map((s) => (national && s.name === national.name ? national : s)));
}
