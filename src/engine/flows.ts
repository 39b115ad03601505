// Where the money of a run went (the summary's money flows, issue 14): exact amounts from the result.
// spec: docs/model.md §F
import Decimal from 'decimal.js';
import { asD, dmin, sum } from './decimal';
import type { AllocationResult } from './types';

/** The money flows of a run, exact (unrounded). B = T + P; S = P + cutByMatching + returned; S = granted + U. */
export interface MoneyFlows {
  /** B, Statlig ram */
  budget: Decimal;
  /** T = Σ ideal_f */
  pool: Decimal;
  /** P = B − T */
  partYearRemainder: Decimal;
  /** Σ (A_f − min(A_f, cap_f)): what the members' matching could not carry */
  cutByMatching: Decimal;
  /** Σ (min(A_f, cap_f) − matched_f): funds handed back, as deducted */
  returned: Decimal;
  /** S after step 6 */
  surplus: Decimal;
  /** Σ request_f */
  requested: Decimal;
  /** Σ extra_f */
  granted: Decimal;
  /** U, ej fördelat */
  undistributed: Decimal;
}

// spec: docs/model.md §F — the part of A_f the members' matching cannot carry: A_f − min(A_f, cap_f)
export function matchingShortfall(afterFloor: Decimal, cap: Decimal | undefined): Decimal {
  return cap === undefined ? asD(0) : asD(afterFloor).minus(dmin(afterFloor, cap));
}

// spec: docs/model.md §F — B, T, P, Σ cut by matching, Σ returned, S, Σ request, Σ extra, U of one run
export function moneyFlows(result: AllocationResult): MoneyFlows {
  const fs = result.federations;
  const shortfalls = fs.map((f) => matchingShortfall(f.afterFloor, f.cap));
  return {
    budget: asD(result.parameters.budget),
    pool: asD(result.pool),
    partYearRemainder: asD(result.partYearRemainder),
    cutByMatching: sum(shortfalls),
    returned: sum(fs.map((f, i) => asD(f.cut).minus(shortfalls[i]))),
    surplus: asD(result.surplus),
    requested: sum(fs.map((f) => asD(f.request))),
    granted: sum(fs.map((f) => asD(f.extra))),
    undistributed: asD(result.undistributed),
  };
}
