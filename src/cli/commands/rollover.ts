// `finsam rollover IN.xlsx --out NEXT.xlsx [--ar 2028]`: the next round's national workbook (round.md §8).
import { applyCellPlan, readSheets } from '../xlsx';
import { CliError, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { writeFileAtomically } from '../files';
import { inputAndOutput, readInput, refuse, runCommand } from '../command';
import { editedWorkbookBytes } from '../compute';
import { CLI_TEXTS } from '../messages';
import { rollover } from '../../round/rollover';

const T = CLI_TEXTS.rollover;
const C = CLI_TEXTS.command;

export async function rolloverCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    out: { type: 'string', short: 'o' },
    ar: { type: 'string' },
    år: { type: 'string' },
    json: { type: 'boolean' },
  } as const;
  return runCommand('rollover', args, io, options, async ({ values, positionals, json, progress }) => {
    const { input, output } = await inputAndOutput(positionals, values.out, T.usage);
    const yearText = values.ar ?? values['år'];
    const year = yearText === undefined ? undefined : Number(yearText.trim());
    if (yearText !== undefined && (!/^\d{4}$/.test(yearText.trim()) || !Number.isInteger(year)))
      throw new CliError(T.yearInvalid(yearText));
    const { workbook } = await readInput(progress, input);
    const sheets = readSheets(workbook, { layout: true });
    const outcome = rollover(sheets, { year, timestamp: io.now() });
    if (!outcome.ok) return refuse(io, json, input, outcome.problems);
    progress.step(C.writing(output));
    const data = await editedWorkbookBytes(workbook, (wb) => applyCellPlan(wb, outcome.plan), io.now(), output);
    await writeFileAtomically(output, data);
    progress.step(C.done);
    if (json) io.stdout(`${JSON.stringify({ ok: true, input, output, year: outcome.plan.summary.year }, null, 2)}\n`);
    else io.stdout(`${[T.done(output), ...outcome.plan.summary.lines.map((l) => `  ${l}`)].join('\n')}\n`);
    return EXIT_OK;
  });
}
