// The column table of sheet `Underlag` and what its formulas are built from: labels, columns, the
// compared and national figures, cell references, and the exact and written values a row checks.
// spec: docs/workbook-format.md §5.4 — Underlag (the model as formulas); ../shared/spec/transparency.md.
import Decimal from 'decimal.js';
import type { AllocationResult, FederationResult, ModelInput, ParameterKey } from '../engine';
import type { CellValue, SheetValues, WorkbookLayout } from './types';
import { MONEY_FORMAT, TEXT_FORMAT, UNDERLAG_SHEET } from './types';
import { columnLetters } from './address';
import { isBlank, normalizeKey, parseHeader, UNIT_MULTIPLIER } from './text';

/** The sheet's canonical name (an output sheet of every run: OUTPUT_SHEETS). */
export { UNDERLAG_SHEET };

/** Number formats of the sheet. */
export const KEY_FORMAT = '0.000000';
export const RATIO_FORMAT = '0.000000';
export const DIFF_FORMAT = '0';
export const COUNT_FORMAT = '0';

/** A cell of Underlag: a constant, or a formula (English function names, leading '=') with its cached result. */
export type UnderlagCell = { value: CellValue; formula?: string; format?: string | null };

/** Excel's A1 text of a 0-based cell on another sheet, sheet name always quoted ('Förbund'!$D$5). */
export function sheetRef(sheet: string, row: number, column: number): string {
  return `'${sheet.replace(/'/g, "''")}'!$${columnLetters(column)}$${row + 1}`;
}

/** A 0-based column range on another sheet over rows first..last ('Kommuner'!$E$3:$E$40). */
export function sheetColumnRange(sheet: string, column: number, first: number, last: number): string {
  const c = columnLetters(column);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${first + 1}:$${c}$${last + 1}`;
}

/** A text as an Excel string literal ("Norrby" with " doubled). */
export function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A Decimal as the number a cell caches (a JS double: display only; the check is ROUND against the written value). */
export function num(d: Decimal | undefined): number | '' {
  if (d === undefined) return '';
  const n = d.toNumber();
  return n === 0 ? 0 : n;
}

/** Multiplication by a unit factor in a formula ('' for 1). */
export function times(multiplier: number): string {
  return multiplier === 1 ? '' : `*${multiplier}`;
}

/**
 * How one input cell enters the chain: a formula that reads it as the reader does (its column's unit,
 * blank = `blank`), when the cell holds a number or nothing; the value as read (a constant) when the
 * cell holds text ("1 234 kr", "75 %"): a formula cannot parse Swedish text the way the reader does.
 * spec: docs/workbook-format.md §5.4 — inputs typed as text are copied as values.
 */
export function inputCell(
  raw: CellValue | undefined,
  ref: string,
  read: Decimal | number | undefined,
  kind: { multiplier: number } | 'share' | 'count',
  blank: { formula: string; value: CellValue },
  format: string,
): UnderlagCell {
  const value = read === undefined ? blank.value : typeof read === 'number' ? read : num(read);
  if (typeof raw === 'number' || isBlank(raw)) {
    const readAs =
      kind === 'share' ? `IF(${ref}>1,${ref}/100,${ref})` : kind === 'count' ? ref : `${ref}${times(kind.multiplier)}`;
    return { value, formula: `=IF(ISNUMBER(${ref}),${readAs},${blank.formula})`, format };
  }
  return { value, format };
}

/** Multiplier of a header's unit ((tkr) 1 000, (mkr) 1 000 000, else 1). */
export function headerMultiplier(header: CellValue | undefined): number {
  const unit = parseHeader(header).unit;
  return unit && unit !== '%' ? UNIT_MULTIPLIER[unit] : 1;
}

/** The labelled cells above the table: a label in A, the value in B, a note in C. */
export interface Labelled {
  label: string;
  cell: UnderlagCell;
  note?: string;
}

export const PARAMETER_ROWS: { key: ParameterKey; label: string; share: boolean }[] = [
  { key: 'budget', label: 'Statlig ram B (kr)', share: false },
  { key: 'baseAllocation', label: 'Grundtilldelning G (kr)', share: false },
  { key: 'weightSupportMeasure', label: 'Vikt försörjningsmått', share: true },
  { key: 'weightPopulation', label: 'Vikt invånare 16–64', share: true },
  { key: 'maxDecrease', label: 'Maximal minskning d', share: true },
  { key: 'trappanLimit1', label: 'Trappan gräns 1 (kr)', share: false },
  { key: 'trappanLimit2', label: 'Trappan gräns 2 (kr)', share: false },
  { key: 'trappanRate1', label: 'Trappan andel 1', share: true },
  { key: 'trappanRate2', label: 'Trappan andel 2', share: true },
  { key: 'trappanRate3', label: 'Trappan andel 3', share: true },
];

/** Labels of the figures the run solved or chose (above the table). */
export const UNDERLAG_LABELS = {
  title: 'Underlag – fördelningen som formler',
  note: 'Tabellens celler är formler över bladen Parametrar, Förbund och Kommuner och över värdena här ovanför: ändra en indatacell så räknas kedjan om. Skillnad = avrundat formelvärde − skrivet värde (högst ±2 kr). Indata skrivna som text är kopierade som värden.',
  parameters: 'Parametrar',
  derived: 'Summor över alla förbund',
  solved: 'Löst eller valt av körningen',
  count: 'Antal förbund N',
  totalSupportMeasure: 'Summa försörjningsmått ΣFM',
  totalPopulation: 'Summa invånare 16–64 ΣPOP',
  pool: 'Pott T (kr)',
  partYearRemainder: 'Delårsrest P (kr)',
  lambda: 'λ (andel av behovsdelen)',
  appliedMaxDecrease: 'Tillämpad spärr d′',
  protectionRemoved: 'Skyddet borttaget för förbund med för stort eget kapital',
  surplus: 'Överskott S (kr)',
  ratio1: 'Andel av ansökan, nivå 1 (utan för stort eget kapital)',
  ratio2: 'Andel av ansökan, nivå 2 (med för stort eget kapital)',
  undistributed: 'Ej fördelat (kr)',
  yes: 'Ja',
  no: 'Nej',
  checkPool: 'Kontroll: Σ Efter spärr − T (kr)',
  checkBudget: 'Kontroll: Σ Slutlig + Ej fördelat − Statlig ram (kr)',
  fromSheet: (address: string) => `från ${address}`,
  fromText: (address: string) => `från ${address} (text, kopierad som värde)`,
  defaultValue: 'standardvärde (raden saknas)',
  written: 'skrivet av körningen',
  lostProtection: (names: string) => `Förlorade skyddet: ${names}`,
  noteRegional:
    'Tabellens celler är formler över bladen Parametrar, Förbund och Kommuner och över värdena här ovanför, som läser de nationella talen från bladet Nationellt: ändra en indatacell så räknas kedjan om. Tabellen visar VO:ts förbunds nationella förslag (till och med Efter spärr och vad huvudmännen behöver bidra med). Skillnad = avrundat formelvärde − skrivet värde (högst ±2 kr). Indata skrivna som text är kopierade som värden.',
  derivedRegional: 'Nationella tal (från bladet Nationellt)',
  solvedRegional: 'Löst eller valt av den nationella körningen (från bladet Nationellt)',
  checkShares: (sheet: string) => `Kontroll: Σ Kommunerna behöver bidra med − Σ ${sheet} (kr)`,
} as const;

/** The table's columns, in order: key, header, number format. */
export const COLUMNS = [
  ['name', 'Förbund', TEXT_FORMAT],
  ['prev', 'Statlig tilldelning föregående år (kr)', MONEY_FORMAT],
  ['equity', 'Eget kapital (kr)', MONEY_FORMAT],
  ['totalPrev', 'Totala medel föregående år (kr)', MONEY_FORMAT],
  ['K', 'Kommunernas möjliga bidrag (kr)', MONEY_FORMAT],
  ['R', 'Regionens möjliga bidrag (kr)', MONEY_FORMAT],
  ['request', 'Ansökan ytterligare medel (kr)', MONEY_FORMAT],
  ['returned', 'Återlämnade medel (kr)', MONEY_FORMAT],
  ['months', 'Verksamhetsmånader', COUNT_FORMAT],
  ['fm', 'Försörjningsmått FM', MONEY_FORMAT],
  ['pop', 'Invånare 16–64 POP', COUNT_FORMAT],
  ['fmShare', 'Andel FM', KEY_FORMAT],
  ['popShare', 'Andel invånare', KEY_FORMAT],
  ['key', 'Nyckel', KEY_FORMAT],
  ['m', 'Månadsandel m', KEY_FORMAT],
  ['base', 'Grunddel (kr)', MONEY_FORMAT],
  ['ideal', 'Idealfördelning (kr)', MONEY_FORMAT],
  ['need', 'Behovsdel (kr)', MONEY_FORMAT],
  ['basis', 'Underlag för rimligt eget kapital (kr)', MONEY_FORMAT],
  ['reasonable', 'Rimligt eget kapital (kr)', MONEY_FORMAT],
  ['excess', 'För stort eget kapital', null],
  ['protected', 'Skyddad av spärren', null],
  ['floor', 'Spärrgolv (kr)', MONEY_FORMAT],
  ['afterFloor', 'Efter spärr (kr)', MONEY_FORMAT],
  ['cap', 'Matchningstak (kr)', MONEY_FORMAT],
  ['matched', 'Matchad tilldelning (kr)', MONEY_FORMAT],
  ['want', 'Vill ha (kr)', MONEY_FORMAT],
  ['tier', 'Nivå', COUNT_FORMAT],
  ['extra', 'Ytterligare medel (kr)', MONEY_FORMAT],
  ['final', 'Slutlig tilldelning (kr)', MONEY_FORMAT],
  ['municipal', 'Kommunernas andel (kr)', MONEY_FORMAT],
  ['region', 'Regionens andel (kr)', MONEY_FORMAT],
  // A regional file's proposal only (split writes what each member must contribute, not the answers' chain)
  ['municipalNeed', 'Kommunerna behöver bidra med (kr)', MONEY_FORMAT],
  ['regionNeed', 'Regionen behöver bidra med (kr)', MONEY_FORMAT],
] as const;
export type ColumnKey = (typeof COLUMNS)[number][0];

/** The columns of a national Underlag: the whole chain (no regional proposal columns). */
export const NATIONAL_COLUMN_KEYS: readonly ColumnKey[] = COLUMNS.map(([k]) => k).filter(
  (k) => k !== 'municipalNeed' && k !== 'regionNeed',
);
/** The columns of a regional Underlag: the inputs of the national proposal and its chain up to Efter spärr, then the contribution. */
export const REGIONAL_COLUMN_KEYS: readonly ColumnKey[] = [
  'name',
  'prev',
  'equity',
  'totalPrev',
  'months',
  'fm',
  'pop',
  'fmShare',
  'popShare',
  'key',
  'm',
  'base',
  'ideal',
  'need',
  'basis',
  'reasonable',
  'excess',
  'protected',
  'floor',
  'afterFloor',
  'municipalNeed',
  'regionNeed',
];

/** The compared figures: the formula column and the Förbund output header holding the written value. */
export const UNDERLAG_COMPARED = [
  ['ideal', 'Idealfördelning (kr)'],
  ['afterFloor', 'Efter spärr (kr)'],
  ['matched', 'Matchad tilldelning (kr)'],
  ['extra', 'Ytterligare medel (kr)'],
  ['final', 'Slutlig tilldelning (kr)'],
  ['municipal', 'Kommunernas andel (kr)'],
  ['region', 'Regionens andel (kr)'],
  ['reasonable', 'Rimligt eget kapital (kr)'],
] as const satisfies readonly (readonly [ColumnKey, string])[];

/** The compared figures of a regional Underlag: what split writes on the regional Förbund (its PROPOSAL_HEADERS). */
export const UNDERLAG_COMPARED_REGIONAL = [
  ['ideal', 'Idealfördelning (kr)'],
  ['afterFloor', 'Efter spärr (kr)'],
  ['municipalNeed', 'Kommunerna behöver bidra med (kr)'],
  ['regionNeed', 'Regionen behöver bidra med (kr)'],
] as const satisfies readonly (readonly [ColumnKey, string])[];
export type ComparedKey = (typeof UNDERLAG_COMPARED)[number][0] | (typeof UNDERLAG_COMPARED_REGIONAL)[number][0];

/** The national figures a regional Underlag reads from cells on Nationellt (split.ts defines the rows). */
export const NATIONAL_FIGURE_KEYS = [
  'count',
  'totalSupportMeasure',
  'totalPopulation',
  'pool',
  'lambda',
  'appliedMaxDecrease',
  'protectionRemoved',
] as const;
export type NationalFigureKey = (typeof NATIONAL_FIGURE_KEYS)[number];

/** Where a regional Underlag reads the national figures, and what only the national run knows. */
export interface NationalFigureSource {
  /** The sheet holding them (Nationellt) */
  sheet: string;
  /** 0-based cell of each figure's value */
  cells: Record<NationalFigureKey, { row: number; column: number }>;
  /** Names of the federations (all over the country) that lost their protection */
  protectionRemovedNames: string[];
  /** What each member must contribute, per federation of `result` (in its order): the written value */
  contributions: Decimal[];
  /** The check row: the sheet whose amounts add up to the municipalities' contributions, its range (A1) and their total */
  shares: { sheet: string; range: string; total: Decimal };
}

/** Header of a written-value column and of its difference column. */
export const writtenHeader = (header: string): string => `Skrivet: ${header}`;
export const differenceHeader = (header: string): string => `Skillnad: ${header.replace(/ \(kr\)$/, '')} (kr)`;

/** Everything underlagSheet needs. */
export interface UnderlagArgs {
  layout: WorkbookLayout;
  result: AllocationResult;
  input: ModelInput;
  /** Every sheet as read (raw cells, to see which inputs are numbers, text or blank) */
  sheets: SheetValues[];
  /** 0-based Förbund column of each FEDERATION_OUTPUT_HEADERS entry (outputColumnPlacement) */
  outputColumns: Record<string, number>;
  name?: string;
  /**
   * A regional file's Underlag: `result` holds the VO's federations (index = row on the regional
   * Förbund) with the national run's figures, which the labelled cells read from `national.sheet`.
   */
  national?: NationalFigureSource;
}

/** The 1-based row of the table's header and where each block starts (for tests and docs). */
export interface UnderlagLayout {
  /** 0-based row of each labelled cell's value (column B), by label key */
  labelledRows: Record<string, number>;
  headerRow: number;
  firstDataRow: number;
  /** 0-based column of each table column and of each written/difference column */
  columns: Record<string, number>;
  /** 0-based rows of the check rows (a regional Underlag has `written` only) */
  checkRows: { pool?: number; budget?: number; shares?: number };
}

/** Width in characters of a table column: 16, or its header's longest word and a margin (headers wrap at words). */
export function columnWidthFor(header: string): number {
  return Math.max(16, ...header.split(/\s+/).map((word) => word.length + 2));
}

/** A signed difference in whole kronor (small, may be negative). */
export const MONEY_FORMAT_SIGNED = '0';

export function sumOf(values: readonly Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), new Decimal(0));
}

// spec: docs/model.md §3 — Trappan(basis) = r1·min(b, L1) + r2·(min(b, L2) − L1)⁺ + r3·(b − L2)⁺
export function trappanFormula(basis: string, B: (key: string) => string): string {
  const b = `MAX(${basis},0)`;
  return (
    `MIN(${b},${B('trappanLimit1')})*${B('trappanRate1')}` +
    `+MAX(0,MIN(${b},${B('trappanLimit2')})-${B('trappanLimit1')})*${B('trappanRate2')}` +
    `+MAX(0,${b}-${B('trappanLimit2')})*${B('trappanRate3')}`
  );
}

// spec: docs/model.md §7 — each tier gets want·ratio, ratio = min(1, available/Σ want of the tier)
/** The pro-rata ratio of tier 1 and tier 2 as the run applied it (1 when the tier was served in full or has no applicants). */
export function tierRatios(result: AllocationResult): [Decimal, Decimal] {
  let available = result.surplus;
  const ratios: Decimal[] = [];
  for (const t of [1, 2] as const) {
    const rows = result.federations.filter((f) => f.tier === t);
    const wanted = sumOf(rows.map((f) => f.want));
    if (rows.length === 0 || wanted.lessThanOrEqualTo(available)) {
      ratios.push(new Decimal(1));
      available = available.minus(wanted);
    } else {
      ratios.push(available.greaterThan(0) ? available.div(wanted) : new Decimal(0));
      available = new Decimal(0);
    }
  }
  return [ratios[0], ratios[1]];
}

/** 0-based Kommuner rows of each federation (by input index). */
export function groupAreaRows(layout: WorkbookLayout, input: ModelInput): Map<number, number[]> {
  const byName = new Map<string, number>();
  input.federations.forEach((f, i) => byName.set(normalizeKey(f.name), i));
  const out = new Map<number, number[]>();
  input.areas.forEach((a, k) => {
    const i = byName.get(normalizeKey(a.federation));
    const row = layout.municipalitySheet.dataRows[k];
    if (i === undefined || row === undefined) return;
    const list = out.get(i) ?? [];
    list.push(row);
    out.set(i, list);
  });
  return out;
}

export function exactValue(f: FederationResult, key: Exclude<ComparedKey, 'municipalNeed' | 'regionNeed'>): Decimal {
  switch (key) {
    case 'ideal':
      return f.ideal;
    case 'afterFloor':
      return f.afterFloor;
    case 'matched':
      return f.matched;
    case 'extra':
      return f.extra;
    case 'final':
      return f.final;
    case 'municipal':
      return f.municipalShare;
    case 'region':
      return f.regionShare;
    case 'reasonable':
      return f.reasonableEquity;
  }
}

export function writtenValue(f: FederationResult, key: Exclude<ComparedKey, 'municipalNeed' | 'regionNeed'>): number {
  const r = f.rounded;
  const map = {
    ideal: r.ideal,
    afterFloor: r.afterFloor,
    matched: r.matched,
    extra: r.extra,
    final: r.final,
    municipal: r.municipalShare,
    region: r.regionShare,
    reasonable: r.reasonableEquity,
  } as const;
  return map[key].toNumber();
}
