// Underlag (the model as formulas) and Kommunbidrag's basis and totals, host-neutral: what the plan
// holds. LibreOffice recalculates the written file in test/e2e/underlag-libreoffice.test.ts.
import { runAllocation } from '../../src/workbook/run';
import type { SheetOutput, SheetValues } from '../../src/workbook/types';
import { OUTPUT_SHEETS } from '../../src/workbook/types';
import { UNDERLAG_LABELS, UNDERLAG_SHEET, underlagSheet } from '../../src/workbook/underlag';
import {
  KOMMUNBIDRAG_HEADERS,
  KOMMUNBIDRAG_MUNICIPALITY_HEADERS,
  KOMMUNBIDRAG_REGION_HEADERS,
  removeOutputPlan,
} from '../../src/workbook/plan';
import { cloneSheets, sheetByName, workedExampleSheets } from './fixtures';

const T0 = new Date(2026, 0, 15, 9, 30, 0);

function planOf(sheets: SheetValues[]) {
  const run = runAllocation(sheets, { timestamp: T0 });
  if (!run.ok) throw new Error(JSON.stringify(run.problems));
  return run;
}

function underlagOf(sheets: SheetValues[]): SheetOutput {
  const s = planOf(sheets).plan.sheets.find((x) => x.name === UNDERLAG_SHEET);
  if (!s) throw new Error('no Underlag');
  return s;
}

/** The table of Underlag: header row index and a cell getter by federation and header. */
function table(s: SheetOutput) {
  const headerRow = s.values.findIndex((r) => r[0] === 'Förbund' && r[1] === 'Statlig tilldelning föregående år (kr)');
  const headers = s.values[headerRow].map(String);
  const rowOf = (name: string) => s.values.findIndex((r, i) => i > headerRow && r[0] === name);
  const cell = (name: string, header: string) => {
    const r = rowOf(name);
    const c = headers.indexOf(header);
    if (r < 0 || c < 0) throw new Error(`no cell ${name} / ${header}`);
    return { value: s.values[r][c], formula: s.formulas?.[r]?.[c] ?? null };
  };
  const labelled = (label: string) => {
    const r = s.values.findIndex((row) => row[0] === label);
    if (r < 0) throw new Error(`no label ${label}`);
    return { value: s.values[r][1], formula: s.formulas?.[r]?.[1] ?? null, note: s.values[r][2] };
  };
  return { headerRow, headers, rowOf, cell, labelled };
}

describe('Underlag in the plan', () => {
  test('the run writes Kommunbidrag, Underlag and Körlogg (run log last); Ta bort resultat deletes Underlag too', () => {
    const run = planOf(workedExampleSheets());
    expect(run.plan.sheets.map((s) => s.name)).toEqual(['Kommunbidrag', 'Underlag', 'Diagram', 'Körlogg']);
    const written = [...workedExampleSheets(), ...run.plan.sheets.map((s) => ({ name: s.name, values: s.values }))];
    expect(removeOutputPlan(written).deleteSheets.sort()).toEqual([...OUTPUT_SHEETS].sort());
    // a rerun replaces it under its spelling in the workbook
    const renamed = [...workedExampleSheets(), { name: 'underlag', values: [['gammalt']] }];
    expect(planOf(renamed).plan.sheets.map((s) => s.name)).toEqual(['Kommunbidrag', 'underlag', 'Diagram', 'Körlogg']);
  });

  test('a run that writes nothing (Förklara) plans no Underlag; its numbers are the same', () => {
    const written = planOf(workedExampleSheets());
    const unwritten = runAllocation(workedExampleSheets(), { timestamp: T0, underlag: false });
    if (!unwritten.ok) throw new Error('problems');
    expect(unwritten.plan.sheets.map((s) => s.name)).toEqual(['Kommunbidrag', 'Diagram', 'Körlogg']);
    expect(unwritten.plan.blocks).toEqual(written.plan.blocks);
    expect(unwritten.result.federations.map((f) => f.rounded.final.toNumber())).toEqual(
      written.result.federations.map((f) => f.rounded.final.toNumber()),
    );
  });

  test('every table cell but the name is a formula over the input sheets, with the engine result cached', () => {
    const s = underlagOf(workedExampleSheets());
    const t = table(s);
    expect(s.formulas).toBeDefined();
    const first = t.headerRow + 1;
    for (let r = first; r < first + 4; r++) {
      expect(s.formulas![r][0]).toBeNull();
      for (let c = 1; c < t.headers.length; c++) {
        const f = s.formulas![r][c];
        // columns the worked example's Förbund does not have: their blank value, as a constant
        if (
          ['Totala medel föregående år (kr)', 'Regionens möjliga bidrag (kr)', 'Återlämnade medel (kr)'].includes(t.headers[c])
        ) {
          expect(f).toBeNull();
          expect(s.values[r][c]).toBe(t.headers[c].startsWith('Återlämnade') ? 0 : '');
          continue;
        }
        if (!f) throw new Error(`row ${r} column ${t.headers[c]} has no formula`);
        expect(f.startsWith('=')).toBe(true);
        // English function names only, comma separators
        expect(f).not.toMatch(/SUMMA|OM\(|AVRUNDA|;/);
      }
    }
    // inputs addressed by the layout the reader found (title rows above the headers), sheet names quoted
    expect(t.cell('Norrby', 'Statlig tilldelning föregående år (kr)')).toEqual({
      value: 2_600_000,
      formula: "=IF(ISNUMBER('Förbund'!$D$3),'Förbund'!$D$3,\"\")",
    });
    expect(t.cell('Västerby', 'Verksamhetsmånader').formula).toBe("=IF(ISNUMBER('Förbund'!$H$6),'Förbund'!$H$6,12)");
    expect(t.cell('Söderby', 'Försörjningsmått FM')).toEqual({
      value: 1_240_000,
      formula: "=SUMIFS('Kommuner'!$D$2:$D$7,'Kommuner'!$A$2:$A$7,A" + (t.rowOf('Söderby') + 1) + ')',
    });
    expect(t.labelled('Statlig ram B (kr)')).toMatchObject({
      value: 9_000_000,
      formula: "=IF(ISNUMBER('Parametrar'!$B$4),'Parametrar'!$B$4,\"\")",
    });
    // a parameter the sheet does not have: its default as a value, said so
    expect(t.labelled('Grundtilldelning G (kr)')).toEqual({ value: 400_000, formula: null, note: UNDERLAG_LABELS.defaultValue });
    // worked example: key, ideal, written value, Skillnad
    expect(t.cell('Norrby', 'Nyckel').value as number).toBeCloseTo(0.30288, 5);
    expect(t.cell('Västerby', 'Idealfördelning (kr)').value as number).toBeCloseTo(1_060_905, 0);
    expect(t.cell('Söderby', 'Skrivet: Matchad tilldelning (kr)').value).toBe(1_800_000);
    expect(t.cell('Söderby', 'Skrivet: Matchad tilldelning (kr)').formula).toMatch(/^='Förbund'!\$[A-Z]+\$4$/);
    expect(t.cell('Österby', 'Skrivet: Slutlig tilldelning (kr)').value).toBe(2_408_822);
    for (const name of ['Norrby', 'Söderby', 'Österby', 'Västerby'])
      for (const h of t.headers.filter((x) => x.startsWith('Skillnad')))
        expect(Math.abs(t.cell(name, h).value as number)).toBeLessThanOrEqual(2);
    // solved or chosen by the run: values, not formulas
    expect(t.labelled(UNDERLAG_LABELS.lambda)).toMatchObject({ value: 1, formula: null });
    expect(t.labelled(UNDERLAG_LABELS.appliedMaxDecrease)).toMatchObject({ value: 0.1, formula: null });
    expect(t.labelled(UNDERLAG_LABELS.protectionRemoved)).toMatchObject({ value: 'Nej', formula: null });
    expect(t.labelled(UNDERLAG_LABELS.undistributed)).toMatchObject({ value: 788_957, formula: null });
    // S = P + Söderby's cut; the ratios are 1 (both requests granted in full)
    expect(t.labelled(UNDERLAG_LABELS.surplus).value as number).toBeCloseTo(
      9_000_000 - 8_469_547.53 + (2_958_505 - 1_800_000),
      -1,
    );
    expect(t.labelled(UNDERLAG_LABELS.ratio1).value).toBe(1);
    expect(t.labelled(UNDERLAG_LABELS.pool).value as number).toBeCloseTo(8_469_547.53, 1);
    expect(t.labelled(UNDERLAG_LABELS.pool).formula).toMatch(/^=SUM\(\$Q\$\d+:\$Q\$\d+\)$/);
    expect(Math.abs(t.labelled(UNDERLAG_LABELS.checkPool).value as number)).toBeLessThan(1e-6);
    // Ej fördelat as written (whole kronor) against exact Slutlig: off by Σ exact − Σ written, within ±2 kr
    const run = planOf(workedExampleSheets());
    const offset = run.result.federations.reduce((a, f) => a + f.final.toNumber() - f.rounded.final.toNumber(), 0);
    expect(t.labelled(UNDERLAG_LABELS.checkBudget).value as number).toBeCloseTo(offset, 6);
    expect(Math.abs(offset)).toBeLessThanOrEqual(2);
    // no text format on a formula cell (Excel would keep the formula as text)
    for (let r = 0; r < s.values.length; r++)
      for (let c = 0; c < s.values[r].length; c++) if (s.formulas![r][c]) expect(s.numberFormats?.[r]?.[c]).not.toBe('@');
  });

  test('units: a column in (tkr), Försörjningsmått (tkr), a share typed as 75, an amount typed as text', () => {
    const sheets = cloneSheets(workedExampleSheets());
    const fed = sheetByName(sheets, 'Förbund');
    fed.values[1][4] = 'Eget kapital (tkr)';
    for (let r = 2; r < fed.values.length; r++)
      if (typeof fed.values[r][4] === 'number') fed.values[r][4] = (fed.values[r][4] as number) / 1000;
    fed.values[3][3] = '2 400 000';
    const areas = sheetByName(sheets, 'Kommuner');
    areas.values[0][3] = 'Försörjningsmått (tkr)';
    for (let r = 1; r < areas.values.length; r++) areas.values[r][3] = (areas.values[r][3] as number) / 1000;
    const params = sheetByName(sheets, 'Parametrar');
    params.values.push(['Vikt försörjningsmått', 75], ['Maximal minskning', '10 %']);
    const t = table(underlagOf(sheets));
    expect(t.cell('Norrby', 'Eget kapital (kr)')).toEqual({
      value: 400_000,
      formula: "=IF(ISNUMBER('Förbund'!$E$3),'Förbund'!$E$3*1000,\"\")",
    });
    expect(t.cell('Norrby', 'Försörjningsmått FM').value).toBe(1_050_000);
    expect(t.cell('Norrby', 'Försörjningsmått FM').formula).toMatch(/^=SUMIFS\(.*\)\*1000$/);
    // text: the value as read, no formula
    expect(t.cell('Söderby', 'Statlig tilldelning föregående år (kr)')).toEqual({ value: 2_400_000, formula: null });
    expect(t.labelled('Vikt försörjningsmått')).toMatchObject({
      value: 0.75,
      formula: "=IF(ISNUMBER('Parametrar'!$B$5),IF('Parametrar'!$B$5>1,'Parametrar'!$B$5/100,'Parametrar'!$B$5),0.75)",
    });
    expect(t.labelled('Maximal minskning d')).toMatchObject({
      value: 0.1,
      formula: null,
      note: 'från Parametrar!B6 (text, kopierad som värde)',
    });
    // the same results as without units
    expect(t.cell('Österby', 'Skrivet: Slutlig tilldelning (kr)').value).toBe(2_408_822);
  });

  test('a name SUMIFS would read as a pattern is matched exactly; a name spelled otherwise on Kommuner is a value', () => {
    const sheets = cloneSheets(workedExampleSheets());
    const rename = (from: string, to: string, toOnKommuner = to) => {
      for (const r of sheetByName(sheets, 'Förbund').values) if (r[0] === from) r[0] = to;
      for (const r of sheetByName(sheets, 'Kommuner').values) if (r[0] === from) r[0] = toOnKommuner;
    };
    rename('Norrby', 'Norr*by');
    rename('Söderby', 'Söder by', 'Söder  by');
    const t = table(underlagOf(sheets));
    expect(t.cell('Norr*by', 'Försörjningsmått FM').formula).toContain(',"=Norr~*by")');
    expect(t.cell('Söder by', 'Försörjningsmått FM')).toEqual({ value: 1_240_000, formula: null });
  });

  test('underlagSheet places the labelled cells the table refers to above the header', () => {
    const run = planOf(workedExampleSheets());
    const s = underlagSheet({
      layout: run.layout,
      result: run.result,
      input: run.input,
      sheets: workedExampleSheets(),
      outputColumns: {},
    });
    const { labelledRows, headerRow, checkRows } = s.underlag;
    for (const row of Object.values(labelledRows)) expect(row).toBeLessThan(headerRow);
    expect(checkRows.pool).toBeGreaterThan(headerRow + 4);
    expect(s.values[labelledRows.lambda][0]).toBe(UNDERLAG_LABELS.lambda);
  });
});

describe('Kommunbidrag: basis, totals per municipality and per region', () => {
  function kommunbidrag(sheets: SheetValues[]): SheetOutput {
    return planOf(sheets).plan.sheets[0];
  }
  /** The rows of one of the three side-by-side tables, from its header to its Summa row. */
  function block(s: SheetOutput, first: number, width: number) {
    const rows: (string | number | boolean | null)[][] = [];
    for (const r of s.values) {
      const cells = r.slice(first, first + width);
      if (cells.every((c) => c === '' || c === null)) continue;
      rows.push(cells);
    }
    return rows;
  }

  test('the worked example, checked by hand', () => {
    const s = kommunbidrag(workedExampleSheets());
    const main = block(s, 0, KOMMUNBIDRAG_HEADERS.length);
    expect(main[0]).toEqual([...KOMMUNBIDRAG_HEADERS]);
    // Söderby's 900 000 kr by inhabitants 30 000 : 9 000 → 692 307.69 / 207 692.31 → LR 692 308 / 207 692
    expect(main.find((r) => r[1] === 'Söderby')).toEqual(['Söderby', 'Söderby', 'Invånare', 30_000, 30_000 / 39_000, 692_308]);
    expect(main.find((r) => r[1] === 'Åby')).toEqual(['Söderby', 'Åby', 'Invånare', 9_000, 9_000 / 39_000, 207_692]);
    // Västerby's 680 453 kr by 14 000 : 6 000 → 476 317.1 / 204 135.9 → LR 476 317 / 204 136
    expect(main.find((r) => r[1] === 'Lillby')).toEqual(['Västerby', 'Lillby', 'Invånare', 6_000, 0.3, 204_136]);
    expect(main[main.length - 1]).toEqual(['Summa', '', '', '', '', 1_320_658 + 900_000 + 1_204_411 + 680_453]);

    const perMunicipality = block(s, KOMMUNBIDRAG_HEADERS.length + 1, 3);
    expect(perMunicipality).toEqual([
      [...KOMMUNBIDRAG_MUNICIPALITY_HEADERS],
      ['Norrby', 1, 1_320_658],
      ['Söderby', 1, 692_308],
      ['Åby', 1, 207_692],
      ['Österby', 1, 1_204_411],
      ['Västerby', 1, 476_317],
      ['Lillby', 1, 204_136],
      ['Summa', '', 4_105_522],
    ]);
    const perRegion = block(s, KOMMUNBIDRAG_HEADERS.length + 5, 4);
    expect(perRegion).toEqual([
      [...KOMMUNBIDRAG_REGION_HEADERS],
      ['Region Norr', 1, 1_320_658, 1_320_658],
      ['Region Syd', 1, 900_000, 900_000],
      ['Region Mitt', 1, 1_204_411, 1_204_411],
      ['Region Väst', 1, 680_453, 680_452],
      ['Summa', '', 4_105_522, 4_105_521],
    ]);
    // the three header rows share row 0; each table's Summa row is bold (region table 6, the others 8)
    expect(s.boldRows).toEqual([0, 6, 8]);
  });

  test('a municipality in two federations sees one total; two federations of one region are added up', () => {
    const sheets = cloneSheets(workedExampleSheets());
    const fed = sheetByName(sheets, 'Förbund');
    for (const r of fed.values) if (r[0] === 'Österby') r[2] = 'Region Norr';
    const areas = sheetByName(sheets, 'Kommuner');
    areas.values[0].push('Område');
    for (const r of areas.values.slice(1)) r.push(r[1] === 'Åby' ? 'Södra' : '');
    areas.values.push(['Norrby', 'Åby', 5_000, 100_000, 'Norra']);
    const s = kommunbidrag(sheets);
    const main = block(s, 0, KOMMUNBIDRAG_HEADERS.length);
    const aby = main.filter((r) => r[1] === 'Åby');
    expect(aby).toHaveLength(2);
    const perMunicipality = block(s, KOMMUNBIDRAG_HEADERS.length + 1, 3);
    expect(perMunicipality.find((r) => r[0] === 'Åby')).toEqual(['Åby', 2, (aby[0][5] as number) + (aby[1][5] as number)]);
    expect(perMunicipality.filter((r) => r[0] === 'Åby')).toHaveLength(1);
    const run = planOf(sheets);
    const norr = run.result.federations.filter((f) => f.region === 'Region Norr');
    const perRegion = block(s, KOMMUNBIDRAG_HEADERS.length + 5, 4);
    expect(perRegion.find((r) => r[0] === 'Region Norr')).toEqual([
      'Region Norr',
      2,
      norr.reduce((a, f) => a + f.rounded.municipalShare.toNumber(), 0),
      norr.reduce((a, f) => a + f.rounded.regionShare.toNumber(), 0),
    ]);
  });
});
