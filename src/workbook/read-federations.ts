// Reading the Förbund sheet's rows: one reader per column kind, chosen from FEDERATION_COLUMNS.
// spec: docs/workbook-format.md §3.1
import type { FederationInput } from '../engine';
import type { Problem, SheetValues } from './types';
import { FEDERATION_COLUMNS, FEDERATION_SHEET, FederationField } from './columns';
import { READ_TEXTS as R } from './messages';
import { isBlankRow, openDataSheet, rowReader, SheetRead } from './read-rows';
import { normalizeKey } from './text';

/** A federation row as read. */
export interface FederationRow {
  row: number;
  key: string;
  input: FederationInput;
}

export interface FederationsRead {
  opened: SheetRead<FederationField> | undefined;
  rows: FederationRow[];
}

/** Reads the Förbund sheet's rows; a row without a name is a problem and not a federation. */
export function readFederations(sheets: SheetValues[], problems: Problem[]): FederationsRead {
  const opened = openDataSheet<FederationField>(sheets, FEDERATION_SHEET, FEDERATION_COLUMNS, true, problems);
  const rows: FederationRow[] = [];
  if (!opened || opened.col('name') === undefined) return { opened, rows };
  for (let r = opened.headerRow + 1; r < opened.sheet.values.length; r++) {
    if (isBlankRow(opened.sheet.values[r] ?? [], opened.mapping)) continue;
    const row = rowReader(opened, r, problems);
    const input: Record<string, unknown> = {};
    let name: string | undefined;
    for (const def of FEDERATION_COLUMNS) {
      if (def.kind === 'text') {
        const text = row.name(def.key);
        if (def.key === 'name') name = text;
        else if (text) input[def.key] = text;
      } else {
        const value = row.value(def);
        if (value !== undefined) input[def.key] = value;
      }
    }
    if (name === undefined) continue; // an error value, reported
    if (!name) {
      row.at('name', R.federationNameMissing);
      continue;
    }
    rows.push({ row: r, key: normalizeKey(name), input: { name, ...input } as FederationInput });
  }
  return { opened, rows };
}
