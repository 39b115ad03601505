// Swedish number formatting for warning and error texts (not for written cells).
import Decimal from 'decimal.js';
import { D } from './decimal';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** "2 000 000 kr" (whole kronor, half up; minus sign for negatives). */
export function formatKronor(x: Decimal): string {
  const text = x.toFixed(0, Decimal.ROUND_HALF_UP);
  return text.startsWith('-') ? (text === '-0' ? '0 kr' : `−${groupThousands(text.slice(1))} kr`) : `${groupThousands(text)} kr`;
}

/** "10 %", "12,5 %" (share 0.125 → 12,5 %; at most 4 decimals, trailing zeros dropped). */
export function formatPercent(share: Decimal): string {
  const p = new D(share).times(100).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  const sign = p.isNeg() && !p.isZero() ? '−' : '';
  const [int, frac] = p.abs().toFixed().split('.');
  return `${sign}${groupThousands(int)}${frac ? ',' + frac : ''} %`;
}

/** A plain number such as 1 234,5 (for non-money values in messages). */
export function formatNumber(x: Decimal): string {
  const v = new D(x);
  const sign = v.isNeg() && !v.isZero() ? '−' : '';
  const [int, frac] = v.abs().toFixed().split('.');
  return `${sign}${groupThousands(int)}${frac ? ',' + frac : ''}`;
}
