// `finsam split NATIONAL.xlsx --out-dir DIR [--svarsdatum YYYY-MM-DD] [--force]`: one regional workbook
// per VO (round.md §2). Nothing is written when the input has a problem or a file exists without --force.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { readSheets, type UncachedFormula } from '../xlsx';
import { fillNewWorkbook } from '../xlsx/new-workbook';
import { CliError, CliFailure, causeText, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { readInput, refuse, runCommand } from '../command';
import { exists, normalizeZipDates, writeFileAtomically } from '../files';
import { uncachedProblems } from '../compute';
import { CLI_TEXTS } from '../messages';
import * as workbookLayer from '../../workbook';
import { splitRound } from '../../round/split';
import { isIsoDate } from '../../workbook/cells';
import type { RegionalFile } from '../../round/types';
import { ROUND_TEXTS } from '../../round/messages';

const T = CLI_TEXTS.split;

/** A regional file as .xlsx bytes (exceljs; the same sheets the pane writes with exceljs's browser build). */
export async function regionalFileBytes(file: RegionalFile, now: Date): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'finsam';
  workbook.lastModifiedBy = 'finsam';
  workbook.created = now;
  workbook.modified = now;
  fillNewWorkbook(workbook, file.sheets);
  return normalizeZipDates(new Uint8Array(await workbook.xlsx.writeBuffer()), now);
}

export async function splitCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    'out-dir': { type: 'string', short: 'o' },
    svarsdatum: { type: 'string' },
    force: { type: 'boolean', short: 'f' },
  } as const;
  return runCommand('split', args, io, options, async ({ values, positionals, progress }) => {
    if (positionals.length !== 1) throw new CliError(T.usage);
    const outDir = values['out-dir'];
    if (!outDir) throw new CliError(T.outDirMissing);
    const replyDate = values.svarsdatum?.trim();
    if (replyDate !== undefined && !isIsoDate(replyDate)) throw new CliError(ROUND_TEXTS.split.badReplyDate(replyDate));
    const input = positionals[0];
    const { workbook } = await readInput(progress, input);
    progress.step(T.computing);
    const uncached: UncachedFormula[] = [];
    const sheets = readSheets(workbook, { uncachedFormulas: uncached, layout: true });
    const formulaProblems = uncachedProblems(uncached, workbookLayer.cellsRead(sheets));
    const split = splitRound(sheets, { timestamp: io.now(), ...(replyDate ? { replyDate } : {}) });
    const problems = split.ok ? formulaProblems : workbookLayer.sortProblems([...formulaProblems, ...split.problems]);
    if (!split.ok || problems.length > 0) return refuse(io, false, input, problems);
    const targets = split.files.map((f) => path.join(outDir, f.fileName));
    if (!values.force) {
      const existing: string[] = [];
      for (const target of targets) if (await exists(target)) existing.push(target);
      if (existing.length > 0)
        throw new CliError([T.existing(existing.length), ...existing.map((f) => `  ${f}`), T.existingHint]);
    }
    // Every file is made before any is written: a failure leaves the folder as it was
    const data: Uint8Array[] = [];
    for (const file of split.files) {
      try {
        data.push(await regionalFileBytes(file, io.now()));
      } catch (error) {
        throw new CliFailure(CLI_TEXTS.roundFiles.writeFailed(file.fileName, causeText(error)), error);
      }
    }
    await fs.mkdir(outDir, { recursive: true });
    for (const [i, target] of targets.entries()) {
      progress.step(T.writing(i + 1, targets.length, target));
      await writeFileAtomically(target, data[i]);
    }
    progress.step(CLI_TEXTS.command.done);
    io.stdout(
      [
        T.written(split.files.length, outDir),
        ...split.files.map((f) => T.fileLine(f.fileName, f.vo, f.federationCount)),
        T.source(split.fingerprint),
      ].join('\n') + '\n',
    );
    return EXIT_OK;
  });
}
