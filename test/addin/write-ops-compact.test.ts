// Compacting a run's writes: one number format, one R1C1 formula for a range instead of 2-D arrays.
import { compactFormats, compactFormulas, MIN_FORMULA_RUN, uniformFormatRects, WriteOp } from '../../src/excel/write-ops';
import { safeR1C1, toA1, toR1C1 } from '../../src/excel/r1c1';
import { MONEY_FORMAT, TEXT_FORMAT } from '../../src/workbook/types';

describe('A1 and R1C1', () => {
  test('relative, absolute and mixed references, other sheets, ranges', () => {
    // at row 41 (0-based 40), column B (1)
    expect(toR1C1("=IF(ISNUMBER('Förbund'!$D$11),'Förbund'!$D$11,\"\")", 40, 1)).toBe(
      "=IF(ISNUMBER('Förbund'!R11C4),'Förbund'!R11C4,\"\")",
    );
    expect(toR1C1("=SUMIFS('Kommuner'!$D$3:$D$8,'Kommuner'!$A$3:$A$8,A41)", 40, 9)).toBe(
      "=SUMIFS('Kommuner'!R3C4:R8C4,'Kommuner'!R3C1:R8C1,RC[-9])",
    );
    expect(toR1C1('=$A41+B$2-C40*AA42', 40, 1)).toBe('=RC1+R2C-R[-1]C[1]*R[1]C[25]');
    expect(toA1('=RC1+R2C-R[-1]C[1]*R[1]C[25]', 40, 1)).toBe('=$A41+B$2-C40*AA42');
  });

  test('strings, functions and names are left alone; what is not understood gives undefined', () => {
    expect(toR1C1('=IF(A1="B2",LOG10(A1),TRUE)', 0, 0)).toBe('=IF(RC="B2",LOG10(RC),TRUE)');
    expect(toR1C1("='A1 sheet'!B2", 0, 0)).toBe("='A1 sheet'!R[1]C[1]");
    expect(toR1C1('=SUM(A:A)', 0, 1)).toBeUndefined();
    expect(toR1C1('=SUM(3:3)', 0, 1)).toBeUndefined();
    expect(toR1C1('=R*2', 0, 1)).toBeUndefined();
    expect(toR1C1('=R2*2', 0, 1)).toBe('=R[1]C[16]*2');
    expect(toR1C1('=Table1[Col]', 0, 1)).toBeUndefined();
    expect(toR1C1('=Förbund!A1', 0, 1)).toBeUndefined();
    expect(safeR1C1('=B2', 3, 3)).toBe('=R[-2]C[-2]');
  });
});

describe('compacted writes', () => {
  test('a format column as one value per run of rows, runs side by side as one rectangle', () => {
    const formats = [
      [TEXT_FORMAT, TEXT_FORMAT, null],
      [MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT],
      [MONEY_FORMAT, MONEY_FORMAT, TEXT_FORMAT],
    ];
    expect(uniformFormatRects('S', 10, 2, formats)).toEqual([
      { kind: 'format', numberFormat: TEXT_FORMAT, sheet: 'S', row: 10, column: 2, rowCount: 1, columnCount: 2 },
      { kind: 'format', numberFormat: MONEY_FORMAT, sheet: 'S', row: 11, column: 2, rowCount: 2, columnCount: 2 },
      { kind: 'format', numberFormat: MONEY_FORMAT, sheet: 'S', row: 11, column: 4, rowCount: 1, columnCount: 1 },
      { kind: 'format', numberFormat: TEXT_FORMAT, sheet: 'S', row: 12, column: 4, rowCount: 1, columnCount: 1 },
    ]);
    // a big values block: its formats go before it, one per column; a small one keeps its array
    const values = Array.from({ length: 100 }, (_, i) => [`namn ${i}`, i]);
    const op: WriteOp = {
      kind: 'values',
      sheet: 'S',
      row: 1,
      column: 0,
      values,
      numberFormats: values.map(() => [TEXT_FORMAT, MONEY_FORMAT]),
    };
    expect(compactFormats(op)).toEqual([
      { kind: 'format', numberFormat: TEXT_FORMAT, sheet: 'S', row: 1, column: 0, rowCount: 100, columnCount: 1 },
      { kind: 'format', numberFormat: MONEY_FORMAT, sheet: 'S', row: 1, column: 1, rowCount: 100, columnCount: 1 },
      { kind: 'values', sheet: 'S', row: 1, column: 0, values },
    ]);
    const small: WriteOp = { kind: 'values', sheet: 'S', row: 0, column: 0, values: [['a']], numberFormats: [[TEXT_FORMAT]] };
    expect(compactFormats(small)).toEqual([small]);
  });

  test('formula runs as one R1C1 value; every other cell written once, in blocks without them', () => {
    const n = MIN_FORMULA_RUN + 2;
    const values = [['Rubrik', '', ''], ...Array.from({ length: n }, (_, i) => [`F${i}`, `=A${i + 2}&"x"`, `=$B$${i + 2}`])];
    const ops = compactFormulas({ kind: 'values', sheet: 'U', row: 0, column: 0, values, formulas: true });
    expect(ops).toEqual([
      { kind: 'values', sheet: 'U', row: 0, column: 0, values: [['Rubrik', '', '']], formulas: true },
      { kind: 'values', sheet: 'U', row: 1, column: 0, values: values.slice(1).map((r) => [r[0]]), formulas: true },
      // column C's formulas are absolute, a different R1C1 formula each: kept as they are
      { kind: 'values', sheet: 'U', row: 1, column: 2, values: values.slice(1).map((r) => [r[2]]), formulas: true },
      { kind: 'formulaR1C1', formula: '=RC[-1]&"x"', sheet: 'U', row: 1, column: 1, rowCount: n, columnCount: 1 },
    ]);
    // each cell of the run reads back as the plan's formula
    for (let i = 1; i <= n; i++) expect(toA1('=RC[-1]&"x"', i, 1)).toBe(values[i][1]);
  });
});
