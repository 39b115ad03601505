// `finsam check IN.xlsx [--json]`: every problem of a workbook, or a short report of the run it
// would be; never writes anything (no output file, no temporary file, the input untouched).
import { parseArgs } from 'node:util';
import { lostFeatures, readSheets, writeConflicts } from '../xlsx';
import { workbookScope } from '../../workbook/scope';
import { checkRegional, regionalReportLines } from '../../round/check';
import type { RegionalReport } from '../../round/check';
import { COMMAND_HELP } from '../help';
import { CliError, EXIT_INPUT, EXIT_OK, jsonErrorExit } from '../errors';
import type { CliIo } from '../io';
import { readWorkbookFile } from '../files';
import { compute, problemLines, reportLines, summaryFields, type JsonSummary } from '../compute';

/** What `check --json` prints for a workbook without problems: the run's summary, nothing written. */
export type JsonCheck = Omit<JsonSummary, 'output'> & { written: false };

/** What `check --json` prints for a regional workbook (round.md §3): its report, nothing written. */
export type JsonRegionalCheck = { ok: boolean; input: string; written: false; regional: RegionalReport };

/**
 * A regional workbook (Omfattning = a VO): the per-federation report, or every problem. Exit 2 when the
 * file or any federation has a problem (the report is printed too), else 0.
 */
function checkRegionalFile(input: string, sheets: ReturnType<typeof readSheets>, json: boolean, io: CliIo): number {
  const checked = checkRegional(sheets);
  if (!checked.ok) {
    if (json) io.stdout(`${JSON.stringify({ ok: false, input, problems: checked.problems }, null, 2)}\n`);
    else io.stderr(`${problemLines(input, checked.problems, false).join('\n')}\n`);
    return EXIT_INPUT;
  }
  const { report } = checked;
  const ok = report.problems.length === 0;
  if (json) {
    const result: JsonRegionalCheck = { ok, input, written: false, regional: report };
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    io.stdout([`${input}: ingenting skrevs.`, ...regionalReportLines(report)].join('\n') + '\n');
  }
  return ok ? EXIT_OK : EXIT_INPUT;
}

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
    const regionalSheets = readSheets(workbook, { layout: true });
    if (workbookScope(regionalSheets).regional) return checkRegionalFile(input, regionalSheets, json, io);
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
