// Step 7: överskott (surplus) → additional funds ("ytterligare statliga medel", FK letter 2017).
import Decimal from 'decimal.js';
import { ZERO, asD, compare, compareTolerant, dmax, dmin, sum, toGrid } from './decimal';
import { absorbResidual } from './exact';

// spec: docs/model.md §7 Överskott — want_f = min(request_f, cap_f − matched_f) (request_f if uncapped), ≥ 0
export function wantedAmount(request: Decimal, cap: Decimal | undefined, matched: Decimal): Decimal {
  const wanted = asD(cap === undefined ? request : dmin(request, asD(cap).minus(matched)));
  return dmax(ZERO, wanted);
}

// spec: docs/model.md §7 Överskott — tier 1: applicants without excess equity, tier 2: with
export function applicantTier(want: Decimal, excessEquity: boolean): 1 | 2 | undefined {
  if (!(compareTolerant(want, ZERO) > 0)) return undefined;
  return excessEquity ? 2 : 1;
}

// spec: docs/model.md §7 Överskott — one tier: everyone gets want_f if Σ want ≤ available, else want_f·available/Σ want
/**
 * Returns each applicant's grant and what is left. Pro rata grants are exact on the 10^-30 kr grid
 * and add up to `available` exactly (the residual of a few 10^-30 kr goes to the largest grant).
 */
export function serveTier(
  wants: readonly Decimal[],
  available: Decimal,
  tieRank: readonly number[],
): { grants: Decimal[]; left: Decimal } {
  const total = sum(wants);
  const avail = asD(available);
  if (compare(total, avail) <= 0) return { grants: wants.map(asD), left: avail.minus(total) };
  if (!(compare(avail, ZERO) > 0)) return { grants: wants.map(() => ZERO), left: avail };
  const grants = absorbResidual(
    wants.map((w) => toGrid(asD(w).times(avail).div(total))),
    avail,
    tieRank,
    { upper: wants },
  );
  return { grants, left: ZERO };
}

export interface AdditionalFunds {
  tier: (1 | 2 | undefined)[];
  extra: Decimal[];
  /** U, ej fördelat */
  undistributed: Decimal;
}

// spec: docs/model.md §7 Överskott — tier 1 served first, tier 2 shares what is left; U = the rest
export function distributeAdditionalFunds(
  wants: readonly Decimal[],
  excessEquity: readonly boolean[],
  surplus: Decimal,
  tieRank: readonly number[],
): AdditionalFunds {
  const n = wants.length;
  const tier = wants.map((w, i) => applicantTier(w, excessEquity[i]));
  const extra: Decimal[] = new Array(n).fill(ZERO);
  let available = asD(surplus);
  for (const t of [1, 2] as const) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (tier[i] === t) rows.push(i);
    if (rows.length === 0) continue;
    const { grants, left } = serveTier(
      rows.map((i) => wants[i]),
      available,
      rows.map((i) => tieRank[i]),
    );
    rows.forEach((i, k) => {
      extra[i] = grants[k];
    });
    available = left;
  }
  return { tier, extra, undistributed: available };
}
