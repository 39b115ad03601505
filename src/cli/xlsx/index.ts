// The exceljs adapter: an .xlsx workbook in, 2-D arrays of cell values out (the shape Excel's
// Range.values gives the add-in), and a WritePlan of the host-neutral workbook layer applied back.
// All the model and layout logic lives in src/workbook; this file only moves cells.
//
// What exceljs 4.4 keeps when a file is read and written again (checked by test/cli/xlsx.test.ts
// and test/e2e):
// values, formulas (with their cached results), shared formulas, number formats, fonts, fills,
// borders, alignment, merged cells, column widths, row heights, frozen panes, defined names,
// data validations and conditional formatting of the classic kind (plus data bars), notes (legacy
// comments), hyperlinks, images, tables, autofilters, hidden sheets, sheet protection, page setup and
// print areas, sheet order and tab colours. Some only thanks to the small patches below: number
// formats keep their backslash escapes (`numberFormatEscapesKept`), empty-string formula results
// stay empty strings (`formulaStringResultsKept`), tables keep their header row and filter buttons
// (`tablesKeptAsStored`). Before writing, `giveTablesStyleInfo` and `dropUnreadConditionalFormats`
// avoid two exceljs crashes, and `prepareRecalculation` makes other programs recalculate formulas that
// may read the output.
// NOT kept by exceljs: charts, pivot tables, shapes/text boxes, slicers, form controls, threaded
// (modern) comments, sparklines, macros (vbaProject.bin), external links, and the Excel 2010 (x14)
// data validations and conditional formats kept in a sheet's extLst (e.g. a dropdown whose list is
// on another sheet). `lostFeatures` lists what a file has that would be lost (from the zip's
// directory and the sheets' extLst; sparklines are not detected), so the command line warns, and
// refuses --in-place.
//
// The adapter by concern: patches.ts (exceljs patches and their upstream issues), read.ts, write.ts,
// recalc.ts (recalculation on open), zip.ts (zip parts, CRC-32, kinds of file) and features.ts (what
// exceljs would lose). This index re-exports what the command line and the tests use.
export * from './patches';
export * from './read';
export * from './write';
export * from './recalc';
export * from './zip';
export * from './features';
