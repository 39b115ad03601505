// The input columns of `Förbund` and `Kommuner`, with synonyms, and mapping a header row onto them.
// spec: docs/workbook-format.md §3.1, §4, §1.1.
import type { CellValue, Problem } from './types';
import { DECISION_OUTPUT_HEADERS, FEDERATION_OUTPUT_HEADERS } from './types';
import { isBlank, parseHeader, UNIT_MULTIPLIER } from './text';
import { makeProblem } from './sheets';
import { columnLetters } from './address';
import { READ_TEXTS as R } from './messages';

/** text: names; money: kronor ≥ 0; quantity: a number ≥ 0 (counts, försörjningsmått); months: 1–12; split: Lika/Invånare/Försörjningsstöd */
export type ColumnKind = 'text' | 'money' | 'quantity' | 'months' | 'split';

export interface ColumnDefinition<K extends string> {
  key: K;
  /** Canonical header as written by the template */
  label: string;
  /** Other accepted headers (a unit in parentheses is allowed on money and quantity columns) */
  synonyms: readonly string[];
  kind: ColumnKind;
  required: boolean;
  /** a quantity that is an amount, not a count (Försörjningsmått): its messages say 'belopp' */
  measure?: 'belopp';
}

export type FederationField =
  | 'name'
  | 'vo'
  | 'region'
  | 'previousAllocation'
  | 'equity'
  | 'previousTotalFunds'
  | 'municipalContribution'
  | 'regionContribution'
  | 'request'
  | 'returned'
  | 'months'
  | 'splitMethod';

export type AreaField = 'federation' | 'municipality' | 'area' | 'population' | 'supportMeasure' | 'supportRecipients';

export const FEDERATION_SHEET = 'Förbund';
export const MUNICIPALITY_SHEET = 'Kommuner';

/** Input columns of `Förbund`, in the template's order. */
export const FEDERATION_COLUMNS: readonly ColumnDefinition<FederationField>[] = [
  { key: 'name', label: 'Förbund', synonyms: ['Samordningsförbund'], kind: 'text', required: true },
  { key: 'vo', label: 'VO', synonyms: ['Verksamhetsområde'], kind: 'text', required: false },
  { key: 'region', label: 'Region', synonyms: ['Landsting'], kind: 'text', required: false },
  {
    key: 'previousAllocation',
    label: 'Statlig tilldelning föregående år (kr)',
    synonyms: ['Föregående års tilldelning'],
    kind: 'money',
    required: false,
  },
  { key: 'equity', label: 'Eget kapital (kr)', synonyms: ['EK'], kind: 'money', required: false },
  { key: 'previousTotalFunds', label: 'Totala medel föregående år (kr)', synonyms: [], kind: 'money', required: false },
  {
    key: 'municipalContribution',
    label: 'Kommunernas möjliga bidrag (kr)',
    synonyms: ['Kommunernas matchning'],
    kind: 'money',
    required: false,
  },
  {
    key: 'regionContribution',
    label: 'Regionens möjliga bidrag (kr)',
    synonyms: ['Regionens matchning'],
    kind: 'money',
    required: false,
  },
  { key: 'request', label: 'Ansökan ytterligare medel (kr)', synonyms: ['Ansökan'], kind: 'money', required: false },
  { key: 'returned', label: 'Återlämnade medel (kr)', synonyms: [], kind: 'money', required: false },
  { key: 'months', label: 'Verksamhetsmånader', synonyms: ['Månader'], kind: 'months', required: false },
  { key: 'splitMethod', label: 'Fördelning mellan kommuner', synonyms: ['Fördelningsgrund'], kind: 'split', required: false },
];

/** Input columns of `Kommuner`, in the template's order. */
export const AREA_COLUMNS: readonly ColumnDefinition<AreaField>[] = [
  { key: 'federation', label: 'Förbund', synonyms: ['Samordningsförbund'], kind: 'text', required: true },
  { key: 'municipality', label: 'Kommun', synonyms: [], kind: 'text', required: true },
  { key: 'area', label: 'Område', synonyms: ['Stadsdel', 'Delområde'], kind: 'text', required: false },
  { key: 'population', label: 'Invånare 16–64', synonyms: ['Invånare', 'Befolkning 16–64'], kind: 'quantity', required: true },
  { key: 'supportMeasure', label: 'Försörjningsmått', synonyms: [], kind: 'quantity', required: true, measure: 'belopp' },
  { key: 'supportRecipients', label: 'Försörjningsstödstagare', synonyms: [], kind: 'quantity', required: false },
];

/** Key headers that identify the header row of Förbund and Kommuner. */
export const FEDERATION_KEY_HEADERS = ['Förbund', 'Samordningsförbund'];

/** Headers other than the key header that confirm a header row (see findHeaderRow). */
export function companionHeaders<K extends string>(defs: readonly ColumnDefinition<K>[], withOutput: boolean): string[] {
  const names = defs.filter((d) => !FEDERATION_KEY_HEADERS.includes(d.label)).flatMap((d) => [d.label, ...d.synonyms]);
  return withOutput ? [...names, ...FEDERATION_OUTPUT_HEADERS, ...DECISION_OUTPUT_HEADERS] : names;
}

/** Column label without a trailing "(kr)", for messages: "Eget kapital". */
export function plainLabel(label: string): string {
  return label.replace(/\s*\((kr|tkr|mkr)\)$/, '');
}

export interface MappedColumn {
  column: number;
  /** unit of the header: 1 (kr or none), 1 000 (tkr), 1 000 000 (mkr) */
  multiplier: number;
}

export interface HeaderMapping<K extends string> {
  columns: Partial<Record<K, MappedColumn>>;
  /** canonical output header → first column carrying it */
  outputColumns: Record<string, number>;
  /** further columns carrying an output header already seen (stale copies) */
  duplicateOutputColumns: number[];
  /** last column with a non-output header (-1 when none) */
  lastHeaderColumn: number;
  problems: Problem[];
}

/**
 * An output header's identity: its name, any money unit alike, but a share "(%)" apart from the
 * amount of the same name (`Förändring mot föregående år (kr)` and `(%)` are two columns).
 */
function outputKeyOf(cell: CellValue | undefined): string {
  const h = parseHeader(cell);
  return h.unit === '%' ? `${h.name} (%)` : h.name;
}

const OUTPUT_NAMES = [...FEDERATION_OUTPUT_HEADERS, ...DECISION_OUTPUT_HEADERS].map((h) => ({
  header: h as string,
  name: outputKeyOf(h),
}));

/**
 * True when a header names one of the run's output columns (any unit): it is never read as input.
 * `headers`: another sheet's output headers (Ansökningar's); Förbund's by default.
 */
export function outputHeaderOf(cell: CellValue | undefined, headers?: readonly string[]): string | undefined {
  const name = outputKeyOf(cell);
  if (headers) return headers.find((h) => outputKeyOf(h) === name);
  return OUTPUT_NAMES.find((o) => o.name === name)?.header;
}

/** "Kolumnen "Eget kapital" kan inte anges i (euro); använd (kr), (tkr) eller (mkr)" */
export function unknownUnitMessage(subject: string, kind: string, unit: string): string {
  const money = kind === 'money' || kind === 'quantity';
  return R.unknownUnit(subject, unit, money);
}

/**
 * Maps the header row onto column definitions: output headers first (when `withOutput`), then input
 * headers and synonyms; unknown headers are ignored. Problems: a unit on a column that takes none,
 * the same column twice, a required column missing (addressed where it would be: after the last header).
 */
export function mapHeaders<K extends string>(
  sheetName: string,
  headerCells: CellValue[],
  headerRow: number,
  defs: readonly ColumnDefinition<K>[],
  withOutput: boolean,
  /** the sheet's output headers when they are not Förbund's (Ansökningar) */
  outputHeaders?: readonly string[],
): HeaderMapping<K> {
  const mapping: HeaderMapping<K> = {
    columns: {},
    outputColumns: {},
    duplicateOutputColumns: [],
    lastHeaderColumn: -1,
    problems: [],
  };
  const named = (name: string) => defs.find((d) => [d.label, ...d.synonyms].some((n) => parseHeader(n).name === name));
  let lastAny = -1;
  for (let c = 0; c < headerCells.length; c++) {
    const cell = headerCells[c];
    if (isBlank(cell)) continue;
    lastAny = c;
    if (withOutput) {
      const output = outputHeaderOf(cell, outputHeaders);
      if (output !== undefined) {
        if (mapping.outputColumns[output] === undefined) mapping.outputColumns[output] = c;
        else mapping.duplicateOutputColumns.push(c);
        continue;
      }
    }
    mapping.lastHeaderColumn = c;
    const h = parseHeader(cell);
    const def = named(h.name);
    if (!def) {
      // A known column with a unit that is not one (e.g. "Eget kapital (euro)"): never ignored in silence
      const other = h.otherUnit && named(h.otherUnit.name);
      if (other && h.otherUnit)
        mapping.problems.push(
          makeProblem(
            sheetName,
            headerRow,
            c,
            unknownUnitMessage(`Kolumnen "${plainLabel(other.label)}"`, other.kind, h.otherUnit.unit),
          ),
        );
      continue;
    }
    let multiplier = 1;
    if (h.unit !== undefined) {
      if ((def.kind === 'money' || def.kind === 'quantity') && h.unit !== '%') {
        multiplier = UNIT_MULTIPLIER[h.unit];
      } else {
        mapping.problems.push(
          makeProblem(sheetName, headerRow, c, R.unknownUnit(`Kolumnen "${plainLabel(def.label)}"`, h.unit, false)),
        );
        continue;
      }
    }
    const earlier = mapping.columns[def.key];
    if (earlier) {
      mapping.problems.push(
        makeProblem(sheetName, headerRow, c, R.columnTwice(plainLabel(def.label), columnLetters(earlier.column))),
      );
      continue;
    }
    mapping.columns[def.key] = { column: c, multiplier };
  }
  let at = lastAny + 1;
  for (const def of defs) {
    if (def.required && !mapping.columns[def.key]) {
      mapping.problems.push(makeProblem(sheetName, headerRow, at++, R.columnMissing(def.label)));
    }
  }
  return mapping;
}
