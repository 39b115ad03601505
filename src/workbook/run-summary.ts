// The run's summary for a terminal or the pane: money flows, the scenario in words, totals per VO and
// every federation's figures.
// spec: docs/workbook-format.md §5; docs/model.md §R (rounding).
import Decimal from 'decimal.js';
import type { AllocationResult, ModelInput } from '../engine';
import { changeFromPreviousYear, isActionWarning, moneyFlows, WARNING_CODES } from '../engine';
import type { YearChange } from '../engine';
import type { CellValue, FederationSummary, Problem, RunFlows, RunSummary, VoTotal } from './types';
import { CHANGE_MONEY_FORMAT, CHANGE_SHARE_FORMAT, MONEY_FORMAT, TEXT_FORMAT } from './types';
import { formatKronor, formatNumber, formatShare } from './format';
import { normalizeKey } from './text';
import { SUMMARY_TEXTS } from './messages';
import { TOTAL_LABEL } from './kommunbidrag';
import { kronorOf, wholeKronor } from './write-values';

export function counts(result: AllocationResult): Record<string, number> {
  const c: Record<string, number> = {};
  for (const f of result.federations) for (const w of f.warnings) c[w.code] = (c[w.code] ?? 0) + 1;
  return c;
}

export function municipalityCount(input: ModelInput): number {
  return new Set(input.areas.map((a) => normalizeKey(a.municipality))).size;
}

/** The change from last year of one federation as written (engine changeFromPreviousYear; undefined = new). */
export function federationChange(f: AllocationResult['federations'][number]): YearChange | undefined {
  return changeFromPreviousYear(f.rounded.final, f.previousAllocation, f.months);
}

/** A change's share as written in `Förändring mot föregående år (%)` (6 decimals: 0,0001 %). */
export function changeShareValue(change: YearChange): number {
  return Number(change.share.toFixed(6, Decimal.ROUND_HALF_UP)) || 0;
}

/**
 * The run's money flows in whole kronor, on the written columns so that they add up to the krona:
 * T = Σ Idealfördelning, P = B − T, S = B − Σ Matchad = Σ Ytterligare + Ej fördelat, and the cut
 * Σ Efter spärr − Σ Matchad split into returned funds (engine moneyFlows, rounded half up) and the
 * rest, cut by matching. Applied for is Σ Ansökan.
 */
export function runFlows(result: AllocationResult): RunFlows {
  const f = moneyFlows(result);
  const t = result.totals;
  const budget = wholeKronor(result.parameters.budget);
  const pool = wholeKronor(t.ideal);
  const cut = wholeKronor(t.afterFloor.minus(t.matched));
  const returned = Math.min(cut, kronorOf(f.returned));
  return {
    budget,
    pool,
    partYearRemainder: wholeKronor(result.parameters.budget.minus(t.ideal)),
    surplus: wholeKronor(result.parameters.budget.minus(t.matched)),
    lambda: Number(result.lambda.toFixed(6, Decimal.ROUND_HALF_UP)),
    appliedMaxDecrease: result.appliedMaxDecrease.toNumber(),
    cutByMatching: wholeKronor(t.afterFloor.minus(t.matched).minus(returned)),
    returned,
    requested: kronorOf(f.requested),
    granted: wholeKronor(t.extra),
    undistributed: wholeKronor(t.undistributed),
  };
}

/** The scenario in one sentence with its money (SUMMARY_TEXTS). */
export function scenarioExplanation(result: AllocationResult, flows: RunFlows): string {
  const T = SUMMARY_TEXTS;
  const lifted = result.federations.filter((f) => f.liftedToFloor).length;
  const removed = result.federations.filter((f) => f.protectionRemoved).length;
  const relaxed = result.appliedMaxDecrease.greaterThan(result.parameters.maxDecrease)
    ? { applied: formatShare(flows.appliedMaxDecrease), given: formatShare(result.parameters.maxDecrease) }
    : undefined;
  const lifting = lifted > 0 && flows.lambda < 1 ? T.floorLifted(lifted, formatNumber(flows.lambda, 6)) : undefined;
  const floorPart = result.deficit
    ? [T.floorDeficit(removed, relaxed), ...(lifting ? [lifting] : [])].join('; ')
    : (lifting ?? T.noFloorBinds);
  const k = formatKronor;
  const surplusPart = result.scenario.surplus
    ? T.surplus(
        k(flows.surplus),
        k(flows.partYearRemainder),
        k(flows.cutByMatching),
        k(flows.returned),
        k(flows.granted),
        k(flows.requested),
        k(flows.undistributed),
      )
    : T.noSurplus;
  return T.explanation(result.scenario.label, floorPart, surplusPart);
}

/** Every federation's figures for the summary, in input order; `rows` are the Förbund rows (layout.dataRows). */
export function federationSummaries(result: AllocationResult, rows?: readonly number[]): FederationSummary[] {
  return result.federations.map((f) => {
    const change = federationChange(f);
    const warnings = WARNING_CODES.filter((c) => f.warnings.some((w) => w.code === c));
    const row = rows?.[f.index];
    return {
      name: f.name,
      vo: (f.vo ?? '').trim(),
      index: f.index,
      ...(row !== undefined ? { row } : {}),
      ideal: wholeKronor(f.rounded.ideal),
      final: wholeKronor(f.rounded.final),
      change: change ? wholeKronor(change.amount) : null,
      changeShare: change ? changeShareValue(change) : null,
      warnings,
      needsAction: warnings.some(isActionWarning),
    };
  });
}

/** Totals per VO: VOs in Swedish order (case and spacing folded), federations without a VO last. */
export function voTotals(result: AllocationResult): VoTotal[] {
  const groups = new Map<string, { vo: string; feds: AllocationResult['federations'] }>();
  for (const f of result.federations) {
    const vo = (f.vo ?? '').trim().replace(/\s+/g, ' ');
    const key = normalizeKey(vo);
    if (!groups.has(key)) groups.set(key, { vo, feds: [] });
    groups.get(key)!.feds.push(f);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'sv')));
  return sorted.map(([, g]) => {
    let ideal = new Decimal(0);
    let final = new Decimal(0);
    let change = new Decimal(0);
    let previous = new Decimal(0);
    for (const f of g.feds) {
      ideal = ideal.plus(f.rounded.ideal);
      final = final.plus(f.rounded.final);
      const c = federationChange(f);
      if (c) {
        change = change.plus(c.amount);
        previous = previous.plus(c.base);
      }
    }
    return {
      vo: g.vo,
      federationCount: g.feds.length,
      ideal: wholeKronor(ideal),
      final: wholeKronor(final),
      change: wholeKronor(change),
      previous: kronorOf(previous),
    };
  });
}

/** Headers of the block of totals per VO on Körlogg. */
export const VO_TOTAL_HEADERS = [
  'VO',
  'Antal förbund',
  'Idealfördelning (kr)',
  'Slutlig tilldelning (kr)',
  'Förändring mot föregående år (kr)',
  'Förändring mot föregående år (%)',
] as const;

/**
 * The totals per VO as a table (header, one row per VO, a Summa row): förbund, ideal, final, the change
 * from last year in kronor and as a share of last year's base (blank where no federation has a base).
 */
export function voTotalsBlock(result: AllocationResult): { values: CellValue[][]; numberFormats: (string | null)[][] } {
  const totals = voTotals(result);
  const share = (change: number, previous: number): CellValue => (previous > 0 ? Number((change / previous).toFixed(6)) : '');
  const rowFormats = [TEXT_FORMAT, '0', MONEY_FORMAT, MONEY_FORMAT, CHANGE_MONEY_FORMAT, CHANGE_SHARE_FORMAT];
  const values: CellValue[][] = [[...VO_TOTAL_HEADERS]];
  const numberFormats: (string | null)[][] = [VO_TOTAL_HEADERS.map(() => TEXT_FORMAT)];
  const sum = { count: 0, ideal: 0, final: 0, change: 0, previous: 0 };
  for (const t of totals) {
    values.push([t.vo || SUMMARY_TEXTS.noVo, t.federationCount, t.ideal, t.final, t.change, share(t.change, t.previous)]);
    numberFormats.push(rowFormats);
    sum.count += t.federationCount;
    sum.ideal += t.ideal;
    sum.final += t.final;
    sum.change += t.change;
    sum.previous += t.previous;
  }
  values.push([TOTAL_LABEL, sum.count, sum.ideal, sum.final, sum.change, share(sum.change, sum.previous)]);
  numberFormats.push(rowFormats);
  return { values, numberFormats };
}

/** The run's summary for a terminal or the pane (kronor with spaces: "339 000 000 kr"). */
export function runSummary(
  result: AllocationResult,
  input: ModelInput,
  notices: Problem[] = [],
  rows?: readonly number[],
): RunSummary {
  const warningCounts = counts(result);
  const municipalities = municipalityCount(input);
  const warningList = WARNING_CODES.filter((c) => warningCounts[c]).map((c) => `${c} ${warningCounts[c]}`);
  const flows = runFlows(result);
  const explanation = scenarioExplanation(result, flows);
  const lines = [
    `Scenario: ${result.scenario.label}`,
    `Statlig ram: ${formatKronor(result.parameters.budget)}`,
    `Summa slutlig tilldelning: ${formatKronor(result.totals.final)}`,
    `Ej fördelat: ${formatKronor(result.totals.undistributed)}`,
    `Tillämpad spärr: ${formatShare(result.appliedMaxDecrease)}`,
    `Förbund: ${result.federationCount}, kommuner: ${municipalities}`,
    `Varningar: ${warningList.length ? warningList.join(', ') : 'inga'}`,
    ...notices.map((n) => `Obs: ${n.address}: ${n.message}`),
  ];
  return {
    scenario: result.scenario.label,
    budget: wholeKronor(result.parameters.budget),
    totalFinal: wholeKronor(result.totals.final),
    undistributed: wholeKronor(result.totals.undistributed),
    appliedMaxDecrease: result.appliedMaxDecrease.toNumber(),
    federationCount: result.federationCount,
    municipalityCount: municipalities,
    warningCounts,
    lines,
    notices,
    flows,
    explanation,
    voTotals: voTotals(result),
    federations: federationSummaries(result, rows),
  };
}
