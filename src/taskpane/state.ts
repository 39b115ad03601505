// The pane's state and how each event changes it: a pure reducer (no React, no Excel), tested on its own.
import type { AllocationResult, ModelInput } from '../engine';
import type { RunOutcome } from '../workbook';
import type { SheetValues, WorkbookLayout, WritePlan } from '../workbook/types';
import type { CalculationOutcome, CheckOutcome } from './controller';
import type { RegionalExplanation } from '../round/explain-regional';
import { workbookScope } from '../workbook/scope';
import { missingInputSheets } from './controller';
import type { FormKey, ParameterEdits } from './parameter-drafts';
import { PANE_TEXTS, PROGRESS } from './texts';

export type ViewName = 'berakna' | 'parametrar' | 'forklara' | 'riktade' | 'omgang';

/** What Förklara shows: the run's result (or how many problems stopped it), the federation picked. */
export interface Explain {
  result?: AllocationResult;
  layout?: WorkbookLayout;
  /** The run's input (members' basis figures and matching in the statement) */
  input?: ModelInput;
  /**
   * What the computation would write, and Förbund as read with it: Förklara says when the sheet's
   * numbers differ. Undefined right after Beräkna (the sheet then holds exactly this run).
   */
  written?: { plan: WritePlan; sheet: SheetValues };
  problemCount?: number;
  selected?: string;
  message?: string;
  /** A regional workbook's explanation from Nationellt (round.md §3), in place of `result` */
  regional?: RegionalExplanation;
  /** The recorded decision the run belongs to (label, date), for the statement; read by the Beslut sheet's code */
  decision?: { label: string; date?: string };
  /** After "Spara underlaget som PDF": what happened (cleared when another federation is picked) */
  saved?: { ok: boolean; text: string };
}

export interface PaneState {
  view: ViewName;
  /** A blocking task's progress label: set while writing or computing (buttons inactive) */
  busyLabel?: string;
  /** A quiet task's progress label (a read when a view opens, a jump to a cell): shown, nothing disabled */
  quietLabel?: string;
  /** The first read of the workbook is done */
  ready: boolean;
  sheets?: SheetValues[];
  /** The input sheets the workbook lacks */
  missing: string[];
  /** Excel's error of the last task */
  error?: string;
  outcome?: CalculationOutcome;
  /** The summary shown was computed before the parameters were saved: the workbook's output is out of date. */
  outcomeStale: boolean;
  /** The input cell edited in Excel after the run (the reason the summary is stale), when that is the reason */
  staleEdit?: string;
  removedMessage?: string;
  savedMessage?: string;
  /** A confirmation shown above the view (template inserted), focused so that a screen reader says it */
  notice?: string;
  explain: Explain;
  /** Unsaved edits of the Parametrar view (kept across views until saved or undone) */
  parameterEdits: ParameterEdits;
  /** The VO of a regional workbook (Omfattning, round.md §1) as of the last read: Kontrollera replaces Beräkna */
  regionalVo?: string;
  /** Kontrollera's last report (regional workbooks) */
  check?: CheckOutcome;
}

export type PaneAction =
  | { type: 'viewOpened'; view: ViewName }
  /** A task's progress label (undefined: none), blocking or quiet */
  | { type: 'progress'; quiet: boolean; label: string | undefined }
  /** A task starts running: its label shown, an earlier error gone */
  | { type: 'taskStarted'; quiet: boolean; label: string }
  | { type: 'taskFailed'; error: string }
  | { type: 'sheetsRead'; sheets: SheetValues[] }
  | { type: 'ready' }
  | { type: 'explanationLoaded'; run: RunOutcome; keepSelected: string | undefined; sheets?: SheetValues[] }
  | { type: 'regionalExplanationLoaded'; explanation: RegionalExplanation; keepSelected: string | undefined }
  | { type: 'calculationStarted' }
  | { type: 'calculated'; outcome: CalculationOutcome }
  | { type: 'checkStarted' }
  | { type: 'checked'; outcome: CheckOutcome }
  /** Fastställ wrote the decision (and the run): the summary and a confirmation */
  | { type: 'decisionRecorded'; outcome: CalculationOutcome; notice: string }
  | { type: 'resultsRemoved'; columns: number; sheets: string[]; notices: { address: string; message: string }[] }
  | { type: 'templateInserted'; added: string[] }
  | { type: 'parameterEdited'; key: FormKey; text: string }
  /** "Ångra ändringar", and the edits written by "Spara" */
  | { type: 'parameterEditsCleared' }
  | { type: 'parametersSaved'; count: number }
  | { type: 'federationSelected'; name: string | undefined }
  | { type: 'selectionNotFederation' }
  /** A person changed an input cell (Parametrar, Förbund's input columns, Kommuner) after the run */
  | { type: 'inputsEdited'; address: string }
  /** "Spara underlaget som PDF" finished: offered for download, or failed */
  | { type: 'statementSaved'; ok: boolean; text: string };

export function initialPaneState(view: ViewName = 'berakna'): PaneState {
  return {
    view,
    busyLabel: PROGRESS.readingWorkbook,
    ready: false,
    missing: [],
    outcomeStale: false,
    explain: {},
    parameterEdits: {},
  };
}

/** Whether Förklara has what it shows (a result, or the problems that stop it). */
export function explainLoaded(explain: Explain): boolean {
  return explain.result !== undefined || explain.problemCount !== undefined || explain.regional !== undefined;
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case 'viewOpened':
      return { ...state, view: action.view, savedMessage: undefined, notice: undefined };
    case 'progress':
      return action.quiet ? { ...state, quietLabel: action.label } : { ...state, busyLabel: action.label };
    case 'taskStarted':
      return {
        ...(action.quiet ? { ...state, quietLabel: action.label } : { ...state, busyLabel: action.label }),
        error: undefined,
      };
    case 'taskFailed':
      return { ...state, error: action.error };
    case 'sheetsRead': {
      const scope = workbookScope(action.sheets);
      return {
        ...state,
        sheets: action.sheets,
        missing: missingInputSheets(action.sheets),
        regionalVo: scope.regional ? scope.vo : undefined,
      };
    }
    case 'checkStarted':
      return { ...state, check: undefined, notice: undefined };
    case 'checked':
      return { ...state, check: action.outcome, ...(action.outcome.ok ? { regionalVo: action.outcome.report.vo } : {}) };
    case 'ready':
      return { ...state, ready: true };
    case 'explanationLoaded': {
      const { run, keepSelected } = action;
      if (!run.ok) return { ...state, explain: { problemCount: run.problems.length } };
      const keep = keepSelected && run.result.federations.some((f) => f.name === keepSelected) ? keepSelected : undefined;
      const sheet = action.sheets?.find((s) => s.name === run.layout.federationSheet.name);
      const explain: Explain = {
        result: run.laterRound ? (run.laterRound as unknown as AllocationResult) : run.result,
        layout: run.layout,
        input: run.input,
        selected: keep,
      };
      if (sheet) explain.written = { plan: run.plan, sheet };
      return { ...state, explain };
    }
    case 'regionalExplanationLoaded': {
      const { explanation, keepSelected } = action;
      if (!explanation.ok) return { ...state, explain: { problemCount: explanation.problems.length } };
      const keep = keepSelected && explanation.federations.some((f) => f.name === keepSelected) ? keepSelected : undefined;
      return { ...state, explain: { regional: explanation, selected: keep } };
    }
    case 'calculationStarted':
      // The summary of an earlier run is gone as soon as a new one starts: it is never shown for a
      // run that did not complete (a failed read or write shows its own message instead).
      return { ...state, removedMessage: undefined, notice: undefined, outcome: undefined, outcomeStale: false };
    case 'calculated': {
      const { outcome } = action;
      const explain = outcome.ok
        ? { result: outcome.result, layout: outcome.layout, input: outcome.input, selected: state.explain.selected }
        : state.explain;
      return { ...state, outcome, outcomeStale: false, staleEdit: undefined, explain };
    }
    case 'decisionRecorded': {
      const calculated = paneReducer(state, { type: 'calculated', outcome: action.outcome });
      return { ...calculated, notice: action.outcome.ok ? action.notice : undefined };
    }
    case 'resultsRemoved':
      return {
        ...state,
        outcome: undefined,
        outcomeStale: false,
        removedMessage:
          action.columns === 0 && action.sheets.length === 0
            ? PANE_TEXTS.nothingToRemove
            : PANE_TEXTS.removed(action.columns, action.sheets, action.notices),
      };
    case 'templateInserted':
      // Problems listed and explanations were of the workbook without these sheets
      return {
        ...state,
        outcome: undefined,
        outcomeStale: false,
        explain: {},
        notice: action.added.length === 0 ? PANE_TEXTS.templateAlreadyThere : PANE_TEXTS.templateInserted(action.added),
      };
    case 'parameterEdited':
      return { ...state, parameterEdits: { ...state.parameterEdits, [action.key]: action.text }, savedMessage: undefined };
    case 'parameterEditsCleared':
      return { ...state, parameterEdits: {} };
    case 'parametersSaved':
      // The inputs changed: a summary shown is of the earlier values (and so is the workbook's output);
      // a problem list may no longer hold.
      return {
        ...state,
        savedMessage: PANE_TEXTS.parametersSaved(action.count),
        explain: {},
        ...(state.outcome?.ok ? { outcomeStale: true } : { outcome: undefined }),
      };
    case 'federationSelected': {
      const e = state.explain;
      if (e.selected === action.name && !e.message && !e.saved) return state;
      return { ...state, explain: { ...e, selected: action.name, message: undefined, saved: undefined } };
    }
    case 'selectionNotFederation':
      return { ...state, explain: { ...state.explain, message: PANE_TEXTS.selectFederationRow } };
    case 'inputsEdited':
      // Only a summary shown goes stale; the first edit is the one named
      if (!state.outcome?.ok || state.outcomeStale) return state;
      return { ...state, outcomeStale: true, staleEdit: action.address };
    case 'statementSaved':
      return { ...state, explain: { ...state.explain, saved: { ok: action.ok, text: action.text } } };
  }
}
