// Ideal vs final allocation per federation: a small SVG bar chart drawn with Fluent tokens, with a
// Fluent table of the same numbers one click away (for screen readers and exact values).
import * as React from 'react';
import {
  Button,
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { formatKronor, formatNumber } from '../workbook/format';
import type { ChartBar } from './controller';

/** More federations than this: the chart shows those whose final allocation differs most from the ideal. */
export const MAX_CHART_BARS = 200;

const ROW = 34;
const WIDTH = 320;
const LABEL_Y = 11;
const BAR_H = 8;

const useStyles = makeStyles({
  legend: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap', marginBottom: tokens.spacingVerticalXS },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginRight: tokens.spacingHorizontalXS, borderRadius: tokens.borderRadiusSmall },
  ideal: { backgroundColor: tokens.colorNeutralForeground4 },
  final: { backgroundColor: tokens.colorBrandBackground },
  scroll: {
    maxHeight: '360px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  svg: { display: 'block', width: '100%', height: 'auto' },
  actions: { marginTop: tokens.spacingVerticalXS },
  numeric: { textAlign: 'right', width: '8.5em' },
  name: { overflowWrap: 'anywhere' },
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
  const shown = barsToDraw(bars);
  const max = Math.max(1, ...shown.map((b) => Math.max(b.ideal, b.final)));
  const titleId = React.useId();
  const descId = React.useId();
  const height = shown.length * ROW + 4;
  const scale = (v: number) => Math.max(0, (v / max) * (WIDTH - 4));
  const partial = shown.length < bars.length;

  return (
    <div>
      <div className={styles.legend} aria-hidden="true">
        <Caption1>
          <span className={`${styles.swatch} ${styles.ideal}`} />
          Idealfördelning
        </Caption1>
        <Caption1>
          <span className={`${styles.swatch} ${styles.final}`} />
          Slutlig tilldelning
        </Caption1>
      </div>
      {partial && (
        <Caption1 block>
          Visar de {shown.length} av {bars.length} förbund där slutlig tilldelning skiljer sig mest från idealfördelningen.
        </Caption1>
      )}
      {asTable ? (
        <div className={styles.scroll} tabIndex={0} role="region" aria-label="Tabell: idealfördelning och slutlig tilldelning per förbund">
          <Table size="small" aria-label="Idealfördelning och slutlig tilldelning per förbund">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Förbund</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>Ideal (kr)</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>Slutlig (kr)</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((b) => (
                <TableRow key={b.name}>
                  <TableCell className={styles.name}>{b.name}</TableCell>
                  <TableCell className={styles.numeric}>{formatNumber(b.ideal)}</TableCell>
                  <TableCell className={styles.numeric}>{formatNumber(b.final)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : (
        <div className={styles.scroll} tabIndex={0} role="region" aria-label="Diagram: idealfördelning och slutlig tilldelning per förbund">
          <svg
            className={styles.svg}
            viewBox={`0 0 ${WIDTH} ${height}`}
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
            data-testid="allocation-chart"
          >
            <title id={titleId}>Idealfördelning och slutlig tilldelning per förbund</title>
            <desc id={descId}>
              Stapeldiagram med två staplar per förbund för {shown.length} förbund; största värde {formatKronor(max)}. Välj Visa som tabell för
              exakta belopp.
            </desc>
            {shown.map((b, i) => {
              const y = i * ROW;
              return (
                <g key={b.name} data-federation={b.name}>
                  <text x={0} y={y + LABEL_Y} fontSize={11} fill={tokens.colorNeutralForeground1}>
                    {b.name}
                  </text>
                  <rect x={0} y={y + 14} width={scale(b.ideal)} height={BAR_H} fill={tokens.colorNeutralForeground4} rx={1}>
                    <title>{`${b.name}: idealfördelning ${formatKronor(b.ideal)}`}</title>
                  </rect>
                  <rect x={0} y={y + 14 + BAR_H + 1} width={scale(b.final)} height={BAR_H} fill={tokens.colorBrandBackground} rx={1}>
                    <title>{`${b.name}: slutlig tilldelning ${formatKronor(b.final)}`}</title>
                  </rect>
                </g>
              );
            })}
          </svg>
        </div>
      )}
      <div className={styles.actions}>
        <Button appearance="subtle" size="small" onClick={() => setAsTable((t) => !t)}>
          {asTable ? 'Visa som diagram' : 'Visa som tabell'}
        </Button>
      </div>
    </div>
  );
}
