/** @jest-environment ./test/addin/jsdom-environment.js */
// The pane's Förklara view in jsdom with a fake host; no axe violations.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { axe } from 'jest-axe';
import { FakeHost } from './fake-host';
import { workedExampleSheets } from './fixtures';
import { axeOptions, enabled, renderApp, text } from './dom-setup';

describe('Förklara', () => {
  test('a federation picked in the list, or its row selected in the sheet, shows its chain in kronor', async () => {
    const host = new FakeHost(workedExampleSheets());
    const { container } = await renderApp(host, 'forklara');
    await waitFor(() => expect(enabled(screen.getByRole('combobox', { name: 'Förbund' }))).toBe(true));
    // Nothing is written by Förklara; it listens to the selection on Förbund
    await waitFor(() => expect(host.calls).toEqual(['readWorkbook', 'readWorkbook', 'watchSelection']));
    expect(await axe(container, axeOptions)).toHaveNoViolations();

    fireEvent.click(screen.getByRole('combobox', { name: 'Förbund' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Österby' }));
    const explanation = await screen.findByTestId('explanation');
    expect(text(explanation.querySelector('h2')!)).toContain('Beräkningen för Österby');
    // rows of the statement's sections: label (dt), value (dd); the answer first
    const section = (id: string) => explanation.querySelector(`dl[data-section="${id}"]`)!;
    const row = (id: string, label: string) =>
      within(section(id) as HTMLElement).getByText(label, { selector: 'dt' }).parentElement!;
    expect(text(row('ytterligare', 'Ytterligare medel'))).toContain('600 000 kr');
    expect(text(row('svar', 'Slutlig tilldelning'))).toContain('2 408 822 kr');
    expect(text(screen.getByTestId('answer'))).toContain('Österby får 2 408 822 kr i statlig tilldelning');
    expect(explanation.querySelectorAll('dl')[0].getAttribute('data-section')).toBe('svar');
    // Förklara computed from the workbook as read; the fake host's sheet has no run written yet
    expect(text(screen.getByTestId('sheet-not-written'))).toContain('Resultatet är inte skrivet på bladet Förbund ännu');
    expect(await axe(container, axeOptions)).toHaveNoViolations();

    // Söderby's row is row 3 (0-based 2) on Förbund
    host.active = { sheet: 'Förbund', row: 2, column: 4 };
    fireEvent.click(screen.getByRole('button', { name: 'Använd markerad rad' }));
    await waitFor(() =>
      expect(text(screen.getByTestId('explanation').querySelector('h2')!)).toContain('Beräkningen för Söderby'),
    );
    // a warning by its meaning and its text, never its code
    expect(within(screen.getByTestId('explanation')).getByText('Begränsad av matchningen')).toBeTruthy();
    expect(text(screen.getByTestId('explanation'))).not.toContain('MATCHNING');

    host.active = { sheet: 'Kommuner', row: 1, column: 0 };
    fireEvent.click(screen.getByRole('button', { name: 'Använd markerad rad' }));
    expect(await screen.findByText(/Markera en cell på en förbundsrad/)).toBeTruthy();
  });

  test('the view follows the selection on Förbund, and stops listening when it is left', async () => {
    const host = new FakeHost(workedExampleSheets());
    await renderApp(host, 'forklara');
    await waitFor(() => expect(host.watchers.map((w) => w.sheet)).toEqual(['Förbund']));
    const heading = () => text(screen.getByTestId('explanation').querySelector('h2')!);
    // A person clicks a cell on Västerby's row (0-based row 4), then on Norrby's (row 1)
    act(() => host.userSelects({ sheet: 'Förbund', row: 4, column: 7 }));
    await waitFor(() => expect(heading()).toContain('Beräkningen för Västerby'));
    expect((screen.getByRole('combobox', { name: 'Förbund' }) as HTMLInputElement).value).toBe('Västerby');
    act(() => host.userSelects({ sheet: 'Förbund', row: 1, column: 0 }));
    await waitFor(() => expect(heading()).toContain('Beräkningen för Norrby'));
    // The header row and a row below the table are not federations: the explanation stays
    act(() => host.userSelects({ sheet: 'Förbund', row: 0, column: 0 }));
    act(() => host.userSelects({ sheet: 'Förbund', row: 40, column: 0 }));
    expect(heading()).toContain('Beräkningen för Norrby');
    expect(screen.queryByText(/Markera en cell på en förbundsrad/)).toBeNull();

    fireEvent.click(screen.getByRole('tab', { name: 'Beräkna' }));
    await waitFor(() => expect(host.watchers).toEqual([]));
    expect(host.calls.filter((c) => c.endsWith('watchSelection'))).toEqual(['watchSelection', 'unwatchSelection']);
  });

  test('with problems in the workbook the picker says what to do, not that it is reading', async () => {
    const sheets = workedExampleSheets();
    sheets[0].values[1][1] = 'nio miljoner';
    const host = new FakeHost(sheets);
    await renderApp(host, 'forklara');
    expect(text(await screen.findByText(/Arbetsboken har 1 fel/))).toContain('Se Beräkna för listan');
    const combo = screen.getByRole('combobox', { name: 'Förbund' }) as HTMLInputElement;
    expect(combo.placeholder).toBe('Rätta felen först');
    expect(host.watchers).toEqual([]);
  });
});
