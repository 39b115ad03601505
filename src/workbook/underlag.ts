// Sheet `Underlag`: the model as live Excel formulas over the input sheets, so that anyone can check a
// federation's number from the file alone, in any spreadsheet program.
// spec: docs/workbook-format.md §5.4 — Underlag (the model as formulas); ../shared/spec/transparency.md.
import Decimal from 'decimal.js';
import type { AllocationResult, FederationResult, ModelInput, ParameterKey } from '../engine';
import { parameterValue } from '../engine';
import type { CellValue, SheetOutput, SheetValues, WorkbookLayout } from './types';
import { MONEY_FORMAT, SHARE_FORMAT, TEXT_FORMAT, UNDERLAG_SHEET } from './types';
import { columnLetters, quoteSheetName } from './address';
import { locateParameters } from './parameters';
import type { LocatedParameter } from './parameters';
import { findSheet } from './sheets';
import { cellText, isBlank, normalizeKey, parseHeader, UNIT_MULTIPLIER } from './text';
import type { FederationField } from './columns';

/** The sheet's canonical name (an output sheet of every run: OUTPUT_SHEETS). */
export { UNDERLAG_SHEET };

/** Number formats of the sheet. */
const KEY_FORMAT = '0.000000';
const RATIO_FORMAT = '0.000000';
const DIFF_FORMAT = '0';
const COUNT_FORMAT = '0';

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
function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A Decimal as the number a cell caches (a JS double: display only; the check is ROUND against the written value). */
function num(d: Decimal | undefined): number | '' {
  if (d === undefined) return '';
  const n = d.toNumber();
  return n === 0 ? 0 : n;
}

/** Multiplication by a unit factor in a formula ('' for 1). */
function times(multiplier: number): string {
  return multiplier === 1 ? '' : `*${multiplier}`;
}

/**
 * How one input cell enters the chain: a formula that reads it as the reader does (its column's unit,
 * blank = `blank`), when the cell holds a number or nothing; the value as read (a constant) when the
 * cell holds text ("1 234 kr", "75 %"): a formula cannot parse Swedish text the way the reader does.
 * spec: docs/workbook-format.md §5.4 — inputs typed as text are copied as values.
 */
function inputCell(
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
function headerMultiplier(header: CellValue | undefined): number {
  const unit = parseHeader(header).unit;
  return unit && unit !== '%' ? UNIT_MULTIPLIER[unit] : 1;
}

/** The labelled cells above the table: a label in A, the value in B, a note in C. */
interface Labelled {
  label: string;
  cell: UnderlagCell;
  note?: string;
}

const PARAMETER_ROWS: { key: ParameterKey; label: string; share: boolean }[] = [
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
const COLUMNS = [
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
type ColumnKey = (typeof COLUMNS)[number][0];

/** The columns of a national Underlag: the whole chain (no regional proposal columns). */
const NATIONAL_COLUMN_KEYS: readonly ColumnKey[] = COLUMNS.map(([k]) => k).filter(
  (k) => k !== 'municipalNeed' && k !== 'regionNeed',
);
/** The columns of a regional Underlag: the inputs of the national proposal and its chain up to Efter spärr, then the contribution. */
const REGIONAL_COLUMN_KEYS: readonly ColumnKey[] = [
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
type ComparedKey = (typeof UNDERLAG_COMPARED)[number][0] | (typeof UNDERLAG_COMPARED_REGIONAL)[number][0];

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

// spec: docs/workbook-format.md §5.4 — the model of docs/model.md §1–§9 as Excel formulas
/**
 * The sheet Underlag of a run. Above the table: the parameters (formulas reading Parametrar), sums
 * over all federations (N, ΣFM, ΣPOP, T, P: formulas over the table, the cells a regional file would
 * point at its national totals instead), and the figures the run solved or chose (λ, d′, whether
 * protection was removed, S, each tier's pro-rata ratio, Ej fördelat) as values. Then one row per
 * federation: its inputs read from Förbund and Kommuner (SUMIFS), every step as a formula, the value
 * written on Förbund (a reference to the output cell) and `Skillnad` = ROUND(formula) − written.
 * Last, two check rows. Every formula carries its result as computed by the engine (cached value).
 */
export function underlagSheet(args: UnderlagArgs): SheetOutput & { underlag: UnderlagLayout } {
  const { layout, result, input, sheets } = args;
  const fs = layout.federationSheet;
  const ms = layout.municipalitySheet;
  const federationSheet = findSheet(sheets, fs.name) ?? { name: fs.name, values: [] };
  const municipalitySheet = findSheet(sheets, ms.name) ?? { name: ms.name, values: [] };
  const L = UNDERLAG_LABELS;
  const rows: UnderlagCell[][] = [];
  const bold: number[] = [];
  const labelledRows: Record<string, number> = {};
  const text = (value: string): UnderlagCell => ({ value, format: TEXT_FORMAT });
  const push = (cells: UnderlagCell[], isBold = false): number => {
    rows.push(cells);
    if (isBold) bold.push(rows.length - 1);
    return rows.length - 1;
  };
  const B = (key: string): string => `$B$${labelledRows[key] + 1}`;
  const labelled = (key: string, item: Labelled): void => {
    labelledRows[key] = push([text(item.label), item.cell, ...(item.note ? [text(item.note)] : [])]);
  };

  const national = args.national;
  const columnKeys = national ? REGIONAL_COLUMN_KEYS : NATIONAL_COLUMN_KEYS;
  const compared: readonly (readonly [ComparedKey, string])[] = national ? UNDERLAG_COMPARED_REGIONAL : UNDERLAG_COMPARED;
  /** A labelled cell reading a national figure from Nationellt (a regional Underlag) */
  const fromNational = (key: NationalFigureKey, value: CellValue, format: string): Labelled['cell'] => {
    const c = national!.cells[key];
    return { value, formula: `=${sheetRef(national!.sheet, c.row, c.column)}`, format };
  };
  const nationalNote = (key: NationalFigureKey): string => {
    const c = national!.cells[key];
    return L.fromSheet(`${quoteSheetName(national!.sheet)}!${columnLetters(c.column)}${c.row + 1}`);
  };

  push([text(L.title)], true);
  push([text(national ? L.noteRegional : L.note)]);
  push([]);

  // Parameters, read from Parametrar as the reader does (unit of the label, shares typed as 75)
  push([text(L.parameters)], true);
  const located = new Map<string, LocatedParameter>(locateParameters(sheets).map((p) => [p.key, p]));
  for (const p of PARAMETER_ROWS) {
    const loc = located.get(p.key);
    const used = parameterValue(result.parameters, p.key) as Decimal;
    const format = p.share ? SHARE_FORMAT : MONEY_FORMAT;
    if (!loc || !loc.present) {
      labelled(p.key, { label: p.label, cell: { value: num(used), format }, note: L.defaultValue });
      continue;
    }
    const ref = sheetRef(loc.sheet, loc.row, loc.column);
    const address = `${quoteSheetName(loc.sheet)}!${columnLetters(loc.column)}${loc.row + 1}`;
    const fallback = loc.default !== undefined ? String(loc.default) : '""';
    const cell = inputCell(
      loc.value,
      ref,
      used,
      p.share ? 'share' : { multiplier: loc.multiplier },
      { formula: fallback, value: num(used) },
      format,
    );
    labelled(p.key, { label: p.label, cell, note: cell.formula ? L.fromSheet(address) : L.fromText(address) });
  }
  push([]);

  // Where the table goes (the sums above refer to it)
  const n = result.federations.length;
  const solvedCount = national ? 3 : 7;
  const derivedCount = 5;
  const headerRow = rows.length + 1 + derivedCount + 1 + 1 + solvedCount + 1;
  const firstDataRow = headerRow + 1;
  const lastDataRow = firstDataRow + Math.max(n, 1) - 1;
  const col: Record<string, number> = {};
  columnKeys.forEach((key, i) => (col[key] = i));
  let next = columnKeys.length;
  for (const [key] of compared) {
    col[`written:${key}`] = next++;
    col[`diff:${key}`] = next++;
  }
  const letters: Record<string, string> = Object.fromEntries(Object.entries(col).map(([k, c]) => [k, columnLetters(c)]));
  const colRange = (key: string): string => {
    const c = columnLetters(col[key]);
    return `$${c}$${firstDataRow + 1}:$${c}$${lastDataRow + 1}`;
  };

  // Sums over all federations: over the table, or (a regional file) the national totals on Nationellt
  push([text(national ? L.derivedRegional : L.derived)], true);
  if (national) {
    labelled('count', {
      label: L.count,
      cell: fromNational('count', result.federationCount, COUNT_FORMAT),
      note: nationalNote('count'),
    });
    for (const [key, format] of [
      ['totalSupportMeasure', MONEY_FORMAT],
      ['totalPopulation', COUNT_FORMAT],
      ['pool', MONEY_FORMAT],
    ] as const) {
      labelled(key, { label: L[key], cell: fromNational(key, num(result[key]), format), note: nationalNote(key) });
    }
  } else {
    labelled('count', { label: L.count, cell: { value: n, formula: `=ROWS(${colRange('name')})`, format: COUNT_FORMAT } });
    labelled('totalSupportMeasure', {
      label: L.totalSupportMeasure,
      cell: { value: num(result.totalSupportMeasure), formula: `=SUM(${colRange('fm')})`, format: MONEY_FORMAT },
    });
    labelled('totalPopulation', {
      label: L.totalPopulation,
      cell: { value: num(result.totalPopulation), formula: `=SUM(${colRange('pop')})`, format: COUNT_FORMAT },
    });
    labelled('pool', {
      label: L.pool,
      cell: { value: num(result.pool), formula: `=SUM(${colRange('ideal')})`, format: MONEY_FORMAT },
    });
  }
  labelled('partYearRemainder', {
    label: L.partYearRemainder,
    cell: { value: num(result.partYearRemainder), formula: `=${B('budget')}-${B('pool')}`, format: MONEY_FORMAT },
  });
  push([]);

  // Solved or chosen by the run: values, not formulas (a regional file: references to Nationellt)
  push([text(national ? L.solvedRegional : L.solved)], true);
  const removed = national
    ? national.protectionRemovedNames
    : result.federations.filter((f) => f.protectionRemoved).map((f) => f.name);
  if (national) {
    labelled('lambda', {
      label: L.lambda,
      cell: fromNational('lambda', num(result.lambda), KEY_FORMAT),
      note: nationalNote('lambda'),
    });
    labelled('appliedMaxDecrease', {
      label: L.appliedMaxDecrease,
      cell: fromNational('appliedMaxDecrease', num(result.appliedMaxDecrease), SHARE_FORMAT),
      note: nationalNote('appliedMaxDecrease'),
    });
    labelled('protectionRemoved', {
      label: L.protectionRemoved,
      cell: fromNational('protectionRemoved', removed.length > 0 ? L.yes : L.no, TEXT_FORMAT),
      note:
        removed.length > 0
          ? `${nationalNote('protectionRemoved')}. ${L.lostProtection(removed.join(', '))}`
          : nationalNote('protectionRemoved'),
    });
  }
  const tiers = tierRatios(result);
  if (!national) {
    labelled('lambda', { label: L.lambda, cell: { value: num(result.lambda), format: KEY_FORMAT } });
    labelled('appliedMaxDecrease', {
      label: L.appliedMaxDecrease,
      cell: { value: num(result.appliedMaxDecrease), format: SHARE_FORMAT },
    });
    labelled('protectionRemoved', {
      label: L.protectionRemoved,
      cell: { value: removed.length > 0 ? L.yes : L.no, format: TEXT_FORMAT },
      ...(removed.length > 0 ? { note: L.lostProtection(removed.join(', ')) } : {}),
    });
    labelled('surplus', { label: L.surplus, cell: { value: num(result.surplus), format: MONEY_FORMAT } });
    labelled('ratio1', { label: L.ratio1, cell: { value: num(tiers[0]), format: RATIO_FORMAT } });
    labelled('ratio2', { label: L.ratio2, cell: { value: num(tiers[1]), format: RATIO_FORMAT } });
    labelled('undistributed', {
      label: L.undistributed,
      cell: { value: num(result.totals.undistributed), format: MONEY_FORMAT },
      note: L.written,
    });
  }
  push([]);
  if (rows.length !== headerRow) throw new Error('internal: Underlag header row misplaced');

  // The table
  const headerOf = Object.fromEntries(COLUMNS.map(([k, h]) => [k, h])) as Record<ColumnKey, string>;
  const header: UnderlagCell[] = columnKeys.map((k) => text(headerOf[k]));
  for (const [, h] of compared) header.push(text(writtenHeader(h)), text(differenceHeader(h)));
  push(header, true);

  const fedColumns = fs.columns ?? {};
  const fedHeader = federationSheet.values[fs.headerRow] ?? [];
  const areaColumns = ms.columns ?? {};
  const areaHeader = municipalitySheet.values[ms.headerRow] ?? [];
  const areaRowsOf = groupAreaRows(layout, input);
  /** A Kommuner row's federation name as typed (not folded: SUMIFS does not fold), lower case */
  const typedName = (ar: number): string => {
    const c = areaColumns['federation'];
    const raw = c === undefined ? '' : municipalitySheet.values[ar]?.[c];
    return (typeof raw === 'string' ? raw : cellText(raw)).toLocaleLowerCase('sv');
  };
  let typedCounts: Map<string, number> | undefined;
  /** How many Kommuner rows carry each typed name (counted once) */
  const typedNames = (): Map<string, number> => {
    if (typedCounts) return typedCounts;
    typedCounts = new Map();
    for (const ar of ms.dataRows) typedCounts.set(typedName(ar), (typedCounts.get(typedName(ar)) ?? 0) + 1);
    return typedCounts;
  };
  const areaFirst = ms.dataRows.length > 0 ? Math.min(...ms.dataRows) : ms.headerRow + 1;
  const areaLast = ms.dataRows.length > 0 ? Math.max(...ms.dataRows) : ms.headerRow + 1;

  result.federations.forEach((f, i) => {
    const r = firstDataRow + i;
    const at = (key: ColumnKey): string => `${letters[key]}${r + 1}`;
    const sheetRow = fs.dataRows[f.index];
    const fi = input.federations[f.index];
    const fed = (
      field: FederationField,
      read: Decimal | number | undefined,
      blank: { formula: string; value: CellValue },
      kind: 'money' | 'count',
      format: string,
    ): UnderlagCell => {
      const c = fedColumns[field];
      if (c === undefined)
        return { value: read === undefined ? blank.value : typeof read === 'number' ? read : num(read), format };
      return inputCell(
        federationSheet.values[sheetRow]?.[c],
        sheetRef(fs.name, sheetRow, c),
        read,
        kind === 'count' ? 'count' : { multiplier: headerMultiplier(fedHeader[c]) },
        blank,
        format,
      );
    };
    const none = { formula: '""', value: '' as CellValue };
    const zero = { formula: '0', value: 0 as CellValue };
    const cells: Record<ColumnKey, UnderlagCell> = {
      name: text(f.name),
      prev: fed('previousAllocation', fi.previousAllocation, none, 'money', MONEY_FORMAT),
      equity: fed('equity', fi.equity, none, 'money', MONEY_FORMAT),
      totalPrev: fed('previousTotalFunds', fi.previousTotalFunds, none, 'money', MONEY_FORMAT),
      K: fed('municipalContribution', fi.municipalContribution, none, 'money', MONEY_FORMAT),
      R: fed('regionContribution', fi.regionContribution, none, 'money', MONEY_FORMAT),
      request: fed('request', fi.request ?? new Decimal(0), zero, 'money', MONEY_FORMAT),
      returned: fed('returned', fi.returned ?? new Decimal(0), zero, 'money', MONEY_FORMAT),
      months: fed('months', fi.months ?? 12, { formula: '12', value: 12 }, 'count', COUNT_FORMAT),
      fm: areaSum(f, 'supportMeasure', f.supportMeasure),
      pop: areaSum(f, 'population', f.population),
      fmShare: { value: num(f.supportMeasureShare), formula: `=${at('fm')}/${B('totalSupportMeasure')}`, format: KEY_FORMAT },
      popShare: { value: num(f.populationShare), formula: `=${at('pop')}/${B('totalPopulation')}`, format: KEY_FORMAT },
      key: {
        value: num(f.key),
        formula: `=${B('weightSupportMeasure')}*${at('fmShare')}+${B('weightPopulation')}*${at('popShare')}`,
        format: KEY_FORMAT,
      },
      m: { value: num(f.monthsFactor), formula: `=${at('months')}/12`, format: KEY_FORMAT },
      base: { value: num(f.base), formula: `=${B('baseAllocation')}*${at('m')}`, format: MONEY_FORMAT },
      ideal: {
        value: num(f.ideal),
        formula: `=(${B('baseAllocation')}+(${B('budget')}-${B('count')}*${B('baseAllocation')})*${at('key')})*${at('m')}`,
        format: MONEY_FORMAT,
      },
      need: { value: num(f.need), formula: `=${at('ideal')}-${at('base')}`, format: MONEY_FORMAT },
      basis: {
        value: num(f.reasonableEquityBasis),
        formula: `=IF(${at('totalPrev')}<>"",${at('totalPrev')},IF(${at('prev')}="",2*${at('ideal')},IF(${at('prev')}>0,2*${at('prev')},2*${at('ideal')})))`,
        format: MONEY_FORMAT,
      },
      reasonable: { value: num(f.reasonableEquity), formula: `=${trappanFormula(at('basis'), B)}`, format: MONEY_FORMAT },
      excess: {
        value: f.excessEquity,
        formula: `=IF(${at('equity')}="",FALSE,${at('equity')}>${at('reasonable')})`,
        format: null,
      },
      protected: {
        value: f.protected,
        formula: `=IF(${at('prev')}="",FALSE,AND(${at('prev')}>0,NOT(AND(${B('protectionRemoved')}=${literal(L.yes)},${at('excess')}))))`,
        format: null,
      },
      floor: {
        value: f.protected && f.floor !== undefined ? num(f.floor) : '',
        formula: `=IF(${at('protected')},(1-${B('appliedMaxDecrease')})*${at('prev')}*${at('m')},"")`,
        format: MONEY_FORMAT,
      },
      afterFloor: {
        value: num(f.afterFloor),
        formula: `=IF(${at('protected')},MAX(${at('floor')},${at('base')}+${B('lambda')}*${at('need')}),${at('base')}+${B('lambda')}*${at('need')})`,
        format: MONEY_FORMAT,
      },
      cap: {
        value: f.cap === undefined ? '' : num(f.cap),
        formula: `=IF(${at('K')}="",IF(${at('R')}="","",2*${at('R')}),IF(${at('R')}="",2*${at('K')},MIN(2*${at('K')},2*${at('R')})))`,
        format: MONEY_FORMAT,
      },
      matched: {
        value: num(f.matched),
        formula: `=MAX(0,IF(${at('cap')}="",${at('afterFloor')},MIN(${at('afterFloor')},${at('cap')}))-${at('returned')})`,
        format: MONEY_FORMAT,
      },
      want: {
        value: num(f.want),
        formula: `=MAX(0,IF(${at('cap')}="",${at('request')},MIN(${at('request')},${at('cap')}-${at('matched')})))`,
        format: MONEY_FORMAT,
      },
      tier: { value: f.tier ?? '', formula: `=IF(${at('want')}>0,IF(${at('excess')},2,1),"")`, format: COUNT_FORMAT },
      extra: {
        value: num(f.extra),
        formula: `=IF(${at('want')}>0,${at('want')}*IF(${at('excess')},${B('ratio2')},${B('ratio1')}),0)`,
        format: MONEY_FORMAT,
      },
      final: { value: num(f.final), formula: `=${at('matched')}+${at('extra')}`, format: MONEY_FORMAT },
      municipal: { value: num(f.municipalShare), formula: `=${at('final')}/2`, format: MONEY_FORMAT },
      region: { value: num(f.regionShare), formula: `=${at('final')}/2`, format: MONEY_FORMAT },
      // spec: docs/model.md §A2 — the smallest whole krona K with 2·K ≥ Efter spärr (rounded to 6 decimals first: float noise)
      municipalNeed: {
        value: num(contribution(f)),
        formula: `=ROUNDUP(ROUND(${at('afterFloor')}/2,6),0)`,
        format: MONEY_FORMAT,
      },
      regionNeed: { value: num(contribution(f)), formula: `=${at('municipalNeed')}`, format: MONEY_FORMAT },
    };
    const row: UnderlagCell[] = columnKeys.map((key) => cells[key]);
    for (const [key, outputHeader] of compared) {
      const exact = key === 'municipalNeed' || key === 'regionNeed' ? contribution(f) : exactValue(f, key);
      const written = key === 'municipalNeed' || key === 'regionNeed' ? exact.toNumber() : writtenValue(f, key);
      const outputColumn = args.outputColumns[outputHeader];
      row.push(
        outputColumn === undefined
          ? { value: written, format: MONEY_FORMAT }
          : { value: written, formula: `=${sheetRef(fs.name, sheetRow, outputColumn)}`, format: MONEY_FORMAT },
        {
          value: exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber() - written,
          formula: `=ROUND(${at(key)},0)-${letters[`written:${key}`]}${r + 1}`,
          format: DIFF_FORMAT,
        },
      );
    }
    push(row);

    /** FM_f or POP_f: SUMIFS over Kommuner (its unit applied), or the value when a cell is text or the name is spelled otherwise */
    function areaSum(fr: FederationResult, field: 'supportMeasure' | 'population', exactSum: Decimal): UnderlagCell {
      const format = field === 'population' ? COUNT_FORMAT : MONEY_FORMAT;
      const valueColumn = areaColumns[field];
      const nameColumn = areaColumns['federation'];
      const own = areaRowsOf.get(fr.index) ?? [];
      const literalOnly = { value: num(exactSum), format };
      if (valueColumn === undefined || nameColumn === undefined) return literalOnly;
      // SUMIFS adds numbers only and matches the name case-insensitively but not with white space folded
      const plain = own.every((ar) => typeof municipalitySheet.values[ar]?.[valueColumn] === 'number');
      const wanted = fr.name.toLocaleLowerCase('sv');
      // every row of the federation names it as typed on Förbund (up to case), and no other row does
      const sameName = own.every((ar) => typedName(ar) === wanted) && typedNames().get(wanted) === own.length;
      if (!plain || !sameName) return literalOnly;
      const criterion = /[*?~]|^[<>=]/.test(fr.name) ? literal(`=${fr.name.replace(/([*?~])/g, '~$1')}`) : at('name');
      const sum = `SUMIFS(${sheetColumnRange(ms.name, valueColumn, areaFirst, areaLast)},${sheetColumnRange(ms.name, nameColumn, areaFirst, areaLast)},${criterion})`;
      return { value: num(exactSum), formula: `=${sum}${times(headerMultiplier(areaHeader[valueColumn]))}`, format };
    }
  });

  push([]);
  if (national) {
    // A regional file's check: the chain's contributions against the municipalities' amounts written beside
    const checkShares = push([
      text(L.checkShares(national.shares.sheet)),
      {
        value: num(sumOf(national.contributions).minus(national.shares.total)),
        formula: `=SUM(${colRange('municipalNeed')})-SUM(${national.shares.range})`,
        format: MONEY_FORMAT_SIGNED,
      },
    ]);
    return finish({ shares: checkShares });
  }
  const checkPool = push([
    text(L.checkPool),
    {
      value: num(sumOf(result.federations.map((f) => f.afterFloor)).minus(result.pool)),
      formula: `=SUM(${colRange('afterFloor')})-${B('pool')}`,
      format: MONEY_FORMAT_SIGNED,
    },
  ]);
  const checkBudget = push([
    text(L.checkBudget),
    {
      value: num(
        sumOf(result.federations.map((f) => f.final))
          .plus(result.totals.undistributed)
          .minus(result.parameters.budget),
      ),
      formula: `=SUM(${colRange('final')})+${B('undistributed')}-${B('budget')}`,
      format: MONEY_FORMAT_SIGNED,
    },
  ]);

  return finish({ pool: checkPool, budget: checkBudget });

  /** What a member must contribute, as split wrote it (a regional Underlag; the national one has no such column) */
  function contribution(f: FederationResult): Decimal {
    return national?.contributions[f.index] ?? new Decimal(0);
  }

  function finish(checkRows: UnderlagLayout['checkRows']): SheetOutput & { underlag: UnderlagLayout } {
    const width = columnKeys.length + 2 * compared.length;
    const values = rows.map((r) => Array.from({ length: width }, (_, j) => r[j]?.value ?? ''));
    const formulas = rows.map((r) => Array.from({ length: width }, (_, j) => r[j]?.formula ?? null));
    const numberFormats = rows.map((r) => Array.from({ length: width }, (_, j) => r[j]?.format ?? null));
    return {
      name: args.name ?? UNDERLAG_SHEET,
      values,
      formulas,
      numberFormats,
      boldRows: bold,
      columnWidths: [40, ...values[headerRow].slice(1).map((header) => columnWidthFor(String(header)))],
      // The table's headers wrap in their columns, so none is cut (issue 14)
      wrapRows: [headerRow],
      underlag: { labelledRows, headerRow, firstDataRow, columns: col, checkRows },
    };
  }
}

/** Width in characters of a table column: 16, or its header's longest word and a margin (headers wrap at words). */
function columnWidthFor(header: string): number {
  return Math.max(16, ...header.split(/\s+/).map((word) => word.length + 2));
}

/** A signed difference in whole kronor (small, may be negative). */
const MONEY_FORMAT_SIGNED = '0';

function sumOf(values: readonly Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), new Decimal(0));
}

// spec: docs/model.md §3 — Trappan(basis) = r1·min(b, L1) + r2·(min(b, L2) − L1)⁺ + r3·(b − L2)⁺
function trappanFormula(basis: string, B: (key: string) => string): string {
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
function groupAreaRows(layout: WorkbookLayout, input: ModelInput): Map<number, number[]> {
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

function exactValue(f: FederationResult, key: Exclude<ComparedKey, 'municipalNeed' | 'regionNeed'>): Decimal {
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

function writtenValue(f: FederationResult, key: Exclude<ComparedKey, 'municipalNeed' | 'regionNeed'>): number {
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
