// Engine benchmark: allocate() on synthetic rounds of growing size.
import { allocate } from '../src/engine';
import { syntheticInput } from './synthetic';

function now(): number {
  return performance.now();
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time of allocate() in ms after `warmup` unmeasured runs. */
function timeAllocate(areaCount: number, runs: number, warmup: number): number {
  const input = syntheticInput(areaCount, 20240101 + areaCount);
  for (let i = 0; i < warmup; i++) allocate(input);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    allocate(input);
    times.push(now() - t0);
  }
  return median(times);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** engine_national_ms, engine_1000_areas_ms, engine_10000_areas_ms, engine_100000_areas_ms, engine_growth_exponent */
export async function benchEngine(): Promise<Record<string, number>> {
  const national = timeAllocate(290, 15, 5);
  const a1k = timeAllocate(1_000, 9, 3);
  const a10k = timeAllocate(10_000, 5, 1);
  const a100k = timeAllocate(100_000, 5, 1);
  return {
    engine_national_ms: round2(national),
    engine_1000_areas_ms: round2(a1k),
    engine_10000_areas_ms: round2(a10k),
    engine_100000_areas_ms: round2(a100k),
    engine_growth_exponent: Math.round((Math.log(a100k / a10k) / Math.log(10)) * 1000) / 1000,
  };
}
