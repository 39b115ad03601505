// The summary of a run written: the scenario explained, where the money went, totals per VO, the
// warnings (those that need action first, each opening its federations), the federation table with
// the change from last year, the chart. A chunk of its own (React.lazy in CalculateView): loaded when a
// run is first shown, not with the pane.
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
import type { FederationSummary } from '../../workbook/types';
import { SUMMARY_TEXTS } from '../../workbook/messages';
import type { CalculationOutcome } from '../controller';
import { warningGroups } from '../summary-model';
import type { WarningFederation } from '../summary-model';
import { FLOW_LABELS, keepNumbersTogether, PANE_TEXTS, SUMMARY_VIEW_TEXTS } from '../texts';
import { AllocationChart } from './AllocationChart';
import { WarningList } from './WarningList';
import FederationTable from './FederationTable';
import { Change, useTableStyles } from './summary-table';
import { DecisionSummaryView } from './DecisionSummaryView';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  valueColumn: { width: '9.5em' },
  // the scenario's name wraps between its words ("Underskott och överskott")
  textValue: { textAlign: 'right' },
  explanation: { display: 'block' },
});

export function RunSummaryView({
  outcome,
  stale,
  staleEdit,
  onSelectFederation,
  busy,
}: {
  outcome: Extract<CalculationOutcome, { ok: true }>;
  stale?: boolean;
  /** Selects a federation's row on Förbund (a warning's federation, a name in the table) */
  onSelectFederation?: (f: { name: string; row?: number }) => void;
  busy?: boolean;
  /** The input cell edited after the run, when that made the summary stale */
  staleEdit?: string;
}): React.ReactElement {
  const styles = useStyles();
  const t = useTableStyles();
  const s = outcome.summary;
  const f = s.flows;
  const headingId = React.useId();
  const chartHeadingId = React.useId();
  const warningsHeadingId = React.useId();
  const voHeadingId = React.useId();
  const groups = React.useMemo(() => warningGroups(s, outcome.result), [s, outcome.result]);
  const select = (x: WarningFederation | FederationSummary) => onSelectFederation?.(x);
  const kr = (n: number) => keepNumbersTogether(formatKronor(n));
  // [test id, label, value]: the ids of the rows shown before issue 14 are their labels of then
  const rows: [string, string, string][] = [
    ['Scenario', FLOW_LABELS.scenario, s.scenario],
    ['Statlig ram', FLOW_LABELS.budget, kr(f.budget)],
    ['Idealfördelning', FLOW_LABELS.pool, kr(f.pool)],
    ['Delårsrest', FLOW_LABELS.partYearRemainder, kr(f.partYearRemainder)],
    ['Tillämpad spärr', FLOW_LABELS.appliedMaxDecrease, keepNumbersTogether(formatShare(f.appliedMaxDecrease))],
    ['Lambda', FLOW_LABELS.lambda, formatNumber(f.lambda, 6).replace(/,?0+$/, '')],
    ['Skuret av matchning', FLOW_LABELS.cutByMatching, kr(f.cutByMatching)],
    ['Återlämnat', FLOW_LABELS.returned, kr(f.returned)],
    ['Överskott', FLOW_LABELS.surplus, kr(f.surplus)],
    ['Ansökt', FLOW_LABELS.requested, kr(f.requested)],
    ['Beviljat', FLOW_LABELS.granted, kr(f.granted)],
    ['Ej fördelat', FLOW_LABELS.undistributed, kr(s.undistributed)],
    ['Summa slutlig tilldelning', FLOW_LABELS.totalFinal, kr(s.totalFinal)],
    ['Förbund', FLOW_LABELS.federations, formatNumber(s.federationCount)],
    ['Kommuner', FLOW_LABELS.municipalities, formatNumber(s.municipalityCount)],
  ];
  return (
    <section className={styles.column} aria-labelledby={headingId} data-testid="summary">
      {stale ? (
        <MessageBar intent="warning" layout="multiline" data-testid="stale">
          <MessageBarBody>
            <MessageBarTitle>{PANE_TEXTS.staleTitle}</MessageBarTitle>
            {staleEdit ? PANE_TEXTS.staleEditBody(staleEdit) : PANE_TEXTS.staleBody}
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
            <MessageBarTitle>{PANE_TEXTS.runNotices}</MessageBarTitle>
            {s.notices.map((n) => (
              <div key={n.address}>
                {n.address}: {n.message}.
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Subtitle2 as="h2" id={headingId}>
        {SUMMARY_VIEW_TEXTS.title}
      </Subtitle2>
      <Text className={styles.explanation} data-testid="summary-explanation">
        {keepNumbersTogether(s.explanation)}
      </Text>
      <Table size="small" aria-labelledby={headingId}>
        <TableBody>
          {rows.map(([id, label, value]) => (
            <TableRow key={id}>
              <TableCell>{label}</TableCell>
              <TableCell
                className={mergeClasses(id === 'Scenario' ? styles.textValue : t.numeric, styles.valueColumn)}
                data-testid={`summary-${id}`}
              >
                {value}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Subtitle2 as="h2" id={voHeadingId}>
        {PANE_TEXTS.voTotalsTitle}
      </Subtitle2>
      <Table size="small" noNativeElements aria-labelledby={voHeadingId} data-testid="vo-totals">
        <TableHeader>
          <TableRow className={t.row}>
            <TableHeaderCell className={t.nameCell}>{PANE_TEXTS.voColumn}</TableHeaderCell>
            <TableHeaderCell className={mergeClasses(t.amountCell, t.headerEnd)} button={{ className: t.headerEnd }}>
              {PANE_TEXTS.finalColumn}
            </TableHeaderCell>
            <TableHeaderCell className={mergeClasses(t.changeCell, t.headerEnd)} button={{ className: t.headerEnd }}>
              {PANE_TEXTS.changeColumn}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {s.voTotals.map((v) => (
            <TableRow key={v.vo} className={t.row} data-vo={v.vo}>
              <TableCell className={t.nameCell}>
                <span>
                  <Text weight="semibold">{v.vo || SUMMARY_TEXTS.noVo}</Text>{' '}
                  <Caption1 className={t.muted}>{PANE_TEXTS.federationCount(formatNumber(v.federationCount))}</Caption1>
                </span>
              </TableCell>
              <TableCell className={mergeClasses(t.amountCell, t.numeric)} data-testid="vo-final">
                {kr(v.final)}
              </TableCell>
              <TableCell className={mergeClasses(t.changeCell, t.numeric)}>
                <Change change={v.previous > 0 ? v.change : null} share={v.previous > 0 ? v.change / v.previous : null} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <DecisionSummaryView summary={s} />
      <Subtitle2 as="h2" id={warningsHeadingId}>
        Varningar
      </Subtitle2>
      <WarningList groups={groups} onSelect={select} disabled={busy} />
      <FederationTable federations={s.federations} voTotals={s.voTotals} onSelect={select} disabled={busy} />
      <Subtitle2 as="h2" id={chartHeadingId}>
        Ideal och slutlig tilldelning
      </Subtitle2>
      <AllocationChart bars={outcome.bars} />
    </section>
  );
}
