// readWorkbook: sheets as 2-D arrays → ModelInput and where everything is, or every problem.
// spec: docs/workbook-format.md §1–§4; docs/model.md §I, §1 (the cross checks mirror the engine).
import Decimal from 'decimal.js';
// Numbers are made in the engine's own decimal class: the model gets them as they are (no copy, one class).
import { EngineDecimal as D } from '../engine';
import {
  budgetCoversBase,
  ISSUE_TEXTS,
  isWholeKronor,
  modelParameters,
  returnsAndRequests,
  trappanLimitsInOrder,
  weightsAddUpTo100,
} from '../engine';
import type { AreaInput, FederationInput, ModelInput, ModelParameters, SplitMethod } from '../engine';
import type { CellValue, Problem, ReadResult, SheetValues, WorkbookLayout } from './types';
import { OUTPUT_SHEETS } from './types';
import {
  AREA_COLUMNS,
  AreaField,
  ColumnDefinition,
  companionHeaders,
  FEDERATION_COLUMNS,
  FEDERATION_KEY_HEADERS,
  FEDERATION_SHEET,
  FederationField,
  HeaderMapping,
  mapHeaders,
  MappedColumn,
  MUNICIPALITY_SHEET,
} from './columns';
import { CellRead, dateFormattedProblem, NumberNoun, readMoney, readMonths, readQuantity, readSplitMethod } from './cells';
import { engineText, READ_TEXTS as R } from './messages';
import { ParameterKey, PARAMETER_DEFINITIONS, readParameterValue, scanParameterSheet } from './parameters';
import {
  findHeaderRow,
  findOnlySheet,
  findSheet,
  HEADER_SEARCH_ROWS,
  makeProblem,
  mergedOutputCellMessage,
  sortProblems,
} from './sheets';
import { outputColumnPlacement } from './plan';
import { columnLetters } from './address';
import { cellText, excelErrorMessage, excelErrorOf, isBlank, normalizeKey } from './text';

/** A federation row as read. */
interface FederationRow {
  row: number;
  key: string;
  input: FederationInput;
}

/** An area row as read (federation name as typed; resolved against Förbund later). */
interface AreaRow {
  row: number;
  federationKey: string;
  federationText: string;
  municipalityKey: string;
  areaKey: string;
  input: AreaInput;
  /** population/supportMeasure/supportRecipients cells were readable (or blank) */
  readable: Record<'population' | 'supportMeasure' | 'supportRecipients', boolean>;
}

interface SheetRead<K extends string> {
  sheet: SheetValues;
  headerRow: number;
  mapping: HeaderMapping<K>;
  col: (key: K) => number | undefined;
}

/** Finds a data sheet and maps its header row; pushes the problems of a missing sheet/header/column. */
function openDataSheet<K extends string>(
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
function isBlankRow<K extends string>(row: CellValue[], mapping: HeaderMapping<K>): boolean {
  return Object.values<{ column: number } | undefined>(mapping.columns).every((m) => !m || isBlank(row[m.column]));
}

/**
 * The given cells of a row that show an error value (#N/A from a lookup, #REF!), each reported at its
 * cell; the caller reads them as no name at all.
 */
function errorValueCells<K extends string>(
  keys: readonly K[],
  cell: (key: K) => CellValue | undefined,
  at: (key: K, message: string) => void,
): K[] {
  const found: K[] = [];
  for (const key of keys) {
    const error = excelErrorOf(cell(key));
    if (error === undefined) continue;
    at(key, excelErrorMessage(error));
    found.push(key);
  }
  return found;
}

function nameOf(cell: CellValue | undefined): string {
  return cellText(cell);
}

/** Reads the parameter table into values (kronor, fractions) and their cell rows. */
function readParameters(sheets: SheetValues[], problems: Problem[]) {
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
    // spec: docs/model.md §P — B is whole kronor
    const budget = values.budget;
    const at = valueCell('budget');
    if (budget && at && !isWholeKronor(budget)) {
      problems.push(makeProblem(sheet.name, at.row, at.column, engineText(ISSUE_TEXTS.budgetNotWhole(budget))));
      delete values.budget;
      failed.add('budget');
    }
  }
  const param = (key: ParameterKey): Decimal => {
    const v = values[key];
    if (v) return v;
    const def = PARAMETER_DEFINITIONS.find((d) => d.key === key);
    return new D(def?.default ?? 0);
  };
  return { scan, ok, values, failed, valueCell, param };
}

/** Reads the Förbund sheet's rows. */
function readFederations(sheets: SheetValues[], problems: Problem[]) {
  const opened = openDataSheet<FederationField>(sheets, FEDERATION_SHEET, FEDERATION_COLUMNS, true, problems);
  const rows: FederationRow[] = [];
  if (!opened || opened.col('name') === undefined) return { opened, rows };
  const { sheet, headerRow, mapping } = opened;
  const at = (r: number, key: FederationField, message: string) =>
    problems.push(makeProblem(sheet.name, r, opened.col(key)!, message));
  for (let r = headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    if (isBlankRow(row, mapping)) continue;
    const cell = (key: FederationField) => {
      const c = opened.col(key);
      return c === undefined ? undefined : row[c];
    };
    const name = nameOf(cell('name'));
    const input: FederationInput = { name };
    // A cell showing an error value is never a name, a VO or a region
    const errors = errorValueCells(['name', 'vo', 'region'] as const, cell, (key, message) => at(r, key, message));
    const take = <T>(key: FederationField, read: CellRead<T>, set: (v: T) => void) => {
      if (read === null) return;
      if (!read.ok) at(r, key, read.message);
      else set(read.value);
    };
    // spec: docs/workbook-format.md §1 — a number in a cell formatted as a date or time is an error
    const notDate = <T>(key: FederationField, noun: NumberNoun, read: () => CellRead<T>): CellRead<T> => {
      const c = opened.col(key);
      const dated = c === undefined ? undefined : dateFormattedProblem(row[c], sheet.numberFormats?.[r]?.[c], noun);
      return dated ? { ok: false, message: dated } : read();
    };
    const money = (key: FederationField) =>
      notDate(key, 'ett belopp', () => readMoney(cell(key), mapping.columns[key]?.multiplier ?? 1));
    const vo = errors.includes('vo') ? '' : cellText(cell('vo'));
    if (vo) input.vo = vo;
    const region = errors.includes('region') ? '' : cellText(cell('region'));
    if (region) input.region = region;
    take('previousAllocation', money('previousAllocation'), (v) => (input.previousAllocation = v));
    take('equity', money('equity'), (v) => (input.equity = v));
    take('previousTotalFunds', money('previousTotalFunds'), (v) => (input.previousTotalFunds = v));
    take('municipalContribution', money('municipalContribution'), (v) => (input.municipalContribution = v));
    take('regionContribution', money('regionContribution'), (v) => (input.regionContribution = v));
    take('request', money('request'), (v) => (input.request = v));
    take('returned', money('returned'), (v) => (input.returned = v));
    take(
      'months',
      notDate('months', 'ett antal månader', () => readMonths(cell('months'))),
      (v) => (input.months = v),
    );
    take('splitMethod', readSplitMethod(cell('splitMethod')), (v: SplitMethod) => (input.splitMethod = v));
    if (errors.includes('name')) continue;
    if (!name) {
      at(r, 'name', R.federationNameMissing);
      continue;
    }
    rows.push({ row: r, key: normalizeKey(name), input });
  }
  return { opened, rows };
}

/** Reads the Kommuner sheet's rows. */
function readAreas(sheets: SheetValues[], problems: Problem[]) {
  const opened = openDataSheet<AreaField>(sheets, MUNICIPALITY_SHEET, AREA_COLUMNS, false, problems);
  const rows: AreaRow[] = [];
  if (!opened) return { opened, rows };
  const { sheet, headerRow, mapping } = opened;
  const at = (r: number, k: AreaField, message: string) => problems.push(makeProblem(sheet.name, r, opened.col(k)!, message));
  const required = AREA_COLUMNS.filter((d) => d.required);
  if (required.some((d) => opened.col(d.key) === undefined)) return { opened, rows };
  for (let r = headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    if (isBlankRow(row, mapping)) continue;
    const cell = (k: AreaField) => {
      const c = opened.col(k);
      return c === undefined ? undefined : row[c];
    };
    // A cell showing an error value is reported, and read as no name
    const errors = errorValueCells(['federation', 'municipality', 'area'] as const, cell, (k, message) => at(r, k, message));
    const nameIn = (k: 'federation' | 'municipality' | 'area') => (errors.includes(k) ? '' : nameOf(cell(k)));
    const federationText = nameIn('federation');
    const municipality = nameIn('municipality');
    const area = nameIn('area');
    const readable = { population: true, supportMeasure: true, supportRecipients: true };
    const quantity = (k: 'population' | 'supportMeasure' | 'supportRecipients', what: 'antal' | 'belopp', label: string) => {
      const c = opened.col(k)!;
      const dated = dateFormattedProblem(row[c], sheet.numberFormats?.[r]?.[c], what === 'antal' ? 'ett antal' : 'ett belopp');
      const read: CellRead<Decimal> = dated
        ? { ok: false, message: dated }
        : readQuantity(cell(k), mapping.columns[k]?.multiplier ?? 1, what);
      if (read === null) {
        if (k !== 'supportRecipients') {
          at(r, k, R.valueMissing(label));
          readable[k] = false;
        }
        return undefined;
      }
      if (!read.ok) {
        at(r, k, read.message);
        readable[k] = false;
        return undefined;
      }
      return read.value;
    };
    const population = quantity('population', 'antal', 'Invånare 16–64');
    const supportMeasure = quantity('supportMeasure', 'belopp', 'Försörjningsmått');
    const supportRecipients =
      opened.col('supportRecipients') === undefined
        ? undefined
        : quantity('supportRecipients', 'antal', 'Försörjningsstödstagare');
    if (!federationText && !errors.includes('federation')) at(r, 'federation', R.federationNameMissing);
    if (!municipality && !errors.includes('municipality')) at(r, 'municipality', R.municipalityNameMissing);
    const input: AreaInput = {
      federation: federationText,
      municipality,
      population: population ?? new D(0),
      supportMeasure: supportMeasure ?? new D(0),
    };
    if (area) input.area = area;
    if (supportRecipients !== undefined) input.supportRecipients = supportRecipients;
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

/**
 * Last column, other than output columns, in use from the header row down: a header or any value, a
 * cell the host reports as occupied (a formula whose result is empty or unknown), or the right edge
 * of a merged range that starts in such a column and covers the header row or a federation row (an
 * output cell there would be part of the merge). Merged ranges only below or between the federations
 * do not count: a run writes nothing in those rows of a new output column.
 */
function lastInputColumn(sheet: SheetValues, headerRow: number, mapping: HeaderMapping<string>, dataRows: number[]): number {
  const output = new Set<number>([...Object.values(mapping.outputColumns), ...mapping.duplicateOutputColumns]);
  let last = mapping.lastHeaderColumn;
  for (let r = headerRow; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    for (let c = row.length - 1; c > last; c--) {
      if (!output.has(c) && !isBlank(row[c])) {
        last = c;
        break;
      }
    }
  }
  for (const { row, column } of sheet.occupied ?? []) {
    if (row >= headerRow && column > last && !output.has(column)) last = column;
  }
  const written = new Set([headerRow, ...dataRows]);
  for (const merge of sheet.merges ?? []) {
    const right = merge.column + merge.columnCount - 1;
    if (right <= last || output.has(merge.column) || merge.row + merge.rowCount - 1 < headerRow) continue;
    let covers = false;
    for (let r = merge.row; r < merge.row + merge.rowCount && !covers; r++) covers = written.has(r);
    if (covers) last = right;
  }
  return last;
}

function columnsOf(m: HeaderMapping<string>): Record<string, number> {
  return Object.fromEntries(Object.entries(m.columns).map(([k, v]) => [k, (v as { column: number }).column]));
}

/** Where the Förbund sheet's rows and columns are, and so where a run writes (WorkbookLayout.federationSheet). */
function federationLayout(opened: SheetRead<FederationField>, rows: FederationRow[]): WorkbookLayout['federationSheet'] {
  const dataRows = rows.map((f) => f.row);
  return {
    name: opened.sheet.name,
    headerRow: opened.headerRow,
    dataRows,
    lastInputColumn: lastInputColumn(opened.sheet, opened.headerRow, opened.mapping, dataRows),
    existingOutputColumns: { ...opened.mapping.outputColumns },
    rowCount: opened.sheet.values.length,
    columns: columnsOf(opened.mapping),
    duplicateOutputColumns: [...opened.mapping.duplicateOutputColumns],
  };
}

/**
 * The cells a run writes on Förbund (its output columns, outputColumnPlacement, in the header row and
 * the federation rows) that are part of a merged range: a value written there would land in the
 * range's top-left cell, perhaps an input cell. Each is a problem, found by the reader so that it is
 * reported together with the input's problems (a host checks again before writing: writeConflicts).
 */
function mergeConflicts(sheet: SheetValues, layout: WorkbookLayout['federationSheet']): Problem[] {
  const merges = sheet.merges ?? [];
  if (merges.length === 0) return [];
  const columns = outputColumnPlacement({ federationSheet: layout } as Pick<WorkbookLayout, 'federationSheet'> as WorkbookLayout);
  const problems: Problem[] = [];
  for (const row of [layout.headerRow, ...layout.dataRows]) {
    for (const column of columns) {
      const merge = merges.find(
        (m) => row >= m.row && row < m.row + m.rowCount && column >= m.column && column < m.column + m.columnCount,
      );
      if (merge && (merge.rowCount > 1 || merge.columnCount > 1)) {
        problems.push(
          makeProblem(sheet.name, row, column, mergedOutputCellMessage(`${columnLetters(merge.column)}${merge.row + 1}`)),
        );
      }
    }
  }
  return problems;
}

/**
 * Reads a workbook given as sheets of cell values. Returns the engine input and the layout, or every
 * problem found (each with its address and Swedish message), sorted by sheet, row and column.
 */
export function readWorkbook(sheets: SheetValues[]): ReadResult {
  const problems: Problem[] = [];
  const params = readParameters(sheets, problems);
  const feds = readFederations(sheets, problems);
  const areas = readAreas(sheets, problems);
  const fedSheet = feds.opened;
  const areaSheet = areas.opened;
  const fedProblem = (f: FederationRow, k: FederationField, message: string) => {
    if (!fedSheet) return;
    const c = fedSheet.col(k) ?? fedSheet.col('name')!;
    problems.push(makeProblem(fedSheet.sheet.name, f.row, c, message));
  };
  const areaProblem = (a: AreaRow, k: AreaField, message: string) => {
    if (!areaSheet) return;
    problems.push(makeProblem(areaSheet.sheet.name, a.row, areaSheet.col(k) ?? areaSheet.col('federation')!, message));
  };

  // Unique federations (spec: docs/workbook-format.md §3.1 — Förbund "yes, unique")
  const federations = new Map<string, FederationRow>();
  for (const f of feds.rows) {
    const first = federations.get(f.key);
    if (first) fedProblem(f, 'name', R.federationTwice(f.input.name, first.row + 1));
    else federations.set(f.key, f);
  }
  const federationsOk = !!fedSheet && fedSheet.col('name') !== undefined;
  const areasOk = !!areaSheet && AREA_COLUMNS.every((d) => !d.required || areaSheet.col(d.key) !== undefined);

  // Areas: known federation, no duplicates (spec: docs/workbook-format.md §4)
  const seenInFederation = new Map<string, AreaRow>();
  const seenMunicipality = new Map<string, AreaRow>();
  const rowsOfMunicipality = new Map<string, AreaRow[]>();
  const areasPerFederation = new Map<string, AreaRow[]>();
  for (const a of areas.rows) {
    if (!a.federationKey) continue;
    const fed = federations.get(a.federationKey);
    if (!fed) {
      if (federationsOk) areaProblem(a, 'federation', R.federationNotOnSheet(a.federationText, fedSheet!.sheet.name));
    } else {
      a.input.federation = fed.input.name;
      const list = areasPerFederation.get(fed.key) ?? [];
      list.push(a);
      areasPerFederation.set(fed.key, list);
    }
    if (!a.municipalityKey) continue;
    const place = `${a.municipalityKey}\u0000${a.areaKey}`;
    const what = R.areaWhat(a.input.municipality, a.input.area);
    const sameFed = seenInFederation.get(`${a.federationKey}\u0000${place}`);
    if (sameFed) {
      areaProblem(a, 'municipality', R.areaTwiceInFederation(what, a.federationText, sameFed.row + 1));
      continue;
    }
    seenInFederation.set(`${a.federationKey}\u0000${place}`, a);
    const other = seenMunicipality.get(place);
    if (other && other.federationKey !== a.federationKey) {
      areaProblem(a, 'municipality', R.areaInOtherFederation(what, other.input.federation, other.row + 1, !!a.input.area));
      continue;
    }
    // A municipality split between federations needs an Område on every row: one row without it
    // and another in a different federation cannot be told apart (engine: the split by area).
    const sameMunicipality = rowsOfMunicipality.get(a.municipalityKey) ?? [];
    const unsplit = sameMunicipality.find((o) => o.federationKey !== a.federationKey && (!o.areaKey || !a.areaKey));
    if (unsplit) {
      areaProblem(
        a,
        areaSheet?.col('area') !== undefined ? 'area' : 'municipality',
        R.splitMunicipalityNeedsArea(a.input.municipality, unsplit.input.federation, unsplit.row + 1),
      );
      continue;
    }
    sameMunicipality.push(a);
    rowsOfMunicipality.set(a.municipalityKey, sameMunicipality);
    if (!other) seenMunicipality.set(place, a);
  }

  // Per federation checks
  for (const f of federations.values()) {
    const list = areasPerFederation.get(f.key) ?? [];
    if (areasOk && list.length === 0) {
      fedProblem(f, 'name', R.federationWithoutAreas(f.input.name, areaSheet!.sheet.name));
    }
    // spec: docs/model.md §I — a federation cannot both return and request
    if (returnsAndRequests(f.input.returned, f.input.request)) {
      fedProblem(
        f,
        'request',
        engineText(ISSUE_TEXTS.returnAndRequest(ISSUE_TEXTS.federationWho(f.input.name, 0), f.input.returned!, f.input.request!)),
      );
    }
    // spec: docs/model.md §9 — försörjningsstöd split needs fs on every area
    if (areasOk && list.length > 0) {
      if (f.input.splitMethod === 'forsorjningsstod' && areaSheet!.col('supportRecipients') !== undefined) {
        for (const a of list) {
          if (a.input.supportRecipients === undefined && a.readable.supportRecipients) {
            areaProblem(a, 'supportRecipients', R.recipientsMissing(f.input.name));
          }
        }
      }
    }
  }
  if (areasOk && areaSheet!.col('supportRecipients') === undefined) {
    const needing = [...federations.values()].filter((f) => f.input.splitMethod === 'forsorjningsstod');
    if (needing.length > 0) {
      const headerCells = areaSheet!.sheet.values[areaSheet!.headerRow] ?? [];
      let lastAny = -1;
      headerCells.forEach((c, i) => {
        if (!isBlank(c)) lastAny = i;
      });
      const names = needing.map((f) => `"${f.input.name}"`).join(', ');
      problems.push(makeProblem(areaSheet!.sheet.name, areaSheet!.headerRow, lastAny + 1, R.recipientsColumnMissing(names)));
    }
  }

  // At least one federation (engine: NO_FEDERATIONS)
  if (
    federationsOk &&
    feds.rows.length === 0 &&
    !problems.some((p) => p.sheet === fedSheet!.sheet.name && p.row > fedSheet!.headerRow + 1)
  ) {
    problems.push(
      makeProblem(fedSheet!.sheet.name, fedSheet!.headerRow + 1, fedSheet!.col('name')!, R.noFederations(fedSheet!.sheet.name)),
    );
  }
  // ΣFM > 0 and ΣPOP > 0 when their weight is (spec: docs/model.md §1)
  if (areasOk && areas.rows.length > 0) {
    for (const [field, label, weight] of [
      ['population', 'Invånare 16–64', 'weightPopulation'],
      ['supportMeasure', 'Försörjningsmått', 'weightSupportMeasure'],
    ] as const) {
      if (params.failed.has(weight) || params.param(weight).isZero()) continue;
      if (areas.rows.every((a) => a.readable[field] && a.input[field].isZero())) {
        problems.push(makeProblem(areaSheet!.sheet.name, areaSheet!.headerRow, areaSheet!.col(field)!, R.zeroTotal(label)));
      }
    }
  }
  // Parameters that depend on each other (spec: docs/model.md §P, §1)
  if (params.ok && params.scan.sheet) {
    const sheetName = params.scan.sheet.name;
    const placeOf = (k: ParameterKey) => params.valueCell(k) ?? { row: params.scan.headerRow, column: params.scan.labelColumn };
    const wfm = params.param('weightSupportMeasure');
    const wpop = params.param('weightPopulation');
    const weightsRead = !params.failed.has('weightSupportMeasure') && !params.failed.has('weightPopulation');
    if (weightsRead && !weightsAddUpTo100(wfm, wpop)) {
      const where = params.valueCell('weightSupportMeasure') ? placeOf('weightSupportMeasure') : placeOf('weightPopulation');
      problems.push(makeProblem(sheetName, where.row, where.column, engineText(ISSUE_TEXTS.weightsNot100(wfm, wpop))));
    }
    const l1 = params.param('trappanLimit1');
    const l2 = params.param('trappanLimit2');
    if (!params.failed.has('trappanLimit1') && !params.failed.has('trappanLimit2') && !trappanLimitsInOrder(l1, l2)) {
      const where = params.valueCell('trappanLimit2') ? placeOf('trappanLimit2') : placeOf('trappanLimit1');
      problems.push(makeProblem(sheetName, where.row, where.column, engineText(ISSUE_TEXTS.trappanLimitsOrder(l1, l2))));
    }
    const budget = params.values.budget;
    const n = federations.size;
    const g = params.param('baseAllocation');
    if (budget && n > 0 && !params.failed.has('baseAllocation') && !budgetCoversBase(budget, n, g)) {
      const where = placeOf('budget');
      problems.push(
        makeProblem(sheetName, where.row, where.column, engineText(ISSUE_TEXTS.budgetTooSmall(budget, n, g, g.times(n)))),
      );
    }
  }

  // Merged cells where the run would write its output: reported with the input's problems (all at once)
  if (fedSheet) problems.push(...mergeConflicts(fedSheet.sheet, federationLayout(fedSheet, feds.rows)));

  // Kommunbidrag and Körlogg are replaced by a run: two sheets matching one of them is an error too
  for (const name of OUTPUT_SHEETS) findOnlySheet(sheets, name, problems);

  if (problems.length > 0 || !fedSheet || !areaSheet || !params.scan.sheet) {
    if (problems.length === 0) throw new Error('internal: missing sheet without a problem');
    return { ok: false, problems: sortProblems(problems) };
  }

  const parameters: ModelParameters = modelParameters(
    (key) => (key === 'budget' ? params.values.budget! : params.param(key)),
    params.values.year ? params.values.year.toNumber() : undefined,
  );

  const input: ModelInput = {
    parameters,
    federations: feds.rows.map((f) => f.input),
    areas: areas.rows.map((a) => a.input),
  };
  const existingOutputSheets: Record<string, string> = {};
  for (const name of OUTPUT_SHEETS) {
    const s = findSheet(sheets, name);
    if (s) existingOutputSheets[name] = s.name;
  }
  const paramRows: Record<string, number> = {};
  for (const [k, v] of Object.entries(params.scan.rows)) if (v) paramRows[k] = v.row;
  const layout: WorkbookLayout = {
    federationSheet: federationLayout(fedSheet, feds.rows),
    municipalitySheet: {
      name: areaSheet.sheet.name,
      headerRow: areaSheet.headerRow,
      dataRows: areas.rows.map((a) => a.row),
      columns: columnsOf(areaSheet.mapping),
    },
    parameterSheet: {
      name: params.scan.sheet.name,
      headerRow: params.scan.headerRow,
      valueColumn: params.scan.valueColumn,
      labelColumn: params.scan.labelColumn,
      rows: paramRows,
    },
    existingOutputSheets,
  };
  return { ok: true, input, layout };
}

/**
 * Which cells a run reads, as a test on a sheet name (as in the workbook) and a 0-based cell: on
 * Parametrar the header row and, below it, the Parameter and Värde columns; on Förbund and Kommuner
 * the header row and, below it, the input columns (not unknown columns, not output columns). Rows
 * above a header row (titles, notes) are not read; when a sheet has no header row, its first ten
 * rows are (the header is looked for there). Other sheets are never read.
 * A host uses it to tell which cells matter, e.g. a formula without a calculated value.
 */
export function cellsRead(sheets: SheetValues[]): (sheet: string, row: number, column: number) => boolean {
  const rules = new Map<string, (row: number, column: number) => boolean>();
  const searchOnly = (row: number): boolean => row < HEADER_SEARCH_ROWS;
  const params = scanParameterSheet(sheets);
  if (params.sheet) {
    const { headerRow, labelColumn, valueColumn } = params;
    rules.set(
      params.sheet.name,
      headerRow < 0
        ? searchOnly
        : (row, column) => row === headerRow || (row > headerRow && (column === labelColumn || column === valueColumn)),
    );
  }
  for (const [canonical, defs, withOutput] of [
    [FEDERATION_SHEET, FEDERATION_COLUMNS, true],
    [MUNICIPALITY_SHEET, AREA_COLUMNS, false],
  ] as const) {
    const sheet = findSheet(sheets, canonical);
    if (!sheet) continue;
    const header = findHeaderRow(sheet.values, FEDERATION_KEY_HEADERS, companionHeaders<string>(defs, withOutput));
    if (!header) {
      rules.set(sheet.name, searchOnly);
      continue;
    }
    const mapping = mapHeaders<string>(sheet.name, sheet.values[header.row] ?? [], header.row, defs, withOutput);
    const inputColumns = new Set(Object.values<MappedColumn | undefined>(mapping.columns).map((m) => m?.column));
    rules.set(sheet.name, (row, column) => row === header.row || (row > header.row && inputColumns.has(column)));
  }
  return (sheet, row, column) => rules.get(sheet)?.(row, column) ?? false;
}
