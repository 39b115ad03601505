// Invalid input: typed issues with Swedish messages, all reported at once.
import Decimal from 'decimal.js';
import { ModelInputError, allocate, validateModelInput } from '../../src/engine';
import type { ModelInput, ModelIssue } from '../../src/engine';
import { area, dec, fed, model } from './helpers';

const ok = (): ModelInput => model(2_000_000, [fed('A'), fed('B')], [area('A', 'a', 10, 10), area('B', 'b', 10, 10)]);

function issuesOf(input: ModelInput): ModelIssue[] {
  try {
    allocate(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelInputError);
    const err = e as ModelInputError;
    expect(err.issues).toEqual(validateModelInput(input));
    expect(err.message).toBe(err.issues.map((i) => i.message).join('\n'));
    return err.issues;
  }
  throw new Error('allocate did not throw');
}

describe('validation', () => {
  test('a valid input has no issues', () => {
    expect(validateModelInput(ok())).toEqual([]);
  });
  test('BUDGET_TOO_SMALL', () => {
    const issues = issuesOf(model(700_000, [fed('A'), fed('B')], [area('A', 'a', 1, 1), area('B', 'b', 1, 1)]));
    expect(issues).toEqual([
      {
        code: 'BUDGET_TOO_SMALL',
        field: 'budget',
        message: 'Statlig ram 700 000 kr räcker inte till grundtilldelningen för 2 förbund (2 × 400 000 kr = 800 000 kr).',
      },
    ]);
  });
  test('NO_AREAS and UNKNOWN_FEDERATION', () => {
    const issues = issuesOf(
      model(2_000_000, [fed('A'), fed('B')], [area('A', 'a', 1, 1), area('Bee', 'Malmö', 1, 1, { area: 'Husie' })]),
    );
    expect(issues.map((i) => i.code)).toEqual(['UNKNOWN_FEDERATION', 'NO_AREAS']);
    expect(issues[0].message).toBe('Kommunen Malmö, område Husie i förbundet Bee: förbundet Bee finns inte bland förbunden.');
    expect(issues[0].areaIndex).toBe(1);
    expect(issues[1]).toMatchObject({
      federation: 'B',
      message: 'Förbundet B har inga kommuner eller områden på bladet Kommuner.',
    });
  });
  test('DUPLICATE_FEDERATION (case and spaces folded)', () => {
    const issues = issuesOf(model(2_000_000, [fed('Norra  Ön'), fed('norra ön')], [area('Norra Ön', 'a', 1, 1)]));
    expect(issues.map((i) => i.code)).toEqual(['DUPLICATE_FEDERATION']);
    expect(issues[0].message).toBe('Förbundet Norra  Ön finns på 2 rader; varje förbund ska finnas på en rad.');
  });
  test('BUDGET_TOO_SMALL is reported together with other parameter problems', () => {
    const issues = issuesOf(model(100_000, [fed('A')], [area('A', 'a', 1, 1)], { weightPopulation: dec('0.5') }));
    expect(issues.map((i) => i.code)).toEqual(['WEIGHTS_NOT_100', 'BUDGET_TOO_SMALL']);
  });
  test('WEIGHTS_NOT_100', () => {
    const issues = issuesOf({ ...ok(), parameters: { ...ok().parameters, weightPopulation: dec('0.3') } });
    expect(issues).toEqual([
      {
        code: 'WEIGHTS_NOT_100',
        field: 'weightSupportMeasure',
        message: 'Vikterna för försörjningsmått (75 %) och invånare 16–64 (30 %) summerar till 105 %, inte 100 %.',
      },
    ]);
  });
  test('NEGATIVE_AMOUNT for every kind of amount', () => {
    const input = model(
      2_000_000,
      [fed('A', { prev: -1, equity: -2, totalPrev: -3, K: -4, R: -5, request: -6 }), fed('B', { returned: -7 })],
      [area('A', 'a', -10, -20, { fs: -30 }), area('B', 'b', 1, 1)],
    );
    const issues = issuesOf(input);
    expect(issues.filter((i) => i.code === 'NEGATIVE_AMOUNT').map((i) => i.field)).toEqual([
      'previousAllocation',
      'equity',
      'previousTotalFunds',
      'municipalContribution',
      'regionContribution',
      'request',
      'returned',
      'population',
      'supportMeasure',
      'supportRecipients',
    ]);
    expect(issues[1].message).toBe('Förbundet A: eget kapital är negativt (−2 kr).');
    expect(issues.find((i) => i.field === 'population')!.message).toBe(
      'Kommunen a i förbundet A: invånare 16–64 är negativt (−10).',
    );
    const budget = issuesOf({ ...ok(), parameters: { ...ok().parameters, budget: dec(-5) } });
    expect(budget.map((i) => i.code)).toEqual(['NEGATIVE_AMOUNT']);
    expect(budget[0].message).toBe('Parametern Statlig ram är negativ (−5 kr).');
  });
  test('RETURN_AND_REQUEST', () => {
    const issues = issuesOf(model(2_000_000, [fed('A', { returned: 10_000, request: 5_000 })], [area('A', 'a', 1, 1)]));
    expect(issues).toEqual([
      {
        code: 'RETURN_AND_REQUEST',
        federation: 'A',
        field: 'request',
        message:
          'Förbundet A både lämnar tillbaka medel (10 000 kr) och ansöker om ytterligare medel (5 000 kr); ett förbund kan inte göra båda.',
      },
    ]);
  });
  test.each([0, 13, 6.5, Number.NaN])('INVALID_MONTHS %p', (months) => {
    const issues = issuesOf(model(2_000_000, [fed('A', { months })], [area('A', 'a', 1, 1)]));
    expect(issues.map((i) => i.code)).toEqual(['INVALID_MONTHS']);
    expect(issues[0].message).toBe(`Förbundet A: verksamhetsmånader måste vara ett heltal 1–12 (nu ${months}).`);
  });
  test('ZERO_TOTALS for ΣFM and ΣPOP when weighted', () => {
    const issues = issuesOf(model(2_000_000, [fed('A')], [area('A', 'a', 0, 0)]));
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['ZERO_TOTALS', 'supportMeasure'],
      ['ZERO_TOTALS', 'population'],
    ]);
    // ΣPOP = 0 is fine when its weight is 0
    const noPop = model(2_000_000, [fed('A')], [area('A', 'a', 0, 5)], {
      weightSupportMeasure: dec(1),
      weightPopulation: dec(0),
    });
    expect(validateModelInput(noPop)).toEqual([]);
    expect(allocate(noPop).federations[0].key.toString()).toBe('1');
  });
  test('MISSING_RECIPIENTS', () => {
    const issues = issuesOf(
      model(2_000_000, [fed('A', { split: 'forsorjningsstod' })], [area('A', 'Ett', 1, 1, { fs: 5 }), area('A', 'Två', 1, 1)]),
    );
    expect(issues).toEqual([
      {
        code: 'MISSING_RECIPIENTS',
        areaIndex: 1,
        federation: 'A',
        field: 'supportRecipients',
        message:
          'Förbundet A fördelar kommunernas andel efter försörjningsstöd, men antal försörjningsstödstagare saknas för Kommunen Två i förbundet A.',
      },
    ]);
  });
  test('NO_FEDERATIONS', () => {
    const issues = issuesOf(model(2_000_000, [], []));
    expect(issues).toEqual([{ code: 'NO_FEDERATIONS', message: 'Det finns inga förbund att fördela till.' }]);
  });
  test('INVALID_PARAMETER: spärr outside 0–100 %, budget not whole kronor, Trappan limits', () => {
    const p = ok().parameters;
    const issues = issuesOf({
      ...ok(),
      parameters: { ...p, maxDecrease: dec('1.2'), budget: dec('2000000.5'), trappan: { ...p.trappan, limit1: dec(2e7) } },
    });
    expect(issues.map((i) => i.message)).toEqual([
      'Parametern Maximal minskning måste ligga mellan 0 % och 100 % (nu 120 %).',
      'Statlig ram ska anges i hela kronor (nu 2 000 000,5 kr).',
      'Trappan gräns 1 (20 000 000 kr) får inte vara större än gräns 2 (15 000 000 kr).',
    ]);
    expect(issues.every((i) => i.code === 'INVALID_PARAMETER')).toBe(true);
  });
  test('a municipality split between federations needs an Område on every row', () => {
    // Malmö whole in A and Malmö/Husie in B would count Husie's people twice; so would the reverse order.
    const wholeFirst = issuesOf(
      model(2_000_000, [fed('A'), fed('B')], [area('A', 'Malmö', 10, 10), area('B', 'Malmö', 5, 5, { area: 'Husie' })]),
    );
    expect(wholeFirst).toEqual([
      {
        code: 'DUPLICATE_AREA',
        areaIndex: 1,
        federation: 'B',
        field: 'area',
        message:
          'Kommunen Malmö finns också i förbundet A; ange område (stadsdel) på varje rad när en kommun delas mellan förbund.',
      },
    ]);
    const partFirst = issuesOf(
      model(2_000_000, [fed('A'), fed('B')], [area('A', 'Malmö', 10, 10, { area: 'Husie' }), area('B', 'malmö', 5, 5)]),
    );
    expect(partFirst.map((i) => [i.code, i.areaIndex, i.federation])).toEqual([['DUPLICATE_AREA', 1, 'B']]);
    // Areas on every row, or a whole municipality in one federation only: fine
    expect(
      validateModelInput(
        model(
          2_000_000,
          [fed('A'), fed('B')],
          [area('A', 'Malmö', 10, 10, { area: 'Husie' }), area('B', 'Malmö', 5, 5, { area: 'Limhamn' })],
        ),
      ),
    ).toEqual([]);
    expect(
      validateModelInput(
        model(
          2_000_000,
          [fed('A'), fed('B')],
          [area('A', 'Malmö', 10, 10, { area: 'Husie' }), area('A', 'Malmö', 5, 5), area('B', 'Lund', 5, 5)],
        ),
      ),
    ).toEqual([]);
  });
  test('AMOUNT_TOO_LARGE: amounts and counts above 10^15 are typing or unit errors', () => {
    const input = model(
      2_000_000,
      [fed('A', { equity: '2e15' }), fed('B')],
      [area('A', 'a', 10, '1e16'), area('B', 'b', 10, 10)],
      {
        baseAllocation: dec('1e16'),
      },
    );
    const issues = issuesOf(input);
    expect(issues.map((i) => [i.code, i.field, i.federation, i.areaIndex])).toEqual([
      ['AMOUNT_TOO_LARGE', 'baseAllocation', undefined, undefined],
      ['AMOUNT_TOO_LARGE', 'equity', 'A', undefined],
      ['AMOUNT_TOO_LARGE', 'supportMeasure', 'A', 0],
    ]);
    expect(issues[0].message).toBe(
      'Parametern Grundtilldelning är större än 10^15 (1 000 000 000 000 000); kontrollera siffrorna och enheten.',
    );
    expect(issues[1].message).toBe(
      'Förbundet A: eget kapital är större än 10^15 (1 000 000 000 000 000); kontrollera siffrorna och enheten.',
    );
    // 10^15 itself is accepted
    expect(
      validateModelInput(
        model(2_000_000, [fed('A', { equity: '1e15' }), fed('B')], [area('A', 'a', 10, 10), area('B', 'b', 10, 10)]),
      ),
    ).toEqual([]);
  });
  test('INVALID_NUMBER, MISSING_NAME and DUPLICATE_AREA', () => {
    const input = model(
      2_000_000,
      [fed(''), fed('A'), fed('B')],
      [
        area('A', 'Malmö', 1, 1, { area: 'Husie' }),
        area('A', 'malmö', 1, 1, { area: 'husie' }),
        area('B', 'Malmö', 1, 1, { area: 'Husie' }),
        area('B', '', 1, 1),
      ],
    );
    input.areas.push({ federation: 'B', municipality: 'Lund', population: new Decimal(NaN), supportMeasure: dec(1) });
    const issues = issuesOf(input);
    expect(issues.map((i) => i.code)).toEqual([
      'MISSING_NAME',
      'DUPLICATE_AREA',
      'DUPLICATE_AREA',
      'MISSING_NAME',
      'INVALID_NUMBER',
    ]);
    expect(issues[0].message).toBe('Förbundet på rad 1 saknar namn.');
    expect(issues[1].message).toBe('Kommunen malmö, område husie i förbundet A finns på flera rader.');
    expect(issues[2].message).toBe(
      'Kommunen Malmö, område Husie i förbundet B finns också i förbundet A; ange olika områden (stadsdelar) när en kommun delas mellan förbund.',
    );
    expect(issues[3].message).toBe('Kommunraden nr 4 (förbundet B) saknar kommunnamn.');
    expect(issues[4].message).toBe('Kommunen Lund i förbundet B: invånare 16–64 är inget giltigt tal.');
  });
  test('several problems are reported together, in one error', () => {
    const input = model(
      100_000,
      [fed('A', { months: 14, equity: -1 }), fed('B', { returned: 1, request: 1 }), fed('A')],
      [area('C', 'x', 1, 1)],
      { weightSupportMeasure: dec('0.5') },
    );
    const issues = issuesOf(input);
    expect(issues.map((i) => i.code).sort()).toEqual(
      [
        'WEIGHTS_NOT_100',
        'BUDGET_TOO_SMALL',
        'NEGATIVE_AMOUNT',
        'INVALID_MONTHS',
        'RETURN_AND_REQUEST',
        'DUPLICATE_FEDERATION',
        'UNKNOWN_FEDERATION',
        'NO_AREAS',
        'NO_AREAS',
      ].sort(),
    );
    expect(issues.every((i) => /[a-zåäö]/.test(i.message))).toBe(true);
  });
  test('numbers given as strings or plain numbers are accepted', () => {
    const input = ok() as unknown as { federations: Record<string, unknown>[] };
    input.federations[0].previousAllocation = '1000000';
    input.federations[1].equity = 5;
    const r = allocate(input as unknown as ModelInput);
    expect(r.federations[0].previousAllocation!.toString()).toBe('1000000');
  });
});
