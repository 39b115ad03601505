// The Parametrar view's logic without React: the fields' texts from the sheet, the edits over them,
// reading a field exactly (the engine's own rules, in decimals) and the cells "Spara" writes.
import Decimal from 'decimal.js';
import { locateParameters, parameterWrite } from '../workbook/parameters';
import type { LocatedParameter, ParameterKey } from '../workbook/parameters';
import { isModelParameter, PARAMETER_DEFINITIONS } from '../workbook/parameters';
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
  for (const def of PARAMETER_DEFINITIONS.filter(isModelParameter)) {
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

/** Unsaved edits of the parameter fields: the text typed, per parameter (kept while the pane is open). */
export type ParameterEdits = Partial<Record<ParameterKey, string>>;

/** The fields' texts: the sheet's values, with the edits over them. */
export function draftsOf(
  located: LocatedParameter[],
  edits: ParameterEdits,
): { initial: Record<string, string>; drafts: Record<string, string> } {
  const initial = Object.fromEntries(located.map((p) => [p.key, draftOf(p)]));
  return { initial, drafts: { ...initial, ...edits } };
}

/** The parameters whose field differs from the sheet's value (what "Spara" would write). */
export function changedParameters(sheets: SheetValues[] | undefined, edits: ParameterEdits): LocatedParameter[] {
  if (!sheets || Object.keys(edits).length === 0) return [];
  const located = locateParameters(sheets);
  const { initial, drafts } = draftsOf(located, edits);
  return located.filter((p) => (drafts[p.key] ?? '') !== (initial[p.key] ?? ''));
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
