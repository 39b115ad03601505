// Where everything is (WorkbookLayout) and which cells a run reads.
// spec: docs/workbook-format.md §1, §3, §5
import type { Problem, SheetValues, WorkbookLayout } from './types';
import {
  AREA_COLUMNS,
  companionHeaders,
  FEDERATION_COLUMNS,
  FEDERATION_KEY_HEADERS,
  FEDERATION_SHEET,
  FederationField,
  HeaderMapping,
  mapHeaders,
  MappedColumn,
  MUNICIPALITY_SHEET,
} from './columns';
import { scanParameterSheet } from './parameters';
import { findHeaderRow, findSheet, HEADER_SEARCH_ROWS, makeProblem, mergedOutputCellMessage } from './sheets';
import { outputColumnPlacement } from './plan';
import { columnLetters } from './address';
import { isBlank } from './text';
import type { SheetRead } from './read-rows';
import type { FederationRow } from './read-federations';

/**
 * Last column, other than output columns, in use from the header row down: a header or any value, a
 * cell the host reports as occupied (a formula whose result is empty or unknown), or the right edge
 * of a merged range that starts in such a column and covers the header row or a federation row (an
 * output cell there would be part of the merge). Merged ranges only below or between the federations
 * do not count: a run writes nothing in those rows of a new output column.
 */
export function lastInputColumn(
  sheet: SheetValues,
  headerRow: number,
  mapping: HeaderMapping<string>,
  dataRows: number[],
): number {
  const output = new Set<number>([...Object.values(mapping.outputColumns), ...mapping.duplicateOutputColumns]);
  let last = mapping.lastHeaderColumn;
  for (let r = headerRow; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    for (let c = row.length - 1; c > last; c--) {
      if (!output.has(c) && !isBlank(row[c])) {
        last = c;
        break;
      }
    }
  }
  for (const { row, column } of sheet.occupied ?? []) {
    if (row >= headerRow && column > last && !output.has(column)) last = column;
  }
  const written = new Set([headerRow, ...dataRows]);
  for (const merge of sheet.merges ?? []) {
    const right = merge.column + merge.columnCount - 1;
    if (right <= last || output.has(merge.column) || merge.row + merge.rowCount - 1 < headerRow) continue;
    let covers = false;
    for (let r = merge.row; r < merge.row + merge.rowCount && !covers; r++) covers = written.has(r);
    if (covers) last = right;
  }
  return last;
}

export function columnsOf(m: HeaderMapping<string>): Record<string, number> {
  return Object.fromEntries(Object.entries(m.columns).map(([k, v]) => [k, (v as { column: number }).column]));
}

/** Where the Förbund sheet's rows and columns are, and so where a run writes (WorkbookLayout.federationSheet). */
export function federationLayout(opened: SheetRead<FederationField>, rows: FederationRow[]): WorkbookLayout['federationSheet'] {
  const dataRows = rows.map((f) => f.row);
  return {
    name: opened.sheet.name,
    headerRow: opened.headerRow,
    dataRows,
    lastInputColumn: lastInputColumn(opened.sheet, opened.headerRow, opened.mapping, dataRows),
    existingOutputColumns: { ...opened.mapping.outputColumns },
    rowCount: opened.sheet.values.length,
    columns: columnsOf(opened.mapping),
    duplicateOutputColumns: [...opened.mapping.duplicateOutputColumns],
  };
}

/**
 * The cells a run writes on Förbund (its output columns, outputColumnPlacement, in the header row and
 * the federation rows) that are part of a merged range: a value written there would land in the
 * range's top-left cell, perhaps an input cell. Each is a problem, found by the reader so that it is
 * reported together with the input's problems (a host checks again before writing: writeConflicts).
 */
export function mergeConflicts(sheet: SheetValues, layout: WorkbookLayout['federationSheet']): Problem[] {
  const merges = sheet.merges ?? [];
  if (merges.length === 0) return [];
  const columns = outputColumnPlacement({ federationSheet: layout } as Pick<WorkbookLayout, 'federationSheet'> as WorkbookLayout);
  const problems: Problem[] = [];
  for (const row of [layout.headerRow, ...layout.dataRows]) {
    for (const column of columns) {
      const merge = merges.find(
        (m) => row >= m.row && row < m.row + m.rowCount && column >= m.column && column < m.column + m.columnCount,
      );
      if (merge && (merge.rowCount > 1 || merge.columnCount > 1)) {
        problems.push(
          makeProblem(sheet.name, row, column, mergedOutputCellMessage(`${columnLetters(merge.column)}${merge.row + 1}`)),
        );
      }
    }
  }
  return problems;
}

/**
 * Which cells a run reads, as a test on a sheet name (as in the workbook) and a 0-based cell: on
 * Parametrar the header row and, below it, the Parameter and Värde columns; on Förbund and Kommuner
 * the header row and, below it, the input columns (not unknown columns, not output columns). Rows
 * above a header row (titles, notes) are not read; when a sheet has no header row, its first ten
 * rows are (the header is looked for there). Other sheets are never read.
 * A host uses it to tell which cells matter, e.g. a formula without a calculated value.
 */
export function cellsRead(sheets: SheetValues[]): (sheet: string, row: number, column: number) => boolean {
  const rules = new Map<string, (row: number, column: number) => boolean>();
  const searchOnly = (row: number): boolean => row < HEADER_SEARCH_ROWS;
  const params = scanParameterSheet(sheets);
  if (params.sheet) {
    const { headerRow, labelColumn, valueColumn } = params;
    rules.set(
      params.sheet.name,
      headerRow < 0
        ? searchOnly
        : (row, column) => row === headerRow || (row > headerRow && (column === labelColumn || column === valueColumn)),
    );
  }
  for (const [canonical, defs, withOutput] of [
    [FEDERATION_SHEET, FEDERATION_COLUMNS, true],
    [MUNICIPALITY_SHEET, AREA_COLUMNS, false],
  ] as const) {
    const sheet = findSheet(sheets, canonical);
    if (!sheet) continue;
    const header = findHeaderRow(sheet.values, FEDERATION_KEY_HEADERS, companionHeaders<string>(defs, withOutput));
    if (!header) {
      rules.set(sheet.name, searchOnly);
      continue;
    }
    const mapping = mapHeaders<string>(sheet.name, sheet.values[header.row] ?? [], header.row, defs, withOutput);
    const inputColumns = new Set(Object.values<MappedColumn | undefined>(mapping.columns).map((m) => m?.column));
    rules.set(sheet.name, (row, column) => row === header.row || (row > header.row && inputColumns.has(column)));
  }
  return (sheet, row, column) => rules.get(sheet)?.(row, column) ?? false;
}
