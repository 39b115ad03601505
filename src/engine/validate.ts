// Input validation: every problem of the input at once, in Swedish, typed.
// spec: docs/model.md §I, §P, §1 (B ≥ N·G, ΣFM > 0, ΣPOP > 0)
import Decimal from 'decimal.js';
import { ZERO, nameKey } from './decimal';
import { AREA_FIELD_NAMES, FEDERATION_FIELD_NAMES, ISSUE_TEXTS as M } from './messages';
import type { AreaInput, FederationInput, ModelInput, ModelIssue, ModelParameters, SplitMethod } from './types';
import {
  budgetCoversBase,
  isTooLarge,
  prepareParameters,
  readNumber,
  returnsAndRequests,
  toExactAmount,
} from './validate-parameters';

export {
  budgetCoversBase,
  isWholeKronor,
  returnsAndRequests,
  trappanLimitsInOrder,
  weightsAddUpTo100,
} from './validate-parameters';

export interface PreparedArea {
  index: number;
  municipality: string;
  municipalityKey: string;
  area?: string;
  population: Decimal;
  supportMeasure: Decimal;
  supportRecipients?: Decimal;
}

export interface PreparedFederation {
  index: number;
  name: string;
  nameKey: string;
  vo?: string;
  region?: string;
  months: number;
  previousAllocation?: Decimal;
  equity?: Decimal;
  previousTotalFunds?: Decimal;
  municipalContribution?: Decimal;
  regionContribution?: Decimal;
  request: Decimal;
  returned: Decimal;
  splitMethod: SplitMethod;
  areas: PreparedArea[];
}

export interface PreparedInput {
  parameters: ModelParameters;
  federations: PreparedFederation[];
}

/** How a DUPLICATE_AREA row clashes with the earlier row it names. */
export type AreaClash = 'sameFederation' | 'otherFederation' | 'splitNeedsArea';

/**
 * The rows a duplicate issue is about, beside the issue: DUPLICATE_FEDERATION, every federation index
 * with the name (first first); DUPLICATE_AREA, the earlier area index it clashes with and how. A host
 * that places issues at cells names both rows with it. Kept beside the issue (a WeakMap), so that an
 * issue stays the plain object callers compare and serialise.
 */
export interface IssueRows {
  rows: readonly number[];
  clash?: AreaClash;
}
const ISSUE_ROWS = new WeakMap<ModelIssue, IssueRows>();

/** The rows a duplicate issue is about (undefined for every other issue). */
export function issueRows(issue: ModelIssue): IssueRows | undefined {
  return ISSUE_ROWS.get(issue);
}

function withRows(issue: ModelIssue, rows: IssueRows): ModelIssue {
  ISSUE_ROWS.set(issue, rows);
  return issue;
}

/** An area's place (Kommun, Område) from its input as given, for the duplicate check; none without a Kommun. */
function placeOf(a: AreaInput | undefined): { municipality: string; municipalityKey: string; areaKey?: string } | undefined {
  const municipality = typeof a?.municipality === 'string' ? a.municipality.trim() : '';
  if (!municipality) return undefined;
  const area = typeof a?.area === 'string' && a.area.trim() ? a.area.trim() : undefined;
  return { municipality, municipalityKey: nameKey(municipality), areaKey: area === undefined ? undefined : nameKey(area) };
}

const SPLIT_METHODS: readonly SplitMethod[] = ['lika', 'invanare', 'forsorjningsstod'];

const FEDERATION_FIELDS: Record<string, string> = FEDERATION_FIELD_NAMES;

const AREA_FIELDS: Record<string, string> = AREA_FIELD_NAMES;

function describeArea(a: AreaInput | undefined): string {
  if (!a) return M.areaWhoUnknown;
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  return M.areaWho(text(a.municipality), text(a.area), text(a.federation));
}

function isMonthsValue(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return 12;
  let m: number;
  if (typeof raw === 'number') m = raw;
  else if (Decimal.isDecimal(raw)) m = (raw as Decimal).toNumber();
  else return undefined;
  return Number.isInteger(m) && m >= 1 && m <= 12 ? m : undefined;
}

// spec: docs/model.md §I — check and convert one federation
function prepareFederation(f: FederationInput, index: number, issues: ModelIssue[]): PreparedFederation | undefined {
  let ok = true;
  const name = typeof f?.name === 'string' ? f.name.trim() : '';
  const who = M.federationWho(name, index);
  if (!name) {
    issues.push({ code: 'MISSING_NAME', field: 'name', message: M.federationWithoutName(index) });
    ok = false;
  }
  const fieldIssue = (code: ModelIssue['code'], field: string, message: string) => {
    issues.push({ code, federation: name || undefined, field, message });
    ok = false;
  };
  const amounts: Record<string, Decimal | undefined> = {};
  for (const field of Object.keys(FEDERATION_FIELDS)) {
    const r = readNumber((f as unknown as Record<string, unknown>)?.[field]);
    const label = FEDERATION_FIELDS[field];
    if (!r.ok) fieldIssue('INVALID_NUMBER', field, M.fieldInvalid(who, label));
    else if (r.value !== undefined && r.value.isNeg() && !r.value.isZero())
      fieldIssue('NEGATIVE_AMOUNT', field, M.fieldNegativeAmount(who, label, r.value));
    else if (r.value !== undefined && isTooLarge(r.value)) fieldIssue('AMOUNT_TOO_LARGE', field, M.fieldTooLarge(who, label));
    else amounts[field] = r.value === undefined ? undefined : toExactAmount(r.value);
  }
  const months = isMonthsValue(f?.months);
  if (months === undefined) {
    issues.push({
      code: 'INVALID_MONTHS',
      federation: name || undefined,
      field: 'months',
      message: M.invalidMonths(who, f?.months),
    });
    ok = false;
  }
  const splitMethod = f?.splitMethod ?? 'invanare';
  if (!SPLIT_METHODS.includes(splitMethod)) {
    issues.push({
      code: 'INVALID_PARAMETER',
      federation: name || undefined,
      field: 'splitMethod',
      message: M.unknownSplitMethod(who, splitMethod),
    });
    ok = false;
  }
  const returned = amounts.returned;
  const request = amounts.request;
  if (returned && request && returnsAndRequests(returned, request)) {
    issues.push({
      code: 'RETURN_AND_REQUEST',
      federation: name,
      field: 'request',
      message: M.returnAndRequest(who, returned, request),
    });
    ok = false;
  }
  if (!ok) return undefined;
  return {
    index,
    name,
    nameKey: nameKey(name),
    vo: f.vo,
    region: f.region,
    months: months as number,
    previousAllocation: amounts.previousAllocation,
    equity: amounts.equity,
    previousTotalFunds: amounts.previousTotalFunds,
    municipalContribution: amounts.municipalContribution,
    regionContribution: amounts.regionContribution,
    request: amounts.request ?? ZERO,
    returned: amounts.returned ?? ZERO,
    splitMethod,
    areas: [],
  };
}

type AreaNumberField = 'population' | 'supportMeasure' | 'supportRecipients';

// spec: docs/model.md §I — an area's number: a number, given where required, not negative, not too large
function readAreaField(
  a: AreaInput,
  index: number,
  federation: string,
  field: AreaNumberField,
  issues: ModelIssue[],
): { ok: boolean; value?: Decimal } {
  const r = readNumber(a?.[field]);
  const required = field !== 'supportRecipients';
  const value = r.ok ? r.value : undefined;
  let code: ModelIssue['code'] | undefined;
  let message = '';
  if (!r.ok || (required && value === undefined)) {
    code = 'INVALID_NUMBER';
    message = r.ok ? M.fieldMissing(describeArea(a), AREA_FIELDS[field]) : M.fieldInvalid(describeArea(a), AREA_FIELDS[field]);
  } else if (value !== undefined && value.isNeg() && !value.isZero()) {
    code = 'NEGATIVE_AMOUNT';
    message = M.fieldNegativeNumber(describeArea(a), AREA_FIELDS[field], value);
  } else if (value !== undefined && isTooLarge(value)) {
    code = 'AMOUNT_TOO_LARGE';
    message = M.fieldTooLarge(describeArea(a), AREA_FIELDS[field]);
  }
  if (!code) return { ok: true, value };
  issues.push({ code, areaIndex: index, federation: federation || undefined, field, message });
  return { ok: false };
}

// spec: docs/model.md §I — check and convert one area
function prepareArea(a: AreaInput, index: number, issues: ModelIssue[]): PreparedArea | undefined {
  let ok = true;
  const federation = typeof a?.federation === 'string' ? a.federation.trim() : '';
  const municipality = typeof a?.municipality === 'string' ? a.municipality.trim() : '';
  if (!municipality) {
    issues.push({
      code: 'MISSING_NAME',
      areaIndex: index,
      federation: federation || undefined,
      field: 'municipality',
      message: M.areaWithoutMunicipality(index, federation),
    });
    ok = false;
  }
  const population = readAreaField(a, index, federation, 'population', issues);
  const supportMeasure = readAreaField(a, index, federation, 'supportMeasure', issues);
  const supportRecipients = readAreaField(a, index, federation, 'supportRecipients', issues);
  ok = ok && population.ok && supportMeasure.ok && supportRecipients.ok;
  if (!ok) return undefined;
  const areaName = typeof a.area === 'string' && a.area.trim() ? a.area.trim() : undefined;
  return {
    index,
    municipality,
    municipalityKey: nameKey(municipality),
    area: areaName,
    population: population.value as Decimal,
    supportMeasure: supportMeasure.value as Decimal,
    supportRecipients: supportRecipients.value,
  };
}

// spec: docs/model.md §I, §1 — check the whole input and group the areas by federation
/** Every issue of the input, and the converted input when there is none. */
export function prepareModelInput(input: ModelInput): { issues: ModelIssue[]; prepared?: PreparedInput } {
  const issues: ModelIssue[] = [];
  const { parameters, valid } = prepareParameters(input, issues);
  const rawFederations: FederationInput[] = Array.isArray(input?.federations) ? input.federations : [];
  const rawAreas: AreaInput[] = Array.isArray(input?.areas) ? input.areas : [];
  if (rawFederations.length === 0) {
    issues.push({ code: 'NO_FEDERATIONS', message: M.noFederations });
  }
  const federations: (PreparedFederation | undefined)[] = rawFederations.map((f, i) => prepareFederation(f, i, issues));
  // Federation names: unique (case, white space and Unicode form folded).
  const byName = new Map<string, number>();
  const occurrences = new Map<string, number[]>();
  rawFederations.forEach((f, i) => {
    const name = typeof f?.name === 'string' ? f.name.trim() : '';
    if (!name) return;
    const key = nameKey(name);
    if (byName.has(key)) occurrences.get(key)!.push(i);
    else {
      byName.set(key, i);
      occurrences.set(key, [i]);
    }
  });
  for (const rows of occurrences.values()) {
    if (rows.length < 2) continue;
    const name = String(rawFederations[rows[0]].name).trim();
    issues.push(
      withRows(
        { code: 'DUPLICATE_FEDERATION', federation: name, field: 'name', message: M.duplicateFederation(name, rows.length) },
        { rows },
      ),
    );
  }
  // Areas: known federation, valid numbers, each Kommun + Område at most once in the whole run
  // (twice in one federation, or in two federations, are both errors).
  const areaCount = new Array(rawFederations.length).fill(0);
  const places = new Map<string, { federation: number; areaKey?: string; index: number }[]>(); // Kommun key → its rows so far
  const areas: (PreparedArea | undefined)[] = [];
  // Fast path: the area names its federation exactly as the federation row does.
  const byRawName = new Map<unknown, number>();
  rawFederations.forEach((f, i) => {
    if (typeof f?.name === 'string' && byName.get(nameKey(f.name)) === i) byRawName.set(f.name, i);
  });
  rawAreas.forEach((a, i) => {
    const prepared = prepareArea(a, i, issues);
    areas.push(prepared);
    const fedName = typeof a?.federation === 'string' ? a.federation.trim() : '';
    const fedIndex = byRawName.get(a?.federation) ?? (fedName ? byName.get(nameKey(fedName)) : undefined);
    if (fedIndex === undefined) {
      issues.push({
        code: 'UNKNOWN_FEDERATION',
        areaIndex: i,
        federation: fedName || undefined,
        field: 'federation',
        message: M.unknownFederation(describeArea(a), fedName),
      });
      return;
    }
    areaCount[fedIndex]++;
    // Each Kommun + Område once in the whole run; and a municipality split between federations needs an
    // Område on every row (a whole-municipality row in one federation and any row of it in another
    // would count its people twice). One map entry per municipality: where it occurs, usually once.
    // A row with a number that cannot be used takes part too: its place is still taken.
    const place = prepared
      ? {
          municipality: prepared.municipality,
          municipalityKey: prepared.municipalityKey,
          areaKey: prepared.area === undefined ? undefined : nameKey(prepared.area),
        }
      : placeOf(a);
    if (!place) return;
    const { areaKey } = place;
    const seen = places.get(place.municipalityKey);
    let same: (typeof seen & object)[number] | undefined;
    let split: typeof same;
    if (seen) {
      for (const m of seen) {
        if (m.areaKey === areaKey) same = m;
        else if (m.federation !== fedIndex && (areaKey === undefined || m.areaKey === undefined)) split ??= m;
      }
    }
    const clash = same ?? split;
    if (clash) {
      const sameFederation = clash.federation === fedIndex;
      const otherName = String(rawFederations[clash.federation].name).trim();
      const kind: AreaClash = same ? (sameFederation ? 'sameFederation' : 'otherFederation') : 'splitNeedsArea';
      issues.push(
        withRows(
          {
            code: 'DUPLICATE_AREA',
            areaIndex: i,
            federation: fedName,
            field: kind === 'sameFederation' ? 'municipality' : 'area',
            message:
              kind === 'sameFederation'
                ? M.areaTwiceInFederation(describeArea(a))
                : kind === 'otherFederation'
                  ? M.areaInOtherFederation(describeArea(a), otherName)
                  : M.splitMunicipalityNeedsArea(place.municipality, otherName),
          },
          { rows: [clash.index], clash: kind },
        ),
      );
      return;
    }
    if (seen) seen.push({ federation: fedIndex, areaKey, index: i });
    else places.set(place.municipalityKey, [{ federation: fedIndex, areaKey, index: i }]);
    const federation = federations[fedIndex];
    if (prepared && federation) federation.areas.push(prepared);
  });
  rawFederations.forEach((f, i) => {
    const name = typeof f?.name === 'string' ? f.name.trim() : '';
    if (areaCount[i] === 0 && name && byName.get(nameKey(name)) === i) {
      issues.push({
        code: 'NO_AREAS',
        federation: name,
        message: M.noAreas(name),
      });
    }
  });
  // Recipients are needed for a split by försörjningsstöd.
  for (const f of federations) {
    if (!f || f.splitMethod !== 'forsorjningsstod') continue;
    for (const a of f.areas) {
      if (a.supportRecipients === undefined) {
        issues.push({
          code: 'MISSING_RECIPIENTS',
          areaIndex: a.index,
          federation: f.name,
          field: 'supportRecipients',
          message: M.missingRecipients(f.name, describeArea(rawAreas[a.index])),
        });
      }
    }
  }
  // National totals (only meaningful when every area was read).
  const allAreasRead = areas.every((a) => a !== undefined);
  const wFm = valid.weightSupportMeasure;
  const wPop = valid.weightPopulation;
  if (allAreasRead && rawAreas.length > 0) {
    // All values are ≥ 0 here, so a total is 0 exactly when every value is 0.
    const totalFmIsZero = (areas as PreparedArea[]).every((a) => a.supportMeasure.isZero());
    const totalPopIsZero = (areas as PreparedArea[]).every((a) => a.population.isZero());
    if (totalFmIsZero && (wFm === undefined || wFm.gt(ZERO))) {
      issues.push({
        code: 'ZERO_TOTALS',
        field: 'supportMeasure',
        message: M.zeroSupportMeasure,
      });
    }
    if (totalPopIsZero && (wPop === undefined || wPop.gt(ZERO))) {
      issues.push({
        code: 'ZERO_TOTALS',
        field: 'population',
        message: M.zeroPopulation,
      });
    }
  }
  // spec §1: error if B < N·G.
  const budget = valid.budget;
  const baseAllocation = valid.baseAllocation;
  if (budget && baseAllocation && !budget.isNeg() && rawFederations.length > 0) {
    const n = rawFederations.length;
    const needed = baseAllocation.times(n);
    if (!budgetCoversBase(budget, n, baseAllocation)) {
      issues.push({
        code: 'BUDGET_TOO_SMALL',
        field: 'budget',
        message: M.budgetTooSmall(budget, n, baseAllocation, needed),
      });
    }
  }
  if (issues.length > 0 || !parameters) return { issues };
  return { issues, prepared: { parameters, federations: federations as PreparedFederation[] } };
}

// spec: docs/model.md §I — every issue of the input, [] when it can be allocated
export function validateModelInput(input: ModelInput): ModelIssue[] {
  return prepareModelInput(input).issues;
}
