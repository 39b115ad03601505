// The production pane's loading in headless Chromium (issue 10's budget: the first bundle holds Beräkna;
// what split and merge need is loaded only when used): at start the page fetches only the scripts
// taskpane.html names; each other view's chunk comes when its tab is first opened, with a spinner in
// its place meanwhile; exceljs (the round's .xlsx files) only when Dela upp runs. The size itself is
// `npm run bench` (taskpane_bundle_gzip_kb), not a test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { scriptSources } from '../../bench/addin';
import {
  DIST,
  EXAMPLE,
  ensureDist,
  launchBrowser,
  openPane,
  requireChromium,
  screenshot,
  serveDist,
  xlsxSheets,
} from './helpers';

jest.setTimeout(240_000);

/** What the tests share: the pane opened once on the example, its server and browser */
const open: { page?: Page; closers: (() => Promise<void>)[] } = { closers: [] };
/** Paths of the scripts the page asked for, in order (office.js is the simulator's) */
const scripts: string[] = [];
const onRequest = (r: Request) => {
  const p = new URL(r.url()).pathname;
  if (p.endsWith('.js') && !p.endsWith('/office.js')) scripts.push(p.slice(1));
};

const bytes = (script: string): number => fs.statSync(path.join(DIST, script)).size;

const pane = (): Page => {
  if (!open.page) throw new Error('the pane did not open');
  return open.page;
};

async function idle(): Promise<void> {
  await pane().waitForFunction(() => !document.querySelector('[role=status]'));
}

/** The scripts fetched while `action` runs */
async function fetchedBy(action: () => Promise<void>): Promise<string[]> {
  const before = scripts.length;
  await action();
  return scripts.slice(before);
}

beforeAll(async () => {
  requireChromium();
  ensureDist();
  const [sheets, server, browser] = await Promise.all([xlsxSheets(EXAMPLE), serveDist(), launchBrowser()]);
  open.closers.push(server.close, browser.close);
  // on the context: the page's first requests come before openPane returns
  browser.context.on('request', onRequest);
  open.page = await openPane(browser.context, server.url, { sheets });
  await pane().getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
  await idle();
});

afterAll(async () => {
  await open.page?.close();
  for (const close of open.closers.reverse()) await close();
});

test('at start the pane fetches only the scripts taskpane.html names: one bundle, no view chunk', async () => {
  const named = scriptSources(fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8')).filter((s) => !/^https?:/.test(s));
  expect(named).toContain('browser-check.js');
  expect(named.filter((s) => /^taskpane\.[0-9a-f]{8}\.js$/.test(s))).toHaveLength(1);
  expect([...scripts].sort()).toEqual([...named].sort());
  // the lazy chunks exist beside it
  const files = fs.readdirSync(DIST);
  for (const chunk of ['forklara', 'parametrar', 'kontrollera', 'riktade', 'omgang', 'summary', 'xlsx', 'pdf'])
    expect(files.filter((f) => new RegExp(`^${chunk}\\.[0-9a-f]{8}\\.js$`).test(f))).toHaveLength(1);
});

test('a view’s chunk is fetched when its tab is first opened, with a spinner meanwhile; not again', async () => {
  // Förklara's chunk held back until the spinner has been seen
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await pane().route(/\/forklara\.[0-9a-f]+\.js$/, async (route) => {
    await held;
    await route.fallback();
  });
  const forklara = await fetchedBy(async () => {
    await pane().getByRole('tab', { name: 'Förklara' }).click();
    const spinner = pane().getByRole('progressbar', { name: 'Läser in vyn …' });
    await spinner.waitFor();
    await screenshot(pane(), 'vy-laddas.png', false);
    expect(await pane().getByRole('tabpanel').getByRole('combobox').count()).toBe(0);
    release();
    await pane().getByRole('tabpanel').getByRole('combobox').waitFor();
    expect(await spinner.count()).toBe(0);
  });
  expect(forklara.some((s) => /^forklara\./.test(s))).toBe(true);
  expect(forklara.some((s) => /^(omgang|xlsx|pdf|riktade)\./.test(s))).toBe(false);
  await idle();

  const parametrar = await fetchedBy(async () => {
    await pane().getByRole('tab', { name: 'Parametrar' }).click();
    await pane().getByRole('button', { name: 'Spara', exact: true }).waitFor();
  });
  expect(parametrar.some((s) => /^parametrar\./.test(s))).toBe(true);
  await idle();

  // back to Förklara: its chunk is not fetched a second time
  const again = await fetchedBy(async () => {
    await pane().getByRole('tab', { name: 'Förklara' }).click();
    await pane().getByRole('tabpanel').getByRole('combobox').waitFor();
  });
  expect(again).toEqual([]);
  await idle();
});

test('Omgång’s chunk comes with its tab; exceljs only when Dela upp runs', async () => {
  const opened = await fetchedBy(async () => {
    await pane().getByRole('tab', { name: 'Omgång' }).click();
    await pane().getByRole('button', { name: 'Dela upp', exact: true }).waitFor();
  });
  expect(opened.some((s) => /^omgang\./.test(s))).toBe(true);
  // exceljs is the one script of close to a megabyte (minified); the view's own chunks are small
  expect(opened.some((s) => /^xlsx\./.test(s))).toBe(false);
  expect(Math.max(...opened.map(bytes))).toBeLessThan(200_000);
  await idle();
  const split = await fetchedBy(async () => {
    await pane().getByRole('button', { name: 'Dela upp', exact: true }).click();
    await pane().getByTestId('split-files').waitFor({ timeout: 120_000 });
  });
  expect(split.some((s) => /^xlsx\./.test(s))).toBe(true);
  expect(Math.max(...split.map(bytes))).toBeGreaterThan(500_000);
  expect(await pane().getByTestId('split-files').getByRole('link').count()).toBe(5);
  await idle();
});
