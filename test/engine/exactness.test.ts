// Decisions taken as exact arithmetic would take them, not on the 10^-30 kr grid's leftover (issue 15, item 16).
import { allocate } from '../../src/engine';
import { compareTolerant, TIE_TOLERANCE, D } from '../../src/engine/decimal';
import { area, fed, model, s } from './helpers';

describe('deciding comparisons ignore the grid residue (TIE_TOLERANCE)', () => {
  // Keys of exactly 1/3 each: B − N·G = 2 700 000 split in three is 900 000 each in exact arithmetic, but
  // on the grid two shares are 899 999,99…9 kr and one (Aby, first by name) gets the leftover.
  // Cby's floor (1 − 20 %)·1 250 000 = 1 000 000 kr equals its ideal 100 000 + 900 000 exactly.
  const input = model(
    3_000_000,
    [fed('Aby'), fed('Bby'), fed('Cby', { prev: 1_250_000, equity: 0 })],
    [area('Aby', 'Aby', 1000, 5000), area('Bby', 'Bby', 1000, 5000), area('Cby', 'Cby', 1000, 5000)],
    { baseAllocation: new D(100_000), maxDecrease: new D('0.2') },
  );
  const result = allocate(input);
  const cby = result.federations.find((f) => f.name === 'Cby')!;

  test('the case is the one of the issue: the floor is 10^-30-ish above the grid ideal', () => {
    expect(s(cby.floor)).toBe('1000000');
    expect(cby.ideal.lessThan(1_000_000)).toBe(true);
    expect(cby.ideal.minus(1_000_000).abs().lessThan(TIE_TOLERANCE)).toBe(true);
  });

  test('λ = 1, no SPÄRR, no MINSKNING; every federation gets 1 000 000 kr', () => {
    expect(s(result.lambda)).toBe('1');
    expect(cby.warnings.map((w) => w.code)).not.toContain('SPÄRR');
    expect(cby.warnings.map((w) => w.code)).not.toContain('MINSKNING');
    expect(cby.liftedToFloor).toBe(false);
    expect(result.federations.map((f) => s(f.rounded.final))).toEqual(['1000000', '1000000', '1000000']);
    expect(result.scenario.label).toBe('Balans');
  });

  test('compareTolerant: within TIE_TOLERANCE is equal, beyond it the exact order', () => {
    const a = new D(1_000_000);
    expect(compareTolerant(a, a.minus('1e-30'))).toBe(0);
    expect(compareTolerant(a, a.plus('1e-21'))).toBe(0);
    expect(compareTolerant(a, a.plus(TIE_TOLERANCE))).toBe(0);
    expect(compareTolerant(a, a.plus('1e-19'))).toBe(-1);
    expect(compareTolerant(a.plus('0.01'), a)).toBe(1);
    expect(compareTolerant(new D(0), new D('1e-25'))).toBe(0);
  });
});
