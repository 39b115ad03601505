// Sheet `Beslut`: the recorded decisions, read like an input sheet (every problem at its cell).
// spec: docs/workbook-format.md §8; docs/model.md §A6 — one row per federation (Förbund, VO), one column per decision headed
// by its label; above the table, per decision column: Datum, Statlig ram, Summa, Fingeravtryck.
import Decimal from 'decimal.js';
import type { RecordedDecision } from '../engine';
import type { CellValue, Problem, SheetValues } from './types';
import { READ_SHEETS } from './types';
import { readMoney, quoted } from './cells';
import { DECISION_TEXTS as T } from './messages';
import { findHeaderRow, findOnlySheet, makeProblem } from './sheets';
import { cellText, isBlank, normalizeKey, parseHeader } from './text';
import { columnLetters } from './address';

export const DECISION_SHEET = READ_SHEETS[3];
/** Header of the name and VO columns of the table. */
export const DECISION_NAME_HEADER = 'Förbund';
export const DECISION_VO_HEADER = 'VO';
/** The rows above the table, in order (labels in the Förbund column, one value per decision column). */
export const DECISION_INFO_LABELS = {
  date: 'Datum',
  budget: 'Statlig ram (kr)',
  total: 'Summa (kr)',
  fingerprint: 'Fingeravtryck',
} as const;
export type DecisionInfoKey = keyof typeof DECISION_INFO_LABELS;
export const DECISION_INFO_KEYS = Object.keys(DECISION_INFO_LABELS) as DecisionInfoKey[];
/** 0-based header row of the table on a new Beslut sheet: the four info rows, a blank row, the header. */
export const DECISION_TABLE_HEADER_ROW = DECISION_INFO_KEYS.length + 1;

/** One federation's amount in one decision, where it is (0-based row). */
export interface DecisionAmountRead {
  federation: string;
  amount: Decimal;
  row: number;
}

/** One recorded decision column. */
export interface DecisionColumn {
  label: string;
  /** 0-based column */
  column: number;
  date?: string;
  budget?: Decimal;
  total?: Decimal;
  fingerprint?: string;
  /** the federations in the decision (a blank cell: not in it), in row order */
  amounts: DecisionAmountRead[];
}

/** One federation row of the table. */
export interface DecisionRow {
  name: string;
  key: string;
  /** 0-based */
  row: number;
}

/** The Beslut sheet as read. `sheet` is undefined when the workbook has none. */
export interface DecisionsRead {
  sheet?: {
    name: string;
    /** 0-based header row of the table, and the columns of Förbund and VO */
    headerRow: number;
    nameColumn: number;
    voColumn?: number;
    /** 0-based row of each info label present */
    infoRows: Partial<Record<DecisionInfoKey, number>>;
    /** last 0-based column holding anything on any row (a new decision goes to its right) */
    lastUsedColumn: number;
    /** number of rows as read */
    rowCount: number;
    rows: DecisionRow[];
  };
  /** in column order: the last is the latest */
  decisions: DecisionColumn[];
}

const INFO_NAMES = DECISION_INFO_KEYS.map((k) => ({ key: k, name: parseHeader(DECISION_INFO_LABELS[k]).name }));

function lastUsedColumn(values: CellValue[][]): number {
  let last = -1;
  for (const row of values) for (let c = (row ?? []).length - 1; c > last; c--) if (!isBlank(row[c])) last = c;
  return last;
}

/** An Excel date serial (a date typed or converted by Excel) as YYYY-MM-DD; text as it is. */
export function decisionDateText(cell: CellValue | undefined): string | undefined {
  if (isBlank(cell)) return undefined;
  if (typeof cell === 'number' && Number.isFinite(cell) && cell > 0 && cell < 2_958_466) {
    const ms = Math.round((cell - 25569) * 86_400_000);
    return new Date(ms).toISOString().slice(0, 10);
  }
  return cellText(cell).trim();
}

// spec: docs/workbook-format.md §8; docs/model.md §A6 — a decided amount is whole kronor ≥ 0
function readAmount(cell: CellValue | undefined): { ok: true; value: Decimal } | { ok: false; message: string } | null {
  const read = readMoney(cell, 1);
  if (read === null || !read.ok) return read;
  if (!read.value.isInteger()) return { ok: false, message: T.amountNotWhole(quoted(cell)) };
  return read;
}

/**
 * Reads the Beslut sheet (when there is one): the table's header row (Förbund, VO, one column per
 * decision label), the info rows above it and each federation's amount per decision. Problems (pushed
 * to `problems`, each at its cell): no header row, a label twice, a federation twice, an amount that is
 * not whole kronor ≥ 0, an info value that cannot be read.
 */
export function readDecisions(sheets: SheetValues[], problems: Problem[]): DecisionsRead {
  const sheet = findOnlySheet(sheets, DECISION_SHEET, problems);
  if (!sheet) return { decisions: [] };
  const header = findHeaderRow(sheet.values, [DECISION_NAME_HEADER, 'Samordningsförbund'], [DECISION_VO_HEADER]);
  if (!header) {
    if (lastUsedColumn(sheet.values) >= 0) problems.push(makeProblem(sheet.name, 0, 0, T.headerMissing(DECISION_NAME_HEADER)));
    return { decisions: [] };
  }
  const nameColumn = header.column;
  const headerCells = sheet.values[header.row] ?? [];
  let voColumn: number | undefined;
  const labels: { label: string; column: number }[] = [];
  const seen = new Map<string, number>();
  headerCells.forEach((cell, c) => {
    if (c === nameColumn || isBlank(cell)) return;
    if (voColumn === undefined && normalizeKey(cell) === normalizeKey(DECISION_VO_HEADER)) {
      voColumn = c;
      return;
    }
    const label = cellText(cell).trim();
    const earlier = seen.get(normalizeKey(label));
    if (earlier !== undefined) {
      problems.push(makeProblem(sheet.name, header.row, c, T.labelTwice(label, columnLetters(earlier))));
      return;
    }
    seen.set(normalizeKey(label), c);
    labels.push({ label, column: c });
  });

  // The info rows above the table (labels in the Förbund column)
  const infoRows: Partial<Record<DecisionInfoKey, number>> = {};
  for (let r = 0; r < header.row; r++) {
    const name = parseHeader(sheet.values[r]?.[nameColumn]).name;
    const info = INFO_NAMES.find((i) => i.name === name);
    if (info && infoRows[info.key] === undefined) infoRows[info.key] = r;
  }

  // Federation rows
  const rows: DecisionRow[] = [];
  const byKey = new Map<string, DecisionRow>();
  for (let r = header.row + 1; r < sheet.values.length; r++) {
    const cell = sheet.values[r]?.[nameColumn];
    if (isBlank(cell)) continue;
    const name = cellText(cell).trim();
    const key = normalizeKey(name);
    const first = byKey.get(key);
    if (first) {
      problems.push(makeProblem(sheet.name, r, nameColumn, T.federationTwice(name, first.row + 1)));
      continue;
    }
    const row = { name, key, row: r };
    byKey.set(key, row);
    rows.push(row);
  }

  const decisions: DecisionColumn[] = labels.map(({ label, column }) => {
    const decision: DecisionColumn = { label, column, amounts: [] };
    const infoCell = (k: DecisionInfoKey) => (infoRows[k] === undefined ? undefined : sheet.values[infoRows[k]!]?.[column]);
    decision.date = decisionDateText(infoCell('date'));
    for (const k of ['budget', 'total'] as const) {
      const read = readAmount(infoCell(k));
      if (read === null) continue;
      if (read.ok) decision[k] = read.value;
      else problems.push(makeProblem(sheet.name, infoRows[k]!, column, read.message));
    }
    const fp = infoCell('fingerprint');
    if (!isBlank(fp)) decision.fingerprint = cellText(fp).trim();
    for (const row of rows) {
      const read = readAmount(sheet.values[row.row]?.[column]);
      if (read === null) continue;
      if (read.ok) decision.amounts.push({ federation: row.name, amount: read.value, row: row.row });
      else problems.push(makeProblem(sheet.name, row.row, column, T.amountInvalid(row.name, label, read.message)));
    }
    return decision;
  });

  return {
    sheet: {
      name: sheet.name,
      headerRow: header.row,
      nameColumn,
      ...(voColumn !== undefined ? { voColumn } : {}),
      infoRows,
      lastUsedColumn: lastUsedColumn(sheet.values),
      rowCount: sheet.values.length,
      rows,
    },
    decisions,
  };
}

/** The latest recorded decision (the rightmost column), or undefined. */
export function latestDecision(read: DecisionsRead): DecisionColumn | undefined {
  return read.decisions[read.decisions.length - 1];
}

/** The decision of that label (matched like a header), or undefined. */
export function decisionByLabel(read: DecisionsRead, label: string): DecisionColumn | undefined {
  const key = normalizeKey(label);
  return read.decisions.find((d) => normalizeKey(d.label) === key);
}

/** A decision column as the engine takes it (allocateLaterRound). */
export function recordedDecision(decision: DecisionColumn): RecordedDecision {
  return { label: decision.label, amounts: decision.amounts.map((a) => ({ federation: a.federation, amount: a.amount })) };
}
