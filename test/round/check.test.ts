// checkRegional on a hand-made regional workbook: the numbers of round.md §3 computed by hand.
import { checkRegional, regionalReportLines } from '../../src/round/check';
import { runAllocation } from '../../src/workbook';
import { regionalSheets } from './regional-fixture';

function report() {
  const checked = checkRegional(regionalSheets());
  if (!checked.ok) throw new Error(checked.problems.map((p) => `${p.address}: ${p.message}`).join('\n'));
  return checked.report;
}

describe('checkRegional', () => {
  test('an answered federation: cap = min(2K, 2R), matched = min(proposal, cap), members half each', () => {
    const alfa = report().federations.find((f) => f.name === 'Alfa')!;
    // K 1 000 000, R 1 500 000 → cap min(2 000 000, 3 000 000) = 2 000 000 < proposal 2 641 316
    expect(alfa).toMatchObject({
      answered: true,
      row: 1,
      proposal: 2_641_316,
      cap: 2_000_000,
      returned: 0,
      matched: 2_000_000,
      municipalities: 1_000_000,
      region: 1_000_000,
      problems: [],
    });
  });

  test('returned funds come off the matched amount; an odd krona goes to the municipalities (half up)', () => {
    const beta = report().federations.find((f) => f.name === 'Beta')!;
    // cap 4 000 000 ≥ 1 808 823 → 1 808 823 − 100 000 = 1 708 823; 854 411,5 → 854 412 and 854 411
    expect(beta).toMatchObject({ answered: true, cap: 4_000_000, returned: 100_000, matched: 1_708_823 });
    expect(beta.municipalities).toBe(854_412);
    expect(beta.region).toBe(854_411);
  });

  test('blank möjliga bidrag: not answered, no cap, no matched amount (never "full matching")', () => {
    const gamma = report().federations.find((f) => f.name === 'Gamma')!;
    expect(gamma.answered).toBe(false);
    expect(gamma.proposal).toBe(1_060_905);
    expect(gamma.cap).toBeUndefined();
    expect(gamma.matched).toBeUndefined();
    expect(gamma.problems).toEqual([]);
  });

  test('one of the two möjliga bidrag blank: not answered, a problem at the blank cell', () => {
    const delta = report().federations.find((f) => f.name === 'Delta')!;
    expect(delta.answered).toBe(false);
    expect(delta.problems.map((p) => `${p.address}: ${p.message}`)).toEqual([
      'Förbund!E5: Regionens möjliga bidrag (kr) saknas för "Delta"; fyll i båda möjliga bidragen (ett tomt fält räknas som ej svarat)',
    ]);
  });

  test('a federation of another VO is a problem at its VO cell', () => {
    const r = report();
    expect(r.federations.find((f) => f.name === 'Epsilon')!.problems.map((p) => p.address)).toEqual(['Förbund!B6']);
    expect(r.problems.map((p) => p.address)).toEqual(['Förbund!E5', 'Förbund!B6']);
  });

  test('totals and the terminal lines', () => {
    const r = report();
    expect(r.answeredCount).toBe(3); // Alfa, Beta, Epsilon
    expect(r.totalProposal).toBe(2_641_316 + 1_808_823 + 1_060_905 + 500_000 + 410_000);
    expect(r.totalMatched).toBe(2_000_000 + 1_708_823 + 410_000);
    const lines = regionalReportLines(r);
    expect(lines[0]).toBe(
      'VO Syd: 5 förbund, 3 har svarat, 2 har inte svarat. Förslaget är preliminärt tills huvudkontoret har beslutat.',
    );
    expect(lines).toContain(
      '  Alfa: förslag 2 641 316 kr, matchningstak 2 000 000 kr, preliminärt 2 000 000 kr (kommunerna 1 000 000 kr, regionen 1 000 000 kr)',
    );
    expect(lines).toContain('  Gamma: förslag 1 060 905 kr, ej svarat');
  });

  test('a cell that breaks the reading rules stops the check with every problem', () => {
    const sheets = regionalSheets();
    sheets[1].values[1][3] = 'ca 2 milj';
    sheets[1].values[2][5] = -5;
    const checked = checkRegional(sheets);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.address)).toEqual(['Förbund!D2', 'Förbund!F3']);
  });

  test('a national workbook is not checked as regional', () => {
    const checked = checkRegional(regionalSheets('Nationell'));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.address)).toEqual(['Parametrar!B4']);
  });
});

describe('scope (round.md §1)', () => {
  test('a run on a regional workbook is refused at the Omfattning cell', () => {
    const run = runAllocation(regionalSheets());
    expect(run.ok).toBe(false);
    if (run.ok) return;
    expect(run.problems.map((p) => `${p.address}: ${p.message}`)).toEqual([
      'Parametrar!B4: Arbetsboken gäller bara VO Syd (5 förbund); fördelningen beräknas i den nationella arbetsboken',
    ]);
  });

  test('Omfattning Nationell, blank or absent: the run goes on; one VO for all gives a notice', () => {
    for (const scope of ['Nationell', ' nationell ', '']) {
      const sheets = regionalSheets(scope);
      sheets[1].values[5][1] = 'Syd';
      const run = runAllocation(sheets);
      if (!run.ok) throw new Error(run.problems.map((p) => `${p.address}: ${p.message}`).join('\n'));
      expect(run.plan.summary.notices?.map((n) => `${n.address}: ${n.message}`)).toEqual([
        'Förbund!B1: alla 5 förbund har VO Syd; är arbetsboken ett utdrag för ett VO fördelas hela den statliga ramen bara över dem',
      ]);
      expect(run.plan.summary.lines[run.plan.summary.lines.length - 1]).toMatch(/^Obs: Förbund!B1: alla 5 förbund har VO Syd/);
    }
  });

  test('federations of several VOs: no notice', () => {
    const run = runAllocation(regionalSheets('Nationell'));
    if (!run.ok) throw new Error('expected a run');
    expect(run.plan.summary.notices ?? []).toEqual([]);
  });
});
