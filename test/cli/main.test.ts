// The command line in-process (fast): help, arguments, exit codes, messages, atomic writes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CliError, FIXED_FILE_DATE, normalizeZipDates, run, writeFileAtomically, type CliIo } from '../../src/cli/main';
import { messyWorkedExample, UNRELATED_SHEET, writeFixture } from '../fixtures/workbooks';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

const NOW = new Date(2027, 0, 15, 9, 30, 0);

async function finsam(...args: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => NOW };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('help and version', () => {
  test('--help and -h print the Swedish program help', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await finsam(flag);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('finsam <kommando> [flaggor]');
      for (const command of ['allocate', 'template', 'example', 'explain']) expect(result.stdout).toContain(`  ${command} `);
    }
  });

  test('no command: the help and exit code 2', async () => {
    const result = await finsam();
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Kommandon:');
  });

  test('every command has its own help, also under its Swedish name and via `help`', async () => {
    expect((await finsam('allocate', '--help')).stdout).toContain('finsam allocate FIL.xlsx --out UT.xlsx');
    expect((await finsam('fördela', '-h')).stdout).toContain('finsam allocate FIL.xlsx --out UT.xlsx');
    expect((await finsam('template', '--help')).stdout).toContain('finsam template --out TOM.xlsx');
    expect((await finsam('exempel', '--help')).stdout).toContain('finsam example --out EXEMPEL.xlsx');
    expect((await finsam('explain', '--help')).stdout).toContain('--forbund NAMN');
    expect((await finsam('help', 'mall')).stdout).toContain('finsam template --out TOM.xlsx');
  });

  test('--version prints the package version', async () => {
    const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
    expect(await finsam('--version')).toEqual({ code: 0, stdout: `finsam ${version}\n`, stderr: '' });
    expect((await finsam('-v')).stdout).toBe(`finsam ${version}\n`);
  });
});

describe('command line mistakes: exit code 2 and a Swedish message', () => {
  test.each([
    [['räkna'], 'Okänt kommando: räkna'],
    [['allocate'], 'Ange en indatafil'],
    [['allocate', 'a.xlsx'], 'Ange filen som ska skrivas med --out'],
    [['allocate', 'a.xlsx', '--out', 'b.csv'], 'måste sluta på .xlsx'],
    [['allocate', 'a.xlsx', '--utfil', 'b.xlsx'], 'okänd flagga --utfil'],
    [['allocate', 'a.xlsx', '--out'], 'flaggan --out behöver ett värde'],
    [['template'], 'Ange filen som ska skrivas med --out'],
    [['explain', 'a.xlsx'], 'Ange förbundet med --forbund NAMN'],
  ])('finsam %j', async (args, message) => {
    const result = await finsam(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  test('--json turns a file problem into a JSON answer', async () => {
    const result = await finsam('allocate', path.join(dir, 'saknas.xlsx'), '--out', path.join(dir, 'x.xlsx'), '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: `Filen ${path.join(dir, 'saknas.xlsx')} finns inte` });
  });
});

describe('allocate in-process', () => {
  let input: string;
  beforeAll(async () => {
    input = path.join(dir, 'indata.xlsx');
    await writeFixture(messyWorkedExample(), input);
  });

  test('progress lines on stderr, summary on stdout, JSON summary with --json', async () => {
    const out = path.join(dir, 'ut', 'resultat.xlsx'); // the folder is created
    const result = await finsam('allocate', input, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter(Boolean).map((line) => line.replace(/ \(\d+,\d s\)$/, ''))).toEqual([
      `Läser ${input}`,
      'Beräknar',
      `Skriver ${out}`,
      'Klart',
    ]);
    expect(result.stdout).toContain('  År: 2027\n');
    expect(result.stdout).toContain('  Ej fördelat: 788 957 kr\n');
    expect(fs.existsSync(out)).toBe(true);

    const json = await finsam('allocate', input, '--out', out, '--json', '--quiet');
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      input,
      output: out,
      year: 2027,
      scenario: 'Överskott',
      budget: 9_000_000,
      totalFinal: 8_211_043,
      undistributed: 788_957,
      appliedMaxDecrease: 0.1,
      federationCount: 4,
      municipalityCount: 6,
      warningCounts: { MATCHNING: 1, MINSKNING: 1, DELÅR: 1, EK_SAKNAS: 1, NY: 1 },
      notes: [],
    });
  });

  test('Körlogg gets the given time', async () => {
    const out = path.join(dir, 'tid.xlsx');
    expect((await finsam('allocate', input, '--out', out, '-q')).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('Körlogg')!.getCell('B2').value).toBe('2027-01-15T09:30:00');
  });

  test('a formula without a saved value on an input sheet is a problem with its address; elsewhere it is not', async () => {
    const fixture = messyWorkedExample();
    const federations = fixture.sheets.find((s) => s.name === 'Förbund')!;
    federations.rows[4][3] = undefined;
    const workbook = new ExcelJS.Workbook();
    const file = path.join(dir, 'formel.xlsx');
    await writeFixture(fixture, file);
    await workbook.xlsx.readFile(file);
    workbook.getWorksheet('Förbund')!.getCell('D5').value = { formula: '2400*1000' } as ExcelJS.CellFormulaValue;
    workbook.getWorksheet(UNRELATED_SHEET)!.getCell('F1').value = { formula: 'A2*2' } as ExcelJS.CellFormulaValue;
    await workbook.xlsx.writeFile(file);
    const result = await finsam('allocate', file, '--out', path.join(dir, 'formel-ut.xlsx'), '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Förbund!D5: formeln =2400*1000 saknar sparat värde');
    expect(result.stderr).not.toContain(`${UNRELATED_SHEET}!F1`);
    expect(fs.existsSync(path.join(dir, 'formel-ut.xlsx'))).toBe(false);
  });

  test('merged cells where the output goes: refused with the cells, nothing written', async () => {
    const fixture = messyWorkedExample();
    const federations = fixture.sheets.find((s) => s.name === 'Förbund')!;
    federations.rows[4][9] = 'en anteckning över två celler'; // J5, merged with K5 (where output goes)
    federations.merges = [...(federations.merges ?? []), 'J5:K5'];
    const file = path.join(dir, 'sammanfogad.xlsx');
    await writeFixture(fixture, file);
    const out = path.join(dir, 'sammanfogad-ut.xlsx');
    const result = await finsam('allocate', file, '--out', out, '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Förbund!K5: cellen ingår i sammanfogade celler (från J5)');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('parts exceljs cannot keep: a note in the summary, and --in-place refuses', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(input));
    zip.file('xl/charts/chart1.xml', '<c/>');
    const withChart = path.join(dir, 'diagram.xlsx');
    fs.writeFileSync(withChart, await zip.generateAsync({ type: 'nodebuffer' }));
    const result = await finsam('allocate', withChart, '--out', path.join(dir, 'diagram-ut.xlsx'), '-q');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  Obs: 1 diagram följer inte med i utfilen (stöds inte av exceljs)');
    const before = fs.readFileSync(withChart);
    const inPlace = await finsam('allocate', withChart, '--in-place', '-q');
    expect(inPlace.code).toBe(2);
    expect(inPlace.stderr).toContain('1 diagram följer inte med');
    expect(fs.readFileSync(withChart).equals(before)).toBe(true);
  });

  test('explain shows the calculation chain of one federation', async () => {
    const result = await finsam('explain', input, '--forbund', 'söderby');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Förbund\s+Söderby/m);
    expect(result.stdout).toMatch(/^Matchningstak\s+1 800 000 kr/m);
    const missing = await finsam('förklara', input, '-f', 'Söder');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Förbundet "Söder" finns inte på bladet Förbund');
    expect(missing.stderr).toContain('Menade du: Söderby?');
  });
});

describe('files', () => {
  test('writeFileAtomically replaces a file whole and leaves nothing behind on failure', async () => {
    const target = path.join(dir, 'atom', 'fil.xlsx');
    await writeFileAtomically(target, new Uint8Array([1, 2, 3]));
    await writeFileAtomically(target, new Uint8Array([4, 5]));
    expect([...fs.readFileSync(target)]).toEqual([4, 5]);
    const folder = path.join(dir, 'atom', 'mapp.xlsx');
    fs.mkdirSync(folder);
    await expect(writeFileAtomically(folder, new Uint8Array([1]))).rejects.toBeInstanceOf(CliError);
    expect(fs.readdirSync(path.join(dir, 'atom')).sort()).toEqual(['fil.xlsx', 'mapp.xlsx']);
  });

  test('normalizeZipDates sets every entry to the fixed date and keeps the file readable', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('A').getCell('A1').value = 42;
    const normalized = normalizeZipDates(new Uint8Array(await workbook.xlsx.writeBuffer()), FIXED_FILE_DATE);
    const zip = await JSZip.loadAsync(normalized);
    const dates = Object.values(zip.files).map((f) => f.date.getTime());
    expect(dates.length).toBeGreaterThan(3);
    // JSZip reads DOS times as local time
    expect(new Set(dates)).toEqual(new Set([new Date(2026, 0, 1, 0, 0, 0).getTime()]));
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(normalized.buffer as ArrayBuffer);
    expect(again.getWorksheet('A')!.getCell('A1').value).toBe(42);
  });

  test('template and example are byte-stable', async () => {
    const a = path.join(dir, 'mall-a.xlsx');
    const b = path.join(dir, 'mall-b.xlsx');
    expect((await finsam('template', '--out', a)).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await finsam('mall', '-o', b)).code).toBe(0);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
  });
});
