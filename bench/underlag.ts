// Benchmark of the sheet Underlag (issue 12): what writing it adds to a command-line run of the bundled
// national example (assets/exempel-medelstilldelning.xlsx, 80 federations), target < 30 %.
//   underlag_cli_run_ms           median wall time of a whole CLI run with Underlag: a fresh Node process
//                                 that loads the modules, reads the file, computes and writes the result
//                                 (bench/underlag-run.js over build/cli, as bin/finsam.js runs it)
//   underlag_cli_overhead_pct     what Underlag adds to that run: median CPU time of 9 runs with it over 9
//                                 without (the same run planned without Underlag), alternating
//   underlag_inprocess_overhead_pct  the same inside one warm process (load, compute, write; modules and
//                                 JIT already warm), median over 15 pairs of each pair's CPU-time ratio:
//                                 the stricter figure, without what every run pays to start
// CPU time, not wall time: on a machine shared with other work wall time counts the waits for a core.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { compute, writeRun } from '../src/cli/compute';

const EXAMPLE = path.join(__dirname, '..', 'assets', 'exempel-medelstilldelning.xlsx');
const T0 = new Date(2026, 0, 15, 9, 30, 0);
const ROOT = path.join(__dirname, '..');

/** One run inside this process: wall and CPU milliseconds. */
async function once(underlag: boolean, buffer: Buffer): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const computed = compute(workbook, T0, { underlag });
  if (!computed.ok) throw new Error('the example has problems');
  await writeRun(workbook, computed, T0, 'bench.xlsx');
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** One CLI run in a fresh process (bench/underlag-run.js): its CPU and wall milliseconds. */
function cliRun(underlag: boolean): { wall: number; cpu: number } {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'underlag-run.js'), underlag ? 'with' : 'without'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as { wall: number; cpu: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchUnderlag(): Promise<Record<string, number>> {
  // The CLI as a user runs it: a fresh process each time
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.cli.json'], {
    cwd: ROOT,
  });
  cliRun(true);
  const cli = { with: [] as { wall: number; cpu: number }[], without: [] as { wall: number; cpu: number }[] };
  for (let i = 0; i < 9; i++) {
    const first = i % 2 === 0;
    const a = cliRun(first);
    const b = cliRun(!first);
    cli.with.push(first ? a : b);
    cli.without.push(first ? b : a);
  }
  // Inside one warm process
  const buffer = readFileSync(EXAMPLE);
  for (let i = 0; i < 3; i++) {
    await once(true, buffer);
    await once(false, buffer);
  }
  const ratios: number[] = [];
  for (let i = 0; i < 15; i++) {
    // alternate which goes first, so that a drift of the machine's load favours neither
    const first = i % 2 === 0;
    const a = await once(first, buffer);
    const b = await once(!first, buffer);
    const [withU, without] = first ? [a, b] : [b, a];
    ratios.push(withU.cpu / without.cpu - 1);
  }
  const pct = (x: number) => Math.round(x * 1000) / 10;
  return {
    underlag_cli_run_ms: Math.round(median(cli.with.map((r) => r.wall))),
    underlag_cli_overhead_pct: pct(median(cli.with.map((r) => r.cpu)) / median(cli.without.map((r) => r.cpu)) - 1),
    underlag_inprocess_overhead_pct: pct(median(ratios)),
  };
}

if (require.main === module) {
  benchUnderlag()
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    });
}
