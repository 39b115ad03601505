// Round benchmark: `finsam split` and `finsam merge` of the bundled national example (80 federations,
// 5 VO files), in-process as the CLI runs them: reading the .xlsx, computing, writing the files.
// Budget (issue 10): each under 2 s on the CLI.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type CliIo } from '../src/cli/main';

const quietIo: CliIo = { stdout: () => undefined, stderr: () => undefined, now: () => new Date(2027, 4, 20, 10, 0) };

async function finsam(args: string[]): Promise<void> {
  const code = await run(args, quietIo);
  if (code !== 0) throw new Error(`finsam ${args.join(' ')} gav ${code}`);
}

async function timed(args: string[]): Promise<number> {
  const t0 = performance.now();
  await finsam(args);
  return Math.round((performance.now() - t0) * 100) / 100;
}

/** split_national_ms (read, compute, 5 protected files written), merge_national_ms (national + 5 files, written) */
export async function benchRound(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bench-round-'));
  try {
    const national = path.join(dir, 'nationell.xlsx');
    await finsam(['example', '--out', national]);
    // one warm-up of each (JIT, exceljs' modules), not measured
    await finsam(['split', national, '--out-dir', path.join(dir, 'warm'), '--quiet']);
    const split = await timed(['split', national, '--out-dir', path.join(dir, 'regionala'), '--quiet']);
    const files = fs.readdirSync(path.join(dir, 'regionala')).map((f) => path.join(dir, 'regionala', f));
    await finsam(['merge', national, ...files, '--out', path.join(dir, 'warm.xlsx'), '--quiet']);
    const merge = await timed(['merge', national, ...files, '--out', path.join(dir, 'svar.xlsx'), '--quiet']);
    return { split_national_ms: split, merge_national_ms: merge, split_files: files.length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
