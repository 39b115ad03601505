// The production task pane (dist/) in headless Chromium with the simulated Excel host, loaded with
// the bundled example workbook: Beräkna, problems, Förklara, Parametrar, Ta bort resultat, the
// template offer, dark theme, axe-core — and the cells the pane writes equal what the command line
// writes for the same file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { applyPlanToSheets, formatKronor, runAllocation } from '../../src/workbook';
import { federationStatement } from '../../src/documents';
import type { SheetValues } from '../../src/workbook/types';
import { ensureBuilt, runCli, tempDir } from '../e2e/helpers';
import {
  axeViolations,
  calculate,
  DARK_THEME,
  EXAMPLE,
  openPane,
  openPaneWithOfficeJs,
  type PaneBrowser,
  type PaneServer,
  screenshot,
  startPaneBrowser,
  stopPaneBrowser,
  trimValues,
  waitIdle,
  xlsxSheets,
} from './helpers';

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
  syncs: { actions: number; bytes: number; responseBytes: number; refused?: boolean; kinds: [string, number][] }[];
  selectionHandlers: unknown[];
  selection: { sheet: string; row: number; column: number };
  dump(): SheetValues[];
  sheet(name: string): {
    charts: {
      title: string;
      type: string;
      series: {
        name: string;
        values: { sheet: string; row: number; column: number; rowCount: number; columnCount: number };
        xValues: { sheet: string; row: number; column: number; rowCount: number; columnCount: number } | null;
      }[];
    }[];
    fills: [string, string][];
    formats: [string, string][];
    formulas: [string, string][];
    bold: string[];
  } | null;
  suspendCalls: number;
};
const sim = <T>(page: Page, fn: (s: Sim) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__sim)`) as Promise<T>;

function expectNoViolations(violations: { id: string; impact: string; nodes: string[] }[], view: string): void {
  if (violations.length > 0)
    throw new Error(`axe: ${view}\n${violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`).join('\n')}`);
}

const OUTPUT_SHEETS = ['Förbund', 'Kommunbidrag', 'Körlogg'];

function withoutTimestamp(sheet: SheetValues): SheetValues {
  return sheet.name === 'Körlogg' ? { name: sheet.name, values: sheet.values.filter((r) => r[0] !== 'Tidpunkt') } : sheet;
}

describe('the example workbook', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPane(browser.context, server.url, { sheets: example });
    await waitIdle(page);
  });
  afterAll(async () => page?.close());

  test('Beräkna: the summary shows the engine’s numbers, written in one read and two writes', async () => {
    const before = await sim(page, (s) => s.syncs.length);
    await calculate(page);
    const run = runAllocation(example);
    if (!run.ok) throw new Error('the example should have no problems');
    const summary = page.getByTestId('summary');
    // amounts are kept on one line with no-break spaces (keepNumbersTogether): compared as formatKronor writes them
    const cell = async (label: string) => (await summary.getByTestId(`summary-${label}`).textContent())?.replace(/\u00a0/g, ' ');
    expect(await cell('Scenario')).toBe(run.result.scenario.label);
    expect(await cell('Statlig ram')).toBe(formatKronor(run.result.parameters.budget));
    expect(await cell('Summa slutlig tilldelning')).toBe(formatKronor(run.result.totals.final));
    expect(await cell('Ej fördelat')).toBe(formatKronor(run.result.totals.undistributed));
    expect(await cell('Förbund')).toBe(String(run.result.federationCount));
    // Warnings: code and count per item (those that need action apart), with the Swedish meaning as visible text
    const warningRows = await summary
      .getByTestId('warnings')
      .locator('[data-testid=warning]')
      .evaluateAll((items) =>
        items.map((it) => [
          it.getAttribute('data-code'),
          it.querySelector('[data-testid=warning-meaning]')?.textContent ?? '',
          it.querySelector('[data-testid=warning-count]')?.getAttribute('data-count'),
        ]),
      );
    const counts = run.plan.summary.warningCounts;
    expect(warningRows.map(([code, , n]) => `${code}: ${n}`).sort()).toEqual(
      Object.entries(counts)
        .map(([code, n]) => `${code}: ${n}`)
        .sort(),
    );
    expect(warningRows.every(([code, meaning]) => (meaning ?? '').length > 3 && meaning !== code)).toBe(true);
    // One item per federation in the pane's chart, the amounts visible; the page (not the chart) scrolls
    const chart = summary.getByTestId('allocation-chart');
    expect(await chart.locator('li[data-federation]').count()).toBe(run.result.federationCount);
    const first = run.result.federations[0];
    expect(await chart.locator('li[data-federation] [data-amount=final]').first().textContent()).toBe(
      `Slutlig tilldelning ${formatKronor(first.rounded.final)}`,
    );
    // Text does not scale with the pane's width; nothing scrolls sideways
    const fontSizes = await chart
      .locator('li[data-federation]')
      .first()
      .evaluate((li) => Array.from(li.querySelectorAll(':scope > span, [data-amount]')).map((e) => getComputedStyle(e).fontSize));
    expect(fontSizes).toEqual(['12px', '12px', '12px']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    // Syncs of the whole run: read, values, Underlag + formats + chart — Diagram, the presentation of
    // Förbund (its autofilter after Körlogg) and the watch of the input sheets all within them
    await page.waitForTimeout(300);
    const syncs = (await sim(page, (s) => s.syncs)).slice(before);
    expect(syncs).toHaveLength(3);
    expect(Math.max(...syncs.map((s) => s.bytes))).toBeLessThan(5 * 1024 * 1024);
    const kinds = syncs.map((s) => s.kinds.map(([k]) => k));
    // Underlag in the second write: its formulas as blocks and, per column's run, one R1C1 value
    expect(kinds[1]).not.toContain('formulas');
    expect(kinds[2]).toEqual(
      expect.arrayContaining(['formulas', 'formulasR1C1', 'charts.add', 'freezeAt', 'autoFilter.apply', 'onChanged.add']),
    );
    // Körlogg's values are the last cells written; after them only the filter and the watch
    expect(kinds[2].slice(kinds[2].lastIndexOf('values') + 1)).toEqual(['autoFilter.apply', 'onChanged.add']);
    expect(await sim(page, (s) => (s as unknown as { changeHandlers: unknown[] }).changeHandlers.length)).toBe(3);
    // Underlag: every formula of the plan (Range.formulas and Range.formulasR1C1), read back in A1
    const planned = run.plan.sheets.find((x) => x.name === 'Underlag')!;
    const expectedFormulas = new Map<string, string>();
    planned.formulas!.forEach((row, r) => row.forEach((f, c) => f && expectedFormulas.set(`${r},${c}`, f)));
    expect(expectedFormulas.size).toBeGreaterThan(40 * 80);
    const written = await sim(page, (s) => s.sheet('Underlag'));
    expect(new Map(written!.formulas)).toEqual(expectedFormulas);
    expect(written!.bold).toContain('0,0');
    // The native chart on its own sheet Diagram (issue 14), over Diagram's table: sorted by Slutlig
    // tilldelning, largest first, names in column A, ideal in B, final in C
    expect((await sim(page, (s) => s.sheet('Körlogg')))!.charts).toHaveLength(0);
    const diagram = await sim(page, (s) => s.sheet('Diagram'));
    expect(diagram!.charts).toHaveLength(1);
    const chartOnSheet = diagram!.charts[0];
    expect(chartOnSheet).toMatchObject({ title: 'Ideal och slutlig tilldelning', type: 'BarClustered' });
    expect(chartOnSheet.series.map((s) => s.name)).toEqual(['Idealfördelning', 'Slutlig tilldelning']);
    const n = run.result.federationCount;
    const rect = (column: number) => ({ sheet: 'Diagram', row: 1, column, rowCount: n, columnCount: 1 });
    expect(chartOnSheet.series[0].values).toEqual(rect(1));
    expect(chartOnSheet.series[1].values).toEqual(rect(2));
    expect(chartOnSheet.series.map((s) => s.xValues)).toEqual([rect(0), rect(0)]);
    // what those cells hold: every federation once, its ideal and final as the engine has them, sorted
    const table = (await sim(page, (s) => s.dump())).find((x) => x.name === 'Diagram')!.values.slice(1, 1 + n);
    const byFinal = [...run.result.federations].sort(
      (a, b) => b.rounded.final.comparedTo(a.rounded.final) || a.name.localeCompare(b.name, 'sv'),
    );
    expect(table.map((r) => r.slice(0, 3))).toEqual(
      byFinal.map((f) => [f.name, f.rounded.ideal.toNumber(), f.rounded.final.toNumber()]),
    );
    const finals = table.map((r) => Number(r[2]));
    expect(finals.every((v, i) => i === 0 || v <= finals[i - 1])).toBe(true);
    expect(finals[0]).toBe(Math.max(...run.result.federations.map((f) => f.rounded.final.toNumber())));
    // Warning rows highlighted on Förbund's output cells only
    const fills = await sim(page, (s) => s.sheet('Förbund')!.fills);
    const warnedRows = new Set(run.plan.highlight.rows);
    expect(new Set(fills.map(([k]) => Number(k.split(',')[0])))).toEqual(warnedRows);
    expect(fills.every(([k, color]) => Number(k.split(',')[1]) >= 12 && color === '#FFF2CC')).toBe(true);

    expectNoViolations(await axeViolations(page), 'Beräkna, sammanfattning');
    await screenshot(page, 'berakna.png');
    // The table instead of the chart, then back
    await summary.getByRole('button', { name: 'Visa som tabell' }).click();
    expect(
      await summary
        .getByRole('table', { name: 'Idealfördelning och slutlig tilldelning per förbund' })
        .locator('tbody tr')
        .count(),
    ).toBe(run.result.federationCount);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expectNoViolations(await axeViolations(page), 'Beräkna, tabell');
    await summary.getByRole('button', { name: 'Visa som diagram' }).click();
  });

  test('the cells written equal what `finsam allocate` writes for the same file (Tidpunkt aside)', async () => {
    ensureBuilt();
    const dir = tempDir('finsam-browser-');
    const out = path.join(dir, 'resultat.xlsx');
    const cli = runCli(['allocate', EXAMPLE, '--out', out]);
    expect(cli.status).toBe(0);
    const expected = await xlsxSheets(out);
    const actual = (await sim(page, (s) => s.dump())) as SheetValues[];
    for (const name of OUTPUT_SHEETS) {
      const a = actual.find((s) => s.name === name);
      const e = expected.find((s) => s.name === name);
      expect(a).toBeDefined();
      expect(e).toBeDefined();
      expect(trimValues(withoutTimestamp(a!).values)).toEqual(trimValues(withoutTimestamp(e!).values));
    }
    // Tab order too
    expect(actual.map((s) => s.name)).toEqual(expected.map((s) => s.name));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Förklara: a federation’s chain in kronor, as its statement gives it', async () => {
    const run = runAllocation(example);
    if (!run.ok) throw new Error('problems');
    const federation =
      run.result.federations.find((f) => f.warnings.some((w) => w.code === 'SPÄRR')) ?? run.result.federations[5];
    await page.getByRole('tab', { name: 'Förklara' }).click();
    const combo = page.getByRole('combobox', { name: 'Förbund' });
    await combo.click();
    await combo.fill(federation.name.slice(0, 10));
    await page.getByRole('option', { name: federation.name, exact: true }).click();
    const explanation = page.getByTestId('explanation');
    await explanation.waitFor();
    const lines = federationStatement(run.result, federation.name, { input: run.input }).sections.flatMap((s) => s.lines);
    const rows = await explanation
      .locator('dl > div')
      .evaluateAll((divs) =>
        divs.map((d) => [
          d.querySelector('dt')?.textContent ?? '',
          (d.querySelector('dd[data-part=value]')?.textContent ?? '').replace(/\u00a0/g, ' '),
        ]),
      );
    expect(rows).toEqual(lines.map((l) => [l.label, l.value]));
    expectNoViolations(await axeViolations(page), 'Förklara');
    await screenshot(page, 'forklara.png');

    // The selected row in the sheet: another federation's row on Förbund
    const other = run.result.federations[2];
    const row = run.layout.federationSheet.dataRows[2];
    await page.evaluate(
      ([r]) =>
        (window as unknown as { __sim: { setSelection(s: string, r: number, c: number): void } }).__sim.setSelection(
          'Förbund',
          r as number,
          3,
        ),
      [row],
    );
    await page.getByRole('button', { name: 'Använd markerad rad' }).click();
    await page.getByRole('heading', { name: `Beräkningen för ${other.name}` }).waitFor();

    // Clicking a cell on another federation's row in Excel: the view follows, no button needed
    const third = run.result.federations[7];
    const thirdRow = run.layout.federationSheet.dataRows[7];
    expect(await sim(page, (s) => s.selectionHandlers.length)).toBe(1);
    await page.evaluate(
      ([r]) =>
        (window as unknown as { __sim: { userSelects(s: string, r: number, c: number): void } }).__sim.userSelects(
          'Förbund',
          r as number,
          5,
        ),
      [thirdRow],
    );
    await page.getByRole('heading', { name: `Beräkningen för ${third.name}` }).waitFor();
    expect(await combo.inputValue()).toBe(third.name);
    // Leaving Förklara removes the handler (Excel.run on the context that added it)
    await page.getByRole('tab', { name: 'Beräkna' }).click();
    await page.waitForFunction(
      () => (window as unknown as { __sim: { selectionHandlers: unknown[] } }).__sim.selectionHandlers.length === 0,
    );
    await page.getByRole('tab', { name: 'Förklara' }).click();
    await page.waitForFunction(
      () => (window as unknown as { __sim: { selectionHandlers: unknown[] } }).__sim.selectionHandlers.length === 1,
    );
  });

  test('Parametrar: the sheet’s values, accessible', async () => {
    await page.getByRole('tab', { name: 'Parametrar' }).click();
    const budget = page.getByRole('textbox', { name: /Statlig ram/ });
    await budget.waitFor();
    await page.waitForFunction(() => !document.querySelector('[role=status]'));
    expect(await budget.inputValue()).toBe('339 000 000');
    expectNoViolations(await axeViolations(page), 'Parametrar');
    await screenshot(page, 'parametrar.png');
  });

  test('Ta bort resultat: confirm dialog, then only the run’s output goes', async () => {
    await page.getByRole('tab', { name: 'Beräkna' }).click();
    await page.getByRole('button', { name: 'Ta bort resultat' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // let the dialog's opening animation end (mid-fade colours are not what people see)
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await screenshot(page, 'ta-bort.png', false);
    expectNoViolations(await axeViolations(page), 'Ta bort resultat, dialog');
    await dialog.getByRole('button', { name: 'Ta bort', exact: true }).click();
    await page.getByText(/Resultatet är borttaget/).waitFor();
    const after = (await sim(page, (s) => s.dump())) as SheetValues[];
    expect(after.map((s) => s.name)).toEqual(example.map((s) => s.name));
    for (const s of example) expect(trimValues(after.find((a) => a.name === s.name)!.values)).toEqual(trimValues(s.values));
  });
});

describe('a broken workbook', () => {
  test('problems are listed with their cells; nothing is written; a click selects the cell', async () => {
    const sheets: SheetValues[] = JSON.parse(JSON.stringify(example));
    const fed = sheets.find((s) => s.name === 'Förbund')!;
    fed.values[4][4] = 'ca 2 milj';
    const areas = sheets.find((s) => s.name === 'Kommuner')!;
    areas.values.push(['Finsam Okänd', 'Nyby', '', 1000, 1000, '']);
    const page = await openPane(browser.context, server.url, { sheets });
    await waitIdle(page);
    await calculate(page);
    const items = page.getByTestId('problem-list').getByTestId('problem');
    const texts = await items.evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.querySelector('button, .fui-Text')?.textContent}: ${e.querySelector('[data-testid=problem-message]')?.textContent}`,
      ),
    );
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^Förbund!E5: .*"ca 2 milj" är inget belopp/);
    expect(texts[1]).toMatch(/^Kommuner!A302: .*Finsam Okänd/);
    // Nothing written
    const after = (await sim(page, (s) => s.dump())) as SheetValues[];
    expect(after.map((s) => s.name)).toEqual(sheets.map((s) => s.name));
    expect(trimValues(after.find((s) => s.name === 'Förbund')!.values)).toEqual(trimValues(fed.values));
    expectNoViolations(await axeViolations(page), 'Beräkna, fellista');
    await screenshot(page, 'problem.png');
    await items.nth(1).getByRole('button').first().click();
    await page.waitForFunction(
      () => (window as unknown as { __sim: { selection: { row: number } } }).__sim.selection.row === 301,
    );
    expect(await sim(page, (s) => s.selection)).toMatchObject({ sheet: 'Kommuner', row: 301, column: 0 });
    await items.nth(0).getByRole('button').first().click();
    await page.waitForFunction(() => (window as unknown as { __sim: { selection: { row: number } } }).__sim.selection.row === 4);
    expect(await sim(page, (s) => s.selection)).toMatchObject({ sheet: 'Förbund', row: 4, column: 4 });
    await page.close();
  });
});

describe('an empty workbook', () => {
  test('the pane offers the template sheets and inserts them', async () => {
    const page = await openPane(browser.context, server.url, { sheets: [{ name: 'Blad1', values: [] }] });
    await waitIdle(page);
    await page.getByText('Arbetsboken saknar bladen Parametrar, Förbund och Kommuner.').waitFor();
    expectNoViolations(await axeViolations(page), 'mallerbjudande');
    await screenshot(page, 'mall.png');
    await page.getByRole('button', { name: 'Lägg in mallbladen' }).click();
    await page.getByText(/Arbetsboken saknar/).waitFor({ state: 'detached' });
    const names = await sim(page, (s) => s.dump().map((x) => x.name));
    expect(names).toEqual(['Blad1', 'Instruktioner', 'Parametrar', 'Förbund', 'Kommuner']);
    const validations = await page.evaluate(() =>
      (window as unknown as { __sim: { sheet(n: string): { validations: unknown[]; frozenRows: number } } }).__sim.sheet(
        'Förbund',
      ),
    );
    expect(validations.validations.length).toBeGreaterThan(5);
    expect(validations.frozenRows).toBe(3);
    await page.close();
  });
});

describe('dark theme', () => {
  test('follows Office’s dark theme; no axe violations (colour contrast included)', async () => {
    const page = await openPane(browser.context, server.url, { sheets: example, theme: DARK_THEME });
    await waitIdle(page);
    await calculate(page);
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector('main')!.parentElement!).backgroundColor,
    );
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(3 * 80);
    expectNoViolations(await axeViolations(page), 'mörkt tema');
    await screenshot(page, 'dark.png');
    await page.getByRole('button', { name: 'Visa som tabell' }).click();
    await page.getByRole('table', { name: 'Idealfördelning och slutlig tilldelning per förbund' }).waitFor();
    expectNoViolations(await axeViolations(page), 'mörkt tema, tabell');
    await page.close();
  });
});

describe('Microsoft’s office.js outside Excel', () => {
  test('the pane says in Swedish that it must be opened in Excel, instead of failing', async () => {
    const { page, refused } = await openPaneWithOfficeJs(browser.context, server.url);
    await page.getByText('Finsam medelstilldelning kan inte starta här.').waitFor({ timeout: 30_000 });
    expect(await page.textContent('main')).toContain('Tillägget körs inte i Excel.');
    expect(await page.getByRole('button', { name: 'Beräkna' }).count()).toBe(0);
    // office.js itself came from the package; nothing was fetched from anywhere else but Microsoft's hosts
    expect(refused.every((u) => /^https:\/\/[a-z0-9.-]+\.(microsoft\.com|oaspapps\.com|office\.net|office\.com)\//.test(u))).toBe(
      true,
    );
    expectNoViolations(await axeViolations(page), 'utanför Excel');
    await screenshot(page, 'utanfor-excel.png');
    await page.close();
  });
});

describe('text written as text', () => {
  test('a federation named "=SUMMA(1;2)" and a municipality "1-2" reach Kommunbidrag as text, formatted "@"', async () => {
    const sheets: SheetValues[] = JSON.parse(JSON.stringify(example));
    const run = runAllocation(example);
    if (!run.ok) throw new Error('problems');
    const oldName = run.result.federations[0].name;
    for (const s of sheets.filter((x) => x.name === 'Förbund' || x.name === 'Kommuner'))
      for (const row of s.values) if (row[0] === oldName) row[0] = '=SUMMA(1;2)';
    // a municipality that occurs once becomes "1-2"
    const areas = sheets.find((s) => s.name === 'Kommuner')!;
    const column = run.layout.municipalitySheet.columns!.municipality;
    const row = run.layout.municipalitySheet.dataRows.find(
      (r) => areas.values.filter((x) => x[column] === areas.values[r][column]).length === 1,
    )!;
    areas.values[row][column] = '1-2';
    const page = await openPane(browser.context, server.url, { sheets });
    await waitIdle(page);
    await calculate(page);
    await page.getByTestId('summary').waitFor();
    const kb = ((await sim(page, (s) => s.dump())) as SheetValues[]).find((s) => s.name === 'Kommunbidrag')!;
    const sheet = (await sim(page, (s) => s.sheet('Kommunbidrag')))!;
    const formats = new Map(sheet.formats);
    const federationRow = kb.values.findIndex((r) => r[0] === '=SUMMA(1;2)');
    const municipalityRow = kb.values.findIndex((r) => r[1] === '1-2');
    expect(federationRow).toBeGreaterThan(0);
    expect(municipalityRow).toBeGreaterThan(0);
    expect(formats.get(`${federationRow},0`)).toBe('@');
    expect(formats.get(`${municipalityRow},1`)).toBe('@');
    expect(sheet.formulas).toEqual([]);
    await page.close();
  });
});

describe('a workbook too large for one response', () => {
  test('Excel refuses the read for size: the pane reads in row chunks and writes the same result', async () => {
    const fed = example.find((s) => s.name === 'Förbund')!;
    // well below the example's input: the combined read, and then too large chunks, are refused
    const responseLimit = Math.floor(Buffer.byteLength(JSON.stringify(fed.values)) / 3);
    const page = await openPane(browser.context, server.url, { sheets: example, responseLimit });
    await waitIdle(page);
    const before = await sim(page, (s) => s.syncs.length);
    await calculate(page);
    const run = runAllocation(example);
    if (!run.ok) throw new Error('problems');
    const summary = page.getByTestId('summary');
    expect((await summary.getByTestId('summary-Summa slutlig tilldelning').textContent())?.replace(/\u00a0/g, ' ')).toBe(
      formatKronor(run.result.totals.final),
    );
    const syncs = (await sim(page, (s) => s.syncs)).slice(before);
    expect(syncs.filter((x) => x.refused).length).toBeGreaterThanOrEqual(1);
    expect(syncs.filter((x) => x.refused).length).toBeLessThanOrEqual(8);
    expect(Math.max(...syncs.filter((x) => !x.refused).map((x) => x.responseBytes))).toBeLessThanOrEqual(responseLimit);
    const after = (await sim(page, (s) => s.dump())) as SheetValues[];
    const expected = applyPlanToSheets(example, run.plan);
    for (const name of ['Förbund', 'Kommunbidrag']) {
      expect(trimValues(after.find((s) => s.name === name)!.values)).toEqual(
        trimValues(expected.find((s) => s.name === name)!.values),
      );
    }
    await page.close();
  });
});

describe('layout while working', () => {
  test('the progress has its room: the view does not move when a task starts', async () => {
    const page = await openPane(browser.context, server.url, { sheets: example, syncDelayMs: 600 });
    await waitIdle(page);
    const top = () => page.evaluate(() => document.querySelector('[role=tabpanel]')!.getBoundingClientRect().top);
    const idle = await top();
    await page.getByRole('button', { name: 'Beräkna', exact: true }).click();
    await page.waitForSelector('[role=status]');
    const busy = await top();
    await screenshot(page, 'arbetar.png', false);
    expect(busy).toBe(idle);
    // the progress is inside its slot, under the tabs, and the slot does not grow
    const slot = await page.evaluate(() => {
      const r = document.querySelector('[data-testid=progress-slot]')!.getBoundingClientRect();
      const st = document.querySelector('[role=status]')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, statusTop: st.top, statusBottom: st.bottom };
    });
    expect(slot.statusTop).toBeGreaterThanOrEqual(slot.top);
    expect(slot.statusBottom).toBeLessThanOrEqual(slot.bottom);
    await page.waitForSelector('[data-testid=summary]');
    await page.waitForFunction(() => !document.querySelector('[role=status]'));
    expect(await top()).toBe(idle);
    await page.close();
  });
});

describe('a workbook without Parametrar', () => {
  test('Parametrar says the sheet is missing and offers the template; no fields; accessible', async () => {
    const sheets = example.filter((s) => s.name !== 'Parametrar');
    for (const theme of [undefined, DARK_THEME]) {
      const page = await openPane(browser.context, server.url, { sheets, ...(theme ? { theme } : {}) });
      await waitIdle(page);
      await page.getByRole('tab', { name: 'Parametrar' }).click();
      await page.getByText('Bladet Parametrar saknas – lägg in mallbladen').waitFor();
      await page.waitForFunction(() => !document.querySelector('[role=status]'));
      expect(await page.getByRole('textbox').count()).toBe(0);
      expect(await page.getByText(/saknar värde/).count()).toBe(0);
      expectNoViolations(await axeViolations(page), `Parametrar saknas${theme ? ', mörkt tema' : ''}`);
      await screenshot(page, theme ? 'parametrar-saknas-dark.png' : 'parametrar-saknas.png');
      if (!theme) {
        await page.getByRole('button', { name: 'Lägg in mallbladen' }).click();
        await page.getByRole('textbox', { name: /Statlig ram/ }).waitFor();
        expect(await sim(page, (s) => s.dump().map((x) => x.name))).toContain('Parametrar');
      }
      await page.close();
    }
  });
});
