// runAllocation: read, allocate, plan — and the mapping of engine issues onto cells.
import type { AllocationResult, ModelInput, ModelIssue } from '../engine';
import { allocate, ModelInputError, PARAMETERS } from '../engine';
import type { Problem, SheetValues, WorkbookLayout, WritePlan } from './types';
import { buildWritePlan } from './plan';
import { readWorkbook } from './read';
import { makeProblem, sortProblems } from './sheets';
import { normalizeKey } from './text';

export type RunOutcome =
  | { ok: true; input: ModelInput; layout: WorkbookLayout; result: AllocationResult; plan: WritePlan }
  | { ok: false; problems: Problem[] };

/** ModelIssue.field when it names a parameter (the engine and the workbook share one key scheme). */
function parameterKeyOf(field: string | undefined): string | undefined {
  return field !== undefined && PARAMETERS.some((p) => p.key === field) ? field : undefined;
}

/** The column of the first key present, else 0. */
function pick(columns: Record<string, number>, ...keys: (string | undefined)[]): number {
  for (const k of keys) if (k !== undefined && columns[k] !== undefined) return columns[k];
  return 0;
}

/**
 * The best cell for an engine issue: the area's row (areaIndex), the federation's row (federation),
 * the parameter's Värde cell (parameter field or a parameter code), a Kommuner header (ZERO_TOTALS),
 * else the Förbund header cell. Never without an address; the engine's message is kept as it is.
 */
export function issueToProblem(issue: ModelIssue, input: ModelInput, layout: WorkbookLayout): Problem {
  const fs = layout.federationSheet;
  const ms = layout.municipalitySheet;
  const ps = layout.parameterSheet;
  const fedCols = fs.columns ?? {};
  const areaCols = ms.columns ?? {};
  const message = issue.message.replace(/\.$/, '');
  const fieldName = issue.field?.replace(/^.*\./, '');

  if (issue.areaIndex !== undefined && ms.dataRows[issue.areaIndex] !== undefined) {
    const col = pick(areaCols, fieldName, issue.field, 'federation');
    return makeProblem(ms.name, ms.dataRows[issue.areaIndex], col, message);
  }
  const paramKey = parameterKeyOf(issue.field);
  const paramCodes: ModelIssue['code'][] = ['BUDGET_TOO_SMALL', 'WEIGHTS_NOT_100'];
  if (issue.federation !== undefined) {
    const key = normalizeKey(issue.federation);
    const i = input.federations.findIndex((f) => normalizeKey(f.name) === key);
    if (i >= 0 && fs.dataRows[i] !== undefined) {
      const col = pick(fedCols, fieldName, 'name');
      return makeProblem(fs.name, fs.dataRows[i], col, message);
    }
  }
  if (paramKey || paramCodes.includes(issue.code)) {
    const k = paramKey ?? (issue.code === 'BUDGET_TOO_SMALL' ? 'budget' : 'weightSupportMeasure');
    const row = ps.rows?.[k];
    if (row !== undefined) return makeProblem(ps.name, row, ps.valueColumn, message);
    return makeProblem(ps.name, ps.headerRow, ps.labelColumn ?? 0, message);
  }
  if (issue.code === 'ZERO_TOTALS' || (issue.code === 'NO_AREAS' && issue.federation === undefined)) {
    const col = pick(areaCols, fieldName, 'federation');
    return makeProblem(ms.name, ms.headerRow, col, message);
  }
  return makeProblem(fs.name, fs.headerRow, fedCols.name ?? 0, message);
}

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
  const plan = buildWritePlan(read.layout, result, read.input, { timestamp: options.timestamp ?? new Date(), federationSheet });
  return { ok: true, input: read.input, layout: read.layout, result, plan };
}
