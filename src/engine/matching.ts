// Step 6: matching (matchning) by the municipalities and the region.
import Decimal from 'decimal.js';
import { TWO, ZERO, asD, compareTolerant, dmax, dmin, sum } from './decimal';

// spec: docs/model.md §6 Matchning — cap_f = min(2·K_f, 2·R_f) over the given ones (none: unlimited)
export function matchingCap(municipalContribution?: Decimal, regionContribution?: Decimal): Decimal | undefined {
  const caps: Decimal[] = [];
  if (municipalContribution !== undefined) caps.push(asD(municipalContribution).times(TWO));
  if (regionContribution !== undefined) caps.push(asD(regionContribution).times(TWO));
  if (caps.length === 0) return undefined;
  return caps.length === 1 ? caps[0] : dmin(caps[0], caps[1]);
}

// spec: docs/model.md §6 Matchning — matched_f = min(A_f, cap_f), then reduced by returned_f (never below 0)
export function matchedAmount(afterFloor: Decimal, cap: Decimal | undefined, returned: Decimal): Decimal {
  const matchable = asD(cap === undefined ? afterFloor : dmin(afterFloor, cap));
  return returned.isZero() ? matchable : dmax(ZERO, matchable.minus(returned));
}

// spec: docs/model.md §W Warnings — MATCHNING: matched_f < A_f because of cap_f
export function isCappedByMatching(afterFloor: Decimal, cap: Decimal | undefined): boolean {
  return cap !== undefined && compareTolerant(cap, afterFloor) < 0;
}

// spec: docs/model.md §6 Matchning — cut_f = A_f − matched_f
export function cutAmount(afterFloor: Decimal, matched: Decimal): Decimal {
  return afterFloor === matched ? ZERO : asD(afterFloor).minus(matched);
}

// spec: docs/model.md §6 Matchning — S = P + Σ (A_f − matched_f)
export function surplusAfterMatching(partYearRemainder: Decimal, cuts: readonly Decimal[]): Decimal {
  return asD(partYearRemainder).plus(sum(cuts.filter((c) => !c.isZero())));
}
