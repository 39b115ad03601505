// How the write operations are cut into requests that stay well under Excel on the web's 5 MB payload
// limit: their size in JSON, uniform formats and formula runs as one value per range, row chunks, batches.
import type { WriteOp } from './write-op';
import { safeR1C1 } from './r1c1';

/** Excel on the web refuses requests above 5 MB; a batch is kept below this many bytes of JSON. */
export const PAYLOAD_BUDGET_BYTES = 4_000_000;
/** A values block above this many bytes is split into row chunks (separate range assignments). */
export const CHUNK_BYTES = 1_000_000;
/** Estimated JSON bytes of an operation without cell data (method name, object path, arguments). */
export const OP_OVERHEAD_BYTES = 200;

/** JSON bytes of one cell value, counting non-ASCII characters as \uXXXX escapes (an upper bound). */
export function cellJsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'number') return String(value).length;
  if (typeof value === 'boolean') return value ? 4 : 5;
  const s = String(value);
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20 || c > 0x7e) n += 6;
    else n += 1;
  }
  return n;
}

/** JSON bytes of a 2-D array of cells. */
export function arrayJsonBytes(cells: readonly (readonly unknown[])[] | undefined): number {
  if (!cells) return 0;
  let n = 2 + Math.max(0, cells.length - 1);
  for (const row of cells) {
    n += 2 + Math.max(0, row.length - 1);
    for (const v of row) n += cellJsonBytes(v);
  }
  return n;
}

/** Estimated request bytes of one operation. */
export function opBytes(op: WriteOp): number {
  if (op.kind === 'barrier') return 0;
  if (op.kind === 'values') return OP_OVERHEAD_BYTES + arrayJsonBytes(op.values) + arrayJsonBytes(op.numberFormats);
  if (op.kind === 'numberFormat') return OP_OVERHEAD_BYTES + arrayJsonBytes(op.numberFormats);
  if (op.kind === 'format') return OP_OVERHEAD_BYTES + cellJsonBytes(op.numberFormat);
  if (op.kind === 'formulaR1C1') return OP_OVERHEAD_BYTES + cellJsonBytes(op.formula);
  if (op.kind === 'validation') return OP_OVERHEAD_BYTES * 2;
  if (op.kind === 'chart') return OP_OVERHEAD_BYTES * 12;
  return OP_OVERHEAD_BYTES;
}

type CellOp = Extract<WriteOp, { kind: 'values' | 'numberFormat' }>;

/** Splits a values or number-format operation into row chunks of at most `chunkBytes` each (a row is never split). */
export function chunkRows<T extends CellOp>(op: T, chunkBytes = CHUNK_BYTES): T[] {
  if (opBytes(op) <= chunkBytes) return [op];
  const rows = op.kind === 'values' ? op.values.length : op.numberFormats.length;
  const rowBytes = (r: number): number =>
    (op.kind === 'values' ? arrayJsonBytes([op.values[r]]) : 0) + (op.numberFormats ? arrayJsonBytes([op.numberFormats[r]]) : 0);
  const chunks: T[] = [];
  let start = 0;
  let bytes = OP_OVERHEAD_BYTES;
  for (let r = 0; r < rows; r++) {
    const b = rowBytes(r);
    if (r > start && bytes + b > chunkBytes) {
      chunks.push(sliceRows(op, start, r));
      start = r;
      bytes = OP_OVERHEAD_BYTES;
    }
    bytes += b;
  }
  chunks.push(sliceRows(op, start, rows));
  return chunks;
}

function sliceRows<T extends CellOp>(op: T, from: number, to: number): T {
  if (op.kind === 'numberFormat') return { ...op, row: op.row + from, numberFormats: op.numberFormats.slice(from, to) };
  return {
    ...op,
    row: op.row + from,
    values: op.values.slice(from, to),
    ...(op.numberFormats ? { numberFormats: op.numberFormats.slice(from, to) } : {}),
  };
}

/**
 * A 2-D array of number formats (null: the cell left as it is) as rectangles that each take one format:
 * every column's runs of rows with the same format, and runs side by side over the same rows with the
 * same format as one rectangle. Together they set exactly the array's non-null cells.
 */
export function uniformFormatRects(
  sheet: string,
  row: number,
  column: number,
  formats: readonly (readonly (string | null | undefined)[])[],
): Extract<WriteOp, { kind: 'format' }>[] {
  const width = Math.max(0, ...formats.map((r) => r.length));
  const out: Extract<WriteOp, { kind: 'format' }>[] = [];
  /** the rectangle a run of the next column may widen: by first row, row count and format */
  const open = new Map<string, Extract<WriteOp, { kind: 'format' }>>();
  for (let j = 0; j < width; j++) {
    let i = 0;
    while (i < formats.length) {
      const f = formats[i][j];
      if (f === null || f === undefined) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < formats.length && formats[end][j] === f) end++;
      const key = `${i}:${end - i}:${f}`;
      const last = open.get(key);
      if (last && last.column + last.columnCount === column + j) last.columnCount++;
      else {
        const rect = {
          kind: 'format' as const,
          numberFormat: f,
          sheet,
          row: row + i,
          column: column + j,
          rowCount: end - i,
          columnCount: 1,
        };
        out.push(rect);
        open.set(key, rect);
      }
      i = end;
    }
  }
  return out;
}

/**
 * A values or number-format operation with its 2-D number formats as one-format rectangles (format
 * operations, before the values: a text format still precedes its values) where that is the smaller
 * request — the money format is 60 characters a cell, one value for a whole output column instead.
 * Other operations, and small arrays, are returned as they are.
 */
export function compactFormats(op: WriteOp): WriteOp[] {
  if ((op.kind !== 'values' && op.kind !== 'numberFormat') || !op.numberFormats) return [op];
  const rects = uniformFormatRects(op.sheet, op.row, op.column, op.numberFormats);
  const compact = rects.reduce((n, r) => n + opBytes(r), 0);
  if (compact >= arrayJsonBytes(op.numberFormats)) return [op];
  if (op.kind === 'numberFormat') return rects;
  const { numberFormats: _formats, ...values } = op;
  return [...rects, values];
}

/** A column's run of formulas the same in R1C1 form is written as one value from this many rows on. */
export const MIN_FORMULA_RUN = 8;

/**
 * A formulas operation (Underlag) with each column's runs of formulas that are the same in R1C1 form
 * (at least MIN_FORMULA_RUN rows, and converted only where the R1C1 form gives the formula back at its
 * cell: safeR1C1) as one formulaR1C1 operation each, and the other cells in blocks of rows that leave
 * the same columns to them (range.formulas takes no null, so a block holds no cell of a run). Every
 * cell of the operation is written once, as before. An operation with number formats still on it (it
 * then keeps its text formats with its cells) and other operations are returned as they are.
 */
export function compactFormulas(op: WriteOp): WriteOp[] {
  if (op.kind !== 'values' || !op.formulas || op.numberFormats) return [op];
  const width = Math.max(0, ...op.values.map((r) => r.length));
  const keys = op.values.map((r, i) =>
    Array.from({ length: width }, (_, j) => {
      const v = r[j];
      return typeof v === 'string' && v.startsWith('=') && v.length > 1 ? safeR1C1(v, op.row + i, op.column + j) : undefined;
    }),
  );
  const covered = op.values.map(() => Array<boolean>(width).fill(false));
  const runs: WriteOp[] = [];
  for (let j = 0; j < width; j++) {
    let i = 0;
    while (i < keys.length) {
      const key = keys[i][j];
      let end = i + 1;
      while (key !== undefined && end < keys.length && keys[end][j] === key) end++;
      if (key !== undefined && end - i >= MIN_FORMULA_RUN) {
        runs.push({
          kind: 'formulaR1C1',
          formula: key,
          sheet: op.sheet,
          row: op.row + i,
          column: op.column + j,
          rowCount: end - i,
          columnCount: 1,
        });
        for (let k = i; k < end; k++) covered[k][j] = true;
      }
      i = end;
    }
  }
  if (runs.length === 0) return [op];
  /** the columns a row leaves to blocks, as [from, to) segments */
  const segments = covered.map((row) => {
    const out: [number, number][] = [];
    for (let j = 0; j < width; j++) {
      if (row[j]) continue;
      const last = out[out.length - 1];
      if (last && last[1] === j) last[1] = j + 1;
      else out.push([j, j + 1]);
    }
    return out;
  });
  const blocks: WriteOp[] = [];
  let start = 0;
  for (let i = 1; i <= op.values.length; i++) {
    if (i < op.values.length && JSON.stringify(segments[i]) === JSON.stringify(segments[start])) continue;
    for (const [from, to] of segments[start])
      blocks.push({
        kind: 'values',
        sheet: op.sheet,
        row: op.row + start,
        column: op.column + from,
        values: op.values.slice(start, i).map((r) => Array.from({ length: to - from }, (_, j) => r[from + j] ?? '')),
        formulas: true,
      });
    start = i;
  }
  return [...blocks, ...runs];
}

/**
 * Cuts the operations, in order, into batches (one context.sync each) of at most `budgetBytes`; a
 * barrier always starts a new batch. Number formats and formulas are first compacted (compactFormats,
 * compactFormulas), then cell operations split into row chunks. A run is two
 * batches (values; then number formats and the chart), each far below the budget even with 5 000
 * federations; only a workbook whose output exceeds the budget takes more syncs.
 */
export function packBatches(
  ops: WriteOp[],
  budgetBytes = PAYLOAD_BUDGET_BYTES,
  chunkBytes = CHUNK_BYTES,
): { ops: WriteOp[]; bytes: number }[] {
  const batches: { ops: WriteOp[]; bytes: number }[] = [];
  let current: { ops: WriteOp[]; bytes: number } = { ops: [], bytes: 0 };
  for (const op of ops.flatMap(compactFormats).flatMap(compactFormulas)) {
    if (op.kind === 'barrier') {
      if (current.ops.length > 0) batches.push(current);
      current = { ops: [], bytes: 0 };
      continue;
    }
    const parts: WriteOp[] =
      op.kind === 'values' || op.kind === 'numberFormat' ? chunkRows(op, Math.min(chunkBytes, budgetBytes)) : [op];
    for (const part of parts) {
      const bytes = opBytes(part);
      if (current.ops.length > 0 && current.bytes + bytes > budgetBytes) {
        batches.push(current);
        current = { ops: [], bytes: 0 };
      }
      current.ops.push(part);
      current.bytes += bytes;
    }
  }
  if (current.ops.length > 0) batches.push(current);
  return batches;
}
