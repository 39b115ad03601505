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
import { INPUT_SHEETS, OUTPUT_SHEETS } from '../workbook/types';
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
export type ExcelContextRunner = <T>(
  context: Excel.RequestContext,
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

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

/** Rows of a used range placed so that values[0][0] is A1 (padding above and to the left with '', or `fill`). */
export function valuesFromA1<T = CellValue>(
  values: T[][],
  rowIndex: number,
  columnIndex: number,
  fill: T = '' as unknown as T,
): T[][] {
  if (rowIndex === 0 && columnIndex === 0) return values;
  const width = columnIndex + Math.max(0, ...values.map((r) => r.length));
  const pad = (): T[] => new Array<T>(width).fill(fill);
  const out: T[][] = [];
  for (let r = 0; r < rowIndex; r++) out.push(pad());
  for (const row of values) out.push([...new Array<T>(columnIndex).fill(fill), ...row]);
  return out;
}

/**
 * Whether the read loads a sheet's formulas: only Förbund's, where they tell a helper column of
 * formulas that show "" (never overwritten by new output columns) and cells of the user's in output
 * columns (never the run's own).
 */
function withFormulas(sheet: string): boolean {
  return normalizeKey(sheet) === normalizeKey(INPUT_SHEETS[1]);
}

/**
 * What the read loads of an input sheet's cells, all in the one read sync (ExcelApi 1.1): values, the
 * number formats (a date-formatted cell in a number column is an error, not its serial number) and, on
 * Förbund, the formulas.
 */
export function cellProperties(sheet: string): string {
  return withFormulas(sheet) ? 'values,numberFormat,formulas' : 'values,numberFormat';
}

/** A cell's formula as Range.formulas gives it: a string starting with "=" (a constant is its value). */
function isFormula(value: unknown): boolean {
  return typeof value === 'string' && value.length > 1 && value.startsWith('=');
}

/**
 * One input sheet as the workbook layer takes it, from the values, number formats and formulas of its
 * used range (all from A1): `numberFormats`, `occupied` (formulas that show "" — a helper column of the
 * user's, never overwritten by new output columns) and `formulaCells` (every formula: never the run's own).
 */
export function sheetFromCells(
  name: string,
  cells: { values: CellValue[][]; numberFormat?: (string | null)[][]; formulas?: unknown[][] },
  rowIndex: number,
  columnIndex: number,
): SheetValues {
  const values = valuesFromA1(cells.values, rowIndex, columnIndex);
  const sheet: SheetValues = { name, values };
  if (cells.numberFormat) sheet.numberFormats = valuesFromA1<string | null>(cells.numberFormat, rowIndex, columnIndex, null);
  if (cells.formulas) {
    const occupied: { row: number; column: number }[] = [];
    const formulaCells: { row: number; column: number }[] = [];
    cells.formulas.forEach((row, i) =>
      row.forEach((f, j) => {
        if (!isFormula(f)) return;
        const at = { row: rowIndex + i, column: columnIndex + j };
        formulaCells.push(at);
        const v = cells.values[i]?.[j];
        if (v === '' || v === null || v === undefined) occupied.push(at);
      }),
    );
    if (occupied.length > 0) sheet.occupied = occupied;
    if (formulaCells.length > 0) sheet.formulaCells = formulaCells;
  }
  return sheet;
}

/** The sheet of a loaded used range ({ name, values: [] } for an empty sheet's null object). */
function usedSheet(name: string, used: Excel.Range): SheetValues {
  if (used.isNullObject) return { name, values: [] };
  return sheetFromCells(
    name,
    {
      values: used.values as CellValue[][],
      numberFormat: used.numberFormat as (string | null)[][],
      ...(withFormulas(name) ? { formulas: used.formulas as unknown[][] } : {}),
    },
    used.rowIndex,
    used.columnIndex,
  );
}

/** Where a loaded used range is (null for an empty sheet's null object). */
function usedRectOf(used: Excel.Range): UsedRect | null {
  return used.isNullObject
    ? null
    : { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount };
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
  /** Charts on the run's log sheet as of the last read (a rerun deletes them by name before adding its own). */
  let sheetCharts = new Map<string, string[]>();

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
  async function readInChunks(
    context: Excel.RequestContext,
    rects: Map<string, UsedRect | null>,
  ): Promise<Map<string, SheetValues>> {
    const state = [...rects].map(([name, used]) => ({
      name,
      used: used ?? { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 },
      next: 0,
      rows: [] as CellValue[][],
      formats: [] as (string | null)[][],
    }));
    let cellBytes = readCellBytes;
    let syncBudget = budget;
    let refused = false;
    for (;;) {
      const chunks = nextReadChunks(state, cellBytes, syncBudget, Math.min(chunk, syncBudget));
      if (chunks.length === 0) break;
      const loads = chunks.map((c) => {
        const range = context.workbook.worksheets.getItem(c.sheet).getRangeByIndexes(c.row, c.column, c.rowCount, c.columnCount);
        // values and number formats; not formulas (they would make a very large read a third larger)
        range.load('values,numberFormat');
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
        const formats = range.numberFormat as (string | null)[][];
        s.rows.push(...rows);
        s.formats.push(...formats);
        s.next += c.rowCount;
        const bytes = arrayJsonBytes(rows) + arrayJsonBytes(formats);
        observed = Math.max(observed, bytes / Math.max(1, c.rowCount * c.columnCount));
      }
      const next = Math.max(MIN_READ_CELL_BYTES, Math.ceil(observed * READ_MARGIN));
      cellBytes = refused ? Math.max(cellBytes, next) : next;
    }
    return new Map(
      state.map((s) => [
        s.name,
        s.rows.length === 0
          ? { name: s.name, values: [] }
          : sheetFromCells(s.name, { values: s.rows, numberFormat: s.formats }, s.used.rowIndex, s.used.columnIndex),
      ]),
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
          // eslint-disable-next-line office-addins/no-empty-load -- `what` names the properties (cellProperties)
          used.load(what);
          return { ws, used };
        };
        type Probe = ReturnType<typeof probe>;
        const actualName = (all: string[], canonical: string) => all.find((n) => normalizeKey(n) === normalizeKey(canonical));

        // One sync: the sheet list and the used range (values from A1) of every input sheet, looked up
        // by name (Excel looks names up case-insensitively).
        let names: string[] | undefined;
        const read = new Map<string, SheetValues>();
        const late: string[] = [];
        let tooLarge = false;
        /** Körlogg, the run's log: its values (small) and its charts, so that a write can empty it in place. */
        const logProbe = (ws: Excel.Worksheet) => {
          const used = ws.getUsedRangeOrNullObject(true);
          used.load('values,rowIndex,columnIndex');
          const charts = ws.charts;
          charts.load('items/name');
          return { ws, used, charts };
        };
        type LogProbe = ReturnType<typeof logProbe>;
        let log: LogProbe | undefined;
        /** whether Körlogg has been asked for (it may not exist) */
        let logDone = false;
        const takeLog = (probe: LogProbe | undefined, name: string | undefined) => {
          if (!probe || name === undefined || probe.ws.isNullObject) return;
          read.set(
            name,
            probe.used.isNullObject
              ? { name, values: [] }
              : { name, values: valuesFromA1(probe.used.values as CellValue[][], probe.used.rowIndex, probe.used.columnIndex) },
          );
          sheetCharts.set(
            name,
            probe.charts.items.map((c) => c.name),
          );
        };
        sheetCharts = new Map();
        try {
          worksheets.load('items/name');
          const probes = new Map<string, Probe>();
          for (const name of INPUT_SHEETS) probes.set(name, probe(name, `${cellProperties(name)},rowIndex,columnIndex`));
          const logSheet = worksheets.getItemOrNullObject(OUTPUT_SHEETS[1]);
          logSheet.load('name');
          log = logProbe(logSheet);
          await sync(context);
          names = worksheets.items.map((s) => s.name);
          for (const canonical of INPUT_SHEETS) {
            const actual = actualName(names, canonical);
            if (actual === undefined) continue;
            const p = probes.get(canonical)!;
            if (!p.ws.isNullObject && p.ws.name === actual) read.set(actual, usedSheet(actual, p.used));
            else late.push(actual); // spelt differently beyond case ("Förbund "): read by its real name
          }
          takeLog(log, log.ws.isNullObject ? undefined : log.ws.name);
          logDone = true;
        } catch (error) {
          read.clear();
          sheetCharts = new Map();
          late.length = 0;
          if (isPayloadSizeError(error)) {
            // The sheets' values are more than one response may carry (Excel on the web: 5 MB).
            tooLarge = true;
          } else {
            // A host that refuses a used range under a missing sheet's null object: list the sheets
            // first, then read the input sheets (and Körlogg) that exist.
            names = await loadSheetNames(context);
            for (const canonical of INPUT_SHEETS) {
              const actual = actualName(names, canonical);
              if (actual !== undefined) late.push(actual);
            }
          }
        }
        if (tooLarge) {
          // One sync: the sheet list and where each input sheet's used range is, without its values
          // (and Körlogg); then the values in row chunks (readInChunks).
          worksheets.load('items/name');
          const probes = new Map<string, Probe>();
          for (const name of INPUT_SHEETS) probes.set(name, probe(name, 'address,rowIndex,columnIndex,rowCount,columnCount'));
          const logSheet = worksheets.getItemOrNullObject(OUTPUT_SHEETS[1]);
          logSheet.load('name');
          const logRead = logProbe(logSheet);
          await sync(context);
          const all = worksheets.items.map((s) => s.name);
          names = all;
          takeLog(logRead, logSheet.isNullObject ? undefined : logSheet.name);
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
          for (const [name, v] of await readInChunks(context, rects)) read.set(name, v);
        } else if (late.length > 0 || !logDone) {
          // Körlogg, when the first sync could not ask for it, goes with the late reads
          const logName = logDone ? undefined : actualName(names ?? [], OUTPUT_SHEETS[1]);
          const logLater = logName === undefined ? undefined : logProbe(worksheets.getItem(logName));
          if (late.length > 0 || logLater) {
            try {
              const probes = late.map((name) => {
                const used = worksheets.getItem(name).getUsedRangeOrNullObject(true);
                // eslint-disable-next-line office-addins/no-empty-load -- the properties are named (cellProperties)
                used.load(`${cellProperties(name)},rowIndex,columnIndex`);
                return { name, used };
              });
              await sync(context);
              for (const { name, used } of probes) read.set(name, usedSheet(name, used));
              takeLog(logLater, logName);
            } catch (error) {
              if (!isPayloadSizeError(error)) throw error;
              for (const [name, v] of await readInChunks(context, await usedRects(context, late))) read.set(name, v);
            }
          }
        }
        const all = names ?? [];
        sheetNames = all;
        return all.map((name) => read.get(name) ?? { name, values: [] });
      });
    },

    async writeRun(plan: WritePlan, chart?: ChartSpec): Promise<WriteStats> {
      return run(async (context) => {
        const names = sheetNames ?? (await loadSheetNames(context));
        let stats: WriteStats;
        try {
          stats = await execute(context, runOps(plan, names, chart, sheetCharts));
        } catch (error) {
          // What is in the workbook now is not known here (a failed request is not undone): read again.
          sheetNames = undefined;
          sheetCharts = new Map();
          throw error;
        }
        // The output sheets now exist (emptied and rewritten in place, or added), the chart on Körlogg.
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
        const ops: WriteOp[] = blocks.map((b) => {
          const hasFormats = b.numberFormats?.some((r) => r.some((f) => f !== null && f !== undefined));
          return {
            kind: 'values',
            sheet: b.sheet,
            row: b.row,
            column: b.column,
            values: b.values,
            ...(hasFormats ? { numberFormats: b.numberFormats } : {}),
          };
        });
        await execute(context, ops);
      });
    },

    async removeOutput(plan: RemovalPlan): Promise<void> {
      await run(async (context) => {
        await execute(context, removalOps(plan));
        if (sheetNames) sheetNames = sheetNames.filter((n) => !plan.deleteSheets.includes(n));
        for (const n of plan.deleteSheets) sheetCharts.delete(n);
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
        // eslint-disable-next-line office-addins/load-object-before-read -- loaded above through cell.worksheet
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
      r.values = rectangular(op.values, width, '');
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
