// The "Parametrar" view: the values of the Parametrar sheet, editable, validated, written back on save.
import * as React from 'react';
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  SpinButton,
  Text,
  tokens,
} from '@fluentui/react-components';
import { locateParameters, parameterWrite } from '../workbook/parameters';
import type { LocatedParameter, ParameterKey } from '../workbook/parameters';
import { PARAMETER_DEFINITIONS } from '../workbook/parameters';
import Decimal from 'decimal.js';
import { ISSUE_TEXTS, parameterDefault, trappanLimitsInOrder, weightsAddUpTo100 } from '../engine';
import { readMoney, readShare, readYear } from '../workbook/cells';
import { engineText, READ_TEXTS as R } from '../workbook/messages';
import { formatNumber, formatShare } from '../workbook/format';
import type { SheetValues } from '../workbook/types';
import { keepNumbersTogether } from './text';
import { TemplateOffer } from './TemplateOffer';

const useStyles = makeStyles({
  // Fields fill the pane and may shrink below Fluent's default minimum width (narrow or zoomed panes)
  control: { width: '100%', minWidth: 0, maxWidth: '100%', boxSizing: 'border-box' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // The buttons stay in view at the bottom of the pane while the long form scrolls
  buttons: {
    position: 'sticky',
    bottom: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    zIndex: 1,
  },
  errorSummary: { color: tokens.colorPaletteRedForeground1 },
});

/** The id of a parameter's input (so that a failed save can move focus to the first field in error). */
const fieldId = (key: ParameterKey): string => `parameter-${key}`;

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
  for (const def of PARAMETER_DEFINITIONS) {
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
function draftsOf(
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

/** "1 ändring är inte sparad." / "3 ändringar är inte sparade." */
export function unsavedText(count: number): string {
  return count === 1 ? '1 ändring är inte sparad.' : `${count} ändringar är inte sparade.`;
}

export interface ParametersViewProps {
  sheets: SheetValues[] | undefined;
  busy: boolean;
  onSave: (blocks: ReturnType<typeof parameterWrite>[]) => Promise<void>;
  savedMessage?: string;
  /** Unsaved edits, held by the App so that they survive a change of view */
  edits: ParameterEdits;
  onEdit: (key: ParameterKey, text: string) => void;
  /** "Ångra ändringar": back to the sheet's values */
  onDiscard: () => void;
  /** Inserts the template's missing sheets (offered when the Parametrar sheet is missing) */
  onInsertTemplate: () => void;
}

export function ParametersView({
  sheets,
  busy,
  onSave,
  savedMessage,
  edits,
  onEdit,
  onDiscard,
  onInsertTemplate,
}: ParametersViewProps): React.ReactElement {
  const styles = useStyles();
  const located = React.useMemo(() => (sheets ? locateParameters(sheets) : undefined), [sheets]);
  /** A save was asked for while fields are in error: say so by the buttons */
  const [saveAttempted, setSaveAttempted] = React.useState(false);

  if (!sheets || !located) return <Text>Läser parametrarna …</Text>;
  const sheetExists = located.length > 0 && sheets.some((s) => s.name === located[0].sheet);
  if (!sheetExists) {
    // No fields to fill in: they would point at cells of a sheet that does not exist.
    return (
      <TemplateOffer title="Bladet Parametrar saknas – lägg in mallbladen." busy={busy} onInsertTemplate={onInsertTemplate}>
        Parametrarna (statlig ram, grundtilldelning, vikter, spärr och Trappan) läses från bladet Parametrar. Mallen lägger in de
        blad som saknas, med modellens standardvärden; befintliga blad ändras inte.
      </TemplateOffer>
    );
  }
  const { initial, drafts } = draftsOf(located, edits);
  const errors = validateDrafts(drafts);
  const changed = located.filter((p) => (drafts[p.key] ?? '') !== (initial[p.key] ?? ''));
  const hasErrors = Object.keys(errors).length > 0;

  const save = async () => {
    const blocks = changed.map((p) => {
      const parsed = parseDraft(p.kind, drafts[p.key] ?? '');
      return parameterWrite(located, p.key, parsed.ok ? parsed.value : null);
    });
    await onSave(blocks);
  };

  return (
    <form
      className={styles.form}
      aria-label="Parametrar"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || changed.length === 0) return;
        if (hasErrors) {
          // Focus the first field in error (the form is longer than the pane) and say why nothing was saved
          setSaveAttempted(true);
          const first = located.find((p) => errors[p.key]);
          if (first) document.getElementById(fieldId(first.key))?.focus();
          return;
        }
        setSaveAttempted(false);
        void save();
      }}
    >
      <Text>
        Värdena på bladet {located[0]?.sheet ?? 'Parametrar'}. Tomt fält betyder modellens standardvärde. Ändringar skrivs till
        bladet när du sparar.
      </Text>
      {located.map((p) => {
        const def = PARAMETER_DEFINITIONS.find((d) => d.key === p.key)!;
        const error = errors[p.key];
        const hint = keepNumbersTogether(
          `${def.description}${p.default !== undefined ? ` Standard: ${p.kind === 'money' ? `${formatNumber(p.default)} kr` : formatShare(p.default)}.` : ''} Cell\u00a0${p.address}.`,
        );
        const common = {
          label: def.label,
          required: def.required,
          hint,
          validationState: error ? ('error' as const) : ('none' as const),
          validationMessage: error,
        };
        if (p.kind === 'year') {
          const value = drafts[p.key] === '' || drafts[p.key] === undefined ? null : Number(drafts[p.key]);
          return (
            <Field key={p.key} {...common}>
              <SpinButton
                className={styles.control}
                id={fieldId(p.key)}
                value={value !== null && Number.isFinite(value) ? value : null}
                displayValue={drafts[p.key] ?? ''}
                min={1900}
                max={2200}
                disabled={busy}
                incrementButton={{ 'aria-label': 'Öka året' }}
                decrementButton={{ 'aria-label': 'Minska året' }}
                onChange={(_, data) => {
                  const text = data.value !== undefined && data.value !== null ? String(data.value) : (data.displayValue ?? '');
                  onEdit(p.key, text);
                }}
              />
            </Field>
          );
        }
        return (
          <Field key={p.key} {...common}>
            <Input
              className={styles.control}
              id={fieldId(p.key)}
              value={drafts[p.key] ?? ''}
              // Money labels carry their unit, "(kr)", as on the sheet; shares show % in the field
              contentAfter={p.kind === 'share' ? '%' : undefined}
              inputMode="decimal"
              disabled={busy}
              onChange={(_, data) => onEdit(p.key, data.value)}
            />
          </Field>
        );
      })}
      <div className={styles.buttons}>
        {/* disabledFocusable: a button pressed keeps focus while it cannot be used (saving, nothing changed) */}
        <Button appearance="primary" type="submit" disabledFocusable={busy || changed.length === 0}>
          Spara
        </Button>
        <Button
          type="button"
          disabledFocusable={busy || changed.length === 0}
          onClick={() => {
            setSaveAttempted(false);
            onDiscard();
          }}
        >
          Ångra ändringar
        </Button>
        {saveAttempted && hasErrors && (
          <Text className={styles.errorSummary} role="alert" data-testid="save-errors">
            Rätta {Object.keys(errors).length === 1 ? 'felet' : `de ${Object.keys(errors).length} felen`} ovan innan du sparar.
          </Text>
        )}
      </div>
      {/* under the buttons, where the eye is after a click (the form is longer than the pane) */}
      {savedMessage && (
        <MessageBar intent="success">
          <MessageBarBody>{savedMessage}</MessageBarBody>
        </MessageBar>
      )}
      {changed.length > 0 && (
        <Text data-testid="unsaved">
          {unsavedText(changed.length)} De finns kvar om du byter vy, men Beräkna använder bladets värden tills du sparar.
        </Text>
      )}
    </form>
  );
}
