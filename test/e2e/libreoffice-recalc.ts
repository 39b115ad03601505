// LibreOffice recalculating .xlsx files headless (every formula on load, in a profile of its own), and
// the cells of a sheet as stored in the file (formula and cached result): for the Underlag tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UNDERLAG_SHEET } from '../../src/workbook/underlag';
import { convertWithLibreOffice, findSoffice, zipPartText } from './helpers';

export const soffice = findSoffice();

/** A LibreOffice profile that recalculates every formula of an .xlsx (and .ods) on load. */
function recalculatingProfile(dir: string): string {
  const profile = path.join(dir, 'lo-recalc-profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  const item = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  fs.writeFileSync(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" ' +
      'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      item('OOXMLRecalcMode') +
      item('ODFRecalcMode') +
      '</oor:items>\n',
  );
  return profile;
}

/** Every file opened, recalculated and saved again as .xlsx by LibreOffice (one soffice run). */
export function recalculate(files: string[], dir: string): string[] {
  const outDir = path.join(dir, 'recalculated');
  return convertWithLibreOffice(files, 'xlsx:Calc MS Excel 2007 XML', outDir, recalculatingProfile(dir), 300_000);
}

/** One cell as stored in the file: its formula (if any) and its value or cached result. */
export interface StoredCell {
  formula?: string;
  value?: number | string | boolean;
}

const xmlText = (t: string): string =>
  t
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Every cell of one sheet read from the .xlsx XML itself (exceljs drops a formula's cached result 0 or
 * FALSE as LibreOffice writes it, `<c t="n"><f>…</f><v>0</v></c>`), keyed "row,column" (1-based).
 */
export function storedCells(file: string, sheetName: string): Map<string, StoredCell> {
  const buffer = fs.readFileSync(file);
  const workbook = zipPartText(buffer, 'xl/workbook.xml') ?? '';
  const rels = zipPartText(buffer, 'xl/_rels/workbook.xml.rels') ?? '';
  const sheet = [...workbook.matchAll(/<sheet [^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => xmlText(/name="([^"]*)"/.exec(tag)![1]) === sheetName);
  if (!sheet) throw new Error(`${file}: no sheet ${sheetName}`);
  const rid = /r:id="([^"]*)"/.exec(sheet)![1];
  const rel = [...rels.matchAll(/<Relationship [^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`Id="${rid}"`))!;
  const target = /Target="([^"]*)"/.exec(rel)![1].replace(/^\/?(xl\/)?/, '');
  const xml = zipPartText(buffer, `xl/${target}`) ?? '';
  const shared = [...(zipPartText(buffer, 'xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1])).join(''),
  );
  const cells = new Map<string, StoredCell>();
  for (const m of xml.matchAll(/<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const column = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const type = /t="([^"]*)"/.exec(m[3])?.[1];
    const body = m[4] ?? '';
    const f = /<f[^>]*>([\s\S]*?)<\/f>/.exec(body);
    const v = /<v>([\s\S]*?)<\/v>/.exec(body);
    const is = /<is>([\s\S]*?)<\/is>/.exec(body);
    const cell: StoredCell = {};
    if (f) cell.formula = xmlText(f[1]);
    if (type === 's' && v) cell.value = shared[Number(v[1])];
    else if (type === 'str' || type === 'e') cell.value = v ? xmlText(v[1]) : '';
    else if (type === 'inlineStr' && is)
      cell.value = [...is[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1])).join('');
    else if (type === 'b' && v) cell.value = v[1] === '1';
    else if (v) cell.value = Number(v[1]);
    cells.set(`${m[2]},${column}`, cell);
  }
  return cells;
}

export interface UnderlagRead {
  cells: Map<string, StoredCell>;
  rows: number[];
  width: number;
  number: (row: number, column: number) => number | undefined;
  column: (header: string) => number;
  differences: { header: string; column: number }[];
  labelled: (label: string) => number | undefined;
  text: (row: number, column: number) => string;
}

export function readUnderlag(file: string): UnderlagRead {
  const cells = storedCells(file, UNDERLAG_SHEET);
  const get = (r: number, c: number) => cells.get(`${r},${c}`);
  const text = (r: number, c: number) => String(get(r, c)?.value ?? '');
  const number = (r: number, c: number) => {
    const v = get(r, c)?.value;
    return typeof v === 'number' ? v : undefined;
  };
  let headerRow = 0;
  for (let r = 1; r < 100 && !headerRow; r++)
    if (text(r, 1) === 'Förbund' && text(r, 2) === 'Statlig tilldelning föregående år (kr)') headerRow = r;
  if (!headerRow) throw new Error(`${file}: no table on ${UNDERLAG_SHEET}`);
  const headers: string[] = [];
  for (let c = 1; text(headerRow, c) !== ''; c++) headers[c] = text(headerRow, c);
  const rows: number[] = [];
  for (let r = headerRow + 1; text(r, 1) !== ''; r++) rows.push(r);
  const column = (header: string): number => {
    const c = headers.indexOf(header);
    if (c < 0) throw new Error(`no column ${header}`);
    return c;
  };
  const differences = headers.map((header, c) => ({ header, column: c })).filter((h) => h.header?.startsWith('Skillnad'));
  const labelled = (label: string): number | undefined => {
    for (let r = 1; r < 200; r++) if (text(r, 1) === label) return number(r, 2);
    throw new Error(`no labelled cell ${label}`);
  };
  return { cells, rows, width: headers.length - 1, number, column, differences, labelled, text };
}
