// Step 9: the members' shares and the split among a federation's municipalities.
import Decimal from 'decimal.js';
import { D, HALF, ONE, ZERO, asD, compare, sum } from './decimal';
import type { SplitMethod } from './types';

// spec: docs/model.md §9 Members' shares — municipalities together final_f/2, the region final_f/2
export function memberShares(final: Decimal): { municipal: Decimal; region: Decimal } {
  const f = asD(final);
  const half = f.times(HALF);
  return { municipal: half, region: f.minus(half) };
}

/** One municipality of a federation (its areas in that federation added up). */
export interface MunicipalityWeights {
  population: Decimal;
  /** number of försörjningsstöd recipients (undefined = missing) */
  recipients?: Decimal;
}

// spec: docs/model.md §9 — weight of a municipality: lika 1, invånare pop 16–64, försörjningsstöd fs recipients
export function splitWeight(method: SplitMethod, municipality: MunicipalityWeights): Decimal {
  if (method === 'lika') return ONE;
  if (method === 'invanare') return municipality.population;
  return municipality.recipients ?? ZERO;
}

// spec: docs/model.md §9 (and docs/decisions.md "Municipal split") — all weights 0 → equal shares
/** True when the method's weights are all 0 among several municipalities, so the split is equal instead. */
export function splitFallsBackToEqual(method: SplitMethod, municipalities: readonly MunicipalityWeights[]): boolean {
  return method !== 'lika' && municipalities.length > 1 && municipalities.every((m) => splitWeight(method, m).isZero());
}

// spec: docs/model.md §9 — the weights actually used (all weights 0 → equal weights 1)
export function effectiveSplitWeights(method: SplitMethod, municipalities: readonly MunicipalityWeights[]): Decimal[] {
  const weights = municipalities.map((m) => splitWeight(method, m));
  return weights.every((w) => w.isZero()) ? weights.map(() => ONE) : weights;
}

// spec: docs/model.md §9 — W, the sum of the weights used
/**
 * Σ weights. By inhabitants it is the federation's POP_f of step 1 (its areas added up) unless every
 * weight is 0 (then the weights are all 1); equal weights (lika) add up to their count.
 */
export function splitWeightTotal(method: SplitMethod, weights: readonly Decimal[], federationPopulation: Decimal): Decimal {
  if (weights.length === 1) return weights[0];
  if (method === 'invanare' && !federationPopulation.isZero()) return federationPopulation;
  if (weights.every((w) => w === weights[0])) return asD(weights[0]).times(weights.length);
  return sum(weights);
}

const WHOLE_WEIGHT_LIMIT = new D('1e30');

// spec: docs/model.md §R6 — LR split of Kommunernas andel, without rounding error
/**
 * Splits a whole-krona `total` in proportion to `weights`: shares w_i/W, amounts total·share_i and their
 * largest-remainder rounding (ties: earlier municipality first) — the same result as
 * largestRemainder(amounts, total) on the exact rational amounts.
 * - Floors: for whole weights and total with W < 10^30 the fractional part of total·w_i/W is 0 or at
 *   least 1/W from 0 and 1, far more than the ≤ 10^-44 error of the 60-digit amount, so ⌊amount⌋ is
 *   exact; otherwise ⌊total·w_i/W⌋ is an exact integer division.
 * - Order: by the exact remainders total·w_i − W·⌊total·w_i/W⌋ (the fractional parts times W, small
 *   whole numbers for whole weights), so equal fractional parts are a real tie and the earlier row
 *   wins (98 041⅔ twice is not a tie at 60 digits, where the last digit would decide).
 */
export function splitByWeights(
  weights: readonly Decimal[],
  total: Decimal,
  weightSum?: Decimal,
): { shares: Decimal[]; amounts: Decimal[]; rounded: Decimal[] } {
  const k = weights.length;
  const t = asD(total);
  if (k === 1) return { shares: [ONE], amounts: [t], rounded: [t] };
  if (t.isInteger() && weights.every((w) => w === weights[0])) return splitEqually(k, t);
  const W = weightSum ?? sum(weights);
  const wholeNumbers = t.isInteger() && W.lt(WHOLE_WEIGHT_LIMIT) && weights.every((w) => w.isInteger());
  const shares: Decimal[] = new Array(k);
  const amounts: Decimal[] = new Array(k);
  const floors: Decimal[] = new Array(k);
  const remainders: Decimal[] = new Array(k); // total·w_i − W·⌊total·w_i/W⌋, exact
  let floorSum: Decimal = ZERO;
  for (let i = 0; i < k; i++) {
    shares[i] = asD(weights[i]).div(W);
    amounts[i] = t.times(shares[i]);
    const p = t.times(weights[i]);
    floors[i] = wholeNumbers ? amounts[i].floor() : p.divToInt(W);
    remainders[i] = p.minus(floors[i].times(W));
    floorSum = floorSum.plus(floors[i]);
  }
  let steps = t.minus(floorSum).toNumber(); // a count of 1-krona steps, 0 ≤ steps < k
  if (steps > 0) {
    const rows = Array.from({ length: k }, (_, i) => i);
    rows.sort((a, b) => compare(remainders[b], remainders[a]) || a - b);
    for (const i of rows) {
      if (steps === 0) break;
      floors[i] = floors[i].plus(ONE);
      steps--;
    }
  }
  return { shares, amounts, rounded: floors };
}

// spec: docs/model.md §R6 — LR split of a whole-krona total in k equal parts
/**
 * Equal weights (lika, or every weight 0): every fractional part is the same, so LR gives ⌊t/k⌋ to all
 * and one krona more to the first t mod k rows (ties: earlier row first).
 */
export function splitEqually(k: number, total: Decimal): { shares: Decimal[]; amounts: Decimal[]; rounded: Decimal[] } {
  const t = asD(total);
  const share = ONE.div(k);
  const amount = t.div(k);
  const floor = t.divToInt(k);
  const more = floor.plus(ONE);
  const extra = t.minus(floor.times(k)).toNumber(); // a count of 1-krona steps, 0 ≤ extra < k
  return {
    shares: new Array<Decimal>(k).fill(share),
    amounts: new Array<Decimal>(k).fill(amount),
    rounded: Array.from({ length: k }, (_, i) => (i < extra ? more : floor)),
  };
}
