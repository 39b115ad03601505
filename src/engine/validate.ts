// Input validation: every problem of the input at once, in Swedish, typed.
// spec: docs/model.md §I, §P, §1 (B ≥ N·G, ΣFM > 0, ΣPOP > 0)
import Decimal from 'decimal.js';
import { EXACT_DP, MAX_AMOUNT, ONE, ZERO, asD, compare, nameKey } from './decimal';
import { formatKronor, formatNumber, formatPercent } from './format';
import type { AreaInput, FederationInput, ModelInput, ModelIssue, SplitMethod } from './types';

export interface PreparedParameters {
  year?: number;
  budget: Decimal;
  baseAllocation: Decimal;
  weightSupportMeasure: Decimal;
  weightPopulation: Decimal;
  maxDecrease: Decimal;
  trappan: { limit1: Decimal; limit2: Decimal; rate1: Decimal; rate2: Decimal; rate3: Decimal };
  targetedFundsCap: Decimal;
}

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
  parameters: PreparedParameters;
  federations: PreparedFederation[];
}

const SPLIT_METHODS: readonly SplitMethod[] = ['lika', 'invanare', 'forsorjningsstod'];

const FEDERATION_FIELDS: Record<string, string> = {
  previousAllocation: 'statlig tilldelning föregående år',
  equity: 'eget kapital',
  previousTotalFunds: 'totala medel föregående år',
  municipalContribution: 'kommunernas möjliga bidrag',
  regionContribution: 'regionens möjliga bidrag',
  request: 'ansökan om ytterligare medel',
  returned: 'återlämnade medel',
};

const AREA_FIELDS: Record<string, string> = {
  population: 'invånare 16–64',
  supportMeasure: 'försörjningsmått',
  supportRecipients: 'försörjningsstödstagare',
};

const PARAMETER_LABELS: Record<string, string> = {
  budget: 'Statlig ram',
  baseAllocation: 'Grundtilldelning',
  weightSupportMeasure: 'Vikt försörjningsmått',
  weightPopulation: 'Vikt invånare 16–64',
  maxDecrease: 'Maximal minskning',
  'trappan.limit1': 'Trappan gräns 1',
  'trappan.limit2': 'Trappan gräns 2',
  'trappan.rate1': 'Trappan andel 1',
  'trappan.rate2': 'Trappan andel 2',
  'trappan.rate3': 'Trappan andel 3',
  targetedFundsCap: 'Tak riktade medel',
};

type Read = { ok: true; value: Decimal | undefined } | { ok: false };

/** A number from the input: Decimal, number or numeric string; undefined/null = blank. */
const BLANK: Read = { ok: true, value: undefined };
const INVALID: Read = { ok: false };

function readNumber(raw: unknown): Read {
  if (raw === undefined || raw === null || raw === '') return BLANK;
  try {
    const value = asD(raw as Decimal.Value); // no copy when it already is the engine's decimal
    return value.isFinite() ? { ok: true, value } : INVALID;
  } catch {
    return INVALID;
  }
}

/** Above MAX_AMOUNT (10^15): surely a typing or unit error, and beyond the exact grid's guarantee (x ≥ 0 here). */
function isTooLarge(x: Decimal): boolean {
  return compare(x, MAX_AMOUNT) > 0;
}
const TOO_LARGE_TEXT = 'är större än 10^15 (1 000 000 000 000 000); kontrollera siffrorna och enheten';

/** Money amounts are carried to 10^-30 kr (finer digits carry no meaning). */
function toExactAmount(x: Decimal): Decimal {
  return x.decimalPlaces() > EXACT_DP ? x.toDecimalPlaces(EXACT_DP, Decimal.ROUND_HALF_UP) : x;
}

function describeArea(a: AreaInput | undefined): string {
  if (!a) return 'Området';
  const municipality = typeof a.municipality === 'string' && a.municipality.trim() ? a.municipality.trim() : '(utan namn)';
  const area = typeof a.area === 'string' && a.area.trim() ? `, område ${a.area.trim()}` : '';
  const federation = typeof a.federation === 'string' && a.federation.trim() ? ` i förbundet ${a.federation.trim()}` : '';
  return `Kommunen ${municipality}${area}${federation}`;
}

function isMonthsValue(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return 12;
  let m: number;
  if (typeof raw === 'number') m = raw;
  else if (Decimal.isDecimal(raw)) m = (raw as Decimal).toNumber();
  else return undefined;
  return Number.isInteger(m) && m >= 1 && m <= 12 ? m : undefined;
}

// spec: docs/model.md §P — check and convert the parameters
function prepareParameters(
  input: ModelInput,
  issues: ModelIssue[],
): { parameters?: PreparedParameters; valid: Record<string, Decimal | undefined> } {
  const raw = (input?.parameters ?? {}) as Partial<ModelInput['parameters']>;
  const trappanRaw = (raw.trappan ?? {}) as Partial<ModelInput['parameters']['trappan']>;
  const values: Record<string, Decimal | undefined> = {};
  const get = (field: string): unknown =>
    field.startsWith('trappan.') ? (trappanRaw as Record<string, unknown>)[field.slice(8)] : (raw as Record<string, unknown>)[field];
  let ok = true;
  for (const field of Object.keys(PARAMETER_LABELS)) {
    const label = PARAMETER_LABELS[field];
    const r = readNumber(get(field));
    if (!r.ok || r.value === undefined) {
      issues.push({
        code: 'INVALID_NUMBER',
        field,
        message: r.ok ? `Parametern ${label} saknas.` : `Parametern ${label} är inget giltigt tal.`,
      });
      ok = false;
      continue;
    }
    const v = r.value;
    const isShare = field.startsWith('weight') || field === 'maxDecrease' || field.startsWith('trappan.rate');
    if (isShare && (v.lt(ZERO) || v.gt(ONE))) {
      issues.push({
        code: 'INVALID_PARAMETER',
        field,
        message: `Parametern ${label} måste ligga mellan 0 % och 100 % (nu ${formatPercent(v)}).`,
      });
      ok = false;
    } else if (!isShare && v.isNeg() && !v.isZero()) {
      issues.push({ code: 'NEGATIVE_AMOUNT', field, message: `Parametern ${label} är negativ (${formatKronor(v)}).` });
      ok = false;
    } else if (!isShare && isTooLarge(v)) {
      issues.push({ code: 'AMOUNT_TOO_LARGE', field, message: `Parametern ${label} ${TOO_LARGE_TEXT}.` });
      ok = false;
    } else {
      values[field] = isShare ? v : toExactAmount(v);
    }
  }
  const budget = values.budget;
  if (budget && !budget.isInteger()) {
    issues.push({
      code: 'INVALID_PARAMETER',
      field: 'budget',
      message: `Statlig ram ska anges i hela kronor (nu ${formatNumber(budget)} kr).`,
    });
    ok = false;
  }
  const wFm = values.weightSupportMeasure;
  const wPop = values.weightPopulation;
  if (wFm && wPop && !wFm.plus(wPop).eq(ONE)) {
    issues.push({
      code: 'WEIGHTS_NOT_100',
      field: 'weightSupportMeasure',
      message: `Vikterna för försörjningsmått (${formatPercent(wFm)}) och invånare 16–64 (${formatPercent(wPop)}) summerar till ${formatPercent(wFm.plus(wPop))}, inte 100 %.`,
    });
    ok = false;
  }
  const l1 = values['trappan.limit1'];
  const l2 = values['trappan.limit2'];
  if (l1 && l2 && l1.gt(l2)) {
    issues.push({
      code: 'INVALID_PARAMETER',
      field: 'trappan.limit1',
      message: `Trappan gräns 1 (${formatKronor(l1)}) får inte vara större än gräns 2 (${formatKronor(l2)}).`,
    });
    ok = false;
  }
  if (!ok) return { valid: values };
  const v = values as Record<string, Decimal>;
  const parameters: PreparedParameters = {
    year: typeof raw.year === 'number' ? raw.year : undefined,
    budget: v.budget,
    baseAllocation: v.baseAllocation,
    weightSupportMeasure: v.weightSupportMeasure,
    weightPopulation: v.weightPopulation,
    maxDecrease: v.maxDecrease,
    trappan: {
      limit1: v['trappan.limit1'],
      limit2: v['trappan.limit2'],
      rate1: v['trappan.rate1'],
      rate2: v['trappan.rate2'],
      rate3: v['trappan.rate3'],
    },
    targetedFundsCap: v.targetedFundsCap,
  };
  return { parameters, valid: values };
}

// spec: docs/model.md §I — check and convert one federation
function prepareFederation(f: FederationInput, index: number, issues: ModelIssue[]): PreparedFederation | undefined {
  let ok = true;
  const name = typeof f?.name === 'string' ? f.name.trim() : '';
  const who = name ? `Förbundet ${name}` : `Förbundet på rad ${index + 1}`;
  if (!name) {
    issues.push({ code: 'MISSING_NAME', field: 'name', message: `Förbundet på rad ${index + 1} saknar namn.` });
    ok = false;
  }
  const amounts: Record<string, Decimal | undefined> = {};
  for (const field of Object.keys(FEDERATION_FIELDS)) {
    const r = readNumber((f as unknown as Record<string, unknown>)?.[field]);
    if (!r.ok) {
      issues.push({
        code: 'INVALID_NUMBER',
        federation: name || undefined,
        field,
        message: `${who}: ${FEDERATION_FIELDS[field]} är inget giltigt tal.`,
      });
      ok = false;
    } else if (r.value !== undefined && r.value.isNeg() && !r.value.isZero()) {
      issues.push({
        code: 'NEGATIVE_AMOUNT',
        federation: name || undefined,
        field,
        message: `${who}: ${FEDERATION_FIELDS[field]} är negativt (${formatKronor(r.value)}).`,
      });
      ok = false;
    } else if (r.value !== undefined && isTooLarge(r.value)) {
      issues.push({
        code: 'AMOUNT_TOO_LARGE',
        federation: name || undefined,
        field,
        message: `${who}: ${FEDERATION_FIELDS[field]} ${TOO_LARGE_TEXT}.`,
      });
      ok = false;
    } else {
      amounts[field] = r.value === undefined ? undefined : toExactAmount(r.value);
    }
  }
  const months = isMonthsValue(f?.months);
  if (months === undefined) {
    issues.push({
      code: 'INVALID_MONTHS',
      federation: name || undefined,
      field: 'months',
      message: `${who}: verksamhetsmånader måste vara ett heltal 1–12 (nu ${String(f?.months)}).`,
    });
    ok = false;
  }
  const splitMethod = f?.splitMethod ?? 'invanare';
  if (!SPLIT_METHODS.includes(splitMethod)) {
    issues.push({
      code: 'INVALID_PARAMETER',
      federation: name || undefined,
      field: 'splitMethod',
      message: `${who}: okänd fördelning mellan kommuner "${String(splitMethod)}" (Lika, Invånare eller Försörjningsstöd).`,
    });
    ok = false;
  }
  const returned = amounts.returned;
  const request = amounts.request;
  if (returned && request && compare(returned, ZERO) > 0 && compare(request, ZERO) > 0) {
    issues.push({
      code: 'RETURN_AND_REQUEST',
      federation: name,
      field: 'request',
      message: `${who} både lämnar tillbaka medel (${formatKronor(returned)}) och ansöker om ytterligare medel (${formatKronor(request)}); ett förbund kan inte göra båda.`,
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
      message: `Kommunraden nr ${index + 1}${federation ? ` (förbundet ${federation})` : ''} saknar kommunnamn.`,
    });
    ok = false;
  }
  const readField = (field: 'population' | 'supportMeasure' | 'supportRecipients', raw: unknown): Decimal | undefined => {
    const r = readNumber(raw);
    const required = field !== 'supportRecipients';
    if (!r.ok || (required && r.value === undefined)) {
      issues.push({
        code: 'INVALID_NUMBER',
        areaIndex: index,
        federation: federation || undefined,
        field,
        message: r.ok
          ? `${describeArea(a)}: ${AREA_FIELDS[field]} saknas.`
          : `${describeArea(a)}: ${AREA_FIELDS[field]} är inget giltigt tal.`,
      });
      ok = false;
      return undefined;
    }
    if (r.value !== undefined && r.value.isNeg() && !r.value.isZero()) {
      issues.push({
        code: 'NEGATIVE_AMOUNT',
        areaIndex: index,
        federation: federation || undefined,
        field,
        message: `${describeArea(a)}: ${AREA_FIELDS[field]} är negativt (${formatNumber(r.value)}).`,
      });
      ok = false;
      return undefined;
    }
    if (r.value !== undefined && isTooLarge(r.value)) {
      issues.push({
        code: 'AMOUNT_TOO_LARGE',
        areaIndex: index,
        federation: federation || undefined,
        field,
        message: `${describeArea(a)}: ${AREA_FIELDS[field]} ${TOO_LARGE_TEXT}.`,
      });
      ok = false;
      return undefined;
    }
    return r.value;
  };
  const population = readField('population', a?.population);
  const supportMeasure = readField('supportMeasure', a?.supportMeasure);
  const supportRecipients = readField('supportRecipients', a?.supportRecipients);
  if (!ok) return undefined;
  const areaName = typeof a.area === 'string' && a.area.trim() ? a.area.trim() : undefined;
  return {
    index,
    municipality,
    municipalityKey: nameKey(municipality),
    area: areaName,
    population: population as Decimal,
    supportMeasure: supportMeasure as Decimal,
    supportRecipients,
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
    issues.push({ code: 'NO_FEDERATIONS', message: 'Det finns inga förbund att fördela till.' });
  }
  const federations: (PreparedFederation | undefined)[] = rawFederations.map((f, i) => prepareFederation(f, i, issues));
  // Federation names: unique (case, white space and Unicode form folded).
  const byName = new Map<string, number>();
  const duplicateCount = new Map<string, number>();
  rawFederations.forEach((f, i) => {
    const name = typeof f?.name === 'string' ? f.name.trim() : '';
    if (!name) return;
    const key = nameKey(name);
    if (byName.has(key)) duplicateCount.set(key, (duplicateCount.get(key) ?? 1) + 1);
    else byName.set(key, i);
  });
  for (const [key, count] of duplicateCount) {
    const name = String(rawFederations[byName.get(key) as number].name).trim();
    issues.push({
      code: 'DUPLICATE_FEDERATION',
      federation: name,
      field: 'name',
      message: `Förbundet ${name} finns på ${count} rader; varje förbund ska finnas på en rad.`,
    });
  }
  // Areas: known federation, valid numbers, each Kommun + Område at most once in the whole run
  // (twice in one federation, or in two federations, are both errors).
  const areaCount = new Array(rawFederations.length).fill(0);
  const places = new Map<string, { federation: number; areaKey?: string }[]>(); // Kommun key → its rows so far
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
        message: fedName
          ? `${describeArea(a)}: förbundet ${fedName} finns inte bland förbunden.`
          : `${describeArea(a)}: förbund saknas.`,
      });
      return;
    }
    areaCount[fedIndex]++;
    if (!prepared) return;
    // Each Kommun + Område once in the whole run; and a municipality split between federations needs an
    // Område on every row (a whole-municipality row in one federation and any row of it in another
    // would count its people twice). One map entry per municipality: where it occurs, usually once.
    const areaKey = prepared.area === undefined ? undefined : nameKey(prepared.area);
    const seen = places.get(prepared.municipalityKey);
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
      issues.push({
        code: 'DUPLICATE_AREA',
        areaIndex: i,
        federation: fedName,
        field: same && sameFederation ? 'municipality' : 'area',
        message:
          same && sameFederation
            ? `${describeArea(a)} finns på flera rader.`
            : same
              ? `${describeArea(a)} finns också i förbundet ${otherName}; ange olika områden (stadsdelar) när en kommun delas mellan förbund.`
              : `Kommunen ${prepared.municipality} finns också i förbundet ${otherName}; ange område (stadsdel) på varje rad när en kommun delas mellan förbund.`,
      });
      return;
    }
    if (seen) seen.push({ federation: fedIndex, areaKey });
    else places.set(prepared.municipalityKey, [{ federation: fedIndex, areaKey }]);
    const federation = federations[fedIndex];
    if (federation) federation.areas.push(prepared);
  });
  rawFederations.forEach((f, i) => {
    const name = typeof f?.name === 'string' ? f.name.trim() : '';
    if (areaCount[i] === 0 && name && byName.get(nameKey(name)) === i) {
      issues.push({
        code: 'NO_AREAS',
        federation: name,
        message: `Förbundet ${name} har inga kommuner eller områden på bladet Kommuner.`,
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
          message: `Förbundet ${f.name} fördelar kommunernas andel efter försörjningsstöd, men antal försörjningsstödstagare saknas för ${describeArea(rawAreas[a.index])}.`,
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
        message: 'Summan av försörjningsmått över alla kommuner är 0; försörjningsmåttsnyckeln kan inte beräknas.',
      });
    }
    if (totalPopIsZero && (wPop === undefined || wPop.gt(ZERO))) {
      issues.push({
        code: 'ZERO_TOTALS',
        field: 'population',
        message: 'Summan av invånare 16–64 över alla kommuner är 0; befolkningsnyckeln kan inte beräknas.',
      });
    }
  }
  // spec §1: error if B < N·G.
  const budget = valid.budget;
  const baseAllocation = valid.baseAllocation;
  if (budget && baseAllocation && !budget.isNeg() && rawFederations.length > 0) {
    const n = rawFederations.length;
    const needed = baseAllocation.times(n);
    if (budget.lt(needed)) {
      issues.push({
        code: 'BUDGET_TOO_SMALL',
        field: 'budget',
        message: `Statlig ram ${formatKronor(budget)} räcker inte till grundtilldelningen för ${n} förbund (${n} × ${formatKronor(baseAllocation)} = ${formatKronor(needed)}).`,
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
