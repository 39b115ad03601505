// A targeted-funds round (riktade medel), as Försäkringskassan ran it in 2016: the applications checked,
// a mechanical proposal while nothing is decided, Beslut per insats and the round in figures.
// spec: docs/model.md §T
import Decimal from 'decimal.js';
import { MAX_AMOUNT, ZERO, asD, compare, dmin, nameKey, sum } from './decimal';
import { formatKronor as kr } from './format';
import { IssuesError } from './issues-error';
import { largestRemainder } from './rounding';
import { serveTier } from './surplus';

/** Typ of an insats (targeted-funds.md, sheet Ansökningar). */
export type TargetedInsatsType = 'Behovsanalys och plan' | 'Aktiv insats';
export const TARGETED_INSATS_TYPES: readonly TargetedInsatsType[] = ['Behovsanalys och plan', 'Aktiv insats'];

/** Målgrupp of an insats (targeted-funds.md, sheet Ansökningar). */
export type TargetGroup = 'Långtidssjukskrivna' | 'Unga med aktivitetsersättning' | 'Unga i riskzonen';
export const TARGET_GROUPS: readonly TargetGroup[] = ['Långtidssjukskrivna', 'Unga med aktivitetsersättning', 'Unga i riskzonen'];

/** Beslut per insats (targeted-funds.md "Rules"). */
export type InsatsDecision = 'Beviljad' | 'Delvis' | 'Avslag' | 'Ej beslutad';

/** One row of Ansökningar: one insats of an application. */
export interface TargetedRowInput {
  /** Ansökan: rows with the same value (names folded as federation names) are one application */
  application: string;
  /** Förbund: one, or several for a joint application, in the order named */
  federations: readonly string[];
  /** Insats (text) */
  insats: string;
  /** Typ: one or both */
  types: readonly TargetedInsatsType[];
  /** Målgrupp: none, one or several */
  targetGroups?: readonly TargetGroup[];
  /** Sökt belopp (kr), whole kronor ≥ 0 */
  requested: Decimal;
  /** Beviljat belopp (kr), typed by the working group; undefined = blank */
  granted?: Decimal;
}

/** A federation of Förbund, for the names and the VO tables. */
export interface TargetedFederationInput {
  name: string;
  vo?: string;
}

export interface TargetedInput {
  rows: readonly TargetedRowInput[];
  federations: readonly TargetedFederationInput[];
  /** Riktade medel (kr): the pot, whole kronor (see resolveTargetedPot) */
  pot: Decimal;
  /** Tak riktade medel (kr) [500 000]: the most one application may be granted */
  cap: Decimal;
}

export type TargetedWarningCode = 'ÖVER_TAK';
export interface TargetedWarning {
  code: TargetedWarningCode;
  text: string;
}

export type TargetedIssueCode =
  | 'APPLICATION_MISSING'
  | 'FEDERATION_MISSING'
  | 'UNKNOWN_FEDERATION'
  /** the same federation twice in one row's Förbund */
  | 'FEDERATION_REPEATED'
  | 'INSATS_MISSING'
  | 'TYPE_MISSING'
  | 'INVALID_TYPE'
  | 'INVALID_TARGET_GROUP'
  /** Förbund, Typ or Målgrupp differ between the rows of one application */
  | 'APPLICATION_INCONSISTENT'
  /** Sökt missing, or Sökt/Beviljat not whole kronor ≥ 0 (or above 10^15) */
  | 'INVALID_AMOUNT'
  | 'GRANTED_ABOVE_REQUESTED'
  | 'GRANTED_ABOVE_CAP'
  | 'GRANTED_ABOVE_POT'
  /** pot or cap not whole kronor ≥ 0 */
  | 'INVALID_PARAMETER'
  /** no Riktade medel and no ordinary run's Ej fördelat */
  | 'POT_MISSING';

export type TargetedField =
  'application' | 'federations' | 'insats' | 'types' | 'targetGroups' | 'requested' | 'granted' | 'pot' | 'cap';

/** A problem of a targeted-funds round, with the rows (indices into TargetedInput.rows) and the field it concerns. */
export interface TargetedIssue {
  code: TargetedIssueCode;
  /** Swedish message */
  message: string;
  /** indices into TargetedInput.rows; [] for a parameter */
  rows: number[];
  field?: TargetedField;
  application?: string;
  federation?: string;
}

/** Thrown by targetedRound() with every problem at once. */
export class TargetedInputError extends IssuesError<TargetedIssue> {
  constructor(issues: TargetedIssue[]) {
    super('TargetedInputError', issues);
  }
}

// ── Swedish texts of the targeted-funds round: warnings and problems. ONE home: move into the shared
// ── message table when it exists (keys are the typed codes above).
const FIELD_TEXTS: Record<TargetedField, string> = {
  application: 'Ansökan',
  federations: 'Förbund',
  insats: 'Insats',
  types: 'Typ',
  targetGroups: 'Målgrupp',
  requested: 'Sökt belopp',
  granted: 'Beviljat belopp',
  pot: 'Riktade medel',
  cap: 'Tak riktade medel',
};
export const TARGETED_TEXTS = {
  ÖVER_TAK: (application: string, requested: Decimal, cap: Decimal): string =>
    `Ansökan ${application} söker ${kr(requested)}, över taket ${kr(cap)} per ansökan; högst ${kr(cap)} kan beviljas`,
  APPLICATION_MISSING: (row: number): string => `Insatsen på rad ${row} saknar ansökan (nummer eller diarienummer).`,
  FEDERATION_MISSING: (application: string): string => `Ansökan ${application} saknar förbund.`,
  UNKNOWN_FEDERATION: (application: string, federation: string): string =>
    `Ansökan ${application}: förbundet ${federation} finns inte på bladet Förbund.`,
  FEDERATION_REPEATED: (application: string, federation: string): string =>
    `Ansökan ${application}: förbundet ${federation} är angivet mer än en gång.`,
  INSATS_MISSING: (application: string): string => `Ansökan ${application}: insatsen saknar namn.`,
  TYPE_MISSING: (application: string): string =>
    `Ansökan ${application}: typ saknas (${TARGETED_INSATS_TYPES.join(', ')} eller båda, åtskilda med ;).`,
  INVALID_TYPE: (application: string, value: string): string =>
    `Ansökan ${application}: okänd typ "${value}" (${TARGETED_INSATS_TYPES.join(' eller ')}).`,
  INVALID_TARGET_GROUP: (application: string, value: string): string =>
    `Ansökan ${application}: okänd målgrupp "${value}" (${TARGET_GROUPS.join(', ')}).`,
  APPLICATION_INCONSISTENT: (application: string, field: TargetedField, first: number): string =>
    `Ansökan ${application}: ${FIELD_TEXTS[field].toLowerCase()} skiljer sig från ansökans första insats (rad ${first}); den ska vara densamma på alla ansökans rader.`,
  INVALID_AMOUNT: (application: string, field: TargetedField, value: string): string =>
    `Ansökan ${application}: ${FIELD_TEXTS[field].toLowerCase()} ska vara hela kronor och minst 0 (nu ${value}).`,
  GRANTED_ABOVE_REQUESTED: (application: string, granted: Decimal, requested: Decimal): string =>
    `Ansökan ${application}: beviljat ${kr(granted)} är mer än sökt ${kr(requested)} för insatsen.`,
  GRANTED_ABOVE_CAP: (application: string, granted: Decimal, cap: Decimal): string =>
    `Ansökan ${application}: beviljat sammanlagt ${kr(granted)} är mer än taket ${kr(cap)} per ansökan.`,
  GRANTED_ABOVE_POT: (granted: Decimal, pot: Decimal): string =>
    `Beviljat sammanlagt ${kr(granted)} är mer än de riktade medlen ${kr(pot)}.`,
  INVALID_PARAMETER: (field: TargetedField, value: string): string =>
    `Parametern ${FIELD_TEXTS[field]} ska vara hela kronor och minst 0 (nu ${value}).`,
  POT_MISSING: (): string =>
    'Riktade medel (kr) saknas på Parametrar och det finns ingen ordinarie körning vars Ej fördelat kan användas; ange potten.',
} as const;

/** One row's result (input order). */
export interface TargetedRowResult {
  index: number;
  application: string;
  /** the row's part of its application's want: LR split by Sökt (whole kronor) */
  want: Decimal;
  /** Förslag (kr), whole kronor: only while no row has a typed Beviljat */
  proposal?: Decimal;
  decision: InsatsDecision;
  /** what the figures count: Beviljat (blank = 0) once anything is decided, else the proposal */
  amount: Decimal;
  warnings: TargetedWarning[];
}

/** One federation's part of an application (joint applications divided equally). */
export interface TargetedFederationShare {
  federation: string;
  requested: Decimal;
  amount: Decimal;
}

export interface TargetedApplicationResult {
  id: string;
  /** the federations as named on Förbund, in the order of the application's first row */
  federations: string[];
  /** row indices, in order */
  rows: number[];
  types: TargetedInsatsType[];
  targetGroups: TargetGroup[];
  joint: boolean;
  /** Σ Sökt */
  requested: Decimal;
  /** min(Σ Sökt, cap) */
  want: Decimal;
  overCap: boolean;
  /** Σ Förslag (undefined once anything is decided) */
  proposal?: Decimal;
  /** Σ typed Beviljat (undefined while nothing is decided) */
  granted?: Decimal;
  /** granted when decided, else the proposal */
  amount: Decimal;
  shares: TargetedFederationShare[];
}

/** The round in figures, as the 2016 report gave them (targeted-funds.md "What a run writes"). */
export interface TargetedFigures {
  pot: Decimal;
  applications: number;
  insatser: number;
  /** applications of more than one federation */
  jointApplications: number;
  /** insatser granted in full or in part (proposed > 0 while nothing is decided) */
  grantedInsatser: number;
  /** of those, per Typ and per Målgrupp (an insats can count under several) */
  grantedByType: Record<TargetedInsatsType, number>;
  grantedByTargetGroup: Record<TargetGroup, number>;
  /** Avslag (proposed 0 while nothing is decided) */
  rejected: number;
  /** Ej beslutad once anything is decided (0 while nothing is) */
  undecided: number;
  /** Σ Sökt */
  requested: Decimal;
  /** Σ Beviljat, or Σ Förslag while nothing is decided (see basis) */
  granted: Decimal;
  basis: 'Beviljat' | 'Föreslaget';
  /** Kvar av potten = pot − granted */
  remaining: Decimal;
}

/** One line of the per-VO or per-federation table. */
export interface TargetedTableRow {
  /** the VO (undefined = federations without VO) or the federation */
  name: string | undefined;
  vo?: string;
  /** applications and insatser it takes part in (a joint application counts for each of its federations) */
  applications: number;
  insatser: number;
  /** its parts of Sökt and of the amount (joint applications divided equally) */
  requested: Decimal;
  amount: Decimal;
}

export interface TargetedResult {
  pot: Decimal;
  cap: Decimal;
  /** some row has a typed Beviljat: the proposal is left alone */
  decided: boolean;
  rows: TargetedRowResult[];
  applications: TargetedApplicationResult[];
  figures: TargetedFigures;
  byVo: TargetedTableRow[];
  byFederation: TargetedTableRow[];
}

// ── Rules ────────────────────────────────────────────────────────────────────────────────────────

// spec: docs/model.md §T2 — Riktade medel; when blank, the ordinary run's Ej fördelat, else a problem
export function resolveTargetedPot(
  potParameter?: Decimal,
  ordinaryUndistributed?: Decimal,
): { pot?: Decimal; issue?: TargetedIssue } {
  if (potParameter !== undefined) return { pot: potParameter };
  if (ordinaryUndistributed !== undefined) return { pot: ordinaryUndistributed };
  return { issue: { code: 'POT_MISSING', rows: [], field: 'pot', message: TARGETED_TEXTS.POT_MISSING() } };
}

// spec: docs/model.md §T Rules — each application's want = min(Σ Sökt, cap)
export function applicationWant(requested: Decimal, cap: Decimal): Decimal {
  return dmin(asD(requested), asD(cap));
}

// spec: docs/model.md §T Rules — Sökt above the cap for an application is allowed, with ÖVER_TAK
export function isOverCap(requested: Decimal, cap: Decimal): boolean {
  return compare(asD(requested), asD(cap)) > 0;
}

// spec: docs/model.md §T Rules — want split over the application's rows in proportion to Sökt (largest remainder)
export function splitWantOverRows(want: Decimal, requested: readonly Decimal[]): Decimal[] {
  const total = sum(requested);
  if (compare(asD(want), total) >= 0) return requested.map(asD);
  if (total.isZero()) return requested.map(() => ZERO);
  return largestRemainder(
    requested.map((r) => asD(r).times(want).div(total)),
    want,
  );
}

// spec: docs/model.md §T Rules — Σ want ≤ pot: want; else want × pot / Σ want, LR to the krona (target = pot, ties to the earlier row)
export function proposeRows(rowWants: readonly Decimal[], pot: Decimal): Decimal[] {
  const total = sum(rowWants);
  const { grants } = serveTier(
    rowWants,
    pot,
    rowWants.map((_, i) => i),
  );
  const target = compare(total, asD(pot)) <= 0 ? total : asD(pot);
  return largestRemainder(grants, target, { upper: rowWants });
}

// spec: docs/model.md §T Rules — Beslut: Beviljad (= Sökt), Delvis (0 < Beviljat < Sökt), Avslag (0 typed), Ej beslutad (blank)
export function insatsDecision(requested: Decimal, granted: Decimal | undefined): InsatsDecision {
  if (granted === undefined) return 'Ej beslutad';
  if (granted.isZero()) return 'Avslag';
  return compare(granted, requested) >= 0 ? 'Beviljad' : 'Delvis';
}

// spec: docs/model.md §T Rules — a joint grant divided equally among its federations (LR, earlier-named first)
export function divideJointAmount(amount: Decimal, federations: number): Decimal[] {
  if (federations <= 1) return [asD(amount)];
  const part = asD(amount).div(federations);
  return largestRemainder(new Array<Decimal>(federations).fill(part), amount);
}

// ── Checks ───────────────────────────────────────────────────────────────────────────────────────

function isWholeKronor(x: unknown): x is Decimal {
  if (!Decimal.isDecimal(x)) return false;
  const d = x as Decimal;
  return d.isFinite() && d.isInteger() && !d.isNeg() && compare(asD(d), MAX_AMOUNT) <= 0;
}

const text = (x: unknown): string => (typeof x === 'string' ? x.trim() : '');
const applicationName = (row: TargetedRowInput | undefined, index: number): string =>
  text(row?.application) || `på rad ${index + 1}`;
const listOf = <T>(x: readonly T[] | undefined): readonly T[] => (Array.isArray(x) ? x : []);

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
function applicationGroups(rows: readonly TargetedRowInput[]): number[][] {
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

function federationIndex(federations: readonly TargetedFederationInput[]): Map<string, number> {
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

// ── The round ────────────────────────────────────────────────────────────────────────────────────

// spec: docs/model.md §T Rules — the proposal is written only when no row has a typed Beviljat
export function hasTypedDecision(rows: readonly TargetedRowInput[]): boolean {
  return rows.some((r) => r.granted !== undefined);
}

// spec: docs/model.md §T3 — Insatser beviljade helt eller delvis, per Typ and Målgrupp; Avslag
function countFigures(
  input: TargetedInput,
  rows: readonly TargetedRowResult[],
  applications: readonly TargetedApplicationResult[],
  decided: boolean,
): TargetedFigures {
  const grantedByType = Object.fromEntries(TARGETED_INSATS_TYPES.map((t) => [t, 0])) as Record<TargetedInsatsType, number>;
  const grantedByTargetGroup = Object.fromEntries(TARGET_GROUPS.map((g) => [g, 0])) as Record<TargetGroup, number>;
  let grantedInsatser = 0;
  let rejected = 0;
  let undecided = 0;
  rows.forEach((r, i) => {
    const source = input.rows[i];
    const granted = decided ? r.decision === 'Beviljad' || r.decision === 'Delvis' : compare(r.amount, ZERO) > 0;
    if (granted) {
      grantedInsatser++;
      for (const t of new Set(source.types)) grantedByType[t]++;
      for (const g of new Set(listOf(source.targetGroups))) grantedByTargetGroup[g]++;
    } else if (!decided || r.decision === 'Avslag') rejected++;
    else undecided++;
  });
  const granted = sum(rows.map((r) => r.amount));
  return {
    pot: asD(input.pot),
    applications: applications.length,
    insatser: rows.length,
    jointApplications: applications.filter((a) => a.joint).length,
    grantedInsatser,
    grantedByType,
    grantedByTargetGroup,
    rejected,
    undecided,
    requested: sum(input.rows.map((r) => asD(r.requested))),
    granted,
    basis: decided ? 'Beviljat' : 'Föreslaget',
    remaining: asD(input.pot).minus(granted),
  };
}

// spec: docs/model.md §T3 — a table per federation and per VO (joint applications divided)
function tables(
  federations: readonly TargetedFederationInput[],
  applications: readonly TargetedApplicationResult[],
  known: ReadonlyMap<string, number>,
): { byVo: TargetedTableRow[]; byFederation: TargetedTableRow[] } {
  const fedRows = new Map<number, TargetedTableRow>();
  const voRows = new Map<string, TargetedTableRow>();
  for (const a of applications) {
    const vosOfApplication = new Set<string>();
    for (const share of a.shares) {
      const fi = known.get(nameKey(share.federation)) as number;
      const vo = text(federations[fi].vo) || undefined;
      let fr = fedRows.get(fi);
      if (!fr)
        fedRows.set(
          fi,
          (fr = { name: text(federations[fi].name), vo, applications: 0, insatser: 0, requested: ZERO, amount: ZERO }),
        );
      fr.applications++;
      fr.insatser += a.rows.length;
      fr.requested = fr.requested.plus(share.requested);
      fr.amount = fr.amount.plus(share.amount);
      const voKey = vo === undefined ? '' : nameKey(vo);
      let vr = voRows.get(voKey);
      if (!vr) voRows.set(voKey, (vr = { name: vo, applications: 0, insatser: 0, requested: ZERO, amount: ZERO }));
      if (!vosOfApplication.has(voKey)) {
        vosOfApplication.add(voKey);
        vr.applications++;
        vr.insatser += a.rows.length;
      }
      vr.requested = vr.requested.plus(share.requested);
      vr.amount = vr.amount.plus(share.amount);
    }
  }
  // Federations in Förbund order; VOs in the order their first federation appears there.
  const byFederation = [...fedRows.entries()].sort((x, y) => x[0] - y[0]).map(([, r]) => r);
  const voOrder = new Map<string, number>();
  byFederation.forEach((r) => {
    const key = r.vo === undefined ? '' : nameKey(r.vo);
    if (!voOrder.has(key)) voOrder.set(key, voOrder.size);
  });
  const byVo = [...voRows.entries()]
    .sort((x, y) => (voOrder.get(x[0]) as number) - (voOrder.get(y[0]) as number))
    .map(([, r]) => r);
  return { byVo, byFederation };
}

// spec: docs/model.md §T — the round: proposal (while nothing is decided), Beslut, ÖVER_TAK, figures and tables
/** Throws TargetedInputError with every problem at once. */
export function targetedRound(input: TargetedInput): TargetedResult {
  const issues = validateTargeted(input);
  if (issues.length > 0) throw new TargetedInputError(issues);
  const rows = input.rows;
  const cap = asD(input.cap);
  const pot = asD(input.pot);
  const known = federationIndex(input.federations);
  const groups = applicationGroups(rows);
  const decided = hasTypedDecision(rows);

  const rowWant: Decimal[] = rows.map(() => ZERO);
  const groupFacts = groups.map((group) => {
    const requested = sum(group.map((i) => asD(rows[i].requested)));
    const want = applicationWant(requested, cap);
    splitWantOverRows(
      want,
      group.map((i) => asD(rows[i].requested)),
    ).forEach((w, k) => {
      rowWant[group[k]] = w;
    });
    return { requested, want, overCap: isOverCap(requested, cap) };
  });
  const proposal = decided ? undefined : proposeRows(rowWant, pot);

  const warningsOf = rows.map((): TargetedWarning[] => []);
  groups.forEach((group, g) => {
    if (!groupFacts[g].overCap) return;
    const warning: TargetedWarning = {
      code: 'ÖVER_TAK',
      text: TARGETED_TEXTS.ÖVER_TAK(text(rows[group[0]].application), groupFacts[g].requested, cap),
    };
    for (const i of group) warningsOf[i].push(warning);
  });

  const rowResults: TargetedRowResult[] = rows.map((row, i) => {
    const result: TargetedRowResult = {
      index: i,
      application: text(row.application),
      want: rowWant[i],
      decision: insatsDecision(asD(row.requested), row.granted === undefined ? undefined : asD(row.granted)),
      amount: proposal ? proposal[i] : row.granted === undefined ? ZERO : asD(row.granted),
      warnings: warningsOf[i],
    };
    if (proposal) result.proposal = proposal[i];
    return result;
  });

  const applications: TargetedApplicationResult[] = groups.map((group, g) => {
    const first = rows[group[0]];
    const names = listOf(first.federations)
      .map(text)
      .filter((n) => n)
      .map((n) => text(input.federations[known.get(nameKey(n)) as number].name));
    const amount = sum(group.map((i) => rowResults[i].amount));
    const requestedParts = divideJointAmount(groupFacts[g].requested, names.length);
    const amountParts = divideJointAmount(amount, names.length);
    const result: TargetedApplicationResult = {
      id: text(first.application),
      federations: names,
      rows: group,
      types: [...new Set(first.types)],
      targetGroups: [...new Set(listOf(first.targetGroups))],
      joint: names.length > 1,
      requested: groupFacts[g].requested,
      want: groupFacts[g].want,
      overCap: groupFacts[g].overCap,
      amount,
      shares: names.map((federation, k) => ({ federation, requested: requestedParts[k], amount: amountParts[k] })),
    };
    if (proposal) result.proposal = amount;
    else result.granted = amount;
    return result;
  });

  return {
    pot,
    cap,
    decided,
    rows: rowResults,
    applications,
    figures: countFigures(input, rowResults, applications, decided),
    ...tables(input.federations, applications, known),
  };
}
