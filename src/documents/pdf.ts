// A federation statement as an A4 PDF (pdf-lib, standard fonts): searchable, copyable text with
// å ä ö (WinAnsi), λ Σ − from the Symbol font, wrapped at word boundaries, paginated with a footer.
// Host-neutral: runs in Node and in the browser, no network. Deterministic for a fixed generatedAt.
// spec: docs/model.md §U2.
import { PDFDocument, PDFFont, PDFPage, StandardFonts, rgb } from 'pdf-lib';
import type { Statement, StatementLine } from './statement';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 56, right: 56, top: 56, bottom: 64 };
const CONTENT = PAGE.width - MARGIN.left - MARGIN.right;
const VALUE_WIDTH = 150;
const GAP = 14;
const LABEL_WIDTH = CONTENT - VALUE_WIDTH - GAP;
const BLACK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.75, 0.75, 0.75);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  symbol: PDFFont;
  regularSet: Set<number>;
  boldSet: Set<number>;
  symbolSet: Set<number>;
}

interface Run {
  text: string;
  font: PDFFont;
}

/** Split text into runs of the text font and, for characters it cannot encode (λ Σ −), the Symbol font. */
function runs(text: string, fonts: Fonts, bold: boolean): Run[] {
  const font = bold ? fonts.bold : fonts.regular;
  const set = bold ? fonts.boldSet : fonts.regularSet;
  const out: Run[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const [f, c] = set.has(cp) ? [font, ch] : fonts.symbolSet.has(cp) ? [fonts.symbol, ch] : [font, '?'];
    const last = out[out.length - 1];
    if (last && last.font === f) last.text += c;
    else out.push({ text: c, font: f });
  }
  return out;
}

// Glyph widths at size 1 per font, measured once per character (drawText sets no kerning, so none here).
const glyphWidths = new WeakMap<PDFFont, Map<string, number>>();
function runWidth(run: Run, size: number): number {
  let cache = glyphWidths.get(run.font);
  if (!cache) glyphWidths.set(run.font, (cache = new Map()));
  let w = 0;
  for (const ch of run.text) {
    let g = cache.get(ch);
    if (g === undefined) cache.set(ch, (g = run.font.widthOfTextAtSize(ch, 1)));
    w += g;
  }
  return w * size;
}

function widthOf(text: string, fonts: Fonts, size: number, bold = false): number {
  return runs(text, fonts, bold).reduce((w, r) => w + runWidth(r, size), 0);
}

/**
 * Words for wrapping: a space is a break only where it does not sit inside a number or between a
 * number and its unit ("1 800 000 kr", "25,0 %" stay whole). Words are never broken.
 */
export function wrapWords(text: string): string[] {
  const parts = text.split(' ');
  const words: string[] = [];
  for (const part of parts) {
    const prev = words[words.length - 1];
    const glue = prev !== undefined && /[0-9]$/.test(prev) && /^([0-9]|kr\b|%|tkr\b|Mkr\b)/.test(part);
    if (glue) words[words.length - 1] = `${prev} ${part}`;
    else words.push(part);
  }
  return words.filter((w, i) => w !== '' || i === 0);
}

/** Greedy wrap at word boundaries; a word wider than the line stays whole on a line of its own. */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of wrapWords(text)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The largest size ≤ size (down to min) at which every word of the text fits the width. */
function fittingSize(text: string, width: number, size: number, min: number, fonts: Fonts, bold: boolean): number {
  let s = size;
  const longest = Math.max(...wrapWords(text).map((w) => widthOf(w, fonts, 1, bold)));
  while (s > min && longest * s > width) s -= 0.5;
  return s;
}

class Layout {
  pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly header: string,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN.top;
    if (this.pages.length > 1) {
      const size = fittingSize(this.header, CONTENT, 9, 6, this.fonts, false);
      for (const l of wrapText(this.header, CONTENT, (s) => widthOf(s, this.fonts, size))) {
        this.text(l, MARGIN.left, this.y - size, size, false, GREY);
        this.y -= size + 2;
      }
      this.y -= 12;
    }
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  text(s: string, x: number, y: number, size: number, bold = false, color = BLACK, page = this.page): void {
    let cx = x;
    for (const r of runs(s, this.fonts, bold)) {
      page.drawText(r.text, { x: cx, y, size, font: r.font, color });
      cx += runWidth(r, size);
    }
  }

  /** A wrapped paragraph at the cursor; returns nothing, moves the cursor down. */
  paragraph(
    s: string,
    size: number,
    opts: { bold?: boolean; color?: ReturnType<typeof rgb>; width?: number; leading?: number; fit?: number } = {},
  ): void {
    const width = opts.width ?? CONTENT;
    const bold = opts.bold ?? false;
    const sz = opts.fit ? fittingSize(s, width, size, opts.fit, this.fonts, bold) : size;
    const leading = opts.leading ?? sz * 1.25;
    for (const l of wrapText(s, width, (t) => widthOf(t, this.fonts, sz, bold))) {
      this.ensure(leading);
      this.text(l, MARGIN.left, this.y - sz, sz, bold, opts.color ?? BLACK);
      this.y -= leading;
    }
  }

  rule(y = this.y, thickness = 0.5): void {
    this.page.drawLine({ start: { x: MARGIN.left, y }, end: { x: PAGE.width - MARGIN.right, y }, thickness, color: RULE });
  }
}

const LABEL_SIZE = 10;
const NOTE_SIZE = 8.5;
const LABEL_LEADING = 12.5;
const NOTE_LEADING = 10.5;

interface RowLayout {
  labelSize: number;
  label: string[];
  note: string[];
  height: number;
}

function rowLayout(line: StatementLine, fonts: Fonts): RowLayout {
  const labelWidth = line.value ? LABEL_WIDTH : CONTENT;
  const labelSize = fittingSize(line.label, labelWidth, LABEL_SIZE, 7, fonts, false);
  const label = wrapText(line.label, labelWidth, (s) => widthOf(s, fonts, labelSize));
  const noteWidth = line.value ? LABEL_WIDTH : CONTENT;
  const note = line.note ? wrapText(line.note, noteWidth, (s) => widthOf(s, fonts, NOTE_SIZE)) : [];
  return { labelSize, label, note, height: label.length * LABEL_LEADING + note.length * NOTE_LEADING + 5 };
}

function drawRow(layout: Layout, line: StatementLine, row: RowLayout, strong: boolean): void {
  layout.ensure(row.height);
  const top = layout.y;
  let y = top;
  for (const l of row.label) {
    layout.text(l, MARGIN.left, y - row.labelSize, row.labelSize, strong);
    y -= LABEL_LEADING;
  }
  if (line.value) {
    const size = fittingSize(line.value, VALUE_WIDTH, LABEL_SIZE, 7, layout.fonts, strong);
    const w = widthOf(line.value, layout.fonts, size, strong);
    layout.text(line.value, PAGE.width - MARGIN.right - w, top - size, size, strong);
  }
  for (const n of row.note) {
    layout.text(n, MARGIN.left, y - NOTE_SIZE, NOTE_SIZE, false, GREY);
    y -= NOTE_LEADING;
  }
  layout.y = top - row.height;
  layout.page.drawLine({
    start: { x: MARGIN.left, y: layout.y + 2 },
    end: { x: PAGE.width - MARGIN.right, y: layout.y + 2 },
    thickness: 0.25,
    color: RULE,
  });
}

/** The rows shown in bold: the result of each step. */
const STRONG = new Set([
  'Slutlig tilldelning',
  'Idealfördelning',
  'Efter spärr',
  'Matchad tilldelning',
  'Ytterligare medel',
  'Fördelningsnyckel',
]);

async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const [regular, bold, symbol] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(StandardFonts.Symbol),
  ]);
  return {
    regular,
    bold,
    symbol,
    regularSet: new Set(regular.getCharacterSet()),
    boldSet: new Set(bold.getCharacterSet()),
    symbolSet: new Set(symbol.getCharacterSet()),
  };
}

/** The PDF's file name for a federation: "Söderby – Statlig tilldelning 2027.pdf" without / \ : * ? " < > |. */
export function statementFileName(statement: Statement): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  return `${statement.federation} – ${statement.title}.pdf`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}

/**
 * The statement as an A4 PDF: title block with the federation's name and the answer in large type,
 * then each section with a heading and rows of label, right-aligned value and note; every page has a
 * footer (page x of y, program and version, when it was made). The same statement gives the same bytes.
 */
export async function statementPdf(statement: Statement): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const title = `${statement.title} – ${statement.federation}`;
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setSubject(`Underlag för ${statement.federation}: slutlig tilldelning och hur den räknats fram`);
  doc.setCreator(statement.program);
  doc.setProducer(`${statement.program} (pdf-lib)`);
  doc.setLanguage('sv-SE');
  doc.setCreationDate(statement.generatedAt);
  doc.setModificationDate(statement.generatedAt);
  const fonts = await embedFonts(doc);
  const layout = new Layout(doc, fonts, title);

  // Title block: title, name, place, the answer in large type
  layout.paragraph(statement.title, 11, { color: GREY });
  layout.y -= 2;
  layout.paragraph(statement.federation, 22, { bold: true, fit: 12, leading: 26 });
  if (statement.where) layout.paragraph(statement.where, 11, { color: GREY });
  layout.y -= 14;
  const a = statement.answer;
  layout.paragraph(a.label, 11);
  layout.paragraph(a.value, 30, { bold: true, leading: 36, fit: 14 });
  if (a.change) layout.paragraph(a.change.charAt(0).toUpperCase() + a.change.slice(1), 12);
  if (a.decision) layout.paragraph(a.decision, 11, { color: GREY });
  layout.y -= 4;
  layout.paragraph(a.summary, 10, { color: GREY });
  layout.y -= 6;
  layout.rule(layout.y, 1);
  layout.y -= 16;

  for (const section of statement.sections) {
    const rows = section.lines.map((l) => rowLayout(l, fonts));
    // keep the heading with its first row
    layout.ensure(26 + (rows[0]?.height ?? 0));
    layout.text(section.heading, MARGIN.left, layout.y - 13, 13, true);
    layout.y -= 19;
    layout.rule(layout.y, 0.75);
    layout.y -= 5;
    section.lines.forEach((line, i) => drawRow(layout, line, rows[i], section.id !== 'varningar' && STRONG.has(line.label)));
    layout.y -= 14;
  }

  const total = layout.pages.length;
  const left = `${statement.program} · skapad ${statement.generated}${statement.fileName ? ` · ${statement.fileName}` : ''}`;
  layout.pages.forEach((page, i) => {
    const right = `Sida ${i + 1} av ${total}`;
    const rw = widthOf(right, fonts, 8);
    const size = fittingSize(left, CONTENT - rw - 20, 8, 5, fonts, false);
    page.drawLine({
      start: { x: MARGIN.left, y: 44 },
      end: { x: PAGE.width - MARGIN.right, y: 44 },
      thickness: 0.5,
      color: RULE,
    });
    layout.text(left, MARGIN.left, 32, size, false, GREY, page);
    layout.text(right, PAGE.width - MARGIN.right - rw, 32, 8, false, GREY, page);
  });
  return doc.save({ useObjectStreams: false });
}
