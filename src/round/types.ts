// Public types of the round's operations on whole workbooks (split, merge): what a host (the command
// line, the pane) gets back and applies without re-deriving anything.
// spec: docs/model.md §A2, §A4
import type { CellBlock, CellRange, Problem, SheetOutput } from '../workbook/types';

/**
 * Sheet protection of a new sheet: protected without a password (a guard against slips, not security),
 * every cell locked except `unlocked` (0-based ranges). Formatting rows and columns, filtering and
 * selecting stay allowed, so the sheet can be read comfortably.
 */
export interface SheetProtection {
  unlocked: CellRange[];
}

/** A sheet of a new workbook made by the round (a regional file): a SheetOutput, optionally protected. */
export interface NewSheet extends SheetOutput {
  /** undefined: not protected */
  protection?: SheetProtection;
}

/** One regional workbook made by split: its file name, its VO and its sheets in order. */
export interface RegionalFile {
  /** "VO Syd.xlsx" (characters a file name cannot hold replaced by "_") */
  fileName: string;
  /** The VO exactly as in Förbund's VO column ("Syd"): the file's Omfattning */
  vo: string;
  /** Number of federations in the file */
  federationCount: number;
  /** The sheets in order: Instruktioner, Parametrar, Förbund, Kommuner, Kommunernas del, Nationellt */
  sheets: NewSheet[];
}

export type SplitResult = { ok: false; problems: Problem[] } | { ok: true; files: RegionalFile[]; fingerprint: string };

/** One row of the Svar log: Tidpunkt, Fil, VO, Förbund, Uppgift, Tidigare värde, Nytt värde. */
export type AnswerLogRow = [string, string, string, string, string, string | number, string | number];

/**
 * What a host writes into the national workbook to merge the answers. Order: create `createSheet` when
 * present (a new Svar sheet with its header), then `blocks` (Förbund), then `append` (Svar). Nothing of
 * the national workbook is touched beyond these cells. Sheet names are as spelled in the workbook.
 */
export interface MergePlan {
  /**
   * Förbund cells: the answer cells of each federation whose answer changed (one block per cell run,
   * values in the column's unit, null = leave as it is), any answer column the national sheet lacked
   * (header + values, after the last column in use), and the `Svar` column (header and every federation
   * row).
   */
  blocks: CellBlock[];
  /** The Svar log sheet to create when the workbook has none: its header row only */
  createSheet?: SheetOutput;
  /** Rows appended to the Svar log, below its last used row (never over an earlier row) */
  append: CellBlock;
}

/** What a merge did, for a terminal or the pane. */
export interface MergeSummary {
  /** Per regional file: its name, VO, federations, answered and changed answer cells */
  files: { fileName: string; vo: string; federations: number; answered: number; changes: number }[];
  /** Federations (national order) that have not answered, with their VO ('' when none) */
  notAnswered: { federation: string; vo: string }[];
  /** Number of answer cells changed on Förbund */
  changes: number;
  /** Swedish one-line-per-item summary */
  lines: string[];
}

export type MergeResult = { ok: false; problems: MergeProblem[] } | { ok: true; plan: MergePlan; summary: MergeSummary };

/** A merge problem: a Problem of one file (fileName) or of the national workbook (fileName undefined). */
export interface MergeProblem extends Problem {
  fileName?: string;
}
