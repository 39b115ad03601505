// The exceljs adapter on its own: what a cell reads as, how a WritePlan is applied, what is kept.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  applyWritePlan,
  cellToValue,
  dataValidations,
  dateToSerial,
  HIGHLIGHT_ARGB,
  lostFeatures,
  numberFormatEscapesKept,
  readSheets,
  validationRange,
  writeSheetOutputs,
  zipEntryNames,
  type UncachedFormula,
} from '../../src/cli/xlsx';
import { MONEY_FORMAT, type WritePlan } from '../../src/workbook/types';

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await workbook.xlsx.writeBuffer();
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(buffer as ArrayBuffer);
  return again;
}

const highlighted = (cell: ExcelJS.Cell): boolean => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === HIGHLIGHT_ARGB;

function emptyPlan(overrides: Partial<WritePlan>): WritePlan {
  return {
    clear: [],
    blocks: [],
    sheets: [],
    highlight: { sheet: 'Förbund', rows: [], firstColumn: 0, lastColumn: 0 },
    summary: { scenario: '', budget: 0, totalFinal: 0, undistributed: 0, appliedMaxDecrease: 0, federationCount: 0, municipalityCount: 0, warningCounts: {}, lines: [] },
    ...overrides,
  };
}

describe('dateToSerial', () => {
  test('gives Excel serial day numbers in both date systems', () => {
    expect(dateToSerial(new Date(Date.UTC(2020, 0, 1)))).toBe(43_831);
    expect(dateToSerial(new Date(Date.UTC(2020, 0, 1)), true)).toBe(43_831 - 1_462);
    expect(dateToSerial(new Date(Date.UTC(2027, 0, 15, 12, 0, 0)))).toBe(46_402.5);
  });
});

describe('readSheets', () => {
  test('reads every kind of cell as Range.values would give it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Blad');
    sheet.getCell('A1').value = 1_234_567;
    sheet.getCell('B1').value = '1 234 567 kr';
    sheet.getCell('C1').value = true;
    sheet.getCell('D1').value = { formula: 'A1*2', result: 2_469_134 };
    sheet.getCell('E1').value = { richText: [{ text: 'Söder', font: { bold: true } }, { text: 'by' }] };
    sheet.getCell('F1').value = { text: 'Länk', hyperlink: 'https://example.org' };
    sheet.getCell('G1').value = new Date(Date.UTC(2020, 0, 1));
    sheet.getCell('H1').value = { error: '#N/A' };
    sheet.getCell('I1').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    sheet.getCell('A3').value = 'sammanslagen';
    sheet.mergeCells('A3:C3');
    sheet.getCell('E4').style = { font: { bold: true } }; // style only: not a value, does not widen the array
    const [read] = readSheets(await roundTrip(workbook));
    expect(read.name).toBe('Blad');
    expect(read.values).toEqual([
      [1_234_567, '1 234 567 kr', true, 2_469_134, 'Söderby', 'Länk', 43_831, '#N/A', '#DIV/0!'],
      ['', '', '', '', '', '', '', '', ''],
      ['sammanslagen', '', '', '', '', '', '', '', ''],
    ]);
  });

  test('a formula without a cached result reads as empty and is reported with its address', () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Förbund');
    sheet.getCell('B2').value = { formula: 'SUM(A1:A3)' } as ExcelJS.CellFormulaValue;
    sheet.getCell('A1').value = 'Förbund';
    const uncached: UncachedFormula[] = [];
    const [read] = readSheets(workbook, { uncachedFormulas: uncached });
    expect(read.values).toEqual([['Förbund']]);
    expect(uncached).toEqual([{ sheet: 'Förbund', row: 2, column: 2, address: 'Förbund!B2', formula: 'SUM(A1:A3)' }]);
  });

  test('sheets come in tab order, empty sheets as []', () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Tom');
    workbook.addWorksheet('Mitt blad').getCell('B2').value = 5;
    expect(readSheets(workbook)).toEqual([
      { name: 'Tom', values: [] },
      { name: 'Mitt blad', values: [['', ''], ['', 5]] },
    ]);
  });

  test('date cells in a 1904 workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    workbook.addWorksheet('D').getCell('A1').value = new Date(Date.UTC(2020, 0, 1));
    const cell = (await roundTrip(workbook)).getWorksheet('D')!.getCell('A1');
    expect(cellToValue(cell, true)).toBe(43_831 - 1_462);
  });
});

describe('applyWritePlan', () => {
  async function inputWorkbook(): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Förbund');
    sheet.getCell('A1').value = 'Förbund';
    sheet.getCell('B1').value = 'Eget kapital (kr)';
    sheet.getCell('A2').value = 'Norrby';
    sheet.getCell('B2').value = 400_000;
    sheet.getCell('A3').value = 'Söderby';
    sheet.getCell('B3').value = 900_000;
    // The same style on an input cell and on cells the plan writes: exceljs shares one style
    // object between them after loading, so a careless numFmt assignment would restyle B2.
    for (const address of ['B2', 'B3', 'C2', 'C3', 'E2']) sheet.getCell(address).style = { font: { italic: true } };
    sheet.getCell('E1').value = 'Anteckning';
    sheet.getCell('E2').value = 'input';
    workbook.addWorksheet('Kommunbidrag').getCell('A1').value = 'gammalt';
    workbook.addWorksheet('Annat').getCell('A1').value = { formula: '1+1', result: 2 };
    return roundTrip(workbook);
  }

  test('writes blocks with formats and a bold header, never restyling input cells', async () => {
    const workbook = await inputWorkbook();
    const sheet = workbook.getWorksheet('Förbund')!;
    const styleB2 = JSON.stringify(sheet.getCell('B2').style);
    expect(sheet.getCell('B2').style).toBe(sheet.getCell('C2').style); // shared, as loaded
    applyWritePlan(
      workbook,
      emptyPlan({
        blocks: [{ sheet: 'Förbund', row: 0, column: 2, values: [['Slutlig tilldelning (kr)', 'Varningar'], [2_641_316, ''], [1_800_000, 'MATCHNING: x']], numberFormats: [[null, null], [MONEY_FORMAT, null], [MONEY_FORMAT, null]], boldFirstRow: true }],
        highlight: { sheet: 'Förbund', rows: [2], firstColumn: 2, lastColumn: 4 },
      }),
    );
    const after = await roundTrip(workbook);
    const out = after.getWorksheet('Förbund')!;
    expect(JSON.stringify(out.getCell('B2').style)).toBe(styleB2);
    expect(out.getCell('B2').numFmt).toBeUndefined();
    expect(out.getCell('C2').value).toBe(2_641_316);
    expect(out.getCell('C2').numFmt).toBe(MONEY_FORMAT);
    expect(out.getCell('C2').font?.italic).toBe(true); // the output cell keeps its own look
    expect(out.getCell('C1').font?.bold).toBe(true);
    expect(out.getCell('A1').font?.bold).toBeUndefined();
    // Highlight: the warning row's output cells only; column E is in the span but not written: untouched
    expect((out.getCell('C3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(HIGHLIGHT_ARGB);
    expect((out.getCell('D3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(HIGHLIGHT_ARGB);
    expect(highlighted(out.getCell('C2'))).toBe(false);
    expect(highlighted(out.getCell('E3'))).toBe(false);
    expect(out.getCell('E2').value).toBe('input');
    // An output column without a width gets one; input columns keep theirs (none)
    expect(out.getColumn(3).width).toBeGreaterThanOrEqual(10);
    expect(out.getColumn(1).width).toBeUndefined();
  });

  test("'' clears a cell, null leaves it; clear ranges drop values and formats; a stale highlight goes", async () => {
    const workbook = await inputWorkbook();
    const sheet = workbook.getWorksheet('Förbund')!;
    sheet.getCell('C2').value = 'gammalt';
    sheet.getCell('C3').value = 'behålls';
    sheet.getCell('D2').value = 'rensas';
    sheet.getCell('D2').style = { numFmt: '0.00', fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HIGHLIGHT_ARGB } } };
    sheet.getCell('C2').style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HIGHLIGHT_ARGB } } };
    applyWritePlan(
      workbook,
      emptyPlan({
        clear: [{ sheet: 'Förbund', row: 1, column: 3, rowCount: 1, columnCount: 1 }],
        blocks: [{ sheet: 'Förbund', row: 1, column: 2, values: [[''], [null]] }],
      }),
    );
    const out = (await roundTrip(workbook)).getWorksheet('Förbund')!;
    expect(out.getCell('C2').value).toBeNull();
    expect(highlighted(out.getCell('C2'))).toBe(false);
    expect(out.getCell('C3').value).toBe('behålls');
    expect(out.getCell('D2').value).toBeNull();
    expect(out.getCell('D2').numFmt).toBeUndefined();
    expect(out.getCell('B2').value).toBe(400_000);
  });

  test('replaces an output sheet in place and appends a new one; other sheets untouched', async () => {
    const workbook = await inputWorkbook();
    applyWritePlan(
      workbook,
      emptyPlan({
        sheets: [
          { name: 'kommunbidrag', values: [['Förbund', 'Bidrag (kr)'], ['Norrby', 1_320_658]], numberFormats: [[null, null], [null, MONEY_FORMAT]], boldRows: [0], columnWidths: [30, 16], headerRow: 0 },
          { name: 'Körlogg', values: [['Uppgift', 'Värde'], ['Tidpunkt', '2027-01-01T00:00:00']], boldRows: [0], headerRow: 0 },
        ],
      }),
    );
    const out = await roundTrip(workbook);
    expect(out.worksheets.map((ws) => ws.name)).toEqual(['Förbund', 'Kommunbidrag', 'Annat', 'Körlogg']);
    const contributions = out.getWorksheet('Kommunbidrag')!;
    expect(contributions.getCell('A1').value).toBe('Förbund');
    expect(contributions.getCell('A1').font?.bold).toBe(true);
    expect(contributions.getCell('B2').numFmt).toBe(MONEY_FORMAT);
    expect(contributions.getColumn(1).width).toBe(30);
    expect(contributions.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(contributions.getCell('A3').value).toBeNull();
    expect(out.getWorksheet('Annat')!.getCell('A1').value).toEqual({ formula: '1+1', result: 2 });
  });
});

describe('writeSheetOutputs and validations', () => {
  test('whole-column validations start below the header and reach row 2000', () => {
    expect(validationRange('D:D', 2)).toBe('D4:D2000');
    expect(validationRange('$L$4:$L', 0)).toBe('L4:L2000');
    expect(validationRange('B5')).toBe('B5');
    expect(validationRange('c4:c1000')).toBe('C4:C1000');
  });

  test('validations are written and read back', async () => {
    const workbook = new ExcelJS.Workbook();
    writeSheetOutputs(workbook, [
      {
        name: 'Förbund',
        values: [['Titel'], [''], ['Förbund', 'Månader', 'Fördelning']],
        headerRow: 2,
        validations: [
          { range: 'B:B', type: 'wholeNumber', min: 1, max: 12, prompt: '1–12' },
          { range: 'C:C', type: 'list', values: ['Lika', 'Invånare'] },
          { range: 'D5', type: 'decimal', min: 0, max: 1 },
        ],
      },
    ]);
    const model = dataValidations((await roundTrip(workbook)).getWorksheet('Förbund')!).model;
    expect(model.B4).toMatchObject({ type: 'whole', operator: 'between', formulae: [1, 12], prompt: '1–12', allowBlank: true });
    expect(model.B2000).toMatchObject({ type: 'whole' });
    expect(model.B3).toBeUndefined();
    expect(model.C4).toMatchObject({ type: 'list', formulae: ['"Lika,Invånare"'] });
    expect(model.D5).toMatchObject({ type: 'decimal', formulae: [0, 1] });
  });
});

describe('what exceljs keeps through a run', () => {
  test('notes, conditional formatting, autofilter, images, hidden sheets, protection, print setup, names', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Förbund', { properties: { tabColor: { argb: 'FFFF0000' } } });
    sheet.getCell('A1').value = 'Förbund';
    sheet.getCell('A2').value = 'Norrby';
    sheet.getCell('A2').note = 'Kontrollerad av VO';
    sheet.addConditionalFormatting({
      ref: 'B2:B10',
      rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: [3], priority: 1, style: { font: { bold: true } } }],
    });
    sheet.autoFilter = 'A1:B1';
    sheet.getRow(2).height = 30;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    sheet.addImage(workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'E3:F5');
    sheet.pageSetup.orientation = 'landscape';
    sheet.pageSetup.printArea = 'A1:D10';
    await sheet.protect('', { selectLockedCells: true, formatColumns: true });
    workbook.addWorksheet('Dold', { state: 'hidden' }).getCell('A1').value = 'x';
    workbook.definedNames.add('Förbund!$A$2', 'Forsta');
    const loaded = await roundTrip(workbook);
    const names = JSON.parse(JSON.stringify(loaded.definedNames.model)) as unknown;
    applyWritePlan(loaded, emptyPlan({ blocks: [{ sheet: 'Förbund', row: 0, column: 2, values: [['Slutlig tilldelning (kr)'], [1]] }] }));
    const out = await roundTrip(loaded);
    const after = out.getWorksheet('Förbund')!;
    expect(after.getCell('A2').note).toBe('Kontrollerad av VO');
    const conditional = (after as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    expect(conditional).toHaveLength(1);
    expect(conditional[0].ref).toBe('B2:B10');
    expect(after.autoFilter).toBe('A1:B1');
    expect(after.getRow(2).height).toBe(30);
    expect(after.getImages()).toHaveLength(1);
    expect(after.pageSetup).toMatchObject({ orientation: 'landscape', printArea: 'A1:D10' });
    expect((after as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(after.properties.tabColor).toEqual({ argb: 'FFFF0000' });
    expect(out.getWorksheet('Dold')!.state).toBe('hidden');
    expect(out.definedNames.model).toEqual(names);
    expect(out.definedNames.model).toEqual([{ name: 'Forsta', ranges: [expect.stringMatching(/^'?Förbund'?!\$A\$2$/)] }]);
    expect(after.getCell('C2').value).toBe(1);
  });
});

describe('what exceljs would lose', () => {
  test('number format escapes are kept on read (patched)', async () => {
    expect(numberFormatEscapesKept).toBe(true);
    const workbook = new ExcelJS.Workbook();
    const cell = workbook.addWorksheet('A').getCell('A1');
    cell.value = 0.5;
    cell.numFmt = '0.0\\%';
    expect((await roundTrip(workbook)).getWorksheet('A')!.getCell('A1').numFmt).toBe('0.0\\%');
  });

  test('charts, pivot tables, macros, slicers and external links are detected from the zip directory', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('A').getCell('A1').value = 1;
    const plain = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(zipEntryNames(plain)).toContain('xl/workbook.xml');
    expect(lostFeatures(plain)).toEqual([]);
    const zip = await JSZip.loadAsync(plain);
    zip.file('xl/charts/chart1.xml', '<c/>');
    zip.file('xl/charts/chart2.xml', '<c/>');
    zip.file('xl/drawings/drawing1.xml', '<d/>');
    zip.file('xl/pivotTables/pivotTable1.xml', '<p/>');
    zip.file('xl/vbaProject.bin', 'x');
    zip.file('xl/externalLinks/externalLink1.xml', '<e/>');
    zip.file('xl/threadedComments/threadedComment1.xml', '<t/>');
    const rich = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
    expect(lostFeatures(rich)).toEqual([
      '2 diagram följer inte med i utfilen (stöds inte av exceljs)',
      '1 pivottabell följer inte med i utfilen (stöds inte av exceljs)',
      'makron (VBA) följer inte med i utfilen (stöds inte av exceljs)',
      '1 extern länk följer inte med i utfilen (stöds inte av exceljs)',
      'trådade kommentarer (de blir vanliga anteckningar) följer inte med i utfilen (stöds inte av exceljs)',
    ]);
    expect(zipEntryNames(new Uint8Array([1, 2, 3]))).toEqual([]);
  });
});
