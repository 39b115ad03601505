// Step 3: reasonable equity (Trappan) and excess equity.
import Decimal from 'decimal.js';
import { D, TWO, ZERO, asD, dmax, dmin } from './decimal';
import type { TrappanParameters } from './types';

// spec: allocation-model.md §3 Reasonable equity — Trappan (20 % / 15 % / 10 % bands)
/**
 * Reasonable equity for a basis: rate1 of the part up to limit1, rate2 of the part between
 * limit1 and limit2, rate3 of the part above limit2. Trappan(10 000 000) = 1 850 000.
 */
export function trappan(basis: Decimal.Value, params: TrappanParameters): Decimal {
  const b = dmax(new D(basis), ZERO);
  const l1 = params.limit1;
  const l2 = params.limit2;
  if (b.lte(l1)) return b.times(params.rate1);
  const band1 = dmin(b, l1);
  const band2 = dmax(ZERO, dmin(b, l2).minus(l1));
  const band3 = dmax(ZERO, b.minus(l2));
  return band1.times(params.rate1).plus(band2.times(params.rate2)).plus(band3.times(params.rate3));
}

// spec: allocation-model.md §3 — basis_f = total_prev_f, else 2·prev_f, else 2·ideal_f
/** prev = 0 is treated like a blank prev (a federation without last year's state allocation). */
export function reasonableEquityBasis(
  previousTotalFunds: Decimal | undefined,
  previousAllocation: Decimal | undefined,
  ideal: Decimal,
): Decimal {
  if (previousTotalFunds !== undefined) return asD(previousTotalFunds);
  if (previousAllocation !== undefined && previousAllocation.gt(ZERO)) return asD(previousAllocation).times(TWO);
  return asD(ideal).times(TWO);
}

// spec: allocation-model.md §3 — excess equity when equity_f is given and equity_f > reasonable_f
export function hasExcessEquity(equity: Decimal | undefined, reasonable: Decimal): boolean {
  return equity !== undefined && equity.gt(reasonable);
}
