// An Excel request context built with office-addin-mock's OfficeMockObject: loaded properties are
// readable only after context.sync() (the mock returns an error string before), and every range the
// adapter asks for and every assignment to it is recorded, together with a model of the workbook
// (values, and number formats per cell) that the writes are applied to.
//
// Two behaviours of Excel are kept, so that adapter bugs show up here:
// - a sync whose response (the values loaded in it) is above `responseLimitBytes` (default 5 MB, Excel
//   on the web's limit) fails like Office.js: an Error whose `code` is "RequestPayloadSizeLimitExceeded";
// - a string written through Range.values into a cell that is not formatted as text ("@") is parsed
//   like typed input (excelParse): "=…" becomes a formula, "1-2" or "3/4" a date, "00123" a number.
/* eslint-disable @typescript-eslint/no-explicit-any -- a mock of office.js's proxy objects, whose shapes the tests poke freely */
import { OfficeMockObject } from 'office-addin-mock';
import type { CellValue, SheetValues } from '../../src/workbook/types';
import type { ExcelContextRunner, ExcelRunner } from '../../src/excel/office-host';
import { cellRef } from '../../src/workbook/address';
import { toA1 } from '../../src/excel/r1c1';

export interface RangeRecord {
  /** what was assigned to range.formulas (Underlag) */
  formulas?: CellValue[][];
  sheet: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
  values?: CellValue[][];
  numberFormat?: (string | null)[][];
  /** the one format code assigned to the whole range (numberFormat then holds it for every cell) */
  numberFormatValue?: string;
  /** what was assigned to range.formulasR1C1 (formulas then holds each cell's formula in A1 notation) */
  formulasR1C1?: string | CellValue[][];
  cleared?: string;
  fill?: string;
  bold?: boolean;
  columnWidth?: number;
  autofit?: boolean;
  validation?: { rule?: unknown; prompt?: unknown; errorAlert?: unknown };
  selected?: boolean;
  /** sync number during which the range was requested (0 = before the first sync) */
  batch: number;
}

export interface ChartRecord {
  sheet: string;
  type: string;
  source: RangeRecord;
  seriesBy: string;
  name?: string;
  title?: string;
  series: { name?: string; values?: RangeRecord; xValues?: RangeRecord }[];
  position?: [string, string];
  legend?: string;
  reversePlotOrder?: boolean;
}

export interface MockExcel {
  run: ExcelRunner;
  /** context.sync calls */
  readonly syncs: number;
  ranges: RangeRecord[];
  charts: ChartRecord[];
  /** names passed to getItemOrNullObject / getItem, in order */
  lookups: string[];
  log: string[];
  suspendCalls: number;
  /** values-only model of the workbook after the writes (sheets in tab order) */
  model: SheetValues[];
  /** number format of each cell set ("Sheet!row,column" → format; a cell not listed is General) */
  formats: Map<string, string>;
  /** formulas Excel made of strings written into cells not formatted as text ("Sheet!row,column" → formula) */
  formulas: Map<string, string>;
  /** response bytes (JSON of the values loaded) of each successful sync, in order */
  responseBytes: number[];
  /** syncs refused for the size of their response */
  refusedSyncs: number;
  selection?: { sheet: string; row: number; column: number };
  frozen: Record<string, number>;
  /** Excel.run(context, batch) over the same mock context */
  runIn: ExcelContextRunner;
  /** selection handlers in force (added by a sync, not yet removed by one) */
  selectionHandlers: { sheet: string; handler: SelectionHandler; active: boolean }[];
  /** Worksheet.onChanged handlers in effect (added by a sync, as in Excel) */
  changeHandlers: { sheet: string; handler: ChangeHandler }[];
  /** A person changes cells: the sheet's onChanged handlers hear it */
  userChanges(sheet: string, address: string): Promise<void>;
  /** A person selects cells on a sheet ("C5:D6"): the sheet's handlers are called as Excel calls them */
  userSelects(sheet: string, address: string): Promise<void>;
}

type SelectionHandler = (event: { address: string; worksheetId: string; type: string; source: string }) => Promise<unknown>;
type ChangeHandler = (event: { address: string; worksheetId: string; changeType: string; source: string }) => Promise<unknown>;

interface SheetEntry {
  name: string;
  mock: any;
}

/**
 * @param sheets the workbook's sheets (values from A1)
 * @param options.usedOffsets where a sheet's used range starts (0-based), to test padding back to A1
 * @param options.active the active cell for getActiveCell
 */
export function mockExcel(
  sheets: SheetValues[],
  options: {
    usedOffsets?: Record<string, { row: number; column: number }>;
    active?: { sheet: string; row: number; column: number };
    /** the next sync fails when a used range was asked of a missing sheet's null object */
    nullChainFails?: boolean;
    /** largest response of a sync, in bytes of JSON (default 5 MB, Excel on the web's limit) */
    responseLimitBytes?: number;
    /** formulas per sheet, "row,column" (0-based, from A1) → formula; Range.formulas gives them, values elsewhere */
    formulas?: Record<string, Record<string, string>>;
    /** number formats per sheet, "row,column" (0-based, from A1) → format code; Range.numberFormat gives "General" elsewhere */
    numberFormats?: Record<string, Record<string, string>>;
    /** charts already on a sheet (by name), as a rerun finds them */
    charts?: Record<string, string[]>;
  } = {},
): MockExcel {
  const state: MockExcel = {
    run: undefined as unknown as ExcelRunner,
    syncs: 0,
    ranges: [],
    charts: [],
    lookups: [],
    log: [],
    suspendCalls: 0,
    model: sheets.map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) })),
    formats: new Map(),
    formulas: new Map(),
    responseBytes: [],
    refusedSyncs: 0,
    frozen: {},
    runIn: undefined as unknown as ExcelContextRunner,
    selectionHandlers: [],
    changeHandlers: [],
    async userChanges(sheet: string, address: string) {
      for (const h of state.changeHandlers.filter((x) => x.sheet.toLowerCase() === sheet.toLowerCase())) {
        await h.handler({ address, worksheetId: `{${h.sheet}}`, changeType: 'RangeEdited', source: 'Local' });
      }
    },
    async userSelects(sheet: string, address: string) {
      for (const h of state.selectionHandlers.filter((x) => x.sheet.toLowerCase() === sheet.toLowerCase())) {
        await h.handler({ address, worksheetId: `{${h.sheet}}`, type: 'WorksheetSelectionChanged', source: 'Local' });
      }
    },
  };
  /** Event handlers added or removed since the last sync (they take effect with it). */
  let pendingEvents: (() => void)[] = [];
  // eslint-disable-next-line prefer-const -- assigned once below, after the closures that use it
  let context: any;
  const responseLimit = options.responseLimitBytes ?? RESPONSE_LIMIT_BYTES;
  /** What the loads queued since the last sync will answer: bytes, and what to do when the sync succeeds. */
  let pendingLoads: { bytes: () => number; done?: () => void }[] = [];
  const cellKey = (sheet: string, r: number, c: number) => `${modelOf(sheet).name}!${r},${c}`;
  let syncs = 0;
  const modelOf = (name: string) => {
    const m = state.model.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!m) throw new Error(`ItemNotFound: ${name}`);
    return m;
  };

  function rangeMock(sheet: string, row: number, column: number, rowCount: number, columnCount: number): any {
    const record: RangeRecord = { sheet, row, column, rowCount, columnCount, batch: syncs };
    state.ranges.push(record);
    const mock: any = new OfficeMockObject({
      format: {
        fill: { color: '' },
        font: { bold: false },
        columnWidth: 0,
        wrapText: false,
        verticalAlignment: '',
        rowHeight: 0,
        autofitColumns() {
          record.autofit = true;
        },
      },
      dataValidation: { rule: {}, prompt: {}, errorAlert: {} },
      clear(applyTo: string) {
        record.cleared = applyTo;
        const m = modelOf(sheet);
        for (let r = row; r < row + rowCount && r < m.values.length; r++) {
          for (let c = column; c < column + columnCount && c < m.values[r].length; c++) m.values[r][c] = '';
        }
        if (applyTo === 'All' || applyTo === 'Formats') {
          for (const k of [...state.formats.keys()]) {
            const [name, rc] = [k.slice(0, k.lastIndexOf('!')), k.slice(k.lastIndexOf('!') + 1)];
            const [r, c] = rc.split(',').map(Number);
            if (name === m.name && r >= row && r < row + rowCount && c >= column && c < column + columnCount)
              state.formats.delete(k);
          }
        }
      },
      select() {
        record.selected = true;
        state.selection = { sheet, row, column };
      },
    });
    let loaded: CellValue[][] | undefined;
    Object.defineProperty(mock, 'values', {
      get() {
        if (!loaded) throw new Error('PropertyNotLoaded: values (load("values") and context.sync() first)');
        return loaded;
      },
      set(v: CellValue[][]) {
        if (v.length !== rowCount || v.some((r) => r.length !== columnCount))
          throw new Error(`values shape ≠ ${rowCount}×${columnCount}`);
        record.values = v;
        const m = modelOf(sheet);
        v.forEach((r, i) =>
          r.forEach((value, j) => {
            if (value === null) return;
            while (m.values.length <= row + i) m.values.push([]);
            const target = m.values[row + i];
            while (target.length <= column + j) target.push('');
            // Excel parses a string like typed input unless the cell is already formatted as text
            const key = cellKey(sheet, row + i, column + j);
            state.formulas.delete(key);
            if (typeof value === 'string' && state.formats.get(key) !== '@') {
              const parsed = excelParse(value);
              if (parsed.formula) state.formulas.set(key, parsed.formula);
              target[column + j] = parsed.value;
            } else {
              target[column + j] = value;
            }
          }),
        );
      },
    });
    Object.defineProperty(mock, 'numberFormat', {
      get() {
        if (!loadedFormats) throw new Error('PropertyNotLoaded: numberFormat');
        return loadedFormats;
      },
      set(value: (string | null)[][] | string) {
        // one format code (not an array): Excel applies it to every cell of the range
        const v =
          typeof value === 'string' ? Array.from({ length: rowCount }, () => Array<string>(columnCount).fill(value)) : value;
        if (typeof value === 'string') record.numberFormatValue = value;
        if (v.length !== rowCount || v.some((r) => r.length !== columnCount))
          throw new Error(`numberFormat shape ≠ ${rowCount}×${columnCount}`);
        record.numberFormat = v;
        v.forEach((r, i) =>
          r.forEach((f, j) => {
            if (f !== null) state.formats.set(cellKey(sheet, row + i, column + j), f);
          }),
        );
      },
    });
    // range.load('values'): the cells of the range from the model, readable after the next sync
    let loadedFormats: (string | null)[][] | undefined;
    let loadedFormulas: unknown[][] | undefined;
    Object.defineProperty(mock, 'formulas', {
      get() {
        if (!loadedFormulas) throw new Error('PropertyNotLoaded: formulas');
        return loadedFormulas;
      },
      // Range.formulas: '=…' a formula (kept, its value '' as the mock does not calculate), else a constant
      set(v: CellValue[][]) {
        if (v.length !== rowCount || v.some((r) => r.length !== columnCount))
          throw new Error(`formulas shape ≠ ${rowCount}×${columnCount}`);
        if (v.some((r) => r.some((x) => x === null || x === undefined))) throw new Error('formulas: null is not accepted');
        record.formulas = v;
        const m = modelOf(sheet);
        v.forEach((r, i) =>
          r.forEach((value, j) => {
            while (m.values.length <= row + i) m.values.push([]);
            const target = m.values[row + i];
            while (target.length <= column + j) target.push('');
            const key = cellKey(sheet, row + i, column + j);
            state.formulas.delete(key);
            if (typeof value === 'string' && value.startsWith('=') && value.length > 1 && state.formats.get(key) !== '@') {
              state.formulas.set(key, value);
              target[column + j] = '';
            } else {
              target[column + j] = value;
            }
          }),
        );
      },
    });
    // Range.formulasR1C1 = one formula (not an array): Excel puts it in every cell of the range, its
    // references relative to each cell; kept (and read back through Range.formulas) in A1 notation
    Object.defineProperty(mock, 'formulasR1C1', {
      set(value: string | CellValue[][]) {
        const v =
          typeof value === 'string' ? Array.from({ length: rowCount }, () => Array<string>(columnCount).fill(value)) : value;
        if (v.length !== rowCount || v.some((r) => r.length !== columnCount))
          throw new Error(`formulasR1C1 shape ≠ ${rowCount}×${columnCount}`);
        const a1 = v.map((r, i) =>
          r.map((f, j) => {
            if (typeof f !== 'string' || !f.startsWith('=')) return f;
            const formula = toA1(f, row + i, column + j);
            if (formula === undefined) throw new Error(`formulasR1C1: ${f} is not a formula at ${row + i},${column + j}`);
            return formula;
          }),
        );
        mock.formulas = a1;
        record.formulasR1C1 = value;
      },
    });
    mock.load = (props: string) => {
      const list = props.split(',').map((p) => p.trim());
      if (list.some((p) => !['values', 'numberFormat', 'formulas'].includes(p)) || !list.includes('values'))
        throw new Error(`unexpected range load ${props}`);
      const grid = <T>(f: (r: number, c: number, v: CellValue) => T): T[][] => {
        const m = modelOf(sheet);
        return Array.from({ length: rowCount }, (_, i) =>
          Array.from({ length: columnCount }, (_, j) => {
            const v = m.values[row + i]?.[column + j];
            return f(row + i, column + j, v === undefined || v === null ? '' : v);
          }),
        );
      };
      if (list.includes('numberFormat')) {
        let formats: (string | null)[][] = [];
        pendingLoads.push({
          bytes: () =>
            jsonBytes(
              (formats = grid(
                (r, c) => state.formats.get(cellKey(sheet, r, c)) ?? options.numberFormats?.[sheet]?.[`${r},${c}`] ?? 'General',
              )),
            ),
          done: () => (loadedFormats = formats),
        });
      }
      if (list.includes('formulas')) {
        let formulas: unknown[][] = [];
        pendingLoads.push({
          bytes: () => jsonBytes((formulas = grid((r, c, v) => options.formulas?.[sheet]?.[`${r},${c}`] ?? v))),
          done: () => (loadedFormulas = formulas),
        });
      }
      let answer: CellValue[][] = [];
      pendingLoads.push({
        bytes: () => {
          const m = modelOf(sheet);
          answer = Array.from({ length: rowCount }, (_, i) =>
            Array.from({ length: columnCount }, (_, j) => {
              const v = m.values[row + i]?.[column + j];
              return v === undefined || v === null ? '' : v;
            }),
          );
          return jsonBytes(answer);
        },
        done: () => {
          loaded = answer;
        },
      });
      return mock;
    };
    Object.defineProperty(mock.format.fill, 'color', { set: (v: string) => (record.fill = v) });
    Object.defineProperty(mock.format.font, 'bold', { set: (v: boolean) => (record.bold = v) });
    Object.defineProperty(mock.format, 'columnWidth', { set: (v: number) => (record.columnWidth = v) });
    const dv = (record.validation = {} as NonNullable<RangeRecord['validation']>);
    for (const p of ['rule', 'prompt', 'errorAlert'] as const)
      Object.defineProperty(mock.dataValidation, p, { set: (v: unknown) => (dv[p] = v) });
    return mock;
  }

  function sheetMock(name: string, values: CellValue[][] | undefined): any {
    const offset = options.usedOffsets?.[name] ?? { row: 0, column: 0 };
    const used = values && values.length > 0 ? values.slice(offset.row).map((r) => r.slice(offset.column)) : undefined;
    const usedColumns = Math.max(0, ...(used ?? []).map((r) => r.length));
    const usedRows = used?.length ?? 0;
    const cellGrid = <T>(f: (r: number, c: number, v: CellValue) => T): T[][] =>
      (used ?? []).map((row, i) =>
        Array.from({ length: usedColumns }, (_, j) => f(offset.row + i, offset.column + j, row[j] ?? '')),
      );
    const mock: any = new OfficeMockObject({
      name,
      usedRange: {
        values: used ?? [],
        numberFormat: cellGrid((r, c) => options.numberFormats?.[name]?.[`${r},${c}`] ?? 'General'),
        formulas: cellGrid((r, c, v) => options.formulas?.[name]?.[`${r},${c}`] ?? v),
        rowIndex: offset.row,
        columnIndex: offset.column,
        rowCount: usedRows,
        columnCount: usedColumns,
        address: used
          ? `${name}!${cellRef(offset.row, offset.column)}:${cellRef(offset.row + usedRows - 1, offset.column + Math.max(1, usedColumns) - 1)}`
          : '',
      },
      freezePanes: {
        freezeRows(n: number) {
          state.frozen[name] = n;
        },
        // ExcelApi 1.7: the frozen top-left pane (issue 14: header row and name column)
        freezeAt(range: { rowCount?: number }) {
          state.frozen[name] = range.rowCount ?? 0;
        },
      },
      autoFilter: {
        apply() {
          // ExcelApi 1.9: applied only where isSetSupported says so (not under office-addin-mock)
        },
      },
      charts: {
        load() {
          // office-addin-mock cannot load collection items: the chart names are read after the sync
          pendingLoads.push({
            bytes: () => 0,
            done: () => (mock.charts.items = state.charts.filter((c) => c.sheet === name).map((c) => ({ name: c.name ?? '' }))),
          });
          return mock.charts;
        },
        getItem(chartName: string) {
          return {
            delete() {
              const i = state.charts.findIndex((c) => c.sheet === name && c.name === chartName);
              if (i < 0) throw new Error(`ItemNotFound: chart ${chartName}`);
              state.log.push(`delete chart ${chartName}`);
              state.charts.splice(i, 1);
            },
          };
        },
        add(type: string, source: any, seriesBy: string) {
          const rec: ChartRecord = {
            sheet: name,
            type,
            source: source.__record,
            seriesBy,
            series: [{ values: source.__record }],
          };
          state.charts.push(rec);
          const series = (i: () => number) => ({
            set name(v: string) {
              rec.series[i()].name = v;
            },
            setValues(r: any) {
              rec.series[i()].values = r.__record;
            },
            setXAxisValues(r: any) {
              rec.series[i()].xValues = r.__record;
            },
          });
          return {
            set name(v: string) {
              rec.name = v;
            },
            title: {
              set text(v: string) {
                rec.title = v;
              },
            },
            legend: {
              set position(v: string) {
                rec.legend = v;
              },
            },
            axes: {
              categoryAxis: {
                set reversePlotOrder(v: boolean) {
                  rec.reversePlotOrder = v;
                },
              },
            },
            series: {
              getItemAt: (k: number) => series(() => k),
              add: (n: string) => {
                rec.series.push({ name: n });
                const at = rec.series.length - 1;
                return series(() => at);
              },
            },
            setPosition(a: string, b: string) {
              rec.position = [a, b];
            },
          };
        },
      },
      getUsedRangeOrNullObject(this: any) {
        return this.usedRange;
      },
      getRangeByIndexes(r: number, c: number, rc: number, cc: number) {
        const m = rangeMock(name, r, c, rc, cc);
        m.__record = state.ranges[state.ranges.length - 1];
        return m;
      },
      // getRange() without an address: the whole sheet
      getRange() {
        const m = rangeMock(name, 0, 0, 1_048_576, 16_384);
        m.__record = state.ranges[state.ranges.length - 1];
        return m;
      },
      delete() {
        state.log.push(`delete ${name}`);
        for (const k of [...state.formats.keys()]) if (k.startsWith(`${name}!`)) state.formats.delete(k);
        state.model = state.model.filter((s) => s.name !== name);
        entries.splice(
          entries.findIndex((e) => e.name === name),
          1,
        );
      },
      activate() {
        state.log.push(`activate ${name}`);
      },
      // Worksheet.onSelectionChanged: a handler is added, and removed, by the sync that follows
      onSelectionChanged: {
        add(handler: SelectionHandler) {
          const registration = { sheet: name, handler, active: false };
          pendingEvents.push(() => {
            registration.active = true;
            state.selectionHandlers.push(registration);
          });
          return {
            context,
            remove() {
              pendingEvents.push(() => {
                registration.active = false;
                state.selectionHandlers = state.selectionHandlers.filter((h) => h !== registration);
              });
            },
          };
        },
      },
      // Worksheet.onChanged: a handler is added, and removed, by the sync that follows
      onChanged: {
        add(handler: ChangeHandler) {
          const registration = { sheet: name, handler };
          pendingEvents.push(() => state.changeHandlers.push(registration));
          return {
            context,
            remove() {
              pendingEvents.push(() => {
                state.changeHandlers = state.changeHandlers.filter((h) => h !== registration);
              });
            },
          };
        },
      },
    });
    mock.isNullObject = false;
    mock.usedRange.isNullObject = used === undefined;
    // The used range's values count towards the response of the sync that loads them.
    const usedLoad = mock.usedRange.load.bind(mock.usedRange);
    mock.usedRange.load = (props: string) => {
      const list = props.split(',').map((p) => p.trim());
      if (used && list.includes('values')) pendingLoads.push({ bytes: () => jsonBytes(used) });
      if (used && list.includes('numberFormat')) pendingLoads.push({ bytes: () => jsonBytes(mock.usedRange.numberFormat) });
      if (used && list.includes('formulas')) pendingLoads.push({ bytes: () => jsonBytes(mock.usedRange.formulas) });
      return usedLoad(props);
    };
    Object.defineProperty(mock, 'position', {
      set(p: number) {
        state.log.push(`position ${name} ${p}`);
        const i = state.model.findIndex((s) => s.name === name);
        const [s] = state.model.splice(i, 1);
        state.model.splice(p, 0, s);
      },
    });
    return mock;
  }

  const entries: SheetEntry[] = [];
  let nullChainUsed = false;
  const nullSheet = (): any => {
    const m: any = new OfficeMockObject({
      name: '',
      getUsedRangeOrNullObject() {
        nullChainUsed = true;
        return nullRange;
      },
      charts: {
        load() {
          nullChainUsed = true;
          return m.charts;
        },
      },
    });
    m.charts.items = [];
    m.isNullObject = true;
    const nullRange: any = new OfficeMockObject({
      values: [],
      numberFormat: [],
      formulas: [],
      rowIndex: 0,
      columnIndex: 0,
      rowCount: 0,
      columnCount: 0,
      address: '',
    });
    nullRange.isNullObject = true;
    return m;
  };

  let worksheetsLoadRequested = false;
  const data = {
    workbook: {
      worksheets: {
        getItemOrNullObject(name: string) {
          state.lookups.push(name);
          return entries.find((e) => e.name.toLowerCase() === name.toLowerCase())?.mock ?? nullSheet();
        },
        getItem(name: string) {
          state.lookups.push(name);
          const e = entries.find((x) => x.name.toLowerCase() === name.toLowerCase());
          if (!e) throw new Error(`ItemNotFound: ${name}`);
          return e.mock;
        },
        add(name: string) {
          state.log.push(`add ${name}`);
          state.model.push({ name, values: [] });
          const mock = sheetMock(name, undefined);
          entries.push({ name, mock });
          return mock;
        },
      },
      activeCell: {
        rowIndex: options.active?.row ?? 0,
        columnIndex: options.active?.column ?? 0,
        worksheet: { name: options.active?.sheet ?? sheets[0]?.name ?? '' },
      },
      getActiveCell(this: any) {
        return this.activeCell;
      },
    },
    application: {
      suspendApiCalculationUntilNextSync() {
        state.suspendCalls++;
      },
    },
  };
  context = new OfficeMockObject(data);
  // The sheet mocks are children of worksheets so that the mock's sync reaches their loads.
  for (const s of sheets) {
    const mock = sheetMock(s.name, s.values);
    entries.push({ name: s.name, mock });
  }
  for (const [sheet, names] of Object.entries(options.charts ?? {})) {
    for (const name of names)
      state.charts.push({ sheet, type: 'BarClustered', source: {} as RangeRecord, seriesBy: 'Columns', name, series: [] });
  }
  // office-addin-mock cannot load collection items ("items/name"): emulate it, visible after sync.
  context.workbook.worksheets.load = function load(props: string) {
    if (props !== 'items/name') throw new Error(`unexpected load ${props}`);
    worksheetsLoadRequested = true;
    return this;
  };
  const mockSync = context.sync.bind(context);
  context.sync = async () => {
    syncs++;
    if (options.nullChainFails && nullChainUsed) {
      nullChainUsed = false;
      pendingLoads = [];
      throw new Error('InvalidObjectPath: the object path of a null object');
    }
    const loads = pendingLoads;
    pendingLoads = [];
    const bytes = loads.reduce((sum, l) => sum + l.bytes(), 0);
    if (bytes > responseLimit) {
      state.refusedSyncs++;
      worksheetsLoadRequested = false;
      throw Object.assign(new Error(`The response payload size has exceeded the limit (${bytes} bytes).`), {
        name: 'RichApi.Error',
        code: 'RequestPayloadSizeLimitExceeded',
      });
    }
    state.responseBytes.push(bytes);
    for (const l of loads) l.done?.();
    const events = pendingEvents;
    pendingEvents = [];
    for (const e of events) e();
    if (worksheetsLoadRequested) {
      context.workbook.worksheets.items = state.model.map((s) => ({ name: s.name }));
      worksheetsLoadRequested = false;
    }
    // office-addin-mock syncs only its own tree: sync the sheet mocks (they are created by functions).
    await mockSync();
    for (const e of entries) await e.mock.sync();
    // The mock finishes its property updates in later microtasks: let them run.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  Object.defineProperty(state, 'syncs', { get: () => syncs });
  state.run = (<T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => batch(context as Excel.RequestContext)) as ExcelRunner;
  state.runIn = (<T>(ctx: Excel.RequestContext, batch: (c: Excel.RequestContext) => Promise<T>) => {
    if (ctx !== context) throw new Error('Excel.run(context): not the context the handler was added with');
    return batch(ctx);
  }) as ExcelContextRunner;
  return state;
}

/** Excel on the web refuses requests and responses above 5 MB. */
export const RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;

/** Bytes of a value as JSON (UTF-8). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/** Excel's serial number of a date (1900 date system). */
function serial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What Excel makes of a string written through Range.values into a cell not formatted as text, as
 * typed input (en-US parsing, the part that matters here): a leading "=" is a formula (its value here
 * '#NAME?', as for an unknown function), a number (leading zeros and a sign allowed, "12%" a share)
 * is a number, "d-m", "m/d", "m/d/y" and "y-m-d" are dates (serial numbers), TRUE/FALSE booleans.
 * Everything else stays text.
 */
export function excelParse(text: string): { value: CellValue; formula?: string } {
  const t = text.trim();
  if (t.startsWith('=') && t.length > 1) return { value: '#NAME?', formula: t };
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
  const pct = /^([+-]?\d+(\.\d+)?)%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100 };
  if (/^(TRUE|FALSE)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  let m = /^(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 1 && Number(m[1]) <= 31)
    return { value: serial(2025, Number(m[2]), Number(m[1])) };
  m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= 31) {
    const y = m[3] === undefined ? 2025 : Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    return { value: serial(y, Number(m[1]), Number(m[2])) };
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { value: serial(Number(m[1]), Number(m[2]), Number(m[3])) };
  return { value: text };
}
