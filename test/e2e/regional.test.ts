// The command line on regional workbooks (round.md §1, §3), on real .xlsx files: allocate refused at the
// Omfattning cell with no file written, the one-VO notice of a national file, and check's regional
// report, which writes nothing (the file's bytes unchanged).
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetValues } from '../../src/workbook/types';
import { ensureBuilt, runCli, tempDir } from './helpers';
import { regionalSheets } from '../round/regional-fixture';

async function writeSheets(file: string, sheets: SheetValues[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row) => ws.addRow(row.map((v) => (v === '' ? null : v))));
  }
  await wb.xlsx.writeFile(file);
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('finsam-regional-');
});

describe('finsam allocate', () => {
  test('a regional workbook is refused at Omfattning; no file is written', async () => {
    const input = path.join(dir, 'syd.xlsx');
    await writeSheets(input, regionalSheets());
    const out = path.join(dir, 'syd-ut.xlsx');
    const r = runCli(['allocate', input, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'Parametrar!B4: Arbetsboken gäller bara VO Syd (5 förbund); fördelningen beräknas i den nationella arbetsboken',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a national workbook whose federations all have VO Syd runs, with the notice in its summary', async () => {
    const sheets = regionalSheets('Nationell');
    sheets[1].values[5][1] = 'Syd';
    const input = path.join(dir, 'alla-syd.xlsx');
    await writeSheets(input, sheets);
    const out = path.join(dir, 'alla-syd-ut.xlsx');
    const r = runCli(['allocate', input, '--out', out]);
    expect(r.stderr).not.toContain('fel');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'Obs: Förbund!B1: alla 5 förbund har VO Syd; är arbetsboken ett utdrag för ett VO fördelas hela den statliga ramen bara över dem',
    );
    expect(fs.existsSync(out)).toBe(true);
  });
});

describe('finsam check on a regional workbook', () => {
  test('the report per federation; exit 2 for the federations’ problems; the file unchanged', async () => {
    const input = path.join(dir, 'syd-check.xlsx');
    await writeSheets(input, regionalSheets());
    const before = fs.readFileSync(input);
    const r = runCli(['check', input]);
    expect(r.status).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      `${input}: ingenting skrevs.`,
      'VO Syd: 5 förbund, 3 har svarat, 2 har inte svarat. Förslaget är preliminärt tills huvudkontoret har beslutat.',
      'Summa förslag (efter spärr): 6 421 044 kr; preliminärt matchat för dem som svarat: 4 118 823 kr',
      '  Alfa: förslag 2 641 316 kr, matchningstak 2 000 000 kr, preliminärt 2 000 000 kr (kommunerna 1 000 000 kr, regionen 1 000 000 kr)',
      '  Beta: förslag 1 808 823 kr, matchningstak 4 000 000 kr, preliminärt 1 708 823 kr (kommunerna 854 412 kr, regionen 854 411 kr)',
      '  Gamma: förslag 1 060 905 kr, ej svarat',
      '  Delta: förslag 500 000 kr, ej svarat',
      '  Epsilon: förslag 410 000 kr, matchningstak 800 000 kr, preliminärt 410 000 kr (kommunerna 205 000 kr, regionen 205 000 kr)',
      '  Fel: Förbund!E5: Regionens möjliga bidrag (kr) saknas för "Delta"; fyll i båda möjliga bidragen (ett tomt fält räknas som ej svarat)',
      '  Fel: Förbund!B6: Förbundet "Epsilon" hör till VO Väst, men arbetsboken gäller VO Syd',
    ]);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('syd-check'))).toEqual(['syd-check.xlsx']);
  });

  test('without problems: exit 0; --json gives the report', async () => {
    const sheets = regionalSheets();
    sheets[1].values[4][4] = 250_000; // Delta's region
    sheets[1].values[5][1] = 'Syd'; // Epsilon in VO Syd
    const input = path.join(dir, 'syd-ok.xlsx');
    await writeSheets(input, sheets);
    const r = runCli(['check', input, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ ok: true, written: false, regional: { vo: 'Syd', answeredCount: 4, problems: [] } });
    const delta = json.regional.federations.find((f: { name: string }) => f.name === 'Delta');
    // cap min(600 000, 500 000) = 500 000 = proposal → 500 000, halves 250 000
    expect(delta).toMatchObject({ answered: true, cap: 500_000, matched: 500_000, municipalities: 250_000, region: 250_000 });
  });
});
