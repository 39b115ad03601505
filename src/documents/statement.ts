// A federation's statement ("Underlag för styrelsen"): the answer first, then the chain in words and
// kronor, warnings in plain Swedish, members' shares and the national figures the chain uses.
// Host-neutral (no Node, DOM or Office); the PDF (./pdf.ts) and, later, Förklara render it.
// spec: docs/model.md §U2; allocation-model.md steps 1–9.
// Types: ./statement-types.ts; the sections: ./statement-sections.ts (re-exported here).
import type { AllocationResult, FederationResult } from '../engine';
import { normalizeKey, PROGRAM_NAME, PROGRAM_VERSION, READ_TEXTS } from '../workbook';
import {
  answerOf,
  clean,
  equitySection,
  extraSection,
  finalSection,
  idealSection,
  keysSection,
  matchingSection,
  membersSection,
  nationalSection,
  place,
  spärrSection,
  warningsSection,
} from './statement-sections';
import type { Statement, StatementContext, StatementLine, StatementSection, StatementSectionId } from './statement-types';

export * from './statement-types';
export { partialReason, tierRatio } from './statement-sections';

function findFederation(result: AllocationResult, name: string): FederationResult | undefined {
  return (
    result.federations.find((f) => f.name === name) ?? result.federations.find((f) => normalizeKey(f.name) === normalizeKey(name))
  );
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-12-01 20:10", local time. */
export function statementDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * The statement of one federation, in Swedish, from the run's result: answer first, then the chain,
 * warnings, members' shares and the national figures. Throws when the federation is not in the
 * result (name matched case-insensitively, white space folded).
 */
export function federationStatement(result: AllocationResult, name: string, context: StatementContext = {}): Statement {
  const f = findFederation(result, name);
  if (!f) throw new Error(READ_TEXTS.federationNotInResult(name));
  const generatedAt = context.generatedAt ?? new Date();
  const { answer, lines } = answerOf(result, f, context);
  const section = (id: StatementSectionId, heading: string, ls: StatementLine[]): StatementSection => ({
    id,
    heading,
    lines: ls.map(clean),
  });
  const sections = [
    section('svar', 'Tilldelning', lines),
    section('nyckel', 'Fördelningsnyckel', keysSection(result, f)),
    section('ideal', 'Idealfördelning', idealSection(result, f)),
    section('eget-kapital', 'Eget kapital och Trappan', equitySection(result, f)),
    section('sparr', 'Spärr', spärrSection(result, f)),
    section('matchning', 'Matchning', matchingSection(context.input, f)),
    section('ytterligare', 'Ytterligare medel', extraSection(result, f)),
    section('slutlig', 'Slutlig tilldelning', finalSection(f)),
    section('varningar', 'Varningar', warningsSection(f)),
    section('medlemmar', 'Medlemmarnas andelar', membersSection(result, f, context.input)),
    section('nationellt', 'Nationella uppgifter', nationalSection(result)),
  ];
  const statement: Statement = {
    federation: f.name,
    title: `Statlig tilldelning${result.parameters.year ? ` ${result.parameters.year}` : ''}`,
    answer,
    sections,
    program: `${PROGRAM_NAME} ${PROGRAM_VERSION}`,
    generatedAt,
    generated: statementDate(generatedAt),
  };
  const where = place(f);
  if (where) statement.where = where;
  if (context.fileName) statement.fileName = context.fileName;
  return statement;
}

/**
 * The statement with one more section, placed after the section `after` (default: before the
 * national figures, i.e. after the federation's own sections). For other code's own lines — a regional
 * file's, a later round's — so that the pane's Förklara and the PDF show them in the same place.
 */
export function withSection(statement: Statement, section: StatementSection, after?: StatementSectionId): Statement {
  const sections = [...statement.sections];
  const at =
    after === undefined ? sections.findIndex((x) => x.id === 'nationellt') : sections.findIndex((x) => x.id === after) + 1;
  sections.splice(at <= 0 ? sections.length : at, 0, { ...section, lines: section.lines.map(clean) });
  return { ...statement, sections };
}
