// The fingerprint of the national inputs a regional file was made from (Parametrar "Nationell källa").
// spec: docs/model.md §A5 — SHA-256 of a canonical form of every national input except the answer columns
import type { ModelInput } from '../engine';
import { canonicalInput } from '../workbook/fingerprint';
import { sha256Hex } from '../workbook/sha256';
import { ANSWER_FIELDS } from './answers';

/** Version tag of the national source's canonical form (bump when it changes). */
export const NATIONAL_SOURCE_VERSION = 'nationell-källa-1';

/**
 * Canonical form of the national inputs: the model parameters (defaults applied), every federation
 * without its answer columns and every area, names by their normalised key, rows sorted — so that
 * re-saving, reordering rows or columns, units (tkr) and number formats change nothing.
 */
export function canonicalNationalInput(input: ModelInput): string {
  return canonicalInput(input, { omitFederationFields: ANSWER_FIELDS, normalizeNames: true, version: NATIONAL_SOURCE_VERSION });
}

/** SHA-256 hex of canonicalNationalInput(input): the value of Parametrar "Nationell källa". */
export function nationalSource(input: ModelInput): string {
  return sha256Hex(canonicalNationalInput(input));
}
