// Orchestration of the ten steps, rounding and warnings.
// spec: docs/model.md §1–§10, §R, §W
import Decimal from 'decimal.js';
import { ZERO, compareTolerant, roundHalfUp, sum } from './decimal';
import { isDeficit, solveRelaxedMaxDecrease, withoutExcessEquityProtection, RelaxRow } from './deficit';
import { hasExcessEquity, reasonableEquityBasis, trappan } from './equity';
import { FloorRow, floorAmount, isProtected, scaledPrevious, solveLambda } from './floor';
import {
  baseAmount,
  distributableAmount,
  idealAmount,
  keyShares,
  monthsFactor,
  needAmount,
  partYearRemainder,
  poolAmount,
} from './ideal';
import { allocationKey, federationTotals } from './keys';
import { cutAmount, isCappedByMatching, matchedAmount, matchingCap, surplusAfterMatching } from './matching';
import {
  MunicipalityWeights,
  effectiveSplitWeights,
  memberShares,
  splitByWeights,
  splitFallsBackToEqual,
  splitWeightTotal,
} from './members';
import {
  regionShareFromRounded,
  roundColumnToSum,
  roundExtraColumn,
  roundMatchedColumn,
  roundMunicipalShare,
  roundReasonableEquity,
} from './rounding';
import { hasSurplus, scenarioLabel } from './scenario';
import { distributeAdditionalFunds, wantedAmount } from './surplus';
import {
  AllocationResult,
  FederationResult,
  ModelInput,
  ModelInputError,
  ModelParameters,
  MunicipalContributionResult,
  SplitMethod,
} from './types';
import { PreparedFederation, PreparedInput, prepareModelInput } from './validate';
import { federationWarnings } from './warnings';

/** Rank of each federation by normalised name: the order-independent tie-break of exact splits. */
export function nameRanks(federations: readonly PreparedFederation[]): number[] {
  const order = federations.map((_, i) => i);
  order.sort((a, b) =>
    federations[a].nameKey < federations[b].nameKey ? -1 : federations[a].nameKey > federations[b].nameKey ? 1 : 0,
  );
  const rank = new Array<number>(federations.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  return rank;
}

/** A federation's municipalities (its areas of one municipality added up), in order of first appearance. */
function municipalitiesOf(f: PreparedFederation): { name: string; weights: MunicipalityWeights }[] {
  if (f.areas.length === 1) {
    const a = f.areas[0];
    return [{ name: a.municipality, weights: { population: a.population, recipients: a.supportRecipients } }];
  }
  // Usually a handful of areas: a linear search beats a Map; a Map keeps many areas linear
  const list: { key: string; name: string; weights: MunicipalityWeights }[] = [];
  const index = f.areas.length > 16 ? new Map<string, (typeof list)[number]>() : undefined;
  for (const a of f.areas) {
    const m = index ? index.get(a.municipalityKey) : list.find((x) => x.key === a.municipalityKey);
    if (!m) {
      const entry = {
        key: a.municipalityKey,
        name: a.municipality,
        weights: { population: a.population, recipients: a.supportRecipients },
      };
      list.push(entry);
      index?.set(entry.key, entry);
    } else {
      m.weights.population = m.weights.population.plus(a.population);
      m.weights.recipients =
        m.weights.recipients === undefined || a.supportRecipients === undefined
          ? undefined
          : m.weights.recipients.plus(a.supportRecipients);
    }
  }
  return list;
}

// spec: docs/model.md §1–§10 — the whole model
/**
 * Allocates the state budget over the federations: steps 1–10, rounding and warnings.
 * Throws ModelInputError with every issue of the input at once.
 */
export function allocate(input: ModelInput): AllocationResult {
  const { issues, prepared } = prepareModelInput(input);
  if (issues.length > 0 || !prepared) throw new ModelInputError(issues);
  return allocatePrepared(prepared);
}

// spec: docs/model.md §9 — the basis of a municipality's share: pop 16–64 (invånare) or fs recipients (försörjningsstöd)
function splitBasis(method: SplitMethod, weights: { population: Decimal; recipients?: Decimal }): { basis?: Decimal } {
  if (method === 'invanare') return { basis: weights.population };
  if (method === 'forsorjningsstod' && weights.recipients !== undefined) return { basis: weights.recipients };
  return {};
}

// spec: docs/model.md §9 — each municipality's LR split of its federation's rounded Kommunernas andel
/** The municipal split of every federation (`municipalRounded[i]`: federation i's rounded Kommunernas andel). */
export function municipalContributionsOf(
  feds: readonly PreparedFederation[],
  municipalRounded: readonly Decimal[],
  populations: readonly Decimal[] = feds.map((f) => federationTotals(f.areas).population),
): MunicipalContributionResult[] {
  const municipalContributions: MunicipalContributionResult[] = [];
  feds.forEach((f, i) => {
    const municipalities = municipalitiesOf(f);
    const municipalityWeights = municipalities.map((m) => m.weights);
    const weights = effectiveSplitWeights(f.splitMethod, municipalityWeights);
    const split = splitByWeights(weights, municipalRounded[i], splitWeightTotal(f.splitMethod, weights, populations[i]));
    const equalFallback = splitFallsBackToEqual(f.splitMethod, municipalityWeights);
    municipalities.forEach((m, k) => {
      municipalContributions.push({
        federation: f.name,
        municipality: m.name,
        method: f.splitMethod,
        equalFallback,
        share: split.shares[k],
        ...splitBasis(f.splitMethod, m.weights),
        amount: split.amounts[k],
        rounded: split.rounded[k],
      });
    });
  });
  return municipalContributions;
}

// spec: docs/model.md §1–§10 — the whole model, on input that prepareModelInput found valid
export function allocatePrepared(prepared: PreparedInput): AllocationResult {
  const p = prepared.parameters;
  const feds = prepared.federations;
  const n = feds.length;
  const rank = nameRanks(feds);
  const B = p.budget;
  const d = p.maxDecrease;

  // Step 1: keys.
  const totals = feds.map((f) => federationTotals(f.areas));
  const totalSupportMeasure = sum(totals.map((t) => t.supportMeasure));
  const totalPopulation = sum(totals.map((t) => t.population));
  const keys = totals.map((t) =>
    allocationKey(
      t.supportMeasure,
      t.population,
      totalSupportMeasure,
      totalPopulation,
      p.weightSupportMeasure,
      p.weightPopulation,
    ),
  );

  // Step 2: ideal, base, need, pool T, part-year remainder P.
  const distributable = distributableAmount(B, n, p.baseAllocation);
  const shares = keyShares(
    distributable,
    keys.map((k) => k.key),
    rank,
  );
  const baseByMonths = new Map<number, Decimal>();
  const base = feds.map((f) => {
    let b = baseByMonths.get(f.months);
    if (b === undefined) baseByMonths.set(f.months, (b = baseAmount(p.baseAllocation, f.months)));
    return b;
  });
  const ideal = feds.map((f, i) => idealAmount(p.baseAllocation, shares[i], f.months));
  const need = ideal.map((x, i) => needAmount(x, base[i]));
  const pool = poolAmount(ideal);
  const remainder = partYearRemainder(B, pool);

  // Step 3: reasonable equity.
  const basis = feds.map((f, i) => reasonableEquityBasis(f.previousTotalFunds, f.previousAllocation, ideal[i]));
  const reasonable = basis.map((b) => trappan(b, p.trappan));
  const excess = feds.map((f, i) => hasExcessEquity(f.equity, reasonable[i]));

  // Step 4: spärr at d; step 5 when even Σ A_f(0) > T.
  const protectedAtStart = feds.map((f) => isProtected(f.previousAllocation));
  const rows: FloorRow[] = feds.map((f, i) => ({
    base: base[i],
    need: need[i],
    ideal: ideal[i],
    floor: protectedAtStart[i] ? floorAmount(f.previousAllocation as Decimal, d, f.months) : undefined,
  }));
  let deficit = false;
  let lambda: Decimal;
  let afterFloor: Decimal[];
  let lifted: boolean[];
  let floors: (Decimal | undefined)[] = rows.map((r) => r.floor);
  let protectedNow = protectedAtStart.slice();
  let protectionRemoved = feds.map(() => false);
  let applied = d;
  if (!isDeficit(rows, pool)) {
    ({ lambda, afterFloor, lifted } = solveLambda(rows, pool, rank));
  } else {
    deficit = true;
    protectionRemoved = protectedAtStart.map((prot, i) => prot && excess[i]);
    protectedNow = protectedAtStart.map((prot, i) => prot && !excess[i]);
    const reduced = withoutExcessEquityProtection(rows, excess);
    floors = reduced.map((r) => r.floor);
    if (!isDeficit(reduced, pool)) {
      ({ lambda, afterFloor, lifted } = solveLambda(reduced, pool, rank));
    } else {
      const relaxRows: RelaxRow[] = feds.map((f, i) => ({
        base: base[i],
        prevScaled: protectedNow[i] ? scaledPrevious(f.previousAllocation as Decimal, f.months) : undefined,
      }));
      const relaxed = solveRelaxedMaxDecrease(relaxRows, pool, d, rank);
      applied = relaxed.maxDecrease;
      lambda = ZERO;
      afterFloor = relaxed.afterFloor;
      lifted = relaxed.lifted;
      floors = relaxed.floor;
    }
  }
  const thresholds = feds.map((f, i) =>
    !isProtected(f.previousAllocation)
      ? undefined
      : applied.eq(d)
        ? (rows[i].floor as Decimal)
        : floorAmount(f.previousAllocation as Decimal, applied, f.months),
  );

  // Step 6: matching.
  const caps = feds.map((f) => matchingCap(f.municipalContribution, f.regionContribution));
  const matched = feds.map((f, i) => matchedAmount(afterFloor[i], caps[i], f.returned));
  const cuts = matched.map((m, i) => cutAmount(afterFloor[i], m));
  const capped = caps.map((c, i) => isCappedByMatching(afterFloor[i], c));
  const surplus = surplusAfterMatching(remainder, cuts);

  // Step 7: additional funds.
  const wants = feds.map((f, i) => (compareTolerant(f.request, ZERO) > 0 ? wantedAmount(f.request, caps[i], matched[i]) : ZERO));
  const additional = distributeAdditionalFunds(wants, excess, surplus, rank);

  // Step 8: final.
  const finals = matched.map((m, i) => (additional.extra[i].isZero() ? m : m.plus(additional.extra[i])));

  // Rounding (spec "Rounding").
  // Σ ideal = Σ A = T exactly (steps 2 and 4), so both columns round to the same target
  const idealR = roundColumnToSum(ideal, pool);
  const afterFloorR = roundColumnToSum(afterFloor, pool);
  const totalIdealR = roundHalfUp(pool);
  const matchedR = roundMatchedColumn(afterFloorR, cuts);
  const totalMatchedR = sum(matchedR);
  const extraR = roundExtraColumn(additional.extra, B, matchedR, totalMatchedR);
  const totalExtraR = sum(extraR.filter((x) => !x.isZero()));
  const finalR = matchedR.map((m, i) => (extraR[i].isZero() ? m : m.plus(extraR[i])));
  const municipalR = finalR.map((x) => roundMunicipalShare(x));

  // Step 9: members' shares and the municipal split.
  const members = finals.map((x) => memberShares(x));
  const municipalContributions = municipalContributionsOf(
    feds,
    municipalR,
    totals.map((t) => t.population),
  );

  const federations: FederationResult[] = feds.map((f, i) => {
    const result: FederationResult = {
      name: f.name,
      vo: f.vo,
      region: f.region,
      index: f.index,
      supportMeasure: totals[i].supportMeasure,
      population: totals[i].population,
      supportMeasureShare: keys[i].supportMeasureShare,
      populationShare: keys[i].populationShare,
      key: keys[i].key,
      monthsFactor: monthsFactor(f.months),
      months: f.months,
      base: base[i],
      need: need[i],
      ideal: ideal[i],
      reasonableEquityBasis: basis[i],
      reasonableEquity: reasonable[i],
      equity: f.equity,
      excessEquity: excess[i],
      protected: protectedNow[i],
      protectionRemoved: protectionRemoved[i],
      previousAllocation: f.previousAllocation,
      floor: protectedNow[i] ? floors[i] : undefined,
      decreaseThreshold: thresholds[i],
      afterFloor: afterFloor[i],
      liftedToFloor: lifted[i],
      cap: caps[i],
      matched: matched[i],
      cut: cuts[i],
      cappedByMatching: capped[i],
      returned: f.returned,
      request: f.request,
      want: wants[i],
      tier: additional.tier[i],
      extra: additional.extra[i],
      final: finals[i],
      municipalShare: members[i].municipal,
      regionShare: members[i].region,
      splitMethod: f.splitMethod,
      warnings: [],
      rounded: {
        ideal: idealR[i],
        afterFloor: afterFloorR[i],
        matched: matchedR[i],
        extra: extraR[i],
        final: finalR[i],
        municipalShare: municipalR[i],
        regionShare: regionShareFromRounded(finalR[i], municipalR[i]),
        reasonableEquity: roundReasonableEquity(reasonable[i]),
      },
    };
    result.warnings = federationWarnings({
      months: f.months,
      previousAllocation: f.previousAllocation,
      equity: f.equity,
      reasonableEquity: reasonable[i],
      excessEquity: excess[i],
      liftedToFloor: lifted[i],
      floor: result.floor,
      protectionRemoved: protectionRemoved[i],
      decreaseThreshold: thresholds[i],
      afterFloor: afterFloor[i],
      cap: caps[i],
      municipalContribution: f.municipalContribution,
      regionContribution: f.regionContribution,
      cappedByMatching: capped[i],
      matched: matched[i],
      returned: f.returned,
      request: f.request,
      extra: additional.extra[i],
      final: finals[i],
      appliedMaxDecrease: applied,
    });
    return result;
  });

  const surplusExists = hasSurplus(surplus);
  const totalFinalR = totalMatchedR.plus(totalExtraR);
  const totalMunicipalR = sum(municipalR);
  const parameters: ModelParameters = {
    year: p.year,
    budget: p.budget,
    baseAllocation: p.baseAllocation,
    weightSupportMeasure: p.weightSupportMeasure,
    weightPopulation: p.weightPopulation,
    maxDecrease: p.maxDecrease,
    trappan: { ...p.trappan },
    targetedFundsCap: p.targetedFundsCap,
  };
  if (parameters.year === undefined) delete parameters.year;
  return {
    parameters,
    federations,
    municipalContributions,
    federationCount: n,
    totalSupportMeasure,
    totalPopulation,
    pool,
    partYearRemainder: remainder,
    lambda,
    appliedMaxDecrease: applied,
    deficit,
    surplus,
    undistributed: additional.undistributed,
    scenario: { deficit, surplus: surplusExists, label: scenarioLabel(deficit, surplusExists) },
    totals: {
      ideal: totalIdealR,
      afterFloor: totalIdealR,
      matched: totalMatchedR,
      extra: totalExtraR,
      final: totalFinalR,
      undistributed: B.minus(totalFinalR),
      municipalShare: totalMunicipalR,
      regionShare: totalFinalR.minus(totalMunicipalR),
    },
  };
}
