// Deterministic synthetic allocation rounds for benchmarks and scale tests.
import { D as Decimal } from '../src/engine/decimal';
import { defaultParameters } from '../src/engine/parameters';
import type { AreaInput, FederationInput, ModelInput, SplitMethod } from '../src/engine/types';
import { seededRandom as prng } from '../src/workbook/random';

const NATIONAL_AREAS = 290;
const NATIONAL_FEDERATIONS = 80;
const NATIONAL_BUDGET = 339_000_000;

/**
 * A synthetic round with `areaCount` areas, its numbers in the engine's decimal class as the workbook
 * layer delivers them (≈ 3.6 areas per federation; 290 areas give the
 * national 80 federations and a 339 000 000 kr budget, larger rounds a proportionally larger
 * budget, always ≥ N·G). Whole-krona inputs; some federations are new, part-year, capped by
 * matching, applying for or returning funds, with or without equity.
 */
export function syntheticInput(areaCount: number, seed: number): ModelInput {
  const rand = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const areasN = Math.max(1, Math.floor(areaCount));
  const fedN = Math.max(1, Math.min(areasN, Math.round((areasN * NATIONAL_FEDERATIONS) / NATIONAL_AREAS)));
  // Budget in whole kronor (integer arithmetic on a count, not on decimal money).
  const scaledBudget = Math.round((NATIONAL_BUDGET * areasN) / NATIONAL_AREAS);
  const budget = Math.max(scaledBudget, fedN * 400_000 + 1_000_000);
  const perFederation = budget / fedN; // only used to draw plausible magnitudes
  const methods: SplitMethod[] = ['invanare', 'invanare', 'invanare', 'lika', 'forsorjningsstod'];
  const federations: FederationInput[] = [];
  for (let i = 0; i < fedN; i++) {
    const isNew = rand() < 0.05;
    const hasEquity = rand() < 0.9;
    const request = rand() < 0.25 ? int(50, 800) * 1000 : 0;
    const returned = request === 0 && rand() < 0.05 ? int(10, 300) * 1000 : 0;
    const f: FederationInput = {
      name: `Förbund ${i + 1}`,
      vo: ['Syd', 'Väst', 'Mitt', 'Stockholm', 'Nord'][i % 5],
      region: `Region ${1 + (i % 21)}`,
      splitMethod: methods[int(0, methods.length - 1)],
    };
    if (!isNew) f.previousAllocation = new Decimal(Math.round(perFederation * (0.5 + rand() * 1.2)));
    if (hasEquity) f.equity = new Decimal(Math.round(perFederation * rand() * 0.8));
    if (rand() < 0.3) f.previousTotalFunds = new Decimal(Math.round(perFederation * (1.5 + rand())));
    if (rand() < 0.15) f.municipalContribution = new Decimal(Math.round(perFederation * (0.2 + rand() * 0.4)));
    if (rand() < 0.1) f.regionContribution = new Decimal(Math.round(perFederation * (0.2 + rand() * 0.4)));
    if (request > 0) f.request = new Decimal(request);
    if (returned > 0) f.returned = new Decimal(returned);
    if (rand() < 0.05) f.months = int(3, 11);
    federations.push(f);
  }
  // Every federation gets one area, the rest are spread at random.
  const owner: number[] = [];
  for (let i = 0; i < fedN; i++) owner.push(i);
  for (let k = fedN; k < areasN; k++) owner.push(int(0, fedN - 1));
  const areas: AreaInput[] = owner.map((fi, k) => {
    const population = int(2_000, 120_000);
    return {
      federation: federations[fi].name,
      municipality: `Kommun ${k + 1}`,
      population: new Decimal(population),
      supportMeasure: new Decimal(Math.round(population * (10 + rand() * 40))),
      supportRecipients: new Decimal(Math.round(population * (0.01 + rand() * 0.05))),
    };
  });
  return { parameters: defaultParameters(budget), federations, areas };
}
