// The change from last year of one federation's final allocation (Förbund, Förändring mot föregående år).
// spec: docs/model.md §C
import Decimal from 'decimal.js';
import { asD, compareTolerant, roundHalfUp, TWELVE, ZERO } from './decimal';

/** A federation's change from last year: its base, the change in whole kronor and as a share of the base. */
export interface YearChange {
  /** prev_f × months_f/12, exact (the amount the change is measured against) */
  base: Decimal;
  /** final_f (whole kronor, as written) − base, rounded half up to whole kronor */
  amount: Decimal;
  /** (final_f − base) / base, exact (0.1 = +10 %) */
  share: Decimal;
}

// spec: docs/model.md §C — base = prev_f × months_f/12; none for a new federation (prev_f blank or 0, as NY)
export function previousYearBase(previousAllocation: Decimal | undefined, months: number): Decimal | undefined {
  if (previousAllocation === undefined || compareTolerant(previousAllocation, ZERO) <= 0) return undefined;
  return asD(previousAllocation).times(months).dividedBy(TWELVE);
}

// spec: docs/model.md §C — change = final_f − prev_f × months_f/12 (kr, half up) and its share of the base
export function changeFromPreviousYear(
  final: Decimal,
  previousAllocation: Decimal | undefined,
  months: number,
): YearChange | undefined {
  const base = previousYearBase(previousAllocation, months);
  if (base === undefined) return undefined;
  const diff = asD(final).minus(base);
  return { base, amount: roundHalfUp(diff), share: diff.dividedBy(base) };
}
