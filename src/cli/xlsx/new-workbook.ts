// A new workbook from the round's sheets (a regional file of split): values, formats, validations and
// sheet protection without a password. No Node imports and exceljs types only, so that the pane builds
// the same files in the browser with exceljs's browser build (it passes its own Workbook).
import type ExcelJS from 'exceljs';
import type { NewSheet, SheetProtection } from '../../round/types';
import { fillSheet } from './write';

/**
 * What a protected sheet still allows: selecting any cell, formatting columns and rows (widths, to
 * read long names), sorting and filtering are off (they would move locked rows). No password: a guard
 * against slips, not security.
 */
const PROTECTION_OPTIONS = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: false,
  formatColumns: true,
  formatRows: true,
  insertColumns: false,
  insertRows: false,
  insertHyperlinks: false,
  deleteColumns: false,
  deleteRows: false,
  sort: false,
  autoFilter: false,
  pivotTables: false,
} as const;

/** Opens the unlocked ranges (each cell a fresh style: exceljs shares style objects) and protects the sheet. */
export function protectWorksheet(worksheet: ExcelJS.Worksheet, protection: SheetProtection): void {
  for (const range of protection.unlocked) {
    for (let r = range.row; r < range.row + range.rowCount; r++) {
      const row = worksheet.getRow(r + 1);
      for (let c = range.column; c < range.column + range.columnCount; c++) {
        const cell = row.getCell(c + 1);
        cell.style = { ...(cell.style ?? {}), protection: { locked: false } } as ExcelJS.Style;
      }
    }
  }
  // exceljs keeps the protection model on the worksheet (what Worksheet.protect sets without a password)
  (worksheet as unknown as { sheetProtection: Record<string, boolean> }).sheetProtection = { sheet: true, ...PROTECTION_OPTIONS };
}

/** Adds each sheet, in order, to `workbook` (a fresh one): its content, then its protection. */
export function fillNewWorkbook(workbook: ExcelJS.Workbook, sheets: NewSheet[]): void {
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    fillSheet(worksheet, sheet);
    if (sheet.protection) protectWorksheet(worksheet, sheet.protection);
  }
}
