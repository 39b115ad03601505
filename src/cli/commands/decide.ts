// `finsam decide IN.xlsx --out OUT.xlsx --beslut LABEL [--datum YYYY-MM-DD]`: records the allocation as a
// decision on sheet Beslut (round.md §6), with the run written as allocate writes it.
import { readSheets, writeConflicts, type UncachedFormula } from '../xlsx';
import { CliError, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { writeFileAtomically } from '../files';
import { reportLines, uncachedProblems, writeRun } from '../compute';
import { inputAndOutput, readInput, refuse, runCommand } from '../command';
import { CLI_TEXTS } from '../messages';
import * as workbookLayer from '../../workbook';
import { decide } from '../../round/decide';

const T = CLI_TEXTS.decide;
const C = CLI_TEXTS.command;

export async function decideCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    out: { type: 'string', short: 'o' },
    beslut: { type: 'string', short: 'b' },
    datum: { type: 'string', short: 'd' },
    json: { type: 'boolean' },
  } as const;
  return runCommand('decide', args, io, options, async ({ values, positionals, json, progress }) => {
    const { input, output } = await inputAndOutput(positionals, values.out, T.usage);
    if (!values.beslut || !values.beslut.trim()) throw new CliError(T.labelMissing);
    const { workbook, notes } = await readInput(progress, input);
    progress.step(C.computing);
    const uncached: UncachedFormula[] = [];
    const sheets = readSheets(workbook, { uncachedFormulas: uncached, layout: true });
    const reads = workbookLayer.cellsRead(sheets);
    const formulaProblems = uncachedProblems(uncached, reads);
    const outcome = decide(sheets, { label: values.beslut, date: values.datum, timestamp: io.now() });
    const problems = outcome.ok ? formulaProblems : workbookLayer.sortProblems([...formulaProblems, ...outcome.problems]);
    const conflicts = outcome.ok && problems.length === 0 ? writeConflicts(workbook, outcome.plan) : [];
    if (!outcome.ok || problems.length > 0 || conflicts.length > 0) return refuse(io, json, input, [...problems, ...conflicts]);
    progress.step(C.writing(output));
    const data = await writeRun(
      workbook,
      { ok: true, run: { ...outcome.run, plan: outcome.plan }, sheets, reads },
      io.now(),
      output,
    );
    await writeFileAtomically(output, data);
    progress.step(C.done);
    const summary = outcome.plan.summary;
    if (json) {
      const { lines: _lines, ...decision } = outcome.decision;
      void _lines;
      io.stdout(`${JSON.stringify({ ok: true, input, output, decision, notes }, null, 2)}\n`);
    } else {
      io.stdout(`${[T.done(output), ...reportLines(summary, outcome.run.result.parameters.year, notes)].join('\n')}\n`);
    }
    return EXIT_OK;
  });
}
