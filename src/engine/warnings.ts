// Warnings per federation, Swedish texts with the numbers in kronor.
// spec: docs/model.md §W
import Decimal from 'decimal.js';
import { ZERO, compareTolerant } from './decimal';
import { formatPercent as pct } from './format';
import { monthsNoteText, WARNING_TEXTS as T } from './messages';
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
  return monthsNoteText(f.months);
}

// spec: docs/model.md §W Warnings — EGET_KAPITAL: equity_f > reasonable_f
export function equityWarning(f: WarningFacts): Warning | undefined {
  if (!f.excessEquity || f.equity === undefined) return undefined;
  return w('EGET_KAPITAL', T.EGET_KAPITAL(f.equity, f.reasonableEquity));
}

// spec: docs/model.md §W Warnings — EK_SAKNAS: equity_f blank
export function missingEquityWarning(f: WarningFacts): Warning | undefined {
  if (f.equity !== undefined) return undefined;
  return w('EK_SAKNAS', T.EK_SAKNAS(f.reasonableEquity));
}

// spec: docs/model.md §W Warnings — SPÄRR: A_f was lifted to floor_f
export function floorWarning(f: WarningFacts): Warning | undefined {
  if (!f.liftedToFloor || f.floor === undefined || f.previousAllocation === undefined) return undefined;
  return w('SPÄRR', T.SPÄRR(f.floor, spärrText(f.appliedMaxDecrease), f.previousAllocation, monthsNote(f)));
}

// spec: docs/model.md §W Warnings — SPÄRR_EJ: protection removed in step 5
export function protectionRemovedWarning(f: WarningFacts): Warning | undefined {
  if (!f.protectionRemoved) return undefined;
  if (f.decreaseThreshold === undefined) return w('SPÄRR_EJ', T.SPÄRR_EJ());
  return w('SPÄRR_EJ', T.SPÄRR_EJ(f.afterFloor, f.decreaseThreshold, compareTolerant(f.decreaseThreshold, f.afterFloor) > 0));
}

// spec: docs/model.md §W Warnings — MATCHNING: matched_f < A_f because of cap_f
export function matchingWarning(f: WarningFacts): Warning | undefined {
  if (!f.cappedByMatching || f.cap === undefined) return undefined;
  const byMunicipalities =
    f.municipalContribution !== undefined && compareTolerant(f.municipalContribution.times(2), f.cap) === 0;
  const given = byMunicipalities ? f.municipalContribution : f.regionContribution;
  return w('MATCHNING', T.MATCHNING(byMunicipalities, given, f.cap, f.afterFloor));
}

// spec: docs/model.md §W Warnings — ÅTERLÄMNAT: returned_f > 0
export function returnedWarning(f: WarningFacts): Warning | undefined {
  if (!(compareTolerant(f.returned, ZERO) > 0)) return undefined;
  return w('ÅTERLÄMNAT', T.ÅTERLÄMNAT(f.returned));
}

// spec: docs/model.md §W Warnings — YTTERLIGARE_DELVIS: request_f > 0 and extra_f < request_f
export function partialExtraWarning(f: WarningFacts): Warning | undefined {
  if (!(compareTolerant(f.request, ZERO) > 0) || !(compareTolerant(f.extra, f.request) < 0)) return undefined;
  return w('YTTERLIGARE_DELVIS', T.YTTERLIGARE_DELVIS(f.request, f.extra));
}

// spec: docs/model.md §W Warnings — NY: no prev_f (blank or 0): new federation, no floor
export function newFederationWarning(f: WarningFacts): Warning | undefined {
  if (f.previousAllocation !== undefined && compareTolerant(f.previousAllocation, ZERO) > 0) return undefined;
  return w('NY', T.NY());
}

// spec: docs/model.md §W Warnings — DELÅR: months_f < 12
export function partYearWarning(f: WarningFacts): Warning | undefined {
  if (f.months >= 12) return undefined;
  return w('DELÅR', T.DELÅR(f.months));
}

// spec: docs/model.md §W Warnings — MINSKNING: final_f < (1 − applied spärr)·prev_f·m_f
export function decreaseWarning(f: WarningFacts): Warning | undefined {
  if (
    f.decreaseThreshold === undefined ||
    f.previousAllocation === undefined ||
    !(compareTolerant(f.final, f.decreaseThreshold) < 0)
  ) {
    return undefined;
  }
  return w(
    'MINSKNING',
    T.MINSKNING(f.final, f.decreaseThreshold, f.previousAllocation, spärrText(f.appliedMaxDecrease), monthsNote(f)),
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
