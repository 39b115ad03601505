// Ideal vs final allocation per federation: a bar chart of plain HTML and CSS (a name line, then one
// bar and its amount for the ideal and one for the final allocation), with a Fluent table of the same
// numbers one click away. Text has fixed sizes (it never scales with the pane's width), every amount
// is visible without hovering, and screen readers read each federation as a list item with its values.
import * as React from 'react';
import {
  Button,
  Caption1,
  Caption1Strong,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { formatKronor, formatNumber } from '../../workbook/format';
import type { ChartBar } from '../controller';
import { ALLOCATION_CHART_TEXTS as A } from '../texts';

/** More federations than this: the chart shows those whose final allocation differs most from the ideal. */
export const MAX_CHART_BARS = 200;

const CHART_LABEL = A.label;

const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalS,
  },
  legend: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  legendBar: { width: '16px', flexShrink: 0 },
  partial: { marginBottom: tokens.spacingVerticalS },
  // The chart: one list item per federation
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  name: { color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere', hyphens: 'auto' },
  barRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  track: { flexGrow: 1, flexShrink: 1, minWidth: 0 },
  bar: { display: 'block', height: '8px', borderRadius: tokens.borderRadiusSmall, forcedColorAdjust: 'none' },
  // colours made for non-text contrast in both the light and the dark theme
  // (in Windows' high contrast mode: system colours, kept by forcedColorAdjust 'none' above)
  ideal: {
    backgroundColor: tokens.colorNeutralStrokeAccessible,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  final: {
    backgroundColor: tokens.colorCompoundBrandBackground,
    '@media (forced-colors: active)': { backgroundColor: 'Highlight' },
  },
  amount: {
    flexShrink: 0,
    textAlign: 'right',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    color: tokens.colorNeutralForeground2,
  },
  finalAmount: { color: tokens.colorNeutralForeground1 },
  hidden: visuallyHidden,
  // The table
  table: { tableLayout: 'auto' },
  nameCell: { overflowWrap: 'anywhere', hyphens: 'auto', paddingLeft: 0 },
  numberCell: { textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', paddingRight: 0 },
  header: { fontWeight: tokens.fontWeightSemibold },
  nameHeader: { paddingLeft: 0 },
  numberHeader: { paddingRight: 0 },
  headerEnd: { justifyContent: 'flex-end', textAlign: 'right' },
});

/** The bars to draw: all of them, or the MAX_CHART_BARS with the largest |final − ideal|, in input order. */
export function barsToDraw(bars: ChartBar[], max = MAX_CHART_BARS): ChartBar[] {
  if (bars.length <= max) return bars;
  const keep = new Set(
    bars
      .map((b, i) => ({ i, d: Math.abs(b.final - b.ideal) }))
      .sort((a, b) => b.d - a.d || a.i - b.i)
      .slice(0, max)
      .map((x) => x.i),
  );
  return bars.filter((_, i) => keep.has(i));
}

export interface AllocationChartProps {
  bars: ChartBar[];
}

export function AllocationChart({ bars }: AllocationChartProps): React.ReactElement {
  const styles = useStyles();
  const [asTable, setAsTable] = React.useState(false);
  const shown = React.useMemo(() => barsToDraw(bars), [bars]);
  const partial = shown.length < bars.length;

  return (
    <div>
      <div className={styles.toolbar}>
        {asTable ? (
          <span />
        ) : (
          <div className={styles.legend} aria-hidden="true" data-testid="chart-legend">
            <Caption1 className={styles.legendItem}>
              <span className={mergeClasses(styles.bar, styles.legendBar, styles.ideal)} />
              {A.ideal}
            </Caption1>
            <Caption1 className={styles.legendItem}>
              <span className={mergeClasses(styles.bar, styles.legendBar, styles.final)} />
              {A.final}
            </Caption1>
          </div>
        )}
        <Button appearance="subtle" size="small" onClick={() => setAsTable((t) => !t)}>
          {asTable ? A.showChart : A.showTable}
        </Button>
      </div>
      {partial && (
        <Caption1 block className={styles.partial}>
          {A.partial(shown.length, bars.length)}
        </Caption1>
      )}
      {asTable ? <AllocationTable bars={shown} /> : <BarList bars={shown} />}
    </div>
  );
}

/** The chart: per federation its name, then the ideal and the final allocation as a bar with the amount. */
const BarList = React.memo(function BarList({ bars }: { bars: ChartBar[] }): React.ReactElement {
  const styles = useStyles();
  const max = Math.max(1, ...bars.map((b) => Math.max(b.ideal, b.final)));
  const width = (v: number) => `${Math.max(0, Math.min(100, (v / max) * 100))}%`;
  // The amounts get one common width (the longest of them), so that every bar's 100 % is the same length.
  const amountWidth = `${Math.max(...bars.map((b) => Math.max(formatKronor(b.ideal).length, formatKronor(b.final).length)), 4)}ch`;
  return (
    <ul className={styles.list} aria-label={CHART_LABEL} data-testid="allocation-chart">
      {bars.map((b, i) => (
        <li key={`${i}-${b.name}`} className={styles.item} data-federation={b.name}>
          <Caption1Strong className={styles.name}>{b.name}</Caption1Strong>
          <BarRow kind="ideal" label={A.ideal} value={b.ideal} width={width(b.ideal)} amountWidth={amountWidth} />
          <BarRow kind="final" label={A.final} value={b.final} width={width(b.final)} amountWidth={amountWidth} />
        </li>
      ))}
    </ul>
  );
});

/** One bar of a federation (its ideal or its final allocation) with the amount beside it. */
function BarRow(props: {
  kind: 'ideal' | 'final';
  label: string;
  value: number;
  width: string;
  amountWidth: string;
}): React.ReactElement {
  const styles = useStyles();
  return (
    <div className={styles.barRow}>
      <span className={styles.track} aria-hidden="true">
        <span className={mergeClasses(styles.bar, styles[props.kind])} style={{ width: props.width }} data-bar={props.kind} />
      </span>
      <Caption1
        className={props.kind === 'final' ? mergeClasses(styles.amount, styles.finalAmount) : styles.amount}
        style={{ minWidth: props.amountWidth }}
        data-amount={props.kind}
      >
        <span className={styles.hidden}>{props.label} </span>
        {formatKronor(props.value)}
      </Caption1>
    </div>
  );
}

/**
 * The same numbers as a table, in Fluent's compact size (12 px text). Automatic column widths, not
 * Fluent's fixed layout: the amounts (never wrapped) take what they need and the names get the rest,
 * wrapping between words (inside a word only if a single word is wider than the whole column).
 */
const AllocationTable = React.memo(function AllocationTable({ bars }: { bars: ChartBar[] }): React.ReactElement {
  const styles = useStyles();
  const numberHeader = (label: string) => (
    <TableHeaderCell
      className={mergeClasses(styles.header, styles.numberHeader, styles.headerEnd)}
      button={{ className: styles.headerEnd }}
    >
      {label}
    </TableHeaderCell>
  );
  return (
    <Table size="extra-small" className={styles.table} aria-label={CHART_LABEL}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={mergeClasses(styles.header, styles.nameHeader)}>{A.federation}</TableHeaderCell>
          {numberHeader(A.idealColumn)}
          {numberHeader(A.finalColumn)}
        </TableRow>
      </TableHeader>
      <TableBody>
        {bars.map((b, i) => (
          <TableRow key={`${i}-${b.name}`}>
            <TableCell className={styles.nameCell}>{b.name}</TableCell>
            <TableCell className={styles.numberCell}>{formatNumber(b.ideal)}</TableCell>
            <TableCell className={styles.numberCell}>{formatNumber(b.final)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
});
