// The scope of a workbook (round.md §1): national (every federation of the round) or regional (one VO's
// federations, made by split). A national run is refused on a regional workbook; a national workbook
// whose federations all share one VO runs with a notice.
import type { ModelInput } from '../engine';
import type { Problem, SheetValues, WorkbookLayout } from './types';
import { textParameter } from './parameters';
import type { TextParameterCell } from './parameters';
import { readFederations } from './read-federations';
import { makeProblem } from './sheets';
import { normalizeKey } from './text';
import { READ_TEXTS as R } from './messages';

/** The value of `Omfattning` for head office's file (also the meaning of a blank or absent row). */
export const NATIONAL_SCOPE = 'Nationell';

export type WorkbookScope =
  | { regional: false; cell?: TextParameterCell }
  | { regional: true; /** the VO as typed in the Omfattning cell, e.g. "VO Syd" */ vo: string; cell: TextParameterCell };

// spec: docs/model.md §A1 — Omfattning: Nationell (or blank/absent) = national, else the name of one VO
export function workbookScope(sheets: SheetValues[]): WorkbookScope {
  const cell = textParameter(sheets, 'scope');
  if (!cell || cell.value === '' || normalizeKey(cell.value) === normalizeKey(NATIONAL_SCOPE)) {
    return cell ? { regional: false, cell } : { regional: false };
  }
  return { regional: true, vo: cell.value, cell };
}

/** How many federations the Förbund sheet lists (rows with a name), for the refusal's message. */
function federationCount(sheets: SheetValues[]): number {
  return readFederations(sheets, []).rows.length;
}

// spec: docs/model.md §A1 — a run of the allocation on a regional workbook is refused at the Omfattning cell
export function regionalRunProblem(sheets: SheetValues[], scope: Extract<WorkbookScope, { regional: true }>): Problem {
  const { cell } = scope;
  return makeProblem(cell.sheet, cell.row, cell.column, R.regionalWorkbook(scope.vo, federationCount(sheets)));
}

// spec: docs/model.md §A1 — every federation of a national workbook has the same non-blank VO: a notice
export function singleVoNotice(input: ModelInput, layout: WorkbookLayout): Problem | undefined {
  const feds = input.federations;
  if (feds.length === 0) return undefined;
  const first = feds[0].vo?.trim() ?? '';
  if (first === '' || !feds.every((f) => normalizeKey(f.vo ?? '') === normalizeKey(first))) return undefined;
  const fs = layout.federationSheet;
  const column = fs.columns?.vo ?? fs.columns?.name ?? 0;
  return makeProblem(fs.name, fs.headerRow, column, R.singleVo(first, feds.length));
}
