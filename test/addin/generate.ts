// Synthetic federation workbooks as SheetValues (Range.values shape), for adapter tests and the benchmark.
import type { CellValue, SheetValues } from '../../src/workbook/types';
import { seededRandom as prng } from '../../src/workbook/random';

export const FEDERATION_HEADERS = [
  'Förbund',
  'VO',
  'Region',
  'Statlig tilldelning föregående år (kr)',
  'Eget kapital (kr)',
  'Kommunernas möjliga bidrag (kr)',
  'Ansökan ytterligare medel (kr)',
  'Verksamhetsmånader',
];
export const AREA_HEADERS = ['Förbund', 'Kommun', 'Invånare 16–64', 'Försörjningsmått'];

/**
 * A round with `federations` federations and about two areas each (1–3), a title row above each
 * header (so the header is on row 2), whole-krona amounts; some federations are new, capped by
 * matching, applying for more, or running part of the year.
 */
export function syntheticSheets(federations: number, seed = 7): SheetValues[] {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const perFederation = 4_200_000;
  const budget = federations * perFederation;
  const fedRows: CellValue[][] = [['Förbund – syntetiskt exempel'], FEDERATION_HEADERS];
  const areaRows: CellValue[][] = [['Kommuner – syntetiskt exempel'], AREA_HEADERS];
  let municipality = 0;
  for (let i = 0; i < federations; i++) {
    const name = `Förbund ${String(i + 1).padStart(4, '0')}`;
    const isNew = rand() < 0.05;
    fedRows.push([
      name,
      ['Syd', 'Väst', 'Mitt', 'Stockholm', 'Nord'][i % 5],
      `Region ${1 + (i % 21)}`,
      isNew ? '' : Math.round(perFederation * (0.6 + rand() * 0.8)),
      rand() < 0.9 ? Math.round(perFederation * rand() * 0.8) : '',
      rand() < 0.1 ? Math.round(perFederation * (0.2 + rand() * 0.3)) : '',
      rand() < 0.2 ? int(50, 600) * 1000 : '',
      rand() < 0.04 ? int(3, 11) : '',
    ]);
    const areas = i % 3 === 0 ? 1 : i % 3 === 1 ? 2 : 3;
    for (let a = 0; a < areas; a++) {
      municipality++;
      areaRows.push([name, `Kommun ${municipality}`, int(2_000, 60_000), int(50_000, 2_000_000)]);
    }
  }
  return [
    { name: 'Parametrar', values: [['Parametrar'], ['Parameter', 'Värde'], ['År', 2025], ['Statlig ram (kr)', budget]] },
    { name: 'Förbund', values: fedRows },
    { name: 'Kommuner', values: areaRows },
  ];
}
