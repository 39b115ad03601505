// Swedish display of amounts, shares and problems (messages, summaries, the Förklara view).
import Decimal from 'decimal.js';
import type { Problem } from './types';
import { groupThousands } from './text';
import { problemContext } from './problem-context';

function toDecimal(n: number | Decimal): Decimal {
  return Decimal.isDecimal(n) ? (n as Decimal) : new Decimal(String(n));
}

/**
 * A number in Swedish notation with normal spaces between thousands and a decimal comma,
 * rounded half up to `decimals` places: formatNumber(1234567.891, 2) → "1 234 567,89".
 */
export function formatNumber(n: number | Decimal, decimals = 0): string {
  const d = toDecimal(n);
  const fixed = d.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const body = fixed.replace(/^-/, '');
  const [intPart, frac] = body.split('.');
  return (negative ? '-' : '') + groupThousands(intPart) + (frac !== undefined ? ',' + frac : '');
}

/** Kronor with normal spaces: formatKronor(339000000) → "339 000 000 kr"; rounded half up to whole kronor unless decimals > 0. */
export function formatKronor(n: number | Decimal, decimals = 0): string {
  return `${formatNumber(n, decimals)} kr`;
}

/**
 * A share (fraction) as a Swedish percentage with at most `maxDecimals` decimals, trailing zeros dropped:
 * formatShare(0.75) → "75 %", formatShare(0.125) → "12,5 %", formatShare(0.302880) → "30,29 %".
 */
export function formatShare(share: number | Decimal, maxDecimals = 2): string {
  const pct = toDecimal(share).times(100);
  let text = formatNumber(pct, maxDecimals);
  if (text.includes(',')) text = text.replace(/0+$/, '').replace(/,$/, '');
  return `${text} %`;
}

/**
 * "Förbund!E7 (Norrby, Eget kapital (kr)): \"ca 2 milj\" är inget belopp": the address, the federation
 * and column where known and not already in the message (problemContext), the message.
 */
export function formatProblem(p: Problem): string {
  const context = problemContext(p);
  return `${p.address}${context ? ` (${context})` : ''}: ${p.message}`;
}
