// The sheet Körlogg a run writes: what was run, when, on which inputs, its totals and warning counts.
// spec: docs/workbook-format.md §5.
import Decimal from 'decimal.js';
import type { AllocationResult, ModelInput } from '../engine';
import { WARNING_CODES } from '../engine';
import type { CellValue, SheetOutput } from './types';
import { MONEY_FORMAT, RUN_LOG_SHEET, SHARE_FORMAT, TEXT_FORMAT } from './types';
import { inputFingerprint } from './fingerprint';
import { PROGRAM_NAME, PROGRAM_VERSION } from './version';
import { counts, municipalityCount, voTotalsBlock } from './run-summary';
import { DATETIME_FORMAT, excelDateTime, LAMBDA_MEANING_FORMAT, wholeKronor } from './write-values';

export const KORLOGG_HEADERS = ['Uppgift', 'Värde'] as const;

/** Körlogg: Uppgift / Värde. */
export function runLogSheet(
  result: AllocationResult,
  input: ModelInput,
  timestamp: Date,
  name: string = RUN_LOG_SHEET,
): SheetOutput {
  const rows: [string, CellValue, string | null][] = [];
  const money = (label: string, d: Decimal) => rows.push([label, wholeKronor(d), MONEY_FORMAT]);
  rows.push(['Tidpunkt', excelDateTime(timestamp), DATETIME_FORMAT]);
  rows.push(['Program', `${PROGRAM_NAME} ${PROGRAM_VERSION}`, null]);
  if (result.parameters.year !== undefined) rows.push(['År', result.parameters.year, '0']);
  money('Statlig ram (kr)', result.parameters.budget);
  money('Summa slutlig tilldelning (kr)', result.totals.final);
  money('Ej fördelat (kr)', result.totals.undistributed);
  rows.push(['Scenario', result.scenario.label, null]);
  rows.push(['Tillämpad spärr', result.appliedMaxDecrease.toNumber(), SHARE_FORMAT]);
  rows.push(['Maximal minskning', result.parameters.maxDecrease.toNumber(), SHARE_FORMAT]);
  rows.push(['Antal förbund', result.federationCount, '0']);
  rows.push(['Antal kommuner', municipalityCount(input), '0']);
  rows.push(['Antal rader på Kommuner', input.areas.length, '0']);
  rows.push(['λ (andel av behovsdelen)', Number(result.lambda.toFixed(6, Decimal.ROUND_HALF_UP)), LAMBDA_MEANING_FORMAT]);
  // T, P and S to the öre in the cell (for checking), shown in whole kronor like every amount
  rows.push(['Pott T (kr)', Number(result.pool.toFixed(2, Decimal.ROUND_HALF_UP)), MONEY_FORMAT]);
  rows.push(['Delårsrest P (kr)', Number(result.partYearRemainder.toFixed(2, Decimal.ROUND_HALF_UP)), MONEY_FORMAT]);
  rows.push(['Överskott S (kr)', Number(result.surplus.toFixed(2, Decimal.ROUND_HALF_UP)), MONEY_FORMAT]);
  money('Summa idealfördelning (kr)', result.totals.ideal);
  money('Summa efter spärr (kr)', result.totals.afterFloor);
  money('Summa matchad tilldelning (kr)', result.totals.matched);
  money('Summa ytterligare medel (kr)', result.totals.extra);
  money('Summa kommunernas andel (kr)', result.totals.municipalShare);
  money('Summa regionens andel (kr)', result.totals.regionShare);
  const c = counts(result);
  for (const code of WARNING_CODES) rows.push([`Varningar ${code}`, c[code] ?? 0, '0']);
  rows.push(['Fingeravtryck', inputFingerprint(input), null]);
  const values: CellValue[][] = [[...KORLOGG_HEADERS], ...rows.map(([l, v]) => [l, v])];
  // Labels and text values (Program, Scenario, Fingeravtryck) as text; numbers in their formats
  const numberFormats: (string | null)[][] = [
    KORLOGG_HEADERS.map(() => TEXT_FORMAT),
    ...rows.map(([, v, f]) => [TEXT_FORMAT, f ?? (typeof v === 'string' ? TEXT_FORMAT : null)]),
  ];
  const boldRows = [0];
  // Totals per VO, as a block of its own below the log (after one blank row)
  const vo = voTotalsBlock(result);
  values.push([]);
  numberFormats.push([]);
  const top = values.length;
  vo.values.forEach((row, i) => {
    values.push(row);
    numberFormats.push(vo.numberFormats[i]);
  });
  boldRows.push(top, values.length - 1);
  return {
    name,
    values,
    numberFormats,
    boldRows,
    columnWidths: [34, 40, 20, 20, 24, 24],
    headerRow: 0,
    wrapRows: [top],
  };
}
