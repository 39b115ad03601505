// The pane's reducer on its own: each event's change of state, without React or Excel.
import { explainLoaded, initialPaneState, paneReducer } from '../../src/taskpane/state';
import type { PaneAction, PaneState } from '../../src/taskpane/state';
import type { CalculationOutcome } from '../../src/taskpane/controller';
import type { SheetValues } from '../../src/workbook/types';
import type { AllocationResult } from '../../src/engine';
import type { RunOutcome } from '../../src/workbook';

const run = (state: PaneState, ...actions: PaneAction[]) => actions.reduce(paneReducer, state);

const result = { federations: [{ name: 'Förbund A' }, { name: 'Förbund B' }] } as unknown as AllocationResult;
const layout = { federationSheet: { name: 'Förbund', dataRows: [1, 2] } } as never;
const written = {
  ok: true,
  result,
  layout,
  summary: {},
  bars: [],
  stats: { syncs: 3, batchBytes: [] },
} as unknown as CalculationOutcome;
const problems: CalculationOutcome = {
  ok: false,
  problems: [{ sheet: 'Förbund', row: 2, column: 5, address: 'Förbund!E2', message: 'fel' }],
  sheetNames: ['Förbund'],
};

describe('paneReducer', () => {
  test('starts busy reading the workbook, not ready, on the view asked for', () => {
    const s = initialPaneState('forklara');
    expect(s).toMatchObject({
      view: 'forklara',
      busyLabel: 'Läser arbetsboken …',
      ready: false,
      missing: [],
      outcomeStale: false,
    });
    expect(initialPaneState().view).toBe('berakna');
  });

  test('a task: blocking and quiet labels apart, an error cleared when the next task starts', () => {
    let s = run(initialPaneState(), { type: 'progress', quiet: false, label: undefined });
    s = run(s, { type: 'taskStarted', quiet: true, label: 'Läser parametrarna …' });
    expect([s.busyLabel, s.quietLabel]).toEqual([undefined, 'Läser parametrarna …']);
    s = run(
      s,
      { type: 'taskFailed', error: 'Excel svarade med ett fel: x' },
      { type: 'progress', quiet: true, label: undefined },
    );
    expect(s.error).toBe('Excel svarade med ett fel: x');
    expect(s.quietLabel).toBeUndefined();
    s = run(s, { type: 'taskStarted', quiet: false, label: 'Skriver resultatet …' });
    expect([s.busyLabel, s.error]).toEqual(['Skriver resultatet …', undefined]);
  });

  test('sheets read: the input sheets missing, by canonical name', () => {
    const sheets: SheetValues[] = [{ name: 'förbund ', values: [] }];
    const s = run(initialPaneState(), { type: 'sheetsRead', sheets });
    expect(s.sheets).toBe(sheets);
    expect(s.missing).toEqual(['Parametrar', 'Kommuner']);
  });

  test('opening a view drops the saved message and the notice', () => {
    const s = run(
      { ...initialPaneState(), savedMessage: 'sparat', notice: 'inlagt' },
      { type: 'viewOpened', view: 'parametrar' },
    );
    expect([s.view, s.savedMessage, s.notice]).toEqual(['parametrar', undefined, undefined]);
  });

  test('a calculation clears the earlier summary at once, and keeps the federation picked in Förklara', () => {
    const before: PaneState = {
      ...initialPaneState(),
      outcome: written,
      outcomeStale: true,
      removedMessage: 'borttaget',
      notice: 'inlagt',
      explain: { selected: 'Förbund B', message: 'markera', problemCount: 2 },
    };
    const started = run(before, { type: 'calculationStarted' });
    expect([started.outcome, started.outcomeStale, started.removedMessage, started.notice]).toEqual([
      undefined,
      false,
      undefined,
      undefined,
    ]);
    const done = run(started, { type: 'calculated', outcome: written });
    expect(done.outcome).toBe(written);
    expect(done.explain).toEqual({ result, layout, selected: 'Förbund B' });
    // problems: the explanation stays as it was
    expect(run(started, { type: 'calculated', outcome: problems }).explain).toBe(started.explain);
  });

  test('a write that failed is an outcome of its own, never a summary', () => {
    const failed: CalculationOutcome = {
      ok: false,
      problems: [],
      sheetNames: [],
      writeFailed: { state: 'partial', error: 'Excel svarade med ett fel: x', hadOutput: true },
    };
    const s = run(initialPaneState(), { type: 'calculationStarted' }, { type: 'calculated', outcome: failed });
    expect(s.outcome).toBe(failed);
    expect(s.outcomeStale).toBe(false);
  });

  test('saving parameters marks a summary stale, and drops a problem list', () => {
    const withSummary = run(
      { ...initialPaneState(), outcome: written, explain: { result } },
      { type: 'parametersSaved', count: 1 },
    );
    expect([withSummary.outcome, withSummary.outcomeStale, withSummary.explain]).toEqual([written, true, {}]);
    expect(withSummary.savedMessage).toBe('Parametrarna är sparade (1 värde).');
    const withProblems = run({ ...initialPaneState(), outcome: problems }, { type: 'parametersSaved', count: 3 });
    expect([withProblems.outcome, withProblems.outcomeStale]).toEqual([undefined, false]);
    expect(withProblems.savedMessage).toBe('Parametrarna är sparade (3 värden).');
  });

  test('parameter edits: kept per key, an edit drops the saved message, cleared on undo', () => {
    let s = run({ ...initialPaneState(), savedMessage: 'sparat' }, { type: 'parameterEdited', key: 'budget', text: '1 000' });
    s = run(s, { type: 'parameterEdited', key: 'year', text: '2027' });
    expect(s.parameterEdits).toEqual({ budget: '1 000', year: '2027' });
    expect(s.savedMessage).toBeUndefined();
    expect(run(s, { type: 'parameterEditsCleared' }).parameterEdits).toEqual({});
  });

  test('removing results: the summary gone, and what was removed in words', () => {
    const none = run(
      { ...initialPaneState(), outcome: written, outcomeStale: true },
      { type: 'resultsRemoved', columns: 0, sheets: [], notices: [] },
    );
    expect([none.outcome, none.outcomeStale, none.removedMessage]).toEqual([
      undefined,
      false,
      'Det fanns inget resultat att ta bort.',
    ]);
    const some = run(initialPaneState(), {
      type: 'resultsRemoved',
      columns: 11,
      sheets: ['Kommunbidrag', 'Körlogg'],
      notices: [{ address: 'Förbund!Q1', message: 'lämnad' }],
    });
    expect(some.removedMessage).toBe(
      'Resultatet är borttaget (11 kolumner och bladen Kommunbidrag och Körlogg). Förbund!Q1: lämnad.',
    );
  });

  test('template inserted: outcome and explanation gone, a notice naming the sheets', () => {
    const s = run(
      { ...initialPaneState(), outcome: problems, explain: { problemCount: 1 } },
      { type: 'templateInserted', added: ['Parametrar', 'Förbund', 'Kommuner'] },
    );
    expect([s.outcome, s.explain]).toEqual([undefined, {}]);
    expect(s.notice).toMatch(/^Bladen Parametrar, Förbund och Kommuner är inlagda\./);
    expect(run(initialPaneState(), { type: 'templateInserted', added: ['Kommuner'] }).notice).toMatch(
      /^Bladet Kommuner är inlagt\./,
    );
    expect(run(initialPaneState(), { type: 'templateInserted', added: [] }).notice).toBe(
      'Mallbladen fanns redan; inget lades till.',
    );
  });

  test('explanation loaded: a picked federation kept only when it is still there; problems counted', () => {
    const ok = { ok: true, result, layout } as unknown as RunOutcome;
    expect(run(initialPaneState(), { type: 'explanationLoaded', run: ok, keepSelected: 'Förbund A' }).explain.selected).toBe(
      'Förbund A',
    );
    expect(
      run(initialPaneState(), { type: 'explanationLoaded', run: ok, keepSelected: 'Borta' }).explain.selected,
    ).toBeUndefined();
    const bad = { ok: false, problems: [{}, {}] } as unknown as RunOutcome;
    const s = run(initialPaneState(), { type: 'explanationLoaded', run: bad, keepSelected: 'Förbund A' });
    expect(s.explain).toEqual({ problemCount: 2 });
    expect(explainLoaded(s.explain)).toBe(true);
    expect(explainLoaded({})).toBe(false);
  });

  test('explanation loaded with the sheets as read: Förbund and the plan kept to compare; after Beräkna not', () => {
    const plan = { blocks: [] };
    const ok = { ok: true, result, layout, input: { federations: [] }, plan } as unknown as RunOutcome;
    const forbund: SheetValues = { name: 'Förbund', values: [['Förbund'], ['Förbund A'], ['Förbund B']] };
    const other: SheetValues = { name: 'Kommuner', values: [] };
    const s = run(initialPaneState(), { type: 'explanationLoaded', run: ok, keepSelected: undefined, sheets: [other, forbund] });
    expect(s.explain.written).toEqual({ plan, sheet: forbund });
    expect(s.explain.input).toEqual({ federations: [] });
    // Beräkna has just written this very run: nothing to compare
    expect(run(s, { type: 'calculated', outcome: written }).explain.written).toBeUndefined();
  });

  test('a saved PDF is said until a federation is picked (again)', () => {
    const s = run(
      initialPaneState(),
      { type: 'federationSelected', name: 'Förbund A' },
      { type: 'statementSaved', ok: true, text: 'Underlaget hämtas som A.pdf.' },
    );
    expect(s.explain.saved).toEqual({ ok: true, text: 'Underlaget hämtas som A.pdf.' });
    expect(run(s, { type: 'federationSelected', name: 'Förbund A' }).explain.saved).toBeUndefined();
    expect(run(s, { type: 'federationSelected', name: 'Förbund B' }).explain).toMatchObject({ selected: 'Förbund B' });
  });

  test('selecting a federation drops the message; the same one again changes nothing', () => {
    const s = run(initialPaneState(), { type: 'selectionNotFederation' });
    expect(s.explain.message).toBe('Markera en cell på en förbundsrad på bladet Förbund och försök igen.');
    const picked = run(s, { type: 'federationSelected', name: 'Förbund A' });
    expect(picked.explain).toEqual({ selected: 'Förbund A', message: undefined });
    expect(run(picked, { type: 'federationSelected', name: 'Förbund A' })).toBe(picked);
  });

  test('ready once the first read is done', () => {
    expect(run(initialPaneState(), { type: 'ready' }).ready).toBe(true);
  });
});
