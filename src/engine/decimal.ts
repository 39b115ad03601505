// Private decimal arithmetic of the engine. Money is never a JS number here.
// spec: docs/model.md §E
import Decimal from 'decimal.js';

/** The engine's arithmetic: 60 significant digits, ties half up. Results are instances of D. */
export const D = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});

/** Same precision, rounding toward zero (used where a quotient must not overshoot). */
const DDown = D.clone({ rounding: Decimal.ROUND_DOWN });

/**
 * Exact amounts are kept on a grid of 10^-EXACT_DP kr. Sums of grid amounts are exact in
 * 60 digits up to 10^29 kr (inputs are limited to MAX_AMOUNT, 10^15 kr), so totals such as
 * Σ final + U = B hold exactly, not approximately. Quotients (keys, λ, shares) carry 60 digits:
 * their error times any amount stays far below one grid step.
 */
export const EXACT_DP = 30;
export const QUANTUM = new D(`1e-${EXACT_DP}`);

/**
 * Two exact amounts closer than this are equal for the purpose of a rounding tie. Exact totals are hit
 * by giving a residue of at most 100·(n + 1) grid steps (exact.ts, absorbResidual) to one value, which
 * can make equal amounts differ by ~10^-24 kr; that must not decide who gets a krona.
 */
export const TIE_TOLERANCE = new D('1e-20');

/** The largest amount or count the engine accepts in its input (10^15: a thousand times any state budget). */
export const MAX_AMOUNT = new D('1e15');

export const ZERO = new D(0);
export const ONE = new D(1);
export const TWO = new D(2);
/** 1/2 exactly: x·½ is x/2 without a division */
export const HALF = new D('0.5');
export const TWELVE = new D(12);

/** x in the engine's context (no copy when it already is): exported rule functions accept any Decimal. */
export function asD(x: Decimal.Value): Decimal {
  return x instanceof Object && (x as Decimal).constructor === D ? (x as Decimal) : new D(x);
}

/** Round down (toward −∞) to the exact-amount grid. */
export function toGrid(x: Decimal): Decimal {
  return asD(x).toDecimalPlaces(EXACT_DP, Decimal.ROUND_FLOOR);
}

/** a / b rounded toward zero at 60 significant digits. */
export function divDown(a: Decimal, b: Decimal): Decimal {
  return new D(new DDown(a).div(b));
}

/** Whole kronor, ties away from zero ("rounded half up"). */
export function roundHalfUp(x: Decimal): Decimal {
  return asD(x).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}

export function sum(values: readonly Decimal[]): Decimal {
  let total: Decimal = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/**
 * a compared with b: −1, 0 or 1, exactly as a.comparedTo(b), but without the copy of b that every
 * decimal.js comparison makes (an allocation in the engine's hottest loops). It reads the documented
 * read-only digits (base 10^7), exponent and sign, as decimal.js's own comparison does; NaN and
 * ±Infinity, which the engine never holds, go to comparedTo.
 */
export function compare(a: Decimal, b: Decimal): number {
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd) return a.comparedTo(b);
  const as = a.s;
  const bs = b.s;
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -bs : 0;
  if (as !== bs) return as;
  if (a.e !== b.e) return a.e > b.e !== as < 0 ? 1 : -1;
  const n = ad.length < bd.length ? ad.length : bd.length;
  for (let i = 0; i < n; i++) if (ad[i] !== bd[i]) return ad[i] > bd[i] !== as < 0 ? 1 : -1;
  return ad.length === bd.length ? 0 : ad.length > bd.length !== as < 0 ? 1 : -1;
}

/**
 * ⌊x·10^14⌋ of a fractional part 0 ≤ x < 1, as a JS integer below 10^14 (exact): a coarse key for
 * telling apart fractional parts quickly, never an amount. Read without allocation from the same
 * documented digits as compare: the words (base 10^7) are aligned to the decimal point, so the first
 * 14 decimals are the first two words after ⌊(−e − 1)/7⌋ all-zero words left out.
 */
export function fractionHead(x: Decimal): number {
  const d = x.d;
  if (!d || x.s < 0 || x.e >= 0) {
    if (d && d[0] === 0) return 0;
    throw new RangeError(`fractionHead: ${x.toString()} är inte ett bråk mellan 0 och 1`);
  }
  const zeroWords = Math.floor((-x.e - 1) / 7);
  if (zeroWords >= 2) return 0;
  if (zeroWords === 1) return d[0];
  return d[0] * 1e7 + (d.length > 1 ? d[1] : 0);
}

// spec: docs/model.md §E — decisions as exact arithmetic takes them
/**
 * a compared with b for a decision (a warning, a tier, protection, λ = 1, the scenario): −1, 0 or 1 as
 * exact arithmetic would give it. Amounts within TIE_TOLERANCE are equal: the grid's leftover
 * (absorbResidual: at most ~10^-24 kr) makes equal exact amounts differ, and that must not decide
 * anything. The same tolerance as a rounding tie (remainderOrder). Value paths whose amounts must add
 * up exactly (the λ walk, a pro-rata tier) keep `compare`.
 */
export function compareTolerant(a: Decimal, b: Decimal): number {
  const c = compare(a, b);
  if (c === 0) return 0;
  return compare(a.minus(b).abs(), TIE_TOLERANCE) <= 0 ? 0 : c;
}

export function dmin(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) <= 0 ? a : b;
}

export function dmax(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) >= 0 ? a : b;
}

/** Every Unicode space (incl. no-break U+00A0, thin U+2009, narrow no-break U+202F, figure U+2007, zero-width). */
const SPACES = /[\s\u00A0\u2007\u2009\u202F\u200B\uFEFF]+/g;
/** Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus, small/full-width hyphen-minus. */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212\uFE63\uFF0D]/g;

// spec: docs/workbook-format.md §1 — case-insensitive, white space folded, hyphen/en dash/minus alike
/**
 * The project's one comparison key for names, headers and sheet names: NFC, white space runs → one
 * space, every dash → '-', no spaces around a dash, trimmed, lower case. The workbook's normalizeKey
 * is this key of a cell's text.
 */
export function nameKey(name: string): string {
  return String(name)
    .normalize('NFC')
    .replace(SPACES, ' ')
    .trim()
    .replace(DASHES, '-')
    .replace(/ ?- ?/g, '-')
    .toLowerCase()
    .trim();
}
