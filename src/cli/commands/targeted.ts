// `finsam targeted IN.xlsx --out OUT.xlsx`: a targeted-funds round (riktade medel) computed and written
// back — exit codes, all-or-nothing writing and --json as `allocate`.
import { parseArgs } from 'node:util';
import * as workbookLayer from '../../workbook';
import { runTargeted } from '../../round/targeted';
import type { TargetedSummary } from '../../round/targeted';
import { lostFeatures, readSheets, writeConflicts } from '../xlsx';
import { COMMAND_HELP } from '../help';
import { CliError, EXIT_INPUT, EXIT_OK, jsonErrorExit } from '../errors';
import { Progress, type CliIo } from '../io';
import { exists, readWorkbookFile, requireXlsxName, samePath, writeFileAtomically } from '../files';
import { problemLines, writePlanned } from '../compute';
import { CLI_TEXTS } from '../messages';

const C = CLI_TEXTS.targeted;

/** What `targeted --json` prints: the round in figures (TargetedSummary without its lines). */
export type JsonTargeted = { ok: true; input: string; output: string; notes: string[] } & Omit<
  TargetedSummary,
  'lines' | 'notices'
>;

export async function targetedCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', short: 'f' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP.targeted);
    return EXIT_OK;
  }
  const json = Boolean(values.json);
  try {
    if (positionals.length !== 1) throw new CliError(C.inputMissing);
    const input = positionals[0];
    const output = requireXlsxName(values.out);
    if (await samePath(input, output)) throw new CliError(C.sameFile(input));
    if (!values.force && (await exists(output))) throw new CliError(CLI_TEXTS.files.exists(output));
    const progress = new Progress(io, Boolean(values.quiet));
    progress.step(C.reading(input));
    const { workbook, buffer } = await readWorkbookFile(input);
    const notes = lostFeatures(buffer);
    progress.step(C.computing);
    const sheets = readSheets(workbook, { layout: true });
    const outcome = runTargeted(sheets, { timestamp: io.now() });
    const problems = outcome.ok ? writeConflicts(workbook, outcome.plan) : outcome.problems;
    if (problems.length > 0 || !outcome.ok) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, input, problems }, null, 2)}\n`);
      else io.stderr(`${problemLines(input, problems).join('\n')}\n`);
      return EXIT_INPUT;
    }
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
      io.stdout(`${[C.written(output), ...lines.map((l) => `  ${l}`), ...notes.map((n) => `  Obs: ${n}`)].join('\n')}\n`);
    }
    return EXIT_OK;
  } catch (error) {
    const code = jsonErrorExit(error, json, io.stdout);
    if (code === undefined) throw error;
    return code;
  }
}
