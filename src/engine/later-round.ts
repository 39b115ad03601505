// A later round for additional funds (Omgång = Ytterligare medel) after a recorded decision.
// spec: docs/model.md §A7 — every federation keeps its decided amount less what it handed back; the rest is
// shared among the new applications by the tiers and pro rata of allocation-model.md step 7.
import Decimal from 'decimal.js';
import { allocatePrepared, municipalContributionsOf, nameRanks } from './allocate';
import { ZERO, asD, compare, dmax, nameKey, roundHalfUp, sum } from './decimal';
import { formatKronor as kr } from './format';
import { IssuesError } from './issues-error';
import { memberShares } from './members';
import { regionShareFromRounded, roundExtraColumn, roundMunicipalShare } from './rounding';
import { distributeAdditionalFunds, wantedAmount } from './surplus';
import type { AllocationResult, FederationResult, ModelInput, ModelIssue, ScenarioLabel } from './types';
import { PreparedInput, prepareModelInput } from './validate';
import { federationWarnings } from './warnings';

/** One federation's amount in a recorded decision (sheet Beslut: Slutlig tilldelning, whole kronor). */
export interface DecidedAmount {
  federation: string;
  amount: Decimal;
}

/** A recorded decision (round.md §6): its label (the column header on Beslut) and the decided amounts. */
export interface RecordedDecision {
  label: string;
  amounts: readonly DecidedAmount[];
}

export type LaterRoundIssueCode =
  /** the decision has no label */
  | 'DECISION_LABEL_MISSING'
  /** a federation of Förbund is not in the decision (it takes part in the next ordinary round) */
  | 'NOT_IN_DECISION'
  /** a federation of the decision is not on Förbund */
  | 'DECIDED_FEDERATION_MISSING'
  /** a federation twice in the decision */
  | 'DECISION_DUPLICATE'
  /** a decided amount that is not whole kronor ≥ 0 */
  | 'DECISION_AMOUNT_INVALID'
  /** Statlig ram below Σ (decided − returned): nothing to share and a negative Ej fördelat */
  | 'BUDGET_BELOW_DECIDED';

/** A problem of a later round, beside the model's own (ModelIssue). Nothing is written when there is one. */
export interface LaterRoundIssue {
  code: LaterRoundIssueCode;
  /** Swedish message */
  message: string;
  federation?: string;
  /** index into ModelInput.federations (the Förbund row) */
  federationIndex?: number;
  /** index into RecordedDecision.amounts (the Beslut row) */
  decisionIndex?: number;
  /** 'label', 'amount' or 'budget' */
  field?: string;
}

export type LaterRoundProblem = ModelIssue | LaterRoundIssue;

/** Thrown by allocateLaterRound() with every problem of the input and the decision at once. */
export class LaterRoundInputError extends IssuesError<LaterRoundProblem> {
  constructor(issues: LaterRoundProblem[]) {
    super('LaterRoundInputError', issues);
  }
}

// ── Swedish texts of the later round's problems and scenario. ONE home: move into the shared message
// ── table when it exists (keys are the typed codes above).
export const LATER_ROUND_TEXTS = {
  scenario: (label: string): string => `Ytterligare medel efter ${label}`,
  DECISION_LABEL_MISSING: (): string => 'Beslutet som omgången gäller saknar namn; ange beslutets rubrik på bladet Beslut.',
  NOT_IN_DECISION: (federation: string, label: string): string =>
    `Förbundet ${federation} finns inte i beslutet ${label}; det kan inte ta del av denna omgång för ytterligare medel utan tar del i nästa ordinarie omgång.`,
  DECIDED_FEDERATION_MISSING: (federation: string, label: string, amount: Decimal): string =>
    `Förbundet ${federation} finns i beslutet ${label} (${kr(amount)}) men inte på bladet Förbund; lägg tillbaka raden, med återlämnade medel om förbundet har lämnat tillbaka pengarna.`,
  DECISION_DUPLICATE: (federation: string, label: string): string =>
    `Förbundet ${federation} finns på flera rader i beslutet ${label}.`,
  DECISION_AMOUNT_INVALID: (federation: string, label: string, value: string): string =>
    `Beslutat belopp för förbundet ${federation} i beslutet ${label} ska vara hela kronor och minst 0 (nu ${value}).`,
  BUDGET_BELOW_DECIDED: (budget: Decimal, kept: Decimal, label: string): string =>
    `Statlig ram ${kr(budget)} räcker inte till det som förbunden behåller efter beslutet ${label} (beslutat minus återlämnat: ${kr(kept)}).`,
} as const;

/** One federation of a later round: the model's fields, with steps 6–9 those of the later round. */
export interface LaterRoundFederationResult extends FederationResult {
  /** decided_f, the amount of the recorded decision */
  decided: Decimal;
}

/** The round's figures for the summary (CLI and pane): its pot, applications and grants. */
export interface LaterRoundSummary {
  decisionLabel: string;
  /** Σ decided_f */
  decided: Decimal;
  /** Σ (decided_f − matched_f): what was handed back (a return above the decided amount counts as the decided amount) */
  handedBack: Decimal;
  /** S = B − Σ matched_f: the round's pot */
  pot: Decimal;
  /** federations with request_f > 0 */
  applicants: number;
  /** Σ request_f, Σ want_f */
  requested: Decimal;
  wanted: Decimal;
  /** Σ extra_f exact, and Σ Ytterligare medel as written */
  granted: Decimal;
  grantedRounded: Decimal;
}

/** The result of a later round: the shape of AllocationResult (written the same way) plus the round's facts. */
export interface LaterRoundResult extends Omit<AllocationResult, 'federations' | 'scenario'> {
  round: 'Ytterligare medel';
  federations: LaterRoundFederationResult[];
  /** label `Ytterligare medel efter <label>`; deficit: step 5 was needed (information); surplus: S > 0 */
  scenario: { deficit: boolean; surplus: boolean; label: string };
  /** the scenario of steps 1–5 of these inputs as an ordinary round would name it (information) */
  ordinaryScenario: ScenarioLabel;
  laterRound: LaterRoundSummary;
}

// spec: docs/model.md §A7 — matched_f = decided_f − returned_f (never below 0)
export function keptAmount(decided: Decimal, returned: Decimal): Decimal {
  return returned.isZero() ? asD(decided) : dmax(ZERO, asD(decided).minus(returned));
}

// spec: docs/model.md §A7 — S = B − Σ matched_f
export function laterRoundPot(budget: Decimal, kept: readonly Decimal[]): Decimal {
  return asD(budget).minus(sum(kept));
}

// spec: docs/model.md §A7 — cap_f from the current answers: members who cannot match what is kept (MATCHNING)
export function keptAboveMatchingCap(kept: Decimal, cap: Decimal | undefined): boolean {
  return cap !== undefined && compare(cap, kept) < 0;
}

// spec: docs/model.md §A7 — final_f = matched_f + extra_f
export function laterRoundFinal(kept: Decimal, extra: Decimal): Decimal {
  return extra.isZero() ? kept : kept.plus(extra);
}

// spec: docs/model.md §A7 — Matchad written as decided − returned exactly (whole kronor when both are)
export function roundKeptAmount(kept: Decimal): Decimal {
  return roundHalfUp(kept);
}

// spec: docs/model.md §A7 — Körlogg's Scenario is `Ytterligare medel efter <label>`
export function laterRoundScenarioLabel(label: string): string {
  return LATER_ROUND_TEXTS.scenario(label.trim());
}

function isWholeKronorAtLeastZero(x: unknown): x is Decimal {
  if (!Decimal.isDecimal(x)) return false;
  const d = x as Decimal;
  return d.isFinite() && d.isInteger() && !d.isNeg();
}

// spec: docs/model.md §A7 — the decision: a label, each federation once, whole kronor ≥ 0
function decisionIssues(decision: RecordedDecision, label: string): { issues: LaterRoundIssue[]; byKey: Map<string, number> } {
  const issues: LaterRoundIssue[] = [];
  const byKey = new Map<string, number>();
  if (!label)
    issues.push({ code: 'DECISION_LABEL_MISSING', field: 'label', message: LATER_ROUND_TEXTS.DECISION_LABEL_MISSING() });
  const amounts = Array.isArray(decision?.amounts) ? decision.amounts : [];
  amounts.forEach((row, i) => {
    const federation = typeof row?.federation === 'string' ? row.federation.trim() : '';
    if (!federation) return;
    const key = nameKey(federation);
    if (byKey.has(key)) {
      issues.push({
        code: 'DECISION_DUPLICATE',
        federation,
        decisionIndex: i,
        field: 'federation',
        message: LATER_ROUND_TEXTS.DECISION_DUPLICATE(federation, label),
      });
      return;
    }
    byKey.set(key, i);
    if (!isWholeKronorAtLeastZero(row.amount)) {
      issues.push({
        code: 'DECISION_AMOUNT_INVALID',
        federation,
        decisionIndex: i,
        field: 'amount',
        message: LATER_ROUND_TEXTS.DECISION_AMOUNT_INVALID(federation, label, String(row.amount ?? 'tomt')),
      });
    }
  });
  return { issues, byKey };
}

// spec: docs/model.md §A7 — a federation that is not in the decision is a problem; so is a decided one missing now
function membershipIssues(
  input: ModelInput,
  decision: RecordedDecision,
  label: string,
  byKey: Map<string, number>,
): LaterRoundIssue[] {
  const issues: LaterRoundIssue[] = [];
  const present = new Set<string>();
  const federations = Array.isArray(input?.federations) ? input.federations : [];
  federations.forEach((f, i) => {
    const name = typeof f?.name === 'string' ? f.name.trim() : '';
    if (!name) return;
    const key = nameKey(name);
    present.add(key);
    if (!byKey.has(key)) {
      issues.push({
        code: 'NOT_IN_DECISION',
        federation: name,
        federationIndex: i,
        field: 'name',
        message: LATER_ROUND_TEXTS.NOT_IN_DECISION(name, label),
      });
    }
  });
  for (const [key, i] of byKey) {
    if (present.has(key)) continue;
    const row = decision.amounts[i];
    issues.push({
      code: 'DECIDED_FEDERATION_MISSING',
      federation: row.federation.trim(),
      decisionIndex: i,
      field: 'federation',
      message: LATER_ROUND_TEXTS.DECIDED_FEDERATION_MISSING(
        row.federation.trim(),
        label,
        isWholeKronorAtLeastZero(row.amount) ? row.amount : ZERO,
      ),
    });
  }
  return issues;
}

interface PreparedLaterRound {
  problems: LaterRoundProblem[];
  prepared?: PreparedInput;
  /** decided_f per prepared federation */
  decided?: Decimal[];
  kept?: Decimal[];
  label: string;
}

// spec: docs/model.md §A7 — every problem of the inputs and the decision at once
function prepareLaterRound(input: ModelInput, decision: RecordedDecision): PreparedLaterRound {
  const label = typeof decision?.label === 'string' ? decision.label.trim() : '';
  const { issues: modelIssues, prepared } = prepareModelInput(input);
  const { issues: decisionProblems, byKey } = decisionIssues(decision, label);
  const problems: LaterRoundProblem[] = [...modelIssues, ...decisionProblems, ...membershipIssues(input, decision, label, byKey)];
  if (problems.length > 0 || !prepared) return { problems, label };
  const decided = prepared.federations.map((f) => asD(decision.amounts[byKey.get(f.nameKey) as number].amount));
  const kept = prepared.federations.map((f, i) => keptAmount(decided[i], f.returned));
  const keptTotal = sum(kept);
  if (compare(keptTotal, prepared.parameters.budget) > 0) {
    problems.push({
      code: 'BUDGET_BELOW_DECIDED',
      field: 'budget',
      message: LATER_ROUND_TEXTS.BUDGET_BELOW_DECIDED(prepared.parameters.budget, keptTotal, label),
    });
    return { problems, label };
  }
  return { problems, prepared, decided, kept, label };
}

// spec: docs/model.md §A7 — every problem of a later round, [] when it can be run
export function validateLaterRound(input: ModelInput, decision: RecordedDecision): LaterRoundProblem[] {
  return prepareLaterRound(input, decision).problems;
}

// spec: docs/model.md §A7 — the later round for additional funds
/**
 * Runs a later round: steps 1–5 for information (as `allocate` computes them), every federation keeps
 * its decided amount less what it handed back, and S = B − Σ kept is shared among the applicants by
 * the tiers and pro rata of step 7 (current eget kapital and answers). Throws LaterRoundInputError
 * with every problem at once.
 */
export function allocateLaterRound(input: ModelInput, decision: RecordedDecision): LaterRoundResult {
  const { problems, prepared, decided, kept, label } = prepareLaterRound(input, decision);
  if (problems.length > 0 || !prepared || !decided || !kept) throw new LaterRoundInputError(problems);
  const ordinary = allocatePrepared(prepared);
  const feds = prepared.federations;
  const info = ordinary.federations;
  const B = prepared.parameters.budget;

  // Steps 6–8 of the later round.
  const pot = laterRoundPot(B, kept);
  const wants = feds.map((f, i) => (compare(f.request, ZERO) > 0 ? wantedAmount(f.request, info[i].cap, kept[i]) : ZERO));
  const additional = distributeAdditionalFunds(
    wants,
    info.map((r) => r.excessEquity),
    pot,
    nameRanks(feds),
  );
  const finals = kept.map((m, i) => laterRoundFinal(m, additional.extra[i]));

  // Rounding (allocation-model.md "Rounding", Matchad = decided − returned).
  const keptR = kept.map(roundKeptAmount);
  const totalKeptR = sum(keptR);
  const extraR = roundExtraColumn(additional.extra, B, keptR, totalKeptR);
  const totalExtraR = sum(extraR);
  const finalR = keptR.map((m, i) => laterRoundFinal(m, extraR[i]));
  const municipalR = finalR.map((x) => roundMunicipalShare(x));
  const municipalContributions = municipalContributionsOf(feds, municipalR);

  const federations: LaterRoundFederationResult[] = info.map((r, i) => {
    const f = feds[i];
    const capped = keptAboveMatchingCap(kept[i], r.cap);
    const members = memberShares(finals[i]);
    return {
      ...r,
      decided: decided[i],
      matched: kept[i],
      cut: ZERO,
      cappedByMatching: capped,
      want: wants[i],
      tier: additional.tier[i],
      extra: additional.extra[i],
      final: finals[i],
      municipalShare: members.municipal,
      regionShare: members.region,
      // spec: docs/model.md §A7 — warnings as in the model where they apply (not SPÄRR/SPÄRR_EJ: no spärr is applied)
      warnings: federationWarnings({
        months: f.months,
        previousAllocation: f.previousAllocation,
        equity: f.equity,
        reasonableEquity: r.reasonableEquity,
        excessEquity: r.excessEquity,
        liftedToFloor: false,
        floor: undefined,
        protectionRemoved: false,
        decreaseThreshold: r.decreaseThreshold,
        afterFloor: kept[i],
        cap: r.cap,
        municipalContribution: f.municipalContribution,
        regionContribution: f.regionContribution,
        cappedByMatching: capped,
        matched: kept[i],
        returned: f.returned,
        request: f.request,
        extra: additional.extra[i],
        final: finals[i],
        appliedMaxDecrease: ordinary.appliedMaxDecrease,
      }),
      rounded: {
        ...r.rounded,
        matched: keptR[i],
        extra: extraR[i],
        final: finalR[i],
        municipalShare: municipalR[i],
        regionShare: regionShareFromRounded(finalR[i], municipalR[i]),
      },
    };
  });

  const totalFinalR = totalKeptR.plus(totalExtraR);
  const totalMunicipalR = sum(municipalR);
  const decidedTotal = sum(decided);
  return {
    round: 'Ytterligare medel',
    parameters: ordinary.parameters,
    federations,
    municipalContributions,
    federationCount: ordinary.federationCount,
    totalSupportMeasure: ordinary.totalSupportMeasure,
    totalPopulation: ordinary.totalPopulation,
    pool: ordinary.pool,
    partYearRemainder: ordinary.partYearRemainder,
    lambda: ordinary.lambda,
    appliedMaxDecrease: ordinary.appliedMaxDecrease,
    deficit: ordinary.deficit,
    surplus: pot,
    undistributed: additional.undistributed,
    scenario: { deficit: ordinary.deficit, surplus: compare(pot, ZERO) > 0, label: laterRoundScenarioLabel(label) },
    ordinaryScenario: ordinary.scenario.label,
    laterRound: {
      decisionLabel: label,
      decided: decidedTotal,
      handedBack: decidedTotal.minus(sum(kept)),
      pot,
      applicants: feds.filter((f) => compare(f.request, ZERO) > 0).length,
      requested: sum(feds.map((f) => f.request)),
      wanted: sum(wants),
      granted: sum(additional.extra),
      grantedRounded: totalExtraR,
    },
    totals: {
      ideal: ordinary.totals.ideal,
      afterFloor: ordinary.totals.afterFloor,
      matched: totalKeptR,
      extra: totalExtraR,
      final: totalFinalR,
      undistributed: B.minus(totalFinalR),
      municipalShare: totalMunicipalR,
      regionShare: totalFinalR.minus(totalMunicipalR),
    },
  };
}
