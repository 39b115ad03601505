import Decimal from 'decimal.js';
import fc from 'fast-check';
import { parseNumberCell, parseShareCell, decimalFromNumber } from '../../src/workbook/numbers';
import { EngineDecimal } from '../../src/engine';
import { formatKronor, formatNumber, formatShare, formatProblem } from '../../src/workbook/format';
import { cellAddress, columnIndex, columnLetters, quoteSheetName, topLeftCell } from '../../src/workbook/address';
import { normalizeKey, parseHeader } from '../../src/workbook/text';

const num = (v: string | number | boolean | null) => {
  const p = parseNumberCell(v);
  return p === null ? null : p === undefined ? undefined : p.value.toFixed();
};

describe('parseNumberCell: Swedish numbers', () => {
  test.each([
    ['1 234 567', '1234567'],
    ['1\u00a0234\u00a0567', '1234567'], // no-break space
    ['1\u2009234\u2009567', '1234567'], // thin space
    ['1\u202f234\u202f567', '1234567'], // narrow no-break space
    ['1 234,5', '1234.5'],
    ['1234567 kr', '1234567'],
    ['1 234 567 kr', '1234567'],
    ['1 234 567,00 kr', '1234567'],
    ['1234:-', '1234'],
    ['  42  ', '42'],
    ['0,75', '0.75'],
    ['0.75', '0.75'],
    ['1,234', '1.234'], // one comma: decimal mark
    ['1.234', '1.234'], // one point: decimal mark
    ['1.234.567', '1234567'], // repeated point: thousands
    ['1,234,567', '1234567'], // repeated comma: thousands
    ['1.234.567,89', '1234567.89'],
    ['1,234,567.89', '1234567.89'],
    ['-5 000', '-5000'],
    ['\u22125 000', '-5000'], // minus sign
    ['+12', '12'],
    [',5', '0.5'],
  ])('%j → %s', (text, expected) => {
    expect(num(text)).toBe(expected);
  });

  test('percent is flagged, the value kept as written', () => {
    expect(parseNumberCell('12,5 %')).toEqual({
      value: new EngineDecimal('12.5'),
      percent: true,
      currency: false,
      unit: undefined,
    });
    // made in the engine's own decimal class, so the model takes it without a copy
    expect(parseNumberCell('1 234')!.value).toBeInstanceOf(EngineDecimal);
    expect(decimalFromNumber(0.1)).toBeInstanceOf(EngineDecimal);
    expect(parseNumberCell('12,5%')?.percent).toBe(true);
  });

  test('tkr and mkr in the cell are reported as a unit', () => {
    expect(parseNumberCell('5 tkr')).toMatchObject({ unit: 'tkr', currency: true });
    expect(parseNumberCell('1,5 mkr')).toMatchObject({ unit: 'mkr', currency: true });
  });

  test.each(['ca 2 milj', 'abc', '12 34', '1234 567', '1 2345', '1e6', '1,2,3.4.5', '--5', '12,', '#N/A', '5 5 %x'])(
    '%j is not a number',
    (text) => {
      expect(num(text)).toBeUndefined();
    },
  );

  test('blank cells are null', () => {
    expect(num('')).toBeNull();
    expect(num(null)).toBeNull();
    expect(num('   ')).toBeNull();
    expect(num('\u00a0')).toBeNull();
  });

  test('numbers from cells are taken to 15 significant digits, as Excel shows and compares them', () => {
    expect(num(0.1)).toBe('0.1');
    expect(num(1234567)).toBe('1234567');
    expect(num(999_999_999_999_999)).toBe('999999999999999');
    // A formula's binary noise is not part of the number
    expect(decimalFromNumber(0.1 + 0.2).toFixed()).toBe('0.3');
    expect(decimalFromNumber(8.2 * 10 ** 6).toFixed()).toBe('8200000');
    expect(8.2 * 10 ** 6).not.toBe(8_200_000); // the noise is real in JavaScript, as in Excel
    expect(decimalFromNumber(1 - 0.7).toFixed()).toBe('0.3');
    expect(
      decimalFromNumber(1 / 3)
        .plus(decimalFromNumber(2 / 3))
        .toFixed(),
    ).toBe('1');
    expect(decimalFromNumber(-0).toFixed()).toBe('0');
    expect(decimalFromNumber(1.5e21).toFixed()).toBe('1500000000000000000000');
    expect(decimalFromNumber(1234.5678).toFixed()).toBe('1234.5678');
    expect(num(Number.NaN)).toBeUndefined();
    expect(num(true)).toBeUndefined();
  });

  test('property: any integer written with Swedish thousands separators reads back exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(' ', '\u00a0', '\u2009', '\u202f'), (n, sep) => {
        const text = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(num(text)).toBe(n.toString());
        expect(num(`${text} kr`)).toBe(n.toString());
      }),
      { numRuns: 150 },
    );
  });

  test('property: formatNumber output reads back to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (i, cents) => {
        const d = new Decimal(i).plus(new Decimal(cents).div(100).times(i < 0 ? -1 : 1));
        expect(num(formatNumber(d, 2))).toBe(d.toFixed());
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseShareCell', () => {
  const share = (v: string | number) => parseShareCell(v)?.toFixed();
  test.each([
    ['75 %', '0.75'],
    ['75%', '0.75'],
    ['0,75', '0.75'],
    [0.75, '0.75'],
    ['75', '0.75'],
    [75, '0.75'],
    ['12,5 %', '0.125'],
    ['100 %', '1'],
    [1, '1'],
    [0, '0'],
    ['1,5', '0.015'], // above 1 → percent
  ])('%j → %s', (v, expected) => {
    expect(share(v)).toBe(expected);
  });
  test.each(['150 %', 150, 'abc', '-5 %', -0.1, '75 kr'])('%j is no share', (v) => {
    expect(parseShareCell(v)).toBeUndefined();
  });
});

describe('format', () => {
  test('formatKronor uses normal spaces and rounds half up', () => {
    expect(formatKronor(339000000)).toBe('339 000 000 kr');
    expect(formatKronor(new Decimal('1234567.5'))).toBe('1 234 568 kr');
    expect(formatKronor(0)).toBe('0 kr');
    expect(formatKronor(-1234)).toBe('-1 234 kr');
    expect(formatKronor(new Decimal('8469547.525'), 2)).toBe('8 469 547,53 kr');
    expect(formatKronor(999)).toBe('999 kr');
  });
  test('formatShare', () => {
    expect(formatShare(0.75)).toBe('75 %');
    expect(formatShare(0.125)).toBe('12,5 %');
    expect(formatShare(new Decimal('0.30288'))).toBe('30,29 %');
    expect(formatShare(new Decimal('0.1'))).toBe('10 %');
  });
  test('formatProblem', () => {
    expect(
      formatProblem({ sheet: 'Förbund', row: 7, column: 5, address: 'Förbund!E7', message: '"ca 2 milj" är inget belopp' }),
    ).toBe('Förbund!E7: "ca 2 milj" är inget belopp');
  });
});

describe('addresses', () => {
  test('column letters beyond Z', () => {
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(25)).toBe('Z');
    expect(columnLetters(26)).toBe('AA');
    expect(columnLetters(27)).toBe('AB');
    expect(columnLetters(701)).toBe('ZZ');
    expect(columnLetters(702)).toBe('AAA');
    expect(columnLetters(16383)).toBe('XFD');
    for (let i = 0; i < 2000; i += 37) expect(columnIndex(columnLetters(i))).toBe(i);
  });
  test('sheet names are quoted when Excel quotes them', () => {
    expect(cellAddress('Förbund', 6, 4)).toBe('Förbund!E7');
    expect(cellAddress('Mitt blad', 0, 0)).toBe("'Mitt blad'!A1");
    expect(quoteSheetName("Anna's")).toBe("'Anna''s'");
    expect(quoteSheetName('2025')).toBe("'2025'");
    expect(quoteSheetName('AB12')).toBe("'AB12'");
    expect(quoteSheetName('R1C1')).toBe("'R1C1'");
    expect(quoteSheetName('Förbund-2')).toBe("'Förbund-2'");
    expect(quoteSheetName('Körlogg')).toBe('Körlogg');
    expect(quoteSheetName('Blad_1')).toBe('Blad_1');
  });
  test('the top-left cell of a selection address, as Excel reports it', () => {
    expect(topLeftCell('E7')).toEqual({ row: 6, column: 4 });
    expect(topLeftCell('$B$4:$D$9')).toEqual({ row: 3, column: 1 });
    expect(topLeftCell('Förbund!C5')).toEqual({ row: 4, column: 2 });
    expect(topLeftCell("'Mitt blad'!AA10:AB12")).toEqual({ row: 9, column: 26 });
    expect(topLeftCell('A1:B2,D4')).toEqual({ row: 0, column: 0 });
    expect(topLeftCell('C:C')).toBeUndefined();
    expect(topLeftCell('5:5')).toBeUndefined();
    expect(topLeftCell('A0')).toBeUndefined();
    expect(topLeftCell('')).toBeUndefined();
    for (let r = 0; r < 3000; r += 97)
      for (let c = 0; c < 800; c += 61) expect(topLeftCell(cellAddress('Blad 1', r, c))).toEqual({ row: r, column: c });
  });
});

describe('header normalisation', () => {
  test('case, white space, dashes and units', () => {
    expect(normalizeKey('  Invånare   16-64 ')).toBe(normalizeKey('invånare 16–64'));
    expect(normalizeKey('Invånare 16\u221264')).toBe(normalizeKey('Invånare 16 – 64'));
    expect(parseHeader('Eget kapital (tkr)')).toEqual({ name: 'eget kapital', unit: 'tkr' });
    expect(parseHeader('EGET KAPITAL(MKR)')).toEqual({ name: 'eget kapital', unit: 'mkr' });
    expect(parseHeader('Eget\u00a0kapital')).toEqual({ name: 'eget kapital' });
  });
});
