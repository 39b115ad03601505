// An in-memory WorkbookHost for the pane's component tests: the workbook is SheetValues, writes go
// through the workbook layer's applyPlanToSheets, and every call is recorded.
import { applyPlanToSheets, sheetOutputToValues } from '../../src/workbook';
import type { CellBlock, SheetOutput, SheetValues, SheetWritePlan } from '../../src/workbook/types';
import { INPUT_SHEETS } from '../../src/workbook/types';
import { normalizeKey } from '../../src/workbook/text';
import type { CellChange, CellRef, ChartSpec, RemovalPlan, WorkbookHost, WriteStats } from '../../src/excel/host';
import type { MergePlan } from '../../src/round/types';
import { applyMergePlanToSheets } from '../../src/round/merge';

export class FakeHost implements WorkbookHost {
  sheets: SheetValues[];
  calls: string[] = [];
  selection?: CellRef;
  active?: CellRef;
  lastChart?: ChartSpec;
  writtenBlocks: CellBlock[] = [];
  /** Selection watchers the pane has registered (sheet and callback), removed when it stops watching */
  watchers: { sheet: string; onSelect: (cell: CellRef) => void }[] = [];
  /** Change watchers the pane has registered (sheets and callback) */
  changeWatchers: { sheets: string[]; onChange: (change: CellChange) => void }[] = [];
  /** When set, every call waits for this promise first (to observe the pane while busy). */
  gate?: Promise<void>;

  constructor(sheets: SheetValues[]) {
    this.sheets = sheets.map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
  }

  private async wait(): Promise<void> {
    if (this.gate) await this.gate;
  }

  async readWorkbook(): Promise<SheetValues[]> {
    this.calls.push('readWorkbook');
    await this.wait();
    const inputs = INPUT_SHEETS.map(normalizeKey);
    return this.sheets.map((s) => ({
      name: s.name,
      values: inputs.includes(normalizeKey(s.name)) ? s.values.map((r) => [...r]) : [],
    }));
  }

  async readSheets(names: readonly string[]): Promise<SheetValues[]> {
    this.calls.push('readSheets');
    await this.wait();
    const wanted = names.map(normalizeKey);
    return this.sheets
      .filter((s) => wanted.includes(normalizeKey(s.name)))
      .map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
  }

  async writeRun(plan: SheetWritePlan, chart?: ChartSpec): Promise<WriteStats> {
    this.calls.push('writeRun');
    await this.wait();
    this.sheets = applyPlanToSheets(this.sheets, plan);
    this.lastChart = chart;
    return { syncs: 2, batchBytes: [0, 0] };
  }

  async insertSheets(outputs: SheetOutput[]): Promise<string[]> {
    this.calls.push('insertSheets');
    await this.wait();
    const missing = outputs.filter((o) => !this.sheets.some((s) => normalizeKey(s.name) === normalizeKey(o.name)));
    this.sheets = [...this.sheets, ...missing.map(sheetOutputToValues)];
    return missing.map((m) => m.name);
  }

  async writeBlocks(blocks: CellBlock[]): Promise<void> {
    this.calls.push('writeBlocks');
    await this.wait();
    this.writtenBlocks.push(...blocks);
    this.sheets = applyPlanToSheets(this.sheets, { blocks });
  }

  async applyMerge(plan: MergePlan): Promise<WriteStats> {
    this.calls.push('applyMerge');
    await this.wait();
    this.sheets = applyMergePlanToSheets(this.sheets, plan);
    return { syncs: 1, batchBytes: [0] };
  }

  async removeOutput(plan: RemovalPlan): Promise<void> {
    this.calls.push('removeOutput');
    await this.wait();
    this.sheets = applyPlanToSheets(this.sheets, plan);
  }

  async selectCell(cell: CellRef): Promise<void> {
    this.calls.push('selectCell');
    await this.wait();
    this.selection = cell;
  }

  async activeCell(): Promise<CellRef | undefined> {
    this.calls.push('activeCell');
    await this.wait();
    return this.active;
  }

  async watchSelection(sheet: string, onSelect: (cell: CellRef) => void): Promise<() => Promise<void>> {
    this.calls.push('watchSelection');
    const watcher = { sheet, onSelect };
    this.watchers.push(watcher);
    return async () => {
      this.calls.push('unwatchSelection');
      this.watchers = this.watchers.filter((w) => w !== watcher);
    };
  }

  async watchChanges(sheets: string[], onChange: (change: CellChange) => void): Promise<() => Promise<void>> {
    this.calls.push('watchChanges');
    const watcher = { sheets, onChange };
    this.changeWatchers.push(watcher);
    return async () => {
      this.calls.push('unwatchChanges');
      this.changeWatchers = this.changeWatchers.filter((w) => w !== watcher);
    };
  }

  /** A person (or, with byThisAddin, the add-in) changes cells: the sheet's change watchers hear of it. */
  changes(change: CellChange): void {
    for (const w of [...this.changeWatchers]) if (w.sheets.includes(change.sheet)) w.onChange(change);
  }

  /** A person selects a cell in Excel: the active cell moves and the sheet's watchers hear of it. */
  userSelects(cell: CellRef): void {
    this.active = cell;
    for (const w of [...this.watchers]) if (w.sheet === cell.sheet) w.onSelect(cell);
  }
}
