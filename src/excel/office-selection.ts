// The Office.js adapter's selection: select a problem's cell, read the active cell, follow the
// selection on a sheet (Förklara).
import { topLeftCell } from '../workbook/address';
import type { CellRef } from './host';
import type { ExcelRunner, OfficeSession } from './office-read';

/** Excel.run on the request context of an earlier run (to remove an event handler it added). */
export type ExcelContextRunner = <T>(
  context: Excel.RequestContext,
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

/** Selects one cell (and activates its sheet). */
export async function selectCell(session: OfficeSession, run: ExcelRunner, cell: CellRef): Promise<void> {
  const sync = (context: Excel.RequestContext) => session.sync(context);
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(cell.sheet);
    ws.activate();
    ws.getRangeByIndexes(cell.row, cell.column, 1, 1).select();
    await sync(context);
  });
}

/** The active cell: its sheet and place (0-based). */
export async function activeCell(session: OfficeSession, run: ExcelRunner): Promise<CellRef | undefined> {
  const sync = (context: Excel.RequestContext) => session.sync(context);
  return run(async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.load('rowIndex,columnIndex');
    cell.worksheet.load('name');
    await sync(context);
    // eslint-disable-next-line office-addins/load-object-before-read -- loaded above through cell.worksheet
    return { sheet: cell.worksheet.name, row: cell.rowIndex, column: cell.columnIndex };
  });
}

/**
 * Calls onSelect with the top-left cell of each selection on `sheet` (Worksheet.onSelectionChanged, one
 * sync); the function returned removes the handler in the request context that added it.
 */
export async function watchSelection(
  session: OfficeSession,
  run: ExcelRunner,
  runIn: ExcelContextRunner,
  sheet: string,
  onSelect: (cell: CellRef) => void,
): Promise<() => Promise<void>> {
  const sync = (context: Excel.RequestContext) => session.sync(context);
  const registration = await run(async (context) => {
    const handler = context.workbook.worksheets.getItem(sheet).onSelectionChanged.add(async (event) => {
      // The event's address is of the selection on this sheet ("C5" or "C5:F9"); no request needed.
      const cell = topLeftCell(event.address);
      if (cell) onSelect({ sheet, ...cell });
    });
    await sync(context);
    return handler;
  });
  return async () => {
    await runIn(registration.context as Excel.RequestContext, async (context) => {
      registration.remove();
      await sync(context);
    });
  };
}
