// split and merge on the bundled national example, host-neutral (sheets as arrays).
import Decimal from 'decimal.js';
import { exampleSheets } from '../../src/workbook/example';
import { sheetOutputToValues } from '../../src/workbook/apply';
import { runAllocation } from '../../src/workbook/run';
import { readWorkbook } from '../../src/workbook/read';
import { formatProblem } from '../../src/workbook/format';
import type { CellValue, SheetValues } from '../../src/workbook/types';
import {
  contributionForFullProposal,
  MUNICIPAL_SHARE_SHEET,
  NATIONAL_SHEET,
  REGIONAL_HEADER_ROW,
  splitRound,
} from '../../src/round/split';
import { applyMergePlanToSheets, formatMergeProblem, mergeAnswers } from '../../src/round/merge';
import { canonicalNationalInput, nationalSource } from '../../src/round/national-source';
import type { RegionalFile } from '../../src/round/types';

const TIME = new Date(2027, 4, 20, 10, 0, 0);
/** The first federation of VO Syd in the example. */
const SYD1 = 'Finsam Fjällbjörkheden';

function national(): SheetValues[] {
  return exampleSheets().map(sheetOutputToValues);
}

function split(sheets: SheetValues[] = national(), replyDate?: string): RegionalFile[] {
  const r = splitRound(sheets, { timestamp: TIME, ...(replyDate ? { replyDate } : {}) });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.files;
}

const valuesOf = (file: RegionalFile): SheetValues[] => file.sheets.map(sheetOutputToValues);
const sheet = (sheets: SheetValues[], name: string) => sheets.find((s) => s.name === name)!;

/** Sets `header` of the federation `name` on Förbund (header row found by its first cell `Förbund`). */
function setAnswer(sheets: SheetValues[], name: string, header: string, value: CellValue): void {
  const fed = sheet(sheets, 'Förbund').values;
  const headerRow = fed.findIndex((r) => r[0] === 'Förbund');
  const col = fed[headerRow].indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  const row = fed.findIndex((r, i) => i > headerRow && r[0] === name);
  if (row < 0) throw new Error(`no federation ${name}`);
  while (fed[row].length <= col) fed[row].push('');
  fed[row][col] = value;
}

function run(sheets: SheetValues[]) {
  const r = runAllocation(sheets, { timestamp: TIME });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r;
}

function merged(nat: SheetValues[], files: { fileName: string; sheets: SheetValues[] }[], timestamp = TIME) {
  const r = mergeAnswers(nat, files, { timestamp });
  if (!r.ok) throw new Error(r.problems.map(formatMergeProblem).join('\n'));
  return { ...r, after: applyMergePlanToSheets(nat, r.plan) };
}

function problemsOf(nat: SheetValues[], files: { fileName: string; sheets: SheetValues[] }[]): string[] {
  const r = mergeAnswers(nat, files, { timestamp: TIME });
  if (r.ok) throw new Error('merge was not refused');
  return r.problems.map(formatMergeProblem);
}

describe('splitRound on the national example', () => {
  const nat = national();
  const files = split(nat, '2027-05-28');
  const result = run(nat).result;

  test('one file per VO, named after it, with the VO federations only', () => {
    expect(files.map((f) => [f.fileName, f.vo, f.federationCount])).toEqual([
      ['VO Syd.xlsx', 'Syd', 18],
      ['VO Väst.xlsx', 'Väst', 18],
      ['VO Mitt.xlsx', 'Mitt', 16],
      ['VO Stockholm.xlsx', 'Stockholm', 12],
      ['VO Nord.xlsx', 'Nord', 16],
    ]);
    expect(files[0].sheets.map((s) => s.name)).toEqual([
      'Instruktioner',
      'Parametrar',
      'Förbund',
      'Kommuner',
      MUNICIPAL_SHARE_SHEET,
      NATIONAL_SHEET,
      'Underlag',
    ]);
    for (const f of files) {
      const read = readWorkbook(valuesOf(f));
      if (!read.ok) throw new Error(read.problems.map(formatProblem).join('\n'));
      expect(read.input.federations.every((x) => x.vo === f.vo)).toBe(true);
      expect(read.input.federations).toHaveLength(f.federationCount);
    }
  });

  test('the proposal is the national one; the contributions are the smallest K with 2K ≥ A_f', () => {
    const syd = valuesOf(files[0]);
    const fed = sheet(syd, 'Förbund').values;
    const header = fed[REGIONAL_HEADER_ROW];
    const col = (h: string) => header.indexOf(h);
    // The national proposal, not the whole budget spread over VO Syd
    const first = fed.find((r) => r[0] === SYD1)!;
    expect(first[col('Efter spärr (kr)')]).toBe(result.federations.find((f) => f.name === SYD1)!.rounded.afterFloor.toNumber());
    for (const row of fed.slice(REGIONAL_HEADER_ROW + 1)) {
      const r = result.federations.find((f) => f.name === row[0])!;
      expect(row[col('Idealfördelning (kr)')]).toBe(r.rounded.ideal.toNumber());
      expect(row[col('Efter spärr (kr)')]).toBe(r.rounded.afterFloor.toNumber());
      const k = new Decimal(row[col('Kommunerna behöver bidra med (kr)')] as number);
      expect(row[col('Regionen behöver bidra med (kr)')]).toBe(k.toNumber());
      expect(k.isInteger()).toBe(true);
      expect(k.times(2).gte(r.afterFloor)).toBe(true);
      expect(k.minus(1).times(2).lt(r.afterFloor)).toBe(true);
    }
    expect(contributionForFullProposal(new Decimal('6043334.5'))).toEqual(new Decimal(3021668));
    expect(contributionForFullProposal(new Decimal('6043334'))).toEqual(new Decimal(3021667));
  });

  test('typing the contributions needed never leads to a cut', () => {
    const withAnswers = national();
    const syd = valuesOf(files[0]);
    const fed = sheet(syd, 'Förbund').values;
    const header = fed[REGIONAL_HEADER_ROW];
    for (const row of fed.slice(REGIONAL_HEADER_ROW + 1)) {
      const k = row[header.indexOf('Kommunerna behöver bidra med (kr)')];
      setAnswer(withAnswers, row[0] as string, 'Kommunernas möjliga bidrag (kr)', k);
      setAnswer(withAnswers, row[0] as string, 'Regionens möjliga bidrag (kr)', k);
    }
    const after = run(withAnswers).result;
    for (const row of fed.slice(REGIONAL_HEADER_ROW + 1)) {
      const f = after.federations.find((x) => x.name === row[0])!;
      expect(f.cap!.gte(f.afterFloor)).toBe(true);
      expect(f.cappedByMatching).toBe(false);
      expect(f.warnings.map((w) => w.code)).not.toContain('MATCHNING');
    }
  });

  test('Kommunernas del splits each federation’s need over its municipalities (step 9)', () => {
    const syd = valuesOf(files[0]);
    const fed = sheet(syd, 'Förbund').values;
    const header = fed[REGIONAL_HEADER_ROW];
    const shares = sheet(syd, MUNICIPAL_SHARE_SHEET).values.slice(REGIONAL_HEADER_ROW + 1);
    for (const row of fed.slice(REGIONAL_HEADER_ROW + 1)) {
      const own = shares.filter((s) => s[0] === row[0]);
      expect(own.length).toBeGreaterThan(0);
      const total = own.reduce((a, s) => a + (s[4] as number), 0);
      expect(total).toBe(row[header.indexOf('Kommunerna behöver bidra med (kr)')]);
      expect(own.reduce((a, s) => a + (s[3] as number), 0)).toBeCloseTo(1, 9);
    }
  });

  test('Parametrar carries Omfattning, Svarsdatum and Nationell källa; Nationellt the national figures', () => {
    const syd = valuesOf(files[0]);
    const params = sheet(syd, 'Parametrar').values;
    const value = (label: string) => params.find((r) => r[0] === label)?.[1];
    expect(value('Omfattning')).toBe('Syd');
    expect(value('Svarsdatum')).toBe('2027-05-28');
    expect(value('Nationell källa')).toBe(nationalSource(run(nat).input));
    expect(value('Statlig ram (kr)')).toBe(339_000_000);
    const n = sheet(syd, NATIONAL_SHEET).values;
    const fig = (label: string) => n.find((r) => r[0] === label)?.[1];
    expect(fig('Statlig ram (kr)')).toBe(339_000_000);
    expect(fig('Antal förbund')).toBe(80);
    expect(fig('Σ försörjningsmått')).toBe(result.totalSupportMeasure.toNumber());
    expect(fig('Σ invånare 16–64')).toBe(result.totalPopulation.toNumber());
    expect(fig('Pott T (kr)')).toBe(result.pool.toNumber());
    expect(fig('λ')).toBe(result.lambda.toNumber());
    expect(fig('Tillämpad spärr')).toBe(result.appliedMaxDecrease.toNumber());
  });

  test('every sheet is protected; on Förbund only the answer cells are open and carry validation', () => {
    const fedSheet = files[0].sheets.find((s) => s.name === 'Förbund')!;
    for (const s of files[0].sheets) expect(s.protection).toBeDefined();
    expect(fedSheet.protection!.unlocked).toHaveLength(1);
    const open = fedSheet.protection!.unlocked[0];
    const header = fedSheet.values[REGIONAL_HEADER_ROW];
    expect(header.slice(open.column, open.column + open.columnCount)).toEqual([
      'Eget kapital (kr)',
      'Totala medel föregående år (kr)',
      'Kommunernas möjliga bidrag (kr)',
      'Regionens möjliga bidrag (kr)',
      'Ansökan ytterligare medel (kr)',
      'Återlämnade medel (kr)',
      'Fördelning mellan kommuner',
      'Svar inkommit',
      'Kommentar',
    ]);
    expect(open.row).toBe(REGIONAL_HEADER_ROW + 1);
    expect(open.rowCount).toBe(18);
    const validated = (fedSheet.validations ?? []).map((v) => header[v.cells.column]);
    expect(validated).toEqual(header.slice(open.column, open.column + 7));
    expect(fedSheet.validations!.find((v) => v.type === 'list')!.cells.column).toBe(open.column + 6);
  });

  test('a blank VO is a problem at each blank cell; nothing is made', () => {
    const sheets = national();
    const fed = sheet(sheets, 'Förbund').values;
    const header = fed.findIndex((r) => r[0] === 'Förbund');
    const vo = fed[header].indexOf('VO');
    fed[header + 1][vo] = '';
    fed[header + 5][vo] = '  ';
    const r = splitRound(sheets, { timestamp: TIME });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const col = String.fromCharCode(65 + vo);
    expect(r.problems.map(formatProblem)).toEqual([
      `Förbund!${col}${header + 2}: ${fed[header + 1][0]} saknar VO; varje förbund måste ha ett VO för att arbetsboken ska kunna delas upp`,
      `Förbund!${col}${header + 6}: ${fed[header + 5][0]} saknar VO; varje förbund måste ha ett VO för att arbetsboken ska kunna delas upp`,
    ]);
  });

  test('a regional workbook is not split again', () => {
    const r = splitRound(valuesOf(files[0]), { timestamp: TIME });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map(formatProblem).join('\n')).toContain('Arbetsboken gäller bara VO Syd');
  });
});

describe('nationalSource', () => {
  const input = (sheets: SheetValues[]) => {
    const r = readWorkbook(sheets);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    return r.input;
  };
  const base = nationalSource(input(national()));

  test('reordering rows, other spelling of names, tkr and answers change nothing', () => {
    const sheets = national();
    const fed = sheet(sheets, 'Förbund').values;
    const header = fed.findIndex((r) => r[0] === 'Förbund');
    const rows = fed.splice(header + 1);
    fed.push(...rows.reverse());
    const kom = sheet(sheets, 'Kommuner').values;
    const kh = kom.findIndex((r) => r[0] === 'Förbund');
    kom.push(...kom.splice(kh + 1).reverse());
    // an answer column changed: not part of the source
    setAnswer(sheets, SYD1, 'Eget kapital (kr)', 1_234_567);
    setAnswer(sheets, SYD1, 'Kommunernas möjliga bidrag (kr)', 100);
    // Statlig tilldelning föregående år in tkr
    const prev = fed[header].indexOf('Statlig tilldelning föregående år (kr)');
    fed[header][prev] = 'Statlig tilldelning föregående år (tkr)';
    for (const r of fed.slice(header + 1)) if (typeof r[prev] === 'number') r[prev] = (r[prev] as number) / 1000;
    // the same names spelled with other case and spaces
    for (const r of [...fed, ...kom]) if (r[0] === SYD1) r[0] = `  ${SYD1.toUpperCase()} `;
    expect(fed.some((r) => r[0] === `  ${SYD1.toUpperCase()} `)).toBe(true);
    expect(nationalSource(input(sheets))).toBe(base);
  });

  test('any change of a national input changes it', () => {
    const sheets = national();
    setAnswer(sheets, SYD1, 'Verksamhetsmånader', 6);
    expect(nationalSource(input(sheets))).not.toBe(base);
    const other = national();
    const kom = sheet(other, 'Kommuner').values;
    const kh = kom.findIndex((r) => r[0] === 'Förbund');
    kom[kh + 1][3] = (kom[kh + 1][3] as number) + 1;
    expect(nationalSource(input(other))).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalNationalInput(input(national()))).not.toContain('"equity"');
  });
});

describe('mergeAnswers', () => {
  const nat = national();
  const files = split(nat);
  const regional = () => files.map((f) => ({ fileName: f.fileName, sheets: valuesOf(f) }));

  test('answers are copied into the national rows; allocate equals typing them directly', () => {
    const returned = regional();
    const direct = national();
    const answers: [number, string, string, CellValue][] = [
      [0, SYD1, 'Kommunernas möjliga bidrag (kr)', 2_000_000],
      [0, SYD1, 'Regionens möjliga bidrag (kr)', 2_500_000],
      [0, SYD1, 'Eget kapital (kr)', 900_000],
      [1, files[1].sheets[2].values[REGIONAL_HEADER_ROW + 1][0] as string, 'Ansökan ytterligare medel (kr)', 750_000],
      [2, files[2].sheets[2].values[REGIONAL_HEADER_ROW + 2][0] as string, 'Fördelning mellan kommuner', 'Lika'],
    ];
    for (const [i, name, header, value] of answers) {
      setAnswer(returned[i].sheets, name, header, value);
      setAnswer(direct, name, header, value);
    }
    setAnswer(returned[3].sheets, files[3].sheets[2].values[REGIONAL_HEADER_ROW + 1][0] as string, 'Svar inkommit', '2027-05-28');
    const m = merged(nat, returned);
    expect(m.summary.changes).toBe(5);
    const a = run(m.after);
    const b = run(direct);
    expect(a.result.federations.map((f) => f.rounded)).toEqual(b.result.federations.map((f) => f.rounded));
    expect(a.plan.sheets[0].values).toEqual(b.plan.sheets[0].values);
    // Svar: who answered
    const fed = sheet(m.after, 'Förbund').values;
    const header = fed.findIndex((r) => r[0] === 'Förbund');
    const svar = fed[header].indexOf('Svar');
    const status = (name: string) => fed.find((r) => r[0] === name)![svar];
    expect(status(SYD1)).toBe('VO Syd 2027-05-20');
    expect(status(files[3].sheets[2].values[REGIONAL_HEADER_ROW + 1][0] as string)).toBe('VO Stockholm 2027-05-28');
    expect(m.summary.notAnswered).toHaveLength(80 - 4);
    expect(fed.slice(header + 1).filter((r) => r[svar] === 'Ej svarat')).toHaveLength(76);
    // the national run says how many have not answered
    expect(a.plan.summary.lines).toContain(
      `Obs: Förbund!${String.fromCharCode(65 + svar)}${header + 1}: 76 förbund har Ej svarat i kolumnen Svar; ett tomt möjligt bidrag räknas där som full matchning`,
    );
    // the log
    const log = sheet(m.after, 'Svar').values;
    expect(log[0]).toEqual(['Tidpunkt', 'Fil', 'VO', 'Förbund', 'Uppgift', 'Tidigare värde', 'Nytt värde']);
    expect(log).toContainEqual([
      '2027-05-20T10:00:00',
      'VO Syd.xlsx',
      'VO Syd',
      SYD1,
      'Kommunernas möjliga bidrag (kr)',
      792_000,
      2_000_000,
    ]);
    // 5 answer cells, 4 federations answered (Svar), one Inga ändringar (VO Nord)
    expect(log).toHaveLength(1 + 5 + 4 + 1);
    expect(log).toContainEqual(['2027-05-20T10:00:00', 'VO Syd.xlsx', 'VO Syd', SYD1, 'Svar', '', 'VO Syd 2027-05-20']);
    expect(log).toContainEqual(['2027-05-20T10:00:00', 'VO Nord.xlsx', 'VO Nord', '', 'Inga ändringar', '', '']);
    // nothing but answer cells, the Svar column and the Svar sheet changed
    const before = sheet(nat, 'Förbund').values;
    fed.forEach((row, r) =>
      row.forEach((v, c) => {
        if (c === svar) return;
        const h = String(fed[header][c]);
        const isAnswer = answers.some(([, name, ah]) => ah === h && row[0] === name);
        if (!isAnswer) expect([r, c, v]).toEqual([r, c, before[r]?.[c] ?? '']);
      }),
    );
    for (const name of ['Parametrar', 'Kommuner', 'Instruktioner']) expect(sheet(m.after, name)).toEqual(sheet(nat, name));

    // Rerun with the same files: nothing but the log changes
    const again = merged(m.after, returned, new Date(2027, 5, 1, 8, 0, 0));
    expect(again.summary.changes).toBe(0);
    for (const s of again.after) if (s.name !== 'Svar') expect(s).toEqual(sheet(m.after, s.name));
    const log2 = sheet(again.after, 'Svar').values;
    expect(log2.slice(0, log.length)).toEqual(log);
    expect(log2.slice(log.length)).toEqual(
      files.map((f) => ['2027-06-01T08:00:00', f.fileName, `VO ${f.vo}`, '', 'Inga ändringar', '', '']),
    );
    expect(again.plan.createSheet).toBeUndefined();
    expect(again.plan.append.row).toBe(log.length);
  });

  test('every conflict kind is refused with its message; all of them at once', () => {
    const returned = regional();
    const syd = returned[0].sheets;
    // a fixed input changed on Förbund, on Kommuner and on Parametrar
    setAnswer(syd, SYD1, 'Verksamhetsmånader', 6);
    const kom = sheet(syd, 'Kommuner').values;
    kom[REGIONAL_HEADER_ROW + 1][3] = (kom[REGIONAL_HEADER_ROW + 1][3] as number) + 10;
    const params = sheet(syd, 'Parametrar').values;
    params.find((r) => r[0] === 'Grundtilldelning (kr)')![1] = 500_000;
    // an answer cell breaking the reading rules
    setAnswer(
      returned[1].sheets,
      files[1].sheets[2].values[REGIONAL_HEADER_ROW + 1][0] as string,
      'Eget kapital (kr)',
      'ca 2 milj',
    );
    // a federation in two files; an unknown federation
    const mitt = sheet(returned[2].sheets, 'Förbund').values;
    const stolen = sheet(returned[3].sheets, 'Förbund').values[REGIONAL_HEADER_ROW + 1];
    const lines = problemsOf(nat, returned);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^VO Syd\.xlsx, Förbund!\w+\d+: Verksamhetsmånader är 6 här men 12 i den nationella arbetsboken; bara svarskolumnerna får ändras$/,
        ),
        expect.stringMatching(/^VO Syd\.xlsx, Kommuner!D4: Invånare 16–64 är [\d ]+ här men [\d ]+ i den nationella arbetsboken/),
        expect.stringMatching(
          /^VO Syd\.xlsx, Parametrar!B\d+: Grundtilldelning \(kr\) är 500 000 här men 400 000 i den nationella arbetsboken/,
        ),
        expect.stringMatching(/^VO Väst\.xlsx, Förbund!\w+4: "ca 2 milj" är inget belopp/),
      ]),
    );
    expect(lines).toHaveLength(4);

    const twice = regional();
    const mittFed = sheet(twice[2].sheets, 'Förbund').values;
    mittFed.push([...stolen]);
    const unknown = [...mitt[REGIONAL_HEADER_ROW + 1]];
    unknown[0] = 'Okändby';
    mittFed.push(unknown);
    const kom2 = sheet(twice[2].sheets, 'Kommuner').values;
    kom2.push(
      ...sheet(twice[3].sheets, 'Kommuner')
        .values.filter((r) => r[0] === stolen[0])
        .map((r) => [...r]),
    );
    kom2.push(['Okändby', 'Okänd kommun', '', 1000, 1000, '']);
    expect(problemsOf(nat, twice)).toEqual([
      `VO Mitt.xlsx, Förbund!A${mittFed.length}: Förbundet "Okändby" finns inte i den nationella arbetsboken`,
      `VO Stockholm.xlsx, Förbund!A4: Förbundet "${stolen[0]}" finns också i VO Mitt.xlsx`,
    ]);
  });

  test('a file made from another version of the national workbook is refused at its Nationell källa', () => {
    const changed = national();
    setAnswer(changed, SYD1, 'Statlig tilldelning föregående år (kr)', 7_000_000);
    const lines = problemsOf(changed, regional().slice(0, 2));
    expect(lines).toEqual([
      expect.stringMatching(
        /^VO Syd\.xlsx, Parametrar!B\d+: VO Syd\.xlsx gjordes från en annan version av den nationella arbetsboken$/,
      ),
      expect.stringMatching(
        /^VO Väst\.xlsx, Parametrar!B\d+: VO Väst\.xlsx gjordes från en annan version av den nationella arbetsboken$/,
      ),
    ]);
    // answers already merged nationally do not change the source
    const first = merged(nat, regional().slice(0, 1));
    expect(mergeAnswers(first.after, regional(), { timestamp: TIME }).ok).toBe(true);
  });
  test('a deleted federation or area row, an added area and a file that is not regional are refused', () => {
    const returned = regional();
    const syd = sheet(returned[0].sheets, 'Förbund').values;
    const removed = syd.splice(REGIONAL_HEADER_ROW + 2, 1)[0];
    const kom = sheet(returned[0].sheets, 'Kommuner').values;
    const removedArea = kom.splice(REGIONAL_HEADER_ROW + 1, 1)[0];
    // the removed federation's areas would now be unknown: take them out as well
    const orphan = kom.filter((r, i) => i > REGIONAL_HEADER_ROW && r[0] === removed[0]);
    for (const r of orphan) kom.splice(kom.indexOf(r), 1);
    kom.push([SYD1, 'Nykommun', '', 10, 10, '']);
    const lines = problemsOf(nat, [returned[0], { fileName: 'nationell.xlsx', sheets: national() }]);
    expect(lines).toEqual([
      `VO Syd.xlsx, Förbund!A3: Förbundet "${removed[0]}" finns i den nationella arbetsboken men saknas i filen`,
      ...(removedArea[0] === removed[0]
        ? []
        : [
            expect.stringMatching(
              new RegExp(
                `^VO Syd\\.xlsx, Kommuner!B3: Kommunen "${removedArea[1]}".* finns i den nationella arbetsboken men saknas i filen$`,
              ),
            ),
          ]),
      `VO Syd.xlsx, Kommuner!B${kom.length}: Kommunen "Nykommun" finns inte i den nationella arbetsboken`,
      'nationell.xlsx, Parametrar!A3: nationell.xlsx är ingen regional arbetsbok (Omfattning saknas eller är Nationell)',
      'nationell.xlsx, Parametrar!A3: nationell.xlsx saknar Nationell källa på bladet Parametrar; det är ingen regional arbetsbok gjord av Dela upp',
    ]);
  });
});
