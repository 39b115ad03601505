// Step 4: the spärr (after floor) and λ, solved exactly.
import Decimal from 'decimal.js';
import { D, ONE, TWELVE, ZERO, asD, compare, compareTolerant, divDown, dmax, toGrid } from './decimal';
import { absorbResidual } from './exact';

/** One federation as seen by steps 4–5. */
export interface FloorRow {
  base: Decimal;
  need: Decimal;
  /** floor_f when protected, undefined when not */
  floor?: Decimal;
  /** ideal_f = base_f + need_f (optional: computed when missing) */
  ideal?: Decimal;
}

export interface LambdaSolution {
  lambda: Decimal;
  /** A_f(λ), on the exact grid, Σ = T exactly */
  afterFloor: Decimal[];
  /** A_f was lifted to floor_f (floor_f > base_f + λ·need_f) */
  lifted: boolean[];
}

function inContext(r: FloorRow): FloorRow {
  const base = asD(r.base);
  const need = asD(r.need);
  const floor = r.floor === undefined ? undefined : asD(r.floor);
  const ideal = r.ideal === undefined ? undefined : asD(r.ideal);
  return base === r.base && need === r.need && floor === r.floor && ideal === r.ideal ? r : { base, need, floor, ideal };
}

// spec: docs/model.md §4 Spärr — protected when prev_f > 0
export function isProtected(previousAllocation: Decimal | undefined): boolean {
  return previousAllocation !== undefined && compareTolerant(previousAllocation, ZERO) > 0;
}

// spec: docs/model.md §4 Spärr — prev_f·m_f
export function scaledPrevious(previousAllocation: Decimal, months: number): Decimal {
  const prev = asD(previousAllocation);
  return months === 12 ? prev : prev.times(months).div(TWELVE);
}

// spec: docs/model.md §4 Spärr — floor_f = (1 − d)·prev_f·m_f
export function floorAmount(previousAllocation: Decimal, maxDecrease: Decimal, months: number): Decimal {
  return toGrid(oneMinus(maxDecrease).times(scaledPrevious(previousAllocation, months)));
}

/** 1 − d, once per spärr value (the same Decimal for every federation of a run). */
const oneMinusCache = new WeakMap<Decimal, Decimal>();
function oneMinus(d: Decimal): Decimal {
  let keep = oneMinusCache.get(d);
  if (keep === undefined) oneMinusCache.set(d, (keep = ONE.minus(d)));
  return keep;
}

// spec: docs/model.md §4 Spärr — A_f(λ) = max(floor_f, base_f + λ·need_f), or base_f + λ·need_f unprotected
export function afterFloorAt(row: FloorRow, lambda: Decimal.Value): Decimal {
  const value = asD(row.base).plus(asD(row.need).times(lambda));
  return row.floor === undefined ? value : dmax(row.floor, value);
}

// spec: docs/model.md §4 Spärr — Σ A_f(λ)
export function sumAfterFloorAt(rows: readonly FloorRow[], lambda: Decimal.Value): Decimal {
  let total: Decimal = ZERO;
  const atZero = new D(lambda).isZero();
  for (const r of rows) {
    // A_f(0) = max(floor_f, base_f) needs no multiplication
    total = total.plus(atZero ? (r.floor === undefined ? r.base : dmax(r.floor, r.base)) : afterFloorAt(r, lambda));
  }
  return total;
}

// spec: docs/model.md §4 Spärr — SPÄRR: A_f was lifted to floor_f
export function isLiftedToFloor(row: FloorRow, lambda: Decimal.Value): boolean {
  return row.floor !== undefined && compareTolerant(row.floor, asD(row.base).plus(asD(row.need).times(lambda))) > 0;
}

// spec: docs/model.md §4 Spärr — breakpoint λ_f = (floor_f − base_f)/need_f
export function floorBreakpoint(row: FloorRow): Decimal | undefined {
  if (row.floor === undefined || compare(row.need, ZERO) <= 0) return undefined;
  return asD(row.floor).minus(row.base).div(row.need);
}

// spec: docs/model.md §4 Spärr — the smallest λ in [0, 1] with Σ A_f(λ) = T
/**
 * Σ A_f(λ) is piecewise linear and non-decreasing in λ. A protected f with need_f > 0 is at its
 * floor for λ ≤ λ_f. The breakpoints are sorted and the segments walked; on the right segment
 * λ = (T − Σ_at floor floor_f − Σ_fixed − Σ_free base_f) / Σ_free need_f (rounded toward zero).
 * When no floor binds at λ = 1, λ = 1 and A = ideal (also when Σ need = 0). Precondition:
 * Σ A_f(0) ≤ T (otherwise step 5 applies). The amounts are then made to add up to T exactly
 * on the 10^-30 kr grid (the residual of a few 10^-30 kr goes to the largest, never below a floor).
 */
export function solveLambda(rowsIn: readonly FloorRow[], poolIn: Decimal, tieRank: readonly number[]): LambdaSolution {
  const rows = rowsIn.map(inContext);
  const pool = asD(poolIn);
  const n = rows.length;
  const ideals = rows.map((r) => r.ideal ?? r.base.plus(r.need));
  // A floor equal to its ideal in exact arithmetic does not bind (compareTolerant): λ = 1
  const noFloorBinds = rows.every((r, i) => r.floor === undefined || compareTolerant(r.floor, ideals[i]) <= 0);
  if (noFloorBinds) {
    return { lambda: ONE, afterFloor: ideals, lifted: rows.map(() => false) };
  }
  // Classify: fixed (constant on [0, 1]), candidates (at floor until their breakpoint), free.
  const state: ('fixed' | 'floor' | 'free')[] = new Array(n);
  const fixedAmount: Decimal[] = new Array(n);
  const candidates: { i: number; bp: Decimal }[] = [];
  let fixedSum: Decimal = ZERO;
  let floorSum: Decimal = ZERO;
  let freeBase: Decimal = ZERO;
  let freeNeed: Decimal = ZERO;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const ideal = ideals[i];
    if (r.need.isZero()) {
      state[i] = 'fixed';
      fixedAmount[i] = r.floor === undefined ? r.base : dmax(r.floor, r.base);
      fixedSum = fixedSum.plus(fixedAmount[i]);
    } else if (r.floor !== undefined && compare(r.floor, ideal) >= 0) {
      state[i] = 'fixed';
      fixedAmount[i] = r.floor;
      fixedSum = fixedSum.plus(r.floor);
    } else if (r.floor !== undefined && compare(r.floor, r.base) > 0) {
      state[i] = 'floor';
      const bp = r.floor.minus(r.base).div(r.need);
      candidates.push({ i, bp });
      floorSum = floorSum.plus(r.floor);
    } else {
      state[i] = 'free';
      freeBase = freeBase.plus(r.base);
      freeNeed = freeNeed.plus(r.need);
    }
  }
  candidates.sort((a, b) => compare(a.bp, b.bp) || tieRank[a.i] - tieRank[b.i]);
  let lambda: Decimal = ONE;
  let start: Decimal = ZERO;
  for (let k = 0; k <= candidates.length; k++) {
    const end = k < candidates.length ? candidates[k].bp : ONE;
    const rest = pool.minus(fixedSum).minus(floorSum).minus(freeBase);
    if (compare(freeNeed, ZERO) > 0) {
      const candidate = divDown(rest, freeNeed);
      if (compare(candidate, end) <= 0) {
        lambda = dmax(candidate, start);
        break;
      }
    } else if (compare(rest, ZERO) <= 0) {
      lambda = start;
      break;
    }
    if (k < candidates.length) {
      const c = candidates[k];
      state[c.i] = 'free';
      floorSum = floorSum.minus(rows[c.i].floor as Decimal);
      freeBase = freeBase.plus(rows[c.i].base);
      freeNeed = freeNeed.plus(rows[c.i].need);
      start = end;
    }
  }
  if (compare(lambda, ONE) > 0) lambda = ONE;
  // Amounts: fixed and at-floor rows as they are; free rows base + λ·need, made to add up exactly.
  const afterFloor: Decimal[] = new Array(n);
  const freeRows: number[] = [];
  let fixedTotal: Decimal = ZERO;
  for (let i = 0; i < n; i++) {
    if (state[i] === 'fixed') afterFloor[i] = fixedAmount[i];
    else if (state[i] === 'floor') afterFloor[i] = rows[i].floor as Decimal;
    else {
      freeRows.push(i);
      continue;
    }
    fixedTotal = fixedTotal.plus(afterFloor[i]);
  }
  if (freeRows.length > 0) {
    const values = freeRows.map((i) => toGrid(afterFloorAt(rows[i], lambda)));
    const lower = freeRows.map((i) =>
      rows[i].floor === undefined ? rows[i].base : dmax(rows[i].floor as Decimal, rows[i].base),
    );
    const exact = absorbResidual(
      values,
      pool.minus(fixedTotal),
      freeRows.map((i) => tieRank[i]),
      { lower },
    );
    freeRows.forEach((i, k) => {
      afterFloor[i] = exact[k];
    });
  }
  // Free rows are above their floors by construction; only fixed and at-floor rows can be lifted.
  const lifted = rows.map((r, i) => state[i] !== 'free' && isLiftedToFloor(r, lambda));
  return { lambda, afterFloor, lifted };
}
