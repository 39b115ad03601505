// Fastställ: asks for the decision's label, shows what will be recorded (federations, Summa, Statlig ram),
// and records it when confirmed. Nothing is written before the confirmation.
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
import type { DecisionPreview } from '../decide-controller';
import { DECISION_PANE_TEXTS as T } from '../texts';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

export interface DecideDialogProps {
  busy: boolean;
  ready: boolean;
  proposedLabel: () => string;
  onPreview: (label: string) => Promise<DecisionPreview | undefined>;
  onConfirm: (preview: Extract<DecisionPreview, { ok: true }>) => void;
}

export function DecideDialog(props: DecideDialogProps): React.ReactElement {
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const [label, setLabel] = React.useState('');
  const [preview, setPreview] = React.useState<DecisionPreview | undefined>(undefined);
  const ok = preview?.ok ? preview : undefined;
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
                disabledFocusable={props.busy || !label.trim()}
                onClick={() => void props.onPreview(label).then(setPreview)}
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
