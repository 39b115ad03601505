// runAllocation: read, allocate, plan — and the mapping of engine issues onto cells.
import type { AllocationResult, ModelInput } from '../engine';
import { allocate, ModelInputError } from '../engine';
import type { Problem, SheetValues, WorkbookLayout, WritePlan } from './types';
import { buildWritePlan } from './plan';
import { readWorkbook } from './read';
import { sortProblems } from './sheets';
import { issueToProblem } from './issues';

export { issueToProblem };

export type RunOutcome =
  | { ok: true; input: ModelInput; layout: WorkbookLayout; result: AllocationResult; plan: WritePlan }
  | { ok: false; problems: Problem[] };

/**
 * Reads the workbook, runs the model and plans what to write. Any problem — the reader's or the
 * engine's — gives { ok: false, problems } (all of them, each with an address) and nothing to write.
 * options.timestamp (default: now) goes to Körlogg as local ISO time.
 */
export function runAllocation(sheets: SheetValues[], options: { timestamp?: Date } = {}): RunOutcome {
  const read = readWorkbook(sheets);
  if (!read.ok) return read;
  let result: AllocationResult;
  try {
    result = allocate(read.input);
  } catch (error) {
    if (error instanceof ModelInputError || (error instanceof Error && Array.isArray((error as ModelInputError).issues))) {
      const issues = (error as ModelInputError).issues;
      return { ok: false, problems: sortProblems(issues.map((i) => issueToProblem(i, read.input, read.layout))) };
    }
    throw error;
  }
  const federationSheet = sheets.find((s) => s.name === read.layout.federationSheet.name);
  const plan = buildWritePlan(read.layout, result, read.input, {
    timestamp: options.timestamp ?? new Date(),
    federationSheet,
    sheets,
  });
  return { ok: true, input: read.input, layout: read.layout, result, plan };
}
