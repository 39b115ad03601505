// What the summary shows, arranged for the pane: warnings with their federations (those that need action
// first), the federation table sorted and grouped by VO. Pure (no React, no Excel); the figures are the
// run summary's (RunSummary, src/workbook/plan.ts), never computed again here.
import type { AllocationResult } from '../engine';
import { isActionWarning, WARNING_CODES, warningMeaning } from '../engine';
import { normalizeKey } from '../workbook/text';
import type { FederationSummary, RunSummary, VoTotal } from '../workbook/types';

/** One federation under a warning: its name, its row on Förbund (to select) and the warning's text. */
export interface WarningFederation {
  name: string;
  row?: number;
  text: string;
}

/** One warning code of a run with the federations that have it. */
export interface WarningGroup {
  code: string;
  meaning: string;
  /** Needs head office's attention (isActionWarning), else informational */
  action: boolean;
  federations: WarningFederation[];
}

/** The run's warnings, those that need action first, each in the spec's order, federations in input order. */
export function warningGroups(summary: RunSummary, result: AllocationResult): WarningGroup[] {
  const byIndex = new Map(result.federations.map((f) => [f.index, f]));
  const groups = WARNING_CODES.map((code) => ({
    code,
    meaning: warningMeaning(code),
    action: isActionWarning(code),
    federations: summary.federations
      .filter((f) => f.warnings.includes(code))
      .map((f) => ({
        name: f.name,
        ...(f.row !== undefined ? { row: f.row } : {}),
        text: byIndex.get(f.index)?.warnings.find((w) => w.code === code)?.text ?? '',
      })),
  })).filter((g) => g.federations.length > 0);
  return [...groups.filter((g) => g.action), ...groups.filter((g) => !g.action)];
}

/** What the federation table sorts by. */
export type FederationSortKey = 'name' | 'final' | 'change' | 'changeShare';
export type SortDirection = 'ascending' | 'descending';

const byName = (a: FederationSummary, b: FederationSummary) => a.name.localeCompare(b.name, 'sv');

/**
 * The federations sorted: by name (Swedish order), by Slutlig, or by the change from last year (kr or
 * %). A new federation (no change) comes last in either direction; ties go by name.
 */
export function sortFederations(
  rows: readonly FederationSummary[],
  key: FederationSortKey,
  direction: SortDirection,
): FederationSummary[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    const x = key === 'final' ? a.final : a[key];
    const y = key === 'final' ? b.final : b[key];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : sign * (x - y);
  });
}

/** One VO of the table: its totals (the summary's) and its federations in the order given. */
export interface VoGroup {
  vo: string;
  total?: VoTotal;
  federations: FederationSummary[];
}

/** The federations by VO, VOs in the summary's order (voTotals: Swedish order, no VO last). */
export function groupByVo(rows: readonly FederationSummary[], totals: readonly VoTotal[]): VoGroup[] {
  const groups = totals.map((t) => ({ vo: t.vo, total: t, federations: [] as FederationSummary[] }));
  for (const f of rows) {
    let g = groups.find((x) => normalizeKey(x.vo) === normalizeKey(f.vo));
    if (!g) {
      g = { vo: f.vo, total: undefined as unknown as VoTotal, federations: [] };
      groups.push(g);
    }
    g.federations.push(f);
  }
  return groups.filter((g) => g.federations.length > 0).map((g) => (g.total ? g : { vo: g.vo, federations: g.federations }));
}
