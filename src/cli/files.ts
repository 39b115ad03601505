// Files: reading a workbook file (checked zip, Swedish errors), atomic writes (temporary file,
// permission bits, symbolic links, Ctrl-C and SIGTERM), byte-stable zip dates, file name checks.
import { promises as fs, rmSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetOutput } from '../workbook/types';
import { damagedZipEntries, writeSheetOutputs, zipKind, type ZipKind } from './xlsx';
import { CliError, isTooLarge } from './errors';
import { CLI_TEXTS } from './messages';

const T = CLI_TEXTS.files;

/** Fixed date for the files `template` and `example` write, so that they are byte-stable. */
export const FIXED_FILE_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

export function describeFsError(error: unknown, file: string, reading: boolean): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return T.notFound(file, reading);
    case 'EISDIR':
      return T.isFolder(file);
    case 'ENOTDIR':
      return T.pathThroughFile(file);
    case 'EACCES':
    case 'EPERM':
      return T.noPermission(file, reading);
    case 'EBUSY':
      return T.locked(file);
    case 'ENOSPC':
    case 'EDQUOT':
      return T.diskFull(file);
    case 'EFBIG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return T.fileTooLarge(file, reading);
    case 'EROFS':
      return T.readOnlyDisk(file);
    case 'ENAMETOOLONG':
      return T.nameTooLong(file);
    case 'ELOOP':
      return T.linkLoop(file);
    case 'EMFILE':
    case 'ENFILE':
      return T.tooManyOpen(file, reading);
    case 'EIO':
      return T.ioError(file, reading);
    default:
      return T.otherError(file, reading, code);
  }
}

/** A workbook whose zip parts fail their checksum (spec: docs/workbook-format.md §1). */
export function damagedFileMessage(file: string, parts: string[]): string {
  return T.damaged(
    file,
    parts.filter((p) => p !== ''),
  );
}

/** A zip that is no Excel workbook: an .ods, .docx … renamed .xlsx. */
export function notAWorkbookMessage(file: string, kind: Exclude<ZipKind, 'xlsx'>): string {
  return T.notAWorkbook(file, kind);
}

/** What exceljs says when it cannot read a file, in Swedish (its own messages are English). */
export function loadFailureMessage(file: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (isTooLarge(error)) return T.partTooLarge(file);
  if (/zip|central dir|signature|end of data|crc|deflate|inflate|invalid (block|distance|code)|unexpected end/i.test(text)) {
    return T.damagedZip(file);
  }
  return T.unreadable(file);
}

export async function readWorkbookFile(file: string): Promise<{ workbook: ExcelJS.Workbook; buffer: Buffer }> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch (error) {
    throw new CliError(describeFsError(error, file, true));
  }
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
    throw new CliError(T.oldXls(file));
  }
  if (buffer.length < 4 || buffer.readUInt32BE(0) !== 0x504b0304) {
    throw new CliError(T.notXlsx(file));
  }
  // The zip is checked before exceljs reads it: a damaged part would be read with wrong figures.
  const damaged = damagedZipEntries(buffer);
  if (damaged.length > 0) throw new CliError(damagedFileMessage(file, damaged));
  const kind = zipKind(buffer);
  if (kind !== 'xlsx') throw new CliError(notAWorkbookMessage(file, kind));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new CliError(loadFailureMessage(file, error));
  }
  return { workbook, buffer };
}

/** What the command line says when Ctrl-C or SIGTERM stops a write. */
export const INTERRUPTED_MESSAGE = 'avbruten; ingen fil skrevs';

/** Temporary files being written: removed if the process is interrupted (Ctrl-C, SIGTERM). */
export const pendingTemporaries = new Set<string>();
/** Exit codes of a process ended by a signal, as a shell gives them (128 + the signal's number). */
export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
export const signalHandlers = new Map<'SIGINT' | 'SIGTERM', () => void>();

/** Removes the pending temporary files and ends the process with the signal's exit code. */
export function interrupted(signal: 'SIGINT' | 'SIGTERM'): void {
  for (const file of pendingTemporaries) {
    try {
      rmSync(file, { force: true });
    } catch {
      // nothing more can be done on the way out
    }
  }
  pendingTemporaries.clear();
  process.stderr.write(`\nfinsam: ${INTERRUPTED_MESSAGE}\n`);
  process.exit(SIGNAL_EXIT[signal]);
}

export function trackTemporary(file: string): void {
  pendingTemporaries.add(file);
  for (const signal of Object.keys(SIGNAL_EXIT) as ('SIGINT' | 'SIGTERM')[]) {
    if (signalHandlers.has(signal)) continue;
    const handler = (): void => interrupted(signal);
    signalHandlers.set(signal, handler);
    process.on(signal, handler);
  }
}

export function untrackTemporary(file: string): void {
  pendingTemporaries.delete(file);
  if (pendingTemporaries.size > 0) return;
  for (const [signal, handler] of signalHandlers) process.off(signal, handler);
  signalHandlers.clear();
}

/**
 * The file a write goes to: a symbolic link is followed to its target (the target is updated and the
 * link kept), with the target's permission bits (undefined for a new file: the umask decides).
 */
export async function writeTarget(target: string): Promise<{ file: string; mode?: number }> {
  const resolved = path.resolve(target);
  let file = resolved;
  try {
    file = await fs.realpath(resolved);
  } catch {
    // a new file (or a dangling link: written where the link is)
  }
  try {
    const stat = await fs.stat(file);
    return { file, mode: stat.mode & 0o7777 };
  } catch {
    return { file };
  }
}

/**
 * Writes a file whole or not at all: a temporary file in the same folder, then a rename over the
 * target. An existing file keeps its permission bits; a symbolic link is followed (its target is
 * replaced, the link stays); Ctrl-C or SIGTERM during the write removes the temporary file.
 */
export async function writeFileAtomically(target: string, data: Uint8Array): Promise<void> {
  const { file, mode } = await writeTarget(target);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  trackTemporary(temporary);
  try {
    try {
      // A missing folder is created (e.g. out/ in a fresh checkout); the file itself is written whole or not at all.
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(temporary, data, { flag: 'wx', ...(mode !== undefined ? { mode } : {}) });
      // writeFile's mode is filtered by the umask: the file's own bits are set as they were
      if (mode !== undefined) await fs.chmod(temporary, mode);
    } catch (error) {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
      throw new CliError(describeFsError(error, target, false));
    }
    try {
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
      throw new CliError(describeFsError(error, target, false));
    }
  } finally {
    untrackTemporary(temporary);
  }
}

/** Sets every zip entry's date (DOS time in local headers and central directory) to `date`, for byte-stable files. */
export function normalizeZipDates(buffer: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(buffer);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  let end = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return out;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  for (let n = 0; n < count; n += 1) {
    if (view.getUint32(offset, true) !== 0x02014b50) break;
    view.setUint16(offset + 12, dosTime, true);
    view.setUint16(offset + 14, dosDate, true);
    const local = view.getUint32(offset + 42, true);
    if (view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, dosTime, true);
      view.setUint16(local + 12, dosDate, true);
    }
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return out;
}

export function requireXlsxName(file: string | undefined, flag = '--out'): string {
  if (!file) throw new CliError(T.outputMissing(flag));
  if (!/\.xlsx$/i.test(file)) throw new CliError(T.outputNotXlsx(file));
  return file;
}

/** True when something (a file, a folder, a link) is at the path. */
export async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** `template` or `example` onto an existing file without --force. */
export function fileExistsMessage(file: string): string {
  return T.exists(file);
}

export async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => {
    try {
      return await fs.realpath(p);
    } catch {
      return path.resolve(p);
    }
  };
  const [ra, rb] = await Promise.all([real(a), real(b)]);
  return process.platform === 'win32' || process.platform === 'darwin' ? ra.toLowerCase() === rb.toLowerCase() : ra === rb;
}

/** A workbook made of sheets only (template, example), with fixed dates so the file is byte-stable. */
export async function sheetsToFile(sheets: SheetOutput[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'finsam';
  workbook.lastModifiedBy = 'finsam';
  workbook.created = FIXED_FILE_DATE;
  workbook.modified = FIXED_FILE_DATE;
  writeSheetOutputs(workbook, sheets);
  const buffer = new Uint8Array(await workbook.xlsx.writeBuffer());
  return normalizeZipDates(buffer, FIXED_FILE_DATE);
}
