// The "Beräkna" view: run the model, list problems (click one to select its cell), show the summary
// (with each warning's meaning in Swedish) and the chart, remove the results.
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
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Problem } from '../../workbook/types';
import { canSelectProblem } from '../controller';
import type { CalculationOutcome } from '../controller';
import { CALCULATE_VIEW_TEXTS as C, PANE_TEXTS } from '../texts';
import { ProblemList } from '../components/ProblemList';
import { WriteFailureView } from '../components/WriteFailureView';
import { DecideDialog } from '../components/DecideDialog';
import type { DecideDialogProps } from '../components/DecideDialog';

// The summary (tables, warnings, chart) is shown only after a run: its own chunk, not the pane's first load.
const RunSummaryView = React.lazy(() =>
  import(/* webpackChunkName: "summary" */ '../components/RunSummaryView').then((m) => ({ default: m.RunSummaryView })),
);

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export interface CalculateViewProps {
  busy: boolean;
  ready: boolean;
  outcome: CalculationOutcome | undefined;
  onCalculate: () => void;
  onRemove: () => void;
  onSelectProblem: (problem: Problem) => void;
  removedMessage?: string;
  /** The summary was computed before the parameters were changed */
  stale?: boolean;
  /** Selects a federation's row on Förbund (from the summary's warnings and table) */
  onSelectFederation?: (f: { name: string; row?: number }) => void;
  /** The input cell edited after the run (why the summary is stale) */
  staleEdit?: string;
  /** Parameter fields edited in the Parametrar view and not saved */
  unsavedParameters?: number;
  /** Opens the Parametrar view (from the note about unsaved edits) */
  onOpenParameters?: () => void;
  /** Fastställ (issue 11): preview and record a decision */
  decide?: Pick<DecideDialogProps, 'proposedLabel' | 'onPreview' | 'onConfirm'>;
}

export function CalculateView(props: CalculateViewProps): React.ReactElement {
  const styles = useStyles();
  const { busy, ready, outcome } = props;
  const [confirmOpen, setConfirmOpen] = React.useState(false);

  return (
    <div className={styles.column}>
      <Text>{C.intro}</Text>
      {props.unsavedParameters ? (
        <MessageBar intent="info" data-testid="unsaved-parameters">
          <MessageBarBody>{PANE_TEXTS.unsavedParameters(props.unsavedParameters)}</MessageBarBody>
          {props.onOpenParameters && (
            <MessageBarActions>
              <Button onClick={props.onOpenParameters}>{C.openParameters}</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      ) : null}
      <div className={styles.buttons}>
        <Button appearance="primary" disabledFocusable={busy || !ready} onClick={props.onCalculate}>
          {C.calculate}
        </Button>
        {props.decide && <DecideDialog busy={busy} ready={ready} {...props.decide} />}
        <Dialog open={confirmOpen} onOpenChange={(_, data) => setConfirmOpen(data.open)}>
          <DialogTrigger disableButtonEnhancement>
            <Button disabledFocusable={busy || !ready}>{C.remove}</Button>
          </DialogTrigger>
          <DialogSurface aria-describedby={undefined}>
            <DialogBody>
              <DialogTitle>{C.removeTitle}</DialogTitle>
              <DialogContent>{C.removeBody}</DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="secondary">{C.cancel}</Button>
                </DialogTrigger>
                <Button
                  appearance="primary"
                  onClick={() => {
                    setConfirmOpen(false);
                    props.onRemove();
                  }}
                >
                  {C.confirmRemove}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </div>

      {props.removedMessage && (
        <MessageBar intent="success">
          <MessageBarBody>{props.removedMessage}</MessageBarBody>
        </MessageBar>
      )}

      {outcome && !outcome.ok && outcome.writeFailed && (
        <WriteFailureView failure={outcome.writeFailed} busy={busy} onCalculate={props.onCalculate} onRemove={props.onRemove} />
      )}
      {outcome && !outcome.ok && !outcome.writeFailed && (
        <ProblemList
          problems={outcome.problems}
          onSelect={props.onSelectProblem}
          canSelect={(p) => canSelectProblem(p, outcome.sheetNames)}
          disabled={busy}
        />
      )}
      {outcome && outcome.ok && (
        <React.Suspense fallback={<ProgressBar aria-label={PANE_TEXTS.loadingSummary} />}>
          <RunSummaryView
            outcome={outcome}
            stale={props.stale}
            staleEdit={props.staleEdit}
            onSelectFederation={props.onSelectFederation}
            busy={busy}
          />
        </React.Suspense>
      )}
    </div>
  );
}
