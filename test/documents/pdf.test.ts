// The statement PDF: searchable text (pdftotext), å ä ö, wrapping at word boundaries, pages with a footer,
// the same bytes for the same statement.
import { execFileSync } from 'child_process';
import { existsSync, writeFileSync } from 'fs';
import { join } from 'path';
import { federationStatement, statementFileName, statementPdf, WARNING_TITLES, wrapText, wrapWords } from '../../src/documents';
import { WARNING_CODES } from '../../src/engine';
import { allocate } from '../../src/engine';
import { area, fed, model } from '../engine/helpers';
import { GENERATED, pdfPages, pdfText, tmp, workedRun, writtenFinal } from './helpers';

const run = workedRun();
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe.each(['Norrby', 'Söderby', 'Österby', 'Västerby'])('%s', (name) => {
  let text = '';
  beforeAll(async () => {
    const s = federationStatement(run.result, name, {
      generatedAt: GENERATED,
      input: run.input,
      decision: { label: 'Beslut om statlig tilldelning', date: '2026-11-07' },
      fileName: 'exempel.xlsx',
    });
    text = pdfText(await statementPdf(s));
  });

  test('finds the name, the final allocation as written in the sheet, and the decision', () => {
    expect(text).toContain(name);
    const final = writtenFinal(run.written, name);
    expect(final).toMatch(/^\d{1,3}( \d{3})+$/);
    expect(text).toContain(`${final} kr`);
    expect(text).toContain('Beslut om statlig tilldelning (2026-11-07)');
  });

  test('each warning in its Swedish text, no codes', () => {
    const f = run.result.federations.find((x) => x.name === name)!;
    const flat = squash(text);
    for (const w of f.warnings) expect(flat).toContain(squash(w.text));
    for (const w of f.warnings) expect(text).not.toContain(w.code + ':');
  });

  test('å ä ö and the symbols come out as written', () => {
    for (const word of [
      'Statlig tilldelning föregående år',
      'Spärrnivå',
      'Σ försörjningsmått',
      'Σ invånare 16–64',
      'Tillämpad spärr',
      'Medlemmarnas andelar',
    ]) {
      expect(text).toContain(word);
    }
    expect(text).toMatch(/λ\s+1,000000/);
    expect(text).toContain('finsam 0.1.0 · skapad 2026-12-01 20:10 · exempel.xlsx');
    expect(text).toMatch(/Sida 1 av \d/);
  });
});

test('Söderby: the answer and the change on the first page', async () => {
  const s = federationStatement(run.result, 'Söderby', { generatedAt: GENERATED, input: run.input });
  const pages = pdfText(await statementPdf(s)).split('\f');
  expect(pages[0]).toContain('1 800 000 kr');
  expect(pages[0]).toContain('600 000 kr mindre än föregående år (−25,0 %)');
  expect(pages[0]).toMatch(/Minskning vid matchningen|Tilldelning/);
});

test('the same statement gives the same bytes; another date other bytes and dates', async () => {
  const make = (d: Date) => statementPdf(federationStatement(run.result, 'Västerby', { generatedAt: d, input: run.input }));
  const [a, b, c] = await Promise.all([make(GENERATED), make(new Date(GENERATED.getTime())), make(new Date(2027, 0, 2, 8, 0))]);
  expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  const dir = tmp();
  const file = join(dir, 'v.pdf');
  writeFileSync(file, a);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  expect(info).toMatch(/Title:\s+Statlig tilldelning – Västerby/);
  expect(info).toMatch(/CreationDate:.*2026/);
});

describe('a long name and 30 municipalities', () => {
  const longName =
    'Samordningsförbundet för Östra Skaraborgs, Sjuhäradsbygdens och Norra Älvsborgs kommuner samt Västra Götalandsregionen';
  const munis = Array.from({ length: 30 }, (_, i) => `Kommun nummer ${i + 1} i Västra Götalands läns östra och södra delar`);
  const input = model(
    20_000_000,
    [fed(longName, { prev: 6_000_000, equity: 100_000, request: 50_000 }), fed('Kortby', { prev: 6_000_000, equity: 100_000 })],
    [...munis.map((m, i) => area(longName, m, 1000 + i * 37, 20_000 + i * 1_111)), area('Kortby', 'Kortby', 40_000, 900_000)],
  );
  const r = allocate(input);
  let bytes: Uint8Array;
  let text = '';
  beforeAll(async () => {
    bytes = await statementPdf(federationStatement(r, longName, { generatedAt: GENERATED, input, fileName: 'lång fil.xlsx' }));
    text = pdfText(bytes);
  });

  test('paginates with a footer on every page', () => {
    const n = pdfPages(bytes);
    expect(n).toBeGreaterThanOrEqual(3);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(n);
    pages.forEach((p, i) => expect(p).toContain(`Sida ${i + 1} av ${n}`));
    // later pages repeat the federation in their header
    expect(squash(pages[1])).toContain(squash(longName.split(' ').slice(0, 3).join(' ')));
  });

  test('wraps at word boundaries: every word of the name and of each municipality is whole', () => {
    const words = new Set(text.split(/\s+/));
    for (const w of [...longName.split(' '), 'Götalands', 'Sjuhäradsbygdens'])
      expect(words.has(w.replace(/,$/, '')) || words.has(w)).toBe(true);
    const flat = squash(text);
    expect(flat).toContain(squash(longName));
    // a label wrapped beside its value: the amount sits between the label's lines
    const labels = flat.replace(/ \d{1,3}( \d{3})* kr/g, '');
    for (const m of munis) expect(labels).toContain(`Kommunbidrag ${m}`);
  });

  test('page 1 renders', () => {
    const dir = tmp();
    const file = join(dir, 'long.pdf');
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    expect(existsSync(join(dir, 'page-1.png')) || existsSync(join(dir, 'page-01.png'))).toBe(true);
  });
});

test('a single word wider than the line is kept whole (the title shrinks to fit)', async () => {
  const word = 'Rehabiliteringssamordningsförbundsverksamhetsområdesgemensamhetsnämnden';
  const input = model(2_000_000, [fed(word), fed('B')], [area(word, 'X', 1, 1), area('B', 'Y', 1, 1)]);
  const text = pdfText(await statementPdf(federationStatement(allocate(input), word, { generatedAt: GENERATED })));
  expect(text.split(/\s+/)).toContain(word);
});

describe('wrapping', () => {
  const measure = (s: string) => s.length;
  test('numbers stay with their groups and unit', () => {
    expect(wrapWords('högst 1 800 000 kr av 2 958 505 kr (−25,0 %)')).toEqual([
      'högst',
      '1 800 000 kr',
      'av',
      '2 958 505 kr',
      '(−25,0 %)',
    ]);
    expect(wrapText('Slutlig tilldelning 1 800 000 kr understiger spärrnivån', 24, measure)).toEqual([
      'Slutlig tilldelning',
      '1 800 000 kr understiger',
      'spärrnivån',
    ]);
  });
  test('never breaks a word, even one longer than the line', () => {
    expect(wrapText('a Försörjningsmått b', 5, measure)).toEqual(['a', 'Försörjningsmått', 'b']);
    expect(wrapText('', 5, measure)).toEqual(['']);
  });
});

test('file name of a statement', () => {
  const s = federationStatement(run.result, 'Söderby', { generatedAt: GENERATED });
  expect(statementFileName(s)).toBe('Söderby – Statlig tilldelning.pdf');
  expect(statementFileName({ ...s, federation: 'A/B: "C"' })).toBe('A_B_ _C_ – Statlig tilldelning.pdf');
});

describe('every warning’s Swedish meaning and text is in the PDF, never its code', () => {
  // Two rounds that between them give every code of the spec's warning table.
  // Surplus: A lifted to its spärrnivå; B cut by matching below its spärrnivå, equity unknown; C new,
  // half a year, excess equity, applies for more than is left; D hands funds back.
  const surplus = model(
    6_000_000,
    [
      fed('Alby', { prev: 3_000_000, equity: 0 }),
      fed('Bby', { prev: 1_500_000, K: 300_000 }),
      fed('Cby', { equity: 9_000_000, request: 5_000_000, months: 6 }),
      fed('Dby', { prev: 1_000_000, equity: 0, returned: 100_000 }),
    ],
    [
      area('Alby', 'Alby', 10_000, 100_000),
      area('Bby', 'Bby', 10_000, 100_000),
      area('Cby', 'Cby', 10_000, 100_000),
      area('Dby', 'Dby', 10_000, 100_000),
    ],
  );
  // Deficit (test/engine/steps.test.ts, step 5): protection removed from A and C (excess equity)
  const deficit = model(
    3_200_000,
    [
      fed('A', { prev: 2_200_000, equity: 5_000_000 }),
      fed('B', { prev: 1_100_000, equity: 0 }),
      fed('C', { prev: 500_000, equity: 1_000_000 }),
    ],
    [area('A', 'a', 200, 200), area('B', 'b', 100, 100), area('C', 'c', 100, 100)],
  );
  const rounds = [surplus, deficit].map((input) => ({ input, result: allocate(input) }));

  test('the two rounds give every code', () => {
    const codes = new Set(rounds.flatMap((r) => r.result.federations.flatMap((f) => f.warnings.map((w) => w.code))));
    expect([...codes].sort()).toEqual([...WARNING_CODES].sort());
  });

  test.each([...WARNING_CODES])('%s', async (code) => {
    const found = rounds
      .flatMap((r) => r.result.federations.map((f) => ({ ...r, f })))
      .find((x) => x.f.warnings.some((w) => w.code === code))!;
    const warning = found.f.warnings.find((w) => w.code === code)!;
    const text = squash(
      pdfText(
        await statementPdf(federationStatement(found.result, found.f.name, { generatedAt: GENERATED, input: found.input })),
      ),
    );
    expect(text).toContain(squash(warning.text));
    expect(text).toContain(WARNING_TITLES[code]);
    expect(text).not.toContain(code);
  });
});
