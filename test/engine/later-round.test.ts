// A later round for additional funds (round.md §7), worked by hand; the same numbers are in
// docs/later-round-example.md.
import Decimal from 'decimal.js';
import { allocate, allocateLaterRound, formatWarnings, validateLaterRound } from '../../src/engine';
import type { LaterRoundIssue, ModelInput, RecordedDecision } from '../../src/engine';
import { area, dec, fed, frac, model, near } from './helpers';

const LABEL = 'Beslut 2026-11-07';

// Statlig ram 10 000 000 kr, eight federations, all 12 months, defaults otherwise.
// Reasonable equity = Trappan(2·prev) = 20 % of 2·prev (all below 7 Mkr): Alby 600 000, Bjurby 560 000,
// Centby 520 000, Dalby 500 000, Ekby 480 000, Forsby/Gärdeby/Hagby 440 000. Equity 300 000 is below every
// one of them; Forsby and Gärdeby (2 000 000) have excess equity (tier 2); Hagby's equity is blank.
const input: ModelInput = model(
  10_000_000,
  [
    fed('Alby', { prev: 1_500_000, equity: 300_000, returned: 150_000 }),
    fed('Bjurby', { prev: 1_400_000, equity: 300_000, returned: 300_000 }),
    fed('Centby', { prev: 1_300_000, equity: 300_000, request: 200_000 }),
    fed('Dalby', { prev: 1_250_000, equity: 300_000, request: 180_000 }),
    fed('Ekby', { prev: 1_200_000, equity: 300_000, K: 650_000, request: 150_000 }),
    fed('Forsby', { prev: 1_100_000, equity: 2_000_000, request: 120_000 }),
    fed('Gärdeby', { prev: 1_100_000, equity: 2_000_000, request: 90_000 }),
    fed('Hagby', { prev: 1_100_000 }),
  ],
  [
    area('Alby', 'Alby', 30_000, 900_000),
    area('Bjurby', 'Bjurby', 28_000, 850_000),
    area('Centby', 'Centby', 26_000, 780_000),
    area('Dalby', 'Dalby', 25_000, 760_000),
    area('Ekby', 'Ekby', 24_000, 700_000),
    area('Forsby', 'Forsby', 22_000, 660_000),
    area('Gärdeby', 'Gärdeby', 22_000, 640_000),
    area('Hagby', 'Hagby', 22_000, 650_000),
  ],
);

// The decision of 2026-11-07 (Slutlig tilldelning then), Σ 9 950 000 kr.
const decision: RecordedDecision = {
  label: LABEL,
  amounts: [
    { federation: 'Alby', amount: dec(1_500_000) },
    { federation: 'Bjurby', amount: dec(1_400_000) },
    { federation: 'Centby', amount: dec(1_300_000) },
    { federation: 'Dalby', amount: dec(1_250_000) },
    { federation: 'Ekby', amount: dec(1_200_000) },
    { federation: 'Forsby', amount: dec(1_100_000) },
    { federation: 'Gärdeby', amount: dec(1_100_000) },
    { federation: 'Hagby', amount: dec(1_100_000) },
  ],
};

describe('later round, worked by hand (docs/later-round-example.md)', () => {
  const r = allocateLaterRound(input, decision);
  const by = (name: string) => r.federations.find((f) => f.name === name)!;
  const col = (get: (f: (typeof r.federations)[number]) => Decimal) => r.federations.map((f) => get(f).toString());

  test('matched = decided − returned; S = B − Σ matched', () => {
    // Alby 1 500 000 − 150 000 = 1 350 000; Bjurby 1 400 000 − 300 000 = 1 100 000; the rest keep theirs.
    expect(col((f) => f.decided)).toEqual([
      '1500000',
      '1400000',
      '1300000',
      '1250000',
      '1200000',
      '1100000',
      '1100000',
      '1100000',
    ]);
    expect(col((f) => f.matched)).toEqual([
      '1350000',
      '1100000',
      '1300000',
      '1250000',
      '1200000',
      '1100000',
      '1100000',
      '1100000',
    ]);
    // Σ matched = 9 950 000 − 450 000 = 9 500 000; S = 10 000 000 − 9 500 000 = 500 000
    expect(r.surplus.toString()).toBe('500000');
    expect(r.laterRound.pot.toString()).toBe('500000');
    expect(r.laterRound.decided.toString()).toBe('9950000');
    expect(r.laterRound.handedBack.toString()).toBe('450000');
  });

  test('want and tiers', () => {
    // Ekby: cap = 2·650 000 = 1 300 000; want = min(150 000, 1 300 000 − 1 200 000) = 100 000. Others uncapped.
    expect(col((f) => f.want)).toEqual(['0', '0', '200000', '180000', '100000', '120000', '90000', '0']);
    expect(r.federations.map((f) => f.tier)).toEqual([undefined, undefined, 1, 1, 1, 2, 2, undefined]);
    expect(r.laterRound.applicants).toBe(5);
    expect(r.laterRound.requested.toString()).toBe('740000'); // 200 + 180 + 150 + 120 + 90 thousand
    expect(r.laterRound.wanted.toString()).toBe('690000'); // 200 + 180 + 100 + 120 + 90 thousand
  });

  test('extra: tier 1 in full, tier 2 over-subscribed pro rata; U = 0', () => {
    // Tier 1: 200 000 + 180 000 + 100 000 = 480 000 ≤ 500 000: in full, 20 000 left.
    expect(by('Centby').extra.toString()).toBe('200000');
    expect(by('Dalby').extra.toString()).toBe('180000');
    expect(by('Ekby').extra.toString()).toBe('100000');
    // Tier 2: 120 000 + 90 000 = 210 000 > 20 000: Forsby 120 000·20 000/210 000 = 80 000/7 = 11 428,571428…
    //                                              Gärdeby 90 000·20 000/210 000 = 60 000/7 = 8 571,428571…
    expect(near(by('Forsby').extra, frac(80_000, 7))).toBe(true);
    expect(near(by('Gärdeby').extra, frac(60_000, 7))).toBe(true);
    expect(by('Forsby').extra.plus(by('Gärdeby').extra).toString()).toBe('20000');
    expect(r.undistributed.toString()).toBe('0');
    expect(r.laterRound.granted.toString()).toBe('500000');
  });

  test('every rounded column', () => {
    // Ytterligare: LR over the five, target min(500 000, 10 000 000 − 9 500 000) = 500 000.
    // Floors 200 000 + 180 000 + 100 000 + 11 428 + 8 571 = 499 999; the krona goes to Forsby (,571 > ,429).
    // Kommunernas andel = Slutlig/2 half up: Forsby 555 714,5 → 555 715, Gärdeby 554 285,5 → 554 286.
    const rows = r.federations.map((f) => [
      f.name,
      f.rounded.matched.toNumber(),
      f.rounded.extra.toNumber(),
      f.rounded.final.toNumber(),
      f.rounded.municipalShare.toNumber(),
      f.rounded.regionShare.toNumber(),
      f.rounded.reasonableEquity.toNumber(),
    ]);
    expect(rows).toEqual([
      ['Alby', 1_350_000, 0, 1_350_000, 675_000, 675_000, 600_000],
      ['Bjurby', 1_100_000, 0, 1_100_000, 550_000, 550_000, 560_000],
      ['Centby', 1_300_000, 200_000, 1_500_000, 750_000, 750_000, 520_000],
      ['Dalby', 1_250_000, 180_000, 1_430_000, 715_000, 715_000, 500_000],
      ['Ekby', 1_200_000, 100_000, 1_300_000, 650_000, 650_000, 480_000],
      ['Forsby', 1_100_000, 11_429, 1_111_429, 555_715, 555_714, 440_000],
      ['Gärdeby', 1_100_000, 8_571, 1_108_571, 554_286, 554_285, 440_000],
      ['Hagby', 1_100_000, 0, 1_100_000, 550_000, 550_000, 440_000],
    ]);
    expect(r.totals.matched.toString()).toBe('9500000');
    expect(r.totals.extra.toString()).toBe('500000');
    expect(r.totals.final.toString()).toBe('10000000');
    expect(r.totals.undistributed.toString()).toBe('0');
    expect(r.totals.municipalShare.toString()).toBe('5000001');
    expect(r.totals.regionShare.toString()).toBe('4999999');
    expect(r.municipalContributions.map((m) => m.rounded.toNumber())).toEqual(rows.map((x) => x[4]));
  });

  test('final = matched + extra, Σ final + U = B exactly', () => {
    for (const f of r.federations) expect(f.final.toString()).toBe(f.matched.plus(f.extra).toString());
    const total = r.federations.reduce((a, f) => a.plus(f.final), new (Decimal.clone({ precision: 100 }))(0) as Decimal);
    expect(total.plus(r.undistributed).toString()).toBe('10000000');
  });

  test('warnings as in the model where they apply', () => {
    expect(r.federations.map((f) => formatWarnings(f.warnings))).toEqual([
      'ÅTERLÄMNAT: Återlämnade medel 150 000 kr dras av från tilldelningen',
      // threshold 0,9·1 400 000 = 1 260 000 > 1 100 000; Alby's 1 350 000 = 0,9·1 500 000 is not below it
      'MINSKNING: Slutlig tilldelning 1 100 000 kr understiger spärrnivån 1 260 000 kr (föregående år 1 400 000 kr, högst 10 % minskning); ÅTERLÄMNAT: Återlämnade medel 300 000 kr dras av från tilldelningen',
      '',
      '',
      'YTTERLIGARE_DELVIS: Ansökt 150 000 kr i ytterligare medel, beviljat 100 000 kr',
      'EGET_KAPITAL: Eget kapital 2 000 000 kr överstiger rimlig nivå 440 000 kr; YTTERLIGARE_DELVIS: Ansökt 120 000 kr i ytterligare medel, beviljat 11 429 kr',
      'EGET_KAPITAL: Eget kapital 2 000 000 kr överstiger rimlig nivå 440 000 kr; YTTERLIGARE_DELVIS: Ansökt 90 000 kr i ytterligare medel, beviljat 8 571 kr',
      'EK_SAKNAS: Uppgift om eget kapital saknas (rimlig nivå 440 000 kr)',
    ]);
  });

  test('scenario and steps 1–5 for information', () => {
    expect(r.round).toBe('Ytterligare medel');
    expect(r.scenario).toEqual({ deficit: false, surplus: true, label: 'Ytterligare medel efter Beslut 2026-11-07' });
    const ordinary = allocate(input);
    expect(r.ordinaryScenario).toBe(ordinary.scenario.label);
    expect(r.federations.map((f) => [f.rounded.ideal.toString(), f.rounded.afterFloor.toString(), f.key.toString()])).toEqual(
      ordinary.federations.map((f) => [f.rounded.ideal.toString(), f.rounded.afterFloor.toString(), f.key.toString()]),
    );
    expect(r.pool.toString()).toBe('10000000');
    expect(r.appliedMaxDecrease.toString()).toBe('0.1');
    // The ordinary round of the same inputs would reshuffle: it does not keep the decided amounts.
    expect(ordinary.federations.map((f) => f.rounded.matched.toString())).not.toEqual(
      r.federations.map((f) => f.rounded.matched.toString()),
    );
  });
});

describe('later round: the rules where round.md is silent', () => {
  const base = (
    feds: ReturnType<typeof fed>[],
    amounts: [string, number][],
    budget = 2_000_000,
  ): [ModelInput, RecordedDecision] => [
    model(
      budget,
      feds,
      feds.map((f) => area(f.name, f.name, 10_000, 100_000)),
    ),
    { label: LABEL, amounts: amounts.map(([federation, amount]) => ({ federation, amount: dec(amount) })) },
  ];

  test('returned above decided: matched 0 (never below), the excess is no money', () => {
    const [i, d] = base(
      [fed('A', { returned: 900_000 }), fed('B', { request: 2_000_000 })],
      [
        ['A', 800_000],
        ['B', 900_000],
      ],
    );
    const r = allocateLaterRound(i, d);
    expect(r.federations.map((f) => f.matched.toString())).toEqual(['0', '900000']);
    // S = 2 000 000 − 900 000 = 1 100 000, all to B (want 2 000 000): final 2 000 000, U 0
    expect(r.surplus.toString()).toBe('1100000');
    expect(r.federations.map((f) => f.rounded.final.toNumber())).toEqual([0, 2_000_000]);
    expect(r.laterRound.handedBack.toString()).toBe('800000');
  });

  test('members can no longer match what is kept: MATCHNING, want 0, the amount is kept', () => {
    const [i, d] = base(
      [fed('A', { K: 300_000, request: 100_000 }), fed('B')],
      [
        ['A', 800_000],
        ['B', 900_000],
      ],
    );
    const r = allocateLaterRound(i, d);
    const a = r.federations[0];
    expect(a.matched.toString()).toBe('800000');
    expect(a.want.toString()).toBe('0');
    expect(a.extra.toString()).toBe('0');
    expect(a.cappedByMatching).toBe(true);
    expect(a.warnings.map((w) => w.code)).toEqual(['EK_SAKNAS', 'MATCHNING', 'NY', 'YTTERLIGARE_DELVIS']);
    expect(formatWarnings(a.warnings.filter((w) => w.code === 'MATCHNING'))).toBe(
      'MATCHNING: Kommunernas möjliga bidrag 300 000 kr räcker till statlig tilldelning om högst 600 000 kr av 800 000 kr',
    );
    expect(r.undistributed.toString()).toBe('300000');
    expect(r.totals.undistributed.toString()).toBe('300000');
  });

  test('no SPÄRR or SPÄRR_EJ: the decided amount is kept, no spärr is applied', () => {
    const [i, d] = base(
      [fed('A', { prev: 1_500_000 }), fed('B')],
      [
        ['A', 1_200_000],
        ['B', 800_000],
      ],
    );
    const ordinary = allocate(i);
    expect(ordinary.federations[0].warnings.map((w) => w.code)).toContain('SPÄRR');
    const r = allocateLaterRound(i, d);
    expect(r.federations[0].warnings.map((w) => w.code)).toEqual(['EK_SAKNAS', 'MINSKNING']);
    expect(r.federations[0].liftedToFloor).toBe(true); // step 4, for information
    expect(r.federations[0].rounded.final.toNumber()).toBe(1_200_000);
  });

  test('every problem at once, typed with its row', () => {
    const [i] = base([fed('A', { returned: 10, request: 10 }), fed('B'), fed('C')], []);
    const d: RecordedDecision = {
      label: '  ',
      amounts: [
        { federation: 'A', amount: dec('100.5') },
        { federation: 'b', amount: dec(100) },
        { federation: 'B ', amount: dec(100) },
        { federation: 'Dby', amount: dec(400) },
      ],
    };
    const problems = validateLaterRound(i, d);
    expect(problems.map((p) => p.code)).toEqual([
      'RETURN_AND_REQUEST',
      'DECISION_LABEL_MISSING',
      'DECISION_AMOUNT_INVALID',
      'DECISION_DUPLICATE',
      'NOT_IN_DECISION',
      'DECIDED_FEDERATION_MISSING',
    ]);
    const later = problems.slice(1) as LaterRoundIssue[];
    expect(later.map((p) => [p.federation, p.federationIndex, p.decisionIndex])).toEqual([
      [undefined, undefined, undefined],
      ['A', undefined, 0],
      ['B', undefined, 2],
      ['C', 2, undefined],
      ['Dby', undefined, 3],
    ]);
    expect(later[3].message).toBe(
      'Förbundet C finns inte i beslutet ; det kan inte ta del av denna omgång för ytterligare medel utan tar del i nästa ordinarie omgång.',
    );
    expect(() => allocateLaterRound(i, d)).toThrow('Förbundet Dby finns i beslutet');
  });

  test('a federation not in the decision names the decision', () => {
    const [i, d] = base([fed('A'), fed('Nyby')], [['A', 1_000_000]]);
    expect(validateLaterRound(i, d).map((p) => p.message)).toEqual([
      'Förbundet Nyby finns inte i beslutet Beslut 2026-11-07; det kan inte ta del av denna omgång för ytterligare medel utan tar del i nästa ordinarie omgång.',
    ]);
  });

  test('Statlig ram below what is kept is a problem', () => {
    const [i, d] = base(
      [fed('A', { returned: 100_000 }), fed('B')],
      [
        ['A', 1_200_000],
        ['B', 1_000_000],
      ],
    );
    expect(validateLaterRound(i, d).map((p) => [p.code, p.message])).toEqual([
      [
        'BUDGET_BELOW_DECIDED',
        'Statlig ram 2 000 000 kr räcker inte till det som förbunden behåller efter beslutet Beslut 2026-11-07 (beslutat minus återlämnat: 2 100 000 kr).',
      ],
    ]);
  });

  test('returned with öre: Matchad is decided − returned rounded half up, every row adds up', () => {
    const [i, d] = base(
      [fed('A', { returned: '100.50' }), fed('B', { request: 50 })],
      [
        ['A', 1_000_000],
        ['B', 900_000],
      ],
    );
    const r = allocateLaterRound(i, d);
    expect(r.federations[0].matched.toString()).toBe('999899.5');
    expect(r.federations[0].rounded.matched.toNumber()).toBe(999_900);
    expect(r.federations[1].rounded.final.toNumber()).toBe(900_050);
    expect(r.totals.final.plus(r.totals.undistributed).toString()).toBe('2000000');
  });
});
