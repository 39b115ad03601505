// `finsam targeted IN.xlsx --out OUT.xlsx`: a targeted-funds round (riktade medel) computed and written
// back — exit codes, all-or-nothing writing and --json as `allocate`.
import * as workbookLayer from '../../workbook';
import { runTargeted } from '../../round/targeted';
import type { TargetedSummary } from '../../round/targeted';
import { readSheets, writeConflicts } from '../xlsx';
import { CliError, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { exists, writeFileAtomically } from '../files';
import { writePlanned } from '../compute';
import { inputAndOutput, readInput, refuse, runCommand } from '../command';
import { CLI_TEXTS } from '../messages';

const T = CLI_TEXTS.targeted;
const C = CLI_TEXTS.command;

/** What `targeted --json` prints: the round in figures (TargetedSummary without its lines). */
export type JsonTargeted = { ok: true; input: string; output: string; notes: string[] } & Omit<
  TargetedSummary,
  'lines' | 'notices'
>;

export async function targetedCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean', short: 'f' },
    json: { type: 'boolean' },
  } as const;
  return runCommand('targeted', args, io, options, async ({ values, positionals, json, progress }) => {
    const { input, output } = await inputAndOutput(positionals, values.out, T.inputMissing);
    if (!values.force && (await exists(output))) throw new CliError(CLI_TEXTS.files.exists(output));
    const { workbook, notes } = await readInput(progress, input);
    progress.step(T.computing);
    const sheets = readSheets(workbook, { layout: true });
    const outcome = runTargeted(sheets, { timestamp: io.now() });
    const problems = outcome.ok ? writeConflicts(workbook, outcome.plan) : outcome.problems;
    if (problems.length > 0 || !outcome.ok) return refuse(io, json, input, problems);
    progress.step(C.writing(output));
    const data = await writePlanned(workbook, outcome.plan, workbookLayer.cellsRead(sheets), io.now(), output);
    await writeFileAtomically(output, data);
    progress.step(C.done);
    const { lines, notices, ...figures } = outcome.plan.summary;
    if (json) {
      const result: JsonTargeted = { ok: true, input, output, ...figures, notes };
      void notices;
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout(`${[T.written(output), ...lines.map((l) => `  ${l}`), ...notes.map((n) => `  Obs: ${n}`)].join('\n')}\n`);
    }
    return EXIT_OK;
  });
}
