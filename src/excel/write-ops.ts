// What the add-in writes, as a flat list of host-neutral operations, and how the list is cut into
// requests that stay well under Excel on the web's 5 MB payload limit. Pure code (no Office.js), so
// the planning is tested without Excel; src/excel/office-host.ts turns each operation into Office.js.
import type { SheetOutput, SheetWritePlan } from '../workbook/types';
import { HIGHLIGHT_COLOR, LAST_SHEET_ROW, TEXT_FORMAT } from '../workbook/types';
import type { ChartSpec, RemovalPlan } from './host';
import { normalizeKey } from '../workbook/text';
import { validationCells } from '../workbook/template';
import { runsOf } from '../workbook/plan';
import type { Rect, WriteOp } from './write-op';

export type { Rect, WriteOp } from './write-op';
export * from './write-batches';

/** The plan's highlight colour and a sheet's last row (src/workbook/types.ts), for the tests. */
export { HIGHLIGHT_COLOR, LAST_SHEET_ROW };

/** Column width in points for a width in characters (Calibri 11: 7 px per character plus 5 px padding). */
export function charactersToPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** A validation's A1 range ('B5', 'D:D' = the rows below the header) as a rectangle (validationCells). */
export function validationRect(sheet: string, range: string, headerRow: number): Rect {
  return { sheet, ...validationCells(range, headerRow) };
}

/**
 * A plan's number formats split in two: the text format ("@") alone, which has to be in place no later
 * than the values (Excel parses a string written into a cell that is not text, "1-2" becoming a date),
 * and every other format (money, shares), which may follow in a later request. Each part is null when
 * it sets nothing; a cell a part does not set is null there (left as it is).
 */
export function splitTextFormats(formats: readonly (readonly (string | null | undefined)[])[] | undefined): {
  text: (string | null)[][] | null;
  other: (string | null)[][] | null;
} {
  if (!formats) return { text: null, other: null };
  /** The formats that `keep` picks, null elsewhere; null when it picks none */
  const part = (keep: (format: string) => boolean): (string | null)[][] | null => {
    let any = false;
    const out = formats.map((row) =>
      row.map((f) => {
        if (f === null || f === undefined || !keep(f)) return null;
        any = true;
        return f;
      }),
    );
    return any ? out : null;
  };
  return { text: part((f) => f === TEXT_FORMAT), other: part((f) => f !== TEXT_FORMAT) };
}

/**
 * The operations that fill a sheet created by the add-in (output sheets, template sheets). With
 * `deferred`, the number formats other than text go there instead (to be written in a later request);
 * the text format always goes with the values.
 */
export function sheetOutputOps(output: SheetOutput, position?: number, deferred?: WriteOp[]): WriteOp[] {
  return [
    { kind: 'addSheet', sheet: output.name, ...(position !== undefined ? { position } : {}) },
    ...fillSheetOps(output, deferred),
  ];
}

/**
 * The operations that fill an empty sheet (new, or one the run owns, emptied) with a SheetOutput:
 * values with their number formats (text formats always with the values; others into `deferred` when
 * given), bold rows, column widths, frozen header, validations. With `valuesLast`, the values come
 * after everything else of the sheet (the run log: its values mark a run as complete).
 */
export function fillSheetOps(output: SheetOutput, deferred?: WriteOp[], valuesLast = false): WriteOp[] {
  const sheet = output.name;
  const ops: WriteOp[] = [];
  const valueOps: WriteOp[] = [];
  const width = Math.max(0, ...output.values.map((r) => r.length));
  if (width > 0 && output.values.length > 0) {
    const formulas = output.formulas;
    const values = output.values.map((r, i) =>
      Array.from({ length: width }, (_, j) => {
        const formula = formulas?.[i]?.[j];
        if (formula) return formula;
        // range.formulas takes no null (range.values leaves such a cell as it is): the sheet is empty
        return r[j] === undefined || (formulas && r[j] === null) ? '' : r[j];
      }),
    );
    const asFormulas = formulas ? { formulas: true } : {};
    const numberFormats = output.numberFormats
      ? output.values.map((_, i) => Array.from({ length: width }, (_, j) => output.numberFormats?.[i]?.[j] ?? null))
      : undefined;
    const hasFormats = numberFormats?.some((r) => r.some((f) => f !== null));
    if (hasFormats && numberFormats && deferred) {
      const { text, other } = splitTextFormats(numberFormats);
      valueOps.push({
        kind: 'values',
        sheet,
        row: 0,
        column: 0,
        values,
        ...(text ? { numberFormats: text } : {}),
        ...asFormulas,
      });
      if (other) deferred.push({ kind: 'numberFormat', sheet, row: 0, column: 0, numberFormats: other });
    } else {
      valueOps.push({
        kind: 'values',
        sheet,
        row: 0,
        column: 0,
        values,
        ...(hasFormats ? { numberFormats } : {}),
        ...asFormulas,
      });
    }
    if (!valuesLast) ops.push(...valueOps);
    for (const [row, count] of runsOf(output.boldRows ?? []))
      ops.push({ kind: 'bold', sheet, row, column: 0, rowCount: count, columnCount: width });
  }
  (output.columnWidths ?? []).forEach((w, column) => {
    if (w > 0) ops.push({ kind: 'columnWidth', sheet, column, points: charactersToPoints(w) });
  });
  if (output.headerRow !== undefined) ops.push({ kind: 'freezeRows', sheet, count: output.headerRow + 1 });
  for (const [row, count] of runsOf(output.wrapRows ?? []))
    if (width > 0) ops.push({ kind: 'wrap', sheet, row, column: 0, rowCount: count, columnCount: width });
  for (const [column, count] of runsOf(output.wrapColumns ?? []))
    if (output.values.length > 0)
      ops.push({ kind: 'wrap', sheet, row: 0, column, rowCount: output.values.length, columnCount: count });
  if (output.autoFilter) ops.push({ kind: 'autoFilter', sheet, ...output.autoFilter });
  for (const validation of output.validations ?? []) {
    ops.push({ kind: 'validation', validation, sheet, ...validation.cells });
  }
  if (valuesLast) ops.push(...valueOps);
  return ops;
}

/** Tab index of a sheet: the plan's names are resolved (as spelled in the workbook), so exact. */
function indexOfSheet(names: readonly string[], name: string): number {
  return names.indexOf(name);
}

/**
 * Every operation of a run, in two requests: first the values with the text format of text cells (set
 * before the values, so that names like "=SUMMA(1;2)" or "1-2" stay text), and everything else; then —
 * after a barrier — Underlag whole (its formats, then its formulas and texts), the other number formats
 * (money, shares), the column widths, the chart on Diagram, how Förbund is shown (wrapped headers, frozen panes), the run log,
 * and after the log's values only what changes no cell: the autofilter over Förbund (`autoFilter`:
 * where Excel has ExcelApi 1.9). Money formats are half the payload (the money format is 60 characters
 * a cell, set as one value per column: compactFormats), so this keeps each request below the limit and a
 * whole run at three syncs (read, values, Underlag + formats) up to some 5 000 federations; a workbook
 * whose output exceeds the budget takes more requests.
 *
 * A batch that fails is not undone (Excel applies a request's operations in order until one fails), so
 * the order is chosen for what a failure leaves: the first operation empties the run log (Körlogg, the
 * last of plan.sheets) or adds it empty, and the log's values are the last operation that writes a cell.
 * A Körlogg with values therefore always describes the columns beside it: after a failure it is either
 * the earlier run's, untouched (nothing was changed), or empty (the output is partial). Only the
 * autofilter follows it: should Excel refuse that (a sheet with a table), the run is complete, Körlogg
 * says so, and the pane reads it as written (controller.ts writeFailure) — the filter alone missing.
 * The run's own sheets are never deleted and added again (formulas elsewhere that point at them would
 * turn into #REF!): an existing one is emptied in place (clearSheet, and its charts deleted) and filled;
 * a missing one is added at the end. Between them come the plan's clear ranges (exactly the run's own
 * cells of an earlier run), the blocks, and the highlight of warning rows.
 * `sheetNames` are the workbook's sheets in tab order (from the read); `charts` the charts on each
 * sheet as read (so that the old chart on Körlogg is deleted by name).
 */
export function runOps(
  plan: SheetWritePlan,
  sheetNames: readonly string[],
  chart?: ChartSpec,
  charts: ReadonlyMap<string, readonly string[]> = new Map(),
  autoFilter = false,
): WriteOp[] {
  const ops: WriteOp[] = [];
  const later: WriteOp[] = [];
  const names = [...sheetNames];
  /**
   * Empties an existing sheet of the run's (and its charts), or adds it (at the end, or before the tab
   * `before`); returns its name as in the workbook.
   */
  const prepare = (name: string, before?: string): string => {
    const at = indexOfSheet(names, name);
    if (at < 0) {
      const position = before !== undefined ? indexOfSheet(names, before) : -1;
      if (position >= 0) {
        ops.push({ kind: 'addSheet', sheet: name, position });
        names.splice(position, 0, name);
      } else {
        ops.push({ kind: 'addSheet', sheet: name });
        names.push(name);
      }
      return name;
    }
    const actual = names[at];
    ops.push({ kind: 'clearSheet', sheet: actual });
    const onSheet = [...charts].find(([n]) => normalizeKey(n) === normalizeKey(actual))?.[1] ?? [];
    for (const c of onSheet) ops.push({ kind: 'deleteChart', sheet: actual, name: c });
    return actual;
  };
  const log = plan.sheets[plan.sheets.length - 1];
  const logName = log ? prepare(log.name) : undefined;
  for (const c of mergedRects(plan.clear)) ops.push({ kind: 'clear', ...c });
  const written = new Map<string, Set<number>>();
  for (const b of plan.blocks) {
    const width = Math.max(0, ...b.values.map((r) => r.length));
    const { text, other } = splitTextFormats(b.numberFormats);
    ops.push({
      kind: 'values',
      sheet: b.sheet,
      row: b.row,
      column: b.column,
      values: b.values,
      ...(text ? { numberFormats: text } : {}),
    });
    if (other) later.push({ kind: 'numberFormat', sheet: b.sheet, row: b.row, column: b.column, numberFormats: other });
    if (b.boldFirstRow) ops.push({ kind: 'bold', sheet: b.sheet, row: b.row, column: b.column, rowCount: 1, columnCount: width });
    const key = normalizeKey(b.sheet);
    const set = written.get(key) ?? new Set<number>();
    for (let c = b.column; c < b.column + width; c++) set.add(c);
    written.set(key, set);
  }
  // Kommunbidrag and Underlag: a new one goes before Körlogg, so that the tabs read Kommunbidrag, Underlag, Körlogg
  // Underlag (a sheet of formulas) is filled whole at the start of the later request, its formats
  // before its cells: the two requests then share the output evenly (5 000 federations: ~3 MB each)
  const formulaSheets: WriteOp[] = [];
  for (const output of plan.sheets.slice(0, -1)) {
    const name = prepare(output.name, logName);
    if (output.formulas) formulaSheets.push(...fillSheetOps({ ...output, name }));
    else ops.push(...fillSheetOps({ ...output, name }, later));
  }
  later.unshift(...formulaSheets);
  // Highlight: output cells only (columns a block wrote), contiguous rows and columns as one range.
  const h = plan.highlight;
  const columns = [...(written.get(normalizeKey(h.sheet)) ?? [])].filter((c) => c >= h.firstColumn && c <= h.lastColumn);
  for (const [row, rowCount] of runsOf(h.rows)) {
    for (const [column, columnCount] of runsOf(columns)) {
      ops.push({ kind: 'fill', color: h.color, sheet: h.sheet, row, column, rowCount, columnCount });
    }
  }
  // Output columns: the plan's widths (headers wrap), else fitted to what was written
  if (plan.presentation) {
    for (const { column, width } of plan.presentation.columnWidths)
      later.push({ kind: 'columnWidth', sheet: plan.presentation.sheet, column, points: charactersToPoints(width) });
  } else {
    for (const b of plan.blocks) {
      const width = Math.max(0, ...b.values.map((r) => r.length));
      later.push({
        kind: 'autofit',
        sheet: b.sheet,
        row: b.row,
        column: b.column,
        rowCount: b.values.length,
        columnCount: width,
      });
    }
  }
  if (chart)
    later.push({
      kind: 'chart',
      chart: logName && normalizeKey(chart.sheet) === normalizeKey(logName) ? { ...chart, sheet: logName } : chart,
    });
  // How Förbund is shown: wrapped headers and Varningar, frozen header row and names
  const presentation = presentationOps(plan, autoFilter);
  later.push(...presentation.filter((op) => op.kind !== 'autoFilter'));
  // The run log last, its values the last cells written (they mark the run as complete); after them
  // only the autofilter, which can fail on a sheet with a table and changes no cell
  if (log && logName) later.push(...fillSheetOps({ ...log, name: logName }, undefined, true));
  later.push(...presentation.filter((op) => op.kind === 'autoFilter'));
  return later.length > 0 ? [...ops, { kind: 'barrier' }, ...later] : ops;
}

/**
 * How Förbund is shown after a run (plan.presentation): the run's header and Varningar cells wrapped,
 * the header row and the name column frozen, and — where Excel has the API (ExcelApi 1.9) — an
 * autofilter over the table. In the run's last request (runOps), the autofilter after the run log.
 */
export function presentationOps(plan: SheetWritePlan, autoFilter: boolean): WriteOp[] {
  const p = plan.presentation;
  if (!p) return [];
  const ops: WriteOp[] = p.wrap.map((r): WriteOp => ({ kind: 'wrap', sheet: p.sheet, ...r }));
  ops.push({ kind: 'freezeAt', sheet: p.sheet, rows: p.freeze.rows, columns: p.freeze.columns });
  if (autoFilter) ops.push({ kind: 'autoFilter', sheet: p.sheet, ...p.autoFilter });
  return ops;
}

/**
 * Rectangles side by side over the same rows (the plan's clear ranges: one per column and run of rows)
 * as one rectangle each: fewer operations, and a request that fails among them (Excel does not undo
 * it) leaves the output columns all cleared or none — never some of their headers, which a rerun would
 * keep in place and place the others after (other cells than a clean run's).
 */
export function mergedRects(rects: readonly Rect[]): Rect[] {
  const out: Rect[] = [];
  const sorted = [...rects].sort(
    (a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || a.rowCount - b.rowCount || a.column - b.column,
  );
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (
      last &&
      last.sheet === r.sheet &&
      last.row === r.row &&
      last.rowCount === r.rowCount &&
      last.column + last.columnCount === r.column
    )
      last.columnCount += r.columnCount;
    else out.push({ sheet: r.sheet, row: r.row, column: r.column, rowCount: r.rowCount, columnCount: r.columnCount });
  }
  return out;
}

/** The operations of "Ta bort resultat": clear the output columns, delete the output sheets. */
export function removalOps(plan: RemovalPlan): WriteOp[] {
  return [
    ...mergedRects(plan.clear).map((c): WriteOp => ({ kind: 'clear', ...c })),
    ...plan.deleteSheets.map((sheet): WriteOp => ({ kind: 'deleteSheet', sheet })),
  ];
}
