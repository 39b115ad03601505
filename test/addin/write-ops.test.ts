// The pure planning of the add-in's writes: payload estimates, row chunks, batches, ranges.
import {
  arrayJsonBytes,
  cellJsonBytes,
  charactersToPoints,
  chunkRows,
  packBatches,
  runsOf,
  validationRect,
  WriteOp,
} from '../../src/excel/write-ops';

describe('payload estimate', () => {
  test('cells are counted as JSON, non-ASCII as \\u escapes (an upper bound)', () => {
    expect(cellJsonBytes(1234567)).toBe(7);
    expect(cellJsonBytes(null)).toBe(4);
    expect(cellJsonBytes('')).toBe(2);
    expect(cellJsonBytes('abc')).toBe(5);
    expect(cellJsonBytes('a"b')).toBe(6);
    expect(cellJsonBytes('Förbund')).toBe(2 + 6 + 6);
    const cells = [
      [1, 'x'],
      [null, true],
    ];
    // the estimate never undercounts JSON.stringify's length
    expect(arrayJsonBytes(cells)).toBe(JSON.stringify(cells).length);
    const swedish = [['Söderby', 'Åby', 'MATCHNING: Begränsad']];
    expect(arrayJsonBytes(swedish)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(swedish)));
  });
});

describe('row chunks and batches', () => {
  const values = Array.from({ length: 100 }, (_, i) => [`rad ${i}`, i * 1000]);
  const op: WriteOp = { kind: 'values', sheet: 'Förbund', row: 5, column: 2, values, numberFormats: values.map(() => [null, '0']) };

  test('a block above the chunk size is cut into consecutive whole-row chunks', () => {
    const chunks = chunkRows(op as Extract<WriteOp, { kind: 'values' }>, 600);
    expect(chunks.length).toBeGreaterThan(3);
    let row = 5;
    for (const c of chunks) {
      expect(c.row).toBe(row);
      expect(c.column).toBe(2);
      expect(c.numberFormats).toHaveLength(c.values.length);
      row += c.values.length;
    }
    expect(row).toBe(105);
    expect(chunks.flatMap((c) => c.values)).toEqual(values);
  });

  test('batches stay under the budget, keep the order, and start anew at a barrier', () => {
    const ops: WriteOp[] = [
      { kind: 'clear', sheet: 'Förbund', row: 0, column: 0, rowCount: 1, columnCount: 1 },
      op,
      { kind: 'barrier' },
      { kind: 'activate', sheet: 'Förbund' },
    ];
    const one = packBatches(ops);
    expect(one.map((b) => b.ops.map((o) => o.kind))).toEqual([['clear', 'values'], ['activate']]);
    const many = packBatches(ops, 1000, 500);
    expect(many.length).toBeGreaterThan(3);
    expect(many.every((b) => b.bytes <= 1000)).toBe(true);
    expect(many[0].ops[0].kind).toBe('clear');
    expect(many[many.length - 1].ops.map((o) => o.kind)).toEqual(['activate']);
  });
});

describe('ranges', () => {
  test('runsOf groups consecutive rows', () => {
    expect(runsOf([9, 3, 4, 5, 4, 12])).toEqual([
      [3, 3],
      [9, 1],
      [12, 1],
    ]);
    expect(runsOf([])).toEqual([]);
  });

  test('validation ranges: a cell, a block, or a whole column below the header', () => {
    expect(validationRect('Parametrar', 'B5', 2)).toEqual({ sheet: 'Parametrar', row: 4, column: 1, rowCount: 1, columnCount: 1 });
    expect(validationRect('X', '$C$2:D4', 0)).toEqual({ sheet: 'X', row: 1, column: 2, rowCount: 3, columnCount: 2 });
    expect(validationRect('Förbund', 'K:K', 2)).toEqual({ sheet: 'Förbund', row: 3, column: 10, rowCount: 1_048_573, columnCount: 1 });
    expect(() => validationRect('X', 'nonsense', 0)).toThrow(/ogiltigt område/);
  });

  test('column widths in characters become points (8.43 characters = 48 points, Excel’s default)', () => {
    expect(charactersToPoints(8.43)).toBeCloseTo(48, 0);
    expect(charactersToPoints(30)).toBeCloseTo(161.25, 2);
  });
});
