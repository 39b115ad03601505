// .xlsx files in the browser, with exceljs's browser build: bytes → SheetValues[] (the cell conversion of
// the command line, src/cli/xlsx/read.ts, which has no Node imports) and the round's new sheets →
// .xlsx bytes (src/cli/xlsx/new-workbook.ts: values, formats, validation, protection). Nothing leaves the
// machine: the bytes come from a file the person chose and go to a Blob the person saves.
//
// Load it only when a round action needs it, so that it is its own webpack chunk and not part of the
// pane's first download:
//   const { readXlsx, writeXlsx } = await import(/* webpackChunkName: "xlsx" */ './files/xlsx');
//   const sheets = await readXlsx(await file.arrayBuffer());          // every sheet, values from A1
//   const blob = xlsxBlob(await writeXlsx(regionalFile.sheets));      // a new workbook to offer for saving
import ExcelJS from 'exceljs';
import type { SheetValues } from '../../workbook/types';
import type { NewSheet } from '../../round/types';
import { readSheets } from '../../cli/xlsx/read';
import { fillNewWorkbook } from '../../cli/xlsx/new-workbook';

/** The MIME type of an .xlsx workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Every sheet of an .xlsx file as the workbook layer reads it (the same values as `finsam` reads from the
 * file, merged ranges and formula cells included). Throws when the bytes are not a workbook exceljs opens.
 */
export async function readXlsx(bytes: ArrayBuffer | Uint8Array): Promise<SheetValues[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes instanceof Uint8Array ? new Uint8Array(bytes).buffer : bytes);
  return readSheets(workbook, { layout: true });
}

/** A new workbook of the given sheets (in order), as .xlsx bytes. */
export async function writeXlsx(sheets: NewSheet[], options: { modified?: Date } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'finsam';
  workbook.lastModifiedBy = 'finsam';
  if (options.modified) workbook.modified = options.modified;
  fillNewWorkbook(workbook, sheets);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The bytes as a Blob of type .xlsx, for a download link (URL.createObjectURL). */
export function xlsxBlob(bytes: Uint8Array): Blob {
  return new Blob([new Uint8Array(bytes)], { type: XLSX_TYPE });
}
