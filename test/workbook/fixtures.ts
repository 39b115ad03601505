// Shared fixtures for the workbook tests (not a test suite itself).
import type { CellValue, SheetValues } from '../../src/workbook/types';
import { cellOf, WORKED_EXAMPLE } from '../fixtures/worked-example';

/** The worked example of worked-example.md as a workbook, with a title row above each header. */
export function workedExampleSheets(): SheetValues[] {
  return [
    {
      name: 'Parametrar',
      values: [['Parametrar 2025'], [], ['Parameter', 'Värde'], ['Statlig ram (kr)', WORKED_EXAMPLE.budget]],
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
        ...WORKED_EXAMPLE.federations.map((f) => [
          f.name,
          f.vo,
          f.region,
          cellOf(f.previousAllocation),
          cellOf(f.equity),
          cellOf(f.municipalContribution),
          cellOf(f.request),
          f.months ?? 12,
        ]),
      ],
    },
    {
      name: 'Kommuner',
      values: [
        ['Förbund', 'Kommun', 'Invånare 16–64', 'Försörjningsmått'],
        ...WORKED_EXAMPLE.areas.map((a) => [a.federation, a.municipality, a.population, a.supportMeasure]),
      ],
    },
  ];
}

/** Expected Förbund output of the worked example (worked-example.md "Result"). */
export const WORKED_EXAMPLE_OUTPUT: Record<
  string,
  {
    ideal: number;
    afterFloor: number;
    matched: number;
    extra: number;
    final: number;
    municipal: number;
    reasonable: number;
    codes: string[];
  }
> = Object.fromEntries(
  Object.entries(WORKED_EXAMPLE.results).map(([name, r]) => [
    name,
    {
      ideal: r.ideal,
      afterFloor: r.afterFloor,
      matched: r.matched,
      extra: r.extra,
      final: r.final,
      municipal: r.municipal,
      reasonable: r.reasonable,
      codes: [...r.warnings],
    },
  ]),
);

/** A small valid workbook, for error tests to break one cell of. */
export function smallSheets(): SheetValues[] {
  return [
    {
      name: 'Parametrar',
      values: [
        ['Parameter', 'Värde'],
        ['Statlig ram (kr)', 5000000],
      ],
    },
    {
      name: 'Förbund',
      values: [
        [
          'Förbund',
          'Statlig tilldelning föregående år (kr)',
          'Eget kapital (kr)',
          'Ansökan ytterligare medel (kr)',
          'Återlämnade medel (kr)',
          'Verksamhetsmånader',
          'Fördelning mellan kommuner',
        ],
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
