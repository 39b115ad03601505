// Applying a write plan to sheets held as arrays (host-neutral): used by tests, the browser
// simulator, and anyone who wants to see a workbook "after the run" without Excel or exceljs.
import type { CellValue, SheetOutput, SheetValues, WritePlan } from './types';
import { normalizeKey } from './text';

/** A SheetOutput as plain values (formats, widths and validations dropped). */
export function sheetOutputToValues(s: SheetOutput): SheetValues {
  return { name: s.name, values: s.values.map((row) => [...row]) };
}

/** What can be applied: a WritePlan, or removeOutputPlan's { clear, deleteSheets }. */
export interface ApplicablePlan {
  clear?: WritePlan['clear'];
  blocks?: WritePlan['blocks'];
  sheets?: SheetOutput[];
  deleteSheets?: string[];
}

function findIndex(sheets: SheetValues[], name: string): number {
  const exact = sheets.findIndex((s) => s.name === name);
  if (exact >= 0) return exact;
  const key = normalizeKey(name);
  return sheets.findIndex((s) => normalizeKey(s.name) === key);
}

function setCell(values: CellValue[][], row: number, column: number, value: CellValue): void {
  while (values.length <= row) values.push([]);
  const r = values[row];
  while (r.length <= column) r.push('');
  r[column] = value;
}

/**
 * A copy of `sheets` with the plan applied in the hosts' order: clear (cells set to ''), blocks
 * (null in a block leaves the cell as it is), sheets (replaced whole in place, or appended),
 * deleteSheets. Values only, unless options.numberFormats: then each sheet's numberFormats are carried
 * too (a block's format set where it gives one, as the hosts do; a cleared cell keeps its format).
 * Rows and columns grow as needed (padded with ''). Throws if a clear or block names a sheet that does
 * not exist. The input is not modified.
 */
export function applyPlanToSheets(
  sheets: SheetValues[],
  plan: ApplicablePlan,
  options: { numberFormats?: boolean } = {},
): SheetValues[] {
  const out: SheetValues[] = sheets.map((s) => ({
    name: s.name,
    values: s.values.map((row) => [...(row ?? [])]),
    ...(options.numberFormats ? { numberFormats: (s.numberFormats ?? []).map((row) => [...(row ?? [])]) } : {}),
  }));
  const sheetOf = (name: string): SheetValues => {
    const i = findIndex(out, name);
    if (i < 0) throw new Error(`Bladet "${name}" finns inte`);
    return out[i];
  };
  for (const c of plan.clear ?? []) {
    const s = sheetOf(c.sheet);
    for (let r = c.row; r < c.row + c.rowCount && r < s.values.length; r++) {
      const row = s.values[r];
      for (let k = c.column; k < c.column + c.columnCount && k < row.length; k++) row[k] = '';
    }
  }
  for (const b of plan.blocks ?? []) {
    const s = sheetOf(b.sheet);
    b.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        setCell(s.values, b.row + i, b.column + j, v);
        const format = b.numberFormats?.[i]?.[j];
        if (s.numberFormats && format !== null && format !== undefined) {
          while (s.numberFormats.length <= b.row + i) s.numberFormats.push([]);
          const r = s.numberFormats[b.row + i];
          while (r.length <= b.column + j) r.push(null);
          r[b.column + j] = format;
        }
      }),
    );
  }
  for (const sheet of plan.sheets ?? []) {
    const replacement: SheetValues = {
      ...sheetOutputToValues(sheet),
      ...(options.numberFormats ? { numberFormats: (sheet.numberFormats ?? []).map((row) => [...row]) } : {}),
    };
    const i = findIndex(out, sheet.name);
    if (i >= 0) out[i] = replacement;
    else out.push(replacement);
  }
  for (const name of plan.deleteSheets ?? []) {
    const i = findIndex(out, name);
    if (i >= 0) out.splice(i, 1);
  }
  return out;
}
