// Sheet `Parametrar`: the parameter table and its reading (locating and writing for the pane: parameter-form.ts).
// spec: docs/workbook-format.md §2; docs/model.md §P (defaults).
import Decimal from 'decimal.js';
import { PARAMETERS } from '../engine';
import type { ParameterKey } from '../engine';
import type { CellValue, Problem, SheetValues } from './types';
import { cellAddress } from './address';
import { CellRead, dateFormattedProblem, quoted, readMoney, readShare, readYear } from './cells';
import { isBlank, normalizeKey, parseHeader, UNIT_MULTIPLIER } from './text';
import { findOnlySheet, findHeaderRow, makeProblem } from './sheets';
import { unknownUnitMessage } from './columns';
import { READ_TEXTS as R } from './messages';

export type { ParameterKey };

/** Parameters of the round that are text, not the model's (round.md §1, §2, §5, §7). */
export type TextParameterKey = 'round' | 'decision' | 'scope' | 'replyDate' | 'nationalSource';
/** Every key of a Parametrar row: the model's (engine) and the round's text parameters. */
export type WorkbookParameterKey = ParameterKey | TextParameterKey;

/** money: kronor (label unit (kr)/(tkr)/(mkr) applies); share: fraction 0–1; year: whole number; text: as typed. */
export type ParameterKind = 'money' | 'share' | 'year' | 'text';

/**
 * Parametrar rows of the regional round that are not model parameters (round.md §1, §2, §5): read as
 * text, never by the engine. One key per row.
 */
export type RoundParameterKey = 'scope' | 'replyDate' | 'nationalSource';

export interface ParameterDefinition {
  key: WorkbookParameterKey;
  /** Label as in the spec and the template, e.g. "Statlig ram (kr)" */
  label: string;
  kind: ParameterKind;
  required: boolean;
  /** Default (kronor for money, fraction for shares); undefined = none (År, Statlig ram) */
  default?: number;
  /** Other accepted names (matched like headers, unit allowed) */
  synonyms: readonly string[];
  /** Short Swedish explanation (template column "Förklaring", pane tooltip) */
  description: string;
  /** text: the values allowed (matched case-insensitively); undefined = any text */
  choices?: readonly string[];
  /** text: the value when the cell is blank */
  defaultText?: string;
}

/** A model parameter (kronor, share, year), as opposed to one of the round's text parameters. */
export type ModelParameterDefinition = ParameterDefinition & { key: ParameterKey; kind: 'money' | 'share' | 'year' };

export function isModelParameter(def: ParameterDefinition): def is ModelParameterDefinition {
  return def.kind !== 'text';
}

/** The model's parameters: the engine's table (PARAMETERS) as the sheet reads it. */
export const MODEL_PARAMETER_DEFINITIONS: readonly ModelParameterDefinition[] = PARAMETERS.map((p) => ({
  key: p.key,
  label: p.label,
  kind: p.unit === 'kr' ? 'money' : p.unit,
  required: p.required,
  ...(p.default !== undefined ? { default: Number(p.default) } : {}),
  synonyms: p.synonyms,
  description: p.description,
}));

/** The round's text rows on Parametrar (round.md §1, §2, §5). */
const ROUND_PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = [
  {
    key: 'scope',
    label: 'Omfattning',
    kind: 'text',
    required: false,
    synonyms: [],
    description: 'Nationell (hela omgången) eller namnet på ett VO (en regional arbetsbok gjord av Dela upp).',
  },
  {
    key: 'replyDate',
    label: 'Svarsdatum',
    kind: 'text',
    required: false,
    synonyms: [],
    description: 'Sista dag för svar till huvudkontoret (ÅÅÅÅ-MM-DD).',
  },
  {
    key: 'nationalSource',
    label: 'Nationell källa',
    kind: 'text',
    required: false,
    synonyms: [],
    description: 'Fingeravtryck av de nationella indata som den regionala arbetsboken gjordes från. Ändra inte.',
  },
];

/** Omgång's two values (round.md §7). */
export const ROUND_ORDINARY = 'Ordinarie';
export const ROUND_LATER = 'Ytterligare medel';

// spec: docs/workbook-format.md §2.1 — Omgång and Beslut: which round a run is (issue 11)
const DECISION_ROUND_PARAMETERS: readonly ParameterDefinition[] = [
  {
    key: 'round',
    label: 'Omgång',
    kind: 'text',
    required: false,
    synonyms: [],
    choices: [ROUND_ORDINARY, ROUND_LATER],
    defaultText: ROUND_ORDINARY,
    description:
      'Ordinarie (standard) eller Ytterligare medel: en senare omgång där förbunden behåller beslutat belopp minus återlämnat och resten fördelas bland nya ansökningar.',
  },
  {
    key: 'decision',
    label: 'Beslut',
    kind: 'text',
    required: false,
    synonyms: [],
    description: 'Vid Ytterligare medel: rubriken på beslutet på bladet Beslut som omgången utgår från (tomt = det senaste).',
  },
];

/** Every parameter of the spec, in the template's order: the model's, then the round's text parameters. */
export const PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = [
  ...MODEL_PARAMETER_DEFINITIONS,
  ...ROUND_PARAMETER_DEFINITIONS,
  ...DECISION_ROUND_PARAMETERS,
];

export const PARAMETER_SHEET = 'Parametrar';
export const PARAMETER_HEADER = 'Parameter';
export const VALUE_HEADER = 'Värde';

/** A model parameter's definition (a number the engine reads). */
export function modelParameterDefinition(key: ParameterKey): ModelParameterDefinition {
  const def = MODEL_PARAMETER_DEFINITIONS.find((d) => d.key === key);
  if (!def) throw new Error(`internal: unknown parameter ${key}`);
  return def;
}

/** The rows the template's Parametrar carries: the model's parameters and Omgång/Beslut (not a regional file's rows). */
export const TEMPLATE_PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = [
  ...MODEL_PARAMETER_DEFINITIONS,
  ...DECISION_ROUND_PARAMETERS,
];

export function parameterDefinition(key: WorkbookParameterKey): ParameterDefinition {
  const def = PARAMETER_DEFINITIONS.find((d) => d.key === key);
  if (!def) throw new Error(`unknown parameter key ${key}`);
  return def;
}

/** The names (without unit) a parameter's label and synonyms go by. */
function labelNames(def: ParameterDefinition): string[] {
  return [parseHeader(def.label).name, ...def.synonyms.map((s) => parseHeader(s).name)];
}

/** Which definition a label names, and with which unit multiplier; 'badUnit' when the unit does not fit. */
export function matchParameterLabel(
  label: CellValue | undefined,
): { def: ParameterDefinition; multiplier: number } | { def: ParameterDefinition; badUnit: string } | undefined {
  const h = parseHeader(label);
  for (const def of PARAMETER_DEFINITIONS) {
    if (!labelNames(def).includes(h.name)) continue;
    if (h.unit === undefined) return { def, multiplier: 1 };
    if (def.kind === 'text') return { def, badUnit: h.unit };
    if (def.kind === 'money' && h.unit !== '%') return { def, multiplier: UNIT_MULTIPLIER[h.unit] };
    if (def.kind === 'share' && h.unit === '%') return { def, multiplier: 1 };
    return { def, badUnit: h.unit };
  }
  // A known parameter with a unit that is not one ("Statlig ram (euro)")
  const other = h.otherUnit;
  if (other) {
    const def = PARAMETER_DEFINITIONS.find((d) => labelNames(d).includes(other.name));
    if (def) return { def, badUnit: other.unit };
  }
  return undefined;
}

/** One parameter row found on the sheet. */
export interface ParameterRow {
  row: number;
  multiplier: number;
}

/** The structure of a Parametrar sheet. */
export interface ParameterSheetScan {
  sheet?: SheetValues;
  /** 0-based; -1 when no header row */
  headerRow: number;
  labelColumn: number;
  /** 0-based; -1 when there is no `Värde` header */
  valueColumn: number;
  rows: Partial<Record<WorkbookParameterKey, ParameterRow>>;
  /** last 0-based row with a parameter label (headerRow when none) */
  lastRow: number;
  /** structural problems: missing sheet/header/column, unknown or duplicate parameter, wrong unit */
  problems: Problem[];
}

/** Finds the Parametrar sheet, its header row, the Värde column and every parameter's row. */
export function scanParameterSheet(sheets: SheetValues[]): ParameterSheetScan {
  const problems: Problem[] = [];
  const sheet = findOnlySheet(sheets, PARAMETER_SHEET, problems);
  const scan: ParameterSheetScan = { sheet, headerRow: -1, labelColumn: 0, valueColumn: -1, rows: {}, lastRow: -1, problems };
  if (!sheet) {
    scan.problems.push(makeProblem(PARAMETER_SHEET, 0, 0, R.sheetMissing(PARAMETER_SHEET)));
    return scan;
  }
  const header = findHeaderRow(sheet.values, [PARAMETER_HEADER], [VALUE_HEADER]);
  if (!header) {
    scan.problems.push(makeProblem(sheet.name, 0, 0, R.headerMissing(PARAMETER_HEADER)));
    return scan;
  }
  scan.headerRow = header.row;
  scan.labelColumn = header.column;
  scan.lastRow = header.row;
  const headerCells = sheet.values[header.row] ?? [];
  const valueKey = normalizeKey(VALUE_HEADER);
  scan.valueColumn = headerCells.findIndex((c) => normalizeKey(c) === valueKey);
  if (scan.valueColumn < 0) {
    const at = Math.max(lastNonBlank(headerCells), header.column) + 1;
    scan.problems.push(makeProblem(sheet.name, header.row, at, R.columnMissing(VALUE_HEADER)));
  }
  for (let r = header.row + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const label = row[header.column];
    if (isBlank(label)) continue;
    scan.lastRow = r;
    const match = matchParameterLabel(label);
    const valueCell = scan.valueColumn >= 0 ? row[scan.valueColumn] : undefined;
    if (!match) {
      if (!isBlank(valueCell)) {
        scan.problems.push(makeProblem(sheet.name, r, header.column, R.unknownParameter(quoted(label))));
      }
      continue;
    }
    if ('badUnit' in match) {
      scan.problems.push(
        makeProblem(
          sheet.name,
          r,
          header.column,
          unknownUnitMessage(`Parametern "${match.def.label}"`, match.def.kind, match.badUnit),
        ),
      );
      continue;
    }
    const earlier = scan.rows[match.def.key];
    if (earlier) {
      scan.problems.push(makeProblem(sheet.name, r, header.column, R.parameterTwice(match.def.label, earlier.row + 1)));
      continue;
    }
    scan.rows[match.def.key] = { row: r, multiplier: match.multiplier };
  }
  return scan;
}

function lastNonBlank(cells: CellValue[]): number {
  for (let c = cells.length - 1; c >= 0; c--) if (!isBlank(cells[c])) return c;
  return -1;
}

/**
 * Reads one parameter value cell by the parameter's kind. Money in kronor, shares as fractions. A number
 * in a cell formatted as a date or time (`numberFormat`, when the host gave it) is an error.
 */
export function readParameterValue(
  def: ModelParameterDefinition,
  cell: CellValue | undefined,
  multiplier: number,
  numberFormat?: string | null,
): CellRead<Decimal> {
  const dated = dateFormattedProblem(
    cell,
    numberFormat,
    def.kind === 'money' ? 'ett belopp' : def.kind === 'share' ? 'en andel' : 'ett årtal',
  );
  if (dated) return { ok: false, message: dated };
  if (def.kind === 'money') return readMoney(cell, multiplier);
  if (def.kind === 'share') return readShare(cell);
  const year = readYear(cell);
  if (year === null || !year.ok) return year;
  return { ok: true, value: new Decimal(year.value) };
}

/** Parameter labels as text, for messages. */
export function parameterLabel(key: WorkbookParameterKey): string {
  return parameterDefinition(key).label;
}

/** A text row of Parametrar as found: its value and its Värde cell. */
export interface TextParameterCell {
  key: TextParameterKey;
  /**
   * The value as text, trimmed ('' when blank; a number is given as its decimal text); for a row with
   * choices (Omgång), the choice as spelled in the definition when the text names one
   */
  value: string;
  /** Sheet name as spelled in the workbook */
  sheet: string;
  /** 0-based row and column of the Värde cell */
  row: number;
  column: number;
  /** "Parametrar!B16" */
  address: string;
}

/**
 * The round's text row `key` on Parametrar (Omgång, Beslut, Omfattning, Svarsdatum, Nationell källa), or
 * undefined when the sheet, its Värde column or the row is missing. A value that is not one of the row's
 * choices is a problem at its cell, pushed to `problems` (then the value is as typed). Problems of the
 * sheet itself are readWorkbook's.
 */
export function textParameter(
  sheets: SheetValues[],
  key: TextParameterKey,
  problems: Problem[] = [],
): TextParameterCell | undefined {
  const def = parameterDefinition(key);
  const scan = scanParameterSheet(sheets);
  const found = scan.rows[key];
  if (!scan.sheet || !found || scan.valueColumn < 0) return undefined;
  const raw = scan.sheet.values[found.row]?.[scan.valueColumn];
  const text = isBlank(raw) ? '' : String(raw).trim();
  const cell = { key, value: text, sheet: scan.sheet.name, row: found.row, column: scan.valueColumn };
  const at = { ...cell, address: cellAddress(scan.sheet.name, found.row, scan.valueColumn) };
  if (text === '' || !def.choices) return at;
  const choice = def.choices.find((c) => normalizeKey(c) === normalizeKey(text));
  if (choice) return { ...at, value: choice };
  problems.push(makeProblem(at.sheet, at.row, at.column, R.textParameterChoice(def.label, quoted(raw), def.choices)));
  return at;
}
