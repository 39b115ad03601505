// "Menade du …?": the closest known name to one that is not found (a federation renamed on Förbund).
// spec: docs/workbook-format.md §1.5 — one cause gives one problem, with the closest name as a suggestion
import { nameKey } from '../engine';

/** Levenshtein distance between two strings (by UTF-16 code unit; names are short). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The largest distance still read as "the same name, mistyped or renamed": a third of the longer name, at least 2. */
export function suggestionLimit(a: string, b: string): number {
  return Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}

/**
 * The candidate closest to `name` by edit distance on nameKey, when within suggestionLimit; ties go to
 * the first candidate. A candidate that contains the name or is contained in it (a word added or
 * dropped: "Norrby" → "Samordningsförbundet Norrby") also counts, at its distance.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const key = nameKey(name);
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const other = nameKey(candidate);
    if (!other || other === key) continue;
    const distance = editDistance(key, other);
    const contains = key.length >= 3 && (other.includes(key) || key.includes(other));
    if (distance > suggestionLimit(key, other) && !contains) continue;
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best?.name;
}
