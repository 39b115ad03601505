// Benchmark of the sheet Underlag (issue 12) in a command-line run of the bundled national example
// (assets/exempel-medelstilldelning.xlsx, 80 federations): load, compute, write — with Underlag, and
// without it (the plan's Underlag removed, the time to build it taken off).
//   underlag_cli_run_ms        median time of the whole run with Underlag
//   underlag_cli_overhead_pct  what writing Underlag adds to the run without it, in percent (target < 30)
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { compute, writeRun } from '../src/cli/compute';
import { underlagSheet, UNDERLAG_SHEET } from '../src/workbook/underlag';
import { FEDERATION_OUTPUT_HEADERS } from '../src/workbook/types';
import { outputColumnPlacement } from '../src/workbook/plan';

const EXAMPLE = path.join(__dirname, '..', 'assets', 'exempel-medelstilldelning.xlsx');
const T0 = new Date(2026, 0, 15, 9, 30, 0);

async function once(withUnderlag: boolean, buffer: Buffer): Promise<number> {
  const t0 = performance.now();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const computed = compute(workbook, T0);
  if (!computed.ok) throw new Error('the example has problems');
  let build = 0;
  if (!withUnderlag) {
    // the time compute spent building Underlag, measured again and taken off
    const { run, sheets } = computed;
    const columns = outputColumnPlacement(run.layout);
    const b0 = performance.now();
    underlagSheet({
      layout: run.layout,
      result: run.result,
      input: run.input,
      sheets,
      outputColumns: Object.fromEntries(FEDERATION_OUTPUT_HEADERS.map((h, k) => [h, columns[k]])),
    });
    build = performance.now() - b0;
    run.plan.sheets = run.plan.sheets.filter((s) => s.name !== UNDERLAG_SHEET);
  }
  await writeRun(workbook, computed, T0, 'bench.xlsx');
  const written = performance.now();
  // taken off twice: the build inside compute (the same work) and the measurement of it here
  return written - t0 - 2 * build;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchUnderlag(): Promise<Record<string, number>> {
  const buffer = readFileSync(EXAMPLE);
  for (let i = 0; i < 2; i++) {
    await once(true, buffer);
    await once(false, buffer);
  }
  const withTimes: number[] = [];
  const withoutTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    withTimes.push(await once(true, buffer));
    withoutTimes.push(await once(false, buffer));
  }
  const withMs = median(withTimes);
  const withoutMs = median(withoutTimes);
  return {
    underlag_cli_run_ms: Math.round(withMs),
    underlag_cli_overhead_pct: Math.round(((withMs - withoutMs) / withoutMs) * 1000) / 10,
  };
}
