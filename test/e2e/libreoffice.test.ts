// The written workbook as another spreadsheet program SHOWS it: LibreOffice (headless) converts the
// output of `finsam allocate` to CSV "as shown", and the shown numbers must be the model's, with
// MONEY_FORMAT giving "1 234 567". CI installs libreoffice-calc and requires this test; locally it
// is skipped, with a note, when LibreOffice is not installed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { writeSheetOutputs } from '../../src/cli/xlsx';
import { FEDERATION_OUTPUT_HEADERS, MONEY_FORMAT, SHARE_FORMAT } from '../../src/workbook/types';
import { fixtureWorkbook, messyWorkedExample, WORKED_EXAMPLE_EXPECTED, writeFixture } from '../fixtures/workbooks';
import {
  convertWithLibreOffice,
  ensureBuilt,
  findSoffice,
  loadWorkbook,
  ROOT,
  runCli,
  sheetByName,
  table,
  tempDir,
  zipPartText,
} from './helpers';

const soffice = findSoffice();
const MISSING = 'LibreOffice (soffice) finns inte på PATH: installera libreoffice-calc (apt-get install -y libreoffice-calc).';
if (!soffice && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(`${MISSING} Testet mot LibreOffice hoppas över lokalt; i CI krävs det.`);
}
const loTest = soffice || process.env.CI ? test : test.skip;

/** The file saved again by LibreOffice as .xlsx (as a person who opens and saves it there would). */
function resaveAsXlsx(file: string, outDir: string): string {
  if (!soffice) throw new Error(MISSING);
  return convertWithLibreOffice([file], 'xlsx:Calc MS Excel 2007 XML', outDir, path.join(outDir, 'lo-profile'), 120_000)[0];
}

/** Every sheet of an .xlsx as CSV text "as shown" (formatted), keyed by sheet name. */
function convertToCsv(file: string, outDir: string): Map<string, string[][]> {
  if (!soffice) throw new Error(MISSING);
  // 44 = comma, 34 = ", 76 = UTF-8, first line 1, …, token 9 "save as shown" = true, token 12 -1 = every sheet
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
  convertWithLibreOffice([file], filter, outDir, path.join(outDir, 'lo-profile'), 120_000);
  const base = path.basename(file, '.xlsx');
  const sheets = new Map<string, string[][]>();
  for (const entry of fs.readdirSync(outDir)) {
    if (entry.startsWith(`${base}-`) && entry.endsWith('.csv')) {
      sheets.set(entry.slice(base.length + 1, -4), parseCsv(fs.readFileSync(path.join(outDir, entry), 'utf8')));
    }
  }
  return sheets;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function records(rows: string[][], keyHeader: string): Record<string, string>[] {
  const headerIndex = rows.findIndex((row) => row.includes(keyHeader));
  if (headerIndex < 0) throw new Error(`no ${keyHeader} header in CSV`);
  const headers = rows[headerIndex];
  return rows
    .slice(headerIndex + 1)
    .filter((row) => row.some((cell) => cell !== ''))
    .map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));
}

const shownNumber = (text: string): number => Number(text.replace(/[\s\u00a0\u202f]/g, ''));

let dir: string;
beforeAll(() => {
  dir = tempDir('finsam-lo-');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('LibreOffice shows what finsam wrote', () => {
  loTest(
    'the money format shows whole kronor with a space between thousands',
    async () => {
      if (!soffice) throw new Error(MISSING);
      const workbook = new ExcelJS.Workbook();
      const values = [
        0, 5, 7, 999, 1_000, 1_234, 999_999, 1_000_000, 1_234_567, 339_000_000, 999_999_999, 1_000_000_000, 2_711_328_000,
        12_345_678_901,
      ];
      writeSheetOutputs(workbook, [
        {
          name: 'Format',
          values: [...values.map((v) => [v]), [0.30288]],
          numberFormats: [...values.map(() => [MONEY_FORMAT]), [SHARE_FORMAT]],
        },
      ]);
      const file = path.join(dir, 'format.xlsx');
      await workbook.xlsx.writeFile(file);
      const shown = convertToCsv(file, path.join(dir, 'format-csv')).get('Format')!;
      // Below 1 000 the last section ("#\ ##0") leaves a leading space (invisible in a right-aligned cell)
      expect(shown.map((row) => row[0])).toEqual([
        ' 0',
        ' 5',
        ' 7',
        ' 999',
        '1 000',
        '1 234',
        '999 999',
        '1 000 000',
        '1 234 567',
        '339 000 000',
        '999 999 999',
        '1 000 000 000',
        '2 711 328 000',
        '12 345 678 901',
        expect.stringMatching(/^30[.,]29 ?%$/),
      ]);
    },
    120_000,
  );

  loTest(
    'the allocation output shows the worked example numbers',
    async () => {
      if (!soffice) throw new Error(MISSING);
      ensureBuilt();
      const input = path.join(dir, 'indata.xlsx');
      const output = path.join(dir, 'resultat.xlsx');
      await writeFixture(messyWorkedExample(), input);
      const run = runCli(['allocate', input, '--out', output, '--quiet']);
      expect(run.status).toBe(0);
      const sheets = convertToCsv(output, path.join(dir, 'resultat-csv'));
      expect([...sheets.keys()].sort()).toEqual(
        ['Anteckningar', 'Diagram', 'Förbund', 'Kommunbidrag', 'Kommuner', 'Körlogg', 'Läs mig', 'parametrar', 'Underlag'].sort(),
      );

      const federations = records(sheets.get('Förbund')!, 'Förbund');
      for (const [name, expected] of Object.entries(WORKED_EXAMPLE_EXPECTED.federations)) {
        const row = federations.find((r) => r['Förbund'] === name)!;
        expect(row['Slutlig tilldelning (kr)']).toBe(expected.final.toLocaleString('sv-SE').replace(/\s/g, ' '));
        expect(shownNumber(row['Idealfördelning (kr)'])).toBe(expected.ideal);
        expect(shownNumber(row['Matchad tilldelning (kr)'])).toBe(expected.matched);
        expect(shownNumber(row['Ytterligare medel (kr)'])).toBe(expected.extra);
        expect(shownNumber(row['Kommunernas andel (kr)'])).toBe(expected.municipal);
        expect(shownNumber(row['Rimligt eget kapital (kr)'])).toBe(expected.reasonable);
      }
      expect(federations.find((r) => r['Förbund'] === 'Söderby')!['Slutlig tilldelning (kr)']).toBe('1 800 000');
      // Input cells show as they were typed (text stays text)
      expect(federations.find((r) => r['Förbund'] === 'Norrby')!['Statlig tilldelning föregående år (kr)']).toBe('2 600 000 kr');

      const log = new Map(records(sheets.get('Körlogg')!, 'Uppgift').map((r) => [r['Uppgift'], r['Värde']]));
      expect(log.get('Ej fördelat (kr)')).toBe('788 957');
      expect(log.get('Statlig ram (kr)')).toBe('9 000 000');
      expect(log.get('Summa slutlig tilldelning (kr)')).toBe('8 211 043');

      const contributions = records(sheets.get('Kommunbidrag')!, 'Förbund');
      expect(contributions.find((r) => r['Kommun'] === 'Söderby')!['Bidrag (kr)']).toBe('692 308');
      expect(contributions.find((r) => r['Kommun'] === 'Åby')!['Bidrag (kr)']).toBe('207 692');

      // The unrelated sheet's formula still computes in another program
      expect(sheets.get('Anteckningar')![3][0]).toMatch(/^12[.,]00$/);
    },
    120_000,
  );

  loTest(
    'the bundled national example: amounts of a billion kronor and more, and the Körlogg totals',
    async () => {
      if (!soffice) throw new Error(MISSING);
      ensureBuilt();
      const output = path.join(dir, 'exempel-resultat.xlsx');
      const run = runCli(['allocate', path.join(ROOT, 'assets', 'exempel-medelstilldelning.xlsx'), '--out', output, '--quiet']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const workbook = await loadWorkbook(output);
      const sheets = convertToCsv(output, path.join(dir, 'exempel-csv'));
      const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
      const shownAs = (n: number): string => (n < 1000 ? ` ${n}` : grouped(n));

      // Försörjningsmått (input, money format): every cell as the number with a space between thousands
      const areas = table(sheetByName(workbook, 'Kommuner'), 'Förbund').rows;
      const shownAreas = records(sheets.get('Kommuner')!, 'Förbund');
      expect(shownAreas).toHaveLength(areas.length);
      const measures = areas.map((r) => r['Försörjningsmått'] as number);
      expect(Math.max(...measures)).toBeGreaterThanOrEqual(1_000_000_000);
      shownAreas.forEach((row, i) => expect(row['Försörjningsmått']).toBe(shownAs(measures[i])));
      const big = shownAreas.find((row) => shownNumber(row['Försörjningsmått']) >= 1_000_000_000)!;
      expect(big['Försörjningsmått']).toMatch(/^\d \d{3} \d{3} \d{3}$/);

      // Every output amount on Förbund, and the Körlogg totals
      const federations = table(sheetByName(workbook, 'Förbund'), 'Förbund').rows;
      const shownFederations = records(sheets.get('Förbund')!, 'Förbund');
      // (the change columns have a signed format of their own: checked below)
      for (const header of FEDERATION_OUTPUT_HEADERS.filter((h) => h !== 'Varningar' && !h.startsWith('Förändring'))) {
        shownFederations.forEach((row, i) =>
          expect({ header, shown: row[header] }).toEqual({ header, shown: shownAs(federations[i][header] as number) }),
        );
      }
      // The change from last year: signed, the number as written (blank for a new federation)
      shownFederations.forEach((row, i) => {
        const written = federations[i]['Förändring mot föregående år (kr)'];
        const shown = (row['Förändring mot föregående år (kr)'] ?? '').trim();
        if (typeof written !== 'number') expect(shown).toBe('');
        else expect(Number(shown.replace(/[\s,\u00a0]/g, ''))).toBe(written);
      });
      const log = new Map(records(sheets.get('Körlogg')!, 'Uppgift').map((r) => [r['Uppgift'], r['Värde']]));
      const logValues = new Map(table(sheetByName(workbook, 'Körlogg'), 'Uppgift').rows.map((r) => [r['Uppgift'], r['Värde']]));
      expect(log.get('Statlig ram (kr)')).toBe('339 000 000');
      for (const label of [
        'Summa slutlig tilldelning (kr)',
        'Summa idealfördelning (kr)',
        'Summa kommunernas andel (kr)',
        'Ej fördelat (kr)',
      ]) {
        expect({ label, shown: log.get(label) }).toEqual({ label, shown: shownAs(logValues.get(label) as number) });
      }
      expect(shownNumber(log.get('Summa slutlig tilldelning (kr)')!) + shownNumber(log.get('Ej fördelat (kr)')!)).toBe(
        339_000_000,
      );
    },
    180_000,
  );

  loTest(
    'a formula elsewhere that sums Slutlig tilldelning shows the new total after a rerun',
    async () => {
      if (!soffice) throw new Error(MISSING);
      ensureBuilt();
      const input = path.join(dir, 'summa-indata.xlsx');
      const first = path.join(dir, 'summa-1.xlsx');
      const second = path.join(dir, 'summa-2.xlsx');
      await writeFixture(messyWorkedExample(), input);
      expect(runCli(['allocate', input, '--out', first, '--quiet']).status).toBe(0);
      // A summary sheet with the total of the output column, its result cached as after the first run,
      // and a new budget for the second run
      const workbook = await loadWorkbook(first);
      const federations = sheetByName(workbook, 'Förbund');
      const { headerRow, headers } = table(federations, 'Förbund');
      const column = federations.getColumn(headers.indexOf('Slutlig tilldelning (kr)') + 1).letter;
      const control = workbook.addWorksheet('Kontroll');
      control.getCell('A1').value = {
        formula: `SUM(Förbund!${column}${headerRow + 1}:${column}${headerRow + 10})`,
        result: WORKED_EXAMPLE_EXPECTED.budget - WORKED_EXAMPLE_EXPECTED.undistributed,
      };
      control.getCell('A2').value = {
        formula: 'A1/1000',
        result: (WORKED_EXAMPLE_EXPECTED.budget - WORKED_EXAMPLE_EXPECTED.undistributed) / 1000,
      };
      sheetByName(workbook, 'parametrar').getCell('B5').value = '9 500 000 kr';
      await workbook.xlsx.writeFile(first);
      const rerun = runCli(['allocate', first, '--out', second, '--quiet']);
      expect(rerun.stderr).toBe('');
      expect(rerun.status).toBe(0);
      const newTotal = table(sheetByName(await loadWorkbook(second), 'Körlogg'), 'Uppgift').rows.find(
        (r) => r['Uppgift'] === 'Summa slutlig tilldelning (kr)',
      )!['Värde'] as number;
      expect(newTotal).not.toBe(WORKED_EXAMPLE_EXPECTED.budget - WORKED_EXAMPLE_EXPECTED.undistributed);
      const shown = convertToCsv(second, path.join(dir, 'summa-csv')).get('Kontroll')!;
      expect(Number(shown[0][0])).toBe(newTotal);
      expect(Number(shown[1][0].replace(',', '.'))).toBeCloseTo(newTotal / 1000, 3);
    },
    120_000,
  );

  loTest(
    'a workbook saved by LibreOffice (empty-string formula results, a table without style info) allocates',
    async () => {
      if (!soffice) throw new Error(MISSING);
      ensureBuilt();
      const fixture = messyWorkedExample();
      const federations = fixture.sheets.find((sheet) => sheet.name === 'Förbund')!;
      federations.rows[3][5] = { formula: 'IF(B4>0,"",1)', result: '' }; // F4: Ansökan of Norrby, an empty string
      federations.rows[4][5] = { formula: 'IF(B5>0,"",1)', result: '' };
      const workbook = fixtureWorkbook(fixture);
      sheetByName(workbook, 'Kommuner').addTable({
        name: 'Kommuntabell',
        ref: 'G2',
        headerRow: true,
        columns: [{ name: 'Kontroll', filterButton: true }],
        rows: [['a'], ['b']],
      });
      const original = path.join(dir, 'lo-original', 'sparad.xlsx');
      fs.mkdirSync(path.dirname(original), { recursive: true });
      await workbook.xlsx.writeFile(original);
      const saved = resaveAsXlsx(original, path.join(dir, 'lo-sparad'));
      // What LibreOffice wrote: an empty string result, a table without <tableStyleInfo>
      const buffer = fs.readFileSync(saved);
      const sheetXml = [...Array(6).keys()].map((i) => zipPartText(buffer, `xl/worksheets/sheet${i + 1}.xml`) ?? '').join('');
      expect(sheetXml).toMatch(/<c r="F4"[^>]*t="str"[^>]*><f[^>]*>IF\(B4&gt;0,&quot;&quot;,1\)<\/f><v><\/v><\/c>/);
      const tableXml = zipPartText(buffer, 'xl/tables/table1.xml') ?? '';
      expect(tableXml).toContain('Kommuntabell');
      expect(tableXml).not.toContain('tableStyleInfo');

      const output = path.join(dir, 'lo-sparad-resultat.xlsx');
      const run = runCli(['allocate', saved, '--out', output, '--quiet']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Ej fördelat: ${grouped(WORKED_EXAMPLE_EXPECTED.undistributed)} kr`);
      const shown = convertToCsv(output, path.join(dir, 'lo-sparad-csv'));
      const rows = records(shown.get('Förbund')!, 'Förbund');
      expect(rows.find((r) => r['Förbund'] === 'Söderby')!['Slutlig tilldelning (kr)']).toBe('1 800 000');
      expect(zipPartText(fs.readFileSync(output), 'xl/tables/table1.xml')).toContain('Kommuntabell');
    },
    180_000,
  );
});

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
