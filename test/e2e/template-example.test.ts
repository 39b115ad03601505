// End to end: `finsam template` and `finsam example` write real .xlsx files; a filled-in template and
// the example allocate; the committed example asset is what `finsam example` writes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { dataValidations } from '../../src/cli/xlsx';
import {
  FEDERATION_COLUMNS,
  AREA_COLUMNS,
  INSTRUCTIONS_SHEET,
  runAllocation,
  TEMPLATE_HEADER_ROW,
  WARNING_CODES,
} from '../../src/workbook';
import { EXAMPLE_BUDGET, EXAMPLE_TITLE, exampleSheets } from '../../src/workbook/example';
import { WORKED_EXAMPLE_EXPECTED, workedExampleRows } from '../fixtures/workbooks';
import { cellSnapshot, ensureBuilt, loadWorkbook, plain, ROOT, runCli, sheetByName, table, tempDir } from './helpers';

const ASSET = path.join(ROOT, 'assets', 'exempel-medelstilldelning.xlsx');
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('finsam template', () => {
  let file: string;
  beforeAll(() => {
    file = path.join(dir, 'mall.xlsx');
    const result = runCli(['template', '--out', file]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('has the instructions and the three input sheets with the spec headers and validations', async () => {
    const workbook = await loadWorkbook(file);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([INSTRUCTIONS_SHEET, 'Parametrar', 'Förbund', 'Kommuner']);
    const federations = sheetByName(workbook, 'Förbund');
    const headerRow = federations.getRow(TEMPLATE_HEADER_ROW + 1);
    expect(FEDERATION_COLUMNS.map((_, i) => plain(headerRow.getCell(i + 1)))).toEqual(FEDERATION_COLUMNS.map((c) => c.label));
    expect(headerRow.getCell(1).font?.bold).toBe(true);
    const areas = sheetByName(workbook, 'Kommuner');
    expect(AREA_COLUMNS.map((_, i) => plain(areas.getRow(TEMPLATE_HEADER_ROW + 1).getCell(i + 1)))).toEqual(
      AREA_COLUMNS.map((c) => c.label),
    );
    expect(table(sheetByName(workbook, 'Parametrar'), 'Parameter').rows.map((r) => r['Parameter'])).toContain('Statlig ram (kr)');

    // Validations: the split method list on Förbund, numbers ≥ 0 on money columns, frozen header
    const splitColumn = FEDERATION_COLUMNS.findIndex((c) => c.key === 'splitMethod') + 1;
    const dataRow = TEMPLATE_HEADER_ROW + 2;
    const splitCell = federations.getCell(dataRow, splitColumn).address;
    const validations = dataValidations(federations).model;
    expect(validations[splitCell]).toMatchObject({
      type: 'list',
      formulae: ['"Lika,Invånare,Försörjningsstöd"'],
      errorStyle: 'stop',
    });
    const equityCell = federations.getCell(dataRow, FEDERATION_COLUMNS.findIndex((c) => c.key === 'equity') + 1).address;
    // A warning that lets "400 000 kr" or 1 234,5 under a (tkr) header be kept
    expect(validations[equityCell]).toMatchObject({ type: 'whole', formulae: [0], errorStyle: 'warning' });
    expect(validations[federations.getCell(TEMPLATE_HEADER_ROW + 1, splitColumn).address]).toBeUndefined();
    expect(Object.keys(dataValidations(areas).model).length).toBeGreaterThan(0);
    expect(federations.views[0]).toMatchObject({ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW + 1 });
  });

  test('an empty template is reported, not crashed on: Statlig ram missing', () => {
    const result = runCli(['allocate', file, '--out', path.join(dir, 'tom-ut.xlsx')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Parametrar!B\d+: /m);
    expect(fs.existsSync(path.join(dir, 'tom-ut.xlsx'))).toBe(false);
  });

  test('a filled-in template allocates the worked example', async () => {
    const workbook = await loadWorkbook(file);
    const data = workedExampleRows();
    const parameters = sheetByName(workbook, 'Parametrar');
    parameters.eachRow((row) => {
      if (plain(row.getCell(1)) === 'Statlig ram (kr)') row.getCell(2).value = 9_000_000;
    });
    const write = (sheet: ExcelJS.Worksheet, rows: (string | number | boolean | null)[][]) =>
      rows.forEach((row, i) =>
        row.forEach((value, j) => value !== '' && (sheet.getCell(TEMPLATE_HEADER_ROW + 2 + i, j + 1).value = value)),
      );
    write(sheetByName(workbook, 'Förbund'), data.federations);
    write(sheetByName(workbook, 'Kommuner'), data.areas);
    const filled = path.join(dir, 'ifylld.xlsx');
    await workbook.xlsx.writeFile(filled);
    const out = path.join(dir, 'ifylld-resultat.xlsx');
    const result = runCli(['allocate', filled, '--out', out, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rows = table(sheetByName(await loadWorkbook(out), 'Förbund'), 'Förbund').rows;
    expect(rows.map((r) => [r['Förbund'], r['Slutlig tilldelning (kr)']])).toEqual(
      Object.entries(WORKED_EXAMPLE_EXPECTED.federations).map(([name, e]) => [name, e.final]),
    );
    expect(result.stdout).toContain('Ej fördelat: 788 957 kr');
  });
});

describe('the national example', () => {
  const sheets = exampleSheets();
  const run = runAllocation(
    sheets.map((s) => ({ name: s.name, values: s.values })),
    { timestamp: new Date(2027, 0, 1) },
  );

  test('is a national-scale, fictional round', () => {
    expect(sheets.map((s) => s.name)).toEqual(['Om exemplet', 'Parametrar', 'Förbund', 'Kommuner']);
    for (const sheet of sheets) expect(String(sheet.values[0][0])).toContain('Fiktiva uppgifter');
    expect(EXAMPLE_TITLE).toContain('Fiktiva uppgifter');
    if (!run.ok) throw new Error(run.problems.map((p) => `${p.address}: ${p.message}`).join('\n'));
    const { input, result } = run;
    expect(input.federations.length).toBeGreaterThanOrEqual(75);
    expect(input.federations.length).toBeLessThanOrEqual(85);
    expect(input.areas.length).toBeGreaterThanOrEqual(270);
    expect(input.areas.length).toBeLessThanOrEqual(310);
    expect(new Set(input.federations.map((f) => f.vo))).toEqual(new Set(['Syd', 'Väst', 'Mitt', 'Stockholm', 'Nord']));
    expect(input.federations.every((f) => /^(Samordningsförbundet|Finsam) /.test(f.name))).toBe(true);
    expect(result.parameters.budget.toNumber()).toBe(EXAMPLE_BUDGET);
    expect(result.parameters.year).toBe(2027);
    // Populations 16–64 between about 2 000 and 300 000 per area
    const populations = input.areas.map((a) => a.population.toNumber());
    expect(Math.min(...populations)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...populations)).toBeLessThanOrEqual(300_000);
    expect(Math.max(...populations)).toBeGreaterThan(150_000);
    // Municipalities split between federations (Område)
    const federationsOf = new Map<string, Set<string>>();
    for (const a of input.areas)
      federationsOf.set(a.municipality, (federationsOf.get(a.municipality) ?? new Set()).add(a.federation));
    expect([...federationsOf.values()].filter((s) => s.size > 1).length).toBeGreaterThanOrEqual(3);
    // Last year's allocations in a plausible band around this year's model (a year of cuts)
    const ratios = result.federations
      .filter((f) => f.previousAllocation && f.months === 12)
      .map((f) => f.previousAllocation!.div(f.ideal).toNumber());
    expect(Math.min(...ratios)).toBeGreaterThan(0.8);
    expect(Math.max(...ratios)).toBeLessThan(1.6);
  });

  test('every warning code occurs, both tiers of the additional funds show, and the numbers add up', () => {
    if (!run.ok) throw new Error('example does not read');
    const { result } = run;
    const codes = new Set(result.federations.flatMap((f) => f.warnings.map((w) => w.code)));
    for (const code of WARNING_CODES) expect([code, codes.has(code)]).toEqual([code, true]);
    expect(result.scenario.label).toBe('Underskott och överskott');
    const tier1 = result.federations.filter((f) => f.tier === 1);
    const tier2 = result.federations.filter((f) => f.tier === 2);
    expect(tier1.length).toBeGreaterThan(0);
    expect(tier2.length).toBeGreaterThan(0);
    expect(tier1.every((f) => f.extra.eq(f.want))).toBe(true); // the first tier is served in full
    expect(tier2.every((f) => f.extra.gt(0) && f.extra.lt(f.want))).toBe(true); // the second shares what is left
    expect(result.federations.some((f) => f.splitMethod === 'lika')).toBe(true);
    expect(result.federations.some((f) => f.splitMethod === 'forsorjningsstod')).toBe(true);
    expect(result.federations.some((f) => f.months < 12)).toBe(true);
    const sumFinal = result.federations.reduce((sum, f) => sum + f.rounded.final.toNumber(), 0);
    expect(sumFinal + result.totals.undistributed.toNumber()).toBe(EXAMPLE_BUDGET);
    for (const f of result.federations) {
      expect(f.rounded.municipalShare.plus(f.rounded.regionShare).eq(f.rounded.final)).toBe(true);
      const contributions = result.municipalContributions.filter((m) => m.federation === f.name);
      expect(contributions.reduce((sum, m) => sum + m.rounded.toNumber(), 0)).toBe(f.rounded.municipalShare.toNumber());
    }
  });

  test('`finsam example` writes exactly the committed asset (cell values and styles), byte-stable', async () => {
    const first = path.join(dir, 'exempel-1.xlsx');
    const second = path.join(dir, 'exempel-2.xlsx');
    expect(runCli(['example', '--out', first]).status).toBe(0);
    expect(runCli(['example', '--out', second]).status).toBe(0);
    expect(fs.readFileSync(first).equals(fs.readFileSync(second))).toBe(true);
    expect(fs.existsSync(ASSET)).toBe(true);
    const written = await loadWorkbook(first);
    const committed = await loadWorkbook(ASSET);
    expect(written.worksheets.map((ws) => ws.name)).toEqual(committed.worksheets.map((ws) => ws.name));
    for (const sheet of committed.worksheets) {
      const a = cellSnapshot(sheet);
      const b = cellSnapshot(sheetByName(written, sheet.name));
      expect(b).toEqual(a);
    }
    // And the file holds the same values as exampleSheets() (what the engine test above used)
    const federations = table(sheetByName(written, 'Förbund'), 'Förbund').rows;
    const expected = sheets.find((s) => s.name === 'Förbund')!.values.slice(3);
    expect(federations.map((r) => r['Förbund'])).toEqual(expected.map((row) => row[0]));
  });

  test('the example allocates from the command line and its output adds up', async () => {
    const out = path.join(dir, 'exempel-resultat.xlsx');
    const result = runCli(['allocate', ASSET, '--out', out, '--json', '--quiet']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      budget: number;
      totalFinal: number;
      undistributed: number;
      federationCount: number;
      warningCounts: Record<string, number>;
    };
    expect(summary.budget).toBe(EXAMPLE_BUDGET);
    expect(summary.totalFinal + summary.undistributed).toBe(EXAMPLE_BUDGET);
    expect(Object.keys(summary.warningCounts).sort()).toEqual([...WARNING_CODES].sort());
    const workbook = await loadWorkbook(out);
    const rows = table(sheetByName(workbook, 'Förbund'), 'Förbund').rows;
    expect(rows.length).toBe(summary.federationCount);
    expect(rows.reduce((sum, r) => sum + (r['Slutlig tilldelning (kr)'] as number), 0)).toBe(summary.totalFinal);
  });
});
