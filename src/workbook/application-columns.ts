// The columns of `Ansökningar` (targeted funds, riktade medel), with synonyms: one table, as columns.ts
// has Förbund's and Kommuner's. spec: docs/workbook-format.md §8
import type { ColumnDefinition } from './columns';

export type ApplicationField =
  'application' | 'federations' | 'insats' | 'types' | 'targetGroups' | 'requested' | 'granted' | 'reportDue';

/** A column of Ansökningar: `list` cells hold several values separated by `;`, `date` cells a date. */
export interface ApplicationColumn extends ColumnDefinition<ApplicationField> {
  list?: true;
  date?: true;
}

export const APPLICATION_SHEET = 'Ansökningar';

/** Input columns of `Ansökningar`, in the template's order (targeted-funds.md, sheet Ansökningar). */
export const APPLICATION_COLUMNS: readonly ApplicationColumn[] = [
  { key: 'application', label: 'Ansökan', synonyms: ['Ansökan nr', 'Diarienummer'], kind: 'text', required: true },
  { key: 'federations', label: 'Förbund', synonyms: ['Samordningsförbund'], kind: 'text', required: true, list: true },
  { key: 'insats', label: 'Insats', synonyms: [], kind: 'text', required: true },
  { key: 'types', label: 'Typ', synonyms: [], kind: 'text', required: true, list: true },
  { key: 'targetGroups', label: 'Målgrupp', synonyms: [], kind: 'text', required: false, list: true },
  { key: 'requested', label: 'Sökt belopp (kr)', synonyms: ['Sökt'], kind: 'money', required: true },
  { key: 'granted', label: 'Beviljat belopp (kr)', synonyms: ['Beviljat'], kind: 'money', required: false },
  { key: 'reportDue', label: 'Återrapport senast', synonyms: [], kind: 'text', required: false, date: true },
];

/** Key headers that identify the header row of Ansökningar. */
export const APPLICATION_KEY_HEADERS = ['Ansökan', 'Ansökan nr', 'Diarienummer'];

/** What a targeted run writes on Ansökningar, after the input columns, in this order. */
export const APPLICATION_OUTPUT_HEADERS = ['Förslag (kr)', 'Beslut', 'Varningar'] as const;
export type ApplicationOutputHeader = (typeof APPLICATION_OUTPUT_HEADERS)[number];

/** The sheet a targeted run writes: the round in figures, replaced whole by every run. */
export const TARGETED_SHEET = 'Riktade medel';

/** Separator of several values in one cell (joint applications, both types, several target groups). */
export const LIST_SEPARATOR = ';';
