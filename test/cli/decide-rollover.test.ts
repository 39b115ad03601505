// finsam decide and finsam rollover on real .xlsx files (round.md §6, §8), in-process.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { finsam } from './helpers';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'assets', 'exempel-medelstilldelning.xlsx');
const LABEL = 'Beslut 2026-11-07';

// Several whole-workbook reads and writes of the 80-federation example per test
jest.setTimeout(180_000);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-decide-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The values of a Förbund column by header, one per federation row. */
function columnValues(wb: ExcelJS.Workbook, header: string): unknown[] {
  const ws = wb.getWorksheet('Förbund')!;
  let headerRow = 0;
  let col = 0;
  ws.eachRow((row, r) => {
    if (col) return;
    row.eachCell((cell, c) => {
      if (cell.value === header) {
        headerRow = r;
        col = c;
      }
    });
  });
  if (!col) throw new Error(`no ${header}`);
  const out: unknown[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const name = ws.getRow(r).getCell(1).value;
    if (name === null || name === '') continue;
    out.push(ws.getRow(r).getCell(col).value);
  }
  return out;
}

describe('finsam decide', () => {
  test('records the decision, writes the run; a rerun shows Ändring 0; the same label is refused with no file', async () => {
    const d1 = path.join(dir, 'beslut.xlsx');
    const out = await finsam('decide', EXAMPLE, '--out', d1, '--beslut', LABEL, '--datum', '2026-11-07', '--quiet');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Beslut fastställt: ${LABEL}`);
    expect(out.stdout).toContain(`Ändring mot beslut ${LABEL}: ingen`);
    const wb = await load(d1);
    const beslut = wb.getWorksheet('Beslut')!;
    expect(beslut.getCell('A6').value).toBe('Förbund');
    expect(beslut.getCell('C6').value).toBe(LABEL);
    expect(beslut.getCell('C1').value).toBe('2026-11-07');
    expect(beslut.getCell('C2').value).toBe(339_000_000);
    const finals = columnValues(wb, 'Slutlig tilldelning (kr)') as number[];
    expect(finals.length).toBeGreaterThan(50);
    expect(beslut.getCell('C3').value).toBe(finals.reduce((a, b) => a + b, 0));
    expect(columnValues(wb, 'Beslutat (kr)')).toEqual(finals);
    expect(new Set(columnValues(wb, 'Ändring mot beslut (kr)'))).toEqual(new Set([0]));

    const r = path.join(dir, 'rerun.xlsx');
    const rerun = await finsam('allocate', d1, '--out', r, '--quiet');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`Ändring mot beslut ${LABEL}: ingen`);
    const wb2 = await load(r);
    expect(new Set(columnValues(wb2, 'Ändring mot beslut (kr)'))).toEqual(new Set([0]));
    expect(wb2.getWorksheet('Beslut')!.getCell('C6').value).toBe(LABEL);

    const d2 = path.join(dir, 'again.xlsx');
    const again = await finsam('decide', d1, '--out', d2, '--beslut', LABEL, '--quiet');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Beslut!C6: Beslutet "${LABEL}" finns redan`);
    expect(fs.existsSync(d2)).toBe(false);
  });

  test('usage: a label is required; --help', async () => {
    const missing = await finsam('decide', EXAMPLE, '--out', path.join(dir, 'x.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--beslut');
    expect(fs.readdirSync(dir)).toEqual([]);
    const help = await finsam('fastställ', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('finsam decide');
  });
});

describe('finsam rollover', () => {
  test('next year from the decision; then allocate with a new Statlig ram works', async () => {
    const d1 = path.join(dir, 'beslut.xlsx');
    expect((await finsam('decide', EXAMPLE, '--out', d1, '--beslut', LABEL, '--quiet')).code).toBe(0);
    const decided = columnValues(await load(d1), 'Beslutat (kr)');
    const next = path.join(dir, 'nasta.xlsx');
    const out = await finsam('rollover', d1, '--out', next, '--quiet');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const wb = await load(next);
    expect(wb.getWorksheet('Beslut')).toBeUndefined();
    expect(wb.getWorksheet('Körlogg')).toBeUndefined();
    expect(columnValues(wb, 'Statlig tilldelning föregående år (kr)')).toEqual(decided);
    expect(columnValues(wb, 'Totala medel föregående år (kr)')).toEqual(decided.map((x) => 2 * (x as number)));
    expect(new Set(columnValues(wb, 'Eget kapital (kr)'))).toEqual(new Set([null]));
    // Statlig ram blank: allocate refuses, then runs with a new one
    const blank = await finsam('allocate', next, '--out', path.join(dir, 'x.xlsx'), '--quiet');
    expect(blank.code).toBe(2);
    const params = wb.getWorksheet('Parametrar')!;
    let budgetRow = 0;
    let yearValue: unknown;
    params.eachRow((row, r) => {
      if (String(row.getCell(1).value).startsWith('Statlig ram')) budgetRow = r;
      if (row.getCell(1).value === 'År') yearValue = row.getCell(2).value;
    });
    expect(yearValue).toBe(2028);
    params.getRow(budgetRow).getCell(2).value = 350_000_000;
    const edited = path.join(dir, 'nasta-ram.xlsx');
    await wb.xlsx.writeFile(edited);
    const allocated = path.join(dir, 'nasta-resultat.xlsx');
    const run = await finsam('allocate', edited, '--out', allocated, '--quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Statlig ram: 350 000 000 kr');
    const finals = columnValues(await load(allocated), 'Slutlig tilldelning (kr)') as number[];
    expect(finals.length).toBe(decided.length);
  });
});
