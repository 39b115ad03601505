// Reading: an exceljs workbook as 2-D arrays of cell values (the shape of Excel's Range.values).
import type ExcelJS from 'exceljs';
import { cellAddress } from '../../workbook/address';
import type { CellRange, CellValue, SheetValues } from '../../workbook/types';
import { isDateTimeFormat } from '../../workbook/numbers';

/** A formula cell that has no cached result: its value is unknown without a spreadsheet program. */
export interface UncachedFormula {
  sheet: string;
  /** 1-based */
  row: number;
  column: number;
  address: string;
  formula: string;
}

export interface ReadOptions {
  /** Receives every formula cell without a cached result (read as ''). */
  uncachedFormulas?: UncachedFormula[];
  /**
   * Also give each sheet its merged ranges and its occupied cells (formulas that read as '': an
   * empty-string result or none), for the placement of the output (SheetValues.merges/occupied).
   * Off by default, so that the arrays are exactly what Range.values gives.
   */
  layout?: boolean;
}

const MS_PER_DAY = 86_400_000;
/** Days from the serial-number epoch to 1970-01-01 (1900 system: 25569; 1904 system: 24107). */
const EPOCH_OFFSET_1900 = 25_569;
const EPOCH_OFFSET_1904 = 24_107;

/**
 * A date as Excel's Range.values gives it: the serial day number (1900 or 1904 system).
 * exceljs reads a date cell as a JS Date in UTC, so this is exact.
 */
export function dateToSerial(date: Date, date1904 = false): number {
  const days = date.getTime() / MS_PER_DAY + (date1904 ? EPOCH_OFFSET_1904 : EPOCH_OFFSET_1900);
  // Times of day are fractions; round away the binary noise of the millisecond division.
  return Math.round(days * 1e10) / 1e10;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function richTextToString(richText: unknown): string {
  if (!Array.isArray(richText)) return '';
  return richText.map((run) => (isObject(run) && typeof run.text === 'string' ? run.text : '')).join('');
}

/** A plain (non-formula) exceljs value as a Range.values value. */
function plainValue(value: unknown, date1904: boolean): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return dateToSerial(value, date1904);
  if (isObject(value)) {
    if ('error' in value) return String(value.error);
    if ('richText' in value) return richTextToString(value.richText);
    if ('hyperlink' in value || 'text' in value) {
      const text = value.text;
      if (typeof text === 'string') return text;
      if (isObject(text) && 'richText' in text) return richTextToString(text.richText);
      return typeof value.hyperlink === 'string' ? value.hyperlink : '';
    }
  }
  return '';
}

/**
 * One cell's value as Excel's Range.values would give it:
 * formula → its cached result; rich text → its plain text; hyperlink → its text;
 * date → serial day number (as Excel does); error → the error text ('#N/A');
 * empty, and the non-top-left cells of a merged range → ''.
 */
export function cellToValue(cell: ExcelJS.Cell, date1904: boolean, onUncachedFormula?: (formula: string) => void): CellValue {
  if (cell.isMerged && cell.master !== cell) return '';
  const value: unknown = cell.value;
  if (isFormulaValue(value)) {
    // cell.value leaves out a result that is 0, false or '' (exceljs copies only truthy fields):
    // the cell's own result is the cached value as stored.
    const result = (cell as unknown as { result?: unknown }).result;
    if (result === undefined || result === null) {
      const formula = String(cell.formula ?? (value as { formula?: unknown }).formula ?? '');
      onUncachedFormula?.(formula);
      return '';
    }
    return plainValue(result, date1904);
  }
  return plainValue(value, date1904);
}

export function isFormulaValue(value: unknown): value is { formula?: string; sharedFormula?: string; result?: unknown } {
  return isObject(value) && ('formula' in value || 'sharedFormula' in value);
}

/**
 * A cell's number format code as Range.numberFormat gives it ('General' → null). A cell exceljs reads as
 * a Date (its format is one exceljs takes for a date, or the file stores a date) is a date whatever its
 * code says, so it gets a date format when it has none.
 */
function numberFormatOf(cell: ExcelJS.Cell): string | null {
  const code = cell.numFmt;
  const value: unknown = cell.value;
  const shown = isFormulaValue(value) ? (cell as unknown as { result?: unknown }).result : value;
  if (shown instanceof Date && !isDateTimeFormat(code)) return 'yyyy-mm-dd';
  return typeof code === 'string' && code !== '' && !/^general$/i.test(code) ? code : null;
}

// exceljs keeps a sheet's merges here (master address → range, 1-based), outside its type declarations.
interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
function mergedRanges(worksheet: ExcelJS.Worksheet): CellRange[] {
  const merges = (worksheet as unknown as { _merges?: Record<string, MergeRange | undefined> })._merges ?? {};
  return Object.values(merges)
    .filter((m): m is MergeRange => m !== undefined && Number.isInteger(m.top) && Number.isInteger(m.left))
    .map((m) => ({ row: m.top - 1, column: m.left - 1, rowCount: m.bottom - m.top + 1, columnCount: m.right - m.left + 1 }));
}

/**
 * Every worksheet, in tab order, as a rectangular 2-D array of values from A1 to its last non-empty
 * cell (values[0][0] is A1). Cells that only carry a style count as empty.
 */
export function readSheets(workbook: ExcelJS.Workbook, options: ReadOptions = {}): SheetValues[] {
  const date1904 = Boolean(workbook.properties?.date1904);
  return workbook.worksheets.map((worksheet) => {
    const cells: { row: number; column: number; value: CellValue; numberFormat: string | null }[] = [];
    const occupied: { row: number; column: number }[] = [];
    let rowCount = 0;
    let columnCount = 0;
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const value = cellToValue(cell, date1904, (formula) => {
          options.uncachedFormulas?.push({
            sheet: worksheet.name,
            row: rowNumber,
            column: columnNumber,
            address: cellAddress(worksheet.name, rowNumber - 1, columnNumber - 1),
            formula,
          });
        });
        if (value === '') {
          if (isFormulaValue(cell.value) && !(cell.isMerged && cell.master !== cell))
            occupied.push({ row: rowNumber - 1, column: columnNumber - 1 });
          return;
        }
        cells.push({ row: rowNumber, column: columnNumber, value, numberFormat: numberFormatOf(cell) });
        rowCount = Math.max(rowCount, rowNumber);
        columnCount = Math.max(columnCount, columnNumber);
      });
    });
    const values: CellValue[][] = Array.from({ length: rowCount }, () => new Array<CellValue>(columnCount).fill(''));
    for (const { row, column, value } of cells) values[row - 1][column - 1] = value;
    const sheet: SheetValues = { name: worksheet.name, values };
    if (options.layout) {
      const merges = mergedRanges(worksheet);
      if (merges.length > 0) sheet.merges = merges;
      if (occupied.length > 0) sheet.occupied = occupied;
      // Number formats of the cells with a value (what Range.numberFormat gives), so that a date in an amount cell is caught
      const formats: (string | null)[][] = Array.from({ length: rowCount }, () =>
        new Array<string | null>(columnCount).fill(null),
      );
      let anyFormat = false;
      for (const { row, column, numberFormat } of cells) {
        if (numberFormat === null) continue;
        formats[row - 1][column - 1] = numberFormat;
        anyFormat = true;
      }
      if (anyFormat) sheet.numberFormats = formats;
    }
    return sheet;
  });
}
