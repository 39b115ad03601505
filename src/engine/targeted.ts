// A targeted-funds round (riktade medel), as Försäkringskassan ran it in 2016: the applications checked,
// a mechanical proposal while nothing is decided, Beslut per insats and the round in figures.
// spec: docs/model.md §T
// Types and texts: ./targeted-types.ts; the checks: ./targeted-validate.ts (both re-exported here).
import Decimal from 'decimal.js';
import { ZERO, asD, compare, dmin, nameKey, sum } from './decimal';
import { largestRemainder } from './rounding';
import { serveTier } from './surplus';
import { TARGETED_INSATS_TYPES, TARGETED_TEXTS, TARGET_GROUPS, TargetedInputError } from './targeted-types';
import type {
  InsatsDecision,
  TargetGroup,
  TargetedApplicationResult,
  TargetedFederationInput,
  TargetedFigures,
  TargetedInput,
  TargetedInsatsType,
  TargetedIssue,
  TargetedResult,
  TargetedRowInput,
  TargetedRowResult,
  TargetedTableRow,
  TargetedWarning,
} from './targeted-types';
import { applicationGroups, federationIndex, listOf, text, validateTargeted } from './targeted-validate';

export * from './targeted-types';
export { validateTargeted } from './targeted-validate';

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
