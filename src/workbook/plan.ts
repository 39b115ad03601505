// What a run writes back: the Förbund output columns, the sheets Kommunbidrag and Körlogg, highlights
// and a summary; and what "Ta bort resultat" removes.
// spec: docs/workbook-format.md §3.2, §5; docs/model.md §R (rounding).
import Decimal from 'decimal.js';
import type { AllocationResult, ModelInput, MunicipalContributionResult } from '../engine';
import { changeFromPreviousYear, isActionWarning, moneyFlows, roundHalfUp, WARNING_CODES } from '../engine';
import type { YearChange } from '../engine';
import type {
  CellBlock,
  OutputSheetName,
  CellValue,
  ChartPlan,
  FederationSummary,
  Problem,
  RunFlows,
  RunSummary,
  SheetPresentation,
  VoTotal,
  SheetOutput,
  SheetValues,
  WorkbookLayout,
  WritePlan,
} from './types';
import {
  FEDERATION_OUTPUT_HEADERS,
  HIGHLIGHT_COLOR,
  MONEY_FORMAT,
  OUTPUT_SHEETS,
  OUTPUT_SHEETS_WRITE_ORDER,
  CONTRIBUTION_SHEET,
  RUN_LOG_SHEET,
  RUN_CHART_TITLE,
  CHANGE_MONEY_FORMAT,
  CHANGE_SHARE_FORMAT,
  DIAGRAM_HEADERS,
  DIAGRAM_SHEET,
  UNDERLAG_SHEET,
  SHARE_FORMAT,
  TEXT_FORMAT,
} from './types';
import {
  companionHeaders,
  FEDERATION_COLUMNS,
  FEDERATION_KEY_HEADERS,
  FEDERATION_SHEET,
  mapHeaders,
  outputHeaderOf,
} from './columns';
import type { HeaderMapping } from './columns';
import { columnLetters } from './address';
import { EQUAL_FALLBACK_REASON, SPLIT_METHOD_LABELS } from './cells';
import { inputFingerprint } from './fingerprint';
import { formatKronor, formatNumber, formatShare } from './format';
import { findHeaderRow, findSheet, makeProblem } from './sheets';
import { readWorkbook } from './read';
import { cellText, isBlank, normalizeKey } from './text';
import { PROGRAM_NAME, PROGRAM_VERSION } from './version';
import { ANSWER_STATUS_TEXTS, SUMMARY_TEXTS } from './messages';
import { underlagSheet } from './underlag';

/** Every warning code, in the spec's order (Körlogg lists a count for each): the engine's table. */
export { WARNING_CODES };

export const KOMMUNBIDRAG_HEADERS = ['Förbund', 'Kommun', 'Fördelningsgrund', 'Fördelningstal', 'Andel', 'Bidrag (kr)'] as const;
/**
 * Kommunbidrag's second table (beside the first, one blank column between): each municipality's total across
 * federations. Every header of the sheet is unique, so that the sheet reads by its headers.
 */
export const KOMMUNBIDRAG_MUNICIPALITY_HEADERS = ['Kommun (alla förbund)', 'Antal förbund', 'Bidrag totalt (kr)'] as const;
/** Kommunbidrag's third table (beside the second): each region's federations and what its members pay. */
export const KOMMUNBIDRAG_REGION_HEADERS = [
  'Region',
  'Förbund i regionen',
  'Kommunernas bidrag (kr)',
  'Regionens bidrag (kr)',
] as const;
/** The region of a federation without one, in Kommunbidrag's region table. */
export const NO_REGION_LABEL = '(ingen region angiven)';
export const KORLOGG_HEADERS = ['Uppgift', 'Värde'] as const;
/** Label of the total row under Kommunbidrag (after one blank row, outside an autofilter on the data). */
export const TOTAL_LABEL = 'Summa';
export const LAMBDA_FORMAT = '0.000000';
/**
 * λ on Körlogg: the number (a share, 6 decimals in the cell) shown with its meaning beside it in the same
 * cell, "76,0016 % av behovsdelen betalas" (a number format with literal text: the cell stays a number).
 */
export const LAMBDA_MEANING_FORMAT = '0.0000%" av behovsdelen betalas"';
/** Körlogg's Tidpunkt: a date-time cell (an Excel serial number in this format), not text. */
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/**
 * A local date and time as an Excel serial number (days since 1899-12-30, the fraction the time of day),
 * to the second: what Excel stores for a date-time cell (workbooks in the 1900 date system).
 */
export function excelDateTime(date: Date): number {
  const utc = Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
  );
  return Math.round(((utc - Date.UTC(1899, 11, 30)) / 86_400_000) * 86_400) / 86_400;
}
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
  return placeOutputColumns(FEDERATION_OUTPUT_HEADERS, fs.lastInputColumn, fs.existingOutputColumns, fs.duplicateOutputColumns);
}

/**
 * Columns of a sheet's output headers: existing ones kept, missing ones placed in order after the last
 * input column and every output column present (Förbund's, and Ansökningar's in src/round/targeted.ts).
 */
export function placeOutputColumns(
  headers: readonly string[],
  lastInputColumn: number,
  existing: Record<string, number>,
  duplicates: readonly number[] = [],
): number[] {
  const used = [lastInputColumn, ...Object.values(existing), ...duplicates];
  let next = Math.max(-1, ...used) + 1;
  return headers.map((h) => existing[h] ?? next++);
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
    ...changeCells(f),
  ];
}

/** `Förändring mot föregående år (kr)` and `(%)` of one federation: blank ('') for a new federation. */
function changeCells(f: AllocationResult['federations'][number]): CellValue[] {
  const change = federationChange(f);
  return change ? [wholeKronor(change.amount), changeShareValue(change)] : ['', ''];
}

/** Headers of output columns that hold text (the rest hold amounts, or shares when the unit is (%)). */
const TEXT_OUTPUT_HEADERS: readonly string[] = ['Varningar'];

/** Output headers whose values are signed changes (CHANGE_MONEY_FORMAT, CHANGE_SHARE_FORMAT). */
const CHANGE_OUTPUT_HEADERS: readonly string[] = ['Förändring mot föregående år (kr)', 'Förändring mot föregående år (%)'];

/** The number format of an output column's values: text, a share for "(%)", otherwise money; changes signed. */
export function outputColumnFormat(header: string): string {
  if (TEXT_OUTPUT_HEADERS.includes(header)) return TEXT_FORMAT;
  const share = header.endsWith('(%)');
  if (CHANGE_OUTPUT_HEADERS.includes(header)) return share ? CHANGE_SHARE_FORMAT : CHANGE_MONEY_FORMAT;
  return share ? SHARE_FORMAT : MONEY_FORMAT;
}

/** Output headers whose column holds a number on every federation row a run writes (leftoverRunRows): the amounts but the change. */
const ALWAYS_NUMBER_HEADERS: readonly string[] = FEDERATION_OUTPUT_HEADERS.filter(
  (h) => h.endsWith('(kr)') && !CHANGE_OUTPUT_HEADERS.includes(h),
);

/**
 * Fördelningsgrund as written on Kommunbidrag: the method, or, when its weights were all 0 and the split
 * fell back to equal shares, what was really done and why ("Lika (inga försörjningsstödstagare)").
 */
export function splitBasisText(m: Pick<MunicipalContributionResult, 'method' | 'equalFallback'>): string {
  if (!m.equalFallback || m.method === 'lika') return SPLIT_METHOD_LABELS[m.method];
  return `${SPLIT_METHOD_LABELS.lika} (${EQUAL_FALLBACK_REASON[m.method]})`;
}

/**
 * Kommunbidrag: one row per municipality and federation (its split basis — inhabitants 16–64 or
 * recipients — beside its share), then a blank row and a bold "Summa" row. Beside it, after one blank
 * column each: every municipality's total across its federations, and every region's federations with
 * what the municipalities and the region pay, each table with its own "Summa" row.
 * spec: docs/workbook-format.md §5.1 — Kommunbidrag (basis, totals per municipality and per region).
 */
export function municipalContributionSheet(result: AllocationResult, name: string = CONTRIBUTION_SHEET): SheetOutput {
  const main: CellValue[][] = [[...KOMMUNBIDRAG_HEADERS]];
  const mainFormats: (string | null)[][] = [KOMMUNBIDRAG_HEADERS.map(() => TEXT_FORMAT)];
  let total = new Decimal(0);
  for (const m of result.municipalContributions) {
    const basis = m.basis === undefined ? '' : m.basis.toNumber();
    main.push([m.federation, m.municipality, splitBasisText(m), basis, m.share.toNumber(), wholeKronor(m.rounded)]);
    mainFormats.push([TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, basis === '' ? null : BASIS_FORMAT, SHARE_FORMAT, MONEY_FORMAT]);
    total = total.plus(m.rounded);
  }
  main.push(['', '', '', '', '', '']);
  mainFormats.push([null, null, null, null, null, null]);
  main.push([TOTAL_LABEL, '', '', '', '', wholeKronor(total)]);
  mainFormats.push([TEXT_FORMAT, null, null, null, null, MONEY_FORMAT]);

  const perMunicipality = municipalityTotals(result);
  const second: CellValue[][] = [[...KOMMUNBIDRAG_MUNICIPALITY_HEADERS]];
  const secondFormats: (string | null)[][] = [KOMMUNBIDRAG_MUNICIPALITY_HEADERS.map(() => TEXT_FORMAT)];
  for (const m of perMunicipality) {
    second.push([m.name, m.federations, wholeKronor(m.total)]);
    secondFormats.push([TEXT_FORMAT, '0', MONEY_FORMAT]);
  }
  second.push(['', '', ''], [TOTAL_LABEL, '', wholeKronor(total)]);
  secondFormats.push([null, null, null], [TEXT_FORMAT, null, MONEY_FORMAT]);

  const perRegion = regionTotals(result);
  const third: CellValue[][] = [[...KOMMUNBIDRAG_REGION_HEADERS]];
  const thirdFormats: (string | null)[][] = [KOMMUNBIDRAG_REGION_HEADERS.map(() => TEXT_FORMAT)];
  for (const r of perRegion) {
    third.push([r.name, r.federations, wholeKronor(r.municipal), wholeKronor(r.region)]);
    thirdFormats.push([TEXT_FORMAT, '0', MONEY_FORMAT, MONEY_FORMAT]);
  }
  third.push(
    ['', '', '', ''],
    [TOTAL_LABEL, '', wholeKronor(result.totals.municipalShare), wholeKronor(result.totals.regionShare)],
  );
  thirdFormats.push([null, null, null, null], [TEXT_FORMAT, null, MONEY_FORMAT, MONEY_FORMAT]);

  // Side by side: main (A–F), blank G, per municipality (H–J), blank K, per region (L–O)
  const blocks = [
    { values: main, formats: mainFormats },
    { values: second, formats: secondFormats },
    { values: third, formats: thirdFormats },
  ];
  const height = Math.max(...blocks.map((b) => b.values.length));
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (let r = 0; r < height; r++) {
    const row: CellValue[] = [];
    const formats: (string | null)[] = [];
    blocks.forEach((b, k) => {
      if (k > 0) {
        row.push('');
        formats.push(null);
      }
      const width = b.values[0].length;
      for (let j = 0; j < width; j++) {
        row.push(b.values[r]?.[j] ?? '');
        formats.push(b.formats[r]?.[j] ?? null);
      }
    });
    values.push(row);
    numberFormats.push(formats);
  }
  const boldRows = [...new Set([0, ...blocks.map((b) => b.values.length - 1)])].sort((a, b) => a - b);
  return {
    name,
    values,
    numberFormats,
    boldRows,
    columnWidths: [30, 22, 18, 14, 10, 16, 3, 22, 13, 18, 3, 24, 13, 22, 22],
    headerRow: 0,
    // The headers wrap in their columns, so none is cut (issue 14)
    wrapRows: [0],
  };
}

/** Number format of a split basis (inhabitants, recipients): a whole number with spaces, as money is shown. */
export const BASIS_FORMAT = MONEY_FORMAT;

/** Each municipality's contributions added up over its federations, in order of first appearance (names folded). */
export function municipalityTotals(result: AllocationResult): { name: string; federations: number; total: Decimal }[] {
  const byKey = new Map<string, { name: string; federations: number; total: Decimal }>();
  for (const m of result.municipalContributions) {
    const key = normalizeKey(m.municipality);
    const entry = byKey.get(key) ?? { name: m.municipality, federations: 0, total: new Decimal(0) };
    entry.federations += 1;
    entry.total = entry.total.plus(m.rounded);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** Each region's federations and the rounded members' shares they pay, in order of first appearance. */
export function regionTotals(
  result: AllocationResult,
): { name: string; federations: number; municipal: Decimal; region: Decimal }[] {
  const byKey = new Map<string, { name: string; federations: number; municipal: Decimal; region: Decimal }>();
  for (const f of result.federations) {
    const name = f.region && f.region.trim() !== '' ? f.region : NO_REGION_LABEL;
    const key = normalizeKey(name);
    const entry = byKey.get(key) ?? { name, federations: 0, municipal: new Decimal(0), region: new Decimal(0) };
    entry.federations += 1;
    entry.municipal = entry.municipal.plus(f.rounded.municipalShare);
    entry.region = entry.region.plus(f.rounded.regionShare);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** Körlogg: Uppgift / Värde. */
export function runLogSheet(
  result: AllocationResult,
  input: ModelInput,
  timestamp: Date,
  name: string = RUN_LOG_SHEET,
): SheetOutput {
  const rows: [string, CellValue, string | null][] = [];
  const money = (label: string, d: Decimal) => rows.push([label, wholeKronor(d), MONEY_FORMAT]);
  rows.push(['Tidpunkt', excelDateTime(timestamp), DATETIME_FORMAT]);
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
  rows.push(['λ (andel av behovsdelen)', Number(result.lambda.toFixed(6, Decimal.ROUND_HALF_UP)), LAMBDA_MEANING_FORMAT]);
  // T, P and S to the öre in the cell (for checking), shown in whole kronor like every amount
  rows.push(['Pott T (kr)', Number(result.pool.toFixed(2, Decimal.ROUND_HALF_UP)), MONEY_FORMAT]);
  rows.push(['Delårsrest P (kr)', Number(result.partYearRemainder.toFixed(2, Decimal.ROUND_HALF_UP)), MONEY_FORMAT]);
  rows.push(['Överskott S (kr)', Number(result.surplus.toFixed(2, Decimal.ROUND_HALF_UP)), MONEY_FORMAT]);
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
  // Labels and text values (Program, Scenario, Fingeravtryck) as text; numbers in their formats
  const numberFormats: (string | null)[][] = [
    KORLOGG_HEADERS.map(() => TEXT_FORMAT),
    ...rows.map(([, v, f]) => [TEXT_FORMAT, f ?? (typeof v === 'string' ? TEXT_FORMAT : null)]),
  ];
  const boldRows = [0];
  // Totals per VO, as a block of its own below the log (after one blank row)
  const vo = voTotalsBlock(result);
  values.push([]);
  numberFormats.push([]);
  const top = values.length;
  vo.values.forEach((row, i) => {
    values.push(row);
    numberFormats.push(vo.numberFormats[i]);
  });
  boldRows.push(top, values.length - 1);
  return {
    name,
    values,
    numberFormats,
    boldRows,
    columnWidths: [34, 40, 20, 20, 24, 24],
    headerRow: 0,
    wrapRows: [top],
  };
}

/** A whole-krona JS number of an exact amount, rounded half up. */
function kronorOf(d: Decimal): number {
  return wholeKronor(roundHalfUp(d));
}

/** The change from last year of one federation as written (engine changeFromPreviousYear; undefined = new). */
export function federationChange(f: AllocationResult['federations'][number]): YearChange | undefined {
  return changeFromPreviousYear(f.rounded.final, f.previousAllocation, f.months);
}

/** A change's share as written in `Förändring mot föregående år (%)` (6 decimals: 0,0001 %). */
export function changeShareValue(change: YearChange): number {
  return Number(change.share.toFixed(6, Decimal.ROUND_HALF_UP)) || 0;
}

/**
 * The run's money flows in whole kronor, on the written columns so that they add up to the krona:
 * T = Σ Idealfördelning, P = B − T, S = B − Σ Matchad = Σ Ytterligare + Ej fördelat, and the cut
 * Σ Efter spärr − Σ Matchad split into returned funds (engine moneyFlows, rounded half up) and the
 * rest, cut by matching. Applied for is Σ Ansökan.
 */
export function runFlows(result: AllocationResult): RunFlows {
  const f = moneyFlows(result);
  const t = result.totals;
  const budget = wholeKronor(result.parameters.budget);
  const pool = wholeKronor(t.ideal);
  const cut = wholeKronor(t.afterFloor.minus(t.matched));
  const returned = Math.min(cut, kronorOf(f.returned));
  return {
    budget,
    pool,
    partYearRemainder: wholeKronor(result.parameters.budget.minus(t.ideal)),
    surplus: wholeKronor(result.parameters.budget.minus(t.matched)),
    lambda: Number(result.lambda.toFixed(6, Decimal.ROUND_HALF_UP)),
    appliedMaxDecrease: result.appliedMaxDecrease.toNumber(),
    cutByMatching: wholeKronor(t.afterFloor.minus(t.matched).minus(returned)),
    returned,
    requested: kronorOf(f.requested),
    granted: wholeKronor(t.extra),
    undistributed: wholeKronor(t.undistributed),
  };
}

/** The scenario in one sentence with its money (SUMMARY_TEXTS). */
export function scenarioExplanation(result: AllocationResult, flows: RunFlows): string {
  const T = SUMMARY_TEXTS;
  const lifted = result.federations.filter((f) => f.liftedToFloor).length;
  const removed = result.federations.filter((f) => f.protectionRemoved).length;
  const relaxed = result.appliedMaxDecrease.greaterThan(result.parameters.maxDecrease)
    ? { applied: formatShare(flows.appliedMaxDecrease), given: formatShare(result.parameters.maxDecrease) }
    : undefined;
  const lifting = lifted > 0 && flows.lambda < 1 ? T.floorLifted(lifted, formatNumber(flows.lambda, 6)) : undefined;
  const floorPart = result.deficit
    ? [T.floorDeficit(removed, relaxed), ...(lifting ? [lifting] : [])].join('; ')
    : (lifting ?? T.noFloorBinds);
  const k = formatKronor;
  const surplusPart = result.scenario.surplus
    ? T.surplus(
        k(flows.surplus),
        k(flows.partYearRemainder),
        k(flows.cutByMatching),
        k(flows.returned),
        k(flows.granted),
        k(flows.requested),
        k(flows.undistributed),
      )
    : T.noSurplus;
  return T.explanation(result.scenario.label, floorPart, surplusPart);
}

/** Every federation's figures for the summary, in input order; `rows` are the Förbund rows (layout.dataRows). */
export function federationSummaries(result: AllocationResult, rows?: readonly number[]): FederationSummary[] {
  return result.federations.map((f) => {
    const change = federationChange(f);
    const warnings = WARNING_CODES.filter((c) => f.warnings.some((w) => w.code === c));
    const row = rows?.[f.index];
    return {
      name: f.name,
      vo: (f.vo ?? '').trim(),
      index: f.index,
      ...(row !== undefined ? { row } : {}),
      ideal: wholeKronor(f.rounded.ideal),
      final: wholeKronor(f.rounded.final),
      change: change ? wholeKronor(change.amount) : null,
      changeShare: change ? changeShareValue(change) : null,
      warnings,
      needsAction: warnings.some(isActionWarning),
    };
  });
}

/** Totals per VO: VOs in Swedish order (case and spacing folded), federations without a VO last. */
export function voTotals(result: AllocationResult): VoTotal[] {
  const groups = new Map<string, { vo: string; feds: AllocationResult['federations'] }>();
  for (const f of result.federations) {
    const vo = (f.vo ?? '').trim().replace(/\s+/g, ' ');
    const key = normalizeKey(vo);
    if (!groups.has(key)) groups.set(key, { vo, feds: [] });
    groups.get(key)!.feds.push(f);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'sv')));
  return sorted.map(([, g]) => {
    let ideal = new Decimal(0);
    let final = new Decimal(0);
    let change = new Decimal(0);
    let previous = new Decimal(0);
    for (const f of g.feds) {
      ideal = ideal.plus(f.rounded.ideal);
      final = final.plus(f.rounded.final);
      const c = federationChange(f);
      if (c) {
        change = change.plus(c.amount);
        previous = previous.plus(c.base);
      }
    }
    return {
      vo: g.vo,
      federationCount: g.feds.length,
      ideal: wholeKronor(ideal),
      final: wholeKronor(final),
      change: wholeKronor(change),
      previous: kronorOf(previous),
    };
  });
}

/** Headers of the block of totals per VO on Körlogg. */
export const VO_TOTAL_HEADERS = [
  'VO',
  'Antal förbund',
  'Idealfördelning (kr)',
  'Slutlig tilldelning (kr)',
  'Förändring mot föregående år (kr)',
  'Förändring mot föregående år (%)',
] as const;

/**
 * The totals per VO as a table (header, one row per VO, a Summa row): förbund, ideal, final, the change
 * from last year in kronor and as a share of last year's base (blank where no federation has a base).
 */
export function voTotalsBlock(result: AllocationResult): { values: CellValue[][]; numberFormats: (string | null)[][] } {
  const totals = voTotals(result);
  const share = (change: number, previous: number): CellValue => (previous > 0 ? Number((change / previous).toFixed(6)) : '');
  const rowFormats = [TEXT_FORMAT, '0', MONEY_FORMAT, MONEY_FORMAT, CHANGE_MONEY_FORMAT, CHANGE_SHARE_FORMAT];
  const values: CellValue[][] = [[...VO_TOTAL_HEADERS]];
  const numberFormats: (string | null)[][] = [VO_TOTAL_HEADERS.map(() => TEXT_FORMAT)];
  const sum = { count: 0, ideal: 0, final: 0, change: 0, previous: 0 };
  for (const t of totals) {
    values.push([t.vo || SUMMARY_TEXTS.noVo, t.federationCount, t.ideal, t.final, t.change, share(t.change, t.previous)]);
    numberFormats.push(rowFormats);
    sum.count += t.federationCount;
    sum.ideal += t.ideal;
    sum.final += t.final;
    sum.change += t.change;
    sum.previous += t.previous;
  }
  values.push([TOTAL_LABEL, sum.count, sum.ideal, sum.final, sum.change, share(sum.change, sum.previous)]);
  numberFormats.push(rowFormats);
  return { values, numberFormats };
}

/** The run's summary for a terminal or the pane (kronor with spaces: "339 000 000 kr"). */
export function runSummary(
  result: AllocationResult,
  input: ModelInput,
  notices: Problem[] = [],
  rows?: readonly number[],
): RunSummary {
  const warningCounts = counts(result);
  const municipalities = municipalityCount(input);
  const warningList = WARNING_CODES.filter((c) => warningCounts[c]).map((c) => `${c} ${warningCounts[c]}`);
  const flows = runFlows(result);
  const explanation = scenarioExplanation(result, flows);
  const lines = [
    `Scenario: ${result.scenario.label}`,
    `Statlig ram: ${formatKronor(result.parameters.budget)}`,
    `Summa slutlig tilldelning: ${formatKronor(result.totals.final)}`,
    `Ej fördelat: ${formatKronor(result.totals.undistributed)}`,
    `Tillämpad spärr: ${formatShare(result.appliedMaxDecrease)}`,
    `Förbund: ${result.federationCount}, kommuner: ${municipalities}`,
    `Varningar: ${warningList.length ? warningList.join(', ') : 'inga'}`,
    ...notices.map((n) => `Obs: ${n.address}: ${n.message}`),
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
    notices,
    flows,
    explanation,
    voTotals: voTotals(result),
    federations: federationSummaries(result, rows),
  };
}

/**
 * Everything to write for a run. Förbund: the nine output columns (canonical headers, spec order) over
 * the columns already carrying them, the missing ones after the last column in use; each block from
 * the header row down to layout rowCount, with values in the header row and the federation rows and
 * null (leave as it is) in every other row. The clear ranges name exactly the run's own cells of an
 * earlier run (ownCellRanges): the header cell and the federation rows of each existing output column;
 * every other cell (a total row, a note below the table) is left as it is. A further column with an
 * output header (the user's, e.g. last year's figures) is neither cleared nor written: it is reported
 * as a notice (summary.notices). Kommunbidrag and Körlogg, the run's own sheets, are rewritten whole
 * in place (under their existing spelling if present); Körlogg is the last of plan.sheets.
 */
export function buildWritePlan(
  layout: WorkbookLayout,
  result: AllocationResult,
  input: ModelInput,
  options: {
    timestamp: Date;
    /**
     * Förbund as read: to name a duplicate column's header, to find rows of an earlier run that are no
     * longer a federation's (leftoverRunRows), and its formula cells (never cleared)
     */
    federationSheet?: SheetValues;
    /** Further notices for the summary, e.g. every federation in one VO (scope.ts) */
    notices?: Problem[];
    /**
     * Every sheet as read: with them the plan has the sheet Underlag (the model as formulas over the
     * input cells, which it needs to see: docs/workbook-format.md §5.4); without, it has none.
     */
    sheets?: SheetValues[];
  },
): WritePlan {
  const fs = layout.federationSheet;
  const columns = outputColumnPlacement(layout);
  const lastRow = Math.max(fs.rowCount - 1, fs.headerRow, ...fs.dataRows);
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
    const values: CellValue[] =
      r === fs.headerRow
        ? [...FEDERATION_OUTPUT_HEADERS]
        : fed
          ? federationOutputRow(fed)
          : FEDERATION_OUTPUT_HEADERS.map(() => null);
    // Headers and the Varningar column as text, amounts in the money format, other rows left alone
    values.forEach((v, k) => {
      columnValues[k].push(v);
      columnFormats[k].push(r === fs.headerRow ? TEXT_FORMAT : fed ? outputColumnFormat(FEDERATION_OUTPUT_HEADERS[k]) : null);
    });
    // spec: docs/model.md §W — only rows with a warning that needs action are highlighted
    if (fed && fed.warnings.some((w) => isActionWarning(w.code))) highlightRows.push(r);
  }
  if (result.federations.length !== fs.dataRows.length) {
    throw new Error('internal: result and layout disagree on the number of federations');
  }

  const blocks = columnBlocks(fs.name, fs.headerRow, columns, columnValues, columnFormats);

  const sheet = options.federationSheet;
  const leftover = sheet
    ? leftoverRunRows(sheet, fs.headerRow, Object.values(fs.columns ?? {}), fs.existingOutputColumns, fs.dataRows)
    : [];
  const clear = ownCellRanges(
    fs.name,
    Object.values(fs.existingOutputColumns),
    [fs.headerRow, ...fs.dataRows, ...leftover],
    leftover.length > 0 ? (sheet?.formulaCells ?? []).filter((f) => leftover.includes(f.row)) : [],
  );
  const notices = duplicateColumnNotices(
    fs.name,
    fs.headerRow,
    fs.existingOutputColumns,
    fs.duplicateOutputColumns ?? [],
    sheet?.values[fs.headerRow],
  );

  notices.push(...notAnsweredNotices(sheet, fs.headerRow, fs.dataRows));

  const existing = layout.existingOutputSheets;
  const diagram = diagramSheet(result, existing[DIAGRAM_SHEET] ?? DIAGRAM_SHEET);
  const underlag = options.sheets
    ? [
        withoutLayout(
          underlagSheet({
            layout,
            result,
            input,
            sheets: options.sheets,
            outputColumns: Object.fromEntries(FEDERATION_OUTPUT_HEADERS.map((h, k) => [h, columns[k]])),
            name: existing[UNDERLAG_SHEET] ?? UNDERLAG_SHEET,
          }),
        ),
      ]
    : [];
  const own: Partial<Record<OutputSheetName, SheetOutput>> = {
    [CONTRIBUTION_SHEET]: municipalContributionSheet(result, existing[CONTRIBUTION_SHEET] ?? CONTRIBUTION_SHEET),
    [UNDERLAG_SHEET]: underlag[0],
    [DIAGRAM_SHEET]: diagram,
    [RUN_LOG_SHEET]: runLogSheet(result, input, options.timestamp, existing[RUN_LOG_SHEET] ?? RUN_LOG_SHEET),
  };
  const sheets = OUTPUT_SHEETS_WRITE_ORDER.flatMap((name) => own[name] ?? []);
  return {
    clear,
    blocks,
    sheets,
    highlight: {
      sheet: fs.name,
      rows: highlightRows,
      firstColumn: Math.min(...columns),
      lastColumn: Math.max(...columns),
      color: HIGHLIGHT_COLOR,
    },
    ...(fs.dataRows.length > 0 ? { chart: runChart(diagram.name, result.federations.length) } : {}),
    presentation: federationPresentation(layout, columns),
    summary: runSummary(result, input, [...notices, ...(options.notices ?? [])], fs.dataRows),
  };
}

// spec: docs/model.md §A4 — after merging, the run says how many federations are `Ej svarat` (a blank möjligt bidrag there counts as full matching)
/** A notice at Förbund's `Svar` header when federation rows there say `Ej svarat` (none without the column). */
export function notAnsweredNotices(sheet: SheetValues | undefined, headerRow: number, dataRows: number[]): Problem[] {
  if (!sheet) return [];
  const key = normalizeKey(ANSWER_STATUS_TEXTS.header);
  const column = (sheet.values[headerRow] ?? []).findIndex((c) => normalizeKey(c) === key);
  if (column < 0) return [];
  const notAnswered = normalizeKey(ANSWER_STATUS_TEXTS.notAnswered);
  const count = dataRows.filter((r) => normalizeKey(sheet.values[r]?.[column]) === notAnswered).length;
  return count > 0 ? [makeProblem(sheet.name, headerRow, column, ANSWER_STATUS_TEXTS.notAnsweredNotice(count))] : [];
}

/** A SheetOutput without the extra layout facts a builder returns beside it (plans carry SheetOutput only). */
function withoutLayout<T extends SheetOutput>(sheet: T & { underlag?: unknown }): SheetOutput {
  const { underlag: _layout, ...rest } = sheet;
  return rest;
}

/**
 * Output columns as blocks from the header row down: contiguous runs of columns become one block each
 * (bold header row). `columnValues[k]` and `columnFormats[k]` are column `columns[k]`'s cells, one per row.
 */
export function columnBlocks(
  sheet: string,
  headerRow: number,
  columns: readonly number[],
  columnValues: readonly CellValue[][],
  columnFormats: readonly (string | null)[][],
): CellBlock[] {
  const height = Math.max(0, ...columnValues.map((c) => c.length));
  const order = columns.map((c, k) => ({ c, k })).sort((a, b) => a.c - b.c);
  const blocks: CellBlock[] = [];
  for (let s = 0; s < order.length;) {
    let e = s;
    while (e + 1 < order.length && order[e + 1].c === order[e].c + 1) e++;
    const ks = order.slice(s, e + 1).map((o) => o.k);
    blocks.push({
      sheet,
      row: headerRow,
      column: order[s].c,
      values: Array.from({ length: height }, (_, r) => ks.map((k) => columnValues[k][r] ?? null)),
      numberFormats: Array.from({ length: height }, (_, r) => ks.map((k) => columnFormats[k][r] ?? null)),
      boldFirstRow: true,
    });
    s = e + 1;
  }
  return blocks;
}

/**
 * Diagram: the chart's data, one row per federation sorted by Slutlig tilldelning (largest first, then
 * by name), so that the chart reads from the top; written by both hosts (the chart by the add-in only).
 */
export function diagramSheet(result: AllocationResult, name: string = DIAGRAM_SHEET): SheetOutput {
  const sorted = [...result.federations].sort(
    (a, b) => b.rounded.final.comparedTo(a.rounded.final) || a.name.localeCompare(b.name, 'sv'),
  );
  const values: CellValue[][] = [[...DIAGRAM_HEADERS]];
  const numberFormats: (string | null)[][] = [DIAGRAM_HEADERS.map(() => TEXT_FORMAT)];
  for (const f of sorted) {
    values.push([f.name, wholeKronor(f.rounded.ideal), wholeKronor(f.rounded.final)]);
    numberFormats.push([TEXT_FORMAT, MONEY_FORMAT, MONEY_FORMAT]);
  }
  return { name, values, numberFormats, boldRows: [0], columnWidths: [32, 16, 16], headerRow: 0, wrapRows: [0] };
}

/**
 * The chart of a run: on Diagram (replaced whole by every run and deleted by "Ta bort resultat", so the
 * chart never outlives its run), with the data of that sheet's table (diagramSheet) as its source.
 */
function runChart(sheet: string, count: number): ChartPlan {
  return {
    sheet,
    title: RUN_CHART_TITLE,
    sourceSheet: sheet,
    firstRow: 1,
    lastRow: count,
    nameColumn: 0,
    idealColumn: 1,
    finalColumn: 2,
    idealName: 'Idealfördelning',
    finalName: 'Slutlig tilldelning',
    count,
  };
}

/** Widths in characters of the output columns on Förbund (headers wrap; Varningar wraps too). */
const OUTPUT_COLUMN_WIDTHS: Record<string, number> = { Varningar: 60, 'Förändring mot föregående år (%)': 16 };
const OUTPUT_MONEY_WIDTH = 15;
/** Height in points of a header row of up to three wrapped lines (Calibri 11: 15 points a line). */
export const HEADER_ROW_HEIGHT = 45;

/**
 * How Förbund is shown after a run: header row and name column frozen, an autofilter from the first
 * column to the last output column over the header and federation rows, the output headers and
 * Varningar wrapped, each output column a width that shows its numbers and at most three header lines.
 * spec: docs/workbook-format.md §3.5 — the written workbook as a spreadsheet user sees it
 */
export function federationPresentation(layout: WorkbookLayout, columns: number[]): SheetPresentation {
  const fs = layout.federationSheet;
  const nameColumn = fs.columns?.name ?? 0;
  const firstColumn = Math.min(nameColumn, ...Object.values(fs.columns ?? {}));
  const lastColumn = Math.max(...columns, ...Object.values(fs.columns ?? {}));
  const lastDataRow = Math.max(fs.headerRow, ...fs.dataRows);
  const warnings = columns[FEDERATION_OUTPUT_HEADERS.indexOf('Varningar')];
  const wrap = [
    ...runsOf(columns).map(([column, count]) => ({ row: fs.headerRow, column, rowCount: 1, columnCount: count })),
    ...runsOf(fs.dataRows).map(([row, count]) => ({ row, column: warnings, rowCount: count, columnCount: 1 })),
  ];
  return {
    sheet: fs.name,
    freeze: { rows: fs.headerRow + 1, columns: nameColumn + 1 },
    autoFilter: {
      row: fs.headerRow,
      column: firstColumn,
      rowCount: lastDataRow - fs.headerRow + 1,
      columnCount: lastColumn - firstColumn + 1,
    },
    wrap,
    columnWidths: FEDERATION_OUTPUT_HEADERS.map((h, k) => ({
      column: columns[k],
      width: OUTPUT_COLUMN_WIDTHS[h] ?? OUTPUT_MONEY_WIDTH,
    })),
    headerRowHeight: HEADER_ROW_HEIGHT,
  };
}

/** Consecutive numbers as [start, count] runs: [0,1,2,5] → [[0,3],[5,1]] (rows or columns of a plan). */
export function runsOf(numbers: readonly number[]): [number, number][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else runs.push([n, 1]);
  }
  return runs;
}

/**
 * The run's own cells of the given output columns, one rectangle per column and run of consecutive
 * rows: the header row and the rows the run writes. Cells in `except` (cells holding a formula: a
 * run writes none) are left out. Nothing else of those columns is the run's.
 * spec: docs/workbook-format.md §3.4 — a run never changes a cell it did not write itself.
 */
export function ownCellRanges(
  sheet: string,
  columns: readonly number[],
  rows: readonly number[],
  except: readonly { row: number; column: number }[] = [],
): WritePlan['clear'] {
  const ranges: WritePlan['clear'] = [];
  for (const column of [...new Set(columns)].sort((a, b) => a - b)) {
    const skip = new Set(except.filter((e) => e.column === column).map((e) => e.row));
    for (const [row, rowCount] of runsOf(rows.filter((r) => !skip.has(r))))
      ranges.push({ sheet, row, column, rowCount, columnCount: 1 });
  }
  return ranges;
}

/**
 * Rows an earlier run wrote that are no longer a federation's (a federation removed by blanking its
 * inputs): below the header, blank in every input column, and holding a number — typed, not a formula —
 * in every money column of the run's output (the run writes one in each on every federation row). A
 * total row, a note or a formula of the user's never looks like that and is left as it is.
 */
export function leftoverRunRows(
  sheet: SheetValues,
  headerRow: number,
  inputColumns: readonly number[],
  outputColumns: Record<string, number>,
  skipRows: readonly number[],
): number[] {
  const money = ALWAYS_NUMBER_HEADERS.map((h) => outputColumns[h]);
  if (money.some((c) => c === undefined)) return [];
  const formulas = new Set((sheet.formulaCells ?? []).map((f) => `${f.row},${f.column}`));
  const skip = new Set(skipRows);
  const rows: number[] = [];
  for (let r = headerRow + 1; r < sheet.values.length; r++) {
    if (skip.has(r)) continue;
    const row = sheet.values[r] ?? [];
    if (!inputColumns.every((c) => isBlank(row[c]))) continue;
    if (money.every((c) => typeof row[c] === 'number' && Number.isFinite(row[c] as number) && !formulas.has(`${r},${c}`)))
      rows.push(r);
  }
  return rows;
}

/**
 * A notice for each further column that carries an output header: the first column with a header is
 * the run's own, a later one is the user's (e.g. last year's figures kept beside the run's) and is
 * left as it is. `headerCells` is the header row as read (to name the header).
 * spec: docs/workbook-format.md §3.4 — "a column of the user's that carries an output header … is reported, not cleared".
 */
export function duplicateColumnNotices(
  sheet: string,
  headerRow: number,
  own: Record<string, number>,
  duplicates: readonly number[],
  headerCells: readonly CellValue[] = [],
): Problem[] {
  return [...duplicates]
    .sort((a, b) => a - b)
    .map((column) => {
      const header = outputHeaderOf(headerCells[column]);
      const ownColumn = header !== undefined ? own[header] : undefined;
      const message =
        header !== undefined && ownColumn !== undefined
          ? `kolumnen "${cellText(headerCells[column])}" har samma rubrik som körningens kolumn ${columnLetters(ownColumn)}; den räknas som din egen och lämnades orörd`
          : 'kolumnen har samma rubrik som en av körningens resultatkolumner; den räknas som din egen och lämnades orörd';
      return makeProblem(sheet, headerRow, column, message);
    });
}

/**
 * The rows of Förbund that a run wrote: its federation rows as the reader finds them when the workbook
 * reads without problems, otherwise every row below the header whose Förbund cell is not blank (a
 * federation whose inputs now have an error is still one of the run's rows); and rows an earlier run
 * left that are no longer a federation's (leftoverRunRows).
 */
function runRowsOf(sheets: SheetValues[], sheet: SheetValues, headerRow: number, mapping: HeaderMapping<string>): number[] {
  const read = readWorkbook(sheets);
  let rows: number[] = [];
  const nameColumn = mapping.columns['name']?.column;
  if (read.ok && read.layout.federationSheet.name === sheet.name) rows = read.layout.federationSheet.dataRows;
  else if (nameColumn !== undefined) {
    for (let r = headerRow + 1; r < sheet.values.length; r++) if (!isBlank(sheet.values[r]?.[nameColumn])) rows.push(r);
  }
  const inputColumns = Object.values<{ column: number } | undefined>(mapping.columns).map((m) => m!.column);
  return [...rows, ...leftoverRunRows(sheet, headerRow, inputColumns, mapping.outputColumns, rows)];
}

/**
 * What "Ta bort resultat" removes: the run's own cells of the Förbund output columns (the header cell
 * and the run's rows, not a cell holding a formula: ownCellRanges) and the sheets Kommunbidrag and
 * Körlogg. Input cells, cells below or beside the table of the user's, and further columns carrying an
 * output header (reported in `notices`, present when there is one) are never included.
 */
export function removeOutputPlan(sheets: SheetValues[]): {
  clear: WritePlan['clear'];
  deleteSheets: string[];
  notices?: Problem[];
} {
  let clear: WritePlan['clear'] = [];
  let notices: Problem[] = [];
  const sheet = findSheet(sheets, FEDERATION_SHEET);
  if (sheet) {
    const header = findHeaderRow(sheet.values, FEDERATION_KEY_HEADERS, companionHeaders(FEDERATION_COLUMNS, true));
    if (header) {
      const cells = sheet.values[header.row] ?? [];
      const mapping = mapHeaders<string>(sheet.name, cells, header.row, FEDERATION_COLUMNS, true);
      const own = Object.values(mapping.outputColumns);
      if (own.length > 0)
        clear = ownCellRanges(
          sheet.name,
          own,
          [header.row, ...runRowsOf(sheets, sheet, header.row, mapping)],
          sheet.formulaCells ?? [],
        );
      notices = duplicateColumnNotices(sheet.name, header.row, mapping.outputColumns, mapping.duplicateOutputColumns, cells);
    }
  }
  const deleteSheets = OUTPUT_SHEETS.map((name) => findSheet(sheets, name)?.name).filter((n): n is string => n !== undefined);
  return { clear, deleteSheets, ...(notices.length > 0 ? { notices } : {}) };
}
