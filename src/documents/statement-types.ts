// The statement model's types ("Underlag för styrelsen") and the plain-Swedish warning titles.
// spec: docs/model.md §U2
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
  | 'nationellt';

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

/** The meaning of each warning in plain Swedish (the statement shows these, never the codes). */
export const WARNING_TITLES: Record<WarningCode, string> = {
  EGET_KAPITAL: 'Eget kapital över rimlig nivå',
  EK_SAKNAS: 'Uppgift om eget kapital saknas',
  SPÄRR: 'Höjd till spärrnivån',
  SPÄRR_EJ: 'Spärren gäller inte i år',
  MATCHNING: 'Begränsad av matchningen',
  ÅTERLÄMNAT: 'Återlämnade medel',
  YTTERLIGARE_DELVIS: 'Fick inte hela ansökan om ytterligare medel',
  NY: 'Nytt förbund',
  DELÅR: 'Verksamhet del av året',
  MINSKNING: 'Minskning utöver spärren',
};

export const MINUS = '\u2212';
