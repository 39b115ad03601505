// Exact totals on the 10^-EXACT_DP kr grid.
// spec: docs/model.md §E
import Decimal from 'decimal.js';
import { QUANTUM, ZERO, asD, compare, sum } from './decimal';

/** Residue tolerated per value: 100 grid steps. */
const MAX_STEPS_PER_VALUE = QUANTUM.times(100);

export interface ResidualBounds {
  lower?: readonly (Decimal | undefined)[];
  upper?: readonly (Decimal | undefined)[];
}

function priorityOrder(values: readonly Decimal[], rank: readonly number[]): number[] {
  const order = values.map((_, i) => i);
  order.sort((a, b) => compare(values[b], values[a]) || rank[a] - rank[b]);
  return order;
}

// spec: docs/model.md §E — amounts that must add up to a total exactly
/**
 * Grid amounts computed one by one (each rounded toward −∞ to the grid) miss their total by a
 * few grid steps. This gives that residual, target − Σ values, to the largest value (ties: lowest
 * `rank`, i.e. federation name order, so the result does not depend on row order), within each
 * row's bounds, spilling to the next largest if needed. Returns new values with Σ = target.
 */
export function absorbResidual(
  values: readonly Decimal[],
  target: Decimal,
  rank: readonly number[],
  bounds: ResidualBounds = {},
): Decimal[] {
  const result = values.map(asD);
  let residual = asD(target).minus(sum(values));
  if (residual.isZero() || result.length === 0) return result;
  // Only rounding residue is expected here: at most about one grid step per value.
  if (residual.abs().gt(MAX_STEPS_PER_VALUE.times(result.length + 1))) {
    throw new Error(`absorbResidual: skillnaden ${residual.toString()} är inte ett avrundningsfel`);
  }
  // The largest value normally takes it all; otherwise spill in order of size.
  const absorb = (i: number): boolean => {
    let next = result[i].plus(residual);
    const upper = bounds.upper?.[i];
    const lower = bounds.lower?.[i] ?? ZERO;
    if (upper !== undefined && compare(next, upper) > 0) next = upper;
    if (compare(next, lower) < 0) next = compare(result[i], lower) < 0 ? result[i] : lower;
    residual = residual.minus(next.minus(result[i]));
    result[i] = next;
    return residual.isZero();
  };
  let best = 0;
  for (let i = 1; i < result.length; i++) {
    const c = compare(result[i], result[best]);
    if (c > 0 || (c === 0 && rank[i] < rank[best])) best = i;
  }
  if (absorb(best)) return result;
  for (const i of priorityOrder(result, rank)) {
    if (i !== best && absorb(i)) return result;
  }
  throw new RangeError('Beloppen kan inte fås att summera exakt till totalen inom sina gränser');
}
