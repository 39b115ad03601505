// The worked example of shared/spec/worked-example.md as sheets (values from A1).
import type { SheetValues } from '../../src/workbook/types';

export function workedExampleSheets(): SheetValues[] {
  return [
    {
      name: 'Parametrar',
      values: [
        ['Parameter', 'Värde'],
        ['Statlig ram (kr)', 9_000_000],
      ],
    },
    {
      name: 'Förbund',
      values: [
        ['Förbund', 'Statlig tilldelning föregående år (kr)', 'Eget kapital (kr)', 'Kommunernas möjliga bidrag (kr)', 'Ansökan ytterligare medel (kr)', 'Verksamhetsmånader'],
        ['Norrby', 2_600_000, 400_000, '', '', ''],
        ['Söderby', 2_400_000, 900_000, 900_000, '', ''],
        ['Österby', 1_500_000, 150_000, '', 600_000, ''],
        ['Västerby', '', '', '', 300_000, 8],
      ],
    },
    {
      name: 'Kommuner',
      values: [
        ['Förbund', 'Kommun', 'Invånare 16–64', 'Försörjningsmått'],
        ['Norrby', 'Norrby', 38_000, 1_050_000],
        ['Söderby', 'Söderby', 30_000, 980_000],
        ['Söderby', 'Åby', 9_000, 260_000],
        ['Österby', 'Österby', 26_000, 640_000],
        ['Västerby', 'Västerby', 14_000, 410_000],
        ['Västerby', 'Lillby', 6_000, 150_000],
      ],
    },
  ];
}
