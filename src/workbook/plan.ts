// What a run writes back: the Förbund output columns, the run's own sheets (Kommunbidrag: kommunbidrag.ts,
// Körlogg: run-log.ts, Diagram: presentation.ts, Underlag: underlag.ts), highlights and a summary
// (run-summary.ts); and what "Ta bort resultat" removes.
// spec: docs/workbook-format.md §3.2, §5; docs/model.md §R (rounding).
import type { AllocationResult, ModelInput } from '../engine';
import { isActionWarning, WARNING_CODES } from '../engine';
import type {
  CellBlock,
  OutputSheetName,
  CellValue,
  Problem,
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
  CHANGE_MONEY_FORMAT,
  CHANGE_SHARE_FORMAT,
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
import { findHeaderRow, findSheet, makeProblem } from './sheets';
import { readWorkbook } from './read';
import { cellText, isBlank, normalizeKey } from './text';
import { ANSWER_STATUS_TEXTS } from './messages';
import { underlagSheet } from './underlag';
import { municipalContributionSheet } from './kommunbidrag';
import { runLogSheet } from './run-log';
import { changeShareValue, federationChange, runSummary } from './run-summary';
import { diagramSheet, federationPresentation, runChart } from './presentation';
import { runsOf, warningsText, wholeKronor } from './write-values';

// The parts of a run's output live in files of their own; importers reach them here as before
export {
  DATETIME_FORMAT,
  DECIMAL_MONEY_FORMAT,
  excelDateTime,
  isoLocal,
  LAMBDA_FORMAT,
  LAMBDA_MEANING_FORMAT,
  runsOf,
  warningsText,
  wholeKronor,
} from './write-values';
export {
  BASIS_FORMAT,
  KOMMUNBIDRAG_HEADERS,
  KOMMUNBIDRAG_MUNICIPALITY_HEADERS,
  KOMMUNBIDRAG_REGION_HEADERS,
  municipalContributionSheet,
  municipalityTotals,
  NO_REGION_LABEL,
  regionTotals,
  splitBasisText,
  TOTAL_LABEL,
} from './kommunbidrag';
export { KORLOGG_HEADERS, runLogSheet } from './run-log';
export {
  changeShareValue,
  federationChange,
  federationSummaries,
  runFlows,
  runSummary,
  scenarioExplanation,
  VO_TOTAL_HEADERS,
  voTotals,
  voTotalsBlock,
} from './run-summary';
export { diagramSheet, federationPresentation, HEADER_ROW_HEIGHT } from './presentation';

/** Every warning code, in the spec's order (Körlogg lists a count for each): the engine's table. */
export { WARNING_CODES };

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
