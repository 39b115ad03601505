// When the summary goes stale: an edit of an input cell after the run, never the run's own writes.
import { addressColumns, inputSheetNames, isInputEdit } from '../../src/taskpane/stale';
import { initialPaneState, paneReducer } from '../../src/taskpane/state';
import type { PaneAction, PaneState } from '../../src/taskpane/state';
import type { CalculationOutcome } from '../../src/taskpane/controller';
import type { WorkbookLayout } from '../../src/workbook/types';

// Förbund: inputs in A:F (lastInputColumn 5), an output column of an earlier run moved to H (7), a stale copy in J (9)
const layout = {
  federationSheet: {
    name: 'Förbund',
    headerRow: 0,
    dataRows: [1, 2],
    lastInputColumn: 8,
    existingOutputColumns: { 'Idealfördelning (kr)': 7, Varningar: 12 },
    duplicateOutputColumns: [3],
    rowCount: 3,
  },
  municipalitySheet: { name: 'kommuner', headerRow: 0, dataRows: [1] },
  parameterSheet: { name: 'Parametrar', headerRow: 0, valueColumn: 1 },
  existingOutputSheets: {},
} as unknown as WorkbookLayout;

const edit = (sheet: string, address: string, byThisAddin = false) => isInputEdit(layout, { sheet, address, byThisAddin });

describe('isInputEdit', () => {
  test('the input sheets as spelled in the workbook', () => {
    expect(inputSheetNames(layout)).toEqual(['Parametrar', 'Förbund', 'kommuner']);
  });

  test('columns of an address: one cell, a range, whole columns, sheet-qualified; rows alone are none', () => {
    expect(addressColumns('C5')).toEqual({ first: 2, last: 2 });
    expect(addressColumns('$F$2:$B9')).toEqual({ first: 1, last: 5 });
    expect(addressColumns('Förbund!AA:AB')).toEqual({ first: 26, last: 27 });
    expect(addressColumns('5:7')).toBeUndefined();
  });

  test('a person’s edit of Parametrar, Kommuner or an input column of Förbund makes the summary stale', () => {
    expect(edit('Parametrar', 'B2')).toBe(true);
    expect(edit('Kommuner', 'C7')).toBe(true);
    expect(edit('Förbund', 'B3')).toBe(true);
    expect(edit('Förbund', 'I2')).toBe(true); // the last input column, left of the appended outputs
    expect(edit('Förbund', 'G2:H2')).toBe(true); // G is an input column
    expect(edit('Förbund', '3:3')).toBe(true); // a whole row
  });

  test('the run’s own writes do not: its output columns, whether Excel says who wrote or not', () => {
    expect(edit('Förbund', 'H1:H3')).toBe(false); // an existing output column
    expect(edit('Förbund', 'M2')).toBe(false);
    expect(edit('Förbund', 'D2')).toBe(false); // a stale copy the run clears
    expect(edit('Förbund', 'J1:R3')).toBe(false); // appended after the inputs
    expect(edit('Förbund', 'B2', true)).toBe(false); // triggerSource ThisLocalAddin
    expect(edit('Kommunbidrag', 'A1:F9')).toBe(false); // not an input sheet
  });
});

describe('paneReducer: inputsEdited', () => {
  const written = { ok: true, layout, summary: {}, result: { federations: [] } } as unknown as CalculationOutcome;
  const run = (state: PaneState, ...actions: PaneAction[]) => actions.reduce(paneReducer, state);

  test('marks a summary shown stale, naming the first cell edited; a new run clears it', () => {
    let s = run(initialPaneState(), { type: 'calculated', outcome: written });
    expect(s.outcomeStale).toBe(false);
    s = run(s, { type: 'inputsEdited', address: 'Förbund!B3' }, { type: 'inputsEdited', address: 'Kommuner!C2' });
    expect([s.outcomeStale, s.staleEdit]).toEqual([true, 'Förbund!B3']);
    s = run(s, { type: 'calculationStarted' }, { type: 'calculated', outcome: written });
    expect([s.outcomeStale, s.staleEdit]).toEqual([false, undefined]);
  });

  test('without a summary shown (problems, nothing run) nothing goes stale', () => {
    const problems = { ok: false, problems: [], sheetNames: [] } as CalculationOutcome;
    expect(run(initialPaneState(), { type: 'inputsEdited', address: 'Förbund!B3' }).outcomeStale).toBe(false);
    expect(
      run(initialPaneState(), { type: 'calculated', outcome: problems }, { type: 'inputsEdited', address: 'Förbund!B3' })
        .outcomeStale,
    ).toBe(false);
  });
});
