// Helpers for the end-to-end tests: build the command line once, run bin/finsam.js as a child
// process, and read .xlsx files back with exceljs.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'finsam.js');
const ENTRY = path.join(ROOT, 'build', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.ts$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsFresh(): boolean {
  if (!fs.existsSync(ENTRY)) return false;
  const built = fs.statSync(ENTRY).mtimeMs;
  return ['engine', 'workbook', 'documents', 'cli', 'round'].every((dir) => newestSource(path.join(ROOT, 'src', dir)) <= built);
}

/**
 * Builds build/cli (npm run build:cli) unless it is newer than every source file. Test files run in
 * parallel workers, so the build is guarded by a lock directory; a waiting worker re-checks after.
 */
export function ensureBuilt(): void {
  if (buildIsFresh()) return;
  const lock = path.join(ROOT, 'build', '.e2e-build-lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker is building (or a stale lock from a killed run: give up waiting after a while).
      if (Date.now() > deadline) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      if (buildIsFresh()) return;
    }
  }
  try {
    if (!buildIsFresh()) {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.cli.json'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
      // tsc keeps the mtime of unchanged outputs in some versions: mark the build as fresh.
      const now = new Date();
      fs.utimesSync(ENTRY, now, now);
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/finsam.js ARGS` in `cwd`. */
export function runCli(args: string[], cwd: string = ROOT): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'finsam-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

export function sheetByName(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.worksheets.find((ws) => ws.name.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv'));
  if (!sheet) throw new Error(`no sheet ${name} (have ${workbook.worksheets.map((ws) => ws.name).join(', ')})`);
  return sheet;
}

/** Plain value of a cell as shown (formula → result, rich text → text). */
export function plain(cell: ExcelJS.Cell): string | number | boolean | null {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('result' in v) return v.result as string | number;
    if ('richText' in v) return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in v) return v.text as string;
    if (value instanceof Date) return value.toISOString();
    if ('formula' in v || 'sharedFormula' in v) return null;
  }
  return value as string | number | boolean;
}

/** A table on a sheet: the header row (found by a header it must contain) and one record per data row. */
export function table(
  sheet: ExcelJS.Worksheet,
  keyHeader: string,
): { headerRow: number; headers: string[]; rows: Record<string, unknown>[] } {
  let headerRow = 0;
  sheet.eachRow((row, rowNumber) => {
    if (headerRow) return;
    row.eachCell((cell) => {
      if (plain(cell) === keyHeader) headerRow = rowNumber;
    });
  });
  if (!headerRow) throw new Error(`no header ${keyHeader} on ${sheet.name}`);
  const headers: string[] = [];
  sheet.getRow(headerRow).eachCell({ includeEmpty: true }, (cell, column) => {
    headers[column - 1] = String(plain(cell) ?? '');
  });
  const rows: Record<string, unknown>[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r += 1) {
    const record: Record<string, unknown> = {};
    let any = false;
    headers.forEach((header, i) => {
      const value = plain(sheet.getRow(r).getCell(i + 1));
      if (value !== null && value !== '') any = true;
      if (header) record[header] = value;
    });
    if (any) rows.push(record);
  }
  return { headerRow, headers, rows };
}

/** Every cell of a worksheet that has a value or a style: address → {value, style}, as exceljs models them. */
export function cellSnapshot(sheet: ExcelJS.Worksheet): Map<string, { value: unknown; style: unknown }> {
  const cells = new Map<string, { value: unknown; style: unknown }>();
  sheet.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      const style = JSON.parse(JSON.stringify(cell.style ?? {})) as unknown;
      const value = JSON.parse(JSON.stringify(cell.value ?? null)) as unknown;
      if (value === null && JSON.stringify(style) === '{}') return;
      cells.set(cell.address, { value, style });
    });
  });
  return cells;
}

/** Everything exceljs models about a sheet besides its cells: merges, column widths, views, validations. */
export function sheetSnapshot(sheet: ExcelJS.Worksheet): unknown {
  const model = sheet.model as unknown as { merges?: string[]; cols?: unknown };
  return JSON.parse(
    JSON.stringify({
      name: sheet.name,
      merges: [...(model.merges ?? [])].sort(),
      cols: model.cols ?? null,
      views: sheet.views,
      dataValidations: (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
      properties: sheet.properties,
    }),
  ) as unknown;
}

/** The text of one part of a zip (.xlsx) file, read with its central directory and zlib. */
export function zipPartText(buffer: Buffer, name: string): string | undefined {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return undefined;
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  for (let n = 0; n < count; n += 1) {
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const entryName = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (entryName === name) {
      const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(dataStart, dataStart + compressedSize);
      return (method === 0 ? data : zlib.inflateRawSync(data)).toString('utf8');
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

/** Every number format code stored in an .xlsx file's styles part. */
export function storedNumberFormats(file: string): string[] {
  const xml = zipPartText(fs.readFileSync(file), 'xl/styles.xml') ?? '';
  return [...xml.matchAll(/<numFmt [^>]*formatCode="([^"]*)"/g)].map((m) =>
    m[1]
      .replace(/&gt;/g, '>')
      .replace(/&lt;/g, '<')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

/** LibreOffice's soffice on PATH, or undefined. */
export function findSoffice(): string | undefined {
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir && fs.existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Files converted by LibreOffice (headless, one soffice run, the user profile `profile` of the test's own)
 * into `outDir` with the filter given (`xlsx:Calc MS Excel 2007 XML`, `pdf`, a csv filter …). Gives the
 * converted files' paths for filters whose output has the input's name and the filter's extension.
 */
export function convertWithLibreOffice(
  files: string[],
  filter: string,
  outDir: string,
  profile: string,
  timeout = 180_000,
): string[] {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) finns inte på PATH: installera libreoffice-calc.');
  fs.mkdirSync(outDir, { recursive: true });
  const result = spawnSync(
    soffice,
    [
      `-env:UserInstallation=file://${profile.replace(/\\/g, '/')}`,
      '--headless',
      '--convert-to',
      filter,
      '--outdir',
      outDir,
      ...files,
    ],
    { encoding: 'utf8', timeout },
  );
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stdout} ${result.stderr}`);
  const extension = filter.split(':')[0];
  return files.map((file) => {
    const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${extension}`);
    if (extension !== 'csv' && !fs.existsSync(out)) throw new Error(`soffice wrote no ${out}: ${result.stdout} ${result.stderr}`);
    return out;
  });
}
