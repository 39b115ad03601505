// Reading one cell by its kind, with the Swedish message when it cannot be read.
// spec: docs/workbook-format.md §1.3, §1.4.
import Decimal from 'decimal.js';
// Numbers are made in the engine's own decimal class: the model gets them as they are (no copy, one class).
import { EngineDecimal as D, MAX_AMOUNT } from '../engine';
import type { SplitMethod } from '../engine';
import type { CellValue } from './types';
import type { ColumnKind } from './columns';
import { isDateTimeFormat, parseNumberCell, parseShareCell } from './numbers';
import type { ParsedNumber } from './numbers';
import { READ_TEXTS as R } from './messages';
import { cellText, excelErrorMessage, excelErrorOf, foldDiacritics, isBlank, normalizeKey, UNIT_MULTIPLIER } from './text';

export type CellRead<T> = { ok: true; value: T } | { ok: false; message: string } | null;

/** The cell as quoted in a message: the text as typed, or a number in Swedish notation. */
export function quoted(cell: CellValue | undefined): string {
  return `"${cellText(cell)}"`;
}

/**
 * A reader that first refuses a cell showing an error value (#N/A, #REF! …): such a cell is no value of
 * any kind, whatever its column, and the message says what to do about it.
 */
function refusingErrorValues<A extends unknown[], T>(
  read: (cell: CellValue | undefined, ...rest: A) => CellRead<T>,
): (cell: CellValue | undefined, ...rest: A) => CellRead<T> {
  return (cell, ...rest) => {
    const error = excelErrorOf(cell);
    return error ? { ok: false, message: excelErrorMessage(error) } : read(cell, ...rest);
  };
}

/** Above 10^15 (the engine's limit, AMOUNT_TOO_LARGE): reported by the reader, with the file's other problems. */
function tooLarge(cell: CellValue | undefined): string {
  return R.tooLarge(quoted(cell));
}

/** "900.000" in an amount: a thousands separator or decimals? (spec: docs/workbook-format.md §1) */
export function ambiguousAmountMessage(cell: CellValue | undefined, forms: NonNullable<ParsedNumber['ambiguous']>): string {
  return R.ambiguousAmount(quoted(cell), forms.thousands, forms.decimals);
}

/** What a number cell should hold, for dateFormattedMessage: 'ett belopp', 'ett antal', 'en andel' … */
export type NumberNoun = 'ett belopp' | 'ett antal' | 'ett antal månader' | 'en andel' | 'ett årtal';

/** A number in a cell formatted as a date or time: its serial day number is no amount. */
export function dateFormattedMessage(cell: CellValue | undefined, noun: NumberNoun): string {
  return R.dateFormatted(cellText(cell), noun);
}

/**
 * The problem of a number cell formatted as a date or time (isDateTimeFormat on the format code the
 * host gave, SheetValues.numberFormats), else undefined. Text and blank cells are read as they are.
 */
export function dateFormattedProblem(
  cell: CellValue | undefined,
  numberFormat: string | null | undefined,
  noun: NumberNoun,
): string | undefined {
  return typeof cell === 'number' && isDateTimeFormat(numberFormat) ? dateFormattedMessage(cell, noun) : undefined;
}

/**
 * Money: a number ≥ 0 in the column's unit (multiplier 1, 1 000 or 1 000 000), exact.
 * A unit written in the cell ("5 tkr", "2 000 kr", "1 234 SEK") overrides the column's unit: "2 000 kr"
 * under `Eget kapital (tkr)` is 2 000 kr, "5 tkr" under `(kr)` is 5 000 kr.
 * "900.000" and "1,500" are refused as ambiguous (ambiguousAmountMessage).
 */
export const readMoney = refusingErrorValues(function readMoney(
  cell: CellValue | undefined,
  multiplier: number,
): CellRead<Decimal> {
  const parsed = parseNumberCell(cell);
  if (parsed === null) return null;
  if (parsed === undefined || parsed.percent) return { ok: false, message: R.notA(quoted(cell), 'belopp') };
  if (parsed.ambiguous) return { ok: false, message: ambiguousAmountMessage(cell, parsed.ambiguous) };
  // spec: docs/workbook-format.md §1 — the cell's own unit (kr, tkr, mkr) wins over the column's
  const factor = parsed.currency ? UNIT_MULTIPLIER[parsed.unit ?? 'kr'] : multiplier;
  const value = parsed.value.times(factor);
  if (value.isNegative() && !value.isZero()) {
    return { ok: false, message: R.negative(quoted(cell), 'ett belopp') };
  }
  if (value.greaterThan(MAX_AMOUNT)) return { ok: false, message: tooLarge(cell) };
  return { ok: true, value: value.isZero() ? new D(0) : value };
});

/** A count or measure (invånare, försörjningsmått, försörjningsstödstagare): a number ≥ 0, times the column's unit. */
export const readQuantity = refusingErrorValues(function readQuantity(
  cell: CellValue | undefined,
  multiplier: number,
  what: 'antal' | 'belopp',
): CellRead<Decimal> {
  const parsed = parseNumberCell(cell);
  if (parsed === null) return null;
  const bad = parsed === undefined || parsed.percent || (what === 'antal' && parsed.currency);
  if (bad) return { ok: false, message: R.notA(quoted(cell), what) };
  if (parsed.ambiguous) return { ok: false, message: ambiguousAmountMessage(cell, parsed.ambiguous) };
  const factor = parsed.currency ? UNIT_MULTIPLIER[parsed.unit ?? 'kr'] : multiplier;
  const value = parsed.value.times(factor);
  if (value.isNegative() && !value.isZero()) {
    return {
      ok: false,
      message: R.negative(quoted(cell), what === 'antal' ? 'ett antal' : 'ett belopp'),
    };
  }
  if (value.greaterThan(MAX_AMOUNT)) return { ok: false, message: tooLarge(cell) };
  return { ok: true, value: value.isZero() ? new D(0) : value };
});

/** Verksamhetsmånader: a whole number 1–12. */
export const readMonths = refusingErrorValues(function readMonths(cell: CellValue | undefined): CellRead<number> {
  const parsed = parseNumberCell(cell);
  if (parsed === null) return null;
  const v = parsed?.value;
  if (!parsed || parsed.percent || parsed.currency || !v || !v.isInteger() || v.lessThan(1) || v.greaterThan(12)) {
    return { ok: false, message: R.notMonths(quoted(cell)) };
  }
  return { ok: true, value: v.toNumber() };
});

/** A share: 0,75, "75 %" or 75 (above 1 is percent); must end in 0–100 %. */
export const readShare = refusingErrorValues(function readShare(cell: CellValue | undefined): CellRead<Decimal> {
  const v = parseShareCell(cell);
  if (v === null) return null;
  if (v === undefined) return { ok: false, message: R.notAShare(quoted(cell)) };
  return { ok: true, value: v };
});

// spec: docs/workbook-format.md §8; docs/model.md §A6 — a date typed YYYY-MM-DD (white space around it
// aside) that exists in the calendar: Beslut's Datum, Svarsdatum
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The years År may hold (the reader, the template's validation, the next round's year). */
export const YEAR_RANGE = { min: 1900, max: 2200 } as const;

/** År: a whole number in YEAR_RANGE. */
export const readYear = refusingErrorValues(function readYear(cell: CellValue | undefined): CellRead<number> {
  const parsed = parseNumberCell(cell);
  if (parsed === null) return null;
  const v = parsed?.value;
  if (
    !parsed ||
    parsed.percent ||
    parsed.currency ||
    !v ||
    !v.isInteger() ||
    v.lessThan(YEAR_RANGE.min) ||
    v.greaterThan(YEAR_RANGE.max)
  ) {
    return { ok: false, message: R.notYear(quoted(cell)) };
  }
  return { ok: true, value: v.toNumber() };
});

/** Swedish display name of each split method, as written in the workbook. */
export const SPLIT_METHOD_LABELS: Record<SplitMethod, string> = {
  lika: 'Lika',
  invanare: 'Invånare',
  forsorjningsstod: 'Försörjningsstöd',
};

/** Why a split by inhabitants or recipients fell back to equal shares (all its weights were 0). */
export const EQUAL_FALLBACK_REASON: Record<Exclude<SplitMethod, 'lika'>, string> = {
  invanare: 'inga invånare',
  forsorjningsstod: 'inga försörjningsstödstagare',
};

/** Fördelning mellan kommuner: Lika, Invånare or Försörjningsstöd, any case, with or without å/ä/ö. */
export const readSplitMethod = refusingErrorValues(function readSplitMethod(cell: CellValue | undefined): CellRead<SplitMethod> {
  if (isBlank(cell)) return null;
  const key = foldDiacritics(normalizeKey(cell));
  for (const [method, label] of Object.entries(SPLIT_METHOD_LABELS) as [SplitMethod, string][]) {
    if (key === foldDiacritics(normalizeKey(label))) return { ok: true, value: method };
  }
  return {
    ok: false,
    message: R.notSplitMethod(quoted(cell)),
  };
});

/** What a cell of each column kind reads as. */
export interface KindValue {
  text: string;
  money: Decimal;
  quantity: Decimal;
  months: number;
  split: SplitMethod;
}

/** The noun of a number column's date message, by kind (a quantity counted in kronor says 'ett belopp'). */
const KIND_NOUN: Record<Exclude<ColumnKind, 'text' | 'split'>, NumberNoun> = {
  money: 'ett belopp',
  quantity: 'ett antal',
  months: 'ett antal månader',
};

/**
 * One cell of a column by the column's kind (ColumnDefinition.kind): the one reader per kind that
 * readWorkbook uses for every input column. multiplier is the header's unit; numberFormat the cell's
 * format code (a number in a date-formatted cell is refused, spec: docs/workbook-format.md §1).
 * measure: a quantity that is an amount (försörjningsmått) reads and speaks as 'belopp'.
 */
export function readOfKind<K extends ColumnKind>(
  kind: K,
  cell: CellValue | undefined,
  options: { multiplier?: number; numberFormat?: string | null; measure?: 'antal' | 'belopp' } = {},
): CellRead<KindValue[K]> {
  const multiplier = options.multiplier ?? 1;
  if (kind === 'text') return (isBlank(cell) ? null : { ok: true, value: cellText(cell) }) as CellRead<KindValue[K]>;
  if (kind === 'split') return readSplitMethod(cell) as CellRead<KindValue[K]>;
  const noun = kind === 'quantity' && options.measure === 'belopp' ? 'ett belopp' : KIND_NOUN[kind as keyof typeof KIND_NOUN];
  const dated = dateFormattedProblem(cell, options.numberFormat, noun);
  if (dated) return { ok: false, message: dated };
  if (kind === 'money') return readMoney(cell, multiplier) as CellRead<KindValue[K]>;
  if (kind === 'months') return readMonths(cell) as CellRead<KindValue[K]>;
  return readQuantity(cell, multiplier, options.measure ?? 'antal') as CellRead<KindValue[K]>;
}
