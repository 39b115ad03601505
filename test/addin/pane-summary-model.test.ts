// The summary arranged for the pane: warnings with their federations (action first), the federation
// table's sort orders and VO groups, the signed amounts — on hand-made figures.
import { groupByVo, sortFederations, warningGroups } from '../../src/taskpane/summary-model';
import { signedKronor, signedShare } from '../../src/taskpane/texts';
import type { FederationSummary, RunSummary, VoTotal } from '../../src/workbook/types';
import type { AllocationResult } from '../../src/engine';

const fed = (
  name: string,
  vo: string,
  index: number,
  final: number,
  change: number | null,
  share: number | null,
  warnings: string[] = [],
) =>
  ({
    name,
    vo,
    index,
    row: index + 1,
    ideal: final,
    final,
    change,
    changeShare: share,
    warnings,
    needsAction: false,
  }) as FederationSummary;

// Norrby +41 316 kr (+1,59 %), Söderby −600 000 kr (−25 %), Österby +908 822 kr (+60,59 %), Västerby new (the worked example's changes)
const feds = [
  fed('Norrby', 'Nord', 0, 2_641_316, 41_316, 0.015891, ['MINSKNING']),
  fed('Söderby', 'Syd', 1, 1_800_000, -600_000, -0.25, ['MATCHNING', 'EK_SAKNAS']),
  fed('Österby', 'Nord', 2, 2_408_822, 908_822, 0.605881, []),
  fed('Västerby', 'Syd', 3, 1_360_905, null, null, ['NY', 'DELÅR']),
];
const totals = [
  { vo: 'Nord', federationCount: 2, ideal: 0, final: 5_050_138, change: 950_138, previous: 4_100_000 },
  { vo: 'Syd', federationCount: 2, ideal: 0, final: 3_160_905, change: -600_000, previous: 2_400_000 },
] as VoTotal[];

describe('sortFederations', () => {
  const names = (rows: FederationSummary[]) => rows.map((f) => f.name);
  test('by change in kronor: largest increase first, new federations last either way', () => {
    expect(names(sortFederations(feds, 'change', 'descending'))).toEqual(['Österby', 'Norrby', 'Söderby', 'Västerby']);
    expect(names(sortFederations(feds, 'change', 'ascending'))).toEqual(['Söderby', 'Norrby', 'Österby', 'Västerby']);
  });
  test('by change in percent, by Slutlig, by name (Swedish order: Ö after V)', () => {
    expect(names(sortFederations(feds, 'changeShare', 'descending'))).toEqual(['Österby', 'Norrby', 'Söderby', 'Västerby']);
    expect(names(sortFederations(feds, 'final', 'descending'))).toEqual(['Norrby', 'Österby', 'Söderby', 'Västerby']);
    expect(names(sortFederations(feds, 'final', 'ascending'))).toEqual(['Västerby', 'Söderby', 'Österby', 'Norrby']);
    expect(names(sortFederations(feds, 'name', 'ascending'))).toEqual(['Norrby', 'Söderby', 'Västerby', 'Österby']);
    expect(names(sortFederations(feds, 'name', 'descending'))).toEqual(['Österby', 'Västerby', 'Söderby', 'Norrby']);
  });
  test('ties go by name', () => {
    const tie = [fed('B', '', 0, 5, 10, 0.1), fed('A', '', 1, 5, 10, 0.1)];
    expect(names(sortFederations(tie, 'change', 'descending'))).toEqual(['A', 'B']);
    expect(names(sortFederations(tie, 'final', 'ascending'))).toEqual(['A', 'B']);
  });
});

describe('groupByVo', () => {
  test('VOs in the summary’s order, each with its federations in the order given and its totals', () => {
    const groups = groupByVo(sortFederations(feds, 'change', 'descending'), totals);
    expect(groups.map((g) => [g.vo, g.total?.final, g.federations.map((f) => f.name)])).toEqual([
      ['Nord', 5_050_138, ['Österby', 'Norrby']],
      ['Syd', 3_160_905, ['Söderby', 'Västerby']],
    ]);
  });
  test('a VO written with other case or spacing is the same group; a VO without totals still shows', () => {
    const groups = groupByVo([fed('X', 'nord ', 9, 1, 0, 0), fed('Y', 'Okänd', 8, 1, 0, 0)], totals);
    expect(groups.map((g) => [g.vo, g.federations.map((f) => f.name), g.total === undefined])).toEqual([
      ['Nord', ['X'], false],
      ['Okänd', ['Y'], true],
    ]);
  });
});

describe('warningGroups', () => {
  test('action warnings first (spec order), then informational; federations with their row and text', () => {
    const result = {
      federations: [
        { index: 0, warnings: [{ code: 'MINSKNING', text: 'Slutlig tilldelning … understiger spärrnivån' }] },
        {
          index: 1,
          warnings: [
            { code: 'EK_SAKNAS', text: 'Uppgift om eget kapital saknas' },
            { code: 'MATCHNING', text: 'Kommunernas möjliga bidrag …' },
          ],
        },
        { index: 2, warnings: [] },
        {
          index: 3,
          warnings: [
            { code: 'NY', text: 'Nytt förbund' },
            { code: 'DELÅR', text: 'Verksamhet 8 av 12 månader' },
          ],
        },
      ],
    } as unknown as AllocationResult;
    const groups = warningGroups({ federations: feds } as RunSummary, result);
    expect(groups.map((g) => [g.code, g.action, g.federations.map((f) => `${f.name}@${f.row}`)])).toEqual([
      ['MATCHNING', true, ['Söderby@2']],
      ['MINSKNING', true, ['Norrby@1']],
      ['EK_SAKNAS', false, ['Söderby@2']],
      ['NY', false, ['Västerby@4']],
      ['DELÅR', false, ['Västerby@4']],
    ]);
    expect(groups[0].federations[0].text).toBe('Kommunernas möjliga bidrag …');
    expect(groups[0].meaning).toBe('Begränsad av matchningen');
  });
});

describe('signed amounts', () => {
  test('plus and a true minus sign, spaces that do not break, percent with at most one decimal', () => {
    expect(signedKronor(41_316)).toBe('+41\u00a0316\u00a0kr');
    expect(signedKronor(-600_000)).toBe('\u2212600\u00a0000\u00a0kr');
    expect(signedKronor(0)).toBe('0\u00a0kr');
    expect(signedShare(0.015891)).toBe('+1,6\u00a0%');
    expect(signedShare(-0.25)).toBe('\u221225\u00a0%');
    expect(signedShare(0.605881)).toBe('+60,6\u00a0%');
    expect(signedShare(0.00001)).toBe('0\u00a0%');
  });
});
