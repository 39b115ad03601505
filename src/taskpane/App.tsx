// The task pane: Fluent provider, the template offer, and three views in a tab list.
import * as React from 'react';
import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Caption1,
  ProgressBar,
  Tab,
  TabList,
  Title3,
  tokens,
} from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import type { AllocationResult } from '../engine';
import type { CellBlock, Problem, SheetValues, WorkbookLayout } from '../workbook/types';
import type { CellRef, WorkbookHost } from '../excel/host';
import { CalculateView } from './CalculateView';
import { ExplainView } from './ExplainView';
import { ParametersView, changedParameters } from './ParametersView';
import type { ParameterEdits } from './ParametersView';
import { TemplateOffer } from './TemplateOffer';
import {
  CalculationOutcome,
  Stage,
  STAGE_LABELS,
  calculate,
  computeOnly,
  excelErrorText,
  federationAtRow,
  insertTemplate,
  missingInputSheets,
  removeResults,
} from './controller';

const useStyles = makeStyles({
  // Not on the FluentProvider: its classes are copied to portal nodes (listboxes, dialogs).
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: '640px',
    // Narrow or zoomed panes: children shrink and long words wrap instead of scrolling sideways
    minWidth: 0,
    overflowWrap: 'break-word',
  },
  // The tabs with the progress under them: the progress has its room whether shown or not, so that
  // the view below never moves when a task starts or ends.
  navigation: { display: 'flex', flexDirection: 'column' },
  progressSlot: { position: 'relative', height: '28px' },
  progress: {
    position: 'absolute',
    inset: 0,
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
  },
  progressLabel: { color: tokens.colorNeutralForeground2 },
  // A very narrow (or zoomed) pane: a smaller title, so that "medelstilldelning" is not broken
  title: { '@media (max-width: 280px)': { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 } },
  // Tabs wrap rather than scroll sideways when the pane is narrow or zoomed
  tabs: { flexWrap: 'wrap', minWidth: 0 },
  // Messages (missing sheets, errors) sit in the panel, under the tabs: the tabs never move.
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

export type ViewName = 'berakna' | 'parametrar' | 'forklara';

export interface AppProps {
  host: WorkbookHost;
  theme: Theme;
  /** The view shown first (tests) */
  initialView?: ViewName;
}

interface Explain {
  result?: AllocationResult;
  layout?: WorkbookLayout;
  problemCount?: number;
  selected?: string;
  message?: string;
}

/** "A", "A och B", "A, B och C" */
function listText(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;
}

/** Moves focus to an element when it appears (a confirmation replacing the button that was pressed). */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

export function App({ host, theme, initialView = 'berakna' }: AppProps): React.ReactElement {
  const styles = useStyles();
  const [view, setView] = React.useState<ViewName>(initialView);
  const [busyLabel, setBusyLabel] = React.useState<string | undefined>('Läser arbetsboken …');
  const [ready, setReady] = React.useState(false);
  const [sheets, setSheets] = React.useState<SheetValues[] | undefined>(undefined);
  const [missing, setMissing] = React.useState<string[]>([]);
  const [error, setError] = React.useState<string | undefined>(undefined);
  const [outcome, setOutcome] = React.useState<CalculationOutcome | undefined>(undefined);
  const [removedMessage, setRemovedMessage] = React.useState<string | undefined>(undefined);
  const [savedMessage, setSavedMessage] = React.useState<string | undefined>(undefined);
  const [explain, setExplain] = React.useState<Explain>({});
  /** The summary shown was computed before the parameters were saved: the workbook's output is out of date. */
  const [outcomeStale, setOutcomeStale] = React.useState(false);
  /** Unsaved edits of the Parametrar view (kept across views until saved or undone) */
  const [parameterEdits, setParameterEdits] = React.useState<ParameterEdits>({});
  /** A quiet task's progress label (a read when a view opens, a jump to a cell): shown, nothing disabled */
  const [quietLabel, setQuietLabel] = React.useState<string | undefined>(undefined);
  /** A confirmation shown above the view (template inserted), focused so that a screen reader says it */
  const [notice, setNotice] = React.useState<string | undefined>(undefined);
  const busy = busyLabel !== undefined;
  const progressLabel = busyLabel ?? quietLabel;
  const unsavedParameters = React.useMemo(() => changedParameters(sheets, parameterEdits).length, [sheets, parameterEdits]);

  /**
   * Runs the pane's requests to Excel one after the other (never two at once), with progress shown and
   * errors in a message bar. A blocking task (writing, computing) makes the buttons inactive — they keep
   * focus (disabledFocusable) — and another blocking action asked for meanwhile is ignored; a quiet task
   * (reading what a view shows, selecting a cell) disables nothing, and what is asked meanwhile waits for it.
   */
  const running = React.useRef(false);
  const queue = React.useRef<Promise<void>>(Promise.resolve());
  const task = React.useCallback(
    (
      label: string,
      action: (setLabel: (l: string) => void) => Promise<void>,
      options: { quiet?: boolean } = {},
    ): Promise<void> => {
      const quiet = options.quiet === true;
      if (!quiet) {
        if (running.current) return Promise.resolve();
        running.current = true;
        setBusyLabel(label);
      }
      const setLabel = quiet ? setQuietLabel : setBusyLabel;
      const run = async () => {
        setLabel(label);
        setError(undefined);
        try {
          await action(setLabel);
        } catch (e) {
          setError(excelErrorText(e));
        } finally {
          if (!quiet) running.current = false;
          setLabel(undefined);
        }
      };
      const next = queue.current.then(run);
      queue.current = next;
      return next;
    },
    [],
  );

  const refreshSheets = React.useCallback(async () => {
    const read = await host.readWorkbook();
    setSheets(read);
    setMissing(missingInputSheets(read));
    return read;
  }, [host]);

  React.useEffect(() => {
    void task('Läser arbetsboken …', async () => {
      await refreshSheets();
    }).then(() => setReady(true));
  }, [task, refreshSheets]);

  const loadExplanation = React.useCallback(
    async (keepSelected: string | undefined) => {
      const run = await computeOnly(host);
      if (run.ok)
        setExplain({
          result: run.result,
          layout: run.layout,
          selected: keepSelected && run.result.federations.some((f) => f.name === keepSelected) ? keepSelected : undefined,
        });
      else setExplain({ problemCount: run.problems.length });
    },
    [host],
  );

  const onTab = (next: ViewName) => {
    setView(next);
    setSavedMessage(undefined);
    setNotice(undefined);
  };

  // Opening a view reads what it shows: Förklara computes (without writing) when it has no result yet,
  // Parametrar reads the sheet again (it may have been edited in Excel).
  const explainLoaded = explain.result !== undefined || explain.problemCount !== undefined;
  React.useEffect(() => {
    if (!ready) return;
    if (view === 'forklara' && !explainLoaded)
      void task('Läser arbetsboken …', () => loadExplanation(undefined), { quiet: true });
    if (view === 'parametrar') void task('Läser parametrarna …', async () => void (await refreshSheets()), { quiet: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, ready]);

  const onCalculate = () =>
    task(STAGE_LABELS.reading, async (setLabel) => {
      setRemovedMessage(undefined);
      setNotice(undefined);
      // The summary of an earlier run is gone as soon as a new one starts: it is never shown for a
      // run that did not complete (a failed read or write shows its own message instead).
      setOutcome(undefined);
      setOutcomeStale(false);
      const result = await calculate(host, (stage: Stage) => setLabel(STAGE_LABELS[stage]));
      setOutcome(result);
      setOutcomeStale(false);
      if (result.ok) setExplain((e) => ({ result: result.result, layout: result.layout, selected: e.selected }));
    });

  const onRemove = () =>
    task('Tar bort resultatet …', async () => {
      const removed = await removeResults(host);
      setOutcome(undefined);
      setOutcomeStale(false);
      setRemovedMessage(
        removed.columns === 0 && removed.sheets.length === 0
          ? 'Det fanns inget resultat att ta bort.'
          : `Resultatet är borttaget (${removed.columns} kolumner${removed.sheets.length ? ` och bladen ${removed.sheets.join(' och ')}` : ''}).` +
              removed.notices.map((n) => ` ${n.address}: ${n.message}.`).join(''),
      );
    });

  const onSelectProblem = (p: Problem) =>
    task(
      `Går till ${p.address} …`,
      async () => {
        await host.selectCell({ sheet: p.sheet, row: p.row - 1, column: p.column - 1 });
      },
      { quiet: true },
    );

  const onInsertTemplate = () =>
    task('Lägger in mallbladen …', async () => {
      const added = await insertTemplate(host);
      await refreshSheets();
      // Problems listed and explanations were of the workbook without these sheets
      setOutcome(undefined);
      setOutcomeStale(false);
      setExplain({});
      setNotice(
        added.length === 0
          ? 'Mallbladen fanns redan; inget lades till.'
          : `${added.length === 1 ? 'Bladet' : 'Bladen'} ${listText(added)} är ${added.length === 1 ? 'inlagt' : 'inlagda'}. Fyll i Statlig ram på Parametrar och förbunden och kommunerna, och välj sedan Beräkna.`,
      );
    });

  const onSaveParameters = (blocks: CellBlock[]) =>
    task('Sparar parametrarna …', async () => {
      await host.writeBlocks(blocks);
      setParameterEdits({});
      await refreshSheets();
      setSavedMessage(`Parametrarna är sparade (${blocks.length} ${blocks.length === 1 ? 'värde' : 'värden'}).`);
      setExplain({});
      // The inputs changed: a summary shown is of the earlier values (and so is the workbook's output);
      // a problem list may no longer hold.
      if (outcome?.ok) setOutcomeStale(true);
      else setOutcome(undefined);
    });

  const onUseSelection = () =>
    task('Läser markeringen …', async () => {
      const cell = await host.activeCell();
      const name =
        cell && explain.result && explain.layout
          ? federationAtRow(explain.layout, explain.result, cell.sheet, cell.row)
          : undefined;
      if (name) setExplain((e) => ({ ...e, selected: name, message: undefined }));
      else setExplain((e) => ({ ...e, message: 'Markera en cell på en förbundsrad på bladet Förbund och försök igen.' }));
    });

  // Förklara follows the sheet: selecting a cell on a federation's row of Förbund shows that federation
  // (the button "Använd markerad rad" stays for hosts where the event does not reach the pane).
  const explainRef = React.useRef(explain);
  explainRef.current = explain;
  const watchedSheet = view === 'forklara' ? explain.layout?.federationSheet.name : undefined;
  React.useEffect(() => {
    if (!watchedSheet) return undefined;
    let stop: (() => Promise<void>) | undefined;
    let watching = true;
    const onSelect = (cell: CellRef) => {
      if (running.current) return;
      const { result, layout } = explainRef.current;
      const name = result && layout ? federationAtRow(layout, result, cell.sheet, cell.row) : undefined;
      if (name) setExplain((e) => (e.selected === name && !e.message ? e : { ...e, selected: name, message: undefined }));
    };
    host.watchSelection(watchedSheet, onSelect).then(
      (unwatch) => {
        if (watching) stop = unwatch;
        else unwatch().catch(() => undefined);
      },
      () => undefined, // without the event the button still works
    );
    return () => {
      watching = false;
      stop?.().catch(() => undefined);
    };
  }, [host, watchedSheet]);

  const tabId = (v: ViewName) => `flik-${v}`;

  return (
    <FluentProvider theme={theme}>
      <div className={styles.page}>
        <main className={styles.root}>
          <Title3 as="h1" className={styles.title}>
            Finsam medelstilldelning
          </Title3>
          <div className={styles.navigation}>
            {/* Never disabled: a view can be opened while a task runs (its read waits for the task), and the tabs keep focus */}
            <TabList
              className={styles.tabs}
              selectedValue={view}
              onTabSelect={(_, data) => onTab(data.value as ViewName)}
              aria-label="Vyer"
            >
              <Tab value="berakna" id={tabId('berakna')} aria-controls="panel-berakna">
                Beräkna
              </Tab>
              <Tab value="parametrar" id={tabId('parametrar')} aria-controls="panel-parametrar">
                Parametrar
              </Tab>
              <Tab value="forklara" id={tabId('forklara')} aria-controls="panel-forklara">
                Förklara
              </Tab>
            </TabList>
            <div className={styles.progressSlot} data-testid="progress-slot">
              {progressLabel !== undefined && (
                <div className={styles.progress} role="status" aria-live="polite">
                  <ProgressBar thickness="medium" aria-label={progressLabel} />
                  <Caption1 className={styles.progressLabel}>{progressLabel}</Caption1>
                </div>
              )}
            </div>
          </div>
          <div role="tabpanel" id={`panel-${view}`} aria-labelledby={tabId(view)} className={styles.panel}>
            {ready && missing.length > 0 && !(view === 'parametrar' && missing.includes('Parametrar')) && (
              <TemplateOffer
                title={`Arbetsboken saknar ${missing.length === 1 ? 'bladet' : 'bladen'} ${listText(missing)}.`}
                busy={busy}
                onInsertTemplate={onInsertTemplate}
              >
                Lägg in {missing.length === 1 ? 'det' : 'dem'} från mallen (med rubriker och en instruktionsflik) och fyll i.
                Befintliga blad ändras inte.
              </TemplateOffer>
            )}
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            {notice && (
              <MessageBar intent="success" layout="multiline" ref={focusOnMount} tabIndex={-1} data-testid="notice">
                <MessageBarBody>{notice}</MessageBarBody>
              </MessageBar>
            )}
            {view === 'berakna' && (
              <CalculateView
                busy={busy}
                ready={ready}
                outcome={outcome}
                onCalculate={() => void onCalculate()}
                onRemove={() => void onRemove()}
                onSelectProblem={(p) => void onSelectProblem(p)}
                removedMessage={removedMessage}
                stale={outcomeStale}
                unsavedParameters={unsavedParameters}
                onOpenParameters={() => {
                  onTab('parametrar');
                  // the button pressed goes with the view: focus to the tab of the view opened
                  document.getElementById(tabId('parametrar'))?.focus();
                }}
              />
            )}
            {view === 'parametrar' && (
              <ParametersView
                sheets={sheets}
                busy={busy}
                onSave={(blocks) => onSaveParameters(blocks)}
                savedMessage={savedMessage}
                edits={parameterEdits}
                onEdit={(key, text) => {
                  setParameterEdits((e) => ({ ...e, [key]: text }));
                  setSavedMessage(undefined);
                }}
                onDiscard={() => setParameterEdits({})}
                onInsertTemplate={() => void onInsertTemplate()}
              />
            )}
            {view === 'forklara' && (
              <ExplainView
                result={explain.result}
                problemCount={explain.problemCount}
                busy={busy}
                selected={explain.selected}
                message={explain.message}
                onSelect={(name) => setExplain((e) => ({ ...e, selected: name, message: undefined }))}
                onUseSelection={() => void onUseSelection()}
                onRefresh={() => void task('Läser arbetsboken …', () => loadExplanation(explain.selected))}
              />
            )}
          </div>
        </main>
      </div>
    </FluentProvider>
  );
}
