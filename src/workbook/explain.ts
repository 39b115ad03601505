// The calculation chain of one federation, in Swedish, for the add-in's "Förklara" view and the
// command line's `explain`. spec: docs/model.md §1–§9, §W.
import { READ_TEXTS as R } from './messages';
import Decimal from 'decimal.js';
import type { AllocationResult, FederationResult, SplitMethod } from '../engine';
import { formatKronor, formatNumber, formatShare } from './format';
import { normalizeKey } from './text';
import { EQUAL_FALLBACK_REASON } from './cells';

const SPLIT_PHRASE: Record<SplitMethod, string> = {
  lika: 'lika mellan kommunerna',
  invanare: 'efter invånare 16–64',
  forsorjningsstod: 'efter försörjningsstödstagare',
};

export interface ExplanationLine {
  label: string;
  value: string;
  note?: string;
}

const kr = (d: Decimal) => formatKronor(d);
/** Exact amounts with öre when they have a fraction. */
const exact = (d: Decimal) => (d.isInteger() ? formatKronor(d) : formatKronor(d, 2));

function findFederation(result: AllocationResult, name: string): FederationResult | undefined {
  return (
    result.federations.find((f) => f.name === name) ?? result.federations.find((f) => normalizeKey(f.name) === normalizeKey(name))
  );
}

/**
 * The calculation chain of one federation: keys, base, ideal, floor and spärr, λ, matching cap,
 * matched, request, want and extra, final, members' shares, Trappan and equity, warnings.
 * Values are Swedish text (kronor with spaces, shares in %); exact amounts show öre, the note gives
 * the written (rounded) value or how the value was obtained. Throws when the federation is not in
 * the result (name matched case-insensitively, white space folded).
 */
export function explainFederation(result: AllocationResult, name: string): ExplanationLine[] {
  const f = findFederation(result, name);
  if (!f) throw new Error(R.federationNotInResult(name));
  const p = result.parameters;
  const lines: ExplanationLine[] = [];
  const add = (label: string, value: string, note?: string) => lines.push(note ? { label, value, note } : { label, value });
  // "VO Syd, Region Skåne": a region named without the word (e.g. "Skåne") gets it in front
  const region = f.region ? (/^region\b/i.test(f.region) ? f.region : `region ${f.region}`) : '';
  const vo = f.vo ? (/^vo\b/i.test(f.vo) ? f.vo : `VO ${f.vo}`) : '';
  const where = [vo, region].filter(Boolean).join(', ');
  add('Förbund', f.name, where || undefined);

  // Step 1: keys
  add(
    'Försörjningsmått',
    formatNumber(f.supportMeasure, f.supportMeasure.isInteger() ? 0 : 2),
    `${formatShare(f.supportMeasureShare, 4)} av alla förbunds ${formatNumber(result.totalSupportMeasure)}`,
  );
  add(
    'Invånare 16–64',
    formatNumber(f.population, f.population.isInteger() ? 0 : 2),
    `${formatShare(f.populationShare, 4)} av alla förbunds ${formatNumber(result.totalPopulation)}`,
  );
  add(
    'Fördelningsnyckel',
    formatNumber(f.key, 6),
    `${formatShare(p.weightSupportMeasure)} × ${formatShare(f.supportMeasureShare, 4)} + ${formatShare(p.weightPopulation)} × ${formatShare(f.populationShare, 4)}`,
  );
  // Step 2: ideal
  add('Verksamhetsmånader', String(f.months), f.months < 12 ? `delår: ${f.months}/12 av året` : undefined);
  add('Grundtilldelning', exact(f.base), f.months < 12 ? `${kr(p.baseAllocation)} × ${f.months}/12` : undefined);
  add(
    'Behovsdel',
    exact(f.need),
    `(${kr(p.budget)} − ${result.federationCount} × ${kr(p.baseAllocation)}) × nyckeln${f.months < 12 ? ` × ${f.months}/12` : ''}`,
  );
  add('Idealfördelning', exact(f.ideal), `skrivs ${kr(f.rounded.ideal)}`);
  // Step 4/5: floor
  add(
    'Föregående års tilldelning',
    f.previousAllocation ? kr(f.previousAllocation) : 'saknas',
    f.previousAllocation ? undefined : 'nytt förbund: ingen spärr',
  );
  if (f.floor) {
    add(
      'Spärrgolv',
      exact(f.floor),
      `(1 − ${formatShare(result.appliedMaxDecrease)}) × föregående års tilldelning${f.months < 12 ? ` × ${f.months}/12` : ''}`,
    );
  } else if (f.protectionRemoved) {
    add('Spärrgolv', 'inget', 'skyddet togs bort vid underskott eftersom eget kapital är över rimlig nivå');
  }
  add(
    'Tillämpad spärr',
    formatShare(result.appliedMaxDecrease),
    result.appliedMaxDecrease.equals(p.maxDecrease) ? undefined : `höjd från ${formatShare(p.maxDecrease)} vid underskott`,
  );
  add('λ', formatNumber(result.lambda, 6), 'andel av behovsdelen som förbund utan spärr behåller');
  add(
    'Efter spärr',
    exact(f.afterFloor),
    f.liftedToFloor ? `höjd till spärrgolvet; skrivs ${kr(f.rounded.afterFloor)}` : `skrivs ${kr(f.rounded.afterFloor)}`,
  );
  // Step 6: matching
  add(
    'Matchningstak',
    f.cap ? exact(f.cap) : 'obegränsat',
    f.cap ? '2 × det minsta av kommunernas och regionens möjliga bidrag' : 'kommunerna och regionen kan matcha fullt ut',
  );
  if (f.returned.greaterThan(0)) add('Återlämnade medel', kr(f.returned));
  add(
    'Matchad tilldelning',
    exact(f.matched),
    f.cut.greaterThan(0) ? `minskad med ${exact(f.cut)}; skrivs ${kr(f.rounded.matched)}` : `skrivs ${kr(f.rounded.matched)}`,
  );
  // Step 7: additional funds
  add('Ansökan ytterligare medel', kr(f.request));
  if (f.request.greaterThan(0)) {
    add(
      'Möjligt att ta emot',
      exact(f.want),
      f.tier ? `prioritetsgrupp ${f.tier}${f.tier === 2 ? ' (eget kapital över rimlig nivå)' : ''}` : undefined,
    );
  }
  add('Ytterligare medel', exact(f.extra), `skrivs ${kr(f.rounded.extra)}`);
  // Step 8/9
  add('Slutlig tilldelning', kr(f.rounded.final), `matchad + ytterligare medel, exakt ${exact(f.final)}`);
  const contributions = result.municipalContributions.filter((c) => c.federation === f.name);
  const split =
    f.splitMethod !== 'lika' && contributions.some((c) => c.equalFallback)
      ? `${SPLIT_PHRASE.lika} (${EQUAL_FALLBACK_REASON[f.splitMethod]} angivna)`
      : SPLIT_PHRASE[f.splitMethod];
  add('Kommunernas andel', kr(f.rounded.municipalShare), `hälften, fördelas ${split}`);
  for (const m of contributions) {
    add(`Kommunbidrag ${m.municipality}`, kr(m.rounded), `${formatShare(m.share)} av kommunernas andel`);
  }
  add('Regionens andel', kr(f.rounded.regionShare), 'slutlig tilldelning − kommunernas andel');
  // Step 3: equity
  add('Underlag för Trappan', exact(f.reasonableEquityBasis), trappanBasisNote(f));
  add('Rimligt eget kapital', kr(f.rounded.reasonableEquity), trappanNote(result));
  add(
    'Eget kapital',
    f.equity ? kr(f.equity) : 'saknas',
    f.equity ? (f.excessEquity ? 'över rimlig nivå' : 'inom rimlig nivå') : undefined,
  );
  // Warnings
  if (f.warnings.length === 0) add('Varningar', 'inga');
  for (const w of f.warnings) add(`Varning ${w.code}`, w.text);
  return lines;
}

function trappanBasisNote(f: FederationResult): string {
  if (f.previousAllocation && f.reasonableEquityBasis.equals(f.previousAllocation.times(2)))
    return '2 × föregående års tilldelning';
  if (f.reasonableEquityBasis.equals(f.ideal.times(2)) && !f.previousAllocation) return '2 × idealfördelningen';
  return 'totala medel föregående år';
}

function trappanNote(result: AllocationResult): string {
  const t = result.parameters.trappan;
  return `Trappan: ${formatShare(t.rate1)} av underlaget upp till ${kr(t.limit1)}, ${formatShare(t.rate2)} upp till ${kr(t.limit2)}, ${formatShare(t.rate3)} därutöver`;
}
