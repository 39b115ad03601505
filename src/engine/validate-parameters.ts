// Input validation of the parameters, and the cross-field rules as small named functions.
// spec: docs/model.md §I, §P, §1
import Decimal from 'decimal.js';
import { EXACT_DP, MAX_AMOUNT, ONE, ZERO, asD, compare } from './decimal';
import { ISSUE_TEXTS as M } from './messages';
import type { ModelInput, ModelIssue, ModelParameters } from './types';
import { modelParameters, parameterValue, PARAMETERS } from './parameters';
import type { ParameterKey } from './parameters';

// The cross-field rules, one function each: the engine's validation, the workbook reader and the
// pane's parameter form call these (in decimals), so a rule is written once.

// spec: docs/model.md §P — w_fm + w_pop must be 100 %
export function weightsAddUpTo100(weightSupportMeasure: Decimal, weightPopulation: Decimal): boolean {
  return weightSupportMeasure.plus(weightPopulation).eq(ONE);
}

// spec: docs/model.md §P — Trappan's limits rise: gräns 1 ≤ gräns 2
export function trappanLimitsInOrder(limit1: Decimal, limit2: Decimal): boolean {
  return !limit1.gt(limit2);
}

// spec: docs/model.md §P — B, the state budget, in whole kronor
export function isWholeKronor(budget: Decimal): boolean {
  return budget.isInteger();
}

// spec: docs/model.md §1 — error if B < N·G
export function budgetCoversBase(budget: Decimal, federationCount: number, baseAllocation: Decimal): boolean {
  return !budget.lt(baseAllocation.times(federationCount));
}

// spec: docs/model.md §I — a federation cannot both return and request
export function returnsAndRequests(returned: Decimal | undefined, request: Decimal | undefined): boolean {
  return !!returned && !!request && compare(returned, ZERO) > 0 && compare(request, ZERO) > 0;
}

type Read = { ok: true; value: Decimal | undefined } | { ok: false };

/** A number from the input: Decimal, number or numeric string; undefined/null = blank. */
const BLANK: Read = { ok: true, value: undefined };
const INVALID: Read = { ok: false };

export function readNumber(raw: unknown): Read {
  if (raw === undefined || raw === null || raw === '') return BLANK;
  try {
    const value = asD(raw as Decimal.Value); // no copy when it already is the engine's decimal
    return value.isFinite() ? { ok: true, value } : INVALID;
  } catch {
    return INVALID;
  }
}

/** Above MAX_AMOUNT (10^15): surely a typing or unit error, and beyond the exact grid's guarantee (x ≥ 0 here). */
export function isTooLarge(x: Decimal): boolean {
  return compare(x, MAX_AMOUNT) > 0;
}

/** Money amounts are carried to 10^-30 kr (finer digits carry no meaning). */
export function toExactAmount(x: Decimal): Decimal {
  return x.decimalPlaces() > EXACT_DP ? x.toDecimalPlaces(EXACT_DP, Decimal.ROUND_HALF_UP) : x;
}

// spec: docs/model.md §P — check and convert the parameters
export function prepareParameters(
  input: ModelInput,
  issues: ModelIssue[],
): { parameters?: ModelParameters; valid: Partial<Record<ParameterKey, Decimal>> } {
  const raw = (input?.parameters ?? {}) as Partial<ModelInput['parameters']>;
  const values: Partial<Record<ParameterKey, Decimal>> = {};
  let ok = true;
  for (const spec of PARAMETERS) {
    if (spec.key === 'year') continue; // informational, not checked
    if (spec.key === 'targetedFunds') continue; // the targeted round's pot: read and checked by that round
    const field = spec.key;
    const label = spec.name;
    const r = readNumber(parameterValue(raw, field));
    if (!r.ok || r.value === undefined) {
      issues.push({
        code: 'INVALID_NUMBER',
        field,
        message: r.ok ? M.parameterMissing(label) : M.parameterInvalid(label),
      });
      ok = false;
      continue;
    }
    const v = r.value;
    const isShare = spec.unit === 'share';
    if (isShare && (v.lt(ZERO) || v.gt(ONE))) {
      issues.push({
        code: 'INVALID_PARAMETER',
        field,
        message: M.parameterNotShare(label, v),
      });
      ok = false;
    } else if (!isShare && v.isNeg() && !v.isZero()) {
      issues.push({ code: 'NEGATIVE_AMOUNT', field, message: M.parameterNegative(label, v) });
      ok = false;
    } else if (!isShare && isTooLarge(v)) {
      issues.push({ code: 'AMOUNT_TOO_LARGE', field, message: M.parameterTooLarge(label) });
      ok = false;
    } else {
      values[field] = isShare ? v : toExactAmount(v);
    }
  }
  const budget = values.budget;
  if (budget && !isWholeKronor(budget)) {
    issues.push({
      code: 'INVALID_PARAMETER',
      field: 'budget',
      message: M.budgetNotWhole(budget),
    });
    ok = false;
  }
  const wFm = values.weightSupportMeasure;
  const wPop = values.weightPopulation;
  if (wFm && wPop && !weightsAddUpTo100(wFm, wPop)) {
    issues.push({
      code: 'WEIGHTS_NOT_100',
      field: 'weightSupportMeasure',
      message: M.weightsNot100(wFm, wPop),
    });
    ok = false;
  }
  const l1 = values.trappanLimit1;
  const l2 = values.trappanLimit2;
  if (l1 && l2 && !trappanLimitsInOrder(l1, l2)) {
    issues.push({
      code: 'INVALID_PARAMETER',
      field: 'trappanLimit2',
      message: M.trappanLimitsOrder(l1, l2),
    });
    ok = false;
  }
  if (!ok) return { valid: values };
  const parameters: ModelParameters = modelParameters(
    (key) => values[key] as Decimal,
    typeof raw.year === 'number' ? raw.year : undefined,
  );
  return { parameters, valid: values };
}
