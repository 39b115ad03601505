// The Parametrar view's logic without React: the fields' texts from the sheet, the edits over them,
// reading a field exactly (the engine's own rules, in decimals) and the cells "Spara" writes. Omgång and
// Beslut, the round's text parameters, are fields of the form too, checked by the reader's own rules.
import Decimal from 'decimal.js';
import { locateParameters, locateTextParameters, parameterWrite, textParameterWrite } from '../workbook/parameter-form';
import type { EditableTextKey, LocatedParameter, LocatedTextParameter } from '../workbook/parameter-form';
import type { ParameterKey } from '../workbook/parameters';
import { roundChoiceProblems } from '../workbook/run';
import { readDecisions } from '../workbook/read-decisions';
import { applyPlanToSheets } from '../workbook/apply';
import { MODEL_PARAMETER_DEFINITIONS } from '../workbook/parameters';
import { ISSUE_TEXTS, parameterDefault, trappanLimitsInOrder, weightsAddUpTo100 } from '../engine';
import { readMoney, readShare, readYear } from '../workbook/cells';
import { engineText, READ_TEXTS as R } from '../workbook/messages';
import { formatNumber, formatShare } from '../workbook/format';
import type { CellBlock, SheetValues } from '../workbook/types';

/** The text shown in a field for a located parameter (Swedish notation; shares in % without the sign). */
export function draftOf(p: LocatedParameter): string {
  if (p.parsed === undefined) return p.value === '' || p.value === null ? '' : String(p.value);
  if (p.kind === 'money') return formatNumber(p.parsed, Number.isInteger(p.parsed) ? 0 : 2);
  if (p.kind === 'share') return formatShare(p.parsed, 4).replace(/\s*%$/, '');
  return String(p.parsed);
}

/** A field's text read as the parameter's value, exact: kronor, a fraction, a year; null = blank. */
function readDraft(
  kind: LocatedParameter['kind'],
  text: string,
): { ok: true; value: Decimal | null } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (kind === 'money') {
    const r = readMoney(t, 1);
    if (r === null) return { ok: true, value: null };
    return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message };
  }
  if (kind === 'share') {
    // The field shows percent: "75" and "12,5" are percent, as is "75 %".
    const r = readShare(/%\s*$/.test(t) ? t : `${t} %`);
    if (r === null) return { ok: true, value: null };
    return r.ok ? { ok: true, value: r.value } : { ok: false, message: R.notAShare(`"${t}"`) };
  }
  const r = readYear(t);
  if (r === null) return { ok: true, value: null };
  return r.ok ? { ok: true, value: new Decimal(r.value) } : { ok: false, message: r.message };
}

/** A field's text read as the parameter's value: kronor, a fraction, a year; null = blank. */
export function parseDraft(
  kind: LocatedParameter['kind'],
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const r = readDraft(kind, text);
  return r.ok ? { ok: true, value: r.value === null ? null : r.value.toNumber() } : r;
}

/**
 * Validation messages per parameter for the drafts: required, readable, and the engine's own rules in
 * decimals (weights adding up to 100 %, Trappan's limits in order), with the engine's wording.
 */
export function validateDrafts(drafts: Record<string, string>): Partial<Record<ParameterKey, string>> {
  const errors: Partial<Record<ParameterKey, string>> = {};
  const values: Partial<Record<ParameterKey, Decimal | null>> = {};
  for (const def of MODEL_PARAMETER_DEFINITIONS) {
    const parsed = readDraft(def.kind, drafts[def.key] ?? '');
    if (!parsed.ok) errors[def.key] = parsed.message;
    else {
      values[def.key] = parsed.value;
      if (def.required && parsed.value === null) errors[def.key] = R.parameterWithoutValue(def.label);
    }
  }
  // A blank field is the model's default
  const value = (key: ParameterKey): Decimal => values[key] ?? parameterDefault(key) ?? new Decimal(0);
  const wf = value('weightSupportMeasure');
  const wp = value('weightPopulation');
  if (!errors.weightSupportMeasure && !errors.weightPopulation && !weightsAddUpTo100(wf, wp)) {
    errors.weightPopulation = engineText(ISSUE_TEXTS.weightsNot100(wf, wp));
  }
  const l1 = value('trappanLimit1');
  const l2 = value('trappanLimit2');
  if (!errors.trappanLimit1 && !errors.trappanLimit2 && !trappanLimitsInOrder(l1, l2)) {
    errors.trappanLimit2 = engineText(ISSUE_TEXTS.trappanLimitsOrder(l1, l2));
  }
  return errors;
}

/** A field of the form: a model parameter, or Omgång or Beslut. */
export type FormKey = ParameterKey | EditableTextKey;

/** Unsaved edits of the parameter fields: the text typed, per field (kept while the pane is open). */
export type ParameterEdits = Partial<Record<FormKey, string>>;

/** The fields' texts: the sheet's values, with the edits over them (text parameters when given). */
export function draftsOf(
  located: LocatedParameter[],
  edits: ParameterEdits,
  text: LocatedTextParameter[] = [],
): { initial: Record<string, string>; drafts: Record<string, string> } {
  const initial = Object.fromEntries([...located.map((p) => [p.key, draftOf(p)]), ...text.map((p) => [p.key, p.value])]);
  return { initial, drafts: { ...initial, ...edits } };
}

/** The form's fields located on the sheets: the model parameters and Omgång/Beslut. */
export function formFields(sheets: SheetValues[]): { located: LocatedParameter[]; text: LocatedTextParameter[] } {
  return { located: locateParameters(sheets), text: locateTextParameters(sheets) };
}

/** The fields whose text differs from the sheet's value (what "Spara" would write). */
export function changedFields(
  fields: { located: LocatedParameter[]; text: LocatedTextParameter[] },
  edits: ParameterEdits,
): { located: LocatedParameter[]; text: LocatedTextParameter[] } {
  const { initial, drafts } = draftsOf(fields.located, edits, fields.text);
  const differs = (key: FormKey) => (drafts[key] ?? '').trim() !== (initial[key] ?? '').trim();
  return { located: fields.located.filter((p) => differs(p.key)), text: fields.text.filter((p) => differs(p.key)) };
}

/** How many fields differ from the sheet's values (Beräkna's note about unsaved edits). */
export function changedParameters(sheets: SheetValues[] | undefined, edits: ParameterEdits): FormKey[] {
  if (!sheets || Object.keys(edits).length === 0) return [];
  const changed = changedFields(formFields(sheets), edits);
  return [...changed.located.map((p) => p.key), ...changed.text.map((p) => p.key)];
}

/** The cells "Spara" writes: each changed parameter's field, read exactly (a blank field clears the cell). */
export function parameterBlocks(
  located: LocatedParameter[],
  changed: LocatedParameter[],
  drafts: Record<string, string>,
): CellBlock[] {
  return changed.map((p) => {
    const parsed = parseDraft(p.kind, drafts[p.key] ?? '');
    return parameterWrite(located, p.key, parsed.ok ? parsed.value : null);
  });
}

/** The cells "Spara" writes for the changed text fields (Omgång, Beslut). */
export function textBlocks(changed: LocatedTextParameter[], drafts: Record<string, string>): CellBlock[] {
  return changed.map((p) => textParameterWrite(p, drafts[p.key] ?? ''));
}

/**
 * Omgång's and Beslut's messages for the drafts: the sheets as they would be after saving the text
 * fields, read with the reader's rules (roundChoiceProblems), each problem given to the field of its cell.
 */
export function validateTextDrafts(
  sheets: SheetValues[],
  text: LocatedTextParameter[],
  drafts: Record<string, string>,
): Partial<Record<EditableTextKey, string>> {
  const changed = text.filter((p) => (drafts[p.key] ?? '').trim() !== p.value);
  const after = changed.length > 0 ? applyPlanToSheets(sheets, { blocks: textBlocks(changed, drafts) }) : sheets;
  const errors: Partial<Record<EditableTextKey, string>> = {};
  for (const problem of roundChoiceProblems(after)) {
    const field = text.find((p) => p.row + 1 === problem.row && p.column + 1 === problem.column) ?? text[0];
    errors[field.key] ??= problem.message;
  }
  return errors;
}

/** The labels of the decisions recorded on Beslut, in the sheet's order (Beslut's choices in the form). */
export function decisionLabels(sheets: SheetValues[]): string[] {
  return readDecisions(sheets, []).decisions.map((d) => d.label);
}
