// readWorkbook: sheets as 2-D arrays → ModelInput and where everything is, or every problem.
// The reader parses cells (read-parameters.ts, read-federations.ts, read-areas.ts, by the column table's
// kinds) and checks references; the cross-field rules are the engine's validation, mapped to cells.
// spec: docs/workbook-format.md §1–§4; docs/model.md §I, §1
import { issueRows, modelParameters, validateModelInput } from '../engine';
import type { AreaInput, ModelInput, ModelIssue, ModelParameters } from '../engine';
import type { Problem, ReadResult, SheetValues, WorkbookLayout } from './types';
import { DIAGRAM_HEADERS, DIAGRAM_SHEET, OUTPUT_SHEETS } from './types';
import { AREA_COLUMNS, AreaField } from './columns';
import { READ_TEXTS as R } from './messages';
import { ParameterKey } from './parameters';
import { findOnlySheet, findSheet, makeProblem, sortProblems } from './sheets';
import { isBlank, normalizeKey } from './text';
import { cellAddress } from './address';
import { closestName } from './suggest';
import { withProblemContext } from './problem-context';
import { issueToProblem } from './issues';
import { ParametersRead, readParameters } from './read-parameters';
import { FederationRow, FederationsRead, readFederations } from './read-federations';
import { AreaRow, AreasRead, readAreas } from './read-areas';
import { cellsRead, columnsOf, federationLayout, mergeConflicts } from './read-layout';

export { cellsRead };

/**
 * A sheet named Diagram is the run's own when it is empty or read without values (a host that does not
 * read it: the add-in reads only the input sheets and Körlogg), or its first row is the run's headers.
 */
export function isRunDiagram(sheet: SheetValues): boolean {
  if (sheet.values.every((row) => row.every(isBlank))) return true;
  return DIAGRAM_HEADERS.every((h, i) => normalizeKey(sheet.values[0]?.[i]) === normalizeKey(h));
}

/** Where everything is; a sheet that could not be opened is there without rows (for placing issues). */
function layoutOf(sheets: SheetValues[], feds: FederationsRead, areas: AreasRead, params: ParametersRead): WorkbookLayout {
  const existingOutputSheets: Record<string, string> = {};
  for (const name of OUTPUT_SHEETS) {
    const s = findSheet(sheets, name);
    if (s) existingOutputSheets[name] = s.name;
  }
  const paramRows: Record<string, number> = {};
  for (const [k, v] of Object.entries(params.scan.rows)) if (v) paramRows[k] = v.row;
  const fedSheet = feds.opened;
  const areaSheet = areas.opened;
  return {
    federationSheet: fedSheet
      ? federationLayout(fedSheet, feds.rows)
      : { name: '', headerRow: 0, dataRows: [], lastInputColumn: 0, existingOutputColumns: {}, rowCount: 0 },
    municipalitySheet: {
      name: areaSheet?.sheet.name ?? '',
      headerRow: areaSheet?.headerRow ?? 0,
      dataRows: areas.rows.map((a) => a.row),
      columns: areaSheet ? columnsOf(areaSheet.mapping) : {},
    },
    parameterSheet: {
      name: params.scan.sheet?.name ?? '',
      headerRow: params.scan.headerRow,
      valueColumn: params.scan.valueColumn,
      labelColumn: params.scan.labelColumn,
      rows: paramRows,
    },
    existingOutputSheets,
  };
}

/** Issues of a federation row, of the area rows and of the parameters: which sheet must be readable. */
const NEEDS: Partial<Record<ModelIssue['code'], 'parameters' | 'federations' | 'areas'>> = {
  WEIGHTS_NOT_100: 'parameters',
  INVALID_PARAMETER: 'parameters',
  BUDGET_TOO_SMALL: 'parameters',
  RETURN_AND_REQUEST: 'federations',
  MISSING_RECIPIENTS: 'areas',
  ZERO_TOTALS: 'areas',
};

/**
 * The engine's duplicate rules at the reader's rows, in words that name the other row (workbook-format
 * §3.1, §4): a federation name twice, at each later row; a place twice in one
 * federation, in two federations, or a split municipality without Område, at the later row; a federation
 * without areas (not when its name was offered for an unknown name on Kommuner: one cause, one problem).
 * Undefined for any other issue.
 */
function duplicateProblems(
  issue: ModelIssue,
  read: { feds: FederationsRead; areas: AreasRead; areasOk: boolean; suggested: Set<string> },
): Problem[] | undefined {
  const fedSheet = read.feds.opened;
  const areaSheet = read.areas.opened;
  const rows = issueRows(issue);
  if (issue.code === 'DUPLICATE_FEDERATION' && rows && fedSheet) {
    const [first, ...later] = rows.rows.map((i) => read.feds.rows[i]);
    const column = fedSheet.col('name')!;
    return later.map((f) => makeProblem(fedSheet.sheet.name, f.row, column, R.federationTwice(f.input.name, first.row + 1)));
  }
  if (issue.code === 'DUPLICATE_AREA' && rows?.clash && areaSheet && issue.areaIndex !== undefined) {
    const a = read.areas.rows[issue.areaIndex];
    const other = read.areas.rows[rows.rows[0]];
    const at = (k: AreaField, message: string) => [
      makeProblem(areaSheet.sheet.name, a.row, areaSheet.col(k) ?? areaSheet.col('federation')!, message),
    ];
    const what = R.areaWhat(a.input.municipality, a.input.area);
    if (rows.clash === 'sameFederation')
      return at('municipality', R.areaTwiceInFederation(what, a.federationText, other.row + 1));
    if (rows.clash === 'otherFederation')
      return at('municipality', R.areaInOtherFederation(what, other.input.federation, other.row + 1, !!a.input.area));
    return at(
      areaSheet.col('area') !== undefined ? 'area' : 'municipality',
      R.splitMunicipalityNeedsArea(a.input.municipality, other.input.federation, other.row + 1),
    );
  }
  if (issue.code === 'NO_AREAS') {
    const key = issue.federation === undefined ? undefined : normalizeKey(issue.federation);
    const f = read.feds.rows.find((r) => r.key === key);
    if (!read.areasOk || !f || !fedSheet || !areaSheet || read.suggested.has(f.key)) return [];
    return [
      makeProblem(
        fedSheet.sheet.name,
        f.row,
        fedSheet.col('name')!,
        R.federationWithoutAreas(f.input.name, areaSheet.sheet.name),
      ),
    ];
  }
  return undefined;
}

/**
 * The engine's cross-field rules on what was read (weights 100 %, Trappan's limits, whole kronor,
 * B ≥ N·G, return vs request, recipients for a försörjningsstöd split, zero totals), each issue at its
 * cell. Issues of a single cell (a number, a name, a reference) are the reader's and already reported;
 * an issue at a cell that already has a problem has the same cause and is left out.
 */
function crossFieldProblems(
  read: {
    params: ParametersRead;
    feds: FederationsRead;
    areas: AreasRead;
    federationsOk: boolean;
    areasOk: boolean;
    /** federations (by name key) whose rows were offered as the suggestion for an unknown name */
    suggested: Set<string>;
    layout: WorkbookLayout;
  },
  found: Problem[],
): Problem[] {
  const { params, feds, areas, layout } = read;
  // A parameter that could not be read is left out (the engine then skips the rules that need it)
  const value = (key: ParameterKey) => (key === 'budget' || params.failed.has(key) ? params.values[key] : params.param(key));
  const input: ModelInput = {
    parameters: modelParameters(value as (key: ParameterKey) => ModelParameters['budget']),
    federations: feds.rows.map((f) => f.input),
    areas: areas.rows.map((a) => {
      const area: Record<string, unknown> = { ...a.input };
      for (const k of ['population', 'supportMeasure', 'supportRecipients'] as const) if (!a.readable[k]) delete area[k];
      return area as unknown as AreaInput;
    }),
  };
  const usable = {
    parameters: params.ok,
    federations: read.federationsOk,
    areas: read.areasOk && areas.rows.length > 0,
  };
  const taken = new Set(found.map((p) => `${p.sheet}!${p.row}:${p.column}`));
  const out: Problem[] = [];
  for (const issue of validateModelInput(input)) {
    const duplicates = duplicateProblems(issue, read);
    if (duplicates) {
      for (const p of duplicates) taken.add(`${p.sheet}!${p.row}:${p.column}`);
      out.push(...duplicates);
      continue;
    }
    const needs = NEEDS[issue.code];
    if (!needs || !usable[needs]) continue;
    if (issue.code === 'MISSING_RECIPIENTS' && layout.municipalitySheet.columns?.supportRecipients === undefined) continue;
    const problem = issueToProblem(issue, input, layout);
    const at = `${problem.sheet}!${problem.row}:${problem.column}`;
    if (taken.has(at)) continue;
    taken.add(at);
    out.push(problem);
  }
  return out;
}

/**
 * Reads a workbook given as sheets of cell values. Returns the engine input and the layout, or every
 * problem found (each with its address and Swedish message), sorted by sheet, row and column.
 */
export function readWorkbook(sheets: SheetValues[]): ReadResult {
  const problems: Problem[] = [];
  const params = readParameters(sheets, problems);
  const feds = readFederations(sheets, problems);
  const areas = readAreas(sheets, problems);
  const fedSheet = feds.opened;
  const areaSheet = areas.opened;

  // Federations by name, the first row of each (a name twice is the engine's DUPLICATE_FEDERATION)
  const federations = new Map<string, FederationRow>();
  for (const f of feds.rows) if (!federations.has(f.key)) federations.set(f.key, f);
  const federationsOk = !!fedSheet && fedSheet.col('name') !== undefined;
  const areasOk = !!areaSheet && AREA_COLUMNS.every((d) => !d.required || areaSheet.col(d.key) !== undefined);

  // Areas: a known federation (spec: docs/workbook-format.md §4). Each place once, and a split
  // municipality's Område on every row, are the engine's rules (DUPLICATE_AREA), placed below.
  const areasPerFederation = new Map<string, AreaRow[]>();
  // Kommuner rows naming a federation that is not on Förbund, by the name's key: one problem per name
  const unknownRefs = new Map<string, AreaRow[]>();
  for (const a of areas.rows) {
    if (!a.federationKey) continue;
    const fed = federations.get(a.federationKey);
    if (!fed) {
      if (federationsOk) unknownRefs.set(a.federationKey, [...(unknownRefs.get(a.federationKey) ?? []), a]);
    } else {
      a.input.federation = fed.input.name;
      const list = areasPerFederation.get(fed.key) ?? [];
      list.push(a);
      areasPerFederation.set(fed.key, list);
    }
  }

  // One cause, one problem (spec: docs/workbook-format.md §1.5): a name on Kommuner that is not on
  // Förbund is one problem listing its rows, with the closest name on Förbund as a suggestion (preferring
  // a federation without rows, the likely renamed one, whose own "no rows" problem is the same cause)
  const suggested = new Set<string>();
  if (areaSheet && fedSheet) {
    const all = [...federations.values()];
    const withoutAreas = all.filter((f) => !(areasPerFederation.get(f.key) ?? []).length);
    for (const rows of unknownRefs.values()) {
      const name = rows[0].federationText;
      const suggestion =
        closestName(
          name,
          withoutAreas.map((f) => f.input.name),
        ) ??
        closestName(
          name,
          all.map((f) => f.input.name),
        );
      const column = areaSheet.col('federation')!;
      const problem = makeProblem(
        areaSheet.sheet.name,
        rows[0].row,
        column,
        R.federationNotOnSheetRows(
          name,
          fedSheet.sheet.name,
          rows.map((a) => a.row + 1),
          suggestion,
        ),
      );
      if (suggestion !== undefined) {
        problem.suggestion = suggestion;
        suggested.add(normalizeKey(suggestion));
      }
      if (rows.length > 1) problem.addresses = rows.map((a) => cellAddress(areaSheet.sheet.name, a.row, column));
      problems.push(problem);
    }
  }

  if (areasOk && areaSheet!.col('supportRecipients') === undefined) {
    const needing = [...federations.values()].filter((f) => f.input.splitMethod === 'forsorjningsstod');
    if (needing.length > 0) {
      const headerCells = areaSheet!.sheet.values[areaSheet!.headerRow] ?? [];
      let lastAny = -1;
      headerCells.forEach((c, i) => {
        if (!isBlank(c)) lastAny = i;
      });
      const names = needing.map((f) => `"${f.input.name}"`).join(', ');
      problems.push(makeProblem(areaSheet!.sheet.name, areaSheet!.headerRow, lastAny + 1, R.recipientsColumnMissing(names)));
    }
  }

  // At least one federation (engine: NO_FEDERATIONS)
  if (
    federationsOk &&
    feds.rows.length === 0 &&
    !problems.some((p) => p.sheet === fedSheet!.sheet.name && p.row > fedSheet!.headerRow + 1)
  ) {
    problems.push(
      makeProblem(fedSheet!.sheet.name, fedSheet!.headerRow + 1, fedSheet!.col('name')!, R.noFederations(fedSheet!.sheet.name)),
    );
  }
  // The cross-field rules are the engine's (spec: docs/model.md §I, §P, §1): run its validation on
  // what was read and place each issue at its cell
  problems.push(
    ...crossFieldProblems(
      { params, feds, areas, federationsOk, areasOk, suggested, layout: layoutOf(sheets, feds, areas, params) },
      problems,
    ),
  );

  // Merged cells where the run would write its output: reported with the input's problems (all at once)
  if (fedSheet) problems.push(...mergeConflicts(fedSheet.sheet, federationLayout(fedSheet, feds.rows)));

  // Kommunbidrag and Körlogg are replaced by a run: two sheets matching one of them is an error too
  for (const name of OUTPUT_SHEETS) findOnlySheet(sheets, name, problems);
  // Diagram is a common name: a sheet of the user's by that name is never replaced (spec: docs/workbook-format.md §3.4)
  const diagram = findSheet(sheets, DIAGRAM_SHEET);
  if (diagram && !isRunDiagram(diagram)) problems.push(makeProblem(diagram.name, 0, 0, R.diagramSheetTaken(diagram.name)));

  if (problems.length > 0 || !fedSheet || !areaSheet || !params.scan.sheet) {
    if (problems.length === 0) throw new Error('internal: missing sheet without a problem');
    const context = [
      fedSheet && { sheet: fedSheet.sheet, headerRow: fedSheet.headerRow, federationColumn: fedSheet.col('name') },
      areaSheet && { sheet: areaSheet.sheet, headerRow: areaSheet.headerRow, federationColumn: areaSheet.col('federation') },
    ];
    return { ok: false, problems: sortProblems(withProblemContext(problems, context)) };
  }

  const parameters: ModelParameters = modelParameters(
    (key) => (key === 'budget' ? params.values.budget! : params.param(key)),
    params.values.year ? params.values.year.toNumber() : undefined,
  );

  const input: ModelInput = {
    parameters,
    federations: feds.rows.map((f) => f.input),
    areas: areas.rows.map((a) => a.input),
  };
  const layout = layoutOf(sheets, feds, areas, params);
  return { ok: true, input, layout };
}
