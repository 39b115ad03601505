// The model's parameters as ONE table: key, Swedish label, unit, default, description and public source.
// The engine's defaults, the workbook reader (labels, units, required), the template, the example and
// the pane's form are all made from it; a new parameter is a new row here (and a field in ModelParameters).
// spec: docs/model.md §P; workbook-format.md "Sheet `Parametrar`"
import Decimal from 'decimal.js';
import { D } from './decimal';
import type { ModelParameters, TrappanParameters } from './types';

/** One key per parameter, used everywhere: the table, ModelIssue.field, the reader and the pane. */
export type ParameterKey =
  | 'year'
  | 'budget'
  | 'baseAllocation'
  | 'weightSupportMeasure'
  | 'weightPopulation'
  | 'maxDecrease'
  | 'trappanLimit1'
  | 'trappanLimit2'
  | 'trappanRate1'
  | 'trappanRate2'
  | 'trappanRate3'
  | 'targetedFundsCap'
  | 'targetedFunds';

/** kr: whole or exact kronor (the label carries "(kr)"); share: a fraction 0–1 shown in %; year: a whole number. */
export type ParameterUnit = 'kr' | 'share' | 'year';

/** A public text a parameter comes from. */
export interface ParameterSource {
  title: string;
  /** Where it is published (undefined: a letter not published on the web) */
  url?: string;
  /** The date the rule applies from, or the text's date (ISO) */
  inForce: string;
}

export interface ParameterSpec {
  key: ParameterKey;
  /** Swedish name without unit, as in messages: "Statlig ram" */
  name: string;
  /** Label on the sheet, in the template and the pane: "Statlig ram (kr)" */
  label: string;
  unit: ParameterUnit;
  required: boolean;
  /** Default as an exact decimal string (kronor or fraction); undefined = none (År, Statlig ram) */
  default?: string;
  /** Other accepted labels on the sheet (matched like headers, a unit allowed) */
  synonyms: readonly string[];
  /** Short Swedish explanation (template column "Förklaring", pane hint) */
  description: string;
  source: ParameterSource;
}

const MODEL_2015: ParameterSource = {
  title:
    'Fördelningsmodell för statens medelstilldelning till samordningsförbunden (förslag 2015-01-22); finsam.se "Statens fördelningsmodell"',
  url: 'https://www.finsam.se/kunskapsstod/ekonomi/finansiering/statens-fordelningsmodell',
  inForce: '2016-01-01',
};
const CLARIFICATION_2019: ParameterSource = {
  title: 'Förtydligande av processen medelstilldelning, Finsam Medelstilldelning beslutsunderlag 2019-06-14',
  url: 'https://www.finsam.se/nationella-radet/arbetsgrupper-inom-nationella-radet/medelstilldelning',
  inForce: '2019-06-14',
};
const TRAPPAN_SOURCE: ParameterSource = {
  title: 'Trappan för rimligt eget kapital (Nationella rådets rekommendation 2013-10-02); finsam.se "Finansiering från parterna"',
  url: 'https://www.finsam.se/kunskapsstod/ekonomi/finansiering/finansiering-fran-parterna',
  inForce: '2013-10-02',
};
const BUDGET_SOURCE: ParameterSource = {
  title:
    'Statlig ram: beslutas årligen av regeringen (regleringsbrev till Försäkringskassan, anslaget 1:6); finsam.se "Statens fördelningsmodell"',
  url: 'https://www.finsam.se/kunskapsstod/ekonomi/finansiering/statens-fordelningsmodell',
  inForce: 'årligen',
};
const TARGETED_SOURCE: ParameterSource = {
  title:
    'Försäkringskassans skrivelse om riktade medel 2016; jfr skrivelsen om ytterligare statliga medel 2017. Används inte i stegen 1–10.',
  inForce: '2016',
};

const row = (
  key: ParameterKey,
  name: string,
  unit: ParameterUnit,
  fields: Omit<ParameterSpec, 'key' | 'name' | 'label' | 'unit' | 'synonyms' | 'required'> & {
    required?: boolean;
    synonyms?: readonly string[];
  },
): ParameterSpec => ({
  key,
  name,
  label: unit === 'kr' ? `${name} (kr)` : name,
  unit,
  required: fields.required ?? false,
  synonyms: fields.synonyms ?? [],
  ...fields,
});

/**
 * Every parameter of the spec, in the template's order. Room is left for the later specs' parameters
 * (Omfattning, Omgång, Beslut, Svarsdatum, Riktade medel): each is a row here when it is built.
 */
export const PARAMETERS: readonly ParameterSpec[] = [
  row('year', 'År', 'year', {
    synonyms: ['Budgetår'],
    description: 'Året som fördelningen gäller (bara information).',
    source: { title: 'Informativt; anger vilket års tilldelning som beräknas', inForce: '—' },
  }),
  row('budget', 'Statlig ram', 'kr', {
    required: true,
    description: 'Statens medel att fördela, hela kronor. Måste fyllas i.',
    source: BUDGET_SOURCE,
  }),
  row('baseAllocation', 'Grundtilldelning', 'kr', {
    default: '400000',
    description: 'Grundbelopp per förbund (för helt år).',
    source: MODEL_2015,
  }),
  row('weightSupportMeasure', 'Vikt försörjningsmått', 'share', {
    default: '0.75',
    description: 'Försörjningsmåttets vikt i fördelningsnyckeln.',
    source: MODEL_2015,
  }),
  row('weightPopulation', 'Vikt invånare 16–64', 'share', {
    default: '0.25',
    synonyms: ['Vikt invånare'],
    description: 'Befolkningens vikt; de två vikterna ska bli 100 %.',
    source: MODEL_2015,
  }),
  row('maxDecrease', 'Maximal minskning', 'share', {
    default: '0.1',
    synonyms: ['Spärr'],
    description: 'Spärren: högsta minskning mot förra årets statliga tilldelning.',
    source: CLARIFICATION_2019,
  }),
  row('trappanLimit1', 'Trappan gräns 1', 'kr', {
    default: '7000000',
    description: 'Trappan: övre gräns för första steget.',
    source: TRAPPAN_SOURCE,
  }),
  row('trappanLimit2', 'Trappan gräns 2', 'kr', {
    default: '15000000',
    description: 'Trappan: övre gräns för andra steget.',
    source: TRAPPAN_SOURCE,
  }),
  row('trappanRate1', 'Trappan andel 1', 'share', {
    default: '0.2',
    description: 'Rimligt eget kapital under gräns 1.',
    source: TRAPPAN_SOURCE,
  }),
  row('trappanRate2', 'Trappan andel 2', 'share', {
    default: '0.15',
    description: 'Rimligt eget kapital mellan gräns 1 och 2.',
    source: TRAPPAN_SOURCE,
  }),
  row('trappanRate3', 'Trappan andel 3', 'share', {
    default: '0.1',
    description: 'Rimligt eget kapital över gräns 2.',
    source: TRAPPAN_SOURCE,
  }),
  row('targetedFundsCap', 'Tak riktade medel', 'kr', {
    default: '500000',
    description: 'Tak per ansökan vid riktade medel.',
    source: TARGETED_SOURCE,
  }),
  // spec: docs/workbook-format.md §8.2 — the pot of a targeted-funds round; blank = Körlogg's Ej fördelat
  row('targetedFunds', 'Riktade medel', 'kr', {
    description: 'Potten för riktade medel; tom = Ej fördelat från den ordinarie körningen (Körlogg).',
    source: TARGETED_SOURCE,
  }),
];

/** The table row of a key. */
export function parameterSpec(key: ParameterKey): ParameterSpec {
  const spec = PARAMETERS.find((p) => p.key === key);
  if (!spec) throw new Error(`unknown parameter key ${key}`);
  return spec;
}

/**
 * Trappan as a bracket scale: each bracket's rate applies to the part of the basis up to its limit
 * (the last bracket has none). spec: docs/model.md §P, Trappan
 */
export const TRAPPAN_BRACKETS: readonly { limit?: ParameterKey; rate: ParameterKey }[] = [
  { limit: 'trappanLimit1', rate: 'trappanRate1' },
  { limit: 'trappanLimit2', rate: 'trappanRate2' },
  { rate: 'trappanRate3' },
];

/** Where each Trappan key sits in TrappanParameters. */
const TRAPPAN_FIELDS: Partial<Record<ParameterKey, keyof TrappanParameters>> = {
  trappanLimit1: 'limit1',
  trappanLimit2: 'limit2',
  trappanRate1: 'rate1',
  trappanRate2: 'rate2',
  trappanRate3: 'rate3',
};

/** A parameter's value in ModelParameters by its key (the Trappan brackets are inside `trappan`). */
export function parameterValue(p: Partial<ModelParameters> | undefined, key: ParameterKey): unknown {
  const inTrappan = TRAPPAN_FIELDS[key];
  if (inTrappan) return (p?.trappan as Partial<TrappanParameters> | undefined)?.[inTrappan];
  return (p as Record<string, unknown> | undefined)?.[key];
}

/** ModelParameters from values by key (all but År required here). */
export function modelParameters(value: (key: ParameterKey) => Decimal, year?: number): ModelParameters {
  const p: ModelParameters = {
    budget: value('budget'),
    baseAllocation: value('baseAllocation'),
    weightSupportMeasure: value('weightSupportMeasure'),
    weightPopulation: value('weightPopulation'),
    maxDecrease: value('maxDecrease'),
    trappan: {
      limit1: value('trappanLimit1'),
      limit2: value('trappanLimit2'),
      rate1: value('trappanRate1'),
      rate2: value('trappanRate2'),
      rate3: value('trappanRate3'),
    },
    targetedFundsCap: value('targetedFundsCap'),
  };
  if (year !== undefined) p.year = year;
  return p;
}

/** A parameter's default as the engine's decimal (undefined for År and Statlig ram). */
export function parameterDefault(key: ParameterKey): Decimal | undefined {
  const d = parameterSpec(key).default;
  return d === undefined ? undefined : new D(d);
}

/** Every parameter except the budget, at its default (spec "Parameters", defaults in brackets). */
export const DEFAULT_PARAMETERS: Readonly<Omit<ModelParameters, 'budget' | 'year'>> = (() => {
  const p = modelParameters((key) => parameterDefault(key) ?? new D(0));
  Object.freeze(p.trappan);
  return Object.freeze({
    baseAllocation: p.baseAllocation,
    weightSupportMeasure: p.weightSupportMeasure,
    weightPopulation: p.weightPopulation,
    maxDecrease: p.maxDecrease,
    trappan: p.trappan,
    targetedFundsCap: p.targetedFundsCap,
  });
})();

/** Full parameter set: the given budget B and every other parameter at its default. */
export function defaultParameters(budget: Decimal.Value): ModelParameters {
  return {
    budget: new D(budget),
    baseAllocation: DEFAULT_PARAMETERS.baseAllocation,
    weightSupportMeasure: DEFAULT_PARAMETERS.weightSupportMeasure,
    weightPopulation: DEFAULT_PARAMETERS.weightPopulation,
    maxDecrease: DEFAULT_PARAMETERS.maxDecrease,
    trappan: { ...DEFAULT_PARAMETERS.trappan },
    targetedFundsCap: DEFAULT_PARAMETERS.targetedFundsCap,
  };
}

/** Public source of each parameter as one line of text (spec "Sources"); from the table. */
export const PARAMETER_SOURCES: Readonly<Record<keyof ModelParameters, string>> = Object.freeze({
  budget: sourceText('budget'),
  year: sourceText('year'),
  baseAllocation: sourceText('baseAllocation'),
  weightSupportMeasure: sourceText('weightSupportMeasure'),
  weightPopulation: sourceText('weightPopulation'),
  maxDecrease: sourceText('maxDecrease'),
  trappan: sourceText('trappanLimit1'),
  targetedFundsCap: sourceText('targetedFundsCap'),
});

function sourceText(key: ParameterKey): string {
  const s = parameterSpec(key).source;
  return `${parameterSpec(key).name}: ${s.title}${s.url ? ` (${s.url})` : ''}`;
}
