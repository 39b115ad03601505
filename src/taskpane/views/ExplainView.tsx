// The "Förklara" view: one federation's calculation chain in kronor.
import * as React from 'react';
import {
  Button,
  Caption1,
  Combobox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
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
import type { AllocationResult } from '../../engine';
import { explanationLines } from '../controller';
import { keepNumbersTogether, PANE_TEXTS, PROGRESS } from '../texts';
import { regionalExplanationLines } from '../../round/explain-regional';
import type { RegionalExplanation } from '../../round/explain-regional';

const useStyles = makeStyles({
  // Fields fill the pane and may shrink below Fluent's default minimum width (narrow or zoomed panes)
  control: { width: '100%', minWidth: 0, maxWidth: '100%', boxSizing: 'border-box' },
  controlInput: { minWidth: 0, width: '100%' },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  value: { textAlign: 'right' },
  // the header cell's content sits in a flex slot: align it with the amounts under it
  valueHeader: { justifyContent: 'flex-end' },
  amount: { textAlign: 'right', whiteSpace: 'nowrap' },
  note: { color: tokens.colorNeutralForeground3 },
  label: { fontWeight: tokens.fontWeightSemibold },
});

/** At most this many options are listed in the federation picker; typing narrows them. */
export const MAX_OPTIONS = 100;

export interface ExplainViewProps {
  result: AllocationResult | undefined;
  /** Set when the workbook has problems (the chain cannot be computed) */
  problemCount?: number;
  busy: boolean;
  selected: string | undefined;
  onSelect: (name: string | undefined) => void;
  onUseSelection: () => void;
  onRefresh: () => void;
  message?: string;
  /** A regional workbook: the proposals explained from Nationellt (round.md §3), in place of `result` */
  regional?: Extract<RegionalExplanation, { ok: true }>;
}

export function ExplainView(props: ExplainViewProps): React.ReactElement {
  const styles = useStyles();
  const { result, selected, busy } = props;
  const [query, setQuery] = React.useState(selected ?? '');
  React.useEffect(() => setQuery(selected ?? ''), [selected]);
  const { regional } = props;
  const names = React.useMemo(
    () => (regional ? regional.federations.map((f) => f.name) : result ? result.federations.map((f) => f.name) : []),
    [result, regional],
  );
  const loaded = result !== undefined || regional !== undefined;
  const q = query.trim().toLocaleLowerCase('sv');
  const matching = (
    q && q !== (selected ?? '').toLocaleLowerCase('sv') ? names.filter((n) => n.toLocaleLowerCase('sv').includes(q)) : names
  ).slice(0, MAX_OPTIONS);
  const lines = regional ? regionalExplanationLines(regional, selected) : explanationLines(result, selected);
  const headingId = React.useId();

  return (
    <div className={styles.column}>
      <Text>Välj ett förbund, eller markera dess rad på bladet Förbund, för att se hur tilldelningen räknades fram.</Text>
      {props.problemCount !== undefined && props.problemCount > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{PANE_TEXTS.explainProblems(props.problemCount)}</MessageBarBody>
        </MessageBar>
      )}
      {props.message && (
        <MessageBar intent="info">
          <MessageBarBody>{props.message}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Förbund" hint={names.length > MAX_OPTIONS ? PANE_TEXTS.searchFederations(names.length) : undefined}>
        <Combobox
          className={styles.control}
          input={{ className: styles.controlInput }}
          placeholder={loaded ? 'Välj förbund' : props.problemCount ? 'Rätta felen först' : PROGRESS.readingWorkbook}
          disabled={busy || !loaded}
          value={query}
          selectedOptions={selected ? [selected] : []}
          onChange={(e) => setQuery((e.target as HTMLInputElement).value)}
          onOptionSelect={(_, data) => {
            props.onSelect(data.optionValue);
            setQuery(data.optionText ?? '');
          }}
          freeform={false}
          expandIcon={{ 'aria-label': 'Visa förbunden' }}
        >
          {matching.map((n) => (
            <Option key={n} value={n}>
              {n}
            </Option>
          ))}
        </Combobox>
      </Field>
      <div className={styles.buttons}>
        <Button disabledFocusable={busy || !loaded} onClick={props.onUseSelection}>
          Använd markerad rad
        </Button>
        <Button appearance="subtle" disabledFocusable={busy} onClick={props.onRefresh}>
          Läs om arbetsboken
        </Button>
      </div>
      {lines && selected && (
        <section className={styles.column} aria-labelledby={headingId} data-testid="explanation">
          <Subtitle2 as="h2" id={headingId}>
            Beräkningen för {selected}
          </Subtitle2>
          <Table size="small" aria-labelledby={headingId}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Steg</TableHeaderCell>
                <TableHeaderCell className={styles.value} button={{ className: styles.valueHeader }}>
                  Värde
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {lines.map((line, i) => (
                <TableRow key={`${line.label}-${i}`}>
                  <TableCell>
                    <span className={styles.label}>{line.label}</span>
                    {line.note && (
                      <>
                        <br />
                        <Caption1 className={styles.note}>{keepNumbersTogether(line.note)}</Caption1>
                      </>
                    )}
                  </TableCell>
                  <TableCell className={/^[-−]?[\d\s,]+( kr| %)?$/.test(line.value) ? styles.amount : undefined}>
                    {line.value}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
    </div>
  );
}
