// Underlag is live: LibreOffice (headless, recalculating every formula on load in a profile of its
// own) recalculates a workbook the command line wrote, and every `Skillnad` and both check rows are
// within ±2 kr — for the bundled example, the worked example and random rounds covering deficit
// (protection removed, spärr relaxed), both tiers pro rata, matching caps and part-year federations,
// typed with units (tkr), a weight typed as 75 and amounts typed as text. The cached results the file
// carries agree with LibreOffice's. After an input is edited and the file recalculated, the chain moves.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { compute, writeRun } from '../../src/cli/compute';
import { exampleSheets } from '../../src/workbook/example';
import { runAllocation } from '../../src/workbook/run';
import type { SheetValues } from '../../src/workbook/types';
import { UNDERLAG_LABELS } from '../../src/workbook/underlag';
import { workedExampleSheets } from '../workbook/fixtures';
import { randomRoundSheets, ROUND_KINDS } from '../fixtures/random-rounds';
import type { RoundKind } from '../fixtures/random-rounds';
import { tempDir } from './helpers';
import { readUnderlag, recalculate, soffice } from './libreoffice-recalc';

const loTest = soffice || process.env.CI ? test : test.skip;
const T0 = new Date(2026, 0, 15, 9, 30, 0);

function workbookOf(sheets: SheetValues[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name);
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== '' && v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
      }),
    );
  }
  return workbook;
}

/** Runs the command line's compute + write on the sheets, as `finsam allocate` does; the written file. */
async function writeAllocated(sheets: SheetValues[], file: string): Promise<void> {
  const input = workbookOf(sheets);
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load((await input.xlsx.writeBuffer()) as Parameters<typeof loaded.xlsx.load>[0]);
  const computed = compute(loaded, T0);
  if (!computed.ok) throw new Error(computed.problems.map((p) => `${p.address}: ${p.message}`).join('\n'));
  fs.writeFileSync(file, await writeRun(loaded, computed, T0, file));
}

const SEEDS = [11, 12, 13, 14, 15, 16, 17, 18];
const cases: { name: string; sheets: () => SheetValues[]; kind?: RoundKind }[] = [
  {
    name: 'exempel',
    sheets: () => exampleSheets().map((s) => ({ name: s.name, values: s.values })),
  },
  { name: 'rakneexempel', sheets: workedExampleSheets },
  ...SEEDS.flatMap((seed, i) => {
    const kind = ROUND_KINDS[i % ROUND_KINDS.length];
    return [{ name: `slump-${kind}-${seed}`, sheets: () => randomRoundSheets(seed, kind), kind }];
  }),
];

describe('Underlag recalculated by LibreOffice', () => {
  test('the random rounds cover deficit, relaxed spärr, both tiers pro rata and part-year federations', () => {
    const runs = cases.map((c) => runAllocation(c.sheets(), { timestamp: T0 }));
    for (const [i, run] of runs.entries()) if (!run.ok) throw new Error(`${cases[i].name}: ${JSON.stringify(run.problems)}`);
    const results = runs.map((r) => (r.ok ? r.result : undefined)!);
    expect(results.some((r) => r.deficit && r.federations.some((f) => f.protectionRemoved))).toBe(true);
    expect(results.some((r) => r.appliedMaxDecrease.greaterThan(r.parameters.maxDecrease))).toBe(true);
    expect(results.some((r) => r.lambda.lessThan(1) && r.federations.some((f) => f.liftedToFloor))).toBe(true);
    const proRata = (r: (typeof results)[number], tier: 1 | 2) =>
      r.federations.some((f) => f.tier === tier && f.extra.lessThan(f.want) && f.extra.greaterThan(0));
    expect(results.some((r) => proRata(r, 1))).toBe(true);
    expect(results.some((r) => r.federations.some((f) => f.tier === 2 && f.extra.greaterThan(0)))).toBe(true);
    expect(results.some((r) => r.federations.some((f) => f.tier === 1) && r.federations.some((f) => f.tier === 2))).toBe(true);
    expect(results.some((r) => r.federations.some((f) => f.months < 12))).toBe(true);
    expect(results.some((r) => r.federations.some((f) => f.cappedByMatching))).toBe(true);
  });

  loTest(
    'every Skillnad and both check rows within ±2 kr; cached results agree with the recalculation; the chain moves',
    async () => {
      const dir = tempDir('finsam-underlag-');
      const files: string[] = [];
      for (const c of cases) {
        const file = path.join(dir, `${c.name}.xlsx`);
        await writeAllocated(c.sheets(), file);
        files.push(file);
      }
      // The worked example again, with Statlig ram raised by 1 000 000 kr after the run (not rerun)
      const edited = path.join(dir, 'rakneexempel-andrad.xlsx');
      {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(files[1]);
        const params = wb.getWorksheet('Parametrar')!;
        params.getCell('B4').value = 10_000_000;
        await wb.xlsx.writeFile(edited);
      }
      const recalculated = recalculate([...files, edited], dir);

      for (const [i, c] of cases.entries()) {
        const before = readUnderlag(files[i]);
        const after = readUnderlag(recalculated[i]);
        expect(after.rows.length).toBeGreaterThan(0);
        expect(after.rows).toEqual(before.rows);
        expect(after.differences).toHaveLength(8);
        for (const r of after.rows) {
          for (const d of after.differences) {
            const value = after.number(r, d.column);
            if (value === undefined || Math.abs(value) > 2)
              throw new Error(`${c.name}: ${d.header} on row ${r} is ${String(value)} after recalculation`);
          }
          // cached results (what a program that does not calculate shows) = LibreOffice's
          for (let col = 2; col <= after.width; col++) {
            const cached = before.cells.get(`${r},${col}`);
            const fresh = after.cells.get(`${r},${col}`);
            // (a constant where an input column is missing or typed as text: test/workbook/underlag.test.ts)
            const a = cached?.value ?? '';
            const b = fresh?.value ?? '';
            const same =
              typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)) : a === b;
            if (!same) throw new Error(`${c.name}: row ${r} column ${col}: cached ${String(a)}, recalculated ${String(b)}`);
          }
        }
        for (const label of [UNDERLAG_LABELS.checkPool, UNDERLAG_LABELS.checkBudget]) {
          const value = after.labelled(label);
          if (value === undefined || Math.abs(value) > 2) throw new Error(`${c.name}: ${label} = ${String(value)}`);
        }
      }

      // Live: Statlig ram + 1 000 000 kr moves Norrby's ideal by 1 000 000 · key (no floor binds, λ = 1)
      const original = readUnderlag(recalculated[1]);
      const moved = readUnderlag(recalculated[recalculated.length - 1]);
      const norrby = original.rows.find((r) => original.text(r, 1) === 'Norrby')!;
      const key = original.number(norrby, original.column('Nyckel'))!;
      const idealBefore = original.number(norrby, original.column('Idealfördelning (kr)'))!;
      const idealAfter = moved.number(norrby, moved.column('Idealfördelning (kr)'))!;
      expect(key).toBeCloseTo(0.30288, 5);
      expect(idealAfter - idealBefore).toBeCloseTo(1_000_000 * key, 4);
      // … and the written value did not: Skillnad shows it (ROUND(2 641 316 + 302 880) − 2 641 316)
      expect(moved.number(norrby, moved.column('Skillnad: Idealfördelning (kr)'))).toBe(Math.round(idealAfter) - 2_641_316);
      expect(moved.labelled('Statlig ram B (kr)')).toBe(10_000_000);
      // the check row sees the edit: Ej fördelat (as written) no longer closes Σ Slutlig to the new Statlig ram
      // (+1 000 000 kr, of which Σ Matchad takes 1 000 000 · (Σ key·m − Söderby's key, capped) ≈ 600 000 kr)
      expect(moved.labelled(UNDERLAG_LABELS.checkBudget)!).toBeLessThan(-300_000);
    },
    600_000,
  );
});
