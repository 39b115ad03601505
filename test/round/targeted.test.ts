// A targeted-funds round (riktade medel) through the sheets: the proposal against a hand computation,
// decisions typed partly, every problem kind at its cell, the pot from Körlogg, rerun safety.
import { applyPlanToSheets } from '../../src/workbook/apply';
import type { CellValue, SheetValues } from '../../src/workbook/types';
import { runTargeted } from '../../src/round/targeted';
import type { TargetedOutcome } from '../../src/round/targeted';

const T0 = new Date(2027, 2, 1, 9, 0, 0);
const HEAD = [
  'Ansökan',
  'Förbund',
  'Insats',
  'Typ',
  'Målgrupp',
  'Sökt belopp (kr)',
  'Beviljat belopp (kr)',
  'Återrapport senast',
];
const B = 'Behovsanalys och plan';
const A = 'Aktiv insats';

function parameters(pot: CellValue = 1_000_000, cap: CellValue = 500_000): SheetValues {
  return {
    name: 'Parametrar',
    values: [
      ['Parameter', 'Värde'],
      ['Statlig ram (kr)', 9_000_000],
      ['Tak riktade medel (kr)', cap],
      ['Riktade medel (kr)', pot],
    ],
  };
}
const FEDERATIONS: SheetValues = {
  name: 'Förbund',
  values: [
    ['Förbund', 'VO'],
    ['Norrby', 'Syd'],
    ['Söderby', 'Väst'],
    ['Österby', 'Nord'],
  ],
};
/** Five insatser in four applications: A1 over the cap (two insatser), A3 joint. */
function applicationRows(granted: CellValue[] = ['', '', '', '', '']): CellValue[][] {
  return [
    ['A1', 'Norrby', 'Kartläggning', B, 'Långtidssjukskrivna', 300_000, granted[0], ''],
    ['A1', 'Norrby', 'Plan', B, 'Långtidssjukskrivna', 400_000, granted[1], ''],
    ['A2', 'Söderby', 'Arbetsträning', A, 'Unga i riskzonen', 250_000, granted[2], '2027-12-31'],
    [
      'A3',
      'Norrby; Österby',
      'Gemensam insats',
      `${B}; ${A}`,
      'Unga med aktivitetsersättning; Unga i riskzonen',
      350_000,
      granted[3],
      '',
    ],
    ['A4', 'Österby', 'Coachning', A, '', 100_001, granted[4], ''],
  ];
}
function workbook(rows: CellValue[][] = applicationRows(), params: SheetValues = parameters()): SheetValues[] {
  return [params, FEDERATIONS, { name: 'Ansökningar', values: [HEAD, ...rows] }];
}
function ok(outcome: TargetedOutcome): Extract<TargetedOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => `${p.address}: ${p.message}`).join('\n'));
  return outcome;
}
const sheet = (sheets: SheetValues[], name: string): CellValue[][] => sheets.find((s) => s.name === name)!.values;
/** Riktade medel's Uppgift → Värde rows. */
function figures(sheets: SheetValues[]): Record<string, CellValue> {
  return Object.fromEntries(
    sheet(sheets, 'Riktade medel')
      .filter((r) => typeof r[0] === 'string' && r[0] !== '')
      .map((r) => [r[0], r[1]]),
  );
}
/** A table of Riktade medel by its title: header row and rows until a blank row. */
function table(sheets: SheetValues[], title: string): CellValue[][] {
  const values = sheet(sheets, 'Riktade medel');
  const at = values.findIndex((r) => r[0] === title);
  const rows: CellValue[][] = [];
  for (let r = at + 1; r < values.length && values[r][0] !== ''; r++) rows.push(values[r].slice(0, 6));
  return rows;
}

describe('the proposal, by hand', () => {
  // Wants: A1 min(700 000, 500 000) = 500 000 split 300:400 → 214 285,71… / 285 714,28… → LR 214 286 / 285 714;
  // A2 250 000; A3 350 000; A4 100 001. Σ want 1 200 001 > pot 1 000 000: want × 1 000 000 / 1 200 001 =
  // 178 571,52 / 238 094,80 / 208 333,16 / 291 666,42 / 83 334,10 → floors sum 999 998, the two largest
  // remainders (0,80 and 0,52) get a krona: 178 572 / 238 095 / 208 333 / 291 666 / 83 334 = 1 000 000.
  const outcome = ok(runTargeted(workbook(), { timestamp: T0 }));
  const after = applyPlanToSheets(workbook(), outcome.plan);
  const apps = sheet(after, 'Ansökningar');

  test('Förslag (kr), Beslut and Varningar after the input columns', () => {
    expect(apps[0].slice(8)).toEqual(['Förslag (kr)', 'Beslut', 'Varningar']);
    expect(apps.slice(1).map((r) => r[8])).toEqual([178_572, 238_095, 208_333, 291_666, 83_334]);
    expect(apps.slice(1).map((r) => r[9])).toEqual(['Ej beslutad', 'Ej beslutad', 'Ej beslutad', 'Ej beslutad', 'Ej beslutad']);
    expect(apps[1][10]).toMatch(/^ÖVER_TAK: Ansökan A1 söker 700 000 kr, över taket 500 000 kr/);
    expect(apps[2][10]).toBe(apps[1][10]);
    expect(apps.slice(3).map((r) => r[10])).toEqual(['', '', '']);
    expect(outcome.plan.highlight.rows).toEqual([1, 2]);
  });

  test('the inputs are untouched', () => {
    expect(apps.map((r) => r.slice(0, 8))).toEqual([HEAD, ...applicationRows()]);
  });

  test('Riktade medel: the round in figures (Föreslaget while nothing is decided)', () => {
    const f = figures(after);
    expect(f).toMatchObject({
      'Pott (kr)': 1_000_000,
      'Tak per ansökan (kr)': 500_000,
      'Antal ansökningar': 4,
      'Antal insatser': 5,
      'Gemensamma ansökningar': 1,
      'Insatser med förslag över 0 kr': 5,
      'varav Behovsanalys och plan': 3,
      'varav Aktiv insats': 3,
      'varav Långtidssjukskrivna': 2,
      'varav Unga med aktivitetsersättning': 1,
      'varav Unga i riskzonen': 2,
      Avslag: 0,
      'Sökt belopp (kr)': 1_400_001,
      'Föreslaget belopp (kr)': 1_000_000,
      'Kvar av potten (kr)': 0,
    });
    expect(f['Beviljat belopp (kr)']).toBeUndefined();
    expect(f['Pottens källa']).toBe('Parametern Riktade medel (Parametrar!B4)');
  });

  test('per VO and per federation, the joint grant divided equally', () => {
    // A3's 291 666 → 145 833 each; Sökt 350 000 → 175 000 each
    expect(table(after, 'Per förbund')).toEqual([
      ['Förbund', 'VO', 'Ansökningar', 'Insatser', 'Sökt (kr)', 'Föreslaget (kr)'],
      ['Norrby', 'Syd', 2, 3, 875_000, 562_500],
      ['Söderby', 'Väst', 1, 1, 250_000, 208_333],
      ['Österby', 'Nord', 2, 2, 275_001, 229_167],
    ]);
    expect(table(after, 'Per VO')).toEqual([
      ['VO', 'Ansökningar', 'Insatser', 'Sökt (kr)', 'Föreslaget (kr)', ''],
      ['Syd', 2, 3, 875_000, 562_500, ''],
      ['Väst', 1, 1, 250_000, 208_333, ''],
      ['Nord', 2, 2, 275_001, 229_167, ''],
    ]);
  });

  test('a rerun writes the same cells (and the same sheet, but for the time)', () => {
    const again = ok(runTargeted(after, { timestamp: T0 }));
    const twice = applyPlanToSheets(after, again.plan);
    expect(twice).toEqual(after);
  });
});

describe('decisions typed partly', () => {
  const first = ok(runTargeted(workbook(), { timestamp: T0 }));
  const proposed = applyPlanToSheets(workbook(), first.plan);
  // The working group types three decisions: A1's first insats in part (200 000 of 300 000), A2 in full,
  // A4 rejected (0); A1's second insats and A3 stay blank.
  const decidedAt = ['', 200_000, '', 250_000, '', 0];
  const decided = proposed.map((s) =>
    s.name !== 'Ansökningar'
      ? s
      : { ...s, values: s.values.map((r, i) => (i === 0 ? r : [...r.slice(0, 6), decidedAt[i], ...r.slice(7)])) },
  );
  const second = ok(runTargeted(decided, { timestamp: T0 }));
  const after = applyPlanToSheets(decided, second.plan);
  const apps = sheet(after, 'Ansökningar');

  test('the proposal column is left as it is, the typed decisions too', () => {
    expect(second.plan.blocks.every((b) => b.column !== 8)).toBe(true);
    expect(second.plan.clear.every((c) => c.column !== 8)).toBe(true);
    expect(apps.slice(1).map((r) => r[8])).toEqual([178_572, 238_095, 208_333, 291_666, 83_334]);
    expect(apps.slice(1).map((r) => r[6])).toEqual([200_000, '', 250_000, '', 0]);
  });

  test('Beslut per insats', () => {
    expect(apps.slice(1).map((r) => r[9])).toEqual(['Delvis', 'Ej beslutad', 'Beviljad', 'Ej beslutad', 'Avslag']);
  });

  test('the figures are the decisions’', () => {
    expect(figures(after)).toMatchObject({
      'Insatser beviljade helt eller delvis': 2,
      'varav Behovsanalys och plan': 1,
      'varav Aktiv insats': 1,
      Avslag: 1,
      'Ej beslutade': 2,
      'Beviljat belopp (kr)': 450_000,
      'Kvar av potten (kr)': 550_000,
    });
    expect(second.plan.summary).toMatchObject({ decided: true, basis: 'Beviljat', granted: 450_000, undecided: 2 });
  });
});

describe('the pot', () => {
  test('blank Riktade medel: the ordinary run’s Ej fördelat on Körlogg', () => {
    const sheets = [
      ...workbook(undefined, parameters('')),
      {
        name: 'Körlogg',
        values: [
          ['Uppgift', 'Värde'],
          ['Statlig ram (kr)', 9_000_000],
          ['Ej fördelat (kr)', 600_000],
        ],
      },
    ];
    const outcome = ok(runTargeted(sheets, { timestamp: T0 }));
    expect(outcome.plan.summary.pot).toBe(600_000);
    expect(outcome.plan.summary.potSource).toEqual({ kind: 'runLog', address: 'Körlogg!B3' });
    expect(outcome.plan.summary.granted).toBe(600_000);
  });

  test('neither: a problem at the parameter', () => {
    const outcome = runTargeted(workbook(undefined, parameters('')), { timestamp: T0 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => p.address)).toEqual(['Parametrar!B4']);
    expect(outcome.problems[0].message).toMatch(/^Riktade medel \(kr\) saknas på Parametrar/);
  });
});

describe('every problem at once, each at its cell', () => {
  const rows: CellValue[][] = [
    ['', 'Norrby', 'Utan nummer', B, '', 1_000, '', ''], // 2: APPLICATION_MISSING A2
    ['P1', '', 'Utan förbund', B, '', 1_000, '', ''], // 3: FEDERATION_MISSING B3
    ['P2', 'Okändby', 'Okänt förbund', B, '', 1_000, '', ''], // 4: UNKNOWN_FEDERATION B4
    ['P3', 'Norrby; norrby', 'Två gånger', B, '', 1_000, '', ''], // 5: FEDERATION_REPEATED B5
    ['P4', 'Norrby', '', B, '', 1_000, '', ''], // 6: INSATS_MISSING C6
    ['P5', 'Norrby', 'Utan typ', '', '', 1_000, '', ''], // 7: TYPE_MISSING D7
    ['P6', 'Norrby', 'Fel typ', 'Kaffe', '', 1_000, '', ''], // 8: INVALID_TYPE D8
    ['P7', 'Norrby', 'Fel målgrupp', B, 'Pensionärer', 1_000, '', ''], // 9: INVALID_TARGET_GROUP E9
    ['P8', 'Norrby', 'Första', B, '', 1_000, '', ''], // 10
    ['P8', 'Norrby', 'Andra', A, '', 1_000, '', ''], // 11: APPLICATION_INCONSISTENT D11
    ['P9', 'Norrby', 'Öre', B, '', 100.5, '', ''], // 12: INVALID_AMOUNT F12 (engine)
    ['P10', 'Norrby', 'Ord', B, '', 'ca 2 milj', '', ''], // 13: not an amount F13 (reader)
    ['P11', 'Norrby', 'Utan sökt', B, '', '', '', ''], // 14: Sökt missing F14 (reader)
    ['P12', 'Norrby', 'För mycket', B, '', 1_000, 2_000, ''], // 15: GRANTED_ABOVE_REQUESTED G15
    ['P13', 'Söderby', 'Stor 1', B, '', 400_000, 300_000, ''], // 16
    ['P13', 'Söderby', 'Stor 2', B, '', 400_000, 300_000, ''], // 17: GRANTED_ABOVE_CAP G16 (G16:G17)
    ['P14', 'Söderby', 'Datum', B, '', 1_000, '', 'snart'], // 18: not a date H18
  ];
  const outcome = runTargeted(workbook(rows, parameters(500_000)), { timestamp: T0 });

  test('none is written and every problem is there', () => {
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const found = outcome.problems.map((p) => `${p.address}: ${p.message}`);
    const expected: [string, RegExp][] = [
      ['Ansökningar!A2', /^Insatsen på rad 2 saknar ansökan/],
      ['Ansökningar!B3', /Ansökan P1 saknar förbund/],
      ['Ansökningar!B4', /förbundet Okändby finns inte på bladet Förbund/],
      ['Ansökningar!B5', /förbundet norrby är angivet mer än en gång/],
      ['Ansökningar!C6', /Ansökan P4: insatsen saknar namn/],
      ['Ansökningar!D7', /Ansökan P5: typ saknas/],
      ['Ansökningar!D8', /okänd typ "Kaffe"/],
      ['Ansökningar!E9', /okänd målgrupp "Pensionärer"/],
      ['Ansökningar!D11', /Ansökan P8: typ skiljer sig från ansökans första insats \(rad 10\)/],
      ['Ansökningar!F12', /Ansökan P9: sökt belopp ska vara hela kronor/],
      ['Ansökningar!F13', /"ca 2 milj" är inget belopp/],
      ['Ansökningar!F14', /Sökt belopp saknas/],
      ['Ansökningar!G15', /beviljat 2 000 kr är mer än sökt 1 000 kr/],
      ['Ansökningar!G15', /^Beviljat sammanlagt 602 000 kr är mer än de riktade medlen 500 000 kr \(gäller G15:G17\)$/],
      [
        'Ansökningar!G16',
        /Ansökan P13: beviljat sammanlagt 600 000 kr är mer än taket 500 000 kr per ansökan \(gäller G16:G17\)/,
      ],
      ['Ansökningar!H18', /"snart" är inget datum/],
    ];
    for (const [address, message] of expected) {
      expect(found.filter((f) => f.startsWith(`${address}: `) && message.test(f.slice(address.length + 2)))).toHaveLength(1);
    }
    expect(outcome.problems).toHaveLength(expected.length);
  });

  test('a typed Σ Beviljat above the pot', () => {
    const big: CellValue[][] = [
      ['Q1', 'Norrby', 'Ett', B, '', 400_000, 400_000, ''],
      ['Q2', 'Söderby', 'Två', B, '', 400_000, 400_000, ''],
    ];
    const o = runTargeted(workbook(big, parameters(700_000)), { timestamp: T0 });
    expect(o.ok ? [] : o.problems.map((p) => `${p.address}: ${p.message}`)).toEqual([
      'Ansökningar!G2: Beviljat sammanlagt 800 000 kr är mer än de riktade medlen 700 000 kr (gäller G2:G3)',
    ]);
  });

  test('a parameter that is not whole kronor is a problem at its cell', () => {
    const o = runTargeted(workbook(applicationRows(), parameters(1000.5)), { timestamp: T0 });
    expect(o.ok ? [] : o.problems.map((p) => p.address)).toEqual(['Parametrar!B4']);
  });

  test('no sheet, no column, no rows', () => {
    const noSheet = runTargeted([parameters(), FEDERATIONS], { timestamp: T0 });
    expect(noSheet.ok ? [] : noSheet.problems.map((p) => `${p.address}: ${p.message}`)).toEqual([
      'Ansökningar!A1: Bladet "Ansökningar" saknas',
    ]);
    const noColumn = runTargeted(
      [
        parameters(),
        FEDERATIONS,
        { name: 'Ansökningar', values: [HEAD.filter((h) => h !== 'Insats'), ['A1', 'Norrby', B, '', 1, '', '']] },
      ],
      { timestamp: T0 },
    );
    expect(noColumn.ok ? [] : noColumn.problems.map((p) => `${p.address}: ${p.message}`)).toEqual([
      'Ansökningar!H1: Kolumnen "Insats" saknas',
    ]);
    const noRows = runTargeted([parameters(), FEDERATIONS, { name: 'Ansökningar', values: [HEAD] }], { timestamp: T0 });
    expect(noRows.ok ? [] : noRows.problems.map((p) => `${p.address}: ${p.message}`)).toEqual([
      'Ansökningar!A2: Bladet Ansökningar har inga ansökningar',
    ]);
  });
});

describe('rerun safety: cells of the user’s are kept', () => {
  test('a note under the table, a column of the user’s beside the output, a formula cell', () => {
    const first = applyPlanToSheets(workbook(), ok(runTargeted(workbook(), { timestamp: T0 })).plan);
    const apps = sheet(first, 'Ansökningar');
    // The user adds a note column right of the output, a note under the table in the Beslut column,
    // and blanks one insats (its row's old output is the run's and goes)
    apps[0][11] = 'Kommentar';
    apps[1][11] = 'ring förbundet';
    apps.push([], ['', '', '', '', '', '', '', '', '', 'Anteckning: se protokollet', '', '']);
    apps[5] = ['', '', '', '', '', '', '', '', apps[5][8], apps[5][9], apps[5][10]];
    // … and a total of the proposals under the table (a formula: never the run's)
    apps.push(['', '', '', '', '', '', '', '', 1_000_000]);
    first.find((s) => s.name === 'Ansökningar')!.formulaCells = [{ row: 8, column: 8 }];
    const second = ok(runTargeted(first, { timestamp: T0 }));
    const after = sheet(applyPlanToSheets(first, second.plan), 'Ansökningar');
    expect(after[0].slice(8, 12)).toEqual(['Förslag (kr)', 'Beslut', 'Varningar', 'Kommentar']);
    expect(after[1][11]).toBe('ring förbundet');
    expect(after[7][9]).toBe('Anteckning: se protokollet');
    expect(after[8][8]).toBe(1_000_000);
    expect(second.plan.clear.some((c) => c.column === 8 && c.row <= 8 && 8 < c.row + c.rowCount)).toBe(false);
    // A4 is gone: its row is cleared, and the pot now goes to the other four
    expect(after[5].slice(8, 11)).toEqual(['', '', '']);
    expect(after.slice(1, 5).map((r) => r[9])).toEqual(['Ej beslutad', 'Ej beslutad', 'Ej beslutad', 'Ej beslutad']);
  });
});
