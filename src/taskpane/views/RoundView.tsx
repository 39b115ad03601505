// The round's view on a national workbook (round.md §2, §4): Dela upp makes one .xlsx per VO in the
// browser and offers each for saving; Hämta svar reads the returned files the person picks and merges
// their answers into the open workbook (progress per file; every problem listed, nothing written then).
import * as React from 'react';
import {
  Button,
  Link,
  List,
  ListItem,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Problem } from '../../workbook/types';
import type { WorkbookHost } from '../../excel/host';
import { formatMergeProblem } from '../../round/merge';
import type { MergeProblem } from '../../round/types';
import { canSelectProblem } from '../controller';
import { mergeFiles, splitToFiles } from '../round-actions';
import type { MergeOutcome, SplitOutcome } from '../round-actions';
import { ROUND_PANE_TEXTS as T } from '../texts';
import { ProblemList } from '../components/ProblemList';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingLeft: 0, margin: 0 },
  item: { listStyleType: 'none' },
  hidden: { display: 'none' },
});

export interface RoundViewProps {
  host: WorkbookHost;
  busy: boolean;
  ready: boolean;
  /** Runs a blocking task with the pane's progress label (setLabel changes it while it runs) */
  runTask: (label: string, work: (setLabel: (label: string) => void) => Promise<void>) => Promise<void>;
  onSelectProblem: (problem: Problem) => void;
  /** After a merge: the workbook changed (the pane reads it again) */
  onMerged: () => void;
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
  const input = React.useRef<HTMLInputElement>(null);
  const splitId = React.useId();
  const mergeId = React.useId();

  // Object URLs of earlier files are released when they are replaced or the view closes
  React.useEffect(
    () => () => {
      if (split?.ok) split.files.forEach((f) => URL.revokeObjectURL(f.url));
    },
    [split],
  );

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
        {split && !split.ok && (
          <ProblemList
            problems={split.problems}
            onSelect={props.onSelectProblem}
            canSelect={(p) => canSelectProblem(p, split.sheetNames)}
            disabled={busy}
          />
        )}
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
    </div>
  );
}

export default RoundView;
