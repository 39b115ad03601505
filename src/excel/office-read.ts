// The Office.js adapter's reading: the sheet list and the input sheets' used ranges (values, number
// formats, Förbund's formulas) in one sync, Körlogg's values and charts with them, and — when Excel
// refuses a response for size — the same in row chunks over a few syncs (planned in read-chunks.ts).
import type { CellValue, SheetValues } from '../workbook/types';
import { DIAGRAM_SHEET, INPUT_SHEETS, OUTPUT_SHEETS, READ_SHEETS } from '../workbook/types';
import { normalizeKey } from '../workbook/text';
import { arrayJsonBytes } from './write-ops';
import { MIN_READ_CELL_BYTES, READ_MARGIN, isPayloadSizeError, nextReadChunks, readChunkBytes } from './read-chunks';
import type { UsedRect } from './read-chunks';

/** Excel.run, or a stand-in with the same shape (tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the host's parts share: the counted sync, the budgets, and what the last read saw. */
export interface OfficeSession {
  sync(context: Excel.RequestContext): Promise<void>;
  /** One sync: the sheet names in tab order */
  loadSheetNames(context: Excel.RequestContext): Promise<string[]>;
  /** Request budget per sync */
  readonly budget: number;
  /** Largest single range assignment, and largest row chunk of a chunked read */
  readonly chunk: number;
  /** Estimated response bytes per cell that a chunked read starts from */
  readonly readCellBytes: number;
  /** Sheet names in tab order as of the last read (output sheets keep their tab position). */
  sheetNames: string[] | undefined;
  /** Charts on the run's log sheet as of the last read (a rerun deletes them by name before adding its own). */
  sheetCharts: Map<string, string[]>;
}

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

/** One sync: where the used range of each named sheet is (null for an empty sheet), without values. */
async function usedRects(
  session: OfficeSession,
  context: Excel.RequestContext,
  names: string[],
): Promise<Map<string, UsedRect | null>> {
  const sync = (context: Excel.RequestContext) => session.sync(context);
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
  session: OfficeSession,
  context: Excel.RequestContext,
  rects: Map<string, UsedRect | null>,
): Promise<Map<string, SheetValues>> {
  const sync = (context: Excel.RequestContext) => session.sync(context);
  const state = [...rects].map(([name, used]) => ({
    name,
    used: used ?? { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 },
    next: 0,
    rows: [] as CellValue[][],
    formats: [] as (string | null)[][],
  }));
  let cellBytes = session.readCellBytes;
  let syncBudget = session.budget;
  let refused = false;
  for (;;) {
    const chunks = nextReadChunks(state, cellBytes, syncBudget, Math.min(session.chunk, syncBudget));
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

/**
 * The workbook as the workbook layer reads it: every sheet by name, the input sheets' cells (from A1),
 * Körlogg's values and charts (remembered in the session); in one sync, or in row chunks when Excel
 * refuses the response for size.
 */
export function readWorkbook(session: OfficeSession, run: ExcelRunner): Promise<SheetValues[]> {
  const sync = (context: Excel.RequestContext) => session.sync(context);
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
    /**
     * Diagram, the run's chart sheet, read like Körlogg (its values: is it the run's? and its charts); in a
     * workbook too large for one response only its charts (its values would add to what was refused).
     */
    const diagramProbe = (ws: Excel.Worksheet, withValues = true): LogProbe => {
      if (withValues) return logProbe(ws);
      const charts = ws.charts;
      charts.load('items/name');
      return { ws, used: ws.getUsedRangeOrNullObject(true), charts };
    };
    let log: LogProbe | undefined;
    /** Diagram, the run's chart sheet: its values (is it the run's?) and its charts, read like Körlogg */
    let diagram: LogProbe | undefined;
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
      session.sheetCharts.set(
        name,
        probe.charts.items.map((c) => c.name),
      );
    };
    session.sheetCharts = new Map();
    try {
      worksheets.load('items/name');
      const probes = new Map<string, Probe>();
      for (const name of READ_SHEETS) probes.set(name, probe(name, `${cellProperties(name)},rowIndex,columnIndex`));
      const logSheet = worksheets.getItemOrNullObject(OUTPUT_SHEETS[1]);
      logSheet.load('name');
      log = logProbe(logSheet);
      const diagramSheet = worksheets.getItemOrNullObject(DIAGRAM_SHEET);
      diagramSheet.load('name');
      diagram = diagramProbe(diagramSheet);
      await sync(context);
      names = worksheets.items.map((s) => s.name);
      for (const canonical of READ_SHEETS) {
        const actual = actualName(names, canonical);
        if (actual === undefined) continue;
        const p = probes.get(canonical)!;
        if (!p.ws.isNullObject && p.ws.name === actual) read.set(actual, usedSheet(actual, p.used));
        else late.push(actual); // spelt differently beyond case ("Förbund "): read by its real name
      }
      takeLog(log, log.ws.isNullObject ? undefined : log.ws.name);
      takeLog(diagram, diagram.ws.isNullObject ? undefined : diagram.ws.name);
      logDone = true;
    } catch (error) {
      read.clear();
      session.sheetCharts = new Map();
      late.length = 0;
      if (isPayloadSizeError(error)) {
        // The sheets' values are more than one response may carry (Excel on the web: 5 MB).
        tooLarge = true;
      } else {
        // A host that refuses a used range under a missing sheet's null object: list the sheets
        // first, then read the input sheets (and Körlogg) that exist.
        names = await session.loadSheetNames(context);
        for (const canonical of READ_SHEETS) {
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
      for (const name of READ_SHEETS) probes.set(name, probe(name, 'address,rowIndex,columnIndex,rowCount,columnCount'));
      const logSheet = worksheets.getItemOrNullObject(OUTPUT_SHEETS[1]);
      logSheet.load('name');
      const logRead = logProbe(logSheet);
      const diagramSheet = worksheets.getItemOrNullObject(DIAGRAM_SHEET);
      diagramSheet.load('name');
      const diagramRead = diagramProbe(diagramSheet, false);
      await sync(context);
      const all = worksheets.items.map((s) => s.name);
      names = all;
      takeLog(logRead, logSheet.isNullObject ? undefined : logSheet.name);
      if (!diagramSheet.isNullObject) {
        read.set(diagramSheet.name, { name: diagramSheet.name, values: [] });
        session.sheetCharts.set(
          diagramSheet.name,
          diagramRead.charts.items.map((c) => c.name),
        );
      }
      const rects = new Map<string, UsedRect | null>();
      const unmatched: string[] = [];
      for (const canonical of READ_SHEETS) {
        const actual = actualName(all, canonical);
        if (actual === undefined) continue;
        const p = probes.get(canonical)!;
        if (!p.ws.isNullObject && p.ws.name === actual) rects.set(actual, usedRectOf(p.used));
        else unmatched.push(actual);
      }
      if (unmatched.length > 0) for (const [name, rect] of await usedRects(session, context, unmatched)) rects.set(name, rect);
      for (const [name, v] of await readInChunks(session, context, rects)) read.set(name, v);
    } else if (late.length > 0 || !logDone) {
      // Körlogg, when the first sync could not ask for it, goes with the late reads
      const logName = logDone ? undefined : actualName(names ?? [], OUTPUT_SHEETS[1]);
      const logLater = logName === undefined ? undefined : logProbe(worksheets.getItem(logName));
      const diagramName = logDone ? undefined : actualName(names ?? [], DIAGRAM_SHEET);
      const diagramLater = diagramName === undefined ? undefined : diagramProbe(worksheets.getItem(diagramName));
      if (late.length > 0 || logLater || diagramLater) {
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
          takeLog(diagramLater, diagramName);
        } catch (error) {
          if (!isPayloadSizeError(error)) throw error;
          for (const [name, v] of await readInChunks(session, context, await usedRects(session, context, late)))
            read.set(name, v);
        }
      }
    }
    const all = names ?? [];
    session.sheetNames = all;
    return all.map((name) => read.get(name) ?? { name, values: [] });
  });
}

/**
 * The named sheets that exist (matched as the workbook layer matches names), each with its values and
 * number formats from A1: for a sheet the run's read leaves out (Ansökningar, for a targeted-funds
 * round). Two syncs: the sheet list, then the used ranges.
 */
export function readNamedSheets(session: OfficeSession, run: ExcelRunner, names: readonly string[]): Promise<SheetValues[]> {
  return run(async (context) => {
    const all = await session.loadSheetNames(context);
    const wanted = all.filter((n) => names.some((c) => normalizeKey(c) === normalizeKey(n)));
    if (wanted.length === 0) return [];
    const probes = wanted.map((name) => {
      const used = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
      // eslint-disable-next-line office-addins/no-empty-load -- the properties are named (cellProperties)
      used.load(`${cellProperties(name)},rowIndex,columnIndex`);
      return { name, used };
    });
    await session.sync(context);
    return probes.map((p) => usedSheet(p.name, p.used));
  });
}
