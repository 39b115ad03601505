// A small regional workbook (Omfattning = Syd) with hand-picked answers and proposals, for the check's
// and the scope's tests (not a test suite itself).
import type { CellValue, SheetValues } from '../../src/workbook/types';

export const FEDERATION_HEADER = [
  'Förbund',
  'VO',
  'Statlig tilldelning föregående år (kr)',
  'Kommunernas möjliga bidrag (kr)',
  'Regionens möjliga bidrag (kr)',
  'Återlämnade medel (kr)',
  'Idealfördelning (kr)',
  'Efter spärr (kr)',
  'Svar inkommit',
];

/** [name, VO, prev, K, R, returned, ideal, Efter spärr] */
export const ROWS: CellValue[][] = [
  ['Alfa', 'Syd', 2_600_000, 1_000_000, 1_500_000, '', 2_641_316, 2_641_316, '2027-05-02'],
  ['Beta', 'Syd', 1_500_000, 2_000_000, 2_000_000, 100_000, 1_808_823, 1_808_823, ''],
  ['Gamma', 'Syd', '', '', '', '', 1_060_905, 1_060_905, ''],
  ['Delta', 'Syd', 500_000, 300_000, '', '', 480_000, 500_000, ''],
  ['Epsilon', 'Väst', 400_000, 400_000, 400_000, '', 410_000, 410_000, ''],
];

export function regionalSheets(scope: CellValue = 'Syd'): SheetValues[] {
  return [
    {
      name: 'Parametrar',
      values: [
        ['Parameter', 'Värde'],
        ['År', 2027],
        ['Statlig ram (kr)', 9_000_000],
        ['Omfattning', scope],
      ],
    },
    { name: 'Förbund', values: [FEDERATION_HEADER, ...ROWS.map((r) => [...r])] },
    {
      name: 'Kommuner',
      values: [
        ['Förbund', 'Kommun', 'Invånare 16–64', 'Försörjningsmått'],
        ['Alfa', 'Aby', 10_000, 500],
        ['Beta', 'Bby', 8_000, 300],
        ['Gamma', 'Cby', 5_000, 200],
        ['Delta', 'Dby', 2_000, 100],
        ['Epsilon', 'Eby', 1_000, 50],
      ],
    },
  ];
}
