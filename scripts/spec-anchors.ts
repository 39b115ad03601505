// The code's `// spec:` anchors and the docs they point at.
//
// Scheme: a comment cites a docs file of this repository and one or more of its `§` headings,
//   // spec: docs/model.md §7 — want_f = min(request_f, cap_f − matched_f)
//   // spec: docs/model.md §I, §1; docs/workbook-format.md §4 — free text after the references
// A reference resolves when the file exists and has a Markdown heading starting with that `§` id
// (`## §7 Överskott`, `### §R1 Largest remainder`); `§1–§10` is a range and both ends must resolve.
//
//   npx tsx scripts/spec-anchors.ts --check     list every anchor that does not resolve (exit 1 if any)
//   npx tsx scripts/spec-anchors.ts --migrate   rewrite anchors of the old scheme (`allocation-model.md
//                                               §7`, `workbook-format.md "Reading rules"`) in src to the
//                                               new one; only comment text after `spec:` changes.
// test/docs/anchors.test.ts runs the check on every `npm test`.
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';

export interface SpecComment {
  file: string;
  line: number;
  /** the comment text after `spec:` up to the end of its line */
  text: string;
}

export interface Reference {
  doc: string;
  sections: string[];
}

const ID = '[A-Za-z0-9]+(?:\\.[A-Za-z0-9]+)*';
const SECTION = `§${ID}(?:[–-]§${ID})?`;
const REF = `(docs/[A-Za-z0-9_./-]+\\.md)\\s+(${SECTION}(?:\\s*,\\s*${SECTION})*)`;
const REFS_AT_START = new RegExp(`^\\s*${REF}(?:\\s*;\\s*${REF})*`);

/** Source files under `dir` (.ts, .tsx), recursively, sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** The comments of a source text, each once (from the syntax tree, so code and strings never count). */
export function comments(file: string, source: string): { pos: number; text: string }[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const seen = new Map<number, string>();
  const add = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) if (!seen.has(r.pos)) seen.set(r.pos, source.slice(r.pos, r.end));
  };
  const visit = (node: ts.Node) => {
    add(ts.getLeadingCommentRanges(source, node.getFullStart()));
    add(ts.getTrailingCommentRanges(source, node.getEnd()));
    for (const child of node.getChildren(sf)) visit(child);
  };
  visit(sf);
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([pos, text]) => ({ pos, text }));
}

/** Every `spec:` inside a comment of the file. */
export function specComments(file: string, source: string = fs.readFileSync(file, 'utf8')): SpecComment[] {
  const out: SpecComment[] = [];
  for (const { pos, text: comment } of comments(file, source)) {
    const re = /(^|[\s(])spec:/g;
    for (let m = re.exec(comment); m; m = re.exec(comment)) {
      const at = m.index + m[1].length + 'spec:'.length;
      const end = comment.indexOf('\n', at);
      const text = comment.slice(at, end < 0 ? undefined : end);
      const line = source.slice(0, pos + at).split('\n').length;
      out.push({ file, line, text });
    }
  }
  return out;
}

/** The references at the start of an anchor's text, or undefined when it does not follow the scheme. */
export function parseReferences(text: string): Reference[] | undefined {
  const m = REFS_AT_START.exec(text);
  if (!m) return undefined;
  const refs: Reference[] = [];
  const one = new RegExp(REF, 'g');
  for (let r = one.exec(m[0]); r; r = one.exec(m[0])) {
    const sections = r[2].split(/\s*,\s*/).flatMap((s) => s.split(/[–-](?=§)/));
    refs.push({ doc: r[1], sections });
  }
  return refs;
}

/** The `§` ids of a Markdown file's headings. */
export function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const line of markdown.split('\n')) {
    const m = new RegExp(`^#{1,6}\\s+(§${ID})(?=[\\s:.,]|$)`).exec(line);
    if (m) ids.add(m[1]);
  }
  return ids;
}

/** What is wrong with one anchor ('' when it resolves). */
export function anchorProblem(comment: SpecComment, root: string, cache: Map<string, Set<string> | null> = new Map()): string {
  const refs = parseReferences(comment.text);
  if (!refs) return `does not start with "docs/FILE.md §ID": spec:${comment.text}`;
  const problems: string[] = [];
  for (const ref of refs) {
    if (!cache.has(ref.doc)) {
      const p = path.join(root, ref.doc);
      cache.set(ref.doc, fs.existsSync(p) ? headingIds(fs.readFileSync(p, 'utf8')) : null);
    }
    const ids = cache.get(ref.doc);
    if (!ids) {
      problems.push(`${ref.doc} does not exist`);
      continue;
    }
    for (const s of ref.sections) if (!ids.has(s)) problems.push(`${ref.doc} has no heading ${s}`);
  }
  return problems.join('; ');
}

/** Every anchor under root/src that does not resolve, as "file:line: problem". */
export function unresolvedAnchors(root: string): string[] {
  const cache = new Map<string, Set<string> | null>();
  const out: string[] = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    for (const c of specComments(file)) {
      const problem = anchorProblem(c, root, cache);
      if (problem) out.push(`${path.relative(root, c.file)}:${c.line}: ${problem}`);
    }
  }
  return out;
}

// ---- Migration from the old scheme (anchors naming ../shared/spec files and their headings) ----

/** Anchors of the old scheme whose text is not regular, as they were written (text after `spec:`, trimmed). */
const EXACT: Record<string, string> = {
  'allocation-model.md "The computation", "Rounding", "Warnings"': 'docs/model.md §1–§10, §R, §W',
  'allocation-model.md "Inputs", "Parameters", §1 (B ≥ N·G, ΣFM > 0, ΣPOP > 0)':
    'docs/model.md §I, §P, §1 (B ≥ N·G, ΣFM > 0, ΣPOP > 0)',
  'allocation-model.md steps 1–9 and "Warnings".': 'docs/model.md §1–§9, §W.',
  'allocation-model.md "Parameters", step 1)': 'docs/model.md §P, §1)',
  'allocation-model.md "Rounding" — largest remainder (LR)': 'docs/model.md §R1 — largest remainder (LR)',
  'allocation-model.md "Rounding" — "largest fractional parts (ties: earlier row first)"':
    'docs/model.md §R1 — "largest fractional parts (ties: earlier row first)"',
  'allocation-model.md "Rounding" — Idealfördelning and Efter spärr': 'docs/model.md §R2 — Idealfördelning and Efter spärr',
  'allocation-model.md "Rounding" — Matchad tilldelning = Efter spärr − LR-rounded cut':
    'docs/model.md §R3 — Matchad tilldelning = Efter spärr − LR-rounded cut',
  'allocation-model.md "Rounding" — Ytterligare medel': 'docs/model.md §R4 — Ytterligare medel',
  'allocation-model.md "Rounding" — Kommunernas andel = round_half_up(Slutlig/2)':
    'docs/model.md §R6 — Kommunernas andel = round_half_up(Slutlig/2)',
  'allocation-model.md "Rounding" — Regionens andel = Slutlig − Kommunernas andel':
    'docs/model.md §R6 — Regionens andel = Slutlig − Kommunernas andel',
  'allocation-model.md "Rounding" — LR split of Kommunernas andel, without rounding error':
    'docs/model.md §R6 — LR split of Kommunernas andel, without rounding error',
  'allocation-model.md "Rounding" — LR split of a whole-krona total in k equal parts':
    'docs/model.md §R6 — LR split of a whole-krona total in k equal parts',
  'allocation-model.md "Rounding" — each municipality\'s contribution is an LR split of Kommunernas andel':
    "docs/model.md §R6 — each municipality's contribution is an LR split of Kommunernas andel",
  'allocation-model.md "Rounding" — Rimligt eget kapital: rounded half up':
    'docs/model.md §R7 — Rimligt eget kapital: rounded half up',
  'workbook-format.md (sheets, headers, parameter defaults); allocation-model.md "Parameters".':
    'docs/workbook-format.md §6, §2, §3.1, §4; docs/model.md §P (sheets, headers, parameter defaults).',
  'workbook-format.md "Reading rules (all sheets)".': 'docs/workbook-format.md §1.1, §1.2.',
  '"within the first 10"). */': 'docs/workbook-format.md §1.2 "within the first 10"). */',
  'workbook-format.md "Reading rules": case-insensitive, white space runs folded,':
    'docs/workbook-format.md §1.1 — case-insensitive, white space runs folded,',
  'workbook-format.md "Anything else in a number cell is an error naming the cell"':
    'docs/workbook-format.md §1.4 — "Anything else in a number cell is an error naming the cell"',
  'workbook-format.md "Sheet `Förbund`", "Sheet `Kommuner`", "Reading rules".': 'docs/workbook-format.md §3.1, §4, §1.1.',
  'workbook-format.md "Reading rules": `1 234 567`, `1 234,5`, `1234567 kr`, `12,5 %`; space,':
    'docs/workbook-format.md §1.3 — `1 234 567`, `1 234,5`, `1234567 kr`, `12,5 %`; space,',
  'workbook-format.md "Written by a run" and "Sheets written by a run"; rounding: allocation-model.md "Rounding".':
    'docs/workbook-format.md §3.2, §5; docs/model.md §R (rounding).',
  '"Warnings … each written as `CODE: text in Swedish`, `; `-separated"). */':
    'docs/model.md §W "each written as `CODE: text in Swedish`, `; `-separated"). */',
  'workbook-format.md (all of it); the cross checks mirror allocation-model.md "Inputs" and step 1.':
    'docs/workbook-format.md §1–§4; docs/model.md §I, §1 (the cross checks mirror the engine).',
  'entirely blank rows are ignored). */': 'docs/workbook-format.md §1.2 — entirely blank rows are ignored). */',
  'Förbund "yes, unique")': 'docs/workbook-format.md §3.1 — Förbund "yes, unique")',
  'workbook-format.md "Sheet `Kommuner`")': 'docs/workbook-format.md §4)',
  'workbook-format.md "Sheet `Parametrar`"; defaults: allocation-model.md "Parameters".':
    'docs/workbook-format.md §2; docs/model.md §P (defaults).',
  'workbook-format.md "Körlogg … a fingerprint of the inputs".':
    'docs/workbook-format.md §5.3 — "Körlogg … a fingerprint of the inputs".',
  'workbook-format.md "Reading rules" and "Anything else in a number cell is an error naming the cell".':
    'docs/workbook-format.md §1.3, §1.4.',
};

/** Old quoted heading names (and bare words) → new ids, per old spec file. */
const NAMED: Record<string, [RegExp, string][]> = {
  'allocation-model.md': [
    [/^Background/i, 'docs/model.md §0'],
    [/^Parameters/i, 'docs/model.md §P'],
    [/^Inputs/i, 'docs/model.md §I'],
    [/^The computation \(exact/i, 'docs/model.md §E'],
    [/^The computation/i, 'docs/model.md §1–§10'],
    [/^Rounding/i, 'docs/model.md §R'],
    [/^Warnings/i, 'docs/model.md §W'],
    [/^Invariants/i, 'docs/model.md §V'],
  ],
  'workbook-format.md': [
    [/^Reading rules/i, 'docs/workbook-format.md §1'],
    [/^Sheet `?Parametrar/i, 'docs/workbook-format.md §2'],
    [/^Sheet `?Förbund/i, 'docs/workbook-format.md §3'],
    [/^Sheet `?Kommuner/i, 'docs/workbook-format.md §4'],
    [/^Sheets written by a run/i, 'docs/workbook-format.md §5'],
    [/^Written by a run/i, 'docs/workbook-format.md §3.2'],
    [/^Körlogg/i, 'docs/workbook-format.md §5.2'],
    [/^Kommunbidrag/i, 'docs/workbook-format.md §5.1'],
  ],
  'targeted-funds.md': [
    [/^Sheet `?Ansökningar/i, 'docs/model.md §T1'],
    [/^Rules/i, 'docs/model.md §T2'],
    [/^What a run writes/i, 'docs/model.md §T3'],
  ],
  'transparency.md': [
    [/^Sheet `?Underlag/i, 'docs/model.md §U1'],
    [/^Federation statements/i, 'docs/model.md §U2'],
  ],
};

/** The new anchor text for an old one, or undefined when it is not of the old scheme or not understood. */
export function migrateAnchorText(text: string): string | undefined {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const body = text.slice(lead.length);
  if (body.startsWith('docs/')) return undefined;
  const exact = EXACT[body.trim()];
  if (exact) return lead + exact + body.slice(body.trimEnd().length);
  let m = /^allocation-model\.md\s+(?:steps?\s+(\d+)(?:[–-](\d+))?|§(\d+)(?:([–/-])§(\d+))?)/.exec(body);
  if (m) {
    const a = m[1] ?? m[3];
    const b = m[2] ?? m[5];
    const sep = m[4] === '/' ? ', ' : '–';
    return `${lead}docs/model.md §${a}${b ? `${sep}§${b}` : ''}${body.slice(m[0].length).replace(/^:\s*/, ' — ')}`;
  }
  m = /^round\.md\s+§(\d+)(?:[–-]§(\d+))?/.exec(body);
  if (m) return `${lead}docs/model.md §A${m[1]}${m[2] ? `–§A${m[2]}` : ''}${body.slice(m[0].length)}`;
  m =
    /^(allocation-model\.md|workbook-format\.md|targeted-funds\.md|transparency\.md)\s+(?:"([^"]*)"|(Warnings|Parameters|Inputs|Rounding))/.exec(
      body,
    );
  if (m) {
    const name = m[2] ?? m[3];
    const rule = NAMED[m[1]]?.find(([re]) => re.test(name));
    if (!rule) return undefined;
    let rest = body.slice(m[0].length);
    if (m[3]) rest = ` ${m[3]}${rest}`;
    rest = rest.replace(/^:\s*/, ' — ');
    return `${lead}${rule[1]}${rest}`;
  }
  m = /^targeted-funds\.md\b/.exec(body);
  if (m) return `${lead}docs/model.md §T${body.slice(m[0].length)}`;
  m = /^transparency\.md\b/.exec(body);
  if (m) return `${lead}docs/model.md §U${body.slice(m[0].length)}`;
  m = /^worked-example\.md\b/.exec(body);
  if (m) return `${lead}docs/model.md §X${body.slice(m[0].length)}`;
  return undefined;
}

/** Rewrites the old-scheme anchors of one source text; returns the new text and the lines it could not map. */
export function migrateSource(file: string, source: string): { source: string; changed: number; unmapped: SpecComment[] } {
  const comments = specComments(file, source);
  const lines = source.split('\n');
  let changed = 0;
  const unmapped: SpecComment[] = [];
  for (const c of comments) {
    const next = migrateAnchorText(c.text);
    if (next === undefined) {
      if (!parseReferences(c.text)) unmapped.push(c);
      continue;
    }
    const i = c.line - 1;
    const at = lines[i].indexOf(`spec:${c.text}`);
    if (at < 0) {
      unmapped.push(c);
      continue;
    }
    lines[i] = lines[i].slice(0, at) + 'spec:' + next + lines[i].slice(at + 'spec:'.length + c.text.length);
    changed++;
  }
  return { source: lines.join('\n'), changed, unmapped };
}

function main(argv: string[]): number {
  const root = path.resolve(__dirname, '..');
  if (argv.includes('--migrate')) {
    let total = 0;
    for (const file of sourceFiles(path.join(root, 'src'))) {
      const before = fs.readFileSync(file, 'utf8');
      const { source, changed, unmapped } = migrateSource(file, before);
      if (changed) fs.writeFileSync(file, source);
      total += changed;
      for (const u of unmapped) process.stderr.write(`${path.relative(root, file)}:${u.line}: not migrated: spec:${u.text}\n`);
    }
    process.stdout.write(`${total} anchors rewritten\n`);
  }
  const bad = unresolvedAnchors(root);
  for (const b of bad) process.stdout.write(b + '\n');
  if (argv.includes('--check') || argv.includes('--migrate')) process.stdout.write(`${bad.length} anchors do not resolve\n`);
  return bad.length ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
