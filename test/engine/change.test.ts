// Change from last year (docs/model.md §C) and the money flows (§F): hand-computed numbers.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { allocate, changeFromPreviousYear, isActionWarning, moneyFlows, previousYearBase, WARNING_CODES } from '../../src/engine';
import { ACTION_WARNING_CODES, WARNING_DEFINITIONS } from '../../src/engine/messages';
import { area, fed, model } from './helpers';
import { WORKED_EXAMPLE } from '../fixtures/worked-example';

const d = (x: Decimal.Value) => new Decimal(x);

describe('changeFromPreviousYear', () => {
  test('the worked example by hand: final − prev (12 months)', () => {
    // Norrby 2 641 316 − 2 600 000 = 41 316; 41 316 / 2 600 000 = 0.01589076923…
    const norrby = changeFromPreviousYear(d(2_641_316), d(2_600_000), 12)!;
    expect(norrby.amount.toString()).toBe('41316');
    expect(norrby.share.toFixed(8)).toBe('0.01589077');
    // Söderby 1 800 000 − 2 400 000 = −600 000, −25 %
    const soderby = changeFromPreviousYear(d(1_800_000), d(2_400_000), 12)!;
    expect(soderby.amount.toString()).toBe('-600000');
    expect(soderby.share.toString()).toBe('-0.25');
    // Österby 2 408 822 − 1 500 000 = 908 822; 908 822 / 1 500 000 = 0.6058813333…
    const osterby = changeFromPreviousYear(d(2_408_822), d(1_500_000), 12)!;
    expect(osterby.amount.toString()).toBe('908822');
    expect(osterby.share.toFixed(7)).toBe('0.6058813');
  });

  test('a new federation (prev blank or 0) has no change', () => {
    expect(changeFromPreviousYear(d(1_360_905), undefined, 8)).toBeUndefined();
    expect(changeFromPreviousYear(d(1_360_905), d(0), 8)).toBeUndefined();
    expect(previousYearBase(d(0), 12)).toBeUndefined();
  });

  test('part year: the base is prev × months/12, the kronor rounded half up', () => {
    // 1 200 000 × 8/12 = 800 000; 800 001 − 800 000 = 1; 1/800 000 = 0.00000125
    const c = changeFromPreviousYear(d(800_001), d(1_200_000), 8)!;
    expect(c.base.toString()).toBe('800000');
    expect(c.amount.toString()).toBe('1');
    expect(c.share.toString()).toBe('0.00000125');
    // 100 001 × 6/12 = 50 000.5; 1 000 000 − 50 000.5 = 949 999.5 → 950 000
    expect(changeFromPreviousYear(d(1_000_000), d(100_001), 6)!.amount.toString()).toBe('950000');
  });

  test('property: final = base + change (within half a krona), share = change / base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 1, max: 12 }),
        (final, prev, months) => {
          const c = changeFromPreviousYear(d(final), d(prev), months)!;
          const exact = d(final).minus(d(prev).times(months).dividedBy(12));
          expect(c.amount.minus(exact).abs().lte(0.5)).toBe(true);
          expect(c.share.times(c.base).minus(exact).abs().lt(1e-9)).toBe(true);
        },
      ),
    );
  });
});

describe('moneyFlows on the worked example', () => {
  const input = model(
    WORKED_EXAMPLE.budget,
    WORKED_EXAMPLE.federations.map((f) =>
      fed(f.name, {
        prev: f.previousAllocation,
        equity: f.equity,
        K: f.municipalContribution,
        request: f.request,
        months: f.months,
      }),
    ),
    WORKED_EXAMPLE.areas.map((a) => area(a.federation, a.municipality, a.population, a.supportMeasure)),
  );
  const r = allocate(input);
  const f = moneyFlows(r);

  test('B = T + P; S = P + cut + returned; S = granted + U', () => {
    expect(f.budget.toString()).toBe('9000000');
    expect(f.pool.toFixed(2)).toBe('8469547.53');
    expect(f.partYearRemainder.toFixed(2)).toBe('530452.47');
    expect(f.pool.plus(f.partYearRemainder).toString()).toBe('9000000');
    // Only Söderby is cut: A = its Efter spärr (≈ 2 958 505), cap = 2 × 900 000 = 1 800 000
    const soderby = r.federations.find((x) => x.name === 'Söderby')!;
    expect(f.cutByMatching.toString()).toBe(soderby.afterFloor.minus(1_800_000).toString());
    expect(f.returned.isZero()).toBe(true);
    expect(f.partYearRemainder.plus(f.cutByMatching).plus(f.returned).minus(f.surplus).abs().lt(1e-20)).toBe(true);
    // Österby 600 000 + Västerby 300 000 applied for and granted in full
    expect(f.requested.toString()).toBe('900000');
    expect(f.granted.toString()).toBe('900000');
    expect(f.granted.plus(f.undistributed).minus(f.surplus).abs().lt(1e-20)).toBe(true);
    // U exact; the written Ej fördelat 788 957 is B − Σ Slutlig after rounding (model.md §R5)
    expect(f.undistributed.minus(788_957).abs().lt(1)).toBe(true);
  });
});

describe('action or informational warnings', () => {
  test('the issue’s split: six need action, four inform', () => {
    expect([...ACTION_WARNING_CODES].sort()).toEqual(
      ['EGET_KAPITAL', 'MATCHNING', 'MINSKNING', 'SPÄRR_EJ', 'YTTERLIGARE_DELVIS', 'ÅTERLÄMNAT'].sort(),
    );
    const info = WARNING_CODES.filter((c) => !WARNING_DEFINITIONS[c].action);
    expect([...info].sort()).toEqual(['DELÅR', 'EK_SAKNAS', 'NY', 'SPÄRR'].sort());
    expect(isActionWarning('MATCHNING')).toBe(true);
    expect(isActionWarning('SPÄRR')).toBe(false);
    expect(isActionWarning('OKÄND')).toBe(false);
  });
});
