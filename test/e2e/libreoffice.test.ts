// The written workbook as another spreadsheet program SHOWS it: LibreOffice (headless) converts the
// output of `finsam allocate` to CSV "as shown", and the shown numbers must be the model's, with
// MONEY_FORMAT giving "1 234 567". CI installs libreoffice-calc and requires this test; locally it
// is skipped, with a note, when LibreOffice is not installed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { writeSheetOutputs } from '../../src/cli/xlsx';
import { MONEY_FORMAT, SHARE_FORMAT } from '../../src/workbook/types';
import { messyWorkedExample, WORKED_EXAMPLE_EXPECTED, writeFixture } from '../fixtures/workbooks';
import { ensureBuilt, runCli, tempDir } from './helpers';

function findSoffice(): string | undefined {
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir && fs.existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

const soffice = findSoffice();
const MISSING = 'LibreOffice (soffice) finns inte på PATH: installera libreoffice-calc (apt-get install -y libreoffice-calc).';
if (!soffice && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(`${MISSING} Testet mot LibreOffice hoppas över lokalt; i CI krävs det.`);
}
const loTest = soffice || process.env.CI ? test : test.skip;

/** Every sheet of an .xlsx as CSV text "as shown" (formatted), keyed by sheet name. */
function convertToCsv(file: string, outDir: string): Map<string, string[][]> {
  if (!soffice) throw new Error(MISSING);
  const profile = path.join(outDir, 'lo-profile');
  const result = spawnSync(
    soffice,
    [
      `-env:UserInstallation=file://${profile.replace(/\\/g, '/')}`,
      '--headless',
      '--convert-to',
      // 44 = comma, 34 = ", 76 = UTF-8, first line 1, …, token 9 "save as shown" = true, token 12 -1 = every sheet
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
      '--outdir',
      outDir,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr}`);
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
      const values = [0, 7, 999, 1_000, 1_234, 999_999, 1_000_000, 1_234_567, 339_000_000];
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
      expect(shown.map((row) => row[0])).toEqual(['0', '7', '999', '1 000', '1 234', '999 999', '1 000 000', '1 234 567', '339 000 000', expect.stringMatching(/^30[.,]29 ?%$/)]);
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
      expect([...sheets.keys()].sort()).toEqual(['Anteckningar', 'Förbund', 'Kommunbidrag', 'Kommuner', 'Körlogg', 'Läs mig', 'parametrar'].sort());

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
});
