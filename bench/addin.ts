// Benchmark of the Excel add-in, measured on the production build (dist/) in headless Chromium with
// the simulated Excel host (test/browser/sim):
//   sync_calls_80 / sync_calls_5000  context.sync calls of one whole "Beräkna" run (read + write),
//                                    for 80 and 5 000 federations (~2 areas each)
//   taskpane_bundle_gzip_kb          gzipped size of the task pane's initial JS: the scripts taskpane.html
//                                    loads (office.js is not bundled); lazy chunks are not in it
//   taskpane_lazy_gzip_kb            gzipped size of the chunks loaded on demand (pdf-lib for Förklara's PDF)
//   first_interactive_ms             navigation → "Beräkna" enabled, example workbook, median of 3
// Targets: ≤ 3 syncs for both sizes, initial bundle < 250 KB, < 1 500 ms.
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

/** The bundle's own scripts that taskpane.html loads (not browser-check.js, not office.js). */
function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  return [...html.matchAll(/<script[^>]*src="([^"]+\.js)"/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src) && src !== 'browser-check.js');
}

function gzipKb(files: string[]): number {
  const bytes = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

function bundleGzipKb(): { initial: number; lazy: number } {
  const initial = initialScripts();
  const lazy = fs
    .readdirSync(DIST)
    .filter((f) => /\.js$/.test(f) && !initial.includes(f) && !/^(browser-check|commands)\.js$/.test(f));
  return { initial: gzipKb(initial), lazy: gzipKb(lazy) };
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
