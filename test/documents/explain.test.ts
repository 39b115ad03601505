// One explanation, three renderings: the statement's sections are what Förklara shows, what
// `finsam explain` prints and what the PDF holds (test/documents/statement.test.ts has every line of
// the worked example). These are the checks the old explainFederation had, in the statement's words.
import { federationStatement, statementText } from '../../src/documents';
import type { Statement } from '../../src/documents';
import { runAllocation } from '../../src/workbook/run';
import { PROGRAM_VERSION } from '../../src/workbook/version';
import { workedExampleSheets } from '../workbook/fixtures';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const pkg = require('../../package.json') as { version: string };

const run = runAllocation(workedExampleSheets(), { timestamp: new Date(2025, 0, 1) });
if (!run.ok) throw new Error('worked example must run');
const result = run.result;
const statement = (name: string): Statement => federationStatement(result, name, { input: run.input });
/** Every line of the statement by label (a label in two sections: the later one). */
const table = (s: Statement) => Object.fromEntries(s.sections.flatMap((x) => x.lines).map((l) => [l.label, l]));

test('the federation is named with VO and region once, whether or not the cells carry the words', () => {
  const sheets = workedExampleSheets();
  sheets[1].values[2][1] = 'VO Nord';
  sheets[1].values[2][2] = 'Norrbotten';
  const other = runAllocation(sheets);
  if (!other.ok) throw new Error('must run');
  const s = federationStatement(other.result, 'Norrby');
  expect([s.federation, s.where]).toEqual(['Norrby', 'VO Nord, Region Norrbotten']);
  expect(statementText(s).split('\n')[0]).toMatch(/^Förbund {2,}Norrby {2}\(VO Nord, Region Norrbotten\)$/);
});

test('Söderby: the answer first, then the chain from keys to matching, with the spec’s numbers', () => {
  const s = statement('Söderby');
  expect(s.where).toBe('VO Syd, Region Syd');
  expect(s.sections[0].lines[0]).toEqual({
    label: 'Slutlig tilldelning',
    value: '1 800 000 kr',
    note: 'statens medel till förbundet i år',
  });
  const t = table(s);
  expect(t['Fördelningsnyckel'].value).toBe('0,345744');
  expect(t['Grundtilldelning'].value).toBe('400 000 kr');
  // the amounts are the written, whole kronor (exact ideal 2 958 505,14)
  expect(t['Idealfördelning'].value).toBe('2 958 505 kr');
  expect(t['Spärrnivå'].value).toBe('2 160 000 kr');
  expect(t['λ'].value).toBe('1,000000');
  expect(t['Matchningstak'].value).toBe('1 800 000 kr');
  expect(t['Minskning vid matchningen'].value).toBe('−1 158 505 kr');
  expect(t['Matchad tilldelning'].value).toBe('1 800 000 kr');
  expect(t['Slutlig tilldelning'].value).toBe('1 800 000 kr');
  expect(t['Kommunernas andel'].value).toBe('900 000 kr');
  expect(t['Kommunbidrag Söderby']).toMatchObject({
    value: '692 308 kr',
    note: '76,92 % av kommunernas andel, 30 000 invånare 16–64',
  });
  expect(t['Kommunbidrag Åby'].value).toBe('207 692 kr');
  expect(t['Regionens andel'].value).toBe('900 000 kr');
  expect(t['Underlag för Trappan']).toMatchObject({ value: '4 800 000 kr', note: '2 × föregående års tilldelning' });
  expect(t['Rimligt eget kapital'].value).toBe('960 000 kr');
  expect(t['Eget kapital']).toMatchObject({ value: '900 000 kr', note: 'inom rimlig nivå' });
  // warnings by their meaning, never the code
  expect(s.sections.find((x) => x.id === 'varningar')!.lines.map((l) => l.label)).toEqual([
    'Begränsad av matchningen',
    'Minskning utöver spärren',
  ]);
});

test('Västerby: part year, new, additional funds, equity unknown', () => {
  const t = table(statement('västerby'));
  expect(t['Verksamhetsmånader']).toMatchObject({ value: '8', note: 'delår: 8 av 12 månader' });
  const ideal = Object.fromEntries(
    statement('västerby')
      .sections.find((x) => x.id === 'ideal')!
      .lines.map((l) => [l.label, l]),
  );
  expect(ideal['Grundtilldelning']).toMatchObject({ value: '266 667 kr', note: '400 000 kr × 8/12' });
  expect(t['Statlig tilldelning föregående år']).toMatchObject({ value: '', note: 'ingen: nytt förbund' });
  expect(t['Spärrnivå']).toMatchObject({ value: '', note: 'ingen: nytt förbund utan tilldelning föregående år' });
  expect(t['Ytterligare medel'].value).toBe('+300 000 kr');
  expect(t['Möjligt att ta emot']).toMatchObject({ value: '300 000 kr' });
  expect(t['Prioritetsgrupp']).toMatchObject({ value: '1' });
  expect(t['Slutlig tilldelning'].value).toBe('1 360 905 kr');
  expect(t['Underlag för Trappan'].note).toBe('2 × idealfördelningen');
  expect(t['Rimligt eget kapital'].value).toBe('424 362 kr');
  expect(t['Eget kapital']).toMatchObject({ value: '', note: 'uppgift saknas' });
});

test('Norrby: no warnings', () => {
  expect(statement('Norrby').sections.find((x) => x.id === 'varningar')!.lines).toEqual([{ label: 'Inga varningar', value: '' }]);
});

test('an unknown federation is an error', () => {
  expect(() => federationStatement(result, 'Ingenstans')).toThrow('Förbundet "Ingenstans" finns inte i resultatet');
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
  const lines = table(federationStatement(other.result, 'Västerby', { input: other.input }));
  expect(lines['Kommunernas andel'].note).toBe('hälften, fördelas lika mellan kommunerna (inga försörjningsstödstagare angivna)');
  expect(lines['Kommunbidrag Västerby'].note).toBe('50 % av kommunernas andel, lika delar');
  const kommunbidrag = other.plan.sheets.find((s) => s.name === 'Kommunbidrag')!.values;
  expect(kommunbidrag.filter((row) => row[0] === 'Västerby').map((row) => [row[1], row[2], row[4]])).toEqual([
    ['Västerby', 'Lika (inga försörjningsstödstagare)', 0.5],
    ['Lillby', 'Lika (inga försörjningsstödstagare)', 0.5],
  ]);
});

test('statementText: the heading of each section and its rows, in the statement’s order', () => {
  const text = statementText(statement('Söderby'));
  const headings = text.split('\n').filter((l) => /^[A-ZÅÄÖ ]+$/.test(l) && l.length > 2);
  expect(headings).toEqual([
    'TILLDELNING',
    'FÖRDELNINGSNYCKEL',
    'IDEALFÖRDELNING',
    'EGET KAPITAL OCH TRAPPAN',
    'SPÄRR',
    'MATCHNING',
    'YTTERLIGARE MEDEL',
    'SLUTLIG TILLDELNING',
    'VARNINGAR',
    'MEDLEMMARNAS ANDELAR',
    'NATIONELLA UPPGIFTER',
  ]);
  expect(text).toMatch(/^Matchningstak\s+1 800 000 kr {2}\(2 × det minsta av kommunernas och regionens möjliga bidrag\)$/m);
  expect(text.split('\n')[1]).toBe(
    'Söderby får 1 800 000 kr i statlig tilldelning, 600 000 kr mindre än föregående år (−25,0 %).',
  );
});
