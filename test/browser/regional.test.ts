// The production pane in headless Chromium with the simulated Excel host on the round's regional files
// (round.md §1, §3): Kontrollera in place of Beräkna on a VO file, its report as checkRegional gives it,
// a click selecting the federation's row, Förklara from Nationellt, and Beräkna refused when the open
// workbook turns out to be regional.
import type { Page } from 'playwright-core';
import { formatKronor, runAllocation, sheetOutputToValues } from '../../src/workbook';
import type { SheetValues } from '../../src/workbook/types';
import { textParameter } from '../../src/workbook/parameters';
import { splitRound } from '../../src/round/split';
import { checkRegional } from '../../src/round/check';
import { explainRegional } from '../../src/round/explain-regional';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { ensureBuilt, runCli, tempDir } from '../e2e/helpers';
import {
  axeViolations,
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
let syd: SheetValues[];

const sim = <T>(page: Page, fn: string): Promise<T> => page.evaluate(`(${fn})(window.__sim)`) as Promise<T>;
const dump = (page: Page) => sim<SheetValues[]>(page, '(s) => s.dump()');

/** VO Syd's regional file as split makes it, with answers typed for its first three federations. */
function answeredSyd(national: SheetValues[]): SheetValues[] {
  const split = splitRound(national, { timestamp: new Date(2027, 3, 1) });
  if (!split.ok) throw new Error(split.problems.map((p) => `${p.address}: ${p.message}`).join('\n'));
  const file = split.files.find((f) => f.vo === 'Syd');
  if (!file) throw new Error('no VO Syd in the example');
  const sheets = file.sheets.map(sheetOutputToValues);
  const fed = sheets.find((s) => s.name === 'Förbund')!;
  const header = fed.values.findIndex((r) => r.includes('Kommunernas möjliga bidrag (kr)'));
  const k = fed.values[header].indexOf('Kommunernas möjliga bidrag (kr)');
  const r = fed.values[header].indexOf('Regionens möjliga bidrag (kr)');
  fed.values[header + 1][k] = 1_000_000;
  fed.values[header + 1][r] = 1_200_000;
  fed.values[header + 2][k] = 9_000_000;
  fed.values[header + 2][r] = 9_000_000;
  fed.values[header + 3][k] = 500_000;
  fed.values[header + 3][r] = ''; // region blanked: an incomplete answer
  return sheets;
}

beforeAll(async () => {
  ({ server, browser } = await startPaneBrowser());
  example = await xlsxSheets(EXAMPLE);
  syd = answeredSyd(example);
});

afterAll(async () => {
  await stopPaneBrowser(browser, server);
});

function expectNoViolations(violations: { id: string; impact: string; nodes: string[] }[], view: string): void {
  if (violations.length > 0)
    throw new Error(`axe: ${view}\n${violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`).join('\n')}`);
}

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[role=status]'));
}

describe('a regional workbook (VO Syd)', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPane(browser.context, server.url, { sheets: syd });
    await page.getByRole('button', { name: 'Kontrollera', exact: true }).waitFor();
    await idle(page);
  });
  afterAll(async () => page?.close());

  test('Kontrollera replaces Beräkna; the report is checkRegional’s; nothing is written', async () => {
    expect(await page.getByRole('button', { name: 'Beräkna', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ta bort resultat' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Kontrollera' }).count()).toBe(1);
    const before = await dump(page);
    await page.getByRole('button', { name: 'Kontrollera', exact: true }).click();
    await page.getByTestId('regional-report').waitFor();
    await idle(page);
    const checked = checkRegional(syd);
    if (!checked.ok) throw new Error('the split file should check');
    const { report } = checked;
    const rows = page.getByTestId('regional-report').locator('tbody tr');
    expect(await rows.count()).toBe(report.federations.length);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.getAttribute('data-federation'),
        answered: tr.getAttribute('data-answered'),
        proposal: tr.querySelector('[data-testid=proposal]')?.textContent,
        matched: tr.querySelector('[data-testid=matched]')?.textContent,
        members: tr.querySelector('[data-testid=members]')?.textContent ?? null,
        problems: Array.from(tr.querySelectorAll('[data-testid=federation-problem]')).map((p) => p.textContent),
      })),
    );
    const nb = (s: string) => s.replace(/ /g, '\u00a0');
    expect(shown).toEqual(
      report.federations.map((f) => ({
        name: f.name,
        answered: f.answered ? 'ja' : 'nej',
        proposal: nb(formatKronor(f.proposal!)),
        matched: f.answered ? nb(formatKronor(f.matched!)) : '–',
        members: f.answered ? `Kommunerna ${nb(formatKronor(f.municipalities!))}, regionen ${nb(formatKronor(f.region!))}` : null,
        problems: f.problems.map((p) => `${p.address}: ${p.message}`),
      })),
    );
    // The typed answers: the first federation is capped by 2 × 1 000 000, the third is incomplete
    expect(report.federations[0].matched).toBe(Math.min(report.federations[0].proposal!, 2_000_000));
    // the second can match in full (2 × 9 000 000); what it hands back comes off
    expect(report.federations[1].matched).toBe(report.federations[1].proposal! - report.federations[1].returned);
    expect(report.federations[2].answered).toBe(false);
    expect(report.federations[2].problems).toHaveLength(1);
    expect(report.answeredCount).toBe(report.federations.filter((f) => f.answered).length);
    expect(await page.getByTestId('regional-head').textContent()).toContain(
      `${report.federations.length} förbund, ${report.answeredCount} har svarat`,
    );
    // Nothing written
    expect((await dump(page)).map((s) => ({ name: s.name, values: trimValues(s.values) }))).toEqual(
      before.map((s) => ({ name: s.name, values: trimValues(s.values) })),
    );
    expectNoViolations(await axeViolations(page), 'Kontrollera');
    for (const width of [320, 450]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `regional-kontrollera-${width}.png`);
    }
    await page.setViewportSize({ width: 380, height: 900 });
  });

  test('a click on a federation selects its row on Förbund', async () => {
    const checked = checkRegional(syd);
    if (!checked.ok) throw new Error('the split file should check');
    const third = checked.report.federations[2];
    await page.getByRole('button', { name: `Markera raden för ${third.name} i arbetsboken` }).click();
    await page.waitForFunction(
      (row) => (window as unknown as { __sim: { selection: { row: number } } }).__sim.selection.row === row,
      third.row,
    );
    expect(await sim(page, '(s) => s.selection')).toMatchObject({ sheet: 'Förbund', row: third.row, column: 0 });
  });

  test('Förklara explains the national proposal from Nationellt; additional funds are national', async () => {
    await page.getByRole('tab', { name: 'Förklara' }).click();
    const explained = explainRegional(syd);
    if (!explained.ok) throw new Error(explained.problems.map((p) => p.message).join('\n'));
    const first = explained.federations[0];
    await page.getByRole('combobox', { name: 'Förbund' }).click();
    await page.getByRole('option', { name: first.name, exact: true }).click();
    const table = page.getByTestId('explanation');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    const checked = checkRegional(syd);
    if (!checked.ok) throw new Error('the split file should check');
    expect(text).toContain(formatKronor(checked.report.federations[0].proposal!).replace(/ /g, ' '));
    expect(text).toContain('Beslutas nationellt');
    expect(text).toContain('Antal förbund');
    // The recomputed proposal from Nationellt's figures equals what split wrote, for every federation
    for (const [i, f] of explained.federations.entries()) {
      const proposal = f.lines.find((l) => l.label === 'Förslag (efter spärr)')!.value;
      expect(proposal).toBe(formatKronor(checked.report.federations[i].proposal!));
    }
    expectNoViolations(await axeViolations(page), 'Förklara, regional');
    for (const width of [320, 450]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `regional-forklara-${width}.png`);
    }
    await page.setViewportSize({ width: 380, height: 900 });
  });
});

describe('Beräkna on a workbook that has become regional', () => {
  test('refused at the Omfattning cell; nothing written', async () => {
    const page = await openPane(browser.context, server.url, { sheets: example });
    await page.getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
    await idle(page);
    const before = await dump(page);
    // The person types a VO into Omfattning (or the row below the parameters) after the pane has read the file
    const scope = textParameter(example, 'scope');
    const params = example.find((s) => s.name === 'Parametrar')!;
    const at = scope ?? { row: params.values.length, column: 1, address: `Parametrar!B${params.values.length + 1}` };
    if (!scope) await sim(page, `(s) => s.userTypes('Parametrar', ${at.row}, 0, 'Omfattning')`);
    await sim(page, `(s) => s.userTypes('Parametrar', ${at.row}, ${at.column}, 'Syd')`);
    const typed = await dump(page);
    await page.getByRole('button', { name: 'Beräkna', exact: true }).click();
    await page.getByTestId('problem-list').waitFor();
    await idle(page);
    const national = runAllocation(example);
    if (!national.ok) throw new Error('the example should run');
    const count = national.result.federationCount;
    const items = await page.getByTestId('problem-list').getByRole('listitem').allTextContents();
    expect(items).toEqual([
      // the cell (a link) and the message beside it (ProblemList)
      `${at.address}Arbetsboken gäller bara VO Syd (${count} förbund); fördelningen beräknas i den nationella arbetsboken`,
    ]);
    expect(before.length).toBe(typed.length);
    expect((await dump(page)).map((s) => trimValues(s.values))).toEqual(typed.map((s) => trimValues(s.values)));
    await page.close();
  });
});

/** The split files of the example with answers typed into VO Syd's and VO Väst's, written with exceljs. */
async function answeredFiles(dir: string): Promise<string[]> {
  const r = runCli(['split', EXAMPLE, '--out-dir', dir]);
  if (r.status !== 0) throw new Error(r.stderr);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  const answered: string[] = [];
  for (const [n, name] of ['VO Syd.xlsx', 'VO Väst.xlsx'].entries()) {
    const file = path.join(dir, name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Förbund')!;
    let headerRow = 0;
    ws.eachRow((row, i) => {
      if (!headerRow && row.values && (row.values as unknown[]).includes('Kommunernas möjliga bidrag (kr)')) headerRow = i;
    });
    const header = ws.getRow(headerRow).values as unknown[];
    const k = header.indexOf('Kommunernas möjliga bidrag (kr)');
    const reg = header.indexOf('Regionens möjliga bidrag (kr)');
    const when = header.indexOf('Svar inkommit');
    for (let i = 1; i <= 2; i++) {
      const row = ws.getRow(headerRow + i);
      row.getCell(k).value = 700_000 + 100_000 * n + i;
      row.getCell(reg).value = 900_000 + i;
      row.getCell(when).value = '2027-05-2' + String(i);
    }
    await wb.xlsx.writeFile(file);
    answered.push(file);
  }
  expect(files).toContain('VO Syd.xlsx');
  return answered;
}

describe('Hämta svar on the national workbook', () => {
  test('files chosen through the file input merge into the workbook as `finsam merge` writes them', async () => {
    ensureBuilt();
    const dir = tempDir('finsam-pane-merge-');
    const files = await answeredFiles(dir);
    const out = path.join(dir, 'nationell-med-svar.xlsx');
    const cli = runCli(['merge', EXAMPLE, ...files, '--out', out]);
    if (cli.status !== 0) throw new Error(cli.stderr);
    const expected = await xlsxSheets(out);

    const page = await openPane(browser.context, server.url, { sheets: example });
    await page.getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
    await idle(page);
    await page.getByRole('tab', { name: 'Omgång' }).click();
    await page.getByTestId('answer-files').setInputFiles(files);
    await page.getByTestId('merge-summary').waitFor({ timeout: 60_000 });
    await idle(page);
    expect(await page.getByTestId('files-read').textContent()).toBe('Lästa filer: VO Syd.xlsx, VO Väst.xlsx');
    const after = await dump(page);
    const byName = (sheets: SheetValues[], name: string) => sheets.find((x) => x.name === name)!;
    expect(trimValues(byName(after, 'Förbund').values)).toEqual(trimValues(byName(expected, 'Förbund').values));
    // The log: the same rows but for Tidpunkt (the pane and the command line ran at different times)
    const log = (sheets: SheetValues[]) => trimValues(byName(sheets, 'Svar').values).map((r) => r.slice(1));
    expect(log(after)).toEqual(log(expected));
    expect(log(after).length).toBeGreaterThan(1);
    for (const width of [320, 450]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `regional-hamta-svar-${width}.png`);
    }
    expectNoViolations(await axeViolations(page), 'Hämta svar');
    await page.close();
  });

  test('a file from another national version: every problem with its file, nothing written', async () => {
    ensureBuilt();
    const dir = tempDir('finsam-pane-merge-bad-');
    const files = await answeredFiles(dir);
    const sheets: SheetValues[] = JSON.parse(JSON.stringify(example));
    const params = sheets.find((x) => x.name === 'Parametrar')!;
    const budgetRow = params.values.findIndex((r) => String(r[0]).startsWith('Statlig ram'));
    params.values[budgetRow][1] = Number(params.values[budgetRow][1]) + 1_000_000;
    const page = await openPane(browser.context, server.url, { sheets });
    await page.getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
    await idle(page);
    const before = await dump(page);
    await page.getByRole('tab', { name: 'Omgång' }).click();
    await page.getByTestId('answer-files').setInputFiles(files);
    await page.getByTestId('merge-problems').waitFor({ timeout: 60_000 });
    await idle(page);
    const problems = await page.getByTestId('merge-problems').getByRole('listitem').allTextContents();
    expect(problems.some((t) => t.startsWith('VO Syd.xlsx'))).toBe(true);
    expect(problems.some((t) => t.startsWith('VO Väst.xlsx'))).toBe(true);
    expect((await dump(page)).map((x) => trimValues(x.values))).toEqual(before.map((x) => trimValues(x.values)));
    await page.close();
  });
});

describe('Dela upp', () => {
  test('one file per VO made in the browser, each the same workbook as `finsam split` writes', async () => {
    const page = await openPane(browser.context, server.url, { sheets: example });
    await page.getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
    await idle(page);
    await page.getByRole('tab', { name: 'Omgång' }).click();
    await page.getByRole('button', { name: 'Dela upp', exact: true }).click();
    await page.getByTestId('split-files').waitFor({ timeout: 60_000 });
    await idle(page);
    const split = splitRound(example, { timestamp: new Date() });
    if (!split.ok) throw new Error('the example should split');
    const links = page.getByTestId('split-files').getByRole('link');
    expect(await links.count()).toBe(split.files.length);
    const dir = tempDir('finsam-pane-split-');
    const [download] = await Promise.all([page.waitForEvent('download'), links.first().click()]);
    expect(download.suggestedFilename()).toBe(split.files[0].fileName);
    const saved = path.join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const got = await xlsxSheets(saved);
    const want = split.files[0].sheets.map(sheetOutputToValues);
    expect(got.map((x) => x.name)).toEqual(want.map((x) => x.name));
    for (const sheet of want.filter((x) => x.name !== 'Instruktioner')) {
      expect(trimValues(got.find((x) => x.name === sheet.name)!.values)).toEqual(trimValues(sheet.values));
    }
    for (const width of [320, 450]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `regional-dela-upp-${width}.png`);
    }
    await page.setViewportSize({ width: 380, height: 900 });
    await page.close();
  });
});
