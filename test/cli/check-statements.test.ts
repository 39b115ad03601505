// finsam check (every problem or a short report, nothing written) and finsam statements (one PDF
// per federation), on real .xlsx files.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { brokenWorkedExample, messyWorkedExample, writeFixture } from '../fixtures/workbooks';
import { closestName, editDistance } from '../../src/cli/commands/statements';
import { finsam } from './helpers';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'assets', 'exempel-medelstilldelning.xlsx');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-check-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Bytes and mtime of a file, and the folder's listing: what "writes nothing" must leave as it was. */
function snapshot(file: string): { bytes: Buffer; mtime: number; listing: string[] } {
  return { bytes: fs.readFileSync(file), mtime: fs.statSync(file).mtimeMs, listing: fs.readdirSync(path.dirname(file)).sort() };
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('finsam check', () => {
  test('a workbook without problems: exit 0, the run summary, nothing written', async () => {
    const file = path.join(dir, 'in.xlsx');
    await writeFixture(messyWorkedExample(), file);
    const before = snapshot(file);
    const out = await finsam('check', file);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`${file} har inga fel. Ingenting skrevs`);
    expect(out.stdout).toContain('\n  Summa slutlig tilldelning: 8 211 043 kr\n');
    expect(out.stdout).toContain('\n  Förbund: 4, kommuner: 6\n');
    expect(snapshot(file)).toEqual(before);
    // The report is allocate's summary, but nothing was written
    const allocated = await finsam('allocate', file, '--out', path.join(dir, 'ut.xlsx'), '--quiet');
    expect(out.stdout.split('\n').slice(1)).toEqual(allocated.stdout.split('\n').slice(1));
    fs.rmSync(path.join(dir, 'ut.xlsx'));

    const json = await finsam('check', file, '--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; written: boolean; federationCount: number; budget: number };
    expect(parsed).toMatchObject({ ok: true, written: false, federationCount: 4, budget: 9_000_000, totalFinal: 8_211_043 });
    expect(snapshot(file)).toEqual(before);
  });

  test('a workbook with problems: exit 2, every problem with its cell, nothing written', async () => {
    const file = path.join(dir, 'fel.xlsx');
    const { fixture, addresses } = brokenWorkedExample();
    await writeFixture(fixture, file);
    const before = snapshot(file);
    const out = await finsam('check', file);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${file} har ${addresses.length} fel`);
    for (const address of addresses) expect(out.stderr).toMatch(new RegExp(`^${address}( \\(.*?\\))?: \\S`, 'm'));
    const json = await finsam('check', file, '--json');
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; problems: { address: string }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.problems.map((p) => p.address)).toEqual(expect.arrayContaining(addresses));
    expect(snapshot(file)).toEqual(before);
  });

  test('no file named: exit 2 with a Swedish message; --help in Swedish', async () => {
    expect(await finsam('check')).toMatchObject({ code: 2, stderr: expect.stringContaining('Ange en fil att kontrollera') });
    expect((await finsam('check', '--help')).stdout).toContain('skriver ingen fil');
    expect((await finsam('kontrollera', '--help')).stdout).toContain('finsam check');
  });
});

describe('finsam statements', () => {
  test("one PDF per federation, each holding the federation's final allocation as allocate wrote it", async () => {
    const result = path.join(dir, 'resultat.xlsx');
    expect((await finsam('allocate', EXAMPLE, '--out', result, '--quiet')).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(result);
    const sheet = workbook.getWorksheet('Förbund')!;
    let headerRow = 0;
    sheet.eachRow((row, n) => {
      if (!headerRow && row.values && (row.values as unknown[]).includes('Slutlig tilldelning (kr)')) headerRow = n;
    });
    const header = sheet.getRow(headerRow).values as unknown[];
    const finalColumn = header.indexOf('Slutlig tilldelning (kr)');
    const nameColumn = header.indexOf('Förbund');
    const finals = new Map<string, number>();
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const name = sheet.getRow(r).getCell(nameColumn).value;
      const final = sheet.getRow(r).getCell(finalColumn).value;
      if (typeof name === 'string' && typeof final === 'number') finals.set(name, final);
    }
    expect(finals.size).toBeGreaterThan(50);

    const before = snapshot(EXAMPLE);
    const outDir = path.join(dir, 'underlag');
    const out = await finsam('statements', EXAMPLE, '--out-dir', outDir);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`${finals.size} underlag är skrivna till ${outDir}`);
    // Progress: one line per federation on stderr
    expect(out.stderr.match(/^Skriver underlag \d+ av \d+: /gm)).toHaveLength(finals.size);
    const files = fs.readdirSync(outDir).sort();
    expect(files).toHaveLength(finals.size);
    expect(files.every((f) => /^.+ – Statlig tilldelning \d{4}\.pdf$/.test(f))).toBe(true);
    expect(snapshot(EXAMPLE)).toEqual(before);

    const [name, final] = [...finals][0];
    const file = files.find((f) => f.startsWith(`${name} – `))!;
    const text = pdfText(path.join(outDir, file));
    const kronor = `${String(final).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`;
    expect(text).toContain(name);
    expect(text).toContain(kronor);

    // Existing files are refused without --force (nothing written), replaced with it
    fs.writeFileSync(path.join(outDir, file), 'gammalt');
    const refused = await finsam('statements', EXAMPLE, '--out-dir', outDir, '--forbund', name, '--quiet');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('finns redan och skrivs inte över');
    expect(fs.readFileSync(path.join(outDir, file), 'utf8')).toBe('gammalt');
    const forced = await finsam('statements', EXAMPLE, '--out-dir', outDir, '--forbund', name, '--force', '--quiet');
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(forced.stdout).toContain('Ett underlag är skrivet');
    expect(pdfText(path.join(outDir, file))).toContain(kronor);
    // Written atomically: no temporary file left
    expect(fs.readdirSync(outDir)).toHaveLength(finals.size);
  });

  test('an unknown --forbund is a Swedish problem naming the closest federation', async () => {
    const file = path.join(dir, 'in.xlsx');
    await writeFixture(messyWorkedExample(), file);
    const outDir = path.join(dir, 'ut');
    const out = await finsam('statements', file, '--out-dir', outDir, '--forbund', 'Norrbyy');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('Förbundet "Norrbyy" finns inte på bladet Förbund');
    expect(out.stderr).toMatch(/Menade du: \S/);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test('closest name by edit distance on name keys', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closestName('Söderbyy', ['Norrby', 'Söderby', 'Västerby'])).toBe('Söderby');
    expect(closestName('SÖDERBY', ['Norrby', 'Söderby'])).toBe('Söderby');
    expect(closestName('x', [])).toBeUndefined();
  });

  test('without --out-dir: exit 2; --help in Swedish', async () => {
    const out = await finsam('statements', EXAMPLE);
    expect(out).toMatchObject({ code: 2, stderr: expect.stringContaining('--out-dir') });
    expect((await finsam('underlag', '--help')).stdout).toContain('ett underlag i A4');
  });
});
