// What the round's buttons do (Dela upp, Hämta svar, Nästa år; round.md §2, §4, §8), without React: read
// through the host, run src/round, and — only for merge, and only without any problem — write through the
// host (Dela upp and Nästa år make new files and leave the open workbook as it is). The
// .xlsx reading and writing is loaded on first use (its own webpack chunk, src/taskpane/files/xlsx.ts).
import type { Problem, SheetValues } from '../workbook/types';
import { normalizeKey } from '../workbook/text';
import type { WorkbookHost } from '../excel/host';
import { splitRound } from '../round/split';
import { ANSWER_LOG_SHEET, mergeAnswers } from '../round/merge';
import { rollover } from '../round/rollover';
import { applyPlanToSheets } from '../workbook/apply';
import type { MergeProblem, MergeSummary } from '../round/types';
import { ROUND_PANE_TEXTS } from './texts';

/** The browser's xlsx module, loaded once when a round action first needs it. */
export function loadXlsx(): Promise<typeof import('./files/xlsx')> {
  return import(/* webpackChunkName: "xlsx" */ './files/xlsx');
}

/** One regional file made in the browser, ready to be saved (an object URL of its bytes). */
export interface SplitFile {
  fileName: string;
  vo: string;
  federationCount: number;
  /** URL.createObjectURL of the .xlsx Blob (revoked by the view when it is replaced) */
  url: string;
  bytes: number;
}

export type SplitOutcome = { ok: false; problems: Problem[]; sheetNames: string[] } | { ok: true; files: SplitFile[] };

/** "Dela upp": the open national workbook → one .xlsx per VO, made in the browser; nothing is written to the workbook. */
export async function splitToFiles(
  host: WorkbookHost,
  options: { now?: () => Date; replyDate?: string; onFile?: (fileName: string, index: number, count: number) => void } = {},
): Promise<SplitOutcome> {
  const sheets = await host.readWorkbook();
  const now = options.now ?? (() => new Date());
  const split = splitRound(sheets, { timestamp: now(), ...(options.replyDate ? { replyDate: options.replyDate } : {}) });
  if (!split.ok) return { ok: false, problems: split.problems, sheetNames: sheets.map((s) => s.name) };
  const xlsx = await loadXlsx();
  const files: SplitFile[] = [];
  for (const [i, file] of split.files.entries()) {
    options.onFile?.(file.fileName, i, split.files.length);
    const bytes = await xlsx.writeXlsx(file.sheets, { modified: now() });
    files.push({
      fileName: file.fileName,
      vo: file.vo,
      federationCount: file.federationCount,
      url: URL.createObjectURL(xlsx.xlsxBlob(bytes)),
      bytes: bytes.length,
    });
  }
  return { ok: true, files };
}

/** A file chosen by the person (a File of <input type=file>, or anything with a name and its bytes). */
export interface ChosenFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type MergeOutcome = { ok: false; problems: MergeProblem[]; sheetNames: string[] } | { ok: true; summary: MergeSummary };

/** Lets the browser paint (progress) between files. */
const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * "Hämta svar": reads each chosen file in the browser (progress per file), merges the answers into the
 * open national workbook and writes the merge through the host. Any problem of any file, or of the
 * national workbook, gives every problem and nothing is written.
 */
export async function mergeFiles(
  host: WorkbookHost,
  files: ChosenFile[],
  options: { now?: () => Date; onFile?: (fileName: string, index: number, count: number) => void } = {},
): Promise<MergeOutcome> {
  const xlsx = await loadXlsx();
  const regionals: { fileName: string; sheets: SheetValues[] }[] = [];
  const unreadable: MergeProblem[] = [];
  for (const [i, file] of files.entries()) {
    options.onFile?.(file.name, i, files.length);
    await nextFrame();
    try {
      regionals.push({ fileName: file.name, sheets: await xlsx.readXlsx(await file.arrayBuffer()) });
    } catch {
      unreadable.push({
        fileName: file.name,
        sheet: '',
        row: 1,
        column: 1,
        address: '',
        message: ROUND_PANE_TEXTS.unreadableFile,
      });
    }
  }
  const national = await host.readWorkbook();
  const sheetNames = national.map((s) => s.name);
  if (unreadable.length > 0) return { ok: false, problems: unreadable, sheetNames };
  // The Svar log is not an input sheet: read it too, so that the merge appends below its last row
  const logName = national.find((s) => normalizeKey(s.name) === normalizeKey(ANSWER_LOG_SHEET))?.name;
  const log = logName !== undefined ? (await host.readSheets([logName]))[0] : undefined;
  const sheets = national.map((s) => (log && s.name === log.name ? log : s));
  const merged = mergeAnswers(sheets, regionals, { timestamp: (options.now ?? (() => new Date()))() });
  if (!merged.ok) return { ok: false, problems: merged.problems, sheetNames };
  await host.applyMerge(merged.plan);
  return { ok: true, summary: merged.summary };
}

/** Next year's workbook made in the browser, ready to be saved. */
export interface RolloverFile {
  fileName: string;
  year: number;
  /** The summary lines of `finsam rollover` (the year, what Statlig tilldelning föregående år came from) */
  lines: string[];
  /** URL.createObjectURL of the .xlsx Blob (revoked by the view when it is replaced) */
  url: string;
  bytes: number;
}

export type RolloverFileOutcome = { ok: false; problems: Problem[]; sheetNames: string[] } | { ok: true; file: RolloverFile };

/**
 * "Nästa år": next year's workbook from the open one (src/round/rollover.ts, as `finsam rollover`), as a
 * new .xlsx made in the browser: every sheet the rollover keeps, with its values and number formats and
 * the rollover's cells applied. The open workbook is not changed.
 */
export async function rolloverToFile(
  host: WorkbookHost,
  options: { year?: number; now?: () => Date } = {},
): Promise<RolloverFileOutcome> {
  const now = options.now ?? (() => new Date());
  const sheets = await host.readWorkbook();
  const outcome = rollover(sheets, { ...(options.year !== undefined ? { year: options.year } : {}), timestamp: now() });
  if (!outcome.ok) return { ok: false, problems: outcome.problems, sheetNames: sheets.map((s) => s.name) };
  const { plan } = outcome;
  const dropped = new Set(plan.deleteSheets.map(normalizeKey));
  // Every sheet kept, whole (values and number formats from A1), in tab order: the input sheets as
  // readWorkbook read them, every other sheet read now
  const kept = sheets.filter((s) => !dropped.has(normalizeKey(s.name)));
  const others = kept.filter((s) => s.values.length === 0).map((s) => s.name);
  const read = others.length > 0 ? await host.readSheets(others) : [];
  const full = kept.map((s) => (s.values.length > 0 ? s : (read.find((r) => r.name === s.name) ?? s)));
  const next = applyPlanToSheets(full, plan, { numberFormats: true });
  const xlsx = await loadXlsx();
  const bytes = await xlsx.writeXlsx(
    next.map((s) => ({
      name: s.name,
      values: s.values,
      // Excel's "General" is every cell's format unless set: leave those cells without one
      numberFormats: (s.numberFormats ?? []).map((row) => row.map((f) => (f === null || f === 'General' ? null : f))),
    })),
    { modified: now() },
  );
  const year = plan.summary.year;
  return {
    ok: true,
    file: {
      fileName: ROUND_PANE_TEXTS.rolloverFileName(year),
      year,
      lines: plan.summary.lines.slice(1).map((l) => l.trim()),
      url: URL.createObjectURL(xlsx.xlsxBlob(bytes)),
      bytes: bytes.length,
    },
  };
}
