/** @jest-environment ./test/addin/jsdom-environment.js */
// The pane's Beräkna view and template offer in jsdom with a fake host; no axe violations.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { axe } from 'jest-axe';
import { FakeHost } from './fake-host';
import { workedExampleSheets } from './fixtures';
import { axeOptions, enabled, renderApp, text } from './dom-setup';

describe('Beräkna', () => {
  test('the summary shows the worked example: scenario, budget, totals, warning counts, chart', async () => {
    const host = new FakeHost(workedExampleSheets());
    const { container } = await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    const summary = await screen.findByTestId('summary', {}, { timeout: 10_000 });
    expect(text(within(summary).getByTestId('summary-Scenario'))).toContain('Överskott');
    expect(text(within(summary).getByTestId('summary-Statlig ram'))).toContain('9 000 000 kr');
    expect(text(within(summary).getByTestId('summary-Summa slutlig tilldelning'))).toContain('8 211 043 kr');
    expect(text(within(summary).getByTestId('summary-Ej fördelat'))).toContain('788 957 kr');
    // Warnings: those that need action apart from the informational ones, each with its meaning, code and count
    const warnings = within(summary).getByTestId('warnings');
    const warningItems = (id: string) =>
      Array.from(within(warnings).getByTestId(id).querySelectorAll('[data-testid=warning]')).map((r) => [
        r.getAttribute('data-code'),
        text(r.querySelector('button')!),
      ]);
    expect(warningItems('warnings-action')).toEqual([
      ['MATCHNING', 'Begränsad av matchningen(MATCHNING)1 förbund'],
      ['MINSKNING', 'Minskning utöver spärren(MINSKNING)1 förbund'],
    ]);
    expect(warningItems('warnings-info')).toEqual([
      ['EK_SAKNAS', 'Uppgift om eget kapital saknas(EK_SAKNAS)1 förbund'],
      ['NY', 'Nytt förbund(NY)1 förbund'],
      ['DELÅR', 'Verksamhet del av året(DELÅR)1 förbund'],
    ]);
    expect(within(warnings).getByRole('heading', { name: 'Att åtgärda' })).toBeTruthy();
    expect(within(warnings).getByRole('heading', { name: 'För kännedom' })).toBeTruthy();
    // A warning opens its federations; a name selects the federation's row (its name cell) on Förbund
    fireEvent.click(within(warnings).getByRole('button', { name: /^Begränsad av matchning/ }));
    const goTo = await within(warnings).findByRole('button', { name: 'Gå till Söderby på bladet Förbund' });
    fireEvent.click(goTo);
    await waitFor(() => expect(host.selection).toEqual({ sheet: 'Förbund', row: 2, column: 0 }));
    // The money flows of the worked example (B 9 000 000 = T + P; S = P + cut + returned = extra + U)
    const flow = (id: string) => text(within(summary).getByTestId(`summary-${id}`));
    expect(flow('Statlig ram')).toBe('9 000 000 kr');
    expect(flow('Ej fördelat')).toBe('788 957 kr');
    // The federation table: Söderby's change from last year, −600 000 kr (−25 %)
    const fedTable = within(summary).getByTestId('federation-table');
    const söderbyRow = fedTable.querySelector('[data-federation="Söderby"]')!;
    expect(text(söderbyRow.querySelector('[data-testid=change-kr]')!)).toBe('\u2212600 000 kr');
    expect(text(söderbyRow.querySelector('[data-testid=change-share]')!)).toBe('\u221225 %');
    // The chart: a list, one item per federation, with both amounts as text and bars in proportion
    const chart = within(summary).getByRole('list', { name: 'Idealfördelning och slutlig tilldelning per förbund' });
    expect(chart.getAttribute('data-testid')).toBe('allocation-chart');
    const items = within(chart).getAllByRole('listitem');
    expect(items.map((g) => g.getAttribute('data-federation'))).toEqual(['Norrby', 'Söderby', 'Österby', 'Västerby']);
    expect(text(items[1])).toBe('SöderbyIdealfördelning 2 958 505 krSlutlig tilldelning 1 800 000 kr');
    const söderby = Array.from(items[1].querySelectorAll<HTMLElement>('[data-bar]')).map((b) => parseFloat(b.style.width));
    expect(söderby[1] / söderby[0]).toBeCloseTo(1_800_000 / 2_958_505, 6);
    // no hover needed: the amounts are in the text, the bars themselves are hidden from screen readers
    expect(text(items[1].querySelector('[data-amount=final]')!)).toBe('Slutlig tilldelning 1 800 000 kr');
    expect(items[1].querySelectorAll('[aria-hidden=true] [data-bar]')).toHaveLength(2);
    // Written: the host got the plan and the chart spec
    expect(host.calls).toEqual(['readWorkbook', 'readWorkbook', 'writeRun', 'watchChanges', 'selectCell']);
    // the chart on its own sheet Diagram (branch present, issue 14)
    expect(host.lastChart).toMatchObject({ sheet: 'Diagram', sourceSheet: 'Diagram', idealColumn: 1, finalColumn: 2, count: 4 });
    expect(host.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Parametrar', 'Förbund', 'Kommuner', 'Kommunbidrag', 'Underlag', 'Diagram', 'Körlogg']),
    );
    expect(host.sheets[1].values[2][10]).toBe(1_800_000);
    expect(await axe(container, axeOptions)).toHaveNoViolations();

    // The table alternative of the chart
    fireEvent.click(within(summary).getByRole('button', { name: 'Visa som tabell' }));
    const table = within(summary).getByRole('table', { name: 'Idealfördelning och slutlig tilldelning per förbund' });
    expect(within(table).getByText('2 958 505')).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => text(h)),
    ).toEqual(['Förbund', 'Ideal (kr)', 'Slutlig (kr)']);
    expect(within(summary).queryByTestId('allocation-chart')).toBeNull();
    expect(await axe(container, axeOptions)).toHaveNoViolations();
    fireEvent.click(within(summary).getByRole('button', { name: 'Visa som diagram' }));
    expect(within(summary).getByTestId('allocation-chart')).toBeTruthy();
  });

  test('an edit of an input cell in Excel marks the summary stale; the run’s own output cells do not', async () => {
    const host = new FakeHost(workedExampleSheets());
    await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    await screen.findByTestId('summary', {}, { timeout: 10_000 });
    await waitFor(() => expect(host.changeWatchers).toHaveLength(1));
    expect(host.changeWatchers[0].sheets).toEqual(['Parametrar', 'Förbund', 'Kommuner']);
    // The run's own columns (G… on Förbund, after the six input columns) and the add-in's own writes: not stale
    act(() => host.changes({ sheet: 'Förbund', address: 'G1:O5', byThisAddin: false }));
    act(() => host.changes({ sheet: 'Förbund', address: 'C3', byThisAddin: true }));
    expect(screen.queryByTestId('stale')).toBeNull();
    // A person's edit of Eget kapital (C3)
    act(() => host.changes({ sheet: 'Förbund', address: 'C3', byThisAddin: false }));
    const stale = await screen.findByTestId('stale');
    expect(text(stale)).toContain('Förbund!C3 har ändrats sedan beräkningen.');
    // stale: no longer watched; a new run watches again and is fresh
    await waitFor(() => expect(host.changeWatchers).toHaveLength(0));
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    await waitFor(() => expect(screen.queryByTestId('stale')).toBeNull());
    await waitFor(() => expect(host.changeWatchers).toHaveLength(1));
  });

  test('the intro says what Beräkna does, not what it is doing (that is the progress text)', async () => {
    await renderApp(new FakeHost(workedExampleSheets()));
    const panel = screen.getByRole('tabpanel');
    expect(text(panel)).toContain(
      'Beräkna räknar fram fördelningen från bladen Parametrar, Förbund och Kommuner och skriver resultatet i arbetsboken.',
    );
    expect(text(panel)).not.toContain('Beräknar fördelningen');
  });

  test('problems are listed, nothing is written, and a problem selects its cell', async () => {
    const sheets = workedExampleSheets();
    sheets[1].values[2][2] = 'ca 2 milj';
    sheets[2].values.push(['Okänt förbund', 'Xby', 100, 100]);
    const host = new FakeHost(sheets);
    const { container } = await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    const list = await screen.findByTestId('problem-list', {}, { timeout: 10_000 });
    const items = within(list).getAllByRole('listitem');
    const problemText = (i: HTMLElement) =>
      `${i.querySelector('button, .fui-Text')?.textContent}: ${i.querySelector('[data-testid=problem-message]')?.textContent}`;
    expect(items.map(problemText)).toEqual([
      'Förbund!C3: "ca 2 milj" är inget belopp',
      expect.stringMatching(/^Kommuner!A8: .*Okänt förbund/),
    ]);
    // the federation and the column beside the cell
    expect(text(items[0].querySelector('[data-testid=problem-context]')!)).toBe('Förbund: Söderby · Kolumn: Eget kapital (kr)');
    expect(screen.getByText('Arbetsboken har 2 fel.')).toBeTruthy();
    expect(text(screen.getByRole('tabpanel'))).toContain('Välj ett fel för att gå till cellen.');
    expect(host.calls).not.toContain('writeRun');
    expect(await axe(container, axeOptions)).toHaveNoViolations();

    fireEvent.click(within(items[0]).getByRole('button'));
    await waitFor(() => expect(host.selection).toEqual({ sheet: 'Förbund', row: 2, column: 2 }));
  });

  test('a problem on a missing sheet is shown without a link; the others stay selectable', async () => {
    const sheets = workedExampleSheets().filter((s) => s.name !== 'Parametrar');
    sheets[0].values[2][2] = 'ca 2 milj';
    const host = new FakeHost(sheets);
    await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    const list = await screen.findByTestId('problem-list', {}, { timeout: 10_000 });
    const items = within(list).getAllByRole('listitem');
    expect(
      items.map(
        (i) =>
          `${i.querySelector('button, .fui-Text')?.textContent}: ${i.querySelector('[data-testid=problem-message]')?.textContent}`,
      ),
    ).toEqual([expect.stringMatching(/^Parametrar!A1: /), 'Förbund!C3: "ca 2 milj" är inget belopp']);
    expect(within(items[0]).queryByRole('button')).toBeNull();
    expect(text(screen.getByRole('tabpanel'))).toContain('Välj ett fel för att gå till cellen.');
    fireEvent.click(within(items[1]).getByRole('button'));
    await waitFor(() => expect(host.selection).toEqual({ sheet: 'Förbund', row: 2, column: 2 }));
  });

  test('when no problem can be selected (all on missing sheets) the list does not say to select one', async () => {
    const host = new FakeHost(workedExampleSheets().filter((s) => s.name !== 'Parametrar'));
    const { container } = await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    const list = await screen.findByTestId('problem-list', {}, { timeout: 10_000 });
    const items = within(list).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(0);
    expect(within(list).queryAllByRole('button')).toHaveLength(0);
    const panel = screen.getByRole('tabpanel');
    expect(text(panel)).toContain('Ingenting skrevs. Rätta felen och beräkna igen.');
    expect(text(panel)).not.toContain('Välj ett fel');
    expect(await axe(container, axeOptions)).toHaveNoViolations();
  });

  test('while a run is under way a view can be opened, but its read waits: never two requests to Excel at once', async () => {
    const host = new FakeHost(workedExampleSheets());
    await renderApp(host);
    let open!: () => void;
    host.gate = new Promise<void>((resolve) => (open = resolve));
    const calculateButton = screen.getByRole('button', { name: 'Beräkna' });
    calculateButton.focus();
    fireEvent.click(calculateButton);
    await screen.findAllByRole('progressbar', { hidden: false });
    // The button pressed is inactive but keeps focus; a second press starts nothing
    expect(calculateButton.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(calculateButton);
    fireEvent.click(calculateButton);
    // The tabs stay usable: Parametrar opens, its read of the sheet queued behind the run
    const tab = screen.getByRole('tab', { name: 'Parametrar' });
    expect(enabled(tab)).toBe(true);
    fireEvent.click(tab);
    expect(screen.getByRole('tabpanel').id).toBe('panel-parametrar');
    expect(host.calls).toEqual(['readWorkbook', 'readWorkbook']);
    await act(async () => open());
    await waitFor(() =>
      expect(host.calls.filter((c) => c !== 'watchChanges')).toEqual([
        'readWorkbook',
        'readWorkbook',
        'writeRun',
        'readWorkbook',
      ]),
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Beräkna' }));
    await screen.findByTestId('summary', {}, { timeout: 10_000 });
    expect(host.calls.filter((c) => c === 'writeRun')).toHaveLength(1);
  });

  test('while a run is under way the progress shows and every button is disabled', async () => {
    const host = new FakeHost(workedExampleSheets());
    await renderApp(host);
    let open!: () => void;
    host.gate = new Promise<void>((resolve) => (open = resolve));
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    expect(await screen.findAllByRole('progressbar', { hidden: false })).toHaveLength(1);
    expect(text(screen.getByRole('status'))).toContain('Läser arbetsboken');
    expect(enabled(screen.getByRole('button', { name: 'Beräkna' }))).toBe(false);
    expect(enabled(screen.getByRole('button', { name: 'Ta bort resultat' }))).toBe(false);
    await act(async () => open());
    await screen.findByTestId('summary', {}, { timeout: 10_000 });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(enabled(screen.getByRole('button', { name: 'Beräkna' }))).toBe(true);
  });

  test('Ta bort resultat asks first, then removes only the run’s output', async () => {
    const host = new FakeHost(workedExampleSheets());
    await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    await screen.findByTestId('summary', {}, { timeout: 10_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Ta bort resultat' }));
    const dialog = await screen.findByRole('dialog');
    expect(text(dialog)).toContain('Ta bort resultatet?');
    // (hidden: true — in jsdom Fluent's modalizer leaves aria-hidden on the dialog's portal after a run;
    // the browser test checks the real dialog with axe)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avbryt', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(host.calls).not.toContain('removeOutput');
    fireEvent.click(screen.getByRole('button', { name: 'Ta bort resultat' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Ta bort', hidden: true }));
    await screen.findByText(/Resultatet är borttaget \(11 kolumner och bladen Kommunbidrag, Körlogg, Diagram och Underlag\)/);
    const trim = (v: unknown[][]) => v.map((r) => r.filter((c) => c !== '')).filter((r) => r.length > 0);
    expect(host.sheets.map((s) => s.name)).toEqual(['Parametrar', 'Förbund', 'Kommuner']);
    expect(trim(host.sheets[1].values)).toEqual(trim(workedExampleSheets()[1].values));
  });
});

describe('template offer', () => {
  test('a workbook without the input sheets is offered the template, which adds only the missing sheets', async () => {
    const host = new FakeHost([{ name: 'Blad1', values: [['egen']] }]);
    const { container } = await renderApp(host);
    expect(screen.getByText('Arbetsboken saknar bladen Parametrar, Förbund och Kommuner.')).toBeTruthy();
    expect(await axe(container, axeOptions)).toHaveNoViolations();
    fireEvent.click(screen.getByRole('button', { name: 'Lägg in mallbladen' }));
    await waitFor(() => expect(screen.queryByText(/Arbetsboken saknar/)).toBeNull());
    expect(host.sheets.map((s) => s.name)).toEqual(['Blad1', 'Instruktioner', 'Parametrar', 'Förbund', 'Kommuner']);
    expect(host.sheets[0].values).toEqual([['egen']]);
  });
});
