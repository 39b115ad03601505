// What the pane's buttons do, with React: the state (a reducer), the task queue, the reads a view
// needs when it opens, and Förklara following the selection. The views only render and call these.
import * as React from 'react';
import type { CellBlock, Problem } from '../workbook/types';
import type { CellRef, WorkbookHost } from '../excel/host';
import type { FormKey } from './parameter-drafts';
import {
  calculate,
  checkWorkbook,
  computeOnly,
  explainRegionalWorkbook,
  federationAtRow,
  federationCell,
  explanationStatement,
  insertTemplate,
  removeResults,
  STAGE_LABELS,
} from './controller';
import type { RegionalFederationReport } from '../round/check';
import { offerDownload, statementPdfFile } from './save-pdf';
import type { Stage } from './controller';
import { changedParameters } from './parameter-drafts';
import { explainLoaded, initialPaneState, paneReducer } from './state';
import type { PaneState, ViewName } from './state';
import { inputSheetNames, isInputEdit } from './stale';
import { cellAddress, topLeftCell } from '../workbook/address';
import { PANE_TEXTS, PROGRESS } from './texts';
import { useTaskQueue } from './use-task-queue';
import { normalizeKey } from '../workbook/text';
import { FEDERATION_SHEET } from '../workbook/columns';
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
  editParameter: (key: FormKey, text: string) => void;
  discardParameterEdits: () => void;
  selectFederation: (name: string | undefined) => void;
  useSelection: () => Promise<void>;
  refreshExplanation: () => Promise<void>;
  /** Reads the workbook again (a view that changed its sheets: Riktade medel inserting Ansökningar) */
  refreshSheets: () => Promise<void>;
  /** Kontrollera (a regional workbook): the report, nothing written */
  check: () => Promise<void>;
  /** A blocking task of the round's view (Dela upp, Hämta svar), with the pane's progress label */
  roundTask: (label: string, work: (setLabel: (label: string) => void) => Promise<void>) => Promise<void>;
  /** The workbook was changed by the round's view: read it again (quietly) */
  workbookChanged: () => Promise<void>;
  /** Selects a federation's row on Förbund (from Kontrollera's report) */
  selectReportRow: (federation: RegionalFederationReport) => Promise<void>;
  /** Selects a federation's row on Förbund (its name cell) from the summary */
  selectFederationRow: (f: { name: string; row?: number }) => Promise<void>;
  /** Förklara: the shown federation's statement as a PDF, made here and offered for saving */
  saveStatementPdf: () => Promise<void>;
  /** Fastställ: what would be recorded (nothing written), then the write */
  previewDecision: (label: string, date?: string) => Promise<DecisionPreview | undefined>;
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
      if (stateRef.current.regionalVo !== undefined) {
        const explanation = await explainRegionalWorkbook(host);
        dispatch({ type: 'regionalExplanationLoaded', explanation, keepSelected });
        return;
      }
      const { run, sheets } = await computeOnly(host);
      dispatch({ type: 'explanationLoaded', run, keepSelected, sheets });
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

  // A summary shown goes stale when a person edits an input cell in Excel: the input sheets are watched
  // while a fresh summary is shown (the run's own writes are told apart by isInputEdit).
  const fresh = state.outcome?.ok && !state.outcomeStale ? state.outcome.layout : undefined;
  React.useEffect(() => {
    if (!fresh) return undefined;
    let stop: (() => Promise<void>) | undefined;
    let watching = true;
    host
      .watchChanges(inputSheetNames(fresh), (change) => {
        if (!watching || !isInputEdit(fresh, change)) return;
        const cell = topLeftCell(change.address);
        dispatch({ type: 'inputsEdited', address: cell ? cellAddress(change.sheet, cell.row, cell.column) : change.sheet });
      })
      .then(
        (unwatch) => {
          if (watching) stop = unwatch;
          else unwatch().catch(() => undefined);
        },
        () => undefined, // without the event the summary is not marked (Beräkna still reads the sheets)
      );
    return () => {
      watching = false;
      stop?.().catch(() => undefined);
    };
  }, [host, fresh]);

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
      const { result, layout, regional } = stateRef.current.explain;
      return task(PROGRESS.readingSelection, async () => {
        const cell = await host.activeCell();
        const name = !cell
          ? undefined
          : regional?.ok
            ? regional.federations.find((f) => f.row === cell.row && normalizeKey(cell.sheet) === normalizeKey(FEDERATION_SHEET))
                ?.name
            : result && layout
              ? federationAtRow(layout, result, cell.sheet, cell.row)
              : undefined;
        dispatch(name ? { type: 'federationSelected', name } : { type: 'selectionNotFederation' });
      });
    },
    check: () =>
      task(PROGRESS.checking, async () => {
        dispatch({ type: 'checkStarted' });
        const outcome = await checkWorkbook(host);
        dispatch({ type: 'checked', outcome });
      }),
    roundTask: (label, work) => task(label, (setLabel) => work(setLabel)),
    workbookChanged: () => task(PROGRESS.readingWorkbook, async () => void (await refreshSheets()), { quiet: true }),
    selectReportRow: (federation) => {
      const report = stateRef.current.check;
      const sheet = report?.ok ? report.report.federationSheet : undefined;
      if (!sheet) return Promise.resolve();
      return task(
        PROGRESS.goingTo(federation.name),
        async () => {
          await host.selectCell({ sheet, row: federation.row, column: 0 });
        },
        { quiet: true },
      );
    },
    selectFederationRow: (f) => {
      const outcome = stateRef.current.outcome;
      const cell = outcome?.ok && f.row !== undefined ? federationCell(outcome.layout, f.row) : undefined;
      if (!cell) return Promise.resolve();
      return task(PROGRESS.goingTo(cellAddress(cell.sheet, cell.row, cell.column)), () => host.selectCell(cell), { quiet: true });
    },
    refreshExplanation: () => {
      const keep = stateRef.current.explain.selected;
      return task(PROGRESS.readingWorkbook, () => loadExplanation(keep));
    },
    refreshSheets: async () => void (await refreshSheets()),
    saveStatementPdf: () =>
      task(
        PANE_TEXTS.makingPdf,
        async () => {
          const e = stateRef.current.explain;
          const statement = explanationStatement(e, e.selected, { generatedAt: new Date() });
          if (!statement) return;
          try {
            const { bytes, fileName } = await statementPdfFile(statement);
            offerDownload(bytes, fileName);
            dispatch({ type: 'statementSaved', ok: true, text: PANE_TEXTS.pdfSaved(fileName) });
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            dispatch({ type: 'statementSaved', ok: false, text: PANE_TEXTS.pdfFailed(message) });
          }
        },
        { quiet: true },
      ),
    previewDecision: async (label, date) => {
      let preview: DecisionPreview | undefined;
      await task(PROGRESS.previewingDecision, async () => {
        preview = await previewDecision(host, label, new Date(), date);
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
