// The targeted-funds round (riktade medel): its input, problems, Swedish texts and result types.
// The rules and the round are in ./targeted.ts, the checks in ./targeted-validate.ts.
// spec: docs/model.md §T
import type Decimal from 'decimal.js';
import { formatKronor as kr } from './format';
import { IssuesError } from './issues-error';

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
