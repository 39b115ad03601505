// exceljs 4.4 patches: what it would otherwise lose or crash on, each with its upstream issue
// (docs/decisions.md "Tooling and dependencies"). The reader patches are applied once, when this
// module is loaded; each checks that the internals it needs exist and is skipped otherwise.
import type ExcelJS from 'exceljs';

/**
 * exceljs 4.4 drops every backslash escape from the number formats it reads
 * (lib/xlsx/xform/style/numfmt-xform.js: formatCode.replace(/[\\](.)/g, '$1')), so a file read and
 * written again would have `0.0\%` turned into `0.0%` (a percentage) on input cells. This keeps the
 * format code exactly as stored. Applied once, when this module is loaded; if exceljs changes its
 * internals the patch is skipped (test/e2e checks that input formats survive a run).
 */
export const numberFormatEscapesKept: boolean = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const NumFmtXform = require('exceljs/lib/xlsx/xform/style/numfmt-xform') as {
      prototype: { parseOpen(node: { name: string; attributes: Record<string, string> }): boolean; model?: unknown };
    };
    const proto = NumFmtXform.prototype;
    if ((proto as { __finsamKeepsEscapes?: boolean }).__finsamKeepsEscapes) return true;
    const original = proto.parseOpen;
    proto.parseOpen = function parseOpen(this: { model?: unknown }, node) {
      if (node.name === 'numFmt' && typeof node.attributes?.formatCode === 'string') {
        this.model = { id: parseInt(node.attributes.numFmtId, 10), formatCode: node.attributes.formatCode };
        return true;
      }
      return original.call(this, node);
    };
    (proto as { __finsamKeepsEscapes?: boolean }).__finsamKeepsEscapes = true;
    return true;
  } catch {
    return false;
  }
})();

/**
 * exceljs 4.4 reads a formula whose cached result is a string only when the string is not empty: a
 * formula that gives "" (Excel and LibreOffice write `<c t="str"><f>…</f><v></v></c>`) comes back
 * without a result, as if it had never been calculated, and is then written back without one. And a
 * string result in a cell with a date format is turned into a date. This patch (lib/xlsx/xform/sheet/
 * cell-xform.js) keeps the cached string as it is, '' included, so such a cell reads as '' (what
 * Excel's Range.values gives) and keeps its result when written. Applied once, when this module is
 * loaded; skipped if exceljs changes its internals (test/cli/xlsx.test.ts checks it).
 */
export const formulaStringResultsKept: boolean = (() => {
  try {
    interface CellModel {
      type?: number;
      formula?: string;
      shareType?: string;
      value?: unknown;
      result?: unknown;
      finsamStringResult?: string;
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const CellXform = require('exceljs/lib/xlsx/xform/sheet/cell-xform') as {
      prototype: {
        parseOpen(this: { parser?: unknown; finsamSawValue?: boolean }, node: { name: string }): boolean;
        parseClose(this: { t?: string; model?: CellModel; finsamSawValue?: boolean }, name: string): boolean;
        reconcile(this: unknown, model: CellModel, options: unknown): void;
      };
    };
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { ValueType } = require('exceljs/lib/doc/enums') as { ValueType: { Formula: number } };
    const proto = CellXform.prototype as typeof CellXform.prototype & { __finsamKeepsStrings?: boolean };
    if (proto.__finsamKeepsStrings) return true;
    if (
      [proto.parseOpen, proto.parseClose, proto.reconcile].some((f) => typeof f !== 'function') ||
      typeof ValueType?.Formula !== 'number'
    )
      return false;
    const parseOpen = proto.parseOpen;
    const parseClose = proto.parseClose;
    const reconcile = proto.reconcile;
    // Whether the cell has a <v> element: a string result with an empty <v> is "", while a formula
    // without any <v> was never calculated (whatever its t attribute says).
    proto.parseOpen = function patchedParseOpen(node) {
      if (!this.parser && node.name === 'c') this.finsamSawValue = false;
      else if (!this.parser && node.name === 'v') this.finsamSawValue = true;
      return parseOpen.call(this, node);
    };
    proto.parseClose = function patchedParseClose(name) {
      const model = this.model;
      const stringFormula =
        name === 'c' &&
        model !== undefined &&
        this.t === 'str' &&
        this.finsamSawValue === true &&
        Boolean(model.formula || model.shareType);
      const done = parseClose.call(this, name);
      if (stringFormula && model) {
        if (model.result === undefined) model.result = '';
        if (typeof model.result === 'string') model.finsamStringResult = model.result;
      }
      return done;
    };
    proto.reconcile = function patchedReconcile(model, options) {
      const kept = model.finsamStringResult;
      delete model.finsamStringResult;
      reconcile.call(this, model, options);
      if (kept !== undefined && model.type === ValueType.Formula) model.result = kept;
    };
    proto.__finsamKeepsStrings = true;
    return true;
  } catch {
    return false;
  }
})();

/**
 * exceljs 4.4 reads worksheet tables with the wrong defaults: a table without `headerRowCount` (Excel
 * leaves it out, the default being 1) is written back with headerRowCount="0"; a column without a
 * <filterColumn>, or one without `hiddenButton` (LibreOffice and Excel write neither for a visible
 * button), is written back with its filter button hidden; a table without an autoFilter gets one.
 * This patch (lib/xlsx/xform/table/*) reads them with the defaults of the file format, so a table
 * comes out as it went in. Applied once; skipped if exceljs changes its internals.
 */
export const tablesKeptAsStored: boolean = (() => {
  try {
    interface Node {
      name: string;
      attributes: Record<string, string | undefined>;
    }
    interface FilterModel {
      filterButton?: boolean;
      colId?: string;
    }
    interface TableModel {
      headerRow?: boolean;
      autoFilterRef?: string;
      columns?: { filterButton?: boolean }[];
    }
    type TableXformThis = {
      parser?: unknown;
      model?: TableModel;
      map: { autoFilter: { model?: { columns: FilterModel[] }; render: unknown } };
    };
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const TableXform = require('exceljs/lib/xlsx/xform/table/table-xform') as {
      prototype: {
        parseOpen(this: TableXformThis, node: Node): boolean;
        parseClose(this: TableXformThis, name: string): boolean;
        render(this: TableXformThis, xmlStream: unknown, model: TableModel): unknown;
        __finsamKeepsTables?: boolean;
      };
    };
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const FilterColumnXform = require('exceljs/lib/xlsx/xform/table/filter-column-xform') as {
      prototype: { parseOpen(this: { parser?: unknown; model?: FilterModel }, node: Node): boolean };
    };
    const table = TableXform.prototype;
    const filter = FilterColumnXform.prototype;
    if (table.__finsamKeepsTables) return true;
    const tableOpen = table.parseOpen;
    const tableClose = table.parseClose;
    const tableRender = table.render;
    const filterOpen = filter.parseOpen;
    if ([tableOpen, tableClose, tableRender, filterOpen].some((f) => typeof f !== 'function')) return false;
    filter.parseOpen = function patchedFilterOpen(node) {
      const own = !this.parser && node.name === 'filterColumn';
      const done = filterOpen.call(this, node);
      if (own && this.model) {
        const hidden = node.attributes.hiddenButton;
        this.model.filterButton = !(hidden === '1' || hidden === 'true');
        this.model.colId = node.attributes.colId;
      }
      return done;
    };
    table.parseOpen = function patchedTableOpen(node) {
      const own = !this.parser && node.name === 'table';
      const done = tableOpen.call(this, node);
      if (own && this.model && node.attributes.headerRowCount === undefined) this.model.headerRow = true;
      return done;
    };
    table.parseClose = function patchedTableClose(name) {
      const own = !this.parser && name === 'table';
      const done = tableClose.call(this, name);
      const filters = this.map.autoFilter.model;
      if (own && this.model && this.model.autoFilterRef !== undefined && filters) {
        const byColumn = new Map(filters.columns.map((f, i) => [f.colId !== undefined ? Number(f.colId) : i, f]));
        (this.model.columns ?? []).forEach((column, i) => {
          column.filterButton = byColumn.get(i)?.filterButton ?? true;
        });
      }
      return done;
    };
    table.render = function patchedTableRender(xmlStream, model) {
      if (model.autoFilterRef !== undefined) return tableRender.call(this, xmlStream, model);
      const autoFilter = this.map.autoFilter as { render: unknown };
      autoFilter.render = () => true; // no autoFilter element: the table had none
      try {
        return tableRender.call(this, xmlStream, model);
      } finally {
        delete (autoFilter as { render?: unknown }).render;
      }
    };
    table.__finsamKeepsTables = true;
    return true;
  } catch {
    return false;
  }
})();

// ---------------------------------------------------------------------------------------------
// Before a workbook read from a file is written again.

/** The style info exceljs needs to write a table: no style name means no table style, as when it is absent. */
const NO_TABLE_STYLE = {
  theme: null,
  showFirstColumn: false,
  showLastColumn: false,
  showRowStripes: false,
  showColumnStripes: false,
};

/**
 * A table without <tableStyleInfo> (LibreOffice writes none) is read by exceljs with no style and
 * then crashes its writer ("Cannot read properties of null (reading 'theme')"). Such tables get the
 * style info that means "no style"; nothing else of the table changes. Returns how many were given one.
 */
export function giveTablesStyleInfo(workbook: ExcelJS.Workbook): number {
  let fixed = 0;
  for (const worksheet of workbook.worksheets) {
    const tables =
      (worksheet as unknown as { tables?: Record<string, { table?: { style?: unknown } } | undefined> }).tables ?? {};
    for (const table of Object.values(tables)) {
      if (table?.table && (table.table.style === null || table.table.style === undefined)) {
        table.table.style = { ...NO_TABLE_STYLE };
        fixed += 1;
      }
    }
  }
  return fixed;
}

/**
 * exceljs reads an Excel 2010 conditional-format rule that lives only in a sheet's extLst (e.g. one
 * whose condition refers to another sheet) as a rule without its formula, and then crashes writing
 * it. Those rules cannot be carried over (lostFeatures says so): they are removed before writing.
 * Data bars and icon sets, which exceljs does read from the extLst, are kept. Returns how many went.
 */
export function dropUnreadConditionalFormats(workbook: ExcelJS.Workbook): number {
  let dropped = 0;
  for (const worksheet of workbook.worksheets) {
    const sheet = worksheet as unknown as {
      conditionalFormattings?: { ref: string; rules: { type?: string; x14Id?: string }[] }[];
    };
    if (!Array.isArray(sheet.conditionalFormattings)) continue;
    sheet.conditionalFormattings = sheet.conditionalFormattings.filter((formatting) => {
      const kept = (formatting.rules ?? []).filter((rule) => !(rule.x14Id && rule.type !== 'dataBar' && rule.type !== 'iconSet'));
      dropped += (formatting.rules ?? []).length - kept.length;
      formatting.rules = kept;
      return kept.length > 0;
    });
  }
  return dropped;
}
