// The exceljs adapter: an .xlsx workbook in, 2-D arrays of cell values out (the shape Excel's
// Range.values gives the add-in), and a WritePlan of the host-neutral workbook layer applied back.
// All the model and layout logic lives in src/workbook; this file only moves cells.
//
// What exceljs 4.4 keeps when a file is read and written again (checked by test/cli/xlsx.test.ts
// and test/e2e):
// values, formulas (with their cached results), shared formulas, number formats, fonts, fills,
// borders, alignment, merged cells, column widths, row heights, frozen panes, defined names,
// data validations and conditional formatting of the classic kind (plus data bars), notes (legacy
// comments), hyperlinks, images, tables, autofilters, hidden sheets, sheet protection, page setup and
// print areas, sheet order and tab colours. Some only thanks to the small patches below: number
// formats keep their backslash escapes (`numberFormatEscapesKept`), empty-string formula results
// stay empty strings (`formulaStringResultsKept`), tables keep their header row and filter buttons
// (`tablesKeptAsStored`). Before writing, `giveTablesStyleInfo` and `dropUnreadConditionalFormats`
// avoid two exceljs crashes, and `prepareRecalculation` makes other programs recalculate formulas that
// may read the output.
// NOT kept by exceljs: charts, pivot tables, shapes/text boxes, slicers, form controls, threaded
// (modern) comments, sparklines, macros (vbaProject.bin), external links, and the Excel 2010 (x14)
// data validations and conditional formats kept in a sheet's extLst (e.g. a dropdown whose list is
// on another sheet). `lostFeatures` lists what a file has that would be lost (from the zip's
// directory and the sheets' extLst; sparklines are not detected), so the command line warns, and
// refuses --in-place.
import * as zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { cellAddress, rangeRef } from '../workbook/address';
import type { CellRange, CellValue, Problem, SheetOutput, SheetValues, Validation, WritePlan } from '../workbook/types';
import {
  HIGHLIGHT_COLOR,
  LEGACY_MONEY_FORMATS,
  MONEY_FORMAT,
  OUTPUT_SHEETS,
  RUN_CHART_TITLE,
  TEXT_FORMAT,
} from '../workbook/types';
import { validationCells, validationErrorText } from '../workbook/template';
import { isDateTimeFormat } from '../workbook/numbers';
import { mergedOutputCellMessage } from '../workbook/sheets';

/**
 * exceljs 4.4 drops every backslash escape from the number formats it reads
 * (lib/xlsx/xform/style/numfmt-xform.js: formatCode.replace(/[\\](.)/g, '$1')), so a file read and
 * written again would have `0.0\%` turned into `0.0%` (a percentage) on input cells. This keeps the
 * format code exactly as stored. Applied once, when this module is loaded; if exceljs changes its
 * internals the patch is skipped (test/e2e checks that input formats survive a run).
 */
export const numberFormatEscapesKept: boolean = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const NumFmtXform = require('exceljs/lib/xlsx/xform/style/numfmt-xform') as {
      prototype: { parseOpen(node: { name: string; attributes: Record<string, string> }): boolean; model?: unknown };
    };
    const proto = NumFmtXform.prototype;
    if ((proto as { __finsamKeepsEscapes?: boolean }).__finsamKeepsEscapes) return true;
    const original = proto.parseOpen;
    proto.parseOpen = function parseOpen(this: { model?: unknown }, node) {
      if (node.name === 'numFmt' && typeof node.attributes?.formatCode === 'string') {
        this.model = { id: parseInt(node.attributes.numFmtId, 10), formatCode: node.attributes.formatCode };
        return true;
      }
      return original.call(this, node);
    };
    (proto as { __finsamKeepsEscapes?: boolean }).__finsamKeepsEscapes = true;
    return true;
  } catch {
    return false;
  }
})();

/**
 * exceljs 4.4 reads a formula whose cached result is a string only when the string is not empty: a
 * formula that gives "" (Excel and LibreOffice write `<c t="str"><f>…</f><v></v></c>`) comes back
 * without a result, as if it had never been calculated, and is then written back without one. And a
 * string result in a cell with a date format is turned into a date. This patch (lib/xlsx/xform/sheet/
 * cell-xform.js) keeps the cached string as it is, '' included, so such a cell reads as '' (what
 * Excel's Range.values gives) and keeps its result when written. Applied once, when this module is
 * loaded; skipped if exceljs changes its internals (test/cli/xlsx.test.ts checks it).
 */
export const formulaStringResultsKept: boolean = (() => {
  try {
    interface CellModel {
      type?: number;
      formula?: string;
      shareType?: string;
      value?: unknown;
      result?: unknown;
      finsamStringResult?: string;
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const CellXform = require('exceljs/lib/xlsx/xform/sheet/cell-xform') as {
      prototype: {
        parseOpen(this: { parser?: unknown; finsamSawValue?: boolean }, node: { name: string }): boolean;
        parseClose(this: { t?: string; model?: CellModel; finsamSawValue?: boolean }, name: string): boolean;
        reconcile(this: unknown, model: CellModel, options: unknown): void;
      };
    };
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { ValueType } = require('exceljs/lib/doc/enums') as { ValueType: { Formula: number } };
    const proto = CellXform.prototype as typeof CellXform.prototype & { __finsamKeepsStrings?: boolean };
    if (proto.__finsamKeepsStrings) return true;
    if (
      [proto.parseOpen, proto.parseClose, proto.reconcile].some((f) => typeof f !== 'function') ||
      typeof ValueType?.Formula !== 'number'
    )
      return false;
    const parseOpen = proto.parseOpen;
    const parseClose = proto.parseClose;
    const reconcile = proto.reconcile;
    // Whether the cell has a <v> element: a string result with an empty <v> is "", while a formula
    // without any <v> was never calculated (whatever its t attribute says).
    proto.parseOpen = function patchedParseOpen(node) {
      if (!this.parser && node.name === 'c') this.finsamSawValue = false;
      else if (!this.parser && node.name === 'v') this.finsamSawValue = true;
      return parseOpen.call(this, node);
    };
    proto.parseClose = function patchedParseClose(name) {
      const model = this.model;
      const stringFormula =
        name === 'c' &&
        model !== undefined &&
        this.t === 'str' &&
        this.finsamSawValue === true &&
        Boolean(model.formula || model.shareType);
      const done = parseClose.call(this, name);
      if (stringFormula && model) {
        if (model.result === undefined) model.result = '';
        if (typeof model.result === 'string') model.finsamStringResult = model.result;
      }
      return done;
    };
    proto.reconcile = function patchedReconcile(model, options) {
      const kept = model.finsamStringResult;
      delete model.finsamStringResult;
      reconcile.call(this, model, options);
      if (kept !== undefined && model.type === ValueType.Formula) model.result = kept;
    };
    proto.__finsamKeepsStrings = true;
    return true;
  } catch {
    return false;
  }
})();

/**
 * exceljs 4.4 reads worksheet tables with the wrong defaults: a table without `headerRowCount` (Excel
 * leaves it out, the default being 1) is written back with headerRowCount="0"; a column without a
 * <filterColumn>, or one without `hiddenButton` (LibreOffice and Excel write neither for a visible
 * button), is written back with its filter button hidden; a table without an autoFilter gets one.
 * This patch (lib/xlsx/xform/table/*) reads them with the defaults of the file format, so a table
 * comes out as it went in. Applied once; skipped if exceljs changes its internals.
 */
export const tablesKeptAsStored: boolean = (() => {
  try {
    interface Node {
      name: string;
      attributes: Record<string, string | undefined>;
    }
    interface FilterModel {
      filterButton?: boolean;
      colId?: string;
    }
    interface TableModel {
      headerRow?: boolean;
      autoFilterRef?: string;
      columns?: { filterButton?: boolean }[];
    }
    type TableXformThis = {
      parser?: unknown;
      model?: TableModel;
      map: { autoFilter: { model?: { columns: FilterModel[] }; render: unknown } };
    };
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const TableXform = require('exceljs/lib/xlsx/xform/table/table-xform') as {
      prototype: {
        parseOpen(this: TableXformThis, node: Node): boolean;
        parseClose(this: TableXformThis, name: string): boolean;
        render(this: TableXformThis, xmlStream: unknown, model: TableModel): unknown;
        __finsamKeepsTables?: boolean;
      };
    };
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const FilterColumnXform = require('exceljs/lib/xlsx/xform/table/filter-column-xform') as {
      prototype: { parseOpen(this: { parser?: unknown; model?: FilterModel }, node: Node): boolean };
    };
    const table = TableXform.prototype;
    const filter = FilterColumnXform.prototype;
    if (table.__finsamKeepsTables) return true;
    const tableOpen = table.parseOpen;
    const tableClose = table.parseClose;
    const tableRender = table.render;
    const filterOpen = filter.parseOpen;
    if ([tableOpen, tableClose, tableRender, filterOpen].some((f) => typeof f !== 'function')) return false;
    filter.parseOpen = function patchedFilterOpen(node) {
      const own = !this.parser && node.name === 'filterColumn';
      const done = filterOpen.call(this, node);
      if (own && this.model) {
        const hidden = node.attributes.hiddenButton;
        this.model.filterButton = !(hidden === '1' || hidden === 'true');
        this.model.colId = node.attributes.colId;
      }
      return done;
    };
    table.parseOpen = function patchedTableOpen(node) {
      const own = !this.parser && node.name === 'table';
      const done = tableOpen.call(this, node);
      if (own && this.model && node.attributes.headerRowCount === undefined) this.model.headerRow = true;
      return done;
    };
    table.parseClose = function patchedTableClose(name) {
      const own = !this.parser && name === 'table';
      const done = tableClose.call(this, name);
      const filters = this.map.autoFilter.model;
      if (own && this.model && this.model.autoFilterRef !== undefined && filters) {
        const byColumn = new Map(filters.columns.map((f, i) => [f.colId !== undefined ? Number(f.colId) : i, f]));
        (this.model.columns ?? []).forEach((column, i) => {
          column.filterButton = byColumn.get(i)?.filterButton ?? true;
        });
      }
      return done;
    };
    table.render = function patchedTableRender(xmlStream, model) {
      if (model.autoFilterRef !== undefined) return tableRender.call(this, xmlStream, model);
      const autoFilter = this.map.autoFilter as { render: unknown };
      autoFilter.render = () => true; // no autoFilter element: the table had none
      try {
        return tableRender.call(this, xmlStream, model);
      } finally {
        delete (autoFilter as { render?: unknown }).render;
      }
    };
    table.__finsamKeepsTables = true;
    return true;
  } catch {
    return false;
  }
})();

/** exceljs' ARGB form of a plan colour ('#FFF2CC' → 'FFFFF2CC', opaque). */
export function argbOf(color: string): string {
  return `FF${color.replace(/^#/, '').toUpperCase()}`;
}

/** The plan's highlight (HIGHLIGHT_COLOR) as exceljs stores it: how an earlier run's fill is recognised. */
export const HIGHLIGHT_ARGB = argbOf(HIGHLIGHT_COLOR);

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

function isFormulaValue(value: unknown): value is { formula?: string; sharedFormula?: string; result?: unknown } {
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

// ---------------------------------------------------------------------------------------------
// Writing. exceljs shares one style object between all cells loaded with the same style id, so a
// style is never mutated in place (cell.numFmt = … would restyle input cells elsewhere): every
// change assigns a fresh style object to the one cell concerned.

type Style = Partial<ExcelJS.Style>;

function setCellStyle(cell: ExcelJS.Cell, change: (style: Style) => Style): void {
  const current: Style = { ...(cell.style ?? {}) };
  cell.style = change(current) as ExcelJS.Style;
}

/**
 * The style a new cell gets from its row and column (a row's style first, as exceljs and Excel give
 * a cell that is first written in a formatted row). A run's output cell is this style plus what the
 * run sets (number format, bold header, highlight), on the first run and on every rerun alike.
 */
function inheritedStyle(cell: ExcelJS.Cell): Style {
  const worksheet = cell.worksheet;
  // exceljs keeps a row's and a column's own style in .style (Row leaves it out of its type declarations)
  const rowStyle: Style = (worksheet.getRow(Number(cell.row)) as unknown as { style?: Style }).style ?? {};
  const columnStyle: Style = (worksheet.getColumn(Number(cell.col)) as unknown as { style?: Style }).style ?? {};
  const style: Style = {};
  if (rowStyle.numFmt || columnStyle.numFmt) style.numFmt = rowStyle.numFmt || columnStyle.numFmt;
  if (rowStyle.font || columnStyle.font) style.font = rowStyle.font ?? columnStyle.font;
  if (rowStyle.alignment || columnStyle.alignment) style.alignment = rowStyle.alignment ?? columnStyle.alignment;
  if (rowStyle.border || columnStyle.border) style.border = rowStyle.border ?? columnStyle.border;
  if (rowStyle.fill || columnStyle.fill) style.fill = rowStyle.fill ?? columnStyle.fill;
  if (rowStyle.protection || columnStyle.protection) style.protection = rowStyle.protection ?? columnStyle.protection;
  return style;
}

/** Number formats a run puts on output cells (this version's and earlier versions', text included). */
const RUN_NUMBER_FORMATS = new Set<string>([MONEY_FORMAT, ...LEGACY_MONEY_FORMATS, TEXT_FORMAT]);

/**
 * A style without what a run set on it: its money format, its highlight and (on a header cell) its
 * bold, each back to what the cell inherits from its row and column. Everything else — borders,
 * fonts, fills and formats a person gave the cell — is kept.
 */
function withoutRunFormatting(cell: ExcelJS.Cell, style: Style, headerCell: boolean): Style {
  const inherited = inheritedStyle(cell);
  const next: Style = { ...style };
  const restore = <K extends keyof Style>(key: K): void => {
    if (inherited[key] !== undefined) next[key] = inherited[key];
    else delete next[key];
  };
  if (style.numFmt !== undefined && RUN_NUMBER_FORMATS.has(style.numFmt)) restore('numFmt');
  if (isOurHighlight(style.fill)) restore('fill');
  if (headerCell && style.font?.bold !== undefined && style.font.bold !== inherited.font?.bold) {
    const font: Partial<ExcelJS.Font> = { ...style.font };
    if (inherited.font?.bold !== undefined) font.bold = inherited.font.bold;
    else delete font.bold;
    next.font = font;
  }
  return next;
}

function isOurHighlight(fill: ExcelJS.Fill | undefined): boolean {
  return (
    fill !== undefined &&
    fill.type === 'pattern' &&
    fill.pattern === 'solid' &&
    (fill as ExcelJS.FillPattern).fgColor?.argb === HIGHLIGHT_ARGB
  );
}

function toExcelValue(value: CellValue): ExcelJS.CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function findWorksheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const exact = workbook.getWorksheet(name);
  if (exact) return exact;
  const wanted = name.trim().toLocaleLowerCase('sv');
  return workbook.worksheets.find((ws) => ws.name.trim().toLocaleLowerCase('sv') === wanted);
}

function requireWorksheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const worksheet = findWorksheet(workbook, name);
  if (!worksheet) throw new Error(`Bladet "${name}" finns inte i arbetsboken`);
  return worksheet;
}

/** A cell of a merged range other than its top-left cell: its value is the top-left cell's. */
function isMergedNonMaster(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master !== cell;
}

/**
 * Clears the stale output of an earlier run from a range (output columns from the header row down):
 * values, and the number formats, highlight and header bold a run sets (withoutRunFormatting), so
 * that a rerun writes cells identical to a first run's. A cell holding a formula is left alone (a run
 * writes none), and so is a cell of a merged range whose top-left cell is elsewhere (exceljs would clear the top-left cell, e.g. a footnote in an input
 * column).
 */
function clearRange(worksheet: ExcelJS.Worksheet, row: number, column: number, rowCount: number, columnCount: number): void {
  for (let r = row; r < row + rowCount; r += 1) {
    const excelRow = worksheet.findRow(r + 1);
    if (!excelRow) continue;
    for (let c = column; c < column + columnCount; c += 1) {
      const cell = excelRow.findCell(c + 1);
      // A formula is never the run's (it writes none): a total of the user's is kept
      if (!cell || isMergedNonMaster(cell) || isFormulaValue(cell.value)) continue;
      cell.value = null;
      setCellStyle(cell, (style) => withoutRunFormatting(cell, style, r === row));
    }
  }
}

/** Display width (characters) a written value needs, for output columns that have no width yet. */
function displayLength(value: CellValue, numberFormat: string | null | undefined): number {
  if (value === null || value === '') return 0;
  if (typeof value === 'number') {
    if (numberFormat && numberFormat.includes('%')) return 8;
    const whole = Math.round(Math.abs(value)).toString();
    return whole.length + Math.floor((whole.length - 1) / 3) + (value < 0 ? 1 : 0);
  }
  return String(value).length;
}

function writeBlock(workbook: ExcelJS.Workbook, block: WritePlan['blocks'][number]): void {
  const worksheet = requireWorksheet(workbook, block.sheet);
  const widths: number[] = [];
  block.values.forEach((rowValues, i) => {
    const excelRow = worksheet.getRow(block.row + i + 1);
    rowValues.forEach((value, j) => {
      // null leaves the cell as it is ('' clears it): Office.js Range.values semantics.
      if (value === null || value === undefined) return;
      const cell = excelRow.getCell(block.column + j + 1);
      const numberFormat = block.numberFormats?.[i]?.[j];
      cell.value = toExcelValue(value);
      setCellStyle(cell, (style) => {
        const next: Style = { ...style };
        if (numberFormat !== null && numberFormat !== undefined) next.numFmt = numberFormat;
        if (block.boldFirstRow && i === 0) next.font = { ...(style.font ?? {}), bold: true };
        // A highlight left by an earlier run is removed; highlight() puts it back where it belongs.
        if (isOurHighlight(style.fill)) {
          const inherited = inheritedStyle(cell).fill;
          if (inherited) next.fill = inherited;
          else delete next.fill;
        }
        return next;
      });
      widths[j] = Math.max(widths[j] ?? 0, displayLength(value, numberFormat));
    });
  });
  // Output columns that have no width of their own get one that fits (never an input column's).
  widths.forEach((needed, j) => {
    const column = worksheet.getColumn(block.column + j + 1);
    if (column.width === undefined) column.width = Math.min(60, Math.max(10, needed + 2));
  });
}

function excelValidation(validation: Validation): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: validation.warning ? ('warning' as const) : ('stop' as const),
    error: validationErrorText(validation),
    ...(validation.prompt ? { showInputMessage: true, prompt: validation.prompt } : {}),
  };
  if (validation.type === 'list') {
    return { ...common, type: 'list', formulae: [`"${validation.values.map((v) => v.replace(/"/g, '""')).join(',')}"`] };
  }
  const type = validation.type === 'wholeNumber' ? ('whole' as const) : ('decimal' as const);
  return validation.max === undefined
    ? { ...common, type, operator: 'greaterThanOrEqual', formulae: [validation.min] }
    : { ...common, type, operator: 'between', formulae: [validation.min, validation.max] };
}

/**
 * Last row a validation reaching the end of a sheet is written to: exceljs expands every range it
 * reads into single cells, so the plan's whole-column ranges stop here (enough for any round).
 */
const VALIDATION_LAST_ROW = 2000;

/** The plan's validation cells in A1 form that exceljs writes as is (a whole column ends at VALIDATION_LAST_ROW). */
function validationA1(cells: CellRange): string {
  const lastRow = Math.min(cells.row + cells.rowCount, VALIDATION_LAST_ROW) - 1;
  return rangeRef(cells.row, cells.column, lastRow, cells.column + cells.columnCount - 1);
}

/** A validation range in A1 form as the command line writes it ('L:L' → 'L2:L2000' below the header). */
export function validationRange(range: string, headerRow = 0): string {
  return validationA1(validationCells(range, headerRow));
}

// exceljs has these at run time but leaves them out of its type declarations.
interface WorksheetInternals {
  orderNo: number;
  dataValidations: {
    model: Record<string, ExcelJS.DataValidation | undefined>;
    add(range: string, validation: ExcelJS.DataValidation): void;
  };
}
const internals = (worksheet: ExcelJS.Worksheet): WorksheetInternals => worksheet as unknown as WorksheetInternals;
/** A worksheet's data validations, keyed by cell (exceljs expands ranges it reads into single cells). */
export const dataValidations = (worksheet: ExcelJS.Worksheet): WorksheetInternals['dataValidations'] =>
  internals(worksheet).dataValidations;

/** Fills a fresh worksheet with a SheetOutput: values, formats, bold rows, widths, frozen header, validations. */
function fillSheet(worksheet: ExcelJS.Worksheet, output: SheetOutput): void {
  const bold = new Set(output.boldRows ?? []);
  output.values.forEach((rowValues, i) => {
    const excelRow = worksheet.getRow(i + 1);
    rowValues.forEach((value, j) => {
      const numberFormat = output.numberFormats?.[i]?.[j];
      const excelValue = toExcelValue(value);
      if (excelValue === null && !numberFormat && !bold.has(i)) return;
      const cell = excelRow.getCell(j + 1);
      cell.value = excelValue;
      const style: Style = {};
      if (numberFormat) style.numFmt = numberFormat;
      if (bold.has(i)) style.font = { bold: true };
      cell.style = style as ExcelJS.Style;
    });
  });
  (output.columnWidths ?? []).forEach((width, j) => {
    if (width > 0) worksheet.getColumn(j + 1).width = width;
  });
  if (output.headerRow !== undefined) {
    worksheet.views = [{ state: 'frozen', xSplit: 0, ySplit: output.headerRow + 1 }];
  }
  for (const validation of output.validations ?? []) {
    dataValidations(worksheet).add(validationA1(validation.cells), excelValidation(validation));
  }
}

/**
 * Creates each sheet, or replaces an existing sheet of the same name (matched case-insensitively)
 * at the same tab position. Everything else in the workbook is left as it is.
 */
export function writeSheetOutputs(workbook: ExcelJS.Workbook, sheets: SheetOutput[]): void {
  for (const output of sheets) {
    const existing = findWorksheet(workbook, output.name);
    let orderNo: number | undefined;
    let name = output.name;
    let tabColor: ExcelJS.WorksheetProperties['tabColor'] | undefined;
    if (existing) {
      orderNo = internals(existing).orderNo;
      name = existing.name;
      tabColor = existing.properties?.tabColor;
      workbook.removeWorksheet(existing.id);
    }
    const worksheet = workbook.addWorksheet(name, tabColor ? { properties: { tabColor } } : undefined);
    if (orderNo !== undefined) internals(worksheet).orderNo = orderNo;
    fillSheet(worksheet, output);
  }
}

/**
 * Light fill on the output cells of warning rows. Only columns that a block of the plan wrote are
 * filled, even if the plan's column span covers more (output columns of an earlier run need not be
 * adjacent): an input cell is never restyled.
 */
function highlightRows(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  const { highlight } = plan;
  if (highlight.rows.length === 0) return;
  const worksheet = requireWorksheet(workbook, highlight.sheet);
  const sameSheet = (name: string): boolean =>
    name.trim().toLocaleLowerCase('sv') === highlight.sheet.trim().toLocaleLowerCase('sv');
  const written = new Set<number>();
  for (const block of plan.blocks) {
    if (!sameSheet(block.sheet)) continue;
    const width = Math.max(0, ...block.values.map((row) => row.length));
    for (let c = block.column; c < block.column + width; c += 1) written.add(c);
  }
  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argbOf(highlight.color) } };
  for (const row of highlight.rows) {
    const excelRow = worksheet.getRow(row + 1);
    for (let c = highlight.firstColumn; c <= highlight.lastColumn; c += 1) {
      if (written.has(c)) setCellStyle(excelRow.getCell(c + 1), (style) => ({ ...style, fill }));
    }
  }
}

/**
 * Cells the plan's blocks write (non-null values) that are part of merged cells. exceljs writes a
 * value given to any cell of a merge into its top-left cell, which may be an input cell, so such a
 * plan is refused (with the cells) rather than applied. A run's own output never has merges, and a
 * first run places its columns to the right of merges that reach into the header row or a federation
 * row, so this only happens when a merge was made inside earlier output. Clear ranges skip the cells
 * of a merge that starts elsewhere (clearRange), so they are not checked.
 */
export function writeConflicts(workbook: ExcelJS.Workbook, plan: WritePlan): Problem[] {
  const conflicts: Problem[] = [];
  const seen = new Set<string>();
  const check = (sheetName: string, row: number, column: number): void => {
    const worksheet = findWorksheet(workbook, sheetName);
    const cell = worksheet?.findCell(row + 1, column + 1);
    if (!worksheet || !cell || !cell.isMerged) return;
    const address = cellAddress(worksheet.name, row, column);
    if (seen.has(address)) return;
    seen.add(address);
    conflicts.push({
      sheet: worksheet.name,
      row: row + 1,
      column: column + 1,
      address,
      message: mergedOutputCellMessage(cell.master.address),
    });
  };
  for (const block of plan.blocks) {
    block.values.forEach((rowValues, i) =>
      rowValues.forEach((value, j) => {
        if (value !== null && value !== undefined) check(block.sheet, block.row + i, block.column + j);
      }),
    );
  }
  return conflicts;
}

/**
 * Applies a run's WritePlan in the order the contract gives: clear stale output, write the output
 * blocks on Förbund, replace Kommunbidrag and Körlogg, highlight warning rows (output cells only).
 * Input cells are never written: the plan only addresses output columns and output sheets.
 */
export function applyWritePlan(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  for (const range of plan.clear) {
    clearRange(requireWorksheet(workbook, range.sheet), range.row, range.column, range.rowCount, range.columnCount);
  }
  for (const block of plan.blocks) writeBlock(workbook, block);
  writeSheetOutputs(workbook, plan.sheets);
  highlightRows(workbook, plan);
}

// ---------------------------------------------------------------------------------------------
// Before a workbook read from a file is written again.

/** The style info exceljs needs to write a table: no style name means no table style, as when it is absent. */
const NO_TABLE_STYLE = {
  theme: null,
  showFirstColumn: false,
  showLastColumn: false,
  showRowStripes: false,
  showColumnStripes: false,
};

/**
 * A table without <tableStyleInfo> (LibreOffice writes none) is read by exceljs with no style and
 * then crashes its writer ("Cannot read properties of null (reading 'theme')"). Such tables get the
 * style info that means "no style"; nothing else of the table changes. Returns how many were given one.
 */
export function giveTablesStyleInfo(workbook: ExcelJS.Workbook): number {
  let fixed = 0;
  for (const worksheet of workbook.worksheets) {
    const tables =
      (worksheet as unknown as { tables?: Record<string, { table?: { style?: unknown } } | undefined> }).tables ?? {};
    for (const table of Object.values(tables)) {
      if (table?.table && (table.table.style === null || table.table.style === undefined)) {
        table.table.style = { ...NO_TABLE_STYLE };
        fixed += 1;
      }
    }
  }
  return fixed;
}

/**
 * exceljs reads an Excel 2010 conditional-format rule that lives only in a sheet's extLst (e.g. one
 * whose condition refers to another sheet) as a rule without its formula, and then crashes writing
 * it. Those rules cannot be carried over (lostFeatures says so): they are removed before writing.
 * Data bars and icon sets, which exceljs does read from the extLst, are kept. Returns how many went.
 */
export function dropUnreadConditionalFormats(workbook: ExcelJS.Workbook): number {
  let dropped = 0;
  for (const worksheet of workbook.worksheets) {
    const sheet = worksheet as unknown as {
      conditionalFormattings?: { ref: string; rules: { type?: string; x14Id?: string }[] }[];
    };
    if (!Array.isArray(sheet.conditionalFormattings)) continue;
    sheet.conditionalFormattings = sheet.conditionalFormattings.filter((formatting) => {
      const kept = (formatting.rules ?? []).filter((rule) => !(rule.x14Id && rule.type !== 'dataBar' && rule.type !== 'iconSet'));
      dropped += (formatting.rules ?? []).length - kept.length;
      formatting.rules = kept;
      return kept.length > 0;
    });
  }
  return dropped;
}

/**
 * After a run, formulas that read output cells (a sum of Slutlig tilldelning on a summary sheet, say)
 * still carry the results cached before the run. Excel recalculates on open when the workbook says
 * fullCalcOnLoad; LibreOffice ignores that flag (it never reads it) but calculates every formula that
 * has no cached result. So the flag is set, and the cached result is dropped from the formulas that
 * may depend on what the run wrote:
 * - every formula on a sheet the run writes (`writtenSheets`: Förbund, Kommunbidrag, Körlogg), and
 * - every formula on a sheet where some formula mentions such a sheet, a defined name or table on
 *   one, or INDIRECT — and so on, sheet by sheet, until nothing changes (conservative: a sheet that
 *   depends on the output loses all its cached results, a sheet that does not keeps them);
 * except the cells the run read (`keepResult`): their values are the run's input and are unchanged.
 * Returns how many cached results were dropped.
 */
export function prepareRecalculation(
  workbook: ExcelJS.Workbook,
  keepResult: (sheet: string, row: number, column: number) => boolean,
  writtenSheets: readonly string[],
): number {
  workbook.calcProperties = { ...(workbook.calcProperties ?? {}), fullCalcOnLoad: true };
  const key = (name: string): string => name.trim().toLocaleLowerCase('sv');
  interface FormulaCell {
    cell: ExcelJS.Cell;
    value: Record<string, unknown>;
    text: string;
  }
  const formulas = new Map<ExcelJS.Worksheet, FormulaCell[]>();
  for (const worksheet of workbook.worksheets) {
    const list: FormulaCell[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const value: unknown = cell.value;
        if (!isFormulaValue(value) || isMergedNonMaster(cell)) return;
        if (keepResult(worksheet.name, rowNumber - 1, columnNumber - 1)) return;
        list.push({ cell, value: value as Record<string, unknown>, text: key(String(cell.formula ?? value.formula ?? '')) });
      });
    });
    formulas.set(worksheet, list);
  }
  const tainted = new Set(writtenSheets.map(key));
  const names = (workbook.definedNames?.model ?? []) as { name: string; ranges?: string[] }[];
  const tablesOf = (worksheet: ExcelJS.Worksheet): string[] =>
    Object.keys((worksheet as unknown as { tables?: Record<string, unknown> }).tables ?? {});
  for (let changed = true; changed;) {
    changed = false;
    const words = [...tainted];
    for (const { name, ranges } of names) {
      if ((ranges ?? []).some((range) => words.some((sheet) => key(range).includes(sheet)))) words.push(key(name));
    }
    for (const worksheet of workbook.worksheets)
      if (tainted.has(key(worksheet.name))) words.push(...tablesOf(worksheet).map(key));
    for (const worksheet of workbook.worksheets) {
      if (tainted.has(key(worksheet.name))) continue;
      const reads = (formulas.get(worksheet) ?? []).some(
        ({ text }) => text.includes('indirect(') || words.some((word) => text.includes(word)),
      );
      if (reads) {
        tainted.add(key(worksheet.name));
        changed = true;
      }
    }
  }
  let dropped = 0;
  for (const [worksheet, list] of formulas) {
    if (!tainted.has(key(worksheet.name))) continue;
    for (const { cell, value } of list) {
      const result = (cell as unknown as { result?: unknown }).result;
      if (result === undefined || result === null) continue;
      const { result: _cached, ...withoutResult } = value;
      cell.value = withoutResult as unknown as ExcelJS.CellValue;
      dropped += 1;
    }
  }
  return dropped;
}

// ---------------------------------------------------------------------------------------------
// What exceljs would lose. An .xlsx file is a zip; its central directory lists the parts, which is
// enough to tell charts, pivot tables and the like apart without unpacking anything.

interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** CRC-32 of the uncompressed data, as the central directory gives it */
  crc32: number;
  localHeader: number;
}

/** The parts of a zip file as its central directory lists them, or [] when it is not a readable zip. */
function zipEntries(buffer: Uint8Array): ZipEntry[] {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const minEnd = Math.max(0, buffer.length - 22 - 0xffff);
  let end = -1;
  for (let i = buffer.length - 22; i >= minEnd; i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n += 1) {
    if (offset + 46 > buffer.length || view.getUint32(offset, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    entries.push({
      name: decoder.decode(buffer.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      crc32: view.getUint32(offset + 16, true),
      localHeader: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Names of the parts of a zip file (central directory), or [] when it is not a readable zip. */
export function zipEntryNames(buffer: Uint8Array): string[] {
  return zipEntries(buffer).map((entry) => entry.name);
}

/** The uncompressed bytes of one part of a zip file, or undefined when they cannot be read. */
function zipEntryData(buffer: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  try {
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const local = entry.localHeader;
    if (local + 30 > buffer.length || view.getUint32(local, true) !== 0x04034b50) return undefined;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + entry.compressedSize > buffer.length) return undefined;
    const data = buffer.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return data;
    if (entry.method === 8) return zlib.inflateRawSync(data);
    return undefined;
  } catch {
    return undefined;
  }
}

/** The text of one part of a zip file, or undefined when it is missing or cannot be read. */
function zipEntryText(buffer: Uint8Array, entry: ZipEntry): string | undefined {
  const data = zipEntryData(buffer, entry);
  return data === undefined ? undefined : new TextDecoder('utf-8').decode(data);
}

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the zip format's checksum) of some bytes: node's zlib.crc32 where it has one. */
export function crc32(data: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;
  if (typeof native === 'function') return native(data) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i += 1) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The parts of a zip file that are damaged: their data cannot be unpacked, or it does not have the
 * length and the CRC-32 checksum the zip's directory records (a file cut short, a flipped bit). exceljs
 * does not check them, so a damaged part would be read with wrong figures. [] for a sound file.
 * A file whose directory cannot be read at all is damaged as a whole (['']).
 */
export function damagedZipEntries(buffer: Uint8Array): string[] {
  const entries = zipEntries(buffer);
  if (entries.length === 0) return [''];
  const damaged: string[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    // zip64 keeps the sizes elsewhere: such a part is left to the reader
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) continue;
    const data = zipEntryData(buffer, entry);
    if (data === undefined || data.length !== entry.uncompressedSize || crc32(data) !== entry.crc32) damaged.push(entry.name);
  }
  return damaged;
}

/**
 * What a zip file holds by its parts: an Excel workbook (xl/workbook.xml, also .xlsm), an OpenDocument
 * file (its `mimetype`: .ods, .odt …), a Word document, a PowerPoint presentation, or something else.
 */
export type ZipKind = 'xlsx' | 'ods' | 'odf' | 'docx' | 'pptx' | 'zip';
export function zipKind(buffer: Uint8Array): ZipKind {
  const entries = zipEntries(buffer);
  const has = (name: string): boolean => entries.some((e) => e.name.toLowerCase() === name);
  if (has('xl/workbook.xml') || entries.some((e) => /^xl\/workbook[^/]*\.xml$/i.test(e.name))) return 'xlsx';
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const type = zipEntryText(buffer, mimetype)?.trim() ?? '';
    if (type === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods';
    if (type.startsWith('application/vnd.oasis.opendocument.')) return 'odf';
  }
  if (has('word/document.xml')) return 'docx';
  if (has('ppt/presentation.xml')) return 'pptx';
  return 'zip';
}

const X14_NAMESPACE = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';

function decodeXmlAttribute(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Sheet names by the path of their part ('xl/worksheets/sheet1.xml' → 'Förbund'), from workbook.xml and its rels. */
function sheetNamesByPart(buffer: Uint8Array, entries: ZipEntry[]): Map<string, string> {
  const byPart = new Map<string, string>();
  const text = (name: string): string | undefined => {
    const entry = entries.find((e) => e.name === name);
    return entry ? zipEntryText(buffer, entry) : undefined;
  };
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return byPart;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name && part) byPart.set(part.replace(/\/\.\//g, '/'), decodeXmlAttribute(name));
  }
  return byPart;
}

/**
 * Excel 2010 (x14) data validations and conditional-format rules in the extLst of each worksheet,
 * which exceljs does not read (validations) or reads without their formulas (rules other than data
 * bars and icon sets), so they are not in the written file. Counted per sheet.
 */
export function extensionFeatures(buffer: Uint8Array): { sheet: string; validations: number; conditionalFormats: number }[] {
  const entries = zipEntries(buffer);
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name));
  if (sheets.length === 0) return [];
  const names = sheetNamesByPart(buffer, entries);
  const found: { sheet: string; validations: number; conditionalFormats: number }[] = [];
  for (const entry of sheets) {
    const xml = zipEntryText(buffer, entry);
    if (!xml || !xml.includes(X14_NAMESPACE)) continue;
    // The prefixes bound to the x14 namespace (Excel writes x14:, other writers may not)
    const prefixes = [...xml.matchAll(/xmlns:([\w.-]+)="([^"]*)"/g)].filter((m) => m[2] === X14_NAMESPACE).map((m) => m[1]);
    let validations = 0;
    let conditionalFormats = 0;
    for (const prefix of new Set(prefixes)) {
      const p = prefix.replace(/[.-]/g, '\\$&');
      validations += [...xml.matchAll(new RegExp(`<${p}:dataValidation[\\s/>]`, 'g'))].length;
      for (const rule of xml.matchAll(new RegExp(`<${p}:cfRule\\b[^>]*>`, 'g'))) {
        const type = /\btype="([^"]*)"/.exec(rule[0])?.[1];
        if (type !== 'dataBar' && type !== 'iconSet') conditionalFormats += 1;
      }
    }
    if (validations > 0 || conditionalFormats > 0) {
      found.push({ sheet: names.get(entry.name) ?? entry.name.replace(/^.*\//, ''), validations, conditionalFormats });
    }
  }
  return found;
}

/** The targets of a part's relationships ('xl/drawings/drawing1.xml' → its charts …), as zip paths. */
function relationshipTargets(buffer: Uint8Array, entries: ZipEntry[], part: string): { type: string; target: string }[] {
  const slash = part.lastIndexOf('/');
  const folder = part.slice(0, slash);
  const relsName = `${folder}/_rels/${part.slice(slash + 1)}.rels`;
  const entry = entries.find((e) => e.name === relsName);
  const xml = entry ? zipEntryText(buffer, entry) : undefined;
  if (!xml) return [];
  const found: { type: string; target: string }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    const type = /\bType="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (!target || /\bTargetMode="External"/.test(m[0])) continue;
    const parts = (target.startsWith('/') ? target.slice(1) : `${folder}/${target}`).split('/');
    const resolved: string[] = [];
    for (const p of parts) {
      if (p === '..') resolved.pop();
      else if (p !== '.' && p !== '') resolved.push(p);
    }
    found.push({ type, target: resolved.join('/') });
  }
  return found;
}

/**
 * The parts of the run's own chart, which the task pane puts on Körlogg with the title RUN_CHART_TITLE
 * (src/excel/chart.ts): Körlogg is replaced by every run, so that chart is the run's output and not
 * something of the user's that a rewrite would lose. Returns its chart parts and the drawings that hold
 * nothing else.
 */
export function ownChartParts(buffer: Uint8Array): { charts: Set<string>; drawings: Set<string> } {
  const entries = zipEntries(buffer);
  const charts = new Set<string>();
  const drawings = new Set<string>();
  const logKey = OUTPUT_SHEETS[1].toLocaleLowerCase('sv');
  for (const [part, sheet] of sheetNamesByPart(buffer, entries)) {
    if (sheet.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv') !== logKey) continue;
    for (const drawing of relationshipTargets(buffer, entries, part).filter((r) => /\/drawing$/.test(r.type))) {
      const targets = relationshipTargets(buffer, entries, drawing.target);
      const own = targets.filter((t) => /\/chart$/.test(t.type) && isRunChart(buffer, entries, t.target));
      own.forEach((t) => charts.add(t.target));
      if (own.length > 0 && own.length === targets.filter((t) => !/chartStyle|chartColorStyle/.test(t.type)).length)
        drawings.add(drawing.target);
    }
  }
  return { charts, drawings };
}

/** A chart part whose title is the run's chart title (the text of its <c:title>, runs joined). */
function isRunChart(buffer: Uint8Array, entries: ZipEntry[], part: string): boolean {
  const entry = entries.find((e) => e.name === part);
  const xml = entry ? zipEntryText(buffer, entry) : undefined;
  const title = xml ? /<(?:\w+:)?title\b[\s\S]*?<\/(?:\w+:)?title>/.exec(xml)?.[0] : undefined;
  if (!title) return false;
  const text = [...title.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)]
    .map((m) => decodeXmlAttribute(m[1]))
    .join('');
  return text.trim() === RUN_CHART_TITLE;
}

/** Swedish notes on the parts of an .xlsx file that exceljs does not write back (the run's own chart is none). */
export function lostFeatures(buffer: Uint8Array): string[] {
  const own = ownChartParts(buffer);
  const names = zipEntryNames(buffer).filter((name) => !own.charts.has(name) && !own.drawings.has(name));
  const count = (pattern: RegExp): number => names.filter((name) => pattern.test(name)).length;
  const notes: string[] = [];
  const charts = count(/^xl\/charts\/chart[^/]*\.xml$/i);
  if (charts > 0) notes.push(`${charts} diagram`);
  const pivots = count(/^xl\/pivotTables\/[^/]+\.xml$/i);
  if (pivots > 0) notes.push(`${pivots} pivottabell${pivots === 1 ? '' : 'er'}`);
  if (count(/^xl\/vbaProject\.bin$/i) > 0) notes.push('makron (VBA)');
  const slicers = count(/^xl\/slicers\/[^/]+\.xml$/i);
  if (slicers > 0) notes.push(`${slicers} utsnitt`);
  const links = count(/^xl\/externalLinks\/[^/]+\.xml$/i);
  if (links > 0) notes.push(links === 1 ? '1 extern länk' : `${links} externa länkar`);
  const threaded = count(/^xl\/threadedComments\/[^/]+\.xml$/i);
  if (threaded > 0) notes.push('trådade kommentarer (de blir vanliga anteckningar)');
  const controls = count(/^xl\/ctrlProps\/[^/]+\.xml$/i);
  if (controls > 0) notes.push(`${controls} formulärkontroll${controls === 1 ? '' : 'er'}`);
  // Drawings hold images (kept) and shapes/charts (lost); flag shapes only when no chart explains them.
  const drawings = count(/^xl\/drawings\/drawing[^/]*\.xml$/i);
  const media = count(/^xl\/media\//i);
  if (drawings > 0 && charts === 0 && media === 0) notes.push('former/textrutor');
  for (const { sheet, validations, conditionalFormats } of extensionFeatures(buffer)) {
    if (validations > 0) {
      notes.push(
        `${validations} ${validations === 1 ? 'dataverifiering' : 'dataverifieringar'} av nyare typ på bladet ${sheet} (t.ex. en lista från ett annat blad)`,
      );
    }
    if (conditionalFormats > 0) {
      notes.push(
        `${conditionalFormats} ${conditionalFormats === 1 ? 'regel' : 'regler'} för villkorsstyrd formatering av nyare typ på bladet ${sheet}`,
      );
    }
  }
  return notes.map((what) => `${what} följer inte med i utfilen (stöds inte av exceljs)`);
}
