// The federations of a run: Slutlig and the change from last year (kr and %), sorted as chosen and
// grouped by VO; a federation's name selects its row on Förbund. Part of the summary's chunk.
import * as React from 'react';
import {
  Caption1,
  Field,
  Link,
  makeStyles,
  mergeClasses,
  Select,
  Subtitle2,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { FederationSummary, VoTotal } from '../../workbook/types';
import { formatKronor } from '../../workbook/format';
import { groupByVo, sortFederations } from '../summary-model';
import type { FederationSortKey, SortDirection } from '../summary-model';
import { SUMMARY_TEXTS } from '../../workbook/messages';
import { keepNumbersTogether, PANE_TEXTS } from '../texts';
import { Change, useTableStyles } from './summary-table';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  controls: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM, minWidth: 0 },
  // the list never wider than the pane
  sortField: { minWidth: 0, maxWidth: '100%' },
  sortSelect: { maxWidth: '100%' },
  // Long compound names may be hyphenated (lang="sv") where the browser knows how
  name: { hyphens: 'auto', textAlign: 'left' },
});

/** The sort options offered: key and direction, in the order of the list. */
const SORTS: { key: FederationSortKey; direction: SortDirection }[] = [
  { key: 'change', direction: 'descending' },
  { key: 'change', direction: 'ascending' },
  { key: 'changeShare', direction: 'descending' },
  { key: 'changeShare', direction: 'ascending' },
  { key: 'final', direction: 'descending' },
  { key: 'final', direction: 'ascending' },
  { key: 'name', direction: 'ascending' },
  { key: 'name', direction: 'descending' },
];
const sortId = (s: { key: string; direction: string }) => `${s.key}-${s.direction}`;

export interface FederationTableProps {
  federations: FederationSummary[];
  voTotals: VoTotal[];
  onSelect: (f: FederationSummary) => void;
  disabled?: boolean;
}

export default function FederationTable({ federations, voTotals, onSelect, disabled }: FederationTableProps): React.ReactElement {
  const styles = useStyles();
  const [sort, setSort] = React.useState(sortId(SORTS[0]));
  const [grouped, setGrouped] = React.useState(true);
  const chosen = SORTS.find((s) => sortId(s) === sort) ?? SORTS[0];
  const sorted = sortFederations(federations, chosen.key, chosen.direction);
  const groups = grouped ? groupByVo(sorted, voTotals) : [{ vo: undefined, federations: sorted, total: undefined }];
  const t = useTableStyles();
  const headingId = React.useId();

  const row = (f: FederationSummary) => (
    <TableRow key={`${f.index}`} className={t.row} data-federation={f.name} data-testid="federation-row">
      <TableCell className={t.nameCell}>
        {f.row === undefined ? (
          <Text className={styles.name}>{f.name}</Text>
        ) : (
          <Link as="button" className={styles.name} onClick={() => onSelect(f)} disabled={disabled}>
            {f.name}
          </Link>
        )}
      </TableCell>
      <TableCell className={mergeClasses(t.amountCell, t.numeric)} data-testid="final">
        {keepNumbersTogether(formatKronor(f.final))}
      </TableCell>
      <TableCell className={mergeClasses(t.changeCell, t.numeric)}>
        <Change change={f.change} share={f.changeShare} />
      </TableCell>
    </TableRow>
  );

  return (
    <section className={styles.column} aria-labelledby={headingId} data-testid="federation-table">
      <Subtitle2 as="h2" id={headingId}>
        {PANE_TEXTS.federationTableTitle}
      </Subtitle2>
      <div className={styles.controls}>
        <Field label={PANE_TEXTS.sortBy} className={styles.sortField}>
          <Select
            className={styles.sortSelect}
            value={sort}
            onChange={(_, data) => setSort(data.value)}
            data-testid="federation-sort"
          >
            {SORTS.map((s) => (
              <option key={sortId(s)} value={sortId(s)}>
                {PANE_TEXTS.sortOption(s.key, s.direction)}
              </option>
            ))}
          </Select>
        </Field>
        <Switch checked={grouped} onChange={(_, data) => setGrouped(data.checked)} label={PANE_TEXTS.groupByVo} />
      </div>
      <Table size="small" noNativeElements aria-labelledby={headingId}>
        <TableHeader>
          <TableRow className={t.row}>
            <TableHeaderCell className={t.nameCell}>{PANE_TEXTS.federationColumn}</TableHeaderCell>
            <TableHeaderCell className={mergeClasses(t.amountCell, t.headerEnd)} button={{ className: t.headerEnd }}>
              {PANE_TEXTS.finalColumn}
            </TableHeaderCell>
            <TableHeaderCell className={mergeClasses(t.changeCell, t.headerEnd)} button={{ className: t.headerEnd }}>
              {PANE_TEXTS.changeColumn}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((g) => (
            <React.Fragment key={g.vo ?? '*'}>
              {g.vo !== undefined && (
                <TableRow className={mergeClasses(t.row, t.groupRow)} data-testid="vo-group" data-vo={g.vo}>
                  <TableCell className={t.groupCell}>
                    <Text weight="semibold">{g.vo || SUMMARY_TEXTS.noVo}</Text>
                    <Caption1 className={t.muted}>
                      {keepNumbersTogether(PANE_TEXTS.voGroupNote(g.federations.length, formatKronor(g.total?.final ?? 0)))}
                    </Caption1>
                  </TableCell>
                </TableRow>
              )}
              {g.federations.map(row)}
            </React.Fragment>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
