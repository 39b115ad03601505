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

// spec: docs/model.md §1 Keys — FM_f = Σ fm_a, POP_f = Σ pop_a over f's areas
export function federationTotals(areas: readonly { supportMeasure: Decimal; population: Decimal }[]): {
  supportMeasure: Decimal;
  population: Decimal;
} {
  if (areas.length === 0) return { supportMeasure: ZERO, population: ZERO };
  let supportMeasure = asD(areas[0].supportMeasure);
  let population = asD(areas[0].population);
  for (let i = 1; i < areas.length; i++) {
    supportMeasure = supportMeasure.plus(areas[i].supportMeasure);
    population = population.plus(areas[i].population);
  }
  return { supportMeasure, population };
}

// spec: docs/model.md §1 Keys — a share of a national total (0 when the weight is 0 and the total is 0)
export function shareOfTotal(part: Decimal, total: Decimal): Decimal {
  return total.isZero() ? ZERO : asD(part).div(total);
}

// spec: docs/model.md §1 Keys — key_f = w_fm·FM_f/ΣFM + w_pop·POP_f/ΣPOP
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
