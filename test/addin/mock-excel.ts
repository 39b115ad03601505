// An Excel request context built with office-addin-mock's OfficeMockObject: loaded properties are
// readable only after context.sync() (the mock returns an error string before), and every range the
// adapter asks for and every assignment to it is recorded, together with a values-only model of the
// workbook that the writes are applied to.
import { OfficeMockObject } from 'office-addin-mock';
import type { CellValue, SheetValues } from '../../src/workbook/types';
import type { ExcelRunner } from '../../src/excel/office-host';

export interface RangeRecord {
  sheet: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
  values?: CellValue[][];
  numberFormat?: (string | null)[][];
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
  selection?: { sheet: string; row: number; column: number };
  frozen: Record<string, number>;
}

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
    frozen: {},
  };
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
      format: { fill: { color: '' }, font: { bold: false }, columnWidth: 0, autofitColumns() { record.autofit = true; } },
      dataValidation: { rule: {}, prompt: {}, errorAlert: {} },
      clear(applyTo: string) {
        record.cleared = applyTo;
        const m = modelOf(sheet);
        for (let r = row; r < row + rowCount && r < m.values.length; r++) {
          for (let c = column; c < column + columnCount && c < m.values[r].length; c++) m.values[r][c] = '';
        }
      },
      select() {
        record.selected = true;
        state.selection = { sheet, row, column };
      },
    });
    Object.defineProperty(mock, 'values', {
      set(v: CellValue[][]) {
        if (v.length !== rowCount || v.some((r) => r.length !== columnCount)) throw new Error(`values shape ≠ ${rowCount}×${columnCount}`);
        record.values = v;
        const m = modelOf(sheet);
        v.forEach((r, i) =>
          r.forEach((value, j) => {
            if (value === null) return;
            while (m.values.length <= row + i) m.values.push([]);
            const target = m.values[row + i];
            while (target.length <= column + j) target.push('');
            target[column + j] = value;
          }),
        );
      },
    });
    Object.defineProperty(mock, 'numberFormat', {
      set(v: (string | null)[][]) {
        if (v.length !== rowCount || v.some((r) => r.length !== columnCount)) throw new Error(`numberFormat shape ≠ ${rowCount}×${columnCount}`);
        record.numberFormat = v;
      },
    });
    Object.defineProperty(mock.format.fill, 'color', { set: (v: string) => (record.fill = v) });
    Object.defineProperty(mock.format.font, 'bold', { set: (v: boolean) => (record.bold = v) });
    Object.defineProperty(mock.format, 'columnWidth', { set: (v: number) => (record.columnWidth = v) });
    const dv = (record.validation = {} as NonNullable<RangeRecord['validation']>);
    for (const p of ['rule', 'prompt', 'errorAlert'] as const) Object.defineProperty(mock.dataValidation, p, { set: (v: unknown) => (dv[p] = v) });
    return mock;
  }

  function sheetMock(name: string, values: CellValue[][] | undefined): any {
    const offset = options.usedOffsets?.[name] ?? { row: 0, column: 0 };
    const used = values && values.length > 0 ? values.slice(offset.row).map((r) => r.slice(offset.column)) : undefined;
    const mock: any = new OfficeMockObject({
      name,
      usedRange: { values: used ?? [], rowIndex: offset.row, columnIndex: offset.column },
      freezePanes: {
        freezeRows(n: number) {
          state.frozen[name] = n;
        },
      },
      charts: {
        add(type: string, source: any, seriesBy: string) {
          const rec: ChartRecord = { sheet: name, type, source: source.__record, seriesBy, series: [{ values: source.__record }] };
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
      delete() {
        state.log.push(`delete ${name}`);
        state.model = state.model.filter((s) => s.name !== name);
        entries.splice(entries.findIndex((e) => e.name === name), 1);
      },
      activate() {
        state.log.push(`activate ${name}`);
      },
    });
    mock.isNullObject = false;
    mock.usedRange.isNullObject = used === undefined;
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
    });
    m.isNullObject = true;
    const nullRange: any = new OfficeMockObject({ values: [], rowIndex: 0, columnIndex: 0 });
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
  const context: any = new OfficeMockObject(data);
  // The sheet mocks are children of worksheets so that the mock's sync reaches their loads.
  for (const s of sheets) {
    const mock = sheetMock(s.name, s.values);
    entries.push({ name: s.name, mock });
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
      throw new Error('InvalidObjectPath: the object path of a null object');
    }
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
  state.run = (<T,>(batch: (ctx: Excel.RequestContext) => Promise<T>) => batch(context as Excel.RequestContext)) as ExcelRunner;
  return state;
}
