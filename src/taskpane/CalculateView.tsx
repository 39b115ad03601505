// The "Beräkna" view: run the model, list problems (click one to select its cell), show the summary
// (with each warning's meaning in Swedish) and the chart, remove the results.
import * as React from 'react';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Link,
  List,
  ListItem,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { formatKronor, formatNumber, formatShare } from '../workbook/format';
import { WARNING_CODES, warningMeaning } from '../engine';
import type { Problem } from '../workbook/types';
import { AllocationChart } from './AllocationChart';
import { canSelectProblem } from './controller';
import type { CalculationOutcome, WriteFailure } from './controller';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  warningCode: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  countColumn: { width: '5.5em' },
  headerEnd: { justifyContent: 'flex-end', textAlign: 'right' },
  problems: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingLeft: 0, margin: 0 },
  problem: { listStyleType: 'none' },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
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
  /** Parameter fields edited in the Parametrar view and not saved */
  unsavedParameters?: number;
  /** Opens the Parametrar view (from the note about unsaved edits) */
  onOpenParameters?: () => void;
}

export function CalculateView(props: CalculateViewProps): React.ReactElement {
  const styles = useStyles();
  const { busy, ready, outcome } = props;
  const [confirmOpen, setConfirmOpen] = React.useState(false);

  return (
    <div className={styles.column}>
      <Text>
        Beräkna räknar fram fördelningen från bladen Parametrar, Förbund och Kommuner och skriver resultatet i arbetsboken.
      </Text>
      {props.unsavedParameters ? (
        <MessageBar intent="info" data-testid="unsaved-parameters">
          <MessageBarBody>
            {props.unsavedParameters === 1 ? 'En ändring' : `${props.unsavedParameters} ändringar`} under Parametrar är inte{' '}
            {props.unsavedParameters === 1 ? 'sparad' : 'sparade'}. Beräkna använder värdena på bladet – spara först om
            ändringarna ska med.
          </MessageBarBody>
          {props.onOpenParameters && (
            <MessageBarActions>
              <Button onClick={props.onOpenParameters}>Gå till Parametrar</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      ) : null}
      <div className={styles.buttons}>
        <Button appearance="primary" disabledFocusable={busy || !ready} onClick={props.onCalculate}>
          Beräkna
        </Button>
        <Dialog open={confirmOpen} onOpenChange={(_, data) => setConfirmOpen(data.open)}>
          <DialogTrigger disableButtonEnhancement>
            <Button disabledFocusable={busy || !ready}>Ta bort resultat</Button>
          </DialogTrigger>
          <DialogSurface aria-describedby={undefined}>
            <DialogBody>
              <DialogTitle>Ta bort resultatet?</DialogTitle>
              <DialogContent>
                Resultatkolumnerna på bladet Förbund (Idealfördelning … Varningar) och bladen Kommunbidrag och Körlogg tas bort.
                Inga ifyllda uppgifter ändras.
              </DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="secondary">Avbryt</Button>
                </DialogTrigger>
                <Button
                  appearance="primary"
                  onClick={() => {
                    setConfirmOpen(false);
                    props.onRemove();
                  }}
                >
                  Ta bort
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
      {outcome && outcome.ok && <RunSummaryView outcome={outcome} stale={props.stale} />}
    </div>
  );
}

/**
 * A write that did not complete: what the workbook holds now, in words, with the ways out (run again;
 * remove the partial output). Never a summary: the run was not written.
 */
export function WriteFailureView(props: {
  failure: WriteFailure;
  busy: boolean;
  onCalculate: () => void;
  onRemove: () => void;
}): React.ReactElement {
  const { state, error, hadOutput } = props.failure;
  const title =
    state === 'unchanged'
      ? 'Resultatet kunde inte skrivas.'
      : state === 'partial'
        ? 'Resultatet blev bara delvis skrivet.'
        : 'Det går inte att säga hur mycket av resultatet som skrevs.';
  const body =
    state === 'unchanged'
      ? `Ingenting i arbetsboken ändrades${hadOutput ? '; det tidigare resultatet och dess Körlogg finns kvar' : ''}.`
      : state === 'partial'
        ? 'Resultatkolumnerna på bladet Förbund och bladet Kommunbidrag kan vara ofullständiga, och bladet Körlogg är tomt: använd inte siffrorna. Inga ifyllda uppgifter har ändrats. Beräkna igen, eller ta bort delresultatet.'
        : 'Arbetsboken kunde inte läsas efteråt. Är bladet Körlogg tomt eller borta är resultatet ofullständigt. Inga ifyllda uppgifter har ändrats. Beräkna igen, eller ta bort resultatet.';
  return (
    <MessageBar intent="error" layout="multiline" data-testid="write-failed" data-state={state}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.replace(/\.$/, '')}. {body}
      </MessageBarBody>
      <MessageBarActions>
        <Button disabledFocusable={props.busy} onClick={props.onCalculate}>
          Beräkna igen
        </Button>
        {state !== 'unchanged' && (
          <Button disabledFocusable={props.busy} onClick={props.onRemove}>
            Ta bort delresultatet
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}

export function ProblemList(props: {
  problems: Problem[];
  onSelect: (p: Problem) => void;
  /** Problems whose cell cannot be selected (a missing sheet) are shown without a link */
  canSelect?: (p: Problem) => boolean;
  disabled?: boolean;
}): React.ReactElement {
  const styles = useStyles();
  const count = props.problems.length;
  const headingId = React.useId();
  // Problems on a missing sheet have no cell to go to: only mention the links when there is one
  const anySelectable = props.problems.some((p) => !props.canSelect || props.canSelect(p));
  return (
    <div className={styles.column}>
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>{`Arbetsboken har ${formatNumber(count)} fel.`}</MessageBarTitle>
          Ingenting skrevs. Rätta felen och beräkna igen.{anySelectable ? ' Välj ett fel för att gå till cellen.' : ''}
        </MessageBarBody>
      </MessageBar>
      <Subtitle2 as="h2" id={headingId}>
        Fel att rätta
      </Subtitle2>
      <List className={styles.problems} aria-labelledby={headingId} data-testid="problem-list">
        {props.problems.map((p, i) => (
          <ListItem key={`${p.address}-${i}`} className={styles.problem}>
            {props.canSelect && !props.canSelect(p) ? (
              <Text weight="semibold">{p.address}</Text>
            ) : (
              <Link
                as="button"
                onClick={() => props.onSelect(p)}
                disabled={props.disabled}
                aria-label={`Gå till ${p.address}: ${p.message}`}
              >
                {p.address}
              </Link>
            )}
            <Text>: {p.message}</Text>
          </ListItem>
        ))}
      </List>
    </div>
  );
}

export function RunSummaryView({
  outcome,
  stale,
}: {
  outcome: Extract<CalculationOutcome, { ok: true }>;
  stale?: boolean;
}): React.ReactElement {
  const styles = useStyles();
  const s = outcome.summary;
  const codes = WARNING_CODES.filter((c) => s.warningCounts[c]);
  const headingId = React.useId();
  const chartHeadingId = React.useId();
  const warningsHeadingId = React.useId();
  const rows: [string, string][] = [
    ['Scenario', s.scenario],
    ['Statlig ram', formatKronor(s.budget)],
    ['Summa slutlig tilldelning', formatKronor(s.totalFinal)],
    ['Ej fördelat', formatKronor(s.undistributed)],
    ['Tillämpad spärr', formatShare(s.appliedMaxDecrease)],
    ['Förbund', formatNumber(s.federationCount)],
    ['Kommuner', formatNumber(s.municipalityCount)],
  ];
  return (
    <section className={styles.column} aria-labelledby={headingId} data-testid="summary">
      {stale ? (
        <MessageBar intent="warning" layout="multiline" data-testid="stale">
          <MessageBarBody>
            <MessageBarTitle>Beräknat före ändringen – beräkna igen.</MessageBarTitle>
            Parametrarna har sparats sedan beräkningen. Sammanfattningen och resultatet på bladen Förbund, Kommunbidrag och
            Körlogg gäller de tidigare värdena.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="success">
          <MessageBarBody>Resultatet är skrivet på bladen Förbund, Kommunbidrag och Körlogg.</MessageBarBody>
        </MessageBar>
      )}
      {s.notices && s.notices.length > 0 && (
        <MessageBar intent="info" layout="multiline" data-testid="run-notices">
          <MessageBarBody>
            <MessageBarTitle>Lämnat orört</MessageBarTitle>
            {s.notices.map((n) => (
              <div key={n.address}>
                {n.address}: {n.message}.
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Subtitle2 as="h2" id={headingId}>
        Sammanfattning
      </Subtitle2>
      <Table size="small" aria-labelledby={headingId}>
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell>{label}</TableCell>
              <TableCell className={styles.numeric} data-testid={`summary-${label}`}>
                {value}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Subtitle2 as="h2" id={warningsHeadingId}>
        Varningar
      </Subtitle2>
      {codes.length === 0 ? (
        <Text>Inga varningar.</Text>
      ) : (
        <Table size="small" aria-labelledby={warningsHeadingId} data-testid="warnings">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Varning (kod)</TableHeaderCell>
              <TableHeaderCell
                className={mergeClasses(styles.countColumn, styles.headerEnd)}
                button={{ className: styles.headerEnd }}
              >
                Förbund
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {codes.map((code) => (
              <TableRow key={code} data-code={code}>
                <TableCell>
                  <span data-testid="warning-meaning">{warningMeaning(code)}</span>{' '}
                  <Caption1 className={styles.warningCode}>({code})</Caption1>
                </TableCell>
                <TableCell className={styles.numeric} data-testid="warning-count">
                  {formatNumber(s.warningCounts[code] ?? 0)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Subtitle2 as="h2" id={chartHeadingId}>
        Ideal och slutlig tilldelning
      </Subtitle2>
      <AllocationChart bars={outcome.bars} />
    </section>
  );
}
