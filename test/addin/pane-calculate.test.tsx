/** @jest-environment jsdom */
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
    const summary = await screen.findByTestId('summary');
    expect(text(within(summary).getByTestId('summary-Scenario'))).toContain('Överskott');
    expect(text(within(summary).getByTestId('summary-Statlig ram'))).toContain('9 000 000 kr');
    expect(text(within(summary).getByTestId('summary-Summa slutlig tilldelning'))).toContain('8 211 043 kr');
    expect(text(within(summary).getByTestId('summary-Ej fördelat'))).toContain('788 957 kr');
    const badges = within(summary).getByTestId('warning-badges');
    expect(Array.from(badges.children).map((b) => b.textContent)).toEqual(['EK_SAKNAS: 1', 'MATCHNING: 1', 'NY: 1', 'DELÅR: 1', 'MINSKNING: 1']);
    // The chart: one bar pair per federation, widths in proportion to the amounts
    const chart = within(summary).getByTestId('allocation-chart');
    const groups = chart.querySelectorAll('g[data-federation]');
    expect(Array.from(groups).map((g) => g.getAttribute('data-federation'))).toEqual(['Norrby', 'Söderby', 'Österby', 'Västerby']);
    const söderby = groups[1].querySelectorAll('rect');
    expect(Number(söderby[1].getAttribute('width')) / Number(söderby[0].getAttribute('width'))).toBeCloseTo(1_800_000 / 2_958_505, 6);
    expect(söderby[1].textContent).toBe('Söderby: slutlig tilldelning 1 800 000 kr');
    // Written: the host got the plan and the chart spec
    expect(host.calls).toEqual(['readWorkbook', 'readWorkbook', 'writeRun']);
    expect(host.lastChart).toMatchObject({ sheet: 'Körlogg', sourceSheet: 'Förbund', idealColumn: 6, finalColumn: 10, count: 4 });
    expect(host.sheets.map((s) => s.name)).toEqual(['Parametrar', 'Förbund', 'Kommuner', 'Kommunbidrag', 'Körlogg']);
    expect(host.sheets[1].values[2][10]).toBe(1_800_000);
    expect(await axe(container, axeOptions)).toHaveNoViolations();

    // The table alternative of the chart
    fireEvent.click(within(summary).getByRole('button', { name: 'Visa som tabell' }));
    const table = within(summary).getByRole('table', { name: 'Idealfördelning och slutlig tilldelning per förbund' });
    expect(within(table).getByText('2 958 505')).toBeTruthy();
    expect(await axe(container, axeOptions)).toHaveNoViolations();
  });

  test('problems are listed, nothing is written, and a problem selects its cell', async () => {
    const sheets = workedExampleSheets();
    sheets[1].values[2][2] = 'ca 2 milj';
    sheets[2].values.push(['Okänt förbund', 'Xby', 100, 100]);
    const host = new FakeHost(sheets);
    const { container } = await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    const list = await screen.findByTestId('problem-list');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Förbund!C3: "ca 2 milj" är inget belopp',
      expect.stringMatching(/^Kommuner!A8: .*Okänt förbund/),
    ]);
    expect(screen.getByText('Arbetsboken har 2 fel.')).toBeTruthy();
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
    const list = await screen.findByTestId('problem-list');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([expect.stringMatching(/^Parametrar!A1: /), 'Förbund!C3: "ca 2 milj" är inget belopp']);
    expect(within(items[0]).queryByRole('button')).toBeNull();
    fireEvent.click(within(items[1]).getByRole('button'));
    await waitFor(() => expect(host.selection).toEqual({ sheet: 'Förbund', row: 2, column: 2 }));
  });

  test('while a run is under way the tabs are locked and no second request starts', async () => {
    const host = new FakeHost(workedExampleSheets());
    await renderApp(host);
    let open!: () => void;
    host.gate = new Promise<void>((resolve) => (open = resolve));
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    await screen.findAllByRole('progressbar', { hidden: false });
    for (const name of ['Parametrar', 'Förklara']) {
      const tab = screen.getByRole('tab', { name });
      expect(tab.hasAttribute('disabled') || tab.getAttribute('aria-disabled') === 'true').toBe(true);
      fireEvent.click(tab);
    }
    expect(screen.getByRole('tabpanel').id).toBe('panel-berakna');
    expect(host.calls).toEqual(['readWorkbook', 'readWorkbook']);
    await act(async () => open());
    await screen.findByTestId('summary');
    expect(host.calls).toEqual(['readWorkbook', 'readWorkbook', 'writeRun']);
    expect(enabled(screen.getByRole('tab', { name: 'Parametrar' }))).toBe(true);
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
    await screen.findByTestId('summary');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(enabled(screen.getByRole('button', { name: 'Beräkna' }))).toBe(true);
  });

  test('Ta bort resultat asks first, then removes only the run’s output', async () => {
    const host = new FakeHost(workedExampleSheets());
    await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    await screen.findByTestId('summary');
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
    await screen.findByText(/Resultatet är borttaget \(9 kolumner och bladen Kommunbidrag och Körlogg\)/);
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
