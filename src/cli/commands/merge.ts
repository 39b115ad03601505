// `finsam merge NATIONAL.xlsx REGIONAL.xlsx... --out OUT.xlsx [--force]`: the regional files' answers
// into a copy of the national workbook (round.md §4). Every problem of every file refuses the merge
// and nothing is written.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  applyMergePlan,
  giveTablesStyleInfo,
  dropUnreadConditionalFormats,
  lostFeatures,
  readSheets,
  writeConflicts,
} from '../xlsx';
import { COMMAND_HELP } from '../help';
import { CliError, CliFailure, causeText, EXIT_INPUT, EXIT_OK } from '../errors';
import { Progress, type CliIo } from '../io';
import { exists, readWorkbookFile, requireXlsxName, samePath, writeFileAtomically } from '../files';
import { CLI_TEXTS } from '../messages';
import { formatMergeProblem, mergeAnswers } from '../../round/merge';
import type { MergeProblem } from '../../round/types';

const T = CLI_TEXTS.merge;

export async function mergeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', short: 'f' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP.merge);
    return EXIT_OK;
  }
  if (positionals.length < 2) throw new CliError(T.usage);
  const output = requireXlsxName(values.out);
  const [nationalFile, ...regionalFiles] = positionals;
  for (const [i, file] of positionals.entries()) {
    if (await samePath(file, output)) throw new CliError(T.sameAsInput(file));
    for (const other of positionals.slice(i + 1)) if (await samePath(file, other)) throw new CliError(T.sameFileTwice(file));
  }
  if (!values.force && (await exists(output))) throw new CliError(T.exists(output));
  const progress = new Progress(io, Boolean(values.quiet));
  progress.step(T.reading(nationalFile));
  const { workbook, buffer } = await readWorkbookFile(nationalFile);
  const notes = lostFeatures(buffer);
  const national = readSheets(workbook, { layout: true });
  const regionals = [];
  for (const file of regionalFiles) {
    progress.step(T.reading(file));
    const read = await readWorkbookFile(file);
    regionals.push({ fileName: path.basename(file), sheets: readSheets(read.workbook) });
  }
  progress.step(T.merging);
  const merged = mergeAnswers(national, regionals, { timestamp: io.now() });
  const problems: MergeProblem[] = merged.ok ? writeConflicts(workbook, merged.plan) : merged.problems;
  if (!merged.ok || problems.length > 0) {
    io.stderr(`${[T.problems(problems.length), ...problems.map((p) => `  ${formatMergeProblem(p)}`)].join('\n')}\n`);
    return EXIT_INPUT;
  }
  progress.step(T.writing(output));
  let data: Uint8Array;
  try {
    applyMergePlan(workbook, merged.plan);
    giveTablesStyleInfo(workbook);
    dropUnreadConditionalFormats(workbook);
    workbook.modified = io.now();
    workbook.lastModifiedBy = 'finsam';
    data = new Uint8Array(await workbook.xlsx.writeBuffer());
  } catch (error) {
    throw new CliFailure(CLI_TEXTS.roundFiles.writeFailed(output, causeText(error)), error);
  }
  await writeFileAtomically(output, data);
  progress.step(T.done);
  io.stdout(
    [T.written(output), ...merged.summary.lines.map((l) => `  ${l}`), ...notes.map((n) => `  Obs: ${n}`)].join('\n') + '\n',
  );
  return EXIT_OK;
}
