// Sheet `Underlag`: the model as live Excel formulas over the input sheets, so that anyone can check a
// federation's number from the file alone, in any spreadsheet program.
// spec: docs/workbook-format.md §5.4 — Underlag (the model as formulas); ../shared/spec/transparency.md.
import Decimal from 'decimal.js';
import type { FederationResult } from '../engine';
import { parameterValue } from '../engine';
import type { CellValue, SheetOutput } from './types';
import { MONEY_FORMAT, SHARE_FORMAT, TEXT_FORMAT, UNDERLAG_SHEET } from './types';
import { columnLetters, quoteSheetName } from './address';
import { locateParameters } from './parameter-form';
import type { LocatedParameter } from './parameter-form';
import { findSheet } from './sheets';
import { cellText } from './text';
import type { FederationField } from './columns';
import { KEY_FORMAT, RATIO_FORMAT, DIFF_FORMAT, COUNT_FORMAT, sheetRef, sheetColumnRange } from './underlag-columns';
import { literal, num, times, inputCell, headerMultiplier, PARAMETER_ROWS, UNDERLAG_LABELS } from './underlag-columns';
import { COLUMNS, NATIONAL_COLUMN_KEYS, REGIONAL_COLUMN_KEYS, UNDERLAG_COMPARED } from './underlag-columns';
import { UNDERLAG_COMPARED_REGIONAL, writtenHeader, differenceHeader, columnWidthFor } from './underlag-columns';
import { MONEY_FORMAT_SIGNED, sumOf, trappanFormula, tierRatios, groupAreaRows, exactValue } from './underlag-columns';
import { writtenValue } from './underlag-columns';
import type {
  UnderlagCell,
  Labelled,
  ColumnKey,
  ComparedKey,
  NationalFigureKey,
  UnderlagArgs,
  UnderlagLayout,
} from './underlag-columns';

// The column table and formula builders live in underlag-columns.ts; importers reach them here as before
export {
  UNDERLAG_SHEET,
  sheetRef,
  sheetColumnRange,
  UNDERLAG_LABELS,
  UNDERLAG_COMPARED,
  UNDERLAG_COMPARED_REGIONAL,
  NATIONAL_FIGURE_KEYS,
  writtenHeader,
  differenceHeader,
  tierRatios,
} from './underlag-columns';
export type { UnderlagCell, NationalFigureKey, NationalFigureSource, UnderlagArgs, UnderlagLayout } from './underlag-columns';

// spec: docs/workbook-format.md §5.4 — the model of docs/model.md §1–§9 as Excel formulas
/**
 * The sheet Underlag of a run. Above the table: the parameters (formulas reading Parametrar), sums
 * over all federations (N, ΣFM, ΣPOP, T, P: formulas over the table, the cells a regional file would
 * point at its national totals instead), and the figures the run solved or chose (λ, d′, whether
 * protection was removed, S, each tier's pro-rata ratio, Ej fördelat) as values. Then one row per
 * federation: its inputs read from Förbund and Kommuner (SUMIFS), every step as a formula, the value
 * written on Förbund (a reference to the output cell) and `Skillnad` = ROUND(formula) − written.
 * Last, two check rows. Every formula carries its result as computed by the engine (cached value).
 */
export function underlagSheet(args: UnderlagArgs): SheetOutput & { underlag: UnderlagLayout } {
  const { layout, result, input, sheets } = args;
  const fs = layout.federationSheet;
  const ms = layout.municipalitySheet;
  const federationSheet = findSheet(sheets, fs.name) ?? { name: fs.name, values: [] };
  const municipalitySheet = findSheet(sheets, ms.name) ?? { name: ms.name, values: [] };
  const L = UNDERLAG_LABELS;
  const rows: UnderlagCell[][] = [];
  const bold: number[] = [];
  const labelledRows: Record<string, number> = {};
  const text = (value: string): UnderlagCell => ({ value, format: TEXT_FORMAT });
  const push = (cells: UnderlagCell[], isBold = false): number => {
    rows.push(cells);
    if (isBold) bold.push(rows.length - 1);
    return rows.length - 1;
  };
  const B = (key: string): string => `$B$${labelledRows[key] + 1}`;
  const labelled = (key: string, item: Labelled): void => {
    labelledRows[key] = push([text(item.label), item.cell, ...(item.note ? [text(item.note)] : [])]);
  };

  const national = args.national;
  const columnKeys = national ? REGIONAL_COLUMN_KEYS : NATIONAL_COLUMN_KEYS;
  const compared: readonly (readonly [ComparedKey, string])[] = national ? UNDERLAG_COMPARED_REGIONAL : UNDERLAG_COMPARED;
  /** A labelled cell reading a national figure from Nationellt (a regional Underlag) */
  const fromNational = (key: NationalFigureKey, value: CellValue, format: string): Labelled['cell'] => {
    const c = national!.cells[key];
    return { value, formula: `=${sheetRef(national!.sheet, c.row, c.column)}`, format };
  };
  const nationalNote = (key: NationalFigureKey): string => {
    const c = national!.cells[key];
    return L.fromSheet(`${quoteSheetName(national!.sheet)}!${columnLetters(c.column)}${c.row + 1}`);
  };

  push([text(L.title)], true);
  push([text(national ? L.noteRegional : L.note)]);
  push([]);

  // Parameters, read from Parametrar as the reader does (unit of the label, shares typed as 75)
  push([text(L.parameters)], true);
  const located = new Map<string, LocatedParameter>(locateParameters(sheets).map((p) => [p.key, p]));
  for (const p of PARAMETER_ROWS) {
    const loc = located.get(p.key);
    const used = parameterValue(result.parameters, p.key) as Decimal;
    const format = p.share ? SHARE_FORMAT : MONEY_FORMAT;
    if (!loc || !loc.present) {
      labelled(p.key, { label: p.label, cell: { value: num(used), format }, note: L.defaultValue });
      continue;
    }
    const ref = sheetRef(loc.sheet, loc.row, loc.column);
    const address = `${quoteSheetName(loc.sheet)}!${columnLetters(loc.column)}${loc.row + 1}`;
    const fallback = loc.default !== undefined ? String(loc.default) : '""';
    const cell = inputCell(
      loc.value,
      ref,
      used,
      p.share ? 'share' : { multiplier: loc.multiplier },
      { formula: fallback, value: num(used) },
      format,
    );
    labelled(p.key, { label: p.label, cell, note: cell.formula ? L.fromSheet(address) : L.fromText(address) });
  }
  push([]);

  // Where the table goes (the sums above refer to it)
  const n = result.federations.length;
  const solvedCount = national ? 3 : 7;
  const derivedCount = 5;
  const headerRow = rows.length + 1 + derivedCount + 1 + 1 + solvedCount + 1;
  const firstDataRow = headerRow + 1;
  const lastDataRow = firstDataRow + Math.max(n, 1) - 1;
  const col: Record<string, number> = {};
  columnKeys.forEach((key, i) => (col[key] = i));
  let next = columnKeys.length;
  for (const [key] of compared) {
    col[`written:${key}`] = next++;
    col[`diff:${key}`] = next++;
  }
  const letters: Record<string, string> = Object.fromEntries(Object.entries(col).map(([k, c]) => [k, columnLetters(c)]));
  const colRange = (key: string): string => {
    const c = columnLetters(col[key]);
    return `$${c}$${firstDataRow + 1}:$${c}$${lastDataRow + 1}`;
  };

  // Sums over all federations: over the table, or (a regional file) the national totals on Nationellt
  push([text(national ? L.derivedRegional : L.derived)], true);
  if (national) {
    labelled('count', {
      label: L.count,
      cell: fromNational('count', result.federationCount, COUNT_FORMAT),
      note: nationalNote('count'),
    });
    for (const [key, format] of [
      ['totalSupportMeasure', MONEY_FORMAT],
      ['totalPopulation', COUNT_FORMAT],
      ['pool', MONEY_FORMAT],
    ] as const) {
      labelled(key, { label: L[key], cell: fromNational(key, num(result[key]), format), note: nationalNote(key) });
    }
  } else {
    labelled('count', { label: L.count, cell: { value: n, formula: `=ROWS(${colRange('name')})`, format: COUNT_FORMAT } });
    labelled('totalSupportMeasure', {
      label: L.totalSupportMeasure,
      cell: { value: num(result.totalSupportMeasure), formula: `=SUM(${colRange('fm')})`, format: MONEY_FORMAT },
    });
    labelled('totalPopulation', {
      label: L.totalPopulation,
      cell: { value: num(result.totalPopulation), formula: `=SUM(${colRange('pop')})`, format: COUNT_FORMAT },
    });
    labelled('pool', {
      label: L.pool,
      cell: { value: num(result.pool), formula: `=SUM(${colRange('ideal')})`, format: MONEY_FORMAT },
    });
  }
  labelled('partYearRemainder', {
    label: L.partYearRemainder,
    cell: { value: num(result.partYearRemainder), formula: `=${B('budget')}-${B('pool')}`, format: MONEY_FORMAT },
  });
  push([]);

  // Solved or chosen by the run: values, not formulas (a regional file: references to Nationellt)
  push([text(national ? L.solvedRegional : L.solved)], true);
  const removed = national
    ? national.protectionRemovedNames
    : result.federations.filter((f) => f.protectionRemoved).map((f) => f.name);
  if (national) {
    labelled('lambda', {
      label: L.lambda,
      cell: fromNational('lambda', num(result.lambda), KEY_FORMAT),
      note: nationalNote('lambda'),
    });
    labelled('appliedMaxDecrease', {
      label: L.appliedMaxDecrease,
      cell: fromNational('appliedMaxDecrease', num(result.appliedMaxDecrease), SHARE_FORMAT),
      note: nationalNote('appliedMaxDecrease'),
    });
    labelled('protectionRemoved', {
      label: L.protectionRemoved,
      cell: fromNational('protectionRemoved', removed.length > 0 ? L.yes : L.no, TEXT_FORMAT),
      note:
        removed.length > 0
          ? `${nationalNote('protectionRemoved')}. ${L.lostProtection(removed.join(', '))}`
          : nationalNote('protectionRemoved'),
    });
  }
  const tiers = tierRatios(result);
  if (!national) {
    labelled('lambda', { label: L.lambda, cell: { value: num(result.lambda), format: KEY_FORMAT } });
    labelled('appliedMaxDecrease', {
      label: L.appliedMaxDecrease,
      cell: { value: num(result.appliedMaxDecrease), format: SHARE_FORMAT },
    });
    labelled('protectionRemoved', {
      label: L.protectionRemoved,
      cell: { value: removed.length > 0 ? L.yes : L.no, format: TEXT_FORMAT },
      ...(removed.length > 0 ? { note: L.lostProtection(removed.join(', ')) } : {}),
    });
    labelled('surplus', { label: L.surplus, cell: { value: num(result.surplus), format: MONEY_FORMAT } });
    labelled('ratio1', { label: L.ratio1, cell: { value: num(tiers[0]), format: RATIO_FORMAT } });
    labelled('ratio2', { label: L.ratio2, cell: { value: num(tiers[1]), format: RATIO_FORMAT } });
    labelled('undistributed', {
      label: L.undistributed,
      cell: { value: num(result.totals.undistributed), format: MONEY_FORMAT },
      note: L.written,
    });
  }
  push([]);
  if (rows.length !== headerRow) throw new Error('internal: Underlag header row misplaced');

  // The table
  const headerOf = Object.fromEntries(COLUMNS.map(([k, h]) => [k, h])) as Record<ColumnKey, string>;
  const header: UnderlagCell[] = columnKeys.map((k) => text(headerOf[k]));
  for (const [, h] of compared) header.push(text(writtenHeader(h)), text(differenceHeader(h)));
  push(header, true);

  const fedColumns = fs.columns ?? {};
  const fedHeader = federationSheet.values[fs.headerRow] ?? [];
  const areaColumns = ms.columns ?? {};
  const areaHeader = municipalitySheet.values[ms.headerRow] ?? [];
  const areaRowsOf = groupAreaRows(layout, input);
  /** A Kommuner row's federation name as typed (not folded: SUMIFS does not fold), lower case */
  const typedName = (ar: number): string => {
    const c = areaColumns['federation'];
    const raw = c === undefined ? '' : municipalitySheet.values[ar]?.[c];
    return (typeof raw === 'string' ? raw : cellText(raw)).toLocaleLowerCase('sv');
  };
  let typedCounts: Map<string, number> | undefined;
  /** How many Kommuner rows carry each typed name (counted once) */
  const typedNames = (): Map<string, number> => {
    if (typedCounts) return typedCounts;
    typedCounts = new Map();
    for (const ar of ms.dataRows) typedCounts.set(typedName(ar), (typedCounts.get(typedName(ar)) ?? 0) + 1);
    return typedCounts;
  };
  const areaFirst = ms.dataRows.length > 0 ? Math.min(...ms.dataRows) : ms.headerRow + 1;
  const areaLast = ms.dataRows.length > 0 ? Math.max(...ms.dataRows) : ms.headerRow + 1;

  result.federations.forEach((f, i) => {
    const r = firstDataRow + i;
    const at = (key: ColumnKey): string => `${letters[key]}${r + 1}`;
    const sheetRow = fs.dataRows[f.index];
    const fi = input.federations[f.index];
    const fed = (
      field: FederationField,
      read: Decimal | number | undefined,
      blank: { formula: string; value: CellValue },
      kind: 'money' | 'count',
      format: string,
    ): UnderlagCell => {
      const c = fedColumns[field];
      if (c === undefined)
        return { value: read === undefined ? blank.value : typeof read === 'number' ? read : num(read), format };
      return inputCell(
        federationSheet.values[sheetRow]?.[c],
        sheetRef(fs.name, sheetRow, c),
        read,
        kind === 'count' ? 'count' : { multiplier: headerMultiplier(fedHeader[c]) },
        blank,
        format,
      );
    };
    const none = { formula: '""', value: '' as CellValue };
    const zero = { formula: '0', value: 0 as CellValue };
    const cells: Record<ColumnKey, UnderlagCell> = {
      name: text(f.name),
      prev: fed('previousAllocation', fi.previousAllocation, none, 'money', MONEY_FORMAT),
      equity: fed('equity', fi.equity, none, 'money', MONEY_FORMAT),
      totalPrev: fed('previousTotalFunds', fi.previousTotalFunds, none, 'money', MONEY_FORMAT),
      K: fed('municipalContribution', fi.municipalContribution, none, 'money', MONEY_FORMAT),
      R: fed('regionContribution', fi.regionContribution, none, 'money', MONEY_FORMAT),
      request: fed('request', fi.request ?? new Decimal(0), zero, 'money', MONEY_FORMAT),
      returned: fed('returned', fi.returned ?? new Decimal(0), zero, 'money', MONEY_FORMAT),
      months: fed('months', fi.months ?? 12, { formula: '12', value: 12 }, 'count', COUNT_FORMAT),
      fm: areaSum(f, 'supportMeasure', f.supportMeasure),
      pop: areaSum(f, 'population', f.population),
      fmShare: { value: num(f.supportMeasureShare), formula: `=${at('fm')}/${B('totalSupportMeasure')}`, format: KEY_FORMAT },
      popShare: { value: num(f.populationShare), formula: `=${at('pop')}/${B('totalPopulation')}`, format: KEY_FORMAT },
      key: {
        value: num(f.key),
        formula: `=${B('weightSupportMeasure')}*${at('fmShare')}+${B('weightPopulation')}*${at('popShare')}`,
        format: KEY_FORMAT,
      },
      m: { value: num(f.monthsFactor), formula: `=${at('months')}/12`, format: KEY_FORMAT },
      base: { value: num(f.base), formula: `=${B('baseAllocation')}*${at('m')}`, format: MONEY_FORMAT },
      ideal: {
        value: num(f.ideal),
        formula: `=(${B('baseAllocation')}+(${B('budget')}-${B('count')}*${B('baseAllocation')})*${at('key')})*${at('m')}`,
        format: MONEY_FORMAT,
      },
      need: { value: num(f.need), formula: `=${at('ideal')}-${at('base')}`, format: MONEY_FORMAT },
      basis: {
        value: num(f.reasonableEquityBasis),
        formula: `=IF(${at('totalPrev')}<>"",${at('totalPrev')},IF(${at('prev')}="",2*${at('ideal')},IF(${at('prev')}>0,2*${at('prev')},2*${at('ideal')})))`,
        format: MONEY_FORMAT,
      },
      reasonable: { value: num(f.reasonableEquity), formula: `=${trappanFormula(at('basis'), B)}`, format: MONEY_FORMAT },
      excess: {
        value: f.excessEquity,
        formula: `=IF(${at('equity')}="",FALSE,${at('equity')}>${at('reasonable')})`,
        format: null,
      },
      protected: {
        value: f.protected,
        formula: `=IF(${at('prev')}="",FALSE,AND(${at('prev')}>0,NOT(AND(${B('protectionRemoved')}=${literal(L.yes)},${at('excess')}))))`,
        format: null,
      },
      floor: {
        value: f.protected && f.floor !== undefined ? num(f.floor) : '',
        formula: `=IF(${at('protected')},(1-${B('appliedMaxDecrease')})*${at('prev')}*${at('m')},"")`,
        format: MONEY_FORMAT,
      },
      afterFloor: {
        value: num(f.afterFloor),
        formula: `=IF(${at('protected')},MAX(${at('floor')},${at('base')}+${B('lambda')}*${at('need')}),${at('base')}+${B('lambda')}*${at('need')})`,
        format: MONEY_FORMAT,
      },
      cap: {
        value: f.cap === undefined ? '' : num(f.cap),
        formula: `=IF(${at('K')}="",IF(${at('R')}="","",2*${at('R')}),IF(${at('R')}="",2*${at('K')},MIN(2*${at('K')},2*${at('R')})))`,
        format: MONEY_FORMAT,
      },
      matched: {
        value: num(f.matched),
        formula: `=MAX(0,IF(${at('cap')}="",${at('afterFloor')},MIN(${at('afterFloor')},${at('cap')}))-${at('returned')})`,
        format: MONEY_FORMAT,
      },
      want: {
        value: num(f.want),
        formula: `=MAX(0,IF(${at('cap')}="",${at('request')},MIN(${at('request')},${at('cap')}-${at('matched')})))`,
        format: MONEY_FORMAT,
      },
      tier: { value: f.tier ?? '', formula: `=IF(${at('want')}>0,IF(${at('excess')},2,1),"")`, format: COUNT_FORMAT },
      extra: {
        value: num(f.extra),
        formula: `=IF(${at('want')}>0,${at('want')}*IF(${at('excess')},${B('ratio2')},${B('ratio1')}),0)`,
        format: MONEY_FORMAT,
      },
      final: { value: num(f.final), formula: `=${at('matched')}+${at('extra')}`, format: MONEY_FORMAT },
      municipal: { value: num(f.municipalShare), formula: `=${at('final')}/2`, format: MONEY_FORMAT },
      region: { value: num(f.regionShare), formula: `=${at('final')}/2`, format: MONEY_FORMAT },
      // spec: docs/model.md §A2 — the smallest whole krona K with 2·K ≥ Efter spärr (rounded to 6 decimals first: float noise)
      municipalNeed: {
        value: num(contribution(f)),
        formula: `=ROUNDUP(ROUND(${at('afterFloor')}/2,6),0)`,
        format: MONEY_FORMAT,
      },
      regionNeed: { value: num(contribution(f)), formula: `=${at('municipalNeed')}`, format: MONEY_FORMAT },
    };
    const row: UnderlagCell[] = columnKeys.map((key) => cells[key]);
    for (const [key, outputHeader] of compared) {
      const exact = key === 'municipalNeed' || key === 'regionNeed' ? contribution(f) : exactValue(f, key);
      const written = key === 'municipalNeed' || key === 'regionNeed' ? exact.toNumber() : writtenValue(f, key);
      const outputColumn = args.outputColumns[outputHeader];
      row.push(
        outputColumn === undefined
          ? { value: written, format: MONEY_FORMAT }
          : { value: written, formula: `=${sheetRef(fs.name, sheetRow, outputColumn)}`, format: MONEY_FORMAT },
        {
          value: exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber() - written,
          formula: `=ROUND(${at(key)},0)-${letters[`written:${key}`]}${r + 1}`,
          format: DIFF_FORMAT,
        },
      );
    }
    push(row);

    /** FM_f or POP_f: SUMIFS over Kommuner (its unit applied), or the value when a cell is text or the name is spelled otherwise */
    function areaSum(fr: FederationResult, field: 'supportMeasure' | 'population', exactSum: Decimal): UnderlagCell {
      const format = field === 'population' ? COUNT_FORMAT : MONEY_FORMAT;
      const valueColumn = areaColumns[field];
      const nameColumn = areaColumns['federation'];
      const own = areaRowsOf.get(fr.index) ?? [];
      const literalOnly = { value: num(exactSum), format };
      if (valueColumn === undefined || nameColumn === undefined) return literalOnly;
      // SUMIFS adds numbers only and matches the name case-insensitively but not with white space folded
      const plain = own.every((ar) => typeof municipalitySheet.values[ar]?.[valueColumn] === 'number');
      const wanted = fr.name.toLocaleLowerCase('sv');
      // every row of the federation names it as typed on Förbund (up to case), and no other row does
      const sameName = own.every((ar) => typedName(ar) === wanted) && typedNames().get(wanted) === own.length;
      if (!plain || !sameName) return literalOnly;
      const criterion = /[*?~]|^[<>=]/.test(fr.name) ? literal(`=${fr.name.replace(/([*?~])/g, '~$1')}`) : at('name');
      const sum = `SUMIFS(${sheetColumnRange(ms.name, valueColumn, areaFirst, areaLast)},${sheetColumnRange(ms.name, nameColumn, areaFirst, areaLast)},${criterion})`;
      return { value: num(exactSum), formula: `=${sum}${times(headerMultiplier(areaHeader[valueColumn]))}`, format };
    }
  });

  push([]);
  if (national) {
    // A regional file's check: the chain's contributions against the municipalities' amounts written beside
    const checkShares = push([
      text(L.checkShares(national.shares.sheet)),
      {
        value: num(sumOf(national.contributions).minus(national.shares.total)),
        formula: `=SUM(${colRange('municipalNeed')})-SUM(${national.shares.range})`,
        format: MONEY_FORMAT_SIGNED,
      },
    ]);
    return finish({ shares: checkShares });
  }
  const checkPool = push([
    text(L.checkPool),
    {
      value: num(sumOf(result.federations.map((f) => f.afterFloor)).minus(result.pool)),
      formula: `=SUM(${colRange('afterFloor')})-${B('pool')}`,
      format: MONEY_FORMAT_SIGNED,
    },
  ]);
  const checkBudget = push([
    text(L.checkBudget),
    {
      value: num(
        sumOf(result.federations.map((f) => f.final))
          .plus(result.totals.undistributed)
          .minus(result.parameters.budget),
      ),
      formula: `=SUM(${colRange('final')})+${B('undistributed')}-${B('budget')}`,
      format: MONEY_FORMAT_SIGNED,
    },
  ]);

  return finish({ pool: checkPool, budget: checkBudget });

  /** What a member must contribute, as split wrote it (a regional Underlag; the national one has no such column) */
  function contribution(f: FederationResult): Decimal {
    return national?.contributions[f.index] ?? new Decimal(0);
  }

  function finish(checkRows: UnderlagLayout['checkRows']): SheetOutput & { underlag: UnderlagLayout } {
    const width = columnKeys.length + 2 * compared.length;
    const values = rows.map((r) => Array.from({ length: width }, (_, j) => r[j]?.value ?? ''));
    const formulas = rows.map((r) => Array.from({ length: width }, (_, j) => r[j]?.formula ?? null));
    const numberFormats = rows.map((r) => Array.from({ length: width }, (_, j) => r[j]?.format ?? null));
    return {
      name: args.name ?? UNDERLAG_SHEET,
      values,
      formulas,
      numberFormats,
      boldRows: bold,
      columnWidths: [40, ...values[headerRow].slice(1).map((header) => columnWidthFor(String(header)))],
      // The table's headers wrap in their columns, so none is cut (issue 14)
      wrapRows: [headerRow],
      underlag: { labelledRows, headerRow, firstDataRow, columns: col, checkRows },
    };
  }
}
