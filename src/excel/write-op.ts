// The add-in's host-neutral write operations (what office-host.ts turns into Office.js calls), as types.
import type { CellValue, Validation } from '../workbook/types';
import type { ChartSpec } from './host';

/** A rectangle of cells, 0-based. */
export interface Rect {
  sheet: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export type WriteOp =
  /** range.clear('All'): values and formats */
  | ({ kind: 'clear' } & Rect)
  | { kind: 'deleteSheet'; sheet: string }
  /** worksheet.getRange().clear('All'): every cell of a sheet the run owns (values and formats), the sheet kept */
  | { kind: 'clearSheet'; sheet: string }
  /** worksheet.charts.getItem(name).delete(): a chart known (from the read) to be on a sheet the run owns */
  | { kind: 'deleteChart'; sheet: string; name: string }
  /** worksheets.add(name), then position (tab index) when given */
  | { kind: 'addSheet'; sheet: string; position?: number }
  /**
   * range.values (and range.numberFormat when given), whole-range 2-D assignments; the number formats
   * are assigned first, so that a cell formatted as text ("@") takes the value as text
   */
  | {
      kind: 'values';
      sheet: string;
      row: number;
      column: number;
      values: CellValue[][];
      numberFormats?: (string | null)[][];
      /**
       * Assign through range.formulas instead of range.values: `values` then holds each cell's formula
       * ('=…', English function names) or its constant (SheetOutput.formulas: Underlag)
       */
      formulas?: boolean;
    }
  /** range.numberFormat alone, a whole-range 2-D assignment */
  | { kind: 'numberFormat'; sheet: string; row: number; column: number; numberFormats: (string | null)[][] }
  /**
   * range.numberFormat = one format code, which Excel applies to every cell of the range: a block of
   * cells that all take the same format (an output column's data rows) without a 2-D array (compactFormats)
   */
  | ({ kind: 'format'; numberFormat: string } & Rect)
  /**
   * range.formulasR1C1 = one formula in R1C1 notation, which Excel puts in every cell of the range (each
   * cell's A1 form then follows from its place): a column's formulas over a run of rows (compactFormulas)
   */
  | ({ kind: 'formulaR1C1'; formula: string } & Rect)
  /** ends the current request: what follows goes in the next sync */
  | { kind: 'barrier' }
  | ({ kind: 'bold' } & Rect)
  | ({ kind: 'fill'; color: string } & Rect)
  | ({ kind: 'autofit' } & Rect)
  | { kind: 'columnWidth'; sheet: string; column: number; points: number }
  | { kind: 'freezeRows'; sheet: string; count: number }
  /** worksheet.freezePanes.freezeAt(A1 to the cell above-left of (rows, columns)): header row and name column */
  | { kind: 'freezeAt'; sheet: string; rows: number; columns: number }
  /** range.format.wrapText = true, verticalAlignment = 'Top' */
  | ({ kind: 'wrap' } & Rect)
  /** range.format.rowHeight (points) */
  | ({ kind: 'rowHeight'; points: number } & Rect)
  /** worksheet.autoFilter.apply(range) (ExcelApi 1.9: only where supported) */
  | ({ kind: 'autoFilter' } & Rect)
  | ({ kind: 'validation'; validation: Validation } & Rect)
  | { kind: 'chart'; chart: ChartSpec }
  | { kind: 'activate'; sheet: string }
  /**
   * worksheet.onChanged.add: the host hears the sheet's changes from now on (an event registration, no
   * cell changed); queued after a run's last write so that watching the input sheets takes no request
   */
  | { kind: 'watchChanges'; sheet: string };
