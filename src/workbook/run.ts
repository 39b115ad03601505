// runAllocation: read, allocate, plan — and the mapping of engine issues onto cells.
import type { AllocationResult, ModelInput, LaterRoundProblem, LaterRoundResult } from '../engine';
import { allocate, ModelInputError, allocateLaterRound, LaterRoundInputError } from '../engine';
import type { Problem, SheetValues, WorkbookLayout, WritePlan } from './types';
import { buildWritePlan } from './plan';
import { readWorkbook } from './read';
import { makeProblem, sortProblems } from './sheets';
import { issueToProblem } from './issues';
import { regionalRunProblem, singleVoNotice, workbookScope } from './scope';
import { ROUND_LATER, textParameter } from './parameters';
import type { TextParameterCell } from './parameters';
import { decisionByLabel, latestDecision, readDecisions, recordedDecision } from './read-decisions';
import type { DecisionColumn, DecisionsRead } from './read-decisions';
import { withDecisionColumns, withLaterRound } from './decision-columns';
import { DECISION_TEXTS as T, engineText } from './messages';

export { issueToProblem };

export type RunOutcome =
  | {
      ok: true;
      input: ModelInput;
      layout: WorkbookLayout;
      result: AllocationResult;
      plan: WritePlan;
      /** the Beslut sheet as read (no sheet: no decisions) */
      decisions: DecisionsRead;
      /** a later round (Omgång = Ytterligare medel): the engine's result with the round's facts */
      laterRound?: LaterRoundResult;
    }
  | { ok: false; problems: Problem[] };

/** Which round the workbook asks for (Parametrar Omgång, Beslut) and the decision it is after. */
interface RoundChoice {
  later: boolean;
  decision?: DecisionColumn;
}

// spec: docs/workbook-format.md §2.1 — Omgång Ytterligare medel runs after the decision named by Beslut (default: the latest)
function chooseRound(sheets: SheetValues[], decisions: DecisionsRead, problems: Problem[]): RoundChoice {
  const round = textParameter(sheets, 'round', problems);
  const label = textParameter(sheets, 'decision', problems);
  if (round?.value !== ROUND_LATER) return { later: false };
  const at = (p: TextParameterCell | undefined, fallback: TextParameterCell | undefined) =>
    p ?? fallback ?? { sheet: 'Parametrar', row: 0, column: 0 };
  if (label?.value) {
    const decision = decisionByLabel(decisions, label.value);
    if (!decision) {
      const c = at(label, round);
      problems.push(
        makeProblem(
          c.sheet,
          c.row,
          c.column,
          T.decisionUnknown(
            label.value,
            decisions.decisions.map((d) => d.label),
          ),
        ),
      );
    }
    return { later: true, decision };
  }
  const decision = latestDecision(decisions);
  if (!decision) {
    const c = at(round, label);
    problems.push(makeProblem(c.sheet, c.row, c.column, T.noDecision));
  }
  return { later: true, decision };
}

/**
 * The problems of Omgång and Beslut on these sheets, by the reader's own rules (chooseRound): a value
 * that is not a choice, a later round without a decision or after a label not on Beslut. For the pane's
 * form, which checks its edits before they are saved.
 */
export function roundChoiceProblems(sheets: SheetValues[]): Problem[] {
  const problems: Problem[] = [];
  chooseRound(sheets, readDecisions(sheets, []), problems);
  return problems;
}

/** A later round's problem at its cell: Förbund's row, Beslut's row, or the parameter's Värde cell. */
function laterRoundProblem(
  issue: LaterRoundProblem,
  input: ModelInput,
  layout: WorkbookLayout,
  decisions: DecisionsRead,
  decision: DecisionColumn,
  sheets: SheetValues[],
): Problem {
  if (!('code' in issue) || !isLaterRoundCode(issue.code)) return issueToProblem(issue as never, input, layout);
  const i = issue as Extract<LaterRoundProblem, { decisionIndex?: number }>;
  const fs = layout.federationSheet;
  const ps = layout.parameterSheet;
  const message = engineText(issue.message);
  if (i.federationIndex !== undefined && fs.dataRows[i.federationIndex] !== undefined)
    return makeProblem(fs.name, fs.dataRows[i.federationIndex], fs.columns?.name ?? 0, message);
  if (i.decisionIndex !== undefined && decisions.sheet && decision.amounts[i.decisionIndex]) {
    const row = decision.amounts[i.decisionIndex].row;
    return makeProblem(decisions.sheet.name, row, i.field === 'amount' ? decision.column : decisions.sheet.nameColumn, message);
  }
  if (i.code === 'BUDGET_BELOW_DECIDED' && ps.rows?.budget !== undefined)
    return makeProblem(ps.name, ps.rows.budget, ps.valueColumn, message);
  const label = textParameter(sheets, 'decision') ?? textParameter(sheets, 'round');
  if (label) return makeProblem(label.sheet, label.row, label.column, message);
  return makeProblem(ps.name, ps.headerRow, ps.labelColumn ?? 0, message);
}

const LATER_ROUND_CODES = [
  'DECISION_LABEL_MISSING',
  'NOT_IN_DECISION',
  'DECIDED_FEDERATION_MISSING',
  'DECISION_DUPLICATE',
  'DECISION_AMOUNT_INVALID',
  'BUDGET_BELOW_DECIDED',
];
function isLaterRoundCode(code: string): boolean {
  return LATER_ROUND_CODES.includes(code);
}

/**
 * Reads the workbook, runs the model and plans what to write. Any problem — the reader's or the
 * engine's — gives { ok: false, problems } (all of them, each with an address) and nothing to write.
 * options.timestamp (default: now) goes to Körlogg as local ISO time. A regional workbook (Omfattning
 * = a VO) is refused at its Omfattning cell, with the reader's problems if any (round.md §1). With a decision on Beslut, the plan
 * also writes Beslutat and Ändring mot beslut (the latest decision, or options.decision: the one being
 * recorded); with Omgång = Ytterligare medel the run is the later round after the decision (round.md §7).
 * options.underlag false: the plan without the sheet Underlag (a run that writes nothing: Förklara).
 */
export function runAllocation(
  sheets: SheetValues[],
  options: { timestamp?: Date; decision?: DecisionColumn; underlag?: boolean } = {},
): RunOutcome {
  const scope = workbookScope(sheets);
  const read = readWorkbook(sheets);
  if (scope.regional) {
    return { ok: false, problems: sortProblems([regionalRunProblem(sheets, scope), ...(read.ok ? [] : read.problems)]) };
  }
  const roundProblems: Problem[] = [];
  const decisions = readDecisions(sheets, roundProblems);
  const choice = chooseRound(sheets, decisions, roundProblems);
  if (!read.ok) return { ok: false, problems: sortProblems([...read.problems, ...roundProblems]) };
  if (roundProblems.length > 0) return { ok: false, problems: sortProblems(roundProblems) };
  let result: AllocationResult;
  let laterRound: LaterRoundResult | undefined;
  try {
    if (choice.later && choice.decision) {
      laterRound = allocateLaterRound(read.input, recordedDecision(choice.decision));
      // The later round's result has the shape a run writes (LaterRoundResult: AllocationResult's fields,
      // its scenario label the round's own text)
      result = laterRound as unknown as AllocationResult;
    } else result = allocate(read.input);
  } catch (error) {
    if (error instanceof LaterRoundInputError && choice.decision) {
      const d = choice.decision;
      return {
        ok: false,
        problems: sortProblems(error.issues.map((i) => laterRoundProblem(i, read.input, read.layout, decisions, d, sheets))),
      };
    }
    if (error instanceof ModelInputError || (error instanceof Error && Array.isArray((error as ModelInputError).issues))) {
      const issues = (error as ModelInputError).issues;
      return { ok: false, problems: sortProblems(issues.map((i) => issueToProblem(i, read.input, read.layout))) };
    }
    throw error;
  }
  const federationSheet = sheets.find((s) => s.name === read.layout.federationSheet.name);
  const notice = singleVoNotice(read.input, read.layout);
  let plan = buildWritePlan(read.layout, result, read.input, {
    timestamp: options.timestamp ?? new Date(),
    federationSheet,
    ...(notice ? { notices: [notice] } : {}),
    ...(options.underlag === false ? {} : { sheets }),
  });
  // spec: docs/workbook-format.md §8; docs/model.md §A6 — after a decision exists every run writes Beslutat and Ändring mot beslut
  const compared = options.decision ?? latestDecision(decisions);
  if (laterRound) plan = withLaterRound(plan, laterRound);
  if (compared) plan = withDecisionColumns(plan, read.layout, result, compared);
  return { ok: true, input: read.input, layout: read.layout, result, plan, decisions, ...(laterRound ? { laterRound } : {}) };
}
