import { explainFederation } from '../../src/workbook/explain';
import { runAllocation } from '../../src/workbook/run';
import { PROGRAM_VERSION } from '../../src/workbook/version';
import { workedExampleSheets } from './fixtures';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const pkg = require('../../package.json') as { version: string };

const run = runAllocation(workedExampleSheets(), { timestamp: new Date(2025, 0, 1) });
if (!run.ok) throw new Error('worked example must run');
const result = run.result;
const table = (name: string) => Object.fromEntries(explainFederation(result, name).map((l) => [l.label, l]));

test('the Förbund line names VO and region once, whether or not the cells carry the words', () => {
  const sheets = workedExampleSheets();
  sheets[1].values[2][1] = 'VO Nord';
  sheets[1].values[2][2] = 'Norrbotten';
  const other = runAllocation(sheets);
  if (!other.ok) throw new Error('must run');
  expect(explainFederation(other.result, 'Norrby')[0]).toEqual({
    label: 'Förbund',
    value: 'Norrby',
    note: 'VO Nord, region Norrbotten',
  });
});

test('Söderby: the chain from keys to matching, with the spec’s numbers', () => {
  const t = table('Söderby');
  expect(t['Förbund']).toEqual({ label: 'Förbund', value: 'Söderby', note: 'VO Syd, Region Syd' });
  expect(t['Fördelningsnyckel'].value).toBe('0,345744');
  expect(t['Grundtilldelning'].value).toBe('400 000 kr');
  expect(t['Idealfördelning']).toMatchObject({ value: '2 958 505,14 kr', note: 'skrivs 2 958 505 kr' });
  expect(t['Spärrgolv'].value).toBe('2 160 000 kr');
  expect(t['λ'].value).toBe('1,000000');
  expect(t['Matchningstak'].value).toBe('1 800 000 kr');
  expect(t['Matchad tilldelning']).toMatchObject({
    value: '1 800 000 kr',
    note: 'minskad med 1 158 505,14 kr; skrivs 1 800 000 kr',
  });
  expect(t['Slutlig tilldelning'].value).toBe('1 800 000 kr');
  expect(t['Kommunernas andel'].value).toBe('900 000 kr');
  expect(t['Kommunbidrag Söderby']).toMatchObject({ value: '692 308 kr', note: '76,92 % av kommunernas andel' });
  expect(t['Kommunbidrag Åby'].value).toBe('207 692 kr');
  expect(t['Regionens andel'].value).toBe('900 000 kr');
  expect(t['Underlag för Trappan']).toMatchObject({ value: '4 800 000 kr', note: '2 × föregående års tilldelning' });
  expect(t['Rimligt eget kapital'].value).toBe('960 000 kr');
  expect(t['Eget kapital']).toMatchObject({ value: '900 000 kr', note: 'inom rimlig nivå' });
  expect(Object.keys(t).filter((k) => k.startsWith('Varning '))).toEqual(['Varning MATCHNING', 'Varning MINSKNING']);
});

test('Västerby: part year, new, additional funds, equity unknown', () => {
  const t = table('västerby');
  expect(t['Verksamhetsmånader']).toMatchObject({ value: '8', note: 'delår: 8/12 av året' });
  expect(t['Grundtilldelning']).toMatchObject({ value: '266 666,67 kr', note: '400 000 kr × 8/12' });
  expect(t['Föregående års tilldelning'].value).toBe('saknas');
  expect(t['Spärrgolv']).toBeUndefined();
  expect(t['Ytterligare medel'].value).toBe('300 000 kr');
  expect(t['Möjligt att ta emot']).toMatchObject({ value: '300 000 kr', note: 'prioritetsgrupp 1' });
  expect(t['Slutlig tilldelning'].value).toBe('1 360 905 kr');
  expect(t['Underlag för Trappan'].note).toBe('2 × idealfördelningen');
  expect(t['Rimligt eget kapital'].value).toBe('424 362 kr');
  expect(t['Eget kapital'].value).toBe('saknas');
});

test('Norrby: no warnings', () => {
  expect(table('Norrby')['Varningar']).toEqual({ label: 'Varningar', value: 'inga' });
});

test('an unknown federation is an error', () => {
  expect(() => explainFederation(result, 'Ingenstans')).toThrow('Förbundet "Ingenstans" finns inte i resultatet');
});

test('the program version written to Körlogg is package.json’s', () => {
  expect(PROGRAM_VERSION).toBe(pkg.version);
});

test('a split that fell back to equal shares is explained as such, and Kommunbidrag says so too', () => {
  // Västerby splits by försörjningsstöd, but neither of its municipalities has a recipient
  const sheets = workedExampleSheets();
  const fed = sheets[1].values;
  fed[1].push('Fördelning mellan kommuner');
  for (let r = 2; r < fed.length; r++) fed[r].push(fed[r][0] === 'Västerby' ? 'Försörjningsstöd' : '');
  const mun = sheets[2].values;
  const header = mun.findIndex((row) => row.includes('Kommun'));
  mun[header].push('Försörjningsstödstagare');
  for (let r = header + 1; r < mun.length; r++) mun[r].push(0);
  const other = runAllocation(sheets);
  if (!other.ok) throw new Error('must run');
  const lines = Object.fromEntries(explainFederation(other.result, 'Västerby').map((l) => [l.label, l]));
  expect(lines['Kommunernas andel'].note).toBe('hälften, fördelas lika mellan kommunerna (inga försörjningsstödstagare angivna)');
  const kommunbidrag = other.plan.sheets.find((s) => s.name === 'Kommunbidrag')!.values;
  expect(kommunbidrag.filter((row) => row[0] === 'Västerby').map((row) => [row[1], row[2], row[3]])).toEqual([
    ['Västerby', 'Lika (inga försörjningsstödstagare)', 0.5],
    ['Lillby', 'Lika (inga försörjningsstödstagare)', 0.5],
  ]);
});
