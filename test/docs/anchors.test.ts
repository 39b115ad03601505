// Every `spec:` anchor in src resolves to a `§` heading of the docs file it names (scheme: docs/model.md).
import * as path from 'path';
import {
  anchorProblem,
  headingIds,
  migrateAnchorText,
  migrateSource,
  parseReferences,
  sourceFiles,
  specComments,
  unresolvedAnchors,
} from '../../scripts/spec-anchors';

const root = path.resolve(__dirname, '../..');

describe('spec anchors in src', () => {
  test('there are anchors, in the engine and in the workbook layer', () => {
    const all = sourceFiles(path.join(root, 'src')).flatMap((f) => specComments(f));
    expect(all.length).toBeGreaterThan(90);
    expect(all.some((c) => c.file.includes(`${path.sep}engine${path.sep}`))).toBe(true);
    expect(all.some((c) => c.file.includes(`${path.sep}workbook${path.sep}`))).toBe(true);
  });

  test('every anchor resolves to a heading of the docs file it names', () => {
    expect(unresolvedAnchors(root)).toEqual([]);
  });
});

describe('the checker', () => {
  const docs = new Map<string, Set<string> | null>([
    ['docs/model.md', headingIds('# Title\n## §7 Överskott\n### §R1 Largest remainder\n## §1 Keys\n## §10 Scenario\nnot §9\n')],
    ['docs/workbook-format.md', headingIds('## §1 Reading rules\n### §1.3 Numbers\n')],
  ]);
  const problem = (text: string) => anchorProblem({ file: 'x.ts', line: 1, text }, root, docs);

  test('finds headings starting with §, not § in running text', () => {
    expect([...headingIds('## §7 Överskott\n### §R1 Largest\n#### §1.3: Numbers\ntext §9\n##§2 no space\n')]).toEqual([
      '§7',
      '§R1',
      '§1.3',
    ]);
  });

  test.each([
    [' docs/model.md §7 — want_f = min(request_f, cap_f − matched_f)', ''],
    [' docs/model.md §R1', ''],
    [' docs/model.md §1–§10, §R1 (the whole model)', ''],
    [' docs/model.md §7; docs/workbook-format.md §1.3 — both', ''],
    [' docs/workbook-format.md §1.3.', ''],
    [' docs/model.md §8 — no such heading', 'docs/model.md has no heading §8'],
    [' docs/model.md §1–§9', 'docs/model.md has no heading §9'],
    [' docs/model.md §7; docs/workbook-format.md §2', 'docs/workbook-format.md has no heading §2'],
    [' docs/nothing.md §1', 'docs/nothing.md does not exist'],
    [
      ' allocation-model.md §7 Överskott — the old scheme',
      'does not start with "docs/FILE.md §ID": spec: allocation-model.md §7 Överskott — the old scheme',
    ],
    [' "within the first 10"', 'does not start with "docs/FILE.md §ID": spec: "within the first 10"'],
  ])('%j → %j', (text, expected) => {
    expect(problem(text)).toBe(expected);
  });

  test('parses references and ranges', () => {
    expect(parseReferences(' docs/model.md §I, §1–§3; docs/workbook-format.md §4 — text')).toEqual([
      { doc: 'docs/model.md', sections: ['§I', '§1', '§3'] },
      { doc: 'docs/workbook-format.md', sections: ['§4'] },
    ]);
  });

  test('reads comments only: code, strings and templates never count', () => {
    const source = [
      '// spec: docs/model.md §1 — a line comment',
      'const s = "// spec: not a comment";',
      'const t = `x ${1} // spec: nor this`;',
      'function f(spec: string) { return spec; }',
      '/** Doc (spec: docs/model.md §7 — inline). */',
      'const re = /spec:/;',
    ].join('\n');
    expect(specComments('a.ts', source).map((c) => [c.line, c.text])).toEqual([
      [1, ' docs/model.md §1 — a line comment'],
      [5, ' docs/model.md §7 — inline). */'],
    ]);
  });
});

describe('migration from the old scheme', () => {
  test.each([
    [' allocation-model.md §7 Överskott — tier 1', ' docs/model.md §7 Överskott — tier 1'],
    [' allocation-model.md §1–§10 — the whole model', ' docs/model.md §1–§10 — the whole model'],
    [' allocation-model.md §1/§2 — B − N·G', ' docs/model.md §1, §2 — B − N·G'],
    [' allocation-model.md Warnings — DELÅR: months_f < 12', ' docs/model.md §W Warnings — DELÅR: months_f < 12'],
    [' allocation-model.md "Warnings"', ' docs/model.md §W'],
    [' allocation-model.md "Parameters" — check', ' docs/model.md §P — check'],
    [
      ' allocation-model.md "Inputs": a federation cannot both return and request',
      ' docs/model.md §I — a federation cannot both return and request',
    ],
    [' allocation-model.md step 9: fs on every area', ' docs/model.md §9 — fs on every area'],
    [' allocation-model.md "The computation (exact arithmetic; round only when writing)"', ' docs/model.md §E'],
    [' round.md §6 — decisions', ' docs/model.md §A6 — decisions'],
    [' workbook-format.md "Sheet `Kommuner`"', ' docs/workbook-format.md §4'],
    [' targeted-funds.md "Rules" — cap', ' docs/model.md §T2 — cap'],
  ])('%j → %j', (old, expected) => {
    expect(migrateAnchorText(old)).toBe(expected);
  });

  test('leaves new anchors and code alone, and changes only the comment text', () => {
    expect(migrateAnchorText(' docs/model.md §7')).toBeUndefined();
    const source =
      'const x = 1; // spec: allocation-model.md §2 Ideal — m_f\n// spec: docs/model.md §3\nfunction g(spec: number) {}\n';
    const out = migrateSource('a.ts', source);
    expect(out.source).toBe(
      'const x = 1; // spec: docs/model.md §2 Ideal — m_f\n// spec: docs/model.md §3\nfunction g(spec: number) {}\n',
    );
    expect(out.changed).toBe(1);
    expect(out.unmapped).toEqual([]);
  });
});
