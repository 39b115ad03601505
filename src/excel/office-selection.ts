// The Office.js adapter's selection: select a problem's cell, read the active cell, follow the
// selection on a sheet (Förklara), hear the changes on the input sheets (the summary goes stale).
import { topLeftCell } from '../workbook/address';
import type { CellChange, CellRef } from './host';
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

/**
 * A change event of a sheet as the pane takes it: `byThisAddin` is true when the event's triggerSource
 * (ExcelApi 1.14) says the add-in made it, false where Excel does not tell.
 */
export function changeOf(sheet: string, event: Excel.WorksheetChangedEventArgs): CellChange {
  const trigger = (event as Excel.WorksheetChangedEventArgs & { triggerSource?: string }).triggerSource;
  return { sheet, address: event.address, byThisAddin: trigger === 'ThisLocalAddin' };
}

/**
 * Calls onChange for each change of cells on `sheets` (Worksheet.onChanged, one sync; a sheet the
 * workbook lacks is left out); the function returned removes the handlers in the request context that
 * added them. Excel reports the add-in's own writes too: `byThisAddin` is true when the event's
 * triggerSource (ExcelApi 1.14) says so, false where Excel does not tell.
 */
export async function watchChanges(
  session: OfficeSession,
  run: ExcelRunner,
  runIn: ExcelContextRunner,
  sheets: string[],
  onChange: (change: CellChange) => void,
): Promise<() => Promise<void>> {
  const sync = (context: Excel.RequestContext) => session.sync(context);
  const registrations = await run(async (context) => {
    const found = sheets.map((name) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      ws.load('name');
      return ws;
    });
    await sync(context);
    const handlers = found
      .filter((ws) => !ws.isNullObject)
      .map((ws) => {
        const name = ws.name;
        return ws.onChanged.add(async (event) => {
          onChange(changeOf(name, event));
        });
      });
    await sync(context);
    return handlers;
  });
  return async () => {
    if (registrations.length === 0) return;
    await runIn(registrations[0].context as Excel.RequestContext, async (context) => {
      for (const r of registrations) r.remove();
      await sync(context);
    });
  };
}
