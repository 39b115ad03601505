// The regional file's Underlag (transparency.md): the national Underlag's formulas over the regional
// file's own input cells, the national figures read from Nationellt; its cached values are the national
// run's for the VO's federations. LibreOffice recalculates it in test/e2e/regional-underlag-libreoffice.test.ts.
import { exampleSheets } from '../../src/workbook/example';
import { sheetOutputToValues } from '../../src/workbook/apply';
import { runAllocation } from '../../src/workbook/run';
import { formatProblem } from '../../src/workbook/format';
import type { SheetOutput, SheetValues } from '../../src/workbook/types';
import { UNDERLAG_LABELS, UNDERLAG_SHEET } from '../../src/workbook/underlag';
import {
  contributionForFullProposal,
  NATIONAL_SHEET,
  PROPOSAL_HEADERS,
  REGIONAL_HEADER_ROW,
  splitRound,
} from '../../src/round/split';
import { applyMergePlanToSheets, formatMergeProblem, mergeAnswers } from '../../src/round/merge';
import type { NewSheet, RegionalFile } from '../../src/round/types';

const TIME = new Date(2027, 4, 20, 10, 0, 0);
const national = (): SheetValues[] => exampleSheets().map(sheetOutputToValues);

function split(sheets: SheetValues[]): RegionalFile[] {
  const r = splitRound(sheets, { timestamp: TIME });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.files;
}

function table(s: SheetOutput) {
  const headerRow = s.values.findIndex((r) => r[0] === 'Förbund' && r[1] === 'Statlig tilldelning föregående år (kr)');
  const headers = s.values[headerRow].map(String);
  const rows = s.values
    .map((_, i) => i)
    .filter((i) => i > headerRow && typeof s.values[i][0] === 'string' && s.values[i][0] !== '');
  const dataRows = rows.filter((i) => !String(s.values[i][0]).startsWith('Kontroll'));
  const column = (header: string) => {
    const c = headers.indexOf(header);
    if (c < 0) throw new Error(`no column ${header}`);
    return c;
  };
  const labelled = (label: string) => {
    const r = s.values.findIndex((row) => row[0] === label);
    if (r < 0) throw new Error(`no labelled ${label}`);
    return { row: r, value: s.values[r][1], formula: s.formulas?.[r]?.[1] ?? null };
  };
  return { headerRow, headers, dataRows, column, labelled };
}

describe('Underlag of a regional file', () => {
  const nat = national();
  const run = runAllocation(nat, { timestamp: TIME });
  if (!run.ok) throw new Error(run.problems.map(formatProblem).join('\n'));
  const result = run.result;
  const files = split(nat);

  test('every regional file has a locked Underlag after Nationellt', () => {
    for (const f of files) {
      const names = f.sheets.map((s) => s.name);
      expect(names.slice(-2)).toEqual([NATIONAL_SHEET, UNDERLAG_SHEET]);
      const u = f.sheets.find((s) => s.name === UNDERLAG_SHEET) as NewSheet;
      expect(u.protection).toEqual({ unlocked: [] });
    }
  });

  test('the national figures are formulas on Nationellt, with the national values cached', () => {
    const f = files[0];
    const u = f.sheets.find((s) => s.name === UNDERLAG_SHEET)!;
    const n = f.sheets.find((s) => s.name === NATIONAL_SHEET)!;
    const t = table(u);
    const L = UNDERLAG_LABELS;
    const expected: [string, number | string][] = [
      [L.count, result.federationCount],
      [L.totalSupportMeasure, result.totalSupportMeasure.toNumber()],
      [L.totalPopulation, result.totalPopulation.toNumber()],
      [L.pool, result.pool.toNumber()],
      [L.lambda, result.lambda.toNumber()],
      [L.appliedMaxDecrease, result.appliedMaxDecrease.toNumber()],
      [L.protectionRemoved, result.federations.some((x) => x.protectionRemoved) ? L.yes : L.no],
    ];
    for (const [label, value] of expected) {
      const cell = t.labelled(label);
      expect(cell.value).toBe(value);
      const m = /^='Nationellt'!\$B\$(\d+)$/.exec(cell.formula ?? '');
      if (!m) throw new Error(`${label}: ${String(cell.formula)}`);
      // the referenced cell on Nationellt holds that value
      expect(n.values[Number(m[1]) - 1][1]).toBe(value);
    }
    // the budget and the parameters come from the regional Parametrar
    expect(t.labelled('Statlig ram B (kr)').formula).toMatch(/'Parametrar'!\$B\$\d+/);
    // count of the VO's federations (the table) is not N
    expect(t.dataRows.length).toBe(f.federationCount);
    expect(t.dataRows.length).toBeLessThan(result.federationCount);
  });

  test('the chain reads the regional sheets and its values are the national run’s for these federations', () => {
    for (const f of files) {
      const u = f.sheets.find((s) => s.name === UNDERLAG_SHEET)!;
      const t = table(u);
      const fed = f.sheets.find((s) => s.name === 'Förbund')!;
      const fedHeader = fed.values[REGIONAL_HEADER_ROW].map(String);
      for (const r of t.dataRows) {
        const name = String(u.values[r][0]);
        const national = result.federations.find((x) => x.name === name)!;
        const cell = (h: string) => ({ value: u.values[r][t.column(h)], formula: u.formulas?.[r]?.[t.column(h)] ?? null });
        expect(cell('Idealfördelning (kr)').value).toBeCloseTo(national.ideal.toNumber(), 6);
        expect(cell('Efter spärr (kr)').value).toBeCloseTo(national.afterFloor.toNumber(), 6);
        expect(cell('Kommunerna behöver bidra med (kr)').value).toBe(contributionForFullProposal(national.afterFloor).toNumber());
        expect(cell('Regionen behöver bidra med (kr)').value).toBe(contributionForFullProposal(national.afterFloor).toNumber());
        expect(cell('Kommunerna behöver bidra med (kr)').formula).toMatch(/^=ROUNDUP\(ROUND\([A-Z]+\d+\/2,6\),0\)$/);
        // FM from the regional Kommuner, previous allocation from the regional Förbund
        expect(cell('Försörjningsmått FM').formula).toMatch(/^=SUMIFS\('Kommuner'!/);
        expect(cell('Statlig tilldelning föregående år (kr)').formula).toMatch(/'Förbund'!\$[A-Z]+\$\d+/);
        // the written value points at the proposal cell on the regional Förbund, and every Skillnad is 0
        for (const h of PROPOSAL_HEADERS) {
          const written = cell(`Skrivet: ${h}`);
          const fedRow = fed.values.findIndex((row, i) => i > REGIONAL_HEADER_ROW && row[0] === name);
          const fedCol = fedHeader.indexOf(h);
          expect(written.value).toBe(fed.values[fedRow][fedCol]);
          expect(written.formula).toBe(`='Förbund'!$${String.fromCharCode(65 + fedCol)}$${fedRow + 1}`);
          // Skillnad = ROUND(exact) − written: the written amounts are rounded to sum (a krona off at most)
          const difference = cell(`Skillnad: ${h.replace(/ \(kr\)$/, '')} (kr)`).value as number;
          expect(Math.abs(difference)).toBeLessThanOrEqual(1);
          if (h.includes('behöver')) expect(difference).toBe(0);
        }
      }
      // no answer-chain columns (matched, final): the regional file writes the proposal only
      expect(t.headers).not.toContain('Slutlig tilldelning (kr)');
      // the check row: Σ contributions − Σ Kommunernas del, 0 as written
      const check = u.values.findIndex((row) => row[0] === UNDERLAG_LABELS.checkShares('Kommunernas del'));
      expect(u.values[check][1]).toBe(0);
      expect(u.formulas?.[check]?.[1]).toMatch(/^=SUM\(\$[A-Z]+\$\d+:\$[A-Z]+\$\d+\)-SUM\('Kommunernas del'!\$E\$4:\$E\$\d+\)$/);
    }
  });

  test('the same formulas as the national Underlag, but reading Nationellt', () => {
    const nationalUnderlag = run.plan.sheets.find((s) => s.name === UNDERLAG_SHEET)!;
    const nt = table(nationalUnderlag);
    const u = files[0].sheets.find((s) => s.name === UNDERLAG_SHEET)!;
    const t = table(u);
    // Efter spärr uses λ and d′ from labelled cells in both; the regional labelled cells read Nationellt
    const nr = nt.dataRows[0];
    const rr = t.dataRows[0];
    const shape = (f: string | null) => (f ?? '').replace(/\$?[A-Z]+\$?\d+/g, 'X');
    for (const h of ['Idealfördelning (kr)', 'Efter spärr (kr)', 'Rimligt eget kapital (kr)', 'Skyddad av spärren']) {
      expect(shape(u.formulas![rr][t.column(h)])).toBe(shape(nationalUnderlag.formulas![nr][nt.column(h)]));
    }
    expect(nt.labelled(UNDERLAG_LABELS.lambda).formula).toBeNull();
    expect(t.labelled(UNDERLAG_LABELS.lambda).formula).toMatch(/^='Nationellt'!/);
  });

  test('merge accepts regional files with Underlag', () => {
    const regionals = files.map((f) => ({ fileName: f.fileName, sheets: f.sheets.map(sheetOutputToValues) }));
    const merged = mergeAnswers(nat, regionals, { timestamp: TIME });
    if (!merged.ok) throw new Error(merged.problems.map(formatMergeProblem).join('\n'));
    const after = applyMergePlanToSheets(nat, merged.plan);
    expect(after.find((s) => s.name === UNDERLAG_SHEET)).toBeUndefined();
  });
});
