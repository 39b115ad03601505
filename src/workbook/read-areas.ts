// Reading the Kommuner sheet's rows (one reader per column kind, from AREA_COLUMNS) and checking their
// references: each row's Förbund is on the Förbund sheet, each Kommun + Område once.
// spec: docs/workbook-format.md §4
import Decimal from 'decimal.js';
import { EngineDecimal as D } from '../engine';
import type { AreaInput } from '../engine';
import type { Problem, SheetValues } from './types';
import { AREA_COLUMNS, AreaField, MUNICIPALITY_SHEET } from './columns';
import { READ_TEXTS as R } from './messages';
import { isBlankRow, openDataSheet, rowReader, SheetRead } from './read-rows';
import { normalizeKey } from './text';

type QuantityField = 'population' | 'supportMeasure' | 'supportRecipients';

/** An area row as read (federation name as typed; resolved against Förbund later). */
export interface AreaRow {
  row: number;
  federationKey: string;
  federationText: string;
  municipalityKey: string;
  areaKey: string;
  input: AreaInput;
  /** population/supportMeasure/supportRecipients cells were readable (or blank) */
  readable: Record<QuantityField, boolean>;
}

export interface AreasRead {
  opened: SheetRead<AreaField> | undefined;
  rows: AreaRow[];
}

/** Reads the Kommuner sheet's rows. */
export function readAreas(sheets: SheetValues[], problems: Problem[]): AreasRead {
  const opened = openDataSheet<AreaField>(sheets, MUNICIPALITY_SHEET, AREA_COLUMNS, false, problems);
  const rows: AreaRow[] = [];
  if (!opened) return { opened, rows };
  if (AREA_COLUMNS.some((d) => d.required && opened.col(d.key) === undefined)) return { opened, rows };
  for (let r = opened.headerRow + 1; r < opened.sheet.values.length; r++) {
    if (isBlankRow(opened.sheet.values[r] ?? [], opened.mapping)) continue;
    const row = rowReader(opened, r, problems);
    const names: Partial<Record<AreaField, string>> = {};
    const errors = new Set<AreaField>();
    const numbers: Partial<Record<QuantityField, Decimal>> = {};
    const readable = { population: true, supportMeasure: true, supportRecipients: true };
    for (const def of AREA_COLUMNS) {
      if (def.kind === 'text') {
        const text = row.name(def.key);
        if (text === undefined) errors.add(def.key);
        names[def.key] = text ?? '';
        continue;
      }
      const key = def.key as QuantityField;
      const read = row.read(def);
      if (read === null) {
        if (def.required) {
          row.at(key, R.valueMissing(def.label));
          readable[key] = false;
        }
      } else if (!read.ok) {
        row.at(key, read.message);
        readable[key] = false;
      } else {
        numbers[key] = read.value as Decimal;
      }
    }
    const federationText = names.federation ?? '';
    const municipality = names.municipality ?? '';
    const area = names.area ?? '';
    if (!federationText && !errors.has('federation')) row.at('federation', R.federationNameMissing);
    if (!municipality && !errors.has('municipality')) row.at('municipality', R.municipalityNameMissing);
    const input: AreaInput = {
      federation: federationText,
      municipality,
      population: numbers.population ?? new D(0),
      supportMeasure: numbers.supportMeasure ?? new D(0),
    };
    if (area) input.area = area;
    if (numbers.supportRecipients !== undefined) input.supportRecipients = numbers.supportRecipients;
    rows.push({
      row: r,
      federationKey: normalizeKey(federationText),
      federationText,
      municipalityKey: normalizeKey(municipality),
      areaKey: normalizeKey(area),
      input,
      readable,
    });
  }
  return { opened, rows };
}
