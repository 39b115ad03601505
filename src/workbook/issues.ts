// Engine issues onto cells: the one mapping of a ModelIssue (federation, area index, field) to its
// `Sheet!A1`, used by the reader (the engine's cross-field checks on what it read) and by runAllocation.
// spec: docs/model.md §I; docs/workbook-format.md §1.3
import type { ModelInput, ModelIssue } from '../engine';
import { PARAMETERS } from '../engine';
import type { Problem, WorkbookLayout } from './types';
import { engineText } from './messages';
import { makeProblem } from './sheets';
import { AREA_COLUMNS, FEDERATION_COLUMNS } from './columns';
import type { ColumnDefinition } from './columns';
import { normalizeKey } from './text';

/** ModelIssue.field when it names a parameter (the engine and the workbook share one key scheme). */
function parameterKeyOf(field: string | undefined): string | undefined {
  return field !== undefined && PARAMETERS.some((p) => p.key === field) ? field : undefined;
}

/** Where an issue of one parameter goes when that parameter has no row: the other one of its rule. */
const PARAMETER_FALLBACK: Record<string, string> = {
  weightSupportMeasure: 'weightPopulation',
  trappanLimit2: 'trappanLimit1',
};

/** The column of the first key present, else 0. */
function pick(columns: Record<string, number>, ...keys: (string | undefined)[]): number {
  for (const k of keys) if (k !== undefined && columns[k] !== undefined) return columns[k];
  return 0;
}

/** The canonical header of the input column at `column` (not the federation column itself), if any. */
function labelOf(defs: readonly ColumnDefinition<string>[], columns: Record<string, number>, column: number): string | undefined {
  const key = Object.keys(columns).find((k) => columns[k] === column);
  if (key === undefined || key === 'name' || key === 'federation') return undefined;
  return defs.find((d) => d.key === key)?.label;
}

/** The problem named by its federation and column (spec: docs/workbook-format.md §1.5). */
function named(p: Problem, federation: string | undefined, header: string | undefined): Problem {
  if (federation) p.federation = federation;
  if (header) p.header = header;
  return p;
}

/**
 * The best cell for an engine issue: the area's row (areaIndex), the federation's row (federation),
 * the parameter's Värde cell (parameter field or a parameter code), a Kommuner header (ZERO_TOTALS),
 * else the Förbund header cell. Never without an address; the engine's message is kept as it is.
 */
export function issueToProblem(issue: ModelIssue, input: ModelInput, layout: WorkbookLayout): Problem {
  const fs = layout.federationSheet;
  const ms = layout.municipalitySheet;
  const ps = layout.parameterSheet;
  const fedCols = fs.columns ?? {};
  const areaCols = ms.columns ?? {};
  const message = engineText(issue.message);
  const fieldName = issue.field?.replace(/^.*\./, '');

  if (issue.areaIndex !== undefined && ms.dataRows[issue.areaIndex] !== undefined) {
    const col = pick(areaCols, fieldName, issue.field, 'federation');
    const p = makeProblem(ms.name, ms.dataRows[issue.areaIndex], col, message);
    return named(p, input.areas[issue.areaIndex]?.federation || issue.federation, labelOf(AREA_COLUMNS, areaCols, col));
  }
  const paramKey = parameterKeyOf(issue.field);
  const paramCodes: ModelIssue['code'][] = ['BUDGET_TOO_SMALL', 'WEIGHTS_NOT_100'];
  if (issue.federation !== undefined) {
    const key = normalizeKey(issue.federation);
    const i = input.federations.findIndex((f) => normalizeKey(f.name) === key);
    if (i >= 0 && fs.dataRows[i] !== undefined) {
      const col = pick(fedCols, fieldName, 'name');
      return named(
        makeProblem(fs.name, fs.dataRows[i], col, message),
        input.federations[i].name,
        labelOf(FEDERATION_COLUMNS, fedCols, col),
      );
    }
  }
  if (paramKey || paramCodes.includes(issue.code)) {
    const k = paramKey ?? (issue.code === 'BUDGET_TOO_SMALL' ? 'budget' : 'weightSupportMeasure');
    const row = ps.rows?.[k] ?? ps.rows?.[PARAMETER_FALLBACK[k] ?? ''];
    if (row !== undefined) return makeProblem(ps.name, row, ps.valueColumn, message);
    return makeProblem(ps.name, ps.headerRow, ps.labelColumn ?? 0, message);
  }
  if (issue.code === 'ZERO_TOTALS' || (issue.code === 'NO_AREAS' && issue.federation === undefined)) {
    const col = pick(areaCols, fieldName, 'federation');
    return makeProblem(ms.name, ms.headerRow, col, message);
  }
  return makeProblem(fs.name, fs.headerRow, fedCols.name ?? 0, message);
}
