// `finsam merge NATIONAL.xlsx REGIONAL.xlsx... --out OUT.xlsx [--force]`: the regional files' answers
// into a copy of the national workbook (round.md §4). Every problem of every file refuses the merge
// and nothing is written.
import * as path from 'node:path';
import { applyMergePlan, readSheets, writeConflicts, type UncachedFormula } from '../xlsx';
import { editedWorkbookBytes, uncachedProblems } from '../compute';
import * as workbookLayer from '../../workbook';
import { CliError, EXIT_INPUT, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { readInput, runCommand } from '../command';
import { exists, requireXlsxName, samePath, writeFileAtomically } from '../files';
import { CLI_TEXTS } from '../messages';
import { formatMergeProblem, mergeAnswers } from '../../round/merge';
import type { MergeProblem } from '../../round/types';

const T = CLI_TEXTS.merge;

export async function mergeCommand(args: string[], io: CliIo): Promise<number> {
  const options = { out: { type: 'string', short: 'o' }, force: { type: 'boolean', short: 'f' } } as const;
  return runCommand('merge', args, io, options, async ({ values, positionals, progress }) => {
    if (positionals.length < 2) throw new CliError(T.usage);
    const output = requireXlsxName(values.out);
    const [nationalFile, ...regionalFiles] = positionals;
    for (const [i, file] of positionals.entries()) {
      if (await samePath(file, output)) throw new CliError(T.sameAsInput(file));
      for (const other of positionals.slice(i + 1)) if (await samePath(file, other)) throw new CliError(T.sameFileTwice(file));
    }
    if (!values.force && (await exists(output))) throw new CliError(T.exists(output));
    const { workbook, notes } = await readInput(progress, nationalFile);
    // Formulas without a cached result among the cells read are problems (their value is unknown)
    const formulaProblems: MergeProblem[] = [];
    const sheetsOf = (wb: typeof workbook, fileName?: string) => {
      const uncached: UncachedFormula[] = [];
      const sheets = readSheets(wb, { uncachedFormulas: uncached, layout: true });
      for (const p of uncachedProblems(uncached, workbookLayer.cellsRead(sheets)))
        formulaProblems.push(fileName ? { ...p, fileName } : p);
      return sheets;
    };
    const national = sheetsOf(workbook);
    const regionals = [];
    for (const file of regionalFiles) {
      const read = await readInput(progress, file);
      regionals.push({ fileName: path.basename(file), sheets: sheetsOf(read.workbook, path.basename(file)) });
    }
    progress.step(T.merging);
    const merged = mergeAnswers(national, regionals, { timestamp: io.now() });
    const problems: MergeProblem[] = [
      ...formulaProblems,
      ...(merged.ok ? writeConflicts(workbook, merged.plan) : merged.problems),
    ];
    if (!merged.ok || problems.length > 0) {
      io.stderr(`${[T.problems(problems.length), ...problems.map((p) => `  ${formatMergeProblem(p)}`)].join('\n')}\n`);
      return EXIT_INPUT;
    }
    progress.step(CLI_TEXTS.command.writing(output));
    const data = await editedWorkbookBytes(workbook, (wb) => applyMergePlan(wb, merged.plan), io.now(), output);
    await writeFileAtomically(output, data);
    progress.step(CLI_TEXTS.command.done);
    io.stdout(
      [T.written(output), ...merged.summary.lines.map((l) => `  ${l}`), ...notes.map((n) => `  Obs: ${n}`)].join('\n') + '\n',
    );
    return EXIT_OK;
  });
}
