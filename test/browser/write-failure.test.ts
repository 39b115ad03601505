// Issue 15 in the real pane (dist/ in Chromium, simulated Excel): a write that fails inside or between
// its syncs (Excel does not undo a failed batch), the run's own sheets kept in place (formulas pointing
// at them never become #REF!), cells of the user's below the table, a helper column of formulas that
// show "", and the Content-Security-Policy.
import type { Page } from 'playwright-core';
import { runAllocation } from '../../src/workbook';
import type { SheetValues } from '../../src/workbook/types';
import { FEDERATION_OUTPUT_HEADERS } from '../../src/workbook/types';
import {
  calculate,
  EXAMPLE,
  openPane,
  type PaneBrowser,
  type PaneServer,
  screenshot,
  startPaneBrowser,
  stopPaneBrowser,
  trimValues,
  xlsxSheets,
} from './helpers';

jest.setTimeout(240_000);

let server: PaneServer;
let browser: PaneBrowser;
let example: SheetValues[];

beforeAll(async () => {
  ({ server, browser } = await startPaneBrowser());
  example = await xlsxSheets(EXAMPLE);
  // Every page records the Content-Security-Policy violations it sees, from its first script on
  await browser.context.addInitScript(() => {
    const w = window as unknown as { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
});

afterAll(async () => {
  await stopPaneBrowser(browser, server);
});

type SimSheet = { name: string; values: SheetValues['values']; formulas?: Record<string, string>; charts?: string[] };
const simEval = <T>(page: Page, fn: string): Promise<T> =>
  page.evaluate(`(function (s) { return ${fn}; })(window.__sim)`) as Promise<T>;
const dump = (page: Page) => simEval<SheetValues[]>(page, 's.dump()');
const sheetOf = (sheets: SheetValues[], name: string) => sheets.find((s) => s.name === name);

/** Records CSP violations and console errors from the first script on. */
async function watchPolicy(page: Page): Promise<{ violations: () => Promise<string[]>; console: string[] }> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') console.push(m.text());
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []),
    console,
  };
}

async function openPaneWith(sheets: SimSheet[]): Promise<{ page: Page; policy: Awaited<ReturnType<typeof watchPolicy>> }> {
  const page = await openPane(browser.context, server.url, { sheets: sheets as SheetValues[] });
  const policy = await watchPolicy(page);
  await page.getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
  await page.waitForFunction(() => !document.querySelector('[role=status]'));
  return { page, policy };
}

/** The example after a first complete run in the simulator (what a rerun starts from), with a user's sheet pointing at Kommunbidrag. */
async function afterFirstRun(): Promise<SimSheet[]> {
  const { page } = await openPaneWith(example);
  await calculate(page);
  const sheets = (await dump(page)) as SimSheet[];
  await page.close();
  // the run's chart, on its sheet Diagram, as a rerun finds it (the dump has values only)
  sheets.find((s) => s.name === 'Diagram')!.charts = ['Ideal och slutlig tilldelning'];
  sheets.push({ name: 'Sammanställning', values: [['Bidrag första raden', 123]], formulas: { '0,1': '=Kommunbidrag!E2' } });
  return sheets;
}

describe('a write that fails (Excel does not undo a failed batch)', () => {
  let rerunStart: SimSheet[];
  beforeAll(async () => {
    rerunStart = await afterFirstRun();
  });

  // The run's syncs: 0 read, 1 values, 2 Underlag + formats + chart on Diagram +
  // how Förbund is shown + Körlogg, then the autofilter and the watch. "after" = queued actions that ran.
  const cases: { sync: number; after: number | 'mid' | 'all'; state: 'unchanged' | 'partial' }[] = [
    { sync: 1, after: 0, state: 'unchanged' },
    { sync: 1, after: 'mid', state: 'partial' },
    { sync: 2, after: 0, state: 'partial' },
    { sync: 2, after: 'mid', state: 'partial' },
  ];
  for (const c of cases) {
    test(`fails in write sync ${c.sync} after ${c.after} actions: the pane says "${c.state}", never the summary; Körlogg only when complete`, async () => {
      const { page } = await openPaneWith(rerunStart);
      const before = await dump(page);
      // The failing sync: the run's read is the next sync, then the two writes
      const next = await simEval<number>(page, 's.syncs.length');
      const after = c.after === 'mid' ? 12 : c.after === 'all' ? 1e9 : c.after;
      await page.evaluate(`window.__sim.failure = { sync: ${next + c.sync}, after: ${after}, message: 'Simulerat fel i Excel' }`);
      await calculate(page);
      const failed = page.getByTestId('write-failed');
      expect(await failed.getAttribute('data-state')).toBe(c.state);
      expect(await page.getByTestId('summary').count()).toBe(0);
      expect(await failed.textContent()).toContain('Simulerat fel i Excel');
      const now = await dump(page);
      const log = sheetOf(now, 'Körlogg');
      if (c.state === 'unchanged') {
        expect(await failed.textContent()).toContain(
          'Ingenting i arbetsboken ändrades; det tidigare resultatet och dess Körlogg finns kvar.',
        );
        expect(now).toEqual(before);
        expect(await page.getByRole('button', { name: 'Ta bort delresultatet' }).count()).toBe(0);
      } else {
        expect(await failed.textContent()).toContain('bladet Körlogg är tomt');
        expect(trimValues(log?.values ?? [])).toEqual([]);
        expect(await page.getByRole('button', { name: 'Ta bort delresultatet' }).count()).toBe(1);
      }
      // inputs never touched; the user's formula pointing at Kommunbidrag never became #REF!
      for (const name of ['Parametrar', 'Kommuner']) expect(sheetOf(now, name)).toEqual(sheetOf(before, name));
      const summary = await simEval<{ formulas: [string, string][] }>(page, "s.sheet('Sammanställning')");
      expect(summary.formulas).toEqual([['0,1', '=Kommunbidrag!E2']]);
      if (c.sync === 1 && c.after === 'mid') await screenshot(page, 'skrivfel-delvis-320.png');
      // Run again: a complete result, Körlogg last, the same cells as a clean run
      await calculate(page, 'Beräkna igen');
      expect(await page.getByTestId('summary').count()).toBe(1);
      expect(await page.getByTestId('write-failed').count()).toBe(0);
      const done = await dump(page);
      expect(trimValues(sheetOf(done, 'Kommunbidrag')!.values)).toEqual(trimValues(sheetOf(before, 'Kommunbidrag')!.values));
      expect(trimValues(sheetOf(done, 'Förbund')!.values)).toEqual(trimValues(sheetOf(before, 'Förbund')!.values));
      expect(sheetOf(done, 'Körlogg')!.values.length).toBeGreaterThan(20);
      expect(done.map((s) => s.name)).toEqual(before.map((s) => s.name));
      await page.close();
    });
  }

  test('Excel refuses the autofilter, after Körlogg: the run is complete and shown, only the filter is missing', async () => {
    const { page } = await openPaneWith(rerunStart);
    const before = await dump(page);
    const next = await simEval<number>(page, 's.syncs.length');
    await page.evaluate(`window.__sim.failure = { sync: ${next + 2}, at: 'autoFilter.apply', message: 'Tabell på bladet' }`);
    await calculate(page);
    expect(await simEval<number>(page, 's.syncs[' + (next + 2) + '].failedAt')).toBeGreaterThan(0);
    expect(await page.getByTestId('write-failed').count()).toBe(0);
    expect(await page.getByTestId('summary').count()).toBe(1);
    const now = await dump(page);
    const run = runAllocation(before);
    if (!run.ok) throw new Error('problems');
    const planned = run.plan.sheets[run.plan.sheets.length - 1];
    // Körlogg is this run's (Tidpunkt aside), the output the same cells as before (a rerun of the same inputs)
    const tidpunkt = planned.values.findIndex((r) => r[0] === 'Tidpunkt');
    const withoutTime = (v: SheetValues['values']) => trimValues(v).filter((_, i) => i !== tidpunkt);
    expect(withoutTime(sheetOf(now, 'Körlogg')!.values)).toEqual(withoutTime(planned.values));
    expect(trimValues(sheetOf(now, 'Förbund')!.values)).toEqual(trimValues(sheetOf(before, 'Förbund')!.values));
    expect(await simEval<unknown>(page, "s.sheet('Förbund').autoFilter || null")).toBeNull();
    await page.close();
  });

  test('at 320 px the partial state is readable, with both ways out', async () => {
    const { page } = await openPaneWith(rerunStart);
    await page.setViewportSize({ width: 320, height: 800 });
    const next = await simEval<number>(page, 's.syncs.length');
    await page.evaluate(`window.__sim.failure = { sync: ${next + 1}, after: 12, message: 'Simulerat fel i Excel' }`);
    await calculate(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await screenshot(page, 'skrivfel-320.png');
    // Ta bort delresultatet: the partial output goes, nothing else
    await page.getByRole('button', { name: 'Ta bort delresultatet' }).click();
    await page.waitForFunction(() => !document.querySelector('[role=status]'));
    const now = await dump(page);
    expect(now.some((s) => s.name === 'Kommunbidrag' || s.name === 'Körlogg')).toBe(false);
    expect(now.some((s) => s.name === 'Sammanställning')).toBe(true);
    expect(
      sheetOf(now, 'Förbund')!
        .values.flat()
        .filter((v) => FEDERATION_OUTPUT_HEADERS.includes(v as never)),
    ).toEqual([]);
    // the simulator models Excel: deleting Kommunbidrag turns the formula pointing at it into #REF!
    const summary = await simEval<{ formulas: [string, string][] }>(page, "s.sheet('Sammanställning')");
    expect(summary.formulas[0][1]).toContain('#REF!');
    await page.close();
  });
});

describe('the run’s own cells only (pane)', () => {
  test('a total and a note below the table survive a rerun and Ta bort resultat; a column with last year’s header is reported', async () => {
    const start = await afterFirstRun();
    const fed = start.find((s) => s.name === 'Förbund')!;
    const run = runAllocation(example);
    if (!run.ok) throw new Error('problems');
    const layout = run.layout.federationSheet;
    const final = run.plan.blocks[0].column + 4; // Slutlig tilldelning
    const below = Math.max(...layout.dataRows) + 2;
    const total = run.plan.summary.totalFinal;
    while (fed.values.length <= below + 1) fed.values.push([]);
    fed.values[below][final] = total;
    fed.formulas = { [`${below},${final}`]: `=SUMMA(X${layout.dataRows[0] + 1}:X${Math.max(...layout.dataRows) + 1})` };
    fed.values[below + 1][final] = 'Kontrollerad';
    const lastYear = final + 8;
    fed.values[layout.headerRow][lastYear] = 'Slutlig tilldelning (kr)';
    fed.values[layout.dataRows[0]][lastYear] = 111;
    const { page } = await openPaneWith(start);
    await calculate(page);
    expect(await page.getByTestId('run-notices').textContent()).toContain('Förbund!');
    let now = sheetOf(await dump(page), 'Förbund')!.values;
    expect([now[below][final], now[below + 1][final], now[layout.dataRows[0]][lastYear]]).toEqual([total, 'Kontrollerad', 111]);
    await page.getByRole('button', { name: 'Ta bort resultat' }).click();
    await page.getByRole('button', { name: 'Ta bort', exact: true }).click();
    await page.waitForFunction(() => !document.querySelector('[role=status]'));
    now = sheetOf(await dump(page), 'Förbund')!.values;
    expect([now[below][final], now[below + 1][final], now[layout.dataRows[0]][lastYear]]).toEqual([total, 'Kontrollerad', 111]);
    expect(now[layout.dataRows[0]][final]).toBe('');
    await page.close();
  });

  test('a helper column of formulas that show "" is not written over (placed as the command line places it)', async () => {
    const sheets = example.map((s) => ({ ...s, values: s.values.map((r) => [...r]) })) as SimSheet[];
    const fed = sheets.find((s) => s.name === 'Förbund')!;
    const run = runAllocation(example);
    if (!run.ok) throw new Error('problems');
    const first = run.plan.blocks[0].column;
    fed.formulas = {};
    for (const r of run.layout.federationSheet.dataRows) fed.formulas[`${r},${first}`] = '=OM(A1="";"";"")';
    const { page } = await openPaneWith(sheets);
    await calculate(page);
    const header = sheetOf(await dump(page), 'Förbund')!.values[run.layout.federationSheet.headerRow];
    expect(header[first]).toBe('');
    expect(header[first + 1]).toBe('Idealfördelning (kr)');
    const formulas = await simEval<{ formulas: [string, string][] }>(page, "s.sheet('Förbund')");
    expect(formulas.formulas.filter(([k]) => Number(k.split(',')[1]) === first)).toHaveLength(
      run.layout.federationSheet.dataRows.length,
    );
    await page.close();
  });
});

describe('Content-Security-Policy', () => {
  test('every page carries it; the pane runs under it without a violation; a blocked source is seen', async () => {
    const { page, policy } = await openPaneWith(example);
    const csp = await page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    );
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).toContain("default-src 'self'");
    await calculate(page);
    expect(await page.getByTestId('summary').count()).toBe(1);
    expect(await policy.violations()).toEqual([]);
    expect(policy.console.filter((t) => /Content Security Policy|Refused/i.test(t))).toEqual([]);
    // The watch is a real one: a script from elsewhere is refused and recorded
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.src = 'https://example.org/x.js';
      document.head.appendChild(s);
    });
    await page.waitForFunction(() => ((window as unknown as { __cspViolations: string[] }).__cspViolations ?? []).length > 0);
    expect((await policy.violations())[0]).toContain('https://example.org/x.js');
    // the bundle started, so the ES5 check stays hidden
    expect(await page.locator('#browser-check').isHidden()).toBe(true);
    for (const other of ['commands.html', 'hjalp.html']) {
      await page.goto(`${server.url}/${other}`);
      const meta = await page.evaluate(
        () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      );
      expect(meta).toBe(csp);
    }
    expect(await policy.violations()).toEqual([]);
    await page.close();
  });

  test('when the bundle cannot run (an old Excel’s browser), the ES5 check says in Swedish which Excel is needed', async () => {
    const page = await browser.context.newPage();
    // The bundle fails as it does in Internet Explorer 11 or EdgeHTML (a syntax error): answered with one
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (/\/taskpane\.[^/]*\.js$/.test(url))
        return route.fulfill({ status: 200, contentType: 'application/javascript', body: 'const a = b?.c ?? ;' });
      if (url.startsWith(server.url)) return route.continue();
      if (url.includes('appsforoffice.microsoft.com'))
        return route.fulfill({ status: 200, contentType: 'application/javascript', body: 'window.Office = {};' });
      return route.abort();
    });
    await page.goto(`${server.url}/taskpane.html`);
    const box = page.locator('#browser-check');
    await box.waitFor({ state: 'visible' });
    expect(await box.textContent()).toContain('kräver en nyare Excel');
    expect(await box.textContent()).toContain('Excel 2021 eller senare');
    await page.setViewportSize({ width: 320, height: 600 });
    await screenshot(page, 'gammal-excel-320.png');
    await page.close();
  });
});
