// Reading the Parametrar sheet into values (kronor, fractions) and where each one is.
// spec: docs/workbook-format.md §2
import Decimal from 'decimal.js';
import { EngineDecimal as D } from '../engine';
import type { Problem, SheetValues } from './types';
import { READ_TEXTS as R } from './messages';
import {
  isModelParameter,
  MODEL_PARAMETER_DEFINITIONS,
  ParameterKey,
  PARAMETER_DEFINITIONS,
  readParameterValue,
  scanParameterSheet,
} from './parameters';
import { makeProblem } from './sheets';

/** Reads the parameter table into values (kronor, fractions) and their cell rows. */
export function readParameters(sheets: SheetValues[], problems: Problem[]) {
  const scan = scanParameterSheet(sheets);
  problems.push(...scan.problems);
  const values: Partial<Record<ParameterKey, Decimal>> = {};
  const failed = new Set<ParameterKey>();
  const ok = !!scan.sheet && scan.headerRow >= 0 && scan.valueColumn >= 0;
  const valueCell = (key: ParameterKey): { row: number; column: number } | undefined => {
    const r = scan.rows[key];
    return r && ok ? { row: r.row, column: scan.valueColumn } : undefined;
  };
  let missingAt = scan.lastRow + 1;
  if (ok && scan.sheet) {
    const sheet = scan.sheet;
    for (const def of PARAMETER_DEFINITIONS) {
      // The round's text parameters (Omgång, Beslut) are read by textParameter
      if (!isModelParameter(def)) continue;
      const found = scan.rows[def.key];
      if (!found) {
        if (def.required) {
          problems.push(makeProblem(sheet.name, missingAt++, scan.labelColumn, R.parameterMissing(def.label)));
        }
        continue;
      }
      const cell = sheet.values[found.row]?.[scan.valueColumn];
      const read = readParameterValue(def, cell, found.multiplier, sheet.numberFormats?.[found.row]?.[scan.valueColumn]);
      if (read === null) {
        if (def.required) problems.push(makeProblem(sheet.name, found.row, scan.valueColumn, R.parameterWithoutValue(def.label)));
      } else if (!read.ok) {
        problems.push(makeProblem(sheet.name, found.row, scan.valueColumn, read.message));
        failed.add(def.key);
      } else {
        values[def.key] = read.value;
      }
    }
  }
  const param = (key: ParameterKey): Decimal => {
    const v = values[key];
    if (v) return v;
    const def = MODEL_PARAMETER_DEFINITIONS.find((d) => d.key === key);
    return new D(def?.default ?? 0);
  };
  return { scan, ok, values, failed, valueCell, param };
}

export type ParametersRead = ReturnType<typeof readParameters>;
