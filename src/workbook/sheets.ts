// Finding sheets and header rows; building and ordering problems.
// spec: docs/workbook-format.md §1.1, §1.2.
import { READ_TEXTS as R } from './messages';
import type { CellValue, Problem, SheetValues } from './types';
import { cellAddress } from './address';
import { normalizeKey, parseHeader } from './text';

/** The sheet whose name matches `canonical` (case, white space and dashes folded); the first if several. */
export function findSheet(sheets: SheetValues[], canonical: string): SheetValues | undefined {
  const key = normalizeKey(canonical);
  return sheets.find((s) => normalizeKey(s.name) === key);
}

/** Every sheet whose name matches `canonical`, in tab order. */
export function findSheets(sheets: SheetValues[], canonical: string): SheetValues[] {
  const key = normalizeKey(canonical);
  return sheets.filter((s) => normalizeKey(s.name) === key);
}

/** Two or more sheets whose names match one sheet (e.g. `Förbund` and a hidden `Förbund `). */
export function duplicateSheetMessage(canonical: string, names: string[]): string {
  const listed = names.map((n) => `"${n}"`);
  const both =
    listed.length === 2 ? `${listed[0]} och ${listed[1]}` : `${listed.slice(0, -1).join(', ')} och ${listed[listed.length - 1]}`;
  return R.duplicateSheet(both, canonical);
}

/**
 * The sheet whose name matches `canonical`, like findSheet; when several match, a problem naming them
 * all is pushed (at A1 of the second) and the first is returned so that its other problems are found too.
 */
export function findOnlySheet(sheets: SheetValues[], canonical: string, problems: Problem[]): SheetValues | undefined {
  const found = findSheets(sheets, canonical);
  if (found.length > 1)
    problems.push(
      makeProblem(
        found[1].name,
        0,
        0,
        duplicateSheetMessage(
          canonical,
          found.map((s) => s.name),
        ),
      ),
    );
  return found[0];
}

/** A cell the run writes its output to that is part of merged cells (`master`: the range's top-left cell, "K3"). */
export function mergedOutputCellMessage(master: string): string {
  return R.mergedOutputCell(master);
}

/** How many rows from the top may hold titles before the header row (spec: docs/workbook-format.md §1.2 "within the first 10"). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header row: the first row within the first ten whose cells include one of `keyHeaders`
 * (matched like headers, no unit), with the column of that cell. When `companions` are given and
 * several rows hold the key header, the first that also holds a companion header wins (so a title
 * that is just "Förbund" above the real header row is skipped); otherwise the first.
 */
export function findHeaderRow(
  values: CellValue[][],
  keyHeaders: string[],
  companions: readonly string[] = [],
): { row: number; column: number } | undefined {
  const keys = keyHeaders.map((h) => parseHeader(h).name);
  const others = new Set(companions.map((h) => parseHeader(h).name));
  const limit = Math.min(values.length, HEADER_SEARCH_ROWS);
  let first: { row: number; column: number } | undefined;
  for (let r = 0; r < limit; r++) {
    const cells = values[r] ?? [];
    const column = cells.findIndex((cell) => {
      const h = parseHeader(cell);
      return h.unit === undefined && keys.includes(h.name);
    });
    if (column < 0) continue;
    if (others.size === 0) return { row: r, column };
    first = first ?? { row: r, column };
    if (cells.some((cell, c) => c !== column && others.has(parseHeader(cell).name))) return { row: r, column };
  }
  return first;
}

/** A problem at a 0-based cell. */
export function makeProblem(sheet: string, row: number, column: number, message: string): Problem {
  return { sheet, row: row + 1, column: column + 1, address: cellAddress(sheet, row, column), message };
}

const SHEET_ORDER = ['parametrar', 'förbund', 'kommuner'];

/** Problems in reading order (Parametrar, Förbund, Kommuner, others; then row, column), duplicates removed. */
export function sortProblems(problems: Problem[]): Problem[] {
  const rank = (p: Problem): number => {
    const i = SHEET_ORDER.indexOf(normalizeKey(p.sheet));
    return i < 0 ? SHEET_ORDER.length : i;
  };
  const seen = new Set<string>();
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.p.row - b.p.row || a.p.column - b.p.column || a.i - b.i)
    .map((x) => x.p)
    .filter((p) => {
      const k = `${p.address}\u0000${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
