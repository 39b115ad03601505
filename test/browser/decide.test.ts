// The pane's Fastställ and a later round in headless Chromium with the simulated Excel host (issue 11):
// the dialog asks for the label and the date and shows what will be recorded, the Beslut sheet is written
// (its header with the date chosen), a later round is run, and the summary shows the pot, the
// applications, the grants and the changes.
import type { Page } from 'playwright-core';
import { formatKronor } from '../../src/workbook';
import {
  calculate,
  openPane,
  type PaneBrowser,
  type PaneServer,
  screenshot,
  simSheets,
  startPaneBrowser,
  stopPaneBrowser,
  waitIdle,
} from './helpers';
import { areaSheet, DECIDED, federationSheet, LABEL, laterRoundSheets, parameters } from '../fixtures/later-round-sheets';

jest.setTimeout(240_000);

let server: PaneServer;
let browser: PaneBrowser;

beforeAll(async () => {
  ({ server, browser } = await startPaneBrowser());
});

afterAll(async () => {
  await stopPaneBrowser(browser, server);
});

const dump = simSheets;

describe('Fastställ', () => {
  test('asks for the label, shows what will be recorded, writes Beslut and the run on confirmation', async () => {
    const page = await openPane(browser.context, server.url, { sheets: [parameters([]), federationSheet(false), areaSheet()] });
    try {
      await waitIdle(page);
      await page.getByTestId('decide-open').click();
      const input = page.getByTestId('decide-label');
      await input.waitFor();
      expect(await input.inputValue()).toMatch(/^Beslut \d{4}-\d{2}-\d{2}$/);
      await input.fill(LABEL);
      await page.getByTestId('decide-preview-button').click();
      await page.getByTestId('decide-preview').waitFor();
      // nothing is written before the confirmation
      expect((await dump(page)).some((s) => s.name === 'Beslut')).toBe(false);
      expect(await page.getByTestId('decide-Förbund').textContent()).toBe('8');
      expect(await page.getByTestId('decide-Statlig ram').textContent()).toBe(formatKronor(10_000_000));
      await screenshot(page, 'decide-dialog.png');
      await page.getByTestId('decide-confirm').click();
      await page.getByTestId('summary').waitFor();
      await waitIdle(page);
      expect(await page.getByTestId('notice').textContent()).toContain(`Beslutet ${LABEL} är fastställt`);
      expect(await page.getByTestId('decision-changes').textContent()).toContain(`Ingen ändring mot ${LABEL}.`);
      const sheets = await dump(page);
      const beslut = sheets.find((s) => s.name === 'Beslut')!;
      expect(beslut.values[5].slice(0, 3)).toEqual(['Förbund', 'VO', LABEL]);
      const forbund = sheets.find((s) => s.name === 'Förbund')!;
      const finalCol = forbund.values[0].indexOf('Slutlig tilldelning (kr)');
      const changeCol = forbund.values[0].indexOf('Ändring mot beslut (kr)');
      expect(beslut.values.slice(6, 14).map((r) => r[2])).toEqual(forbund.values.slice(1, 9).map((r) => r[finalCol]));
      expect(forbund.values.slice(1, 9).map((r) => r[changeCol])).toEqual(new Array(8).fill(0));
      await screenshot(page, 'decide-recorded.png');

      // The same label again: refused in the dialog, nothing written
      await page.getByTestId('decide-open').click();
      await page.getByTestId('decide-label').fill(LABEL);
      await page.getByTestId('decide-preview-button').click();
      await page.getByTestId('decide-problems').waitFor();
      expect(await page.getByTestId('decide-problems').textContent()).toContain('Beslut!C6');
      expect(await page.getByTestId('decide-confirm').count()).toBe(0);
      expect((await dump(page)).find((s) => s.name === 'Beslut')).toEqual(beslut);
      expect((page as Page & { errors?: string[] }).errors ?? []).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('Fastställ with a chosen date', () => {
  test('the date field (today by default) is checked as --datum and written in the decision’s header', async () => {
    const page = await openPane(browser.context, server.url, { sheets: [parameters([]), federationSheet(false), areaSheet()] });
    try {
      await waitIdle(page);
      await page.getByTestId('decide-open').click();
      const date = page.getByTestId('decide-date');
      await date.waitFor();
      const today = await date.inputValue();
      expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await page.getByTestId('decide-label').inputValue()).toBe(`Beslut ${today}`);
      // not a date: the rule of --datum, at the field; nothing can be previewed
      await date.fill('2026-02-30');
      await page.getByText('Beslutsdatum "2026-02-30" är inget datum på formen ÅÅÅÅ-MM-DD').waitFor();
      expect(await page.getByTestId('decide-preview-button').getAttribute('aria-disabled')).toBe('true');
      await date.fill('2026-11-07');
      // the proposed label follows the date
      expect(await page.getByTestId('decide-label').inputValue()).toBe(LABEL);
      await page.getByTestId('decide-preview-button').click();
      await page.getByTestId('decide-preview').waitFor();
      expect(await page.getByTestId('decide-Datum').textContent()).toBe('2026-11-07');
      await page.setViewportSize({ width: 320, height: 900 });
      await screenshot(page, 'decide-date-320.png');
      await page.setViewportSize({ width: 380, height: 900 });
      await page.getByTestId('decide-confirm').click();
      await page.getByTestId('summary').waitFor();
      await waitIdle(page);
      const beslut = (await dump(page)).find((s) => s.name === 'Beslut')!;
      expect(beslut.values[0].slice(0, 3)).toEqual(['Datum', '', '2026-11-07']);
      expect(beslut.values[5][2]).toBe(LABEL);
      expect((page as Page & { errors?: string[] }).errors ?? []).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('a later round in the pane', () => {
  test('Beräkna with Omgång = Ytterligare medel: the pot, the applications, the grants and the changes', async () => {
    const page = await openPane(browser.context, server.url, { sheets: laterRoundSheets() });
    try {
      await waitIdle(page);
      await calculate(page);
      expect(await page.getByTestId('summary-Scenario').textContent()).toBe(`Ytterligare medel efter ${LABEL}`);
      expect(await page.getByTestId('later-Pott S').textContent()).toBe(formatKronor(500_000));
      expect(await page.getByTestId('later-Beslutat').textContent()).toBe(formatKronor(9_950_000));
      expect(await page.getByTestId('later-Återlämnat').textContent()).toBe(formatKronor(450_000));
      expect(await page.getByTestId('later-Ansökningar').textContent()).toBe('5');
      expect(await page.getByTestId('later-Beviljat').textContent()).toBe(formatKronor(500_000));
      const grants = await page.getByTestId('later-grants').locator('tbody tr').allTextContents();
      expect(grants).toEqual([
        `Centby${formatKronor(200_000)}${formatKronor(200_000)}`,
        `Dalby${formatKronor(180_000)}${formatKronor(180_000)}`,
        `Ekby${formatKronor(150_000)}${formatKronor(100_000)}`,
        `Forsby${formatKronor(120_000)}${formatKronor(11_429)}`,
        `Gärdeby${formatKronor(90_000)}${formatKronor(8_571)}`,
      ]);
      expect(await page.getByTestId('decision-change').count()).toBe(7);
      const forbund = (await dump(page)).find((s) => s.name === 'Förbund')!;
      const decidedCol = forbund.values[0].indexOf('Beslutat (kr)');
      expect(forbund.values.slice(1, 9).map((r) => r[decidedCol])).toEqual(DECIDED);
      await screenshot(page, 'later-round-summary.png');
      expect((page as Page & { errors?: string[] }).errors ?? []).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
