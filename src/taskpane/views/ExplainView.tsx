// The "Förklara" view: one federation's statement (src/documents), the same sections in the same order
// and words as the PDF — the answer and the change from last year first, then the reasons — with a
// notice when the sheet's numbers differ from this computation, and "Spara underlaget som PDF".
import * as React from 'react';
import {
  Button,
  Caption1,
  Combobox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { AllocationResult } from '../../engine';
import type { Statement, StatementLine } from '../../documents/statement-types';
import type { WrittenCheck } from '../../workbook/written-check';
import { formatKronor, formatNumber } from '../../workbook/format';
import { EXPLAIN_VIEW_TEXTS as E, keepNumbersTogether, PANE_TEXTS, PROGRESS } from '../texts';
import { regionalExplanationLines } from '../../round/explain-regional';
import type { RegionalExplanation } from '../../round/explain-regional';

const useStyles = makeStyles({
  // Fields fill the pane and may shrink below Fluent's default minimum width (narrow or zoomed panes)
  control: { width: '100%', minWidth: 0, maxWidth: '100%', boxSizing: 'border-box' },
  controlInput: { minWidth: 0, width: '100%' },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // Words wrap only between words (or at a hyphenation point in Swedish, lang="sv"), never inside one:
  // the pane's root breaks long words (overflow-wrap: break-word); the statement must not.
  statement: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    overflowWrap: 'normal',
    wordBreak: 'normal',
    hyphens: 'auto',
    minWidth: 0,
  },
  answer: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  answerValue: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  nowrap: { whiteSpace: 'nowrap' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  // label | amount on one line (the amount never wraps), the note below across the whole width
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  label: { margin: 0, fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  amount: { margin: 0, textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  // a value that is words (a decision's label) gets its own line and wraps like text
  textValue: { margin: 0, gridColumn: '1 / -1' },
  note: { margin: 0, gridColumn: '1 / -1', color: tokens.colorNeutralForeground3 },
  differences: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** At most this many options are listed in the federation picker; typing narrows them. */
export const MAX_OPTIONS = 100;

/** An amount, share or count ("1 800 000 kr", "−25,0 %", "0,345744", "obegränsat"): kept on one line. */
export function isAmount(value: string): boolean {
  return /^[+\-−]?[\d\s\u00a0,]+( kr| %)?$/.test(value) || value === 'obegränsat';
}

export interface ExplainViewProps {
  result: AllocationResult | undefined;
  /** The selected federation's statement (undefined: none selected) */
  statement?: Statement;
  /** Whether Förbund shows what this computation gives for the federation */
  check?: WrittenCheck;
  /** Set when the workbook has problems (the chain cannot be computed) */
  problemCount?: number;
  busy: boolean;
  selected: string | undefined;
  onSelect: (name: string | undefined) => void;
  onUseSelection: () => void;
  onRefresh: () => void;
  onSavePdf?: () => void;
  /** The PDF is being made */
  savingPdf?: boolean;
  saved?: { ok: boolean; text: string };
  message?: string;
  /** A regional workbook: the proposals explained from Nationellt (round.md §3), in place of `result` */
  regional?: Extract<RegionalExplanation, { ok: true }>;
}

/** A cell's value as text: kronor in a "(kr)" column, other numbers as they are. */
function cellText(header: string, v: string | number | boolean | null): string {
  if (typeof v === 'number') return / \(kr\)$/.test(header) ? formatKronor(v) : formatNumber(v, Number.isInteger(v) ? 0 : 4);
  return v === null ? '' : String(v);
}

function Line({ line, styles }: { line: StatementLine; styles: ReturnType<typeof useStyles> }): React.ReactElement {
  const amount = isAmount(line.value);
  return (
    <div className={styles.row}>
      <dt className={styles.label}>{line.label}</dt>
      {line.value && amount && (
        <dd className={styles.amount} data-part="value">
          {line.value}
        </dd>
      )}
      {line.value && !amount && (
        <dd className={styles.textValue} data-part="value">
          {keepNumbersTogether(line.value)}
        </dd>
      )}
      {line.note && (
        <dd className={styles.note} data-part="note">
          <Caption1>{keepNumbersTogether(line.note)}</Caption1>
        </dd>
      )}
    </div>
  );
}

function SheetNotice({ check }: { check: WrittenCheck | undefined }): React.ReactElement | null {
  const styles = useStyles();
  if (!check || check.state === 'same') return null;
  if (check.state === 'notWritten') {
    return (
      <MessageBar intent="info" data-testid="sheet-not-written">
        <MessageBarBody>{PANE_TEXTS.sheetNotWritten}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="sheet-differs">
      <MessageBarBody>
        <MessageBarTitle>{PANE_TEXTS.sheetDiffersTitle(check.differences.length)}</MessageBarTitle>
        <ul className={styles.differences}>
          {check.differences.map((d) => (
            <li key={d.address}>
              {keepNumbersTogether(
                PANE_TEXTS.sheetDiffersCell(
                  d.header.replace(/ \(kr\)$/, ''),
                  d.address,
                  cellText(d.header, d.written),
                  cellText(d.header, d.computed),
                ),
              )}
            </li>
          ))}
        </ul>
        {PANE_TEXTS.sheetDiffersBody}
      </MessageBarBody>
    </MessageBar>
  );
}

export function ExplainView(props: ExplainViewProps): React.ReactElement {
  const styles = useStyles();
  const { result, selected, busy, statement } = props;
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
  // A regional workbook: the national proposal explained from Nationellt (round.md §3), in the statement's rows
  const regionalLines = regional ? regionalExplanationLines(regional, selected) : undefined;
  const headingId = React.useId();

  return (
    <div className={styles.column}>
      <Text>{PANE_TEXTS.explainIntro}</Text>
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
      <Field label={E.federationField} hint={names.length > MAX_OPTIONS ? PANE_TEXTS.searchFederations(names.length) : undefined}>
        <Combobox
          className={styles.control}
          input={{ className: styles.controlInput }}
          placeholder={loaded ? E.choose : props.problemCount ? E.fixFirst : PROGRESS.readingWorkbook}
          disabled={busy || !loaded}
          value={query}
          selectedOptions={selected ? [selected] : []}
          onChange={(e) => setQuery((e.target as HTMLInputElement).value)}
          onOptionSelect={(_, data) => {
            props.onSelect(data.optionValue);
            setQuery(data.optionText ?? '');
          }}
          freeform={false}
          expandIcon={{ 'aria-label': E.showFederations }}
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
          {E.useSelection}
        </Button>
        <Button appearance="subtle" disabledFocusable={busy} onClick={props.onRefresh}>
          {E.reread}
        </Button>
      </div>
      {regionalLines && selected && (
        <section className={styles.statement} aria-labelledby={headingId} data-testid="explanation" lang="sv">
          <Subtitle2 as="h2" id={headingId}>
            {PANE_TEXTS.explainHeading(selected)}
          </Subtitle2>
          <dl className={styles.list}>
            {regionalLines.map((line, i) => (
              <Line key={`${line.label}-${i}`} line={line} styles={styles} />
            ))}
          </dl>
        </section>
      )}
      {statement && selected && (
        <section className={styles.statement} aria-labelledby={headingId} data-testid="explanation" lang="sv">
          <div className={styles.section}>
            <Subtitle2 as="h2" id={headingId}>
              {PANE_TEXTS.explainHeading(statement.federation)}
            </Subtitle2>
            {statement.where && <Caption1>{statement.where}</Caption1>}
          </div>
          <SheetNotice check={props.check} />
          <div className={styles.answer} data-testid="answer">
            <Text>{statement.answer.label}</Text>
            <span className={`${styles.answerValue} ${styles.nowrap}`}>{statement.answer.value}</span>
            <Text>{keepNumbersTogether(statement.answer.summary)}</Text>
          </div>
          <div className={styles.buttons}>
            <Button disabledFocusable={busy || props.savingPdf} onClick={props.onSavePdf}>
              {PANE_TEXTS.savePdf}
            </Button>
          </div>
          {props.saved && (
            <MessageBar intent={props.saved.ok ? 'success' : 'error'} data-testid="pdf-saved">
              <MessageBarBody>{props.saved.text}</MessageBarBody>
            </MessageBar>
          )}
          {statement.sections.map((section) => (
            <section key={section.id} className={styles.section} aria-labelledby={`${headingId}-${section.id}`}>
              <h3 className={styles.heading} id={`${headingId}-${section.id}`}>
                {section.heading}
              </h3>
              <dl className={styles.list} data-section={section.id}>
                {section.lines.map((line, i) => (
                  <Line key={`${line.label}-${i}`} line={line} styles={styles} />
                ))}
              </dl>
            </section>
          ))}
        </section>
      )}
    </div>
  );
}
