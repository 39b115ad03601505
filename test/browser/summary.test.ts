// Issue 14 in the production pane (headless Chromium, simulated Excel host, the bundled example): the
// summary's money flows and totals per VO, warnings that lead to their federations' rows, the federation
// table sorted and grouped by VO, the problems with federation, column and "menade du", the pane at
// 320 and 450 px (title and tabs on one line, no word broken), and the summary going stale after an
// edit of an input cell but not after the run's own writes. Screenshots in test-results/.
import type { Page } from 'playwright-core';
import { isActionWarning } from '../../src/engine';
import { formatKronor, formatNumber, formatShare, runAllocation } from '../../src/workbook';
import type { FederationSummary, SheetValues } from '../../src/workbook/types';
import { keepNumbersTogether, signedKronor } from '../../src/taskpane/texts';
import {
  axeViolations,
  brokenWords,
  calculate,
  childRows,
  DARK_THEME,
  EXAMPLE,
  openPane,
  type PaneBrowser,
  type PaneServer,
  screenshot,
  startPaneBrowser,
  stopPaneBrowser,
  textLines,
  xlsxSheets,
} from './helpers';
import type { SimInit } from './helpers';

jest.setTimeout(240_000);

let server: PaneServer;
let browser: PaneBrowser;
let example: SheetValues[];

beforeAll(async () => {
  ({ server, browser } = await startPaneBrowser());
  example = await xlsxSheets(EXAMPLE);
});

afterAll(async () => {
  await stopPaneBrowser(browser, server);
});

type Sim = {
  selection: { sheet: string; row: number; column: number };
  changeHandlers: unknown[];
  changeEvents: { sheet: string; address: string; triggerSource?: string }[];
  userEdits(sheet: string, row: number, column: number, value: unknown): void;
};
const sim = <T>(page: Page, fn: (s: Sim) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__sim)`) as Promise<T>;
const edit = (page: Page, sheet: string, row: number, column: number, value: unknown) =>
  page.evaluate(
    ([s, r, c, v]) => (window as unknown as { __sim: Sim }).__sim.userEdits(s as string, r as number, c as number, v as unknown),
    [sheet, row, column, value] as const,
  );

async function open(init: SimInit, width = 320): Promise<Page> {
  const page = await openPane(browser.context, server.url, init);
  await page.setViewportSize({ width, height: 900 });
  await page.getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
  await page.waitForFunction(() => {
    const b = Array.from(document.querySelectorAll('button')).find((x) => x.textContent === 'Beräkna');
    return b !== undefined && !b.disabled && !document.querySelector('[role=status]');
  });
  return page;
}

/** The pane's layout at its width: the title and the tab list on one line each, no word broken, nothing sideways. */
async function expectTidyLayout(page: Page, where: string): Promise<void> {
  expect({ where, title: await textLines(page, 'h1') }).toEqual({ where, title: 1 });
  const tabs = await childRows(page, '[role=tablist]');
  const detail =
    tabs === 1
      ? ''
      : await page.locator('[role=tablist]').evaluate((el) =>
          Array.from(el.children)
            .map((c) => `${c.tagName}:${c.textContent}@${JSON.stringify(c.getBoundingClientRect())}`)
            .join('\n'),
        );
  expect({ where, tabs, detail }).toEqual({ where, tabs: 1, detail: '' });
  expect({ where, broken: await brokenWords(page) }).toEqual({ where, broken: [] });
  expect({
    where,
    sideways: await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      // the outermost elements reaching past the pane's right edge
      return Array.from(document.querySelectorAll('body *'))
        .filter(
          (e) =>
            e.getBoundingClientRect().right > width + 0.5 &&
            !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 0.5),
        )
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') ?? e.className}] ${Math.round(e.getBoundingClientRect().right)}`,
        )
        .slice(0, 5);
    }),
  }).toEqual({ where, sideways: [] });
}

function expectNoViolations(violations: { id: string; impact: string; nodes: string[] }[], view: string): void {
  if (violations.length > 0)
    throw new Error(`axe: ${view}\n${violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`).join('\n')}`);
}

function exampleRun() {
  const run = runAllocation(example);
  if (!run.ok) throw new Error('the example should have no problems');
  return run;
}

/** The names shown in the federation table, in order, with their change as shown. */
async function tableRows(page: Page): Promise<{ name: string; change: string; vo?: string }[]> {
  return page.getByTestId('federation-table').evaluate((table) => {
    const out: { name: string; change: string; vo?: string }[] = [];
    let vo: string | undefined;
    for (const row of Array.from(table.querySelectorAll('[data-testid=vo-group], [data-testid=federation-row]'))) {
      if (row.getAttribute('data-testid') === 'vo-group') vo = row.getAttribute('data-vo') ?? '';
      else
        out.push({
          name: row.getAttribute('data-federation') ?? '',
          change: row.querySelector('[data-testid=change-kr]')?.textContent ?? '',
          ...(vo !== undefined ? { vo } : {}),
        });
    }
    return out;
  });
}

describe.each([
  ['ljus', undefined],
  ['mörk', DARK_THEME],
] as const)('the summary, %s theme', (themeName, theme) => {
  test.each([320, 450])('at %i px: money flows, VO totals, warnings, federation table; tidy; accessible', async (width) => {
    const run = exampleRun();
    const s = run.plan.summary;
    const page = await open({ sheets: example, ...(theme ? { theme } : {}) }, width);
    try {
      await calculate(page);
      const summary = page.getByTestId('summary');
      const cell = (id: string) => summary.getByTestId(`summary-${id}`).textContent();
      const kr = (n: number) => keepNumbersTogether(formatKronor(n));
      // The money flows as the run summary has them, in kronor
      expect(await cell('Statlig ram')).toBe(kr(s.flows.budget));
      expect(await cell('Idealfördelning')).toBe(kr(s.flows.pool));
      expect(await cell('Delårsrest')).toBe(kr(s.flows.partYearRemainder));
      expect(await cell('Överskott')).toBe(kr(s.flows.surplus));
      expect(await cell('Skuret av matchning')).toBe(kr(s.flows.cutByMatching));
      expect(await cell('Återlämnat')).toBe(kr(s.flows.returned));
      expect(await cell('Ansökt')).toBe(kr(s.flows.requested));
      expect(await cell('Beviljat')).toBe(kr(s.flows.granted));
      expect(await cell('Ej fördelat')).toBe(kr(s.undistributed));
      expect(await cell('Tillämpad spärr')).toBe(keepNumbersTogether(formatShare(s.flows.appliedMaxDecrease)));
      expect(await cell('Lambda')).toBe(formatNumber(s.flows.lambda, 6).replace(/,?0+$/, ''));
      // B = T + P and S = P + cut + returned, as shown (whole kronor, up to rounding of each)
      expect(Math.abs(s.flows.budget - s.flows.pool - s.flows.partYearRemainder)).toBeLessThanOrEqual(1);
      expect(
        Math.abs(s.flows.surplus - s.flows.partYearRemainder - s.flows.cutByMatching - s.flows.returned),
      ).toBeLessThanOrEqual(2);
      expect(await summary.getByTestId('summary-explanation').textContent()).toBe(keepNumbersTogether(s.explanation));
      // Totals per VO: one row each, Slutlig summing to the total
      const voFinals = await summary.getByTestId('vo-totals').locator('[data-testid=vo-final]').allTextContents();
      expect(voFinals).toEqual(s.voTotals.map((v) => kr(v.final)));
      expect(s.voTotals.reduce((sum, v) => sum + v.final, 0)).toBe(s.totalFinal);
      // Warnings: those needing action under their own heading, the informational ones under theirs
      const action = await summary
        .getByTestId('warnings-action')
        .locator('[data-testid=warning]')
        .evaluateAll((els) =>
          els.map((e) => [
            e.getAttribute('data-code'),
            Number(e.querySelector('[data-testid=warning-count]')?.getAttribute('data-count')),
          ]),
        );
      const info = await summary
        .getByTestId('warnings-info')
        .locator('[data-testid=warning]')
        .evaluateAll((els) =>
          els.map((e) => [
            e.getAttribute('data-code'),
            Number(e.querySelector('[data-testid=warning-count]')?.getAttribute('data-count')),
          ]),
        );
      expect(action.length).toBeGreaterThan(0);
      expect(info.length).toBeGreaterThan(0);
      expect(action.every(([c]) => isActionWarning(String(c)))).toBe(true);
      expect(info.every(([c]) => !isActionWarning(String(c)))).toBe(true);
      expect(Object.fromEntries([...action, ...info])).toEqual(s.warningCounts);

      // Open the first action warning and the first informational one: their federations with their texts
      const firstAction = summary.getByTestId('warnings-action').locator('[data-testid=warning]').first();
      await firstAction.locator('button').first().click();
      const code = String(action[0][0]);
      const withCode = run.result.federations.filter((f) => f.warnings.some((w) => w.code === code));
      const listed = firstAction.locator('[data-federation]');
      await listed.first().waitFor();
      expect(await listed.evaluateAll((els) => els.map((e) => e.getAttribute('data-federation')))).toEqual(
        withCode.map((f) => f.name),
      );
      await summary.getByTestId('warnings-info').locator('[data-testid=warning] button').first().click();

      // The federation table (loaded on first show), grouped by VO
      await summary.getByTestId('federation-table').waitFor();
      const rows = await tableRows(page);
      expect(rows).toHaveLength(run.result.federationCount);
      expect([...new Set(rows.map((r) => r.vo))]).toEqual(s.voTotals.map((v) => v.vo));

      await expectTidyLayout(page, `summary ${width} ${themeName}`);
      expectNoViolations(await axeViolations(page), `summary ${width} ${themeName}`);
      await screenshot(page, `sammanfattning-${width}-${themeName}.png`);
      // and the table further down, where the first screenshot stops
      await summary.getByTestId('federation-table').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/forbundstabell-${width}-${themeName}.png` });
    } finally {
      await page.close();
    }
  });
});

describe('warnings that lead somewhere', () => {
  test('clicking a warning’s federation selects its row on Förbund (the name cell)', async () => {
    const run = exampleRun();
    const page = await open({ sheets: example }, 450);
    try {
      await calculate(page);
      const code = run.plan.summary.federations
        .find((f) => f.warnings.some((c) => isActionWarning(c)))!
        .warnings.find((c) => isActionWarning(c))!;
      const item = page.locator(`[data-testid=warning][data-code="${code}"]`);
      await item.locator('button').first().click();
      const federations = run.plan.summary.federations.filter((f) => f.warnings.includes(code));
      const target = federations[federations.length - 1];
      await item.getByRole('button', { name: `Gå till ${target.name} på bladet Förbund` }).click();
      await page.waitForFunction(() => !document.querySelector('[role=status]'));
      const nameColumn = run.layout.federationSheet.columns?.name ?? 0;
      expect(await sim(page, (s) => s.selection)).toMatchObject({
        sheet: 'Förbund',
        row: run.layout.federationSheet.dataRows[target.index],
        column: nameColumn,
      });
      // and from the table: another federation's name
      const other = run.plan.summary.federations[3];
      await page.getByTestId('federation-table').getByRole('button', { name: other.name, exact: true }).click();
      await page.waitForFunction(() => !document.querySelector('[role=status]'));
      expect(await sim(page, (s) => s.selection)).toMatchObject({
        sheet: 'Förbund',
        row: run.layout.federationSheet.dataRows[other.index],
        column: nameColumn,
      });
    } finally {
      await page.close();
    }
  });
});

describe('the federation table', () => {
  test('sorts by change, by Slutlig and by name, within each VO and ungrouped', async () => {
    const run = exampleRun();
    const feds = run.plan.summary.federations;
    const page = await open({ sheets: example }, 450);
    try {
      await calculate(page);
      const table = page.getByTestId('federation-table');
      await table.waitFor();
      const sortBy = (value: string) => table.getByTestId('federation-sort').selectOption(value);
      const byName = (a: FederationSummary, b: FederationSummary) => a.name.localeCompare(b.name, 'sv');
      const expectOrder = (rows: { name: string }[], list: FederationSummary[]) =>
        expect(rows.map((r) => r.name)).toEqual(list.map((f) => f.name));

      // Grouped (the default), change in kronor, largest increase first: each VO's federations in that order
      let rows = await tableRows(page);
      for (const v of run.plan.summary.voTotals) {
        const inVo = feds.filter((f) => f.vo === v.vo);
        const withChange = inVo.filter((f) => f.change !== null).sort((a, b) => b.change! - a.change! || byName(a, b));
        const news = inVo.filter((f) => f.change === null).sort(byName);
        expectOrder(
          rows.filter((r) => r.vo === v.vo),
          [...withChange, ...news],
        );
      }
      // The change shown is the summary's, with its sign
      const first = rows[0];
      expect(first.change).toBe(signedKronor(feds.find((f) => f.name === first.name)!.change!));

      // Ungrouped: the largest increase of all first, the largest decrease of all next to the new ones
      await table.getByRole('switch', { name: 'Gruppera per VO' }).click();
      rows = await tableRows(page);
      expect(rows.every((r) => r.vo === undefined)).toBe(true);
      const changes = feds.filter((f) => f.change !== null).map((f) => f.change!);
      const max = feds.find((f) => f.change === Math.max(...changes))!;
      const min = feds.find((f) => f.change === Math.min(...changes))!;
      expect(rows[0].name).toBe(max.name);
      expect(rows[rows.length - 1 - feds.filter((f) => f.change === null).length].name).toBe(min.name);
      expect(rows[0].change).toBe(signedKronor(max.change!));
      expect(rows[0].change.startsWith('+')).toBe(true);

      await sortBy('change-ascending');
      rows = await tableRows(page);
      expect(rows[0].name).toBe(min.name);
      expect(rows[0].change.startsWith('\u2212')).toBe(true);

      await sortBy('final-descending');
      rows = await tableRows(page);
      expectOrder(
        rows,
        [...feds].sort((a, b) => b.final - a.final || byName(a, b)),
      );
      const finals = await table.locator('[data-testid=final]').allTextContents();
      expect(finals[0]).toBe(keepNumbersTogether(formatKronor(Math.max(...feds.map((f) => f.final)))));

      await sortBy('name-ascending');
      rows = await tableRows(page);
      expectOrder(rows, [...feds].sort(byName));

      await sortBy('changeShare-descending');
      rows = await tableRows(page);
      const shares = feds.filter((f) => f.changeShare !== null).sort((a, b) => b.changeShare! - a.changeShare! || byName(a, b));
      expectOrder(rows.slice(0, shares.length), shares);
    } finally {
      await page.close();
    }
  });
});

describe('stale', () => {
  test.each([
    ['without triggerSource (ExcelApi < 1.14)', false],
    ['with triggerSource', true],
  ])('%s: an edit of an input cell marks the summary stale; the run’s own writes do not', async (_label, triggerSource) => {
    const run = exampleRun();
    const page = await open({ sheets: example, triggerSource }, 320);
    try {
      await calculate(page);
      // The input sheets are watched once a summary is shown
      await page.waitForFunction(() => (window as unknown as { __sim: Sim }).__sim.changeHandlers.length === 3);
      // A rerun writes its own output columns on Förbund: Excel reports those changes too
      await calculate(page);
      await page.waitForFunction(() => (window as unknown as { __sim: Sim }).__sim.changeHandlers.length === 3);
      await page.waitForTimeout(300);
      const events = await sim(page, (s) => s.changeEvents);
      expect(events.some((e) => e.sheet === 'Förbund')).toBe(true);
      expect(await page.getByTestId('stale').count()).toBe(0);

      // A person edits Eget kapital of the third federation
      const fs = run.layout.federationSheet;
      const row = fs.dataRows[2];
      const column = fs.columns!.equity;
      await edit(page, 'Förbund', row, column, 1234567);
      const stale = page.getByTestId('stale');
      await stale.waitFor();
      expect(await stale.textContent()).toContain(
        `Förbund!${String.fromCharCode(65 + column)}${row + 1} har ändrats sedan beräkningen`,
      );
      await expectTidyLayout(page, 'stale 320');
      await screenshot(page, `inaktuell-320-${triggerSource ? 'trigger' : 'utan'}.png`, false);
      // Beräkna again: fresh, and not stale after its own writes
      await calculate(page);
      await page.waitForTimeout(300);
      expect(await page.getByTestId('stale').count()).toBe(0);
      // An edit on Kommuner and on Parametrar counts too
      await edit(page, 'Kommuner', 3, 2, 999);
      await stale.waitFor();
      await calculate(page);
      await page.waitForTimeout(300);
      expect(await page.getByTestId('stale').count()).toBe(0);
      await edit(page, 'Parametrar', 1, 1, 340_000_000);
      await stale.waitFor();
    } finally {
      await page.close();
    }
  });
});

describe('problems', () => {
  test.each([
    [320, 'ljus', undefined],
    [450, 'mörk', DARK_THEME],
  ] as const)(
    'at %i px, %s: a renamed federation names its federation and column, offers "menade du" and selects the cell',
    async (width, themeName, theme) => {
      const sheets: SheetValues[] = JSON.parse(JSON.stringify(example));
      const fed = sheets.find((s) => s.name === 'Förbund')!;
      const run0 = exampleRun();
      const fs0 = run0.layout.federationSheet;
      const nameColumn = fs0.columns?.name ?? 0;
      const row = fs0.dataRows[4];
      const original = String(fed.values[row][nameColumn]);
      fed.values[row][nameColumn] = original.replace(/.$/, '');
      fed.values[fs0.dataRows[6]][fs0.columns!.equity] = 'ca 2 milj';
      const expected = runAllocation(sheets);
      if (expected.ok) throw new Error('the renamed federation should be a problem');
      const page = await open({ sheets, ...(theme ? { theme } : {}) }, width);
      try {
        await calculate(page);
        const items = page.getByTestId('problem-list').getByTestId('problem');
        expect(await items.count()).toBe(expected.problems.length);
        // Each problem's federation and column beside its cell, as the reader gives them
        const shown = await items.evaluateAll((els) =>
          els.map((e) => ({
            context: e.querySelector('[data-testid=problem-context]')?.textContent ?? '',
            message: e.querySelector('[data-testid=problem-message]')?.textContent ?? '',
            suggestion: e.querySelector('[data-testid=problem-suggestion]')?.textContent ?? '',
          })),
        );
        expect(shown.map((p) => p.message)).toEqual(expected.problems.map((p) => p.message));
        expected.problems.forEach((p, i) => {
          if (p.federation) expect(shown[i].context).toContain(`Förbund: ${p.federation}`);
          if (p.header) expect(shown[i].context).toContain(`Kolumn: ${p.header}`);
        });
        const money = expected.problems.findIndex((p) => p.message.includes('ca 2 milj'));
        expect(shown[money].context).toContain('Förbund: ');
        expect(shown[money].context).toContain('Kolumn: Eget kapital');
        // "Menade du": the suggestion of the reader, with a button that selects the cell; nothing is rewritten
        const suggested = expected.problems.findIndex((p) => p.suggestion);
        expect(suggested).toBeGreaterThanOrEqual(0);
        // Kommuner still names the federation as it was: the closest name on Förbund is the renamed one
        const renamed = original.replace(/.$/, '');
        expect(expected.problems[suggested].suggestion).toBe(renamed);
        // asked once: in the reader's message, or by the pane beside it
        expect(`${shown[suggested].message} ${shown[suggested].suggestion}`.match(/menade du/gi)).toHaveLength(1);
        expect(`${shown[suggested].message} ${shown[suggested].suggestion}`).toContain(renamed);
        await expectTidyLayout(page, `problems ${width} ${themeName}`);
        expectNoViolations(await axeViolations(page), `problems ${width} ${themeName}`);
        await screenshot(page, `fel-${width}-${themeName}.png`);
        const p = expected.problems[suggested];
        await items
          .nth(suggested)
          .getByRole('button', { name: `Markera ${p.address}` })
          .click();
        await page.waitForFunction(() => !document.querySelector('[role=status]'));
        expect(await sim(page, (s) => s.selection)).toMatchObject({ sheet: p.sheet, row: p.row - 1, column: p.column - 1 });
        const after = (await page.evaluate('window.__sim.dump()')) as SheetValues[];
        expect(after.find((s) => s.name === 'Förbund')!.values[row][nameColumn]).toBe(original.replace(/.$/, ''));
      } finally {
        await page.close();
      }
    },
  );
});
