// Browser tests of the production build: a static server for dist/, headless Chromium through
// playwright-core (the system's /usr/bin/chromium; never a downloaded browser), and the simulated
// Excel host served in place of Microsoft's office.js.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { readSheets } from '../../src/cli/xlsx';
import type { CellValue, SheetValues } from '../../src/workbook/types';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const CHROMIUM = '/usr/bin/chromium';
export const EXAMPLE = path.join(ROOT, 'assets', 'exempel-medelstilldelning.xlsx');
export const RESULTS = path.join(ROOT, 'test-results');
const SIM = path.join(__dirname, 'sim', 'office-sim.js');
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Task-pane sized viewport (Excel's pane is about 350 px wide). */
export const VIEWPORT = { width: 380, height: 900 };

/** Fails (never skips) when the system Chromium is missing. */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Webbläsartesterna behöver Chromium i ${CHROMIUM}, men den finns inte. Installera den med ` +
        '`apt-get update && apt-get install -y chromium` (ladda inte ner någon webbläsare med playwright).',
    );
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(tsx?|html)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** dist/ holds a task pane built after the last change to src/, the manifest or the webpack config. */
function distIsBuilt(): boolean {
  const html = path.join(DIST, 'taskpane.html');
  if (!fs.existsSync(html) || !fs.readdirSync(DIST).some((f) => /^taskpane\..*\.js$/.test(f))) return false;
  const built = fs.statSync(html).mtimeMs;
  const inputs = [
    newestSource(path.join(ROOT, 'src')),
    ...['manifest.xml', 'webpack.config.js'].map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs),
  ];
  return inputs.every((t) => t <= built);
}

/**
 * Builds the production task pane (webpack --mode production) when dist/ is missing or older than
 * the sources (`npm test` builds first anyway); guarded by a lock across workers.
 */
export function ensureDist(): void {
  if (distIsBuilt()) return;
  const lock = path.join(os.tmpdir(), 'finsam-dist-build.lock');
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('timeout waiting for the dist/ build lock');
      spawnSync('sleep', ['1']);
      if (distIsBuilt()) return;
    }
  }
  try {
    if (distIsBuilt()) return;
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`webpack misslyckades:\n${r.stdout}\n${r.stderr}`);
  } finally {
    fs.rmdirSync(lock);
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static http server for dist/ on 127.0.0.1 and a random port. */
export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The static server for dist/ (serveDist). */
export type PaneServer = { url: string; close: () => Promise<void> };
/** Headless Chromium (launchBrowser). */
export type PaneBrowser = { context: BrowserContext; close: () => Promise<void> };

/**
 * What every browser test starts with: Chromium present, dist/ built, dist/ served and Chromium launched.
 * `stop` closes both (either may be missing when the start failed).
 */
export async function startPaneBrowser(): Promise<{ server: PaneServer; browser: PaneBrowser }> {
  requireChromium();
  ensureDist();
  const server = await serveDist();
  const browser = await launchBrowser();
  return { server, browser };
}

export async function stopPaneBrowser(browser: PaneBrowser | undefined, server: PaneServer | undefined): Promise<void> {
  await browser?.close();
  await server?.close();
}

/** Headless Chromium with a fresh user-data-dir; close() removes it. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  requireChromium();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    locale: 'sv-SE',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface SimInit {
  sheets: SheetValues[];
  theme?: {
    bodyBackgroundColor: string;
    bodyForegroundColor: string;
    controlBackgroundColor: string;
    controlForegroundColor: string;
  };
  selection?: { sheet: string; row: number; column: number };
  /** Largest response of a sync in bytes (default 5 MB, as Excel on the web) */
  responseLimit?: number;
  /** Every sync waits this long (to look at the pane while it works) */
  syncDelayMs?: number;
  /** onChanged events carry triggerSource (ExcelApi 1.14); without it, as older hosts, they do not */
  triggerSource?: boolean;
}

export const DARK_THEME = {
  bodyBackgroundColor: '#1f1f1f',
  bodyForegroundColor: '#ffffff',
  controlBackgroundColor: '#292929',
  controlForegroundColor: '#ffffff',
};

/**
 * Opens the production task pane with the simulated Excel host holding `init.sheets`. Every request
 * outside the local server is refused, except office.js, which is answered with the simulator.
 */
export async function openPane(context: BrowserContext, baseUrl: string, init: SimInit): Promise<Page> {
  const page = await context.newPage();
  const sim = fs.readFileSync(SIM, 'utf8');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) {
      return route.fulfill({
        status: 200,
        contentType: 'application/javascript',
        body: `window.__SIM_INIT__ = ${JSON.stringify(init)};\n${sim}`,
      });
    }
    if (url.startsWith(baseUrl)) return route.continue();
    return route.abort();
  });
  await page.goto(`${baseUrl}/taskpane.html`);
  return page;
}

/** Microsoft's office.js and the files it loads, from the @microsoft/office-js package (never the CDN). */
const OFFICE_JS_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const OFFICE_JS_BASE = OFFICE_JS.slice(0, OFFICE_JS.lastIndexOf('/') + 1);

/**
 * Opens the production task pane with Microsoft's own office.js (the @microsoft/office-js copy) in a
 * plain browser page, i.e. outside any Office host. Requests under the CDN's folder are answered from
 * the package; every other request outside the local server is refused. Returns the page and the
 * outside addresses it asked for.
 */
export async function openPaneWithOfficeJs(context: BrowserContext, baseUrl: string): Promise<{ page: Page; refused: string[] }> {
  const page = await context.newPage();
  const refused: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl)) return route.continue();
    if (url.startsWith(OFFICE_JS_BASE)) {
      const file = path.normalize(path.join(OFFICE_JS_DIST, url.slice(OFFICE_JS_BASE.length).split('?')[0]));
      if (file.startsWith(OFFICE_JS_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return route.fulfill({ status: 200, contentType: 'application/javascript', body: fs.readFileSync(file) });
      }
    }
    refused.push(url);
    return route.abort();
  });
  await page.goto(`${baseUrl}/taskpane.html`);
  return { page, refused };
}

/** The sheets of an .xlsx file as the command line reads them. */
export async function xlsxSheets(file: string): Promise<SheetValues[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return readSheets(wb);
}

/**
 * Runs axe-core in the page (the package's own build, injected) and returns its violations. Tabster's
 * focus "dummy" elements (<i data-tabster-dummy tabindex=0 aria-hidden>, inserted by Fluent UI v9's
 * TabList, Dialog, List) are left out: they only pass focus on, and are a documented false positive of
 * aria-hidden-focus (microsoft/tabster#288, microsoft/fluentui#27517 "By Design"; Accessibility
 * Insights suppresses them too). Everything else is checked, colour contrast included.
 */
export async function axeViolations(page: Page, selector = 'body'): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through the DevTools protocol, not added as a <script>: the pane's Content-Security-Policy
  // refuses inline scripts (as it should), and the test must not weaken it
  if (!has) await page.evaluate(`${fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')}\n;void 0`);
  return page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({ include: [[sel]], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, selector);
}

/** Values trimmed of trailing empty cells and rows. */
export function trimValues(values: CellValue[][]): CellValue[][] {
  const rows = values.map((r) => {
    const out = r.map((v) => (v === null ? '' : v));
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/** The page as a person scrolls it, at most the first 1 600 px (a long chart would make it unreadable). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, name);
  const size = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  const clip = fullPage ? { x: 0, y: 0, width: size.width, height: Math.min(size.height, 1600) } : undefined;
  await page.screenshot({ path: file, fullPage, ...(clip ? { clip } : {}) });
  return file;
}

/** A word broken over two lines: the word, its element and the lines it takes. */
export interface BrokenWord {
  word: string;
  element: string;
  lines: number;
}

/**
 * Every word of the visible page that the browser broke over more than one line. A "word" is what may
 * not be broken: a run of characters without an ordinary space, cut only after a hyphen, a dash or a
 * slash (so "15 000 000 kr" with its non-breaking spaces is one word). Each word's lines are counted from
 * Range.getClientRects of its characters (boxes on distinct lines, by their vertical middle).
 */
export async function brokenWords(page: Page): Promise<BrokenWord[]> {
  return page.evaluate(() => {
    const out: { word: string; element: string; lines: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const token = /[^ \t\n\r\u200b\-\u2010\u2013\u2014/]+[-\u2010\u2013\u2014/]?/g;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || !text.trim() || parent.closest('script,style,[hidden]')) continue;
      for (const m of text.matchAll(token)) {
        range.setStart(node, m.index ?? 0);
        range.setEnd(node, (m.index ?? 0) + m[0].length);
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
        const middles: number[] = [];
        for (const r of rects) {
          const mid = r.top + r.height / 2;
          if (!middles.some((y) => Math.abs(y - mid) < r.height / 2)) middles.push(mid);
        }
        if (middles.length > 1)
          out.push({
            word: m[0],
            element: `${parent.tagName.toLowerCase()}.${parent.className}`.slice(0, 80),
            lines: middles.length,
          });
      }
    }
    return out;
  });
}

/** How many lines the text of an element takes (its text's boxes on distinct lines). */
export async function textLines(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const middles: number[] = [];
      for (const r of Array.from(range.getClientRects()).filter((x) => x.width > 0 && x.height > 0)) {
        const mid = r.top + r.height / 2;
        if (!middles.some((y) => Math.abs(y - mid) < r.height / 2)) middles.push(mid);
      }
      return middles.length;
    });
}

/** The rows the visible children of an element take (distinct tops of its element children's boxes). */
export async function childRows(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const tops: number[] = [];
      for (const child of Array.from(el.children)) {
        const r = child.getBoundingClientRect();
        // hidden children, and focus helpers of 1 px (Tabster's dummies), take no room of the row
        if (r.width <= 1 || r.height <= 1) continue;
        if (!tops.some((t) => Math.abs(t - r.top) < r.height / 2)) tops.push(r.top);
      }
      return tops.length;
    });
}

/** The simulated workbook's sheets as they are now (values from A1). */
export function simSheets(page: Page): Promise<SheetValues[]> {
  return page.evaluate('window.__sim.dump()') as Promise<SheetValues[]>;
}

/** The pane on Beräkna, idle: its button shown and enabled, no task's progress label. */
export async function waitIdle(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Beräkna', exact: true }).waitFor();
  await page.waitForFunction(() => {
    const b = Array.from(document.querySelectorAll('button')).find((x) => x.textContent === 'Beräkna');
    return b !== undefined && !b.disabled && !document.querySelector('[role=status]');
  });
}

/**
 * Presses the button (Beräkna, or Beräkna igen) and waits until the run has ended: its summary, its
 * problems or its failed write shown, and no task's progress label left.
 */
export async function calculate(page: Page, name = 'Beräkna'): Promise<void> {
  await page.getByRole('button', { name, exact: true }).first().click();
  await page.waitForSelector('[data-testid=summary], [data-testid=problem-list], [data-testid=write-failed]');
  await page.waitForFunction(() => !document.querySelector('[role=status]'));
}
