// Low-level values of what a run writes: number formats, whole kronor, local date-times, runs of rows.
// spec: docs/model.md §R (rounding).
import Decimal from 'decimal.js';
import { roundHalfUp } from '../engine';

export const LAMBDA_FORMAT = '0.000000';
/**
 * λ on Körlogg: the number (a share, 6 decimals in the cell) shown with its meaning beside it in the same
 * cell, "76,0016 % av behovsdelen betalas" (a number format with literal text: the cell stays a number).
 */
export const LAMBDA_MEANING_FORMAT = '0.0000%" av behovsdelen betalas"';
/** Körlogg's Tidpunkt: a date-time cell (an Excel serial number in this format), not text. */
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/**
 * A local date and time as an Excel serial number (days since 1899-12-30, the fraction the time of day),
 * to the second: what Excel stores for a date-time cell (workbooks in the 1900 date system).
 */
export function excelDateTime(date: Date): number {
  const utc = Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
  );
  return Math.round(((utc - Date.UTC(1899, 11, 30)) / 86_400_000) * 86_400) / 86_400;
}
export const DECIMAL_MONEY_FORMAT = '0.00';

/** A whole-krona Decimal as a JS number (a safe integer); throws if it is not one. */
export function wholeKronor(d: Decimal): number {
  if (!d.isInteger()) throw new Error(`internal: ${d.toFixed()} is not whole kronor`);
  const n = d.toNumber();
  if (!Number.isSafeInteger(n)) throw new Error(`internal: ${d.toFixed()} is beyond safe integers`);
  return n === 0 ? 0 : n;
}

/** "CODE: text; CODE: text" (spec: docs/model.md §W "each written as `CODE: text in Swedish`, `; `-separated"). */
export function warningsText(warnings: { code: string; text: string }[]): string {
  // a ";" inside a text would read as a separator: it becomes ","
  return warnings.map((w) => `${w.code}: ${w.text.replace(/\s*;\s*/g, ', ')}`).join('; ');
}

/** ISO 8601 local time without zone: "2025-03-14T09:30:05". */
export function isoLocal(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** Consecutive numbers as [start, count] runs: [0,1,2,5] → [[0,3],[5,1]] (rows or columns of a plan). */
export function runsOf(numbers: readonly number[]): [number, number][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else runs.push([n, 1]);
  }
  return runs;
}

/** A whole-krona JS number of an exact amount, rounded half up. */
export function kronorOf(d: Decimal): number {
  return wholeKronor(roundHalfUp(d));
}
