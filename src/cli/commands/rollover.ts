// `finsam rollover IN.xlsx --out NEXT.xlsx [--ar 2028]`: the next round's national workbook (round.md §8).
import { parseArgs } from 'node:util';
import { applyCellPlan, dropUnreadConditionalFormats, giveTablesStyleInfo, readSheets } from '../xlsx';
import { COMMAND_HELP } from '../help';
import { causeText, CliError, CliFailure, EXIT_INPUT, EXIT_OK, isTooLarge, jsonErrorExit } from '../errors';
import { Progress, type CliIo } from '../io';
import { readWorkbookFile, requireXlsxName, samePath, writeFileAtomically } from '../files';
import { problemLines, tooLargeToWriteMessage } from '../compute';
import { CLI_TEXTS } from '../messages';
import { rollover } from '../../round/rollover';

const T = CLI_TEXTS.rollover;

export async function rolloverCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      ar: { type: 'string' },
      år: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP.rollover);
    return EXIT_OK;
  }
  const json = Boolean(values.json);
  try {
    if (positionals.length !== 1) throw new CliError(T.usage);
    const input = positionals[0];
    const output = requireXlsxName(values.out);
    if (await samePath(input, output)) throw new CliError(T.sameFile(input));
    const yearText = values.ar ?? values['år'];
    const year = yearText === undefined ? undefined : Number(yearText.trim());
    if (yearText !== undefined && (!/^\d{4}$/.test(yearText.trim()) || !Number.isInteger(year)))
      throw new CliError(T.yearInvalid(yearText));
    const progress = new Progress(io, Boolean(values.quiet));
    progress.step(`Läser ${input}`);
    const { workbook } = await readWorkbookFile(input);
    const sheets = readSheets(workbook, { layout: true });
    const outcome = rollover(sheets, { year, timestamp: io.now() });
    if (!outcome.ok) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, input, problems: outcome.problems }, null, 2)}\n`);
      else io.stderr(`${problemLines(input, outcome.problems).join('\n')}\n`);
      return EXIT_INPUT;
    }
    progress.step(`Skriver ${output}`);
    let data: Uint8Array;
    try {
      applyCellPlan(workbook, outcome.plan);
      giveTablesStyleInfo(workbook);
      dropUnreadConditionalFormats(workbook);
      workbook.modified = io.now();
      workbook.lastModifiedBy = 'finsam';
      data = new Uint8Array(await workbook.xlsx.writeBuffer());
    } catch (error) {
      if (isTooLarge(error)) throw new CliFailure(tooLargeToWriteMessage(output), error);
      throw new CliFailure(`Kunde inte skriva ${output}: ${causeText(error)}. Ingen fil skrevs.`, error);
    }
    await writeFileAtomically(output, data);
    progress.step('Klart');
    if (json) io.stdout(`${JSON.stringify({ ok: true, input, output, year: outcome.plan.summary.year }, null, 2)}\n`);
    else io.stdout(`${[T.done(output), ...outcome.plan.summary.lines.map((l) => `  ${l}`)].join('\n')}\n`);
    return EXIT_OK;
  } catch (error) {
    const code = jsonErrorExit(error, json, io.stdout);
    if (code === undefined) throw error;
    return code;
  }
}
