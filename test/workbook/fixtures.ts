// Shared fixtures for the workbook tests (not a test suite itself).
import type { CellValue, SheetValues } from '../../src/workbook/types';

/** The worked example of worked-example.md as a workbook, with a title row above each header. */
export function workedExampleSheets(): SheetValues[] {
  return [
    {
      name: 'Parametrar',
      values: [['Parametrar 2025'], [], ['Parameter', 'Värde'], ['Statlig ram (kr)', 9000000]],
    },
    {
      name: 'Förbund',
      values: [
        ['Förbund – exempel'],
        [
          'Förbund',
          'VO',
          'Region',
          'Statlig tilldelning föregående år (kr)',
          'Eget kapital (kr)',
          'Kommunernas möjliga bidrag (kr)',
          'Ansökan ytterligare medel (kr)',
          'Verksamhetsmånader',
        ],
        ['Norrby', 'Nord', 'Region Norr', 2600000, 400000, '', '', 12],
        ['Söderby', 'Syd', 'Region Syd', 2400000, 900000, 900000, '', 12],
        ['Österby', 'Mitt', 'Region Mitt', 1500000, 150000, '', 600000, 12],
        ['Västerby', 'Väst', 'Region Väst', '', '', '', 300000, 8],
      ],
    },
    {
      name: 'Kommuner',
      values: [
        ['Förbund', 'Kommun', 'Invånare 16–64', 'Försörjningsmått'],
        ['Norrby', 'Norrby', 38000, 1050000],
        ['Söderby', 'Söderby', 30000, 980000],
        ['Söderby', 'Åby', 9000, 260000],
        ['Österby', 'Österby', 26000, 640000],
        ['Västerby', 'Västerby', 14000, 410000],
        ['Västerby', 'Lillby', 6000, 150000],
      ],
    },
  ];
}

/** Expected Förbund output of the worked example (worked-example.md "Result"). */
export const WORKED_EXAMPLE_OUTPUT: Record<string, { ideal: number; afterFloor: number; matched: number; extra: number; final: number; municipal: number; reasonable: number; codes: string[] }> = {
  Norrby: { ideal: 2641316, afterFloor: 2641316, matched: 2641316, extra: 0, final: 2641316, municipal: 1320658, reasonable: 1040000, codes: [] },
  Söderby: { ideal: 2958505, afterFloor: 2958505, matched: 1800000, extra: 0, final: 1800000, municipal: 900000, reasonable: 960000, codes: ['MATCHNING', 'MINSKNING'] },
  Österby: { ideal: 1808822, afterFloor: 1808822, matched: 1808822, extra: 600000, final: 2408822, municipal: 1204411, reasonable: 600000, codes: [] },
  Västerby: { ideal: 1060905, afterFloor: 1060905, matched: 1060905, extra: 300000, final: 1360905, municipal: 680453, reasonable: 424362, codes: ['DELÅR', 'EK_SAKNAS', 'NY'] },
};

/** A small valid workbook, for error tests to break one cell of. */
export function smallSheets(): SheetValues[] {
  return [
    { name: 'Parametrar', values: [['Parameter', 'Värde'], ['Statlig ram (kr)', 5000000]] },
    {
      name: 'Förbund',
      values: [
        ['Förbund', 'Statlig tilldelning föregående år (kr)', 'Eget kapital (kr)', 'Ansökan ytterligare medel (kr)', 'Återlämnade medel (kr)', 'Verksamhetsmånader', 'Fördelning mellan kommuner'],
        ['Alfa', 2000000, 300000, '', '', 12, 'Invånare'],
        ['Beta', 1500000, 200000, '', '', 12, 'Lika'],
      ],
    },
    {
      name: 'Kommuner',
      values: [
        ['Förbund', 'Kommun', 'Område', 'Invånare 16–64', 'Försörjningsmått', 'Försörjningsstödstagare'],
        ['Alfa', 'Aby', '', 10000, 300000, 120],
        ['Alfa', 'Bby', '', 5000, 100000, 40],
        ['Beta', 'Cby', '', 8000, 200000, 90],
      ],
    },
  ];
}

/** Deep copy of sheets, to mutate one cell. */
export function cloneSheets(sheets: SheetValues[]): SheetValues[] {
  return sheets.map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
}

/** Sets one cell (0-based), growing the grid as needed. */
export function setCell(sheets: SheetValues[], sheet: string, row: number, column: number, value: CellValue): SheetValues[] {
  const s = sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  while (s.values.length <= row) s.values.push([]);
  while (s.values[row].length <= column) s.values[row].push('');
  s.values[row][column] = value;
  return sheets;
}

/** A grid with trailing empty cells and rows removed ('' and null alike), for comparisons. */
export function trimGrid(values: CellValue[][]): CellValue[][] {
  const rows = values.map((row) => {
    const r = row.map((v) => (v === null ? '' : v));
    while (r.length && r[r.length - 1] === '') r.pop();
    return r;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

export function sheetByName(sheets: SheetValues[], name: string): SheetValues {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
