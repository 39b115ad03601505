// Opening a data sheet (Förbund, Kommuner) and reading its rows' cells by the column table's kinds.
// spec: docs/workbook-format.md §1.2, §1.3, §3, §4
import type { CellValue, Problem, SheetValues } from './types';
import { ColumnDefinition, companionHeaders, FEDERATION_KEY_HEADERS, HeaderMapping, mapHeaders } from './columns';
import { CellRead, KindValue, readOfKind } from './cells';
import { READ_TEXTS as R } from './messages';
import { findHeaderRow, findOnlySheet, makeProblem } from './sheets';
import { cellText, excelErrorMessage, excelErrorOf, isBlank } from './text';

export interface SheetRead<K extends string> {
  sheet: SheetValues;
  headerRow: number;
  mapping: HeaderMapping<K>;
  col: (key: K) => number | undefined;
}

/** Finds a data sheet and maps its header row; pushes the problems of a missing sheet/header/column. */
export function openDataSheet<K extends string>(
  sheets: SheetValues[],
  canonical: string,
  defs: readonly ColumnDefinition<K>[],
  withOutput: boolean,
  problems: Problem[],
): SheetRead<K> | undefined {
  const sheet = findOnlySheet(sheets, canonical, problems);
  if (!sheet) {
    problems.push(makeProblem(canonical, 0, 0, R.sheetMissing(canonical)));
    return undefined;
  }
  const header = findHeaderRow(sheet.values, FEDERATION_KEY_HEADERS, companionHeaders(defs, withOutput));
  if (!header) {
    problems.push(makeProblem(sheet.name, 0, 0, R.headerMissing(FEDERATION_KEY_HEADERS[0])));
    return undefined;
  }
  const mapping = mapHeaders(sheet.name, sheet.values[header.row] ?? [], header.row, defs, withOutput);
  problems.push(...mapping.problems);
  return { sheet, headerRow: header.row, mapping, col: (key: K) => mapping.columns[key]?.column };
}

/** True when every mapped input column of the row is blank (spec: docs/workbook-format.md §1.2 — entirely blank rows are ignored). */
export function isBlankRow<K extends string>(row: CellValue[], mapping: HeaderMapping<K>): boolean {
  return Object.values<{ column: number } | undefined>(mapping.columns).every((m) => !m || isBlank(row[m.column]));
}

/** One data row's cells, read by kind: blank (null), a value, or a problem pushed at its cell. */
export interface RowReader<K extends string> {
  /** the raw cell of a column (undefined when the sheet lacks the column) */
  cell(key: K): CellValue | undefined;
  /** the column's cell read by its kind (undefined when blank, absent or not readable, reported) */
  value<D extends ColumnDefinition<K>>(def: D): KindValue[D['kind']] | undefined;
  /** the read as it came, for callers that need blank apart from unreadable */
  read<D extends ColumnDefinition<K>>(def: D): CellRead<KindValue[D['kind']]>;
  /** a name cell: its text, or undefined when it shows an error value (which is reported at the cell) */
  name(key: K): string | undefined;
  /** reports a problem at the row's cell of a column */
  at(key: K, message: string): void;
}

/** A reader of row r of an opened sheet; each problem goes to `problems` with its cell. */
export function rowReader<K extends string>(opened: SheetRead<K>, r: number, problems: Problem[]): RowReader<K> {
  const { sheet, mapping } = opened;
  const row = sheet.values[r] ?? [];
  const cell = (key: K) => {
    const c = opened.col(key);
    return c === undefined ? undefined : row[c];
  };
  const at = (key: K, message: string) => problems.push(makeProblem(sheet.name, r, opened.col(key)!, message));
  const read = <D extends ColumnDefinition<K>>(def: D): CellRead<KindValue[D['kind']]> => {
    const c = opened.col(def.key);
    if (c === undefined) return null;
    return readOfKind(def.kind, row[c], {
      multiplier: mapping.columns[def.key]?.multiplier ?? 1,
      numberFormat: sheet.numberFormats?.[r]?.[c],
      measure: def.measure,
    }) as CellRead<KindValue[D['kind']]>;
  };
  return {
    cell,
    at,
    read,
    value(def) {
      const got = read(def);
      if (got === null) return undefined;
      if (!got.ok) {
        at(def.key, got.message);
        return undefined;
      }
      return got.value;
    },
    // A cell showing an error value (#N/A from a lookup, #REF!) is never a name: reported, read as none
    name(key) {
      const error = excelErrorOf(cell(key));
      if (error !== undefined) {
        at(key, excelErrorMessage(error));
        return undefined;
      }
      return cellText(cell(key));
    },
  };
}
