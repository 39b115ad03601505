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
import { locateParameters, MODEL_PARAMETER_DEFINITIONS } from '../../workbook/parameters';
import type { ParameterKey } from '../../workbook/parameters';
import { formatNumber, formatShare } from '../../workbook/format';
import type { CellBlock, SheetValues } from '../../workbook/types';
import { draftsOf, parameterBlocks, validateDrafts } from '../parameter-drafts';
import type { ParameterEdits } from '../parameter-drafts';
import { keepNumbersTogether, PANE_TEXTS, PROGRESS } from '../texts';
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
const fieldId = (key: ParameterKey): string => `parameter-${key}`;

export interface ParametersViewProps {
  sheets: SheetValues[] | undefined;
  busy: boolean;
  onSave: (blocks: CellBlock[]) => Promise<void>;
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

  if (!sheets || !located) return <Text>{PROGRESS.readingParameters}</Text>;
  const sheetExists = located.length > 0 && sheets.some((s) => s.name === located[0].sheet);
  if (!sheetExists) {
    // No fields to fill in: they would point at cells of a sheet that does not exist.
    return (
      <TemplateOffer title={PANE_TEXTS.parametersSheetMissingTitle} busy={busy} onInsertTemplate={onInsertTemplate}>
        {PANE_TEXTS.parametersSheetMissingBody}
      </TemplateOffer>
    );
  }
  const { initial, drafts } = draftsOf(located, edits);
  const errors = validateDrafts(drafts);
  const changed = located.filter((p) => (drafts[p.key] ?? '') !== (initial[p.key] ?? ''));
  const hasErrors = Object.keys(errors).length > 0;

  const save = () => onSave(parameterBlocks(located, changed, drafts));

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
        const def = MODEL_PARAMETER_DEFINITIONS.find((d) => d.key === p.key)!;
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
      {changed.length > 0 && (
        <Text data-testid="unsaved">
          {PANE_TEXTS.unsaved(changed.length)} {PANE_TEXTS.unsavedKept}
        </Text>
      )}
    </form>
  );
}
