// Fastställ in the pane, without React: what will be recorded (read + decide, nothing written), then one
// write through the host (the run and the decision column in one writeRun: few syncs, Körlogg last).
import type { Problem } from '../workbook/types';
import type { WorkbookHost } from '../excel/host';
import { decide, localDate } from '../round/decide';
import type { DecideOutcome, DecisionRecord } from '../round/decide';
import { chartBars } from './controller';
import type { CalculationOutcome } from './controller';
import { PANE_TEXTS } from './texts';

export type DecisionPreview =
  | { ok: false; problems: Problem[]; sheetNames: string[] }
  | { ok: true; decision: DecisionRecord; outcome: Extract<DecideOutcome, { ok: true }> };

/** The label the dialog proposes: "Beslut YYYY-MM-DD" of today. */
export function proposedDecisionLabel(now: Date): string {
  return PANE_TEXTS.decisionLabelProposal(localDate(now));
}

/** What Fastställ would record with this label and date (YYYY-MM-DD; default today) — read and computed, nothing written. */
export async function previewDecision(host: WorkbookHost, label: string, now: Date, date?: string): Promise<DecisionPreview> {
  const sheets = await host.readWorkbook();
  const outcome = decide(sheets, { label, timestamp: now, ...(date ? { date } : {}) });
  if (!outcome.ok) return { ok: false, problems: outcome.problems, sheetNames: sheets.map((s) => s.name) };
  return { ok: true, decision: outcome.decision, outcome };
}

/** Writes the decision previewed (one host write) and gives the run's outcome for the summary. */
export async function recordDecision(
  host: WorkbookHost,
  preview: Extract<DecisionPreview, { ok: true }>,
): Promise<CalculationOutcome> {
  const { plan, run } = preview.outcome;
  const stats = await host.writeRun(plan, plan.chart);
  return {
    ok: true,
    summary: plan.summary,
    result: run.result,
    layout: run.layout,
    input: run.input,
    bars: chartBars(run.result),
    stats,
  };
}
