// Issue 14 in the command line's file: Förbund frozen at the header row and name column, an autofilter
// over the table, wrapped run headers, the Diagram sheet's sorted data table, Körlogg's VO block.
import ExcelJS from 'exceljs';
import { applyWritePlan, readSheets } from '../../src/cli/xlsx';
import { runAllocation } from '../../src/workbook/run';
import { workedExampleSheets } from '../workbook/fixtures';

async function written(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  for (const s of workedExampleSheets()) workbook.addWorksheet(s.name).addRows(s.values as ExcelJS.CellValue[][]);
  const r = runAllocation(readSheets(workbook), { timestamp: new Date(2025, 2, 14, 9, 30, 5) });
  if (!r.ok) throw new Error('problems');
  applyWritePlan(workbook, r.plan);
  // through a file, as the user gets it
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await workbook.xlsx.writeBuffer());
  return again;
}

test('Förbund: frozen header row and names, autofilter over the table, wrapped run headers and widths', async () => {
  const wb = await written();
  const fed = wb.getWorksheet('Förbund')!;
  expect(fed.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
  // header row 2, federations 3–6, columns A (Förbund) … S (the % change)
  expect(fed.autoFilter).toBe('A2:S6');
  const header = fed.getRow(2);
  expect(header.getCell(19).value).toBe('Förändring mot föregående år (%)');
  expect(header.getCell(19).alignment?.wrapText).toBe(true);
  expect(header.getCell(1).alignment?.wrapText).toBeFalsy(); // an input header is the user's
  expect(fed.getColumn(17).width).toBe(60); // Varningar
  expect(header.height).toBe(45);
  expect(fed.getRow(4).getCell(18).value).toBe(-600000); // Söderby's change
  expect(fed.getRow(4).getCell(18).numFmt).toBe('+#,##0;-#,##0;0');
});

test('Diagram: the chart’s data sorted by Slutlig tilldelning; Körlogg: the totals per VO below the log', async () => {
  const wb = await written();
  const diagram = wb.getWorksheet('Diagram')!;
  const rows = (diagram.getSheetValues() as ExcelJS.CellValue[][]).slice(1).map((r) => r.slice(1));
  expect(rows).toEqual([
    ['Förbund', 'Idealfördelning (kr)', 'Slutlig tilldelning (kr)'],
    ['Norrby', 2641316, 2641316],
    ['Österby', 1808822, 2408822],
    ['Söderby', 2958505, 1800000],
    ['Västerby', 1060905, 1360905],
  ]);
  const log = wb.getWorksheet('Körlogg')!;
  const labels = (log.getColumn(1).values as ExcelJS.CellValue[]).map(String);
  const top = labels.indexOf('VO');
  expect(top).toBeGreaterThan(0);
  expect(log.getRow(top).values).toEqual([
    undefined,
    'VO',
    'Antal förbund',
    'Idealfördelning (kr)',
    'Slutlig tilldelning (kr)',
    'Förändring mot föregående år (kr)',
    'Förändring mot föregående år (%)',
  ]);
  expect(log.getRow(top + 1).values).toEqual([undefined, 'Mitt', 1, 1808822, 2408822, 908822, 0.605881]);
  expect(log.getRow(top + 5).values).toEqual([undefined, 'Summa', 4, 8469548, 8211043, 350138, 0.053867]); // 350 138 / 6 500 000
});
