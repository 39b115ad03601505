// Planning a chunked read without Office.js: when Excel refuses to send the input sheets' values in
// one response (Excel on the web: 5 MB), they are read again in row slices, each estimated under the
// chunk size and several per sync under the budget.
import { CHUNK_BYTES, OP_OVERHEAD_BYTES, PAYLOAD_BUDGET_BYTES } from './write-ops';

/**
 * Estimated response bytes of one cell read as values (a conservative average: amounts are 7–10
 * characters, names 10–40, a Varningar text longer). A chunked read sizes its row chunks with it, and
 * doubles it whenever Excel still refuses a request for size.
 */
export const READ_CELL_BYTES = 32;
/** A chunked read estimates the next chunks at this many times the bytes per cell it has received so far. */
export const READ_MARGIN = 1.5;
/** Smallest estimate per cell of a chunked read (an empty cell is "" and a comma). */
export const MIN_READ_CELL_BYTES = 4;
/** Estimated response bytes of one row of values beyond its cells (brackets, commas). */
export const READ_ROW_OVERHEAD_BYTES = 4;

/**
 * Whether an error is Excel refusing a request or its response for size (Excel on the web: 5 MB each
 * way). Office.js gives the code "RequestPayloadSizeLimitExceeded"; the message is localized, so a
 * message is only a fallback (English and Swedish wordings).
 */
export function isPayloadSizeError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; debugInfo?: { code?: unknown; message?: unknown } };
  const codes = [e.code, e.debugInfo?.code].filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => /^(Request|Response)PayloadSizeLimitExceeded$/i.test(c))) return true;
  const messages = [e.message, e.debugInfo?.message].filter((m): m is string => typeof m === 'string');
  return messages.some(
    (m) => /\b(payload|response|request)\b[^.]*\b(size|too large|limit)/i.test(m) || /nyttolast|storleksgräns|för stor/i.test(m),
  );
}

/** A used range's place and size on its sheet (0-based), as a chunked read needs it. */
export interface UsedRect {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** A row slice of a sheet's used range, to be read in one range load. */
export interface ReadChunk {
  sheet: string;
  /** 0-based sheet row and column of the slice's first cell */
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** Estimated response bytes of reading one chunk, at `cellBytes` a cell. */
export function readChunkBytes(c: { rowCount: number; columnCount: number }, cellBytes: number): number {
  return OP_OVERHEAD_BYTES + c.rowCount * (c.columnCount * cellBytes + READ_ROW_OVERHEAD_BYTES);
}

/**
 * The next request of a chunked read: row slices of the sheets' used ranges, in sheet order, starting
 * at each sheet's `next` row (rows already read), each slice estimated under `chunkBytes` (at least
 * one row) and all of them together under `budgetBytes` (at least one slice).
 */
export function nextReadChunks(
  sheets: readonly { name: string; used: UsedRect; next: number }[],
  cellBytes: number,
  budgetBytes = PAYLOAD_BUDGET_BYTES,
  chunkBytes = CHUNK_BYTES,
): ReadChunk[] {
  const chunks: ReadChunk[] = [];
  let total = 0;
  for (const s of sheets) {
    const { rowIndex, columnIndex, rowCount, columnCount } = s.used;
    const rowBytes = columnCount * cellBytes + READ_ROW_OVERHEAD_BYTES;
    const perChunk = Math.max(1, Math.floor((Math.min(chunkBytes, budgetBytes) - OP_OVERHEAD_BYTES) / rowBytes));
    for (let at = s.next; at < rowCount;) {
      const rows = Math.min(perChunk, rowCount - at);
      const bytes = readChunkBytes({ rowCount: rows, columnCount }, cellBytes);
      if (chunks.length > 0 && total + bytes > budgetBytes) return chunks;
      chunks.push({ sheet: s.name, row: rowIndex + at, column: columnIndex, rowCount: rows, columnCount });
      total += bytes;
      at += rows;
    }
  }
  return chunks;
}
