// The engine's allocation-free comparison agrees with decimal.js's own comparedTo.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { D, compare, dmax, dmin, fractionHead } from '../../src/engine/decimal';

const decimalText = fc
  .tuple(fc.constantFrom('', '-'), fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 45 }))
  .map(([sign, digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, '0');
    return `${sign}${scale ? `${text.slice(0, -scale)}.${text.slice(-scale)}` : text}`;
  });

describe('compare', () => {
  test('equals comparedTo for any two finite decimals (signs, zeros, magnitudes, other decimal classes)', () => {
    fc.assert(
      fc.property(decimalText, decimalText, fc.boolean(), (x, y, foreign) => {
        const a = new D(x);
        const b = foreign ? new Decimal(y) : new D(y);
        expect(compare(a, b)).toBe(a.comparedTo(b));
        expect(compare(b, a)).toBe(b.comparedTo(a));
        expect(compare(a, new D(x))).toBe(0);
        // values that differ only in the 55th significant digit
        const c = a.plus(new D(10).pow(a.e - 54));
        expect(compare(a, c)).toBe(-1);
        expect(compare(c, a)).toBe(1);
      }),
      { numRuns: 2_000, seed: 3 },
    );
  });
  test('zeros of either sign are equal; non-finite values fall back to comparedTo', () => {
    expect(compare(new D(0), new D('-0'))).toBe(0);
    expect(compare(new D('-0'), new D(5))).toBe(-1);
    expect(compare(new D(Infinity), new D(5))).toBe(1);
    expect(compare(new D(-Infinity), new D(-5))).toBe(-1);
    expect(Number.isNaN(compare(new D(NaN), new D(1)))).toBe(true);
  });
  test('dmin and dmax return one of their arguments', () => {
    const a = new D('1.5');
    const b = new D('1.50');
    expect(dmin(a, new D(2))).toBe(a);
    expect(dmax(a, new D(2)).toString()).toBe('2');
    expect(dmin(a, b)).toBe(a);
    expect(dmax(a, b)).toBe(a);
  });
});

describe('fractionHead', () => {
  test('is ⌊x·10^14⌋ for any fractional part 0 ≤ x < 1, however many leading zeros', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n - 1n }), fc.integer({ min: 0, max: 40 }), (digits, zeros) => {
        // x = 0.(zeros)(digits) with up to 80 decimals
        const x = new D(`0.${'0'.repeat(zeros)}${digits.toString().padStart(40, '0')}`);
        expect(fractionHead(x)).toBe(Number(x.times('1e14').floor().toString()));
      }),
      { numRuns: 3_000, seed: 5 },
    );
  });
  test('hand cases, and anything outside [0, 1) is refused', () => {
    expect(fractionHead(new D('0.5'))).toBe(50_000_000_000_000);
    expect(fractionHead(new D('0.00000001234'))).toBe(1_234_000);
    expect(fractionHead(new D('0.0000000000000123'))).toBe(1);
    expect(fractionHead(new D('0.000000000000000999'))).toBe(0);
    expect(fractionHead(new D('0.99999999999999999999'))).toBe(99_999_999_999_999);
    expect(fractionHead(new D(0))).toBe(0);
    expect(() => fractionHead(new D(1))).toThrow(RangeError);
    expect(() => fractionHead(new D('-0.5'))).toThrow(RangeError);
  });
});
