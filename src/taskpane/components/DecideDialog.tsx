// Fastställ: asks for the decision's label and date (today unless changed; YYYY-MM-DD, the rule of
// `finsam decide --datum`), shows what will be recorded (federations, Summa, Statlig ram, Datum), and
// records it when confirmed. Nothing is written before the confirmation.
import * as React from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { formatKronor, formatNumber, formatProblem } from '../../workbook/format';
import { localDate } from '../../round/decide';
import { isIsoDate } from '../../workbook/cells';
import { ROUND_TEXTS } from '../../round/messages';
import type { DecisionPreview } from '../decide-controller';
import { DECISION_PANE_TEXTS as T, PANE_TEXTS } from '../texts';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

export interface DecideDialogProps {
  busy: boolean;
  ready: boolean;
  proposedLabel: () => string;
  /** Today (default: the clock), for the date's default */
  today?: () => Date;
  onPreview: (label: string, date: string) => Promise<DecisionPreview | undefined>;
  onConfirm: (preview: Extract<DecisionPreview, { ok: true }>) => void;
}

export function DecideDialog(props: DecideDialogProps): React.ReactElement {
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const [label, setLabel] = React.useState('');
  const [date, setDate] = React.useState('');
  const [preview, setPreview] = React.useState<DecisionPreview | undefined>(undefined);
  const ok = preview?.ok ? preview : undefined;
  // spec: docs/round.md §6 — the decision's date is YYYY-MM-DD, as `finsam decide --datum`
  const dateError = date.trim() !== '' && !isIsoDate(date.trim()) ? ROUND_TEXTS.decide.dateInvalid(date.trim()) : undefined;
  const close = () => {
    setOpen(false);
    setPreview(undefined);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        if (data.open) {
          setLabel(props.proposedLabel());
          setDate(localDate((props.today ?? (() => new Date()))()));
          setPreview(undefined);
          setOpen(true);
        } else close();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button disabledFocusable={props.busy || !props.ready} data-testid="decide-open">
          {T.button}
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{T.title}</DialogTitle>
          <DialogContent className={styles.column}>
            <Text>{T.intro}</Text>
            <Field label={T.labelField} hint={T.labelHint} required>
              <Input
                value={label}
                data-testid="decide-label"
                disabled={props.busy}
                onChange={(_, data) => {
                  setLabel(data.value);
                  setPreview(undefined);
                }}
              />
            </Field>
            <Field
              label={T.dateField}
              hint={T.dateHint}
              required
              validationState={dateError ? 'error' : 'none'}
              validationMessage={dateError}
            >
              <Input
                value={date}
                data-testid="decide-date"
                placeholder={T.datePlaceholder}
                disabled={props.busy}
                onChange={(_, data) => {
                  // The proposed label follows the date while it is the proposal
                  if (label === PANE_TEXTS.decisionLabelProposal(date))
                    setLabel(PANE_TEXTS.decisionLabelProposal(data.value.trim()));
                  setDate(data.value);
                  setPreview(undefined);
                }}
              />
            </Field>
            {preview && !preview.ok && (
              <MessageBar intent="error" layout="multiline" data-testid="decide-problems">
                <MessageBarBody>
                  <MessageBarTitle>{T.problems(preview.problems.length)}</MessageBarTitle>
                  {preview.problems.slice(0, 10).map((p) => (
                    <div key={`${p.address}${p.message}`}>{formatProblem(p)}</div>
                  ))}
                </MessageBarBody>
              </MessageBar>
            )}
            {ok && (
              <section data-testid="decide-preview">
                <Text weight="semibold">{T.recordTitle(ok.decision.label)}</Text>
                <Table size="small">
                  <TableBody>
                    {(
                      [
                        [T.federations, formatNumber(ok.decision.federationCount)],
                        [T.total, formatKronor(ok.decision.total)],
                        [T.budget, formatKronor(ok.decision.budget)],
                        [T.date, ok.decision.date],
                      ] as const
                    ).map(([k, v]) => (
                      <TableRow key={k}>
                        <TableCell>{k}</TableCell>
                        <TableCell className={styles.numeric} data-testid={`decide-${k}`}>
                          {v}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </section>
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{T.cancel}</Button>
            </DialogTrigger>
            {ok ? (
              <Button
                appearance="primary"
                data-testid="decide-confirm"
                disabledFocusable={props.busy}
                onClick={() => {
                  close();
                  props.onConfirm(ok);
                }}
              >
                {T.confirm}
              </Button>
            ) : (
              <Button
                appearance="primary"
                data-testid="decide-preview-button"
                disabledFocusable={props.busy || !label.trim() || !date.trim() || dateError !== undefined}
                onClick={() => void props.onPreview(label, date.trim()).then(setPreview)}
              >
                {T.preview}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
