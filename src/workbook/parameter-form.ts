// Sheet `Parametrar` for the add-in's parameter pane: where each parameter's cell is (or would go) and
// the cell blocks that write a new value there.
// spec: docs/workbook-format.md §2; docs/model.md §P (defaults).
import Decimal from 'decimal.js';
import type { ParameterKey } from '../engine';
import type { CellBlock, CellValue, SheetValues } from './types';
import { MONEY_FORMAT, SHARE_FORMAT, TEXT_FORMAT } from './types';
import { cellAddress } from './address';
import { isBlank } from './text';
import { READ_TEXTS as R } from './messages';
import {
  MODEL_PARAMETER_DEFINITIONS,
  PARAMETER_SHEET,
  parameterDefinition,
  readParameterValue,
  scanParameterSheet,
} from './parameters';
import type { ParameterDefinition, ParameterKind, ParameterSheetScan } from './parameters';

/** A parameter as located on the sheet (for the add-in's parameter pane). */
export interface LocatedParameter {
  key: ParameterKey;
  label: string;
  kind: ParameterKind;
  /** Sheet name as spelled in the workbook ("Parametrar" when missing) */
  sheet: string;
  /** 0-based row and column of the Värde cell (a suggested row below the last parameter when missing) */
  row: number;
  column: number;
  /** "Parametrar!B5" */
  address: string;
  /** The Värde cell as it is ('' when missing) */
  value: CellValue;
  /** Value in kronor (money), as a fraction (share) or the year; undefined when blank or unreadable */
  parsed?: number;
  /** Swedish problem with the value (unreadable, or required and blank) */
  problem?: string;
  /** The parameter has a row on the sheet */
  present: boolean;
  /** 0-based column of the Parameter labels */
  labelColumn: number;
  /** Unit of the row's label: 1 (kr), 1 000 (tkr), 1 000 000 (mkr) */
  multiplier: number;
  /** Default value (kronor or fraction), used when the cell is blank */
  default?: number;
}

/**
 * Where the Värde cells are and where a missing row goes: the sheet's own columns and the row below its
 * last parameter, or, without a Parametrar sheet (or header), the template's layout (header on row 2, A/B).
 */
function parameterPlacement(scan: ParameterSheetScan): {
  sheetName: string;
  labelColumn: number;
  valueColumn: number;
  firstFree: number;
} {
  const hasHeader = scan.headerRow >= 0;
  const labelColumn = hasHeader ? scan.labelColumn : 0;
  return {
    sheetName: scan.sheet?.name ?? PARAMETER_SHEET,
    labelColumn,
    valueColumn: hasHeader && scan.valueColumn >= 0 ? scan.valueColumn : labelColumn + 1,
    firstFree: hasHeader ? scan.lastRow + 1 : 2,
  };
}

/**
 * Every parameter of PARAMETER_DEFINITIONS with where its Värde cell is. Parameters missing from the
 * sheet get suggested rows below the last parameter row, in definition order. Without a Parametrar
 * sheet (or header), the suggestion is a sheet laid out like the template (header on row 2, A/B).
 */
export function locateParameters(sheets: SheetValues[]): LocatedParameter[] {
  const scan = scanParameterSheet(sheets);
  const { sheetName, labelColumn, valueColumn, firstFree } = parameterPlacement(scan);
  let nextFree = firstFree;
  return MODEL_PARAMETER_DEFINITIONS.map((def) => {
    const found = scan.rows[def.key];
    const row = found ? found.row : nextFree++;
    const multiplier = found?.multiplier ?? 1;
    const value: CellValue = found && scan.sheet ? (scan.sheet.values[row]?.[valueColumn] ?? '') : '';
    const located: LocatedParameter = {
      key: def.key,
      label: def.label,
      kind: def.kind,
      sheet: sheetName,
      row,
      column: valueColumn,
      address: cellAddress(sheetName, row, valueColumn),
      value: value === null ? '' : value,
      present: !!found,
      labelColumn,
      multiplier,
      default: def.default,
    };
    const read = readParameterValue(
      def,
      value,
      multiplier,
      found && scan.sheet ? scan.sheet.numberFormats?.[row]?.[valueColumn] : undefined,
    );
    if (read === null) {
      if (def.required) located.problem = R.parameterWithoutValue(def.label);
    } else if (!read.ok) {
      located.problem = read.message;
    } else {
      located.parsed = read.value.toNumber();
    }
    return located;
  });
}

/**
 * The cells to write to set one parameter: the Värde cell in the row's unit (a kronor value is divided
 * by the label's multiplier), with a number format; for a parameter missing from the sheet, the label
 * and the value on the suggested row (cells between them left as they are: null). null clears the value.
 */
export function parameterWrite(located: LocatedParameter[], key: ParameterKey, newValue: number | null): CellBlock {
  const loc = located.find((l) => l.key === key);
  if (!loc) throw new Error(`unknown parameter key ${key}`);
  let value: CellValue = '';
  let format: string | null = null;
  if (newValue !== null) {
    if (!Number.isFinite(newValue)) throw new RangeError(R.notANumber(loc.label, newValue));
    if (loc.kind === 'money') {
      value = new Decimal(String(newValue)).dividedBy(loc.multiplier).toNumber();
      format = MONEY_FORMAT;
    } else if (loc.kind === 'share') {
      value = newValue;
      format = SHARE_FORMAT;
    } else {
      value = newValue;
      format = '0';
    }
  }
  return placedWrite(loc, value, format);
}

/** Where a Värde cell is or would go: the row on the sheet, or a suggested row (label written with the value). */
type PlacedCell = Pick<LocatedParameter, 'sheet' | 'row' | 'column' | 'present' | 'labelColumn' | 'label'>;

/** The block setting a Värde cell; on a suggested row the label too (cells between them left as they are). */
function placedWrite(loc: PlacedCell, value: CellValue, format: string | null): CellBlock {
  if (loc.present) {
    return { sheet: loc.sheet, row: loc.row, column: loc.column, values: [[value]], numberFormats: [[format]] };
  }
  const first = Math.min(loc.column, loc.labelColumn);
  const width = Math.abs(loc.column - loc.labelColumn) + 1;
  const values: CellValue[] = new Array<CellValue>(width).fill(null);
  const formats: (string | null)[] = new Array<string | null>(width).fill(null);
  values[loc.labelColumn - first] = loc.label;
  values[loc.column - first] = value;
  formats[loc.column - first] = format;
  return { sheet: loc.sheet, row: loc.row, column: first, values: [values], numberFormats: [formats] };
}

/** The round's text parameters the pane's form edits (Omgång, Beslut). */
export type EditableTextKey = 'round' | 'decision';
export const EDITABLE_TEXT_PARAMETERS: readonly EditableTextKey[] = ['round', 'decision'];

/** A text parameter as located for the pane's form: its Värde cell (or the suggested row) and its text. */
export interface LocatedTextParameter extends PlacedCell {
  key: EditableTextKey;
  /** "Parametrar!B16" */
  address: string;
  /** The cell as text, trimmed ('' when blank or missing) */
  value: string;
  definition: ParameterDefinition;
}

/**
 * Omgång and Beslut with where their Värde cells are: the rows on the sheet, or suggested rows below the
 * model parameters' own suggestions (locateParameters), in definition order.
 */
export function locateTextParameters(sheets: SheetValues[]): LocatedTextParameter[] {
  const scan = scanParameterSheet(sheets);
  const { sheetName, labelColumn, valueColumn, firstFree } = parameterPlacement(scan);
  const modelMissing = MODEL_PARAMETER_DEFINITIONS.filter((d) => !scan.rows[d.key]).length;
  let nextFree = firstFree + modelMissing;
  return EDITABLE_TEXT_PARAMETERS.map((key) => {
    const definition = parameterDefinition(key);
    const found = scan.rows[key];
    const row = found ? found.row : nextFree++;
    const cell = found && scan.sheet ? scan.sheet.values[row]?.[valueColumn] : '';
    return {
      key,
      label: definition.label,
      sheet: sheetName,
      row,
      column: valueColumn,
      address: cellAddress(sheetName, row, valueColumn),
      value: isBlank(cell) ? '' : String(cell).trim(),
      present: !!found,
      labelColumn,
      definition,
    };
  });
}

/** The cells to write to set a text parameter (a blank text clears the cell; a missing row gets its label). */
export function textParameterWrite(loc: LocatedTextParameter, text: string): CellBlock {
  const value = text.trim();
  // As text ("@"): Excel would read a label such as "2026-11-07" as a date
  return placedWrite(loc, value, value === '' ? null : TEXT_FORMAT);
}
