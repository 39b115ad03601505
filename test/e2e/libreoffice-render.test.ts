// The written workbook as LibreOffice (headless) renders it, to PDF: no header of the run's own sheets is
// cut, no number shows as "###", and the pages are saved as PNG (test-results/lo-*.png) to be looked at.
// Issue 14: "the workbook rendered by LibreOffice (headless, to PDF or PNG) and looked at".
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FEDERATION_OUTPUT_HEADERS } from '../../src/workbook/types';
import { convertWithLibreOffice, ensureBuilt, findSoffice, loadWorkbook, ROOT, runCli, sheetByName, tempDir } from './helpers';

const soffice = findSoffice();
const loTest = soffice || process.env.CI ? test : test.skip;
const RESULTS = path.join(ROOT, 'test-results');

/** The workbook converted to PDF by LibreOffice, in a profile of its own. */
const toPdf = (file: string, outDir: string): string =>
  convertWithLibreOffice([file], 'pdf', outDir, path.join(outDir, 'lo-profile'))[0];

/** Each page's text (pdftotext, reading order), split at form feeds. */
const pagesOf = (pdf: string): string[] =>
  execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f');

/** The words of a header (what must be seen whole); short words and symbols aside. */
const wordsOf = (header: string): string[] => header.split(/[\s()]+/).filter((w) => w.length >= 3);

let dir: string;
beforeAll(() => {
  dir = tempDir('finsam-lo-render-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

loTest(
  'the bundled national example after a run: every header of the run’s sheets whole, no ###',
  async () => {
    ensureBuilt();
    const output = path.join(dir, 'resultat.xlsx');
    const run = runCli(['allocate', path.join(ROOT, 'assets', 'exempel-medelstilldelning.xlsx'), '--out', output, '--quiet']);
    expect(run.status).toBe(0);
    const pdf = toPdf(output, dir);
    const pages = pagesOf(pdf);
    const text = pages.join('\n');
    const tokens = new Set(text.split(/[\s()]+/));

    // The headers the run wrote: Förbund's output columns and the header rows of its own sheets
    const workbook = await loadWorkbook(output);
    const headerRow = (sheet: string, first: string): string[] => {
      const ws = sheetByName(workbook, sheet);
      for (let r = 1; r <= Math.min(ws.rowCount, 60); r += 1) {
        const row = ws.getRow(r);
        if (String(row.getCell(1).value ?? '') === first) {
          return (row.values as unknown[]).filter((v): v is string => typeof v === 'string');
        }
      }
      throw new Error(`${sheet}: no row starting with ${first}`);
    };
    const headers = new Map<string, string[]>([
      ['Förbund', [...FEDERATION_OUTPUT_HEADERS]],
      ['Kommunbidrag', headerRow('Kommunbidrag', 'Förbund')],
      ['Körlogg', headerRow('Körlogg', 'Uppgift')],
      ['Underlag', headerRow('Underlag', 'Förbund')],
      ['Diagram', headerRow('Diagram', 'Förbund')],
    ]);
    const cut: string[] = [];
    for (const [sheet, list] of headers) {
      for (const header of list) {
        for (const word of wordsOf(header)) if (!tokens.has(word)) cut.push(`${sheet}: "${header}" (${word})`);
      }
    }
    expect(cut).toEqual([]);
    // A number too wide for its column shows as ### in LibreOffice (and in Excel)
    expect(pages.map((p, i) => [i + 1, p]).filter(([, p]) => String(p).includes('###'))).toEqual([]);

    // The first pages of the results, kept as images to look at
    fs.mkdirSync(RESULTS, { recursive: true });
    const federationPage = pages.findIndex((p) => p.includes('Slutlig') && p.includes('tilldelning'));
    expect(federationPage).toBeGreaterThanOrEqual(0);
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-f',
      String(federationPage + 1),
      '-l',
      String(federationPage + 1),
      pdf,
      path.join(RESULTS, 'lo-forbund'),
    ]);
  },
  240_000,
);
