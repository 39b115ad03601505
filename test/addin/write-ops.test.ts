// The pure planning of the add-in's writes: payload estimates, row chunks, batches, ranges.
import {
  arrayJsonBytes,
  cellJsonBytes,
  charactersToPoints,
  chunkRows,
  OP_OVERHEAD_BYTES,
  packBatches,
  runOps,
  sheetOutputOps,
  splitTextFormats,
  validationRect,
  WriteOp,
} from '../../src/excel/write-ops';
import { runsOf } from '../../src/workbook/plan';
import { isPayloadSizeError, nextReadChunks } from '../../src/excel/read-chunks';
import { runAllocation } from '../../src/workbook';
import { MONEY_FORMAT, SHARE_FORMAT, TEXT_FORMAT } from '../../src/workbook/types';
import { syntheticSheets } from './generate';

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
  const op: WriteOp = {
    kind: 'values',
    sheet: 'Förbund',
    row: 5,
    column: 2,
    values,
    numberFormats: values.map(() => [null, '0']),
  };

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
    // the column of one format is set as one value before the values (compactFormats)
    expect(one.map((b) => b.ops.map((o) => o.kind))).toEqual([['clear', 'format', 'values'], ['activate']]);
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
    expect(validationRect('Parametrar', 'B5', 2)).toEqual({
      sheet: 'Parametrar',
      row: 4,
      column: 1,
      rowCount: 1,
      columnCount: 1,
    });
    expect(validationRect('X', '$C$2:D4', 0)).toEqual({ sheet: 'X', row: 1, column: 2, rowCount: 3, columnCount: 2 });
    expect(validationRect('Förbund', 'K:K', 2)).toEqual({
      sheet: 'Förbund',
      row: 3,
      column: 10,
      rowCount: 1_048_573,
      columnCount: 1,
    });
    expect(() => validationRect('X', 'nonsense', 0)).toThrow(/ogiltigt område/);
  });

  test('column widths in characters become points (8.43 characters = 48 points, Excel’s default)', () => {
    expect(charactersToPoints(8.43)).toBeCloseTo(48, 0);
    expect(charactersToPoints(30)).toBeCloseTo(161.25, 2);
  });
});

describe('text cells', () => {
  test('splitTextFormats: "@" alone, and every other format alone; null where a part sets nothing', () => {
    expect(splitTextFormats([[TEXT_FORMAT, MONEY_FORMAT, null]])).toEqual({
      text: [[TEXT_FORMAT, null, null]],
      other: [[null, MONEY_FORMAT, null]],
    });
    expect(splitTextFormats([[MONEY_FORMAT]])).toEqual({ text: null, other: [[MONEY_FORMAT]] });
    expect(splitTextFormats([[TEXT_FORMAT, undefined]])).toEqual({ text: [[TEXT_FORMAT, null]], other: null });
    expect(splitTextFormats(undefined)).toEqual({ text: null, other: null });
  });

  test('a run: the text format goes with the values in the first request, money and shares after the barrier', () => {
    const run = runAllocation(syntheticSheets(10), { timestamp: new Date(2025, 0, 1) });
    if (!run.ok) throw new Error('problems');
    const ops = runOps(run.plan, ['Parametrar', 'Förbund', 'Kommuner']);
    const barrier = ops.findIndex((o) => o.kind === 'barrier');
    const first = ops.slice(0, barrier);
    const later = ops.slice(barrier + 1);
    const formatsOf = (o: WriteOp) => (o.kind === 'values' || o.kind === 'numberFormat' ? (o.numberFormats ?? []).flat() : []);
    // every string written carries "@" in the same operation, and "@" is only on strings (an empty
    // Varningar cell included: the column is text)
    let strings = 0;
    for (const op of first) {
      if (op.kind !== 'values') continue;
      // Underlag, assigned through range.formulas: its formulas carry no text format, its texts do
      if (op.formulas) {
        op.values.forEach((row, i) =>
          row.forEach((v, j) => {
            const text = op.numberFormats?.[i]?.[j] === TEXT_FORMAT;
            if (typeof v === 'string' && v.startsWith('=')) expect(text).toBe(false);
            else if (typeof v === 'string' && v !== '') expect(text).toBe(true);
          }),
        );
        continue;
      }
      op.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const text = op.numberFormats?.[i]?.[j] === TEXT_FORMAT;
          if (typeof v === 'string' && v !== '') {
            strings++;
            expect(text).toBe(true);
          }
          if (text) expect(typeof v).toBe('string');
        }),
      );
    }
    expect(strings).toBeGreaterThan(50);
    expect(first.some((o) => o.kind === 'numberFormat')).toBe(false);
    // issue 15: Körlogg is written last, its text format with its values (in the later request); Underlag
    // whole in the later request, its formats (text ones too) with its cells, its formulas never text
    expect(
      later.filter((o) => !('sheet' in o) || (o.sheet !== 'Körlogg' && o.sheet !== 'Underlag')).flatMap(formatsOf),
    ).not.toContain(TEXT_FORMAT);
    expect(first.some((o) => 'sheet' in o && o.sheet === 'Underlag' && o.kind !== 'addSheet')).toBe(false);
    const underlag = later.find((o) => o.kind === 'values' && o.sheet === 'Underlag');
    if (underlag?.kind !== 'values' || !underlag.formulas) throw new Error('Underlag is not in the later request');
    underlag.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const text = underlag.numberFormats?.[i]?.[j] === TEXT_FORMAT;
        if (typeof v === 'string' && v.startsWith('=')) expect(text).toBe(false);
        else if (typeof v === 'string' && v !== '') expect(text).toBe(true);
      }),
    );
    expect(later.flatMap(formatsOf)).toEqual(expect.arrayContaining([MONEY_FORMAT, SHARE_FORMAT]));
  });

  test('a sheet filled without a later request (template) keeps all its formats with the values', () => {
    const ops = sheetOutputOps({ name: 'X', values: [['a', 1]], numberFormats: [[TEXT_FORMAT, MONEY_FORMAT]] });
    expect(ops.find((o) => o.kind === 'values')).toMatchObject({ numberFormats: [[TEXT_FORMAT, MONEY_FORMAT]] });
  });
});

describe('chunked reads', () => {
  const sheets = [
    { name: 'Förbund', used: { rowIndex: 2, columnIndex: 1, rowCount: 1000, columnCount: 10 }, next: 0 },
    { name: 'Kommuner', used: { rowIndex: 0, columnIndex: 0, rowCount: 500, columnCount: 4 }, next: 0 },
  ];

  test('row chunks under the chunk size, several a request under the budget, from where each sheet is', () => {
    // 10 columns × 20 bytes + 4 = 204 bytes a row: (4 000 − 200) / 204 = 18 rows a chunk
    const chunks = nextReadChunks(sheets, 20, 16_000, 4_000);
    expect(chunks[0]).toEqual({ sheet: 'Förbund', row: 2, column: 1, rowCount: 18, columnCount: 10 });
    expect(chunks.length).toBe(4);
    expect(chunks.map((c) => c.row)).toEqual([2, 20, 38, 56]);
    const estimate = chunks.reduce((n, c) => n + OP_OVERHEAD_BYTES + c.rowCount * (10 * 20 + 4), 0);
    expect(estimate).toBeLessThanOrEqual(16_000);
  });

  test('the rest of one sheet and the start of the next share a request; nothing is left out or read twice', () => {
    const state = sheets.map((s) => ({ ...s }));
    const seen: Record<string, number[]> = { Förbund: [], Kommuner: [] };
    let requests = 0;
    for (;;) {
      const chunks = nextReadChunks(state, 20, 100_000, 30_000);
      if (chunks.length === 0) break;
      requests++;
      for (const c of chunks) {
        const s = state.find((x) => x.name === c.sheet)!;
        expect(c.row - s.used.rowIndex).toBe(s.next);
        for (let r = 0; r < c.rowCount; r++) seen[c.sheet].push(c.row + r);
        s.next += c.rowCount;
      }
    }
    expect(seen['Förbund']).toEqual(Array.from({ length: 1000 }, (_, i) => 2 + i));
    expect(seen['Kommuner']).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(requests).toBe(3);
  });

  test('at least one row a chunk and one chunk a request, however wide a row', () => {
    expect(
      nextReadChunks(
        [{ name: 'X', used: { rowIndex: 0, columnIndex: 0, rowCount: 3, columnCount: 1000 }, next: 0 }],
        1000,
        5_000,
        5_000,
      ),
    ).toEqual([{ sheet: 'X', row: 0, column: 0, rowCount: 1, columnCount: 1000 }]);
  });

  test('isPayloadSizeError: Office.js code, and the message as a fallback', () => {
    expect(isPayloadSizeError(Object.assign(new Error('x'), { code: 'RequestPayloadSizeLimitExceeded' }))).toBe(true);
    expect(isPayloadSizeError({ code: 'GeneralException', debugInfo: { code: 'ResponsePayloadSizeLimitExceeded' } })).toBe(true);
    expect(isPayloadSizeError(new Error('The response payload size has exceeded the limit.'))).toBe(true);
    expect(isPayloadSizeError(new Error('Storleken på nyttolasten för begäran har överskridit gränsen.'))).toBe(true);
    expect(isPayloadSizeError(Object.assign(new Error('Access denied'), { code: 'AccessDenied' }))).toBe(false);
    expect(isPayloadSizeError(new Error('InvalidObjectPath: the object path of a null object'))).toBe(false);
    expect(isPayloadSizeError(undefined)).toBe(false);
  });
});
