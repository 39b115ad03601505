// When the summary shown goes out of date: a change on an input sheet after the run (Worksheet.onChanged
// through the host), other than the run's own writes. Pure (no React, no Excel), tested on its own.
import { columnIndex } from '../workbook/address';
import { normalizeKey } from '../workbook/text';
import type { WorkbookLayout } from '../workbook/types';
import type { CellChange } from '../excel/host';

/** The input sheets of a run's layout, as spelled in the workbook (Parametrar, Förbund, Kommuner). */
export function inputSheetNames(layout: WorkbookLayout): string[] {
  return [layout.parameterSheet.name, layout.federationSheet.name, layout.municipalitySheet.name];
}

/** The 0-based first and last column of an address ("C5", "C5:F9", "Förbund!C:D"); undefined for "5:7" or the unreadable. */
export function addressColumns(address: string): { first: number; last: number } | undefined {
  const first = address.split(',')[0];
  const local = first
    .slice(first.lastIndexOf('!') + 1)
    .replace(/\$/g, '')
    .trim();
  const m = /^([A-Za-z]{1,3})[0-9]*(?::([A-Za-z]{1,3})[0-9]*)?$/.exec(local);
  if (!m) return undefined;
  const a = columnIndex(m[1]);
  const b = m[2] ? columnIndex(m[2]) : a;
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

/**
 * A column of Förbund that a run writes: an output column already there when the run read the sheet,
 * or one after the last input column (where a first run adds them).
 */
function isOutputColumn(layout: WorkbookLayout, column: number): boolean {
  const f = layout.federationSheet;
  return (
    column > f.lastInputColumn ||
    Object.values(f.existingOutputColumns).includes(column) ||
    (f.duplicateOutputColumns ?? []).includes(column)
  );
}

/**
 * Whether a change makes the run's summary out of date: a change on Parametrar, Kommuner or the input
 * columns of Förbund, not made by the add-in. The run's own writes (its output columns on Förbund) do
 * not, whether or not Excel says who made them; a change of several areas counts by its first.
 */
export function isInputEdit(layout: WorkbookLayout, change: CellChange): boolean {
  if (change.byThisAddin) return false;
  const sheet = normalizeKey(change.sheet);
  if (!inputSheetNames(layout).some((n) => normalizeKey(n) === sheet)) return false;
  if (sheet !== normalizeKey(layout.federationSheet.name)) return true;
  const columns = addressColumns(change.address);
  if (!columns) return true;
  for (let c = columns.first; c <= columns.last; c++) if (!isOutputColumn(layout, c)) return true;
  return false;
}
