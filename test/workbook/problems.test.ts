import { readWorkbook } from '../../src/workbook/read';
import { runAllocation } from '../../src/workbook/run';
import { formatProblem } from '../../src/workbook/format';
import type { SheetValues } from '../../src/workbook/types';
import { cloneSheets, setCell, smallSheets } from './fixtures';

/** Every problem of a workbook as "Address: message" lines. */
function problems(sheets: SheetValues[]): string[] {
  const r = readWorkbook(sheets);
  if (r.ok) return [];
  for (const p of r.problems) {
    expect(p.address).toMatch(/^('.+'|[^'!]+)![A-Z]+[0-9]+$/);
    expect(p.message.length).toBeGreaterThan(0);
  }
  return r.problems.map(formatProblem);
}

function edit(change: (s: SheetValues[]) => void): SheetValues[] {
  const s = cloneSheets(smallSheets());
  change(s);
  return s;
}

test('the small fixture itself has no problem', () => {
  expect(problems(smallSheets())).toEqual([]);
});

describe('cell problems, each with its exact address and message', () => {
  test('text in an amount cell', () => {
    expect(problems(edit((s) => setCell(s, 'Förbund', 1, 2, 'ca 2 milj')))).toEqual([
      'Förbund!C2 (Alfa, Eget kapital (kr)): "ca 2 milj" är inget belopp',
    ]);
  });
  test('a percentage in an amount cell', () => {
    expect(problems(edit((s) => setCell(s, 'Förbund', 2, 1, '12 %')))).toEqual([
      'Förbund!B3 (Beta, Statlig tilldelning föregående år (kr)): "12 %" är inget belopp',
    ]);
  });
  test('a negative amount', () => {
    expect(problems(edit((s) => setCell(s, 'Förbund', 2, 1, -5000)))).toEqual([
      'Förbund!B3 (Beta, Statlig tilldelning föregående år (kr)): "-5 000" är negativt; ett belopp måste vara 0 eller mer',
    ]);
    expect(problems(edit((s) => setCell(s, 'Förbund', 2, 1, '−1 500 000 kr')))).toEqual([
      'Förbund!B3 (Beta, Statlig tilldelning föregående år (kr)): "−1 500 000 kr" är negativt; ett belopp måste vara 0 eller mer',
    ]);
  });
  test('a negative count, and a count that is not a number', () => {
    expect(problems(edit((s) => setCell(s, 'Kommuner', 1, 3, -3)))).toEqual([
      'Kommuner!D2 (Alfa, Invånare 16–64): "-3" är negativt; ett antal måste vara 0 eller mer',
    ]);
    expect(problems(edit((s) => setCell(s, 'Kommuner', 2, 5, 'många')))).toEqual([
      'Kommuner!F3 (Alfa, Försörjningsstödstagare): "många" är inget antal',
    ]);
    expect(problems(edit((s) => setCell(s, 'Kommuner', 2, 4, 'okänt')))).toEqual([
      'Kommuner!E3 (Alfa, Försörjningsmått): "okänt" är inget belopp',
    ]);
  });
  test('a required count left blank', () => {
    expect(problems(edit((s) => setCell(s, 'Kommuner', 1, 3, '')))).toEqual(['Kommuner!D2 (Alfa): Invånare 16–64 saknas']);
    expect(problems(edit((s) => setCell(s, 'Kommuner', 3, 4, null)))).toEqual(['Kommuner!E4 (Beta): Försörjningsmått saknas']);
  });
  test('months: not whole, out of range, not a number', () => {
    const msg = 'är inget antal månader; ange ett heltal 1–12';
    expect(problems(edit((s) => setCell(s, 'Förbund', 1, 5, '8,5')))).toEqual([
      `Förbund!F2 (Alfa, Verksamhetsmånader): "8,5" ${msg}`,
    ]);
    expect(problems(edit((s) => setCell(s, 'Förbund', 1, 5, 8.5)))).toEqual([
      `Förbund!F2 (Alfa, Verksamhetsmånader): "8,5" ${msg}`,
    ]);
    expect(problems(edit((s) => setCell(s, 'Förbund', 1, 5, 13)))).toEqual([
      `Förbund!F2 (Alfa, Verksamhetsmånader): "13" ${msg}`,
    ]);
    expect(problems(edit((s) => setCell(s, 'Förbund', 2, 5, 0)))).toEqual([`Förbund!F3 (Beta, Verksamhetsmånader): "0" ${msg}`]);
    expect(problems(edit((s) => setCell(s, 'Förbund', 2, 5, 'helår')))).toEqual([
      `Förbund!F3 (Beta, Verksamhetsmånader): "helår" ${msg}`,
    ]);
  });
  test('an unknown Fördelning mellan kommuner', () => {
    expect(problems(edit((s) => setCell(s, 'Förbund', 1, 6, 'Befolkning')))).toEqual([
      'Förbund!G2 (Alfa, Fördelning mellan kommuner): "Befolkning" är ingen fördelningsgrund; ange Lika, Invånare eller Försörjningsstöd',
    ]);
  });
  test('a share that is not a share', () => {
    const withShare = (v: string | number) => edit((s) => s[0].values.push(['Maximal minskning', v]));
    expect(problems(withShare('150 %'))).toEqual(['Parametrar!B3: "150 %" är ingen andel; ange 0–100 %']);
    expect(problems(withShare('abc'))).toEqual(['Parametrar!B3: "abc" är ingen andel; ange 0–100 %']);
    expect(problems(withShare(-0.1))).toEqual(['Parametrar!B3: "-0,1" är ingen andel; ange 0–100 %']);
  });
  test('a year that is not a year, a budget that is not whole kronor', () => {
    expect(problems(edit((s) => s[0].values.push(['År', 'i år'])))).toEqual(['Parametrar!B3: "i år" är inget årtal']);
    expect(problems(edit((s) => setCell(s, 'Parametrar', 1, 1, '5 000 000,50')))).toEqual([
      'Parametrar!B2: Statlig ram ska anges i hela kronor (nu 5 000 000,5 kr)',
    ]);
  });
  test('cells showing an error value (#N/A, #REF!, Swedish #SAKNAS!): the cell is named, never read as a name or a number', () => {
    const sheets = edit((s) => {
      setCell(s, 'Förbund', 2, 0, '#N/A');
      setCell(s, 'Förbund', 1, 2, '#REF!');
      setCell(s, 'Kommuner', 2, 0, '#SAKNAS!');
      setCell(s, 'Kommuner', 3, 1, '#DIV/0!');
    });
    expect(problems(sheets)).toEqual([
      'Förbund!C2 (Alfa, Eget kapital (kr)): Cellen visar felet #REF!; rätta formeln eller skriv in värdet',
      'Förbund!A3: Cellen visar felet #N/A; rätta formeln eller skriv in värdet',
      'Kommuner!A3: Cellen visar felet #SAKNAS!; rätta formeln eller skriv in värdet',
      // Beta's name cell shows #N/A, so Beta is not on Förbund as far as the file says
      'Kommuner!A4: Förbundet "Beta" finns inte på bladet Förbund',
      'Kommuner!B4 (Beta, Kommun): Cellen visar felet #DIV/0!; rätta formeln eller skriv in värdet',
    ]);
  });
  test("an amount above 10^15 is reported with the file's other problems", () => {
    const sheets = edit((s) => {
      setCell(s, 'Förbund', 1, 2, 'ca 2 milj');
      setCell(s, 'Förbund', 2, 1, 2e16);
      setCell(s, 'Kommuner', 1, 3, '2 000 000 000 000 000');
    });
    expect(problems(sheets)).toEqual([
      'Förbund!C2 (Alfa, Eget kapital (kr)): "ca 2 milj" är inget belopp',
      'Förbund!B3 (Beta, Statlig tilldelning föregående år (kr)): "20 000 000 000 000 000" är större än 10^15 (1 000 000 000 000 000); kontrollera siffrorna och enheten',
      'Kommuner!D2 (Alfa, Invånare 16–64): "2 000 000 000 000 000" är större än 10^15 (1 000 000 000 000 000); kontrollera siffrorna och enheten',
    ]);
  });
  test('an amount cell far to the right gets a two-letter column', () => {
    const sheets = edit((s) => {
      const fed = s[1].values;
      const extra = Array.from({ length: 26 }, (_, i) => `Extra ${i + 1}`);
      fed[0] = [...extra, ...fed[0]];
      fed[1] = [...extra.map(() => ''), ...fed[1]];
      fed[2] = [...extra.map(() => ''), ...fed[2]];
      fed[1][26 + 2] = 'mycket';
    });
    expect(problems(sheets)).toEqual(['Förbund!AC2 (Alfa, Eget kapital (kr)): "mycket" är inget belopp']);
  });
});

describe('structure problems', () => {
  test('a missing sheet', () => {
    expect(problems(edit((s) => s.splice(2, 1)))).toEqual(['Kommuner!A1: Bladet "Kommuner" saknas']);
    expect(problems(edit((s) => s.splice(0, 1)))).toEqual(['Parametrar!A1: Bladet "Parametrar" saknas']);
  });
  test('no header row within the first ten rows', () => {
    const sheets = edit((s) => {
      s[2].values = [...Array.from({ length: 10 }, () => ['titel']), ...s[2].values];
    });
    expect(problems(sheets)).toEqual(['Kommuner!A1: Rubriken "Förbund" saknas bland de tio första raderna']);
  });
  test('a missing required column is addressed where it would be, after the last header', () => {
    const one = edit((s) => {
      s[2].values = s[2].values.map((r) => [r[0], r[1], r[3]]);
    });
    expect(problems(one)).toEqual(['Kommuner!D1: Kolumnen "Försörjningsmått" saknas']);
    const two = edit((s) => {
      s[2].values = s[2].values.map((r) => [r[0], r[1]]);
    });
    expect(problems(two)).toEqual([
      'Kommuner!C1: Kolumnen "Invånare 16–64" saknas',
      'Kommuner!D1: Kolumnen "Försörjningsmått" saknas',
    ]);
    const noValue = edit((s) => {
      s[0].values = [
        ['Parameter', 'Belopp'],
        ['Statlig ram (kr)', 5000000],
      ];
    });
    expect(problems(noValue)).toEqual(['Parametrar!C1: Kolumnen "Värde" saknas']);
  });
  test('the same column twice, and a unit on a column without one', () => {
    expect(problems(edit((s) => setCell(s, 'Förbund', 0, 7, 'EK')))).toEqual([
      'Förbund!H1: Kolumnen "Eget kapital" finns redan i kolumn C',
    ]);
    expect(problems(edit((s) => setCell(s, 'Förbund', 0, 5, 'Verksamhetsmånader (kr)')))).toEqual([
      'Förbund!F1: Kolumnen "Verksamhetsmånader" kan inte anges i (kr)',
    ]);
  });
  test('a known column or parameter with a unit that is not one is an error, never a column ignored', () => {
    expect(problems(edit((s) => setCell(s, 'Förbund', 0, 2, 'Eget kapital (euro)')))).toEqual([
      'Förbund!C1: Kolumnen "Eget kapital" kan inte anges i (euro); använd (kr), (tkr) eller (mkr)',
    ]);
    expect(problems(edit((s) => setCell(s, 'Förbund', 0, 5, 'Verksamhetsmånader (st)')))).toEqual([
      'Förbund!F1: Kolumnen "Verksamhetsmånader" kan inte anges i (st)',
    ]);
    expect(problems(edit((s) => setCell(s, 'Parametrar', 1, 0, 'Statlig ram (euro)')))).toEqual([
      'Parametrar!A2: Parametern "Statlig ram (kr)" kan inte anges i (euro); använd (kr), (tkr) eller (mkr)',
      // the required parameter is then missing: addressed where its row would be
      expect.stringMatching(/^Parametrar!A\d: .*Statlig ram/),
    ]);
    // Parentheses that are part of an unknown header are nothing to us
    expect(problems(edit((s) => setCell(s, 'Förbund', 0, 7, 'Kontakt (e-post)')))).toEqual([]);
  });
  test('the required parameter Statlig ram: missing row, blank value', () => {
    expect(
      problems(
        edit(
          (s) =>
            (s[0].values = [
              ['Parameter', 'Värde'],
              ['Grundtilldelning (kr)', 400000],
            ]),
        ),
      ),
    ).toEqual(['Parametrar!A3: Parametern "Statlig ram (kr)" saknas']);
    expect(problems(edit((s) => setCell(s, 'Parametrar', 1, 1, '')))).toEqual(['Parametrar!B2: Statlig ram (kr) saknar värde']);
  });
  test('an unknown parameter with a value, and a parameter given twice', () => {
    expect(problems(edit((s) => s[0].values.push(['Grundtildelning', 300000])))).toEqual([
      'Parametrar!A3: "Grundtildelning" är ingen känd parameter',
    ]);
    // an unknown label without a value is a note and is ignored
    expect(problems(edit((s) => s[0].values.push(['Anteckning: beslut 12 mars', ''])))).toEqual([]);
    expect(problems(edit((s) => s[0].values.push(['statlig  ram', 6000000])))).toEqual([
      'Parametrar!A3: Parametern "Statlig ram (kr)" finns redan på rad 2',
    ]);
  });
  test('no federations at all', () => {
    const sheets = edit((s) => {
      s[1].values = [s[1].values[0]];
      s[2].values = [s[2].values[0]];
    });
    expect(problems(sheets)).toEqual(['Förbund!A2: Bladet Förbund har inga förbund']);
  });
});

describe('cross-sheet problems', () => {
  test('an unknown federation in Kommuner', () => {
    expect(problems(edit((s) => s[2].values.push(['Gamma', 'Gby', '', 1, 1, 1])))).toEqual([
      'Kommuner!A5: Förbundet "Gamma" finns inte på bladet Förbund',
    ]);
  });
  test('a duplicate federation (case and spacing ignored)', () => {
    expect(problems(edit((s) => s[1].values.push([' alfa ', 1, 1, '', '', 12, ''])))).toEqual([
      'Förbund!A4: Förbundet "alfa" finns redan på rad 2',
    ]);
  });
  test('a federation row without a name', () => {
    expect(problems(edit((s) => s[1].values.push(['', 1000, '', '', '', '', ''])))).toEqual([
      'Förbund!A4: Förbundets namn saknas',
    ]);
  });
  test('the same Förbund + Kommun + Område twice', () => {
    expect(problems(edit((s) => s[2].values.push(['Alfa', 'aby', '', 1, 1, 1])))).toEqual([
      'Kommuner!B5: Kommunen "aby" finns redan för förbundet "Alfa" på rad 2',
    ]);
    const withArea = edit((s) => {
      s[2].values[1][2] = 'Norr';
      s[2].values.push(['Alfa', 'Aby', 'Norr', 1, 1, 1]);
    });
    expect(problems(withArea)).toEqual(['Kommuner!B5: Kommunen "Aby", område "Norr", finns redan för förbundet "Alfa" på rad 2']);
  });
  test('the same Kommun + Område in two federations', () => {
    expect(problems(edit((s) => s[2].values.push(['Beta', 'Aby', '', 1, 1, 1])))).toEqual([
      'Kommuner!B5 (Beta): Kommunen "Aby" ingår redan i förbundet "Alfa" (rad 2); ange Område om kommunen är delad mellan förbund',
    ]);
    const withArea = edit((s) => {
      s[2].values[1][2] = 'Norr';
      s[2].values.push(['Beta', 'Aby', 'Norr', 1, 1, 1]);
    });
    expect(problems(withArea)).toEqual([
      'Kommuner!B5 (Beta): Kommunen "Aby", område "Norr", ingår redan i förbundet "Alfa" (rad 2)',
    ]);
  });
  test('a municipality without Område in one federation and in another federation too', () => {
    const message = (row: number, federation: string) =>
      `Kommunen "Aby" finns också i förbundet "${federation}" (rad ${row}); ange område (stadsdel) på varje rad när en kommun delas mellan förbund`;
    // Aby without an area in Alfa (row 2), with one in Beta (row 5): the later row, at its Område cell
    expect(problems(edit((s) => s[2].values.push(['Beta', 'Aby', 'Norr', 1, 1, 1])))).toEqual([
      `Kommuner!C5 (Beta): ${message(2, 'Alfa')}`,
    ]);
    // With an area in Alfa, without one in Beta
    const areaFirst = edit((s) => {
      s[2].values[1][2] = 'Söder';
      s[2].values.push(['beta', 'aby', '', 1, 1, 1]);
    });
    expect(problems(areaFirst)).toEqual([
      `Kommuner!C5 (beta): ${message(2, 'Alfa')}`.replace('Kommunen "Aby"', 'Kommunen "aby"'),
    ]);
    // Every such later row is named
    const two = edit((s) => s[2].values.push(['Beta', 'Aby', 'Norr', 1, 1, 1], ['Beta', 'Aby', 'Söder', 1, 1, 1]));
    expect(problems(two)).toEqual([`Kommuner!C5 (Beta): ${message(2, 'Alfa')}`, `Kommuner!C6 (Beta): ${message(2, 'Alfa')}`]);
  });
  test('a municipality split between federations with an area on every row is fine, and so are area and no area within one federation', () => {
    const split = edit((s) => {
      s[2].values[1][2] = 'Söder';
      s[2].values.push(['Beta', 'Aby', 'Norr', 1, 1, 1]);
    });
    expect(problems(split)).toEqual([]);
    const within = edit((s) => s[2].values.push(['Alfa', 'Aby', 'Norr', 1, 1, 1]));
    expect(problems(within)).toEqual([]);
  });
  test('a federation without areas', () => {
    expect(problems(edit((s) => s[1].values.push(['Gamma', '', '', '', '', '', ''])))).toEqual([
      'Förbund!A4: Förbundet "Gamma" har inga rader på bladet Kommuner',
    ]);
  });
  test('both Återlämnade medel and Ansökan above 0', () => {
    const sheets = edit((s) => {
      setCell(s, 'Förbund', 1, 3, 100000);
      setCell(s, 'Förbund', 1, 4, 5000);
    });
    expect(problems(sheets)).toEqual([
      'Förbund!D2 (Ansökan ytterligare medel (kr)): Förbundet Alfa både lämnar tillbaka medel (5 000 kr) och ansöker om ytterligare medel (100 000 kr); ett förbund kan inte göra båda',
    ]);
    // 0 in one of them is fine
    expect(problems(edit((s) => setCell(s, 'Förbund', 1, 3, 0) && setCell(s, 'Förbund', 1, 4, 5000)))).toEqual([]);
  });
  test('a Försörjningsstöd federation with blank Försörjningsstödstagare', () => {
    const sheets = edit((s) => {
      setCell(s, 'Förbund', 1, 6, 'Försörjningsstöd');
      setCell(s, 'Kommuner', 2, 5, '');
    });
    expect(problems(sheets)).toEqual([
      // one wording per rule: the engine's (MISSING_RECIPIENTS), at the reader's cell
      'Kommuner!F3: Förbundet Alfa fördelar kommunernas andel efter försörjningsstöd, men antal försörjningsstödstagare saknas för Kommunen Bby i förbundet Alfa',
    ]);
    // other federations may leave it blank
    expect(problems(edit((s) => setCell(s, 'Kommuner', 3, 5, '')))).toEqual([]);
    const noColumn = edit((s) => {
      setCell(s, 'Förbund', 2, 6, 'forsorjningsstod');
      s[2].values = s[2].values.map((r) => r.slice(0, 5));
    });
    expect(problems(noColumn)).toEqual([
      'Kommuner!F1: Kolumnen "Försörjningsstödstagare" saknas; den behövs för "Beta" som fördelar efter försörjningsstöd',
    ]);
  });
  test('weights not summing to 100 %', () => {
    expect(problems(edit((s) => s[0].values.push(['Vikt försörjningsmått', '70 %'])))).toEqual([
      'Parametrar!B3: Vikterna för försörjningsmått (70 %) och invånare 16–64 (25 %) summerar till 95 %, inte 100 %',
    ]);
    expect(problems(edit((s) => s[0].values.push(['Vikt invånare 16-64', '30 %'])))).toEqual([
      'Parametrar!B3: Vikterna för försörjningsmått (75 %) och invånare 16–64 (30 %) summerar till 105 %, inte 100 %',
    ]);
  });
  test('budget below N × Grundtilldelning', () => {
    expect(problems(edit((s) => setCell(s, 'Parametrar', 1, 1, 700000)))).toEqual([
      'Parametrar!B2: Statlig ram 700 000 kr räcker inte till grundtilldelningen för 2 förbund (2 × 400 000 kr = 800 000 kr)',
    ]);
    expect(problems(edit((s) => setCell(s, 'Parametrar', 1, 1, 800000)))).toEqual([]);
  });
  test('Trappan gräns 2 below gräns 1', () => {
    expect(problems(edit((s) => s[0].values.push(['Trappan gräns 2 (kr)', 5000000])))).toEqual([
      'Parametrar!B3: Trappan gräns 1 (7 000 000 kr) får inte vara större än gräns 2 (5 000 000 kr)',
    ]);
  });
  test('all försörjningsmått 0 while its weight is above 0', () => {
    const sheets = edit((s) => {
      for (let r = 1; r <= 3; r++) setCell(s, 'Kommuner', r, 4, 0);
    });
    // one wording per rule: the engine's (ZERO_TOTALS), at the column's header
    expect(problems(sheets)).toEqual([
      'Kommuner!E1: Summan av försörjningsmått över alla kommuner är 0; försörjningsmåttsnyckeln kan inte beräknas',
    ]);
    sheets[0].values.push(['Vikt försörjningsmått', 0], ['Vikt invånare 16–64', 1]);
    expect(problems(sheets)).toEqual([]);
  });
});

test('several problems are reported together, sorted by sheet, row and column', () => {
  const sheets = edit((s) => {
    setCell(s, 'Kommuner', 3, 3, 'x');
    setCell(s, 'Förbund', 2, 5, 14);
    setCell(s, 'Förbund', 1, 2, 'ca 2 milj');
    s[2].values.push(['Gamma', 'Gby', '', 1, 1, 1]);
    s[0].values.push(['Maximal minskning', '150 %']);
  });
  expect(problems(sheets)).toEqual([
    'Parametrar!B3: "150 %" är ingen andel; ange 0–100 %',
    'Förbund!C2 (Alfa, Eget kapital (kr)): "ca 2 milj" är inget belopp',
    'Förbund!F3 (Beta, Verksamhetsmånader): "14" är inget antal månader; ange ett heltal 1–12',
    'Kommuner!D4 (Beta, Invånare 16–64): "x" är inget antal',
    'Kommuner!A5: Förbundet "Gamma" finns inte på bladet Förbund',
  ]);
});

test('addresses use the workbook’s own sheet name, quoted when needed', () => {
  const sheets = edit((s) => {
    s[1].name = 'förbund';
    setCell(s, 'förbund', 1, 2, 'ca 2 milj');
    s[2].name = 'Kommuner ';
    setCell(s, 'Kommuner ', 1, 3, 'x');
  });
  expect(problems(sheets)).toEqual([
    'förbund!C2 (Alfa, Eget kapital (kr)): "ca 2 milj" är inget belopp',
    '\'Kommuner \'!D2 (Alfa, Invånare 16–64): "x" är inget antal',
  ]);
});

test('runAllocation writes nothing when there is a problem', () => {
  const run = runAllocation(edit((s) => setCell(s, 'Förbund', 1, 2, 'ca 2 milj')));
  expect(run.ok).toBe(false);
  expect(run).not.toHaveProperty('plan');
  if (!run.ok)
    expect(run.problems.map(formatProblem)).toEqual(['Förbund!C2 (Alfa, Eget kapital (kr)): "ca 2 milj" är inget belopp']);
});
