// The public worked example (spec worked-example.md), every number.
import { allocate, formatWarnings } from '../../src/engine';
import { area, fed, model } from './helpers';
import { WORKED_EXAMPLE } from '../fixtures/worked-example';

const input = model(
  WORKED_EXAMPLE.budget,
  WORKED_EXAMPLE.federations.map((f) =>
    fed(f.name, {
      prev: f.previousAllocation,
      equity: f.equity,
      K: f.municipalContribution,
      request: f.request,
      months: f.months,
    }),
  ),
  WORKED_EXAMPLE.areas.map((a) => area(a.federation, a.municipality, a.population, a.supportMeasure)),
);

describe('worked example (Statlig ram 9 000 000 kr, defaults)', () => {
  const r = allocate(input);
  const by = (name: string) => r.federations.find((f) => f.name === name)!;

  test('keys to 6 decimals', () => {
    expect(r.federations.map((f) => f.key.toFixed(6))).toEqual(['0.302880', '0.345744', '0.190381', '0.160994']);
    // Norrby by hand: 0.75·1 050 000/3 490 000 + 0.25·38 000/123 000
    //   = 0.2256446991404011461318… + 0.0772357723577235772357… = 0.3028804714981247233675775…
    expect(by('Norrby').key.toFixed(25)).toBe('0.3028804714981247233675775');
    expect(r.totalSupportMeasure.toString()).toBe('3490000');
    expect(r.totalPopulation.toString()).toBe('123000');
  });

  test('every rounded column', () => {
    const rows = r.federations.map((f) => [
      f.name,
      f.rounded.ideal.toNumber(),
      f.rounded.afterFloor.toNumber(),
      f.rounded.matched.toNumber(),
      f.rounded.extra.toNumber(),
      f.rounded.final.toNumber(),
      f.rounded.municipalShare.toNumber(),
      f.rounded.regionShare.toNumber(),
      f.rounded.reasonableEquity.toNumber(),
    ]);
    expect(rows).toEqual([
      ['Norrby', 2_641_316, 2_641_316, 2_641_316, 0, 2_641_316, 1_320_658, 1_320_658, 1_040_000],
      ['Söderby', 2_958_505, 2_958_505, 1_800_000, 0, 1_800_000, 900_000, 900_000, 960_000],
      ['Österby', 1_808_822, 1_808_822, 1_808_822, 600_000, 2_408_822, 1_204_411, 1_204_411, 600_000],
      ['Västerby', 1_060_905, 1_060_905, 1_060_905, 300_000, 1_360_905, 680_453, 680_452, 424_362],
    ]);
  });

  test('warnings, sorted by code', () => {
    expect(r.federations.map((f) => f.warnings.map((w) => w.code))).toEqual([
      [],
      ['MATCHNING', 'MINSKNING'],
      [],
      ['DELÅR', 'EK_SAKNAS', 'NY'],
    ]);
    const soder = formatWarnings(by('Söderby').warnings);
    expect(soder).toContain(
      'MATCHNING: Kommunernas möjliga bidrag 900 000 kr räcker till statlig tilldelning om högst 1 800 000 kr av 2 958 505 kr',
    );
    expect(soder).toContain('MINSKNING: Slutlig tilldelning 1 800 000 kr understiger spärrnivån 2 160 000 kr');
    expect(formatWarnings(by('Västerby').warnings)).toContain('DELÅR: Verksamhet 8 av 12 månader');
  });

  test('scenario, λ, pool, remainder and Ej fördelat', () => {
    expect(r.scenario).toEqual({ deficit: false, surplus: true, label: 'Överskott' });
    expect(r.lambda.toString()).toBe('1');
    expect(r.lambda.toFixed(6)).toBe('1.000000');
    expect(r.appliedMaxDecrease.toString()).toBe('0.1');
    expect(r.pool.toFixed(2)).toBe('8469547.53');
    expect(r.partYearRemainder.toFixed(2)).toBe('530452.47');
    expect(r.totals.undistributed.toString()).toBe('788957');
    expect(r.undistributed.toFixed(2)).toBe('788957.61');
    expect(r.totals.final.plus(r.totals.undistributed).toString()).toBe('9000000');
    expect(r.federationCount).toBe(4);
  });

  test('step by step for Söderby and Västerby', () => {
    const s = by('Söderby');
    expect(s.cap!.toString()).toBe('1800000');
    expect(s.matched.toString()).toBe('1800000');
    expect(s.cappedByMatching).toBe(true);
    expect(s.excessEquity).toBe(false);
    const v = by('Västerby');
    expect(v.monthsFactor.times(12).toDecimalPlaces(40).toString()).toBe('8');
    // Västerby: basis 2·ideal, Trappan 20 % → 0.4·ideal
    expect(v.reasonableEquity.eq(v.ideal.times('0.4'))).toBe(true);
    expect(v.base.toFixed(4)).toBe('266666.6667');
    // ideal = (400 000 + 7 400 000·key)·8/12 = 1 060 904.9471583541…; T = 9 000 000 − ideal/2 = 8 469 547.5264208…
    expect(v.ideal.toFixed(10)).toBe('1060904.9471583541');
    expect(r.pool.toFixed(10)).toBe('8469547.5264208229');
    expect(v.tier).toBe(1);
    expect(by('Österby').tier).toBe(1);
    expect(by('Österby').extra.toString()).toBe('600000');
  });

  test('municipal contributions: LR split of Kommunernas andel by invånare', () => {
    const rows = r.municipalContributions.map((m) => [m.federation, m.municipality, m.method, m.rounded.toNumber()]);
    // Söderby 900 000 · 30/39 = 692 307.69 → 692 308; · 9/39 = 207 692.31 → 207 692
    // Västerby 680 453 · 0.7 = 476 317.1 → 476 317; · 0.3 = 204 135.9 → 204 136
    expect(rows).toEqual([
      ['Norrby', 'Norrby', 'invanare', 1_320_658],
      ['Söderby', 'Söderby', 'invanare', 692_308],
      ['Söderby', 'Åby', 'invanare', 207_692],
      ['Österby', 'Österby', 'invanare', 1_204_411],
      ['Västerby', 'Västerby', 'invanare', 476_317],
      ['Västerby', 'Lillby', 'invanare', 204_136],
    ]);
  });
});
