// The "Kontrollera" view of a regional workbook (round.md §3): per federation answered or not, the
// national proposal, the matching cap, the preliminary matched amount and the members' payments, and its
// problems. A click on a federation selects its row in Excel. Nothing is written.
import * as React from 'react';
import {
  Button,
  Caption1,
  makeStyles,
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
import type { Problem } from '../../workbook/types';
import { formatKronor } from '../../workbook/format';
import { voLabel } from '../../workbook/messages';
import type { RegionalFederationReport } from '../../round/check';
import { ROUND_TEXTS } from '../../round/messages';
import { canSelectProblem } from '../controller';
import type { CheckOutcome } from '../controller';
import { CHECK_TEXTS as T, keepNumbersTogether } from '../texts';
import { ProblemList } from '../components/ProblemList';
import { useTableStyles } from '../components/summary-table';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3, display: 'block' },
  problem: { color: tokens.colorPaletteRedForeground1, display: 'block' },
  name: { minWidth: 0, paddingLeft: 0, paddingRight: 0, justifyContent: 'flex-start', textAlign: 'left', height: 'auto' },
  table: { tableLayout: 'auto' },
});

export interface CheckViewProps {
  busy: boolean;
  ready: boolean;
  vo: string;
  outcome: CheckOutcome | undefined;
  onCheck: () => void;
  onSelectProblem: (problem: Problem) => void;
  /** Selects the federation's row on Förbund */
  onSelectFederation: (federation: RegionalFederationReport) => void;
}

const kr = (n: number | undefined): string => (n === undefined ? '–' : keepNumbersTogether(formatKronor(n)));

export function CheckView(props: CheckViewProps): React.ReactElement {
  const styles = useStyles();
  const t = useTableStyles();
  const { busy, ready, outcome } = props;
  const headingId = React.useId();
  const report = outcome?.ok ? outcome.report : undefined;
  return (
    <div className={styles.column}>
      <MessageBar intent="info" layout="multiline" data-testid="regional-note">
        <MessageBarBody>{T.regionalNote(voLabel(props.vo))}</MessageBarBody>
      </MessageBar>
      <Text>{T.intro}</Text>
      <div>
        <Button appearance="primary" disabledFocusable={busy || !ready} onClick={props.onCheck}>
          {T.button}
        </Button>
      </div>
      {outcome && !outcome.ok && (
        <ProblemList
          problems={outcome.problems}
          onSelect={props.onSelectProblem}
          canSelect={(p) => canSelectProblem(p, outcome.sheetNames)}
          disabled={busy}
        />
      )}
      {report && (
        <section className={styles.column} aria-labelledby={headingId} data-testid="regional-report">
          <Subtitle2 as="h2" id={headingId}>
            {voLabel(report.vo)}
          </Subtitle2>
          <Text data-testid="regional-head">
            {keepNumbersTogether(ROUND_TEXTS.check.head(report.vo, report.federations.length, report.answeredCount))}
          </Text>
          {report.problems.length > 0 ? (
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{T.problemsTitle(new Set(report.problems.map((p) => p.row)).size)}</MessageBarTitle>
              </MessageBarBody>
            </MessageBar>
          ) : (
            <MessageBar intent="success">
              <MessageBarBody>{T.noProblems}</MessageBarBody>
            </MessageBar>
          )}
          <Table size="small" aria-labelledby={headingId} className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{T.federation}</TableHeaderCell>
                <TableHeaderCell className={t.numeric} button={{ className: t.headerEnd }}>
                  {T.amountsHeader}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.federations.map((f) => (
                <TableRow
                  key={`${f.name}-${f.row}`}
                  data-federation={f.name}
                  data-answered={f.answered ? 'ja' : 'nej'}
                  onClick={() => !busy && props.onSelectFederation(f)}
                >
                  <TableCell>
                    <Button
                      appearance="transparent"
                      size="small"
                      className={styles.name}
                      disabledFocusable={busy}
                      aria-label={T.selectRow(f.name)}
                      onClick={(e) => {
                        e.stopPropagation();
                        props.onSelectFederation(f);
                      }}
                    >
                      {f.name}
                    </Button>
                    <Caption1 className={styles.note} data-testid="status">
                      {f.answered ? T.cap(kr(f.cap)) : T.notAnswered}
                    </Caption1>
                    {f.answered && f.matched !== undefined && (
                      <Caption1 className={styles.note} data-testid="members">
                        {T.members(kr(f.municipalities), kr(f.region))}
                      </Caption1>
                    )}
                    {f.problems.map((p, i) => (
                      <Caption1 key={`${p.address}-${i}`} className={styles.problem} data-testid="federation-problem">
                        {p.address}: {p.message}
                      </Caption1>
                    ))}
                  </TableCell>
                  <TableCell className={t.numeric}>
                    <span data-testid="proposal">{kr(f.proposal)}</span>
                    <Caption1 className={styles.note}>
                      {T.matched} <span data-testid="matched">{f.answered ? kr(f.matched) : '–'}</span>
                    </Caption1>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text data-testid="regional-totals">
            {keepNumbersTogether(ROUND_TEXTS.check.totals(kr(report.totalProposal), kr(report.totalMatched)))}
          </Text>
        </section>
      )}
    </div>
  );
}
