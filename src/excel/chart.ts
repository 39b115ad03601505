// The native Excel chart written with a run: ideal vs final allocation per federation.
import type { WorkbookLayout, WritePlan } from '../workbook/types';
import { FEDERATION_OUTPUT_HEADERS, OUTPUT_SHEETS } from '../workbook/types';
import { outputColumnPlacement } from '../workbook/plan';
import type { ChartSpec } from './host';

export const CHART_TITLE = 'Ideal och slutlig tilldelning';

/**
 * The chart of a run: placed on Körlogg (replaced whole by every run and deleted by "Ta bort
 * resultat", so the chart never outlives its run), with the data read from the Förbund output
 * columns Idealfördelning and Slutlig tilldelning and the federation names as categories.
 * Undefined when there is no federation.
 */
export function chartSpecFor(layout: WorkbookLayout, plan: WritePlan): ChartSpec | undefined {
  const fs = layout.federationSheet;
  if (fs.dataRows.length === 0) return undefined;
  const columns = outputColumnPlacement(layout);
  const logSheet =
    plan.sheets.find((s) => s.name.toLocaleLowerCase('sv') === OUTPUT_SHEETS[1].toLocaleLowerCase('sv')) ??
    plan.sheets[plan.sheets.length - 1];
  return {
    sheet: logSheet.name,
    title: CHART_TITLE,
    sourceSheet: fs.name,
    firstRow: Math.min(...fs.dataRows),
    lastRow: Math.max(...fs.dataRows),
    nameColumn: fs.columns?.name ?? 0,
    idealColumn: columns[FEDERATION_OUTPUT_HEADERS.indexOf('Idealfördelning (kr)')],
    finalColumn: columns[FEDERATION_OUTPUT_HEADERS.indexOf('Slutlig tilldelning (kr)')],
    idealName: 'Idealfördelning',
    finalName: 'Slutlig tilldelning',
    count: fs.dataRows.length,
  };
}
