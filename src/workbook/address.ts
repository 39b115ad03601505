// Cell addresses as Excel writes them: column letters (A…Z, AA…), sheet names quoted when needed.
// spec: docs/workbook-format.md §1.4 — "Anything else in a number cell is an error naming the cell"

/** 0-based column index → Excel column letters (0 → A, 25 → Z, 26 → AA). */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 0) throw new RangeError(`invalid column index ${column}`);
  let n = column + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Excel column letters → 0-based index (A → 0, AA → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0) - 64;
    if (c < 1 || c > 26) throw new RangeError(`invalid column letters ${letters}`);
    n = n * 26 + c;
  }
  return n - 1;
}

/**
 * Sheet name as it appears in a formula: plain when Excel writes it plain (letters, digits, _ and .,
 * not starting with a digit, not looking like a cell reference), else in single quotes with ' doubled.
 */
export function quoteSheetName(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}[0-9]+$/.test(name) &&
    !/^(R|C|RC|R[0-9]*C[0-9]*)$/i.test(name) &&
    !/^(TRUE|FALSE|SANT|FALSKT)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A1 reference of a 0-based cell, without sheet ("E7"). */
export function cellRef(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** Full address of a 0-based cell: "Förbund!E7", "'Mitt blad'!A1". */
export function cellAddress(sheet: string, row: number, column: number): string {
  return `${quoteSheetName(sheet)}!${cellRef(row, column)}`;
}

/** A1 range of 0-based cells, without sheet ("C4:C1000"); a single cell gives "C4". */
export function rangeRef(row: number, column: number, lastRow: number, lastColumn: number): string {
  const a = cellRef(row, column);
  const b = cellRef(lastRow, lastColumn);
  return a === b ? a : `${a}:${b}`;
}

/**
 * Top-left cell of an A1 address as Excel reports a selection ("E7", "$B$4:$D$9", "Förbund!C5",
 * "A1:B2,D4"), 0-based; undefined for whole columns or rows ("C:C", "5:5") and anything else.
 */
export function topLeftCell(address: string): { row: number; column: number } | undefined {
  const firstArea = address.split(',')[0];
  const local = firstArea.slice(firstArea.lastIndexOf('!') + 1);
  const match = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::|$)/.exec(local.trim());
  if (!match) return undefined;
  const row = Number(match[2]) - 1;
  return row < 0 ? undefined : { row, column: columnIndex(match[1]) };
}
