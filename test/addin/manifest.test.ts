// The add-in manifest: parsed by office-addin-manifest (offline), Excel host, https URLs, icons of the
// right pixel sizes, Microsoft's element order, the requirement set the adapter really needs, and the
// production URL substituted by the webpack build.
import * as fs from 'node:fs';
import * as path from 'node:path';

// office-addin-manifest loads, for JSON (Teams) manifests only, packages that are ES modules Jest's
// CommonJS runtime cannot load (@microsoft/app-manifest, uuid 14); reading an XML manifest needs neither.
jest.mock('@microsoft/app-manifest', () => ({}));
jest.mock('../../node_modules/office-addin-manifest/node_modules/uuid/dist-node/index.js', () => ({
  v4: () => '00000000-0000-4000-8000-000000000000',
}));

import { OfficeAddinManifest } from 'office-addin-manifest';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const xml = fs.readFileSync(MANIFEST, 'utf8');

/** Names of the child elements of the root element, in order (comments removed). */
function rootChildren(text: string): string[] {
  const body = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([\w:.-]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (closing) {
      depth--;
      continue;
    }
    if (depth === 1) names.push(name);
    if (!selfClosing) depth++;
  }
  return names;
}

/** Width and height of a PNG file (IHDR). */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest.xml', () => {
  test('office-addin-manifest reads it: a task-pane add-in for Excel (Workbook), ReadWriteDocument', async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.displayName).toBe('Finsam medelstilldelning');
    expect(info.defaultLocale).toBe('sv-SE');
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultSettings?.sourceLocation).toBe('https://localhost:3000/taskpane.html');
    expect(info.appDomains ?? []).toEqual([]);
  });

  test('OfficeApp children follow Microsoft’s documented order', () => {
    // learn.microsoft.com/javascript/api/manifest/officeapp (schema OfficeAppManifestv1.1, xs:sequence)
    const documented = [
      'Id',
      'AlternateId',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ];
    const children = rootChildren(xml);
    expect(children).toEqual([
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ]);
    const positions = children.map((c) => documented.indexOf(c));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test('every URL is https on our own origin; no app domains', () => {
    // Every URL-valued setting (xmlns schema names aside)
    const body = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/xmlns(:\w+)?="[^"]*"/g, '');
    const urls = [...body.matchAll(/[a-z]+:\/\/[^"<\s]+/gi)].map((m) => m[0]);
    expect(urls.length).toBe(10);
    for (const u of urls) expect(u.startsWith('https://localhost:3000/') || u === 'https://localhost:3000').toBe(true);
    expect(xml).not.toMatch(/<AppDomains?>/);
  });

  test('a Home-tab ribbon group "Finsam" with a "Medelstilldelning" button that shows the task pane', () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
    expect(xml).toMatch(/<bt:String id="Group.Label" DefaultValue="Finsam"\/>/);
    expect(xml).toMatch(/<bt:String id="TaskpaneButton.Label" DefaultValue="Medelstilldelning"\/>/);
    expect(xml).toMatch(
      /<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>[^<]+<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\/>/,
    );
    expect(xml).toMatch(/<bt:Url id="Taskpane.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
  });

  test('icons exist with the pixel size the manifest names', () => {
    const refs: { url: string; size: number }[] = [];
    const iconUrl = /<IconUrl DefaultValue="([^"]+)"/.exec(xml)![1];
    const hiRes = /<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(xml)![1];
    refs.push({ url: iconUrl, size: 32 }, { url: hiRes, size: 64 });
    for (const m of xml.matchAll(/<bt:Image id="Icon\.(\d+)x\1" DefaultValue="([^"]+)"/g))
      refs.push({ url: m[2], size: Number(m[1]) });
    expect(refs.map((r) => r.size).sort((a, b) => a - b)).toEqual([16, 32, 32, 64, 80]);
    for (const { url, size } of refs) {
      const file = path.join(ROOT, new URL(url).pathname);
      expect(fs.existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    for (const size of [16, 32, 64, 80, 128])
      expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`))).toEqual({ width: size, height: size });
  });
});

describe('requirement set', () => {
  /** [interface, member] of every Excel API the adapter calls. */
  const USED: [string, string][] = [
    ['WorksheetCollection', 'getItemOrNullObject'],
    ['WorksheetCollection', 'getItem'],
    ['WorksheetCollection', 'add'],
    ['Worksheet', 'getUsedRangeOrNullObject'],
    ['Worksheet', 'getRangeByIndexes'],
    ['Worksheet', 'delete'],
    ['Worksheet', 'activate'],
    ['Worksheet', 'position'],
    ['Worksheet', 'freezePanes'],
    ['Worksheet', 'onSelectionChanged'],
    ['Worksheet', 'onChanged'],
    ['WorksheetFreezePanes', 'freezeRows'],
    ['Workbook', 'getActiveCell'],
    ['Application', 'suspendApiCalculationUntilNextSync'],
    ['Range', 'values'],
    ['Range', 'numberFormat'],
    ['Range', 'rowIndex'],
    ['Range', 'columnIndex'],
    ['Range', 'clear'],
    ['Range', 'select'],
    ['Range', 'dataValidation'],
    ['RangeFormat', 'autofitColumns'],
    ['RangeFormat', 'columnWidth'],
    ['RangeFill', 'color'],
    ['RangeFont', 'bold'],
    ['DataValidation', 'rule'],
    ['DataValidation', 'prompt'],
    ['DataValidation', 'errorAlert'],
    ['ChartCollection', 'add'],
    ['Chart', 'name'],
    ['Chart', 'setPosition'],
    ['ChartTitle', 'text'],
    ['ChartLegend', 'position'],
    ['ChartSeriesCollection', 'getItemAt'],
    ['ChartSeriesCollection', 'add'],
    ['ChartSeries', 'name'],
    ['ChartSeries', 'setValues'],
    ['ChartSeries', 'setXAxisValues'],
    ['ChartAxis', 'reversePlotOrder'],
  ];

  /** The ExcelApi version of a member, from the [Api set: ExcelApi x.y] notes of @types/office-js. */
  function apiSet(types: string, iface: string, member: string): number {
    const start = types.search(new RegExp(`\\n\\s*(?:export )?class ${iface} extends OfficeExtension\\.ClientObject`));
    expect(start).toBeGreaterThan(0);
    const end = types.indexOf('\n    }', start);
    const body = types.slice(start, end);
    const memberAt = body.search(new RegExp(`\\n\\s*(?:readonly )?${member}[(:?]`));
    expect(memberAt).toBeGreaterThan(0);
    const doc = body.slice(body.lastIndexOf('/**', memberAt), memberAt);
    const m = /\[Api set: ExcelApi (\d+)\.(\d+)/.exec(doc);
    if (!m) throw new Error(`no ExcelApi note for ${iface}.${member}`);
    return Number(m[1]) + Number(m[2]) / 100;
  }

  test('ExcelApi 1.8 is declared and is the highest set the adapter uses (dataValidation)', () => {
    const declared = /<Set Name="ExcelApi" MinVersion="(\d+)\.(\d+)"\/>/.exec(xml)!;
    const min = Number(declared[1]) + Number(declared[2]) / 100;
    expect(min).toBe(1.08);
    const types = fs.readFileSync(require.resolve('@types/office-js/index.d.ts'), 'utf8');
    // every file of the Office.js adapter (office-host.ts and the read, selection and write files beside it)
    const excelDir = path.join(ROOT, 'src', 'excel');
    const source = fs
      .readdirSync(excelDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(excelDir, f), 'utf8'))
      .join('\n');
    const versions = USED.map(([iface, member]) => {
      expect(source).toMatch(new RegExp(`\\b${member}\\b`));
      return { api: `${iface}.${member}`, version: apiSet(types, iface, member) };
    });
    expect(versions.filter((v) => v.version > min)).toEqual([]);
    expect(Math.max(...versions.map((v) => v.version))).toBe(min);
    expect(versions.filter((v) => v.version === min).map((v) => v.api)).toContain('Range.dataValidation');
  });
});

describe('production build', () => {
  test('the webpack build substitutes the production URL into dist/manifest.xml', async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as (
      env: Record<string, unknown>,
      argv: Record<string, unknown>,
    ) => Promise<{
      plugins: { patterns?: { from: string; transform?: (content: Buffer) => string }[] }[];
      output: { path: string };
    }>;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const config = await makeConfig({ url: 'https://finsam.example.se/tillagg/' }, { mode: 'production' });
    warn.mockRestore();
    expect(config.output.path).toBe(path.join(ROOT, 'dist'));
    const copy = config.plugins.find((p) => Array.isArray(p.patterns))!;
    const pattern = copy.patterns!.find((p) => p.from === 'manifest.xml')!;
    const out = pattern.transform!(Buffer.from(xml));
    expect(out).not.toContain('localhost');
    expect(out).toContain('<SourceLocation DefaultValue="https://finsam.example.se/tillagg/taskpane.html"/>');
    expect(out).not.toMatch(/<AppDomains?>/);
    expect(out.match(/https:\/\/finsam\.example\.se\/tillagg\//g)!.length).toBe(xml.match(/https:\/\/localhost:3000\//g)!.length);
    await expect(makeConfig({ url: 'http://osäker.example' }, { mode: 'production' })).rejects.toThrow(/https/);
    // The pane loads office.js from Microsoft's CDN, never bundled
    const html = fs.readFileSync(path.join(ROOT, 'src', 'taskpane', 'taskpane.html'), 'utf8');
    expect(html).toContain(
      '<script type="text/javascript" src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>',
    );
  });
});
