// What a run writes back: the Förbund output columns, the sheets Kommunbidrag and Körlogg, highlights
// and a summary; and what "Ta bort resultat" removes.
// spec: docs/workbook-format.md §3.2, §5; docs/model.md §R (rounding).
import Decimal from 'decimal.js';
import type { AllocationResult, ModelInput, MunicipalContributionResult, WarningCode } from '../engine/types';
import type { CellBlock, CellValue, RunSummary, SheetOutput, SheetValues, WorkbookLayout, WritePlan } from './types';
import { FEDERATION_OUTPUT_HEADERS, MONEY_FORMAT, OUTPUT_SHEETS, SHARE_FORMAT, TEXT_FORMAT } from './types';
import { companionHeaders, FEDERATION_COLUMNS, FEDERATION_KEY_HEADERS, FEDERATION_SHEET, outputHeaderOf } from './columns';
import { EQUAL_FALLBACK_REASON, SPLIT_METHOD_LABELS } from './cells';
import { inputFingerprint } from './fingerprint';
import { formatKronor, formatShare } from './format';
import { findHeaderRow, findSheet } from './sheets';
import { normalizeKey } from './text';
import { PROGRAM_NAME, PROGRAM_VERSION } from './version';

/** Every warning code, in the spec's order (Körlogg lists a count for each). */
export const WARNING_CODES: readonly WarningCode[] = [
  'EGET_KAPITAL',
  'EK_SAKNAS',
  'SPÄRR',
  'SPÄRR_EJ',
  'MATCHNING',
  'ÅTERLÄMNAT',
  'YTTERLIGARE_DELVIS',
  'NY',
  'DELÅR',
  'MINSKNING',
];

export const KOMMUNBIDRAG_HEADERS = ['Förbund', 'Kommun', 'Fördelningsgrund', 'Andel', 'Bidrag (kr)'] as const;
export const KORLOGG_HEADERS = ['Uppgift', 'Värde'] as const;
/** Label of the total row under Kommunbidrag (after one blank row, outside an autofilter on the data). */
export const TOTAL_LABEL = 'Summa';
export const LAMBDA_FORMAT = '0.000000';
export const DECIMAL_MONEY_FORMAT = '0.00';

/** A whole-krona Decimal as a JS number (a safe integer); throws if it is not one. */
export function wholeKronor(d: Decimal): number {
  if (!d.isInteger()) throw new Error(`internal: ${d.toFixed()} is not whole kronor`);
  const n = d.toNumber();
  if (!Number.isSafeInteger(n)) throw new Error(`internal: ${d.toFixed()} is beyond safe integers`);
  return n === 0 ? 0 : n;
}

/** "CODE: text; CODE: text" (spec: docs/model.md §W "each written as `CODE: text in Swedish`, `; `-separated"). */
export function warningsText(warnings: { code: string; text: string }[]): string {
  // a ";" inside a text would read as a separator: it becomes ","
  return warnings.map((w) => `${w.code}: ${w.text.replace(/\s*;\s*/g, ', ')}`).join('; ');
}

/** ISO 8601 local time without zone: "2025-03-14T09:30:05". */
export function isoLocal(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** Columns of the output headers: existing ones kept, missing ones placed after the last input/output column. */
export function outputColumnPlacement(layout: WorkbookLayout): number[] {
  const fs = layout.federationSheet;
  const existing = fs.existingOutputColumns;
  const used = [fs.lastInputColumn, ...Object.values(existing), ...(fs.duplicateOutputColumns ?? [])];
  let next = Math.max(-1, ...used) + 1;
  return FEDERATION_OUTPUT_HEADERS.map((h) => existing[h] ?? next++);
}

function counts(result: AllocationResult): Record<string, number> {
  const c: Record<string, number> = {};
  for (const f of result.federations) for (const w of f.warnings) c[w.code] = (c[w.code] ?? 0) + 1;
  return c;
}

function municipalityCount(input: ModelInput): number {
  return new Set(input.areas.map((a) => normalizeKey(a.municipality))).size;
}

/** The Förbund output values of one federation, in FEDERATION_OUTPUT_HEADERS order. */
function federationOutputRow(f: AllocationResult['federations'][number]): CellValue[] {
  const r = f.rounded;
  return [
    wholeKronor(r.ideal),
    wholeKronor(r.afterFloor),
    wholeKronor(r.matched),
    wholeKronor(r.extra),
    wholeKronor(r.final),
    wholeKronor(r.municipalShare),
    wholeKronor(r.regionShare),
    wholeKronor(r.reasonableEquity),
    warningsText(f.warnings),
  ];
}

/**
 * Fördelningsgrund as written on Kommunbidrag: the method, or, when its weights were all 0 and the split
 * fell back to equal shares, what was really done and why ("Lika (inga försörjningsstödstagare)").
 */
export function splitBasisText(m: Pick<MunicipalContributionResult, 'method' | 'equalFallback'>): string {
  if (!m.equalFallback || m.method === 'lika') return SPLIT_METHOD_LABELS[m.method];
  return `${SPLIT_METHOD_LABELS.lika} (${EQUAL_FALLBACK_REASON[m.method]})`;
}

/** Kommunbidrag: one row per municipality and federation, then a blank row and a bold "Summa" row. */
export function municipalContributionSheet(result: AllocationResult, name: string = OUTPUT_SHEETS[0]): SheetOutput {
  const values: CellValue[][] = [[...KOMMUNBIDRAG_HEADERS]];
  const formats: (string | null)[][] = [KOMMUNBIDRAG_HEADERS.map(() => TEXT_FORMAT)];
  let total = new Decimal(0);
  for (const m of result.municipalContributions) {
    values.push([m.federation, m.municipality, splitBasisText(m), m.share.toNumber(), wholeKronor(m.rounded)]);
    formats.push([TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, SHARE_FORMAT, MONEY_FORMAT]);
    total = total.plus(m.rounded);
  }
  values.push(['', '', '', '', '']);
  formats.push([null, null, null, null, null]);
  values.push([TOTAL_LABEL, '', '', '', wholeKronor(total)]);
  formats.push([TEXT_FORMAT, null, null, null, MONEY_FORMAT]);
  return { name, values, numberFormats: formats, boldRows: [0, values.length - 1], columnWidths: [30, 22, 18, 10, 16], headerRow: 0 };
}

/** Körlogg: Uppgift / Värde. */
export function runLogSheet(result: AllocationResult, input: ModelInput, timestamp: Date, name: string = OUTPUT_SHEETS[1]): SheetOutput {
  const rows: [string, CellValue, string | null][] = [];
  const money = (label: string, d: Decimal) => rows.push([label, wholeKronor(d), MONEY_FORMAT]);
  rows.push(['Tidpunkt', isoLocal(timestamp), null]);
  rows.push(['Program', `${PROGRAM_NAME} ${PROGRAM_VERSION}`, null]);
  if (result.parameters.year !== undefined) rows.push(['År', result.parameters.year, '0']);
  money('Statlig ram (kr)', result.parameters.budget);
  money('Summa slutlig tilldelning (kr)', result.totals.final);
  money('Ej fördelat (kr)', result.totals.undistributed);
  rows.push(['Scenario', result.scenario.label, null]);
  rows.push(['Tillämpad spärr', result.appliedMaxDecrease.toNumber(), SHARE_FORMAT]);
  rows.push(['Maximal minskning', result.parameters.maxDecrease.toNumber(), SHARE_FORMAT]);
  rows.push(['Antal förbund', result.federationCount, '0']);
  rows.push(['Antal kommuner', municipalityCount(input), '0']);
  rows.push(['Antal rader på Kommuner', input.areas.length, '0']);
  rows.push(['λ (andel av behovsdelen)', Number(result.lambda.toFixed(6, Decimal.ROUND_HALF_UP)), LAMBDA_FORMAT]);
  rows.push(['Pott T (kr)', Number(result.pool.toFixed(2, Decimal.ROUND_HALF_UP)), DECIMAL_MONEY_FORMAT]);
  rows.push(['Delårsrest P (kr)', Number(result.partYearRemainder.toFixed(2, Decimal.ROUND_HALF_UP)), DECIMAL_MONEY_FORMAT]);
  rows.push(['Överskott S (kr)', Number(result.surplus.toFixed(2, Decimal.ROUND_HALF_UP)), DECIMAL_MONEY_FORMAT]);
  money('Summa idealfördelning (kr)', result.totals.ideal);
  money('Summa efter spärr (kr)', result.totals.afterFloor);
  money('Summa matchad tilldelning (kr)', result.totals.matched);
  money('Summa ytterligare medel (kr)', result.totals.extra);
  money('Summa kommunernas andel (kr)', result.totals.municipalShare);
  money('Summa regionens andel (kr)', result.totals.regionShare);
  const c = counts(result);
  for (const code of WARNING_CODES) rows.push([`Varningar ${code}`, c[code] ?? 0, '0']);
  rows.push(['Fingeravtryck', inputFingerprint(input), null]);
  const values: CellValue[][] = [[...KORLOGG_HEADERS], ...rows.map(([l, v]) => [l, v])];
  // Labels and text values (Tidpunkt, Program, Scenario, Fingeravtryck) as text; numbers in their formats
  const numberFormats: (string | null)[][] = [
    KORLOGG_HEADERS.map(() => TEXT_FORMAT),
    ...rows.map(([, v, f]) => [TEXT_FORMAT, f ?? (typeof v === 'string' ? TEXT_FORMAT : null)]),
  ];
  return { name, values, numberFormats, boldRows: [0], columnWidths: [34, 68], headerRow: 0 };
}

/** The run's summary for a terminal or the pane (kronor with spaces: "339 000 000 kr"). */
export function runSummary(result: AllocationResult, input: ModelInput): RunSummary {
  const warningCounts = counts(result);
  const municipalities = municipalityCount(input);
  const warningList = WARNING_CODES.filter((c) => warningCounts[c]).map((c) => `${c} ${warningCounts[c]}`);
  const lines = [
    `Scenario: ${result.scenario.label}`,
    `Statlig ram: ${formatKronor(result.parameters.budget)}`,
    `Summa slutlig tilldelning: ${formatKronor(result.totals.final)}`,
    `Ej fördelat: ${formatKronor(result.totals.undistributed)}`,
    `Tillämpad spärr: ${formatShare(result.appliedMaxDecrease)}`,
    `Förbund: ${result.federationCount}, kommuner: ${municipalities}`,
    `Varningar: ${warningList.length ? warningList.join(', ') : 'inga'}`,
  ];
  return {
    scenario: result.scenario.label,
    budget: wholeKronor(result.parameters.budget),
    totalFinal: wholeKronor(result.totals.final),
    undistributed: wholeKronor(result.totals.undistributed),
    appliedMaxDecrease: result.appliedMaxDecrease.toNumber(),
    federationCount: result.federationCount,
    municipalityCount: municipalities,
    warningCounts,
    lines,
  };
}

/**
 * Everything to write for a run. Förbund: the nine output columns (canonical headers, spec order) over
 * the columns already carrying them, the missing ones after the last column in use; each block from
 * the header row down to layout rowCount, with values in the header row and the federation rows and
 * null (leave as it is) in every other row; existing output columns (and stale duplicates) are first
 * cleared from the header row down, so nothing of an earlier run survives.
 * Kommunbidrag and Körlogg are replaced whole (under their existing spelling if present).
 */
export function buildWritePlan(layout: WorkbookLayout, result: AllocationResult, input: ModelInput, options: { timestamp: Date }): WritePlan {
  const fs = layout.federationSheet;
  const columns = outputColumnPlacement(layout);
  const lastRow = Math.max(fs.rowCount - 1, fs.headerRow, ...fs.dataRows);
  const height = lastRow - fs.headerRow + 1;
  const rowOf = new Map<number, number>();
  fs.dataRows.forEach((row, i) => rowOf.set(row, i));
  const byIndex = new Map(result.federations.map((f) => [f.index, f]));

  // One column of values per output header
  const columnValues: CellValue[][] = FEDERATION_OUTPUT_HEADERS.map(() => []);
  const columnFormats: (string | null)[][] = FEDERATION_OUTPUT_HEADERS.map(() => []);
  const highlightRows: number[] = [];
  for (let r = fs.headerRow; r <= lastRow; r++) {
    const i = rowOf.get(r);
    const fed = i === undefined ? undefined : byIndex.get(i);
    // Rows that are neither the header nor a federation are left as they are (null): on a first run
    // they are empty or part of something of the user's (a merged footnote), and on a rerun the
    // clear ranges below have already removed the earlier output there.
    const values: CellValue[] = r === fs.headerRow ? [...FEDERATION_OUTPUT_HEADERS] : fed ? federationOutputRow(fed) : FEDERATION_OUTPUT_HEADERS.map(() => null);
    // Headers and the Varningar column as text, amounts in the money format, other rows left alone
    values.forEach((v, k) => {
      columnValues[k].push(v);
      const isMoney = k < FEDERATION_OUTPUT_HEADERS.length - 1;
      columnFormats[k].push(r === fs.headerRow ? TEXT_FORMAT : fed ? (isMoney ? MONEY_FORMAT : TEXT_FORMAT) : null);
    });
    if (fed && fed.warnings.length > 0) highlightRows.push(r);
  }
  if (result.federations.length !== fs.dataRows.length) {
    throw new Error('internal: result and layout disagree on the number of federations');
  }

  // Contiguous runs of columns become one block each
  const order = columns.map((c, k) => ({ c, k })).sort((a, b) => a.c - b.c);
  const blocks: CellBlock[] = [];
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && order[e + 1].c === order[e].c + 1) e++;
    const ks = order.slice(s, e + 1).map((o) => o.k);
    blocks.push({
      sheet: fs.name,
      row: fs.headerRow,
      column: order[s].c,
      values: Array.from({ length: height }, (_, r) => ks.map((k) => columnValues[k][r])),
      numberFormats: Array.from({ length: height }, (_, r) => ks.map((k) => columnFormats[k][r])),
      boldFirstRow: true,
    });
    s = e + 1;
  }

  const clearColumns = [...Object.values(fs.existingOutputColumns), ...(fs.duplicateOutputColumns ?? [])].sort((a, b) => a - b);
  const clear = clearColumns.map((column) => ({ sheet: fs.name, row: fs.headerRow, column, rowCount: height, columnCount: 1 }));

  const existing = layout.existingOutputSheets;
  const sheets = [
    municipalContributionSheet(result, existing[OUTPUT_SHEETS[0]] ?? OUTPUT_SHEETS[0]),
    runLogSheet(result, input, options.timestamp, existing[OUTPUT_SHEETS[1]] ?? OUTPUT_SHEETS[1]),
  ];
  return {
    clear,
    blocks,
    sheets,
    highlight: { sheet: fs.name, rows: highlightRows, firstColumn: Math.min(...columns), lastColumn: Math.max(...columns) },
    summary: runSummary(result, input),
  };
}

/**
 * What "Ta bort resultat" removes: every Förbund column whose header is an output header (from the
 * header row to the last row) and the sheets Kommunbidrag and Körlogg. Input cells are never included.
 */
export function removeOutputPlan(sheets: SheetValues[]): { clear: WritePlan['clear']; deleteSheets: string[] } {
  const clear: WritePlan['clear'] = [];
  const sheet = findSheet(sheets, FEDERATION_SHEET);
  if (sheet) {
    const header = findHeaderRow(sheet.values, FEDERATION_KEY_HEADERS, companionHeaders(FEDERATION_COLUMNS, true));
    if (header) {
      const cells = sheet.values[header.row] ?? [];
      const rowCount = Math.max(1, sheet.values.length - header.row);
      cells.forEach((cell, column) => {
        if (outputHeaderOf(cell) !== undefined) clear.push({ sheet: sheet.name, row: header.row, column, rowCount, columnCount: 1 });
      });
    }
  }
  const deleteSheets = OUTPUT_SHEETS.map((name) => findSheet(sheets, name)?.name).filter((n): n is string => n !== undefined);
  return { clear, deleteSheets };
}
