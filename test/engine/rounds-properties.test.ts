// Property tests (fast-check) of the later round (round.md §7) and the targeted-funds proposal (targeted-funds.md).
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { allocate, allocateLaterRound, targetedRound } from '../../src/engine';
import type { FederationInput, ModelInput, RecordedDecision, TargetedInput, TargetedRowInput } from '../../src/engine';
import { area, dec, model } from './helpers';

interface LaterFed {
  prev?: number;
  equity?: number;
  K?: number;
  pop: number;
  fm: number;
  flow: { request?: number; returned?: number };
}

/** Sums in the tests are exact: 100 significant digits (the engine's amounts have 30 decimals). */
const Hi = Decimal.clone({ precision: 100 });

const money = (max: number) => fc.integer({ min: 0, max });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const laterFedArb: fc.Arbitrary<LaterFed> = fc.record({
  prev: maybe(money(3_000_000)),
  equity: maybe(money(3_000_000)),
  K: maybe(money(1_500_000)),
  pop: fc.integer({ min: 1, max: 100_000 }),
  fm: fc.integer({ min: 1, max: 2_000_000 }),
  flow: fc.oneof(
    { weight: 2, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.record({ request: money(1_500_000) }) },
    { weight: 1, arbitrary: fc.record({ returned: money(2_000_000) }) },
  ),
});

const laterArb = fc.record({
  feds: fc.array(laterFedArb, { minLength: 1, maxLength: 12 }),
  extraPerFed: money(1_500_000),
  /** more Statlig ram in the later round than at the decision */
  bonus: fc.oneof(fc.constant(0), money(2_000_000)),
});

type LaterSpec = typeof laterArb extends fc.Arbitrary<infer T> ? T : never;

/** The decision is the ordinary round of the inputs without the flows; the later round adds them. */
function build(spec: LaterSpec): { later: ModelInput; decision: RecordedDecision } {
  const names = spec.feds.map((_, i) => `Förbund ${i + 1}`);
  const budget = spec.feds.length * 400_000 + spec.extraPerFed * spec.feds.length;
  const federations = (withFlows: boolean): FederationInput[] =>
    spec.feds.map((f, i) => {
      const fi: FederationInput = { name: names[i] };
      if (f.prev !== undefined) fi.previousAllocation = dec(f.prev);
      if (f.equity !== undefined) fi.equity = dec(f.equity);
      if (f.K !== undefined) fi.municipalContribution = dec(f.K);
      if (withFlows && f.flow.request !== undefined) fi.request = dec(f.flow.request);
      if (withFlows && f.flow.returned !== undefined) fi.returned = dec(f.flow.returned);
      return fi;
    });
  const areas = spec.feds.map((f, i) => area(names[i], names[i], f.pop, f.fm));
  const decided = allocate(model(budget, federations(false), areas));
  return {
    later: model(budget + spec.bonus, federations(true), areas),
    decision: { label: 'Beslut', amounts: decided.federations.map((f) => ({ federation: f.name, amount: f.rounded.final })) },
  };
}

describe('later round properties', () => {
  test('Σ final + U = B; no grant exceeds want; who neither returns nor applies keeps its decided amount; tier 1 first', () => {
    fc.assert(
      fc.property(laterArb, (spec) => {
        const { later, decision } = build(spec);
        const r = allocateLaterRound(later, decision);
        const B = later.parameters.budget;
        // Σ final + U = B exactly, and as written
        const totalFinal = r.federations.reduce((a, f) => a.plus(f.final), new Hi(0) as Decimal);
        expect(totalFinal.plus(r.undistributed).eq(B)).toBe(true);
        expect(r.totals.final.plus(r.totals.undistributed).eq(B)).toBe(true);
        expect(r.undistributed.gte(0)).toBe(true);
        expect(r.totals.undistributed.gte(0)).toBe(true);
        r.federations.forEach((f, i) => {
          const flow = spec.feds[i].flow;
          expect(f.extra.lte(f.want)).toBe(true);
          expect(f.rounded.extra.lte(f.want)).toBe(true);
          expect(f.rounded.final.eq(f.rounded.matched.plus(f.rounded.extra))).toBe(true);
          expect(f.final.minus(f.rounded.final).abs().lte(2)).toBe(true);
          if (!flow.request && !flow.returned) {
            expect(f.final.eq(f.decided)).toBe(true);
            expect(f.rounded.final.eq(f.decided)).toBe(true);
          }
          if (flow.returned !== undefined)
            expect(f.rounded.matched.eq(Decimal.max(0, f.decided.minus(flow.returned)))).toBe(true);
        });
        // tier 2 gets something only if tier 1 got all its want
        const tier2Served = r.federations.some((f) => f.tier === 2 && f.extra.gt(0));
        if (tier2Served) for (const f of r.federations) if (f.tier === 1) expect(f.extra.eq(f.want)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

const rowArb = fc.record({
  app: fc.integer({ min: 0, max: 7 }),
  requested: fc.oneof(money(800_000), fc.integer({ min: 0, max: 3 })),
});

const targetedArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 20 }),
  pot: fc.oneof(money(5_000_000), money(1_000)),
  cap: fc.oneof(fc.constant(500_000), money(900_000)),
});

type TargetedSpec = typeof targetedArb extends fc.Arbitrary<infer T> ? T : never;

function targetedInput(spec: TargetedSpec): TargetedInput {
  const rows: TargetedRowInput[] = spec.rows.map((r, i) => ({
    application: `A${r.app}`,
    federations: r.app % 3 === 0 ? ['F1', 'F2'] : [`F${(r.app % 4) + 1}`],
    insats: `Insats ${i + 1}`,
    types: ['Aktiv insats'],
    requested: dec(r.requested),
  }));
  return {
    rows,
    federations: ['F1', 'F2', 'F3', 'F4'].map((name, i) => ({ name, vo: `VO ${i % 2}` })),
    pot: dec(spec.pot),
    cap: dec(spec.cap),
  };
}

describe('targeted proposal properties', () => {
  test('Σ proposal = min(pot, Σ want); no application above the cap or its Sökt; no row above its Sökt', () => {
    fc.assert(
      fc.property(targetedArb, (spec) => {
        const input = targetedInput(spec);
        const r = targetedRound(input);
        const proposals = r.rows.map((x) => x.proposal as Decimal);
        const total = proposals.reduce((a, x) => a.plus(x), new Decimal(0));
        const wantTotal = r.applications.reduce((a, x) => a.plus(x.want), new Decimal(0));
        expect(total.eq(Decimal.min(input.pot, wantTotal))).toBe(true);
        for (const a of r.applications) {
          expect((a.proposal as Decimal).lte(input.cap)).toBe(true);
          expect((a.proposal as Decimal).lte(a.requested)).toBe(true);
          expect(a.want.eq(Decimal.min(a.requested, input.cap))).toBe(true);
          expect(a.shares.reduce((s, x) => s.plus(x.amount), new Decimal(0)).eq(a.amount)).toBe(true);
        }
        r.rows.forEach((x, i) => {
          expect(x.proposal!.isInteger()).toBe(true);
          expect(x.proposal!.gte(0)).toBe(true);
          expect(x.proposal!.lte(input.rows[i].requested)).toBe(true);
        });
        expect(r.figures.remaining.eq(input.pot.minus(total))).toBe(true);
        expect(r.byFederation.reduce((a, x) => a.plus(x.amount), new Decimal(0)).eq(total)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
