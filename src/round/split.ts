// split: the national workbook → one regional workbook per VO, for the stabschefer to collect the
// federations' answers in. Host-neutral: sheets in, the new workbooks' sheets (with protection and
// validation) out; the command line and the pane turn them into files.
// spec: docs/model.md §A2, §A5; ../shared/spec/round.md §2
import Decimal from 'decimal.js';
import type { AllocationResult, FederationInput, ModelInput } from '../engine';
import { municipalContributionsOf, nameKey, parameterValue, prepareModelInput } from '../engine';
import type { CellRange, CellValue, Problem, SheetOutput, SheetValues, Validation } from '../workbook/types';
import { MONEY_FORMAT, SHARE_FORMAT, TEXT_FORMAT } from '../workbook/types';
import { runAllocation } from '../workbook/run';
import { readWorkbook } from '../workbook/read';
import { NATIONAL_FIGURE_KEYS, sheetColumnRange, UNDERLAG_LABELS, underlagSheet } from '../workbook/underlag';
import type { NationalFigureKey } from '../workbook/underlag';
import { AREA_COLUMNS, FEDERATION_COLUMNS, FEDERATION_SHEET, MUNICIPALITY_SHEET } from '../workbook/columns';
import type { FederationField } from '../workbook/columns';
import { SPLIT_METHOD_LABELS } from '../workbook/cells';
import {
  MODEL_PARAMETER_DEFINITIONS,
  PARAMETER_DEFINITIONS,
  PARAMETER_HEADER,
  PARAMETER_SHEET,
  VALUE_HEADER,
} from '../workbook/parameters';
import type { RoundParameterKey } from '../workbook/parameters';
import { columnValidationRule, INSTRUCTIONS_SHEET, withCells } from '../workbook/template';
import { columnLetters } from '../workbook/address';
import { makeProblem, sortProblems } from '../workbook/sheets';
import { isBlank } from '../workbook/text';
import { READ_TEXTS, voLabel } from '../workbook/messages';
import { workbookScope } from '../workbook/scope';
import { DECIMAL_MONEY_FORMAT, LAMBDA_FORMAT, splitBasisText } from '../workbook/plan';
import { ANSWER_FIELDS, COMMENT_HEADER, REPLY_DATE_HEADER } from './answers';
import { nationalSource } from './national-source';
import { ROUND_TEXTS } from './messages';
import type { NewSheet, RegionalFile, SplitResult } from './types';

const T = ROUND_TEXTS.split;

/** Sheets of a regional workbook that are not the national input sheets. */
export const MUNICIPAL_SHARE_SHEET = 'Kommunernas del';
export const NATIONAL_SHEET = 'Nationellt';

/** Headers of the proposal columns on a regional Förbund (after the national input columns). */
export const PROPOSAL_HEADERS = [
  'Idealfördelning (kr)',
  'Efter spärr (kr)',
  'Kommunerna behöver bidra med (kr)',
  'Regionen behöver bidra med (kr)',
] as const;

/** Headers of Kommunernas del. */
export const MUNICIPAL_SHARE_HEADERS = [
  'Förbund',
  'Kommun',
  'Fördelningsgrund',
  'Andel',
  'Kommunerna behöver bidra med (kr)',
] as const;

/** 0-based header row of a regional file's Parametrar, Förbund, Kommuner and Kommunernas del (title and note above). */
export const REGIONAL_HEADER_ROW = 2;

/** Input columns of a regional Förbund before the proposal: everything but the answer columns, template order. */
const FIXED_FIELDS = FEDERATION_COLUMNS.filter((c) => !(ANSWER_FIELDS as readonly string[]).includes(c.key));
const ANSWER_COLUMNS = ANSWER_FIELDS.map((k) => FEDERATION_COLUMNS.find((c) => c.key === k)!);

// spec: docs/model.md §A2 — what each member must contribute for the proposal in full: the smallest whole krona K with 2·K ≥ A_f
export function contributionForFullProposal(afterFloor: Decimal): Decimal {
  return afterFloor.dividedBy(2).ceil();
}

/** The regional file's name: "VO Syd.xlsx", characters a file name cannot hold replaced by "_". */
export function regionalFileName(vo: string): string {
  // eslint-disable-next-line no-control-regex
  return `${voLabel(vo).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.xlsx`;
}

const num = (d: Decimal | undefined): CellValue => (d === undefined ? '' : d.toNumber());
const moneyFormat = (d: Decimal | undefined): string | null =>
  d === undefined ? null : d.isInteger() ? MONEY_FORMAT : DECIMAL_MONEY_FORMAT;

/** The whole-sheet protection of a new sheet, with the given cells open. */
function protectedSheet(sheet: SheetOutput, unlocked: CellRange[] = []): NewSheet {
  return { ...sheet, protection: { unlocked } };
}

/** Title, note and header rows of a regional data sheet. */
function headed(name: string, title: string, note: string, headers: readonly string[]): SheetOutput {
  return {
    name,
    values: [[title], [note], [...headers]],
    numberFormats: [[TEXT_FORMAT], [TEXT_FORMAT], headers.map(() => TEXT_FORMAT)],
    boldRows: [0, REGIONAL_HEADER_ROW],
    headerRow: REGIONAL_HEADER_ROW,
  };
}

function instructionsSheet(vo: string, federations: number, replyDate: string | undefined): NewSheet {
  const lines = T.instructions(voLabel(vo), federations, replyDate);
  const boldRows = [
    0,
    ...lines
      .map((l, i) => ({ l, i }))
      .filter(({ l, i }) => i > 0 && l !== '' && !/[.:;)]$/.test(l))
      .map(({ i }) => i),
  ];
  return protectedSheet({
    name: INSTRUCTIONS_SHEET,
    values: lines.map((l) => [l]),
    numberFormats: lines.map(() => [TEXT_FORMAT]),
    boldRows,
    columnWidths: [120],
  });
}

/** Parametrar: every model parameter at its national value (defaults applied), Omfattning, Svarsdatum, Nationell källa. */
function parameterSheet(input: ModelInput, vo: string, replyDate: string | undefined, source: string): NewSheet {
  const sheet = headed(PARAMETER_SHEET, T.parameterTitle, T.parameterNote, [PARAMETER_HEADER, VALUE_HEADER, 'Förklaring']);
  for (const def of MODEL_PARAMETER_DEFINITIONS) {
    const raw = parameterValue(input.parameters, def.key);
    const v = raw === undefined ? undefined : new Decimal(raw as Decimal.Value);
    sheet.values.push([def.label, num(v), def.description]);
    sheet.numberFormats!.push([
      TEXT_FORMAT,
      def.kind === 'money' ? moneyFormat(v) : def.kind === 'share' ? SHARE_FORMAT : '0',
      TEXT_FORMAT,
    ]);
  }
  const text: Partial<Record<RoundParameterKey, string>> = { scope: vo, replyDate, nationalSource: source };
  for (const def of PARAMETER_DEFINITIONS) {
    if (def.kind !== 'text') continue;
    const v = text[def.key as RoundParameterKey];
    if (v === undefined) continue;
    sheet.values.push([def.label, v, def.description]);
    sheet.numberFormats!.push([TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT]);
  }
  sheet.columnWidths = [30, 24, 80];
  return protectedSheet(sheet);
}

/** A federation input field's value as the regional Förbund writes it (kronor, months, a split label). */
function fieldValue(f: FederationInput, key: FederationField): { value: CellValue; format: string | null } {
  if (key === 'name') return { value: f.name, format: TEXT_FORMAT };
  if (key === 'vo' || key === 'region') return { value: f[key] ?? '', format: TEXT_FORMAT };
  if (key === 'months') return { value: f.months ?? '', format: f.months === undefined ? null : '0' };
  if (key === 'splitMethod') return { value: f.splitMethod ? SPLIT_METHOD_LABELS[f.splitMethod] : '', format: TEXT_FORMAT };
  const d = f[key];
  return { value: num(d), format: moneyFormat(d) };
}

/** Förbund of a regional file: the fixed inputs, the proposal, the answer columns, Svar inkommit, Kommentar. */
function federationSheet(
  vo: string,
  federations: { input: FederationInput; result: AllocationResult['federations'][number]; need: Decimal }[],
): NewSheet {
  const headers = [
    ...FIXED_FIELDS.map((c) => c.label),
    ...PROPOSAL_HEADERS,
    ...ANSWER_COLUMNS.map((c) => c.label),
    REPLY_DATE_HEADER,
    COMMENT_HEADER,
  ];
  const sheet = headed(FEDERATION_SHEET, T.federationTitle(voLabel(vo)), T.federationNote, headers);
  for (const { input, result, need } of federations) {
    const row: CellValue[] = [];
    const formats: (string | null)[] = [];
    for (const c of FIXED_FIELDS) {
      const v = fieldValue(input, c.key);
      row.push(v.value);
      formats.push(v.format);
    }
    for (const d of [result.rounded.ideal, result.rounded.afterFloor, need, need]) {
      row.push(d.toNumber());
      formats.push(MONEY_FORMAT);
    }
    for (const c of ANSWER_COLUMNS) {
      const v = fieldValue(input, c.key);
      row.push(v.value);
      formats.push(v.format ?? (c.kind === 'money' ? MONEY_FORMAT : TEXT_FORMAT));
    }
    row.push('', '');
    formats.push('yyyy-mm-dd', TEXT_FORMAT);
    sheet.values.push(row);
    sheet.numberFormats!.push(formats);
  }
  const firstAnswer = FIXED_FIELDS.length + PROPOSAL_HEADERS.length;
  const answerWidth = ANSWER_COLUMNS.length + 2;
  const validations: Validation[] = [];
  ANSWER_COLUMNS.forEach((c, k) => {
    const letter = columnLetters(firstAnswer + k);
    // The federation rows only (the cells below are locked; a whole column would be 2 000 cells each)
    const rule = columnValidationRule(
      c,
      `${letter}${REGIONAL_HEADER_ROW + 2}:${letter}${REGIONAL_HEADER_ROW + 1 + Math.max(1, federations.length)}`,
    );
    if (rule) validations.push(withCells(rule, REGIONAL_HEADER_ROW));
  });
  sheet.validations = validations;
  sheet.columnWidths = [
    ...FIXED_FIELDS.map((c) => (c.key === 'name' ? 30 : 16)),
    18,
    18,
    22,
    22,
    ...ANSWER_COLUMNS.map(() => 20),
    14,
    40,
  ];
  const unlocked: CellRange[] =
    federations.length > 0
      ? [{ row: REGIONAL_HEADER_ROW + 1, column: firstAnswer, rowCount: federations.length, columnCount: answerWidth }]
      : [];
  return protectedSheet(sheet, unlocked);
}

/** Kommuner of a regional file: the areas of its federations, canonical headers, values as read. */
function areaSheet(vo: string, areas: ModelInput['areas']): NewSheet {
  const sheet = headed(
    MUNICIPALITY_SHEET,
    T.areaTitle(voLabel(vo)),
    T.parameterNote,
    AREA_COLUMNS.map((c) => c.label),
  );
  for (const a of areas) {
    sheet.values.push([
      a.federation,
      a.municipality,
      a.area ?? '',
      a.population.toNumber(),
      a.supportMeasure.toNumber(),
      num(a.supportRecipients),
    ]);
    sheet.numberFormats!.push([
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      '0',
      a.supportMeasure.isInteger() ? MONEY_FORMAT : DECIMAL_MONEY_FORMAT,
      a.supportRecipients === undefined ? null : '0',
    ]);
  }
  sheet.columnWidths = [30, 22, 20, 16, 18, 22];
  return protectedSheet(sheet);
}

/** Kommunernas del: each municipality's share of Kommunerna behöver bidra med, by its federation's split method (step 9). */
function municipalShareSheet(
  prepared: NonNullable<ReturnType<typeof prepareModelInput>['prepared']>['federations'],
  needs: Decimal[],
): NewSheet {
  const sheet = headed(MUNICIPAL_SHARE_SHEET, T.shareTitle, T.parameterNote, MUNICIPAL_SHARE_HEADERS);
  for (const m of municipalContributionsOf(prepared, needs)) {
    sheet.values.push([m.federation, m.municipality, splitBasisText(m), m.share.toNumber(), m.rounded.toNumber()]);
    sheet.numberFormats!.push([TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, SHARE_FORMAT, MONEY_FORMAT]);
  }
  sheet.columnWidths = [30, 22, 20, 12, 24];
  return protectedSheet(sheet);
}

/** The rows of Nationellt, in order: the one place they are defined (the regional Underlag reads them by key). */
const NATIONAL_ROW_KEYS = ['budget', ...NATIONAL_FIGURE_KEYS] as const;
/** 0-based row of Nationellt's first figure (title, then the Uppgift/Värde header) and the value column. */
const NATIONAL_FIRST_ROW = 2;
const NATIONAL_VALUE_COLUMN = 1;

/** The cell of each national figure on Nationellt, for the regional Underlag's formulas. */
function nationalFigureCells(): Record<NationalFigureKey, { row: number; column: number }> {
  const cells = {} as Record<NationalFigureKey, { row: number; column: number }>;
  NATIONAL_ROW_KEYS.forEach((key, i) => {
    if (key !== 'budget') cells[key] = { row: NATIONAL_FIRST_ROW + i, column: NATIONAL_VALUE_COLUMN };
  });
  return cells;
}

/** Nationellt: the national figures a reader needs to reproduce the proposal of any federation. */
function nationalSheet(result: AllocationResult): NewSheet {
  const N = T.nationalRows;
  const moneyOf = (d: Decimal) => (d.isInteger() ? MONEY_FORMAT : DECIMAL_MONEY_FORMAT);
  const removed = result.federations.some((f) => f.protectionRemoved);
  const figure: Record<(typeof NATIONAL_ROW_KEYS)[number], [string, CellValue, string]> = {
    budget: [N.budget, result.parameters.budget.toNumber(), MONEY_FORMAT],
    count: [N.federationCount, result.federationCount, '0'],
    totalSupportMeasure: [N.totalSupportMeasure, result.totalSupportMeasure.toNumber(), moneyOf(result.totalSupportMeasure)],
    totalPopulation: [N.totalPopulation, result.totalPopulation.toNumber(), MONEY_FORMAT],
    pool: [N.pool, result.pool.toNumber(), moneyOf(result.pool)],
    lambda: [N.lambda, result.lambda.toNumber(), LAMBDA_FORMAT],
    appliedMaxDecrease: [N.appliedMaxDecrease, result.appliedMaxDecrease.toNumber(), SHARE_FORMAT],
    // The word the Underlag formulas compare with (Ja / Nej)
    protectionRemoved: [N.protectionRemoved, removed ? UNDERLAG_LABELS.yes : UNDERLAG_LABELS.no, TEXT_FORMAT],
  };
  const rows = NATIONAL_ROW_KEYS.map((k) => figure[k]);
  return protectedSheet({
    name: NATIONAL_SHEET,
    values: [[T.nationalTitle], ['Uppgift', 'Värde'], ...rows.map(([l, v]) => [l, v])],
    numberFormats: [[TEXT_FORMAT], [TEXT_FORMAT, TEXT_FORMAT], ...rows.map(([, , f]) => [TEXT_FORMAT, f])],
    boldRows: [0, 1],
    columnWidths: [30, 20],
    headerRow: 1,
  });
}

/**
 * Underlag of a regional file: the national Underlag's formulas over this file's own Parametrar,
 * Förbund and Kommuner, the national figures read from Nationellt (transparency.md). The sheets are
 * read back as a reader would read the file, so that the formulas point where the reader looks.
 */
function regionalUnderlagSheet(
  sheets: NewSheet[],
  result: AllocationResult,
  members: { result: AllocationResult['federations'][number]; need: Decimal }[],
): NewSheet {
  const shares = sheets.find((s) => s.name === MUNICIPAL_SHARE_SHEET)!;
  const amountColumn = MUNICIPAL_SHARE_HEADERS.length - 1;
  const shareRows = shares.values.slice(REGIONAL_HEADER_ROW + 1);
  const values = sheets.map((s) => ({
    name: s.name,
    values: s.values,
    ...(s.numberFormats ? { numberFormats: s.numberFormats } : {}),
  }));
  const read = readWorkbook(values);
  if (!read.ok)
    throw new Error(`internal: a regional file that does not read: ${read.problems.map((p) => p.message).join('; ')}`);
  const proposal = FIXED_FIELDS.length;
  const { underlag: _layout, ...sheet } = underlagSheet({
    layout: read.layout,
    input: read.input,
    result: { ...result, federations: members.map((m, j) => ({ ...m.result, index: j })) },
    sheets: values,
    outputColumns: Object.fromEntries(PROPOSAL_HEADERS.map((h, k) => [h, proposal + k])),
    national: {
      sheet: NATIONAL_SHEET,
      cells: nationalFigureCells(),
      protectionRemovedNames: result.federations.filter((f) => f.protectionRemoved).map((f) => f.name),
      contributions: members.map((m) => m.need),
      shares: {
        sheet: MUNICIPAL_SHARE_SHEET,
        range: sheetColumnRange(
          MUNICIPAL_SHARE_SHEET,
          amountColumn,
          REGIONAL_HEADER_ROW + 1,
          REGIONAL_HEADER_ROW + Math.max(1, shareRows.length),
        ),
        total: shareRows.reduce((sum: Decimal, r) => sum.plus(Number(r[amountColumn]) || 0), new Decimal(0)),
      },
    },
  });
  return protectedSheet(sheet);
}

/** Problems that stop a split beyond the reader's: a regional input, blank VO cells. */
function splitProblems(sheets: SheetValues[], run: Extract<ReturnType<typeof runAllocation>, { ok: true }>): Problem[] {
  const problems: Problem[] = [];
  const scope = workbookScope(sheets);
  if (scope.regional) {
    problems.push(makeProblem(scope.cell.sheet, scope.cell.row, scope.cell.column, T.regionalInput(voLabel(scope.vo))));
  }
  const fs = run.layout.federationSheet;
  const voColumn = fs.columns?.vo;
  if (run.input.federations.length === 0) {
    problems.push(makeProblem(fs.name, fs.headerRow, 0, T.noFederations));
  } else if (voColumn === undefined) {
    problems.push(makeProblem(fs.name, fs.headerRow, fs.lastInputColumn + 1, READ_TEXTS.columnMissing('VO')));
  } else {
    run.input.federations.forEach((f, i) => {
      if (f.vo === undefined || isBlank(f.vo)) problems.push(makeProblem(fs.name, fs.dataRows[i], voColumn, T.voMissing(f.name)));
    });
  }
  return problems;
}

/**
 * The regional workbooks of a national one: one per VO (in the order the VOs first appear on Förbund),
 * each with Instruktioner, Parametrar, Förbund, Kommuner, Kommunernas del, Nationellt and Underlag. The
 * allocation is computed afresh; a workbook with problems, a regional workbook or a blank VO cell gives
 * every problem and no file. `replyDate` (YYYY-MM-DD) goes to Parametrar's Svarsdatum and Instruktioner.
 */
export function splitRound(sheets: SheetValues[], options: { timestamp: Date; replyDate?: string }): SplitResult {
  const run = runAllocation(sheets, { timestamp: options.timestamp });
  if (!run.ok) return run;
  const problems = splitProblems(sheets, run);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  const { input, result } = run;
  const prepared = prepareModelInput(input).prepared;
  if (!prepared) throw new Error('internal: a computed input that does not prepare');
  const source = nationalSource(input);

  const groups = new Map<string, { vo: string; indices: number[] }>();
  input.federations.forEach((f, i) => {
    const key = nameKey(f.vo!);
    const group = groups.get(key) ?? { vo: f.vo!.trim(), indices: [] };
    group.indices.push(i);
    groups.set(key, group);
  });
  const resultByIndex = new Map(result.federations.map((f) => [f.index, f]));
  const files: RegionalFile[] = [];
  for (const { vo, indices } of groups.values()) {
    const members = indices.map((i) => {
      const r = resultByIndex.get(i)!;
      return { input: input.federations[i], result: r, need: contributionForFullProposal(r.afterFloor) };
    });
    const keys = new Set(members.map((m) => nameKey(m.input.name)));
    const areas = input.areas.filter((a) => keys.has(nameKey(a.federation)));
    const preparedMembers = indices.map((i) => prepared.federations.find((p) => p.index === i)!);
    const sheets: NewSheet[] = [
      instructionsSheet(vo, members.length, options.replyDate),
      parameterSheet(input, vo, options.replyDate, source),
      federationSheet(vo, members),
      areaSheet(vo, areas),
      municipalShareSheet(
        preparedMembers,
        members.map((m) => m.need),
      ),
      nationalSheet(result),
    ];
    sheets.push(regionalUnderlagSheet(sheets, result, members));
    files.push({ fileName: regionalFileName(vo), vo, federationCount: members.length, sheets });
  }
  return { ok: true, files, fingerprint: source };
}
