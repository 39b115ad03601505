// The sheet Kommunbidrag a run writes: each municipality's contribution, and totals per municipality and region.
// spec: docs/workbook-format.md §5.1.
import Decimal from 'decimal.js';
import type { AllocationResult, MunicipalContributionResult } from '../engine';
import type { CellValue, SheetOutput } from './types';
import { CONTRIBUTION_SHEET, MONEY_FORMAT, SHARE_FORMAT, TEXT_FORMAT } from './types';
import { EQUAL_FALLBACK_REASON, SPLIT_METHOD_LABELS } from './cells';
import { normalizeKey } from './text';
import { wholeKronor } from './write-values';

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
/** Label of the total row under Kommunbidrag (after one blank row, outside an autofilter on the data). */
export const TOTAL_LABEL = 'Summa';

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
