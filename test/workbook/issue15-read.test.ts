// Reading holes closed in issue 15: dates in number cells (4), ambiguous amounts (5), two sheets matching
// one name (6), merge conflicts with the input's problems (11), a cell's unit against its column's (15).
import { readWorkbook } from '../../src/workbook/read';
import { runAllocation } from '../../src/workbook/run';
import { formatProblem } from '../../src/workbook/format';
import { isDateTimeFormat, parseNumberCell, parseShareCell } from '../../src/workbook/numbers';
import { locateParameters } from '../../src/workbook/parameter-form';
import type { SheetValues } from '../../src/workbook/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloneSheets, setCell, smallSheets, workedExampleSheets } from './fixtures';

function problems(sheets: SheetValues[]): string[] {
  const r = readWorkbook(sheets);
  return r.ok ? [] : r.problems.map(formatProblem);
}

function edit(change: (s: SheetValues[]) => void): SheetValues[] {
  const s = cloneSheets(smallSheets());
  change(s);
  return s;
}

/** A sheet's number formats: null everywhere but the given cells (0-based). */
function formats(sheet: SheetValues, cells: [number, number, string][]): void {
  sheet.numberFormats = sheet.values.map((row) => row.map(() => null));
  for (const [r, c, code] of cells) sheet.numberFormats[r][c] = code;
}

describe('isDateTimeFormat: the one rule for "formatted as a date or time"', () => {
  test.each([
    'yyyy-mm-dd',
    'mm-dd-yy',
    'd/m/yyyy',
    'dd mmm yyyy',
    'mmm yy',
    'h:mm',
    'hh:mm:ss AM/PM',
    '[h]:mm:ss',
    '[mm]:ss',
    '[$-41D]yyyy-mm-dd',
    '[Red]yyyy-mm-dd',
    'yyyy-mm-dd hh:mm',
    'ÅÅÅÅ-MM-DD',
  ])('%s is a date or time', (code) => {
    expect(isDateTimeFormat(code)).toBe(true);
  });
  test.each([
    null,
    undefined,
    '',
    'General',
    'Standard',
    '@',
    '0',
    '0.00',
    '#,##0',
    '0.00%',
    '# ##0 "kr"',
    '#,##0 "dagar"',
    '#\\ ##0\\ \\k\\r',
    '[>=1000000000]#\\ ###\\ ###\\ ##0;[>=1000000]#\\ ###\\ ##0;#\\ ##0',
    '[Red]#,##0;[Blue]-#,##0',
    '0.00E+00',
    '_-* #,##0_-',
  ])('%s is not', (code) => {
    expect(isDateTimeFormat(code)).toBe(false);
  });
});

describe('a number in a cell formatted as a date or time is an error at its cell (item 4)', () => {
  test('Förbund: the worked example with Norrby last year typed as a date (2154-03-06 is 92 838)', () => {
    const sheets = workedExampleSheets();
    sheets[1].values[2][3] = 92838;
    formats(sheets[1], [[2, 3, 'yyyy-mm-dd']]);
    expect(problems(sheets)).toEqual([
      'Förbund!D3 (Norrby, Statlig tilldelning föregående år (kr)): Cellen är formaterad som datum eller tid, så talet 92 838 är ett datum och inte ett belopp; ge cellen talformatet Tal och skriv in värdet igen',
    ]);
    // Without the format the same number is an amount, as before
    delete sheets[1].numberFormats;
    expect(problems(sheets)).toEqual([]);
  });

  test('months, Kommuner numbers and parameters too; text in such a cell and other formats are read', () => {
    const sheets = smallSheets();
    formats(sheets[0], [[1, 1, 'd/m/yyyy']]);
    formats(sheets[1], [
      [1, 5, 'mmm yy'],
      [2, 2, '#,##0'],
    ]);
    formats(sheets[2], [
      [1, 3, 'yyyy-mm-dd'],
      [2, 4, '[h]:mm'],
      [3, 5, 'dd/mm'],
    ]);
    expect(problems(sheets)).toEqual([
      'Parametrar!B2: Cellen är formaterad som datum eller tid, så talet 5 000 000 är ett datum och inte ett belopp; ge cellen talformatet Tal och skriv in värdet igen',
      'Förbund!F2 (Alfa, Verksamhetsmånader): Cellen är formaterad som datum eller tid, så talet 12 är ett datum och inte ett antal månader; ge cellen talformatet Tal och skriv in värdet igen',
      'Kommuner!D2 (Alfa, Invånare 16–64): Cellen är formaterad som datum eller tid, så talet 10 000 är ett datum och inte ett antal; ge cellen talformatet Tal och skriv in värdet igen',
      'Kommuner!E3 (Alfa, Försörjningsmått): Cellen är formaterad som datum eller tid, så talet 100 000 är ett datum och inte ett belopp; ge cellen talformatet Tal och skriv in värdet igen',
      'Kommuner!F4 (Beta, Försörjningsstödstagare): Cellen är formaterad som datum eller tid, så talet 90 är ett datum och inte ett antal; ge cellen talformatet Tal och skriv in värdet igen',
    ]);
    const text = smallSheets();
    text[1].values[1][2] = '300 000';
    formats(text[1], [[1, 2, 'yyyy-mm-dd']]);
    expect(problems(text)).toEqual([]);
  });

  test("the pane's parameter fields say the same", () => {
    const sheets = smallSheets();
    formats(sheets[0], [[1, 1, 'yyyy-mm-dd']]);
    const budget = locateParameters(sheets).find((p) => p.key === 'budget')!;
    expect(budget.problem).toContain('formaterad som datum eller tid');
    expect(budget.parsed).toBeUndefined();
  });
});

describe('"900.000" and "1,500" in an amount are ambiguous (item 5)', () => {
  test('money and Kommuner amounts: an error asking for thousands or decimals', () => {
    const sheets = edit((s) => {
      setCell(s, 'Förbund', 1, 2, '900.000');
      setCell(s, 'Förbund', 2, 2, '1,500');
      setCell(s, 'Kommuner', 1, 4, '12,345 kr');
      setCell(s, 'Parametrar', 1, 1, '5.000');
    });
    expect(problems(sheets)).toEqual([
      'Parametrar!B2: "5.000" är tvetydigt: skriv 5 000 om det är tusental eller 5,00 om det är decimaler',
      'Förbund!C2 (Alfa, Eget kapital (kr)): "900.000" är tvetydigt: skriv 900 000 om det är tusental eller 900,00 om det är decimaler',
      'Förbund!C3 (Beta, Eget kapital (kr)): "1,500" är tvetydigt: skriv 1 500 om det är tusental eller 1,50 om det är decimaler',
      'Kommuner!E2 (Alfa, Försörjningsmått): "12,345 kr" är tvetydigt: skriv 12 345 om det är tusental eller 12,3450 om det är decimaler',
    ]);
  });

  test('unambiguous forms read as before', () => {
    for (const [text, value] of [
      ['900 000', '900000'],
      ['900,00', '900'],
      ['1,5', '1.5'],
      ['1,50', '1.5'],
      ['1234,567', '1234.567'],
      ['0,500', '0.5'],
      ['1 234,567', '1234.567'],
      ['1.234.567', '1234567'],
      ['1.234,5', '1234.5'],
    ]) {
      const sheets = edit((s) => setCell(s, 'Förbund', 1, 2, text));
      const r = readWorkbook(sheets);
      expect([text, r.ok ? r.input.federations[0].equity?.toFixed() : r.problems.map(formatProblem)]).toEqual([text, value]);
    }
    expect(parseNumberCell('900.000')?.ambiguous).toEqual({ thousands: '900 000', decimals: '900,00' });
    expect(parseNumberCell('1 234,567')?.ambiguous).toBeUndefined();
  });

  test('shares keep their rule: "0,750" is 75 %, "1,500" is 1,5 %', () => {
    expect(parseShareCell('0,750')?.toFixed()).toBe('0.75');
    expect(parseShareCell('1,500')?.toFixed()).toBe('0.015');
    const sheets = edit((s) => s[0].values.push(['Maximal minskning', '0,100']));
    const r = readWorkbook(sheets);
    expect(r.ok && r.input.parameters.maxDecrease.toFixed()).toBe('0.1');
  });
});

describe('two sheets matching one name are an error naming both (item 6)', () => {
  test.each(['Förbund', 'Kommuner', 'Parametrar', 'Körlogg'])('%s and a hidden copy named with a trailing space', (name) => {
    const sheets = smallSheets();
    const original = sheets.find((s) => s.name === name);
    const stale: SheetValues = original
      ? { name: `${name} `, values: original.values.map((r) => [...r]) }
      : { name: `${name.toUpperCase()} `, values: [['Uppgift', 'Värde']] };
    if (!original) sheets.push({ name, values: [['Uppgift', 'Värde']] });
    sheets.push(stale);
    const listed = problems(sheets);
    expect(listed).toEqual([
      `'${stale.name}'!A1: Bladen "${name}" och "${stale.name}" matchar båda bladet "${name}" (stora och små bokstäver och mellanslag räknas inte); byt namn på eller ta bort det som inte ska användas (det kan vara dolt)`,
    ]);
  });

  test('one sheet is fine, whatever its spelling', () => {
    const sheets = smallSheets();
    sheets[1].name = ' FÖRBUND ';
    expect(problems(sheets)).toEqual([]);
  });
});

describe("merged cells where the output goes are reported with the input's problems (item 11)", () => {
  test('a merge inside earlier output and a bad amount: one list', () => {
    const sheets = smallSheets();
    // An earlier run's Idealfördelning in H, with a merge H2:I2 made inside it
    sheets[1].values[0].push('Idealfördelning (kr)', 'Efter spärr (kr)');
    sheets[1].values[1].push(1, 1);
    sheets[1].values[2].push(1, 1);
    sheets[1].merges = [{ row: 1, column: 7, rowCount: 1, columnCount: 2 }];
    sheets[1].values[2][2] = 'ca 2 milj';
    expect(problems(sheets)).toEqual([
      'Förbund!H2 (Alfa, Idealfördelning (kr)): cellen ingår i sammanfogade celler (från H2); resultatet kan inte skrivas där. Ta bort sammanfogningen och försök igen',
      'Förbund!I2 (Alfa, Efter spärr (kr)): cellen ingår i sammanfogade celler (från H2); resultatet kan inte skrivas där. Ta bort sammanfogningen och försök igen',
      'Förbund!C3 (Beta, Eget kapital (kr)): "ca 2 milj" är inget belopp',
    ]);
    // Alone, it is still a problem of the reader (nothing is planned)
    sheets[1].values[2][2] = 200000;
    expect(runAllocation(sheets).ok).toBe(false);
  });

  test('a merged footnote below the table, or one the output is placed beside, is no problem', () => {
    const sheets = smallSheets();
    sheets[1].values.push([], []);
    sheets[1].merges = [
      { row: 4, column: 0, rowCount: 1, columnCount: 12 },
      { row: 0, column: 6, rowCount: 1, columnCount: 2 },
    ];
    expect(problems(sheets)).toEqual([]);
  });
});

describe("a cell's own unit wins over its column's (item 15)", () => {
  test('"2 000 kr" under Eget kapital (tkr) is 2 000 kr; "5 tkr" under (kr) is 5 000 kr', () => {
    const sheets = smallSheets();
    sheets[1].values[0][2] = 'Eget kapital (tkr)';
    sheets[1].values[1][2] = '2 000 kr';
    sheets[1].values[2][2] = '300';
    sheets[1].values[1][1] = '5 tkr';
    sheets[1].values[2][1] = '1 500 SEK';
    const r = readWorkbook(sheets);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.input.federations.map((f) => [f.equity?.toFixed(), f.previousAllocation?.toFixed()])).toEqual([
      ['2000', '5000'],
      ['300000', '1500'],
    ]);
  });

  test('also on Kommuner (Försörjningsmått (tkr)) and for a parameter (Statlig ram (mkr))', () => {
    const sheets = smallSheets();
    sheets[2].values[0][4] = 'Försörjningsmått (tkr)';
    sheets[2].values[1][4] = '300 000 kr';
    sheets[2].values[2][4] = 100;
    sheets[2].values[3][4] = 200;
    sheets[0].values[1] = ['Statlig ram (mkr)', '5 000 000 kr'];
    const r = readWorkbook(sheets);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.input.areas.map((a) => a.supportMeasure.toFixed())).toEqual(['300000', '100000', '200000']);
    expect(r.input.parameters.budget.toFixed()).toBe('5000000');
  });
});

test("docs/decisions.md says what the reader does with a cell's unit (item 15)", () => {
  const decisions = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'decisions.md'), 'utf8');
  // It used to say that `kr` in a cell is ignored, which would read "2 000 kr" under (tkr) as 2 000 tkr
  expect(decisions).not.toMatch(/`:-` are ignored/);
  expect(decisions).toContain("A unit written in the cell wins over its column's: `2 000 kr`");
  expect(decisions).toContain('`5 tkr` in a `(kr)` column\n  5 000 kr');
});
