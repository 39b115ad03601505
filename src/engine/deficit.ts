// Step 5: underskott (deficit) — protection removed for excess equity, then the spärr relaxed.
import Decimal from 'decimal.js';
import { ONE, ZERO, asD, compare, compareTolerant, divDown, dmax, toGrid } from './decimal';
import { FloorRow, sumAfterFloorAt } from './floor';
import { absorbResidual } from './exact';

// spec: docs/model.md §5 Underskott — needed when Σ A_f(0) > T
export function isDeficit(rows: readonly FloorRow[], pool: Decimal): boolean {
  return compare(sumAfterFloorAt(rows, ZERO), pool) > 0;
}

// spec: docs/model.md §5 Underskott — federations with excess equity lose their protection
export function withoutExcessEquityProtection(rows: readonly FloorRow[], excessEquity: readonly boolean[]): FloorRow[] {
  return rows.map((r, i) => (excessEquity[i] && r.floor !== undefined ? { base: r.base, need: r.need, ideal: r.ideal } : r));
}

/** A federation as seen by the relaxed spärr: prevScaled = prev_f·m_f when still protected. */
export interface RelaxRow {
  base: Decimal;
  /** prev_f·m_f (exact, not rounded to the grid) when protected; undefined when not protected */
  prevScaled?: Decimal;
}

export interface RelaxedSolution {
  /** d' ≥ d, the applied spärr */
  maxDecrease: Decimal;
  /** A_f(0) at d', Σ = T exactly */
  afterFloor: Decimal[];
  /** floor_f at d' for protected rows (undefined for unprotected) */
  floor: (Decimal | undefined)[];
  /** A_f was lifted to floor_f (floor_f at d' > base_f) */
  lifted: boolean[];
}

// spec: docs/model.md §5 Underskott — smallest d' ≥ d with Σ A_f(0) = T
/**
 * h(d') = Σ_protected max((1 − d')·prev_f·m_f, base_f) + Σ_unprotected base_f is piecewise linear
 * and non-increasing in d'. Breakpoint d'_f = 1 − base_f/(prev_f·m_f): for d' ≥ d'_f, f is at its
 * base. Breakpoints are sorted and the right segment solved:
 * d' = 1 − (T − Σ_at base base_f)/Σ_at floor prev_f·m_f (rounded up, so floors never overshoot T).
 * Precondition: h(d) > T. Then λ = 0 and the floors at d' are made to add up to T exactly.
 */
export function solveRelaxedMaxDecrease(
  rowsIn: readonly RelaxRow[],
  poolIn: Decimal,
  maxDecrease: Decimal,
  tieRank: readonly number[],
): RelaxedSolution {
  const rows = rowsIn.map((r) => ({ base: asD(r.base), prevScaled: r.prevScaled === undefined ? undefined : asD(r.prevScaled) }));
  const pool = asD(poolIn);
  const n = rows.length;
  const active: boolean[] = new Array(n).fill(false);
  const breakpoints: { i: number; bp: Decimal }[] = [];
  let activeScaled: Decimal = ZERO;
  let inactiveBase: Decimal = ZERO;
  const oneMinusD = ONE.minus(maxDecrease);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.prevScaled !== undefined && compare(oneMinusD.times(r.prevScaled), r.base) > 0) {
      active[i] = true;
      activeScaled = activeScaled.plus(r.prevScaled);
      breakpoints.push({ i, bp: ONE.minus(r.base.div(r.prevScaled)) });
    } else {
      inactiveBase = inactiveBase.plus(r.base);
    }
  }
  breakpoints.sort((a, b) => compare(a.bp, b.bp) || tieRank[a.i] - tieRank[b.i]);
  let relaxed: Decimal = ONE;
  let start: Decimal = asD(maxDecrease);
  for (let k = 0; k <= breakpoints.length; k++) {
    const end = k < breakpoints.length ? breakpoints[k].bp : ONE;
    if (compare(activeScaled, ZERO) > 0) {
      const candidate = ONE.minus(divDown(pool.minus(inactiveBase), activeScaled));
      if (compare(candidate, end) <= 0) {
        relaxed = dmax(candidate, start);
        break;
      }
    } else {
      relaxed = start;
      break;
    }
    if (k < breakpoints.length) {
      const b = breakpoints[k];
      active[b.i] = false;
      activeScaled = activeScaled.minus(rows[b.i].prevScaled as Decimal);
      inactiveBase = inactiveBase.plus(rows[b.i].base);
      start = end;
    }
  }
  const oneMinusRelaxed = ONE.minus(relaxed);
  const floor = rows.map((r) => (r.prevScaled === undefined ? undefined : toGrid(oneMinusRelaxed.times(r.prevScaled))));
  const afterFloor: Decimal[] = rows.map((r) => r.base);
  const activeRows: number[] = [];
  let baseTotal: Decimal = ZERO;
  for (let i = 0; i < n; i++) {
    if (active[i]) activeRows.push(i);
    else baseTotal = baseTotal.plus(rows[i].base);
  }
  if (activeRows.length > 0) {
    const exact = absorbResidual(
      activeRows.map((i) => toGrid(oneMinusRelaxed.times(rows[i].prevScaled as Decimal))),
      pool.minus(baseTotal),
      activeRows.map((i) => tieRank[i]),
      { lower: activeRows.map((i) => rows[i].base) },
    );
    activeRows.forEach((i, k) => {
      afterFloor[i] = exact[k];
      floor[i] = exact[k];
    });
  }
  const lifted = rows.map((r, i) => active[i] && compareTolerant(floor[i] as Decimal, r.base) > 0);
  return { maxDecrease: relaxed, afterFloor, floor, lifted };
}
