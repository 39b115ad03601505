import Decimal from 'decimal.js';
import fc from 'fast-check';
import { runAllocation } from '../../src/workbook/run';
import { readWorkbook } from '../../src/workbook/read';
import { applyPlanToSheets, sheetOutputToValues } from '../../src/workbook/apply';
import { DATETIME_FORMAT, excelDateTime, LAMBDA_MEANING_FORMAT, removeOutputPlan, splitBasisText } from '../../src/workbook/plan';
import { formatProblem } from '../../src/workbook/format';
import { inputFingerprint } from '../../src/workbook/fingerprint';
import {
  CHANGE_MONEY_FORMAT,
  CHANGE_SHARE_FORMAT,
  FEDERATION_OUTPUT_HEADERS,
  MONEY_FORMAT,
  SHARE_FORMAT,
  TEXT_FORMAT,
} from '../../src/workbook/types';
import type { CellValue, SheetValues } from '../../src/workbook/types';
import { cloneSheets, setCell, sheetByName, smallSheets, trimGrid, WORKED_EXAMPLE_OUTPUT, workedExampleSheets } from './fixtures';

const TIME = new Date(2025, 2, 14, 9, 30, 5);

function run(sheets: SheetValues[], timestamp = TIME) {
  const r = runAllocation(sheets, { timestamp });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r;
}

/** Runs and applies the plan: the workbook after the run. */
function runAndApply(sheets: SheetValues[]) {
  const r = run(sheets);
  return { run: r, after: applyPlanToSheets(sheets, r.plan) };
}

/** The output block of Förbund as objects keyed by header, one per federation row. */
function outputRows(after: SheetValues[], headerRow: number, names: string[]) {
  const fed = sheetByName(after, 'Förbund').values;
  const header = fed[headerRow];
  const col = (h: string) => header.indexOf(h);
  return names.map((name) => {
    const row = fed.find((r) => r[0] === name)!;
    return Object.fromEntries(FEDERATION_OUTPUT_HEADERS.map((h) => [h, row[col(h)]]));
  });
}

function codes(warnings: CellValue): string[] {
  return String(warnings)
    .split('; ')
    .filter(Boolean)
    .map((w) => w.split(':')[0])
    .sort();
}

describe('the worked example end to end', () => {
  const { run: r, after } = runAndApply(workedExampleSheets());
  const names = Object.keys(WORKED_EXAMPLE_OUTPUT);

  test('the Förbund output block holds the spec’s numbers', () => {
    const rows = outputRows(after, 1, names);
    names.forEach((name, i) => {
      const e = WORKED_EXAMPLE_OUTPUT[name];
      const row = rows[i];
      expect([
        row['Idealfördelning (kr)'],
        row['Efter spärr (kr)'],
        row['Matchad tilldelning (kr)'],
        row['Ytterligare medel (kr)'],
        row['Slutlig tilldelning (kr)'],
        row['Kommunernas andel (kr)'],
        row['Regionens andel (kr)'],
        row['Rimligt eget kapital (kr)'],
      ]).toEqual([e.ideal, e.afterFloor, e.matched, e.extra, e.final, e.municipal, e.final - e.municipal, e.reasonable]);
      expect(codes(row.Varningar)).toEqual([...e.codes].sort());
    });
  });

  test('warnings are written as "CODE: text; CODE: text"', () => {
    const soderby = outputRows(after, 1, ['Söderby'])[0].Varningar as string;
    expect(soderby).toMatch(/^MATCHNING: [^;]+; MINSKNING: [^;]+$/);
    expect(outputRows(after, 1, ['Norrby'])[0].Varningar).toBe('');
  });

  test('summary and Körlogg: Överskott, Ej fördelat 788 957 kr, totals add up to the budget', () => {
    expect(r.plan.summary).toMatchObject({
      scenario: 'Överskott',
      budget: 9000000,
      totalFinal: 8211043,
      undistributed: 788957,
      appliedMaxDecrease: 0.1,
      federationCount: 4,
      municipalityCount: 6,
      warningCounts: { MATCHNING: 1, MINSKNING: 1, DELÅR: 1, EK_SAKNAS: 1, NY: 1 },
    });
    expect(r.plan.summary.lines).toEqual([
      'Scenario: Överskott',
      'Statlig ram: 9 000 000 kr',
      'Summa slutlig tilldelning: 8 211 043 kr',
      'Ej fördelat: 788 957 kr',
      'Tillämpad spärr: 10 %',
      'Förbund: 4, kommuner: 6',
      'Varningar: EK_SAKNAS 1, MATCHNING 1, NY 1, DELÅR 1, MINSKNING 1',
    ]);
    const log = Object.fromEntries(
      sheetByName(after, 'Körlogg')
        .values.slice(1)
        .map(([k, v]) => [k, v]),
    );
    expect(sheetByName(after, 'Körlogg').values[0]).toEqual(['Uppgift', 'Värde']);
    // Körlogg: labels and text values as text (a timestamp or a fingerprint of digits would otherwise be
    // parsed by Excel), numbers in their own formats
    const logSheet = r.plan.sheets[r.plan.sheets.length - 1];
    const formatOf = (label: string) => logSheet.numberFormats![logSheet.values.findIndex((row) => row[0] === label)];
    expect(logSheet.numberFormats![0]).toEqual([TEXT_FORMAT, TEXT_FORMAT]);
    for (const label of ['Program', 'Scenario', 'Fingeravtryck']) expect(formatOf(label)).toEqual([TEXT_FORMAT, TEXT_FORMAT]);
    // issue 14: Tidpunkt is a date-time cell, T/P/S in the money format, λ a number with its meaning
    expect(formatOf('Tidpunkt')).toEqual([TEXT_FORMAT, DATETIME_FORMAT]);
    expect(formatOf('Pott T (kr)')).toEqual([TEXT_FORMAT, MONEY_FORMAT]);
    expect(formatOf('λ (andel av behovsdelen)')).toEqual([TEXT_FORMAT, LAMBDA_MEANING_FORMAT]);
    expect(formatOf('Statlig ram (kr)')).toEqual([TEXT_FORMAT, MONEY_FORMAT]);
    expect(formatOf('Tillämpad spärr')).toEqual([TEXT_FORMAT, SHARE_FORMAT]);
    expect(formatOf('Antal förbund')).toEqual([TEXT_FORMAT, '0']);
    logSheet.values.forEach((row, i) =>
      row.forEach((v, j) => expect(logSheet.numberFormats![i][j] === TEXT_FORMAT).toBe(typeof v === 'string' && v !== '')),
    );
    expect(log).toMatchObject({
      Tidpunkt: excelDateTime(TIME),
      'Statlig ram (kr)': 9000000,
      'Summa slutlig tilldelning (kr)': 8211043,
      'Ej fördelat (kr)': 788957,
      Scenario: 'Överskott',
      'Tillämpad spärr': 0.1,
      'Antal förbund': 4,
      'Antal kommuner': 6,
      'λ (andel av behovsdelen)': 1,
      'Pott T (kr)': 8469547.53,
      'Varningar MATCHNING': 1,
      'Varningar SPÄRR': 0,
      Fingeravtryck: inputFingerprint(r.input),
    });
    expect(log.Fingeravtryck).toMatch(/^[0-9a-f]{64}$/);
    expect((log['Summa slutlig tilldelning (kr)'] as number) + (log['Ej fördelat (kr)'] as number)).toBe(9000000);
  });

  test('Kommunbidrag says what was done when a split fell back to equal shares', () => {
    expect(splitBasisText({ method: 'forsorjningsstod', equalFallback: false })).toBe('Försörjningsstöd');
    expect(splitBasisText({ method: 'forsorjningsstod', equalFallback: true })).toBe('Lika (inga försörjningsstödstagare)');
    expect(splitBasisText({ method: 'invanare', equalFallback: true })).toBe('Lika (inga invånare)');
    expect(splitBasisText({ method: 'lika', equalFallback: false })).toBe('Lika');
  });

  test('Kommunbidrag: one row per municipality and federation; the LR split sums to Kommunernas andel', () => {
    const kb = sheetByName(after, 'Kommunbidrag').values;
    expect(kb[0].slice(0, 6)).toEqual(['Förbund', 'Kommun', 'Fördelningsgrund', 'Fördelningstal', 'Andel', 'Bidrag (kr)']);
    const rows = kb.slice(1, 7);
    expect(rows.map((x) => [x[0], x[1], x[2]])).toEqual([
      ['Norrby', 'Norrby', 'Invånare'],
      ['Söderby', 'Söderby', 'Invånare'],
      ['Söderby', 'Åby', 'Invånare'],
      ['Österby', 'Österby', 'Invånare'],
      ['Västerby', 'Västerby', 'Invånare'],
      ['Västerby', 'Lillby', 'Invånare'],
    ]);
    // Söderby 30 000 : 9 000 of 900 000 → 692 307,69… and 207 692,30… → LR 692 308 + 207 692
    expect(rows[1][5]).toBe(692308);
    expect(rows[2][5]).toBe(207692);
    expect(rows[1][4]).toBeCloseTo(30000 / 39000, 12);
    // the basis beside the share: inhabitants 16–64
    expect(rows[1][3]).toBe(30000);
    for (const name of names) {
      const sum = rows.filter((x) => x[0] === name).reduce((s, x) => s + (x[5] as number), 0);
      expect(sum).toBe(WORKED_EXAMPLE_OUTPUT[name].municipal);
    }
    expect(kb[7].slice(0, 6)).toEqual(['', '', '', '', '', '']);
    expect(kb[8].slice(0, 6)).toEqual(['Summa', '', '', '', '', 1320658 + 900000 + 1204411 + 680453]);
    const sheet = r.plan.sheets[0];
    // names and the split method as text (Excel would parse "1-2" as a date), amounts and shares formatted
    expect(sheet.numberFormats![0].slice(0, 6)).toEqual(Array(6).fill(TEXT_FORMAT));
    expect(sheet.numberFormats![1].slice(0, 6)).toEqual([
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      MONEY_FORMAT,
      SHARE_FORMAT,
      MONEY_FORMAT,
    ]);
    expect(sheet.numberFormats![7].slice(0, 6)).toEqual(Array(6).fill(null));
    expect(sheet.numberFormats![8].slice(0, 6)).toEqual([TEXT_FORMAT, null, null, null, null, MONEY_FORMAT]);
    // the Summa rows of the three tables (per region: row 6)
    expect(sheet.boldRows).toEqual([0, 6, 8]);
  });

  test('the plan: one block after the last input column, headers in spec order, formats, highlight', () => {
    const { plan } = r;
    expect(plan.clear).toEqual([]);
    expect(plan.blocks).toHaveLength(1);
    const block = plan.blocks[0];
    expect(block).toMatchObject({ sheet: 'Förbund', row: 1, column: 8, boldFirstRow: true });
    expect(block.values[0]).toEqual([...FEDERATION_OUTPUT_HEADERS]);
    expect(block.values).toHaveLength(5);
    expect(block.numberFormats![1]).toEqual([
      ...Array(8).fill(MONEY_FORMAT),
      TEXT_FORMAT,
      CHANGE_MONEY_FORMAT,
      CHANGE_SHARE_FORMAT,
    ]);
    expect(block.numberFormats![0]).toEqual(Array(11).fill(TEXT_FORMAT));
    for (const row of block.values.slice(1)) for (const v of row.slice(0, 8)) expect(Number.isSafeInteger(v)).toBe(true);
    // issue 14: only rows with an action warning (Söderby: MATCHNING, MINSKNING), not Västerby (NY, DELÅR, EK_SAKNAS)
    expect(plan.highlight).toEqual({ sheet: 'Förbund', rows: [3], firstColumn: 8, lastColumn: 18, color: '#FFF2CC' });
    expect(plan.sheets.map((s) => s.name)).toEqual(['Kommunbidrag', 'Underlag', 'Diagram', 'Körlogg']);
  });

  test('input cells are unchanged by the run', () => {
    const before = workedExampleSheets();
    for (const name of ['Parametrar', 'Kommuner'])
      expect(sheetByName(after, name).values).toEqual(sheetByName(before, name).values);
    const fedBefore = sheetByName(before, 'Förbund').values;
    const fedAfter = sheetByName(after, 'Förbund').values;
    fedBefore.forEach((row, i) => row.forEach((v, j) => expect(fedAfter[i][j]).toEqual(v)));
    expect(fedAfter[0].slice(8).every((v) => v === '' || v === undefined)).toBe(true);
  });
});

describe('reruns replace only their own output', () => {
  test('a rerun on its own output writes the same cells: no new columns, same values, inputs unchanged', () => {
    const first = runAndApply(workedExampleSheets());
    const second = run(first.after, new Date(2025, 2, 15, 8, 0, 0));
    expect(second.layout.federationSheet.existingOutputColumns).toEqual(
      Object.fromEntries(FEDERATION_OUTPUT_HEADERS.map((h, i) => [h, 8 + i])),
    );
    expect(second.plan.blocks.map((b) => [b.row, b.column, b.values[0].length])).toEqual([[1, 8, 11]]);
    expect(second.plan.blocks[0].values).toEqual(first.run.plan.blocks[0].values);
    expect(second.plan.clear).toEqual(
      FEDERATION_OUTPUT_HEADERS.map((_, i) => ({ sheet: 'Förbund', row: 1, column: 8 + i, rowCount: 5, columnCount: 1 })),
    );
    const again = applyPlanToSheets(first.after, second.plan);
    expect(trimGrid(sheetByName(again, 'Förbund').values)).toEqual(trimGrid(sheetByName(first.after, 'Förbund').values));
    expect(sheetByName(again, 'Förbund').values[1].filter((v) => v === 'Varningar')).toHaveLength(1);
    expect(again.map((s) => s.name)).toEqual([
      'Parametrar',
      'Förbund',
      'Kommuner',
      'Kommunbidrag',
      'Underlag',
      'Diagram',
      'Körlogg',
    ]);
    expect(sheetByName(again, 'Kommunbidrag').values).toEqual(sheetByName(first.after, 'Kommunbidrag').values);
    // only the time differs in Körlogg
    const diff = sheetByName(again, 'Körlogg').values.filter(
      (row, i) => JSON.stringify(row) !== JSON.stringify(sheetByName(first.after, 'Körlogg').values[i]),
    );
    expect(diff).toEqual([['Tidpunkt', excelDateTime(new Date(2025, 2, 15, 8, 0, 0))]]);
  });

  test('stale output of a federation that was removed is cleared', () => {
    const first = runAndApply(workedExampleSheets()).after;
    // remove Österby: blank its input cells on Förbund and its area row on Kommuner
    const changed = cloneSheets(first);
    const fed = sheetByName(changed, 'Förbund').values;
    for (let c = 0; c < 8; c++) fed[4][c] = '';
    sheetByName(changed, 'Kommuner').values.splice(4, 1);
    const second = run(changed);
    const after = applyPlanToSheets(changed, second.plan);
    const row = sheetByName(after, 'Förbund').values[4];
    expect(row.every((v) => v === '')).toBe(true);
    expect(second.plan.highlight.rows).toEqual([3]);
  });

  test('output columns moved or deleted by hand: kept where they are, missing ones appended', () => {
    const first = runAndApply(smallSheets()).after;
    const moved = cloneSheets(first);
    const fed = sheetByName(moved, 'Förbund').values;
    // delete the Varningar column and the two after it (the last three), add a comment column after the output
    for (const row of fed) row.splice(15, 3);
    fed[0][15] = 'Kommentar';
    fed[1][15] = 'kontrollerad';
    const second = run(moved);
    expect(second.plan.blocks.map((b) => [b.column, b.values[0]])).toEqual([
      [7, FEDERATION_OUTPUT_HEADERS.slice(0, 8)],
      [16, FEDERATION_OUTPUT_HEADERS.slice(8)],
    ]);
    const after = applyPlanToSheets(moved, second.plan);
    expect(sheetByName(after, 'Förbund').values[1][15]).toBe('kontrollerad');
    expect(sheetByName(after, 'Förbund').values[0].slice(7)).toEqual([
      ...FEDERATION_OUTPUT_HEADERS.slice(0, 8),
      'Kommentar',
      ...FEDERATION_OUTPUT_HEADERS.slice(8),
    ]);
    expect(second.plan.highlight.firstColumn).toBe(7);
    expect(second.plan.highlight.lastColumn).toBe(18);
  });

  // issue 15 item 2: this used to clear the further column silently (the test asserted that); it is
  // the user's (e.g. last year's figures) and is now reported and left as it is.
  test('a further column with an output header is the user’s: reported with its address, never cleared', () => {
    const first = runAndApply(smallSheets()).after;
    const dup = cloneSheets(first);
    setCell(dup, 'Förbund', 0, 19, 'Slutlig tilldelning (kr)');
    setCell(dup, 'Förbund', 1, 19, 42);
    setCell(dup, 'Förbund', 2, 19, 43);
    const second = run(dup);
    expect(second.plan.clear.map((c) => c.column)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(second.plan.blocks.every((b) => b.column + b.values[0].length - 1 < 19)).toBe(true);
    const after = applyPlanToSheets(dup, second.plan);
    expect(sheetByName(after, 'Förbund').values.map((r) => r[19] ?? '')).toEqual(['Slutlig tilldelning (kr)', 42, 43]);
    expect(second.plan.summary.notices).toEqual([
      {
        sheet: 'Förbund',
        row: 1,
        column: 20,
        address: 'Förbund!T1',
        message:
          'kolumnen "Slutlig tilldelning (kr)" har samma rubrik som körningens kolumn L; den räknas som din egen och lämnades orörd',
      },
    ]);
    expect(second.plan.summary.lines[second.plan.summary.lines.length - 1]).toBe(
      'Obs: Förbund!T1: kolumnen "Slutlig tilldelning (kr)" har samma rubrik som körningens kolumn L; den räknas som din egen och lämnades orörd',
    );
    // Ta bort resultat leaves it too, and says so
    const removal = removeOutputPlan(after);
    expect(removal.clear.map((c) => c.column)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(removal.notices?.map((n) => n.address)).toEqual(['Förbund!T1']);
    expect(sheetByName(applyPlanToSheets(after, removal), 'Förbund').values.map((r) => r[19] ?? '')).toEqual([
      'Slutlig tilldelning (kr)',
      42,
      43,
    ]);
  });

  // issue 15 item 1: a total and a note below the table, in output columns, survive a rerun and Ta bort resultat
  test('cells of the user’s below the table in output columns survive a rerun and Ta bort resultat', () => {
    const first = runAndApply(smallSheets()).after;
    const withTotal = cloneSheets(first);
    // smallSheets: header row 0, federations in rows 1–2, output columns H (7) … P (15); Slutlig is L (11)
    setCell(withTotal, 'Förbund', 4, 11, 123456); // the value of =SUMMA(L2:L3)
    withTotal[1].formulaCells = [{ row: 4, column: 11 }];
    setCell(withTotal, 'Förbund', 5, 15, 'Kontrollerad av AB');
    setCell(withTotal, 'Förbund', 4, 12, 'Summa');
    const second = run(withTotal);
    expect(second.plan.clear.map((c) => [c.row, c.rowCount])).toEqual(FEDERATION_OUTPUT_HEADERS.map(() => [0, 3]));
    const after = applyPlanToSheets(withTotal, second.plan);
    const fed = sheetByName(after, 'Förbund').values;
    expect([fed[4][11], fed[4][12], fed[5][15]]).toEqual([123456, 'Summa', 'Kontrollerad av AB']);
    const removed = applyPlanToSheets(after, removeOutputPlan(after));
    const left = sheetByName(removed, 'Förbund').values;
    expect([left[4][11], left[4][12], left[5][15]]).toEqual([123456, 'Summa', 'Kontrollerad av AB']);
    expect(left[0].slice(7, 16).every((v) => v === '')).toBe(true);
    expect(left[1].slice(7, 16).every((v) => v === '')).toBe(true);
    // a total row with a number in every money column, but formulas (a host that knows them): kept too
    const allTotals = cloneSheets(after);
    for (let c = 7; c <= 14; c++) setCell(allTotals, 'Förbund', 4, c, 1000 + c);
    allTotals[1].formulaCells = Array.from({ length: 8 }, (_, k) => ({ row: 4, column: 7 + k }));
    const kept = sheetByName(applyPlanToSheets(allTotals, removeOutputPlan(allTotals)), 'Förbund').values;
    expect(kept[4].slice(7, 15)).toEqual(Array.from({ length: 8 }, (_, k) => 1007 + k));
  });

  test('rows that are neither the header nor a federation are left alone (null), on a first run and a rerun', () => {
    const sheets = smallSheets();
    // a blank row between the federations and a footnote below them, in a note column, merged across where the output goes
    sheets[1].values.splice(2, 0, []);
    setCell(sheets, 'Förbund', 5, 7, 'Källa: årsredovisningar 2025');
    sheets[1].merges = [{ row: 5, column: 7, rowCount: 1, columnCount: 10 }];
    const first = run(sheets);
    const block = first.plan.blocks[0];
    expect(block.column).toBe(8);
    expect(block.values.map((row) => row.every((v) => v === null))).toEqual([false, false, true, false, true, true]);
    expect(block.numberFormats!.slice(3).map((row) => row.every((f) => f === null))).toEqual([false, true, true]);
    const after = applyPlanToSheets(sheets, first.plan);
    expect(sheetByName(after, 'Förbund').values[5][7]).toBe('Källa: årsredovisningar 2025');
    // The rerun clears its own cells (issue 15: no longer the whole column from the header row down):
    // the header and federation rows 0–1 and 3, not the blank row 2 or the footnote's row 5
    const second = run(after);
    expect(second.plan.clear.map((c) => [c.row, c.rowCount])).toEqual(
      FEDERATION_OUTPUT_HEADERS.flatMap(() => [
        [0, 2],
        [3, 1],
      ]),
    );
    expect(second.plan.blocks[0].values).toEqual(block.values);
    expect(trimGrid(sheetByName(applyPlanToSheets(after, second.plan), 'Förbund').values)).toEqual(
      trimGrid(sheetByName(after, 'Förbund').values),
    );
  });

  test('a headerless note right of the inputs is never overwritten on the first run', () => {
    const sheets = smallSheets();
    setCell(sheets, 'Förbund', 2, 8, 'ring Anna');
    const r = run(sheets);
    expect(r.plan.blocks[0].column).toBe(9);
  });

  test('existing output sheets keep their spelling and are replaced whole', () => {
    const sheets = smallSheets();
    sheets.push({ name: 'kommunbidrag', values: [['gammalt'], ['x', 'y', 'z', 'w', 'v', 'u']] });
    const r = run(sheets);
    expect(r.plan.sheets.map((s) => s.name)).toEqual(['kommunbidrag', 'Underlag', 'Diagram', 'Körlogg']);
    const after = applyPlanToSheets(sheets, r.plan);
    expect(after.map((s) => s.name)).toEqual([
      'Parametrar',
      'Förbund',
      'Kommuner',
      'kommunbidrag',
      'Underlag',
      'Diagram',
      'Körlogg',
    ]);
    expect(sheetByName(after, 'kommunbidrag').values[0][0]).toBe('Förbund');
  });

  test('removeOutputPlan removes exactly the output and nothing else', () => {
    const original = workedExampleSheets();
    const after = runAndApply(original).after;
    const removal = removeOutputPlan(after);
    expect(removal.deleteSheets).toEqual(['Kommunbidrag', 'Körlogg', 'Diagram', 'Underlag']);
    expect(removal.clear).toEqual(
      FEDERATION_OUTPUT_HEADERS.map((_, i) => ({ sheet: 'Förbund', row: 1, column: 8 + i, rowCount: 5, columnCount: 1 })),
    );
    const cleaned = applyPlanToSheets(after, removal);
    expect(cleaned.map((s) => ({ name: s.name, values: trimGrid(s.values) }))).toEqual(
      original.map((s) => ({ name: s.name, values: trimGrid(s.values) })),
    );
    // nothing to remove on a fresh workbook
    expect(removeOutputPlan(original)).toEqual({ clear: [], deleteSheets: [] });
    expect(removeOutputPlan([])).toEqual({ clear: [], deleteSheets: [] });
  });
});

describe('properties over generated workbooks', () => {
  const workbook = fc
    .record({
      feds: fc.array(
        fc.record({
          prev: fc.option(fc.integer({ min: 100000, max: 5000000 }), { nil: undefined }),
          equity: fc.option(fc.integer({ min: 0, max: 3000000 }), { nil: undefined }),
          k: fc.option(fc.integer({ min: 0, max: 3000000 }), { nil: undefined }),
          request: fc.option(fc.integer({ min: 0, max: 1000000 }), { nil: undefined }),
          months: fc.integer({ min: 1, max: 12 }),
          split: fc.constantFrom('Lika', 'Invånare', 'Försörjningsstöd', ''),
          areas: fc.array(
            fc.record({
              pop: fc.integer({ min: 1, max: 100000 }),
              fm: fc.integer({ min: 1, max: 5000000 }),
              fs: fc.integer({ min: 0, max: 3000 }),
            }),
            {
              minLength: 1,
              maxLength: 4,
            },
          ),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      extraBudget: fc.integer({ min: 0, max: 40000000 }),
      asText: fc.boolean(),
    })
    .map(({ feds, extraBudget, asText }) => {
      const cell = (n: number | undefined): CellValue =>
        n === undefined ? '' : asText ? `${n.toLocaleString('sv-SE')} kr`.replace(/\u00a0/g, ' ') : n;
      const sheets: SheetValues[] = [
        {
          name: 'Parametrar',
          values: [
            ['Parameter', 'Värde'],
            ['Statlig ram (kr)', feds.length * 400000 + extraBudget],
          ],
        },
        {
          name: 'Förbund',
          values: [
            [
              'Förbund',
              'Statlig tilldelning föregående år (kr)',
              'Eget kapital (kr)',
              'Kommunernas möjliga bidrag (kr)',
              'Ansökan ytterligare medel (kr)',
              'Verksamhetsmånader',
              'Fördelning mellan kommuner',
            ],
            ...feds.map((f, i) => [
              `Förbund ${i + 1}`,
              cell(f.prev),
              cell(f.equity),
              cell(f.k),
              cell(f.request),
              f.months,
              f.split,
            ]),
          ],
        },
        {
          name: 'Kommuner',
          values: [
            ['Förbund', 'Kommun', 'Invånare 16–64', 'Försörjningsmått', 'Försörjningsstödstagare'],
            ...feds.flatMap((f, i) => f.areas.map((a, j) => [`Förbund ${i + 1}`, `Kommun ${i + 1}.${j + 1}`, a.pop, a.fm, a.fs])),
          ],
        },
      ];
      return sheets;
    });

  test('Kommunbidrag sums to Kommunernas andel per federation; totals add up; a rerun is identical', () => {
    fc.assert(
      fc.property(workbook, (sheets) => {
        const first = runAllocation(sheets, { timestamp: TIME });
        if (!first.ok) throw new Error(first.problems.map(formatProblem).join('\n'));
        const after = applyPlanToSheets(sheets, first.plan);
        const fed = sheetByName(after, 'Förbund').values;
        const header = fed[0];
        const at = (h: string) => header.indexOf(h);
        const kb = sheetByName(after, 'Kommunbidrag').values;
        let totalFinal = 0;
        for (const row of fed.slice(1)) {
          const municipal = row[at('Kommunernas andel (kr)')] as number;
          const final = row[at('Slutlig tilldelning (kr)')] as number;
          expect(municipal + (row[at('Regionens andel (kr)')] as number)).toBe(final);
          expect((row[at('Matchad tilldelning (kr)')] as number) + (row[at('Ytterligare medel (kr)')] as number)).toBe(final);
          const contributions = kb.filter((k) => k[0] === row[0]);
          expect(contributions.reduce((s, k) => s + (k[5] as number), 0)).toBe(municipal);
          expect(contributions.reduce((s, k) => s.plus(new Decimal(String(k[4]))), new Decimal(0)).toNumber()).toBeCloseTo(1, 9);
          totalFinal += final;
        }
        expect(totalFinal + first.plan.summary.undistributed).toBe(first.plan.summary.budget);
        const second = runAllocation(after, { timestamp: TIME });
        if (!second.ok) throw new Error('rerun failed');
        const again = applyPlanToSheets(after, second.plan);
        expect(again.map((s) => trimGrid(s.values))).toEqual(after.map((s) => trimGrid(s.values)));
      }),
      { numRuns: 60 },
    );
  });

  test('the input read back from the written workbook is the same (fingerprint unchanged)', () => {
    fc.assert(
      fc.property(workbook, (sheets) => {
        const first = run(sheets);
        const after = applyPlanToSheets(sheets, first.plan);
        const reread = readWorkbook(after);
        expect(reread.ok && inputFingerprint(reread.input)).toBe(inputFingerprint(first.input));
      }),
      { numRuns: 40 },
    );
  });
});

describe('applyPlanToSheets', () => {
  const base: SheetValues[] = [
    { name: 'A', values: [['a', 'b'], ['c']] },
    { name: 'B', values: [['x']] },
  ];

  test('clear, blocks (null leaves a cell), sheets replaced in place or appended, sheets deleted', () => {
    const out = applyPlanToSheets(base, {
      clear: [{ sheet: 'A', row: 0, column: 1, rowCount: 5, columnCount: 3 }],
      blocks: [
        {
          sheet: 'a',
          row: 1,
          column: 1,
          values: [
            [1, null, 3],
            ['', 'z', null],
          ],
        },
      ],
      sheets: [
        { name: 'B', values: [['ny']] },
        { name: 'C', values: [['c1']] },
      ],
      deleteSheets: [],
    });
    expect(out).toEqual([
      {
        name: 'A',
        values: [
          ['a', ''],
          ['c', 1, '', 3],
          ['', '', 'z'],
        ],
      },
      { name: 'B', values: [['ny']] },
      { name: 'C', values: [['c1']] },
    ]);
    expect(base[0].values).toEqual([['a', 'b'], ['c']]);
    expect(applyPlanToSheets(out, { deleteSheets: ['b', 'C'] }).map((s) => s.name)).toEqual(['A']);
  });

  test('an unknown sheet in a block is an error', () => {
    expect(() => applyPlanToSheets(base, { blocks: [{ sheet: 'Nope', row: 0, column: 0, values: [[1]] }] })).toThrow(
      'Bladet "Nope" finns inte',
    );
  });

  test('sheetOutputToValues copies the values', () => {
    const s = { name: 'X', values: [[1, 2]], numberFormats: [[null, MONEY_FORMAT]] };
    const v = sheetOutputToValues(s);
    expect(v).toEqual({ name: 'X', values: [[1, 2]] });
    v.values[0][0] = 9;
    expect(s.values[0][0]).toBe(1);
  });
});
