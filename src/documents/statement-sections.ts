// The sections of a federation's statement: the answer, the chain in words and kronor, warnings,
// members' shares and the national figures. ./statement.ts puts them together.
// spec: docs/model.md §U2; allocation-model.md steps 1–9.
import Decimal from 'decimal.js';
import { previousYearBase } from '../engine';
import type { AllocationResult, FederationResult, ModelInput, MunicipalContributionResult, SplitMethod } from '../engine';
import { EQUAL_FALLBACK_REASON, formatKronor, formatNumber, formatShare, normalizeKey } from '../workbook';
import { voLabel } from '../workbook/messages';
import { MINUS, WARNING_TITLES } from './statement-types';
import type { StatementAnswer, StatementContext, StatementLine } from './statement-types';

/** How the municipal part is split, in words. */
const SPLIT_BASIS: Record<SplitMethod, string> = {
  lika: 'lika mellan kommunerna',
  invanare: 'efter invånare 16–64',
  forsorjningsstod: 'efter försörjningsstödstagare',
};
const kr = (d: Decimal | number) => formatKronor(d);
const whole = (d: Decimal) => d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
const signed = (d: Decimal, text: (x: Decimal) => string) =>
  d.isNegative() && !d.isZero() ? `${MINUS}${text(d.abs())}` : d.isZero() ? text(d) : `+${text(d)}`;
const months = (f: FederationResult) => (f.months < 12 ? ` × ${f.months}/12` : '');

export function place(f: FederationResult): string | undefined {
  const region = f.region ? (/^region\b/i.test(f.region) ? f.region : `Region ${f.region}`) : '';
  const vo = f.vo ? voLabel(f.vo) : '';
  return [vo, region].filter(Boolean).join(', ') || undefined;
}

/** The tier's pro-rata share: Σ extra / Σ want of the tier's applicants (1 when everyone got all). */
export function tierRatio(result: AllocationResult, tier: 1 | 2): Decimal | undefined {
  const members = result.federations.filter((f) => f.tier === tier);
  if (members.length === 0) return undefined;
  const want = members.reduce((s, f) => s.plus(f.want), new Decimal(0));
  if (want.isZero()) return undefined;
  return members.reduce((s, f) => s.plus(f.extra), new Decimal(0)).dividedBy(want);
}

export function answerOf(
  result: AllocationResult,
  f: FederationResult,
  context: StatementContext,
): { answer: StatementAnswer; lines: StatementLine[] } {
  const final = f.rounded.final;
  const value = kr(final);
  const lines: StatementLine[] = [{ label: 'Slutlig tilldelning', value, note: 'statens medel till förbundet i år' }];
  const base = previousYearBase(f.previousAllocation, f.months);
  let change: string | undefined;
  if (base) {
    const diff = whole(final.minus(base));
    const pct = final.minus(base).dividedBy(base).times(100);
    const pctText = `${signed(pct.toDecimalPlaces(1, Decimal.ROUND_HALF_UP), (x) => formatNumber(x, 1))} %`;
    lines.push({
      label: 'Statlig tilldelning föregående år',
      value: kr(base),
      note: f.months < 12 ? `${kr(f.previousAllocation!)}${months(f)} (delår)` : undefined,
    });
    lines.push({ label: 'Förändring mot föregående år', value: signed(diff, kr), note: pctText });
    change = diff.isZero()
      ? 'oförändrat mot föregående år'
      : `${kr(diff.abs())} ${diff.isNegative() ? 'mindre' : 'mer'} än föregående år (${pctText})`;
  } else {
    lines.push({ label: 'Statlig tilldelning föregående år', value: '', note: 'ingen: nytt förbund' });
    lines.push({ label: 'Förändring mot föregående år', value: '', note: 'jämförelse saknas för ett nytt förbund' });
  }
  let decision: string | undefined;
  if (context.decision) {
    decision = context.decision.date ? `${context.decision.label} (${context.decision.date})` : context.decision.label;
    lines.push({
      label: 'Beslut',
      value: context.decision.label,
      note: context.decision.date ? `beslutsdatum ${context.decision.date}` : undefined,
    });
  }
  const year = result.parameters.year ? ` ${result.parameters.year}` : '';
  const summary = `${f.name} får ${value} i statlig tilldelning${year}${change ? `, ${change}` : ', första året'}.`;
  const answer: StatementAnswer = { label: 'Slutlig tilldelning', value, kronor: final.toNumber(), summary };
  if (change) answer.change = change;
  if (decision) answer.decision = decision;
  return { answer, lines: lines.map(clean) };
}

export function clean(line: StatementLine): StatementLine {
  return line.note ? line : { label: line.label, value: line.value };
}

export function keysSection(result: AllocationResult, f: FederationResult): StatementLine[] {
  const p = result.parameters;
  const n = (d: Decimal) => formatNumber(d, d.isInteger() ? 0 : 2);
  return [
    {
      label: 'Försörjningsmått',
      value: n(f.supportMeasure),
      note: `${formatShare(f.supportMeasureShare, 4)} av alla förbunds ${n(result.totalSupportMeasure)}`,
    },
    {
      label: 'Invånare 16–64',
      value: n(f.population),
      note: `${formatShare(f.populationShare, 4)} av alla förbunds ${n(result.totalPopulation)}`,
    },
    {
      label: 'Fördelningsnyckel',
      value: formatNumber(f.key, 6),
      note: `${formatShare(p.weightSupportMeasure)} × andelen försörjningsmått + ${formatShare(p.weightPopulation)} × andelen invånare 16–64`,
    },
  ];
}

export function idealSection(result: AllocationResult, f: FederationResult): StatementLine[] {
  const p = result.parameters;
  const base = whole(f.base);
  return [
    {
      label: 'Verksamhetsmånader',
      value: String(f.months),
      note: f.months < 12 ? `delår: ${f.months} av 12 månader` : undefined,
    },
    {
      label: 'Grundtilldelning',
      value: kr(base),
      note: f.months < 12 ? `${kr(p.baseAllocation)}${months(f)}` : 'lika för alla förbund',
    },
    {
      label: 'Behovsdel',
      value: kr(f.rounded.ideal.minus(base)),
      note: `(${kr(p.budget)} ${MINUS} ${result.federationCount} × ${kr(p.baseAllocation)}) × fördelningsnyckeln${months(f)}`,
    },
    { label: 'Idealfördelning', value: kr(f.rounded.ideal), note: 'grundtilldelning + behovsdel' },
  ].map(clean);
}

export function equitySection(result: AllocationResult, f: FederationResult): StatementLine[] {
  const t = result.parameters.trappan;
  const basisNote =
    f.previousAllocation && f.reasonableEquityBasis.equals(f.previousAllocation.times(2))
      ? '2 × föregående års tilldelning'
      : !f.previousAllocation && f.reasonableEquityBasis.equals(f.ideal.times(2))
        ? '2 × idealfördelningen'
        : 'medlemmarnas totala medel föregående år';
  return [
    { label: 'Underlag för Trappan', value: kr(f.reasonableEquityBasis), note: basisNote },
    {
      label: 'Rimligt eget kapital',
      value: kr(f.rounded.reasonableEquity),
      note: `Trappan: ${formatShare(t.rate1)} upp till ${kr(t.limit1)}, ${formatShare(t.rate2)} upp till ${kr(t.limit2)}, ${formatShare(t.rate3)} därutöver`,
    },
    {
      label: 'Eget kapital',
      value: f.equity ? kr(f.equity) : '',
      note: f.equity ? (f.excessEquity ? 'över rimlig nivå' : 'inom rimlig nivå') : 'uppgift saknas',
    },
  ];
}

export function spärrSection(result: AllocationResult, f: FederationResult): StatementLine[] {
  const p = result.parameters;
  const lines: StatementLine[] = [];
  const applied = formatShare(result.appliedMaxDecrease);
  lines.push({
    label: 'Tillämpad spärr',
    value: applied,
    note: result.appliedMaxDecrease.equals(p.maxDecrease)
      ? `högst ${applied} minskning mot föregående år`
      : `höjd från ${formatShare(p.maxDecrease)} eftersom medlen inte räckte (underskott)`,
  });
  if (f.floor) {
    lines.push({
      label: 'Spärrnivå',
      value: kr(f.floor),
      note: `(1 ${MINUS} ${applied}) × föregående års tilldelning${months(f)}`,
    });
  } else if (f.protectionRemoved) {
    lines.push({
      label: 'Spärrnivå',
      value: '',
      note: 'ingen: vid underskott gäller spärren inte när eget kapital är över rimlig nivå',
    });
  } else {
    lines.push({ label: 'Spärrnivå', value: '', note: 'ingen: nytt förbund utan tilldelning föregående år' });
  }
  const without = f.base.plus(result.lambda.times(f.need));
  if (f.liftedToFloor) {
    lines.push({
      label: 'Spärrens skydd',
      value: `+${kr(f.afterFloor.minus(without))}`,
      note: `höjd till spärrnivån från ${kr(without)} (grundtilldelning + λ × behovsdel)`,
    });
  } else {
    const cost = whole(f.ideal.minus(f.afterFloor));
    lines.push({
      label: 'Kostnad för spärren',
      value: kr(cost),
      note: cost.isZero()
        ? 'ingen: ingen spärrnivå behövde lyftas (λ = 1)'
        : `(1 ${MINUS} λ) × behovsdel: behovsdelen bär andra förbunds spärr, λ = ${formatNumber(result.lambda, 6)}`,
    });
  }
  lines.push({ label: 'Efter spärr', value: kr(f.rounded.afterFloor), note: 'tilldelningen innan matchningen' });
  return lines;
}

export function matchingSection(input: ModelInput | undefined, f: FederationResult): StatementLine[] {
  const fin = input?.federations[f.index];
  const given = (d: Decimal | undefined) =>
    d === undefined ? { value: '', note: 'ej angivet: kan matcha fullt ut' } : { value: kr(d) };
  const lines: StatementLine[] = [];
  if (input) {
    lines.push({ label: 'Kommunernas möjliga bidrag', ...given(fin?.municipalContribution) });
    lines.push({ label: 'Regionens möjliga bidrag', ...given(fin?.regionContribution) });
  }
  lines.push({
    label: 'Matchningstak',
    value: f.cap ? kr(f.cap) : 'obegränsat',
    note: f.cap ? '2 × det minsta av kommunernas och regionens möjliga bidrag' : 'kommunerna och regionen kan matcha fullt ut',
  });
  const cutTotal = f.rounded.afterFloor.minus(f.rounded.matched);
  const returned = whole(f.returned);
  const cut = Decimal.max(cutTotal.minus(returned), 0);
  lines.push({
    label: 'Minskning vid matchningen',
    value: cut.isZero() ? '0 kr' : `${MINUS}${kr(cut)}`,
    note: cut.isZero()
      ? 'medlemmarna kan matcha hela beloppet'
      : 'efter spärr ' + MINUS + ' matchningstak: staten ger inte mer än medlemmarna matchar',
  });
  if (f.returned.greaterThan(0))
    lines.push({ label: 'Återlämnade medel', value: `${MINUS}${kr(returned)}`, note: 'dras av från tilldelningen' });
  lines.push({
    label: 'Matchad tilldelning',
    value: kr(f.rounded.matched),
    note: 'efter spärr, högst matchningstaket, minus återlämnade medel',
  });
  return lines;
}

export function extraSection(result: AllocationResult, f: FederationResult): StatementLine[] {
  const lines: StatementLine[] = [];
  const room = f.cap ? Decimal.max(f.cap.minus(f.matched), 0) : undefined;
  lines.push({
    label: 'Ansökan om ytterligare medel',
    value: f.request.greaterThan(0) ? kr(f.request) : '0 kr',
    note: f.request.greaterThan(0) ? undefined : 'ingen ansökan',
  });
  if (f.request.greaterThan(0)) {
    lines.push({
      label: 'Möjligt att ta emot',
      value: kr(f.want),
      note: f.want.lessThan(f.request) ? 'begränsat av matchningstaket' : 'hela ansökan ryms inom matchningstaket',
    });
    if (f.tier) {
      lines.push({
        label: 'Prioritetsgrupp',
        value: String(f.tier),
        note:
          f.tier === 1
            ? 'eget kapital inom rimlig nivå eller okänt: fördelas först'
            : 'eget kapital över rimlig nivå: får det som är kvar efter grupp 1',
      });
    }
  }
  lines.push({ label: 'Ytterligare medel', value: kr(f.rounded.extra), note: f.request.greaterThan(0) ? 'beviljat' : undefined });
  const why = partialReason(result, f);
  if (why) lines.push({ label: 'Varför inte hela ansökan', value: '', note: why });
  lines.push({
    label: 'Utrymme för ytterligare medel',
    value: room ? kr(room) : 'obegränsat',
    note: room ? `matchningstak ${MINUS} matchad tilldelning: mer kan medlemmarna inte matcha` : 'inget matchningstak',
  });
  return lines.map(clean);
}

/** Why a grant was partial, in words (undefined when there was no request or all was granted). */
export function partialReason(result: AllocationResult, f: FederationResult): string | undefined {
  if (!f.request.greaterThan(0) || !f.extra.lessThan(f.request)) return undefined;
  const parts: string[] = [];
  if (f.want.lessThan(f.request)) {
    parts.push(
      f.want.isZero()
        ? 'matchningstaket är nått, så inga ytterligare medel kan matchas'
        : `matchningstaket räcker till ${kr(f.want)} av ansökta ${kr(f.request)}`,
    );
  }
  if (f.tier && f.extra.lessThan(f.want)) {
    const ratio = tierRatio(result, f.tier);
    if (ratio && ratio.isZero()) parts.push(`inget överskott var kvar till prioritetsgrupp ${f.tier}`);
    else if (ratio) {
      parts.push(
        `överskottet räckte inte till alla i prioritetsgrupp ${f.tier}: gruppen fick ${formatShare(ratio, 2)} av det möjliga, fördelat i proportion till vad var och en kunde ta emot`,
      );
    }
  }
  if (parts.length === 0) return undefined;
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function finalSection(f: FederationResult): StatementLine[] {
  return [
    { label: 'Matchad tilldelning', value: kr(f.rounded.matched) },
    { label: 'Ytterligare medel', value: f.rounded.extra.isZero() ? '0 kr' : `+${kr(f.rounded.extra)}` },
    { label: 'Slutlig tilldelning', value: kr(f.rounded.final), note: 'matchad tilldelning + ytterligare medel' },
  ];
}

export function warningsSection(f: FederationResult): StatementLine[] {
  if (f.warnings.length === 0) return [{ label: 'Inga varningar', value: '' }];
  return f.warnings.map((w) => ({ label: WARNING_TITLES[w.code], value: '', note: w.text }));
}

function basisFigures(
  input: ModelInput | undefined,
  f: FederationResult,
): Map<string, { population: Decimal; recipients?: Decimal }> {
  const map = new Map<string, { population: Decimal; recipients?: Decimal }>();
  if (!input) return map;
  for (const a of input.areas) {
    if (normalizeKey(a.federation) !== normalizeKey(f.name)) continue;
    const key = normalizeKey(a.municipality);
    const cur = map.get(key) ?? { population: new Decimal(0) };
    cur.population = cur.population.plus(a.population);
    if (a.supportRecipients !== undefined) cur.recipients = (cur.recipients ?? new Decimal(0)).plus(a.supportRecipients);
    map.set(key, cur);
  }
  return map;
}

function basisNote(m: MunicipalContributionResult, figures: ReturnType<typeof basisFigures>): string {
  const share = `${formatShare(m.share)} av kommunernas andel`;
  if (m.method === 'lika' || m.equalFallback) return `${share}, lika delar`;
  const fig = figures.get(normalizeKey(m.municipality));
  if (m.method === 'invanare')
    return fig ? `${share}, ${formatNumber(fig.population)} invånare 16–64` : `${share}, efter invånare 16–64`;
  return fig?.recipients
    ? `${share}, ${formatNumber(fig.recipients)} försörjningsstödstagare`
    : `${share}, efter försörjningsstödstagare`;
}

export function membersSection(result: AllocationResult, f: FederationResult, input: ModelInput | undefined): StatementLine[] {
  const contributions = result.municipalContributions.filter((c) => c.federation === f.name);
  const fallback = f.splitMethod !== 'lika' && contributions.some((c) => c.equalFallback);
  const figures = basisFigures(input, f);
  const lines: StatementLine[] = [
    {
      label: 'Regionens andel',
      value: kr(f.rounded.regionShare),
      note: f.region
        ? `${place({ ...f, vo: undefined })}: hälften av den slutliga tilldelningen`
        : 'hälften av den slutliga tilldelningen',
    },
    {
      label: 'Kommunernas andel',
      value: kr(f.rounded.municipalShare),
      note: `hälften, fördelas ${fallback && f.splitMethod !== 'lika' ? `${SPLIT_BASIS.lika} (${EQUAL_FALLBACK_REASON[f.splitMethod]} angivna)` : SPLIT_BASIS[f.splitMethod]}`,
    },
  ];
  for (const m of contributions)
    lines.push({ label: `Kommunbidrag ${m.municipality}`, value: kr(m.rounded), note: basisNote(m, figures) });
  return lines;
}

export function nationalSection(result: AllocationResult): StatementLine[] {
  const p = result.parameters;
  const lines: StatementLine[] = [
    { label: 'Statlig ram', value: kr(p.budget) },
    { label: 'Grundtilldelning', value: kr(p.baseAllocation), note: 'per förbund och helt år' },
    { label: 'Antal förbund', value: String(result.federationCount) },
    {
      label: 'Σ försörjningsmått',
      value: formatNumber(result.totalSupportMeasure),
      note: `alla förbund, vikt ${formatShare(p.weightSupportMeasure)}`,
    },
    {
      label: 'Σ invånare 16–64',
      value: formatNumber(result.totalPopulation),
      note: `alla förbund, vikt ${formatShare(p.weightPopulation)}`,
    },
    { label: 'Pott T', value: kr(result.pool), note: 'summan av alla förbunds idealfördelning' },
    {
      label: 'λ',
      value: formatNumber(result.lambda, 6),
      note: 'andel av behovsdelen som förbunden som inte höjts till spärrnivån behåller',
    },
    {
      label: 'Tillämpad spärr',
      value: formatShare(result.appliedMaxDecrease),
      note: result.appliedMaxDecrease.equals(p.maxDecrease)
        ? 'maximal minskning'
        : `höjd från ${formatShare(p.maxDecrease)} vid underskott`,
    },
    { label: 'Scenario', value: result.scenario.label },
    { label: 'Överskott', value: kr(result.surplus), note: 'kvar efter matchningen, till ytterligare medel' },
  ];
  for (const tier of [1, 2] as const) {
    const ratio = tierRatio(result, tier);
    if (ratio)
      lines.push({
        label: `Andel till prioritetsgrupp ${tier}`,
        value: formatShare(ratio, 2),
        note: 'av det möjliga att ta emot',
      });
  }
  lines.push({ label: 'Ej fördelat', value: kr(result.totals.undistributed) });
  return lines;
}
