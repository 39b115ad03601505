// Step 1: keys.
import Decimal from 'decimal.js';
import { ZERO, asD } from './decimal';

export interface KeyShares {
  /** FM_f/ΣFM */
  supportMeasureShare: Decimal;
  /** POP_f/ΣPOP */
  populationShare: Decimal;
  /** key_f */
  key: Decimal;
}

// spec: allocation-model.md §1 Keys — FM_f = Σ fm_a, POP_f = Σ pop_a over f's areas
export function federationTotals(areas: readonly { supportMeasure: Decimal; population: Decimal }[]): {
  supportMeasure: Decimal;
  population: Decimal;
} {
  let supportMeasure: Decimal = ZERO;
  let population: Decimal = ZERO;
  for (const a of areas) {
    supportMeasure = supportMeasure.plus(a.supportMeasure);
    population = population.plus(a.population);
  }
  return { supportMeasure, population };
}

// spec: allocation-model.md §1 Keys — a share of a national total (0 when the weight is 0 and the total is 0)
export function shareOfTotal(part: Decimal, total: Decimal): Decimal {
  return total.isZero() ? ZERO : asD(part).div(total);
}

// spec: allocation-model.md §1 Keys — key_f = w_fm·FM_f/ΣFM + w_pop·POP_f/ΣPOP
export function allocationKey(
  supportMeasure: Decimal,
  population: Decimal,
  totalSupportMeasure: Decimal,
  totalPopulation: Decimal,
  weightSupportMeasure: Decimal,
  weightPopulation: Decimal,
): KeyShares {
  const supportMeasureShare = shareOfTotal(supportMeasure, totalSupportMeasure);
  const populationShare = shareOfTotal(population, totalPopulation);
  const key = asD(weightSupportMeasure).times(supportMeasureShare).plus(asD(weightPopulation).times(populationShare));
  return { supportMeasureShare, populationShare, key };
}
