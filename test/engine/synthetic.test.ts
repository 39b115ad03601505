// The benchmark's synthetic rounds are valid, deterministic and shaped like the national round.
import { allocate, validateModelInput } from '../../src/engine';
import { syntheticInput } from '../../bench/synthetic';

describe('syntheticInput', () => {
  test('national size: 80 federations, 290 areas, 339 000 000 kr', () => {
    const input = syntheticInput(290, 1);
    expect(input.federations).toHaveLength(80);
    expect(input.areas).toHaveLength(290);
    expect(input.parameters.budget.toString()).toBe('339000000');
    expect(validateModelInput(input)).toEqual([]);
    const r = allocate(input);
    expect(r.totals.final.plus(r.totals.undistributed).toString()).toBe('339000000');
  });
  test('deterministic per seed, different across seeds', () => {
    const a = JSON.stringify(syntheticInput(1000, 7));
    expect(JSON.stringify(syntheticInput(1000, 7))).toBe(a);
    expect(JSON.stringify(syntheticInput(1000, 8))).not.toBe(a);
  });
  test('larger rounds keep ≈ 3.6 areas per federation and B ≥ N·G', () => {
    const input = syntheticInput(10_000, 3);
    expect(input.areas).toHaveLength(10_000);
    expect(input.federations.length).toBe(2759); // round(10 000 · 80/290)
    expect(input.parameters.budget.gte(input.parameters.baseAllocation.times(input.federations.length))).toBe(true);
    expect(validateModelInput(input)).toEqual([]);
  });
});
