// The pane's view Riktade medel in headless Chromium with the simulated Excel host: inserting an empty
// Ansökningar into a workbook without one, running the bundled targeted-funds example (the figures, the
// cells written equal the workbook layer's plan), and a problem whose click selects its cell.
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { applyPlanToSheets, formatKronor } from '../../src/workbook';
import type { SheetValues } from '../../src/workbook/types';
import { runTargeted } from '../../src/round/targeted';
import { TEMPLATE_HEADER_ROW } from '../../src/workbook/template';
import { APPLICATION_COLUMNS } from '../../src/workbook/application-columns';
import {
  axeViolations,
  EXAMPLE,
  openPane,
  type PaneBrowser,
  type PaneServer,
  ROOT,
  screenshot,
  startPaneBrowser,
  stopPaneBrowser,
  trimValues,
  xlsxSheets,
} from './helpers';

jest.setTimeout(240_000);

const TARGETED_EXAMPLE = path.join(ROOT, 'assets', 'exempel-riktade-medel.xlsx');
let server: PaneServer;
let browser: PaneBrowser;
let example: SheetValues[];

beforeAll(async () => {
  ({ server, browser } = await startPaneBrowser());
  example = await xlsxSheets(TARGETED_EXAMPLE);
});
afterAll(async () => {
  await stopPaneBrowser(browser, server);
});

type Sim = { selection: { sheet: string; row: number; column: number }; dump(): SheetValues[] };
const sim = <T>(page: Page, fn: (s: Sim) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__sim)`) as Promise<T>;

async function openView(sheets: SheetValues[], width = 380): Promise<Page> {
  const page = await openPane(browser.context, server.url, { sheets });
  await page.setViewportSize({ width, height: 900 });
  await page.getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Riktade medel' }).click();
  await page.getByTestId('targeted-view').waitFor();
  return page;
}

async function runRound(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Beräkna riktade medel' }).click();
  await page.waitForSelector('[data-testid=targeted-figures], [data-testid=problem-list]');
}

function expectNoViolations(violations: { id: string; impact: string; nodes: string[] }[], view: string): void {
  if (violations.length > 0)
    throw new Error(`axe: ${view}\n${violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`).join('\n')}`);
}

describe('a workbook without Ansökningar', () => {
  test('the view offers the sheet and inserts it, with its headers', async () => {
    const national = await xlsxSheets(EXAMPLE);
    const page = await openView(national);
    await page.getByText('Arbetsboken har inget blad Ansökningar.').waitFor();
    expect(await page.getByRole('button', { name: 'Beräkna riktade medel' }).count()).toBe(0);
    expectNoViolations(await axeViolations(page), 'Riktade medel, inget blad');
    await page.getByRole('button', { name: 'Lägg in bladet Ansökningar' }).click();
    await page.getByTestId('targeted-notice').waitFor();
    const after = await sim(page, (s) => s.dump());
    const sheet = after.find((s) => s.name === 'Ansökningar');
    expect(sheet).toBeDefined();
    expect(trimValues(sheet!.values)[TEMPLATE_HEADER_ROW]).toEqual(APPLICATION_COLUMNS.map((c) => c.label));
    // the other sheets are as they were
    expect(after.filter((s) => s.name !== 'Ansökningar').map((s) => trimValues(s.values))).toEqual(
      national.map((s) => trimValues(s.values)),
    );
    // … and the view now runs the round (an empty sheet: its problem, with a link to the cell)
    await runRound(page);
    await page
      .getByText(/Ansökningar!A4/)
      .first()
      .waitFor();
    await page.close();
  });
});

describe('the bundled targeted-funds example', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openView(example, 320);
    await runRound(page);
  });
  afterAll(async () => page?.close());

  test('the figures of the 2016-shaped round', async () => {
    const figure = (label: string) => page.getByTestId(`figure-${label}`).textContent();
    expect(await figure('Antal ansökningar')).toBe('44');
    expect(await figure('Antal insatser')).toBe('47');
    expect(await figure('Gemensamma ansökningar')).toBe('3');
    expect(await figure('Insatser beviljade helt eller delvis')).toBe('28');
    expect(await figure('varav Behovsanalys och plan')).toBe('15');
    expect(await figure('varav Aktiv insats')).toBe('17');
    expect(await figure('Pott (kr)')).toBe(formatKronor(13_000_000));
    expect(await figure('Sökt belopp (kr)')).toBe(formatKronor(21_050_000));
    expect(await figure('Beviljat belopp (kr)')).toBe(formatKronor(12_935_000));
    expectNoViolations(await axeViolations(page), 'Riktade medel, siffror');
    await screenshot(page, 'riktade-320.png');
  });

  test('the cells written are the workbook layer’s plan applied', async () => {
    const outcome = runTargeted(example);
    if (!outcome.ok) throw new Error('the example should have no problems');
    const expected = applyPlanToSheets(example, outcome.plan);
    const after = await sim(page, (s) => s.dump());
    const of = (sheets: SheetValues[], name: string) => trimValues(sheets.find((s) => s.name === name)!.values);
    expect(of(after, 'Ansökningar')).toEqual(of(expected, 'Ansökningar'));
    const noTime = (rows: unknown[][]) => rows.filter((r) => r[0] !== 'Tidpunkt');
    expect(noTime(of(after, 'Riktade medel'))).toEqual(noTime(of(expected, 'Riktade medel')));
  });
});

describe('a broken Ansökningar', () => {
  test('problems with their cells, nothing written, a click selects the cell', async () => {
    const sheets: SheetValues[] = JSON.parse(JSON.stringify(example));
    const apps = sheets.find((s) => s.name === 'Ansökningar')!;
    apps.values[5][5] = 'ca 2 milj';
    const page = await openView(sheets);
    await runRound(page);
    const items = page.getByTestId('problem-list').getByRole('listitem');
    // the list shows the cell (a link) and the message beside it (ProblemList)
    expect(await items.allTextContents()).toEqual(['Ansökningar!F6"ca 2 milj" är inget belopp']);
    const after = await sim(page, (s) => s.dump());
    expect(after.map((s) => s.name)).not.toContain('Riktade medel');
    await items.nth(0).getByRole('button').click();
    await page.waitForFunction(() => (window as unknown as { __sim: { selection: { row: number } } }).__sim.selection.row === 5);
    expect(await sim(page, (s) => s.selection)).toMatchObject({ sheet: 'Ansökningar', row: 5, column: 5 });
    await page.close();
  });
});
