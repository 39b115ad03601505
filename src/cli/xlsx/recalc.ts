// Recalculation on open: cached results dropped where the run's output may be read.
import type ExcelJS from 'exceljs';
import { isFormulaValue } from './read';
import { isMergedNonMaster } from './write';

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
