// An empty round: the sheets a head office sends out, with defaults, headers and data validations.
// spec: docs/workbook-format.md §6, §2, §3.1, §4; docs/model.md §P (sheets, headers, parameter defaults).
import type { CellRange, CellValue, SheetOutput, Validation, ValidationRule } from './types';
import { LAST_SHEET_ROW, MONEY_FORMAT, SHARE_FORMAT, TEXT_FORMAT } from './types';
import { columnIndex, columnLetters, rangeRef } from './address';
import { AREA_COLUMNS, ColumnDefinition, FEDERATION_COLUMNS, FEDERATION_SHEET, MUNICIPALITY_SHEET } from './columns';
import { SPLIT_METHOD_LABELS, YEAR_RANGE } from './cells';
import { TEMPLATE_PARAMETER_DEFINITIONS, PARAMETER_HEADER, PARAMETER_SHEET, VALUE_HEADER } from './parameters';
import { TARGET_GROUPS, TARGETED_INSATS_TYPES, WARNING_CODES } from '../engine';
import { APPLICATION_COLUMNS, APPLICATION_SHEET } from './application-columns';

export const INSTRUCTIONS_SHEET = 'Instruktioner';
/** The VO list offered on Förbund (free text is still read). */
export const VO_VALUES = ['Syd', 'Väst', 'Mitt', 'Stockholm', 'Nord'];
/** 0-based header row of the template's data sheets (a title and a note above it). */
export const TEMPLATE_HEADER_ROW = 2;

function instructions(): SheetOutput {
  const lines = [
    'Finsam medelstilldelning – så fyller du i arbetsboken',
    '',
    `1. ${PARAMETER_SHEET}: fyll i Statlig ram (kr). Övriga parametrar har modellens standardvärden och kan ändras.`,
    `2. ${FEDERATION_SHEET}: en rad per samordningsförbund. Bara kolumnen Förbund måste fyllas i. Tomt betyder: nytt förbund (föregående års tilldelning), okänt eget kapital, full matchning (möjliga bidrag), ingen ansökan, 12 verksamhetsmånader och fördelning efter invånare.`,
    `3. ${MUNICIPALITY_SHEET}: en rad per kommun i förbundet med Invånare 16–64 och Försörjningsmått. En kommun som delas mellan förbund får en rad per del, med Område ifyllt. Försörjningsstödstagare behövs bara för förbund som fördelar efter försörjningsstöd.`,
    'Belopp anges i kronor. En rubrik som slutar på (tkr) eller (mkr) läses i tusentals respektive miljoner kronor, t.ex. "Eget kapital (tkr)".',
    'Andelar kan skrivas 75 %, 0,75 eller 75. Tal får ha mellanslag mellan tusental och decimalkomma.',
    'Ett förbund kan inte både lämna tillbaka medel och ansöka om ytterligare medel.',
    `En körning skriver resultatkolumnerna (Idealfördelning … Varningar) till höger på ${FEDERATION_SHEET} och bladen Kommunbidrag, Underlag (beräkningen som formler, för kontroll) och Körlogg. En ny körning ersätter dem; de ifyllda cellerna ändras aldrig.`,
    'Hittas fel skrivs ingenting; varje fel visas med sin cell, t.ex. Förbund!E7.',
    `Varningskoder: ${WARNING_CODES.join(', ')}.`,
  ];
  return { name: INSTRUCTIONS_SHEET, values: lines.map((l) => [l]), boldRows: [0], columnWidths: [100], wrapColumns: [0] };
}

function parameters(): SheetOutput {
  const values: CellValue[][] = [
    ['Parametrar för fördelningen'],
    ['Fyll i Statlig ram. Övriga värden är modellens standardvärden.'],
    [PARAMETER_HEADER, VALUE_HEADER, 'Förklaring'],
  ];
  const numberFormats: (string | null)[][] = [[null], [null], [null, null, null]];
  const validations: ValidationRule[] = [];
  for (const def of TEMPLATE_PARAMETER_DEFINITIONS) {
    const row = values.length;
    const cell = rangeRef(row, 1, row, 1);
    values.push([def.label, def.default ?? def.defaultText ?? '', def.description]);
    if (def.kind === 'text') {
      numberFormats.push([null, TEXT_FORMAT, null]);
      if (def.choices) validations.push({ range: cell, type: 'list', values: [...def.choices], prompt: def.description });
    } else if (def.kind === 'money') {
      numberFormats.push([null, MONEY_FORMAT, null]);
      validations.push({ range: cell, type: 'wholeNumber', min: 0, prompt: def.description });
    } else if (def.kind === 'share') {
      numberFormats.push([null, SHARE_FORMAT, null]);
      validations.push({ range: cell, type: 'decimal', min: 0, max: 1, prompt: def.description });
    } else {
      numberFormats.push([null, '0', null]);
      validations.push({ range: cell, type: 'wholeNumber', min: YEAR_RANGE.min, max: YEAR_RANGE.max, prompt: def.description });
    }
  }
  return {
    name: PARAMETER_SHEET,
    values,
    numberFormats,
    boldRows: [0, TEMPLATE_HEADER_ROW],
    columnWidths: [30, 16, 70],
    validations: validations.map((v) => withCells(v, TEMPLATE_HEADER_ROW)),
    headerRow: TEMPLATE_HEADER_ROW,
  };
}

/** The title of the message Excel shows when a value breaks a validation (both hosts). */
export function validationErrorTitle(v: Validation): string {
  return v.warning ? 'Kontrollera värdet' : 'Ogiltigt värde';
}

/** The message Excel shows when a value breaks a validation (the same from the add-in and the command line). */
export function validationErrorText(v: Validation): string {
  if (v.type === 'list') return `Välj ett av: ${v.values.join(', ')}`;
  const what = v.type === 'wholeNumber' ? 'ett heltal' : 'ett tal';
  const rule = v.max === undefined ? `Ange ${what}, minst ${v.min}` : `Ange ${what} mellan ${v.min} och ${v.max}`;
  return v.warning ? `${rule}. Värdet kan behållas; det kontrolleras när fördelningen beräknas.` : rule;
}

/**
 * A validation's A1 range as 0-based cells: a cell or rectangle ('B5', '$C$2:D4'), a whole column
 * ('D:D': the rows below `headerRow` to the last row of a sheet) or a column from a row down ('L4:L').
 */
export function validationCells(range: string, headerRow: number): CellRange {
  const text = range.replace(/\$/g, '').trim().toUpperCase();
  const whole = /^([A-Z]+):([A-Z]+)$/.exec(text);
  if (whole) {
    const first = columnIndex(whole[1]);
    const last = columnIndex(whole[2]);
    return { row: headerRow + 1, column: first, rowCount: LAST_SHEET_ROW - headerRow - 1, columnCount: last - first + 1 };
  }
  const open = /^([A-Z]+)(\d+):([A-Z]+)$/.exec(text);
  if (open) {
    const row = Number(open[2]) - 1;
    const first = columnIndex(open[1]);
    return { row, column: first, rowCount: LAST_SHEET_ROW - row, columnCount: columnIndex(open[3]) - first + 1 };
  }
  const cells = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(text);
  if (!cells) throw new Error(`ogiltigt område för dataverifiering: ${range}`);
  const row = Number(cells[2]) - 1;
  const column = columnIndex(cells[1]);
  const lastRow = cells[4] ? Number(cells[4]) - 1 : row;
  const lastColumn = cells[3] ? columnIndex(cells[3]) : column;
  return { row, column, rowCount: lastRow - row + 1, columnCount: lastColumn - column + 1 };
}

/** A validation rule with its range resolved (validationCells), as a SheetOutput carries it. */
export function withCells(rule: ValidationRule, headerRow: number): Validation {
  return { ...rule, cells: validationCells(rule.range, headerRow) };
}

/**
 * The data validation of an input column (over `range`, e.g. "D:D"), as the template gives it, or
 * undefined for a column without one (names, region). Regional files reuse it for their answer cells.
 */
export function columnValidationRule<K extends string>(def: ColumnDefinition<K>, range: string): ValidationRule | undefined {
  // Amounts and counts: a warning, not a stop, so that "400 000 kr" or 1 234,5 under a header changed
  // to (tkr) can be kept, as the instructions allow; the reader checks every cell.
  if (def.kind === 'money') return { range, type: 'wholeNumber', min: 0, prompt: 'Hela kronor, 0 eller mer', warning: true };
  if (def.key === 'supportMeasure')
    return {
      range,
      type: 'decimal',
      min: 0,
      prompt: 'Försörjningsmått, 0 eller mer (samma enhet på alla rader)',
      warning: true,
    };
  if (def.kind === 'quantity') return { range, type: 'wholeNumber', min: 0, prompt: 'Ett heltal, 0 eller mer', warning: true };
  if (def.kind === 'months')
    return { range, type: 'wholeNumber', min: 1, max: 12, prompt: 'Verksamhetsmånader i år, 1–12 (tomt = 12)' };
  if (def.kind === 'split') {
    return {
      range,
      type: 'list',
      values: Object.values(SPLIT_METHOD_LABELS),
      prompt: 'Hur kommunernas andel delas (tomt = Invånare)',
    };
  }
  if (def.key === 'vo') return { range, type: 'list', values: VO_VALUES, prompt: 'Försäkringskassans verksamhetsområde' };
  return undefined;
}

function columnValidations<K extends string>(defs: readonly ColumnDefinition<K>[]): Validation[] {
  const out: ValidationRule[] = [];
  defs.forEach((def, i) => {
    const col = columnLetters(i);
    const rule = columnValidationRule(def, `${col}:${col}`);
    if (rule) out.push(rule);
  });
  return out.map((v) => withCells(v, TEMPLATE_HEADER_ROW));
}

function dataSheet<K extends string>(
  name: string,
  title: string,
  note: string,
  defs: readonly ColumnDefinition<K>[],
  widths: number[],
): SheetOutput {
  const headers = defs.map((d) => d.label);
  return {
    name,
    values: [[title], [note], headers],
    numberFormats: [[null], [null], headers.map(() => null)],
    boldRows: [0, TEMPLATE_HEADER_ROW],
    columnWidths: widths,
    validations: columnValidations(defs),
    headerRow: TEMPLATE_HEADER_ROW,
    wrapRows: [TEMPLATE_HEADER_ROW],
  };
}

/**
 * The sheets of an empty round, in tab order: Instruktioner, Parametrar (every parameter with its
 * default, Statlig ram blank), Förbund and Kommuner (title, note, header on row 3, no data), with
 * data validations. Validation ranges are A1 without sheet name: a single cell ("B5") or a whole
 * column ("D:D", meaning the rows below headerRow).
 */
export function templateSheets(options: { applications?: boolean } = {}): SheetOutput[] {
  return [
    instructions(),
    parameters(),
    dataSheet(
      FEDERATION_SHEET,
      'Förbund – en rad per samordningsförbund',
      'Resultatet skrivs i kolumnerna till höger vid varje körning.',
      FEDERATION_COLUMNS,
      [30, 12, 20, 22, 18, 22, 22, 22, 22, 18, 14, 22],
    ),
    dataSheet(
      MUNICIPALITY_SHEET,
      'Kommuner – en rad per kommun eller del av kommun',
      'Förbundets namn skrivs som på bladet Förbund.',
      AREA_COLUMNS,
      [30, 22, 18, 16, 18, 22],
    ),
    ...(options.applications ? [applicationSheet()] : []),
  ];
}

/**
 * An empty `Ansökningar` sheet for a targeted-funds round (riktade medel): title, note, the header on
 * row 3, lists for Typ and Målgrupp (a warning only: several values separated by ; are allowed).
 * `finsam template --riktade` adds it to the template; the pane inserts it into a workbook without one.
 * spec: docs/workbook-format.md §8
 */
export function applicationSheet(): SheetOutput {
  const sheet = dataSheet(
    APPLICATION_SHEET,
    'Ansökningar – en rad per insats (riktade medel)',
    'Rader med samma Ansökan är en ansökan. Gemensam ansökan: förbunden åtskilda med ; (t.ex. "Norrby; Söderby"). Beviljat belopp fylls i av arbetsgruppen.',
    APPLICATION_COLUMNS,
    [14, 30, 36, 30, 34, 18, 20, 18],
  );
  const lists: ValidationRule[] = [];
  APPLICATION_COLUMNS.forEach((def, i) => {
    const col = columnLetters(i);
    if (def.key === 'types')
      lists.push({
        range: `${col}:${col}`,
        type: 'list',
        values: [...TARGETED_INSATS_TYPES, TARGETED_INSATS_TYPES.join('; ')],
        prompt: 'Behovsanalys och plan, Aktiv insats eller båda',
        warning: true,
      });
    if (def.key === 'targetGroups')
      lists.push({
        range: `${col}:${col}`,
        type: 'list',
        values: [...TARGET_GROUPS],
        prompt: 'En eller flera målgrupper, åtskilda med ;',
        warning: true,
      });
  });
  return { ...sheet, validations: [...(sheet.validations ?? []), ...lists.map((v) => withCells(v, TEMPLATE_HEADER_ROW))] };
}
