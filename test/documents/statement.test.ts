// The statement model for the worked example (spec worked-example.md), line by line against figures by hand.
import Decimal from 'decimal.js';
import { federationStatement, partialReason, tierRatio, WARNING_TITLES } from '../../src/documents';
import type { Statement } from '../../src/documents';
import { allocate, WarningCode } from '../../src/engine';
import { WARNING_CODES } from '../../src/workbook';
import { area, fed, model } from '../engine/helpers';
import { GENERATED, workedRun } from './helpers';

const run = workedRun();
const statement = (name: string, decision?: { label: string; date?: string }) =>
  federationStatement(run.result, name, { generatedAt: GENERATED, input: run.input, decision, fileName: 'exempel.xlsx' });
const section = (s: Statement, id: string) =>
  Object.fromEntries(s.sections.find((x) => x.id === id)!.lines.map((l) => [l.label, l]));
const value = (s: Statement, id: string, label: string) => section(s, id)[label]?.value;

describe('Söderby', () => {
  const s = statement('Söderby', { label: 'Beslut 2026-11-07', date: '2026-11-07' });

  test('the answer comes first: final, change from last year in kronor and percent, decision', () => {
    expect(s.sections[0].id).toBe('svar');
    expect(s.answer).toMatchObject({ label: 'Slutlig tilldelning', value: '1 800 000 kr', kronor: 1_800_000 });
    // 1 800 000 − 2 400 000 = −600 000; −600 000 / 2 400 000 = −25,0 %
    expect(s.answer.change).toBe('600 000 kr mindre än föregående år (−25,0 %)');
    expect(s.answer.decision).toBe('Beslut 2026-11-07 (2026-11-07)');
    expect(value(s, 'svar', 'Förändring mot föregående år')).toBe('−600 000 kr');
    expect(section(s, 'svar')['Förändring mot föregående år'].note).toBe('−25,0 %');
    expect(value(s, 'svar', 'Beslut')).toBe('Beslut 2026-11-07');
    expect(s.federation).toBe('Söderby');
    expect(s.where).toBe('VO Syd, Region Syd');
    expect(s.generated).toBe('2026-12-01 20:10');
    expect(s.program).toBe('finsam 0.1.0');
  });

  test('the sections follow the spec’s steps', () => {
    expect(s.sections.map((x) => x.id)).toEqual([
      'svar',
      'nyckel',
      'ideal',
      'eget-kapital',
      'sparr',
      'matchning',
      'ytterligare',
      'slutlig',
      'varningar',
      'medlemmar',
      'nationellt',
    ]);
  });

  test('keys and ideal', () => {
    // FM 980 000 + 260 000 = 1 240 000 of 3 490 000 = 35,5301 %; POP 39 000 of 123 000 = 31,7073 %
    expect(section(s, 'nyckel')['Försörjningsmått']).toMatchObject({
      value: '1 240 000',
      note: '35,5301 % av alla förbunds 3 490 000',
    });
    expect(section(s, 'nyckel')['Invånare 16–64']).toMatchObject({ value: '39 000', note: '31,7073 % av alla förbunds 123 000' });
    expect(value(s, 'nyckel', 'Fördelningsnyckel')).toBe('0,345744');
    expect(value(s, 'ideal', 'Grundtilldelning')).toBe('400 000 kr');
    // ideal 2 958 505 − base 400 000
    expect(value(s, 'ideal', 'Behovsdel')).toBe('2 558 505 kr');
    expect(value(s, 'ideal', 'Idealfördelning')).toBe('2 958 505 kr');
  });

  test('equity, spärr, matching cap and cut', () => {
    // basis 2 × 2 400 000 = 4 800 000; Trappan 20 % → 960 000
    expect(value(s, 'eget-kapital', 'Underlag för Trappan')).toBe('4 800 000 kr');
    expect(value(s, 'eget-kapital', 'Rimligt eget kapital')).toBe('960 000 kr');
    expect(section(s, 'eget-kapital')['Eget kapital']).toMatchObject({ value: '900 000 kr', note: 'inom rimlig nivå' });
    // 0.9 × 2 400 000
    expect(value(s, 'sparr', 'Spärrnivå')).toBe('2 160 000 kr');
    expect(value(s, 'sparr', 'Tillämpad spärr')).toBe('10 %');
    expect(value(s, 'sparr', 'Kostnad för spärren')).toBe('0 kr');
    expect(value(s, 'sparr', 'Efter spärr')).toBe('2 958 505 kr');
    expect(value(s, 'matchning', 'Kommunernas möjliga bidrag')).toBe('900 000 kr');
    expect(section(s, 'matchning')['Regionens möjliga bidrag']).toMatchObject({
      value: '',
      note: 'ej angivet: kan matcha fullt ut',
    });
    // 2 × 900 000; cut 2 958 505 − 1 800 000
    expect(value(s, 'matchning', 'Matchningstak')).toBe('1 800 000 kr');
    expect(value(s, 'matchning', 'Minskning vid matchningen')).toBe('−1 158 505 kr');
    expect(value(s, 'matchning', 'Matchad tilldelning')).toBe('1 800 000 kr');
    expect(section(s, 'matchning')['Återlämnade medel']).toBeUndefined();
  });

  test('additional funds: nothing applied for, no room left under the cap', () => {
    expect(section(s, 'ytterligare')['Ansökan om ytterligare medel']).toMatchObject({ value: '0 kr', note: 'ingen ansökan' });
    expect(value(s, 'ytterligare', 'Ytterligare medel')).toBe('0 kr');
    // cap − matched = 1 800 000 − 1 800 000
    expect(value(s, 'ytterligare', 'Utrymme för ytterligare medel')).toBe('0 kr');
    expect(section(s, 'ytterligare')['Varför inte hela ansökan']).toBeUndefined();
    expect(s.sections.find((x) => x.id === 'slutlig')!.lines.map((l) => l.value)).toEqual([
      '1 800 000 kr',
      '0 kr',
      '1 800 000 kr',
    ]);
  });

  test('warnings in plain Swedish, never a code', () => {
    const w = s.sections.find((x) => x.id === 'varningar')!.lines;
    expect(w.map((l) => l.label)).toEqual(['Begränsad av matchningen', 'Minskning utöver spärren']);
    expect(w[0].note).toBe(
      'Kommunernas möjliga bidrag 900 000 kr räcker till statlig tilldelning om högst 1 800 000 kr av 2 958 505 kr',
    );
    expect(w[1].note).toBe(
      'Slutlig tilldelning 1 800 000 kr understiger spärrnivån 2 160 000 kr (föregående år 2 400 000 kr, högst 10 % minskning)',
    );
    const everything = JSON.stringify(s.sections);
    for (const code of WARNING_CODES) expect(everything).not.toContain(`"${code}`);
  });

  test('members: region and each municipality with share and basis', () => {
    const m = section(s, 'medlemmar');
    expect(m['Regionens andel']).toMatchObject({
      value: '900 000 kr',
      note: 'Region Syd: hälften av den slutliga tilldelningen',
    });
    expect(m['Kommunernas andel']).toMatchObject({ value: '900 000 kr', note: 'hälften, fördelas efter invånare 16–64' });
    // 900 000 × 30/39 = 692 307,69 → 692 308; × 9/39 → 207 692
    expect(m['Kommunbidrag Söderby']).toMatchObject({
      value: '692 308 kr',
      note: '76,92 % av kommunernas andel, 30 000 invånare 16–64',
    });
    expect(m['Kommunbidrag Åby']).toMatchObject({
      value: '207 692 kr',
      note: '23,08 % av kommunernas andel, 9 000 invånare 16–64',
    });
  });

  test('the national figures the chain uses', () => {
    const n = section(s, 'nationellt');
    expect(n['Statlig ram'].value).toBe('9 000 000 kr');
    expect(n['Antal förbund'].value).toBe('4');
    expect(n['Σ försörjningsmått'].value).toBe('3 490 000');
    expect(n['Σ invånare 16–64'].value).toBe('123 000');
    // T = 8 469 547,53
    expect(n['Pott T'].value).toBe('8 469 548 kr');
    expect(n['λ'].value).toBe('1,000000');
    expect(n['Tillämpad spärr'].value).toBe('10 %');
    expect(n['Scenario'].value).toBe('Överskott');
    expect(n['Ej fördelat'].value).toBe('788 957 kr');
    expect(n['Andel till prioritetsgrupp 1'].value).toBe('100 %');
    expect(n['Andel till prioritetsgrupp 2']).toBeUndefined();
  });

  test('one word per concept: spärrnivå, never spärrgolv', () => {
    expect(JSON.stringify(s).toLowerCase()).not.toContain('spärrgolv');
  });
});

describe('Västerby: new, part year, equity unknown, additional funds granted', () => {
  const s = statement('västerby');

  test('answer without a change (new federation) and without a decision', () => {
    expect(s.answer.value).toBe('1 360 905 kr');
    expect(s.answer.change).toBeUndefined();
    expect(s.answer.decision).toBeUndefined();
    expect(section(s, 'svar')['Förändring mot föregående år']).toMatchObject({ value: '' });
    expect(section(s, 'svar')['Beslut']).toBeUndefined();
  });

  test('part-year ideal: 400 000 × 8/12 and the need part', () => {
    expect(section(s, 'ideal')['Verksamhetsmånader']).toMatchObject({ value: '8', note: 'delår: 8 av 12 månader' });
    // 266 666,67 → 266 667; 1 060 905 − 266 667 = 794 238
    expect(section(s, 'ideal')['Grundtilldelning']).toMatchObject({ value: '266 667 kr', note: '400 000 kr × 8/12' });
    expect(value(s, 'ideal', 'Behovsdel')).toBe('794 238 kr');
    expect(value(s, 'ideal', 'Idealfördelning')).toBe('1 060 905 kr');
    // basis 2 × ideal 1 060 904,95 = 2 121 809,89 → 2 121 810; 20 % → 424 362
    expect(section(s, 'eget-kapital')['Underlag för Trappan']).toMatchObject({
      value: '2 121 810 kr',
      note: '2 × idealfördelningen',
    });
    expect(value(s, 'eget-kapital', 'Rimligt eget kapital')).toBe('424 362 kr');
    expect(section(s, 'sparr')['Spärrnivå'].note).toBe('ingen: nytt förbund utan tilldelning föregående år');
  });

  test('additional funds: tier 1, granted in full, unlimited room', () => {
    const y = section(s, 'ytterligare');
    expect(y['Ansökan om ytterligare medel'].value).toBe('300 000 kr');
    expect(y['Möjligt att ta emot'].value).toBe('300 000 kr');
    expect(y['Prioritetsgrupp'].value).toBe('1');
    expect(y['Ytterligare medel'].value).toBe('300 000 kr');
    expect(y['Utrymme för ytterligare medel'].value).toBe('obegränsat');
    expect(value(s, 'matchning', 'Matchningstak')).toBe('obegränsat');
  });

  test('DELÅR, EK_SAKNAS and NY in plain Swedish', () => {
    const w = s.sections.find((x) => x.id === 'varningar')!.lines;
    expect(w).toEqual([
      { label: 'Verksamhet del av året', value: '', note: 'Verksamhet 8 av 12 månader; tilldelningen räknas om därefter' },
      { label: 'Uppgift om eget kapital saknas', value: '', note: 'Uppgift om eget kapital saknas (rimlig nivå 424 362 kr)' },
      { label: 'Nytt förbund', value: '', note: 'Nytt förbund utan statlig tilldelning föregående år; ingen spärr' },
    ]);
  });

  test('members: 680 453 split 70/30 by inhabitants', () => {
    const m = section(s, 'medlemmar');
    expect(m['Kommunernas andel'].value).toBe('680 453 kr');
    expect(m['Regionens andel'].value).toBe('680 452 kr');
    expect(m['Kommunbidrag Västerby']).toMatchObject({
      value: '476 317 kr',
      note: '70 % av kommunernas andel, 14 000 invånare 16–64',
    });
    expect(m['Kommunbidrag Lillby']).toMatchObject({
      value: '204 136 kr',
      note: '30 % av kommunernas andel, 6 000 invånare 16–64',
    });
  });
});

test('Norrby: change +41 316 kr (+1,6 %), no warnings', () => {
  const s = statement('Norrby');
  // 2 641 316 − 2 600 000 = 41 316; 41 316 / 2 600 000 = 1,589 %
  expect(s.answer.change).toBe('41 316 kr mer än föregående år (+1,6 %)');
  expect(value(s, 'svar', 'Förändring mot föregående år')).toBe('+41 316 kr');
  expect(s.sections.find((x) => x.id === 'varningar')!.lines).toEqual([{ label: 'Inga varningar', value: '' }]);
});

test('an unknown federation is refused with its name', () => {
  expect(() => federationStatement(run.result, 'Mittby')).toThrow('Förbundet "Mittby" finns inte i resultatet');
});

test('every warning code has a plain Swedish title', () => {
  expect(Object.keys(WARNING_TITLES).sort()).toEqual([...WARNING_CODES].sort());
  for (const code of WARNING_CODES) expect(WARNING_TITLES[code as WarningCode]).toMatch(/^[A-ZÅÄÖ][a-zåäö ]/);
});

describe('a partial grant says its tier and the pro-rata share; the change uses last year × months/12', () => {
  // B 3 000 000, three federations with equal keys: B − N·G = 1 800 000, 600 000 each, ideal 1 000 000
  // (Bby 6 months: 500 000). No floor binds (0,9 × prev below every ideal), λ = 1.
  const input = model(
    3_000_000,
    [
      fed('Alby', { prev: 1_000_000, K: 400_000, equity: 0 }),
      fed('Bby', { prev: 900_000, request: 800_000, months: 6, equity: 0 }),
      fed('Cby', { prev: 900_000, request: 400_000, equity: 0 }),
    ],
    [area('Alby', 'Alby', 10_000, 100_000), area('Bby', 'Bby', 10_000, 100_000), area('Cby', 'Cby', 10_000, 100_000)],
  );
  const r = allocate(input);
  const b = r.federations.find((f) => f.name === 'Bby')!;
  const c = r.federations.find((f) => f.name === 'Cby')!;

  test('pro-rata ratio S / Σ want, shown as a share', () => {
    // P = 3 000 000 − 2 500 000 = 500 000; Alby cut from 1 000 000 to its cap 800 000: S = 700 000
    expect(r.lambda.toString()).toBe('1');
    expect(r.surplus.toDecimalPlaces(20).toString()).toBe('700000');
    // Σ want 800 000 + 400 000 = 1 200 000 → 700 000 / 1 200 000 = 7/12 = 58,33 %
    expect(tierRatio(r, 1)!.toDecimalPlaces(20).toString()).toBe(new Decimal(7).dividedBy(12).toDecimalPlaces(20).toString());
    expect(tierRatio(r, 2)).toBeUndefined();
    expect(partialReason(r, c)).toBe(
      'Överskottet räckte inte till alla i prioritetsgrupp 1: gruppen fick 58,33 % av det möjliga, fördelat i proportion till vad var och en kunde ta emot',
    );
    const s = federationStatement(r, 'Cby', { generatedAt: GENERATED });
    expect(section(s, 'ytterligare')['Varför inte hela ansökan'].note).toBe(partialReason(r, c));
    // 400 000 × 7/12 = 233 333,33
    expect(value(s, 'ytterligare', 'Ytterligare medel')).toBe('233 333 kr');
    expect(section(s, 'nationellt')['Andel till prioritetsgrupp 1'].value).toBe('58,33 %');
    expect(s.sections.find((x) => x.id === 'varningar')!.lines.map((l) => l.label)).toEqual([
      'Fick inte hela ansökan om ytterligare medel',
    ]);
  });

  test('part-year: the base is last year × 6/12', () => {
    const s = federationStatement(r, 'Bby', { generatedAt: GENERATED });
    expect(section(s, 'svar')['Statlig tilldelning föregående år']).toMatchObject({
      value: '450 000 kr',
      note: '900 000 kr × 6/12 (delår)',
    });
    // final = 500 000 + 800 000 × 7/12 (466 666,67 → 466 667) = 966 667; − 450 000 = 516 667; / 450 000 = 114,8 %
    expect(b.rounded.final.toString()).toBe('966667');
    expect(s.answer.change).toBe('516 667 kr mer än föregående år (+114,8 %)');
  });

  test('matching: Alby cut from its ideal to the cap, no room left, nothing to say about a grant', () => {
    const s = federationStatement(r, 'Alby', { generatedAt: GENERATED, input });
    expect(value(s, 'matchning', 'Matchningstak')).toBe('800 000 kr');
    expect(value(s, 'matchning', 'Minskning vid matchningen')).toBe('−200 000 kr');
    expect(value(s, 'matchning', 'Matchad tilldelning')).toBe('800 000 kr');
    expect(value(s, 'ytterligare', 'Utrymme för ytterligare medel')).toBe('0 kr');
    // 800 000 − 1 000 000 = −200 000 (−20,0 %)
    expect(s.answer.change).toBe('200 000 kr mindre än föregående år (−20,0 %)');
  });
});

test('Österby, line by line: every line of the statement, each figure by hand from worked-example.md', () => {
  const s = statement('Österby');
  const lines = (id: string) => s.sections.find((x) => x.id === id)!.lines;
  // B 9 000 000, N 4, G 400 000: B − N·G = 7 400 000. Österby FM 640 000 / 3 490 000 = 18,3381 %,
  // POP 26 000 / 123 000 = 21,1382 %; key 0,75 × 0,183381 + 0,25 × 0,211382 = 0,190381;
  // ideal 400 000 + 7 400 000 × 0,190381 = 1 808 822; final 1 808 822 + 600 000 = 2 408 822;
  // change 2 408 822 − 1 500 000 = 908 822 = 60,59 % of 1 500 000.
  expect(s.answer).toEqual({
    label: 'Slutlig tilldelning',
    value: '2 408 822 kr',
    kronor: 2_408_822,
    change: '908 822 kr mer än föregående år (+60,6 %)',
    summary: 'Österby får 2 408 822 kr i statlig tilldelning, 908 822 kr mer än föregående år (+60,6 %).',
  });
  expect(s.where).toBe('VO Mitt, Region Mitt');
  expect(lines('svar')).toEqual([
    { label: 'Slutlig tilldelning', value: '2 408 822 kr', note: 'statens medel till förbundet i år' },
    { label: 'Statlig tilldelning föregående år', value: '1 500 000 kr' },
    { label: 'Förändring mot föregående år', value: '+908 822 kr', note: '+60,6 %' },
  ]);
  expect(lines('nyckel')).toEqual([
    { label: 'Försörjningsmått', value: '640 000', note: '18,3381 % av alla förbunds 3 490 000' },
    { label: 'Invånare 16–64', value: '26 000', note: '21,1382 % av alla förbunds 123 000' },
    {
      label: 'Fördelningsnyckel',
      value: '0,190381',
      note: '75 % × andelen försörjningsmått + 25 % × andelen invånare 16–64',
    },
  ]);
  expect(lines('ideal')).toEqual([
    { label: 'Verksamhetsmånader', value: '12' },
    { label: 'Grundtilldelning', value: '400 000 kr', note: 'lika för alla förbund' },
    // 1 808 822 − 400 000
    { label: 'Behovsdel', value: '1 408 822 kr', note: '(9 000 000 kr − 4 × 400 000 kr) × fördelningsnyckeln' },
    { label: 'Idealfördelning', value: '1 808 822 kr', note: 'grundtilldelning + behovsdel' },
  ]);
  expect(lines('eget-kapital')).toEqual([
    // 2 × 1 500 000; Trappan 20 % of 3 000 000 = 600 000; 150 000 is within
    { label: 'Underlag för Trappan', value: '3 000 000 kr', note: '2 × föregående års tilldelning' },
    {
      label: 'Rimligt eget kapital',
      value: '600 000 kr',
      note: 'Trappan: 20 % upp till 7 000 000 kr, 15 % upp till 15 000 000 kr, 10 % därutöver',
    },
    { label: 'Eget kapital', value: '150 000 kr', note: 'inom rimlig nivå' },
  ]);
  expect(lines('sparr')).toEqual([
    { label: 'Tillämpad spärr', value: '10 %', note: 'högst 10 % minskning mot föregående år' },
    // 0,9 × 1 500 000, below the ideal: not lifted; λ = 1, so the spärr costs Österby nothing
    { label: 'Spärrnivå', value: '1 350 000 kr', note: '(1 − 10 %) × föregående års tilldelning' },
    { label: 'Kostnad för spärren', value: '0 kr', note: 'ingen: ingen spärrnivå behövde lyftas (λ = 1)' },
    { label: 'Efter spärr', value: '1 808 822 kr', note: 'tilldelningen innan matchningen' },
  ]);
  expect(lines('matchning')).toEqual([
    { label: 'Kommunernas möjliga bidrag', value: '', note: 'ej angivet: kan matcha fullt ut' },
    { label: 'Regionens möjliga bidrag', value: '', note: 'ej angivet: kan matcha fullt ut' },
    { label: 'Matchningstak', value: 'obegränsat', note: 'kommunerna och regionen kan matcha fullt ut' },
    { label: 'Minskning vid matchningen', value: '0 kr', note: 'medlemmarna kan matcha hela beloppet' },
    {
      label: 'Matchad tilldelning',
      value: '1 808 822 kr',
      note: 'efter spärr, högst matchningstaket, minus återlämnade medel',
    },
  ]);
  expect(lines('ytterligare')).toEqual([
    { label: 'Ansökan om ytterligare medel', value: '600 000 kr' },
    { label: 'Möjligt att ta emot', value: '600 000 kr', note: 'hela ansökan ryms inom matchningstaket' },
    // equity 150 000 within 600 000: tier 1, with Västerby (300 000); Σ want 900 000 ≤ S: all granted
    { label: 'Prioritetsgrupp', value: '1', note: 'eget kapital inom rimlig nivå eller okänt: fördelas först' },
    { label: 'Ytterligare medel', value: '600 000 kr', note: 'beviljat' },
    { label: 'Utrymme för ytterligare medel', value: 'obegränsat', note: 'inget matchningstak' },
  ]);
  expect(lines('slutlig')).toEqual([
    { label: 'Matchad tilldelning', value: '1 808 822 kr' },
    { label: 'Ytterligare medel', value: '+600 000 kr' },
    { label: 'Slutlig tilldelning', value: '2 408 822 kr', note: 'matchad tilldelning + ytterligare medel' },
  ]);
  expect(lines('varningar')).toEqual([{ label: 'Inga varningar', value: '' }]);
  expect(lines('medlemmar')).toEqual([
    // 2 408 822 / 2 = 1 204 411 each; one municipality takes all of the municipal share
    { label: 'Regionens andel', value: '1 204 411 kr', note: 'Region Mitt: hälften av den slutliga tilldelningen' },
    { label: 'Kommunernas andel', value: '1 204 411 kr', note: 'hälften, fördelas efter invånare 16–64' },
    { label: 'Kommunbidrag Österby', value: '1 204 411 kr', note: '100 % av kommunernas andel, 26 000 invånare 16–64' },
  ]);
  expect(lines('nationellt')).toEqual([
    { label: 'Statlig ram', value: '9 000 000 kr' },
    { label: 'Grundtilldelning', value: '400 000 kr', note: 'per förbund och helt år' },
    { label: 'Antal förbund', value: '4' },
    { label: 'Σ försörjningsmått', value: '3 490 000', note: 'alla förbund, vikt 75 %' },
    { label: 'Σ invånare 16–64', value: '123 000', note: 'alla förbund, vikt 25 %' },
    // T = 8 469 547,53 (worked-example.md)
    { label: 'Pott T', value: '8 469 548 kr', note: 'summan av alla förbunds idealfördelning' },
    { label: 'λ', value: '1,000000', note: 'andel av behovsdelen som förbunden som inte höjts till spärrnivån behåller' },
    { label: 'Tillämpad spärr', value: '10 %', note: 'maximal minskning' },
    { label: 'Scenario', value: 'Överskott' },
    // S = P + Söderby's cut = (9 000 000 − 8 469 547,53) + (2 958 505,14 − 1 800 000) = 1 688 957,61
    { label: 'Överskott', value: '1 688 958 kr', note: 'kvar efter matchningen, till ytterligare medel' },
    { label: 'Andel till prioritetsgrupp 1', value: '100 %', note: 'av det möjliga att ta emot' },
    // 1 688 957,61 − 900 000
    { label: 'Ej fördelat', value: '788 957 kr' },
  ]);
});
