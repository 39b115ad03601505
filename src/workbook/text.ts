// Text normalisation for sheet names, headers, names and list values.
// spec: workbook-format.md "Reading rules": case-insensitive, white space runs folded,
// hyphen / en dash / minus alike, trailing unit in parentheses.
import type { CellValue } from './types';

/** Every Unicode space (incl. no-break U+00A0, thin U+2009, narrow no-break U+202F, figure U+2007). */
const SPACES = /[\s\u00A0\u2007\u2009\u202F\u200B\uFEFF]+/g;
/** Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus, small/full-width hyphen-minus. */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212\uFE63\uFF0D]/g;

/** True for '', null, undefined and text of white space only. */
export function isBlank(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.replace(SPACES, '') === '';
  return false;
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
  return cellText(value)
    .replace(DASHES, '-')
    .replace(/ ?- ?/g, '-')
    .toLowerCase()
    .trim();
}

/** normalizeKey without diacritics ("Försörjningsstöd" → "forsorjningsstod"). */
export function foldDiacritics(key: string): string {
  return key.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

export type Unit = 'kr' | 'tkr' | 'mkr' | '%';

/** Multiplier of each money unit. */
export const UNIT_MULTIPLIER: Record<'kr' | 'tkr' | 'mkr', number> = { kr: 1, tkr: 1000, mkr: 1000000 };

export interface ParsedHeader {
  /** normalized name without the unit */
  name: string;
  /** unit found in trailing parentheses, if any */
  unit?: Unit;
}

/** "Eget kapital (tkr)" → { name: "eget kapital", unit: "tkr" }. */
export function parseHeader(value: CellValue | undefined): ParsedHeader {
  const key = normalizeKey(value);
  const m = /^(.*?) ?\( ?(kr|tkr|mkr|%) ?\)$/.exec(key);
  if (m && m[1] !== '') return { name: m[1], unit: m[2] as Unit };
  return { name: key };
}
