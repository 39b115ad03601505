// End to end: `finsam targeted` on real .xlsx files — the bundled example's figures read back from the
// written Riktade medel sheet (44 / 47 / 3 / 28 / 15 / 17, about 21 and 12.9 Mkr, pot 13 Mkr, cap
// 500 000), exit codes, --json, no file on problems, --force, and `template --riktade`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { APPLICATION_COLUMNS } from '../../src/workbook/application-columns';
import { TEMPLATE_HEADER_ROW } from '../../src/workbook';
import { ensureBuilt, loadWorkbook, plain, ROOT, runCli, sheetByName, tempDir } from './helpers';

const ASSET = path.join(ROOT, 'assets', 'exempel-riktade-medel.xlsx');
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Riktade medel's Uppgift → Värde. */
function figures(workbook: ExcelJS.Workbook): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  sheetByName(workbook, 'Riktade medel').eachRow((row) => {
    const label = plain(row.getCell(1));
    if (typeof label === 'string') out[label] = plain(row.getCell(2));
  });
  return out;
}

describe('the bundled example', () => {
  let output: string;
  let result: ReturnType<typeof runCli>;
  beforeAll(() => {
    output = path.join(dir, 'riktade-ut.xlsx');
    result = runCli(['targeted', ASSET, '--out', output, '--quiet']);
  });

  test('is the file `finsam example --riktade` writes, marked fictional', async () => {
    const fresh = path.join(dir, 'exempel-riktade.xlsx');
    expect(runCli(['example', '--riktade', '--out', fresh]).status).toBe(0);
    const [a, b] = await Promise.all([loadWorkbook(ASSET), loadWorkbook(fresh)]);
    const cells = (wb: ExcelJS.Workbook) =>
      wb.worksheets.map((ws) => {
        const rows: unknown[] = [];
        ws.eachRow((row) => rows.push(row.values));
        return [ws.name, rows];
      });
    expect(cells(a)).toEqual(cells(b));
    expect(String(plain(sheetByName(a, 'Om exemplet').getCell('A1')))).toMatch(/^Fiktiva uppgifter/);
    expect(String(plain(sheetByName(a, 'Om exemplet').getCell('A3')))).toMatch(/påhittat/);
  });

  test('runs with exit code 0 and gives the 2016 round’s figures on Riktade medel', async () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const f = figures(await loadWorkbook(output));
    expect(f).toMatchObject({
      'Pott (kr)': 13_000_000,
      'Tak per ansökan (kr)': 500_000,
      'Antal ansökningar': 44,
      'Antal insatser': 47,
      'Gemensamma ansökningar': 3,
      'Insatser beviljade helt eller delvis': 28,
      'varav Behovsanalys och plan': 15,
      'varav Aktiv insats': 17,
      Avslag: 19,
      'Ej beslutade': 0,
    });
    // "a little over 21 Mkr applied for and a little over 12.9 Mkr granted"
    expect(f['Sökt belopp (kr)']).toBe(21_050_000);
    expect(f['Beviljat belopp (kr)']).toBe(12_935_000);
    expect(f['Kvar av potten (kr)']).toBe(65_000);
  });

  test('per VO and per federation add up to the round (joint grants divided)', async () => {
    const ws = sheetByName(await loadWorkbook(output), 'Riktade medel');
    const rowsAfter = (title: string) => {
      const out: unknown[][] = [];
      let on = false;
      ws.eachRow({ includeEmpty: true }, (row) => {
        const first = plain(row.getCell(1));
        if (first === title) return void (on = true);
        if (!on) return;
        if (first === null || first === '') return void (on = false);
        out.push([1, 2, 3, 4, 5, 6].map((c) => plain(row.getCell(c))));
      });
      return out.slice(1);
    };
    const byVo = rowsAfter('Per VO');
    const byFederation = rowsAfter('Per förbund');
    expect(byVo.length).toBe(5);
    expect(byVo.reduce((s, r) => s + Number(r[4]), 0)).toBe(12_935_000);
    expect(byFederation.reduce((s, r) => s + Number(r[5]), 0)).toBe(12_935_000);
    expect(byFederation.reduce((s, r) => s + Number(r[4]), 0)).toBe(21_050_000);
    // a joint application counts for each of its federations: 44 + (2 − 1) + (3 − 1) + (2 − 1)
    expect(byFederation.reduce((s, r) => s + Number(r[2]), 0)).toBe(48);
  });

  test('Beslut per insats on Ansökningar, the typed decisions and the proposal column untouched', async () => {
    const ws = sheetByName(await loadWorkbook(output), 'Ansökningar');
    const header = ws.getRow(TEMPLATE_HEADER_ROW + 1);
    const headers = [9, 10, 11].map((c) => plain(header.getCell(c)));
    // Decisions are typed: no Förslag (kr) column is written
    expect(headers).toEqual(['Beslut', 'Varningar', null]);
    const decisions: Record<string, number> = {};
    for (let r = TEMPLATE_HEADER_ROW + 2; r <= ws.rowCount; r++) {
      const d = String(plain(ws.getRow(r).getCell(9)));
      decisions[d] = (decisions[d] ?? 0) + 1;
    }
    expect(decisions).toEqual({ Beviljad: 18, Delvis: 10, Avslag: 19 });
    const source = await loadWorkbook(ASSET);
    const granted = APPLICATION_COLUMNS.findIndex((c) => c.key === 'granted') + 1;
    for (let r = TEMPLATE_HEADER_ROW + 2; r <= ws.rowCount; r++)
      expect(plain(ws.getRow(r).getCell(granted))).toEqual(plain(sheetByName(source, 'Ansökningar').getRow(r).getCell(granted)));
  });

  test('--json gives the figures; an existing output needs --force', () => {
    const again = runCli(['targeted', ASSET, '--out', output, '--json']);
    expect(again.status).toBe(2);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false });
    const forced = runCli(['targeted', ASSET, '--out', output, '--json', '--force']);
    expect(forced.status).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({
      ok: true,
      applications: 44,
      insatser: 47,
      jointApplications: 3,
      grantedInsatser: 28,
      grantedByType: { 'Behovsanalys och plan': 15, 'Aktiv insats': 17 },
      requested: 21_050_000,
      granted: 12_935_000,
      pot: 13_000_000,
      cap: 500_000,
      basis: 'Beviljat',
    });
  });
});

describe('problems: exit code 2, every problem, no file', () => {
  test('a broken Ansökningar', async () => {
    const workbook = await loadWorkbook(ASSET);
    const ws = sheetByName(workbook, 'Ansökningar');
    ws.getCell('B4').value = 'Påhittatby';
    ws.getCell('F5').value = 'ca 2 milj';
    ws.getCell('G6').value = 9_999_999;
    const input = path.join(dir, 'trasig.xlsx');
    await workbook.xlsx.writeFile(input);
    const output = path.join(dir, 'trasig-ut.xlsx');
    const result = runCli(['targeted', input, '--out', output]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^trasig\.xlsx har \d+ fel; ingen fil skrevs:|har \d+ fel; ingen fil skrevs:/m);
    expect(result.stderr).toMatch(/^Ansökningar!B4: Ansökan RM-01: förbundet Påhittatby finns inte på bladet Förbund$/m);
    expect(result.stderr).toMatch(/^Ansökningar!F5: "ca 2 milj" är inget belopp$/m);
    expect(result.stderr).toMatch(/^Ansökningar!G6: .*beviljat 9 999 999 kr är mer än sökt/m);
    expect(fs.existsSync(output)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.trasig-ut'))).toEqual([]);
  });

  test('usage errors', () => {
    expect(runCli(['targeted']).status).toBe(2);
    expect(runCli(['targeted', ASSET]).status).toBe(2);
    expect(runCli(['targeted', ASSET, '--out', ASSET]).status).toBe(2);
  });
});

describe('finsam template --riktade', () => {
  test('adds an empty Ansökningar sheet with its headers; the template alone has none', async () => {
    const file = path.join(dir, 'mall-riktade.xlsx');
    const r = runCli(['template', '--riktade', '--out', file]);
    expect(r.status).toBe(0);
    const workbook = await loadWorkbook(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Instruktioner', 'Parametrar', 'Förbund', 'Kommuner', 'Ansökningar']);
    const header = sheetByName(workbook, 'Ansökningar').getRow(TEMPLATE_HEADER_ROW + 1);
    expect(APPLICATION_COLUMNS.map((_, i) => plain(header.getCell(i + 1)))).toEqual(APPLICATION_COLUMNS.map((c) => c.label));
    expect(sheetByName(workbook, 'Ansökningar').rowCount).toBe(TEMPLATE_HEADER_ROW + 1);
    const plainTemplate = path.join(dir, 'mall.xlsx');
    expect(runCli(['template', '--out', plainTemplate]).status).toBe(0);
    expect((await loadWorkbook(plainTemplate)).worksheets.map((w) => w.name)).not.toContain('Ansökningar');
    // An empty round is reported, not crashed on
    const run = runCli(['targeted', file, '--out', path.join(dir, 'tom-ut.xlsx')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Ansökningar!A4: Bladet Ansökningar har inga ansökningar/);
  });
});
