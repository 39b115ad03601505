// The small interface between the task pane and Excel. The pane only talks to a WorkbookHost, so it
// can be tested with a fake; src/excel/office-host.ts implements it with Office.js.
import type { CellBlock, ChartPlan, SheetOutput, SheetValues, SheetWritePlan, WritePlan } from '../workbook/types';
import type { MergePlan } from '../round/types';

/** A cell, 0-based row and column. */
export interface CellRef {
  sheet: string;
  row: number;
  column: number;
}

/**
 * A change of cells on a watched sheet (Worksheet.onChanged): the sheet, the range's address on it
 * ("C5" or "C5:F9") and, when Excel says so (ExcelApi 1.14 triggerSource), that the add-in made it.
 */
export interface CellChange {
  sheet: string;
  address: string;
  /** true: this add-in's own write; false: the person's (or unknown, where Excel does not tell) */
  byThisAddin: boolean;
}

/** The native chart "Ideal och slutlig tilldelning" written with a run: the plan's (WritePlan.chart). */
export type ChartSpec = ChartPlan;

/** What "Ta bort resultat" removes (removeOutputPlan's shape). */
export interface RemovalPlan {
  clear: WritePlan['clear'];
  deleteSheets: string[];
}

/** Statistics of a write, for tests and the benchmark. */
export interface WriteStats {
  /** context.sync calls made by the write */
  syncs: number;
  /** estimated JSON bytes of each sync's request */
  batchBytes: number[];
}

export interface WorkbookHost {
  /**
   * Every sheet of the workbook in tab order: the input sheets (Parametrar, Förbund, Kommuner) with
   * their values from A1 (values[0][0] is A1), every other sheet with its name only (values []).
   */
  readWorkbook(): Promise<SheetValues[]>;
  /**
   * The named sheets that exist, with their values and number formats from A1 (for sheets readWorkbook
   * leaves without values, e.g. Ansökningar of a targeted-funds round).
   */
  readSheets(names: readonly string[]): Promise<SheetValues[]>;
  /** Writes a run: clear, blocks, sheets, highlight and the chart, in as few syncs as the payload allows. */
  writeRun(plan: SheetWritePlan, chart?: ChartSpec): Promise<WriteStats>;
  /** Adds the given sheets (template) that the workbook does not have yet; returns the names added. */
  insertSheets(sheets: SheetOutput[]): Promise<string[]>;
  /** Writes cell blocks (values and number formats; null leaves a cell as it is). */
  writeBlocks(blocks: CellBlock[]): Promise<void>;
  /**
   * Writes a merge of the round's answers (mergeAnswers' plan, round.md §4): the Svar log sheet when it is
   * missing (createSheet), the Förbund blocks, then the rows appended to the log — in one request where
   * the payload allows.
   */
  applyMerge(plan: MergePlan): Promise<WriteStats>;
  /** Clears the output columns and deletes the output sheets. */
  removeOutput(plan: RemovalPlan): Promise<void>;
  /** Activates the sheet and selects the cell. */
  selectCell(cell: CellRef): Promise<void>;
  /** The active cell (top-left of the selection), or undefined when there is none. */
  activeCell(): Promise<CellRef | undefined>;
  /**
   * Calls onSelect with the top-left cell each time the person selects cells on the sheet
   * (Worksheet.onSelectionChanged, ExcelApi 1.7). Resolves to a function that stops watching.
   */
  watchSelection(sheet: string, onSelect: (cell: CellRef) => void): Promise<() => Promise<void>>;
  /**
   * Calls onChange for each change of cells on the given sheets (Worksheet.onChanged, ExcelApi 1.7;
   * sheets not in the workbook are left out). Resolves to a function that stops watching.
   */
  watchChanges(sheets: string[], onChange: (change: CellChange) => void): Promise<() => Promise<void>>;
}
