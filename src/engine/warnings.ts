// Warnings per federation, Swedish texts with the numbers in kronor.
// spec: docs/model.md §W
import Decimal from 'decimal.js';
import { ZERO, compare } from './decimal';
import { formatKronor as kr, formatPercent as pct } from './format';
import type { Warning, WarningCode } from './types';

/** What the warning rules look at (exact values). */
export interface WarningFacts {
  months: number;
  previousAllocation?: Decimal;
  equity?: Decimal;
  reasonableEquity: Decimal;
  excessEquity: boolean;
  liftedToFloor: boolean;
  floor?: Decimal;
  protectionRemoved: boolean;
  /** (1 − applied spärr)·prev_f·m_f, for prev_f > 0 */
  decreaseThreshold?: Decimal;
  afterFloor: Decimal;
  cap?: Decimal;
  /** K_f and R_f as given (for the MATCHNING text) */
  municipalContribution?: Decimal;
  regionContribution?: Decimal;
  cappedByMatching: boolean;
  matched: Decimal;
  returned: Decimal;
  request: Decimal;
  extra: Decimal;
  final: Decimal;
  appliedMaxDecrease: Decimal;
}

const w = (code: WarningCode, text: string): Warning => ({ code, text });

// The applied spärr is the same Decimal for every federation of a run: format it once.
const percentTexts = new WeakMap<Decimal, string>();
function spärrText(share: Decimal): string {
  let text = percentTexts.get(share);
  if (text === undefined) percentTexts.set(share, (text = pct(share)));
  return text;
}

function monthsNote(f: WarningFacts): string {
  return f.months < 12 ? `, omräknat till ${f.months} månader` : '';
}

// spec: docs/model.md §W Warnings — EGET_KAPITAL: equity_f > reasonable_f
export function equityWarning(f: WarningFacts): Warning | undefined {
  if (!f.excessEquity || f.equity === undefined) return undefined;
  return w('EGET_KAPITAL', `Eget kapital ${kr(f.equity)} överstiger rimlig nivå ${kr(f.reasonableEquity)}`);
}

// spec: docs/model.md §W Warnings — EK_SAKNAS: equity_f blank
export function missingEquityWarning(f: WarningFacts): Warning | undefined {
  if (f.equity !== undefined) return undefined;
  return w('EK_SAKNAS', `Uppgift om eget kapital saknas (rimlig nivå ${kr(f.reasonableEquity)})`);
}

// spec: docs/model.md §W Warnings — SPÄRR: A_f was lifted to floor_f
export function floorWarning(f: WarningFacts): Warning | undefined {
  if (!f.liftedToFloor || f.floor === undefined || f.previousAllocation === undefined) return undefined;
  return w(
    'SPÄRR',
    `Höjd till spärrnivån ${kr(f.floor)} (högst ${spärrText(f.appliedMaxDecrease)} minskning från föregående års ${kr(f.previousAllocation)}${monthsNote(f)})`,
  );
}

// spec: docs/model.md §W Warnings — SPÄRR_EJ: protection removed in step 5
export function protectionRemovedWarning(f: WarningFacts): Warning | undefined {
  if (!f.protectionRemoved) return undefined;
  const rule = 'Spärren gäller inte vid underskott när eget kapital överstiger rimlig nivå';
  if (f.decreaseThreshold === undefined) return w('SPÄRR_EJ', rule);
  return w(
    'SPÄRR_EJ',
    compare(f.decreaseThreshold, f.afterFloor) > 0
      ? `${rule}: ${kr(f.afterFloor)} i stället för spärrnivån ${kr(f.decreaseThreshold)}`
      : `${rule} (efter spärr ${kr(f.afterFloor)}, över spärrnivån ${kr(f.decreaseThreshold)})`,
  );
}

// spec: docs/model.md §W Warnings — MATCHNING: matched_f < A_f because of cap_f
export function matchingWarning(f: WarningFacts): Warning | undefined {
  if (!f.cappedByMatching || f.cap === undefined) return undefined;
  const byMunicipalities = f.municipalContribution !== undefined && f.municipalContribution.times(2).eq(f.cap);
  const who = byMunicipalities ? 'Kommunernas' : 'Regionens';
  const given = byMunicipalities ? f.municipalContribution : f.regionContribution;
  const part = given === undefined ? '' : ` ${kr(given)}`;
  return w(
    'MATCHNING',
    `${who} möjliga bidrag${part} räcker till statlig tilldelning om högst ${kr(f.cap)} av ${kr(f.afterFloor)}`,
  );
}

// spec: docs/model.md §W Warnings — ÅTERLÄMNAT: returned_f > 0
export function returnedWarning(f: WarningFacts): Warning | undefined {
  if (!(compare(f.returned, ZERO) > 0)) return undefined;
  return w('ÅTERLÄMNAT', `Återlämnade medel ${kr(f.returned)} dras av från tilldelningen`);
}

// spec: docs/model.md §W Warnings — YTTERLIGARE_DELVIS: request_f > 0 and extra_f < request_f
export function partialExtraWarning(f: WarningFacts): Warning | undefined {
  if (!(compare(f.request, ZERO) > 0) || !(compare(f.extra, f.request) < 0)) return undefined;
  return w('YTTERLIGARE_DELVIS', `Ansökt ${kr(f.request)} i ytterligare medel, beviljat ${kr(f.extra)}`);
}

// spec: docs/model.md §W Warnings — NY: no prev_f (blank or 0): new federation, no floor
export function newFederationWarning(f: WarningFacts): Warning | undefined {
  if (f.previousAllocation !== undefined && compare(f.previousAllocation, ZERO) > 0) return undefined;
  return w('NY', 'Nytt förbund utan statlig tilldelning föregående år; ingen spärr');
}

// spec: docs/model.md §W Warnings — DELÅR: months_f < 12
export function partYearWarning(f: WarningFacts): Warning | undefined {
  if (f.months >= 12) return undefined;
  return w('DELÅR', `Verksamhet ${f.months} av 12 månader; tilldelningen räknas om därefter`);
}

// spec: docs/model.md §W Warnings — MINSKNING: final_f < (1 − applied spärr)·prev_f·m_f
export function decreaseWarning(f: WarningFacts): Warning | undefined {
  if (f.decreaseThreshold === undefined || f.previousAllocation === undefined || !(compare(f.final, f.decreaseThreshold) < 0)) {
    return undefined;
  }
  return w(
    'MINSKNING',
    `Slutlig tilldelning ${kr(f.final)} understiger spärrnivån ${kr(f.decreaseThreshold)} (föregående år ${kr(f.previousAllocation)}, högst ${spärrText(f.appliedMaxDecrease)} minskning${monthsNote(f)})`,
  );
}

const RULES = [
  equityWarning,
  missingEquityWarning,
  floorWarning,
  protectionRemovedWarning,
  matchingWarning,
  returnedWarning,
  partialExtraWarning,
  newFederationWarning,
  partYearWarning,
  decreaseWarning,
];

// spec: docs/model.md §W Warnings — all warnings of a federation, sorted by code (code-point order)
export function federationWarnings(facts: WarningFacts): Warning[] {
  const list: Warning[] = [];
  for (const rule of RULES) {
    const warning = rule(facts);
    if (warning) list.push(warning);
  }
  return list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The Varningar cell: `CODE: text; CODE: text`. */
export function formatWarnings(warnings: readonly Warning[]): string {
  return warnings.map((x) => `${x.code}: ${x.text}`).join('; ');
}
