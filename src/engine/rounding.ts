// Rounding to whole kronor for the written cells.
// spec: docs/model.md §R
import Decimal from 'decimal.js';
import { D, HALF, ONE, TIE_TOLERANCE, ZERO, asD, compare, dmax, dmin, fractionHead, roundHalfUp, sum } from './decimal';

export interface LargestRemainderOptions {
  /** Per-row upper bound: a row is never rounded above it (undefined = no bound). */
  upper?: readonly (Decimal | undefined)[];
  /** Per-row lower bound: a row is never rounded below it (undefined = 0). */
  lower?: readonly (Decimal | undefined)[];
  /** Tie-break rank per row, lower wins; default the row index (ties: earlier row first). */
  tieRank?: readonly number[];
}

// spec: docs/model.md §R1 — largest remainder (LR)
/**
 * Largest remainder: floor every value, then add 1 to the values with the largest fractional
 * parts (ties: earlier row first; fractional parts within TIE_TOLERANCE are a tie) until the values sum to `target`; if the target is below the
 * sum of the floors, take 1 from the smallest fractional parts instead (ties: earlier row first),
 * never going below 0 (or a row's lower bound). If one pass is not enough the passes repeat in the same order.
 * Throws RangeError when the target is not a whole number, a value is negative or the target
 * cannot be reached (negative target, or every row at its upper bound).
 */
export function largestRemainder(
  values: readonly Decimal.Value[],
  target: Decimal.Value,
  options: LargestRemainderOptions = {},
): Decimal[] {
  const t = new D(target);
  if (!t.isFinite() || !t.isInteger()) throw new RangeError(`LR: målsumman ${t.toString()} är inte ett heltal`);
  if (t.isNeg() && !t.isZero()) throw new RangeError(`LR: målsumman ${t.toString()} är negativ`);
  const n = values.length;
  const vals = values.map(asD);
  const floors: Decimal[] = new Array(n);
  const fracs: Decimal[] = new Array(n);
  let floorSum: Decimal = ZERO;
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    if (!v.isFinite() || (v.isNeg() && !v.isZero()))
      throw new RangeError(`LR: värdet ${v.toString()} är negativt eller ogiltigt`);
    if (v.isInteger()) {
      floors[i] = v;
      fracs[i] = ZERO;
    } else {
      floors[i] = v.floor();
      fracs[i] = v.minus(floors[i]);
    }
    floorSum = floorSum.plus(floors[i]);
  }
  const result = floors.slice();
  const diffDec = t.minus(floorSum);
  if (diffDec.isZero()) return result;
  if (diffDec.abs().gt(Number.MAX_SAFE_INTEGER)) throw new RangeError('LR: för stor skillnad mot målsumman');
  // An integer count of 1-krona steps (not a money amount).
  let steps = Math.abs(diffDec.toNumber());
  const rank = options.tieRank ?? null;
  const upper = options.upper;
  const lower = options.lower;
  const byRank = (a: number, b: number): number => (rank ? rank[a] - rank[b] : a - b);
  if (diffDec.isPos()) {
    const order = remainderOrder(fracs, true, byRank);
    while (steps > 0) {
      let progressed = false;
      for (const i of order) {
        if (steps === 0) break;
        const cap = upper ? upper[i] : undefined;
        if (cap !== undefined && compare(result[i].plus(ONE), cap) > 0) continue;
        result[i] = result[i].plus(ONE);
        steps--;
        progressed = true;
      }
      if (!progressed) throw new RangeError('LR: målsumman överstiger radernas tak');
    }
  } else {
    const order = remainderOrder(fracs, false, byRank);
    while (steps > 0) {
      let progressed = false;
      for (const i of order) {
        if (steps === 0) break;
        const bound = lower ? lower[i] : undefined;
        if (compare(result[i].minus(ONE), bound ?? ZERO) < 0) continue;
        result[i] = result[i].minus(ONE);
        steps--;
        progressed = true;
      }
      if (!progressed) throw new RangeError('LR: målsumman kan inte nås utan negativa värden');
    }
  }
  return result;
}

// spec: docs/model.md §R1 — "largest fractional parts (ties: earlier row first)"
/**
 * The order in which LR gives (largest fractional part first) or takes (smallest first) a krona.
 * Fractional parts that differ by at most TIE_TOLERANCE are a tie, decided by `byRank` (the row):
 * equal exact amounts may differ by the grid's residue (see TIE_TOLERANCE), and that is no reason
 * for a later row to get the krona. A tie group is the run of sorted parts within the tolerance of
 * its first member, so the grouping is well defined.
 */
export function remainderOrder(
  fracs: readonly Decimal[],
  largestFirst: boolean,
  byRank: (a: number, b: number) => number,
): number[] {
  const n = fracs.length;
  const order = Array.from({ length: n }, (_, i) => i);
  // By the exact fractional parts (compare: no conversion, no rounding, no allocation)
  order.sort((a, b) => (largestFirst ? compare(fracs[b], fracs[a]) : compare(fracs[a], fracs[b])) || byRank(a, b));
  let start = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && withinTieTolerance(fracs[order[start]], fracs[order[k]])) continue;
    if (k - start > 1) {
      const group = order.slice(start, k).sort(byRank);
      for (let j = 0; j < group.length; j++) order[start + j] = group[j];
    }
    start = k;
  }
  return order;
}

/** |a − b| ≤ TIE_TOLERANCE for fractional parts; parts 2·10^-14 apart in their first 14 decimals are not (no arithmetic). */
function withinTieTolerance(a: Decimal, b: Decimal): boolean {
  if (compare(a, b) === 0) return true;
  const heads = fractionHead(a) - fractionHead(b);
  if (heads >= 2 || heads <= -2) return false;
  return compare(a.minus(b).abs(), TIE_TOLERANCE) <= 0;
}

// spec: docs/model.md §R2 — Idealfördelning and Efter spärr
/** LR with target = Σ exact rounded half up (`total`: Σ values when the caller already has it, e.g. T). */
export function roundColumnToSum(values: readonly Decimal[], total: Decimal = sum(values)): Decimal[] {
  return largestRemainder(values, roundHalfUp(total));
}

// spec: docs/model.md §R3 — Matchad tilldelning = Efter spärr − LR-rounded cut
/**
 * Matchad = rounded Efter spärr − the cut, the cut rounded by LR over the rows with a cut
 * (target Σ cut half up). A row without a cut shows exactly its Efter spärr. The rounded cut of a
 * row never exceeds its rounded Efter spärr (so Matchad is never negative); if that bound makes
 * the target unreachable the target is lowered to what the bounds allow.
 */
export function roundMatchedColumn(afterFloorRounded: readonly Decimal[], cuts: readonly Decimal[]): Decimal[] {
  const rows: number[] = [];
  for (let i = 0; i < cuts.length; i++) if (compare(cuts[i], ZERO) > 0) rows.push(i);
  const result = afterFloorRounded.slice();
  if (rows.length === 0) return result;
  const rowCuts = rows.map((i) => cuts[i]);
  const bounds = rows.map((i) => afterFloorRounded[i]);
  const target = dmin(roundHalfUp(sum(rowCuts)), sum(bounds));
  const rounded = largestRemainder(rowCuts, target, { upper: bounds });
  rows.forEach((row, k) => {
    result[row] = asD(afterFloorRounded[row]).minus(rounded[k]);
  });
  return result;
}

// spec: docs/model.md §R4 — Ytterligare medel
/**
 * LR over the rows with extra > 0, target = min(Σ extra half up, B − Σ Matchad). A row that got
 * nothing shows 0. `matchedTotal`: Σ Matchad when the caller already has it.
 */
export function roundExtraColumn(
  extras: readonly Decimal[],
  budget: Decimal,
  matchedRounded: readonly Decimal[],
  matchedTotal: Decimal = sum(matchedRounded),
): Decimal[] {
  const rows: number[] = [];
  for (let i = 0; i < extras.length; i++) if (compare(extras[i], ZERO) > 0) rows.push(i);
  const result: Decimal[] = extras.map(() => ZERO);
  if (rows.length === 0) return result;
  const rowExtras = rows.map((i) => extras[i]);
  const room = asD(budget).minus(matchedTotal);
  const target = dmax(ZERO, dmin(roundHalfUp(sum(rowExtras)), room));
  const rounded = largestRemainder(rowExtras, target);
  rows.forEach((row, k) => {
    result[row] = rounded[k];
  });
  return result;
}

// spec: docs/model.md §R6 — Kommunernas andel = round_half_up(Slutlig/2)
export function roundMunicipalShare(finalRounded: Decimal): Decimal {
  return roundHalfUp(asD(finalRounded).times(HALF));
}

// spec: docs/model.md §R6 — Regionens andel = Slutlig − Kommunernas andel
export function regionShareFromRounded(finalRounded: Decimal, municipalRounded: Decimal): Decimal {
  return asD(finalRounded).minus(municipalRounded);
}

// spec: docs/model.md §R7 — Rimligt eget kapital: rounded half up
export function roundReasonableEquity(reasonable: Decimal): Decimal {
  return roundHalfUp(asD(reasonable));
}
