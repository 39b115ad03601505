// The summary's part about decisions: the federations whose allocation would change against the latest
// decision, and a later round's pot, applications and grants.
import * as React from 'react';
import {
  makeStyles,
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
import type { RunSummary } from '../../workbook/types';
import { formatKronor } from '../../workbook/format';
import { DECISION_PANE_TEXTS as T, SUMMARY_VIEW_TEXTS } from '../texts';
import { useTableStyles } from './summary-table';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

function signed(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${formatKronor(Math.abs(n))}`;
}

export function DecisionSummaryView({ summary }: { summary: RunSummary }): React.ReactElement | null {
  const styles = useStyles();
  const t = useTableStyles();
  const { decision, laterRound } = summary;
  if (!decision && !laterRound) return null;
  return (
    <div className={styles.column}>
      {laterRound && (
        <section className={styles.column} data-testid="later-round">
          <Subtitle2 as="h2">{T.laterRoundTitle(laterRound.decisionLabel)}</Subtitle2>
          <Table size="small">
            <TableBody>
              {(
                [
                  [T.decided, formatKronor(laterRound.decided)],
                  [T.handedBack, formatKronor(laterRound.handedBack)],
                  [T.pot, formatKronor(laterRound.pot)],
                  [T.applications, String(laterRound.applicants)],
                  [T.requested, formatKronor(laterRound.requested)],
                  [T.wanted, formatKronor(laterRound.wanted)],
                  [T.granted, formatKronor(laterRound.granted)],
                ] as const
              ).map(([k, v]) => (
                <TableRow key={k}>
                  <TableCell>{k}</TableCell>
                  <TableCell className={t.numeric} data-testid={`later-${k}`}>
                    {v}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {laterRound.grants.length > 0 && (
            <Table size="small" data-testid="later-grants">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{T.federations}</TableHeaderCell>
                  <TableHeaderCell>{T.requested}</TableHeaderCell>
                  <TableHeaderCell>{T.granted}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {laterRound.grants.map((g) => (
                  <TableRow key={g.federation}>
                    <TableCell>{g.federation}</TableCell>
                    <TableCell className={t.numeric}>{formatKronor(g.requested)}</TableCell>
                    <TableCell className={t.numeric}>{formatKronor(g.granted)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      )}
      {decision && (
        <section className={styles.column} data-testid="decision-changes">
          <Subtitle2 as="h2">{T.changesTitle(decision.label)}</Subtitle2>
          {decision.changes.length === 0 ? (
            <Text>{T.noChanges(decision.label)}</Text>
          ) : (
            <Table size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{T.federations}</TableHeaderCell>
                  <TableHeaderCell>{T.decided}</TableHeaderCell>
                  <TableHeaderCell>{SUMMARY_VIEW_TEXTS.decisionChange}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {decision.changes.map((c) => (
                  <TableRow key={c.federation} data-testid="decision-change">
                    <TableCell>{c.federation}</TableCell>
                    <TableCell className={t.numeric}>
                      {c.decided === undefined ? T.notInDecision : formatKronor(c.decided)}
                    </TableCell>
                    <TableCell className={t.numeric}>
                      {c.change === undefined ? formatKronor(c.final) : signed(c.change)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      )}
    </div>
  );
}
