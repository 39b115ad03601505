// The exceljs adapter: an .xlsx workbook in, 2-D arrays of cell values out (the shape Excel's
// Range.values gives the add-in), and a WritePlan of the host-neutral workbook layer applied back.
// All the model and layout logic lives in src/workbook; this file only moves cells.
//
// What exceljs 4.4 keeps when a file is read and written again (checked by test/cli/xlsx.test.ts
// and test/e2e):
// values, formulas (with their cached results), shared formulas, number formats, fonts, fills,
// borders, alignment, merged cells, column widths, row heights, frozen panes, defined names,
// data validations, conditional formatting, notes (legacy comments), hyperlinks, images, tables,
// autofilters, hidden sheets, sheet protection, page setup and print areas, sheet order and tab
// colours. Number formats keep their backslash escapes only thanks to the small patch below
// (`numberFormatEscapesKept`).
// NOT kept by exceljs: charts, pivot tables, shapes/text boxes, slicers, form controls, threaded
// (modern) comments, sparklines, macros (vbaProject.bin) and external links. `lostFeatures` lists
// what a file has that would be lost (from the zip's directory; sparklines live inside the sheet
// XML and are not detected), so the command line warns, and refuses --in-place.
import type ExcelJS from 'exceljs';
import { cellAddress } from '../workbook/address';
import type { CellValue, Problem, SheetOutput, SheetValues, Validation, WritePlan } from '../workbook/types';

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

/** Light fill put on the output cells of a federation row that has warnings. */
export const HIGHLIGHT_ARGB = 'FFFFF2CC';

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
  if (isObject(value) && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      const formula = String(cell.formula ?? (value as { formula?: unknown }).formula ?? '');
      onUncachedFormula?.(formula);
      return '';
    }
    return plainValue(result, date1904);
  }
  return plainValue(value, date1904);
}

/**
 * Every worksheet, in tab order, as a rectangular 2-D array of values from A1 to its last non-empty
 * cell (values[0][0] is A1). Cells that only carry a style count as empty.
 */
export function readSheets(workbook: ExcelJS.Workbook, options: ReadOptions = {}): SheetValues[] {
  const date1904 = Boolean(workbook.properties?.date1904);
  return workbook.worksheets.map((worksheet) => {
    const cells: { row: number; column: number; value: CellValue }[] = [];
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
        if (value === '') return;
        cells.push({ row: rowNumber, column: columnNumber, value });
        rowCount = Math.max(rowCount, rowNumber);
        columnCount = Math.max(columnCount, columnNumber);
      });
    });
    const values: CellValue[][] = Array.from({ length: rowCount }, () => new Array<CellValue>(columnCount).fill(''));
    for (const { row, column, value } of cells) values[row - 1][column - 1] = value;
    return { name: worksheet.name, values };
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

/** Clears values and formats of a range (stale output of an earlier run). */
function clearRange(worksheet: ExcelJS.Worksheet, row: number, column: number, rowCount: number, columnCount: number): void {
  for (let r = row; r < row + rowCount; r += 1) {
    const excelRow = worksheet.findRow(r + 1);
    if (!excelRow) continue;
    for (let c = column; c < column + columnCount; c += 1) {
      const cell = excelRow.findCell(c + 1);
      if (!cell) continue;
      cell.value = null;
      cell.style = {} as ExcelJS.Style;
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
        if (isOurHighlight(style.fill)) delete next.fill;
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
    errorStyle: 'stop' as const,
    ...(validation.prompt ? { showInputMessage: true, prompt: validation.prompt } : {}),
  };
  switch (validation.type) {
    case 'list':
      return {
        ...common,
        type: 'list',
        formulae: [`"${validation.values.map((v) => v.replace(/"/g, '""')).join(',')}"`],
        error: `Välj ett av: ${validation.values.join(', ')}`,
      };
    case 'wholeNumber':
      return validation.max === undefined
        ? {
            ...common,
            type: 'whole',
            operator: 'greaterThanOrEqual',
            formulae: [validation.min],
            error: `Ange ett heltal, minst ${validation.min}`,
          }
        : {
            ...common,
            type: 'whole',
            operator: 'between',
            formulae: [validation.min, validation.max],
            error: `Ange ett heltal mellan ${validation.min} och ${validation.max}`,
          };
    case 'decimal':
      return validation.max === undefined
        ? {
            ...common,
            type: 'decimal',
            operator: 'greaterThanOrEqual',
            formulae: [validation.min],
            error: `Ange ett tal, minst ${validation.min}`,
          }
        : {
            ...common,
            type: 'decimal',
            operator: 'between',
            formulae: [validation.min, validation.max],
            error: `Ange ett tal mellan ${validation.min} och ${validation.max}`,
          };
  }
}

/** Last row a whole-column validation ('L:L' or 'L2:L') reaches: enough for any round, small to re-read. */
const VALIDATION_LAST_ROW = 2000;

/** A validation range in A1 form that exceljs writes as is ('L:L' → 'L2:L2000' below the header). */
export function validationRange(range: string, headerRow = 0): string {
  const trimmed = range.replace(/\$/g, '').trim();
  const whole = /^([A-Z]+):([A-Z]+)$/i.exec(trimmed);
  if (whole) return `${whole[1].toUpperCase()}${headerRow + 2}:${whole[2].toUpperCase()}${VALIDATION_LAST_ROW}`;
  const open = /^([A-Z]+)(\d+):([A-Z]+)$/i.exec(trimmed);
  if (open) return `${open[1].toUpperCase()}${open[2]}:${open[3].toUpperCase()}${VALIDATION_LAST_ROW}`;
  return trimmed.toUpperCase();
}

// exceljs has these at run time but leaves them out of its type declarations.
interface WorksheetInternals {
  orderNo: number;
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined>; add(range: string, validation: ExcelJS.DataValidation): void };
}
const internals = (worksheet: ExcelJS.Worksheet): WorksheetInternals => worksheet as unknown as WorksheetInternals;
/** A worksheet's data validations, keyed by cell (exceljs expands ranges it reads into single cells). */
export const dataValidations = (worksheet: ExcelJS.Worksheet): WorksheetInternals['dataValidations'] => internals(worksheet).dataValidations;

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
    dataValidations(worksheet).add(validationRange(validation.range, output.headerRow ?? 0), excelValidation(validation));
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
  const sameSheet = (name: string): boolean => name.trim().toLocaleLowerCase('sv') === highlight.sheet.trim().toLocaleLowerCase('sv');
  const written = new Set<number>();
  for (const block of plan.blocks) {
    if (!sameSheet(block.sheet)) continue;
    const width = Math.max(0, ...block.values.map((row) => row.length));
    for (let c = block.column; c < block.column + width; c += 1) written.add(c);
  }
  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HIGHLIGHT_ARGB } };
  for (const row of highlight.rows) {
    const excelRow = worksheet.getRow(row + 1);
    for (let c = highlight.firstColumn; c <= highlight.lastColumn; c += 1) {
      if (written.has(c)) setCellStyle(excelRow.getCell(c + 1), (style) => ({ ...style, fill }));
    }
  }
}

/**
 * Cells of the plan's clear ranges and blocks that are part of merged cells. exceljs writes a value
 * given to any cell of a merge into its top-left cell, which may be an input cell, so such a plan is
 * refused (with the cells) rather than applied. A run's own output never has merges.
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
      message: `cellen ingår i sammanfogade celler (från ${cell.master.address}); resultatet kan inte skrivas där. Ta bort sammanfogningen och försök igen`,
    });
  };
  for (const range of plan.clear) {
    for (let r = range.row; r < range.row + range.rowCount; r += 1) {
      for (let c = range.column; c < range.column + range.columnCount; c += 1) check(range.sheet, r, c);
    }
  }
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
// What exceljs would lose. An .xlsx file is a zip; its central directory lists the parts, which is
// enough to tell charts, pivot tables and the like apart without unpacking anything.

/** Names of the parts of a zip file (central directory), or [] when it is not a readable zip. */
export function zipEntryNames(buffer: Uint8Array): string[] {
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
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n += 1) {
    if (offset + 46 > buffer.length || view.getUint32(offset, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    names.push(decoder.decode(buffer.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Swedish notes on the parts of an .xlsx file that exceljs does not write back. */
export function lostFeatures(buffer: Uint8Array): string[] {
  const names = zipEntryNames(buffer);
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
  return notes.map((what) => `${what} följer inte med i utfilen (stöds inte av exceljs)`);
}
