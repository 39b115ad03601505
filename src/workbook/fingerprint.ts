// The fingerprint of a run's inputs (Körlogg "Fingeravtryck"): SHA-256 of a canonical serialisation.
// spec: docs/workbook-format.md §5.3 — "Körlogg … a fingerprint of the inputs".
import Decimal from 'decimal.js';
import type { FederationInput, ModelInput } from '../engine';
import { nameKey } from '../engine';
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

/** Options of canonicalInput (the defaults give the run's Körlogg fingerprint). */
export interface CanonicalInputOptions {
  /** Federation fields left out (e.g. the answer columns, for the national source of a round) */
  omitFederationFields?: readonly (keyof FederationInput)[];
  /** Federation, municipality and area names by their normalised key (case, spaces, dashes) */
  normalizeNames?: boolean;
  /** A different version tag, so that fingerprints of different forms are never equal */
  version?: string | number;
}

/**
 * Canonical JSON of the inputs as the engine sees them (defaults applied): keys sorted, amounts as
 * plain decimal strings without trailing zeros, blank fields left out, federations sorted by name and
 * areas by federation, municipality and area — so the fingerprint does not depend on row or column
 * order, number formats, units (tkr vs kr) or how defaults were given, only on what is computed from.
 */
export function canonicalInput(input: ModelInput, options: CanonicalInputOptions = {}): string {
  const omit = new Set<string>(options.omitFederationFields ?? []);
  const name = options.normalizeNames ? nameKey : (n: string) => n;
  const federations = input.federations
    .map((f) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(f)) if (!omit.has(k)) out[k] = k === 'name' ? name(v as string) : v;
      return out as unknown as FederationInput;
    })
    .sort((a, b) => compare(a.name, b.name));
  // Sort keys made once per area, not twice per comparison (the comparison dominated at 100 000 areas)
  const areas = input.areas
    .map((a) => {
      const area = options.normalizeNames
        ? {
            ...a,
            federation: name(a.federation),
            municipality: name(a.municipality),
            ...(a.area !== undefined ? { area: name(a.area) } : {}),
          }
        : a;
      return { a: area, key: `${area.federation}\u0000${area.municipality}\u0000${area.area ?? ''}` };
    })
    .sort((x, y) => compare(x.key, y.key))
    .map((x) => x.a);
  const version = options.version ?? FINGERPRINT_VERSION;
  return JSON.stringify(canon({ version, parameters: input.parameters, federations, areas }));
}

/** SHA-256 hex of canonicalInput(input). */
export function inputFingerprint(input: ModelInput): string {
  return sha256Hex(canonicalInput(input));
}
