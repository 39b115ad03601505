// Property tests (fast-check): every invariant of allocation-model.md, on random rounds of 1–300 federations.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { allocate } from '../../src/engine';
import type { AllocationResult, AreaInput, FederationInput, ModelInput, SplitMethod } from '../../src/engine';
import { dec, model } from './helpers';
import { seededRng } from '../../src/workbook/random';

interface AreaSpec {
  pop: number;
  fm: number;
  fs: number;
  municipality: number;
}
interface FedSpec {
  prev?: number;
  equity?: number;
  totalPrev?: number;
  K?: number;
  R?: number;
  flow: { request?: number; returned?: number };
  months: number;
  split: SplitMethod;
  areas: AreaSpec[];
}

const money = (max: number) => fc.integer({ min: 0, max });
/** undefined with weight `blank`, a value with weight `given` */
const maybe = <T>(arb: fc.Arbitrary<T>, blank: number, given: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: blank, arbitrary: fc.constant(undefined) }, { weight: given, arbitrary: arb });

const areaArb: fc.Arbitrary<AreaSpec> = fc.record({
  pop: fc.integer({ min: 0, max: 120_000 }),
  fm: fc.integer({ min: 0, max: 2_000_000 }),
  fs: fc.integer({ min: 0, max: 3_000 }),
  municipality: fc.integer({ min: 0, max: 2 }),
});

const fedArb: fc.Arbitrary<FedSpec> = fc.record({
  prev: maybe(fc.oneof(fc.constant(0), money(6_000_000)), 1, 4),
  equity: maybe(money(4_000_000), 1, 5),
  totalPrev: maybe(money(10_000_000), 4, 1),
  K: maybe(money(2_000_000), 5, 1),
  R: maybe(money(2_000_000), 7, 1),
  flow: fc.oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.record({ request: money(1_500_000) }) },
    { weight: 1, arbitrary: fc.record({ returned: money(800_000) }) },
  ),
  months: fc.oneof({ weight: 4, arbitrary: fc.constant(12) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }),
  split: fc.constantFrom<SplitMethod>('lika', 'invanare', 'forsorjningsstod'),
  areas: fc.array(areaArb, { minLength: 1, maxLength: 4 }),
});

interface RoundSpec {
  feds: FedSpec[];
  extraPerFed: number;
  maxDecrease: string;
  weights: [string, string];
}

const roundArb = (maxFeds: number): fc.Arbitrary<RoundSpec> =>
  fc.record({
    feds: fc.oneof(
      fc.array(fedArb, { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: maxFeds }).chain((n) => fc.array(fedArb, { minLength: n, maxLength: n })),
    ),
    extraPerFed: fc.oneof(money(300_000), money(3_000_000)),
    maxDecrease: fc.constantFrom('0', '0.1', '0.1', '0.25', '0.6'),
    weights: fc.constantFrom<[string, string]>(['0.75', '0.25'], ['0.75', '0.25'], ['1', '0'], ['0', '1'], ['0.5', '0.5']),
  });

function buildInput(spec: RoundSpec): ModelInput {
  const federations: FederationInput[] = [];
  const areas: AreaInput[] = [];
  spec.feds.forEach((f, i) => {
    const name = `Förbund ${i + 1}`;
    const fi: FederationInput = { name, months: f.months, splitMethod: f.split };
    if (f.prev !== undefined) fi.previousAllocation = dec(f.prev);
    if (f.equity !== undefined) fi.equity = dec(f.equity);
    if (f.totalPrev !== undefined) fi.previousTotalFunds = dec(f.totalPrev);
    if (f.K !== undefined) fi.municipalContribution = dec(f.K);
    if (f.R !== undefined) fi.regionContribution = dec(f.R);
    if (f.flow.request !== undefined) fi.request = dec(f.flow.request);
    if (f.flow.returned !== undefined) fi.returned = dec(f.flow.returned);
    federations.push(fi);
    f.areas.forEach((a, j) => {
      areas.push({
        federation: name,
        municipality: `Kommun ${i + 1}.${a.municipality}`,
        area: `Område ${j + 1}`,
        population: dec(a.pop),
        supportMeasure: dec(a.fm),
        supportRecipients: dec(a.fs),
      });
    });
  });
  // Σ FM > 0 and Σ POP > 0
  if (areas.every((a) => a.supportMeasure.isZero())) areas[0].supportMeasure = dec(1);
  if (areas.every((a) => a.population.isZero())) areas[0].population = dec(1);
  const n = federations.length;
  return model(400_000 * n + spec.extraPerFed * n, federations, areas, {
    maxDecrease: dec(spec.maxDecrease),
    weightSupportMeasure: dec(spec.weights[0]),
    weightPopulation: dec(spec.weights[1]),
  });
}

/** Sums in the tests are exact: 100 significant digits. */
const Hi = Decimal.clone({ precision: 100 });
const ZERO = new Hi(0);
const sum = (xs: Decimal[]) => xs.reduce((a, b) => a.plus(b), ZERO as Decimal);

/** A cheap assertion for the hot loops (expect() per cell is slow on 300 federations). */
function ok(condition: boolean, what: string): void {
  if (!condition) throw new Error(`invariant failed: ${what}`);
}

function checkInvariants(input: ModelInput, r: AllocationResult): void {
  const B = input.parameters.budget;
  const d = input.parameters.maxDecrease;
  const F = r.federations;
  // Σ final + U = B, exactly
  ok(
    sum(F.map((f) => f.final))
      .plus(r.undistributed)
      .eq(B),
    'sum(F.map((f) => f.final)).plus(r.undistributed).eq(B)',
  );
  ok(r.undistributed.gte(0), 'r.undistributed.gte(0)');
  ok(r.surplus.gte(0), 'r.surplus.gte(0)');
  // T = Σ ideal = Σ A exactly; P ≥ 0
  ok(sum(F.map((f) => f.ideal)).eq(r.pool), 'sum(F.map((f) => f.ideal)).eq(r.pool)');
  ok(sum(F.map((f) => f.afterFloor)).eq(r.pool), 'sum(F.map((f) => f.afterFloor)).eq(r.pool)');
  ok(r.partYearRemainder.gte(0), 'r.partYearRemainder.gte(0)');
  ok(r.lambda.gte(0) && r.lambda.lte(1), 'r.lambda.gte(0) && r.lambda.lte(1)');
  if (r.deficit) ok(r.appliedMaxDecrease.gte(d), 'r.appliedMaxDecrease.gte(d)');
  else ok(r.appliedMaxDecrease.eq(d), 'r.appliedMaxDecrease.eq(d)');
  if (r.appliedMaxDecrease.gt(d)) ok(r.lambda.isZero(), 'r.lambda.isZero()');
  const relaxed = r.appliedMaxDecrease.gt(d);
  for (const f of F) {
    // A_f = max(floor_f, base_f + λ·need_f) (protected) or base_f + λ·need_f, to 10^-20 kr
    const linear = f.base.plus(f.need.times(r.lambda));
    const formula = f.floor !== undefined && f.floor.gt(linear) ? f.floor : linear;
    ok(f.afterFloor.minus(formula).abs().lte('1e-20'), 'A_f = max(floor, base + λ·need)');
    if (relaxed && f.protected) ok(f.afterFloor.minus(Decimal.max(f.floor!, f.base)).abs().lte('1e-20'), 'A_f at d′');
    // 0 ≤ matched ≤ A; matched ≤ cap; extra ≤ want
    ok(f.matched.gte(0), 'f.matched.gte(0)');
    ok(f.matched.lte(f.afterFloor), 'f.matched.lte(f.afterFloor)');
    if (f.cap !== undefined) ok(f.matched.lte(f.cap), 'f.matched.lte(f.cap)');
    ok(f.extra.gte(0), 'f.extra.gte(0)');
    ok(f.extra.lte(f.want), 'f.extra.lte(f.want)');
    ok(f.want.lte(f.request), 'f.want.lte(f.request)');
    ok(f.final.eq(f.matched.plus(f.extra)), 'f.final.eq(f.matched.plus(f.extra))');
    const cutByMatchingOrReturn = f.cappedByMatching || f.returned.gt(0);
    // final ≥ base unless capped by matching or returned funds
    if (!cutByMatchingOrReturn) ok(f.final.gte(f.base), 'f.final.gte(f.base)');
    ok(f.afterFloor.gte(f.base), 'f.afterFloor.gte(f.base)');
    // protected federations without excess equity end at ≥ floor (applied spärr) unless matching/returned cut them
    if (f.protected && !f.excessEquity) {
      ok(f.floor !== undefined, 'protected has a floor');
      ok(f.afterFloor.gte(f.floor!), 'f.afterFloor.gte(f.floor!)');
      ok(f.floor!.gte(f.decreaseThreshold!), 'f.floor!.gte(f.decreaseThreshold!)');
      if (!cutByMatchingOrReturn) ok(f.final.gte(f.decreaseThreshold!), 'f.final.gte(f.decreaseThreshold!)');
    }
    if (f.protectionRemoved) ok(r.deficit && f.excessEquity && !f.protected, 'r.deficit && f.excessEquity && !f.protected');
    // recomputed from the input row: prev_f, m_f, the applied spärr (not the engine's own floor)
    const row = input.federations[f.index];
    const prev =
      row.previousAllocation !== undefined && row.previousAllocation.gt(0) ? new Hi(row.previousAllocation) : undefined;
    ok(
      f.protectionRemoved === (r.deficit && prev !== undefined && f.excessEquity),
      'step 5: protection removed ⇔ deficit, prev > 0, excess equity',
    );
    ok(f.protected === (prev !== undefined && !f.protectionRemoved), 'protected ⇔ prev > 0 and not removed');
    if (prev !== undefined) {
      const threshold = new Hi(1).minus(r.appliedMaxDecrease).times(prev).times(f.months).div(12);
      ok(f.decreaseThreshold!.minus(threshold).abs().lte('1e-20'), '(1 − applied spärr)·prev·m from the input');
      if (f.protected) ok(f.floor!.minus(threshold).abs().lte('1e-20'), 'floor = (1 − applied spärr)·prev·m from the input');
    }
    // warnings agree with the flags and are sorted by code
    const codes = f.warnings.map((w) => w.code);
    ok([...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join() === codes.join(), 'warnings sorted');
    ok(codes.includes('MATCHNING') === f.cappedByMatching, 'MATCHNING flag');
    ok(codes.includes('EGET_KAPITAL') === f.excessEquity, 'EGET_KAPITAL flag');
    ok(codes.includes('SPÄRR') === f.liftedToFloor, 'SPÄRR flag');
    ok(codes.includes('DELÅR') === f.months < 12, 'DELÅR flag');
    ok(codes.includes('MINSKNING') === (f.decreaseThreshold !== undefined && f.final.lt(f.decreaseThreshold)), 'MINSKNING flag');
    ok(codes.includes('YTTERLIGARE_DELVIS') === (f.request.gt(0) && f.extra.lt(f.request)), 'YTTERLIGARE_DELVIS flag');
    ok(codes.includes('SPÄRR_EJ') === f.protectionRemoved, 'SPÄRR_EJ flag');
    ok(codes.includes('NY') === (prev === undefined), 'NY ⇔ no prev in the input');
    ok(codes.includes('EK_SAKNAS') === (row.equity === undefined), 'EK_SAKNAS ⇔ no equity in the input');
    ok(
      codes.includes('ÅTERLÄMNAT') === (row.returned !== undefined && row.returned.gt(0)),
      'ÅTERLÄMNAT ⇔ returned > 0 in the input',
    );
    // tiers: excess equity only in tier 2
    if (f.tier !== undefined) ok(f.tier === (f.excessEquity ? 2 : 1), 'tier');
  }
  // tier 2 gets something only when every tier-1 applicant got its whole want
  if (F.some((f) => f.tier === 2 && f.extra.gt(0))) {
    for (const f of F.filter((x) => x.tier === 1)) ok(f.extra.eq(f.want), 'f.extra.eq(f.want)');
  }
  // U > 0 only when every applicant got its whole want
  if (r.undistributed.gt('1e-20')) for (const f of F) ok(f.extra.eq(f.want), 'f.extra.eq(f.want)');
  const label = r.deficit
    ? r.surplus.gt(0)
      ? 'Underskott och överskott'
      : 'Underskott'
    : r.surplus.gt(0)
      ? 'Överskott'
      : 'Balans';
  expect(r.scenario.label).toBe(label);
}

function checkRounding(input: ModelInput, r: AllocationResult): void {
  const B = input.parameters.budget;
  const within = (cell: Decimal, exact: Decimal, tol: number | string = 2) => {
    ok(cell.isInteger(), 'cell.isInteger()');
    ok(cell.gte(0), 'cell.gte(0)');
    ok(cell.minus(exact).abs().lte(tol), 'cell.minus(exact).abs().lte(tol)');
  };
  for (const f of r.federations) {
    const x = f.rounded;
    within(x.ideal, f.ideal);
    within(x.afterFloor, f.afterFloor);
    within(x.matched, f.matched);
    within(x.extra, f.extra);
    within(x.final, f.final);
    within(x.municipalShare, f.municipalShare);
    within(x.regionShare, f.regionShare);
    within(x.reasonableEquity, f.reasonableEquity, '0.5');
    // every row adds up
    ok(x.final.eq(x.matched.plus(x.extra)), 'x.final.eq(x.matched.plus(x.extra))');
    ok(x.municipalShare.plus(x.regionShare).eq(x.final), 'x.municipalShare.plus(x.regionShare).eq(x.final)');
    // a federation that was not cut shows exactly its Efter spärr; one that got nothing shows 0
    if (f.cut.isZero()) ok(x.matched.eq(x.afterFloor), 'x.matched.eq(x.afterFloor)');
    if (f.extra.isZero()) ok(x.extra.isZero(), 'x.extra.isZero()');
  }
  // one granted its whole (whole-krona) request shows exactly it, unless B − Σ Matchad limited the column
  const extraTarget = sum(r.federations.map((f) => f.extra)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (r.totals.extra.eq(extraTarget)) {
    for (const f of r.federations)
      if (f.extra.eq(f.request) && f.request.gt(0)) ok(f.rounded.extra.eq(f.request), 'whole request shown exactly');
  }
  const sumOf = (k: keyof AllocationResult['federations'][number]['rounded']) => sum(r.federations.map((f) => f.rounded[k]));
  // column totals add up to B
  ok(r.totals.final.plus(r.totals.undistributed).eq(B), 'r.totals.final.plus(r.totals.undistributed).eq(B)');
  ok(r.totals.undistributed.gte(0), 'r.totals.undistributed.gte(0)');
  ok(r.totals.undistributed.minus(r.undistributed).abs().lte(2), 'r.totals.undistributed.minus(r.undistributed).abs().lte(2)');
  ok(r.totals.final.eq(sumOf('final')), "r.totals.final.eq(sumOf('final'))");
  ok(r.totals.matched.plus(r.totals.extra).eq(r.totals.final), 'r.totals.matched.plus(r.totals.extra).eq(r.totals.final)');
  ok(
    r.totals.municipalShare.plus(r.totals.regionShare).eq(r.totals.final),
    'r.totals.municipalShare.plus(r.totals.regionShare).eq(r.totals.final)',
  );
  ok(
    r.totals.ideal.eq(sum(r.federations.map((f) => f.ideal)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP)),
    'r.totals.ideal.eq(sum(r.federations.map((f) => f.ideal)).toDecimalPlaces(0, Deci',
  );
  ok(
    r.totals.afterFloor.eq(r.pool.toDecimalPlaces(0, Decimal.ROUND_HALF_UP)),
    'r.totals.afterFloor.eq(r.pool.toDecimalPlaces(0, Decimal.ROUND_HALF_UP))',
  );
  // municipal contributions: LR split of each federation's Kommunernas andel
  const byFed = new Map<string, Decimal>();
  for (const m of r.municipalContributions) {
    within(m.rounded, m.amount, 1);
    byFed.set(m.federation, (byFed.get(m.federation) ?? ZERO).plus(m.rounded));
  }
  for (const f of r.federations)
    ok(byFed.get(f.name)!.eq(f.rounded.municipalShare), 'byFed.get(f.name)!.eq(f.rounded.municipalShare)');
}

/** Deterministic shuffle (the project's seeded generator) */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  return seededRng(seed).shuffle(xs);
}

/** The exact per-federation results, keyed by name. */
function exactView(r: AllocationResult) {
  const feds = Object.fromEntries(
    r.federations.map((f) => [
      f.name,
      {
        key: f.key.toString(),
        ideal: f.ideal.toString(),
        afterFloor: f.afterFloor.toString(),
        floor: f.floor?.toString(),
        matched: f.matched.toString(),
        want: f.want.toString(),
        extra: f.extra.toString(),
        final: f.final.toString(),
        reasonable: f.reasonableEquity.toString(),
        warnings: f.warnings,
      },
    ]),
  );
  const shares = Object.fromEntries(
    r.municipalContributions.map((m) => [`${m.federation}/${m.municipality}`, m.share.toString()]),
  );
  return {
    feds,
    shares,
    lambda: r.lambda.toString(),
    applied: r.appliedMaxDecrease.toString(),
    pool: r.pool.toString(),
    undistributed: r.undistributed.toString(),
    scenario: r.scenario,
  };
}

describe('invariants (fast-check)', () => {
  test('Σ final + U = B, bounds, floors, tiers, warnings; rounding adds up within 2 kr', () => {
    fc.assert(
      fc.property(roundArb(300), (spec) => {
        const input = buildInput(spec);
        const r = allocate(input);
        checkInvariants(input, r);
        checkRounding(input, r);
      }),
      { numRuns: 200, seed: 20240611 },
    );
  });

  test('deficits are exercised too (small budgets, high previous allocations)', () => {
    let deficits = 0;
    let relaxed = 0;
    fc.assert(
      fc.property(roundArb(60), (spec) => {
        spec.extraPerFed = Math.floor(spec.extraPerFed / 20);
        for (const f of spec.feds) if (f.prev === undefined) f.prev = 1_500_000;
        const input = buildInput(spec);
        const r = allocate(input);
        if (r.deficit) deficits++;
        if (r.appliedMaxDecrease.gt(input.parameters.maxDecrease)) relaxed++;
        checkInvariants(input, r);
        checkRounding(input, r);
      }),
      { numRuns: 120, seed: 77 },
    );
    expect(deficits).toBeGreaterThan(30);
    expect(relaxed).toBeGreaterThan(10);
  });

  test('results do not depend on the order of federations and areas', () => {
    fc.assert(
      fc.property(roundArb(120), fc.integer(), fc.integer(), (spec, s1, s2) => {
        const input = buildInput(spec);
        const permuted: ModelInput = {
          parameters: input.parameters,
          federations: shuffled(input.federations, s1),
          areas: shuffled(input.areas, s2),
        };
        expect(exactView(allocate(permuted))).toEqual(exactView(allocate(input)));
      }),
      { numRuns: 100, seed: 4242 },
    );
  });

  test('scaling every fm (or every pop) by the same factor changes nothing', () => {
    fc.assert(
      fc.property(roundArb(120), fc.constantFrom('7', '1000', '0.001', '2.5'), fc.boolean(), (spec, factor, scaleFm) => {
        const input = buildInput(spec);
        const scaled: ModelInput = {
          ...input,
          areas: input.areas.map((a) =>
            scaleFm ? { ...a, supportMeasure: a.supportMeasure.times(factor) } : { ...a, population: a.population.times(factor) },
          ),
        };
        const a = allocate(input);
        const b = allocate(scaled);
        expect(exactView(b)).toEqual(exactView(a));
        expect(b.federations.map((f) => f.rounded)).toEqual(a.federations.map((f) => f.rounded));
      }),
      { numRuns: 60, seed: 99 },
    );
  });
});
