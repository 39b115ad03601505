// The command line on real .xlsx files, for the holes closed in issue 15: dates in amount cells (4),
// ambiguous amounts (5), two sheets matching one name (6), a damaged zip (7), template/example and an
// existing file (9), permission bits and symbolic links (10), every problem at once (11), Swedish
// messages, files that are no workbook and control characters (12), the pane's own chart (13).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { crc32, damagedZipEntries, lostFeatures, ownChartParts, readSheets, zipKind } from '../../src/cli/xlsx';
import { terminalText } from '../../src/cli/terminal';
import { RUN_CHART_TITLE } from '../../src/workbook/types';
import { CHART_TITLE } from '../../src/excel/chart';
import { messyWorkedExample, writeFixture } from '../fixtures/workbooks';
import { finsam } from './helpers';

let dir: string;
let input: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-issue15-'));
  input = path.join(dir, 'indata.xlsx');
  await writeFixture(messyWorkedExample(), input);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The cell of a federation's row under a header (matched by its start) on Förbund. */
function federationCell(workbook: ExcelJS.Workbook, federation: string, header: string): ExcelJS.Cell {
  const sheet = workbook.getWorksheet('Förbund')!;
  let headerRow = 0;
  let column = 0;
  let nameColumn = 0;
  sheet.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      const text = String(cell.text ?? '').trim();
      if (!headerRow && text === 'Förbund') {
        headerRow = r;
        nameColumn = c;
      }
    });
  });
  sheet.getRow(headerRow).eachCell((cell, c) => {
    if (!column && String(cell.text).startsWith(header)) column = c;
  });
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row, r) => {
    if (r > headerRow && String(row.getCell(nameColumn).text).trim() === federation) found = row.getCell(column);
  });
  if (!found || !column) throw new Error(`no cell for ${federation} / ${header}`);
  return found;
}

async function edited(name: string, change: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  change(workbook);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('a date in an amount cell is an error at its cell (item 4)', () => {
  test('Norrby last year typed as a date: exit 2 with the cell, no file', async () => {
    const file = await edited('datum.xlsx', (workbook) => {
      const cell = federationCell(workbook, 'Norrby', 'Statlig tilldelning');
      cell.value = new Date(Date.UTC(2154, 2, 6)); // serial 92 838
      cell.numFmt = 'yyyy-mm-dd';
    });
    const out = path.join(dir, 'datum-ut.xlsx');
    const result = await finsam('allocate', file, '--out', out, '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Förbund![A-Z]+\d+ \(Norrby, Statlig tilldelning föregående år \(kr\)\): Cellen är formaterad som datum eller tid, så talet 92 838 är ett datum och inte ett belopp/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test('readSheets gives each cell its number format (a Date without one gets a date format)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Blad');
    sheet.getCell('A1').value = 5;
    sheet.getCell('A1').numFmt = '0.00%';
    sheet.getCell('B1').value = new Date(Date.UTC(2025, 0, 1));
    sheet.getCell('C1').value = 7;
    const [read] = readSheets(workbook, { layout: true });
    expect(read.values).toEqual([[5, 45658, 7]]);
    expect(read.numberFormats).toEqual([['0.00%', 'yyyy-mm-dd', null]]);
    expect(readSheets(workbook)[0].numberFormats).toBeUndefined();
  });
});

describe('ambiguous amounts and two sheets matching one name (items 5, 6) on a real file', () => {
  test('"900.000" typed as text: exit 2 asking for 900 000 or 900,00', async () => {
    const file = await edited('tvetydig.xlsx', (workbook) => {
      federationCell(workbook, 'Norrby', 'Eget kapital').value = '900.000';
    });
    const result = await finsam('allocate', file, '--out', path.join(dir, 'tvetydig-ut.xlsx'), '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"900.000" är tvetydigt: skriv 900 000 om det är tusental eller 900,00 om det är decimaler');
  });

  test('a hidden stale "Förbund " beside Förbund: an error naming both', async () => {
    const file = await edited('tva-forbund.xlsx', (workbook) => {
      const stale = workbook.addWorksheet('Förbund ', { state: 'hidden' });
      stale.getCell('A1').value = 'Förbund';
      stale.getCell('A2').value = 'Gamla förbundet';
    });
    const result = await finsam('allocate', file, '--out', path.join(dir, 'tva-ut.xlsx'), '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`'Förbund '!A1: Bladen "Förbund" och "Förbund " matchar båda bladet "Förbund"`);
  });
});

describe('a damaged file is refused before it is read (item 7)', () => {
  test('a part failing its CRC: "filen är skadad" with the file and the part, exit 2', async () => {
    // The Förbund sheet stored uncompressed, so that one changed digit is still readable data: only the CRC tells
    const zip = await JSZip.loadAsync(fs.readFileSync(input));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const part = `xl/worksheets/sheet${[...workbookXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]).indexOf('Förbund') + 1}.xml`;
    const xml = await zip.file(part)!.async('string');
    zip.file(part, xml, { compression: 'STORE' });
    const buffer = Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
    const digit = xml.search(/<v>[1-8]/) + 3;
    const at = buffer.indexOf(Buffer.from(xml.slice(digit - 200, digit + 1)));
    expect(at).toBeGreaterThan(0);
    buffer[at + 200] += 1; // one digit of one figure on Förbund
    const file = path.join(dir, 'skadad.xlsx');
    fs.writeFileSync(file, buffer);
    expect(damagedZipEntries(fs.readFileSync(file))).toEqual([part]);
    const out = path.join(dir, 'skadad-ut.xlsx');
    const result = await finsam('allocate', file, '--out', out, '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `finsam: ${file}: filen är skadad (delen ${part}); den kan inte läsas utan risk för fel siffror. Använd en oskadad kopia, eller öppna den i Excel och spara den igen.\n`,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a sound file has no damaged part; crc32 is the zip checksum', () => {
    expect(damagedZipEntries(fs.readFileSync(input))).toEqual([]);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  test('a file cut short: Swedish, not "Corrupted zip"', async () => {
    const whole = fs.readFileSync(input);
    const file = path.join(dir, 'avkortad.xlsx');
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const result = await finsam('allocate', file, '--out', path.join(dir, 'avkortad-ut.xlsx'), '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('filen är skadad');
    expect(result.stderr).not.toMatch(/Corrupted|zip or bug|End of data/i);
  });
});

describe('template and example never overwrite a file unless --force (item 9)', () => {
  test.each(['template', 'example'])('%s', async (command) => {
    const file = path.join(dir, `${command}-finns.xlsx`);
    fs.writeFileSync(file, 'mitt arbete');
    const refused = await finsam(command, '--out', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `finsam: ${file} finns redan och skrivs inte över. Ange en annan fil, eller --force för att skriva över den.\n`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('mitt arbete');
    const forced = await finsam(command, '--out', file, '--force');
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(file).readUInt32BE(0)).toBe(0x504b0304);
    expect((await finsam(command, '--help')).stdout).toContain('--force');
  });
});

describe('--out and --in-place keep permission bits and follow symbolic links (item 10)', () => {
  test("an existing output keeps its mode; --in-place keeps the input's", async () => {
    const out = path.join(dir, 'rattigheter-ut.xlsx');
    fs.writeFileSync(out, 'gammal');
    fs.chmodSync(out, 0o640);
    expect((await finsam('allocate', input, '--out', out, '-q')).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
    const inPlace = path.join(dir, 'rattigheter-in.xlsx');
    fs.copyFileSync(input, inPlace);
    fs.chmodSync(inPlace, 0o600);
    expect((await finsam('allocate', inPlace, '--in-place', '-q')).code).toBe(0);
    expect(fs.statSync(inPlace).mode & 0o777).toBe(0o600);
  });

  test('a symbolic link stays a link; its target gets the result', async () => {
    const target = path.join(dir, 'mal.xlsx');
    const link = path.join(dir, 'lank.xlsx');
    fs.copyFileSync(input, target);
    fs.symlinkSync(target, link);
    expect((await finsam('allocate', link, '--in-place', '-q')).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(target);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(target);
    expect(written.getWorksheet('Körlogg')).toBeDefined();
    const outLink = path.join(dir, 'ut-lank.xlsx');
    const outTarget = path.join(dir, 'ut-mal.xlsx');
    fs.writeFileSync(outTarget, 'gammal');
    fs.symlinkSync(outTarget, outLink);
    expect((await finsam('allocate', input, '--out', outLink, '-q')).code).toBe(0);
    expect(fs.lstatSync(outLink).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(outTarget).readUInt32BE(0)).toBe(0x504b0304);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('every problem at once (item 11)', () => {
  test('a merge inside earlier output and a bad amount: both in one list', async () => {
    const first = path.join(dir, 'forsta.xlsx');
    expect((await finsam('allocate', input, '--out', first, '-q')).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(first);
    workbook.getWorksheet('Förbund')!.mergeCells('N5:O5');
    federationCell(workbook, 'Norrby', 'Eget kapital').value = 'ca 2 milj';
    const file = path.join(dir, 'alla-fel.xlsx');
    await workbook.xlsx.writeFile(file);
    const result = await finsam('allocate', file, '--out', path.join(dir, 'alla-fel-ut.xlsx'), '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"ca 2 milj" är inget belopp');
    expect(result.stderr).toContain('Förbund!O5 (Söderby, Kommunernas andel (kr)): cellen ingår i sammanfogade celler (från N5)');
    expect(result.stderr).toMatch(/har 3 fel/);
  });
});

describe('Swedish messages, files that are no workbook, control characters (item 12)', () => {
  async function zipOf(parts: Record<string, string>, name: string): Promise<string> {
    const zip = new JSZip();
    for (const [part, text] of Object.entries(parts)) zip.file(part, text);
    const file = path.join(dir, name);
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    return file;
  }

  test('an .ods and a .docx renamed .xlsx say what they are', async () => {
    const ods = await zipOf(
      { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' },
      'kalkyl.xlsx',
    );
    const docx = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }, 'brev.xlsx');
    expect(zipKind(fs.readFileSync(ods))).toBe('ods');
    expect(zipKind(fs.readFileSync(input))).toBe('xlsx');
    const a = await finsam('allocate', ods, '--out', path.join(dir, 'a.xlsx'), '-q');
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(
      `finsam: ${ods} är inte en Excel-arbetsbok (.xlsx): den är ett OpenDocument-kalkylark (.ods). Öppna den i LibreOffice eller Excel och spara den som Excel-arbetsbok (.xlsx).\n`,
    );
    const b = await finsam('allocate', docx, '--out', path.join(dir, 'b.xlsx'), '-q');
    expect(b.code).toBe(2);
    expect(b.stderr).toBe(`finsam: ${docx} är inte en Excel-arbetsbok (.xlsx): den är ett Word-dokument (.docx).\n`);
  });

  test("a file system error without a Swedish text gives its code, not node's English", async () => {
    const file = path.join(dir, 'fil.xlsx');
    fs.writeFileSync(file, 'x');
    // writing under a file (ENOTDIR)
    const result = await finsam('template', '--out', path.join(file, 'mall.xlsx'));
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/ENOTDIR:|no such|not a directory/i);
    expect(result.stderr).toMatch(/^finsam: .*(är en fil, inte en mapp|felkod)/);
  });

  test('control characters from a cell are escaped before they reach the terminal', async () => {
    // As Excel stores control characters in a cell's text: _x001B_ escapes in the shared strings
    const marked = await edited('styrtecken-markerad.xlsx', (workbook) => {
      federationCell(workbook, 'Norrby', 'Eget kapital').value = 'STYRTECKEN';
    });
    const zip = await JSZip.loadAsync(fs.readFileSync(marked));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('STYRTECKEN');
    zip.file('xl/sharedStrings.xml', strings.replace('STYRTECKEN', '_x001B_[2J_x001B_]0;hackad_x0007_ 2 milj\u202e'));
    const file = path.join(dir, 'styrtecken.xlsx');
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const result = await finsam('allocate', file, '--out', path.join(dir, 'styrtecken-ut.xlsx'), '-q');
    expect(result.code).toBe(2);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(result.stderr).toContain('"\\u001B[2J\\u001B]0;hackad\\u0007 2 milj\\u202E" är inget belopp');
    const json = await finsam('allocate', file, '--out', path.join(dir, 'styrtecken-ut.xlsx'), '-q', '--json');
    const parsed = JSON.parse(json.stdout) as { problems: { message: string }[] };
    expect(parsed.problems.some((p) => p.message.includes('\u001b[2J'))).toBe(true);
    expect(terminalText('a\u009bb\nc\u0000')).toBe('a\\u009Bb\nc\\u0000');
  });
});

describe("the pane's own chart is not a lost feature (item 13)", () => {
  /** A workbook after a run with a chart as the pane writes it: on Körlogg, titled RUN_CHART_TITLE (or another title). */
  async function withChart(name: string, title: string, sheetName = 'Körlogg'): Promise<string> {
    const first = path.join(dir, `${name}-forsta.xlsx`);
    expect((await finsam('allocate', input, '--out', first, '-q')).code).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(first));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const id = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(workbookXml)![1];
    const target =
      new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
    const sheetPart = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const sheetFile = sheetPart.replace(/^.*\//, '');
    const sheetRels = `xl/worksheets/_rels/${sheetFile}.rels`;
    const existing = zip.file(sheetRels)
      ? await zip.file(sheetRels)!.async('string')
      : '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    zip.file(
      sheetRels,
      existing.replace(
        '</Relationships>',
        '<Relationship Id="rIdChart9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing9.xml"/></Relationships>',
      ),
    );
    zip.file(
      'xl/drawings/drawing9.xml',
      '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>',
    );
    zip.file(
      'xl/drawings/_rels/drawing9.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart9.xml"/></Relationships>',
    );
    zip.file(
      'xl/charts/chart9.xml',
      `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>${title}</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>`,
    );
    const file = path.join(dir, `${name}.xlsx`);
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    return file;
  }

  test('the title recognised is the one the pane gives its chart', () => {
    expect(RUN_CHART_TITLE).toBe(CHART_TITLE);
  });

  test('allocate --in-place works on a workbook that has been through the pane', async () => {
    const file = await withChart('ruta', RUN_CHART_TITLE);
    const buffer = fs.readFileSync(file);
    expect([...ownChartParts(buffer).charts]).toEqual(['xl/charts/chart9.xml']);
    expect(lostFeatures(buffer)).toEqual([]);
    const result = await finsam('allocate', file, '--in-place', '-q');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test("a chart of the user's (another title, or on another sheet) still counts", async () => {
    const other = await withChart('egen', 'Mitt diagram');
    expect(lostFeatures(fs.readFileSync(other))).toEqual(['1 diagram följer inte med i utfilen (stöds inte av exceljs)']);
    expect((await finsam('allocate', other, '--in-place', '-q')).code).toBe(2);
    const elsewhere = await withChart('annat-blad', RUN_CHART_TITLE, 'Förbund');
    expect(lostFeatures(fs.readFileSync(elsewhere))).toEqual(['1 diagram följer inte med i utfilen (stöds inte av exceljs)']);
  });
});
