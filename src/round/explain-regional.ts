// Förklara on a regional workbook (round.md §3): the national proposal of one federation explained from
// the `Nationellt` sheet's figures (Statlig ram, Antal förbund, Σ försörjningsmått, Σ invånare 16–64, λ,
// Tillämpad spärr) and the federation's own rows, with the engine's functions for each step; additional
// funds are decided nationally. Nothing is written.
// spec: docs/model.md §A3 — Förklara on a regional file
import Decimal from 'decimal.js';
import {
  afterFloorAt,
  allocationKey,
  baseAmount,
  distributableAmount,
  federationTotals,
  floorAmount,
  idealAmount,
  isProtected,
  roundHalfUp,
} from '../engine';
import type { CellValue, Problem, SheetValues } from '../workbook/types';
import type { CellRead } from '../workbook/cells';
import type { StatementLine as ExplanationLine } from '../documents/statement-types';
import { readWorkbook } from '../workbook/read';
import { readMoney, readQuantity, readShare } from '../workbook/cells';
import { findHeaderRow, findSheet, makeProblem } from '../workbook/sheets';
import { normalizeKey } from '../workbook/text';
import { formatKronor, formatNumber, formatShare } from '../workbook/format';
import { voLabel } from '../workbook/messages';
import { workbookScope } from '../workbook/scope';
import { NATIONAL_SHEET } from './split';
import { ROUND_TEXTS } from './messages';
import { PROPOSAL_HEADER } from './check';

const T = ROUND_TEXTS.explainRegional;
const N = ROUND_TEXTS.split.nationalRows;

/** The national figures as read from `Nationellt` (exact as stored). */
export interface NationalFigures {
  budget: Decimal;
  federationCount: number;
  totalSupportMeasure: Decimal;
  totalPopulation: Decimal;
  lambda: Decimal;
  appliedMaxDecrease: Decimal;
}

export type RegionalExplanation =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      vo: string;
      /** The national figures, as lines (shown above any federation's chain) */
      figures: ExplanationLine[];
      /** Per federation (Förbund order): its chain */
      federations: { name: string; row: number; lines: ExplanationLine[] }[];
    };

/** Reads the Uppgift/Värde rows of `Nationellt`; every figure missing or unreadable is a problem. */
export function readNationalFigures(sheets: SheetValues[]): { figures?: NationalFigures; problems: Problem[] } {
  const sheet = findSheet(sheets, NATIONAL_SHEET);
  const problems: Problem[] = [];
  if (!sheet) return { problems: [makeProblem(NATIONAL_SHEET, 0, 0, T.nationalMissing)] };
  const header = findHeaderRow(sheet.values, ['Uppgift']);
  const labelColumn = header?.column ?? 0;
  const byLabel = new Map<string, number>();
  for (let r = (header?.row ?? -1) + 1; r < sheet.values.length; r++) {
    const label = sheet.values[r]?.[labelColumn];
    if (typeof label === 'string' && label.trim()) byLabel.set(normalizeKey(label), r);
  }
  const cell = (label: string, read: (cell: CellValue | undefined) => CellRead<Decimal>): Decimal | undefined => {
    const r = byLabel.get(normalizeKey(label));
    const value = r === undefined ? null : read(sheet.values[r]?.[labelColumn + 1]);
    if (value === null || !value.ok) {
      problems.push(makeProblem(sheet.name, r ?? 0, r === undefined ? labelColumn : labelColumn + 1, T.figureMissing(label)));
      return undefined;
    }
    return value.value;
  };
  const quantity = (label: string) => cell(label, (c) => readQuantity(c, 1, 'antal'));
  const budget = cell(N.budget, (c) => readMoney(c, 1));
  const count = quantity(N.federationCount);
  const totalSupportMeasure = quantity(N.totalSupportMeasure);
  const totalPopulation = quantity(N.totalPopulation);
  const lambda = quantity(N.lambda);
  const appliedMaxDecrease = cell(N.appliedMaxDecrease, readShare);
  if (problems.length > 0) return { problems };
  return {
    figures: {
      budget: budget!,
      federationCount: count!.toNumber(),
      totalSupportMeasure: totalSupportMeasure!,
      totalPopulation: totalPopulation!,
      lambda: lambda!,
      appliedMaxDecrease: appliedMaxDecrease!,
    },
    problems,
  };
}

const kr = (d: Decimal) => formatKronor(roundHalfUp(d));

/**
 * Every federation's proposal of a regional workbook explained from the national figures, or the
 * problems that stop it (the reader's, a missing or unreadable `Nationellt`, a workbook that is not
 * regional).
 */
export function explainRegional(sheets: SheetValues[]): RegionalExplanation {
  const scope = workbookScope(sheets);
  if (!scope.regional) return { ok: false, problems: [makeProblem('Parametrar', 0, 0, ROUND_TEXTS.check.notRegional)] };
  const read = readWorkbook(sheets);
  const national = readNationalFigures(sheets);
  if (!read.ok || !national.figures) return { ok: false, problems: [...(read.ok ? [] : read.problems), ...national.problems] };
  const n = national.figures;
  const p = read.input.parameters;
  const fs = read.layout.federationSheet;
  const sheet = sheets.find((s) => s.name === fs.name);
  const proposalColumn = fs.existingOutputColumns[PROPOSAL_HEADER];
  const distributable = distributableAmount(n.budget, n.federationCount, p.baseAllocation);
  const figures: ExplanationLine[] = [
    { label: N.budget, value: formatKronor(n.budget), note: T.budgetNote },
    { label: N.federationCount, value: formatNumber(n.federationCount), note: T.countNote(voLabel(scope.vo)) },
    {
      label: T.distributable,
      value: kr(distributable),
      note: T.distributableNote(formatKronor(n.budget), formatNumber(n.federationCount), formatKronor(p.baseAllocation)),
    },
    { label: N.lambda, value: formatNumber(n.lambda, 6), note: T.lambdaNote },
    { label: N.appliedMaxDecrease, value: formatShare(n.appliedMaxDecrease) },
  ];
  const federations = read.input.federations.map((f, i) => {
    const row = fs.dataRows[i];
    const own = federationTotals(read.input.areas.filter((a) => normalizeKey(a.federation) === normalizeKey(f.name)));
    const keys = allocationKey(
      own.supportMeasure,
      own.population,
      n.totalSupportMeasure,
      n.totalPopulation,
      p.weightSupportMeasure,
      p.weightPopulation,
    );
    const months = f.months ?? 12;
    const base = baseAmount(p.baseAllocation, months);
    const ideal = idealAmount(p.baseAllocation, distributable.times(keys.key), months);
    const need = ideal.minus(base);
    const floor =
      f.previousAllocation !== undefined && isProtected(f.previousAllocation)
        ? floorAmount(f.previousAllocation, n.appliedMaxDecrease, months)
        : undefined;
    const afterFloor = afterFloorAt({ base, need, ...(floor ? { floor } : {}) }, n.lambda);
    const stored = sheet && proposalColumn !== undefined ? readMoney(sheet.values[row]?.[proposalColumn], 1) : null;
    const proposal = stored && stored.ok ? stored.value : undefined;
    const lines: ExplanationLine[] = [
      { label: T.federation, value: f.name, note: voLabel(f.vo ?? scope.vo) },
      {
        label: T.supportMeasure,
        value: formatNumber(own.supportMeasure, own.supportMeasure.isInteger() ? 0 : 2),
        note: T.ofNational(formatShare(keys.supportMeasureShare, 4), formatNumber(n.totalSupportMeasure)),
      },
      {
        label: T.population,
        value: formatNumber(own.population),
        note: T.ofNational(formatShare(keys.populationShare, 4), formatNumber(n.totalPopulation)),
      },
      {
        label: T.key,
        value: formatShare(keys.key, 4),
        note: T.keyNote(formatShare(p.weightSupportMeasure), formatShare(p.weightPopulation)),
      },
      { label: T.ideal, value: kr(ideal), note: T.idealNote(formatKronor(p.baseAllocation), months) },
      ...(floor
        ? [
            {
              label: T.floor,
              value: kr(floor),
              note: T.floorNote(formatKronor(f.previousAllocation!), formatShare(n.appliedMaxDecrease)),
            },
          ]
        : []),
      {
        label: T.proposal,
        value: proposal !== undefined ? formatKronor(proposal) : kr(afterFloor),
        note: floor && afterFloor.equals(floor) ? T.proposalAtFloor : T.proposalNote(formatNumber(n.lambda, 6)),
      },
      { label: T.extra, value: T.extraValue, note: T.extraNote },
    ];
    return { name: f.name, row, lines };
  });
  return { ok: true, vo: scope.vo, figures, federations };
}

/** One federation's lines for Förklara: its chain, then the national figures it uses; undefined when not in the file. */
export function regionalExplanationLines(
  explanation: Extract<RegionalExplanation, { ok: true }>,
  name: string | undefined,
): ExplanationLine[] | undefined {
  const federation = name ? explanation.federations.find((f) => f.name === name) : undefined;
  return federation ? [...federation.lines, ...explanation.figures] : undefined;
}
