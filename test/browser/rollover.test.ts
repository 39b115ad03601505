// Next year's workbook from the pane (round.md §8) in headless Chromium with the simulated Excel host: the
// year set in Omgång → Nästa år, the download intercepted, and the file equal, cell for cell, to what
// `finsam rollover` writes for the same workbook; the open workbook is not changed. And Omgång/Beslut set
// in the Parametrar form (round.md §7): checked by the reader's rules, saved, and a later round run from them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { formatKronor } from '../../src/workbook';
import type { SheetValues } from '../../src/workbook/types';
import { finsam } from '../cli/helpers';
import {
  calculate,
  EXAMPLE,
  openPane,
  type PaneBrowser,
  type PaneServer,
  screenshot,
  simSheets,
  startPaneBrowser,
  stopPaneBrowser,
  trimValues,
  waitIdle,
  xlsxSheets,
} from './helpers';
import { areaSheet, federationSheet, LABEL, laterRoundSheets, parameters } from '../fixtures/later-round-sheets';

jest.setTimeout(240_000);

let server: PaneServer;
let browser: PaneBrowser;
let dir: string;

beforeAll(async () => {
  ({ server, browser } = await startPaneBrowser());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-pane-rollover-'));
});

afterAll(async () => {
  await stopPaneBrowser(browser, server);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const dump = simSheets;
const errorsOf = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? [];

/** No task running (the progress label under the tabs is gone), on any tab. */
async function noTask(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[role=status]'));
}

/** The year typed into a Fluent SpinButton and committed (Enter). */
async function typeYear(page: Page, testId: string, year: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(year);
  await input.press('Enter');
}

/** A Parametrar row's Värde by its label (column A / B of the fixture's sheet). */
function parameterValue(sheets: SheetValues[], label: string): unknown {
  const p = sheets.find((s) => s.name === 'Parametrar')!;
  return p.values.find((r) => r[0] === label)?.[1];
}

describe('Nästa år in the pane', () => {
  test('the downloaded workbook equals `finsam rollover` cell for cell; the open workbook is unchanged', async () => {
    const example = await xlsxSheets(EXAMPLE);
    const page = await openPane(browser.context, server.url, { sheets: example });
    try {
      await waitIdle(page);
      const before = await dump(page);
      await page.getByRole('tab', { name: 'Omgång' }).click();
      const yearField = page.getByTestId('rollover-year');
      await yearField.waitFor();
      const thisYear = Number(parameterValue(example, 'År'));
      // the default is År + 1
      expect(await yearField.inputValue()).toBe(String(thisYear + 1));
      await typeYear(page, 'rollover-year', '2031');
      await page.getByRole('button', { name: 'Gör nästa års arbetsbok' }).click();
      const offered = page.getByTestId('rollover-file');
      await offered.waitFor({ timeout: 60_000 });
      await noTask(page);
      expect(await offered.textContent()).toContain('Arbetsboken för 2031 är klar att spara');
      const [download] = await Promise.all([page.waitForEvent('download'), offered.getByRole('link').click()]);
      expect(download.suggestedFilename()).toBe('Medelstilldelning 2031.xlsx');
      const saved = path.join(dir, 'pane.xlsx');
      await download.saveAs(saved);

      const cliFile = path.join(dir, 'cli.xlsx');
      const cli = await finsam('rollover', EXAMPLE, '--out', cliFile, '--ar', '2031', '--quiet');
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      const got = await xlsxSheets(saved);
      const want = await xlsxSheets(cliFile);
      expect(got.map((s) => s.name)).toEqual(want.map((s) => s.name));
      for (const sheet of want) {
        expect({ name: sheet.name, values: trimValues(got.find((s) => s.name === sheet.name)!.values) }).toEqual({
          name: sheet.name,
          values: trimValues(sheet.values),
        });
      }
      // the rollover's own cells, as numbers: År, Statlig ram blank, the previous allocation carried
      expect(parameterValue(got, 'År')).toBe(2031);
      expect(parameterValue(got, 'Statlig ram (kr)') ?? '').toBe('');
      // nothing of the open workbook changed
      expect((await dump(page)).map((s) => ({ name: s.name, values: trimValues(s.values) }))).toEqual(
        before.map((s) => ({ name: s.name, values: trimValues(s.values) })),
      );
      await page.setViewportSize({ width: 320, height: 900 });
      await screenshot(page, 'rollover-320.png');
      await page.setViewportSize({ width: 380, height: 900 });
      expect(errorsOf(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('after Fastställ: the decided workbook rolled over as `finsam decide` + `finsam rollover` give it', async () => {
    const page = await openPane(browser.context, server.url, { sheets: await xlsxSheets(EXAMPLE) });
    try {
      await waitIdle(page);
      await page.getByTestId('decide-open').click();
      await page.getByTestId('decide-date').fill('2026-11-07');
      await page.getByTestId('decide-label').fill(LABEL);
      await page.getByTestId('decide-preview-button').click();
      await page.getByTestId('decide-confirm').click();
      await page.getByTestId('summary').waitFor();
      await waitIdle(page);
      const decided = await dump(page);
      expect(decided.some((s) => s.name === 'Beslut')).toBe(true);
      await page.getByRole('tab', { name: 'Omgång' }).click();
      await page.getByRole('button', { name: 'Gör nästa års arbetsbok' }).click();
      const offered = page.getByTestId('rollover-file');
      await offered.waitFor({ timeout: 60_000 });
      await noTask(page);
      expect(await offered.textContent()).toContain(LABEL);
      const [download] = await Promise.all([page.waitForEvent('download'), offered.getByRole('link').click()]);
      const saved = path.join(dir, 'pane-decided.xlsx');
      await download.saveAs(saved);

      const decidedFile = path.join(dir, 'cli-decided.xlsx');
      const cliFile = path.join(dir, 'cli-decided-next.xlsx');
      expect(
        (await finsam('decide', EXAMPLE, '--out', decidedFile, '--beslut', LABEL, '--datum', '2026-11-07', '--quiet')).code,
      ).toBe(0);
      expect((await finsam('rollover', decidedFile, '--out', cliFile, '--quiet')).code).toBe(0);
      const got = await xlsxSheets(saved);
      const want = await xlsxSheets(cliFile);
      // Beslut, Kommunbidrag, Körlogg and the run's columns are gone in both
      expect(got.map((s) => s.name)).toEqual(want.map((s) => s.name));
      expect(got.some((s) => s.name === 'Beslut')).toBe(false);
      for (const sheet of want) {
        expect({ name: sheet.name, values: trimValues(got.find((s) => s.name === sheet.name)!.values) }).toEqual({
          name: sheet.name,
          values: trimValues(sheet.values),
        });
      }
      // the open workbook keeps its decision
      expect((await dump(page)).find((s) => s.name === 'Beslut')).toEqual(decided.find((s) => s.name === 'Beslut'));
      expect(errorsOf(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('a workbook with problems: the problems listed with their cells, no file offered', async () => {
    const sheets = [parameters([]), federationSheet(false), areaSheet()];
    sheets[0].values[2][1] = 'tio miljoner'; // Statlig ram unreadable: this year's Slutlig cannot be computed
    const page = await openPane(browser.context, server.url, { sheets });
    try {
      await waitIdle(page);
      await page.getByRole('tab', { name: 'Omgång' }).click();
      expect(await page.getByTestId('rollover-year').inputValue()).toBe('2028');
      await page.getByRole('button', { name: 'Gör nästa års arbetsbok' }).click();
      const problems = page.getByTestId('problem-list');
      await problems.waitFor();
      await noTask(page);
      expect(await problems.getByTestId('problem').count()).toBe(1);
      expect(await problems.getByRole('button', { name: /^Gå till Parametrar!B3: / }).count()).toBe(1);
      expect(await page.getByTestId('rollover-file').count()).toBe(0);
      expect(errorsOf(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('Omgång and Beslut in the Parametrar form', () => {
  test('chosen in the form, checked, saved to Parametrar, and the later round run from them', async () => {
    const page = await openPane(browser.context, server.url, { sheets: laterRoundSheets([]) });
    try {
      await waitIdle(page);
      await page.getByRole('tab', { name: 'Parametrar' }).click();
      const round = page.getByTestId('parameter-round');
      await round.waitFor();
      await round.click();
      await page.getByRole('option', { name: 'Ytterligare medel' }).click();
      const decision = page.getByTestId('parameter-decision');
      await decision.click();
      // the decisions recorded on Beslut, and blank: the latest
      expect(await page.getByRole('option').allTextContents()).toEqual(['Det senaste beslutet', LABEL]);
      await page.getByRole('option', { name: LABEL }).click();
      expect(await page.getByTestId('unsaved').textContent()).toContain('2 ändringar är inte sparade.');
      await page.setViewportSize({ width: 320, height: 900 });
      await round.scrollIntoViewIfNeeded();
      await screenshot(page, 'parameters-round-320.png', false);
      await page.setViewportSize({ width: 380, height: 900 });
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.getByText(/Parametrarna är sparade \(2 värden\)/).waitFor();
      const saved = await dump(page);
      expect(parameterValue(saved, 'Omgång')).toBe('Ytterligare medel');
      expect(parameterValue(saved, 'Beslut')).toBe(LABEL);

      await page.getByRole('tab', { name: 'Beräkna' }).click();
      await waitIdle(page);
      await calculate(page);
      expect(await page.getByTestId('summary-Scenario').textContent()).toBe(`Ytterligare medel efter ${LABEL}`);
      expect(await page.getByTestId('later-Pott S').textContent()).toBe(formatKronor(500_000));
      expect(await page.getByTestId('later-Beviljat').textContent()).toBe(formatKronor(500_000));
      expect(errorsOf(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('Ytterligare medel without a decision: the reader’s message at the field, nothing saved', async () => {
    const page = await openPane(browser.context, server.url, { sheets: [parameters([]), federationSheet(true), areaSheet()] });
    try {
      await waitIdle(page);
      const before = await dump(page);
      await page.getByRole('tab', { name: 'Parametrar' }).click();
      await page.getByTestId('parameter-round').click();
      await page.getByRole('option', { name: 'Ytterligare medel' }).click();
      // no decision recorded: Beslut is a text field
      expect(await page.locator('#parameter-decision').evaluate((e) => e.tagName)).toBe('INPUT');
      await page.getByText(/Omgång är Ytterligare medel men det finns inget beslut på bladet Beslut/).waitFor();
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.getByTestId('save-errors').waitFor();
      expect(await page.getByTestId('save-errors').textContent()).toBe('Rätta felet ovan innan du sparar.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('parameter-round');
      expect((await dump(page)).map((s) => trimValues(s.values))).toEqual(before.map((s) => trimValues(s.values)));
      expect(errorsOf(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
