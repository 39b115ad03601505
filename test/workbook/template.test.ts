import Decimal from 'decimal.js';
import { templateSheets, VO_VALUES } from '../../src/workbook/template';
import { readWorkbook } from '../../src/workbook/read';
import { runAllocation } from '../../src/workbook/run';
import { applyPlanToSheets, sheetOutputToValues } from '../../src/workbook/apply';
import { locateParameters, parameterWrite } from '../../src/workbook/parameter-form';
import { MODEL_PARAMETER_DEFINITIONS } from '../../src/workbook/parameters';
import { formatProblem } from '../../src/workbook/format';
import { DEFAULT_PARAMETERS } from '../../src/engine';
import { MONEY_FORMAT, SHARE_FORMAT } from '../../src/workbook/types';
import type { SheetValues } from '../../src/workbook/types';
import { setCell, sheetByName, smallSheets, WORKED_EXAMPLE_OUTPUT } from './fixtures';

describe('templateSheets', () => {
  const template = templateSheets();

  test('sheets, headers and defaults', () => {
    expect(template.map((s) => s.name)).toEqual(['Instruktioner', 'Parametrar', 'Förbund', 'Kommuner']);
    const params = template[1];
    expect(params.headerRow).toBe(2);
    expect(params.values[2]).toEqual(['Parameter', 'Värde', 'Förklaring']);
    expect(params.values.slice(3).map((r) => [r[0], r[1]])).toEqual([
      ['År', ''],
      ['Statlig ram (kr)', ''],
      ['Grundtilldelning (kr)', 400000],
      ['Vikt försörjningsmått', 0.75],
      ['Vikt invånare 16–64', 0.25],
      ['Maximal minskning', 0.1],
      ['Trappan gräns 1 (kr)', 7000000],
      ['Trappan gräns 2 (kr)', 15000000],
      ['Trappan andel 1', 0.2],
      ['Trappan andel 2', 0.15],
      ['Trappan andel 3', 0.1],
      ['Tak riktade medel (kr)', 500000],
      ['Riktade medel (kr)', ''],
      // the round's text parameters (issue 11): an ordinary round, no decision named
      ['Omgång', 'Ordinarie'],
      ['Beslut', ''],
    ]);
    expect(params.numberFormats![5][1]).toBe(MONEY_FORMAT);
    expect(params.numberFormats![6][1]).toBe(SHARE_FORMAT);
    expect(template[2].values[2]).toEqual([
      'Förbund',
      'VO',
      'Region',
      'Statlig tilldelning föregående år (kr)',
      'Eget kapital (kr)',
      'Totala medel föregående år (kr)',
      'Kommunernas möjliga bidrag (kr)',
      'Regionens möjliga bidrag (kr)',
      'Ansökan ytterligare medel (kr)',
      'Återlämnade medel (kr)',
      'Verksamhetsmånader',
      'Fördelning mellan kommuner',
    ]);
    expect(template[3].values[2]).toEqual([
      'Förbund',
      'Kommun',
      'Område',
      'Invånare 16–64',
      'Försörjningsmått',
      'Försörjningsstödstagare',
    ]);
    for (const s of template) {
      if (s.numberFormats) {
        expect(s.numberFormats.map((r) => r.length)).toEqual(s.values.map((r) => r.length));
      }
    }
  });

  test('defaults agree with the engine’s DEFAULT_PARAMETERS', () => {
    const d = DEFAULT_PARAMETERS;
    const engine: Record<string, Decimal> = {
      baseAllocation: d.baseAllocation,
      weightSupportMeasure: d.weightSupportMeasure,
      weightPopulation: d.weightPopulation,
      maxDecrease: d.maxDecrease,
      trappanLimit1: d.trappan.limit1,
      trappanLimit2: d.trappan.limit2,
      trappanRate1: d.trappan.rate1,
      trappanRate2: d.trappan.rate2,
      trappanRate3: d.trappan.rate3,
      targetedFundsCap: d.targetedFundsCap,
    };
    for (const def of MODEL_PARAMETER_DEFINITIONS) {
      // Riktade medel has none: blank means the ordinary run's Ej fördelat (targeted-funds.md)
      if (def.default === undefined) expect(['year', 'budget', 'targetedFunds']).toContain(def.key);
      else expect(new Decimal(def.default).equals(engine[def.key])).toBe(true);
    }
  });

  test('validations: VO and Fördelning lists, whole numbers ≥ 0 (a warning), months 1–12', () => {
    const fed = template[2].validations!;
    expect(fed).toContainEqual(expect.objectContaining({ range: 'B:B', type: 'list', values: VO_VALUES }));
    expect(VO_VALUES).toEqual(['Syd', 'Väst', 'Mitt', 'Stockholm', 'Nord']);
    expect(fed).toContainEqual(
      expect.objectContaining({ range: 'L:L', type: 'list', values: ['Lika', 'Invånare', 'Försörjningsstöd'] }),
    );
    expect(fed).toContainEqual(expect.objectContaining({ range: 'K:K', type: 'wholeNumber', min: 1, max: 12 }));
    // Amounts and counts warn (the value can be kept: "400 000 kr", decimals under a (tkr) header); lists stop
    for (const col of ['D', 'E', 'F', 'G', 'H', 'I', 'J'])
      expect(fed).toContainEqual(expect.objectContaining({ range: `${col}:${col}`, type: 'wholeNumber', min: 0, warning: true }));
    expect(fed.find((v) => v.range === 'L:L')!.warning).toBeUndefined();
    const mun = template[3].validations!;
    for (const col of ['D', 'F'])
      expect(mun).toContainEqual(expect.objectContaining({ range: `${col}:${col}`, type: 'wholeNumber', min: 0, warning: true }));
    // Försörjningsmått is in any unit, öre included
    expect(mun).toContainEqual(expect.objectContaining({ range: 'E:E', type: 'decimal', min: 0, warning: true }));
    const params = template[1].validations!;
    expect(params).toContainEqual(expect.objectContaining({ range: 'B5', type: 'wholeNumber', min: 0 }));
    expect(params).toContainEqual(expect.objectContaining({ range: 'B7', type: 'decimal', min: 0, max: 1 }));
  });

  test('instructions mention where to fill in, units and the output', () => {
    const text = template[0].values.map((r) => r[0]).join('\n');
    for (const word of ['Statlig ram', 'Förbund', 'Kommuner', '(tkr)', 'Kommunbidrag', 'Körlogg', 'Varningar', 'Område'])
      expect(text).toContain(word);
  });

  test('empty, the template reports what is missing', () => {
    const r = readWorkbook(template.map(sheetOutputToValues));
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'Parametrar!B5: Statlig ram (kr) saknar värde',
      'Förbund!A4: Bladet Förbund har inga förbund',
    ]);
  });

  test('round trip: the template filled in with the worked example runs to the spec’s numbers', () => {
    const sheets: SheetValues[] = template.map(sheetOutputToValues);
    setCell(sheets, 'Parametrar', 4, 1, 9000000);
    const fed = sheetByName(sheets, 'Förbund').values;
    fed.push(
      ['Norrby', 'Nord', '', 2600000, 400000, '', '', '', '', '', 12, ''],
      ['Söderby', 'Syd', '', 2400000, 900000, '', 900000, '', '', '', 12, 'Invånare'],
      ['Österby', 'Mitt', '', 1500000, 150000, '', '', '', 600000, '', '', ''],
      ['Västerby', 'Väst', '', '', '', '', '', '', 300000, '', 8, ''],
    );
    sheetByName(sheets, 'Kommuner').values.push(
      ['Norrby', 'Norrby', '', 38000, 1050000, ''],
      ['Söderby', 'Söderby', '', 30000, 980000, ''],
      ['Söderby', 'Åby', '', 9000, 260000, ''],
      ['Österby', 'Österby', '', 26000, 640000, ''],
      ['Västerby', 'Västerby', '', 14000, 410000, ''],
      ['Västerby', 'Lillby', '', 6000, 150000, ''],
    );
    const run = runAllocation(sheets, { timestamp: new Date(2025, 0, 1) });
    if (!run.ok) throw new Error(run.problems.map(formatProblem).join('\n'));
    expect(run.plan.blocks[0]).toMatchObject({ row: 2, column: 12 });
    const after = applyPlanToSheets(sheets, run.plan);
    const rows = sheetByName(after, 'Förbund').values.slice(3);
    expect(rows.map((r) => [r[0], r[16], r[17]])).toEqual(
      Object.entries(WORKED_EXAMPLE_OUTPUT).map(([name, e]) => [name, e.final, e.municipal]),
    );
    expect(run.plan.summary.undistributed).toBe(788957);
  });
});

describe('locateParameters and parameterWrite', () => {
  test('parameters on the sheet and defaults for those missing, with suggested rows below', () => {
    const sheets = smallSheets();
    sheets[0].values.push(['Eget kapital-gräns', ''], ['Maximal minskning', '15 %']);
    const located = locateParameters(sheets);
    expect(located.map((l) => l.key)).toEqual(MODEL_PARAMETER_DEFINITIONS.map((d) => d.key));
    const budget = located.find((l) => l.key === 'budget')!;
    expect(budget).toMatchObject({
      row: 1,
      column: 1,
      address: 'Parametrar!B2',
      value: 5000000,
      parsed: 5000000,
      present: true,
      multiplier: 1,
      labelColumn: 0,
    });
    const spärr = located.find((l) => l.key === 'maxDecrease')!;
    expect(spärr).toMatchObject({ row: 3, address: 'Parametrar!B4', value: '15 %', parsed: 0.15, present: true });
    const missing = located.filter((l) => !l.present);
    expect(missing.map((l) => [l.key, l.row])).toEqual([
      ['year', 4],
      ['baseAllocation', 5],
      ['weightSupportMeasure', 6],
      ['weightPopulation', 7],
      ['trappanLimit1', 8],
      ['trappanLimit2', 9],
      ['trappanRate1', 10],
      ['trappanRate2', 11],
      ['trappanRate3', 12],
      ['targetedFundsCap', 13],
      ['targetedFunds', 14],
    ]);
    const base = missing.find((l) => l.key === 'baseAllocation')!;
    expect(base).toMatchObject({ value: '', default: 400000, address: 'Parametrar!B6' });
    expect(base.parsed).toBeUndefined();
    expect(base.problem).toBeUndefined();
  });

  test('problems per parameter: unreadable value, required blank', () => {
    const sheets = smallSheets();
    sheets[0].values[1][1] = '';
    sheets[0].values.push(['Vikt försörjningsmått', 'mycket']);
    const located = locateParameters(sheets);
    expect(located.find((l) => l.key === 'budget')!.problem).toBe('Statlig ram (kr) saknar värde');
    expect(located.find((l) => l.key === 'weightSupportMeasure')!.problem).toBe('"mycket" är ingen andel; ange 0–100 %');
    expect(located.find((l) => l.key === 'maxDecrease')!.problem).toBeUndefined();
  });

  test('a unit on the label: the value is shown in kronor and written back in the label’s unit', () => {
    const sheets = smallSheets();
    sheets[0].values[1] = ['Statlig ram (mkr)', '339'];
    const located = locateParameters(sheets);
    expect(located.find((l) => l.key === 'budget')).toMatchObject({ parsed: 339000000, multiplier: 1000000 });
    expect(parameterWrite(located, 'budget', 340500000)).toEqual({
      sheet: 'Parametrar',
      row: 1,
      column: 1,
      values: [[340.5]],
      numberFormats: [[MONEY_FORMAT]],
    });
  });

  test('writing a present parameter, a missing one (label and value), and clearing', () => {
    const sheets = smallSheets();
    const located = locateParameters(sheets);
    const share = parameterWrite(located, 'maxDecrease', 0.2);
    // missing parameters get rows 2, 3, … in definition order: year, baseAllocation, weights, then maxDecrease
    expect(share).toEqual({
      sheet: 'Parametrar',
      row: 6,
      column: 0,
      values: [['Maximal minskning', 0.2]],
      numberFormats: [[null, SHARE_FORMAT]],
    });
    const cleared = parameterWrite(located, 'budget', null);
    expect(cleared.values).toEqual([['']]);
    // applied, the sheet reads back with the new value
    const after = applyPlanToSheets(sheets, { blocks: [share] });
    const read = readWorkbook(after);
    expect(read.ok && read.input.parameters.maxDecrease.toFixed()).toBe('0.2');
    expect(locateParameters(after).find((l) => l.key === 'maxDecrease')).toMatchObject({ present: true, row: 6, parsed: 0.2 });
  });

  test('without a Parametrar sheet the suggestion follows the template layout', () => {
    const located = locateParameters([]);
    expect(located[0]).toMatchObject({ key: 'year', sheet: 'Parametrar', row: 2, column: 1, present: false });
    expect(located[1]).toMatchObject({ key: 'budget', row: 3, problem: 'Statlig ram (kr) saknar värde' });
  });
});
