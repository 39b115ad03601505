// Step 3: reasonable equity (Trappan) and excess equity.
import Decimal from 'decimal.js';
import { TWO, ZERO, asD, compare, compareTolerant, dmax } from './decimal';
import type { TrappanParameters } from './types';

// spec: docs/model.md §3 Reasonable equity — Trappan (20 % / 15 % / 10 % bands)
/**
 * Reasonable equity for a basis: rate1 of the part up to limit1, rate2 of the part between
 * limit1 and limit2, rate3 of the part above limit2. Trappan(10 000 000) = 1 850 000.
 */
export function trappan(basis: Decimal.Value, params: TrappanParameters): Decimal {
  const b = dmax(asD(basis), ZERO);
  const { limit1: l1, limit2: l2 } = params;
  if (compare(b, l1) <= 0) return b.times(params.rate1);
  const full = fullBands(params);
  if (compare(b, l2) <= 0) return full.first.plus(b.minus(l1).times(params.rate2));
  return full.firstTwo.plus(b.minus(l2).times(params.rate3));
}

/** Reasonable equity of the full lower bands (rate1·limit1, and with rate2·(limit2 − limit1)), once per parameter set. */
interface Bands {
  of: [Decimal, Decimal, Decimal, Decimal];
  first: Decimal;
  firstTwo: Decimal;
}
const bandCache = new WeakMap<TrappanParameters, Bands>();
function fullBands(params: TrappanParameters): Bands {
  const { limit1, limit2, rate1, rate2 } = params;
  let bands = bandCache.get(params);
  // (recomputed if a field of the same parameter object was replaced)
  if (!bands || bands.of[0] !== limit1 || bands.of[1] !== limit2 || bands.of[2] !== rate1 || bands.of[3] !== rate2) {
    const first = asD(limit1).times(rate1);
    const second = dmax(ZERO, asD(limit2).minus(limit1)).times(rate2);
    bands = { of: [limit1, limit2, rate1, rate2], first, firstTwo: first.plus(second) };
    bandCache.set(params, bands);
  }
  return bands;
}

// spec: docs/model.md §3 — basis_f = total_prev_f, else 2·prev_f, else 2·ideal_f
/** prev = 0 is treated like a blank prev (a federation without last year's state allocation). */
export function reasonableEquityBasis(
  previousTotalFunds: Decimal | undefined,
  previousAllocation: Decimal | undefined,
  ideal: Decimal,
): Decimal {
  if (previousTotalFunds !== undefined) return asD(previousTotalFunds);
  if (previousAllocation !== undefined && compareTolerant(previousAllocation, ZERO) > 0)
    return asD(previousAllocation).times(TWO);
  return asD(ideal).times(TWO);
}

// spec: docs/model.md §3 — excess equity when equity_f is given and equity_f > reasonable_f
export function hasExcessEquity(equity: Decimal | undefined, reasonable: Decimal): boolean {
  return equity !== undefined && compareTolerant(equity, reasonable) > 0;
}
