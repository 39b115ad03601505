// The summary of a run written: scenario, amounts, each warning with its meaning and count, the chart.
import * as React from 'react';
import {
  Caption1,
  makeStyles,
  mergeClasses,
  MessageBar,
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
import { formatKronor, formatNumber, formatShare } from '../../workbook/format';
import { WARNING_CODES, warningMeaning } from '../../engine';
import type { CalculationOutcome } from '../controller';
import { PANE_TEXTS } from '../texts';
import { AllocationChart } from './AllocationChart';
import { DecisionSummaryView } from './DecisionSummaryView';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  warningCode: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  countColumn: { width: '5.5em' },
  headerEnd: { justifyContent: 'flex-end', textAlign: 'right' },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

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
            <MessageBarTitle>{PANE_TEXTS.staleTitle}</MessageBarTitle>
            {PANE_TEXTS.staleBody}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="success">
          <MessageBarBody>{PANE_TEXTS.written}</MessageBarBody>
        </MessageBar>
      )}
      {s.notices && s.notices.length > 0 && (
        <MessageBar intent="info" layout="multiline" data-testid="run-notices">
          <MessageBarBody>
            <MessageBarTitle>{PANE_TEXTS.leftAlone}</MessageBarTitle>
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
      <DecisionSummaryView summary={s} />
      <Subtitle2 as="h2" id={warningsHeadingId}>
        Varningar
      </Subtitle2>
      {codes.length === 0 ? (
        <Text>{PANE_TEXTS.noWarnings}</Text>
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
