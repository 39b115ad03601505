// Step 2: ideal allocation (idealfördelning), base, need, pool T and part-year remainder P.
import Decimal from 'decimal.js';
import { D, EXACT_DP, TWELVE, asD, sum, toGrid } from './decimal';
import { absorbResidual } from './exact';

const MONTHS_FACTORS: readonly Decimal[] = Array.from({ length: 13 }, (_, m) => new D(m).div(TWELVE));

// spec: docs/model.md §2 Ideal — m_f = months_f/12
export function monthsFactor(months: number): Decimal {
  return Number.isInteger(months) && months >= 0 && months <= 12 ? MONTHS_FACTORS[months] : new D(months).div(TWELVE);
}

// spec: docs/model.md §1, §2 — the part of B above the base allocations, B − N·G
export function distributableAmount(budget: Decimal, federationCount: number, baseAllocation: Decimal): Decimal {
  return asD(budget).minus(asD(baseAllocation).times(federationCount));
}

// spec: docs/model.md §2 Ideal — (B − N·G)·key_f, split exactly (Σ = B − N·G on the 10^-30 kr grid)
export function keyShares(distributable: Decimal, keys: readonly Decimal[], tieRank: readonly number[]): Decimal[] {
  const target = toGrid(asD(distributable));
  return absorbResidual(
    keys.map((k) => toGrid(target.times(k))),
    target,
    tieRank,
  );
}

// spec: docs/model.md §2 Ideal — base_f = G·m_f
export function baseAmount(baseAllocation: Decimal, months: number): Decimal {
  const g = asD(baseAllocation);
  return toGrid(months === 12 ? g : g.times(months).div(TWELVE));
}

// spec: docs/model.md §2 Ideal — ideal_f = (G + (B − N·G)·key_f)·m_f
export function idealAmount(baseAllocation: Decimal, keyShare: Decimal, months: number): Decimal {
  const full = asD(baseAllocation).plus(keyShare);
  // G and the key share are on the grid (G whole kronor at most 10^15), so a whole year's sum is too
  return months === 12 && full.decimalPlaces() <= EXACT_DP ? full : toGrid(months === 12 ? full : full.times(months).div(TWELVE));
}

// spec: docs/model.md §2 Ideal — need_f = ideal_f − base_f
export function needAmount(ideal: Decimal, base: Decimal): Decimal {
  return asD(ideal).minus(base);
}

// spec: docs/model.md §2 Ideal — pool T = Σ ideal_f
export function poolAmount(ideals: readonly Decimal[]): Decimal {
  return sum(ideals);
}

// spec: docs/model.md §2 Ideal — part-year remainder P = B − T (≥ 0)
export function partYearRemainder(budget: Decimal, pool: Decimal): Decimal {
  return asD(budget).minus(pool);
}
