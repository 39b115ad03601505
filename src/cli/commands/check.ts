// `finsam check IN.xlsx [--json]`: every problem of a workbook, or a short report of the run it
// would be; never writes anything (no output file, no temporary file, the input untouched).
import { parseArgs } from 'node:util';
import { lostFeatures, writeConflicts } from '../xlsx';
import { COMMAND_HELP } from '../help';
import { CliError, EXIT_INPUT, EXIT_OK, jsonErrorExit } from '../errors';
import type { CliIo } from '../io';
import { readWorkbookFile } from '../files';
import { compute, problemLines, reportLines, summaryFields, type JsonSummary } from '../compute';

/** What `check --json` prints for a workbook without problems: the run's summary, nothing written. */
export type JsonCheck = Omit<JsonSummary, 'output'> & { written: false };

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP.check);
    return EXIT_OK;
  }
  const json = Boolean(values.json);
  try {
    if (positionals.length !== 1) throw new CliError('Ange en fil att kontrollera: finsam check FIL.xlsx');
    const input = positionals[0];
    const { workbook, buffer } = await readWorkbookFile(input);
    const notes = lostFeatures(buffer);
    const computed = compute(workbook, io.now());
    // The same problems as allocate: the input's, then what would stop the write (an output cell in a merge)
    const problems = computed.ok ? writeConflicts(workbook, computed.run.plan) : computed.problems;
    if (problems.length > 0) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, input, problems }, null, 2)}\n`);
      else io.stderr(`${problemLines(input, problems).join('\n')}\n`);
      return EXIT_INPUT;
    }
    if (!computed.ok) throw new Error('internal: no problems and no run');
    const summary = computed.run.plan.summary;
    const year = computed.run.result.parameters.year;
    if (json) {
      const result: JsonCheck = {
        ok: true,
        input,
        written: false,
        ...summaryFields(summary, year, notes),
      };
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout(
        [
          `${input} har inga fel. Ingenting skrevs (kör finsam allocate för att skriva resultatet).`,
          ...reportLines(summary, year, notes),
        ].join('\n') + '\n',
      );
    }
    return EXIT_OK;
  } catch (error) {
    const code = jsonErrorExit(error, json, io.stdout);
    if (code === undefined) throw error;
    return code;
  }
}
