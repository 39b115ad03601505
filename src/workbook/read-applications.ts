// Reading a targeted-funds round (riktade medel): the sheet Ansökningar, Förbund's names and VO, the pot
// (Parametrar's Riktade medel, else Körlogg's Ej fördelat) and the cap, into the engine's TargetedInput
// and where everything is, or every problem at its cell. The rules are the engine's (validateTargeted),
// each issue placed at its cell here.
// spec: docs/workbook-format.md §8.1, §8.3
import Decimal from 'decimal.js';
import {
  EngineDecimal as D,
  nameKey,
  TARGET_GROUPS,
  TARGETED_INSATS_TYPES,
  TARGETED_TEXTS,
  resolveTargetedPot,
  validateTargeted,
} from '../engine';
import type {
  TargetGroup,
  TargetedFederationInput,
  TargetedInput,
  TargetedInsatsType,
  TargetedIssue,
  TargetedRowInput,
} from '../engine';
import type { CellValue, Problem, SheetValues } from './types';
import { RUN_LOG_SHEET } from './types';
import {
  APPLICATION_COLUMNS,
  APPLICATION_KEY_HEADERS,
  APPLICATION_OUTPUT_HEADERS,
  APPLICATION_SHEET,
  LIST_SEPARATOR,
} from './application-columns';
import type { ApplicationColumn, ApplicationField } from './application-columns';
import { mapHeaders } from './columns';
import type { HeaderMapping } from './columns';
import { cellAddress, columnLetters } from './address';
import { quoted, readMoney } from './cells';
import { engineText, READ_TEXTS as R } from './messages';
import { isDateTimeFormat } from './numbers';
import { modelParameterDefinition, parameterDefinition, readParameterValue, scanParameterSheet } from './parameters';
import { isBlankRow, rowReader } from './read-rows';
import type { SheetRead } from './read-rows';
import { readFederations } from './read-federations';
import { columnsOf, lastInputColumn } from './read-layout';
import { runsOf } from './plan';
import { findHeaderRow, findOnlySheet, findSheet, makeProblem, sortProblems } from './sheets';
import { cellText, foldDiacritics, isBlank, normalizeKey } from './text';

/** Where Ansökningar's rows and columns are, so that a targeted run can be written back in place. */
export interface ApplicationLayout {
  /** the sheet's name as spelled in the workbook */
  name: string;
  /** 0-based header row */
  headerRow: number;
  /** 0-based row of each insats, in TargetedInput.rows order */
  dataRows: number[];
  /** 0-based last column in use other than output columns (read-layout's lastInputColumn) */
  lastInputColumn: number;
  /** 0-based column of each output header already present (rerun), keyed by APPLICATION_OUTPUT_HEADERS */
  existingOutputColumns: Record<string, number>;
  /** further columns carrying an output header (the user's, left alone) */
  duplicateOutputColumns: number[];
  /** 0-based column of each input column found, keyed by ApplicationField */
  columns: Record<string, number>;
  /** rows in the sheet as read */
  rowCount: number;
}

/** Where the pot came from: the parameter, or the ordinary run's Ej fördelat on Körlogg. */
export interface PotSource {
  kind: 'parameter' | 'runLog';
  /** the cell it was read from, "Parametrar!B14" or "Körlogg!B7" */
  address: string;
}

export type ApplicationsRead =
  { ok: true; input: TargetedInput; layout: ApplicationLayout; potSource: PotSource } | { ok: false; problems: Problem[] };

/** The label of Körlogg's row that a targeted round takes its pot from when Riktade medel is blank. */
export const RUN_LOG_UNDISTRIBUTED_LABEL = 'Ej fördelat (kr)';

// spec: docs/workbook-format.md §8 — list cells: values separated by `;`
export function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A listed value matched to a known one (case, white space and å/ä/ö folded); unknown values stay as typed. */
function canonicalValue<T extends string>(value: string, known: readonly T[]): T {
  const key = foldDiacritics(normalizeKey(value));
  return known.find((k) => foldDiacritics(normalizeKey(k)) === key) ?? (value as T);
}

/** Excel's largest date serial (9999-12-31). */
const LAST_DATE_SERIAL = 2958465;

// spec: docs/workbook-format.md §8 — Återrapport senast: a date (a date cell, or ÅÅÅÅ-MM-DD as text)
export function readDateCell(cell: CellValue | undefined, numberFormat?: string | null): string | undefined {
  if (isBlank(cell)) return undefined;
  if (typeof cell === 'number') {
    const ok =
      Number.isInteger(cell) &&
      cell >= 1 &&
      cell <= LAST_DATE_SERIAL &&
      (numberFormat == null || isDateTimeFormat(numberFormat) || numberFormat === 'General');
    return ok ? undefined : R.notADate(quoted(cell));
  }
  const text = cellText(cell);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]))
      return undefined;
  }
  return R.notADate(quoted(cell));
}

/** Ansökningar opened: the sheet, its header row and the columns mapped (output headers apart). */
export function openApplicationSheet(sheets: SheetValues[], problems: Problem[]): SheetRead<ApplicationField> | undefined {
  const sheet = findOnlySheet(sheets, APPLICATION_SHEET, problems);
  if (!sheet) {
    problems.push(makeProblem(APPLICATION_SHEET, 0, 0, R.sheetMissing(APPLICATION_SHEET)));
    return undefined;
  }
  const companions = [
    ...APPLICATION_COLUMNS.filter((d) => d.key !== 'application').flatMap((d) => [d.label, ...d.synonyms]),
    ...APPLICATION_OUTPUT_HEADERS,
  ];
  const header = findHeaderRow(sheet.values, APPLICATION_KEY_HEADERS, companions);
  if (!header) {
    problems.push(makeProblem(sheet.name, 0, 0, R.headerMissing(APPLICATION_KEY_HEADERS[0])));
    return undefined;
  }
  const mapping: HeaderMapping<ApplicationField> = mapHeaders(
    sheet.name,
    sheet.values[header.row] ?? [],
    header.row,
    APPLICATION_COLUMNS,
    true,
    APPLICATION_OUTPUT_HEADERS,
  );
  problems.push(...mapping.problems);
  return { sheet, headerRow: header.row, mapping, col: (key) => mapping.columns[key]?.column };
}

/** Körlogg's Ej fördelat (kr): the ordinary run's undistributed funds, with its cell (undefined when there is none). */
export function runLogUndistributed(sheets: SheetValues[], problems: Problem[]): { value: Decimal; address: string } | undefined {
  const log = findSheet(sheets, RUN_LOG_SHEET);
  if (!log) return undefined;
  const key = normalizeKey(RUN_LOG_UNDISTRIBUTED_LABEL);
  const row = log.values.findIndex((r) => normalizeKey(r?.[0]) === key);
  if (row < 0) return undefined;
  const read = readMoney(log.values[row]?.[1], 1);
  if (read === null) return undefined;
  if (!read.ok) {
    problems.push(makeProblem(log.name, row, 1, read.message));
    return undefined;
  }
  return { value: read.value, address: cellAddress(log.name, row, 1) };
}

/** Förbund's names and VO (the other columns are the ordinary round's); problems in those two columns only. */
function readFederationNames(sheets: SheetValues[], problems: Problem[]): TargetedFederationInput[] | undefined {
  const own: Problem[] = [];
  const feds = readFederations(sheets, own);
  const opened = feds.opened;
  const columns = new Set([opened?.col('name'), opened?.col('vo')].filter((c) => c !== undefined).map((c) => (c as number) + 1));
  problems.push(...own.filter((p) => !opened || opened.col('name') === undefined || columns.has(p.column)));
  if (!opened || opened.col('name') === undefined) return undefined;
  return feds.rows.map((f) => ({ name: f.input.name, ...(f.input.vo ? { vo: f.input.vo } : {}) }));
}

/** "G5, G7:G9": the cells of one column in the given rows (0-based), runs of rows as ranges. */
function cellList(column: number, rows: readonly number[]): string {
  const letters = columnLetters(column);
  return runsOf(rows)
    .map(([start, count]) => (count === 1 ? `${letters}${start + 1}` : `${letters}${start + 1}:${letters}${start + count}`))
    .join(', ');
}

/**
 * Reads a targeted-funds round: every problem of Ansökningar, of Förbund's names and VO, of the pot and
 * the cap, and the engine's rules (validateTargeted) each at its cell; sorted, all at once.
 */
export function readApplications(sheets: SheetValues[]): ApplicationsRead {
  const problems: Problem[] = [];
  const opened = openApplicationSheet(sheets, problems);
  const federations = readFederationNames(sheets, problems);

  // Parametrar: Riktade medel (the pot) and Tak riktade medel (the cap)
  const scan = scanParameterSheet(sheets);
  problems.push(...scan.problems);
  const parameterCell = (key: 'targetedFunds' | 'targetedFundsCap') => {
    const found = scan.rows[key];
    if (!scan.sheet || scan.valueColumn < 0 || !found) return undefined;
    return { row: found.row, column: scan.valueColumn, multiplier: found.multiplier };
  };
  const parameter = (key: 'targetedFunds' | 'targetedFundsCap'): Decimal | undefined | 'failed' => {
    const at = parameterCell(key);
    if (!at || !scan.sheet) return undefined;
    const read = readParameterValue(
      modelParameterDefinition(key),
      scan.sheet.values[at.row]?.[at.column],
      at.multiplier,
      scan.sheet.numberFormats?.[at.row]?.[at.column],
    );
    if (read === null) return undefined;
    if (!read.ok) {
      problems.push(makeProblem(scan.sheet.name, at.row, at.column, read.message));
      return 'failed';
    }
    return read.value;
  };
  const potParameter = parameter('targetedFunds');
  const capParameter = parameter('targetedFundsCap');
  const undistributed = potParameter === undefined ? runLogUndistributed(sheets, problems) : undefined;
  const resolved = resolveTargetedPot(
    potParameter === 'failed' ? undefined : potParameter,
    potParameter === 'failed' ? new D(0) : undistributed?.value,
  );
  const potAt = parameterCell('targetedFunds');
  const parameterSheetName = scan.sheet?.name ?? 'Parametrar';
  const potSource: PotSource =
    potParameter !== undefined || !undistributed
      ? {
          kind: 'parameter',
          address: cellAddress(parameterSheetName, potAt?.row ?? scan.lastRow + 1, potAt?.column ?? scan.labelColumn),
        }
      : { kind: 'runLog', address: undistributed.address };

  // The rows of Ansökningar
  const inputRows: TargetedRowInput[] = [];
  const sheetRows: number[] = [];
  const failedCells = new Set<string>();
  if (opened) {
    for (let r = opened.headerRow + 1; r < opened.sheet.values.length; r++) {
      if (isBlankRow(opened.sheet.values[r] ?? [], opened.mapping)) continue;
      const reader = rowReader(opened, r, problems);
      const row: Record<string, unknown> = {};
      for (const def of APPLICATION_COLUMNS as readonly ApplicationColumn[]) {
        if (opened.col(def.key) === undefined) continue;
        const mark = () => failedCells.add(`${r}:${opened.col(def.key)}`);
        if (def.date) {
          const message = readDateCell(reader.cell(def.key), opened.sheet.numberFormats?.[r]?.[opened.col(def.key)!]);
          if (message) reader.at(def.key, message);
        } else if (def.kind === 'money') {
          const read = reader.read(def);
          if (read === null) {
            if (def.required) {
              reader.at(def.key, R.valueMissing(def.label.replace(/\s*\(kr\)$/, '')));
              mark();
            }
          } else if (!read.ok) {
            reader.at(def.key, read.message);
            mark();
          } else row[def.key] = read.value;
        } else {
          const text = reader.name(def.key);
          if (text === undefined) mark();
          else if (def.list) row[def.key] = splitList(text);
          else row[def.key] = text;
        }
      }
      const types = ((row.types as string[] | undefined) ?? []).map((t) => canonicalValue(t, TARGETED_INSATS_TYPES));
      const groups = ((row.targetGroups as string[] | undefined) ?? []).map((g) => canonicalValue(g, TARGET_GROUPS));
      inputRows.push({
        application: (row.application as string | undefined) ?? '',
        federations: (row.federations as string[] | undefined) ?? [],
        insats: (row.insats as string | undefined) ?? '',
        types: types as TargetedInsatsType[],
        targetGroups: groups as TargetGroup[],
        requested: row.requested as Decimal,
        ...(row.granted !== undefined ? { granted: row.granted as Decimal } : {}),
      });
      sheetRows.push(r);
    }
    const structural = problems.some((p) => p.sheet === opened.sheet.name && p.row === opened.headerRow + 1);
    if (inputRows.length === 0 && !structural) {
      problems.push(
        makeProblem(opened.sheet.name, opened.headerRow + 1, opened.col('application') ?? 0, R.noApplications(opened.sheet.name)),
      );
    }
  }

  // The engine's rules, each issue at its cell (an issue at a cell that already has a problem has the same cause)
  const input: TargetedInput = {
    rows: inputRows,
    federations: federations ?? [],
    pot: resolved.pot ?? new D(0),
    cap:
      capParameter === undefined || capParameter === 'failed'
        ? new D(parameterDefinition('targetedFundsCap').default ?? 0)
        : capParameter,
  };
  const taken = new Set([...failedCells, ...problems.map((p) => `${p.sheet}!${p.row - 1}:${p.column - 1}`)]);
  // The engine counts rows of its input; on the sheet they are the sheet's rows
  const sheetRowText = (issue: TargetedIssue): string => {
    const at = issue.rows[0];
    if (issue.code === 'APPLICATION_MISSING') return TARGETED_TEXTS.APPLICATION_MISSING(sheetRows[at] + 1);
    if (issue.code === 'APPLICATION_INCONSISTENT' && issue.field) {
      const key = nameKey(inputRows[at].application);
      const first = inputRows.findIndex((r) => nameKey(r.application) === key);
      return TARGETED_TEXTS.APPLICATION_INCONSISTENT(inputRows[at].application, issue.field, sheetRows[first] + 1);
    }
    return issue.message;
  };
  const place = (issue: TargetedIssue): Problem | undefined => {
    const message = engineText(sheetRowText(issue));
    if (issue.field === 'pot' || issue.field === 'cap') {
      if (issue.field === 'pot' && potParameter === 'failed') return undefined;
      if (issue.field === 'cap' && capParameter === 'failed') return undefined;
      if (issue.field === 'pot' && potSource.kind === 'runLog' && undistributed) {
        const log = findSheet(sheets, RUN_LOG_SHEET)!;
        const row = log.values.findIndex((r) => normalizeKey(r?.[0]) === normalizeKey(RUN_LOG_UNDISTRIBUTED_LABEL));
        return makeProblem(log.name, row, 1, message);
      }
      const at = parameterCell(issue.field === 'pot' ? 'targetedFunds' : 'targetedFundsCap');
      return at
        ? makeProblem(parameterSheetName, at.row, at.column, message)
        : makeProblem(parameterSheetName, Math.max(0, scan.lastRow + 1), scan.labelColumn, message);
    }
    if (!opened || !federations || issue.rows.length === 0) return undefined;
    // A column that is missing has its own problem (at the header row): its rows' issues have the same cause
    const field = (issue.field ?? 'application') as ApplicationField;
    if (opened.col(field) === undefined || (issue.code === 'GRANTED_ABOVE_REQUESTED' && opened.col('requested') === undefined))
      return undefined;
    const column = opened.col(field)!;
    const rows = issue.rows.map((i) => sheetRows[i]);
    if (taken.has(`${rows[0]}:${column}`)) return undefined;
    const text = rows.length > 1 ? `${message} ${R.inCells(cellList(column, rows))}` : message;
    return makeProblem(opened.sheet.name, rows[0], column, text);
  };
  // Problems of cells the engine sees as missing values are the reader's (already reported)
  const issues = validateTargeted(input).filter(
    (i) => !(i.field === 'requested' && i.rows.some((k) => taken.has(`${sheetRows[k]}:${opened?.col('requested')}`))),
  );
  for (const issue of issues) {
    if (issue.code === 'POT_MISSING') continue;
    const problem = place(issue);
    if (!problem) continue;
    const key = `${problem.sheet}!${problem.row - 1}:${problem.column - 1}\u0000${problem.message}`;
    if (taken.has(key)) continue;
    taken.add(key);
    problems.push(problem);
  }
  if (resolved.issue && potParameter !== 'failed') {
    problems.push(
      potAt
        ? makeProblem(parameterSheetName, potAt.row, potAt.column, engineText(resolved.issue.message))
        : makeProblem(parameterSheetName, Math.max(0, scan.lastRow + 1), scan.labelColumn, engineText(resolved.issue.message)),
    );
  }

  if (problems.length > 0 || !opened || !federations) {
    if (problems.length === 0) throw new Error('internal: unreadable round without a problem');
    return { ok: false, problems: sortProblems(problems) };
  }
  const mapping = opened.mapping;
  const layout: ApplicationLayout = {
    name: opened.sheet.name,
    headerRow: opened.headerRow,
    dataRows: sheetRows,
    lastInputColumn: lastInputColumn(opened.sheet, opened.headerRow, mapping as HeaderMapping<string>, sheetRows),
    existingOutputColumns: { ...mapping.outputColumns },
    duplicateOutputColumns: [...mapping.duplicateOutputColumns],
    columns: columnsOf(mapping as HeaderMapping<string>),
    rowCount: opened.sheet.values.length,
  };
  return { ok: true, input, layout, potSource };
}
