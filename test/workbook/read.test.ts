import Decimal from 'decimal.js';
import { cellsRead, readWorkbook } from '../../src/workbook/read';
import type { ReadResult, SheetValues } from '../../src/workbook/types';
import { formatProblem } from '../../src/workbook/format';
import { cloneSheets, setCell, smallSheets, workedExampleSheets } from './fixtures';

function ok(result: ReadResult) {
  if (!result.ok) throw new Error(`unexpected problems:\n${result.problems.map(formatProblem).join('\n')}`);
  return result;
}

const dec = (d: Decimal | undefined) => d?.toFixed();

describe('readWorkbook: the worked example', () => {
  const { input, layout } = ok(readWorkbook(workedExampleSheets()));

  test('parameters: budget read, every other parameter at its default', () => {
    const p = input.parameters;
    expect(dec(p.budget)).toBe('9000000');
    expect(dec(p.baseAllocation)).toBe('400000');
    expect(dec(p.weightSupportMeasure)).toBe('0.75');
    expect(dec(p.weightPopulation)).toBe('0.25');
    expect(dec(p.maxDecrease)).toBe('0.1');
    expect(dec(p.trappan.limit1)).toBe('7000000');
    expect(dec(p.trappan.limit2)).toBe('15000000');
    expect([p.trappan.rate1, p.trappan.rate2, p.trappan.rate3].map(dec)).toEqual(['0.2', '0.15', '0.1']);
    expect(dec(p.targetedFundsCap)).toBe('500000');
    expect(p.year).toBeUndefined();
  });

  test('federations in row order, blanks left undefined', () => {
    expect(input.federations.map((f) => f.name)).toEqual(['Norrby', 'Söderby', 'Österby', 'Västerby']);
    const [norrby, soderby, osterby, vasterby] = input.federations;
    expect(norrby).toMatchObject({ vo: 'Nord', region: 'Region Norr', months: 12 });
    expect(dec(norrby.previousAllocation)).toBe('2600000');
    expect(dec(norrby.equity)).toBe('400000');
    expect(norrby.municipalContribution).toBeUndefined();
    expect(norrby.request).toBeUndefined();
    expect(dec(soderby.municipalContribution)).toBe('900000');
    expect(dec(osterby.request)).toBe('600000');
    expect(vasterby.previousAllocation).toBeUndefined();
    expect(vasterby.equity).toBeUndefined();
    expect(vasterby.months).toBe(8);
    expect(vasterby.splitMethod).toBeUndefined();
  });

  test('areas with their federation', () => {
    expect(input.areas.map((a) => [a.federation, a.municipality, dec(a.population), dec(a.supportMeasure)])).toEqual([
      ['Norrby', 'Norrby', '38000', '1050000'],
      ['Söderby', 'Söderby', '30000', '980000'],
      ['Söderby', 'Åby', '9000', '260000'],
      ['Österby', 'Österby', '26000', '640000'],
      ['Västerby', 'Västerby', '14000', '410000'],
      ['Västerby', 'Lillby', '6000', '150000'],
    ]);
  });

  test('layout: header rows below the titles, data rows, columns', () => {
    expect(layout.parameterSheet).toMatchObject({
      name: 'Parametrar',
      headerRow: 2,
      valueColumn: 1,
      labelColumn: 0,
      rows: { budget: 3 },
    });
    expect(layout.federationSheet).toMatchObject({
      name: 'Förbund',
      headerRow: 1,
      dataRows: [2, 3, 4, 5],
      lastInputColumn: 7,
      rowCount: 6,
      existingOutputColumns: {},
    });
    expect(layout.federationSheet.columns).toEqual({
      name: 0,
      vo: 1,
      region: 2,
      previousAllocation: 3,
      equity: 4,
      municipalContribution: 5,
      request: 6,
      months: 7,
    });
    expect(layout.municipalitySheet).toMatchObject({ name: 'Kommuner', headerRow: 0, dataRows: [1, 2, 3, 4, 5, 6] });
    expect(layout.existingOutputSheets).toEqual({});
  });
});

describe('readWorkbook: forgiving reading', () => {
  test('header synonyms on Förbund and Kommuner', () => {
    const sheets: SheetValues[] = [
      {
        name: 'Parametrar',
        values: [
          ['Parameter', 'Värde'],
          ['Statlig ram', '5 000 000'],
        ],
      },
      {
        name: 'Förbund',
        values: [
          [
            'Samordningsförbund',
            'Verksamhetsområde',
            'Landsting',
            'Föregående års tilldelning',
            'EK',
            'Totala medel föregående år',
            'Kommunernas matchning',
            'Regionens matchning',
            'Ansökan',
            'Återlämnade medel',
            'Månader',
            'Fördelningsgrund',
          ],
          ['Alfa', 'Syd', 'Skåne', 1000000, 200000, 3000000, 400000, 500000, 0, 10000, 6, 'lika'],
        ],
      },
      {
        name: 'Kommuner',
        values: [
          ['Samordningsförbund', 'Kommun', 'Stadsdel', 'Invånare', 'Försörjningsmått', 'Försörjningsstödstagare'],
          ['Alfa', 'Malmö', 'Norr', 1000, 2000, 30],
        ],
      },
    ];
    const { input } = ok(readWorkbook(sheets));
    const f = input.federations[0];
    expect(f).toMatchObject({ name: 'Alfa', vo: 'Syd', region: 'Skåne', months: 6, splitMethod: 'lika' });
    expect(
      [
        f.previousAllocation,
        f.equity,
        f.previousTotalFunds,
        f.municipalContribution,
        f.regionContribution,
        f.request,
        f.returned,
      ].map(dec),
    ).toEqual(['1000000', '200000', '3000000', '400000', '500000', '0', '10000']);
    expect(input.areas[0]).toMatchObject({ federation: 'Alfa', municipality: 'Malmö', area: 'Norr' });
    expect(dec(input.areas[0].supportRecipients)).toBe('30');

    const other = cloneSheets(sheets);
    other[2].values[0] = ['Förbund', 'Kommun', 'Delområde', 'Befolkning 16-64', 'Försörjningsmått (tkr)'];
    other[2].values[1] = ['Alfa', 'Malmö', 'Syd', 1000, '2,5'];
    const read = ok(readWorkbook(other));
    expect(read.input.areas[0].area).toBe('Syd');
    expect(dec(read.input.areas[0].population)).toBe('1000');
    expect(dec(read.input.areas[0].supportMeasure)).toBe('2500');
  });

  test.each(['Invånare 16-64', 'INVÅNARE  16–64', 'invånare\u00a016\u221264', ' Invånare 16 - 64 '])(
    'headers match with any case, white space runs, NBSP and hyphen/en dash/minus alike: %p',
    (header) => {
      const sheets = smallSheets();
      sheets[2].values[0][3] = header;
      expect(dec(ok(readWorkbook(sheets)).input.areas[0].population)).toBe('10000');
    },
  );

  test('units in headers: (tkr) ×1 000, (mkr) ×1 000 000, (kr) as is, exactly', () => {
    const sheets = smallSheets();
    sheets[1].values[0][1] = 'Statlig tilldelning föregående år (mkr)';
    sheets[1].values[0][2] = 'Eget kapital (tkr)';
    sheets[1].values[1][1] = '2,0000001';
    sheets[1].values[1][2] = '1 234,5';
    sheets[1].values[2][2] = 0.1;
    const { input } = ok(readWorkbook(sheets));
    expect(dec(input.federations[0].previousAllocation)).toBe('2000000.1');
    expect(dec(input.federations[0].equity)).toBe('1234500');
    expect(dec(input.federations[1].equity)).toBe('100');
  });

  test.each<[string, string]>([
    ['(SEK)', '5'],
    ['(kr.)', '5'],
    ['(kronor)', '5'],
    ['(KSEK)', '5000'],
    ['(tkr.)', '5000'],
    ['( tusen kr )', '5000'],
    ['(MSEK)', '5000000'],
  ])('units in headers may also be written (SEK), (kr.), (KSEK), (tkr.), (MSEK), (kronor): %s', (unit, equity) => {
    const sheets = smallSheets();
    sheets[1].values[0][2] = `Eget kapital ${unit}`;
    sheets[1].values[1][2] = 5;
    expect([unit, dec(ok(readWorkbook(sheets)).input.federations[0].equity)]).toEqual([unit, equity]);
  });

  test('a unit written in the cell overrides the column unit', () => {
    const sheets = smallSheets();
    sheets[1].values[0][2] = 'Eget kapital (tkr)';
    sheets[1].values[1][2] = '1 234 567 kr';
    sheets[1].values[2][2] = '2 mkr';
    const { input } = ok(readWorkbook(sheets));
    expect(dec(input.federations[0].equity)).toBe('1234567');
    expect(dec(input.federations[1].equity)).toBe('2000000');
  });

  test('parameter labels carry units too: Statlig ram (mkr)', () => {
    const sheets = smallSheets();
    sheets[0].values[1] = ['Statlig ram (mkr)', '339'];
    expect(dec(ok(readWorkbook(sheets)).input.parameters.budget)).toBe('339000000');
  });

  test('Swedish numbers as text, with NBSP and thin spaces', () => {
    const sheets = smallSheets();
    sheets[1].values[1][1] = '2\u00a0000\u00a0000';
    sheets[1].values[1][2] = '300\u202f000 kr';
    sheets[1].values[2][1] = '1 500 000,00';
    sheets[2].values[1][3] = '10\u2009000';
    sheets[2].values[1][4] = '300000,5';
    const { input } = ok(readWorkbook(sheets));
    expect(dec(input.federations[0].previousAllocation)).toBe('2000000');
    expect(dec(input.federations[0].equity)).toBe('300000');
    expect(dec(input.federations[1].previousAllocation)).toBe('1500000');
    expect(dec(input.areas[0].population)).toBe('10000');
    expect(dec(input.areas[0].supportMeasure)).toBe('300000.5');
  });

  test.each<[string | number, string | number]>([
    ['75 %', '25 %'],
    ['0,75', '0,25'],
    [75, 25],
    [0.75, 0.25],
    ['75', '0.25'],
  ])('shares: 75 %%, 0,75 and 75 are the same (%p, %p)', (wfm, wpop) => {
    const sheets = smallSheets();
    sheets[0].values.push(['Vikt försörjningsmått', wfm], ['Vikt invånare 16-64', wpop], ['Maximal minskning', '12,5 %']);
    const p = ok(readWorkbook(sheets)).input.parameters;
    expect([dec(p.weightSupportMeasure), dec(p.weightPopulation), dec(p.maxDecrease)]).toEqual(['0.75', '0.25', '0.125']);
  });

  test('every parameter can be set', () => {
    const sheets = smallSheets();
    sheets[0].values.push(
      ['År', 2026],
      ['Grundtilldelning (kr)', '300 000'],
      ['Vikt försörjningsmått', '60 %'],
      ['Vikt invånare 16–64', '40 %'],
      ['Maximal minskning', '5 %'],
      ['Trappan gräns 1 (kr)', 6000000],
      ['Trappan gräns 2 (kr)', 14000000],
      ['Trappan andel 1', '25 %'],
      ['Trappan andel 2', '20 %'],
      ['Trappan andel 3', '5 %'],
      ['Tak riktade medel (kr)', 450000],
    );
    const p = ok(readWorkbook(sheets)).input.parameters;
    expect(p.year).toBe(2026);
    expect(
      [
        p.baseAllocation,
        p.weightSupportMeasure,
        p.weightPopulation,
        p.maxDecrease,
        p.trappan.limit1,
        p.trappan.limit2,
        p.trappan.rate1,
        p.trappan.rate2,
        p.trappan.rate3,
        p.targetedFundsCap,
      ].map(dec),
    ).toEqual(['300000', '0.6', '0.4', '0.05', '6000000', '14000000', '0.25', '0.2', '0.05', '450000']);
  });

  test('formula results with binary noise read as Excel shows them (15 significant digits)', () => {
    // =8,2*10^6, =1/3, =2/3 and =0,1*3 as Range.values gives them: 8199999.999999999, 0.333…3, 0.666…6, 0.30000000000000004
    const sheets = workedExampleSheets();
    sheets[0].values[3][1] = 8.2 * 10 ** 6;
    sheets[0].values.push(['Vikt försörjningsmått', 2 / 3], ['Vikt invånare 16–64', 1 / 3], ['Maximal minskning', 0.1 * 3]);
    sheets[1].values[2][4] = 0.1 * 3 * 1_000_000 + 100_000; // 400 000,00000000006
    const { input } = ok(readWorkbook(sheets));
    expect(dec(input.parameters.budget)).toBe('8200000');
    expect(dec(input.parameters.weightSupportMeasure)).toBe('0.666666666666667');
    expect(dec(input.parameters.weightSupportMeasure.plus(input.parameters.weightPopulation))).toBe('1');
    expect(dec(input.parameters.maxDecrease)).toBe('0.3');
    expect(dec(input.federations[0].equity)).toBe('400000');
  });

  test('title rows above the header, blank rows and unknown columns are ignored; columns in any order', () => {
    const sheets: SheetValues[] = [
      {
        name: 'Parametrar',
        values: [
          ['Omgång 2026'],
          ['Anteckning', 'något'],
          ['Parameter', 'Värde', 'Kommentar'],
          [],
          ['Statlig ram (kr)', 5000000, 'från regleringsbrevet'],
        ],
      },
      {
        name: 'Förbund',
        values: [
          ['Förbund 2026'],
          ['Skickat av VO Syd'],
          [],
          [
            'Kommentar',
            'Verksamhetsmånader',
            'Eget kapital (kr)',
            'Kontaktperson',
            'Förbund',
            'Statlig tilldelning föregående år (kr)',
          ],
          ['ok', 12, 300000, 'Anna', 'Alfa', 2000000],
          [],
          ['', '', '', '', '', ''],
          ['', 12, 200000, 'Bo', 'Beta', 1500000],
          [null, null, null, null, null, null],
        ],
      },
      {
        name: 'Kommuner',
        values: [
          ['Försörjningsmått', 'Extra', 'Invånare 16–64', 'Kommun', 'Förbund'],
          [300000, 'x', 10000, 'Aby', 'Alfa'],
          ['', '', '', '', ''],
          [100000, 'y', 5000, 'Bby', 'Alfa'],
          [200000, '', 8000, 'Cby', 'Beta'],
        ],
      },
    ];
    const { input, layout } = ok(readWorkbook(sheets));
    expect(input.federations.map((f) => [f.name, dec(f.previousAllocation), dec(f.equity), f.months])).toEqual([
      ['Alfa', '2000000', '300000', 12],
      ['Beta', '1500000', '200000', 12],
    ]);
    expect(input.areas.map((a) => a.municipality)).toEqual(['Aby', 'Bby', 'Cby']);
    expect(layout.federationSheet.headerRow).toBe(3);
    expect(layout.federationSheet.dataRows).toEqual([4, 7]);
    expect(layout.federationSheet.lastInputColumn).toBe(5);
    expect(layout.federationSheet.rowCount).toBe(9);
    expect(layout.municipalitySheet.dataRows).toEqual([1, 3, 4]);
    expect(layout.parameterSheet).toMatchObject({ headerRow: 2, rows: { budget: 4 } });
  });

  test('a row with text only in an unknown column is ignored', () => {
    const sheets = smallSheets();
    sheets[1].values[0].push('Kommentar');
    sheets[1].values.push(['', '', '', '', '', '', '', 'Summa enligt VO']);
    expect(ok(readWorkbook(sheets)).input.federations).toHaveLength(2);
  });

  test('sheet names match case-insensitively and with white space folded', () => {
    const sheets = smallSheets();
    sheets[0].name = 'PARAMETRAR';
    sheets[1].name = 'förbund';
    sheets[2].name = ' Kommuner ';
    const { layout } = ok(readWorkbook(sheets));
    expect(layout.federationSheet.name).toBe('förbund');
    expect(layout.municipalitySheet.name).toBe(' Kommuner ');
    expect(layout.parameterSheet.name).toBe('PARAMETRAR');
  });

  test.each<[string, string | undefined]>([
    ['Lika', 'lika'],
    ['LIKA', 'lika'],
    ['invånare', 'invanare'],
    ['Invanare', 'invanare'],
    ['Försörjningsstöd', 'forsorjningsstod'],
    ['forsorjningsstod', 'forsorjningsstod'],
    [' FÖRSÖRJNINGSSTÖD ', 'forsorjningsstod'],
    ['', undefined],
  ])('Fördelning mellan kommuner: any case, with or without diacritics; blank = default (%p)', (text, method) => {
    const sheets = smallSheets();
    sheets[1].values[1][6] = text;
    expect(ok(readWorkbook(sheets)).input.federations[0].splitMethod).toBe(method);
  });

  test('months as text, and federation names matched across sheets ignoring case and spacing', () => {
    const sheets = smallSheets();
    sheets[1].values[1][5] = ' 8 ';
    sheets[2].values[1][0] = 'ALFA';
    sheets[2].values[2][0] = ' alfa  ';
    const { input } = ok(readWorkbook(sheets));
    expect(input.federations[0].months).toBe(8);
    expect(input.areas.slice(0, 2).map((a) => a.federation)).toEqual(['Alfa', 'Alfa']);
  });

  test('the same municipality in two federations is fine with different Område', () => {
    const sheets = smallSheets();
    sheets[2].values.push(['Beta', 'Aby', 'Norr', 100, 100, 1]);
    sheets[2].values[1][2] = 'Syd';
    expect(ok(readWorkbook(sheets)).input.areas).toHaveLength(4);
  });

  test('output columns of an earlier run are never read as input', () => {
    const sheets = smallSheets();
    // "Kommunernas andel (kr)" must not be taken for "Kommunernas möjliga bidrag"
    sheets[1].values[0].push('Idealfördelning (kr)', 'Kommunernas andel (kr)', 'Regionens andel (kr)', 'Varningar');
    sheets[1].values[1].push(123, 456, 789, 'NY: x');
    sheets[1].values[2].push(1, 2, 3, '');
    // a stale output row below the data, with no input: ignored
    sheets[1].values.push(['', '', '', '', '', '', '', 9, 9, 9, 'gammal']);
    const { input, layout } = ok(readWorkbook(sheets));
    expect(input.federations).toHaveLength(2);
    expect(input.federations[0].municipalContribution).toBeUndefined();
    expect(input.federations[0].regionContribution).toBeUndefined();
    expect(layout.federationSheet.existingOutputColumns).toEqual({
      'Idealfördelning (kr)': 7,
      'Kommunernas andel (kr)': 8,
      'Regionens andel (kr)': 9,
      Varningar: 10,
    });
    expect(layout.federationSheet.lastInputColumn).toBe(6);
    expect(layout.federationSheet.rowCount).toBe(4);
  });

  test('output sheets are found but never read', () => {
    const sheets = smallSheets();
    sheets.push({ name: 'kommunbidrag', values: [['skräp', 'ca 2 milj']] }, { name: 'Körlogg', values: [['Förbund'], ['x']] });
    const { layout } = ok(readWorkbook(sheets));
    expect(layout.existingOutputSheets).toEqual({ Kommunbidrag: 'kommunbidrag', Körlogg: 'Körlogg' });
  });

  test('a headerless note to the right of the data counts as an input column', () => {
    const sheets = smallSheets();
    setCell(sheets, 'Förbund', 2, 9, 'notering utan rubrik');
    expect(ok(readWorkbook(sheets)).layout.federationSheet.lastInputColumn).toBe(9);
  });

  test('a title that is just "Förbund" (or "Parameter") above the real header row is skipped', () => {
    const sheets = smallSheets();
    sheets[1].values = [['Förbund'], ['Omgång 2026'], ...sheets[1].values];
    sheets[2].values = [['Förbund'], ...sheets[2].values];
    sheets[0].values = [['Parameter'], ...sheets[0].values];
    const { layout, input } = ok(readWorkbook(sheets));
    expect(layout.federationSheet.headerRow).toBe(2);
    expect(layout.municipalitySheet.headerRow).toBe(1);
    expect(layout.parameterSheet.headerRow).toBe(1);
    expect(input.federations.map((f) => f.name)).toEqual(['Alfa', 'Beta']);
  });

  test('a sheet with only the Förbund column still has its header row', () => {
    const sheets = smallSheets();
    sheets[1].values = [['Titel'], ['Förbund'], ['Alfa'], ['Beta']];
    const { layout } = ok(readWorkbook(sheets));
    expect(layout.federationSheet.headerRow).toBe(1);
  });

  test('a header row at row 10 is found; ragged rows and null cells are fine', () => {
    const sheets = smallSheets();
    const titles = Array.from({ length: 9 }, (_, i) => [`Titel ${i + 1}`]);
    sheets[2].values = [...titles, ...sheets[2].values];
    sheets[2].values.push(['Beta', 'Dby', null, 10, 10]);
    const { layout, input } = ok(readWorkbook(sheets));
    expect(layout.municipalitySheet.headerRow).toBe(9);
    expect(input.areas).toHaveLength(4);
    expect(input.areas[3].supportRecipients).toBeUndefined();
  });
});

describe('where new output columns go: merged ranges and occupied cells (host hints)', () => {
  const last = (sheets: SheetValues[]): number => ok(readWorkbook(sheets)).layout.federationSheet.lastInputColumn;

  test('a merged range that reaches into the header row or a federation row pushes the output to its right', () => {
    // smallSheets: inputs A–G (0–6), header row 0, federations on rows 1 and 2
    expect(last(smallSheets())).toBe(6);
    const header = smallSheets();
    setCell(header, 'Förbund', 0, 7, 'Kommentar');
    header[1].merges = [{ row: 0, column: 7, rowCount: 1, columnCount: 3 }]; // H1:J1
    expect(last(header)).toBe(9);
    const dataRow = smallSheets();
    setCell(dataRow, 'Förbund', 2, 6, 'Lika');
    dataRow[1].merges = [{ row: 2, column: 6, rowCount: 1, columnCount: 4 }]; // G3:J3, from an input column
    expect(last(dataRow)).toBe(9);
    const tall = smallSheets();
    tall[1].merges = [{ row: 2, column: 8, rowCount: 3, columnCount: 2 }]; // I3:J5 reaches into the federation row 3
    expect(last(tall)).toBe(9);
  });

  test('a merged range only below the federations does not move the output (nothing is written there)', () => {
    const footnote = smallSheets();
    setCell(footnote, 'Förbund', 5, 7, 'Källa: årsredovisningar 2025');
    footnote[1].merges = [{ row: 5, column: 7, rowCount: 1, columnCount: 10 }]; // H6:Q6: column H is in use, not I–Q
    expect(last(footnote)).toBe(7);
    const beyond = smallSheets();
    setCell(beyond, 'Förbund', 5, 12, 'Godkänt av: ____');
    beyond[1].merges = [{ row: 5, column: 12, rowCount: 1, columnCount: 4 }]; // M6:P6: its text is in use
    expect(last(beyond)).toBe(12);
  });

  test('a merged range that starts in an output column of an earlier run does not move anything', () => {
    const sheets = smallSheets();
    sheets[1].values[0].push('Idealfördelning (kr)', 'Efter spärr (kr)');
    sheets[1].merges = [{ row: 1, column: 7, rowCount: 1, columnCount: 2 }];
    // The output stays in H and I (it is not moved to the right of the merge): the reader reports the
    // merge there, with the input's problems (issue 15, item 11), instead of giving a layout
    const read = readWorkbook(sheets);
    expect(read.ok ? [] : read.problems.map((p) => p.address)).toEqual(['Förbund!H2', 'Förbund!I2']);
    delete sheets[1].merges;
    expect(last(sheets)).toBe(6);
  });

  test('an occupied cell (a formula that reads as empty) counts as in use from the header row down', () => {
    const sheets = smallSheets();
    sheets[1].occupied = [{ row: 2, column: 10 }];
    expect(last(sheets)).toBe(10);
    const above = smallSheets();
    setCell(above, 'Förbund', 0, 0, 'Förbund');
    above[1].values.unshift(['Titel']);
    above[1].occupied = [{ row: 0, column: 12 }]; // a title row formula: not in use
    expect(last(above)).toBe(6);
  });
});

describe('cellsRead: the cells a run reads', () => {
  test('header rows, input columns below them and the parameter cells; not titles, notes, unknown or output columns', () => {
    const sheets = workedExampleSheets(); // titles above each header, Förbund header on row 1
    setCell(sheets, 'Förbund', 1, 8, 'Anteckning');
    setCell(sheets, 'Förbund', 1, 9, 'Slutlig tilldelning (kr)');
    setCell(sheets, 'Parametrar', 2, 2, 'Förklaring');
    sheets.push({ name: 'Anteckningar', values: [['x']] });
    const reads = cellsRead(sheets);
    // Parametrar: header row 2, Parameter (A) and Värde (B) below it
    expect([
      reads('Parametrar', 2, 2),
      reads('Parametrar', 3, 0),
      reads('Parametrar', 3, 1),
      reads('Parametrar', 3, 2),
      reads('Parametrar', 0, 0),
    ]).toEqual([true, true, true, false, false]);
    // Förbund: the title row is not read; the header row is; input columns A–H below it are, Anteckning and output are not
    expect([
      reads('Förbund', 0, 0),
      reads('Förbund', 1, 8),
      reads('Förbund', 2, 0),
      reads('Förbund', 5, 7),
      reads('Förbund', 2, 8),
      reads('Förbund', 2, 9),
    ]).toEqual([false, true, true, true, false, false]);
    // Kommuner: header row 0
    expect([reads('Kommuner', 0, 5), reads('Kommuner', 3, 0), reads('Kommuner', 3, 3), reads('Kommuner', 3, 4)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(reads('Anteckningar', 0, 0)).toBe(false);
  });

  test('a sheet without a header row: its first ten rows are read (the header is looked for there)', () => {
    const sheets = smallSheets();
    sheets[1].values[0][0] = 'Namn';
    const reads = cellsRead(sheets);
    expect([reads('Förbund', 0, 3), reads('Förbund', 9, 20), reads('Förbund', 10, 0)]).toEqual([true, true, false]);
  });
});
