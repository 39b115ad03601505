// The "Parametrar" view: the values of the Parametrar sheet, editable, validated, written back on save.
// Omgång and Beslut (the round's text parameters) are dropdowns: Omgång of its choices, Beslut of the
// decisions on the Beslut sheet (a text field when there is none), checked by the reader's rules.
import * as React from 'react';
import {
  Button,
  Dropdown,
  Field,
  Input,
  Option,
  makeStyles,
  MessageBar,
  MessageBarBody,
  SpinButton,
  Text,
  tokens,
} from '@fluentui/react-components';
import { MODEL_PARAMETER_DEFINITIONS } from '../../workbook/parameters';
import type { LocatedTextParameter } from '../../workbook/parameter-form';
import { formatNumber, formatShare } from '../../workbook/format';
import type { CellBlock, SheetValues } from '../../workbook/types';
import {
  changedFields,
  decisionLabels,
  draftsOf,
  formFields,
  parameterBlocks,
  textBlocks,
  validateDrafts,
  validateTextDrafts,
} from '../parameter-drafts';
import type { FormKey, ParameterEdits } from '../parameter-drafts';
import { keepNumbersTogether, PANE_TEXTS, PARAMETER_FORM_TEXTS as F, PROGRESS } from '../texts';
import { TemplateOffer } from '../components/TemplateOffer';

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
const fieldId = (key: FormKey): string => `parameter-${key}`;

export interface ParametersViewProps {
  sheets: SheetValues[] | undefined;
  busy: boolean;
  onSave: (blocks: CellBlock[]) => Promise<void>;
  savedMessage?: string;
  /** Unsaved edits, held by the App so that they survive a change of view */
  edits: ParameterEdits;
  onEdit: (key: FormKey, text: string) => void;
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
  const fields = React.useMemo(() => (sheets ? formFields(sheets) : undefined), [sheets]);
  const labels = React.useMemo(() => (sheets ? decisionLabels(sheets) : []), [sheets]);
  /** A save was asked for while fields are in error: say so by the buttons */
  const [saveAttempted, setSaveAttempted] = React.useState(false);

  if (!sheets || !fields) return <Text>{PROGRESS.readingParameters}</Text>;
  const { located, text } = fields;
  const sheetExists = located.length > 0 && sheets.some((s) => s.name === located[0].sheet);
  if (!sheetExists) {
    // No fields to fill in: they would point at cells of a sheet that does not exist.
    return (
      <TemplateOffer title={PANE_TEXTS.parametersSheetMissingTitle} busy={busy} onInsertTemplate={onInsertTemplate}>
        {PANE_TEXTS.parametersSheetMissingBody}
      </TemplateOffer>
    );
  }
  const { drafts } = draftsOf(located, edits, text);
  const errors: Partial<Record<FormKey, string>> = { ...validateDrafts(drafts), ...validateTextDrafts(sheets, text, drafts) };
  const changed = changedFields(fields, edits);
  const changedCount = changed.located.length + changed.text.length;
  const hasErrors = Object.keys(errors).length > 0;
  const order: FormKey[] = [...located.map((p) => p.key), ...text.map((p) => p.key)];

  const save = () => onSave([...parameterBlocks(located, changed.located, drafts), ...textBlocks(changed.text, drafts)]);

  /** Omgång or Beslut: a dropdown of the allowed values (Beslut: the recorded decisions), else a text field */
  const textField = (p: LocatedTextParameter) => {
    const def = p.definition;
    const error = errors[p.key];
    const value = drafts[p.key] ?? '';
    const options =
      p.key === 'round'
        ? [...(def.choices ?? [])]
        : labels.length > 0
          ? ['', ...labels, ...(value !== '' && !labels.includes(value) ? [value] : [])]
          : undefined;
    const common = {
      label: def.label,
      hint: keepNumbersTogether(`${def.description} ${F.cell(p.address)}`),
      validationState: error ? ('error' as const) : ('none' as const),
      validationMessage: error,
    };
    if (!options) {
      return (
        <Field key={p.key} {...common}>
          <Input
            className={styles.control}
            id={fieldId(p.key)}
            value={value}
            disabled={busy}
            onChange={(_, data) => onEdit(p.key, data.value)}
          />
        </Field>
      );
    }
    const optionText = (o: string) => (o === '' ? F.latestDecision : o);
    return (
      <Field key={p.key} {...common}>
        <Dropdown
          className={styles.control}
          id={fieldId(p.key)}
          data-testid={`parameter-${p.key}`}
          value={value === '' && p.key === 'decision' ? F.latestDecision : value}
          selectedOptions={[value]}
          placeholder={def.defaultText !== undefined ? F.textDefault(def.defaultText) : undefined}
          disabled={busy}
          onOptionSelect={(_, data) => onEdit(p.key, data.optionValue ?? '')}
        >
          {options.map((o) => (
            <Option key={o || '(tomt)'} value={o} text={optionText(o)}>
              {optionText(o)}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  };

  return (
    <form
      className={styles.form}
      aria-label={F.formLabel}
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || changedCount === 0) return;
        if (hasErrors) {
          // Focus the first field in error (the form is longer than the pane) and say why nothing was saved
          setSaveAttempted(true);
          const first = order.find((key) => errors[key]);
          if (first) document.getElementById(fieldId(first))?.focus();
          return;
        }
        setSaveAttempted(false);
        void save();
      }}
    >
      <Text>{F.intro(located[0]?.sheet ?? F.formLabel)}</Text>
      {located.map((p) => {
        const def = MODEL_PARAMETER_DEFINITIONS.find((d) => d.key === p.key)!;
        const error = errors[p.key];
        const hint = keepNumbersTogether(
          `${def.description}${p.default !== undefined ? ` ${F.standard(p.kind === 'money' ? `${formatNumber(p.default)} kr` : formatShare(p.default))}` : ''} ${F.cell(p.address)}`,
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
                incrementButton={{ 'aria-label': F.yearUp }}
                decrementButton={{ 'aria-label': F.yearDown }}
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
      {text.map(textField)}
      <div className={styles.buttons}>
        {/* disabledFocusable: a button pressed keeps focus while it cannot be used (saving, nothing changed) */}
        <Button appearance="primary" type="submit" disabledFocusable={busy || changedCount === 0}>
          {F.save}
        </Button>
        <Button
          type="button"
          disabledFocusable={busy || changedCount === 0}
          onClick={() => {
            setSaveAttempted(false);
            onDiscard();
          }}
        >
          {F.discard}
        </Button>
        {saveAttempted && hasErrors && (
          <Text className={styles.errorSummary} role="alert" data-testid="save-errors">
            {PANE_TEXTS.fixBeforeSaving(Object.keys(errors).length)}
          </Text>
        )}
      </div>
      {/* under the buttons, where the eye is after a click (the form is longer than the pane) */}
      {savedMessage && (
        <MessageBar intent="success">
          <MessageBarBody>{savedMessage}</MessageBarBody>
        </MessageBar>
      )}
      {changedCount > 0 && (
        <Text data-testid="unsaved">
          {PANE_TEXTS.unsaved(changedCount)} {PANE_TEXTS.unsavedKept}
        </Text>
      )}
    </form>
  );
}
