// A federation statement as plain text for a terminal (`finsam explain`): the same sections, in the
// same order and words, as Förklara and the PDF. spec: docs/model.md §U2.
import type { Statement, StatementLine } from './statement-types';

function row(line: StatementLine, width: number): string {
  const value = line.value ? `  ${line.value}` : '';
  const note = line.note ? `  (${line.note})` : '';
  return `${line.label.padEnd(width)}${value}${note}`.trimEnd();
}

/**
 * "Förbund  Söderby (VO Syd, Region Syd)", the answer in one sentence, then each section: its heading
 * and its rows as "Matchningstak   1 800 000 kr  (note)", the labels padded to one width.
 */
export function statementText(statement: Statement): string {
  const lines = statement.sections.flatMap((s) => s.lines);
  const width = Math.min(40, Math.max(7, ...lines.map((l) => l.label.length)));
  const out = [
    row({ label: 'Förbund', value: statement.federation, ...(statement.where ? { note: statement.where } : {}) }, width),
    statement.answer.summary,
  ];
  for (const section of statement.sections) {
    out.push('', section.heading.toLocaleUpperCase('sv'), ...section.lines.map((l) => row(l, width)));
  }
  return out.join('\n');
}
