// merge: the regional files' answers back into the national workbook. Host-neutral: the national sheets
// and each returned file's sheets in, every problem or a plan of exactly the cells to write out.
// spec: docs/model.md §A4; ../shared/spec/round.md §4
import Decimal from 'decimal.js';
import type { FederationInput, ModelInput } from '../engine';
import { nameKey, parameterValue } from '../engine';
import type { CellBlock, CellValue, Problem, SheetOutput, SheetValues, WorkbookLayout } from '../workbook/types';
import { MONEY_FORMAT, TEXT_FORMAT } from '../workbook/types';
import { readWorkbook } from '../workbook/read';
import { applyPlanToSheets } from '../workbook/apply';
import { AREA_COLUMNS, FEDERATION_COLUMNS } from '../workbook/columns';
import type { AreaField, FederationField } from '../workbook/columns';
import { SPLIT_METHOD_LABELS } from '../workbook/cells';
import { MODEL_PARAMETER_DEFINITIONS, textParameter } from '../workbook/parameters';
import { findSheet, makeProblem, sortProblems } from '../workbook/sheets';
import { cellText, isBlank, normalizeKey, parseHeader, UNIT_MULTIPLIER } from '../workbook/text';
import { formatNumber, formatShare } from '../workbook/format';
import { ANSWER_STATUS_TEXTS, READ_TEXTS, voLabel } from '../workbook/messages';
import { workbookScope } from '../workbook/scope';
import { isoLocal } from '../workbook/plan';
import { ANSWER_FIELDS, COMMENT_HEADER, REPLY_DATE_HEADER } from './answers';
import type { AnswerField } from './answers';
import { nationalSource } from './national-source';
import { ROUND_TEXTS } from './messages';
import type { AnswerLogRow, MergePlan, MergeProblem, MergeResult, MergeSummary } from './types';

const T = ROUND_TEXTS.merge;
const S = ANSWER_STATUS_TEXTS;

/** The change log's sheet (round.md §4): appended, never rewritten. */
export const ANSWER_LOG_SHEET = 'Svar';

type Read = Extract<ReturnType<typeof readWorkbook>, { ok: true }>;

/** "VO Syd.xlsx, Förbund!K5: …": a merge problem as one line (the file first when it is a regional one). */
export function formatMergeProblem(p: MergeProblem): string {
  return `${p.fileName ? `${p.fileName}, ` : ''}${p.address}: ${p.message}`;
}

const withFile = (fileName: string | undefined, p: Problem): MergeProblem => (fileName ? { ...p, fileName } : p);

/** An input value as a text for messages ('(tomt)' when blank). */
function shown(value: unknown, kind: 'money' | 'share' | 'other' = 'other'): string {
  if (value === undefined || value === null || value === '') return T.blank;
  if (Decimal.isDecimal(value))
    return kind === 'share'
      ? formatShare(value as Decimal, 6)
      : formatNumber(value as Decimal, (value as Decimal).isInteger() ? 0 : 2);
  if (typeof value === 'number') return formatNumber(value, Number.isInteger(value) ? 0 : 2);
  return `"${String(value)}"`;
}

/** Two input values are equal: decimals by value, texts by their normalised key, blanks alike. */
function sameValue(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (Decimal.isDecimal(a) && Decimal.isDecimal(b)) return (a as Decimal).eq(b as Decimal);
  if (typeof a === 'string' && typeof b === 'string') return nameKey(a) === nameKey(b);
  return a === b;
}

const federationLabel = (field: FederationField) => FEDERATION_COLUMNS.find((c) => c.key === field)!.label;
const areaLabel = (field: AreaField) => AREA_COLUMNS.find((c) => c.key === field)!.label;
const areaKey = (a: { federation: string; municipality: string; area?: string }) =>
  `${nameKey(a.federation)}\u0000${nameKey(a.municipality)}\u0000${nameKey(a.area ?? '')}`;

/** A cell of a sheet of the layout (0-based) as a problem. */
function at(sheet: string, row: number, column: number, message: string): Problem {
  return makeProblem(sheet, row, column, message);
}

/** Förbund's column with `header` (normalised) in the header row, or -1. */
function headerColumn(sheet: SheetValues | undefined, headerRow: number, header: string): number {
  const cells = sheet?.values[headerRow] ?? [];
  const key = normalizeKey(header);
  return cells.findIndex((c) => normalizeKey(c) === key);
}

/** A date cell (an Excel serial number or a typed text) as YYYY-MM-DD when it reads as one, else its text. */
export function replyDateText(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number' && value > 0 && value < 2958466) {
    const ms = Math.round((value - 25569) * 86400) * 1000;
    return new Date(ms).toISOString().slice(0, 10);
  }
  const text = cellText(value).trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2].padStart(2, '0')}-${iso[3].padStart(2, '0')}`;
  return text;
}

/** One regional file read and checked against the national workbook. */
interface RegionalRead {
  fileName: string;
  vo: string;
  /** national federation index → regional federation input, Svar inkommit, Kommentar */
  federations: { nationalIndex: number; input: FederationInput; replyDate: string; comment: string }[];
}

/** Parametrar: every model parameter equal (by value, defaults applied). */
function parameterProblems(nat: Read, reg: Read, fileName: string): MergeProblem[] {
  const out: MergeProblem[] = [];
  const ps = reg.layout.parameterSheet;
  for (const def of MODEL_PARAMETER_DEFINITIONS) {
    const a = parameterValue(reg.input.parameters, def.key);
    const b = parameterValue(nat.input.parameters, def.key);
    const da = a === undefined ? undefined : new Decimal(a as Decimal.Value);
    const db = b === undefined ? undefined : new Decimal(b as Decimal.Value);
    if (sameValue(da, db)) continue;
    const row = ps.rows?.[def.key];
    const kind = def.kind === 'share' ? 'share' : 'money';
    out.push(
      withFile(
        fileName,
        row === undefined
          ? at(ps.name, ps.headerRow, ps.labelColumn ?? 0, T.parameterMissing(def.label))
          : at(ps.name, row, ps.valueColumn, T.changedCell(def.label, shown(da, kind), shown(db, kind))),
      ),
    );
  }
  return out;
}

/** The fixed (non-answer) input fields of Förbund. */
const FIXED_FEDERATION_FIELDS = FEDERATION_COLUMNS.map((c) => c.key).filter(
  (k) => !(ANSWER_FIELDS as readonly string[]).includes(k),
);

function fieldValue(f: FederationInput, field: FederationField): unknown {
  return (f as unknown as Record<string, unknown>)[field];
}

/** Kommuner: the areas of the file's federations, the same rows and values as nationally. */
function areaProblems(nat: Read, reg: Read, fileName: string, federationKeys: Set<string>): MergeProblem[] {
  const out: MergeProblem[] = [];
  const ms = reg.layout.municipalitySheet;
  const cols = ms.columns ?? {};
  const national = new Map<string, ModelInput['areas'][number]>();
  for (const a of nat.input.areas) if (federationKeys.has(nameKey(a.federation))) national.set(areaKey(a), a);
  const seen = new Set<string>();
  const what = (a: { municipality: string; area?: string }) => READ_TEXTS.areaWhat(a.municipality, a.area);
  reg.input.areas.forEach((a, i) => {
    // Areas of a federation already reported (unknown, or in another file) are that one problem
    if (!federationKeys.has(nameKey(a.federation))) return;
    const key = areaKey(a);
    const row = ms.dataRows[i];
    const n = national.get(key);
    if (!n) {
      out.push(withFile(fileName, at(ms.name, row, cols.municipality ?? 0, T.extraArea(what(a)))));
      return;
    }
    seen.add(key);
    for (const field of ['population', 'supportMeasure', 'supportRecipients'] as const) {
      if (sameValue(a[field], n[field])) continue;
      out.push(
        withFile(fileName, at(ms.name, row, cols[field] ?? 0, T.changedCell(areaLabel(field), shown(a[field]), shown(n[field])))),
      );
    }
  });
  for (const [key, n] of national) {
    if (!seen.has(key)) out.push(withFile(fileName, at(ms.name, ms.headerRow, cols.municipality ?? 0, T.missingArea(what(n)))));
  }
  return out;
}

/**
 * One regional file against the national workbook: its reading problems, its scope and national source,
 * every fixed input that differs, and its federations matched to the national ones.
 */
function readRegional(
  nat: Read,
  natSource: string,
  file: { fileName: string; sheets: SheetValues[] },
  owner: Map<number, string>,
): { ok: true; regional: RegionalRead } | { ok: false; problems: MergeProblem[] } {
  const { fileName, sheets } = file;
  const read = readWorkbook(sheets);
  if (!read.ok) return { ok: false, problems: read.problems.map((p) => withFile(fileName, p)) };
  const problems: MergeProblem[] = [];
  const scope = workbookScope(sheets);
  const source = textParameter(sheets, 'nationalSource');
  const ps = read.layout.parameterSheet;
  if (!scope.regional) {
    const cell = scope.cell ?? { sheet: ps.name || 'Parametrar', row: Math.max(ps.headerRow, 0), column: 0 };
    problems.push(withFile(fileName, at(cell.sheet, cell.row, cell.column, T.notRegional(fileName))));
  }
  if (!source || source.value === '') {
    problems.push(withFile(fileName, at(ps.name || 'Parametrar', Math.max(ps.headerRow, 0), 0, T.noSource(fileName))));
  } else if (source.value !== natSource) {
    problems.push(withFile(fileName, at(source.sheet, source.row, source.column, T.otherSource(fileName))));
  }
  if (problems.length > 0) return { ok: false, problems };
  problems.push(...parameterProblems(nat, read, fileName));

  const natByKey = new Map(nat.input.federations.map((f, i) => [nameKey(f.name), i]));
  const fs = read.layout.federationSheet;
  const cols = fs.columns ?? {};
  const regSheet = findSheet(sheets, fs.name);
  const replyColumn = headerColumn(regSheet, fs.headerRow, REPLY_DATE_HEADER);
  const commentColumn = headerColumn(regSheet, fs.headerRow, COMMENT_HEADER);
  const federations: RegionalRead['federations'] = [];
  const keys = new Set<string>();
  read.input.federations.forEach((f, i) => {
    const row = fs.dataRows[i];
    const nationalIndex = natByKey.get(nameKey(f.name));
    if (nationalIndex === undefined) {
      problems.push(withFile(fileName, at(fs.name, row, cols.name ?? 0, T.unknownFederation(f.name))));
      return;
    }
    const first = owner.get(nationalIndex);
    if (first !== undefined && first !== fileName) {
      problems.push(withFile(fileName, at(fs.name, row, cols.name ?? 0, T.twice(f.name, first))));
      return;
    }
    owner.set(nationalIndex, fileName);
    keys.add(nameKey(f.name));
    const n = nat.input.federations[nationalIndex];
    for (const field of FIXED_FEDERATION_FIELDS) {
      if (field === 'name') continue;
      const a = fieldValue(f, field);
      const b = fieldValue(n, field);
      if (sameValue(a, b)) continue;
      problems.push(
        withFile(
          fileName,
          at(fs.name, row, cols[field] ?? cols.name ?? 0, T.changedCell(federationLabel(field), shown(a), shown(b))),
        ),
      );
    }
    const cell = (c: number) => (c >= 0 ? regSheet?.values[row]?.[c] : undefined);
    federations.push({
      nationalIndex,
      input: f,
      replyDate: replyDateText(cell(replyColumn)),
      comment: cellText(cell(commentColumn) ?? '').trim(),
    });
  });
  // The national federations of this VO that the file lacks (a row deleted)
  const vo = scope.regional ? scope.vo : (scope.cell?.value ?? '');
  nat.input.federations.forEach((n, i) => {
    if (n.vo !== undefined && nameKey(n.vo) === nameKey(vo) && !keys.has(nameKey(n.name)) && owner.get(i) === undefined) {
      problems.push(withFile(fileName, at(fs.name, fs.headerRow, cols.name ?? 0, T.missingFederation(n.name))));
    }
  });
  problems.push(...areaProblems(nat, read, fileName, keys));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, regional: { fileName, vo, federations } };
}

/** An answer's value as the national cell gets it, in the column's unit; '' for blank. */
function answerCell(field: AnswerField, value: unknown, multiplier: number): { value: CellValue; format: string | null } {
  if (value === undefined || value === null) return { value: '', format: null };
  if (field === 'splitMethod')
    return { value: SPLIT_METHOD_LABELS[value as keyof typeof SPLIT_METHOD_LABELS], format: TEXT_FORMAT };
  const d = (value as Decimal).dividedBy(multiplier);
  return { value: d.toNumber(), format: multiplier === 1 && d.isInteger() ? MONEY_FORMAT : null };
}

/** An answer's value for the log: a number in kronor, a split label, '' for blank. */
function logValue(field: AnswerField, value: unknown): string | number {
  if (value === undefined || value === null) return '';
  if (field === 'splitMethod') return SPLIT_METHOD_LABELS[value as keyof typeof SPLIT_METHOD_LABELS];
  return (value as Decimal).toNumber();
}

/** The last Kommentar logged per federation (normalised name) on an existing Svar sheet. */
function loggedComments(sheet: SheetValues | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!sheet) return out;
  const headers = T.logHeaders.map((h) => normalizeKey(h));
  const headerRow = sheet.values.findIndex((r) => normalizeKey(r?.[0]) === headers[0]);
  if (headerRow < 0) return out;
  const col = (k: number) => (sheet.values[headerRow] ?? []).findIndex((c) => normalizeKey(c) === headers[k]);
  const [fed, task, value] = [col(3), col(4), col(6)];
  if (fed < 0 || task < 0 || value < 0) return out;
  for (const row of sheet.values.slice(headerRow + 1)) {
    if (normalizeKey(row?.[task]) === normalizeKey(COMMENT_HEADER))
      out.set(normalizeKey(row?.[fed]), cellText(row?.[value] ?? ''));
  }
  return out;
}

/** 0-based row after the last non-blank row of a sheet. */
function nextFreeRow(sheet: SheetValues): number {
  for (let r = sheet.values.length - 1; r >= 0; r--) if ((sheet.values[r] ?? []).some((c) => !isBlank(c))) return r + 1;
  return 0;
}

/** The local date of a timestamp, YYYY-MM-DD. */
const localDate = (d: Date) => isoLocal(d).slice(0, 10);

/**
 * Merges the answers of the regional files into the national workbook. Every problem of every file
 * (other national source, a changed fixed input, a federation in two files or unknown, a cell breaking
 * the reading rules) refuses the whole merge. Otherwise: the answer cells that changed, the `Svar`
 * column (every federation: `VO Syd 2027-05-28` or `Ej svarat`) and rows appended to the `Svar` log.
 * A federation has answered when its Svar inkommit is filled or an answer differs from the national one;
 * one that answered in an earlier merge keeps its Svar. Rerunning with the same files changes nothing
 * but the log ("Inga ändringar").
 */
export function mergeAnswers(
  national: SheetValues[],
  regionals: { fileName: string; sheets: SheetValues[] }[],
  options: { timestamp: Date },
): MergeResult {
  const nat = readWorkbook(national);
  if (!nat.ok) return { ok: false, problems: nat.problems };
  const scope = workbookScope(national);
  if (scope.regional) {
    const { cell } = scope;
    return { ok: false, problems: [at(cell.sheet, cell.row, cell.column, T.nationalIsRegional(voLabel(scope.vo)))] };
  }
  const natSource = nationalSource(nat.input);
  const owner = new Map<number, string>();
  const problems: MergeProblem[] = [];
  const files: RegionalRead[] = [];
  for (const file of regionals) {
    const r = readRegional(nat, natSource, file, owner);
    if (r.ok) files.push(r.regional);
    else problems.push(...r.problems);
  }
  if (problems.length > 0) return { ok: false, problems: sortMergeProblems(problems) };
  return { ok: true, ...mergePlan(nat, national, files, options.timestamp) };
}

function sortMergeProblems(problems: MergeProblem[]): MergeProblem[] {
  const byFile = new Map<string, MergeProblem[]>();
  for (const p of problems) {
    const k = p.fileName ?? '';
    byFile.set(k, [...(byFile.get(k) ?? []), p]);
  }
  return [...byFile.values()].flatMap((ps) => sortProblems(ps) as MergeProblem[]);
}

/** The plan of a merge whose files have no problems. */
function mergePlan(
  nat: Read,
  national: SheetValues[],
  files: RegionalRead[],
  timestamp: Date,
): { plan: MergePlan; summary: MergeSummary } {
  const layout: WorkbookLayout = nat.layout;
  const fs = layout.federationSheet;
  const sheet = findSheet(national, fs.name);
  const headerCells = sheet?.values[fs.headerRow] ?? [];
  const columns: Record<string, number> = { ...(fs.columns ?? {}) };
  let nextColumn = Math.max(0, ...(sheet?.values ?? []).map((r) => lastNonBlank(r) + 1));
  const blocks: CellBlock[] = [];
  const multiplier = (c: number) => {
    const unit = parseHeader(headerCells[c]).unit;
    return unit && unit !== '%' ? UNIT_MULTIPLIER[unit] : 1;
  };
  // An answer column the national sheet lacks gets its header after the last column in use
  const columnOf = (field: AnswerField): number => {
    if (columns[field] === undefined) {
      columns[field] = nextColumn++;
      blocks.push({
        sheet: fs.name,
        row: fs.headerRow,
        column: columns[field],
        values: [[federationLabel(field)]],
        numberFormats: [[TEXT_FORMAT]],
        boldFirstRow: true,
      });
    }
    return columns[field];
  };
  const time = isoLocal(timestamp);
  const log: AnswerLogRow[] = [];
  const logSheet = findSheet(national, ANSWER_LOG_SHEET);
  const comments = loggedComments(logSheet);
  const statusColumn = headerColumn(sheet, fs.headerRow, S.header);
  const status: string[] = nat.input.federations.map((_, i) => {
    const v = statusColumn >= 0 ? sheet?.values[fs.dataRows[i]]?.[statusColumn] : undefined;
    return cellText(v ?? '').trim();
  });
  const newStatus = [...status];
  let changes = 0;
  const fileSummaries: MergeSummary['files'] = [];
  for (const file of files) {
    const vo = voLabel(file.vo);
    let fileChanges = 0;
    let answered = 0;
    const before = log.length;
    for (const f of file.federations) {
      const n = nat.input.federations[f.nationalIndex];
      const row = fs.dataRows[f.nationalIndex];
      let changed = false;
      for (const field of ANSWER_FIELDS) {
        const a = fieldValue(f.input, field);
        const b = fieldValue(n, field);
        if (sameValue(a, b)) continue;
        changed = true;
        const c = columnOf(field);
        const cell = answerCell(field, a, multiplier(c));
        blocks.push({ sheet: fs.name, row, column: c, values: [[cell.value]], numberFormats: [[cell.format]] });
        log.push([time, file.fileName, vo, n.name, federationLabel(field), logValue(field, b), logValue(field, a)]);
        fileChanges++;
      }
      const previous = status[f.nationalIndex];
      const answeredBefore = previous !== '' && normalizeKey(previous) !== normalizeKey(S.notAnswered);
      if (changed || f.replyDate !== '') {
        answered++;
        const date = f.replyDate !== '' ? f.replyDate : answeredBefore ? '' : localDate(timestamp);
        newStatus[f.nationalIndex] = date === '' ? previous : T.answered(vo, date);
      } else if (answeredBefore) {
        answered++;
      } else {
        newStatus[f.nationalIndex] = S.notAnswered;
      }
      // A blank status becoming Ej svarat is no change worth a row (the column is new)
      if (newStatus[f.nationalIndex] !== previous && !(previous === '' && newStatus[f.nationalIndex] === S.notAnswered)) {
        log.push([time, file.fileName, vo, n.name, S.header, previous, newStatus[f.nationalIndex]]);
      }
      if (f.comment !== '' && f.comment !== (comments.get(nameKey(n.name)) ?? '')) {
        log.push([time, file.fileName, vo, n.name, COMMENT_HEADER, comments.get(nameKey(n.name)) ?? '', f.comment]);
        comments.set(nameKey(n.name), f.comment);
      }
    }
    if (log.length === before) log.push([time, file.fileName, vo, '', T.logNoChanges, '', '']);
    changes += fileChanges;
    fileSummaries.push({ fileName: file.fileName, vo, federations: file.federations.length, answered, changes: fileChanges });
  }
  // Federations in no file: their earlier status, or Ej svarat
  newStatus.forEach((v, i) => {
    if (v === '') newStatus[i] = S.notAnswered;
  });
  const svarColumn = statusColumn >= 0 ? statusColumn : nextColumn++;
  const lastRow = Math.max(fs.headerRow, ...fs.dataRows);
  const rowIndex = new Map(fs.dataRows.map((r, i) => [r, i]));
  const svarValues: CellValue[][] = [];
  const svarFormats: (string | null)[][] = [];
  for (let r = fs.headerRow; r <= lastRow; r++) {
    const i = rowIndex.get(r);
    svarValues.push([r === fs.headerRow ? S.header : i === undefined ? null : newStatus[i]]);
    svarFormats.push([r === fs.headerRow || i !== undefined ? TEXT_FORMAT : null]);
  }
  blocks.push({
    sheet: fs.name,
    row: fs.headerRow,
    column: svarColumn,
    values: svarValues,
    numberFormats: svarFormats,
    boldFirstRow: true,
  });

  const createSheet: SheetOutput | undefined = logSheet
    ? undefined
    : {
        name: ANSWER_LOG_SHEET,
        values: [[...T.logHeaders]],
        numberFormats: [T.logHeaders.map(() => TEXT_FORMAT)],
        boldRows: [0],
        columnWidths: [20, 18, 14, 30, 32, 20, 20],
        headerRow: 0,
      };
  const append: CellBlock = {
    sheet: logSheet?.name ?? ANSWER_LOG_SHEET,
    row: logSheet ? Math.max(1, nextFreeRow(logSheet)) : 1,
    column: 0,
    values: log.map((r) => [...r]),
    numberFormats: log.map((r) =>
      r.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? MONEY_FORMAT : null) : TEXT_FORMAT)),
    ),
  };

  const notAnswered = nat.input.federations
    .map((f, i) => ({ federation: f.name, vo: f.vo ? voLabel(f.vo) : '', status: newStatus[i] }))
    .filter((f) => normalizeKey(f.status) === normalizeKey(S.notAnswered))
    .map(({ federation, vo }) => ({ federation, vo }));
  const lines = [
    ...fileSummaries.map((f) => T.summaryFile(f.fileName, f.vo, f.federations, f.answered, f.changes)),
    T.summaryChanges(changes),
    ...(notAnswered.length === 0
      ? [T.summaryAllAnswered]
      : [T.summaryNotAnswered(notAnswered.length), ...notAnswered.map((f) => T.summaryNotAnsweredRow(f.federation, f.vo))]),
  ];
  return {
    plan: { blocks, ...(createSheet ? { createSheet } : {}), append },
    summary: { files: fileSummaries, notAnswered, changes, lines },
  };
}

function lastNonBlank(cells: CellValue[] | undefined): number {
  if (!cells) return -1;
  for (let c = cells.length - 1; c >= 0; c--) if (!isBlank(cells[c])) return c;
  return -1;
}

/** A copy of `sheets` with a merge's plan applied (values only; host-neutral, for tests and simulators). */
export function applyMergePlanToSheets(sheets: SheetValues[], plan: MergePlan): SheetValues[] {
  const withLog =
    plan.createSheet && !findSheet(sheets, plan.createSheet.name)
      ? applyPlanToSheets(sheets, { sheets: [plan.createSheet] })
      : sheets;
  return applyPlanToSheets(withLog, { blocks: [...plan.blocks, plan.append] });
}
