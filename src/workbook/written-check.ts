// Whether the numbers on the sheet are the ones a computation gives: Förklara compares the written
// output cells of a federation's row on Förbund with the run's write plan for that row, and names the
// cells that differ (the sheet was edited after the run, or an input changed since).
// spec: docs/model.md §U2 — Förklara says when the sheet differs from what it computes
import { cellAddress } from './address';
import type { CellValue, SheetValues, WorkbookLayout, WritePlan } from './types';

/** One output cell whose written value is not the computed one. */
export interface WrittenDifference {
  /** Canonical output header, e.g. "Slutlig tilldelning (kr)" */
  header: string;
  /** "Förbund!M3" */
  address: string;
  written: CellValue;
  computed: CellValue;
}

/**
 * - notWritten: the sheet has no output columns (no run written yet): nothing to compare;
 * - same: every written output cell of the row holds the computed value;
 * - differs: the cells that do not, in column order.
 */
export type WrittenCheck = { state: 'notWritten' } | { state: 'same' } | { state: 'differs'; differences: WrittenDifference[] };

function blank(v: CellValue | undefined): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Equal as the sheet shows them: numbers by value (a number typed as text too), text trimmed. */
export function sameCellValue(written: CellValue | undefined, computed: CellValue | undefined): boolean {
  if (blank(written) || blank(computed)) return blank(written) && blank(computed);
  const n = (v: CellValue | undefined) =>
    typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : undefined;
  const a = n(written);
  const b = n(computed);
  if (a !== undefined || b !== undefined) return a !== undefined && b !== undefined && Math.abs(a - b) < 0.5;
  return String(written).trim() === String(computed).trim();
}

/**
 * Compares the Förbund row of the federation with index `federationIndex` (ModelInput order) in
 * `sheet` (Förbund as read) with what `plan` would write there. Only output columns already on the
 * sheet are compared (a column the run has not written yet is not a difference).
 */
export function checkWrittenRow(
  sheet: SheetValues,
  layout: WorkbookLayout,
  plan: WritePlan,
  federationIndex: number,
): WrittenCheck {
  const fs = layout.federationSheet;
  const existing = fs.existingOutputColumns;
  if (Object.keys(existing).length === 0) return { state: 'notWritten' };
  const row = fs.dataRows[federationIndex];
  if (row === undefined) return { state: 'notWritten' };
  const differences: WrittenDifference[] = [];
  for (const block of plan.blocks) {
    if (block.sheet !== fs.name) continue;
    const header = block.values[0] ?? [];
    const planned = block.values[row - block.row];
    if (!planned) continue;
    header.forEach((h, k) => {
      const column = block.column + k;
      const name = String(h);
      if (existing[name] !== column) return;
      const written = sheet.values[row]?.[column] ?? null;
      const computed = planned[k] ?? null;
      if (!sameCellValue(written, computed)) {
        differences.push({ header: name, address: cellAddress(fs.name, row, column), written, computed });
      }
    });
  }
  differences.sort((a, b) => existing[a.header] - existing[b.header]);
  return differences.length === 0 ? { state: 'same' } : { state: 'differs', differences };
}
