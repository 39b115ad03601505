// Decisions, the later round and rollover through the workbook layer (round.md §6–§8): readWorkbook /
// runAllocation on sheets, decide(), rollover(); the later round is docs/later-round-example.md.
import type { CellValue, SheetValues } from '../../src/workbook/types';
import { applyPlanToSheets, removeOutputPlan, runAllocation } from '../../src/workbook';
import { readDecisions } from '../../src/workbook/read-decisions';
import { decide } from '../../src/round/decide';
import { rollover } from '../../src/round/rollover';
import { laterRoundExplanation } from '../../src/workbook/explain-later';
import { formatKronor } from '../../src/workbook/format';
import {
  areaSheet,
  DECIDED,
  decisionSheet,
  FEDERATIONS,
  federationSheet,
  LABEL,
  laterRoundSheets,
  NOW,
  parameters,
} from '../fixtures/later-round-sheets';

/** A Förbund column of the workbook after the plan, by header, one value per federation. */
function column(sheets: SheetValues[], header: string): CellValue[] {
  const f = sheets.find((s) => s.name === 'Förbund')!;
  const c = f.values[0].indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  return f.values.slice(1, 1 + FEDERATIONS.length).map((row) => row[c]);
}

function logValue(sheets: SheetValues[], label: string): CellValue {
  return sheets.find((s) => s.name === 'Körlogg')!.values.find((r) => r[0] === label)?.[1] ?? null;
}

describe('the later round through the workbook (docs/later-round-example.md)', () => {
  const sheets = laterRoundSheets();
  const run = runAllocation(sheets, { timestamp: NOW });
  if (!run.ok) throw new Error(JSON.stringify(run.problems));
  const after = applyPlanToSheets(sheets, run.plan);

  test('Matchad = decided − returned, Ytterligare by tiers and pro rata, Slutlig, members’ shares', () => {
    expect(column(after, 'Matchad tilldelning (kr)')).toEqual([
      1_350_000, 1_100_000, 1_300_000, 1_250_000, 1_200_000, 1_100_000, 1_100_000, 1_100_000,
    ]);
    // tier 1 (Centby, Dalby, Ekby) in full: 480 000 ≤ 500 000; tier 2 shares 20 000 pro rata 120:90
    expect(column(after, 'Ytterligare medel (kr)')).toEqual([0, 0, 200_000, 180_000, 100_000, 11_429, 8_571, 0]);
    expect(column(after, 'Slutlig tilldelning (kr)')).toEqual([
      1_350_000, 1_100_000, 1_500_000, 1_430_000, 1_300_000, 1_111_429, 1_108_571, 1_100_000,
    ]);
    expect(column(after, 'Kommunernas andel (kr)')).toEqual([
      675_000, 550_000, 750_000, 715_000, 650_000, 555_715, 554_286, 550_000,
    ]);
    expect(column(after, 'Regionens andel (kr)')).toEqual([
      675_000, 550_000, 750_000, 715_000, 650_000, 555_714, 554_285, 550_000,
    ]);
  });

  test('Beslutat and Ändring mot beslut after the other output columns', () => {
    const header = after.find((s) => s.name === 'Förbund')!.values[0];
    // after Varningar and the two Förändring mot föregående år columns (issue 14)
    expect(header.indexOf('Beslutat (kr)')).toBe(header.indexOf('Varningar') + 3);
    expect(header.indexOf('Ändring mot beslut (kr)')).toBe(header.indexOf('Varningar') + 4);
    expect(column(after, 'Beslutat (kr)')).toEqual(DECIDED);
    expect(column(after, 'Ändring mot beslut (kr)')).toEqual([-150_000, -300_000, 200_000, 180_000, 100_000, 11_429, 8_571, 0]);
    expect(run.plan.summary.decision?.changes.map((c) => c.federation)).toEqual([
      'Alby',
      'Bjurby',
      'Centby',
      'Dalby',
      'Ekby',
      'Forsby',
      'Gärdeby',
    ]);
  });

  test('Körlogg: the scenario, the pot and the figures of the round', () => {
    expect(logValue(after, 'Scenario')).toBe(`Ytterligare medel efter ${LABEL}`);
    expect(logValue(after, 'Ej fördelat (kr)')).toBe(0);
    expect(logValue(after, 'Summa slutlig tilldelning (kr)')).toBe(10_000_000);
    expect(logValue(after, 'Pott S (kr)')).toBe(500_000);
    expect(logValue(after, 'Återlämnat efter beslutet (kr)')).toBe(450_000);
    expect(logValue(after, 'Beslutat (kr)')).toBe(9_950_000);
    expect(logValue(after, 'Antal ansökningar')).toBe(5);
    expect(logValue(after, 'Ansökt (kr)')).toBe(740_000);
    expect(logValue(after, 'Beviljat (kr)')).toBe(500_000);
    const f = run.plan.summary.laterRound!;
    expect([f.pot, f.applicants, f.requested, f.wanted, f.granted]).toEqual([500_000, 5, 740_000, 690_000, 500_000]);
    expect(f.grants).toEqual([
      { federation: 'Centby', requested: 200_000, granted: 200_000 },
      { federation: 'Dalby', requested: 180_000, granted: 180_000 },
      { federation: 'Ekby', requested: 150_000, granted: 100_000 },
      { federation: 'Forsby', requested: 120_000, granted: 11_429 },
      { federation: 'Gärdeby', requested: 90_000, granted: 8_571 },
    ]);
    expect(run.plan.summary.lines).toContain(`Omgång: Ytterligare medel efter ${LABEL}`);
  });

  test('Förklara: a later-round federation in the round’s terms, then the ordinary chain', () => {
    const lines = laterRoundExplanation(run.laterRound!, 'Forsby')!;
    const value = (label: string) => lines.find((l) => l.label === label);
    expect(value('Omgång')?.value).toBe(`Ytterligare medel efter ${LABEL}`);
    expect(value('Beslutat')?.value).toBe(formatKronor(1_100_000));
    expect(value('Återlämnat efter beslutet')?.value).toBe(formatKronor(0));
    expect(value('Behåller (matchad)')?.value).toBe(formatKronor(1_100_000));
    expect(value('Omgångens pott S')?.value).toBe(formatKronor(500_000));
    expect(value('Ansökan ytterligare medel')?.value).toBe(formatKronor(120_000));
    expect(value('Kan användas')?.value).toBe(formatKronor(120_000));
    expect(value('Nivå')).toMatchObject({ value: '2' });
    // 120 000 · 20 000 / 210 000 = 11 428,57… exact, 11 429 written
    expect(value('Ytterligare medel')).toEqual({
      label: 'Ytterligare medel',
      value: formatKronor(11_428.57, 2),
      note: `skrivet ${formatKronor(11_429)}`,
    });
    const alby = laterRoundExplanation(run.laterRound!, 'alby')!;
    expect(alby.find((l) => l.label === 'Återlämnat efter beslutet')?.value).toBe(formatKronor(150_000));
    expect(alby.find((l) => l.label === 'Behåller (matchad)')?.value).toBe(formatKronor(1_350_000));
    // the round's own total closes its lines (Förklara shows the ordinary chain after them, for information)
    expect(lines[lines.length - 1].label).toBe('Slutlig tilldelning');
  });

  test('Beslut blank means the latest decision', () => {
    const r = runAllocation(
      laterRoundSheets([
        ['Omgång', 'ytterligare medel'],
        ['Beslut', ''],
      ]),
      { timestamp: NOW },
    );
    expect(r.ok && r.plan.summary.scenario).toBe(`Ytterligare medel efter ${LABEL}`);
  });

  test('a federation not in the decision is a problem at its cell; nothing to write', () => {
    const sheets2 = laterRoundSheets();
    sheets2[3] = decisionSheet([...DECIDED.slice(0, 7), '']);
    const r = runAllocation(sheets2, { timestamp: NOW });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.address)).toEqual(['Förbund!A9']);
    expect(r.problems[0].message).toContain('Hagby');
  });

  test('an unknown label, a wrong Omgång, a broken amount: each at its cell', () => {
    const sheets2 = laterRoundSheets([
      ['Omgång', 'Extra'],
      ['Beslut', ''],
    ]);
    const r1 = runAllocation(sheets2, { timestamp: NOW });
    expect(!r1.ok && r1.problems.map((p) => p.address)).toEqual(['Parametrar!B4']);
    const r2 = runAllocation(
      laterRoundSheets([
        ['Omgång', 'Ytterligare medel'],
        ['Beslut', 'Beslut 1999'],
      ]),
      { timestamp: NOW },
    );
    expect(!r2.ok && r2.problems.map((p) => p.address)).toEqual(['Parametrar!B5']);
    const sheets3 = laterRoundSheets();
    sheets3[3] = decisionSheet([1_500_000.5, ...DECIDED.slice(1)]);
    const r3 = runAllocation(sheets3, { timestamp: NOW });
    expect(!r3.ok && r3.problems.map((p) => p.address)).toEqual(['Beslut!C7']);
  });

  test('a later round without any decision is refused at Omgång', () => {
    const r = runAllocation([parameters([['Omgång', 'Ytterligare medel']]), federationSheet(true), areaSheet()], {
      timestamp: NOW,
    });
    expect(!r.ok && r.problems.map((p) => p.address)).toEqual(['Parametrar!B4']);
  });
});

describe('decide', () => {
  const base = (): SheetValues[] => [parameters([]), federationSheet(false), areaSheet()];

  test('records Slutlig as a new Beslut sheet; the rerun shows Ändring 0 everywhere', () => {
    const d = decide(base(), { label: LABEL, timestamp: NOW });
    if (!d.ok) throw new Error(JSON.stringify(d.problems));
    expect(d.plan.sheets.map((s) => s.name)).toEqual(['Beslut', 'Kommunbidrag', 'Underlag', 'Diagram', 'Körlogg']);
    expect(d.plan.clear.some((c) => c.sheet === 'Beslut')).toBe(false);
    const after = applyPlanToSheets(base(), d.plan);
    const beslut = after.find((s) => s.name === 'Beslut')!;
    const finals = column(after, 'Slutlig tilldelning (kr)') as number[];
    expect(beslut.values[5]).toEqual(['Förbund', 'VO', LABEL]);
    expect(beslut.values.slice(6).map((r) => r[2])).toEqual(finals);
    expect(beslut.values.slice(6).map((r) => r[0])).toEqual(FEDERATIONS.map((f) => f[0]));
    expect(beslut.values[0]).toEqual(['Datum', '', '2026-11-07']);
    expect(beslut.values[1][2]).toBe(10_000_000);
    expect(beslut.values[2][2]).toBe(finals.reduce((a, b) => a + b, 0));
    expect(String(beslut.values[3][2])).toMatch(/^[0-9a-f]{64}$/);
    expect(d.decision).toMatchObject({ label: LABEL, federationCount: 8, budget: 10_000_000, total: beslut.values[2][2] });
    expect(column(after, 'Ändring mot beslut (kr)')).toEqual(new Array(8).fill(0));

    const rerun = runAllocation(after, { timestamp: NOW });
    if (!rerun.ok) throw new Error(JSON.stringify(rerun.problems));
    const again = applyPlanToSheets(after, rerun.plan);
    expect(column(again, 'Beslutat (kr)')).toEqual(finals);
    expect(column(again, 'Ändring mot beslut (kr)')).toEqual(new Array(8).fill(0));
    expect(rerun.plan.summary.decision?.changes).toEqual([]);
    expect(rerun.plan.summary.lines).toContain(`Ändring mot beslut ${LABEL}: ingen`);
    // the rerun writes over the same columns (no second Beslutat column)
    expect(again.find((s) => s.name === 'Förbund')!.values[0].filter((h) => h === 'Beslutat (kr)')).toHaveLength(1);
    expect(again.find((s) => s.name === 'Beslut')).toEqual(beslut);
  });

  test('a label that exists is refused (case and spaces folded), nothing planned', () => {
    const d = decide(base(), { label: LABEL, timestamp: NOW });
    if (!d.ok) throw new Error('first decision');
    const after = applyPlanToSheets(base(), d.plan);
    const again = decide(after, { label: '  beslut   2026-11-07 ', timestamp: NOW });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.problems.map((p) => p.address)).toEqual(['Beslut!C6']);
    expect(again.problems[0].message).toContain('finns redan');
  });

  test('a second decision appends a column; the first stays exactly as it was', () => {
    const d1 = decide(base(), { label: LABEL, timestamp: NOW });
    if (!d1.ok) throw new Error('first');
    const after1 = applyPlanToSheets(base(), d1.plan);
    // a change of inputs: Hagby's municipalities can match only 500 000 kr
    const changed = after1.map((s) => (s.name === 'Förbund' ? { ...s, values: s.values.map((r) => [...r]) } : s));
    changed.find((s) => s.name === 'Förbund')!.values[8][4] = 500_000;
    const rerun = runAllocation(changed, { timestamp: NOW });
    if (!rerun.ok) throw new Error('rerun');
    const hagby = rerun.plan.summary.decision!.changes.find((c) => c.federation === 'Hagby')!;
    // capped at 2 · 500 000 (the cut rounded by largest remainder: within 2 kr of it)
    expect(Math.abs(hagby.final - 1_000_000)).toBeLessThanOrEqual(2);
    expect(hagby.change).toBe(hagby.final - hagby.decided!);
    expect(hagby.change).toBeLessThan(0);
    const d2 = decide(changed, { label: 'Beslut 2027-03-01', date: '2027-03-01', timestamp: NOW });
    if (!d2.ok) throw new Error(JSON.stringify(d2.problems));
    expect(d2.plan.blocks.filter((b) => b.sheet === 'Beslut').map((b) => b.column)).toEqual([3]);
    const after2 = applyPlanToSheets(changed, d2.plan);
    const before = after1.find((s) => s.name === 'Beslut')!.values;
    const now = after2.find((s) => s.name === 'Beslut')!.values;
    expect(now.map((r) => r.slice(0, 3))).toEqual(before.map((r) => r.slice(0, 3)));
    expect(now[5][3]).toBe('Beslut 2027-03-01');
    expect(now[0][3]).toBe('2027-03-01');
    expect(now[13][3]).toBe(hagby.final);
    const read = readDecisions(after2, []);
    expect(read.decisions.map((x) => x.label)).toEqual([LABEL, 'Beslut 2027-03-01']);
    expect(column(after2, 'Beslutat (kr)')[7]).toBe(hagby.final);
    expect(column(after2, 'Ändring mot beslut (kr)')).toEqual(new Array(8).fill(0));
  });

  test('a workbook with problems is refused with every problem', () => {
    const sheets = base();
    sheets[0] = {
      name: 'Parametrar',
      values: [
        ['Parameter', 'Värde'],
        ['Statlig ram (kr)', 'mycket'],
      ],
    };
    const d = decide(sheets, { label: LABEL, timestamp: NOW });
    expect(!d.ok && d.problems.map((p) => p.address)).toEqual(['Parametrar!B2']);
    const bad = decide(base(), { label: LABEL, date: '2026-02-30', timestamp: NOW });
    expect(bad.ok).toBe(false);
  });

  test('Ta bort resultat clears Beslutat and Ändring but leaves Beslut alone', () => {
    const d = decide(base(), { label: LABEL, timestamp: NOW });
    if (!d.ok) throw new Error('decide');
    const after = applyPlanToSheets(base(), d.plan);
    const removal = removeOutputPlan(after);
    expect(removal.deleteSheets).toEqual(['Kommunbidrag', 'Körlogg', 'Diagram', 'Underlag']);
    expect(removal.clear.some((c) => c.sheet === 'Beslut')).toBe(false);
    const removed = applyPlanToSheets(after, removal);
    expect(removed.find((s) => s.name === 'Beslut')).toEqual(after.find((s) => s.name === 'Beslut'));
    const header = removed.find((s) => s.name === 'Förbund')!.values[0].filter((h) => h !== '');
    expect(header).not.toContain('Beslutat (kr)');
    expect(header).not.toContain('Ändring mot beslut (kr)');
  });
});

describe('rollover', () => {
  test('År + 1, the decision as last year, answers and outputs emptied; allocating with a new ram works', () => {
    const sheets = laterRoundSheets();
    const run = runAllocation(sheets, { timestamp: NOW });
    if (!run.ok) throw new Error('run');
    const withOutput = applyPlanToSheets(sheets, run.plan);
    const r = rollover(withOutput, { timestamp: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.summary.year).toBe(2028);
    expect(r.plan.deleteSheets.sort()).toEqual(['Beslut', 'Diagram', 'Kommunbidrag', 'Körlogg', 'Underlag']);
    const next = applyPlanToSheets(withOutput, r.plan);
    const params = next.find((s) => s.name === 'Parametrar')!.values;
    expect(params[1]).toEqual(['År', 2028]);
    expect(params[2][1]).toBe('');
    expect(params[3][1]).toBe('');
    expect(params[4][1]).toBe('');
    // the decision wins over this year's Slutlig
    expect(column(next, 'Statlig tilldelning föregående år (kr)')).toEqual(DECIDED);
    expect(column(next, 'Totala medel föregående år (kr)')).toEqual(DECIDED.map((x) => 2 * x));
    for (const h of [
      'Eget kapital (kr)',
      'Kommunernas möjliga bidrag (kr)',
      'Ansökan ytterligare medel (kr)',
      'Återlämnade medel (kr)',
    ])
      expect(column(next, h)).toEqual(new Array(8).fill(''));
    expect(next.find((s) => s.name === 'Förbund')!.values[0]).not.toContain('Slutlig tilldelning (kr)');
    expect(next.find((s) => s.name === 'Kommuner')).toEqual(sheets.find((s) => s.name === 'Kommuner'));
    // Statlig ram is required again
    const blank = runAllocation(next, { timestamp: NOW });
    expect(!blank.ok && blank.problems.map((p) => p.address)).toEqual(['Parametrar!B3']);
    // with a new ram the next round runs, the spärr from the decided amounts
    const params2 = next.map((s) =>
      s.name === 'Parametrar' ? { ...s, values: s.values.map((row, i) => (i === 2 ? [row[0], 11_000_000] : row)) } : s,
    );
    const nextRun = runAllocation(params2, { timestamp: NOW });
    if (!nextRun.ok) throw new Error(JSON.stringify(nextRun.problems));
    expect(nextRun.plan.summary.totalFinal + nextRun.plan.summary.undistributed).toBe(11_000_000);
    nextRun.result.federations.forEach((f, i) => expect(f.previousAllocation?.toNumber()).toBe(DECIDED[i]));
    expect(nextRun.plan.summary.decision).toBeUndefined();
  });

  test('without a decision, this year’s Slutlig; --ar sets the year', () => {
    const sheets = [parameters([]), federationSheet(false), areaSheet()];
    const run = runAllocation(sheets, { timestamp: NOW });
    if (!run.ok) throw new Error('run');
    const r = rollover(sheets, { year: 2030 });
    if (!r.ok) throw new Error('rollover');
    const next = applyPlanToSheets(sheets, r.plan);
    expect(next.find((s) => s.name === 'Parametrar')!.values[1]).toEqual(['År', 2030]);
    expect(column(next, 'Statlig tilldelning föregående år (kr)')).toEqual(
      run.result.federations.map((f) => f.rounded.final.toNumber()),
    );
  });
});
