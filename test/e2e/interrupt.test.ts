// Ctrl-C or SIGTERM while the command line writes a file: the temporary file is removed and the
// process ends with 130 / 143 (issue 15, item 10). The built command line runs in a child process whose
// rename never finishes, so the signal arrives while the temporary file exists.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, ROOT, tempDir } from './helpers';

beforeAll(() => ensureBuilt(), 180_000);

function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const tick = (): void => {
      if (condition()) resolve(true);
      else if (Date.now() - started > timeoutMs) resolve(false);
      else setTimeout(tick, 20);
    };
    tick();
  });
}

test.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)(
  '%s during a write leaves no temporary file and exits %i',
  async (signal, code) => {
    const dir = tempDir('finsam-signal-');
    try {
      const target = path.join(dir, 'ut.xlsx');
      const script = `
      const fs = require('node:fs');
      fs.promises.rename = () => new Promise(() => {}); // the write hangs after its temporary file is written
      setInterval(() => {}, 1000); // …as a real rename would keep the process alive (a bare promise does not)
      const files = require(${JSON.stringify(path.join(ROOT, 'build', 'cli', 'files.js'))});
      files.writeFileAtomically(${JSON.stringify(target)}, new Uint8Array(1000)).then(() => process.exit(0));
    `;
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.on('exit', (c, sig) => resolve({ code: c, signal: sig })),
      );
      const temporary = (): string[] => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));
      expect(await waitFor(() => temporary().length === 1, 20_000)).toBe(true);
      child.kill(signal);
      const ended = await exited;
      expect({ ...ended, stderr }).toEqual({
        code,
        signal: null,
        stderr: expect.stringContaining('finsam: avbruten; ingen fil skrevs'),
      });
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  60_000,
);
