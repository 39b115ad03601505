// Each step of the model against hand-computed numbers (the hand computation is in the comments).
import {
  DEFAULT_PARAMETERS,
  PARAMETER_SOURCES,
  allocate,
  allocationKey,
  defaultParameters,
  distributeAdditionalFunds,
  floorAmount,
  idealAmount,
  matchedAmount,
  matchingCap,
  effectiveSplitWeights,
  reasonableEquityBasis,
  scenarioLabel,
  solveLambda,
  solveRelaxedMaxDecrease,
  splitByWeights,
  trappan,
  wantedAmount,
} from '../../src/engine';
import { area, dec, fed, frac, model, near, s } from './helpers';

const T = DEFAULT_PARAMETERS.trappan;
const codes = (r: ReturnType<typeof allocate>) =>
  Object.fromEntries(r.federations.map((f) => [f.name, f.warnings.map((w) => w.code)]));
const byName = (r: ReturnType<typeof allocate>, name: string) => r.federations.find((f) => f.name === name)!;

describe('parameters', () => {
  test('defaults and sources', () => {
    const p = defaultParameters(339_000_000);
    expect(s(p.budget)).toBe('339000000');
    expect(s(p.baseAllocation)).toBe('400000');
    expect(s(p.weightSupportMeasure)).toBe('0.75');
    expect(s(p.weightPopulation)).toBe('0.25');
    expect(s(p.maxDecrease)).toBe('0.1');
    expect([p.trappan.limit1, p.trappan.limit2, p.trappan.rate1, p.trappan.rate2, p.trappan.rate3].map(s)).toEqual([
      '7000000',
      '15000000',
      '0.2',
      '0.15',
      '0.1',
    ]);
    expect(s(p.targetedFundsCap)).toBe('500000');
    for (const key of Object.keys(p)) {
      expect(PARAMETER_SOURCES[key as keyof typeof PARAMETER_SOURCES]).toMatch(/\S/);
    }
    expect(PARAMETER_SOURCES.baseAllocation).toMatch(/Statens fördelningsmodell/);
    expect(PARAMETER_SOURCES.trappan).toMatch(/Finansiering från parterna/);
    expect(PARAMETER_SOURCES.targetedFundsCap).toMatch(/2016/);
  });
});

describe('step 1: keys', () => {
  test('key = 0.75·FM share + 0.25·POP share', () => {
    // FM 300/1000 = 0.3, POP 200/1000 = 0.2 → 0.75·0.3 + 0.25·0.2 = 0.275
    const k = allocationKey(dec(300), dec(200), dec(1000), dec(1000), dec('0.75'), dec('0.25'));
    expect(s(k.supportMeasureShare)).toBe('0.3');
    expect(s(k.populationShare)).toBe('0.2');
    expect(s(k.key)).toBe('0.275');
  });
  test('areas of a federation are added up', () => {
    // A: fm 100+200 = 300, pop 50+150 = 200; B: fm 700, pop 800 → key A = 0.75·0.3 + 0.25·0.2 = 0.275
    const r = allocate(
      model(2_000_000, [fed('A'), fed('B')], [area('A', 'X', 50, 100), area('A', 'Y', 150, 200), area('B', 'Z', 800, 700)]),
    );
    expect(s(byName(r, 'A').supportMeasure)).toBe('300');
    expect(s(byName(r, 'A').population)).toBe('200');
    expect(s(byName(r, 'A').key)).toBe('0.275');
    expect(s(byName(r, 'B').key)).toBe('0.725');
    // ideal A = 400 000 + 1 200 000·0.275 = 730 000; B = 400 000 + 870 000 = 1 270 000
    expect(s(byName(r, 'A').ideal)).toBe('730000');
    expect(s(byName(r, 'B').ideal)).toBe('1270000');
    expect(s(r.pool)).toBe('2000000');
    expect(s(r.partYearRemainder)).toBe('0');
    expect(r.scenario.label).toBe('Balans');
  });
});

describe('step 2: ideal, part-year', () => {
  test('a federation running 6 of 12 months', () => {
    // B = 2 000 000, keys 0.5/0.5 → share 600 000 each. A full year: ideal 1 000 000.
    // H runs 6 months: ideal = (400 000 + 600 000)·6/12 = 500 000; base 200 000; need 300 000.
    // T = 1 500 000; P = 500 000. H prev 1 200 000 → floor 0.9·1 200 000·0.5 = 540 000 > ideal → binds.
    const r = allocate(
      model(
        2_000_000,
        [fed('A', { equity: 0 }), fed('H', { prev: 1_200_000, months: 6, equity: 0 })],
        [area('A', 'a', 1, 1), area('H', 'h', 1, 1)],
      ),
    );
    const h = byName(r, 'H');
    expect(s(h.ideal)).toBe('500000');
    expect(s(h.base)).toBe('200000');
    expect(s(h.need)).toBe('300000');
    expect(s(h.floor)).toBe('540000');
    expect(s(r.pool)).toBe('1500000');
    expect(s(r.partYearRemainder)).toBe('500000');
    // λ: H at floor 540 000; A free: 400 000 + λ·600 000 = 1 500 000 − 540 000 = 960 000 → λ = 560/600 = 14/15
    expect(near(r.lambda, frac(14, 15), '1e-55')).toBe(true);
    expect(near(byName(r, 'A').afterFloor, 960_000)).toBe(true);
    expect(s(h.afterFloor)).toBe('540000');
    expect(h.liftedToFloor).toBe(true);
    // S = P = 500 000 (no requests) → U = 500 000; scenario Överskott
    expect(r.undistributed.toDecimalPlaces(20).toString()).toBe('500000');
    expect(r.scenario.label).toBe('Överskott');
    expect(codes(r).H).toEqual(['DELÅR', 'SPÄRR']);
    expect(h.warnings.find((w) => w.code === 'SPÄRR')!.text).toBe(
      'Höjd till spärrnivån 540 000 kr (högst 10 % minskning från föregående års 1 200 000 kr, omräknat till 6 månader)',
    );
    expect(s(idealAmount(dec(400_000), dec(600_000), 6))).toBe('500000');
  });
});

describe('step 3: Trappan', () => {
  test.each([
    [0, '0'],
    [3_500_000, '700000'], // 20 % of 3.5 M
    [7_000_000, '1400000'], // band edge 1: 20 % of 7 M
    [10_000_000, '1850000'], // 1 400 000 + 15 %·3 000 000
    [15_000_000, '2600000'], // band edge 2: 1 400 000 + 15 %·8 000 000
    [20_000_000, '3100000'], // 2 600 000 + 10 %·5 000 000
    [7_000_001, '1400000.15'],
    [15_000_001, '2600000.1'],
  ])('Trappan(%d) = %s', (basis, expected) => {
    expect(s(trappan(basis, T))).toBe(expected);
  });
  test('overridden limits and rates', () => {
    // 10 % up to 1 M, 5 % 1–2 M, 1 % above: 3 M → 100 000 + 50 000 + 10 000 = 160 000
    const p = { limit1: dec(1e6), limit2: dec(2e6), rate1: dec('0.1'), rate2: dec('0.05'), rate3: dec('0.01') };
    expect(s(trappan(3_000_000, p))).toBe('160000');
  });
  test('basis: total_prev, else 2·prev, else 2·ideal (prev 0 counts as blank)', () => {
    expect(s(reasonableEquityBasis(dec(5e6), dec(1e6), dec(7)))).toBe('5000000');
    expect(s(reasonableEquityBasis(undefined, dec(1e6), dec(7)))).toBe('2000000');
    expect(s(reasonableEquityBasis(undefined, undefined, dec(7)))).toBe('14');
    expect(s(reasonableEquityBasis(undefined, dec(0), dec(7)))).toBe('14');
  });
});

describe('step 4: spärr and λ', () => {
  // B = 3 200 000, N = 3, d = 25 %: B − N·G = 2 000 000; keys 0.1 / 0.3 / 0.6 (areas 100/300/600 on both measures)
  // ideal: A 600 000, B 1 000 000, C 1 600 000; need 200 000 / 600 000 / 1 200 000; T = 3 200 000.
  // A prev 1 400 000 → floor 0.75·1 400 000 = 1 050 000 ≥ ideal: A at its floor for all λ.
  // B prev 800 000 → floor 600 000, breakpoint (600 000 − 400 000)/600 000 = 1/3.  C is new.
  // Segment [0, 1/3]: 1 050 000 + 600 000 + 400 000 + 1 200 000·λ = 3 200 000 → λ = 0.958 > 1/3: go on.
  // Segment [1/3, 1]: 1 050 000 + 400 000 + 600 000·λ + 400 000 + 1 200 000·λ = 3 200 000 → λ = 1 350 000/1 800 000 = 3/4.
  const input = model(
    3_200_000,
    [fed('A', { prev: 1_400_000, equity: 0 }), fed('B', { prev: 800_000, equity: 0 }), fed('C', { equity: 0 })],
    [area('A', 'a', 100, 100), area('B', 'b', 300, 300), area('C', 'c', 600, 600)],
    { maxDecrease: dec('0.25') },
  );
  test('a floor binds with λ = 3/4 exactly', () => {
    const r = allocate(input);
    expect(s(r.lambda)).toBe('0.75');
    expect(r.federations.map((f) => s(f.afterFloor))).toEqual(['1050000', '850000', '1300000']);
    expect(r.federations.map((f) => f.liftedToFloor)).toEqual([true, false, false]);
    expect(s(r.appliedMaxDecrease)).toBe('0.25');
    expect(r.deficit).toBe(false);
    expect(r.scenario.label).toBe('Balans');
    expect(codes(r)).toEqual({ A: ['SPÄRR'], B: [], C: ['NY'] });
    expect(byName(r, 'A').warnings[0].text).toBe(
      'Höjd till spärrnivån 1 050 000 kr (högst 25 % minskning från föregående års 1 400 000 kr)',
    );
    expect(r.federations.map((f) => s(f.rounded.final))).toEqual(['1050000', '850000', '1300000']);
    expect(s(r.totals.undistributed)).toBe('0');
  });
  test('solveLambda directly; λ = 5/6 (not a terminating decimal) at d = 10 %', () => {
    // Same keys, d = 10 %: A prev 1 000 000 → floor 900 000 ≥ ideal 600 000 (fixed);
    // B prev 800 000 → floor 720 000, breakpoint 320 000/600 000 = 8/15.
    // [0, 8/15]: 900 000 + 720 000 + 400 000 + 1 200 000·λ = 3 200 000 → λ = 0.983 > 8/15.
    // [8/15, 1]: 900 000 + 800 000 + 1 800 000·λ = 3 200 000 → λ = 5/6; B = 900 000, C = 1 400 000.
    const rows = [
      { base: dec(400_000), need: dec(200_000), floor: dec(900_000) },
      { base: dec(400_000), need: dec(600_000), floor: dec(720_000) },
      { base: dec(400_000), need: dec(1_200_000) },
    ];
    const sol = solveLambda(rows, dec(3_200_000), [0, 1, 2]);
    expect(near(sol.lambda, frac(5, 6), '1e-58')).toBe(true);
    expect(sol.lambda.lte(frac(5, 6))).toBe(true);
    expect(s(sol.afterFloor[0])).toBe('900000');
    expect(near(sol.afterFloor[1], 900_000)).toBe(true);
    expect(near(sol.afterFloor[2], 1_400_000)).toBe(true);
    expect(s(sol.afterFloor.reduce((a, b) => a.plus(b)))).toBe('3200000');
    expect(sol.lifted).toEqual([true, false, false]);
  });
  test('no floor binding → λ = 1 and A = ideal', () => {
    const sol = solveLambda(
      [
        { base: dec(400), need: dec(600), floor: dec(900) },
        { base: dec(400), need: dec(0) },
      ],
      dec(1400),
      [0, 1],
    );
    expect(s(sol.lambda)).toBe('1');
    expect(sol.afterFloor.map(s)).toEqual(['1000', '400']);
  });
  test('floor = (1 − d)·prev·m', () => {
    expect(s(floorAmount(dec(1_200_000), dec('0.1'), 12))).toBe('1080000');
    expect(s(floorAmount(dec(1_200_000), dec('0.1'), 4))).toBe('360000');
  });
});

describe('step 5: underskott', () => {
  // B = 3 200 000, N = 3 → 2 000 000 by keys 0.5 / 0.25 / 0.25 (areas 200/100/100).
  // ideal A 1 400 000, B 900 000, C 900 000; need 1 000 000 / 500 000 / 500 000; T = 3 200 000.
  // A prev 2 200 000 → floor 1 980 000; equity 5 000 000 > Trappan(4 400 000) = 880 000: excess.
  // B prev 1 100 000 → floor 990 000 > ideal; equity 0.
  // C prev 500 000 → floor 450 000; equity 1 000 000 > Trappan(1 000 000) = 200 000: excess.
  // Σ A(0) = 1 980 000 + 990 000 + 450 000 = 3 420 000 > T → deficit.
  test('solved by removing protection from excess-equity federations', () => {
    const r = allocate(
      model(
        3_200_000,
        [
          fed('A', { prev: 2_200_000, equity: 5_000_000 }),
          fed('B', { prev: 1_100_000, equity: 0 }),
          fed('C', { prev: 500_000, equity: 1_000_000 }),
        ],
        [area('A', 'a', 200, 200), area('B', 'b', 100, 100), area('C', 'c', 100, 100)],
      ),
    );
    // Without A's and C's protection Σ A(0) = 400 000 + 990 000 + 400 000 = 1 790 000 ≤ T.
    // B fixed at 990 000; A, C free: 800 000 + 1 500 000·λ = 3 200 000 − 990 000 → λ = 1 410 000/1 500 000 = 0.94.
    // A = 400 000 + 940 000 = 1 340 000; C = 400 000 + 470 000 = 870 000.
    expect(r.deficit).toBe(true);
    expect(s(r.lambda)).toBe('0.94');
    expect(s(r.appliedMaxDecrease)).toBe('0.1');
    expect(r.federations.map((f) => s(f.afterFloor))).toEqual(['1340000', '990000', '870000']);
    expect(r.federations.map((f) => f.protected)).toEqual([false, true, false]);
    expect(r.federations.map((f) => f.protectionRemoved)).toEqual([true, false, true]);
    // SPÄRR_EJ wherever the protection was removed: A (ends below its floor 1 980 000) and C (above 450 000).
    expect(codes(r)).toEqual({ A: ['EGET_KAPITAL', 'MINSKNING', 'SPÄRR_EJ'], B: ['SPÄRR'], C: ['EGET_KAPITAL', 'SPÄRR_EJ'] });
    expect(byName(r, 'C').warnings.find((w) => w.code === 'SPÄRR_EJ')!.text).toBe(
      'Spärren gäller inte vid underskott när eget kapital överstiger rimlig nivå (efter spärr 870 000 kr, över spärrnivån 450 000 kr)',
    );
    expect(byName(r, 'A').warnings.find((w) => w.code === 'EGET_KAPITAL')!.text).toBe(
      'Eget kapital 5 000 000 kr överstiger rimlig nivå 880 000 kr',
    );
    expect(byName(r, 'A').warnings.find((w) => w.code === 'SPÄRR_EJ')!.text).toContain(
      '1 340 000 kr i stället för spärrnivån 1 980 000 kr',
    );
    expect(r.scenario).toEqual({ deficit: true, surplus: false, label: 'Underskott' });
    expect(s(r.totals.undistributed)).toBe('0');
  });
  test('needing the spärr relaxed to d′ = 25 %', () => {
    // B = 3 100 000 → 1 900 000 by keys 0.5/0.25/0.25: ideal 1 350 000 / 875 000 / 875 000 = T.
    // prev 2 400 000 / 1 200 000 / 500 000, no excess equity: floors at 10 %: 2 160 000 + 1 080 000 + 450 000 > T.
    // Breakpoints d′_f = 1 − 400 000/prev: C 0.2, B 2/3, A 5/6.
    // [0.1, 0.2]: (1 − d′)·4 100 000 = 3 100 000 → d′ = 0.2439 > 0.2: C drops to its base.
    // [0.2, 2/3]: (1 − d′)·3 600 000 + 400 000 = 3 100 000 → d′ = 1 − 2 700 000/3 600 000 = 0.25.
    // A = 0.75·2 400 000 = 1 800 000, B = 900 000, C = base 400 000 (floor 375 000).
    const r = allocate(
      model(
        3_100_000,
        [
          fed('A', { prev: 2_400_000, equity: 0 }),
          fed('B', { prev: 1_200_000, equity: 0 }),
          fed('C', { prev: 500_000, equity: 0 }),
        ],
        [area('A', 'a', 200, 200), area('B', 'b', 100, 100), area('C', 'c', 100, 100)],
      ),
    );
    expect(r.deficit).toBe(true);
    expect(s(r.appliedMaxDecrease)).toBe('0.25');
    expect(s(r.lambda)).toBe('0');
    expect(r.federations.map((f) => s(f.afterFloor))).toEqual(['1800000', '900000', '400000']);
    expect(r.federations.map((f) => s(f.floor))).toEqual(['1800000', '900000', '375000']);
    expect(r.federations.map((f) => f.liftedToFloor)).toEqual([true, true, false]);
    expect(codes(r)).toEqual({ A: ['SPÄRR'], B: ['SPÄRR'], C: [] });
    expect(byName(r, 'B').warnings[0].text).toContain('högst 25 % minskning');
    expect(r.scenario.label).toBe('Underskott');
  });
  test('relaxed spärr with a part-year federation: its floor is (1 − d′)·prev·m', () => {
    // B = 4 000 000, keys 0.5 / 0.3 / 0.2 (areas 50/30/20), Z runs 6 months.
    // ideal X = 400 000 + 2 800 000·0.5 = 1 800 000, Y = 400 000 + 840 000 = 1 240 000,
    // Z = (400 000 + 560 000)·6/12 = 480 000; T = 3 520 000; P = 480 000.
    // prev 2 500 000 / 1 500 000 / 1 200 000 (Z scaled: 600 000), no excess equity.
    // Σ A(0) at 10 %: 2 250 000 + 1 350 000 + 540 000 = 4 140 000 > T → relax.
    // Breakpoints d′_f = 1 − base/(prev·m): X 0.84, Y 0.7333, Z 1 − 200 000/600 000 = 2/3.
    // (1 − d′)·(2 500 000 + 1 500 000 + 600 000) = 3 520 000 → d′ = 1 − 3 520 000/4 600 000 = 27/115 < 2/3.
    // Z = (88/115)·600 000 = 459 130,43…; X = (88/115)·2 500 000 = 1 913 043,47…; Y = 1 147 826,08….
    const r = allocate(
      model(
        4_000_000,
        [
          fed('X', { prev: 2_500_000, equity: 0 }),
          fed('Y', { prev: 1_500_000, equity: 0 }),
          fed('Z', { prev: 1_200_000, equity: 0, months: 6 }),
        ],
        [area('X', 'x', 50, 50), area('Y', 'y', 30, 30), area('Z', 'z', 20, 20)],
      ),
    );
    expect(r.deficit).toBe(true);
    expect(near(r.appliedMaxDecrease, frac(27, 115))).toBe(true);
    expect(r.appliedMaxDecrease.gte(frac(27, 115))).toBe(true);
    expect(near(byName(r, 'Z').afterFloor, frac(88 * 600_000, 115), '1e-20')).toBe(true);
    expect(near(byName(r, 'X').afterFloor, frac(88 * 2_500_000, 115), '1e-20')).toBe(true);
    expect(r.federations.map((f) => s(f.rounded.afterFloor))).toEqual(['1913044', '1147826', '459130']);
    expect(s(r.totals.afterFloor)).toBe('3520000');
    expect(byName(r, 'Z').warnings.find((w) => w.code === 'SPÄRR')!.text).toContain('omräknat till 6 månader');
  });
  test('solveRelaxedMaxDecrease directly', () => {
    const rows = [
      { base: dec(400_000), prevScaled: dec(2_400_000) },
      { base: dec(400_000), prevScaled: dec(1_200_000) },
      { base: dec(400_000), prevScaled: dec(500_000) },
    ];
    const sol = solveRelaxedMaxDecrease(rows, dec(3_100_000), dec('0.1'), [0, 1, 2]);
    expect(s(sol.maxDecrease)).toBe('0.25');
    expect(sol.afterFloor.map(s)).toEqual(['1800000', '900000', '400000']);
  });
  test('both deficit and surplus: "Underskott och överskott"', () => {
    // The relaxed case above, plus A can only match 2·K = 1 000 000: cut 800 000 → S = 800 000.
    const r = allocate(
      model(
        3_100_000,
        [
          fed('A', { prev: 2_400_000, equity: 0, K: 500_000 }),
          fed('B', { prev: 1_200_000, equity: 0 }),
          fed('C', { prev: 500_000, equity: 0 }),
        ],
        [area('A', 'a', 200, 200), area('B', 'b', 100, 100), area('C', 'c', 100, 100)],
      ),
    );
    expect(s(r.surplus)).toBe('800000');
    expect(r.scenario).toEqual({ deficit: true, surplus: true, label: 'Underskott och överskott' });
    expect(codes(r).A).toEqual(['MATCHNING', 'MINSKNING', 'SPÄRR']);
    expect(s(r.totals.undistributed)).toBe('800000');
  });
});

describe('step 6: matching and returned funds', () => {
  // B = 2 000 000, two new federations, keys 0.5/0.5 → ideal 1 000 000 each, T = B.
  // A: K 300 000, R 450 000 → cap = min(600 000, 900 000) = 600 000 → matched 600 000 (cut 400 000).
  //    A also asks for 200 000 more, but want = min(200 000, 600 000 − 600 000) = 0.
  // B: returns 100 000 → matched 900 000 (cut 100 000).  S = 0 + 400 000 + 100 000 = 500 000 = U.
  const r = allocate(
    model(
      2_000_000,
      [fed('A', { K: 300_000, R: 450_000, request: 200_000, equity: 0 }), fed('B', { returned: 100_000, equity: 0 })],
      [area('A', 'a', 1, 1), area('B', 'b', 1, 1)],
    ),
  );
  test('cap with K and R, returned funds, surplus', () => {
    const [a, b] = r.federations;
    expect(s(a.cap)).toBe('600000');
    expect(s(a.matched)).toBe('600000');
    expect(s(a.cut)).toBe('400000');
    expect(a.cappedByMatching).toBe(true);
    expect(s(a.want)).toBe('0');
    expect(a.tier).toBeUndefined();
    expect(s(a.extra)).toBe('0');
    expect(b.cap).toBeUndefined();
    expect(s(b.matched)).toBe('900000');
    expect(b.cappedByMatching).toBe(false);
    expect(s(r.surplus)).toBe('500000');
    expect(s(r.undistributed)).toBe('500000');
    expect(r.federations.map((f) => s(f.rounded.matched))).toEqual(['600000', '900000']);
    expect(s(r.totals.undistributed)).toBe('500000');
    expect(codes(r)).toEqual({ A: ['MATCHNING', 'NY', 'YTTERLIGARE_DELVIS'], B: ['NY', 'ÅTERLÄMNAT'] });
    expect(a.warnings.find((w) => w.code === 'MATCHNING')!.text).toBe(
      'Kommunernas möjliga bidrag 300 000 kr räcker till statlig tilldelning om högst 600 000 kr av 1 000 000 kr',
    );
    expect(b.warnings.find((w) => w.code === 'ÅTERLÄMNAT')!.text).toBe('Återlämnade medel 100 000 kr dras av från tilldelningen');
    expect(a.warnings.find((w) => w.code === 'YTTERLIGARE_DELVIS')!.text).toBe(
      'Ansökt 200 000 kr i ytterligare medel, beviljat 0 kr',
    );
    expect(r.scenario.label).toBe('Överskott');
  });
  test('rule functions', () => {
    expect(matchingCap()).toBeUndefined();
    expect(s(matchingCap(dec(300)))).toBe('600');
    expect(s(matchingCap(undefined, dec(250)))).toBe('500');
    expect(s(matchingCap(dec(300), dec(250)))).toBe('500');
    expect(s(matchedAmount(dec(1000), dec(600), dec(700)))).toBe('0'); // never below 0
    expect(s(matchedAmount(dec(1000), undefined, dec(100)))).toBe('900');
    expect(s(wantedAmount(dec(500), dec(1200), dec(1000)))).toBe('200');
    expect(s(wantedAmount(dec(500), undefined, dec(1000)))).toBe('500');
    expect(s(wantedAmount(dec(500), dec(900), dec(1000)))).toBe('0');
  });
});

describe('step 7: additional funds', () => {
  // B = 4 000 000, four new federations with keys 0.25 → ideal 1 000 000 each.
  // F1: K 250 000 → cap 500 000 → cut 500 000 → S = 500 000.
  // F4 has excess equity: 5 000 000 > Trappan(2·1 000 000) = 400 000 → tier 2.
  const feds = (r2: number, r3: number, r4: number) => [
    fed('F1', { K: 250_000, equity: 0 }),
    fed('F2', { request: r2, equity: 0 }),
    fed('F3', { request: r3, equity: 0 }),
    fed('F4', { request: r4, equity: 5_000_000 }),
  ];
  const areas = ['F1', 'F2', 'F3', 'F4'].map((n) => area(n, n, 1, 1));
  test('tier 1 in full, tier 2 pro rata', () => {
    // Tier 1: 300 000 + 100 000 = 400 000 ≤ 500 000 → in full; 100 000 left for tier 2 (want 200 000) → 100 000.
    const r = allocate(model(4_000_000, feds(300_000, 100_000, 200_000), areas));
    expect(r.federations.map((f) => s(f.extra))).toEqual(['0', '300000', '100000', '100000']);
    expect(r.federations.map((f) => f.tier)).toEqual([undefined, 1, 1, 2]);
    expect(s(r.undistributed)).toBe('0');
    expect(codes(r).F4).toEqual(['EGET_KAPITAL', 'NY', 'YTTERLIGARE_DELVIS']);
    expect(codes(r).F2).toEqual(['NY']);
    expect(r.federations.map((f) => s(f.rounded.final))).toEqual(['500000', '1300000', '1100000', '1100000']);
    expect(s(r.totals.undistributed)).toBe('0');
  });
  test('tier 1 over-subscribed: pro rata, tier 2 gets nothing', () => {
    // Tier 1 wants 300 000 + 450 000 = 750 000 > 500 000 → factor 2/3: 200 000 and 300 000.
    const r = allocate(model(4_000_000, feds(300_000, 450_000, 200_000), areas));
    expect(r.federations.map((f) => s(f.extra))).toEqual(['0', '200000', '300000', '0']);
    expect(s(r.undistributed)).toBe('0');
    expect(codes(r).F2).toEqual(['NY', 'YTTERLIGARE_DELVIS']);
    expect(codes(r).F4).toEqual(['EGET_KAPITAL', 'NY', 'YTTERLIGARE_DELVIS']);
  });
  test('pro rata with a non-terminating factor adds up exactly', () => {
    // 500 000 shared by wants 100 000, 200 000, 300 000 (Σ 600 000): 83 333.33…, 166 666.66…, 250 000
    const out = distributeAdditionalFunds(
      [dec(100_000), dec(200_000), dec(300_000)],
      [false, false, false],
      dec(500_000),
      [0, 1, 2],
    );
    expect(s(out.extra.reduce((a, b) => a.plus(b)))).toBe('500000');
    expect(out.extra[0].toFixed(6)).toBe('83333.333333');
    expect(out.extra[1].toFixed(6)).toBe('166666.666667');
    expect(near(out.extra[2], 250_000)).toBe(true);
    expect(s(out.undistributed)).toBe('0');
  });
  test('undistributed remainder when the surplus is not used up', () => {
    // Tier 1 wants 100 000 + 50 000, tier 2 100 000: all served, U = 500 000 − 250 000 = 250 000.
    const r = allocate(model(4_000_000, feds(100_000, 50_000, 100_000), areas));
    expect(r.federations.map((f) => s(f.extra))).toEqual(['0', '100000', '50000', '100000']);
    expect(s(r.undistributed)).toBe('250000');
    expect(s(r.totals.undistributed)).toBe('250000');
    expect(r.scenario.label).toBe('Överskott');
  });
});

describe('step 9: municipal split', () => {
  // Federation M: municipality X in two areas (pop 10 000 + 20 000, fs 100 + 50), Y (pop 10 000, fs 300).
  const shares = (method: 'lika' | 'invanare' | 'forsorjningsstod') => {
    const r = allocate(
      model(
        1_000_001,
        [fed('M', { split: method })],
        [
          area('M', 'X', 10_000, 5, { area: 'Norr', fs: 100 }),
          area('M', 'Y', 10_000, 5, { fs: 300 }),
          area('M', 'X', 20_000, 5, { area: 'Söder', fs: 50 }),
        ],
      ),
    );
    return r;
  };
  test('invånare: X 30 000 / 40 000, Y 10 000 / 40 000', () => {
    // final = B = 1 000 001 → Kommunernas andel = round(500 000.5) = 500 001, Regionens 500 000.
    // X 0.75·500 001 = 375 000.75 → 375 001; Y 125 000.25 → 125 000.
    const r = shares('invanare');
    expect(s(r.federations[0].rounded.municipalShare)).toBe('500001');
    expect(s(r.federations[0].rounded.regionShare)).toBe('500000');
    expect(r.municipalContributions.map((m) => [m.municipality, s(m.share), s(m.amount), s(m.rounded)])).toEqual([
      ['X', '0.75', '375000.75', '375001'],
      ['Y', '0.25', '125000.25', '125000'],
    ]);
  });
  test('lika: 250 000.5 each → 250 001 and 250 000 (tie: earlier row)', () => {
    const r = shares('lika');
    expect(r.municipalContributions.map((m) => [m.municipality, s(m.share), s(m.rounded)])).toEqual([
      ['X', '0.5', '250001'],
      ['Y', '0.5', '250000'],
    ]);
  });
  test('försörjningsstöd: X 150/450, Y 300/450 → 166 667 and 333 334', () => {
    const r = shares('forsorjningsstod');
    expect(r.municipalContributions.map((m) => [m.municipality, s(m.rounded)])).toEqual([
      ['X', '166667'],
      ['Y', '333334'],
    ]);
    expect(r.municipalContributions.every((m) => m.method === 'forsorjningsstod')).toBe(true);
  });
  test('a tie in the split goes to the earlier municipality (exact, not by the last digit)', () => {
    // B = 400 010, one federation: Slutlig 400 010, Kommunernas andel 200 005, split 50 000 / 50 000 / 2 000:
    // 98 041⅔, 98 041⅔, 3 921⅔ → floors 196 003, two kronor left, three equal thirds: A and B.
    const r = allocate(
      model(400_010, [fed('M')], [area('M', 'A', 50_000, 1), area('M', 'B', 50_000, 1), area('M', 'C', 2_000, 1)]),
    );
    expect(s(r.federations[0].rounded.municipalShare)).toBe('200005');
    expect(r.municipalContributions.map((m) => [m.municipality, s(m.rounded)])).toEqual([
      ['A', '98042'],
      ['B', '98042'],
      ['C', '3921'],
    ]);
  });
  test('all weights 0 → equal shares', () => {
    const weights = effectiveSplitWeights('forsorjningsstod', [
      { population: dec(5), recipients: dec(0) },
      { population: dec(5), recipients: dec(0) },
    ]);
    expect(splitByWeights(weights, dec(100)).shares.map(s)).toEqual(['0.5', '0.5']);
    const split = splitByWeights([dec(1), dec(1), dec(1)], dec(100));
    expect(split.rounded.map(s)).toEqual(['34', '33', '33']);
  });
  test('a Försörjningsstöd federation whose municipalities all have 0 recipients is split equally, and says so', () => {
    const r = allocate(
      model(
        1_000_000,
        [fed('M', { split: 'forsorjningsstod' }), fed('N', { split: 'forsorjningsstod' })],
        [
          area('M', 'A', 100, 10, { fs: 0 }),
          area('M', 'B', 300, 10, { fs: 0 }),
          area('N', 'C', 100, 10, { fs: 1 }),
          area('N', 'D', 300, 10, { fs: 0 }),
        ],
      ),
    );
    expect(r.municipalContributions.map((m) => [m.municipality, s(m.share), m.equalFallback])).toEqual([
      ['A', '0.5', true],
      ['B', '0.5', true],
      ['C', '1', false],
      ['D', '0', false],
    ]);
  });
});

describe('step 10: scenario', () => {
  test('labels', () => {
    expect(scenarioLabel(false, false)).toBe('Balans');
    expect(scenarioLabel(false, true)).toBe('Överskott');
    expect(scenarioLabel(true, false)).toBe('Underskott');
    expect(scenarioLabel(true, true)).toBe('Underskott och överskott');
  });
});

describe('warnings', () => {
  test('EK_SAKNAS, NY with prev 0, MINSKNING from matching, DELÅR', () => {
    // A prev 0 (counts as new), no equity. B prev 1 000 000, K 100 000 → matched 200 000 < 900 000.
    const r = allocate(
      model(
        2_000_000,
        [fed('A', { prev: 0 }), fed('B', { prev: 1_000_000, equity: 10, K: 100_000, months: 11 })],
        [area('A', 'a', 1, 1), area('B', 'b', 1, 1)],
      ),
    );
    expect(codes(r)).toEqual({ A: ['EK_SAKNAS', 'NY'], B: ['DELÅR', 'MATCHNING', 'MINSKNING'] });
    expect(byName(r, 'A').protected).toBe(false);
    // B: threshold 0.9·1 000 000·11/12 = 825 000
    expect(s(byName(r, 'B').decreaseThreshold)).toBe('825000');
    expect(byName(r, 'B').warnings.find((w) => w.code === 'MINSKNING')!.text).toBe(
      'Slutlig tilldelning 200 000 kr understiger spärrnivån 825 000 kr (föregående år 1 000 000 kr, högst 10 % minskning, omräknat till 11 månader)',
    );
    expect(byName(r, 'A').warnings.find((w) => w.code === 'EK_SAKNAS')!.text).toMatch(/^Uppgift om eget kapital saknas/);
  });
  test('targeted-funds cap is carried but not applied (600 000 granted above the 500 000 cap)', () => {
    const r = allocate(
      model(
        2_000_000,
        [fed('A', { K: 200_000, equity: 0 }), fed('B', { request: 600_000, equity: 0 })],
        [area('A', 'a', 1, 1), area('B', 'b', 1, 1)],
      ),
    );
    expect(s(r.parameters.targetedFundsCap)).toBe('500000');
    expect(s(byName(r, 'B').extra)).toBe('600000');
  });
});

describe('rounding ties between equal federations (spec "Rounding": ties, earlier row first)', () => {
  // Four federations with identical areas: keys ¼ each. B = 5 600 000 → ideal 1 400 000 each.
  // Dalby can be matched only to 400 000 (K 200 000): cut 1 000 000 = S. Three equal applicants of
  // 500 000 each get S/3 = 333 333,33… kr; the krona left over goes to the earliest row.
  const run = (order: string[]) => {
    const specs: Record<string, ReturnType<typeof fed>> = {
      Östby: fed('Östby', { request: 500_000, equity: 0 }),
      Norrby: fed('Norrby', { request: 500_000, equity: 0 }),
      Askby: fed('Askby', { request: 500_000, equity: 0 }),
      Dalby: fed('Dalby', { K: 200_000, equity: 0 }),
    };
    const r = allocate(
      model(
        5_600_000,
        order.map((n) => specs[n]),
        order.map((n) => area(n, n, 10_000, 300_000)),
      ),
    );
    return Object.fromEntries(r.federations.map((f) => [f.name, [s(f.rounded.extra), s(f.rounded.final)]]));
  };
  test('Ytterligare medel: the extra krona goes to the first applicant row, whatever its name', () => {
    expect(run(['Östby', 'Norrby', 'Askby', 'Dalby'])).toEqual({
      Östby: ['333334', '1733334'],
      Norrby: ['333333', '1733333'],
      Askby: ['333333', '1733333'],
      Dalby: ['0', '400000'],
    });
    expect(run(['Dalby', 'Askby', 'Norrby', 'Östby'])).toMatchObject({
      Askby: ['333334', '1733334'],
      Norrby: ['333333', '1733333'],
      Östby: ['333333', '1733333'],
    });
  });
  test('Idealfördelning: three equal federations, B = 1 200 100 → 400 033,33… each; the first row gets 400 034', () => {
    for (const order of [
      ['C', 'B', 'A'],
      ['A', 'C', 'B'],
      ['B', 'A', 'C'],
    ]) {
      const r = allocate(
        model(
          1_200_100,
          order.map((n) => fed(n)),
          order.map((n) => area(n, n, 1000, 1000)),
        ),
      );
      expect(r.federations.map((f) => s(f.rounded.ideal))).toEqual(['400034', '400033', '400033']);
    }
  });
});
