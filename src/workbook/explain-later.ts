// Förklara for a later round (Omgång = Ytterligare medel): one federation's numbers in the round's terms —
// what it was decided, what it handed back and keeps, the round's pot, its application, what it could
// use, its tier and its grant. Shown before the ordinary chain (steps 1–5 are written for information).
// spec: docs/model.md §A7 — matched_f = decided_f − returned_f; S = B − Σ matched; want and tiers as §7
import type { AllocationResult, LaterRoundFederationResult, LaterRoundResult } from '../engine';
import { formatKronor } from './format';
import { DECISION_TEXTS as T } from './messages';
import { normalizeKey } from './text';

/** One row of an explanation (the statement's StatementLine shape: label, value, note). */
export interface ExplanationLine {
  label: string;
  value: string;
  note?: string;
}

const exact = (d: { isInteger(): boolean } & Parameters<typeof formatKronor>[0]) =>
  d.isInteger() ? formatKronor(d) : formatKronor(d, 2);

/** Whether a result is a later round's (allocateLaterRound). */
export function isLaterRoundResult(result: AllocationResult | LaterRoundResult): result is LaterRoundResult {
  return (result as LaterRoundResult).round === 'Ytterligare medel';
}

/** The later round's lines of one federation (undefined when it is not in the result). */
export function laterRoundExplanation(result: LaterRoundResult, name: string): ExplanationLine[] | undefined {
  const key = normalizeKey(name);
  const f = result.federations.find((x) => normalizeKey(x.name) === key) as LaterRoundFederationResult | undefined;
  if (!f) return undefined;
  const r = result.laterRound;
  const returned = f.decided.minus(f.matched);
  const lines: ExplanationLine[] = [
    { label: T.explainRound, value: T.laterRound(r.decisionLabel).replace(/^Omgång: /, '') },
    { label: T.explainDecided, value: formatKronor(f.decided), note: T.explainDecidedNote(r.decisionLabel) },
    { label: T.explainReturned, value: exact(returned) },
    { label: T.explainKept, value: exact(f.matched), note: T.explainKeptNote },
    { label: T.explainPot, value: exact(r.pot), note: T.explainPotNote(formatKronor(result.parameters.budget), exact(r.pot)) },
  ];
  if (f.request.greaterThan(0)) {
    lines.push({ label: T.explainRequest, value: exact(f.request) });
    lines.push({
      label: T.explainWant,
      value: exact(f.want),
      ...(f.cap !== undefined ? { note: T.explainWantCap(exact(f.cap), exact(f.matched)) } : {}),
    });
    lines.push({ label: T.explainTier, value: String(f.tier ?? '–'), note: f.excessEquity ? T.explainTier2 : T.explainTier1 });
    lines.push({ label: T.explainGrant, value: exact(f.extra), note: T.explainWritten(formatKronor(f.rounded.extra)) });
  } else {
    lines.push({ label: T.explainRequest, value: formatKronor(0), note: T.explainNoRequest });
  }
  lines.push({ label: T.explainFinal, value: formatKronor(f.rounded.final), note: T.explainFinalNote });
  return lines;
}

/**
 * The later round's section of a federation's statement (Förklara and the PDF show it before the
 * ordinary chain, which is computed for information); undefined outside a later round.
 */
export function laterRoundSection(
  result: AllocationResult | LaterRoundResult,
  name: string,
): { id: string; heading: string; lines: ExplanationLine[] } | undefined {
  if (!isLaterRoundResult(result)) return undefined;
  const lines = laterRoundExplanation(result, name);
  return lines ? { id: 'omgang', heading: T.laterRound(result.laterRound.decisionLabel), lines } : undefined;
}
