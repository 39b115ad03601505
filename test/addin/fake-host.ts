// An in-memory WorkbookHost for the pane's component tests: the workbook is SheetValues, writes go
// through the workbook layer's applyPlanToSheets, and every call is recorded.
import { applyPlanToSheets, sheetOutputToValues } from '../../src/workbook';
import type { CellBlock, SheetOutput, SheetValues, WritePlan } from '../../src/workbook/types';
import { INPUT_SHEETS } from '../../src/workbook/types';
import { normalizeKey } from '../../src/workbook/text';
import type { CellRef, ChartSpec, RemovalPlan, WorkbookHost, WriteStats } from '../../src/excel/host';

export class FakeHost implements WorkbookHost {
  sheets: SheetValues[];
  calls: string[] = [];
  selection?: CellRef;
  active?: CellRef;
  lastChart?: ChartSpec;
  writtenBlocks: CellBlock[] = [];
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
    return this.sheets.map((s) => ({ name: s.name, values: inputs.includes(normalizeKey(s.name)) ? s.values.map((r) => [...r]) : [] }));
  }

  async writeRun(plan: WritePlan, chart?: ChartSpec): Promise<WriteStats> {
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
}
