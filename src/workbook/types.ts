// Host-neutral workbook contract: sheets in as 2-D arrays of cell values (the shape of
// Excel's Range.values), engine input or every problem out, and a write plan back.
// Normative format: ../shared/spec/workbook-format.md.
import type { ModelInput } from '../engine';

/** A cell value as Excel's Range.values gives it ('' for an empty cell). null is accepted as empty too. */
export type CellValue = string | number | boolean | null;

/** A rectangle of cells, 0-based. */
export interface CellRange {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** One worksheet's values, row-major, starting at cell A1 (values[0][0] is A1). Rows may be ragged. */
export interface SheetValues {
  name: string;
  values: CellValue[][];
  /**
   * Optional, from a host that knows them: the merged ranges of the sheet (0-based). A run places
   * new output columns to the right of every merged range that starts in a column other than an
   * output column and covers the header row or a federation row (see readWorkbook).
   */
  merges?: CellRange[];
  /**
   * Optional, from a host that knows them: cells whose value reads '' but that are not empty — a
   * formula whose result is an empty string or was never calculated (0-based). New output columns
   * are never placed over them.
   */
  occupied?: { row: number; column: number }[];
  /**
   * Optional, from a host that knows them: each cell's number format code as Excel's
   * Range.numberFormat gives it (same shape as `values`; null or absent = unknown). A number in a
   * number column whose format shows a date or time (isDateTimeFormat) is an error at its cell.
   */
  numberFormats?: (string | null)[][];
  /**
   * Optional, from a host that knows them: cells holding a formula (0-based). A run writes no formulas,
   * so such a cell is never part of its own output ("Ta bort resultat" leaves it).
   */
  formulaCells?: { row: number; column: number }[];
}

/** One problem of a file, always with its cell address. */
export interface Problem {
  /** Sheet name as in the workbook (or the canonical name when the sheet is missing) */
  sheet: string;
  /** 1-based row and column of the cell concerned (the header cell or A1 when no better cell exists) */
  row: number;
  column: number;
  /** e.g. "Förbund!E7" (sheet quoted as Excel does when it needs quotes: 'Mitt blad'!A1) */
  address: string;
  /** Swedish, without the address, e.g. '"ca 2 milj" är inget belopp' */
  message: string;
  /** The federation of the cell's row, as written (Förbund's name cell; Kommuner's Förbund cell), when there is one */
  federation?: string;
  /** The header of the cell's column, as written, when the cell is below a header */
  header?: string;
  /** "Menade du …?": the name the person probably meant (a federation renamed on Förbund) */
  suggestion?: string;
  /** Every cell of this one cause, first the problem's own (e.g. each Kommuner row naming the unknown federation) */
  addresses?: string[];
}

/** Where the reader found things, so that a run can be written back in place. */
export interface WorkbookLayout {
  federationSheet: {
    name: string;
    /** 0-based header row index */
    headerRow: number;
    /** 0-based row index of each federation, in ModelInput.federations order */
    dataRows: number[];
    /**
     * 0-based index of the last input (non-output) column: the last column, other than the output
     * columns, that has a header or any value from the header row down (so that new output columns
     * never overwrite a headerless note column)
     */
    lastInputColumn: number;
    /** 0-based column of each output header already present (rerun), keyed by canonical header */
    existingOutputColumns: Record<string, number>;
    /** number of rows in the sheet as read (so a rerun can clear stale output below the data) */
    rowCount: number;
    /** 0-based column of each input column found, keyed by FederationInput field ('name', 'equity', …) */
    columns?: Record<string, number>;
    /** further columns carrying an output header already present (stale copies, cleared by a run) */
    duplicateOutputColumns?: number[];
  };
  municipalitySheet: {
    name: string;
    headerRow: number;
    dataRows: number[];
    /** 0-based column of each input column found, keyed by AreaInput field ('federation', 'population', …) */
    columns?: Record<string, number>;
  };
  parameterSheet: {
    name: string;
    headerRow: number;
    valueColumn: number;
    /** 0-based column of the Parameter labels */
    labelColumn?: number;
    /** 0-based row of each parameter present, keyed by ParameterKey ('budget', 'baseAllocation', …) */
    rows?: Record<string, number>;
  };
  /** Names of existing output sheets (Kommunbidrag, Körlogg) as spelled in the workbook, if present */
  existingOutputSheets: Record<string, string>;
}

export type ReadResult = { ok: true; input: ModelInput; layout: WorkbookLayout } | { ok: false; problems: Problem[] };

/**
 * A rectangular block of cells written into an existing sheet. In `values`, '' clears a cell and null
 * leaves it as it is (Office.js Range.values semantics).
 */
export interface CellBlock {
  sheet: string;
  /** 0-based top-left cell */
  row: number;
  column: number;
  values: CellValue[][];
  /** Same shape as values; null = leave the format as it is */
  numberFormats?: (string | null)[][];
  /** Header cells of the block (first row) are bold */
  boldFirstRow?: boolean;
}

/**
 * Data validation on a whole column range of a written sheet (template). `warning`: Excel warns and
 * lets the person keep the value (the reader has the last word, with every problem's address);
 * otherwise Excel refuses it (stop).
 */
export type ValidationRule =
  | { range: string; type: 'list'; values: string[]; prompt?: string; warning?: boolean }
  | { range: string; type: 'wholeNumber'; min: number; max?: number; prompt?: string; warning?: boolean }
  | { range: string; type: 'decimal'; min: number; max?: number; prompt?: string; warning?: boolean };

/**
 * A validation as written: the rule and `cells`, its range resolved to 0-based cells (a whole column
 * "D:D" is the rows below the header row down to LAST_SHEET_ROW). Hosts write `cells` as they are;
 * `range` is the A1 text it was resolved from (validationCells in src/workbook/template.ts).
 */
export type Validation = ValidationRule & { cells: CellRange };

/** Last row number of a worksheet (a whole-column validation reaches down to it). */
export const LAST_SHEET_ROW = 1_048_576;

/**
 * The native chart "Ideal och slutlig tilldelning" of a run, as the plan places it: on its own sheet
 * Diagram (replaced by every run, so the chart goes with it), its series read from the data table on
 * that sheet (sorted by Slutlig tilldelning). The add-in draws it; the command line cannot (exceljs
 * writes no charts) and writes the data table alone.
 */
export interface ChartPlan {
  /** Sheet the chart is placed on (Körlogg, replaced by every run, so the chart goes with it) */
  sheet: string;
  /** Chart name and title */
  title: string;
  /** Sheet holding the source data (Förbund) */
  sourceSheet: string;
  /** 0-based rows of the source data (first and last federation row, inclusive) */
  firstRow: number;
  lastRow: number;
  /** 0-based columns: federation names, Idealfördelning, Slutlig tilldelning */
  nameColumn: number;
  idealColumn: number;
  finalColumn: number;
  /** Series names */
  idealName: string;
  finalName: string;
  /** Number of federations (sizes the chart) */
  count: number;
}

/** Light fill of the output cells of rows with warnings (`#RRGGBB`), the same in both hosts. */
export const HIGHLIGHT_COLOR = '#FFF2CC';

/** A sheet created or replaced whole by a run (Kommunbidrag, Körlogg) or by the template. */
export interface SheetOutput {
  name: string;
  values: CellValue[][];
  /** Same shape as values; null = General */
  numberFormats?: (string | null)[][];
  /** 0-based rows to make bold (headers, titles) */
  boldRows?: number[];
  /** width in characters, per column */
  columnWidths?: number[];
  validations?: Validation[];
  /** 0-based row index of the header row, for freezing panes / autofilter */
  headerRow?: number;
  /** 0-based rows whose cells wrap their text (headers of a block, long instructions) */
  wrapRows?: number[];
  /** 0-based columns whose cells wrap their text (the template's instructions) */
  wrapColumns?: number[];
  /** An autofilter over this range (0-based; the header row and the rows below it) */
  autoFilter?: CellRange;
  /**
   * Same shape as values; a string = the cell's formula (English function names, comma separators,
   * leading '=', as Range.formulas and .xlsx take it), whose cached result is the cell's entry in
   * `values`; null = a constant (the value). Hosts write formulas where given (the add-in through
   * Range.formulas, the command line as formula + result); a host or program that does not
   * calculate shows the values. Only Underlag has formulas.
   */
  formulas?: (string | null)[][];
}

/**
 * How the run's table on Förbund is shown (issue 14): set by every run, so a rerun sets the same again.
 * Hosts apply it after everything else of the run; it never changes a value, and only the run's own
 * cells (its output header and Varningar cells) are given wrapping.
 */
export interface SheetPresentation {
  sheet: string;
  /** Freeze the rows above and the columns to the left of this cell (header row and name column) */
  freeze: { rows: number; columns: number };
  /** An autofilter over the whole table, input and output columns (not on a sheet holding an Excel table) */
  autoFilter: CellRange;
  /** The run's own cells that wrap their text: its output header cells, the Varningar cells */
  wrap: CellRange[];
  /** Width in characters of each output column (0-based column) */
  columnWidths: { column: number; width: number }[];
  /** Height in points the header row needs for the wrapped headers (hosts apply it where the row has no height of its own) */
  headerRowHeight: number;
}

/** A cell written as a formula with its cached result (one entry of SheetOutput.formulas with its value). */
export interface FormulaCell {
  formula: string;
  value: CellValue;
}

export interface RunSummary {
  scenario: string;
  budget: number;
  totalFinal: number;
  undistributed: number;
  appliedMaxDecrease: number;
  federationCount: number;
  municipalityCount: number;
  /** count per warning code, only codes that occur */
  warningCounts: Record<string, number>;
  /** Swedish one-line-per-item summary for a terminal (notices last, as "Obs: Förbund!T1: …") */
  lines: string[];
  /**
   * What the run left alone and the person should know, each at its cell: a further column carrying
   * an output header (the user's, not cleared). Not problems: the run was written.
   */
  notices?: Problem[];
  /** Where the money went, in whole kronor (issue 14; engine moneyFlows, rounded half up) */
  flows: RunFlows;
  /** One Swedish sentence explaining the scenario with its money ("Överskott: …") */
  explanation: string;
  /** Totals per VO, in Swedish order of the VO names, federations without a VO last (vo '') */
  voTotals: VoTotal[];
  /** Every federation's figures, in input order (the pane's table: sortable, grouped by VO) */
  federations: FederationSummary[];
  /** When a decision is recorded (round.md §6): the latest one and the federations whose amount would change */
  decision?: DecisionComparison;
  /** A later round (round.md §7): its pot, applications and grants */
  laterRound?: LaterRoundFigures;
}

/** The money flows of a run in whole kronor (B = T + P; S = P + cut + returned; S = granted + U up to rounding). */
export interface RunFlows {
  /** B, Statlig ram */
  budget: number;
  /** T, Σ idealfördelning (exact pool, rounded) */
  pool: number;
  /** P = B − T, delårsrest */
  partYearRemainder: number;
  /** S, överskott after matching */
  surplus: number;
  /** λ, the share of the need-based part paid (6 decimals) */
  lambda: number;
  /** d′, tillämpad spärr (a share) */
  appliedMaxDecrease: number;
  /** Σ what the members' matching could not carry */
  cutByMatching: number;
  /** Σ returned funds as deducted */
  returned: number;
  /** Σ Ansökan ytterligare medel */
  requested: number;
  /** Σ Ytterligare medel (granted) */
  granted: number;
  /** U, ej fördelat */
  undistributed: number;
}

/** One federation in the summary. */
export interface FederationSummary {
  name: string;
  /** VO as written ('' when not given) */
  vo: string;
  /** 0-based input index (ModelInput.federations) */
  index: number;
  /** 0-based row on Förbund, when known (select it in Excel) */
  row?: number;
  ideal: number;
  final: number;
  /** Förändring mot föregående år (kr); null for a new federation */
  change: number | null;
  /** Förändring mot föregående år as a share (0.1 = +10 %, 6 decimals); null for a new federation */
  changeShare: number | null;
  /** Warning codes, in the spec's order */
  warnings: string[];
  /** Has a warning that needs action (isActionWarning): the row is highlighted */
  needsAction: boolean;
}

/** Totals of one VO (verksamhetsområde). */
export interface VoTotal {
  /** '' for federations without a VO */
  vo: string;
  federationCount: number;
  ideal: number;
  final: number;
  /** Σ Förändring mot föregående år (kr) of its federations with one */
  change: number;
  /** Σ prev_f × months_f/12 of those federations, rounded (the base of `change`) */
  previous: number;
}

/** The run against the latest recorded decision (whole kronor). */
export interface DecisionComparison {
  label: string;
  /** federations whose Slutlig differs from Beslutat, or that are not in the decision (decided undefined) */
  changes: { federation: string; decided?: number; final: number; change?: number }[];
}

/** A later round's figures for the summary (whole kronor, except pot and wanted, rounded half up). */
export interface LaterRoundFigures {
  decisionLabel: string;
  decided: number;
  handedBack: number;
  pot: number;
  applicants: number;
  requested: number;
  wanted: number;
  granted: number;
  /** the applicants: request and Ytterligare medel as written */
  grants: { federation: string; requested: number; granted: number }[];
}

/**
 * Everything a host must do to write a run back. Sheet names in it are resolved: an existing sheet
 * is named as spelled in the workbook (layout.existingOutputSheets), so hosts find it by that name. Hosts apply it in this order: clear, blocks, sheets,
 * highlight — except that a host whose write is not one atomic step (Office.js: several syncs, none
 * transactional) first empties the run log (the last of `sheets`, Körlogg) and writes it last, so that
 * a Körlogg is only there when the whole run was written.
 */
export interface WritePlan {
  /**
   * Ranges on existing sheets to clear before writing: exactly the run's own cells of an earlier run
   * (the header cell and the federation rows of each existing output column; values, and the number
   * formats, bold and highlight a run sets). Hosts clear these and nothing else of Förbund. A cell of a
   * merged range that starts outside the range is not part of it.
   */
  clear: { sheet: string; row: number; column: number; rowCount: number; columnCount: number }[];
  /**
   * Output columns on Förbund: header and one value per federation row, null in the other rows; over
   * existing output columns or after the last column in use
   */
  blocks: CellBlock[];
  /**
   * Kommunbidrag, Underlag (when the plan was built with the sheets) and Körlogg, in that order, the run's own sheets: an existing one is emptied and
   * rewritten in place (never deleted and added again: formulas elsewhere that point at it keep working)
   */
  sheets: SheetOutput[];
  /**
   * Förbund rows (0-based) with warnings, the columns (0-based, inclusive) of the output block to
   * highlight, and the fill colour (HIGHLIGHT_COLOR)
   */
  highlight: { sheet: string; rows: number[]; firstColumn: number; lastColumn: number; color: string };
  /** The run's chart on Körlogg (undefined without federations); the command line does not draw it */
  chart?: ChartPlan;
  /** How Förbund is shown: frozen header and names, autofilter, wrapped headers, column widths (issue 14) */
  presentation?: SheetPresentation;
  summary: RunSummary;
}

/**
 * The part of a WritePlan that hosts apply (clear, blocks, sheets, highlight): an allocation run's plan,
 * and a targeted-funds run's (src/round/targeted.ts), whose own sheet (Riktade medel) is the last of
 * `sheets` as Körlogg is a run's.
 */
export type SheetWritePlan = Pick<WritePlan, 'clear' | 'blocks' | 'sheets' | 'highlight' | 'presentation'>;

/** Canonical output headers on Förbund, in order (workbook-format.md). */
export const FEDERATION_OUTPUT_HEADERS = [
  'Idealfördelning (kr)',
  'Efter spärr (kr)',
  'Matchad tilldelning (kr)',
  'Ytterligare medel (kr)',
  'Slutlig tilldelning (kr)',
  'Kommunernas andel (kr)',
  'Regionens andel (kr)',
  'Rimligt eget kapital (kr)',
  'Varningar',
  'Förändring mot föregående år (kr)',
  'Förändring mot föregående år (%)',
] as const;

/**
 * Output headers on Förbund written only when a decision is recorded on Beslut (round.md §6), after the
 * other output columns: the latest decision's amount and Slutlig − Beslutat. A rerun clears and rewrites them.
 */
export const DECISION_OUTPUT_HEADERS = ['Beslutat (kr)', 'Ändring mot beslut (kr)'] as const;

/**
 * The run's own sheets, one row each, and the two orders they are handled in. The one table both
 * orders come from:
 * - `write`: the order a run writes them (the plan's `sheets`): Kommunbidrag, Underlag, Diagram, then
 *   Körlogg, the run log last, as it records the run that wrote the others.
 * - `remove`: the order "Ta bort resultat" deletes them and its message names them: Kommunbidrag and
 *   Körlogg (the first output sheets), then Diagram (issue 14) and Underlag (issue 12), the order users
 *   have been shown since those sheets came.
 */
const OUTPUT_SHEET_TABLE = [
  { name: 'Kommunbidrag', write: 1, remove: 1 },
  { name: 'Underlag', write: 2, remove: 4 },
  { name: 'Diagram', write: 3, remove: 3 },
  { name: 'Körlogg', write: 4, remove: 2 },
] as const;
export type OutputSheetName = (typeof OUTPUT_SHEET_TABLE)[number]['name'];
const outputSheetsBy = (order: 'write' | 'remove'): readonly OutputSheetName[] =>
  [...OUTPUT_SHEET_TABLE].sort((a, b) => a[order] - b[order]).map((s) => s.name);
/** The run's own sheets in the order "Ta bort resultat" deletes them (Kommunbidrag, Körlogg, Diagram, Underlag). */
export const OUTPUT_SHEETS = outputSheetsBy('remove');
/** The run's own sheets in the order a run writes them (Kommunbidrag, Underlag, Diagram, Körlogg). */
export const OUTPUT_SHEETS_WRITE_ORDER = outputSheetsBy('write');
/** The sheet Kommunbidrag: what each member pays (issue 6). */
export const CONTRIBUTION_SHEET: OutputSheetName = 'Kommunbidrag';
/** The sheet Körlogg: the run log, Uppgift / Värde. */
export const RUN_LOG_SHEET: OutputSheetName = 'Körlogg';
/** The sheet Underlag: the model as live formulas over the input sheets (transparency.md). */
export const UNDERLAG_SHEET: OutputSheetName = 'Underlag';
/** The sheet holding the run's chart and its data (sorted by Slutlig tilldelning), issue 14. */
export const DIAGRAM_SHEET: OutputSheetName = 'Diagram';
/** Headers of the chart's data on Diagram (A1:C1): how a sheet named Diagram is known as the run's own. */
export const DIAGRAM_HEADERS = ['Förbund', 'Idealfördelning (kr)', 'Slutlig tilldelning (kr)'] as const;
/**
 * Title of the chart the task pane writes with a run, on Körlogg (src/excel/chart.ts). The command
 * line recognises that chart by it as the run's own output, not a feature of the user's (lostFeatures).
 */
export const RUN_CHART_TITLE = 'Ideal och slutlig tilldelning';
export const INPUT_SHEETS = ['Parametrar', 'Förbund', 'Kommuner'] as const;
/** Sheets a run reads with their values: the input sheets and Beslut, the recorded decisions (round.md §6). */
export const READ_SHEETS = [...INPUT_SHEETS, 'Beslut'] as const;

/**
 * Whole kronor with a space as thousands separator in every locale (conditional sections, literal
 * spaces): 0, 999, 1 000, 999 999, 1 000 000, 2 711 328 000, 12 345 678 901. Excel allows two
 * conditions, so the last section serves both 0–999 and 1 000–999 999: below 1 000 the value carries
 * a leading space (invisible in a right-aligned cell). Checked in LibreOffice (test/e2e/libreoffice).
 */
export const MONEY_FORMAT = '[>=1000000000]#\\ ###\\ ###\\ ##0;[>=1000000]#\\ ###\\ ##0;#\\ ##0';
/** Money formats of earlier versions: a rerun treats them as its own (they are replaced, never kept as the user's). */
export const LEGACY_MONEY_FORMATS: readonly string[] = ['[>=1000000]#\\ ###\\ ##0;[>=1000]#\\ ##0;0'];
/** Shares shown as a percentage. */
export const SHARE_FORMAT = '0.00%';
/**
 * A change in kronor, signed: "+41 316", "-600 000", "0". MONEY_FORMAT's conditional sections leave
 * negative numbers without their minus sign (LibreOffice) and cannot have a third condition, so a change
 * uses the three sign sections with the locale's thousands separator (a space in Swedish).
 */
export const CHANGE_MONEY_FORMAT = '+#,##0;-#,##0;0';
/** A change as a share, signed: "+1.59%", "-25.00%". */
export const CHANGE_SHARE_FORMAT = '+0.00%;-0.00%;0.00%';
/**
 * Text: a cell with this format keeps what is written as text. Excel parses a string assigned through
 * Range.values like typed input ("=SUMMA(1;2)" becomes a formula, "1-2" a date, "00123" the number
 * 123) unless the cell is formatted as text first, so a run marks every text cell it writes with it.
 */
export const TEXT_FORMAT = '@';
