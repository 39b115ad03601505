// What exceljs would lose when a file is written again (charts, pivot tables, x14 rules …).
import { RUN_CHART_TITLE, RUN_LOG_SHEET } from '../../workbook/types';
import { ZipEntry, zipEntries, zipEntryText, zipEntryNames } from './zip';

const X14_NAMESPACE = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';

function decodeXmlAttribute(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Sheet names by the path of their part ('xl/worksheets/sheet1.xml' → 'Förbund'), from workbook.xml and its rels. */
function sheetNamesByPart(buffer: Uint8Array, entries: ZipEntry[]): Map<string, string> {
  const byPart = new Map<string, string>();
  const text = (name: string): string | undefined => {
    const entry = entries.find((e) => e.name === name);
    return entry ? zipEntryText(buffer, entry) : undefined;
  };
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return byPart;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name && part) byPart.set(part.replace(/\/\.\//g, '/'), decodeXmlAttribute(name));
  }
  return byPart;
}

/**
 * Excel 2010 (x14) data validations and conditional-format rules in the extLst of each worksheet,
 * which exceljs does not read (validations) or reads without their formulas (rules other than data
 * bars and icon sets), so they are not in the written file. Counted per sheet.
 */
export function extensionFeatures(buffer: Uint8Array): { sheet: string; validations: number; conditionalFormats: number }[] {
  const entries = zipEntries(buffer);
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name));
  if (sheets.length === 0) return [];
  const names = sheetNamesByPart(buffer, entries);
  const found: { sheet: string; validations: number; conditionalFormats: number }[] = [];
  for (const entry of sheets) {
    const xml = zipEntryText(buffer, entry);
    if (!xml || !xml.includes(X14_NAMESPACE)) continue;
    // The prefixes bound to the x14 namespace (Excel writes x14:, other writers may not)
    const prefixes = [...xml.matchAll(/xmlns:([\w.-]+)="([^"]*)"/g)].filter((m) => m[2] === X14_NAMESPACE).map((m) => m[1]);
    let validations = 0;
    let conditionalFormats = 0;
    for (const prefix of new Set(prefixes)) {
      const p = prefix.replace(/[.-]/g, '\\$&');
      validations += [...xml.matchAll(new RegExp(`<${p}:dataValidation[\\s/>]`, 'g'))].length;
      for (const rule of xml.matchAll(new RegExp(`<${p}:cfRule\\b[^>]*>`, 'g'))) {
        const type = /\btype="([^"]*)"/.exec(rule[0])?.[1];
        if (type !== 'dataBar' && type !== 'iconSet') conditionalFormats += 1;
      }
    }
    if (validations > 0 || conditionalFormats > 0) {
      found.push({ sheet: names.get(entry.name) ?? entry.name.replace(/^.*\//, ''), validations, conditionalFormats });
    }
  }
  return found;
}

/** The targets of a part's relationships ('xl/drawings/drawing1.xml' → its charts …), as zip paths. */
function relationshipTargets(buffer: Uint8Array, entries: ZipEntry[], part: string): { type: string; target: string }[] {
  const slash = part.lastIndexOf('/');
  const folder = part.slice(0, slash);
  const relsName = `${folder}/_rels/${part.slice(slash + 1)}.rels`;
  const entry = entries.find((e) => e.name === relsName);
  const xml = entry ? zipEntryText(buffer, entry) : undefined;
  if (!xml) return [];
  const found: { type: string; target: string }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    const type = /\bType="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (!target || /\bTargetMode="External"/.test(m[0])) continue;
    const parts = (target.startsWith('/') ? target.slice(1) : `${folder}/${target}`).split('/');
    const resolved: string[] = [];
    for (const p of parts) {
      if (p === '..') resolved.pop();
      else if (p !== '.' && p !== '') resolved.push(p);
    }
    found.push({ type, target: resolved.join('/') });
  }
  return found;
}

/**
 * The parts of the run's own chart, which the task pane puts on Körlogg with the title RUN_CHART_TITLE
 * (src/excel/chart.ts): Körlogg is replaced by every run, so that chart is the run's output and not
 * something of the user's that a rewrite would lose. Returns its chart parts and the drawings that hold
 * nothing else.
 */
export function ownChartParts(buffer: Uint8Array): { charts: Set<string>; drawings: Set<string> } {
  const entries = zipEntries(buffer);
  const charts = new Set<string>();
  const drawings = new Set<string>();
  const logKey = RUN_LOG_SHEET.toLocaleLowerCase('sv');
  for (const [part, sheet] of sheetNamesByPart(buffer, entries)) {
    if (sheet.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv') !== logKey) continue;
    for (const drawing of relationshipTargets(buffer, entries, part).filter((r) => /\/drawing$/.test(r.type))) {
      const targets = relationshipTargets(buffer, entries, drawing.target);
      const own = targets.filter((t) => /\/chart$/.test(t.type) && isRunChart(buffer, entries, t.target));
      own.forEach((t) => charts.add(t.target));
      if (own.length > 0 && own.length === targets.filter((t) => !/chartStyle|chartColorStyle/.test(t.type)).length)
        drawings.add(drawing.target);
    }
  }
  return { charts, drawings };
}

/** A chart part whose title is the run's chart title (the text of its <c:title>, runs joined). */
function isRunChart(buffer: Uint8Array, entries: ZipEntry[], part: string): boolean {
  const entry = entries.find((e) => e.name === part);
  const xml = entry ? zipEntryText(buffer, entry) : undefined;
  const title = xml ? /<(?:\w+:)?title\b[\s\S]*?<\/(?:\w+:)?title>/.exec(xml)?.[0] : undefined;
  if (!title) return false;
  const text = [...title.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)]
    .map((m) => decodeXmlAttribute(m[1]))
    .join('');
  return text.trim() === RUN_CHART_TITLE;
}

/** Swedish notes on the parts of an .xlsx file that exceljs does not write back (the run's own chart is none). */
export function lostFeatures(buffer: Uint8Array): string[] {
  const own = ownChartParts(buffer);
  const names = zipEntryNames(buffer).filter((name) => !own.charts.has(name) && !own.drawings.has(name));
  const count = (pattern: RegExp): number => names.filter((name) => pattern.test(name)).length;
  const notes: string[] = [];
  const charts = count(/^xl\/charts\/chart[^/]*\.xml$/i);
  if (charts > 0) notes.push(`${charts} diagram`);
  const pivots = count(/^xl\/pivotTables\/[^/]+\.xml$/i);
  if (pivots > 0) notes.push(`${pivots} pivottabell${pivots === 1 ? '' : 'er'}`);
  if (count(/^xl\/vbaProject\.bin$/i) > 0) notes.push('makron (VBA)');
  const slicers = count(/^xl\/slicers\/[^/]+\.xml$/i);
  if (slicers > 0) notes.push(`${slicers} utsnitt`);
  const links = count(/^xl\/externalLinks\/[^/]+\.xml$/i);
  if (links > 0) notes.push(links === 1 ? '1 extern länk' : `${links} externa länkar`);
  const threaded = count(/^xl\/threadedComments\/[^/]+\.xml$/i);
  if (threaded > 0) notes.push('trådade kommentarer (de blir vanliga anteckningar)');
  const controls = count(/^xl\/ctrlProps\/[^/]+\.xml$/i);
  if (controls > 0) notes.push(`${controls} formulärkontroll${controls === 1 ? '' : 'er'}`);
  // Drawings hold images (kept) and shapes/charts (lost); flag shapes only when no chart explains them.
  const drawings = count(/^xl\/drawings\/drawing[^/]*\.xml$/i);
  const media = count(/^xl\/media\//i);
  if (drawings > 0 && charts === 0 && media === 0) notes.push('former/textrutor');
  for (const { sheet, validations, conditionalFormats } of extensionFeatures(buffer)) {
    if (validations > 0) {
      notes.push(
        `${validations} ${validations === 1 ? 'dataverifiering' : 'dataverifieringar'} av nyare typ på bladet ${sheet} (t.ex. en lista från ett annat blad)`,
      );
    }
    if (conditionalFormats > 0) {
      notes.push(
        `${conditionalFormats} ${conditionalFormats === 1 ? 'regel' : 'regler'} för villkorsstyrd formatering av nyare typ på bladet ${sheet}`,
      );
    }
  }
  return notes.map((what) => `${what} följer inte med i utfilen (stöds inte av exceljs)`);
}
