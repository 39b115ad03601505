// The Office.js adapter: a WorkbookHost over Excel.run. Thin by design: it reads used ranges as
// values and writes whole ranges (values and number formats as 2-D arrays), never cell by cell, and
// it counts its context.sync calls. A whole run ("Beräkna") is three syncs — read; write values
// (with the text format of text cells); write the other number formats, autofit and the chart — the
// same for 80 and for 5 000 federations (each request then stays under ~2.5 MB; Excel on the web
// refuses requests and responses above 5 MB). Only output beyond the 4 MB budget per request (far
// more than 5 000 federations) takes extra syncs, and only input whose values Excel refuses to send
// in one response (some 20 000 federations and more) is read again in row chunks over a few syncs.
//
// Requirement sets (manifest: ExcelApi 1.8): getUsedRangeOrNullObject/getItemOrNullObject 1.4,
// suspendApiCalculationUntilNextSync 1.6, getRangeByIndexes/getActiveCell/freezePanes/
// chart series add, setValues, setXAxisValues, reversePlotOrder 1.7, dataValidation 1.8
// (template sheets); everything else 1.1–1.2.
import type { CellValue, CellBlock, SheetOutput, SheetValues, WritePlan } from '../workbook/types';
import { INPUT_SHEETS } from '../workbook/types';
import { normalizeKey } from '../workbook/text';
import { topLeftCell } from '../workbook/address';
import { validationErrorText } from '../workbook/template';
import type { CellRef, ChartSpec, RemovalPlan, WorkbookHost, WriteStats } from './host';
import {
  CHUNK_BYTES,
  MIN_READ_CELL_BYTES,
  PAYLOAD_BUDGET_BYTES,
  READ_CELL_BYTES,
  READ_MARGIN,
  arrayJsonBytes,
  UsedRect,
  WriteOp,
  isPayloadSizeError,
  nextReadChunks,
  readChunkBytes,
  packBatches,
  removalOps,
  runOps,
  sheetOutputOps,
} from './write-ops';

/** Excel.run, or a stand-in with the same shape (tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
/** Excel.run on the request context of an earlier run (to remove an event handler it added). */
export type ExcelContextRunner = <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

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

/** Rows of a used range placed so that values[0][0] is A1 (padding above and to the left with ''). */
export function valuesFromA1(values: CellValue[][], rowIndex: number, columnIndex: number): CellValue[][] {
  if (rowIndex === 0 && columnIndex === 0) return values;
  const width = columnIndex + Math.max(0, ...values.map((r) => r.length));
  const pad = (): CellValue[] => new Array<CellValue>(width).fill('');
  const out: CellValue[][] = [];
  for (let r = 0; r < rowIndex; r++) out.push(pad());
  for (const row of values) out.push([...new Array<CellValue>(columnIndex).fill(''), ...row]);
  return out;
}

/** The values of a loaded used range from A1 ([] for an empty sheet's null object). */
function usedValuesFromA1(used: Excel.Range): CellValue[][] {
  return used.isNullObject ? [] : valuesFromA1(used.values as CellValue[][], used.rowIndex, used.columnIndex);
}

/** Where a loaded used range is (null for an empty sheet's null object). */
function usedRectOf(used: Excel.Range): UsedRect | null {
  return used.isNullObject ? null : { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount };
}

/** Rows of the chart on Körlogg: tall enough for one bar pair per federation, within limits. */
export function chartHeightRows(count: number): number {
  return Math.min(600, Math.max(20, Math.ceil(count * 0.8) + 6));
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
      for (const op of batch.ops) applyOp(context, op, { sheet, range, cache });
      await sync(context);
      syncs++;
    }
    return { syncs, batchBytes: batches.map((b) => b.bytes) };
  }

  /** One sync: where the used range of each named sheet is (null for an empty sheet), without values. */
  async function usedRects(context: Excel.RequestContext, names: string[]): Promise<Map<string, UsedRect | null>> {
    const probes = names.map((name) => {
      const used = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
      used.load('address,rowIndex,columnIndex,rowCount,columnCount');
      return { name, used };
    });
    await sync(context);
    return new Map(probes.map(({ name, used }) => [name, usedRectOf(used)]));
  }

  /**
   * The values of used ranges too large for one response, in row chunks: each chunk estimated under
   * the chunk size, several chunks per sync while the sync's estimate stays under the budget. The
   * estimate per cell starts at readCellBytes and follows what the chunks received really weigh (with
   * a margin). Should Excel still refuse a sync for size, the same rows are asked again in half as
   * much (by the estimate) — and again, until a sync passes or a single row is refused —, the smaller
   * size is kept, and the estimate per cell is never lowered after that. Values from A1, as in one read.
   */
  async function readInChunks(context: Excel.RequestContext, rects: Map<string, UsedRect | null>): Promise<Map<string, CellValue[][]>> {
    const state = [...rects].map(([name, used]) => ({ name, used: used ?? { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 }, next: 0, rows: [] as CellValue[][] }));
    let cellBytes = readCellBytes;
    let syncBudget = budget;
    let refused = false;
    for (;;) {
      const chunks = nextReadChunks(state, cellBytes, syncBudget, Math.min(chunk, syncBudget));
      if (chunks.length === 0) break;
      const loads = chunks.map((c) => {
        const range = context.workbook.worksheets.getItem(c.sheet).getRangeByIndexes(c.row, c.column, c.rowCount, c.columnCount);
        range.load('values');
        return { c, range };
      });
      try {
        await sync(context);
      } catch (error) {
        if (!isPayloadSizeError(error) || (chunks.length === 1 && chunks[0].rowCount === 1)) throw error;
        syncBudget = Math.max(1, Math.floor(chunks.reduce((n, c) => n + readChunkBytes(c, cellBytes), 0) / 2));
        refused = true;
        continue;
      }
      let observed = 0;
      for (const { c, range } of loads) {
        const s = state.find((x) => x.name === c.sheet)!;
        const rows = range.values as CellValue[][];
        for (const row of rows) s.rows.push(row);
        s.next += c.rowCount;
        observed = Math.max(observed, arrayJsonBytes(rows) / Math.max(1, c.rowCount * c.columnCount));
      }
      const next = Math.max(MIN_READ_CELL_BYTES, Math.ceil(observed * READ_MARGIN));
      cellBytes = refused ? Math.max(cellBytes, next) : next;
    }
    return new Map(
      state.map((s) => [s.name, s.rows.length === 0 ? [] : valuesFromA1(s.rows, s.used.rowIndex, s.used.columnIndex)]),
    );
  }

  return {
    get syncCount() {
      return syncCount;
    },

    async readWorkbook(): Promise<SheetValues[]> {
      return run(async (context) => {
        const worksheets = context.workbook.worksheets;
        const probe = (name: string, what: string) => {
          const ws = worksheets.getItemOrNullObject(name);
          ws.load('name');
          const used = ws.getUsedRangeOrNullObject(true);
          used.load(what);
          return { ws, used };
        };
        type Probe = ReturnType<typeof probe>;
        const actualName = (all: string[], canonical: string) => all.find((n) => normalizeKey(n) === normalizeKey(canonical));

        // One sync: the sheet list and the used range (values from A1) of every input sheet, looked up
        // by name (Excel looks names up case-insensitively).
        let names: string[] | undefined;
        const values = new Map<string, CellValue[][]>();
        const late: string[] = [];
        let tooLarge = false;
        try {
          worksheets.load('items/name');
          const probes = new Map<string, Probe>();
          for (const name of INPUT_SHEETS) probes.set(name, probe(name, 'values,rowIndex,columnIndex'));
          await sync(context);
          names = worksheets.items.map((s) => s.name);
          for (const canonical of INPUT_SHEETS) {
            const actual = actualName(names, canonical);
            if (actual === undefined) continue;
            const p = probes.get(canonical)!;
            if (!p.ws.isNullObject && p.ws.name === actual) values.set(actual, usedValuesFromA1(p.used));
            else late.push(actual); // spelt differently beyond case ("Förbund "): read by its real name
          }
        } catch (error) {
          values.clear();
          late.length = 0;
          if (isPayloadSizeError(error)) {
            // The sheets' values are more than one response may carry (Excel on the web: 5 MB).
            tooLarge = true;
          } else {
            // A host that refuses a used range under a missing sheet's null object: list the sheets
            // first, then read the input sheets that exist.
            names = await loadSheetNames(context);
            for (const canonical of INPUT_SHEETS) {
              const actual = actualName(names, canonical);
              if (actual !== undefined) late.push(actual);
            }
          }
        }

        if (tooLarge) {
          // One sync: the sheet list and where each input sheet's used range is, without its values;
          // then the values in row chunks (readInChunks).
          worksheets.load('items/name');
          const probes = new Map<string, Probe>();
          for (const name of INPUT_SHEETS) probes.set(name, probe(name, 'address,rowIndex,columnIndex,rowCount,columnCount'));
          await sync(context);
          const all = worksheets.items.map((s) => s.name);
          names = all;
          const rects = new Map<string, UsedRect | null>();
          const unmatched: string[] = [];
          for (const canonical of INPUT_SHEETS) {
            const actual = actualName(all, canonical);
            if (actual === undefined) continue;
            const p = probes.get(canonical)!;
            if (!p.ws.isNullObject && p.ws.name === actual) rects.set(actual, usedRectOf(p.used));
            else unmatched.push(actual);
          }
          if (unmatched.length > 0) for (const [name, rect] of await usedRects(context, unmatched)) rects.set(name, rect);
          for (const [name, v] of await readInChunks(context, rects)) values.set(name, v);
        } else if (late.length > 0) {
          try {
            const probes = late.map((name) => {
              const used = worksheets.getItem(name).getUsedRangeOrNullObject(true);
              used.load('values,rowIndex,columnIndex');
              return { name, used };
            });
            await sync(context);
            for (const { name, used } of probes) values.set(name, usedValuesFromA1(used));
          } catch (error) {
            if (!isPayloadSizeError(error)) throw error;
            for (const [name, v] of await readInChunks(context, await usedRects(context, late))) values.set(name, v);
          }
        }
        const all = names ?? [];
        sheetNames = all;
        return all.map((name) => ({ name, values: values.get(name) ?? [] }));
      });
    },

    async writeRun(plan: WritePlan, chart?: ChartSpec): Promise<WriteStats> {
      return run(async (context) => {
        const names = sheetNames ?? (await loadSheetNames(context));
        const stats = await execute(context, runOps(plan, names, chart));
        // The output sheets now exist (replaced in place or appended).
        const after = [...names];
        for (const s of plan.sheets) if (!after.some((n) => normalizeKey(n) === normalizeKey(s.name))) after.push(s.name);
        sheetNames = after;
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
        const ops: WriteOp[] = blocks.map((b) => {
          const hasFormats = b.numberFormats?.some((r) => r.some((f) => f !== null && f !== undefined));
          return { kind: 'values', sheet: b.sheet, row: b.row, column: b.column, values: b.values, ...(hasFormats ? { numberFormats: b.numberFormats } : {}) };
        });
        await execute(context, ops);
      });
    },

    async removeOutput(plan: RemovalPlan): Promise<void> {
      await run(async (context) => {
        await execute(context, removalOps(plan));
        if (sheetNames) sheetNames = sheetNames.filter((n) => !plan.deleteSheets.includes(n));
      });
    },

    async selectCell(cell: CellRef): Promise<void> {
      await run(async (context) => {
        const ws = context.workbook.worksheets.getItem(cell.sheet);
        ws.activate();
        ws.getRangeByIndexes(cell.row, cell.column, 1, 1).select();
        await sync(context);
      });
    },

    async activeCell(): Promise<CellRef | undefined> {
      return run(async (context) => {
        const cell = context.workbook.getActiveCell();
        cell.load('rowIndex,columnIndex');
        cell.worksheet.load('name');
        await sync(context);
        return { sheet: cell.worksheet.name, row: cell.rowIndex, column: cell.columnIndex };
      });
    },

    async watchSelection(sheet: string, onSelect: (cell: CellRef) => void): Promise<() => Promise<void>> {
      const registration = await run(async (context) => {
        const handler = context.workbook.worksheets.getItem(sheet).onSelectionChanged.add(async (event) => {
          // The event's address is of the selection on this sheet ("C5" or "C5:F9"); no request needed.
          const cell = topLeftCell(event.address);
          if (cell) onSelect({ sheet, ...cell });
        });
        await sync(context);
        return handler;
      });
      return async () => {
        await runIn(registration.context as Excel.RequestContext, async (context) => {
          registration.remove();
          await sync(context);
        });
      };
    },
  };
}

interface OpContext {
  sheet: (name: string) => Excel.Worksheet;
  range: (sheet: string, row: number, column: number, rowCount: number, columnCount: number) => Excel.Range;
  cache: Map<string, Excel.Worksheet>;
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
      r.values = rectangular(op.values, width, '');
      return;
    }
    case 'numberFormat': {
      const width = Math.max(0, ...op.numberFormats.map((r) => r.length));
      if (width === 0 || op.numberFormats.length === 0) return;
      c.range(op.sheet, op.row, op.column, op.numberFormats.length, width).numberFormat = rectangular(op.numberFormats, width, null);
      return;
    }
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
    case 'validation': {
      const dv = c.range(op.sheet, op.row, op.column, op.rowCount, op.columnCount).dataValidation;
      dv.rule = validationRule(op.validation);
      if (op.validation.prompt) dv.prompt = { showPrompt: true, title: '', message: op.validation.prompt.slice(0, 255) };
      dv.errorAlert = {
        showAlert: true,
        style: op.validation.warning ? 'Warning' : 'Stop',
        title: op.validation.warning ? 'Kontrollera värdet' : 'Ogiltigt värde',
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
