// Small builders for engine tests (plain data in, Decimal via decimal.js).
import Decimal from 'decimal.js';
import { defaultParameters } from '../../src/engine';
import type { AreaInput, FederationInput, ModelInput, ModelParameters, SplitMethod } from '../../src/engine';

export const dec = (x: Decimal.Value): Decimal => new Decimal(x);

export interface FedSpec {
  prev?: Decimal.Value;
  equity?: Decimal.Value;
  totalPrev?: Decimal.Value;
  K?: Decimal.Value;
  R?: Decimal.Value;
  request?: Decimal.Value;
  returned?: Decimal.Value;
  months?: number;
  split?: SplitMethod;
}

export function fed(name: string, s: FedSpec = {}): FederationInput {
  const f: FederationInput = { name };
  if (s.prev !== undefined) f.previousAllocation = dec(s.prev);
  if (s.equity !== undefined) f.equity = dec(s.equity);
  if (s.totalPrev !== undefined) f.previousTotalFunds = dec(s.totalPrev);
  if (s.K !== undefined) f.municipalContribution = dec(s.K);
  if (s.R !== undefined) f.regionContribution = dec(s.R);
  if (s.request !== undefined) f.request = dec(s.request);
  if (s.returned !== undefined) f.returned = dec(s.returned);
  if (s.months !== undefined) f.months = s.months;
  if (s.split !== undefined) f.splitMethod = s.split;
  return f;
}

export function area(
  federation: string,
  municipality: string,
  population: Decimal.Value,
  supportMeasure: Decimal.Value,
  extra: { area?: string; fs?: Decimal.Value } = {},
): AreaInput {
  const a: AreaInput = { federation, municipality, population: dec(population), supportMeasure: dec(supportMeasure) };
  if (extra.area !== undefined) a.area = extra.area;
  if (extra.fs !== undefined) a.supportRecipients = dec(extra.fs);
  return a;
}

export function model(
  budget: Decimal.Value,
  federations: FederationInput[],
  areas: AreaInput[],
  overrides: Partial<Omit<ModelParameters, 'budget'>> = {},
): ModelInput {
  return { parameters: { ...defaultParameters(budget), ...overrides }, federations, areas };
}

/** String of a Decimal for readable equality assertions. */
export const s = (x: Decimal | undefined): string | undefined => (x === undefined ? undefined : x.toString());

/** |a − b| ≤ tol */
export function near(a: Decimal, b: Decimal.Value, tol: Decimal.Value = '1e-25'): boolean {
  return a.minus(b).abs().lte(tol);
}

/** a/b to 70 significant digits (independent of the engine's own context). */
const Hi = Decimal.clone({ precision: 70 });
export const frac = (a: Decimal.Value, b: Decimal.Value): Decimal => new Hi(a).div(b);
