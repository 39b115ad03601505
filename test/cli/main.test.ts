// The command line in-process (fast): help, arguments, exit codes, messages, atomic writes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CliError } from '../../src/cli/errors';
import { FIXED_FILE_DATE, normalizeZipDates, writeFileAtomically } from '../../src/cli/files';
import {
  fixtureWorkbook,
  messyWorkedExample,
  UNRELATED_SHEET,
  WORKED_EXAMPLE_EXPECTED,
  writeFixture,
} from '../fixtures/workbooks';
import { zipPartText } from '../e2e/helpers';
import { finsam } from './helpers';

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
    const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string })
      .version;
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
    expect(
      result.stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/ \(\d+,\d s\)$/, '')),
    ).toEqual([`Läser ${input}`, 'Beräknar', `Skriver ${out}`, 'Klart']);
    expect(result.stdout).toContain('  År: 2027\n');
    expect(result.stdout).toContain('  Ej fördelat: 788 957 kr\n');
    // issue 14: the explanation, the money flows and the totals per VO
    expect(result.stdout).toContain('  Förklaring: Överskott: ingen spärr behövdes (λ = 1); 1 688 957 kr blev över');
    expect(result.stdout).toContain('    Skuret av matchning: 1 158 505 kr\n');
    expect(result.stdout).toContain('    Pott, summa idealfördelning (T): 8 469 548 kr\n');
    expect(result.stdout).toContain('    Beviljat ytterligare medel: 900 000 kr\n');
    expect(result.stdout).toMatch(/ {2}Per VO \(förbund, idealfördelning, slutlig, förändring mot föregående år\):\n {4}\S/);
    expect(fs.existsSync(out)).toBe(true);

    const json = await finsam('allocate', input, '--out', out, '--json', '--quiet');
    expect(json.stderr).toBe('');
    const parsed = JSON.parse(json.stdout);
    // issue 14: the money flows, the explanation, the totals per VO and each federation's figures
    expect(parsed.flows).toMatchObject({ budget: 9_000_000, pool: 8_469_548, cutByMatching: 1_158_505, granted: 900_000 });
    expect(parsed.explanation).toMatch(/^Överskott: /);
    expect(
      parsed.voTotals.map((v: { federationCount: number }) => v.federationCount).reduce((a: number, b: number) => a + b),
    ).toBe(4);
    expect(parsed.federations.find((f: { name: string }) => f.name === 'Söderby')).toMatchObject({
      change: -600_000,
      changeShare: -0.25,
      needsAction: true,
    });
    for (const key of ['flows', 'explanation', 'voTotals', 'federations']) delete parsed[key];
    expect(parsed).toEqual({
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
    // a date-time cell (issue 14): exceljs reads the serial number back as that time in UTC
    expect(workbook.getWorksheet('Körlogg')!.getCell('B2').value).toEqual(new Date(Date.UTC(2027, 0, 15, 9, 30, 0)));
    expect(workbook.getWorksheet('Körlogg')!.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
  });

  test('a formula without a saved value in a cell the run reads is a problem with its address; elsewhere it is not', async () => {
    const fixture = messyWorkedExample();
    const federations = fixture.sheets.find((s) => s.name === 'Förbund')!;
    federations.rows[4][3] = undefined;
    const workbook = new ExcelJS.Workbook();
    const file = path.join(dir, 'formel.xlsx');
    await writeFixture(fixture, file);
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Förbund')!;
    sheet.getCell('D5').value = { formula: '2400*1000' } as ExcelJS.CellFormulaValue; // an input column: read
    sheet.getCell('A2').value = { formula: '"Inskickat "&TEXT(TODAY(),"ÅÅÅÅ")' } as ExcelJS.CellFormulaValue; // a note above the header row
    sheet.getCell('I5').value = { formula: 'B5*2' } as ExcelJS.CellFormulaValue; // the unknown column Anteckning
    workbook.getWorksheet('parametrar')!.getCell('C5').value = { formula: 'B5' } as ExcelJS.CellFormulaValue; // a note column
    workbook.getWorksheet(UNRELATED_SHEET)!.getCell('F1').value = { formula: 'A2*2' } as ExcelJS.CellFormulaValue;
    await workbook.xlsx.writeFile(file);
    const result = await finsam('allocate', file, '--out', path.join(dir, 'formel-ut.xlsx'), '-q');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file} har 1 fel; ingen fil skrevs:`,
      'Förbund!D5: formeln =2400*1000 saknar sparat värde; öppna filen i Excel eller LibreOffice, spara den och försök igen',
    ]);
    expect(fs.existsSync(path.join(dir, 'formel-ut.xlsx'))).toBe(false);

    // Without the one in the input column, the file runs
    sheet.getCell('D5').value = { formula: '2400*1000', result: 2_400_000 };
    await workbook.xlsx.writeFile(file);
    expect((await finsam('allocate', file, '--out', path.join(dir, 'formel-ut.xlsx'), '-q')).code).toBe(0);
  });

  test('a formula whose saved result is an empty string reads as empty, also in an input column', async () => {
    const fixture = messyWorkedExample();
    const federations = fixture.sheets.find((s) => s.name === 'Förbund')!;
    federations.rows[3][5] = { formula: 'IF(1=1,"",1)', result: '' }; // F4, Ansökan of Norrby: blank
    federations.rows[4][7] = { formula: 'IF(B5>0,12,"")', result: 12 };
    const file = path.join(dir, 'tom-strang.xlsx');
    await writeFixture(fixture, file);
    // Stored as Excel and LibreOffice store it: a string result with an empty value
    const sheetXml = zipPartText(fs.readFileSync(file), 'xl/worksheets/sheet3.xml') ?? '';
    expect(sheetXml).toMatch(/<c r="F4"[^>]* t="str"><f>IF\(1=1,&quot;&quot;,1\)<\/f><v(\/>|><\/v>)/);
    const out = path.join(dir, 'tom-strang-ut.xlsx');
    const result = await finsam('allocate', file, '--out', out, '-q');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Summa slutlig tilldelning: 8 211 043 kr');
    // …and keeps its (empty) result in the output
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    expect(written.getWorksheet('Förbund')!.getCell('F4').formula).toBe('IF(1=1,"",1)');
    expect(written.getWorksheet('Förbund')!.getCell('F4').result).toBe('');
  });

  test('a merged note that reaches into a federation row: the output goes to the right of it', async () => {
    const fixture = messyWorkedExample();
    const federations = fixture.sheets.find((s) => s.name === 'Förbund')!;
    federations.rows[4][9] = 'en anteckning över två celler'; // J5, merged with K5 (where the output would start)
    federations.merges = [...(federations.merges ?? []), 'J5:K5'];
    const file = path.join(dir, 'sammanfogad.xlsx');
    await writeFixture(fixture, file);
    const out = path.join(dir, 'sammanfogad-ut.xlsx');
    const result = await finsam('allocate', file, '--out', out, '-q');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    const sheet = written.getWorksheet('Förbund')!;
    expect(sheet.getCell('J5').value).toBe('en anteckning över två celler');
    expect(sheet.getCell('K5').isMerged).toBe(true);
    expect(sheet.getCell('K3').value).toBeNull();
    expect(sheet.getCell('L3').value).toBe('Idealfördelning (kr)');
    expect(sheet.getCell('T3').value).toBe('Varningar');
  });

  test('a merge made inside earlier output: the rerun is refused with the cells, nothing written', async () => {
    const file = path.join(dir, 'sammanfogad-igen.xlsx');
    expect((await finsam('allocate', input, '--out', file, '-q')).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    workbook.getWorksheet('Förbund')!.mergeCells('N5:O5'); // Slutlig tilldelning and Kommunernas andel of Söderby
    await workbook.xlsx.writeFile(file);
    const out = path.join(dir, 'sammanfogad-igen-ut.xlsx');
    const result = await finsam('allocate', file, '--out', out, '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Förbund!O5 (Söderby, Kommunernas andel (kr)): cellen ingår i sammanfogade celler (från N5)');
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    // I is the note column Anteckning: the output starts at J, as without the footnote
    [
      'a footnote below the data, merged from the note column across the output columns',
      'I11:R11',
      'I11',
      'Källa: årsredovisningar 2025',
      'J',
      'N',
    ],
    // K holds text below the data (a column in use): the output starts after it, at L
    [
      'a signature line below the data, merged from beyond the inputs into the output columns',
      'K11:N11',
      'K11',
      'Godkänt av: ____',
      'L',
      'P',
    ],
  ])(
    '%s: the first run writes no blanks there, a rerun leaves it alone',
    async (_what, range, master, text, firstColumn, finalColumn) => {
      const fixture = messyWorkedExample();
      const federations = fixture.sheets.find((s) => s.name === 'Förbund')!;
      const workbook = fixtureWorkbook(fixture);
      const sheet = workbook.getWorksheet('Förbund')!;
      sheet.getCell(master).value = text;
      sheet.mergeCells(range);
      expect(federations.rows.length).toBeLessThan(Number(master.slice(1)));
      const file = path.join(dir, 'fotnot.xlsx');
      await workbook.xlsx.writeFile(file);
      const out = path.join(dir, 'fotnot-ut.xlsx');
      const again = path.join(dir, 'fotnot-igen.xlsx');
      const first = await finsam('allocate', file, '--out', out, '-q');
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const second = await finsam('allocate', out, '--out', again, '-q');
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);
      for (const written of [out, again]) {
        const result = new ExcelJS.Workbook();
        await result.xlsx.readFile(written);
        const ws = result.getWorksheet('Förbund')!;
        expect(ws.getCell(master).value).toBe(text);
        expect((ws as unknown as { model: { merges: string[] } }).model.merges).toContain(range);
        expect(ws.getCell(`${firstColumn}3`).value).toBe('Idealfördelning (kr)');
        expect(ws.getCell(`${finalColumn}5`).value).toBe(WORKED_EXAMPLE_EXPECTED.federations.Söderby.final);
      }
    },
  );

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

  test('Excel 2010 validations and conditional formats (extLst): a note in the summary, and --in-place refuses', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(input));
    const part = 'xl/worksheets/sheet3.xml'; // Förbund
    const xml = await zip.file(part)!.async('string');
    const extLst =
      '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1">' +
      '<x14:formula1><xm:f>Kommuner!$C$3:$C$9</xm:f></x14:formula1><xm:sqref>C4:C8</xm:sqref></x14:dataValidation></x14:dataValidations></ext>' +
      '<ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      '<x14:cfRule type="expression" priority="1" id="{00000000-0000-0000-0000-000000000001}"><xm:f>Kommuner!$B$3&gt;10000</xm:f><x14:dxf><font><b/></font></x14:dxf></x14:cfRule>' +
      '<xm:sqref>B4:B8</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>';
    expect(xml).toContain('</worksheet>');
    zip.file(part, xml.replace('</worksheet>', `${extLst}</worksheet>`));
    const withExtensions = path.join(dir, 'x14.xlsx');
    fs.writeFileSync(withExtensions, await zip.generateAsync({ type: 'nodebuffer' }));
    const out = path.join(dir, 'x14-ut.xlsx');
    const result = await finsam('allocate', withExtensions, '--out', out, '-q');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  Obs: 1 dataverifiering av nyare typ på bladet Förbund (t.ex. en lista från ett annat blad) följer inte med i utfilen (stöds inte av exceljs)\n',
    );
    expect(result.stdout).toContain(
      '  Obs: 1 regel för villkorsstyrd formatering av nyare typ på bladet Förbund följer inte med i utfilen (stöds inte av exceljs)\n',
    );
    // What the note says: the output has neither (and the rule exceljs read without its formula is not written half)
    const written = zipPartText(fs.readFileSync(out), part) ?? '';
    expect(written).not.toMatch(/dataValidation|cfRule/);
    const before = fs.readFileSync(withExtensions);
    const inPlace = await finsam('allocate', withExtensions, '--in-place', '-q');
    expect(inPlace.code).toBe(2);
    expect(inPlace.stderr).toContain('1 dataverifiering av nyare typ på bladet Förbund');
    expect(fs.readFileSync(withExtensions).equals(before)).toBe(true);
  });

  test('exceljs failing to write: exit 1, a Swedish message without a stack trace, no file', async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const XLSX = require('exceljs/lib/xlsx/xlsx') as { prototype: { writeBuffer: () => Promise<unknown> } };
    const spy = jest
      .spyOn(XLSX.prototype, 'writeBuffer')
      .mockRejectedValue(new TypeError("Cannot read properties of null (reading 'theme')"));
    try {
      const out = path.join(dir, 'trasig-ut.xlsx');
      const result = await finsam('allocate', input, '--out', out, '-q');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `finsam: Kunde inte skriva ${out}: exceljs klarade inte att skriva arbetsboken (Cannot read properties of null (reading 'theme')). Ingen fil skrevs.\n` +
          'Prova att öppna filen i Excel eller LibreOffice, spara den som Excel-arbetsbok (.xlsx) och köra igen.\n',
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(out)).toBe(false);
      const json = await finsam('allocate', input, '--out', out, '-q', '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        error: expect.stringContaining('exceljs klarade inte att skriva arbetsboken'),
      });
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      spy.mockRestore();
    }
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
