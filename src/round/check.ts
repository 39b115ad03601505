// checkRegional: the report of a regional workbook (round.md §3) — per federation answered or not, the
// national proposal (Efter spärr as split wrote it), the matching cap from the answers, the preliminary
// matched amount and what the members would pay, and the federation's problems. Writes nothing.
// spec: docs/model.md §A3 — check on a regional file
import Decimal from 'decimal.js';
import { matchedAmount, matchingCap, memberShares, roundHalfUp } from '../engine';
import type { FederationInput } from '../engine';
import type { Problem, SheetValues } from '../workbook/types';
import { readWorkbook } from '../workbook/read';
import { readMoney } from '../workbook/cells';
import { FEDERATION_COLUMNS } from '../workbook/columns';
import { makeProblem, sortProblems } from '../workbook/sheets';
import { normalizeKey } from '../workbook/text';
import { formatKronor } from '../workbook/format';
import { workbookScope } from '../workbook/scope';
import { ROUND_TEXTS } from './messages';

const T = ROUND_TEXTS.check;

/** The national proposal's column on a regional Förbund (written by split, read here, never by a run). */
export const PROPOSAL_HEADER = 'Efter spärr (kr)';

/** One federation of a regional workbook as the check sees it (whole kronor as numbers). */
export interface RegionalFederationReport {
  name: string;
  /** 0-based row on Förbund (to select it) */
  row: number;
  /** Both möjliga bidrag are filled in (round.md §2: a blank one in a regional file is not an answer) */
  answered: boolean;
  /** Efter spärr (kr): the national proposal, as split wrote it; undefined when the cell is blank or unreadable */
  proposal?: number;
  /** cap_f = min(2·K_f, 2·R_f) from the answers; undefined when not answered */
  cap?: number;
  /** Återlämnade medel (kr) (0 when blank) */
  returned: number;
  /** min(Efter spärr, cap) − returned (never below 0), rounded to whole kronor; undefined when not answered */
  matched?: number;
  /** What the municipalities together and the region would pay for `matched` (step 9's halves) */
  municipalities?: number;
  region?: number;
  /** This federation's problems (its row's cells) */
  problems: Problem[];
}

export interface RegionalReport {
  /** The VO as in Omfattning ("Syd") */
  vo: string;
  /** Förbund as spelled in the workbook */
  federationSheet: string;
  federations: RegionalFederationReport[];
  answeredCount: number;
  /** Σ proposals and Σ preliminary matched amounts (of the answered) */
  totalProposal: number;
  totalMatched: number;
  /** Every federation problem, sorted */
  problems: Problem[];
}

export type RegionalCheck = { ok: false; problems: Problem[] } | { ok: true; report: RegionalReport };

const money = (d: Decimal): number => roundHalfUp(d).toNumber();

// spec: docs/model.md §A3 — answered = both möjliga bidrag given (a blank one in a regional file is not an answer)
export function isAnswered(federation: FederationInput): boolean {
  return federation.municipalContribution !== undefined && federation.regionContribution !== undefined;
}

// spec: docs/model.md §A3, §6 — preliminary matched = min(Efter spärr, cap_f) − returned_f, with the engine's step 6
export function preliminaryMatched(proposal: Decimal, federation: FederationInput): Decimal {
  const cap = matchingCap(federation.municipalContribution, federation.regionContribution);
  return matchedAmount(proposal, cap, federation.returned ?? new Decimal(0));
}

/**
 * Checks a regional workbook (Omfattning = a VO). Problems that stop the whole check — the reader's
 * (any cell that breaks the reading rules), a workbook that is not regional, no proposal column — give
 * { ok: false, problems }; otherwise the report, with each federation's own problems in it (a VO other
 * than the workbook's, one of the two möjliga bidrag left blank, no proposal in its row).
 */
export function checkRegional(sheets: SheetValues[]): RegionalCheck {
  const scope = workbookScope(sheets);
  const read = readWorkbook(sheets);
  if (!scope.regional) {
    const at = scope.cell ?? {
      sheet: read.ok ? read.layout.parameterSheet.name || 'Parametrar' : 'Parametrar',
      row: 0,
      column: 0,
    };
    return { ok: false, problems: [makeProblem(at.sheet, at.row, at.column, T.notRegional)] };
  }
  if (!read.ok) return read;
  const { input, layout } = read;
  const fs = layout.federationSheet;
  const sheet = sheets.find((s) => s.name === fs.name);
  const proposalColumn = fs.existingOutputColumns[PROPOSAL_HEADER];
  if (proposalColumn === undefined || !sheet) {
    const at = Math.max(fs.lastInputColumn, ...Object.values(fs.existingOutputColumns)) + 1;
    return { ok: false, problems: [makeProblem(fs.name, fs.headerRow, at, T.proposalColumnMissing)] };
  }
  const col = (key: string) => fs.columns?.[key] ?? fs.columns?.name ?? 0;
  const voKey = normalizeKey(scope.vo);
  const label = (key: string) => FEDERATION_COLUMNS.find((c) => c.key === key)?.label ?? key;
  const federations = input.federations.map((f, i): RegionalFederationReport => {
    const row = fs.dataRows[i];
    const problems: Problem[] = [];
    const at = (key: string, message: string) => problems.push(makeProblem(fs.name, row, col(key), message));
    if (normalizeKey(f.vo ?? '') !== voKey) at('vo', T.otherVo(f.name, f.vo ?? '', scope.vo));
    const cell = readMoney(sheet.values[row]?.[proposalColumn], 1);
    let proposal: Decimal | undefined;
    if (cell === null) problems.push(makeProblem(fs.name, row, proposalColumn, T.proposalMissing(f.name)));
    else if (!cell.ok) problems.push(makeProblem(fs.name, row, proposalColumn, cell.message));
    else proposal = cell.value;
    const answered = isAnswered(f);
    if (!answered && (f.municipalContribution !== undefined || f.regionContribution !== undefined)) {
      const blank = f.municipalContribution === undefined ? 'municipalContribution' : 'regionContribution';
      at(blank, T.halfAnswered(f.name, label(blank)));
    }
    const returned = f.returned ?? new Decimal(0);
    const report: RegionalFederationReport = { name: f.name, row, answered, returned: money(returned), problems };
    if (proposal !== undefined) report.proposal = money(proposal);
    if (answered) {
      const cap = matchingCap(f.municipalContribution, f.regionContribution);
      if (cap !== undefined) report.cap = money(cap);
      if (proposal !== undefined) {
        const matched = roundHalfUp(preliminaryMatched(proposal, f));
        const shares = memberShares(matched);
        report.matched = matched.toNumber();
        report.municipalities = money(shares.municipal);
        report.region = matched.toNumber() - report.municipalities;
      }
    }
    return report;
  });
  const sumOf = (pick: (f: RegionalFederationReport) => number | undefined) =>
    federations.reduce((s, f) => s + (pick(f) ?? 0), 0);
  return {
    ok: true,
    report: {
      vo: scope.vo,
      federationSheet: fs.name,
      federations,
      answeredCount: federations.filter((f) => f.answered).length,
      totalProposal: sumOf((f) => f.proposal),
      totalMatched: sumOf((f) => f.matched),
      problems: sortProblems(federations.flatMap((f) => f.problems)),
    },
  };
}

/** The report as lines for a terminal: a head line, one line per federation, then its problems. */
export function regionalReportLines(report: RegionalReport): string[] {
  const kr = (n: number | undefined) => (n === undefined ? '–' : formatKronor(n));
  return [
    T.head(report.vo, report.federations.length, report.answeredCount),
    T.totals(kr(report.totalProposal), kr(report.totalMatched)),
    ...report.federations.map((f) =>
      f.answered
        ? T.answeredLine(f.name, kr(f.proposal), kr(f.cap), kr(f.matched), kr(f.municipalities), kr(f.region))
        : T.unansweredLine(f.name, kr(f.proposal)),
    ),
    ...report.problems.map((p) => T.problemLine(p.address, p.message)),
  ];
}
