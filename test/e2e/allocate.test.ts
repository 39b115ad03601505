// End to end: a messy, hand-typed .xlsx of the worked example through `node bin/finsam.js allocate`,
// the output reopened with exceljs. Numbers from shared/spec/worked-example.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { runAllocation } from '../../src/workbook';
import { readSheets } from '../../src/cli/xlsx';
import { FEDERATION_OUTPUT_HEADERS, MONEY_FORMAT } from '../../src/workbook/types';
import {
  brokenWorkedExample,
  fixtureSheetValues,
  fixtureWorkbook,
  messyWorkedExample,
  UNRELATED_SHEET,
  WORKED_EXAMPLE_EXPECTED,
  writeFixture,
} from '../fixtures/workbooks';
import {
  cellSnapshot,
  ensureBuilt,
  loadWorkbook,
  plain,
  runCli,
  sheetByName,
  sheetSnapshot,
  storedNumberFormats,
  table,
  tempDir,
  zipPartText,
} from './helpers';

const E = WORKED_EXAMPLE_EXPECTED;
let dir: string;
let input: string;
let output: string;
let rerun: string;
let first: { status: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir();
  input = path.join(dir, 'indata.xlsx');
  output = path.join(dir, 'resultat.xlsx');
  rerun = path.join(dir, 'resultat-igen.xlsx');
  await writeFixture(messyWorkedExample(), input);
  first = runCli(['allocate', input, '--out', output, '--quiet']);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function federationRows(workbook: ExcelJS.Workbook): Map<string, Record<string, unknown>> {
  const { rows } = table(sheetByName(workbook, 'Förbund'), 'Förbund');
  return new Map(rows.map((row) => [String(row['Förbund']), row]));
}

function runLog(workbook: ExcelJS.Workbook): Map<string, unknown> {
  const { rows } = table(sheetByName(workbook, 'Körlogg'), 'Uppgift');
  return new Map(rows.map((row) => [String(row['Uppgift']), row['Värde']]));
}

describe('finsam allocate on a messy worked example', () => {
  test('exits 0 and prints a Swedish summary', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`resultatet är skrivet till ${output}`);
    expect(first.stdout).toContain('Scenario: Överskott');
    expect(first.stdout).toContain('Statlig ram: 9 000 000 kr');
    expect(first.stdout).toContain('Summa slutlig tilldelning: 8 211 043 kr');
    expect(first.stdout).toContain('Ej fördelat: 788 957 kr');
    expect(first.stdout).toMatch(/Förbund: 4, kommuner: 6/);
    expect(first.stdout).toMatch(/MATCHNING 1/);
    expect(first.stdout).toMatch(/NY 1/);
  });

  test('writes the worked example numbers in the output columns', async () => {
    const workbook = await loadWorkbook(output);
    const rows = federationRows(workbook);
    expect([...rows.keys()]).toEqual(['Norrby', 'Söderby', 'Österby', 'Västerby']);
    for (const [name, expected] of Object.entries(E.federations)) {
      const row = rows.get(name)!;
      expect(row['Idealfördelning (kr)']).toBe(expected.ideal);
      expect(row['Efter spärr (kr)']).toBe(expected.afterFloor);
      expect(row['Matchad tilldelning (kr)']).toBe(expected.matched);
      expect(row['Ytterligare medel (kr)']).toBe(expected.extra);
      expect(row['Slutlig tilldelning (kr)']).toBe(expected.final);
      expect(row['Kommunernas andel (kr)']).toBe(expected.municipal);
      expect(row['Regionens andel (kr)']).toBe(expected.final - expected.municipal);
      expect(row['Rimligt eget kapital (kr)']).toBe(expected.reasonable);
      const codes = String(row['Varningar'] ?? '')
        .split('; ')
        .filter(Boolean)
        .map((w) => w.split(':')[0])
        .sort();
      expect(codes).toEqual([...expected.warnings].sort());
    }
    const log = runLog(workbook);
    expect(log.get('Ej fördelat (kr)')).toBe(E.undistributed);
    expect(log.get('Statlig ram (kr)')).toBe(E.budget);
    expect(log.get('Scenario')).toBe(E.scenario);
    expect(log.get('Antal förbund')).toBe(4);
    expect(typeof log.get('Tidpunkt')).toBe('string');
    expect(String(log.get('Fingeravtryck') ?? '')).not.toBe('');
  });

  test('identities hold: Σ Slutlig + Ej fördelat = ram, Kommunernas + Regionens = Slutlig, Kommunbidrag sums', async () => {
    const workbook = await loadWorkbook(output);
    const rows = [...federationRows(workbook).values()];
    const sumFinal = rows.reduce((sum, row) => sum + (row['Slutlig tilldelning (kr)'] as number), 0);
    expect(sumFinal + (runLog(workbook).get('Ej fördelat (kr)') as number)).toBe(E.budget);
    for (const row of rows) {
      expect((row['Kommunernas andel (kr)'] as number) + (row['Regionens andel (kr)'] as number)).toBe(
        row['Slutlig tilldelning (kr)'],
      );
      expect((row['Matchad tilldelning (kr)'] as number) + (row['Ytterligare medel (kr)'] as number)).toBe(
        row['Slutlig tilldelning (kr)'],
      );
    }
    const contributions = table(sheetByName(workbook, 'Kommunbidrag'), 'Förbund').rows.filter((r) => r['Förbund'] !== 'Summa');
    expect(contributions.map((r) => `${r['Förbund']}/${r['Kommun']}`).sort()).toEqual(
      ['Norrby/Norrby', 'Söderby/Söderby', 'Söderby/Åby', 'Västerby/Lillby', 'Västerby/Västerby', 'Österby/Österby'].sort(),
    );
    const byFederation = new Map<string, number>();
    for (const r of contributions)
      byFederation.set(String(r['Förbund']), (byFederation.get(String(r['Förbund'])) ?? 0) + (r['Bidrag (kr)'] as number));
    for (const row of rows) expect(byFederation.get(String(row['Förbund']))).toBe(row['Kommunernas andel (kr)']);
    // Söderby split by inhabitants: 30 000 / 39 000 of 900 000 kr
    expect(contributions.find((r) => r['Kommun'] === 'Söderby')!['Bidrag (kr)']).toBe(692_308);
    expect(contributions.find((r) => r['Kommun'] === 'Åby')!['Bidrag (kr)']).toBe(207_692);
  });

  test('money cells carry the money number format; warning rows are highlighted on output cells only', async () => {
    const workbook = await loadWorkbook(output);
    const sheet = sheetByName(workbook, 'Förbund');
    const { headerRow, headers } = table(sheet, 'Förbund');
    const finalColumn = headers.indexOf('Slutlig tilldelning (kr)') + 1;
    const söderbyRow = headerRow + 2;
    expect(plain(sheet.getCell(söderbyRow, 3))).toBe('Söderby');
    expect(sheet.getCell(söderbyRow, finalColumn).numFmt).toBe(MONEY_FORMAT);
    expect(MONEY_FORMAT).toBe('[>=1000000000]#\\ ###\\ ###\\ ##0;[>=1000000]#\\ ###\\ ##0;#\\ ##0');
    const fill = sheet.getCell(söderbyRow, finalColumn).fill as ExcelJS.FillPattern | undefined;
    expect(fill?.pattern).toBe('solid');
    // Norrby has no warnings: no fill on its output cells
    expect((sheet.getCell(headerRow + 1, finalColumn).fill as ExcelJS.FillPattern | undefined)?.pattern).not.toBe('solid');
    expect(sheet.getCell(headerRow, finalColumn).font?.bold).toBe(true);
    // Output columns sit right after the last input column (Anteckning, column I)
    expect(headers.slice(9, 9 + FEDERATION_OUTPUT_HEADERS.length)).toEqual([...FEDERATION_OUTPUT_HEADERS]);
  });

  test('every input cell, formula, style, merge, width, the unrelated sheet and defined names are untouched', async () => {
    const before = await loadWorkbook(input);
    const after = await loadWorkbook(output);
    expect(after.worksheets.map((ws) => ws.name)).toEqual([
      ...before.worksheets.map((ws) => ws.name),
      'Kommunbidrag',
      'Underlag',
      'Diagram',
      'Körlogg',
    ]);
    // The unrelated sheet counts rows on Förbund: its formulas lose their cached results, so that every
    // spreadsheet program calculates them again on open (formula text, styles and the rest are kept)
    const withoutResults = (
      cells: Map<string, { value: unknown; style: unknown }>,
    ): Map<string, { value: unknown; style: unknown }> =>
      new Map(
        [...cells].map(([address, cell]) => {
          if (cell.value === null || typeof cell.value !== 'object' || !('formula' in cell.value)) return [address, cell];
          const { result: _result, ...formula } = cell.value as Record<string, unknown>;
          return [address, { ...cell, value: formula }];
        }),
      );
    for (const sheet of before.worksheets) {
      const afterSheet = sheetByName(after, sheet.name);
      const expected = sheet.name === UNRELATED_SHEET ? withoutResults(cellSnapshot(sheet)) : cellSnapshot(sheet);
      const actual = cellSnapshot(afterSheet);
      for (const [address, cell] of expected) expect({ address, ...actual.get(address) }).toEqual({ address, ...cell });
      if (sheet.name !== 'Förbund') expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      const snapBefore = sheetSnapshot(sheet) as Record<string, unknown>;
      const snapAfter = sheetSnapshot(afterSheet) as Record<string, unknown>;
      expect(snapAfter.merges).toEqual(snapBefore.merges);
      if (sheet.name !== 'Förbund') expect(snapAfter).toEqual(snapBefore);
    }
    // Förbund: widths of the input columns are kept
    const colsBefore = sheetByName(before, 'Förbund')
      .columns.slice(0, 9)
      .map((c) => c.width);
    const colsAfter = sheetByName(after, 'Förbund')
      .columns.slice(0, 9)
      .map((c) => c.width);
    expect(colsAfter).toEqual(colsBefore);
    expect(after.definedNames.model).toEqual(before.definedNames.model);
    // Number formats with backslash escapes survive (exceljs alone would strip them: see src/cli/xlsx.ts)
    const formatsAfter = storedNumberFormats(output);
    for (const format of storedNumberFormats(input)) expect(formatsAfter).toContain(format);
    expect(storedNumberFormats(input)).toEqual(expect.arrayContaining(['0.0\\%', '#\\ ##0\\ \\k\\r']));
    const notes = sheetByName(after, UNRELATED_SHEET);
    expect(notes.getCell('A4').value).toEqual({ formula: 'A2+A3' });
    expect(notes.getCell('A5').value).toEqual({ formula: 'COUNTA(Förbund!C4:C8)' });
    // Formulas in the cells the run read keep their results: they are its input
    expect(sheetByName(after, 'parametrar').getCell('B7').value).toEqual({ formula: '4*100000', result: 400_000 });
    expect(sheetByName(after, 'Förbund').getCell('D5').value).toEqual({ formula: '2400*1000', result: 2_400_000 });
    expect(sheetByName(after, 'Kommuner').getCell('E9').value).toEqual({ formula: '100+50', result: 150 });
    // …and Excel recalculates everything on open
    expect(zipPartText(fs.readFileSync(output), 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  test('a rerun on its own output gives the same workbook, cell for cell (only Körlogg Tidpunkt may differ)', async () => {
    const again = runCli(['allocate', output, '--out', rerun, '--quiet']);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const a = await loadWorkbook(output);
    const b = await loadWorkbook(rerun);
    expect(b.worksheets.map((ws) => ws.name)).toEqual(a.worksheets.map((ws) => ws.name));
    for (const sheet of a.worksheets) {
      const other = sheetByName(b, sheet.name);
      const cellsA = cellSnapshot(sheet);
      const cellsB = cellSnapshot(other);
      if (sheet.name === 'Körlogg') {
        const tidpunkt = [...cellsA.entries()].find(([, c]) => c.value === 'Tidpunkt')![0].replace('A', 'B');
        cellsA.delete(tidpunkt);
        cellsB.delete(tidpunkt);
      }
      expect([...cellsB.keys()].sort()).toEqual([...cellsA.keys()].sort());
      for (const [address, cell] of cellsA)
        expect({ sheet: sheet.name, address, ...cellsB.get(address) }).toEqual({ sheet: sheet.name, address, ...cell });
      expect(sheetSnapshot(other)).toEqual(sheetSnapshot(sheet));
    }
    // No duplicated output columns
    const headers = table(sheetByName(b, 'Förbund'), 'Förbund').headers.filter(Boolean);
    expect(headers.length).toBe(9 + FEDERATION_OUTPUT_HEADERS.length);
  });

  test('the same input as 2-D arrays and as an .xlsx file gives identical results', async () => {
    const timestamp = new Date(2027, 0, 15, 9, 30, 0);
    const fromArrays = runAllocation(fixtureSheetValues(messyWorkedExample()), { timestamp });
    const workbook = await loadWorkbook(input);
    const sheets = readSheets(workbook);
    expect(sheets).toEqual(fixtureSheetValues(messyWorkedExample()));
    const fromFile = runAllocation(sheets, { timestamp });
    expect(fromArrays.ok).toBe(true);
    // The blank row between the federations is not written (null), not blanked ('')
    if (fromArrays.ok) expect(fromArrays.plan.blocks[0].values.filter((row) => row.every((v) => v === null))).toHaveLength(1);
    expect(fromFile).toEqual(fromArrays);
    // …and what the command line wrote is that plan's values
    if (!fromArrays.ok) return;
    const written = await loadWorkbook(output);
    for (const block of fromArrays.plan.blocks) {
      const sheet = sheetByName(written, block.sheet);
      block.values.forEach((row, i) =>
        row.forEach((value, j) => {
          // null: a row that is neither the header nor a federation is left as it was (empty here)
          const cell = plain(sheet.getCell(block.row + i + 1, block.column + j + 1));
          expect(cell ?? '').toEqual(value ?? '');
        }),
      );
    }
  });
});

describe('a header row with a style of its own (row-level formatting)', () => {
  test('the first run and a rerun write identical output cells, values and styles', async () => {
    const local = tempDir();
    try {
      const workbook = fixtureWorkbook(messyWorkedExample());
      const federations = workbook.getWorksheet('Förbund')!;
      // Row 3 (the header row) formatted as a whole row: new cells in it inherit this
      federations.getRow(3).font = { italic: true, color: { argb: 'FF1F4E79' } };
      federations.getRow(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      const styled = path.join(local, 'radformat.xlsx');
      const once = path.join(local, 'radformat-1.xlsx');
      const twice = path.join(local, 'radformat-2.xlsx');
      await workbook.xlsx.writeFile(styled);
      expect(runCli(['allocate', styled, '--out', once, '--quiet']).status).toBe(0);
      expect(runCli(['allocate', once, '--out', twice, '--quiet']).status).toBe(0);
      const first = sheetByName(await loadWorkbook(once), 'Förbund');
      const second = sheetByName(await loadWorkbook(twice), 'Förbund');
      // The output header cells keep the row's look and are bold
      const header = first.getRow(3);
      const idealColumn = FEDERATION_OUTPUT_HEADERS.indexOf('Idealfördelning (kr)') + 10;
      expect(plain(header.getCell(idealColumn))).toBe('Idealfördelning (kr)');
      expect(header.getCell(idealColumn).font).toMatchObject({ italic: true, bold: true, color: { argb: 'FF1F4E79' } });
      expect((header.getCell(idealColumn).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDDEBF7');
      const a = cellSnapshot(first);
      const b = cellSnapshot(second);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [address, cell] of a) expect({ address, ...b.get(address) }).toEqual({ address, ...cell });
    } finally {
      fs.rmSync(local, { recursive: true, force: true });
    }
  });
});

describe('a rerun after a federation is taken out', () => {
  test('its old output cells come back empty, without the formats the run gave them', async () => {
    const local = tempDir();
    try {
      const once = path.join(local, 'forsta.xlsx');
      const edited = path.join(local, 'utan-vasterby.xlsx');
      const twice = path.join(local, 'andra.xlsx');
      expect(runCli(['allocate', input, '--out', once, '--quiet']).status).toBe(0);
      const workbook = await loadWorkbook(once);
      const federations = sheetByName(workbook, 'Förbund');
      const { headers } = table(federations, 'Förbund');
      const warningsColumn = headers.indexOf('Varningar') + 1;
      const finalColumn = headers.indexOf('Slutlig tilldelning (kr)') + 1;
      // After the first run the Västerby row (row 8) has text-formatted warnings and a money cell
      expect(String(plain(federations.getRow(8).getCell(3)))).toBe('Västerby');
      expect(federations.getRow(8).getCell(warningsColumn).numFmt).toBe('@');
      expect(federations.getRow(8).getCell(finalColumn).numFmt).toBe(MONEY_FORMAT);
      // A person removes Västerby: its input cells and its two municipalities
      for (let c = 1; c <= 9; c += 1) federations.getRow(8).getCell(c).value = null;
      const municipalities = sheetByName(workbook, 'Kommuner');
      for (const r of [8, 9]) for (let c = 1; c <= 5; c += 1) municipalities.getRow(r).getCell(c).value = null;
      await workbook.xlsx.writeFile(edited);
      const again = runCli(['allocate', edited, '--out', twice, '--quiet']);
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
      const result = sheetByName(await loadWorkbook(twice), 'Förbund');
      expect(federationRows(await loadWorkbook(twice)).has('Västerby')).toBe(false);
      for (const header of FEDERATION_OUTPUT_HEADERS) {
        const cell = result.getRow(8).getCell(headers.indexOf(header) + 1);
        expect({ header, value: plain(cell), numFmt: cell.numFmt }).toEqual({ header, value: null, numFmt: undefined });
      }
      // The rows still in the table keep theirs
      expect(result.getRow(7).getCell(warningsColumn).numFmt).toBe('@');
      expect(result.getRow(7).getCell(finalColumn).numFmt).toBe(MONEY_FORMAT);
    } finally {
      fs.rmSync(local, { recursive: true, force: true });
    }
  });
});

describe('finsam allocate on bad input', () => {
  test('exit code 2, every problem with its address, no output file, an existing output left as it was', async () => {
    const local = tempDir();
    try {
      const bad = path.join(local, 'fel.xlsx');
      const target = path.join(local, 'ut.xlsx');
      const { fixture, addresses } = brokenWorkedExample();
      await writeFixture(fixture, bad);
      const missing = runCli(['allocate', bad, '--out', target]);
      expect(missing.status).toBe(2);
      // a problem names its federation and column beside the address: `Förbund!C3 (Beta, Eget kapital (kr)): …`
      for (const address of addresses) expect(missing.stderr).toMatch(new RegExp(`^${address}( \\(.*?\\))?: \\S`, 'm'));
      expect(missing.stderr).toContain('Förbund!B4 (Norrby, Eget kapital (tkr)): "ca 2 milj" är inget belopp');
      expect(fs.existsSync(target)).toBe(false);

      fs.writeFileSync(target, 'tidigare innehåll');
      const mtime = fs.statSync(target).mtimeMs;
      const again = runCli(['allocate', bad, '--out', target, '--quiet']);
      expect(again.status).toBe(2);
      expect(fs.readFileSync(target, 'utf8')).toBe('tidigare innehåll');
      expect(fs.statSync(target).mtimeMs).toBe(mtime);
      // No temporary files left behind
      expect(fs.readdirSync(local).sort()).toEqual(['fel.xlsx', 'ut.xlsx']);

      const json = runCli(['allocate', bad, '--out', target, '--json', '--quiet']);
      expect(json.status).toBe(2);
      const parsed = JSON.parse(json.stdout) as { ok: boolean; problems: { address: string; message: string }[] };
      expect(parsed.ok).toBe(false);
      expect(parsed.problems.map((p) => p.address)).toEqual(expect.arrayContaining(addresses));
    } finally {
      fs.rmSync(local, { recursive: true, force: true });
    }
  });

  test('a missing, unreadable or non-xlsx file: exit 2 with a Swedish message', () => {
    const local = tempDir();
    try {
      const none = runCli(['allocate', path.join(local, 'finns-inte.xlsx'), '--out', path.join(local, 'ut.xlsx')]);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('finns inte');
      const text = path.join(local, 'text.xlsx');
      fs.writeFileSync(text, 'Förbund;Kommun\n');
      const notXlsx = runCli(['allocate', text, '--out', path.join(local, 'ut.xlsx')]);
      expect(notXlsx.status).toBe(2);
      expect(notXlsx.stderr).toContain('är inte en Excel-arbetsbok');
      const xls = path.join(local, 'gammal.xls');
      fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
      const old = runCli(['allocate', xls, '--out', path.join(local, 'ut.xlsx')]);
      expect(old.status).toBe(2);
      expect(old.stderr).toContain('.xls-formatet');
      expect(fs.readdirSync(local).sort()).toEqual(['gammal.xls', 'text.xlsx']);
    } finally {
      fs.rmSync(local, { recursive: true, force: true });
    }
  });

  test('refuses to write over the input unless --in-place', async () => {
    const local = tempDir();
    try {
      const file = path.join(local, 'indata.xlsx');
      await writeFixture(messyWorkedExample(), file);
      const bytes = fs.readFileSync(file);
      const same = runCli(['allocate', file, '--out', path.join(local, '.', 'indata.xlsx')]);
      expect(same.status).toBe(2);
      expect(same.stderr).toContain('samma fil som indatafilen');
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      const inPlace = runCli(['allocate', file, '--in-place', '--json', '--quiet']);
      expect(inPlace.status).toBe(0);
      const summary = JSON.parse(inPlace.stdout) as {
        ok: boolean;
        output: string;
        undistributed: number;
        federationCount: number;
      };
      expect(summary).toMatchObject({ ok: true, undistributed: E.undistributed, federationCount: 4 });
      const rows = federationRows(await loadWorkbook(file));
      expect(rows.get('Västerby')!['Slutlig tilldelning (kr)']).toBe(E.federations.Västerby.final);
    } finally {
      fs.rmSync(local, { recursive: true, force: true });
    }
  });
});
