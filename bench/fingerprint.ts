// Fingerprint benchmark: Körlogg's SHA-256 of the canonical input at 100 000 synthetic areas.
import { canonicalInput, inputFingerprint } from '../src/workbook/fingerprint';
import { sha256Hex } from '../src/workbook/sha256';
import { syntheticInput } from './synthetic';

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function medianMs(runs: number, f: () => void): number {
  f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return Math.round(median(times) * 100) / 100;
}

/** fingerprint_100000_areas_ms (whole fingerprint), of which fingerprint_sha256_100000_areas_ms (hashing the canonical text). */
export async function benchFingerprint(): Promise<Record<string, number>> {
  const input = syntheticInput(100_000, 20240101 + 100_000);
  const canonical = canonicalInput(input);
  return {
    fingerprint_100000_areas_ms: medianMs(5, () => inputFingerprint(input)),
    fingerprint_sha256_100000_areas_ms: medianMs(5, () => sha256Hex(canonical)),
    fingerprint_100000_areas_canonical_mb: Math.round((canonical.length / 1e6) * 100) / 100,
  };
}
