// The round's view on a national workbook (round.md §2, §4, §8): Dela upp makes one .xlsx per VO in the
// browser and offers each for saving; Hämta svar reads the returned files the person picks and merges
// their answers into the open workbook (progress per file; every problem listed, nothing written then);
// Nästa år makes next year's workbook (as `finsam rollover`) and offers it for saving.
import * as React from 'react';
import {
  Button,
  Field,
  Link,
  List,
  ListItem,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  SpinButton,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Problem, SheetValues } from '../../workbook/types';
import { readYear, YEAR_RANGE } from '../../workbook/cells';
import { locateParameters } from '../../workbook/parameter-form';
import type { WorkbookHost } from '../../excel/host';
import { formatMergeProblem } from '../../round/merge';
import { nextRoundYear } from '../../round/rollover';
import type { MergeProblem } from '../../round/types';
import { canSelectProblem } from '../controller';
import { mergeFiles, rolloverToFile, splitToFiles } from '../round-actions';
import type { MergeOutcome, RolloverFileOutcome, SplitOutcome } from '../round-actions';
import { PARAMETER_FORM_TEXTS, ROUND_PANE_TEXTS as T } from '../texts';
import { ProblemList } from '../components/ProblemList';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingLeft: 0, margin: 0 },
  item: { listStyleType: 'none' },
  hidden: { display: 'none' },
  control: { width: '100%', minWidth: 0, maxWidth: '100%', boxSizing: 'border-box' },
});

export interface RoundViewProps {
  host: WorkbookHost;
  /** The workbook as last read (År for the rollover's default year) */
  sheets?: SheetValues[];
  busy: boolean;
  ready: boolean;
  /** Runs a blocking task with the pane's progress label (setLabel changes it while it runs) */
  runTask: (label: string, work: (setLabel: (label: string) => void) => Promise<void>) => Promise<void>;
  onSelectProblem: (problem: Problem) => void;
  /** After a merge: the workbook changed (the pane reads it again) */
  onMerged: () => void;
}

/** The rollover's default year: År on Parametrar plus one, else next calendar year. */
function nextYear(sheets: SheetValues[] | undefined): number {
  const year = sheets ? locateParameters(sheets).find((p) => p.key === 'year')?.parsed : undefined;
  return nextRoundYear(year) ?? new Date().getFullYear() + 1;
}

/** A merge problem as a line: the file, the cell, the message (a file that could not be read has no cell). */
function problemText(p: MergeProblem): string {
  return p.address ? formatMergeProblem(p) : `${p.fileName}: ${p.message}`;
}

export function RoundView(props: RoundViewProps): React.ReactElement {
  const styles = useStyles();
  const { host, busy, ready } = props;
  const [split, setSplit] = React.useState<SplitOutcome | undefined>();
  const [merge, setMerge] = React.useState<MergeOutcome | undefined>();
  const [read, setRead] = React.useState<string[]>([]);
  const [next, setNext] = React.useState<RolloverFileOutcome | undefined>();
  /** The year typed; undefined: the default (År + 1), following the workbook */
  const [yearText, setYearText] = React.useState<string | undefined>();
  const input = React.useRef<HTMLInputElement>(null);
  const splitId = React.useId();
  const mergeId = React.useId();
  const rolloverId = React.useId();
  const shownYear = yearText ?? String(nextYear(props.sheets));
  const year = readYear(shownYear.trim());

  // Object URLs of earlier files are released when they are replaced or the view closes
  React.useEffect(
    () => () => {
      if (split?.ok) split.files.forEach((f) => URL.revokeObjectURL(f.url));
    },
    [split],
  );
  React.useEffect(
    () => () => {
      if (next?.ok) URL.revokeObjectURL(next.file.url);
    },
    [next],
  );

  /** A refused Dela upp or Nästa år: its problems, each with a link to its cell where the sheet exists */
  const problemList = (outcome: { problems: Problem[]; sheetNames: string[] }) => (
    <ProblemList
      problems={outcome.problems}
      onSelect={props.onSelectProblem}
      canSelect={(p) => canSelectProblem(p, outcome.sheetNames)}
      disabled={busy}
    />
  );

  const onRollover = () => {
    if (!year?.ok) return;
    void props.runTask(T.rollingOver, async () => {
      setNext(undefined);
      setNext(await rolloverToFile(host, { year: year.value }));
    });
  };

  const onSplit = () =>
    void props.runTask(T.splitting, async (setLabel) => {
      setSplit(undefined);
      setSplit(await splitToFiles(host, { onFile: (name, i, n) => setLabel(T.makingFile(name, i, n)) }));
    });

  const onFiles = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (input.current) input.current.value = '';
    if (files.length === 0) return;
    void props.runTask(T.merging, async (setLabel) => {
      setMerge(undefined);
      setRead([]);
      const outcome = await mergeFiles(host, files, {
        onFile: (name, i, n) => {
          setLabel(T.readingFile(name, i, n));
          setRead(files.slice(0, i).map((f) => f.name));
        },
      });
      setRead(files.map((f) => f.name));
      setMerge(outcome);
      if (outcome.ok) props.onMerged();
    });
  };

  return (
    <div className={styles.column}>
      <Text>{T.intro}</Text>
      <section className={styles.section} aria-labelledby={splitId}>
        <Subtitle2 as="h2" id={splitId}>
          {T.splitTitle}
        </Subtitle2>
        <Text>{T.splitBody}</Text>
        <div>
          <Button appearance="primary" disabledFocusable={busy || !ready} onClick={onSplit}>
            {T.splitButton}
          </Button>
        </div>
        {split && !split.ok && problemList(split)}
        {split?.ok && (
          <>
            <Text>{T.splitDone(split.files.length)}</Text>
            <List className={styles.list} data-testid="split-files">
              {split.files.map((f) => (
                <ListItem key={f.fileName} className={styles.item}>
                  <Link href={f.url} download={f.fileName}>
                    {T.splitFile(f.fileName, f.federationCount)}
                  </Link>
                </ListItem>
              ))}
            </List>
          </>
        )}
      </section>
      <section className={styles.section} aria-labelledby={mergeId}>
        <Subtitle2 as="h2" id={mergeId}>
          {T.mergeTitle}
        </Subtitle2>
        <Text>{T.mergeBody}</Text>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="answer-files"
          aria-label={T.mergeButton}
          tabIndex={-1}
          onChange={(e) => onFiles(e.target.files)}
        />
        <div>
          <Button appearance="primary" disabledFocusable={busy || !ready} onClick={() => input.current?.click()}>
            {T.mergeButton}
          </Button>
        </div>
        {read.length > 0 && <Text data-testid="files-read">{T.filesRead(read)}</Text>}
        {merge && !merge.ok && (
          <div className={styles.section}>
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>{T.mergeProblemsTitle(merge.problems.length)}</MessageBarTitle>
              </MessageBarBody>
            </MessageBar>
            <List className={styles.list} data-testid="merge-problems">
              {merge.problems.map((p, i) => (
                <ListItem key={`${p.fileName ?? ''}-${p.address}-${i}`} className={styles.item}>
                  {p.fileName === undefined && p.address && canSelectProblem(p, merge.sheetNames) ? (
                    <Link as="button" onClick={() => props.onSelectProblem(p)} disabled={busy}>
                      {problemText(p)}
                    </Link>
                  ) : (
                    <Text>{problemText(p)}</Text>
                  )}
                </ListItem>
              ))}
            </List>
          </div>
        )}
        {merge?.ok && (
          <MessageBar intent="success" layout="multiline" data-testid="merge-summary">
            <MessageBarBody>
              <MessageBarTitle>{T.merged}</MessageBarTitle>
              {merge.summary.lines.map((line, i) => (
                <div key={i}>{line}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
      <section className={styles.section} aria-labelledby={rolloverId}>
        <Subtitle2 as="h2" id={rolloverId}>
          {T.rolloverTitle}
        </Subtitle2>
        <Text>{T.rolloverBody}</Text>
        <Field
          label={T.rolloverYear}
          hint={T.rolloverYearHint}
          validationState={year === null || !year.ok ? 'error' : 'none'}
          validationMessage={year !== null && !year.ok ? year.message : undefined}
        >
          <SpinButton
            className={styles.control}
            data-testid="rollover-year"
            value={year?.ok ? year.value : null}
            displayValue={shownYear}
            min={YEAR_RANGE.min}
            max={YEAR_RANGE.max}
            disabled={busy}
            incrementButton={{ 'aria-label': PARAMETER_FORM_TEXTS.yearUp }}
            decrementButton={{ 'aria-label': PARAMETER_FORM_TEXTS.yearDown }}
            onChange={(_, data) => {
              setNext(undefined);
              setYearText(data.value !== undefined && data.value !== null ? String(data.value) : (data.displayValue ?? ''));
            }}
          />
        </Field>
        <div>
          <Button appearance="primary" disabledFocusable={busy || !ready || !year?.ok} onClick={onRollover}>
            {T.rolloverButton}
          </Button>
        </div>
        {next && !next.ok && problemList(next)}
        {next?.ok && (
          <div className={styles.section} data-testid="rollover-file">
            <Text>{T.rolloverDone(next.file.year)}</Text>
            <Link href={next.file.url} download={next.file.fileName}>
              {next.file.fileName}
            </Link>
            {next.file.lines.map((line, i) => (
              <Text key={i}>{line}</Text>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}

export default RoundView;
