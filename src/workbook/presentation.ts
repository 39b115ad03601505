// How a run is shown: the sheet Diagram and its chart, and Förbund's presentation (frozen panes,
// autofilter, wrapping, column widths).
// spec: docs/workbook-format.md §3.5, §5.
import type { AllocationResult } from '../engine';
import type { CellValue, ChartPlan, SheetOutput, SheetPresentation, WorkbookLayout } from './types';
import { DIAGRAM_HEADERS, DIAGRAM_SHEET, FEDERATION_OUTPUT_HEADERS, MONEY_FORMAT, RUN_CHART_TITLE, TEXT_FORMAT } from './types';
import { runsOf, wholeKronor } from './write-values';

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
export function runChart(sheet: string, count: number): ChartPlan {
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
