// The answer columns of a regional file: the only cells a stabschef fills in (round.md §2), one home.
// spec: docs/model.md §A2 — the answer columns, the only cells a regional file is for (round.md §2)
import type { FederationField } from '../workbook/columns';

/** The Förbund input fields that are answers, in the template's column order. */
export const ANSWER_FIELDS = [
  'equity',
  'previousTotalFunds',
  'municipalContribution',
  'regionContribution',
  'request',
  'returned',
  'splitMethod',
] as const satisfies readonly FederationField[];

export type AnswerField = (typeof ANSWER_FIELDS)[number];

/** Headers of the two further answer columns of a regional Förbund (not model inputs). */
export const REPLY_DATE_HEADER = 'Svar inkommit';
export const COMMENT_HEADER = 'Kommentar';

/** True when a Förbund field is an answer column. */
export function isAnswerField(field: string): field is AnswerField {
  return (ANSWER_FIELDS as readonly string[]).includes(field);
}
