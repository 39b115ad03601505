// Issue 14: the change-from-last-year columns, the summary's money flows and totals per VO, action-only
// highlight — all on the worked example, against hand computation.
import { runAllocation } from '../../src/workbook/run';
import { applyPlanToSheets } from '../../src/workbook/apply';
import { formatProblem } from '../../src/workbook/format';
import { CHANGE_MONEY_FORMAT, CHANGE_SHARE_FORMAT, FEDERATION_OUTPUT_HEADERS } from '../../src/workbook/types';
import type { SheetValues } from '../../src/workbook/types';
import { setCell, sheetByName, smallSheets, workedExampleSheets } from './fixtures';
import { closestName, editDistance } from '../../src/workbook/suggest';

const TIME = new Date(2025, 2, 14, 9, 30, 5);

function run(sheets: SheetValues[]) {
  const r = runAllocation(sheets, { timestamp: TIME });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r;
}

const KR = 'Förändring mot föregående år (kr)';
const PCT = 'Förändring mot föregående år (%)';

describe('Förändring mot föregående år on Förbund', () => {
  const sheets = workedExampleSheets();
  const r = run(sheets);
  const after = applyPlanToSheets(sheets, r.plan);
  const fed = sheetByName(after, 'Förbund').values;
  const header = fed[1];
  const cell = (name: string, h: string) => fed.find((row) => row[0] === name)![header.indexOf(h)];

  test('the two columns come right after Varningar', () => {
    const v = header.indexOf('Varningar');
    expect(v).toBeGreaterThan(0);
    expect(header.slice(v, v + 3)).toEqual(['Varningar', KR, PCT]);
    expect(FEDERATION_OUTPUT_HEADERS.slice(-2)).toEqual([KR, PCT]);
  });

  test('hand computation: Slutlig − föregående år × månader/12; blank for the new Västerby', () => {
    // Norrby 2 641 316 − 2 600 000; Söderby 1 800 000 − 2 400 000; Österby 2 408 822 − 1 500 000
    expect(cell('Norrby', KR)).toBe(41316);
    expect(cell('Söderby', KR)).toBe(-600000);
    expect(cell('Österby', KR)).toBe(908822);
    expect(cell('Västerby', KR)).toBe('');
    expect(cell('Norrby', PCT)).toBe(0.015891); // 41 316 / 2 600 000 = 0.0158907…
    expect(cell('Söderby', PCT)).toBe(-0.25);
    expect(cell('Österby', PCT)).toBe(0.605881); // 908 822 / 1 500 000 = 0.6058813…
    expect(cell('Västerby', PCT)).toBe('');
  });

  test('formats: kronor in the money format, the share in the percent format', () => {
    const block = r.plan.blocks.find((b) => b.values[0].includes(KR))!;
    const k = block.values[0].indexOf(KR);
    expect(block.numberFormats![1][k]).toBe(CHANGE_MONEY_FORMAT);
    expect(block.numberFormats![1][k + 1]).toBe(CHANGE_SHARE_FORMAT);
  });

  test('a part-year federation is compared with prev × months/12', () => {
    const s = workedExampleSheets();
    // Västerby gets a previous allocation of 1 500 000 kr; it runs 8 months: base 1 000 000
    const f = sheetByName(s, 'Förbund');
    setCell(
      s,
      'Förbund',
      f.values.findIndex((row) => row[0] === 'Västerby'),
      3,
      1_500_000,
    );
    const rr = run(s);
    const v = rr.plan.summary.federations.find((x) => x.name === 'Västerby')!;
    expect(v.change).toBe(v.final - 1_000_000);
    expect(v.changeShare).toBeCloseTo((v.final - 1_000_000) / 1_000_000, 6);
  });
});

describe('the summary: money flows, explanation, VO totals, federations', () => {
  const r = run(workedExampleSheets());
  const s = r.plan.summary;

  test('money flows in whole kronor (worked example: T = 8 469 547,53, U = 788 957)', () => {
    expect(s.flows).toEqual({
      budget: 9_000_000,
      pool: 8_469_548,
      partYearRemainder: 530_452,
      surplus: 1_688_957,
      lambda: 1,
      appliedMaxDecrease: 0.1,
      cutByMatching: 1_158_505,
      returned: 0,
      requested: 900_000,
      granted: 900_000,
      undistributed: 788_957,
    });
  });

  test('the explanation names the scenario and its money', () => {
    expect(s.explanation).toBe(
      'Överskott: ingen spärr behövdes (λ = 1); 1 688 957 kr blev över (delårsrest 530 452 kr, skuret av matchning ' +
        '1 158 505 kr, återlämnat 0 kr); 900 000 kr av ansökta 900 000 kr beviljades som ytterligare medel och ' +
        '788 957 kr är ej fördelat.',
    );
  });

  test('totals per VO, in Swedish order', () => {
    expect(s.voTotals).toEqual([
      { vo: 'Mitt', federationCount: 1, ideal: 1_808_822, final: 2_408_822, change: 908_822, previous: 1_500_000 },
      { vo: 'Nord', federationCount: 1, ideal: 2_641_316, final: 2_641_316, change: 41_316, previous: 2_600_000 },
      { vo: 'Syd', federationCount: 1, ideal: 2_958_505, final: 1_800_000, change: -600_000, previous: 2_400_000 },
      { vo: 'Väst', federationCount: 1, ideal: 1_060_905, final: 1_360_905, change: 0, previous: 0 },
    ]);
  });

  test('each federation: its row, change and whether it needs action', () => {
    expect(s.federations.map((f) => [f.name, f.row, f.change, f.needsAction, f.warnings])).toEqual([
      ['Norrby', 2, 41_316, false, []],
      ['Söderby', 3, -600_000, true, ['MATCHNING', 'MINSKNING']],
      ['Österby', 4, 908_822, false, []],
      ['Västerby', 5, null, false, ['EK_SAKNAS', 'NY', 'DELÅR']],
    ]);
  });

  test('only rows with an action warning are highlighted (Söderby; not Västerby’s NY, DELÅR, EK_SAKNAS)', () => {
    expect(r.plan.highlight.rows).toEqual([3]);
  });
});

describe('problems name the federation and column; one cause gives one problem', () => {
  const problemsOf = (sheets: SheetValues[]) => {
    const r = runAllocation(sheets, { timestamp: TIME });
    if (r.ok) throw new Error('expected problems');
    return r.problems;
  };

  test('a cell problem names the row’s federation and the column beside the address', () => {
    const s = smallSheets();
    setCell(s, 'Förbund', 2, 2, 'ca 2 milj');
    setCell(s, 'Kommuner', 3, 3, 'många');
    const p = problemsOf(s);
    expect(p.map((x) => [x.address, x.federation, x.header])).toEqual([
      ['Förbund!C3', 'Beta', 'Eget kapital (kr)'],
      ['Kommuner!D4', 'Beta', 'Invånare 16–64'],
    ]);
    expect(p.map(formatProblem)).toEqual([
      'Förbund!C3 (Beta, Eget kapital (kr)): "ca 2 milj" är inget belopp',
      'Kommuner!D4 (Beta, Invånare 16–64): "många" är inget antal',
    ]);
  });

  test('a federation renamed on Förbund is one problem listing its Kommuner rows, with "menade du"', () => {
    const s = smallSheets();
    // Alfa (two rows on Kommuner) is renamed Alfha on Förbund: before, three problems (two unknown
    // references and "Alfha has no rows"); now one, at the first Kommuner row, with the closest name
    setCell(s, 'Förbund', 1, 0, 'Alfha');
    const p = problemsOf(s);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({
      address: 'Kommuner!A2',
      suggestion: 'Alfha',
      addresses: ['Kommuner!A2', 'Kommuner!A3'],
    });
    expect(formatProblem(p[0])).toBe(
      'Kommuner!A2: Förbundet "Alfa" finns inte på bladet Förbund (2 rader: 2 och 3); menade du "Alfha"?',
    );
  });

  test('a name with nothing close gets no suggestion, and the federation without rows is still reported', () => {
    const s = smallSheets();
    setCell(s, 'Förbund', 1, 0, 'Gamma Östra');
    const p = problemsOf(s);
    expect(p.map(formatProblem)).toEqual([
      'Förbund!A2: Förbundet "Gamma Östra" har inga rader på bladet Kommuner',
      'Kommuner!A2: Förbundet "Alfa" finns inte på bladet Förbund (2 rader: 2 och 3)',
    ]);
    expect(p[1].suggestion).toBeUndefined();
  });

  test('closestName: a small edit distance on the name key, or a name inside the other', () => {
    expect(closestName('Norrby', ['Söderby', 'Norby', 'Österby'])).toBe('Norby');
    expect(closestName('norrby ', ['NORRBY-x'])).toBe('NORRBY-x');
    expect(closestName('Norrby', ['Samordningsförbundet Norrby'])).toBe('Samordningsförbundet Norrby');
    expect(closestName('Alfa', ['Gamma Östra'])).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
