/** @jest-environment ./test/addin/jsdom-environment.js */
// The pane's Parametrar view in jsdom with a fake host; no axe violations.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { axe } from 'jest-axe';
import { parseDraft, validateDrafts } from '../../src/taskpane/parameter-drafts';
import { FakeHost } from './fake-host';
import { workedExampleSheets } from './fixtures';
import { axeOptions, enabled, renderApp, text } from './dom-setup';

describe('Parametrar', () => {
  test('shows the sheet’s values, validates edits and writes only the changed cell', async () => {
    const host = new FakeHost(workedExampleSheets());
    const { container } = await renderApp(host, 'parametrar');
    const budget = await screen.findByRole('textbox', { name: /Statlig ram \(kr\)/ });
    expect((budget as HTMLInputElement).value).toBe('9 000 000');
    expect((screen.getByRole('textbox', { name: /Vikt försörjningsmått/ }) as HTMLInputElement).value).toBe('');
    expect(await axe(container, axeOptions)).toHaveNoViolations();
    const save = screen.getByRole('button', { name: 'Spara' });
    expect(enabled(save)).toBe(false);

    fireEvent.change(budget, { target: { value: 'nio miljoner' } });
    expect(await screen.findByText('"nio miljoner" är inget belopp')).toBeTruthy();
    expect(await axe(container, axeOptions)).toHaveNoViolations();
    // Spara with a field in error: nothing is written, focus goes to that field, and the buttons say why
    (screen.getByRole('textbox', { name: /Grundtilldelning/ }) as HTMLInputElement).focus();
    fireEvent.click(save);
    expect(text(await screen.findByTestId('save-errors'))).toBe('Rätta felet ovan innan du sparar.');
    expect(document.activeElement).toBe(budget);
    expect(host.calls).not.toContain('writeBlocks');

    fireEvent.change(screen.getByRole('textbox', { name: /Vikt försörjningsmått/ }), { target: { value: '80' } });
    expect(
      await screen.findByText(
        /Vikterna för försörjningsmått \(80 %\) och invånare 16–64 \(25 %\) summerar till 105 %, inte 100 %/,
      ),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Vikt försörjningsmått/ }), { target: { value: '' } });

    fireEvent.change(budget, { target: { value: '10 500 000' } });
    expect(enabled(save)).toBe(true);
    fireEvent.click(save);
    await screen.findByText('Parametrarna är sparade (1 värde).');
    expect(screen.queryByTestId('save-errors')).toBeNull();
    // Nothing left to save: the button is inactive but keeps focus (disabledFocusable)
    expect(enabled(save)).toBe(false);
    expect(save.getAttribute('aria-disabled')).toBe('true');
    expect(host.writtenBlocks).toEqual([
      { sheet: 'Parametrar', row: 1, column: 1, values: [[10_500_000]], numberFormats: [[expect.any(String)]] },
    ]);
    expect(host.sheets[0].values[1]).toEqual(['Statlig ram (kr)', 10_500_000]);
  });

  test('parseDraft and validateDrafts read Swedish notation', () => {
    expect(parseDraft('money', '1 234 567')).toEqual({ ok: true, value: 1_234_567 });
    expect(parseDraft('money', '5 tkr')).toEqual({ ok: true, value: 5000 });
    expect(parseDraft('share', '12,5')).toEqual({ ok: true, value: 0.125 });
    expect(parseDraft('share', '75 %')).toEqual({ ok: true, value: 0.75 });
    expect(parseDraft('share', '150')).toMatchObject({ ok: false });
    expect(parseDraft('year', '2026')).toEqual({ ok: true, value: 2026 });
    expect(parseDraft('money', '')).toEqual({ ok: true, value: null });
    expect(validateDrafts({ budget: '' })).toEqual({ budget: 'Statlig ram (kr) saknar värde' });
    expect(validateDrafts({ budget: '1', weightSupportMeasure: '70', weightPopulation: '30' })).toEqual({});
    expect(validateDrafts({ budget: '1', trappanLimit1: '8 000 000', trappanLimit2: '7 000 000' })).toEqual({
      trappanLimit2: 'Trappan gräns 1 (8 000 000 kr) får inte vara större än gräns 2 (7 000 000 kr)',
    });
  });

  test('unsaved edits survive a change of view and a fresh read of the sheet; Ångra goes back to the sheet', async () => {
    const host = new FakeHost(workedExampleSheets());
    await renderApp(host, 'parametrar');
    const budget = () => screen.getByRole('textbox', { name: /Statlig ram \(kr\)/ }) as HTMLInputElement;
    await screen.findByRole('textbox', { name: /Statlig ram \(kr\)/ });
    fireEvent.change(budget(), { target: { value: '12 345 678' } });
    expect(text(screen.getByTestId('unsaved'))).toContain('1 ändring är inte sparad.');

    // To Beräkna: the edit is not lost, and Beräkna says that it is not saved
    fireEvent.click(screen.getByRole('tab', { name: 'Beräkna' }));
    expect(text(await screen.findByTestId('unsaved-parameters'))).toContain('En ändring under Parametrar är inte sparad');
    // Its button leads back to the edit
    fireEvent.click(within(screen.getByTestId('unsaved-parameters')).getByRole('button', { name: 'Gå till Parametrar' }));
    expect(screen.getByRole('tabpanel').id).toBe('panel-parametrar');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Parametrar' }));
    expect(budget().value).toBe('12 345 678');
    fireEvent.click(screen.getByRole('tab', { name: 'Beräkna' }));
    await screen.findByTestId('unsaved-parameters');
    // Meanwhile someone changes the sheet in Excel: another parameter gets a value
    host.sheets[0].values.push(['Grundtilldelning (kr)', 500_000]);

    // Back to Parametrar (the view reads the sheet again): the draft is still there, over the new values
    fireEvent.click(screen.getByRole('tab', { name: 'Parametrar' }));
    await waitFor(() => expect(host.calls.filter((c) => c === 'readWorkbook').length).toBeGreaterThanOrEqual(2));
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: /Grundtilldelning/ }) as HTMLInputElement).value).toBe('500 000'),
    );
    expect(budget().value).toBe('12 345 678');
    expect(enabled(screen.getByRole('button', { name: 'Spara' }))).toBe(true);

    // Ångra ändringar: back to the sheet's value, nothing unsaved any more
    fireEvent.click(screen.getByRole('button', { name: 'Ångra ändringar' }));
    expect(budget().value).toBe('9 000 000');
    expect(screen.queryByTestId('unsaved')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Beräkna' }));
    await screen.findByRole('button', { name: 'Beräkna' });
    expect(screen.queryByTestId('unsaved-parameters')).toBeNull();
    expect(host.calls).not.toContain('writeBlocks');
  });

  test('after saving, the summary of the earlier run is marked out of date until the next run', async () => {
    const host = new FakeHost(workedExampleSheets());
    const { container } = await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    const summary = await screen.findByTestId('summary');
    expect(text(within(summary).getByTestId('summary-Statlig ram'))).toContain('9 000 000 kr');
    expect(screen.queryByTestId('stale')).toBeNull();

    fireEvent.click(screen.getByRole('tab', { name: 'Parametrar' }));
    const budget = await screen.findByRole('textbox', { name: /Statlig ram \(kr\)/ });
    fireEvent.change(budget, { target: { value: '10 000 000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByText('Parametrarna är sparade (1 värde).');

    fireEvent.click(screen.getByRole('tab', { name: 'Beräkna' }));
    const stale = await screen.findByTestId('stale');
    expect(text(stale)).toContain('Beräknat före ändringen – beräkna igen');
    expect(screen.queryByText('Resultatet är skrivet på bladen Förbund, Kommunbidrag, Underlag och Körlogg.')).toBeNull();
    expect(await axe(container, axeOptions)).toHaveNoViolations();

    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    await waitFor(() => expect(screen.queryByTestId('stale')).toBeNull());
    expect(text(within(await screen.findByTestId('summary')).getByTestId('summary-Statlig ram'))).toContain('10 000 000 kr');
  });

  test('after saving, a problem list of the earlier values is taken away', async () => {
    const sheets = workedExampleSheets();
    sheets[0].values[1][1] = 'nio miljoner';
    const host = new FakeHost(sheets);
    await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Beräkna' }));
    await screen.findByTestId('problem-list');
    fireEvent.click(screen.getByRole('tab', { name: 'Parametrar' }));
    fireEvent.change(await screen.findByRole('textbox', { name: /Statlig ram \(kr\)/ }), { target: { value: '9 000 000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByText('Parametrarna är sparade (1 värde).');
    fireEvent.click(screen.getByRole('tab', { name: 'Beräkna' }));
    await screen.findByRole('button', { name: 'Beräkna' });
    expect(screen.queryByTestId('problem-list')).toBeNull();
  });

  test('without a Parametrar sheet: a message with the template action, no fields', async () => {
    const host = new FakeHost(workedExampleSheets().filter((s) => s.name !== 'Parametrar'));
    const { container } = await renderApp(host, 'parametrar');
    const bar = await screen.findByText('Bladet Parametrar saknas – lägg in mallbladen.');
    expect(bar).toBeTruthy();
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryAllByRole('spinbutton')).toHaveLength(0);
    expect(screen.queryByText(/saknar värde/)).toBeNull();
    expect(screen.queryByText(/Parametrar!B/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Spara' })).toBeNull();
    // the general banner is not shown twice
    expect(screen.queryByText(/Arbetsboken saknar/)).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Lägg in mallbladen' })).toHaveLength(1);
    expect(await axe(container, axeOptions)).toHaveNoViolations();

    fireEvent.click(screen.getByRole('button', { name: 'Lägg in mallbladen' }));
    const budget = await screen.findByRole('textbox', { name: /Statlig ram \(kr\)/ });
    expect((budget as HTMLInputElement).value).toBe('');
    expect(host.sheets.map((s) => s.name)).toEqual(['Förbund', 'Kommuner', 'Instruktioner', 'Parametrar']);
    // A confirmation, focused, says what was added and what to do next
    const notice = await screen.findByTestId('notice');
    expect(text(notice)).toBe(
      'Bladen Instruktioner och Parametrar är inlagda. Fyll i Statlig ram på Parametrar och förbunden och kommunerna, och välj sedan Beräkna.',
    );
    expect(document.activeElement).toBe(notice);
    // the other views still offer the template for what is missing (nothing now)
    fireEvent.click(screen.getByRole('tab', { name: 'Beräkna' }));
    await screen.findByRole('button', { name: 'Beräkna' });
    expect(screen.queryByText(/Arbetsboken saknar/)).toBeNull();
  });
});
