// Förklara's check of the sheet: the written output cells of a federation's row on Förbund against the
// computation, naming the cells that differ (worked example, spec worked-example.md).
import { applyPlanToSheets, checkWrittenRow, runAllocation, sameCellValue } from '../../src/workbook';
import type { SheetValues } from '../../src/workbook/types';
import { WORKED_EXAMPLE } from '../fixtures/worked-example';
import { workedExampleSheets } from './fixtures';

function computed(sheets: SheetValues[]) {
  const run = runAllocation(sheets);
  if (!run.ok) throw new Error('must run');
  const sheet = sheets.find((s) => s.name === run.layout.federationSheet.name)!;
  const check = (name: string) =>
    checkWrittenRow(sheet, run.layout, run.plan, run.result.federations.find((f) => f.name === name)!.index);
  return { run, check };
}

/** The worked example with its run written, as a federation receives the file. */
function writtenSheets(): SheetValues[] {
  const sheets = workedExampleSheets();
  const run = runAllocation(sheets);
  if (!run.ok) throw new Error('must run');
  return applyPlanToSheets(sheets, run.plan);
}

const header = (sheets: SheetValues[], h: string) => sheets[1].values[1].indexOf(h);

test('no run written yet: nothing to compare', () => {
  expect(computed(workedExampleSheets()).check('Söderby')).toEqual({ state: 'notWritten' });
});

test('the sheet as the run wrote it: the same for every federation', () => {
  const { check } = computed(writtenSheets());
  for (const f of WORKED_EXAMPLE.federations) expect(check(f.name)).toEqual({ state: 'same' });
});

test('an output cell typed over: that cell is named, with both values', () => {
  const sheets = writtenSheets();
  const col = header(sheets, 'Slutlig tilldelning (kr)');
  // Söderby is the second federation: row 4 (0-based 3); its final 1 800 000 typed as 1 900 000
  expect(sheets[1].values[3][0]).toBe('Söderby');
  expect(sheets[1].values[3][col]).toBe(1_800_000);
  sheets[1].values[3][col] = 1_900_000;
  const { check } = computed(sheets);
  expect(check('Söderby')).toEqual({
    state: 'differs',
    differences: [
      {
        header: 'Slutlig tilldelning (kr)',
        address: `Förbund!${String.fromCharCode(65 + col)}4`,
        written: 1_900_000,
        computed: 1_800_000,
      },
    ],
  });
  expect(check('Norrby')).toEqual({ state: 'same' });
});

test('an input changed since the run: every output cell that moves is named, in column order', () => {
  const sheets = writtenSheets();
  // Söderby's municipalities can contribute 1 000 000 instead of 900 000: cap 2 000 000
  sheets[1].values[3][header(sheets, 'Kommunernas möjliga bidrag (kr)')] = 1_000_000;
  const { check } = computed(sheets);
  const c = check('Söderby');
  if (c.state !== 'differs') throw new Error('must differ');
  expect(c.differences.map((d) => [d.header, d.written, d.computed])).toEqual([
    ['Matchad tilldelning (kr)', 1_800_000, 2_000_000],
    ['Slutlig tilldelning (kr)', 1_800_000, 2_000_000],
    ['Kommunernas andel (kr)', 900_000, 1_000_000],
    ['Regionens andel (kr)', 900_000, 1_000_000],
    [
      'Varningar',
      expect.stringContaining('räcker till statlig tilldelning om högst 1 800 000 kr'),
      expect.stringContaining('högst 2 000 000 kr'),
    ],
    // the change from last year moves with Slutlig: 1 800 000 − 2 400 000 written, 2 000 000 − 2 400 000 computed
    ['Förändring mot föregående år (kr)', -600_000, -400_000],
  ]);
});

test('a cleared cell differs; the same amount typed as text or with a stray space does not', () => {
  const sheets = writtenSheets();
  const col = header(sheets, 'Idealfördelning (kr)');
  sheets[1].values[2][col] = '';
  sheets[1].values[3][col] = String(sheets[1].values[3][col]);
  const { check } = computed(sheets);
  const norrby = check('Norrby');
  expect(norrby.state === 'differs' && norrby.differences.map((d) => [d.written, d.computed])).toEqual([['', 2_641_316]]);
  expect(check('Söderby')).toEqual({ state: 'same' });
  expect(sameCellValue(' Ingen ', 'Ingen')).toBe(true);
  expect(sameCellValue(null, '')).toBe(true);
  expect(sameCellValue(0, '')).toBe(false);
  expect(sameCellValue(1_800_000, 1_800_001)).toBe(false);
});
