// The Office.js adapter: a WorkbookHost over Excel.run. Thin by design: it reads used ranges as
// values and writes whole ranges (values as 2-D arrays; a number format or an R1C1 formula that a
// whole range shares as one value, write-ops.ts), never cell by cell, and it counts its context.sync
// calls. A whole run ("Beräkna") is three syncs — read; write values (with the text format of text
// cells); write Underlag (formats, then formulas), the other number formats, column widths, the chart
// on Diagram, how Förbund is shown, Körlogg and the autofilter — from the national size (80
// federations) to some 5 000 (Excel on the web refuses requests and responses above 5 MB). Output
// beyond the 4 MB budget per request takes extra syncs, and only input whose values Excel refuses to
// send in one response (some 20 000 federations and more) is read again in row chunks.
// Watching the input sheets after a run (the summary going stale) takes no request: their change
// handlers are registered in the run's last request and watchChanges subscribes to them.
//
// Requirement sets (manifest: ExcelApi 1.8): getUsedRangeOrNullObject/getItemOrNullObject 1.4,
// suspendApiCalculationUntilNextSync 1.6, getRangeByIndexes/getActiveCell/freezePanes/onChanged/
// chart series add, setValues, setXAxisValues, reversePlotOrder 1.7, dataValidation 1.8
// (template sheets); everything else 1.1–1.2. Worksheet.autoFilter (1.9) only where
// isSetSupported('ExcelApi', '1.9') says Excel has it (autoFilterSupported).
import type { CellBlock, SheetOutput, SheetValues, SheetWritePlan } from '../workbook/types';
import { INPUT_SHEETS } from '../workbook/types';
import { normalizeKey } from '../workbook/text';
import { validationErrorText, validationErrorTitle } from '../workbook/template';
import type { CellChange, CellRef, ChartSpec, RemovalPlan, WorkbookHost, WriteStats } from './host';
import type { MergePlan } from '../round/types';
import { CHUNK_BYTES, PAYLOAD_BUDGET_BYTES, WriteOp, packBatches, removalOps, runOps, sheetOutputOps } from './write-ops';
import { READ_CELL_BYTES } from './read-chunks';
import { readNamedSheets, readWorkbook } from './office-read';
import type { ExcelRunner, OfficeSession } from './office-read';
import { activeCell, changeOf, selectCell, watchChanges, watchSelection } from './office-selection';
import type { ExcelContextRunner } from './office-selection';

export type { ExcelRunner } from './office-read';
export type { ExcelContextRunner } from './office-selection';

export interface OfficeHostOptions {
  run?: ExcelRunner;
  /** Excel.run(context, batch), for removing event handlers (default Excel.run) */
  runIn?: ExcelContextRunner;
  /** Request budget per sync (default 4 MB, under Excel on the web's 5 MB limit) */
  budgetBytes?: number;
  /** Largest single range assignment, and largest row chunk of a chunked read (default 1 MB) */
  chunkBytes?: number;
  /** Estimated response bytes per cell that a chunked read starts from (default READ_CELL_BYTES) */
  readCellBytes?: number;
}

/** The Office.js host with statistics of its last calls (for tests and the benchmark). */
export interface OfficeHost extends WorkbookHost {
  /** context.sync calls since creation */
  readonly syncCount: number;
}

const defaultRun: ExcelRunner = (batch) => Excel.run(batch);
const defaultRunIn: ExcelContextRunner = (context, batch) => Excel.run(context, batch);

/** Worksheet.autoFilter needs ExcelApi 1.9 (the manifest asks for 1.8): used only where Excel has it. */
function autoFilterSupported(): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', '1.9') === true;
  } catch {
    return false;
  }
}

/** Rows of the chart on Diagram: tall enough for one bar pair per federation, within limits. */
export function chartHeightRows(count: number): number {
  return Math.min(600, Math.max(20, Math.ceil(count * 0.8) + 6));
}

/** A cell block as one values operation (its number formats with it when it sets any). */
function blockOp(b: CellBlock): WriteOp {
  const hasFormats = b.numberFormats?.some((r) => r.some((f) => f !== null && f !== undefined));
  return {
    kind: 'values',
    sheet: b.sheet,
    row: b.row,
    column: b.column,
    values: b.values,
    ...(hasFormats ? { numberFormats: b.numberFormats } : {}),
  };
}

export function createOfficeHost(options: OfficeHostOptions = {}): OfficeHost {
  const run = options.run ?? defaultRun;
  const runIn = options.runIn ?? defaultRunIn;
  const budget = options.budgetBytes ?? PAYLOAD_BUDGET_BYTES;
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  const readCellBytes = options.readCellBytes ?? READ_CELL_BYTES;
  let syncCount = 0;
  /** Sheet names in tab order as of the last read (output sheets keep their tab position). */
  let sheetNames: string[] | undefined;
  /** Charts on the run's log sheet as of the last read (a rerun deletes them by name before adding its own). */
  let sheetCharts = new Map<string, string[]>();
  /**
   * Input sheets whose onChanged handler a run's last request registered (normalized name → name as
   * registered): they call the subscribers below, so that watchChanges needs no request of its own.
   */
  const heard = new Map<string, string>();
  const subscribers = new Set<{ sheets: Set<string>; onChange: (change: CellChange) => void }>();
  const hear = (change: CellChange): void => {
    for (const s of [...subscribers]) if (s.sheets.has(normalizeKey(change.sheet))) s.onChange(change);
  };

  async function sync(context: Excel.RequestContext): Promise<void> {
    syncCount++;
    await context.sync();
  }

  async function loadSheetNames(context: Excel.RequestContext): Promise<string[]> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await sync(context);
    return sheets.items.map((s) => s.name);
  }

  /** What the reading and selection parts share with the writing here (the last read's names and charts). */
  const session: OfficeSession = {
    sync,
    loadSheetNames,
    budget,
    chunk,
    readCellBytes,
    get sheetNames() {
      return sheetNames;
    },
    set sheetNames(names) {
      sheetNames = names;
    },
    get sheetCharts() {
      return sheetCharts;
    },
    set sheetCharts(charts) {
      sheetCharts = charts;
    },
  };

  /** Runs the operations in batches, one sync each; returns the statistics. */
  async function execute(context: Excel.RequestContext, ops: WriteOp[]): Promise<WriteStats> {
    const batches = packBatches(ops, budget, chunk);
    const cache = new Map<string, Excel.Worksheet>();
    const sheet = (name: string): Excel.Worksheet => {
      let ws = cache.get(name);
      if (!ws) {
        ws = context.workbook.worksheets.getItem(name);
        cache.set(name, ws);
      }
      return ws;
    };
    const range = (name: string, row: number, column: number, rowCount: number, columnCount: number): Excel.Range =>
      sheet(name).getRangeByIndexes(row, column, rowCount, columnCount);
    let syncs = 0;
    for (const batch of batches) {
      context.application.suspendApiCalculationUntilNextSync();
      for (const op of batch.ops) applyOp(context, op, { sheet, range, cache, hear });
      await sync(context);
      syncs++;
    }
    return { syncs, batchBytes: batches.map((b) => b.bytes) };
  }

  return {
    get syncCount() {
      return syncCount;
    },

    async readWorkbook(): Promise<SheetValues[]> {
      const sheets = await readWorkbook(session, run);
      // a sheet no longer there has no handler (one added again under the name gets a new one)
      for (const key of [...heard.keys()]) if (!sheets.some((s) => normalizeKey(s.name) === key)) heard.delete(key);
      return sheets;
    },
    readSheets: (names: readonly string[]): Promise<SheetValues[]> => readNamedSheets(session, run, names),

    async writeRun(plan: SheetWritePlan, chart?: ChartSpec): Promise<WriteStats> {
      return run(async (context) => {
        const names = sheetNames ?? (await loadSheetNames(context));
        const ops = runOps(plan, names, chart, sheetCharts, autoFilterSupported());
        // The input sheets' change handlers, once per sheet, after everything the run writes (no cell changed)
        const watch = INPUT_SHEETS.map((c) => names.find((n) => normalizeKey(n) === normalizeKey(c))).filter(
          (n): n is string => n !== undefined && !heard.has(normalizeKey(n)),
        );
        for (const n of watch) ops.push({ kind: 'watchChanges', sheet: n });
        let stats: WriteStats;
        try {
          stats = await execute(context, ops);
        } catch (error) {
          // What is in the workbook now is not known here (a failed request is not undone): read again.
          sheetNames = undefined;
          sheetCharts = new Map();
          for (const n of watch) heard.delete(normalizeKey(n));
          throw error;
        }
        for (const n of watch) heard.set(normalizeKey(n), n);
        // The output sheets now exist (emptied and rewritten in place, or added), the chart on Diagram.
        const after = [...names];
        for (const s of plan.sheets) if (!after.some((n) => normalizeKey(n) === normalizeKey(s.name))) after.push(s.name);
        sheetNames = after;
        sheetCharts = chart
          ? new Map([[after.find((n) => normalizeKey(n) === normalizeKey(chart.sheet)) ?? chart.sheet, [chart.title]]])
          : new Map();
        return stats;
      });
    },

    async insertSheets(sheets: SheetOutput[]): Promise<string[]> {
      return run(async (context) => {
        const names = await loadSheetNames(context);
        const missing = sheets.filter((s) => !names.some((n) => normalizeKey(n) === normalizeKey(s.name)));
        if (missing.length === 0) return [];
        const ops: WriteOp[] = missing.flatMap((s) => sheetOutputOps(s));
        const first = missing.find((s) => normalizeKey(s.name) === normalizeKey(INPUT_SHEETS[0])) ?? missing[0];
        ops.push({ kind: 'activate', sheet: first.name });
        await execute(context, ops);
        sheetNames = [...names, ...missing.map((s) => s.name)];
        return missing.map((s) => s.name);
      });
    },

    async writeBlocks(blocks: CellBlock[]): Promise<void> {
      await run(async (context) => {
        await execute(context, blocks.map(blockOp));
      });
    },

    async applyMerge(plan: MergePlan): Promise<WriteStats> {
      return run(async (context) => {
        const names = sheetNames ?? (await loadSheetNames(context));
        const create = plan.createSheet && !names.some((n) => normalizeKey(n) === normalizeKey(plan.createSheet!.name));
        const ops: WriteOp[] = [
          ...(create && plan.createSheet ? sheetOutputOps(plan.createSheet) : []),
          ...plan.blocks.map(blockOp),
          ...(plan.append.values.length > 0 ? [blockOp(plan.append)] : []),
        ];
        const stats = await execute(context, ops);
        if (create && plan.createSheet) sheetNames = [...names, plan.createSheet.name];
        return stats;
      });
    },

    async removeOutput(plan: RemovalPlan): Promise<void> {
      await run(async (context) => {
        await execute(context, removalOps(plan));
        if (sheetNames) sheetNames = sheetNames.filter((n) => !plan.deleteSheets.includes(n));
        for (const n of plan.deleteSheets) sheetCharts.delete(n);
      });
    },

    selectCell: (cell: CellRef): Promise<void> => selectCell(session, run, cell),
    activeCell: (): Promise<CellRef | undefined> => activeCell(session, run),
    watchSelection: (sheet: string, onSelect: (cell: CellRef) => void): Promise<() => Promise<void>> =>
      watchSelection(session, run, runIn, sheet, onSelect),
    async watchChanges(sheets: string[], onChange: (change: CellChange) => void): Promise<() => Promise<void>> {
      const keys = new Set(sheets.map((n) => normalizeKey(n)));
      // Sheets whose handlers a run registered: subscribed here, without a request
      if (keys.size > 0 && [...keys].every((k) => heard.has(k))) {
        const subscriber = { sheets: keys, onChange };
        subscribers.add(subscriber);
        return async () => void subscribers.delete(subscriber);
      }
      return watchChanges(session, run, runIn, sheets, onChange);
    },
  };
}

interface OpContext {
  sheet: (name: string) => Excel.Worksheet;
  range: (sheet: string, row: number, column: number, rowCount: number, columnCount: number) => Excel.Range;
  cache: Map<string, Excel.Worksheet>;
  /** Where the change handlers of watchChanges operations report */
  hear: (change: CellChange) => void;
}

/** Queues one operation on the request context (no sync). */
function applyOp(context: Excel.RequestContext, op: WriteOp, c: OpContext): void {
  switch (op.kind) {
    case 'clear':
      c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).clear('All');
      return;
    case 'deleteSheet':
      c.sheet(op.sheet).delete();
      c.cache.delete(op.sheet);
      return;
    case 'clearSheet':
      c.sheet(op.sheet).getRange().clear('All');
      return;
    case 'deleteChart':
      c.sheet(op.sheet).charts.getItem(op.name).delete();
      return;
    case 'addSheet': {
      const ws = context.workbook.worksheets.add(op.sheet);
      if (op.position !== undefined) ws.position = op.position;
      c.cache.set(op.sheet, ws);
      return;
    }
    case 'values': {
      const width = Math.max(0, ...op.values.map((r) => r.length));
      if (width === 0 || op.values.length === 0) return;
      const r = c.range(op.sheet, op.row, op.column, op.values.length, width);
      // Formats first: a cell formatted as text ("@") keeps a string as text; after the values it
      // would be too late (Excel has already parsed "1-2" as a date, "=…" as a formula).
      if (op.numberFormats) r.numberFormat = rectangular(op.numberFormats, width, null);
      // Underlag: formulas (English names) and constants in one whole-range assignment
      if (op.formulas) r.formulas = rectangular(op.values, width, '');
      else r.values = rectangular(op.values, width, '');
      return;
    }
    case 'numberFormat': {
      const width = Math.max(0, ...op.numberFormats.map((r) => r.length));
      if (width === 0 || op.numberFormats.length === 0) return;
      c.range(op.sheet, op.row, op.column, op.numberFormats.length, width).numberFormat = rectangular(
        op.numberFormats,
        width,
        null,
      );
      return;
    }
    case 'format':
      // one value for the range: Excel applies it to every cell (the typings ask for a 2-D array)
      c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).numberFormat = op.numberFormat as unknown as string[][];
      return;
    case 'formulaR1C1':
      // one formula for the range: Excel puts it in every cell, its references relative to each cell
      c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).formulasR1C1 = op.formula as unknown as string[][];
      return;
    case 'barrier':
      return;
    case 'bold':
      c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).format.font.bold = true;
      return;
    case 'fill':
      c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).format.fill.color = op.color;
      return;
    case 'autofit':
      c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).format.autofitColumns();
      return;
    case 'columnWidth':
      c.range(op.sheet, 0, op.column, 1, 1).format.columnWidth = op.points;
      return;
    case 'freezeRows':
      c.sheet(op.sheet).freezePanes.freezeRows(op.count);
      return;
    case 'freezeAt':
      if (op.columns === 0) c.sheet(op.sheet).freezePanes.freezeRows(op.rows);
      else c.sheet(op.sheet).freezePanes.freezeAt(c.range(op.sheet, 0, 0, Math.max(1, op.rows), op.columns));
      return;
    case 'wrap': {
      const format = c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).format;
      format.wrapText = true;
      format.verticalAlignment = 'Top';
      return;
    }
    case 'rowHeight':
      c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).format.rowHeight = op.points;
      return;
    case 'autoFilter':
      c.sheet(op.sheet).autoFilter.apply(c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount));
      return;
    case 'validation': {
      const dv = c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).dataValidation;
      dv.rule = validationRule(op.validation);
      if (op.validation.prompt) dv.prompt = { showPrompt: true, title: '', message: op.validation.prompt.slice(0, 255) };
      dv.errorAlert = {
        showAlert: true,
        style: op.validation.warning ? 'Warning' : 'Stop',
        title: validationErrorTitle(op.validation),
        message: validationErrorText(op.validation),
      };
      return;
    }
    case 'chart':
      addChart(c, op.chart);
      return;
    case 'activate':
      c.sheet(op.sheet).activate();
      return;
    case 'watchChanges': {
      const name = op.sheet;
      c.sheet(name).onChanged.add(async (event) => {
        c.hear(changeOf(name, event));
      });
      return;
    }
  }
}

/** A 2-D array padded to `width` columns (ragged rows allowed in the plan, not in Office.js). */
function rectangular<T>(rows: T[][], width: number, fill: T): T[][] {
  return rows.map((r) => (r.length === width ? r : Array.from({ length: width }, (_, j) => (j < r.length ? r[j] : fill))));
}

type Validation = Extract<WriteOp, { kind: 'validation' }>['validation'];

function validationRule(v: Validation): Excel.DataValidationRule {
  if (v.type === 'list') return { list: { inCellDropDown: true, source: v.values.join(',') } };
  const basic: Excel.BasicDataValidation =
    v.max === undefined
      ? { formula1: v.min, operator: 'GreaterThanOrEqualTo' }
      : { formula1: v.min, formula2: v.max, operator: 'Between' };
  return v.type === 'wholeNumber' ? { wholeNumber: basic } : { decimal: basic };
}

function addChart(c: OpContext, spec: ChartSpec): void {
  const rows = spec.lastRow - spec.firstRow + 1;
  const names = c.range(spec.sourceSheet, spec.firstRow, spec.nameColumn, rows, 1);
  const ideal = c.range(spec.sourceSheet, spec.firstRow, spec.idealColumn, rows, 1);
  const final = c.range(spec.sourceSheet, spec.firstRow, spec.finalColumn, rows, 1);
  const chart = c.sheet(spec.sheet).charts.add('BarClustered', ideal, 'Columns');
  chart.name = spec.title;
  chart.title.text = spec.title;
  const idealSeries = chart.series.getItemAt(0);
  idealSeries.name = spec.idealName;
  idealSeries.setXAxisValues(names);
  const finalSeries = chart.series.add(spec.finalName);
  finalSeries.setValues(final);
  finalSeries.setXAxisValues(names);
  chart.legend.position = 'Bottom';
  // Bars in row order, top to bottom, like the sheet
  chart.axes.categoryAxis.reversePlotOrder = true;
  chart.setPosition('D2', `M${2 + chartHeightRows(spec.count)}`);
}
