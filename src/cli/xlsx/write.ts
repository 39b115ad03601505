// Writing: a WritePlan of the workbook layer applied to an exceljs workbook.
import type ExcelJS from 'exceljs';
import { cellAddress, cellRef, rangeRef } from '../../workbook/address';
import type {
  CellRange,
  CellValue,
  Problem,
  SheetOutput,
  SheetPresentation,
  SheetWritePlan,
  Validation,
  WritePlan,
} from '../../workbook/types';
import {
  CHANGE_MONEY_FORMAT,
  CHANGE_SHARE_FORMAT,
  HIGHLIGHT_COLOR,
  LEGACY_MONEY_FORMATS,
  MONEY_FORMAT,
  TEXT_FORMAT,
} from '../../workbook/types';
import { validationCells, validationErrorText, validationErrorTitle } from '../../workbook/template';
import { mergedOutputCellMessage } from '../../workbook/sheets';
import { isFormulaValue } from './read';
import type { MergePlan } from '../../round/types';

/** exceljs' ARGB form of a plan colour ('#FFF2CC' → 'FFFFF2CC', opaque). */
export function argbOf(color: string): string {
  return `FF${color.replace(/^#/, '').toUpperCase()}`;
}

/** The plan's highlight (HIGHLIGHT_COLOR) as exceljs stores it: how an earlier run's fill is recognised. */
export const HIGHLIGHT_ARGB = argbOf(HIGHLIGHT_COLOR);

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
const RUN_NUMBER_FORMATS = new Set<string>([
  MONEY_FORMAT,
  ...LEGACY_MONEY_FORMATS,
  TEXT_FORMAT,
  CHANGE_MONEY_FORMAT,
  CHANGE_SHARE_FORMAT,
]);

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
  if (style.alignment?.wrapText && !inherited.alignment?.wrapText) restore('alignment');
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

/** exceljs' form of a plan formula ('=SUM(A1:A2)', 3) → { formula: 'SUM(A1:A2)', result: 3 }; '' as result: an empty string. */
export function formulaValue(formula: string, value: CellValue): ExcelJS.CellValue {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  const result = typeof value === 'number' && !Number.isFinite(value) ? undefined : value === null ? undefined : value;
  return (result === undefined ? { formula: text } : { formula: text, result }) as ExcelJS.CellValue;
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
export function isMergedNonMaster(cell: ExcelJS.Cell): boolean {
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
    errorTitle: validationErrorTitle(validation),
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
export function fillSheet(worksheet: ExcelJS.Worksheet, output: SheetOutput): void {
  const bold = new Set(output.boldRows ?? []);
  // One style object per look, shared by its cells: exceljs numbers a style once per object when it
  // writes (a WeakMap), so a sheet of thousands of formatted cells (Underlag) costs a few styles, not
  // thousands. Safe because a style here is never mutated in place (see above).
  const styles = new Map<string, Style>();
  const styleOf = (numberFormat: string | null | undefined, isBold: boolean): Style => {
    const key = `${isBold ? 'b' : ''}|${numberFormat ?? ''}`;
    let style = styles.get(key);
    if (!style) {
      style = {};
      if (numberFormat) style.numFmt = numberFormat;
      if (isBold) style.font = { bold: true };
      styles.set(key, style);
    }
    return style;
  };
  output.values.forEach((rowValues, i) => {
    const excelRow = worksheet.getRow(i + 1);
    rowValues.forEach((value, j) => {
      const numberFormat = output.numberFormats?.[i]?.[j];
      const excelValue = toExcelValue(value);
      const formula = output.formulas?.[i]?.[j];
      if (excelValue === null && !formula && !numberFormat && !bold.has(i)) return;
      const cell = excelRow.getCell(j + 1);
      // A formula is written with its cached result (a program that does not calculate shows it)
      cell.value = formula ? formulaValue(formula, value) : excelValue;
      cell.style = styleOf(numberFormat, bold.has(i)) as ExcelJS.Style;
    });
  });
  (output.columnWidths ?? []).forEach((width, j) => {
    if (width > 0) worksheet.getColumn(j + 1).width = width;
  });
  if (output.headerRow !== undefined) {
    worksheet.views = [{ state: 'frozen', xSplit: 0, ySplit: output.headerRow + 1 }];
  }
  const wrapRows = new Set(output.wrapRows ?? []);
  const wrapColumns = new Set(output.wrapColumns ?? []);
  if (wrapRows.size > 0 || wrapColumns.size > 0) {
    output.values.forEach((rowValues, i) =>
      rowValues.forEach((value, j) => {
        if (!wrapRows.has(i) && !wrapColumns.has(j)) return;
        if (value === null || value === '') return;
        const cell = worksheet.getRow(i + 1).getCell(j + 1);
        cell.style = { ...cell.style, alignment: { wrapText: true, vertical: 'top' } } as ExcelJS.Style;
      }),
    );
  }
  if (output.autoFilter) worksheet.autoFilter = rangeOf(output.autoFilter);
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
function highlightRows(workbook: ExcelJS.Workbook, plan: SheetWritePlan): void {
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
export function writeConflicts(workbook: ExcelJS.Workbook, plan: Pick<WritePlan, 'blocks'>): Problem[] {
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

/** A 0-based range as exceljs' A1 text ('B2:W82'). */
function rangeOf(range: CellRange): string {
  return rangeRef(range.row, range.column, range.row + range.rowCount - 1, range.column + range.columnCount - 1);
}

/** The worksheet holds an Excel table (a ListObject has its own filter; an autofilter would clash). */
function hasTables(worksheet: ExcelJS.Worksheet): boolean {
  const tables = (worksheet as unknown as { getTables?: () => unknown[] }).getTables?.() ?? [];
  return tables.length > 0;
}

/**
 * How Förbund is shown (plan.presentation): the header row and the name column frozen, an autofilter
 * over the table (not on a sheet holding an Excel table), the run's own header and Varningar cells
 * wrapped, output columns the plan's widths, and the header row tall enough for wrapped headers where
 * it has no height of its own. Values are never changed.
 */
export function applyPresentation(workbook: ExcelJS.Workbook, presentation: SheetPresentation): void {
  const worksheet = requireWorksheet(workbook, presentation.sheet);
  const { freeze } = presentation;
  const view = worksheet.views?.[0] ?? {};
  worksheet.views = [
    {
      ...view,
      state: 'frozen',
      xSplit: freeze.columns,
      ySplit: freeze.rows,
      topLeftCell: cellRef(freeze.rows, freeze.columns),
    } as ExcelJS.WorksheetView,
  ];
  if (!hasTables(worksheet)) worksheet.autoFilter = rangeOf(presentation.autoFilter);
  for (const range of presentation.wrap) {
    for (let r = range.row; r < range.row + range.rowCount; r += 1) {
      for (let c = range.column; c < range.column + range.columnCount; c += 1) {
        const cell = worksheet.getRow(r + 1).getCell(c + 1);
        if (isMergedNonMaster(cell)) continue;
        setCellStyle(cell, (style) => ({ ...style, alignment: { ...(style.alignment ?? {}), wrapText: true, vertical: 'top' } }));
      }
    }
  }
  for (const { column, width } of presentation.columnWidths) worksheet.getColumn(column + 1).width = width;
  const headerRow = worksheet.getRow(presentation.freeze.rows);
  if (headerRow.height === undefined) headerRow.height = presentation.headerRowHeight;
}

/**
 * Applies a run's WritePlan in the order the contract gives: clear stale output, write the output
 * blocks on Förbund, replace Kommunbidrag and Körlogg, highlight warning rows (output cells only).
 * Input cells are never written: the plan only addresses output columns and output sheets.
 */
export function applyWritePlan(workbook: ExcelJS.Workbook, plan: SheetWritePlan): void {
  for (const range of plan.clear) {
    clearRange(requireWorksheet(workbook, range.sheet), range.row, range.column, range.rowCount, range.columnCount);
  }
  for (const block of plan.blocks) writeBlock(workbook, block);
  writeSheetOutputs(workbook, plan.sheets);
  highlightRows(workbook, plan);
  if (plan.presentation) applyPresentation(workbook, plan.presentation);
}

/**
 * Applies a merge's plan (src/round/types.ts MergePlan) in its order: the Svar log sheet when the
 * workbook has none, the Förbund cells (answers and the Svar column), the rows appended to the log.
 */
export function applyMergePlan(workbook: ExcelJS.Workbook, plan: MergePlan): void {
  if (plan.createSheet && !findWorksheet(workbook, plan.createSheet.name)) writeSheetOutputs(workbook, [plan.createSheet]);
  for (const block of plan.blocks) writeBlock(workbook, block);
  writeBlock(workbook, plan.append);
}

/**
 * Applies a plan of cells only (a rollover): clear ranges, blocks, then the sheets to delete. Everything
 * else in the workbook is left as it is.
 */
export function applyCellPlan(
  workbook: ExcelJS.Workbook,
  plan: { clear: WritePlan['clear']; blocks: WritePlan['blocks']; deleteSheets: string[] },
): void {
  for (const range of plan.clear) {
    clearRange(requireWorksheet(workbook, range.sheet), range.row, range.column, range.rowCount, range.columnCount);
  }
  for (const block of plan.blocks) writeBlock(workbook, block);
  for (const name of plan.deleteSheets) {
    const worksheet = findWorksheet(workbook, name);
    if (worksheet) workbook.removeWorksheet(worksheet.id);
  }
}
