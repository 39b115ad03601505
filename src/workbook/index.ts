/**
 * The host-neutral workbook layer: Finsam workbooks as 2-D arrays of cell values in, engine input
 * or every problem out, and a plan of what to write back. The Excel add-in (Office.js) and the
 * command line (exceljs) are thin adapters over this API; it has no Office, DOM or Node imports.
 * Normative format: ../shared/spec/workbook-format.md.
 *
 * ## Typical use (both hosts)
 * ```ts
 * const sheets: SheetValues[] = ...;            // every sheet: { name, values } (Range.values shape, A1 first)
 * const run = runAllocation(sheets, { timestamp: new Date() });
 * if (!run.ok) show(run.problems.map(formatProblem));   // "Förbund!E7: \"ca 2 milj\" är inget belopp"
 * else apply(run.plan);                                 // clear → blocks → sheets → highlight
 * ```
 *
 * ## Cells
 * - A cell is `string | number | boolean | null`; '' or null is empty. Reading accepts ragged rows.
 * - In a CellBlock written back, '' clears a cell and null leaves it as it is (Office.js semantics).
 * - Rows and columns in the API are 0-based; Problem.row/column are 1-based (as shown to people).
 * - Money in a WritePlan is whole kronor as JS numbers (safe integers) with MONEY_FORMAT; shares
 *   are fractions with SHARE_FORMAT. In ModelInput every amount is a decimal.js Decimal; numbers
 *   typed in cells become Decimals via their shortest string (0.1 stays 0.1).
 *
 * ## Reading (readWorkbook)
 * Sheets Parametrar, Förbund, Kommuner are found by name (case-insensitive, white space folded);
 * Kommunbidrag and Körlogg are never read. The header row is the first of the first ten rows
 * holding the key header (Förbund/Samordningsförbund, or Parameter). Headers and synonyms match
 * case-insensitively with white space folded and -, – and − alike; a trailing (kr), (tkr), (mkr)
 * is the column's unit (exact ×1 000 / ×1 000 000). Unknown columns, and rows blank in every input
 * column, are ignored. Output headers (FEDERATION_OUTPUT_HEADERS, any unit) are never input.
 * Numbers: see parseNumberCell (Swedish text, NBSP/thin-space thousands, comma or point decimal;
 * "1.234.567" = 1 234 567, "1,234" = 1,234). Shares: see parseShareCell ("75 %", 0,75, 75).
 * All problems are returned together, sorted by sheet, row and column.
 *
 * ## Writing (buildWritePlan / runAllocation)
 * Förbund: the nine output columns, over the columns already carrying those headers (a rerun
 * writes the same cells) or after the last column in use (values, SheetValues.occupied cells, and
 * merged ranges that reach into the header row or a federation row); header in the header row, one
 * value per federation row, null (leave as it is) in every other row. Earlier output is removed by
 * the plan's clear ranges (the existing output columns from the header row down), not by the blocks.
 * Kommunbidrag: Förbund, Kommun, Fördelningsgrund, Andel, Bidrag (kr), one row per municipality and
 * federation, then a blank row and a "Summa" row.
 * Körlogg: Uppgift/Värde (Tidpunkt, Program, Statlig ram, totals, Scenario, Tillämpad spärr,
 * counts, λ, pool T, warning counts, Fingeravtryck = SHA-256 of the canonical inputs).
 */
export * from './types';

export { readWorkbook, cellsRead } from './read';
export { runAllocation, issueToProblem } from './run';
export type { RunOutcome } from './run';
export {
  buildWritePlan,
  removeOutputPlan,
  outputColumnPlacement,
  municipalContributionSheet,
  runLogSheet,
  runSummary,
  warningsText,
  wholeKronor,
  isoLocal,
  WARNING_CODES,
  KOMMUNBIDRAG_HEADERS,
  KORLOGG_HEADERS,
  TOTAL_LABEL,
} from './plan';
export { templateSheets, INSTRUCTIONS_SHEET, VO_VALUES, TEMPLATE_HEADER_ROW, validationCells, withCells } from './template';
export { PARAMETER_DEFINITIONS, PARAMETER_SHEET, parameterDefinition, matchParameterLabel } from './parameters';
export { locateParameters, parameterWrite } from './parameter-form';
export type { ParameterDefinition, ParameterKey, ParameterKind } from './parameters';
export type { LocatedParameter } from './parameter-form';
export { FEDERATION_COLUMNS, AREA_COLUMNS, FEDERATION_SHEET, MUNICIPALITY_SHEET, outputHeaderOf } from './columns';
export type { ColumnDefinition, ColumnKind, FederationField, AreaField } from './columns';
export { EQUAL_FALLBACK_REASON, SPLIT_METHOD_LABELS } from './cells';
export { checkWrittenRow, sameCellValue } from './written-check';
export type { WrittenCheck, WrittenDifference } from './written-check';
export { formatProblem, formatKronor, formatShare, formatNumber } from './format';
export { applyPlanToSheets, sheetOutputToValues } from './apply';
export type { ApplicablePlan } from './apply';
export { parseNumberCell, parseShareCell, decimalFromNumber, isDateTimeFormat } from './numbers';
export type { ParsedNumber } from './numbers';
export { sha256Hex, sha256Bytes, utf8Bytes } from './sha256';
export { inputFingerprint, canonicalInput, FINGERPRINT_VERSION } from './fingerprint';
export { cellAddress, columnLetters, columnIndex, quoteSheetName } from './address';
export { normalizeKey } from './text';
export { READ_TEXTS, engineText } from './messages';
export { sortProblems } from './sheets';
export { PROGRAM_NAME, PROGRAM_VERSION } from './version';
export {
  underlagSheet,
  tierRatios,
  UNDERLAG_SHEET,
  UNDERLAG_LABELS,
  UNDERLAG_COMPARED,
  writtenHeader,
  differenceHeader,
} from './underlag';
export type { UnderlagArgs, UnderlagLayout } from './underlag';
export {
  municipalityTotals,
  regionTotals,
  KOMMUNBIDRAG_MUNICIPALITY_HEADERS,
  KOMMUNBIDRAG_REGION_HEADERS,
  NO_REGION_LABEL,
} from './plan';
