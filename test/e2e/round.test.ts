// The regional round on real files: the bundled example → finsam split → answers typed into the VO
// files (exceljs; one file opened and saved by LibreOffice, one with its protection removed) → finsam
// merge → finsam allocate, equal cell for cell to allocating the national file with the answers typed
// directly. Conflicts refused with no file; a rerun changes only the Svar log; protection and
// validation as LibreOffice reads them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { finsam } from '../cli/helpers';
import { convertWithLibreOffice, findSoffice, loadWorkbook, plain, sheetByName, table, tempDir, zipPartText } from './helpers';
import { FEDERATION_OUTPUT_HEADERS } from '../../src/workbook/types';

const soffice = findSoffice();
const loTest = soffice || process.env.CI ? test : test.skip;

/** `file` opened and saved again as .xlsx by LibreOffice (headless, a profile of its own), into `outDir`. */
function resaveWithLibreOffice(file: string, outDir: string): string {
  const profile = path.join(path.dirname(outDir), 'lo-profile-round');
  return convertWithLibreOffice([file], 'xlsx:Calc MS Excel 2007 XML', outDir, profile)[0];
}

/**
 * Whether a cell is locked as the file stores it: its style (`s`) in the sheet XML, that style's
 * `<protection locked>` in styles.xml ("0"/"false" open; absent = locked, Excel's default).
 */
function lockedInXml(buffer: Buffer, sheetXml: string, address: string): boolean {
  const cell =
    new RegExp(`<c r="${address}"(?: [^>]*?)? s="(\\d+)"`).exec(sheetXml) ??
    new RegExp(`<c [^>]*?s="(\\d+)"[^>]*? r="${address}"`).exec(sheetXml);
  const style = cell ? Number(cell[1]) : 0;
  const styles = zipPartText(buffer, 'xl/styles.xml')!;
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1];
  const xfs = cellXfs.match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
  const protection = /<protection[^>]*locked="([^"]+)"/.exec(xfs[style]);
  return !(protection && (protection[1] === '0' || protection[1] === 'false'));
}

/** Federation name → 1-based row, and header → 1-based column, of a sheet with key header `Förbund`. */
function grid(ws: ExcelJS.Worksheet): { row: (name: string) => number; col: (header: string) => number; headerRow: number } {
  const t = table(ws, 'Förbund');
  return {
    headerRow: t.headerRow,
    col: (h) => {
      const i = t.headers.indexOf(h);
      if (i < 0) throw new Error(`no column ${h} on ${ws.name}`);
      return i + 1;
    },
    row: (name) => {
      for (let r = t.headerRow + 1; r <= ws.rowCount; r++) if (plain(ws.getCell(r, 1)) === name) return r;
      throw new Error(`no ${name} on ${ws.name}`);
    },
  };
}

/** The answers typed: file, federation, header, value. */
type Answer = [string, string, string, string | number];

async function typeAnswers(file: string, answers: Answer[], options: { unprotect?: boolean } = {}): Promise<void> {
  const wb = await loadWorkbook(file);
  for (const ws of wb.worksheets) {
    if (options.unprotect) (ws as unknown as { sheetProtection: unknown }).sheetProtection = null;
  }
  const ws = sheetByName(wb, 'Förbund');
  const g = grid(ws);
  for (const [, name, header, value] of answers) ws.getCell(g.row(name), g.col(header)).value = value;
  await wb.xlsx.writeFile(file);
}

/** Förbund's outputs by federation and header, Kommunbidrag's rows and Körlogg without its Tidpunkt. */
async function results(file: string) {
  const wb = await loadWorkbook(file);
  const fed = table(sheetByName(wb, 'Förbund'), 'Förbund');
  const outputs = [
    ...FEDERATION_OUTPUT_HEADERS,
    'Eget kapital (kr)',
    'Kommunernas möjliga bidrag (kr)',
    'Regionens möjliga bidrag (kr)',
    'Ansökan ytterligare medel (kr)',
    'Fördelning mellan kommuner',
  ];
  const rows = fed.rows.map((r) => Object.fromEntries(['Förbund', ...outputs].map((h) => [h, r[h] ?? null])));
  const values = (name: string) => {
    const out: unknown[][] = [];
    sheetByName(wb, name).eachRow({ includeEmpty: true }, (row) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (c) => cells.push(plain(c)));
      out.push(cells);
    });
    return out;
  };
  const log = values('Körlogg').filter((r) => r[0] !== 'Tidpunkt' && r[0] !== 'Fingeravtryck');
  return { rows, kommunbidrag: values('Kommunbidrag'), log };
}

describe('the regional round on real files', () => {
  const dir = tempDir('finsam-round-');
  const nationalFile = path.join(dir, 'nationell.xlsx');
  const outDir = path.join(dir, 'regionala');
  let names: Record<string, string[]> = {};

  beforeAll(async () => {
    expect((await finsam('example', '--out', nationalFile)).code).toBe(0);
    const r = await finsam('split', nationalFile, '--out-dir', outDir, '--svarsdatum', '2027-05-28', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    names = {};
    for (const vo of ['Syd', 'Väst', 'Mitt', 'Stockholm', 'Nord']) {
      const wb = await loadWorkbook(path.join(outDir, `VO ${vo}.xlsx`));
      names[vo] = table(sheetByName(wb, 'Förbund'), 'Förbund').rows.map((x) => String(x['Förbund']));
    }
  }, 120_000);

  test('split writes one protected file per VO and refuses to overwrite them without --force', async () => {
    expect(fs.readdirSync(outDir).sort()).toEqual([
      'VO Mitt.xlsx',
      'VO Nord.xlsx',
      'VO Stockholm.xlsx',
      'VO Syd.xlsx',
      'VO Väst.xlsx',
    ]);
    expect(names.Syd).toHaveLength(18);
    const before = fs.statSync(path.join(outDir, 'VO Syd.xlsx')).mtimeMs;
    const again = await finsam('split', nationalFile, '--out-dir', outDir, '--quiet');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('5 regionala filer finns redan och skrivs inte över; ingen fil skrevs:');
    expect(fs.statSync(path.join(outDir, 'VO Syd.xlsx')).mtimeMs).toBe(before);
    const bad = await finsam('split', nationalFile, '--out-dir', path.join(dir, 'x'), '--svarsdatum', '28 maj');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Svarsdatum "28 maj" är inget datum');
    expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
  });

  loTest(
    'a regional file opened in LibreOffice: locked cells, open answer cells, validation',
    async () => {
      const saved = resaveWithLibreOffice(path.join(outDir, 'VO Syd.xlsx'), path.join(dir, 'lo-check'));
      const buffer = fs.readFileSync(saved);
      const wb = await loadWorkbook(saved);
      const ws = sheetByName(wb, 'Förbund');
      const index = wb.worksheets.indexOf(ws) + 1;
      const xml = zipPartText(buffer, `xl/worksheets/sheet${index}.xml`)!;
      expect(xml).toMatch(/<sheetProtection[^>]*sheet="(1|true)"/);
      expect(xml).not.toMatch(/<sheetProtection[^>]*password/);
      expect(xml).toContain('<dataValidation');
      const g = grid(ws);
      const r = g.row(names.Syd[0]);
      const locked = (h: string) => lockedInXml(buffer, xml, ws.getCell(r, g.col(h)).address);
      expect(locked('Kommunernas möjliga bidrag (kr)')).toBe(false);
      expect(locked('Fördelning mellan kommuner')).toBe(false);
      expect(locked('Kommentar')).toBe(false);
      expect(locked('Efter spärr (kr)')).toBe(true);
      expect(locked('Förbund')).toBe(true);
      expect(locked('Verksamhetsmånader')).toBe(true);
      const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
        .dataValidations.model;
      const at = (h: string) => validations[ws.getCell(r, g.col(h)).address];
      expect(at('Kommunernas möjliga bidrag (kr)')).toMatchObject({ type: 'whole' });
      expect(at('Fördelning mellan kommuner')).toMatchObject({ type: 'list' });
      for (const other of wb.worksheets) {
        const part = zipPartText(buffer, `xl/worksheets/sheet${wb.worksheets.indexOf(other) + 1}.xml`)!;
        expect([other.name, /<sheetProtection[^>]*sheet="(1|true)"/.test(part)]).toEqual([other.name, true]);
      }
    },
    240_000,
  );

  loTest(
    'split → answers (exceljs, LibreOffice, protection removed) → merge → allocate equals typing them directly; rerun changes only the log',
    async () => {
      const answers: Answer[] = [
        ['VO Syd.xlsx', names.Syd[0], 'Kommunernas möjliga bidrag (kr)', 2_000_000],
        ['VO Syd.xlsx', names.Syd[0], 'Regionens möjliga bidrag (kr)', 1_500_000],
        ['VO Syd.xlsx', names.Syd[3], 'Eget kapital (kr)', 2_400_000],
        ['VO Väst.xlsx', names.Väst[1], 'Ansökan ytterligare medel (kr)', 800_000],
        ['VO Väst.xlsx', names.Väst[2], 'Kommunernas möjliga bidrag (kr)', 1_000_000],
        ['VO Mitt.xlsx', names.Mitt[0], 'Fördelning mellan kommuner', 'Lika'],
        ['VO Stockholm.xlsx', names.Stockholm[0], 'Regionens möjliga bidrag (kr)', 3_000_000],
      ];
      const returned = path.join(dir, 'returnerade');
      fs.mkdirSync(returned, { recursive: true });
      for (const f of fs.readdirSync(outDir)) fs.copyFileSync(path.join(outDir, f), path.join(returned, f));
      const byFile = (f: string) => answers.filter((a) => a[0] === f);
      await typeAnswers(path.join(returned, 'VO Syd.xlsx'), byFile('VO Syd.xlsx'));
      await typeAnswers(path.join(returned, 'VO Stockholm.xlsx'), byFile('VO Stockholm.xlsx'));
      await typeAnswers(path.join(returned, 'VO Mitt.xlsx'), byFile('VO Mitt.xlsx'), { unprotect: true });
      // VO Väst: typed, then opened and saved by LibreOffice
      await typeAnswers(path.join(returned, 'VO Väst.xlsx'), byFile('VO Väst.xlsx'));
      const lo = resaveWithLibreOffice(path.join(returned, 'VO Väst.xlsx'), path.join(dir, 'lo-saved'));
      fs.copyFileSync(lo, path.join(returned, 'VO Väst.xlsx'));

      const mergedFile = path.join(dir, 'sammanslagen.xlsx');
      const files = ['VO Syd', 'VO Väst', 'VO Mitt', 'VO Stockholm', 'VO Nord'].map((v) => path.join(returned, `${v}.xlsx`));
      const m = await finsam('merge', nationalFile, ...files, '--out', mergedFile, '--quiet');
      expect(m.stderr).toBe('');
      expect(m.code).toBe(0);
      expect(m.stdout).toContain(`Klart: svaren är hämtade till ${mergedFile}`);
      expect(m.stdout).toContain('Ändrade svarsceller på Förbund: 7');
      expect(m.stdout).toContain('Ej svarat (74 förbund):');

      // The same answers typed directly into the national file
      const directFile = path.join(dir, 'direkt.xlsx');
      fs.copyFileSync(nationalFile, directFile);
      await typeAnswers(directFile, answers);

      const a = await finsam('allocate', mergedFile, '--out', path.join(dir, 'a.xlsx'), '--quiet');
      const b = await finsam('allocate', directFile, '--out', path.join(dir, 'b.xlsx'), '--quiet');
      expect([a.code, b.code]).toEqual([0, 0]);
      expect(a.stdout).toContain('74 förbund har Ej svarat i kolumnen Svar');
      expect(b.stdout).not.toContain('Ej svarat');
      const ra = await results(path.join(dir, 'a.xlsx'));
      const rb = await results(path.join(dir, 'b.xlsx'));
      expect(ra.rows).toEqual(rb.rows);
      expect(ra.kommunbidrag).toEqual(rb.kommunbidrag);
      expect(ra.log).toEqual(rb.log);

      // Svar column and log
      const wb = await loadWorkbook(mergedFile);
      const fed = table(sheetByName(wb, 'Förbund'), 'Förbund');
      const svar = (n: string) => fed.rows.find((r) => r['Förbund'] === n)!['Svar'];
      expect(svar(names.Syd[0])).toBe('VO Syd 2027-01-15');
      expect(svar(names.Nord[0])).toBe('Ej svarat');
      const logRows = table(sheetByName(wb, 'Svar'), 'Tidpunkt').rows;
      expect(logRows.filter((r) => r['Uppgift'] !== 'Svar' && r['Uppgift'] !== 'Inga ändringar')).toHaveLength(7);

      // Rerun with the same files onto the merged file: every sheet but Svar unchanged
      const againFile = path.join(dir, 'igen.xlsx');
      const again = await finsam('merge', mergedFile, ...files, '--out', againFile, '--quiet');
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Ändrade svarsceller på Förbund: 0');
      const w1 = await loadWorkbook(mergedFile);
      const w2 = await loadWorkbook(againFile);
      const dump = (ws: ExcelJS.Worksheet) => {
        const out: unknown[] = [];
        ws.eachRow({ includeEmpty: true }, (row, n) =>
          row.eachCell({ includeEmpty: true }, (c, k) => out.push([n, k, plain(c), c.numFmt ?? null])),
        );
        return out;
      };
      expect(w2.worksheets.map((w) => w.name)).toEqual(w1.worksheets.map((w) => w.name));
      for (const ws of w1.worksheets) if (ws.name !== 'Svar') expect(dump(sheetByName(w2, ws.name))).toEqual(dump(ws));
      const log2 = table(sheetByName(w2, 'Svar'), 'Tidpunkt').rows;
      expect(log2.slice(0, logRows.length)).toEqual(logRows);
      expect(log2.slice(logRows.length).map((r) => r['Uppgift'])).toEqual([
        'Inga ändringar',
        'Inga ändringar',
        'Inga ändringar',
        'Inga ändringar',
        'Inga ändringar',
      ]);
    },
    300_000,
  );

  test('a conflict refuses the merge with every problem and writes no file', async () => {
    const changed = path.join(dir, 'ändrad');
    fs.mkdirSync(changed, { recursive: true });
    const syd = path.join(changed, 'VO Syd.xlsx');
    fs.copyFileSync(path.join(outDir, 'VO Syd.xlsx'), syd);
    const wb = await loadWorkbook(syd);
    const ws = sheetByName(wb, 'Förbund');
    const g = grid(ws);
    ws.getCell(g.row(names.Syd[0]), g.col('Statlig tilldelning föregående år (kr)')).value = 1;
    ws.getCell(g.row(names.Syd[1]), g.col('Eget kapital (kr)')).value = '900.000';
    const dated = ws.getCell(g.row(names.Syd[2]), g.col('Ansökan ytterligare medel (kr)'));
    dated.value = 46000;
    dated.style = { ...dated.style, numFmt: 'yyyy-mm-dd' };
    await wb.xlsx.writeFile(syd);
    const out = path.join(dir, 'ska-inte-finnas.xlsx');
    const r = await finsam('merge', nationalFile, syd, path.join(outDir, 'VO Syd.xlsx'), '--out', out, '--quiet');
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
    expect(r.stderr).toContain('Svaren hämtades inte');
    expect(r.stderr).toMatch(/VO Syd\.xlsx, Förbund!\w+\d+: "900\.000" är tvetydigt/);
    expect(r.stderr).toMatch(/VO Syd\.xlsx, Förbund!\w+\d+: Cellen är formaterad som datum eller tid/);
    const refused = await finsam(
      'merge',
      nationalFile,
      path.join(outDir, 'VO Syd.xlsx'),
      path.join(outDir, 'VO Syd.xlsx'),
      '--out',
      out,
    );
    expect(refused.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});
