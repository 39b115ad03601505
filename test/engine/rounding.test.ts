// Largest remainder and the per-column rounding rules (spec "Rounding").
import {
  formatKronor,
  formatPercent,
  largestRemainder,
  roundColumnToSum,
  roundExtraColumn,
  roundHalfUp,
  roundMatchedColumn,
  roundMunicipalShare,
  splitByWeights,
} from '../../src/engine';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { dec, s } from './helpers';

const Hi = Decimal.clone({ precision: 80 });
const ONE_W = new Decimal(1);

const lr = (values: (string | number)[], target: number | string, opts = {}) =>
  largestRemainder(values, target, opts).map((x) => x.toNumber());

describe('largestRemainder', () => {
  test('adds 1 kr to the largest fractional parts', () => {
    // floors 1, 2, 3 = 6; target 7: largest fraction .7 (row 2) gets 1
    expect(lr(['1.2', '2.7', '3.5'], 7)).toEqual([1, 3, 3]);
    // target 8: .7 and .5
    expect(lr(['1.2', '2.7', '3.5'], 8)).toEqual([1, 3, 4]);
  });
  test('ties go to the earlier row', () => {
    expect(lr(['0.5', '0.5', '0.5'], 2)).toEqual([1, 1, 0]);
    expect(lr(['10.25', '7.25', '1.25', '3.25'], 22)).toEqual([11, 7, 1, 3]);
  });
  test('fractional parts that agree to 10^-20 kr are a tie: the earlier row gets the krona', () => {
    // Equal exact amounts after the grid's residue (absorbResidual) differ in the 30th decimal
    const third = '333333.333333333333333333333333333333';
    const thirdPlus = '333333.333333333333333333333333333334';
    expect(lr([third, third, thirdPlus], 1_000_000)).toEqual([333_334, 333_333, 333_333]);
    expect(lr([thirdPlus, third, third], 1_000_000)).toEqual([333_334, 333_333, 333_333]);
    // Taking a krona: the earlier row gives it
    expect(lr(['0.5', '0.5', '0.5000000000000000000000000001'], 2)).toEqual([1, 1, 0]);
    expect(lr(['1.5000000000000000000000000001', '1.5', '1.5'], 2)).toEqual([0, 1, 1]);
    // A difference of 10^-19 kr is not a tie
    expect(lr(['0.5', '0.5000000000000000001'], 1)).toEqual([0, 1]);
    // A chain of near-equal parts is grouped from its first (largest) member
    expect(lr(['0.7', '0.6', '0.60000000000000000000001', '0.6'], 2)).toEqual([1, 1, 0, 0]);
  });
  test('target below the floors: 1 kr taken from the smallest fractional parts', () => {
    // floors 1 + 2 + 3 = 6, target 5: smallest fraction .2 (row 0) gives 1
    expect(lr(['1.2', '2.3', '3.4'], 5)).toEqual([0, 2, 3]);
    // ties when taking: earlier row first
    expect(lr(['1.5', '1.5', '1.5'], 2)).toEqual([0, 1, 1]);
  });
  test('never below 0', () => {
    // floors 0, 0, 5; target 4: rows 0 and 1 are at 0, so row 2 gives
    expect(lr(['0.1', '0.2', '5.9'], 4)).toEqual([0, 0, 4]);
    expect(() => lr(['0.1', '0.2'], -1)).toThrow(RangeError);
  });
  test('whole values and a matching target stay as they are', () => {
    expect(lr([600000, 300000, 0], 900000)).toEqual([600000, 300000, 0]);
  });
  test('repeats passes when one is not enough', () => {
    expect(lr(['0.1', '0.1'], 4)).toEqual([2, 2]);
    expect(lr(['3', '3'], 0)).toEqual([0, 0]);
  });
  test('upper bounds are respected', () => {
    expect(lr(['0.9', '0.4'], 1, { upper: [dec(0), undefined] })).toEqual([0, 1]);
    expect(() => lr(['0.9'], 1, { upper: [dec(0)] })).toThrow(RangeError);
  });
  test('a non-integer target or a negative value is refused', () => {
    expect(() => lr(['1.5'], '1.5')).toThrow(RangeError);
    expect(() => lr(['-1'], 0)).toThrow(RangeError);
  });
  test('sum always equals the target and every cell is within 1 of its value', () => {
    const values = ['123.456', '0.999', '77.5', '5000.001', '0.5'].map(dec);
    const target = roundHalfUp(values.reduce((a, b) => a.plus(b)));
    const out = largestRemainder(values, target);
    expect(s(out.reduce((a, b) => a.plus(b)))).toBe(s(target));
    out.forEach((x, i) => expect(x.minus(values[i]).abs().lt(1)).toBe(true));
  });
});

describe('column rules', () => {
  test('Idealfördelning / Efter spärr: LR with target Σ half up', () => {
    // Σ = 3.5 → target 4; floors 0+1+2 = 3; +1 to largest fraction (.5 of row 0)
    expect(roundColumnToSum(['0.5', '1.5', '1.5'].map(dec)).map(s)).toEqual(['1', '2', '1']);
  });
  test('Matchad = Efter spärr − LR-rounded cut; uncut rows unchanged; never negative', () => {
    // after floor rounded 100, 200, 1; cuts 0, 50.6, 0.6 (Σ 51.2 → 51): floors 50, 0; +1 to .6 tie → row 1
    expect(roundMatchedColumn(['100', '200', '1'].map(dec), ['0', '50.6', '0.6'].map(dec)).map(s)).toEqual(['100', '149', '1']);
    // a cut of 0.6 against a rounded Efter spärr of 0 cannot make Matchad negative
    expect(roundMatchedColumn(['0', '5'].map(dec), ['0.6', '0.6'].map(dec)).map(s)).toEqual(['0', '4']);
  });
  test('Ytterligare medel: rows with nothing stay 0; target limited by B − Σ Matchad', () => {
    // Σ extra = 1.4 + 2.4 = 3.8 → 4, but B − Σ Matchad = 100 − 97 = 3 → target 3: floors 1 + 2
    expect(roundExtraColumn(['0', '1.4', '2.4'].map(dec), dec(100), ['50', '27', '20'].map(dec)).map(s)).toEqual(['0', '1', '2']);
    // without the limit: 4 → the .4 tie goes to the earlier row
    expect(roundExtraColumn(['0', '1.4', '2.4'].map(dec), dec(1000), ['50', '27', '20'].map(dec)).map(s)).toEqual([
      '0',
      '2',
      '2',
    ]);
  });
  test('Kommunernas andel = round half up (Slutlig/2)', () => {
    expect(s(roundMunicipalShare(dec(1_360_905)))).toBe('680453');
    expect(s(roundMunicipalShare(dec(1_360_904)))).toBe('680452');
  });
  test('Swedish formatting in texts', () => {
    expect(formatKronor(dec('2000000'))).toBe('2 000 000 kr');
    expect(formatKronor(dec('424361.5'))).toBe('424 362 kr');
    expect(formatKronor(dec('-1500'))).toBe('−1 500 kr');
    expect(formatPercent(dec('0.125'))).toBe('12,5 %');
    expect(formatPercent(dec('0.1'))).toBe('10 %');
  });
});

/**
 * Largest remainder of total·w_i/W in exact integer arithmetic (BigInt): floors total·w_i div W,
 * fractional parts as total·w_i mod W (one denominator, so they compare exactly), ties to the earlier row.
 */
function exactLargestRemainder(weights: bigint[], total: bigint): string[] {
  const W = weights.reduce((a, b) => a + b, 0n);
  const floors = weights.map((w) => (total * w) / W);
  const rems = weights.map((w) => (total * w) % W);
  let steps = total - floors.reduce((a, b) => a + b, 0n);
  const order = weights.map((_, i) => i).sort((a, b) => (rems[b] > rems[a] ? 1 : rems[b] < rems[a] ? -1 : a - b));
  for (const i of order) {
    if (steps === 0n) break;
    floors[i] += 1n;
    steps -= 1n;
  }
  return floors.map(String);
}

describe('splitByWeights (municipal split in whole numbers)', () => {
  test('equals largest remainder on the exact rational amounts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (ws, total) => {
          // whole weights, or the same weights in tenths (a (tkr) column with decimals): the split is the same
          const tenths = total % 2 === 1;
          const ints = ws.every((w) => w === 0) ? ws.map(() => 1) : ws;
          const weights = ints.map((w) => (tenths ? dec(w).div(10) : dec(w)));
          const split = splitByWeights(weights, dec(total));
          expect(split.rounded.map(s)).toEqual(exactLargestRemainder(ints.map(BigInt), BigInt(total)));
          const W = ints.reduce((a, b) => a + b, 0);
          split.amounts.forEach((a, i) => expect(a.minus(new Hi(total).times(ints[i]).div(W)).abs().lt('1e-50')).toBe(true));
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
  test('exact ties (equal fractional parts) go to the earlier municipality', () => {
    // small weights and totals make equal fractional parts common
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0, max: 3_000 }),
        (ws, total) => {
          expect(splitByWeights(ws.map(dec), dec(total)).rounded.map(s)).toEqual(
            exactLargestRemainder(ws.map(BigInt), BigInt(total)),
          );
        },
      ),
      { numRuns: 2_000, seed: 11 },
    );
    // 1 802 by 50/50/2: 883,39… twice and 35,33…: 884 / 883 / 35 (a tie at .39…, the earlier row wins)
    expect(splitByWeights([dec(50), dec(50), dec(2)], dec(1_802)).rounded.map(s)).toEqual(['884', '883', '35']);
    // 3 by 4/1/4: 1⅓, ⅓, 1⅓ → floors 1, 0, 1; one krona left, three equal thirds: the first row
    expect(splitByWeights([dec(4), dec(1), dec(4)], dec(3)).rounded.map(s)).toEqual(['2', '0', '1']);
  });
  test('equal weights (lika): ⌊t/k⌋ each, one krona more to the first t mod k, like exact LR', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 5_000_000 }), (k, total) => {
        const one = dec(1);
        const split = splitByWeights(new Array(k).fill(one), dec(total));
        expect(split.rounded.map(s)).toEqual(exactLargestRemainder(new Array(k).fill(1n), BigInt(total)));
        split.shares.forEach((x) => expect(x.times(k).minus(1).abs().lt('1e-50')).toBe(true));
        split.amounts.forEach((a) => expect(a.minus(new Hi(total).div(k)).abs().lt('1e-50')).toBe(true));
      }),
      { numRuns: 300, seed: 8 },
    );
    expect(
      splitByWeights(
        [dec(1), dec(1), dec(1)].map(() => ONE_W),
        dec(1_000_001),
      ).rounded.map(s),
    ).toEqual(['333334', '333334', '333333']);
  });
  test('hand example: 500 001 by 30 000 / 10 000 → 375 001 / 125 000', () => {
    expect(splitByWeights([dec(30_000), dec(10_000)], dec(500_001)).rounded.map(s)).toEqual(['375001', '125000']);
  });
});
