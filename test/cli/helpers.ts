// The command line run in-process with captured output (shared by the test/cli suites).
import { run, type CliIo } from '../../src/cli/main';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** The fixed clock of the in-process runs (Körlogg's Tidpunkt, progress lines). */
export const NOW = new Date(2027, 0, 15, 9, 30, 0);

/** `finsam ARGS` in-process: its exit code and what it printed. */
export async function finsam(...args: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => NOW };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
