// The checks of a targeted-funds round (riktade medel): every problem of the input at once.
// spec: docs/model.md §T
import Decimal from 'decimal.js';
import { MAX_AMOUNT, asD, compare, nameKey, sum } from './decimal';
import { TARGETED_INSATS_TYPES, TARGETED_TEXTS, TARGET_GROUPS } from './targeted-types';
import type {
  TargetedField,
  TargetedFederationInput,
  TargetedInput,
  TargetedIssue,
  TargetedIssueCode,
  TargetedRowInput,
} from './targeted-types';

// ── Checks ───────────────────────────────────────────────────────────────────────────────────────

function isWholeKronor(x: unknown): x is Decimal {
  if (!Decimal.isDecimal(x)) return false;
  const d = x as Decimal;
  return d.isFinite() && d.isInteger() && !d.isNeg() && compare(asD(d), MAX_AMOUNT) <= 0;
}

export const text = (x: unknown): string => (typeof x === 'string' ? x.trim() : '');
const applicationName = (row: TargetedRowInput | undefined, index: number): string =>
  text(row?.application) || `på rad ${index + 1}`;
export const listOf = <T>(x: readonly T[] | undefined): readonly T[] => (Array.isArray(x) ? x : []);

// spec: docs/model.md §T2 — the pot and the cap, whole kronor ≥ 0
function parameterIssues(input: TargetedInput): TargetedIssue[] {
  const issues: TargetedIssue[] = [];
  for (const field of ['pot', 'cap'] as const) {
    const value = input?.[field];
    if (!isWholeKronor(value)) {
      issues.push({
        code: 'INVALID_PARAMETER',
        rows: [],
        field,
        message: TARGETED_TEXTS.INVALID_PARAMETER(field, String(value ?? 'tomt')),
      });
    }
  }
  return issues;
}

// spec: docs/model.md §T Ansökningar — required fields, known Typ and Målgrupp, whole-krona amounts
function rowIssues(row: TargetedRowInput, i: number): TargetedIssue[] {
  const issues: TargetedIssue[] = [];
  const app = applicationName(row, i);
  const push = (code: TargetedIssueCode, field: TargetedField, message: string, federation?: string): void => {
    issues.push({ code, rows: [i], field, message, application: text(row?.application) || undefined, federation });
  };
  if (!text(row?.application)) push('APPLICATION_MISSING', 'application', TARGETED_TEXTS.APPLICATION_MISSING(i + 1));
  if (!text(row?.insats)) push('INSATS_MISSING', 'insats', TARGETED_TEXTS.INSATS_MISSING(app));
  const types = listOf(row?.types);
  if (types.length === 0) push('TYPE_MISSING', 'types', TARGETED_TEXTS.TYPE_MISSING(app));
  for (const t of types)
    if (!TARGETED_INSATS_TYPES.includes(t)) push('INVALID_TYPE', 'types', TARGETED_TEXTS.INVALID_TYPE(app, String(t)));
  for (const g of listOf(row?.targetGroups)) {
    if (!TARGET_GROUPS.includes(g))
      push('INVALID_TARGET_GROUP', 'targetGroups', TARGETED_TEXTS.INVALID_TARGET_GROUP(app, String(g)));
  }
  if (!isWholeKronor(row?.requested)) {
    push('INVALID_AMOUNT', 'requested', TARGETED_TEXTS.INVALID_AMOUNT(app, 'requested', String(row?.requested ?? 'tomt')));
  }
  if (row?.granted !== undefined && !isWholeKronor(row.granted)) {
    push('INVALID_AMOUNT', 'granted', TARGETED_TEXTS.INVALID_AMOUNT(app, 'granted', String(row.granted)));
  }
  return issues;
}

// spec: docs/model.md §T Ansökningar — Förbund: one or several, each naming a row of Förbund
function federationIssues(row: TargetedRowInput, i: number, known: ReadonlyMap<string, number>): TargetedIssue[] {
  const issues: TargetedIssue[] = [];
  const app = applicationName(row, i);
  const names = listOf(row?.federations)
    .map(text)
    .filter((n) => n);
  const application = text(row?.application) || undefined;
  if (names.length === 0) {
    issues.push({
      code: 'FEDERATION_MISSING',
      rows: [i],
      field: 'federations',
      application,
      message: TARGETED_TEXTS.FEDERATION_MISSING(app),
    });
  }
  const seen = new Set<string>();
  for (const name of names) {
    const key = nameKey(name);
    if (!known.has(key)) {
      issues.push({
        code: 'UNKNOWN_FEDERATION',
        rows: [i],
        field: 'federations',
        application,
        federation: name,
        message: TARGETED_TEXTS.UNKNOWN_FEDERATION(app, name),
      });
    } else if (seen.has(key)) {
      issues.push({
        code: 'FEDERATION_REPEATED',
        rows: [i],
        field: 'federations',
        application,
        federation: name,
        message: TARGETED_TEXTS.FEDERATION_REPEATED(app, name),
      });
    }
    seen.add(key);
  }
  return issues;
}

/** A list compared as a set (names folded): `A; B` and `B; A` are the same federations. */
function setKey(values: readonly string[]): string {
  return [...new Set(values.map((v) => nameKey(String(v))).filter((v) => v))].sort().join('\u0000');
}

// spec: docs/model.md §T Rules — an application's Förbund, Typ and Målgrupp are the same on all its rows
function consistencyIssues(rows: readonly TargetedRowInput[], indices: readonly number[]): TargetedIssue[] {
  const issues: TargetedIssue[] = [];
  const first = rows[indices[0]];
  const fields: [TargetedField, (r: TargetedRowInput) => readonly string[]][] = [
    ['federations', (r) => listOf(r.federations)],
    ['types', (r) => listOf(r.types)],
    ['targetGroups', (r) => listOf(r.targetGroups)],
  ];
  for (const [field, get] of fields) {
    const expected = setKey(get(first));
    for (const i of indices.slice(1)) {
      if (setKey(get(rows[i])) !== expected) {
        const app = text(first.application);
        issues.push({
          code: 'APPLICATION_INCONSISTENT',
          rows: [i],
          field,
          application: app,
          message: TARGETED_TEXTS.APPLICATION_INCONSISTENT(app, field, indices[0] + 1),
        });
      }
    }
  }
  return issues;
}

// spec: docs/model.md §T Rules — a typed Beviljat above Sökt, Σ Beviljat of an application above the cap, Σ Beviljat above the pot
function grantIssues(input: TargetedInput, groups: readonly number[][]): TargetedIssue[] {
  const issues: TargetedIssue[] = [];
  const rows = input.rows;
  // Only amounts that are valid themselves are compared (the others already have their problem).
  const grantedOf = (i: number): Decimal | undefined =>
    isWholeKronor(rows[i]?.granted) ? asD(rows[i].granted as Decimal) : undefined;
  rows.forEach((row, i) => {
    const granted = grantedOf(i);
    if (granted !== undefined && isWholeKronor(row.requested) && compare(granted, asD(row.requested)) > 0) {
      const app = text(row.application);
      issues.push({
        code: 'GRANTED_ABOVE_REQUESTED',
        rows: [i],
        field: 'granted',
        application: app,
        message: TARGETED_TEXTS.GRANTED_ABOVE_REQUESTED(app, granted, row.requested),
      });
    }
  });
  const typedIn = (indices: readonly number[]): number[] => indices.filter((i) => grantedOf(i) !== undefined);
  const grantedIn = (indices: readonly number[]): Decimal => sum(indices.map((i) => grantedOf(i) as Decimal));
  for (const group of isWholeKronor(input.cap) ? groups : []) {
    const typed = typedIn(group);
    const granted = grantedIn(typed);
    if (compare(granted, asD(input.cap)) > 0) {
      const app = text(rows[group[0]].application);
      issues.push({
        code: 'GRANTED_ABOVE_CAP',
        rows: typed,
        field: 'granted',
        application: app,
        message: TARGETED_TEXTS.GRANTED_ABOVE_CAP(app, granted, input.cap),
      });
    }
  }
  const typedRows = typedIn(rows.map((_, i) => i));
  const total = grantedIn(typedRows);
  if (isWholeKronor(input.pot) && compare(total, asD(input.pot)) > 0) {
    issues.push({
      code: 'GRANTED_ABOVE_POT',
      rows: typedRows,
      field: 'granted',
      message: TARGETED_TEXTS.GRANTED_ABOVE_POT(total, input.pot),
    });
  }
  return issues;
}

/** Row indices per application, in order of first appearance (rows without an Ansökan left out). */
export function applicationGroups(rows: readonly TargetedRowInput[]): number[][] {
  const byKey = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const id = text(row?.application);
    if (!id) return;
    const key = nameKey(id);
    const group = byKey.get(key);
    if (group) group.push(i);
    else byKey.set(key, [i]);
  });
  return [...byKey.values()];
}

export function federationIndex(federations: readonly TargetedFederationInput[]): Map<string, number> {
  const index = new Map<string, number>();
  federations.forEach((f, i) => {
    const name = text(f?.name);
    if (name && !index.has(nameKey(name))) index.set(nameKey(name), i);
  });
  return index;
}

// spec: docs/model.md §T Rules — every problem of the round at once
export function validateTargeted(input: TargetedInput): TargetedIssue[] {
  const rows = listOf(input?.rows);
  const known = federationIndex(listOf(input?.federations));
  const issues = parameterIssues(input);
  rows.forEach((row, i) => {
    issues.push(...rowIssues(row, i), ...federationIssues(row, i, known));
  });
  const groups = applicationGroups(rows);
  for (const group of groups) issues.push(...consistencyIssues(rows, group));
  issues.push(...grantIssues(input, groups));
  return issues;
}
