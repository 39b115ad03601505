/** @jest-environment jsdom */
// The pane's Parametrar view in jsdom with a fake host; no axe violations.
import * as React from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { axe } from 'jest-axe';
import { parseDraft, validateDrafts } from '../../src/taskpane/ParametersView';
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
    const save = screen.getByRole('button', { name: 'Spara parametrarna' });
    expect(enabled(save)).toBe(false);

    fireEvent.change(budget, { target: { value: 'nio miljoner' } });
    expect(await screen.findByText('"nio miljoner" är inget belopp')).toBeTruthy();
    expect(enabled(save)).toBe(false);
    expect(await axe(container, axeOptions)).toHaveNoViolations();

    fireEvent.change(screen.getByRole('textbox', { name: /Vikt försörjningsmått/ }), { target: { value: '80' } });
    expect(await screen.findByText(/Vikterna ska tillsammans bli 100 %/)).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Vikt försörjningsmått/ }), { target: { value: '' } });

    fireEvent.change(budget, { target: { value: '10 500 000' } });
    expect(enabled(save)).toBe(true);
    fireEvent.click(save);
    await screen.findByText('Parametrarna är sparade (1 värde).');
    expect(host.writtenBlocks).toEqual([{ sheet: 'Parametrar', row: 1, column: 1, values: [[10_500_000]], numberFormats: [[expect.any(String)]] }]);
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
    expect(validateDrafts({ budget: '' })).toEqual({ budget: 'Statlig ram (kr) måste fyllas i' });
    expect(validateDrafts({ budget: '1', weightSupportMeasure: '70', weightPopulation: '30' })).toEqual({});
    expect(validateDrafts({ budget: '1', trappanLimit1: '8 000 000', trappanLimit2: '7 000 000' })).toEqual({
      trappanLimit2: 'Gräns 2 får inte vara lägre än gräns 1',
    });
  });
});
