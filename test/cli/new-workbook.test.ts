// src/cli/xlsx/new-workbook.ts is what the pane uses (with exceljs's browser build) to make the regional
// files: it and everything it imports must be free of Node imports, and exceljs must be a type import only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { fillNewWorkbook } from '../../src/cli/xlsx/new-workbook';
import { dataValidations } from '../../src/cli/xlsx';

const ROOT = path.resolve(__dirname, '..', '..');

/** Every source file reachable from `file` by relative value or type imports, with its import lines. */
function closure(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const text = fs.readFileSync(file, 'utf8');
  const imports = [...text.matchAll(/^import[^;]*?from '([^']+)';/gms)].map((m) => m[0]);
  seen.set(file, imports);
  for (const line of imports) {
    const spec = /from '([^']+)'/.exec(line)![1];
    if (!spec.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), spec);
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    if (target) closure(target, seen);
  }
  return seen;
}

test('new-workbook.ts and what it imports have no Node imports; exceljs is a type import', () => {
  const files = closure(path.join(ROOT, 'src/cli/xlsx/new-workbook.ts'));
  expect(files.size).toBeGreaterThan(3);
  for (const [file, imports] of files) {
    for (const line of imports) {
      const spec = /from '([^']+)'/.exec(line)![1];
      expect([path.relative(ROOT, file), spec]).not.toEqual([
        path.relative(ROOT, file),
        expect.stringMatching(/^(node:|fs$|path$|os$|crypto$|zlib$)/),
      ]);
      if (spec === 'exceljs')
        expect([path.relative(ROOT, file), line]).toEqual([path.relative(ROOT, file), expect.stringMatching(/^import type /)]);
    }
  }
});

test('fillNewWorkbook: values, unlocked cells, validation and protection without password', () => {
  const workbook = new ExcelJS.Workbook();
  fillNewWorkbook(workbook, [
    {
      name: 'Blad',
      values: [
        ['Rubrik', 'Svar'],
        ['låst', ''],
      ],
      validations: [{ range: 'B2:B2', type: 'wholeNumber', min: 0, cells: { row: 1, column: 1, rowCount: 1, columnCount: 1 } }],
      protection: { unlocked: [{ row: 1, column: 1, rowCount: 1, columnCount: 1 }] },
    },
    { name: 'Öppet', values: [['fritt']] },
  ]);
  const ws = workbook.getWorksheet('Blad')!;
  expect(ws.getCell('A2').value).toBe('låst');
  expect(ws.getCell('B2').protection).toEqual({ locked: false });
  expect(ws.getCell('A2').protection).toBeUndefined();
  expect(dataValidations(ws).model['B2']).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
  const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
  expect(protection).toMatchObject({ sheet: true, formatColumns: true, sort: false });
  expect(protection.hashValue).toBeUndefined();
  expect((workbook.getWorksheet('Öppet') as unknown as { sheetProtection?: unknown }).sheetProtection).toBeFalsy();
});
