// The exceljs adapter on its own: what a cell reads as, how a WritePlan is applied, what is kept.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  applyWritePlan,
  cellToValue,
  dataValidations,
  dateToSerial,
  dropUnreadConditionalFormats,
  extensionFeatures,
  formulaStringResultsKept,
  giveTablesStyleInfo,
  HIGHLIGHT_ARGB,
  lostFeatures,
  numberFormatEscapesKept,
  prepareRecalculation,
  readSheets,
  tablesKeptAsStored,
  validationRange,
  writeConflicts,
  writeSheetOutputs,
  zipEntryNames,
  type UncachedFormula,
} from '../../src/cli/xlsx';
import { HIGHLIGHT_COLOR, LEGACY_MONEY_FORMATS, MONEY_FORMAT, type WritePlan } from '../../src/workbook/types';
import { withCells } from '../../src/workbook/template';

/** A workbook whose parts are edited as text before it is read (for XML that exceljs never writes itself). */
async function loadEdited(
  workbook: ExcelJS.Workbook,
  edit: Record<string, (xml: string) => string>,
): Promise<{ buffer: Uint8Array; workbook: ExcelJS.Workbook }> {
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  for (const [part, change] of Object.entries(edit)) {
    const xml = await zip.file(part)!.async('string');
    const changed = change(xml);
    expect(changed).not.toBe(xml);
    zip.file(part, changed);
  }
  const buffer = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load(buffer.buffer as ArrayBuffer);
  return { buffer, workbook: loaded };
}

async function partText(workbook: ExcelJS.Workbook, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  return zip.file(part)!.async('string');
}

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await workbook.xlsx.writeBuffer();
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(buffer as ArrayBuffer);
  return again;
}

const highlighted = (cell: ExcelJS.Cell): boolean =>
  (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === HIGHLIGHT_ARGB;

function emptyPlan(overrides: Partial<WritePlan>): WritePlan {
  return {
    clear: [],
    blocks: [],
    sheets: [],
    highlight: { sheet: 'Förbund', rows: [], firstColumn: 0, lastColumn: 0, color: HIGHLIGHT_COLOR },
    summary: {
      scenario: '',
      budget: 0,
      totalFinal: 0,
      undistributed: 0,
      appliedMaxDecrease: 0,
      federationCount: 0,
      municipalityCount: 0,
      warningCounts: {},
      lines: [],
      flows: {
        budget: 0,
        pool: 0,
        partYearRemainder: 0,
        surplus: 0,
        lambda: 1,
        appliedMaxDecrease: 0,
        cutByMatching: 0,
        returned: 0,
        requested: 0,
        granted: 0,
        undistributed: 0,
      },
      explanation: '',
      voTotals: [],
      federations: [],
    },
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

  test('formula results are read as stored: 0, false, an empty string, a string in a date-formatted cell', async () => {
    expect(formulaStringResultsKept).toBe(true);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Förbund');
    sheet.getCell('A1').value = 'Förbund';
    sheet.getCell('B1').value = { formula: '1-1', result: 0 };
    sheet.getCell('C1').value = { formula: '1=2', result: false };
    sheet.getCell('D1').value = { formula: 'IF(1=1,"x",1)', result: 'x' };
    sheet.getCell('E1').value = { formula: 'IF(1=1,"x",1)', result: 'x' };
    sheet.getCell('F1').value = { formula: 'IF(1=1,"x",1)', result: 'x' };
    sheet.getCell('F1').numFmt = 'yyyy-mm-dd';
    sheet.getCell('G1').value = { formula: 'A1&"!"', result: 'x' };
    // As LibreOffice and Excel store a formula whose result is "": t="str" and an empty <v>
    const { workbook: loaded } = await loadEdited(workbook, {
      'xl/worksheets/sheet1.xml': (xml) =>
        xml
          .replace(/(<c r="D1"[^>]*><f>[^<]*<\/f>)<v>x<\/v>/, '$1<v></v>')
          .replace(/(<c r="E1"[^>]*><f>[^<]*<\/f>)<v>x<\/v>/, '$1<v/>')
          .replace(/(<c r="F1"[^>]*><f>[^<]*<\/f>)<v>x<\/v>/, '$1<v></v>')
          .replace(/(<c r="G1"[^>]*>)<f>[^<]*<\/f><v>x<\/v>/, '$1<f>A1&amp;"!"</f>'),
    });
    const uncached: UncachedFormula[] = [];
    const [read] = readSheets(loaded, { uncachedFormulas: uncached });
    expect(read.values).toEqual([['Förbund', 0, false]]);
    // G1 has no <v> at all: never calculated
    expect(uncached).toEqual([{ sheet: 'Förbund', row: 1, column: 7, address: 'Förbund!G1', formula: 'A1&"!"' }]);
    // Written back with its empty result, as stored
    const xml = await partText(loaded, 'xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<c r="D1"[^>]* t="str"><f>IF\(1=1,&quot;x&quot;,1\)<\/f><v(><\/v>|\/>)<\/c>/);
    expect(xml).toMatch(/<c r="B1"[^>]*><f>1-1<\/f><v>0<\/v><\/c>/);
  });

  test('with layout: the merged ranges and the occupied cells (formulas that read as empty), 0-based', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Förbund');
    sheet.getCell('A1').value = 'Förbund';
    sheet.getCell('B2').value = { formula: 'IF(1=1,"",1)', result: '' };
    sheet.getCell('C3').value = { formula: 'A1&"x"' } as ExcelJS.CellFormulaValue;
    sheet.getCell('D4').value = { formula: '1+1', result: 2 };
    sheet.getCell('G8').value = 'Källa';
    sheet.mergeCells('G8:P8');
    const loaded = await roundTrip(workbook);
    const [plainRead] = readSheets(loaded);
    expect(plainRead).toEqual({ name: 'Förbund', values: expect.any(Array) });
    expect(Object.keys(plainRead)).toEqual(['name', 'values']);
    const [withLayout] = readSheets(loaded, { layout: true });
    expect(withLayout.merges).toEqual([{ row: 7, column: 6, rowCount: 1, columnCount: 10 }]);
    expect(withLayout.occupied).toEqual([
      { row: 1, column: 1 },
      { row: 2, column: 2 },
    ]);
    expect(withLayout.values[3][3]).toBe(2);
  });

  test('sheets come in tab order, empty sheets as []', () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Tom');
    workbook.addWorksheet('Mitt blad').getCell('B2').value = 5;
    expect(readSheets(workbook)).toEqual([
      { name: 'Tom', values: [] },
      {
        name: 'Mitt blad',
        values: [
          ['', ''],
          ['', 5],
        ],
      },
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
        blocks: [
          {
            sheet: 'Förbund',
            row: 0,
            column: 2,
            values: [
              ['Slutlig tilldelning (kr)', 'Varningar'],
              [2_641_316, ''],
              [1_800_000, 'MATCHNING: x'],
            ],
            numberFormats: [
              [null, null],
              [MONEY_FORMAT, null],
              [MONEY_FORMAT, null],
            ],
            boldFirstRow: true,
          },
        ],
        highlight: { sheet: 'Förbund', rows: [2], firstColumn: 2, lastColumn: 4, color: HIGHLIGHT_COLOR },
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
    sheet.getCell('D2').style = {
      numFmt: MONEY_FORMAT,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HIGHLIGHT_ARGB } },
    };
    sheet.getCell('D3').value = 'också';
    sheet.getCell('D3').style = { numFmt: LEGACY_MONEY_FORMATS[0], border: { bottom: { style: 'thin' } } };
    sheet.getCell('D4').value = 'användarens format';
    sheet.getCell('D4').style = { numFmt: '0.00', font: { italic: true } };
    sheet.getCell('C2').style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HIGHLIGHT_ARGB } } };
    applyWritePlan(
      workbook,
      emptyPlan({
        clear: [{ sheet: 'Förbund', row: 1, column: 3, rowCount: 3, columnCount: 1 }],
        blocks: [{ sheet: 'Förbund', row: 1, column: 2, values: [[''], [null]] }],
      }),
    );
    const out = (await roundTrip(workbook)).getWorksheet('Förbund')!;
    expect(out.getCell('C2').value).toBeNull();
    expect(highlighted(out.getCell('C2'))).toBe(false);
    expect(out.getCell('C3').value).toBe('behålls');
    // A clear removes values and what a run sets (its money formats, this and earlier versions', and its highlight)…
    expect(out.getCell('D2').value).toBeNull();
    expect(out.getCell('D2').numFmt).toBeUndefined();
    expect(highlighted(out.getCell('D2'))).toBe(false);
    expect(out.getCell('D3').value).toBeNull();
    expect(out.getCell('D3').numFmt).toBeUndefined();
    // …and keeps the look a person gave the cells
    expect(out.getCell('D3').border?.bottom?.style).toBe('thin');
    expect(out.getCell('D4').value).toBeNull();
    expect(out.getCell('D4').numFmt).toBe('0.00');
    expect(out.getCell('D4').font?.italic).toBe(true);
    expect(out.getCell('B2').value).toBe(400_000);
  });

  test('a header cell in a formatted row: first run and rerun give it the same style', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Förbund');
    sheet.getRow(1).values = ['Förbund', 'Eget kapital (kr)'];
    sheet.getRow(1).font = { italic: true, size: 12 };
    sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    sheet.getRow(2).values = ['Norrby', 400_000];
    const plan = (clear: boolean): WritePlan =>
      emptyPlan({
        clear: clear ? [{ sheet: 'Förbund', row: 0, column: 2, rowCount: 2, columnCount: 1 }] : [],
        blocks: [
          {
            sheet: 'Förbund',
            row: 0,
            column: 2,
            values: [['Slutlig tilldelning (kr)'], [1_800_000]],
            numberFormats: [[null], [MONEY_FORMAT]],
            boldFirstRow: true,
          },
        ],
        highlight: { sheet: 'Förbund', rows: [1], firstColumn: 2, lastColumn: 2, color: HIGHLIGHT_COLOR },
      });
    const first = await roundTrip(workbook);
    applyWritePlan(first, plan(false));
    const once = await roundTrip(first);
    applyWritePlan(once, plan(true));
    const twice = await roundTrip(once);
    const a = once.getWorksheet('Förbund')!;
    const b = twice.getWorksheet('Förbund')!;
    expect(a.getCell('C1').font).toMatchObject({ italic: true, size: 12, bold: true });
    expect((a.getCell('C1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDDEBF7');
    expect(highlighted(a.getCell('C2'))).toBe(true);
    for (const address of ['C1', 'C2']) {
      expect({ address, value: b.getCell(address).value, style: b.getCell(address).style }).toEqual({
        address,
        value: a.getCell(address).value,
        style: a.getCell(address).style,
      });
    }
  });

  test('a clear range never reaches into a merged range that starts outside it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Förbund');
    sheet.getCell('A1').value = 'Förbund';
    sheet.getCell('B5').value = 'Källa: årsredovisningar 2025';
    sheet.mergeCells('B5:E5');
    const loaded = await roundTrip(workbook);
    applyWritePlan(loaded, emptyPlan({ clear: [{ sheet: 'Förbund', row: 0, column: 2, rowCount: 5, columnCount: 2 }] }));
    expect(
      writeConflicts(loaded, emptyPlan({ clear: [{ sheet: 'Förbund', row: 0, column: 2, rowCount: 5, columnCount: 2 }] })),
    ).toEqual([]);
    const out = (await roundTrip(loaded)).getWorksheet('Förbund')!;
    expect(out.getCell('B5').value).toBe('Källa: årsredovisningar 2025');
    expect((out as unknown as { model: { merges: string[] } }).model.merges).toEqual(['B5:E5']);
  });

  test('replaces an output sheet in place and appends a new one; other sheets untouched', async () => {
    const workbook = await inputWorkbook();
    applyWritePlan(
      workbook,
      emptyPlan({
        sheets: [
          {
            name: 'kommunbidrag',
            values: [
              ['Förbund', 'Bidrag (kr)'],
              ['Norrby', 1_320_658],
            ],
            numberFormats: [
              [null, null],
              [null, MONEY_FORMAT],
            ],
            boldRows: [0],
            columnWidths: [30, 16],
            headerRow: 0,
          },
          {
            name: 'Körlogg',
            values: [
              ['Uppgift', 'Värde'],
              ['Tidpunkt', '2027-01-01T00:00:00'],
            ],
            boldRows: [0],
            headerRow: 0,
          },
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
          withCells({ range: 'B:B', type: 'wholeNumber', min: 1, max: 12, prompt: '1–12' }, 2),
          withCells({ range: 'C:C', type: 'list', values: ['Lika', 'Invånare'] }, 2),
          withCells({ range: 'D5', type: 'decimal', min: 0, max: 1 }, 2),
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
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    sheet.addImage(workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'E3:F5');
    sheet.pageSetup.orientation = 'landscape';
    sheet.pageSetup.printArea = 'A1:D10';
    await sheet.protect('', { selectLockedCells: true, formatColumns: true });
    workbook.addWorksheet('Dold', { state: 'hidden' }).getCell('A1').value = 'x';
    workbook.definedNames.add('Förbund!$A$2', 'Forsta');
    const loaded = await roundTrip(workbook);
    const names = JSON.parse(JSON.stringify(loaded.definedNames.model)) as unknown;
    applyWritePlan(
      loaded,
      emptyPlan({ blocks: [{ sheet: 'Förbund', row: 0, column: 2, values: [['Slutlig tilldelning (kr)'], [1]] }] }),
    );
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

describe('worksheet tables', () => {
  async function withTable(edit: (xml: string) => string): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Förbund');
    sheet.addTable({
      name: 'Forbundstabell',
      ref: 'A1',
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: [
        { name: 'Förbund', filterButton: true },
        { name: 'Eget kapital (kr)', filterButton: true },
      ],
      rows: [
        ['Norrby', 400_000],
        ['Söderby', 900_000],
      ],
    });
    return (await loadEdited(workbook, { 'xl/tables/table1.xml': edit })).workbook;
  }
  const attributes = (xml: string): string => /<table [^>]*>/.exec(xml)![0];

  test('a table as LibreOffice writes it (no tableStyleInfo) is written, unchanged otherwise', async () => {
    expect(tablesKeptAsStored).toBe(true);
    const loaded = await withTable((xml) =>
      xml
        .replace(/<tableStyleInfo[^>]*\/>/, '')
        .replace(/<autoFilter ref="([^"]*)">.*<\/autoFilter>/, '<autoFilter ref="$1"></autoFilter>')
        .replace(/totalsRowShown="1"/, 'totalsRowCount="0" totalsRowShown="0"'),
    );
    expect(giveTablesStyleInfo(loaded)).toBe(1);
    expect(giveTablesStyleInfo(loaded)).toBe(0);
    const xml = await partText(loaded, 'xl/tables/table1.xml');
    expect(attributes(xml)).toContain('ref="A1:B3"');
    expect(attributes(xml)).toContain('headerRowCount="1"');
    expect(xml).not.toContain('hiddenButton="1"'); // the filter buttons stay visible
    expect(xml).toMatch(/<tableStyleInfo showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"\/>/); // no style, as before
  });

  test('a table as Excel writes it (no headerRowCount, no filterColumn) keeps its header row, buttons and style', async () => {
    const loaded = await withTable((xml) =>
      xml.replace(/ headerRowCount="1"/, '').replace(/<autoFilter ref="([^"]*)">.*<\/autoFilter>/, '<autoFilter ref="$1"/>'),
    );
    const xml = await partText(loaded, 'xl/tables/table1.xml');
    expect(attributes(xml)).toContain('headerRowCount="1"');
    expect(xml).not.toContain('hiddenButton="1"');
    expect(xml).toContain('<tableStyleInfo name="TableStyleMedium2"');
  });

  test('a hidden filter button stays hidden, and a table without an autoFilter gets none', async () => {
    const hidden = await withTable((xml) =>
      xml.replace(
        /<autoFilter ref="([^"]*)">.*<\/autoFilter>/,
        '<autoFilter ref="$1"><filterColumn colId="1" hiddenButton="1"/></autoFilter>',
      ),
    );
    const hiddenXml = await partText(hidden, 'xl/tables/table1.xml');
    expect(hiddenXml).toContain('<filterColumn colId="0" hiddenButton="0"/><filterColumn colId="1" hiddenButton="1"/>');
    const none = await withTable((xml) => xml.replace(/<autoFilter ref="([^"]*)">.*<\/autoFilter>/, ''));
    expect(await partText(none, 'xl/tables/table1.xml')).not.toContain('autoFilter');
  });
});

describe('before writing: recalculation on open', () => {
  test('fullCalcOnLoad, and no cached result on formulas that may read what the run writes', async () => {
    const workbook = new ExcelJS.Workbook();
    const federations = workbook.addWorksheet('Förbund');
    federations.getCell('A1').value = 'Förbund';
    federations.getCell('B2').value = { formula: '2400*1000', result: 2_400_000 }; // an input cell the run read
    federations.getCell('Z2').value = { formula: 'B2/2', result: 1_200_000 }; // a note column on Förbund
    const summary = workbook.addWorksheet('Summering');
    summary.getCell('A1').value = { formula: 'SUM(Förbund!K2:K5)', result: 8_211_043 };
    summary.getCell('A2').value = { formula: 'A1*2', result: 16_422_086 };
    summary.getCell('A3').value = { formula: 'Z1-1', result: 0 };
    const second = workbook.addWorksheet('Andra ledet');
    second.getCell('A1').value = { formula: 'Summering!A1', result: 8_211_043 };
    const byName = workbook.addWorksheet('Namn');
    byName.getCell('A1').value = { formula: 'SUM(Slutlig)', result: 8_211_043 };
    workbook.definedNames.add("'Förbund'!$K$2:$K$5", 'Slutlig');
    const unrelated = workbook.addWorksheet('Kontakter');
    unrelated.getCell('A1').value = { formula: '1+1', result: 2 };
    const loaded = await roundTrip(workbook);
    const read = (sheet: string, row: number, column: number): boolean => sheet === 'Förbund' && row === 1 && column === 1;
    expect(prepareRecalculation(loaded, read, ['Förbund', 'Kommunbidrag', 'Körlogg'])).toBe(6);
    expect(await partText(loaded, 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    const out = await roundTrip(loaded);
    expect(out.getWorksheet('Förbund')!.getCell('B2').value).toEqual({ formula: '2400*1000', result: 2_400_000 });
    expect(out.getWorksheet('Förbund')!.getCell('Z2').value).toEqual({ formula: 'B2/2' });
    expect(out.getWorksheet('Summering')!.getCell('A1').value).toEqual({ formula: 'SUM(Förbund!K2:K5)' });
    expect(out.getWorksheet('Summering')!.getCell('A2').value).toEqual({ formula: 'A1*2' });
    expect(out.getWorksheet('Summering')!.getCell('A3').value).toEqual({ formula: 'Z1-1' });
    expect(out.getWorksheet('Andra ledet')!.getCell('A1').value).toEqual({ formula: 'Summering!A1' });
    expect(out.getWorksheet('Namn')!.getCell('A1').value).toEqual({ formula: 'SUM(Slutlig)' });
    // A sheet that reads nothing the run writes keeps its results
    expect(out.getWorksheet('Kontakter')!.getCell('A1').value).toEqual({ formula: '1+1', result: 2 });
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

  test('Excel 2010 validations and conditional formats in a sheet extLst are detected, per sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Parametrar').getCell('A1').value = 'Parameter';
    const sheet = workbook.addWorksheet('Förbund');
    sheet.getCell('A1').value = 'Förbund';
    // A data bar: exceljs reads and writes its extLst part itself, so it is not reported
    sheet.addConditionalFormatting({
      ref: 'B2:B5',
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          cfvo: [{ type: 'min' }, { type: 'max' }],
          color: { argb: 'FF638EC6' },
        } as ExcelJS.ConditionalFormattingRule,
      ],
    });
    const plain = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await partText(workbook, 'xl/worksheets/sheet2.xml')).toContain('x14:cfRule type="dataBar"');
    expect(extensionFeatures(plain)).toEqual([]);
    expect(lostFeatures(plain)).toEqual([]);
    // As Excel writes them: a rule with a condition on another sheet next to the data bar's extension,
    // and list validations (here under another writer's prefix for the same namespace)
    const rule =
      '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      '<x14:cfRule type="expression" priority="2" id="{00000000-0000-0000-0000-000000000001}"><xm:f>Kommuner!$A$1&gt;0</xm:f>' +
      '<x14:dxf><font><b/></font></x14:dxf></x14:cfRule><xm:sqref>D2:D5</xm:sqref></x14:conditionalFormatting>';
    const validations =
      '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:e14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<e14:dataValidations count="2" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      '<e14:dataValidation type="list"><e14:formula1><xm:f>Kommuner!$B$2:$B$9</xm:f></e14:formula1><xm:sqref>A2:A5</xm:sqref></e14:dataValidation>' +
      '<e14:dataValidation type="list"><e14:formula1><xm:f>Listor!$A$1:$A$5</xm:f></e14:formula1><xm:sqref>C2:C5</xm:sqref></e14:dataValidation>' +
      '</e14:dataValidations></ext>';
    const { buffer, workbook: loaded } = await loadEdited(workbook, {
      'xl/worksheets/sheet2.xml': (xml) =>
        xml
          .replace('</x14:conditionalFormattings>', `${rule}</x14:conditionalFormattings>`)
          .replace('</extLst>', `${validations}</extLst>`),
    });
    expect(extensionFeatures(buffer)).toEqual([{ sheet: 'Förbund', validations: 2, conditionalFormats: 1 }]);
    expect(lostFeatures(buffer)).toEqual([
      '2 dataverifieringar av nyare typ på bladet Förbund (t.ex. en lista från ett annat blad) följer inte med i utfilen (stöds inte av exceljs)',
      '1 regel för villkorsstyrd formatering av nyare typ på bladet Förbund följer inte med i utfilen (stöds inte av exceljs)',
    ]);
    // exceljs read the expression rule without its formula: it is dropped (writing it would fail), the data bar stays
    expect(dropUnreadConditionalFormats(loaded)).toBe(1);
    const xml = await partText(loaded, 'xl/worksheets/sheet2.xml');
    expect(xml).toContain('type="dataBar"');
    expect(xml).not.toContain('expression');
  });
});
