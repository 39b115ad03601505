// Shared helpers for the statement tests (not a test suite itself).
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { applyPlanToSheets, runAllocation } from '../../src/workbook';
import type { SheetValues } from '../../src/workbook';
import { workedExampleSheets } from '../workbook/fixtures';

export const GENERATED = new Date(2026, 11, 1, 20, 10);

export function workedRun() {
  const sheets = workedExampleSheets();
  const run = runAllocation(sheets, { timestamp: GENERATED });
  if (!run.ok) throw new Error('worked example must run');
  return { ...run, written: applyPlanToSheets(sheets, run.plan) };
}

/** The Slutlig tilldelning cell of a federation, as the sheet shows it (money format: spaces between thousands). */
export function writtenFinal(written: SheetValues[], federation: string): string {
  const sheet = written.find((s) => s.name === 'Förbund')!;
  const headerRow = sheet.values.findIndex((r) => r.includes('Förbund'));
  const header = sheet.values[headerRow];
  const col = header.indexOf('Slutlig tilldelning (kr)');
  const row = sheet.values.find((r) => r[0] === federation)!;
  const n = row[col] as number;
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export const tmp = (): string => mkdtempSync(join(tmpdir(), 'finsam-statement-'));

export function pdfText(bytes: Uint8Array, dir = tmp(), name = 'statement.pdf'): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

export function pdfPages(bytes: Uint8Array): number {
  const dir = tmp();
  const file = join(dir, 'p.pdf');
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}
