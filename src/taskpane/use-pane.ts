// What the pane's buttons do, with React: the state (a reducer), the task queue, the reads a view
// needs when it opens, and Förklara following the selection. The views only render and call these.
import * as React from 'react';
import type { CellBlock, Problem } from '../workbook/types';
import type { CellRef, WorkbookHost } from '../excel/host';
import type { ParameterKey } from '../workbook/parameters';
import { calculate, computeOnly, federationAtRow, insertTemplate, removeResults, STAGE_LABELS } from './controller';
import type { Stage } from './controller';
import { changedParameters } from './parameter-drafts';
import { explainLoaded, initialPaneState, paneReducer } from './state';
import type { PaneState, ViewName } from './state';
import { PROGRESS } from './texts';
import { useTaskQueue } from './use-task-queue';
import { previewDecision, recordDecision } from './decide-controller';
import type { DecisionPreview } from './decide-controller';
import { DECISION_PANE_TEXTS } from './texts';

export interface PaneActions {
  openView: (view: ViewName) => void;
  calculate: () => Promise<void>;
  removeResults: () => Promise<void>;
  selectProblem: (problem: Problem) => Promise<void>;
  insertTemplate: () => Promise<void>;
  saveParameters: (blocks: CellBlock[]) => Promise<void>;
  editParameter: (key: ParameterKey, text: string) => void;
  discardParameterEdits: () => void;
  selectFederation: (name: string | undefined) => void;
  useSelection: () => Promise<void>;
  refreshExplanation: () => Promise<void>;
  /** Fastställ: what would be recorded (nothing written), then the write */
  previewDecision: (label: string) => Promise<DecisionPreview | undefined>;
  recordDecision: (preview: Extract<DecisionPreview, { ok: true }>) => Promise<void>;
}

export interface Pane {
  state: PaneState;
  busy: boolean;
  /** The label under the tabs: a blocking task's, else a quiet one's */
  progressLabel: string | undefined;
  unsavedParameters: number;
  actions: PaneActions;
}

export function usePane(host: WorkbookHost, initialView: ViewName = 'berakna'): Pane {
  const [state, dispatch] = React.useReducer(paneReducer, initialView, initialPaneState);
  const { task, running } = useTaskQueue(dispatch);
  const stateRef = React.useRef(state);
  stateRef.current = state;
  const { view, ready, sheets, parameterEdits, explain } = state;

  const refreshSheets = React.useCallback(async () => {
    const read = await host.readWorkbook();
    dispatch({ type: 'sheetsRead', sheets: read });
    return read;
  }, [host]);

  React.useEffect(() => {
    void task(PROGRESS.readingWorkbook, async () => {
      await refreshSheets();
    }).then(() => dispatch({ type: 'ready' }));
  }, [task, refreshSheets]);

  const loadExplanation = React.useCallback(
    async (keepSelected: string | undefined) => {
      const run = await computeOnly(host);
      dispatch({ type: 'explanationLoaded', run, keepSelected });
    },
    [host],
  );

  // Opening a view reads what it shows: Förklara computes (without writing) when it has no result yet,
  // Parametrar reads the sheet again (it may have been edited in Excel).
  const loaded = explainLoaded(explain);
  React.useEffect(() => {
    if (!ready) return;
    if (view === 'forklara' && !loaded) void task(PROGRESS.readingWorkbook, () => loadExplanation(undefined), { quiet: true });
    if (view === 'parametrar') void task(PROGRESS.readingParameters, async () => void (await refreshSheets()), { quiet: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, ready]);

  // Förklara follows the sheet: selecting a cell on a federation's row of Förbund shows that federation
  // (the button "Använd markerad rad" stays for hosts where the event does not reach the pane).
  const watchedSheet = view === 'forklara' ? explain.layout?.federationSheet.name : undefined;
  React.useEffect(() => {
    if (!watchedSheet) return undefined;
    let stop: (() => Promise<void>) | undefined;
    let watching = true;
    const onSelect = (cell: CellRef) => {
      if (running.current) return;
      const { result, layout } = stateRef.current.explain;
      const name = result && layout ? federationAtRow(layout, result, cell.sheet, cell.row) : undefined;
      if (name) dispatch({ type: 'federationSelected', name });
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
  }, [host, watchedSheet, running]);

  const actions: PaneActions = {
    openView: (next) => dispatch({ type: 'viewOpened', view: next }),
    calculate: () =>
      task(STAGE_LABELS.reading, async (setLabel) => {
        dispatch({ type: 'calculationStarted' });
        const outcome = await calculate(host, (stage: Stage) => setLabel(STAGE_LABELS[stage]));
        dispatch({ type: 'calculated', outcome });
      }),
    removeResults: () =>
      task(PROGRESS.removing, async () => {
        const removed = await removeResults(host);
        dispatch({ type: 'resultsRemoved', ...removed });
      }),
    selectProblem: (p) =>
      task(
        PROGRESS.goingTo(p.address),
        async () => {
          await host.selectCell({ sheet: p.sheet, row: p.row - 1, column: p.column - 1 });
        },
        { quiet: true },
      ),
    insertTemplate: () =>
      task(PROGRESS.insertingTemplate, async () => {
        const added = await insertTemplate(host);
        await refreshSheets();
        dispatch({ type: 'templateInserted', added });
      }),
    saveParameters: (blocks) =>
      task(PROGRESS.savingParameters, async () => {
        await host.writeBlocks(blocks);
        dispatch({ type: 'parameterEditsCleared' });
        await refreshSheets();
        dispatch({ type: 'parametersSaved', count: blocks.length });
      }),
    editParameter: (key, text) => dispatch({ type: 'parameterEdited', key, text }),
    discardParameterEdits: () => dispatch({ type: 'parameterEditsCleared' }),
    selectFederation: (name) => dispatch({ type: 'federationSelected', name }),
    useSelection: () => {
      const { result, layout } = stateRef.current.explain;
      return task(PROGRESS.readingSelection, async () => {
        const cell = await host.activeCell();
        const name = cell && result && layout ? federationAtRow(layout, result, cell.sheet, cell.row) : undefined;
        dispatch(name ? { type: 'federationSelected', name } : { type: 'selectionNotFederation' });
      });
    },
    refreshExplanation: () => {
      const keep = stateRef.current.explain.selected;
      return task(PROGRESS.readingWorkbook, () => loadExplanation(keep));
    },
    previewDecision: async (label) => {
      let preview: DecisionPreview | undefined;
      await task(PROGRESS.previewingDecision, async () => {
        preview = await previewDecision(host, label, new Date());
      });
      return preview;
    },
    recordDecision: (preview) =>
      task(PROGRESS.recordingDecision, async () => {
        dispatch({ type: 'calculationStarted' });
        const outcome = await recordDecision(host, preview);
        dispatch({ type: 'decisionRecorded', outcome, notice: DECISION_PANE_TEXTS.recorded(preview.decision.label) });
      }),
  };

  const unsavedParameters = React.useMemo(() => changedParameters(sheets, parameterEdits).length, [sheets, parameterEdits]);
  return {
    state,
    busy: state.busyLabel !== undefined,
    progressLabel: state.busyLabel ?? state.quietLabel,
    unsavedParameters,
    actions,
  };
}
