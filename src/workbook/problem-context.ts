// Problems named by their federation and column beside the address (Förbund's name cell, Kommuner's
// Förbund cell; the header as written).
// spec: docs/workbook-format.md §1.5 — messages name the federation (and the column) beside the address
import type { Problem, SheetValues } from './types';
import { cellText, isBlank, normalizeKey } from './text';

/** A data sheet as read: where its header is and which column names the federation of a row. */
export interface ContextSheet {
  sheet: SheetValues;
  /** 0-based header row */
  headerRow: number;
  /** 0-based column naming the row's federation (Förbund: its name; Kommuner: Förbund) */
  federationColumn?: number;
}

/**
 * Each problem at a cell below the header of one of `sheets` gets `federation` (the row's federation
 * cell, when not blank) and `header` (its column's header, when not blank and not the federation
 * column itself), unless already set. Returns the same problems (changed in place).
 */
export function withProblemContext(problems: Problem[], sheets: readonly (ContextSheet | undefined)[]): Problem[] {
  for (const p of problems) {
    const s = sheets.find((c) => c && normalizeKey(c.sheet.name) === normalizeKey(p.sheet) && c.sheet.name === p.sheet);
    if (!s) continue;
    const row = p.row - 1;
    const column = p.column - 1;
    if (row <= s.headerRow) continue;
    const cells = s.sheet.values[row] ?? [];
    if (p.federation === undefined && s.federationColumn !== undefined && !isBlank(cells[s.federationColumn]))
      p.federation = cellText(cells[s.federationColumn]);
    const header = s.sheet.values[s.headerRow]?.[column];
    if (p.header === undefined && column !== s.federationColumn && !isBlank(header)) p.header = cellText(header);
  }
  return problems;
}

/**
 * "Norrby, Eget kapital (kr)": what a problem's address is about, leaving out what its message already
 * says (a message naming the federation does not get it twice). '' when there is nothing to add.
 */
export function problemContext(p: Problem): string {
  const says = p.message.toLocaleLowerCase('sv');
  const parts: string[] = [];
  if (p.federation && !says.includes(p.federation.toLocaleLowerCase('sv'))) parts.push(p.federation);
  if (p.header && !says.includes(p.header.toLocaleLowerCase('sv'))) parts.push(p.header);
  return parts.join(', ');
}
