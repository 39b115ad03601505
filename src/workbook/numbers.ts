// Forgiving reading of numbers typed by people: Excel numbers or Swedish text.
// spec: docs/workbook-format.md §1.3 — `1 234 567`, `1 234,5`, `1234567 kr`, `12,5 %`; space,
// no-break space or thin space as thousands separator; comma or point as decimal mark;
// a share accepts `75 %`, `0,75` or `75` (read as 75 % when above 1).
import Decimal from 'decimal.js';
// Numbers are made in the engine's own decimal class: the model gets them as they are (no copy, one class).
import { EngineDecimal as D } from '../engine';
import type { CellValue } from './types';
import { isBlank } from './text';

/** A number read from a cell. */
export interface ParsedNumber {
  value: Decimal;
  /** the text ended in % (value is still as written: "12,5 %" → 12.5) */
  percent: boolean;
  /** a money unit written in the cell itself ("5 tkr"), overriding the column's unit */
  unit?: 'kr' | 'tkr' | 'mkr';
  /** the text carried a currency ("kr", "SEK", ":-", "tkr", "mkr"): only money cells accept it */
  currency: boolean;
  /**
   * the text's only mark is one point or comma followed by exactly three digits after one to three
   * digits ("900.000", "1,500"): a thousands separator or decimals? `value` reads it as decimals;
   * an amount refuses it (spec: docs/workbook-format.md §1), a share keeps that reading
   */
  ambiguous?: { thousands: string; decimals: string };
}

/**
 * A cell's number as an exact Decimal, rounded to 15 significant digits as Excel shows and compares
 * numbers: a formula's binary noise goes (=8,2*10^6 is 8 200 000, not 8 199 999,999999999; =1-0,7 is
 * 0,3; =1/3 and =2/3 add up to 1), and 0.1 stays 0.1. Excel keeps no more than 15 digits of typed input.
 */
export function decimalFromNumber(n: number): Decimal {
  return new D(n.toPrecision(15));
}

const SUFFIX = /^(.*?)\s*(%|kronor|kr\.?|sek|tkr|mkr|:-)$/i;

/**
 * Reads a number cell. Returns null for a blank cell and undefined for anything that is not a number.
 *
 * Text rules (documented choices):
 * - spaces of any kind (incl. U+00A0, U+2009, U+202F) separate thousands: groups after the first must
 *   have exactly three digits ("1 234 567"; "12 34" is not a number);
 * - one comma or one point is the decimal mark ("1,234" = 1.234; "1.5" = 1.5);
 * - the same mark repeated is a thousands separator ("1.234.567" = "1,234,567" = 1 234 567);
 * - both marks: the last one is the decimal mark ("1.234,5" = "1,234.5" = 1 234.5);
 * - a leading + or - (also U+2212 minus) is the sign;
 * - a trailing "%" sets `percent`; "kr", "kr.", "kronor", "SEK", ":-" set `currency` (kronor) and
 *   "tkr"/"mkr" set `unit` too: a unit written in the cell wins over its column's (readMoney);
 * - "900.000" and "1,500" (one mark, exactly three digits after it, 1–3 before) set `ambiguous`;
 * - nothing else: no exponents, no words ("ca 2 milj").
 */
export function parseNumberCell(cell: CellValue | undefined): ParsedNumber | null | undefined {
  if (isBlank(cell)) return null;
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { value: decimalFromNumber(cell), percent: false, currency: false } : undefined;
  }
  if (typeof cell !== 'string') return undefined;
  let s = cell
    .normalize('NFC')
    .replace(/[\s\u00A0\u2007\u2009\u202F\u200B\uFEFF]+/g, ' ')
    .trim();
  let percent = false;
  let currency = false;
  let unit: ParsedNumber['unit'];
  const suffix = SUFFIX.exec(s);
  if (suffix) {
    const u = suffix[2].toLowerCase();
    s = suffix[1];
    if (u === '%') percent = true;
    else currency = true;
    if (u === 'tkr' || u === 'mkr') unit = u;
  }
  let negative = false;
  const sign = /^([+\-\u2212\u2013]) ?/.exec(s);
  if (sign) {
    negative = sign[1] !== '+';
    s = s.slice(sign[0].length);
  }
  const value = parseUnsignedNumber(s);
  if (value === undefined) return undefined;
  const parsed: ParsedNumber = { value: negative ? value.negated() : value, percent, unit, currency };
  const ambiguous = ambiguousThousands(s);
  if (ambiguous) parsed.ambiguous = ambiguous;
  return parsed;
}

/**
 * "900.000" → { thousands: "900 000", decimals: "900,00" }: a number whose only mark is one point or
 * comma with exactly three digits after it and one to three (not a leading 0) before it, so that it
 * reads as well with a thousands separator as with decimals. The forms to write instead, with the
 * decimals' trailing zeros dropped down to two ("1,234" keeps its digits: "1,2340").
 */
function ambiguousThousands(s: string): ParsedNumber['ambiguous'] {
  const m = /^([1-9][0-9]{0,2})[.,]([0-9]{3})$/.exec(s);
  if (!m) return undefined;
  const decimals = m[2].endsWith('0') ? m[2].slice(0, 2) : `${m[2]}0`;
  return { thousands: `${m[1]} ${m[2]}`, decimals: `${m[1]},${decimals}` };
}

/**
 * True when an Excel number format code shows a date or a time (`yyyy-mm-dd`, `d/m/yyyy`, `h:mm`,
 * `[h]:mm:ss`, `mmm yy`, `ÅÅÅÅ-MM-DD`): a number in such a cell is a serial day number, not an amount.
 * Quoted text, escaped characters and bracketed colours, conditions and locales do not count; elapsed
 * time ([h], [mm], [ss]) does; so does `ÅÅÅÅ` of a Swedish code. null, undefined, '', `General`, `@` and number formats are false.
 * The one rule both hosts rely on (they pass SheetValues.numberFormats through).
 */
export function isDateTimeFormat(code: string | null | undefined): boolean {
  if (typeof code !== 'string' || code === '') return false;
  if (/\[[hms]+\]/i.test(code)) return true;
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[[^\]]*\]/g, '');
  // General (Standard in Swedish Excel's local codes) shows a number as it is
  if (/^(general|standard)$/i.test(bare.trim())) return false;
  // d, m, y, h, s (the codes as Range.numberFormat and .xlsx give them; AM/PM has its m), Swedish å (år)
  return /[dmyhså]/i.test(bare);
}

function parseUnsignedNumber(s: string): Decimal | undefined {
  if (!/^[0-9 .,]+$/.test(s) || !/[0-9]/.test(s)) return undefined;
  const commas = (s.match(/,/g) ?? []).length;
  const points = (s.match(/\./g) ?? []).length;
  let decimalMark: ',' | '.' | undefined;
  let thousandsMark: ',' | '.' | undefined;
  if (commas > 0 && points > 0) {
    decimalMark = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    thousandsMark = decimalMark === ',' ? '.' : ',';
    if ((decimalMark === ',' ? commas : points) !== 1) return undefined;
  } else if (commas > 1) {
    thousandsMark = ',';
  } else if (points > 1) {
    thousandsMark = '.';
  } else if (commas === 1) {
    decimalMark = ',';
  } else if (points === 1) {
    decimalMark = '.';
  }
  let intPart = s;
  let fracPart = '';
  if (decimalMark) {
    const at = s.lastIndexOf(decimalMark);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
    if (!/^[0-9]+$/.test(fracPart)) return undefined;
  }
  intPart = intPart.trim();
  let digits: string;
  if (intPart === '') {
    if (!decimalMark) return undefined;
    digits = '0';
  } else {
    const groups = thousandsMark ? intPart.split(new RegExp(`[ ${thousandsMark === '.' ? '\\.' : ','}]`)) : intPart.split(' ');
    if (groups.some((g) => !/^[0-9]+$/.test(g))) return undefined;
    if (groups.length > 1) {
      if (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)) return undefined;
    }
    // a thousands mark must actually separate groups ("1.234.567" yes, "1234.567.8" no)
    if (thousandsMark && groups.length < 2) return undefined;
    digits = groups.join('');
  }
  return new D(fracPart ? `${digits}.${fracPart}` : digits);
}

/**
 * A share from a cell: 0.75, "75 %", "0,75", "75" (above 1 means percent). Returns null when blank,
 * undefined when not a share in [0, 1]. A money unit in the cell makes it no share.
 */
export function parseShareCell(cell: CellValue | undefined): Decimal | null | undefined {
  const parsed = parseNumberCell(cell);
  if (parsed === null) return null;
  if (parsed === undefined || parsed.currency) return undefined;
  let v = parsed.value;
  if (parsed.percent || v.greaterThan(1)) v = v.dividedBy(100);
  if (v.isNegative() && !v.isZero()) return undefined;
  if (v.greaterThan(1)) return undefined;
  return v.isZero() ? new D(0) : v;
}
