// Step 10: the scenario label.
import Decimal from 'decimal.js';
import { ZERO, compareTolerant } from './decimal';
import type { ScenarioLabel } from './types';

// spec: docs/model.md §10 Scenario — "Överskott" when S > 0 after step 6
export function hasSurplus(surplus: Decimal): boolean {
  return compareTolerant(surplus, ZERO) > 0;
}

// spec: docs/model.md §10 Scenario — Underskott when step 5 was needed, both may hold, else Balans
export function scenarioLabel(deficit: boolean, surplus: boolean): ScenarioLabel {
  if (deficit && surplus) return 'Underskott och överskott';
  if (deficit) return 'Underskott';
  if (surplus) return 'Överskott';
  return 'Balans';
}
