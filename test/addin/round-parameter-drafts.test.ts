// Omgång and Beslut as fields of the pane's Parametrar form (round.md §7): located on the sheet or on a
// suggested row, checked by the reader's own round choice, written as text; and the plan applied to
// sheets with their number formats (the pane's rollover file).
import { applyPlanToSheets } from '../../src/workbook/apply';
import { locateTextParameters } from '../../src/workbook/parameter-form';
import {
  changedParameters,
  decisionLabels,
  formFields,
  textBlocks,
  validateTextDrafts,
} from '../../src/taskpane/parameter-drafts';
import { decisionSheet, LABEL, laterRoundSheets, parameters } from '../fixtures/later-round-sheets';
import { areaSheet, federationSheet } from '../fixtures/later-round-sheets';

describe('Omgång and Beslut in the form', () => {
  test('rows on the sheet are found; missing rows go below the model parameters’ suggested rows', () => {
    const onSheet = locateTextParameters(laterRoundSheets());
    expect(onSheet.map((p) => [p.key, p.address, p.value, p.present])).toEqual([
      ['round', 'Parametrar!B4', 'Ytterligare medel', true],
      ['decision', 'Parametrar!B5', LABEL, true],
    ]);
    // Parametrar with År and Statlig ram only: the model's 11 other rows are suggested at rows 4–14
    const missing = locateTextParameters(laterRoundSheets([]));
    expect(missing.map((p) => [p.address, p.value, p.present])).toEqual([
      ['Parametrar!B15', '', false],
      ['Parametrar!B16', '', false],
    ]);
    // a missing row is written with its label, as text
    expect(textBlocks(missing, { round: 'Ytterligare medel', decision: '2026-11-07' })).toEqual([
      { sheet: 'Parametrar', row: 14, column: 0, values: [['Omgång', 'Ytterligare medel']], numberFormats: [[null, '@']] },
      { sheet: 'Parametrar', row: 15, column: 0, values: [['Beslut', '2026-11-07']], numberFormats: [[null, '@']] },
    ]);
  });

  test('the reader’s rules: a later round needs a decision; Beslut must be a label on Beslut', () => {
    const sheets = laterRoundSheets([]);
    const { text } = formFields(sheets);
    expect(decisionLabels(sheets)).toEqual([LABEL]);
    expect(validateTextDrafts(sheets, text, { round: 'Ytterligare medel', decision: LABEL })).toEqual({});
    expect(validateTextDrafts(sheets, text, { round: 'Ytterligare medel', decision: '' })).toEqual({});
    const unknown = validateTextDrafts(sheets, text, { round: 'Ytterligare medel', decision: 'Beslut 1999' });
    expect(Object.keys(unknown)).toEqual(['decision']);
    expect(unknown.decision).toMatch(/Beslut 1999/);
    // an ordinary round does not read Beslut
    expect(validateTextDrafts(sheets, text, { round: 'Ordinarie', decision: 'Beslut 1999' })).toEqual({});
    expect(validateTextDrafts(sheets, text, { round: 'Senare', decision: '' })).toEqual({
      round: 'Omgång ska vara "Ordinarie" eller "Ytterligare medel" (nu "Senare")',
    });
    const none = [parameters([]), federationSheet(true), areaSheet()];
    expect(validateTextDrafts(none, formFields(none).text, { round: 'Ytterligare medel' })).toEqual({
      round: 'Omgång är Ytterligare medel men det finns inget beslut på bladet Beslut; fastställ först ett beslut',
    });
  });

  test('unsaved edits count the text fields too; an edit back to the sheet’s value is no change', () => {
    const sheets = laterRoundSheets();
    expect(changedParameters(sheets, { round: 'Ordinarie', budget: '11 000 000' })).toEqual(['budget', 'round']);
    expect(changedParameters(sheets, { round: 'Ytterligare medel', decision: LABEL })).toEqual([]);
  });
});

describe('applyPlanToSheets with number formats', () => {
  test('carries the sheets’ formats and sets a block’s where it gives one; values only without the option', () => {
    const sheets = [
      {
        ...decisionSheet(),
        numberFormats: [
          [null, null, '@'],
          [null, null, '# ##0'],
        ],
      },
    ];
    const plan = {
      clear: [{ sheet: 'Beslut', row: 0, column: 2, rowCount: 1, columnCount: 1 }],
      blocks: [{ sheet: 'Beslut', row: 1, column: 2, values: [[5], [null]], numberFormats: [['0.00'], ['0%']] }],
    };
    const out = applyPlanToSheets(sheets, plan, { numberFormats: true });
    expect(out[0].values[0][2]).toBe('');
    expect(out[0].values[1][2]).toBe(5);
    // cleared cell keeps its format; a null value leaves the cell and its format
    expect(out[0].numberFormats).toEqual([
      [null, null, '@'],
      [null, null, '0.00'],
    ]);
    expect(applyPlanToSheets(sheets, plan)[0].numberFormats).toBeUndefined();
    expect(sheets[0].numberFormats[1][2]).toBe('# ##0');
  });
});
