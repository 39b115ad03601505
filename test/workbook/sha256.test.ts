import { createHash } from 'crypto';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { sha256Hex, utf8Bytes } from '../../src/workbook/sha256';
import { canonicalInput, inputFingerprint } from '../../src/workbook/fingerprint';
import { readWorkbook } from '../../src/workbook/read';
import { exampleSheets } from '../../src/workbook/example';
import { sheetOutputToValues } from '../../src/workbook/apply';
import { smallSheets } from './fixtures';

describe('SHA-256 (FIPS 180-4 test vectors)', () => {
  test.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
  ])('%j', (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });

  test('one million times "a"', () => {
    expect(sha256Hex('a'.repeat(1000000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  test('lengths around the block boundary agree with Node’s crypto', () => {
    for (let n = 50; n <= 130; n++) {
      const text = 'x'.repeat(n);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  test('property: any string (incl. å, ä, ö, emoji, lone surrogates) agrees with Node’s crypto', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(Buffer.from(utf8Bytes(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('input fingerprint', () => {
  const read = readWorkbook(smallSheets());
  if (!read.ok) throw new Error('fixture');
  const input = read.input;

  test('is SHA-256 of the canonical form, which is stable JSON', () => {
    expect(inputFingerprint(input)).toBe(sha256Hex(canonicalInput(input)));
    const canon = JSON.parse(canonicalInput(input));
    expect(canon.version).toBe(1);
    expect(canon.parameters.budget).toBe('5000000');
    expect(canon.federations.map((f: { name: string }) => f.name)).toEqual(['Alfa', 'Beta']);
  });

  test('does not depend on row order, units or how defaults were given', () => {
    const shuffled = { ...input, federations: [...input.federations].reverse(), areas: [...input.areas].reverse() };
    expect(inputFingerprint(shuffled)).toBe(inputFingerprint(input));
    const sheets = smallSheets();
    sheets[0].values.push(['Grundtilldelning (tkr)', 400], ['Maximal minskning', '10 %']);
    sheets[1].values[0][2] = 'Eget kapital (tkr)';
    sheets[1].values[1][2] = 300;
    // '200,000' would be ambiguous (thousands or decimals?) since issue 15: 200,00 tkr is the same 200 000 kr
    sheets[1].values[2][2] = '200,00';
    const other = readWorkbook(sheets);
    expect(other.ok && inputFingerprint(other.input)).toBe(inputFingerprint(input));
  });

  test('keeps the values of the hand-written SHA-256 it replaced (same canonical form, same digest)', () => {
    // Computed with the pure-TypeScript SHA-256 of before @noble/hashes: Körlogg fingerprints of files
    // written earlier still compare equal.
    expect(inputFingerprint(input)).toBe('3f66dc32858c48fb2763e0676b4c06d45c6a70ea3f164fa2447fcc36f0d0f42e');
    const example = readWorkbook(exampleSheets().map(sheetOutputToValues));
    expect(example.ok && inputFingerprint(example.input)).toBe(
      '3b138ee820239f8799037df474c64c97914daff066b70be75acf6fdef7a7af32',
    );
  });

  test('changes when any input changes', () => {
    const changed = {
      ...input,
      federations: input.federations.map((f, i) => (i === 1 ? { ...f, equity: new Decimal('200001') } : f)),
    };
    expect(inputFingerprint(changed)).not.toBe(inputFingerprint(input));
    const budget = { ...input, parameters: { ...input.parameters, budget: new Decimal(5000001) } };
    expect(inputFingerprint(budget)).not.toBe(inputFingerprint(input));
  });
});
