// The statement model's types ("Underlag för styrelsen") and the plain-Swedish warning titles.
// spec: docs/model.md §U2
import { WARNING_CODES, warningMeaning } from '../engine';
import type { ModelInput, WarningCode } from '../engine';

/** One row of a section: a label, its value (right-aligned in a table), and an optional note. */
export interface StatementLine {
  label: string;
  value: string;
  note?: string;
}

export type StatementSectionId =
  | 'svar'
  | 'nyckel'
  | 'ideal'
  | 'eget-kapital'
  | 'sparr'
  | 'matchning'
  | 'ytterligare'
  | 'slutlig'
  | 'varningar'
  | 'medlemmar'
  | 'nationellt'
  // Open for sections other code adds with withSection (a regional file's, a later round's)
  | (string & {});

export interface StatementSection {
  id: StatementSectionId;
  heading: string;
  lines: StatementLine[];
}

export interface StatementAnswer {
  /** "Slutlig tilldelning" */
  label: string;
  /** The final allocation as written in the sheet: "1 800 000 kr" */
  value: string;
  /** Whole kronor, as written in Förbund's Slutlig tilldelning */
  kronor: number;
  /** "600 000 kr mindre än föregående år (−25,0 %)"; undefined for a new federation */
  change?: string;
  /** "Beslut 2026-11-07, 7 november 2026" where a decision is given */
  decision?: string;
  /** The answer in one sentence */
  summary: string;
}

export interface StatementContext {
  decision?: { label: string; date?: string };
  /** The workbook the figures come from (shown in the footer) */
  fileName?: string;
  /** When the statement was made (default: now); fixes the PDF's dates */
  generatedAt?: Date;
  /** The run's input: gives each municipality's basis figure (inhabitants 16–64 or recipients) */
  input?: ModelInput;
}

export interface Statement {
  federation: string;
  /** "Statlig tilldelning 2027" */
  title: string;
  /** "VO Syd, Region Syd" */
  where?: string;
  answer: StatementAnswer;
  /** In reading order; the first is the answer ('svar') */
  sections: StatementSection[];
  /** "finsam 0.1.0" */
  program: string;
  generatedAt: Date;
  /** "2026-12-01 20:10" (local time) */
  generated: string;
  fileName?: string;
}

/**
 * Each warning's meaning in plain Swedish, capitalised: the engine's warning table (WARNING_DEFINITIONS
 * in src/engine/messages.ts) is the one home; the statement and Förklara show these, never the codes.
 */
export const WARNING_TITLES = Object.fromEntries(WARNING_CODES.map((code) => [code, warningMeaning(code)])) as Record<
  WarningCode,
  string
>;

export const MINUS = '\u2212';
