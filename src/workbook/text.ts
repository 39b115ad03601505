// Text normalisation for sheet names, headers, names and list values.
// spec: docs/workbook-format.md §1.1 — case-insensitive, white space runs folded,
// hyphen / en dash / minus alike, trailing unit in parentheses.
import { READ_TEXTS as R } from './messages';
import type { CellValue } from './types';
import { nameKey } from '../engine';

/** Every Unicode space (incl. no-break U+00A0, thin U+2009, narrow no-break U+202F, figure U+2007). */
const SPACES = /[\s\u00A0\u2007\u2009\u202F\u200B\uFEFF]+/g;

/** True for '', null, undefined and text of white space only. */
export function isBlank(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.replace(SPACES, '') === '';
  return false;
}

/** Excel's error values as Range.values and .xlsx files give them (English), and as Swedish Excel shows them. */
const EXCEL_ERROR =
  /^#(N\/A|REF!|DIV\/0!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA|SAKNAS!|REFERENS!|DIVISION\/0!|VÄRDEFEL!|NAMN\?|OGILTIGT!|SKÄRNING!)$/i;

/** The error value a cell shows (a formula that could not be calculated, e.g. "#N/A"), else undefined. */
export function excelErrorOf(value: CellValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return EXCEL_ERROR.test(t) ? t.toUpperCase() : undefined;
}

/** The message for a cell that shows an error value: what a person must do about it. */
export function excelErrorMessage(error: string): string {
  return R.errorValue(error);
}

/** A cell as display text: trimmed, white space runs folded to one space ('' when blank). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatPlainNumber(value);
  if (typeof value === 'boolean') return value ? 'SANT' : 'FALSKT';
  return value.normalize('NFC').replace(SPACES, ' ').trim();
}

/** A JS number as Swedish text for messages: "-5 000", "1 234,5". */
export function formatPlainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (/e/i.test(s)) return s.replace('.', ',');
  const negative = s.startsWith('-');
  const [intPart, frac] = (negative ? s.slice(1) : s).split('.');
  const grouped = groupThousands(intPart);
  return (negative ? '-' : '') + grouped + (frac !== undefined ? ',' + frac : '');
}

/** "1234567" → "1 234 567" (normal spaces). */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * Comparison key for headers, sheet names and names: NFC, lower case, white space runs → one space,
 * every dash → '-', no spaces around a dash, trimmed.
 */
export function normalizeKey(value: CellValue | undefined): string {
  return typeof value === 'string' ? nameKey(value) : nameKey(cellText(value));
}

/** normalizeKey without diacritics ("Försörjningsstöd" → "forsorjningsstod"). */
export function foldDiacritics(key: string): string {
  return key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

export type Unit = 'kr' | 'tkr' | 'mkr' | '%';

/** Multiplier of each money unit. */
export const UNIT_MULTIPLIER: Record<'kr' | 'tkr' | 'mkr', number> = { kr: 1, tkr: 1000, mkr: 1000000 };

export interface ParsedHeader {
  /** normalized name without the unit (the whole header when its parentheses hold no known unit) */
  name: string;
  /** unit found in trailing parentheses, if any */
  unit?: Unit;
  /** trailing parentheses that hold no known unit ("(st)", "(euro)"): the name before them and their text */
  otherUnit?: { name: string; unit: string };
}

/** What may stand in a header's trailing parentheses, and the unit it means. */
const HEADER_UNITS: Record<string, Unit> = {
  kr: 'kr',
  'kr.': 'kr',
  kronor: 'kr',
  sek: 'kr',
  tkr: 'tkr',
  'tkr.': 'tkr',
  ksek: 'tkr',
  tsek: 'tkr',
  'tusen kr': 'tkr',
  mkr: 'mkr',
  'mkr.': 'mkr',
  msek: 'mkr',
  'miljoner kr': 'mkr',
  '%': '%',
  procent: '%',
};

/** "Eget kapital (tkr)" → { name: "eget kapital", unit: "tkr" }; "(SEK)" is kr, "(KSEK)" tkr. */
export function parseHeader(value: CellValue | undefined): ParsedHeader {
  const key = normalizeKey(value);
  const m = /^(.*?) ?\( ?([^()]*?) ?\)$/.exec(key);
  if (!m || m[1] === '') return { name: key };
  const unit = HEADER_UNITS[m[2]];
  if (unit) return { name: m[1], unit };
  return { name: key, otherUnit: { name: m[1], unit: m[2] } };
}
