// The view "Riktade medel": a targeted-funds round (riktade medel) run from the pane — read the workbook
// (with Ansökningar), run the round (src/round/targeted.ts), write its plan through the host, and show
// the problems (a click selects the cell) or the round in figures. Without an Ansökningar sheet it
// offers to insert an empty one. Loaded lazily: the round's code is not in the pane's first bundle.
import * as React from 'react';
import {
  Button,
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
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { WorkbookHost } from '../../excel/host';
import type { Problem, SheetValues } from '../../workbook/types';
import { APPLICATION_SHEET } from '../../workbook/application-columns';
import { applicationSheet } from '../../workbook/template';
import { formatKronor, formatNumber } from '../../workbook/format';
import { normalizeKey } from '../../workbook/text';
import { potSourceText, runTargeted, targetedFigures } from '../../round/targeted';
import type { TargetedSummary } from '../../round/targeted';
import { canSelectProblem } from '../controller';
import { ProblemList } from '../components/ProblemList';
import { useTableStyles } from '../components/summary-table';
import { PANE_TEXTS, TARGETED_PANE_TEXTS as T, keepNumbersTogether } from '../texts';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  // Fluent's table lays columns out evenly: the amounts get the room they need, the labels the rest
  amountColumn: { width: '8.5em' },
  label: { overflowWrap: 'normal' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

type Outcome =
  | { ok: false; problems: Problem[]; sheetNames: string[] }
  | { ok: true; summary: TargetedSummary }
  | { ok: 'error'; message: string };

export interface TargetedViewProps {
  host: WorkbookHost;
  /** the workbook's sheets as last read (names are enough) */
  sheets: SheetValues[] | undefined;
  /** another task of the pane runs */
  busy: boolean;
  /** reads the workbook again (after the sheet is inserted) */
  onSheetsChanged: () => Promise<void>;
}

/** The workbook as a targeted run reads it: readWorkbook's sheets with Ansökningar's values. */
async function readForTargeted(host: WorkbookHost): Promise<SheetValues[]> {
  const sheets = await host.readWorkbook();
  const extra = await host.readSheets([APPLICATION_SHEET]);
  return sheets.map((s) => extra.find((e) => e.name === s.name) ?? s);
}

export default function TargetedView({ host, sheets, busy, onSheetsChanged }: TargetedViewProps): React.ReactElement {
  const styles = useStyles();
  const t = useTableStyles();
  const [working, setWorking] = React.useState<string | undefined>();
  const [outcome, setOutcome] = React.useState<Outcome | undefined>();
  const [notice, setNotice] = React.useState<string | undefined>();
  const headingId = React.useId();
  const hasSheet = (sheets ?? []).some((s) => normalizeKey(s.name) === normalizeKey(APPLICATION_SHEET));
  const disabled = busy || working !== undefined;

  const guarded = async (label: string, work: () => Promise<void>) => {
    setWorking(label);
    try {
      await work();
    } catch (error) {
      setOutcome({ ok: 'error', message: PANE_TEXTS.excelError(error instanceof Error ? error.message : String(error)) });
    } finally {
      setWorking(undefined);
    }
  };

  const run = () =>
    guarded(T.progressReading, async () => {
      setOutcome(undefined);
      setNotice(undefined);
      const read = await readForTargeted(host);
      const result = runTargeted(read, { timestamp: new Date() });
      if (!result.ok) {
        setOutcome({ ok: false, problems: result.problems, sheetNames: read.map((s) => s.name) });
        return;
      }
      setWorking(T.progressWriting);
      await host.writeRun(result.plan);
      setOutcome({ ok: true, summary: result.plan.summary });
    });

  const insert = () =>
    guarded(T.progressInserting, async () => {
      await host.insertSheets([applicationSheet()]);
      await onSheetsChanged();
      setNotice(T.inserted);
    });

  return (
    <div className={styles.column} data-testid="targeted-view">
      {working !== undefined && (
        <Text role="status" aria-live="polite">
          {working}
        </Text>
      )}
      {notice && (
        <MessageBar intent="success" layout="multiline" data-testid="targeted-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {!hasSheet ? (
        <MessageBar intent="warning" layout="multiline" data-testid="applications-missing">
          <MessageBarBody>
            <MessageBarTitle>{T.sheetMissingTitle}</MessageBarTitle>
            {T.sheetMissingBody}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void insert()} disabledFocusable={disabled}>
              {T.insertSheet}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <>
          <Text>{T.intro}</Text>
          <div className={styles.buttons}>
            <Button appearance="primary" onClick={() => void run()} disabledFocusable={disabled}>
              {T.run}
            </Button>
          </div>
        </>
      )}
      {outcome?.ok === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>{outcome.message}</MessageBarBody>
        </MessageBar>
      )}
      {outcome?.ok === false && (
        <ProblemList
          problems={outcome.problems}
          canSelect={(p) => canSelectProblem(p, outcome.sheetNames)}
          disabled={disabled}
          onSelect={(p) => void host.selectCell({ sheet: p.sheet, row: p.row - 1, column: p.column - 1 })}
        />
      )}
      {outcome?.ok === true && (
        <section className={styles.column} aria-labelledby={headingId} data-testid="targeted-figures">
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{T.written}</MessageBarBody>
          </MessageBar>
          <Subtitle2 as="h2" id={headingId}>
            {T.figuresHeading}
          </Subtitle2>
          <Text>{keepNumbersTogether(potSourceText(outcome.summary.potSource))}</Text>
          <Table size="small" aria-labelledby={headingId}>
            <TableBody>
              {targetedFigures(outcome.summary).map((f) => (
                <TableRow key={f.label}>
                  <TableCell className={styles.label}>{f.label.replace(/ \(kr\)$/, '')}</TableCell>
                  <TableCell className={mergeClasses(t.numeric, styles.amountColumn)} data-testid={`figure-${f.label}`}>
                    {f.money ? formatKronor(f.value) : formatNumber(f.value)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {outcome.summary.lines.slice(4).map((line) => (
            <Text key={line}>{keepNumbersTogether(line)}</Text>
          ))}
        </section>
      )}
    </div>
  );
}
