// Benchmark of the Excel add-in, measured on the production build (dist/) in headless Chromium with
// the simulated Excel host (test/browser/sim):
//   sync_calls_80 / sync_calls_5000  context.sync calls of one whole "Beräkna" run (read + write),
//                                    for 80 and 5 000 federations (~2 areas each)
//   taskpane_bundle_gzip_kb          gzipped size of the task pane's initial JS: every script of our own
//                                    that dist/taskpane.html loads at start (the entry's chunks, whatever
//                                    their hashed names, and browser-check.js; office.js is Microsoft's)
//   taskpane_lazy_gzip_kb            gzipped size of all the chunks loaded on demand (the views other than
//                                    Beräkna, the summary, exceljs for the round, pdf-lib for the PDF)
//   first_interactive_ms             navigation → "Beräkna" enabled, example workbook, median of 3
// Targets: ≤ 3 syncs for both sizes, initial bundle ≤ 250 KB (issue 10), < 1 500 ms. The sizes of each
// file, and a line when the initial bundle is over its budget, go to stderr (stdout stays one JSON line).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import type { SheetValues } from '../src/workbook/types';
import { DIST, EXAMPLE, ensureDist, launchBrowser, openPane, serveDist, xlsxSheets } from '../test/browser/helpers';
import { syntheticSheets } from '../test/addin/generate';

const buttonEnabled = () => {
  const b = Array.from(document.querySelectorAll('button')).find((x) => x.textContent === 'Beräkna');
  return b !== undefined && !b.disabled && !document.querySelector('[role=status]');
};

async function syncsOfRun(context: BrowserContext, url: string, sheets: SheetValues[]): Promise<number> {
  const page = await openPane(context, url, { sheets });
  try {
    await page.waitForFunction(buttonEnabled, undefined, { timeout: 60_000 });
    const before = await page.evaluate(() => (window as unknown as { __sim: { syncs: unknown[] } }).__sim.syncs.length);
    await page.getByRole('button', { name: 'Beräkna', exact: true }).click();
    await page.waitForSelector('[data-testid=summary], [data-testid=problem-list]', { timeout: 120_000 });
    await page.waitForFunction(buttonEnabled, undefined, { timeout: 120_000 });
    if (await page.$('[data-testid=problem-list]')) throw new Error('the synthetic workbook has problems');
    const after = await page.evaluate(() => (window as unknown as { __sim: { syncs: unknown[] } }).__sim.syncs.length);
    return after - before;
  } finally {
    await page.close();
  }
}

async function firstInteractive(context: BrowserContext, url: string, sheets: SheetValues[]): Promise<number> {
  const page: Page = await openPane(context, url, { sheets });
  try {
    // performance.now() counts from the navigation's start
    const handle = await page.waitForFunction(
      () => {
        const b = Array.from(document.querySelectorAll('button')).find((x) => x.textContent === 'Beräkna');
        return b !== undefined && !b.disabled && !document.querySelector('[role=status]') ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    return Number(await handle.jsonValue());
  } finally {
    await page.close();
  }
}

/** The pane's initial bundle budget (issue 10): KB gzipped of what taskpane.html loads at start. */
export const INITIAL_BUNDLE_BUDGET_KB = 250;

/** The src of every <script> in an HTML page, quoted or not (the production build minifies the HTML). */
export function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*?\ssrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Our own scripts that taskpane.html loads at start: the entry's chunks and browser-check.js (not office.js). */
function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  const scripts = scriptSources(html).filter((src) => !/^(https?:)?\/\//.test(src));
  if (!scripts.some((src) => /^taskpane\..*\.js$/.test(src))) {
    throw new Error(`dist/taskpane.html laddar inget taskpane.*.js (skript: ${scripts.join(', ') || 'inga'})`);
  }
  for (const src of scripts) if (!fs.existsSync(path.join(DIST, src))) throw new Error(`dist/${src} saknas`);
  return scripts;
}

const gzipBytes = (file: string): number => zlib.gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;
const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/** The initial and the lazy scripts, gzipped; each file's size written to stderr. */
export function bundleGzipKb(): { initial: number; lazy: number } {
  const initial = initialScripts();
  // Every other script in dist/ is a chunk webpack loads on demand (commands.js is the ribbon's page, not the pane's)
  const lazy = fs
    .readdirSync(DIST)
    .filter((f) => f.endsWith('.js') && !initial.includes(f) && f !== 'commands.js')
    .sort();
  const sizes = new Map([...initial, ...lazy].map((f) => [f, gzipBytes(f)]));
  const total = (files: string[]) => files.reduce((sum, f) => sum + (sizes.get(f) ?? 0), 0);
  const list = (files: string[]) =>
    [...files]
      .sort((a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0))
      .map((f) => `${f} ${kb(sizes.get(f) ?? 0)}`)
      .join(', ');
  const result = { initial: kb(total(initial)), lazy: kb(total(lazy)) };
  process.stderr.write(`taskpane, vid start (KB gzip): ${list(initial)}\n`);
  process.stderr.write(`taskpane, vid behov (KB gzip): ${list(lazy)}\n`);
  if (result.initial > INITIAL_BUNDLE_BUDGET_KB) {
    process.stderr.write(`ÖVER BUDGET: taskpane_bundle_gzip_kb ${result.initial} > ${INITIAL_BUNDLE_BUDGET_KB} KB (issue 10)\n`);
  }
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchAddin(): Promise<Record<string, number>> {
  ensureDist();
  const server = await serveDist();
  const browser = await launchBrowser();
  try {
    const sync_calls_80 = await syncsOfRun(browser.context, server.url, syntheticSheets(80));
    const sync_calls_5000 = await syncsOfRun(browser.context, server.url, syntheticSheets(5000));
    const example = await xlsxSheets(EXAMPLE);
    const bundle = bundleGzipKb();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await firstInteractive(browser.context, server.url, example));
    return {
      sync_calls_80,
      sync_calls_5000,
      taskpane_bundle_gzip_kb: bundle.initial,
      taskpane_lazy_gzip_kb: bundle.lazy,
      first_interactive_ms: Math.round(median(times)),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (require.main === module) {
  benchAddin()
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    });
}
