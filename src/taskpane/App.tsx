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
  Title3,
  tokens,
} from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import type { WorkbookHost } from '../excel/host';
import { CalculateView } from './views/CalculateView';
import { CHECK_TEXTS, ROUND_PANE_TEXTS } from './texts';
// Every view but Beräkna is loaded when first opened (the pane's first bundle stays small)
import { CheckView, ExplainView, LazyView, ParametersView, RoundView, TargetedView } from './lazy-views';
import { TemplateOffer } from './components/TemplateOffer';
// The pane's tab list (Fluent's TabList with overflow into a "Fler" menu: one line at any width)
import { PaneTabList as TabList } from './components/PaneTabList';
import type { ViewName } from './state';
import { PANE_TEXTS, TARGETED_PANE_TEXTS } from './texts';
import { usePane } from './use-pane';
import { explanationCheck, explanationStatement } from './controller';
import { proposedDecisionLabel } from './decide-controller';

export type { ViewName } from './state';

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
  // A narrow (or zoomed) pane: a smaller title, on one line at 320 px; smaller still below 280 px
  title: {
    '@media (max-width: 360px)': { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
    '@media (max-width: 280px)': { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  },
  // Tabs on one line: those that do not fit go into the "Fler" menu (PaneTabList)
  tabs: { minWidth: 0 },
  // Messages (missing sheets, errors) sit in the panel, under the tabs: the tabs never move.
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

export interface AppProps {
  host: WorkbookHost;
  theme: Theme;
  /** The view shown first (tests) */
  initialView?: ViewName;
}

/** Moves focus to an element when it appears (a confirmation replacing the button that was pressed). */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

export function App({ host, theme, initialView = 'berakna' }: AppProps): React.ReactElement {
  const styles = useStyles();
  const { state, busy, progressLabel, unsavedParameters, actions } = usePane(host, initialView);
  const { view, ready, sheets, missing, error, notice, outcome, outcomeStale, removedMessage, savedMessage, explain } = state;
  const onTab = actions.openView;

  const tabId = (v: ViewName) => `flik-${v}`;

  return (
    <FluentProvider theme={theme}>
      <div className={styles.page}>
        <main className={styles.root}>
          <Title3 as="h1" className={styles.title}>
            {PANE_TEXTS.title}
          </Title3>
          <div className={styles.navigation}>
            {/* Never disabled: a view can be opened while a task runs (its read waits for the task), and the tabs keep focus */}
            <TabList
              className={styles.tabs}
              selectedValue={view}
              onTabSelect={(_, data) => onTab(data.value as ViewName)}
              aria-label={PANE_TEXTS.tabsLabel}
            >
              <Tab value="berakna" id={tabId('berakna')} aria-controls="panel-berakna">
                {state.regionalVo !== undefined ? CHECK_TEXTS.button : PANE_TEXTS.calculateTab}
              </Tab>
              <Tab value="parametrar" id={tabId('parametrar')} aria-controls="panel-parametrar">
                {PANE_TEXTS.parametersTab}
              </Tab>
              <Tab value="forklara" id={tabId('forklara')} aria-controls="panel-forklara">
                {PANE_TEXTS.explainTab}
              </Tab>
              <Tab value="riktade" id={tabId('riktade')} aria-controls="panel-riktade">
                {TARGETED_PANE_TEXTS.tab}
              </Tab>
              {state.regionalVo === undefined && (
                <Tab value="omgang" id={tabId('omgang')} aria-controls="panel-omgang">
                  {ROUND_PANE_TEXTS.tab}
                </Tab>
              )}
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
                title={PANE_TEXTS.missingSheetsTitle(missing)}
                busy={busy}
                onInsertTemplate={() => void actions.insertTemplate()}
              >
                {PANE_TEXTS.missingSheetsBody(missing.length)}
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
            {view === 'berakna' && state.regionalVo !== undefined && (
              <LazyView>
                <CheckView
                  busy={busy}
                  ready={ready}
                  vo={state.regionalVo}
                  outcome={state.check}
                  onCheck={() => void actions.check()}
                  onSelectProblem={(p) => void actions.selectProblem(p)}
                  onSelectFederation={(f) => void actions.selectReportRow(f)}
                />
              </LazyView>
            )}
            {view === 'berakna' && state.regionalVo === undefined && (
              <CalculateView
                busy={busy}
                ready={ready}
                outcome={outcome}
                onCalculate={() => void actions.calculate()}
                onRemove={() => void actions.removeResults()}
                onSelectProblem={(p) => void actions.selectProblem(p)}
                removedMessage={removedMessage}
                stale={outcomeStale}
                staleEdit={state.staleEdit}
                onSelectFederation={(f) => void actions.selectFederationRow(f)}
                unsavedParameters={unsavedParameters}
                decide={{
                  proposedLabel: () => proposedDecisionLabel(new Date()),
                  onPreview: actions.previewDecision,
                  onConfirm: (preview) => void actions.recordDecision(preview),
                }}
                onOpenParameters={() => {
                  onTab('parametrar');
                  // the button pressed goes with the view: focus to the tab of the view opened
                  document.getElementById(tabId('parametrar'))?.focus();
                }}
              />
            )}
            {view === 'parametrar' && (
              <LazyView>
                <ParametersView
                  sheets={sheets}
                  busy={busy}
                  onSave={(blocks) => actions.saveParameters(blocks)}
                  savedMessage={savedMessage}
                  edits={state.parameterEdits}
                  onEdit={actions.editParameter}
                  onDiscard={actions.discardParameterEdits}
                  onInsertTemplate={() => void actions.insertTemplate()}
                />
              </LazyView>
            )}
            {view === 'riktade' && (
              <LazyView>
                <TargetedView host={host} sheets={sheets} busy={busy} onSheetsChanged={actions.refreshSheets} />
              </LazyView>
            )}
            {view === 'omgang' && state.regionalVo === undefined && (
              <LazyView>
                <RoundView
                  host={host}
                  sheets={sheets}
                  busy={busy}
                  ready={ready}
                  runTask={actions.roundTask}
                  onSelectProblem={(p) => void actions.selectProblem(p)}
                  onMerged={() => void actions.workbookChanged()}
                />
              </LazyView>
            )}
            {view === 'forklara' && (
              <LazyView>
                <ExplainView
                  result={explain.result}
                  regional={explain.regional?.ok ? explain.regional : undefined}
                  statement={explanationStatement(explain, explain.selected)}
                  check={explanationCheck(explain, explain.selected)}
                  onSavePdf={() => void actions.saveStatementPdf()}
                  savingPdf={progressLabel === PANE_TEXTS.makingPdf}
                  saved={explain.saved}
                  problemCount={explain.problemCount}
                  busy={busy}
                  selected={explain.selected}
                  message={explain.message}
                  onSelect={actions.selectFederation}
                  onUseSelection={() => void actions.useSelection()}
                  onRefresh={() => void actions.refreshExplanation()}
                />
              </LazyView>
            )}
          </div>
        </main>
      </div>
    </FluentProvider>
  );
}
