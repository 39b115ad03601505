// Every Swedish text the engine produces: the warning table (code, label, text) and the validation
// messages. One wording per rule; the workbook layer, the CLI and the pane import these through
// src/engine/index.ts and never write their own (their own texts are in src/workbook/messages.ts).
// spec: docs/model.md §W (codes), "Inputs" and "Parameters" (validation)
import Decimal from 'decimal.js';
import { formatKronor as kr, formatNumber, formatPercent as pct } from './format';
import type { WarningCode } from './types';

/** One warning code: its short Swedish meaning (pane, template) and what its text says. */
export interface WarningDefinition {
  /**
   * Short meaning in lower case, in the glossary's words, e.g. "eget kapital över rimlig nivå": the
   * pane's summary, Förklara and the statement show it (capitalised by warningMeaning), never the code
   */
  label: string;
  /**
   * The federation needs head office's attention (true: highlighted on Förbund, listed first in the
   * pane) or the warning records a normal outcome (false: informational). spec: docs/model.md §W.
   */
  action: boolean;
}

/**
 * Every warning code of the spec, in the spec's order (Körlogg, the template and the pane list them so).
 * A code added to WarningCode without a row here does not compile.
 */
export const WARNING_DEFINITIONS = {
  EGET_KAPITAL: { label: 'eget kapital över rimlig nivå', action: true },
  EK_SAKNAS: { label: 'uppgift om eget kapital saknas', action: false },
  SPÄRR: { label: 'höjd till spärrnivån', action: false },
  SPÄRR_EJ: { label: 'spärren gäller inte i år', action: true },
  MATCHNING: { label: 'begränsad av matchningen', action: true },
  ÅTERLÄMNAT: { label: 'återlämnade medel', action: true },
  YTTERLIGARE_DELVIS: { label: 'fick inte hela ansökan om ytterligare medel', action: true },
  NY: { label: 'nytt förbund', action: false },
  DELÅR: { label: 'verksamhet del av året', action: false },
  MINSKNING: { label: 'minskning utöver spärren', action: true },
} as const satisfies Record<WarningCode, WarningDefinition>;

/** Every warning code, in the spec's order. */
export const WARNING_CODES = Object.keys(WARNING_DEFINITIONS) as readonly WarningCode[];

/** Every warning code that needs action, in the spec's order (the rest are informational). */
export const ACTION_WARNING_CODES = WARNING_CODES.filter((c) => WARNING_DEFINITIONS[c].action);

// spec: docs/model.md §W — a warning needs action (highlighted) or is informational
export function isActionWarning(code: string): boolean {
  const def = (WARNING_DEFINITIONS as Record<string, WarningDefinition>)[code];
  return def !== undefined && def.action;
}

/** "Eget kapital över rimlig nivå": a warning's meaning as a sentence (the code itself if unknown). */
export function warningMeaning(code: string): string {
  const def = (WARNING_DEFINITIONS as Record<string, WarningDefinition>)[code];
  return def ? def.label.charAt(0).toUpperCase() + def.label.slice(1) : code;
}

/** The texts of the warnings (spec "Warnings": `CODE: text in Swedish`); numbers rounded half up. */
export const WARNING_TEXTS = {
  EGET_KAPITAL: (equity: Decimal, reasonable: Decimal) => `Eget kapital ${kr(equity)} överstiger rimlig nivå ${kr(reasonable)}`,
  EK_SAKNAS: (reasonable: Decimal) => `Uppgift om eget kapital saknas (rimlig nivå ${kr(reasonable)})`,
  SPÄRR: (floor: Decimal, spärr: string, previous: Decimal, monthsNote: string) =>
    `Höjd till spärrnivån ${kr(floor)} (högst ${spärr} minskning från föregående års ${kr(previous)}${monthsNote})`,
  SPÄRR_EJ: (afterFloor?: Decimal, threshold?: Decimal, below?: boolean) => {
    const rule = 'Spärren gäller inte vid underskott när eget kapital överstiger rimlig nivå';
    if (afterFloor === undefined || threshold === undefined) return rule;
    return below
      ? `${rule}: ${kr(afterFloor)} i stället för spärrnivån ${kr(threshold)}`
      : `${rule} (efter spärr ${kr(afterFloor)}, över spärrnivån ${kr(threshold)})`;
  },
  MATCHNING: (byMunicipalities: boolean, given: Decimal | undefined, cap: Decimal, afterFloor: Decimal) =>
    `${byMunicipalities ? 'Kommunernas' : 'Regionens'} möjliga bidrag${given === undefined ? '' : ` ${kr(given)}`} räcker till statlig tilldelning om högst ${kr(cap)} av ${kr(afterFloor)}`,
  ÅTERLÄMNAT: (returned: Decimal) => `Återlämnade medel ${kr(returned)} dras av från tilldelningen`,
  YTTERLIGARE_DELVIS: (request: Decimal, extra: Decimal) => `Ansökt ${kr(request)} i ytterligare medel, beviljat ${kr(extra)}`,
  NY: () => 'Nytt förbund utan statlig tilldelning föregående år; ingen spärr',
  DELÅR: (months: number) => `Verksamhet ${months} av 12 månader; tilldelningen räknas om därefter`,
  MINSKNING: (final: Decimal, threshold: Decimal, previous: Decimal, spärr: string, monthsNote: string) =>
    `Slutlig tilldelning ${kr(final)} understiger spärrnivån ${kr(threshold)} (föregående år ${kr(previous)}, högst ${spärr} minskning${monthsNote})`,
} satisfies Record<WarningCode, (...args: never[]) => string>;

/** ", omräknat till 8 månader" for a part-year federation ('' for a full year). */
export function monthsNoteText(months: number): string {
  return months < 12 ? `, omräknat till ${months} månader` : '';
}

/** Names of the input fields in validation messages (lower case, as inside a sentence). */
export const FEDERATION_FIELD_NAMES = {
  previousAllocation: 'statlig tilldelning föregående år',
  equity: 'eget kapital',
  previousTotalFunds: 'totala medel föregående år',
  municipalContribution: 'kommunernas möjliga bidrag',
  regionContribution: 'regionens möjliga bidrag',
  request: 'ansökan om ytterligare medel',
  returned: 'återlämnade medel',
} as const;

export const AREA_FIELD_NAMES = {
  population: 'invånare 16–64',
  supportMeasure: 'försörjningsmått',
  supportRecipients: 'försörjningsstödstagare',
} as const;

const TOO_LARGE = 'är större än 10^15 (1 000 000 000 000 000); kontrollera siffrorna och enheten';

/** The engine's validation messages (ModelIssue.message), one wording per rule. */
export const ISSUE_TEXTS = {
  tooLarge: TOO_LARGE,
  parameterMissing: (label: string) => `Parametern ${label} saknas.`,
  parameterInvalid: (label: string) => `Parametern ${label} är inget giltigt tal.`,
  parameterNotShare: (label: string, v: Decimal) => `Parametern ${label} måste ligga mellan 0 % och 100 % (nu ${pct(v)}).`,
  parameterNegative: (label: string, v: Decimal) => `Parametern ${label} är negativ (${kr(v)}).`,
  parameterTooLarge: (label: string) => `Parametern ${label} ${TOO_LARGE}.`,
  budgetNotWhole: (budget: Decimal) => `Statlig ram ska anges i hela kronor (nu ${formatNumber(budget)} kr).`,
  weightsNot100: (wFm: Decimal, wPop: Decimal) =>
    `Vikterna för försörjningsmått (${pct(wFm)}) och invånare 16–64 (${pct(wPop)}) summerar till ${pct(wFm.plus(wPop))}, inte 100 %.`,
  trappanLimitsOrder: (l1: Decimal, l2: Decimal) => `Trappan gräns 1 (${kr(l1)}) får inte vara större än gräns 2 (${kr(l2)}).`,
  federationWho: (name: string, index: number) => (name ? `Förbundet ${name}` : `Förbundet på rad ${index + 1}`),
  federationWithoutName: (index: number) => `Förbundet på rad ${index + 1} saknar namn.`,
  fieldInvalid: (who: string, field: string) => `${who}: ${field} är inget giltigt tal.`,
  fieldNegativeAmount: (who: string, field: string, v: Decimal) => `${who}: ${field} är negativt (${kr(v)}).`,
  fieldNegativeNumber: (who: string, field: string, v: Decimal) => `${who}: ${field} är negativt (${formatNumber(v)}).`,
  fieldTooLarge: (who: string, field: string) => `${who}: ${field} ${TOO_LARGE}.`,
  fieldMissing: (who: string, field: string) => `${who}: ${field} saknas.`,
  invalidMonths: (who: string, raw: unknown) => `${who}: verksamhetsmånader måste vara ett heltal 1–12 (nu ${String(raw)}).`,
  unknownSplitMethod: (who: string, raw: unknown) =>
    `${who}: okänd fördelning mellan kommuner "${String(raw)}" (Lika, Invånare eller Försörjningsstöd).`,
  returnAndRequest: (who: string, returned: Decimal, request: Decimal) =>
    `${who} både lämnar tillbaka medel (${kr(returned)}) och ansöker om ytterligare medel (${kr(request)}); ett förbund kan inte göra båda.`,
  areaWho: (municipality: string, area: string, federation: string) =>
    `Kommunen ${municipality || '(utan namn)'}${area ? `, område ${area}` : ''}${federation ? ` i förbundet ${federation}` : ''}`,
  areaWhoUnknown: 'Området',
  areaWithoutMunicipality: (index: number, federation: string) =>
    `Kommunraden nr ${index + 1}${federation ? ` (förbundet ${federation})` : ''} saknar kommunnamn.`,
  noFederations: 'Det finns inga förbund att fördela till.',
  duplicateFederation: (name: string, count: number) =>
    `Förbundet ${name} finns på ${count} rader; varje förbund ska finnas på en rad.`,
  unknownFederation: (who: string, federation: string) =>
    federation ? `${who}: förbundet ${federation} finns inte bland förbunden.` : `${who}: förbund saknas.`,
  areaTwiceInFederation: (who: string) => `${who} finns på flera rader.`,
  areaInOtherFederation: (who: string, other: string) =>
    `${who} finns också i förbundet ${other}; ange olika områden (stadsdelar) när en kommun delas mellan förbund.`,
  splitMunicipalityNeedsArea: (municipality: string, other: string) =>
    `Kommunen ${municipality} finns också i förbundet ${other}; ange område (stadsdel) på varje rad när en kommun delas mellan förbund.`,
  noAreas: (name: string) => `Förbundet ${name} har inga kommuner eller områden på bladet Kommuner.`,
  missingRecipients: (name: string, who: string) =>
    `Förbundet ${name} fördelar kommunernas andel efter försörjningsstöd, men antal försörjningsstödstagare saknas för ${who}.`,
  zeroSupportMeasure: 'Summan av försörjningsmått över alla kommuner är 0; försörjningsmåttsnyckeln kan inte beräknas.',
  zeroPopulation: 'Summan av invånare 16–64 över alla kommuner är 0; befolkningsnyckeln kan inte beräknas.',
  budgetTooSmall: (budget: Decimal, n: number, base: Decimal, needed: Decimal) =>
    `Statlig ram ${kr(budget)} räcker inte till grundtilldelningen för ${n} förbund (${n} × ${kr(base)} = ${kr(needed)}).`,
} as const;
