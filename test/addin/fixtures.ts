// The worked example of shared/spec/worked-example.md as sheets (values from A1).
import type { SheetValues } from '../../src/workbook/types';
import { cellOf, WORKED_EXAMPLE } from '../fixtures/worked-example';

export function workedExampleSheets(): SheetValues[] {
  return [
    {
      name: 'Parametrar',
      values: [
        ['Parameter', 'Värde'],
        ['Statlig ram (kr)', WORKED_EXAMPLE.budget],
      ],
    },
    {
      name: 'Förbund',
      values: [
        [
          'Förbund',
          'Statlig tilldelning föregående år (kr)',
          'Eget kapital (kr)',
          'Kommunernas möjliga bidrag (kr)',
          'Ansökan ytterligare medel (kr)',
          'Verksamhetsmånader',
        ],
        ...WORKED_EXAMPLE.federations.map((f) => [
          f.name,
          cellOf(f.previousAllocation),
          cellOf(f.equity),
          cellOf(f.municipalContribution),
          cellOf(f.request),
          cellOf(f.months),
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
