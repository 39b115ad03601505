// A regional file's Underlag is live: LibreOffice (headless, recalculating every formula on load in a
// profile of its own) recalculates the files `finsam split` makes (the bytes the command line and the
// pane write), and every `Skillnad` and the check row are within ±2 kr, the cached results agree with
// LibreOffice's, and after an input cell is edited the chain moves.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { regionalFileBytes } from '../../src/cli/commands/split';
import { exampleSheets } from '../../src/workbook/example';
import { sheetOutputToValues } from '../../src/workbook/apply';
import { formatProblem } from '../../src/workbook/format';
import type { SheetValues } from '../../src/workbook/types';
import { UNDERLAG_LABELS } from '../../src/workbook/underlag';
import { MUNICIPAL_SHARE_SHEET, splitRound } from '../../src/round/split';
import { randomRoundSheets } from '../fixtures/random-rounds';
import { tempDir } from './helpers';
import { readUnderlag, recalculate, soffice } from './libreoffice-recalc';

const loTest = soffice || process.env.CI ? test : test.skip;
const T0 = new Date(2027, 4, 20, 10, 0, 0);

/** The random rounds get a VO per federation (four VOs, in turn) so that they split. */
function withVo(sheets: SheetValues[]): SheetValues[] {
  const fed = sheets.find((s) => s.name === 'Förbund')!;
  const headerRow = fed.values.findIndex((r) => r[0] === 'Förbund');
  let voColumn = fed.values[headerRow].indexOf('VO');
  if (voColumn < 0) {
    voColumn = fed.values[headerRow].length;
    fed.values[headerRow][voColumn] = 'VO';
  }
  for (let r = headerRow + 1, k = 0; r < fed.values.length; r++) {
    if (typeof fed.values[r][0] !== 'string' || fed.values[r][0] === '') continue;
    fed.values[r][voColumn] = ['Syd', 'Väst', 'Mitt', 'Nord'][k++ % 4];
  }
  return sheets;
}

const cases: { name: string; sheets: () => SheetValues[] }[] = [
  { name: 'exempel', sheets: () => exampleSheets().map(sheetOutputToValues) },
  { name: 'slump-deficit', sheets: () => withVo(randomRoundSheets(11, 'deficit')) },
  { name: 'slump-relaxed', sheets: () => withVo(randomRoundSheets(12, 'relaxed')) },
];

describe('a regional file’s Underlag recalculated by LibreOffice', () => {
  loTest(
    'every Skillnad and the check row within ±2 kr; cached results agree; the chain moves',
    async () => {
      const dir = tempDir('finsam-regional-underlag-');
      const files: string[] = [];
      const expectedRows: number[] = [];
      for (const c of cases) {
        const split = splitRound(c.sheets(), { timestamp: T0 });
        if (!split.ok) throw new Error(`${c.name}: ${split.problems.map(formatProblem).join('\n')}`);
        expect(split.files.length).toBeGreaterThan(1);
        for (const f of split.files) {
          const file = path.join(dir, `${c.name}-${f.fileName}`);
          fs.writeFileSync(file, await regionalFileBytes(f, T0));
          files.push(file);
          expectedRows.push(f.federationCount);
        }
      }
      // The example's first file again, with Statlig ram raised by 1 000 000 kr and one municipality's
      // försörjningsmått doubled after the split
      const edited = path.join(dir, 'andrad.xlsx');
      let editedMunicipalityFederation = '';
      {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(files[0]);
        const params = wb.getWorksheet('Parametrar')!;
        params.eachRow((row) => {
          if (row.getCell(1).value === 'Statlig ram (kr)') row.getCell(2).value = Number(row.getCell(2).value) + 1_000_000;
        });
        const areas = wb.getWorksheet('Kommuner')!;
        const first = areas.getRow(4);
        editedMunicipalityFederation = String(first.getCell(1).value);
        first.getCell(5).value = Number(first.getCell(5).value) * 2;
        await wb.xlsx.writeFile(edited);
      }
      const recalculated = recalculate([...files, edited], dir);

      const checkLabel = UNDERLAG_LABELS.checkShares(MUNICIPAL_SHARE_SHEET);
      for (const [i, file] of files.entries()) {
        const before = readUnderlag(file);
        const after = readUnderlag(recalculated[i]);
        expect(after.rows).toHaveLength(expectedRows[i]);
        expect(after.differences).toHaveLength(4);
        for (const r of after.rows) {
          for (const d of after.differences) {
            const value = after.number(r, d.column);
            if (value === undefined || Math.abs(value) > 2)
              throw new Error(`${path.basename(file)}: ${d.header} on row ${r} is ${String(value)} after recalculation`);
          }
          for (let col = 2; col <= after.width; col++) {
            const a = before.cells.get(`${r},${col}`)?.value ?? '';
            const b = after.cells.get(`${r},${col}`)?.value ?? '';
            const same =
              typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)) : a === b;
            if (!same)
              throw new Error(`${path.basename(file)}: row ${r} column ${col}: cached ${String(a)}, recalculated ${String(b)}`);
          }
        }
        const check = after.labelled(checkLabel);
        if (check === undefined || Math.abs(check) > 2)
          throw new Error(`${path.basename(file)}: ${checkLabel} = ${String(check)}`);
        // the national figures came from Nationellt: N is the country's, not the file's
        expect(after.labelled(UNDERLAG_LABELS.count)).toBeGreaterThan(after.rows.length);
      }

      // Live: the edited file's chain moved
      const original = readUnderlag(recalculated[0]);
      const moved = readUnderlag(recalculated[recalculated.length - 1]);
      const ideal = original.column('Idealfördelning (kr)');
      const afterFloor = original.column('Efter spärr (kr)');
      const need = original.column('Kommunerna behöver bidra med (kr)');
      const skillnad = original.column('Skillnad: Idealfördelning (kr)');
      expect(moved.labelled('Statlig ram B (kr)')).toBe(original.labelled('Statlig ram B (kr)')! + 1_000_000);
      const target = original.rows.find((r) => original.text(r, 1) === editedMunicipalityFederation)!;
      expect(target).toBeDefined();
      for (const r of original.rows) {
        const delta = moved.number(r, ideal)! - original.number(r, ideal)!;
        // every ideal gets 1 000 000 · key · m more; the edited federation's key grew as well
        expect(delta).toBeGreaterThan(0);
        expect(moved.number(r, skillnad)).toBe(
          Math.round(moved.number(r, ideal)!) - Math.round(original.number(r, ideal)!) + original.number(r, skillnad)!,
        );
      }
      const keyColumn = original.column('Nyckel');
      expect(moved.number(target, keyColumn)!).toBeGreaterThan(original.number(target, keyColumn)! + 1e-4);
      expect(moved.number(target, afterFloor)).not.toBe(original.number(target, afterFloor));
      expect(moved.number(target, need)).not.toBe(original.number(target, need));
      // the check row sees the edit: the contributions no longer add up to Kommunernas del as written
      expect(Math.abs(moved.labelled(checkLabel)!)).toBeGreaterThan(2);
    },
    600_000,
  );
});
