// Files: reading a workbook file (checked zip, Swedish errors), atomic writes (temporary file,
// permission bits, symbolic links, Ctrl-C and SIGTERM), byte-stable zip dates, file name checks.
import { promises as fs, rmSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetOutput } from '../workbook/types';
import { damagedZipEntries, writeSheetOutputs, zipKind, type ZipKind } from './xlsx';
import { CliError, isTooLarge } from './errors';

/** Fixed date for the files `template` and `example` write, so that they are byte-stable. */
export const FIXED_FILE_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

export function describeFsError(error: unknown, file: string, reading: boolean): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return reading ? `Filen ${file} finns inte` : `Mappen för ${file} finns inte`;
    case 'EISDIR':
      return `${file} är en mapp, inte en fil`;
    case 'ENOTDIR':
      return `En del av sökvägen ${file} är en fil, inte en mapp`;
    case 'EACCES':
    case 'EPERM':
      return reading ? `Ingen behörighet att läsa ${file}` : `Ingen behörighet att skriva ${file} (är filen öppen i Excel?)`;
    case 'EBUSY':
      return `${file} är låst, kanske öppen i Excel: stäng den och försök igen`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Det finns inte plats på disken för ${file}`;
    case 'EFBIG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return reading ? `${file} är för stor för att läsas` : `${file} blir för stor för filsystemet`;
    case 'EROFS':
      return `${file} ligger på en skrivskyddad disk`;
    case 'ENAMETOOLONG':
      return `Filnamnet ${file} är för långt`;
    case 'ELOOP':
      return `${file} är en symbolisk länk som pekar på sig själv`;
    case 'EMFILE':
    case 'ENFILE':
      return `För många öppna filer för att ${reading ? 'läsa' : 'skriva'} ${file}; försök igen`;
    case 'EIO':
      return `Disken kunde inte ${reading ? 'läsa' : 'skriva'} ${file} (in- eller utmatningsfel)`;
    default:
      return `${reading ? 'Kunde inte läsa' : 'Kunde inte skriva'} ${file}${code ? ` (felkod ${code})` : ''}`;
  }
}

/** A workbook whose zip parts fail their checksum (spec: docs/workbook-format.md §1). */
export function damagedFileMessage(file: string, parts: string[]): string {
  const named = parts.filter((p) => p !== '');
  const which =
    named.length === 0
      ? ''
      : ` (${named.length === 1 ? 'delen' : 'delarna'} ${named.slice(0, 3).join(', ')}${named.length > 3 ? ' …' : ''})`;
  return `${file}: filen är skadad${which}; den kan inte läsas utan risk för fel siffror. Använd en oskadad kopia, eller öppna den i Excel och spara den igen.`;
}

/** A zip that is no Excel workbook: an .ods, .docx … renamed .xlsx. */
export function notAWorkbookMessage(file: string, kind: Exclude<ZipKind, 'xlsx'>): string {
  const what: Record<Exclude<ZipKind, 'xlsx'>, string> = {
    ods: 'ett OpenDocument-kalkylark (.ods)',
    odf: 'ett OpenDocument-dokument',
    docx: 'ett Word-dokument (.docx)',
    pptx: 'en PowerPoint-presentation (.pptx)',
    zip: 'en zip-fil utan arbetsbok',
  };
  const advice = kind === 'ods' ? ' Öppna den i LibreOffice eller Excel och spara den som Excel-arbetsbok (.xlsx).' : '';
  return `${file} är inte en Excel-arbetsbok (.xlsx): den är ${what[kind]}.${advice}`;
}

/** What exceljs says when it cannot read a file, in Swedish (its own messages are English). */
export function loadFailureMessage(file: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (isTooLarge(error)) {
    return `${file} är för stor för att läsas (en del av arbetsboken är större än vad programmet klarar)`;
  }
  if (/zip|central dir|signature|end of data|crc|deflate|inflate|invalid (block|distance|code)|unexpected end/i.test(text)) {
    return `${file}: filen är skadad; zip-arkivet i den kan inte läsas. Använd en oskadad kopia, eller öppna den i Excel och spara den igen.`;
  }
  return `Kunde inte läsa ${file} som en Excel-arbetsbok (.xlsx); öppna den i Excel eller LibreOffice, spara den som Excel-arbetsbok och försök igen`;
}

export async function readWorkbookFile(file: string): Promise<{ workbook: ExcelJS.Workbook; buffer: Buffer }> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch (error) {
    throw new CliError(describeFsError(error, file, true));
  }
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
    throw new CliError(
      `${file} är inte en .xlsx-fil: den är i det gamla .xls-formatet eller lösenordsskyddad. ` +
        'Spara den som Excel-arbetsbok (.xlsx) utan lösenord och försök igen.',
    );
  }
  if (buffer.length < 4 || buffer.readUInt32BE(0) !== 0x504b0304) {
    throw new CliError(`${file} är inte en Excel-arbetsbok (.xlsx)`);
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
  if (!file) throw new CliError(`Ange filen som ska skrivas med ${flag} FIL.xlsx`);
  if (!/\.xlsx$/i.test(file)) throw new CliError(`${file}: filen som skrivs måste sluta på .xlsx`);
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
  return `${file} finns redan och skrivs inte över. Ange en annan fil, eller --force för att skriva över den.`;
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
