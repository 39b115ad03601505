// Förklara in headless Chromium with the simulated Excel host and the bundled example workbook: the
// statement's sections at 320 and 450 px with no word broken inside (checked word by word with
// Range.getClientRects, screenshots in test-results/), the PDF saved from the pane (loaded on demand,
// downloaded as a file, its text read with pdftotext), and the notice when the sheet differs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { federationStatement, statementFileName } from '../../src/documents';
import { columnLetters, runAllocation } from '../../src/workbook';
import type { CellValue, SheetValues } from '../../src/workbook/types';
import { tempDir } from '../e2e/helpers';
import {
  axeViolations,
  EXAMPLE,
  openPane,
  type PaneBrowser,
  type PaneServer,
  screenshot,
  simSheets,
  startPaneBrowser,
  stopPaneBrowser,
  xlsxSheets,
} from './helpers';

jest.setTimeout(240_000);

let server: PaneServer;
let browser: PaneBrowser;
let example: SheetValues[];
let page: Page;
const requests: string[] = [];

type SimSheet = { name: string; values: CellValue[][]; set(r: number, c: number, v: CellValue): void };
type Sim = { sheets: SimSheet[]; dump(): SheetValues[] };

async function ready(p: Page): Promise<void> {
  await p.waitForFunction(() => {
    const b = Array.from(document.querySelectorAll('button')).find((x) => x.textContent === 'Beräkna');
    return b !== undefined && !b.disabled && !document.querySelector('[role=status]');
  });
}

async function quiet(p: Page): Promise<void> {
  await p.waitForFunction(() => !document.querySelector('[role=status]'));
}

async function editCell(p: Page, sheet: string, row: number, column: number, value: CellValue): Promise<void> {
  await p.evaluate(
    ([s, r, c, v]) =>
      (window as unknown as { __sim: Sim }).__sim.sheets.find((x) => x.name === s)!.set(r as number, c as number, v as CellValue),
    [sheet, row, column, value] as const,
  );
}

async function pick(p: Page, name: string): Promise<void> {
  const combo = p.getByRole('combobox', { name: 'Förbund' });
  await combo.click();
  await combo.fill(name.slice(0, 10));
  await p.getByRole('option', { name, exact: true }).click();
  await p.getByRole('heading', { name: `Beräkningen för ${name}` }).waitFor();
}

/**
 * Every word of every text node in the explanation, with the lines it is laid out on: a word on more
 * than one line is broken inside. Words are split at breakable white space only (a no-break space
 * keeps "1 800 000 kr" one word). Also whether anything is wider than the pane.
 */
async function layoutCheck(p: Page): Promise<{ words: number; broken: string[]; overflow: number }> {
  return p.evaluate(() => {
    const root = document.querySelector('[data-testid=explanation]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const broken: string[] = [];
    let words = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      for (const m of text.matchAll(/[^ \t\n\r]+/g)) {
        words++;
        const range = document.createRange();
        range.setStart(n, m.index!);
        range.setEnd(n, m.index! + m[0].length);
        const tops = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.width > 0.5)
            .map((r) => Math.round(r.top)),
        );
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    return { words, broken, overflow };
  });
}

beforeAll(async () => {
  ({ server, browser } = await startPaneBrowser());
  example = await xlsxSheets(EXAMPLE);
  page = await openPane(browser.context, server.url, { sheets: example });
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await ready(page);
  // A run written to the sheet, as a federation receives the file
  await page.getByRole('button', { name: 'Beräkna', exact: true }).click();
  await page.waitForSelector('[data-testid=summary]');
  await ready(page);
  await page.getByRole('tab', { name: 'Förklara' }).click();
  await quiet(page);
});

afterAll(async () => {
  await page?.close();
  await stopPaneBrowser(browser, server);
});

const run = () => {
  const r = runAllocation(example);
  if (!r.ok) throw new Error('the example must run');
  return r;
};

describe('Förklara at 320 and 450 px', () => {
  test.each([320, 450])(
    '%i px: the statement’s sections, answer first; no word broken inside, nothing wider than the pane',
    async (width) => {
      await page.setViewportSize({ width, height: 900 });
      const r = run();
      // one lifted to its spärrnivå, one cut by matching, one granted only part of its application
      const byCode = (code: string) => r.result.federations.find((f) => f.warnings.some((w) => w.code === code));
      const chosen = [byCode('SPÄRR'), byCode('MATCHNING'), byCode('YTTERLIGARE_DELVIS'), r.result.federations[0]]
        .filter((f) => f !== undefined)
        .map((f) => f!.name);
      expect(chosen.length).toBeGreaterThanOrEqual(2);
      for (const name of [...new Set(chosen)]) {
        await pick(page, name);
        const statement = federationStatement(r.result, name, { input: r.input });
        // the sections in the statement's order, each line's label and value as the statement has them
        const shown = await page.getByTestId('explanation').evaluate((el) =>
          Array.from(el.querySelectorAll('dl')).map((dl) => ({
            id: dl.getAttribute('data-section'),
            lines: Array.from(dl.children).map((row) => [
              row.querySelector('dt')?.textContent ?? '',
              (row.querySelector('dd[data-part=value]')?.textContent ?? '').replace(/\u00a0/g, ' '),
            ]),
          })),
        );
        expect(shown).toEqual(statement.sections.map((s) => ({ id: s.id, lines: s.lines.map((l) => [l.label, l.value]) })));
        expect(shown[0].id).toBe('svar');
        const answer = (await page.getByTestId('answer').textContent())!.replace(/\u00a0/g, ' ');
        expect(answer).toContain(statement.answer.value);
        expect(answer).toContain(statement.answer.summary);
        // no warning code, and the retired word nowhere
        const text = (await page.getByTestId('explanation').textContent())!;
        for (const f of r.result.federations.find((x) => x.name === name)!.warnings) expect(text).not.toContain(f.code);
        expect(text.toLowerCase()).not.toContain('spärrgolv');
        const check = await layoutCheck(page);
        expect(check.words).toBeGreaterThan(150);
        expect(check.broken).toEqual([]);
        expect(check.overflow).toBeLessThanOrEqual(0);
      }
      await pick(page, chosen[0]);
      await screenshot(page, `forklara-${width}.png`);
      if (width === 320) {
        const violations = await axeViolations(page);
        expect(violations.map((v) => `${v.id}: ${v.nodes.join(', ')}`)).toEqual([]);
      }
    },
  );
});

test('Spara underlaget som PDF: pdf-lib loads only then; the file is the statement, with the final allocation as written', async () => {
  await page.setViewportSize({ width: 380, height: 900 });
  const r = run();
  const f = r.result.federations.find((x) => x.warnings.length > 0) ?? r.result.federations[1];
  await pick(page, f.name);
  const scripts = () => requests.filter((u) => u.endsWith('.js') && !u.endsWith('office.js'));
  const before = scripts();
  expect(before.some((u) => /pdf/.test(u))).toBe(false);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Spara underlaget som PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(statementFileName(federationStatement(r.result, f.name)));
  const dir = tempDir();
  const file = path.join(dir, 'underlag.pdf');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // the PDF chunk (and pdf-lib's) loaded now, from the pane's own server (openPane refuses any other)
  const added = scripts().filter((u) => !before.includes(u));
  expect(added.some((u) => /^\/pdf\.[0-9a-f]+\.js$/.test(u))).toBe(true);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  expect(squash(text)).toContain(squash(f.name));
  // the final allocation as the sheet holds it after the run
  const sheet = (await simSheets(page)).find((s) => s.name === 'Förbund')!;
  const col = sheet.values[r.layout.federationSheet.headerRow].indexOf('Slutlig tilldelning (kr)');
  const written = sheet.values[r.layout.federationSheet.dataRows[f.index]][col] as number;
  expect(written).toBe(f.rounded.final.toNumber());
  expect(text).toContain(`${String(written).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`);
  for (const w of f.warnings) expect(squash(text)).toContain(squash(w.text));
  await page.getByTestId('pdf-saved').waitFor();
  expect(await page.getByTestId('pdf-saved').textContent()).toContain(download.suggestedFilename());
  fs.rmSync(dir, { recursive: true, force: true });
});

test('after the sheet is edited, Förklara names the cells that differ; after Beräkna the notice is gone', async () => {
  await page.setViewportSize({ width: 320, height: 900 });
  const r = run();
  const f = r.result.federations[2];
  await pick(page, f.name);
  expect(await page.getByTestId('sheet-differs').count()).toBe(0);
  const fs0 = r.layout.federationSheet;
  const sheet = (await simSheets(page)).find((s) => s.name === 'Förbund')!;
  const header = sheet.values[fs0.headerRow];
  const finalCol = header.indexOf('Slutlig tilldelning (kr)');
  const row = fs0.dataRows[f.index];
  // someone types another final allocation into the sheet
  await editCell(page, 'Förbund', row, finalCol, f.rounded.final.toNumber() + 100_000);
  await page.getByRole('button', { name: 'Läs om arbetsboken' }).click();
  await quiet(page);
  const notice = page.getByTestId('sheet-differs');
  await notice.waitFor();
  const text = (await notice.textContent())!.replace(/\u00a0/g, ' ');
  const kr = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`;
  expect(text).toContain('Bladet Förbund visar en annan siffra än beräkningen här.');
  expect(text).toContain(
    `Slutlig tilldelning i Förbund!${columnLetters(finalCol)}${row + 1}: ${kr(f.rounded.final.toNumber() + 100_000)} på bladet, ${kr(f.rounded.final.toNumber())} enligt beräkningen`,
  );
  expect((await layoutCheck(page)).broken).toEqual([]);
  await screenshot(page, 'forklara-avvikelse-320.png');

  // Beräkna writes the run again: the sheet holds what Förklara computes
  await page.getByRole('tab', { name: 'Beräkna' }).click();
  await page.getByRole('button', { name: 'Beräkna', exact: true }).click();
  await page.waitForSelector('[data-testid=summary]');
  await ready(page);
  await page.getByRole('tab', { name: 'Förklara' }).click();
  await page.getByRole('button', { name: 'Läs om arbetsboken' }).click();
  await quiet(page);
  await page.getByRole('heading', { name: `Beräkningen för ${f.name}` }).waitFor();
  expect(await page.getByTestId('sheet-differs').count()).toBe(0);
});
