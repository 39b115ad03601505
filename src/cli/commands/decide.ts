// `finsam decide IN.xlsx --out OUT.xlsx --beslut LABEL [--datum YYYY-MM-DD]`: records the allocation as a
// decision on sheet Beslut (round.md §6), with the run written as allocate writes it.
import { parseArgs } from 'node:util';
import { lostFeatures, readSheets, writeConflicts, type UncachedFormula } from '../xlsx';
import { COMMAND_HELP } from '../help';
import { CliError, EXIT_INPUT, EXIT_OK, jsonErrorExit } from '../errors';
import { Progress, type CliIo } from '../io';
import { readWorkbookFile, requireXlsxName, samePath, writeFileAtomically } from '../files';
import { problemLines, reportLines, uncachedProblems, writeRun } from '../compute';
import { CLI_TEXTS } from '../messages';
import * as workbookLayer from '../../workbook';
import { decide } from '../../round/decide';

const T = CLI_TEXTS.decide;

export async function decideCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      beslut: { type: 'string', short: 'b' },
      datum: { type: 'string', short: 'd' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP.decide);
    return EXIT_OK;
  }
  const json = Boolean(values.json);
  try {
    if (positionals.length !== 1) throw new CliError(T.usage);
    const input = positionals[0];
    const output = requireXlsxName(values.out);
    if (await samePath(input, output)) throw new CliError(T.sameFile(input));
    if (!values.beslut || !values.beslut.trim()) throw new CliError(T.labelMissing);
    const progress = new Progress(io, Boolean(values.quiet));
    progress.step(`Läser ${input}`);
    const { workbook, buffer } = await readWorkbookFile(input);
    const notes = lostFeatures(buffer);
    progress.step('Beräknar');
    const uncached: UncachedFormula[] = [];
    const sheets = readSheets(workbook, { uncachedFormulas: uncached, layout: true });
    const reads = workbookLayer.cellsRead(sheets);
    const formulaProblems = uncachedProblems(uncached, reads);
    const outcome = decide(sheets, { label: values.beslut, date: values.datum, timestamp: io.now() });
    const problems = outcome.ok ? formulaProblems : workbookLayer.sortProblems([...formulaProblems, ...outcome.problems]);
    const conflicts = outcome.ok && problems.length === 0 ? writeConflicts(workbook, outcome.plan) : [];
    if (!outcome.ok || problems.length > 0 || conflicts.length > 0) {
      const all = [...problems, ...conflicts];
      if (json) io.stdout(`${JSON.stringify({ ok: false, input, problems: all }, null, 2)}\n`);
      else io.stderr(`${problemLines(input, all).join('\n')}\n`);
      return EXIT_INPUT;
    }
    progress.step(`Skriver ${output}`);
    const data = await writeRun(
      workbook,
      { ok: true, run: { ...outcome.run, plan: outcome.plan }, sheets, reads },
      io.now(),
      output,
    );
    await writeFileAtomically(output, data);
    progress.step('Klart');
    const summary = outcome.plan.summary;
    if (json) {
      const { lines: _lines, ...decision } = outcome.decision;
      void _lines;
      io.stdout(`${JSON.stringify({ ok: true, input, output, decision, notes }, null, 2)}\n`);
    } else {
      io.stdout(`${[T.done(output), ...reportLines(summary, outcome.run.result.parameters.year, notes)].join('\n')}\n`);
    }
    return EXIT_OK;
  } catch (error) {
    const code = jsonErrorExit(error, json, io.stdout);
    if (code === undefined) throw error;
    return code;
  }
}
