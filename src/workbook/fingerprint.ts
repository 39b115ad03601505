// The fingerprint of a run's inputs (Körlogg "Fingeravtryck"): SHA-256 of a canonical serialisation.
// spec: docs/workbook-format.md §5.3 — "Körlogg … a fingerprint of the inputs".
import Decimal from 'decimal.js';
import type { ModelInput } from '../engine';
import { sha256Hex } from './sha256';

/** Version of the canonical form; bump when it changes so old fingerprints are not compared with new. */
export const FINGERPRINT_VERSION = 1;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function canon(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => canon(v) ?? null);
  if (typeof value === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(value as object).sort()) {
      const v = canon((value as Record<string, unknown>)[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  return String(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical JSON of the inputs as the engine sees them (defaults applied): keys sorted, amounts as
 * plain decimal strings without trailing zeros, blank fields left out, federations sorted by name and
 * areas by federation, municipality and area — so the fingerprint does not depend on row or column
 * order, number formats, units (tkr vs kr) or how defaults were given, only on what is computed from.
 */
export function canonicalInput(input: ModelInput): string {
  const federations = [...input.federations].sort((a, b) => compare(a.name, b.name));
  // Sort keys made once per area, not twice per comparison (the comparison dominated at 100 000 areas)
  const areas = input.areas
    .map((a) => ({ a, key: `${a.federation}\u0000${a.municipality}\u0000${a.area ?? ''}` }))
    .sort((x, y) => compare(x.key, y.key))
    .map((x) => x.a);
  return JSON.stringify(canon({ version: FINGERPRINT_VERSION, parameters: input.parameters, federations, areas }));
}

/** SHA-256 hex of canonicalInput(input). */
export function inputFingerprint(input: ModelInput): string {
  return sha256Hex(canonicalInput(input));
}
