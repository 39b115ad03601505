// `finsam`: the command line. A thin adapter: files in and out, the exceljs adapter (./xlsx), and
// the host-neutral workbook layer (../workbook) that reads, computes and plans what to write.
//
// Exit codes: 0 done; 2 the input or the command line has problems (every problem printed, nothing
// written); 1 an unexpected failure (a bug: please report it with the message).
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import * as workbookLayer from '../workbook';
import { terminalText } from './terminal';
import { exampleSheets } from '../workbook/example';
import type { Problem, RunSummary, SheetOutput, SheetValues } from '../workbook/types';
import {
  applyWritePlan,
  damagedZipEntries,
  dropUnreadConditionalFormats,
  giveTablesStyleInfo,
  lostFeatures,
  prepareRecalculation,
  readSheets,
  writeConflicts,
  writeSheetOutputs,
  zipKind,
  type UncachedFormula,
  type ZipKind,
} from './xlsx';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Clock for Körlogg's Tidpunkt and the progress lines (tests may fix it). */
  now: () => Date;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
};

/** Fixed date for the files `template` and `example` write, so that they are byte-stable. */
export const FIXED_FILE_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INPUT = 2;

/** A problem that ends the command with exit code 2 and a Swedish message. */
export class CliError extends Error {
  readonly lines: string[];
  constructor(lines: string | string[]) {
    const all = Array.isArray(lines) ? lines : [lines];
    super(all.join('\n'));
    this.name = 'CliError';
    this.lines = all;
  }
}

/**
 * A failure that is not the input's fault (e.g. exceljs cannot write a workbook it has read): exit
 * code 1 and a Swedish message, never a stack trace (set FINSAM_DEBUG=1 to see the cause's stack).
 */
export class CliFailure extends Error {
  readonly lines: string[];
  constructor(
    lines: string | string[],
    readonly cause?: unknown,
  ) {
    const all = Array.isArray(lines) ? lines : [lines];
    super(all.join('\n'));
    this.name = 'CliFailure';
    this.lines = all;
  }
}

function causeText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return process.env.FINSAM_DEBUG && error instanceof Error && error.stack ? error.stack : message;
}

function version(): string {
  for (const candidate of [path.join(__dirname, '..', '..', 'package.json'), path.join(__dirname, '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'finsam' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return 'okänd';
}

// ---------------------------------------------------------------------------------------------
// Help texts

const PROGRAM_HELP = `finsam – Finsams medelstilldelning från kommandoraden

Användning:
  finsam <kommando> [flaggor]

Kommandon:
  allocate  FIL.xlsx --out UT.xlsx     Beräknar fördelningen och skriver resultatet till en ny fil
  template  --out TOM.xlsx             Skriver en tom mall att fylla i
  example   --out EXEMPEL.xlsx         Skriver ett fiktivt, nationellt exempel
  explain   FIL.xlsx --forbund NAMN    Förklarar steg för steg hur ett förbunds tilldelning blev som den blev

  Svenska namn går också bra: fördela, mall, exempel, förklara.

Flaggor:
  -h, --help      Visar hjälpen (även för ett kommando: finsam allocate --help)
  -v, --version   Visar versionen

Avslutningskoder: 0 klart, 2 fel i indata eller på kommandoraden (inget skrivs), 1 oväntat fel.
`;

const COMMAND_HELP: Record<CommandName, string> = {
  allocate: `finsam allocate – beräknar fördelningen för en arbetsbok

Användning:
  finsam allocate FIL.xlsx --out UT.xlsx [--json] [--quiet]
  finsam allocate FIL.xlsx --in-place [--json] [--quiet]

Läser bladen Parametrar, Förbund och Kommuner, beräknar fördelningen och skriver en kopia av
arbetsboken med resultatet: kolumner till höger om indata på Förbund och bladen Kommunbidrag och
Körlogg. Indata ändras aldrig; en ny körning på utfilen ersätter bara den förra körningens resultat.
Har filen fel skrivs varje fel med sin cell (t.ex. Förbund!E7) och ingen fil skrivs.

Flaggor:
  -o, --out UT.xlsx   Filen som skrivs (skrivs över om den finns; skrivs helt eller inte alls)
  --in-place          Skriv resultatet i själva indatafilen i stället för en ny fil
  --json              Skriv sammanfattningen (eller felen) som JSON på standard ut
  -q, --quiet         Inga förloppsrader på standard fel
  -h, --help          Visar den här hjälpen
`,
  template: `finsam template – skriver en tom mall

Användning:
  finsam template --out TOM.xlsx [--force]

Mallen har bladen Parametrar, Förbund och Kommuner med rätt rubriker, instruktioner och
kontroller av vad som kan skrivas i cellerna.

Flaggor:
  -o, --out TOM.xlsx  Filen som skrivs (en fil som redan finns skrivs bara över med --force)
  -f, --force         Skriv över filen om den finns
  -h, --help          Visar den här hjälpen
`,
  example: `finsam example – skriver ett fiktivt nationellt exempel

Användning:
  finsam example --out EXEMPEL.xlsx [--force]

Exemplet har omkring 80 påhittade förbund i de fem verksamhetsområdena och omkring 290 kommuner
och stadsdelar, med statlig ram 339 000 000 kr. Alla uppgifter är fiktiva. Prova sedan:
  finsam allocate EXEMPEL.xlsx --out RESULTAT.xlsx

Flaggor:
  -o, --out EXEMPEL.xlsx  Filen som skrivs (en fil som redan finns skrivs bara över med --force)
  -f, --force             Skriv över filen om den finns
  -h, --help              Visar den här hjälpen
`,
  explain: `finsam explain – förklarar ett förbunds tilldelning

Användning:
  finsam explain FIL.xlsx --forbund NAMN

Beräknar fördelningen för arbetsboken (utan att skriva något) och visar steg för steg hur det
namngivna förbundets tilldelning blev som den blev.

Flaggor:
  -f, --forbund NAMN  Förbundets namn som på bladet Förbund (även --förbund)
  -h, --help          Visar den här hjälpen
`,
};

type CommandName = 'allocate' | 'template' | 'example' | 'explain';

const COMMAND_ALIASES: Record<string, CommandName> = {
  allocate: 'allocate',
  fördela: 'allocate',
  fordela: 'allocate',
  template: 'template',
  mall: 'template',
  example: 'example',
  exempel: 'example',
  explain: 'explain',
  förklara: 'explain',
  forklara: 'explain',
};

// ---------------------------------------------------------------------------------------------
// Progress: plain lines on stderr (no colours or spinners, so CI logs stay clean).

class Progress {
  private readonly started: number;
  constructor(
    private readonly io: CliIo,
    private readonly quiet: boolean,
  ) {
    this.started = io.now().getTime();
  }
  step(text: string): void {
    if (!this.quiet) this.io.stderr(`${text} (${this.elapsed()})\n`);
  }
  elapsed(): string {
    const seconds = (this.io.now().getTime() - this.started) / 1000;
    return `${seconds.toFixed(1).replace('.', ',')} s`;
  }
}

// ---------------------------------------------------------------------------------------------
// Files

function describeFsError(error: unknown, file: string, reading: boolean): string {
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
function loadFailureMessage(file: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (isTooLarge(error)) {
    return `${file} är för stor för att läsas (en del av arbetsboken är större än vad programmet klarar)`;
  }
  if (/zip|central dir|signature|end of data|crc|deflate|inflate|invalid (block|distance|code)|unexpected end/i.test(text)) {
    return `${file}: filen är skadad; zip-arkivet i den kan inte läsas. Använd en oskadad kopia, eller öppna den i Excel och spara den igen.`;
  }
  return `Kunde inte läsa ${file} som en Excel-arbetsbok (.xlsx); öppna den i Excel eller LibreOffice, spara den som Excel-arbetsbok och försök igen`;
}

async function readWorkbookFile(file: string): Promise<{ workbook: ExcelJS.Workbook; buffer: Buffer }> {
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
const pendingTemporaries = new Set<string>();
/** Exit codes of a process ended by a signal, as a shell gives them (128 + the signal's number). */
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
const signalHandlers = new Map<'SIGINT' | 'SIGTERM', () => void>();

/** Removes the pending temporary files and ends the process with the signal's exit code. */
function interrupted(signal: 'SIGINT' | 'SIGTERM'): void {
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

function trackTemporary(file: string): void {
  pendingTemporaries.add(file);
  for (const signal of Object.keys(SIGNAL_EXIT) as ('SIGINT' | 'SIGTERM')[]) {
    if (signalHandlers.has(signal)) continue;
    const handler = (): void => interrupted(signal);
    signalHandlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function untrackTemporary(file: string): void {
  pendingTemporaries.delete(file);
  if (pendingTemporaries.size > 0) return;
  for (const [signal, handler] of signalHandlers) process.off(signal, handler);
  signalHandlers.clear();
}

/**
 * The file a write goes to: a symbolic link is followed to its target (the target is updated and the
 * link kept), with the target's permission bits (undefined for a new file: the umask decides).
 */
async function writeTarget(target: string): Promise<{ file: string; mode?: number }> {
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

function requireXlsxName(file: string | undefined, flag = '--out'): string {
  if (!file) throw new CliError(`Ange filen som ska skrivas med ${flag} FIL.xlsx`);
  if (!/\.xlsx$/i.test(file)) throw new CliError(`${file}: filen som skrivs måste sluta på .xlsx`);
  return file;
}

/** True when something (a file, a folder, a link) is at the path. */
async function exists(file: string): Promise<boolean> {
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

async function samePath(a: string, b: string): Promise<boolean> {
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
async function sheetsToFile(sheets: SheetOutput[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'finsam';
  workbook.lastModifiedBy = 'finsam';
  workbook.created = FIXED_FILE_DATE;
  workbook.modified = FIXED_FILE_DATE;
  writeSheetOutputs(workbook, sheets);
  const buffer = new Uint8Array(await workbook.xlsx.writeBuffer());
  return normalizeZipDates(buffer, FIXED_FILE_DATE);
}

// ---------------------------------------------------------------------------------------------
// Reading a workbook into the host-neutral layer

const INPUT_SHEET_KEYS = ['parametrar', 'förbund', 'kommuner'];

function isInputSheet(name: string): boolean {
  return INPUT_SHEET_KEYS.includes(name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv'));
}

/**
 * Formula cells without a cached result among the cells a run reads (workbookLayer.cellsRead: the
 * header rows, the input columns below them, the parameter cells): their value is unknown, so they
 * are problems. Elsewhere (titles, notes, unknown columns, other sheets) they do not matter.
 */
function uncachedProblems(
  uncached: UncachedFormula[],
  reads: (sheet: string, row: number, column: number) => boolean,
): Problem[] {
  return uncached
    .filter((u) => isInputSheet(u.sheet) && reads(u.sheet, u.row - 1, u.column - 1))
    .map((u) => ({
      sheet: u.sheet,
      row: u.row,
      column: u.column,
      address: u.address,
      message: `formeln =${u.formula} saknar sparat värde; öppna filen i Excel eller LibreOffice, spara den och försök igen`,
    }));
}

type Computed =
  | {
      ok: true;
      run: Extract<ReturnType<typeof workbookLayer.runAllocation>, { ok: true }>;
      sheets: SheetValues[];
      /** the cells the run read (0-based), by sheet name as in the workbook */
      reads: (sheet: string, row: number, column: number) => boolean;
    }
  | { ok: false; problems: Problem[] };

function compute(workbook: ExcelJS.Workbook, timestamp: Date): Computed {
  const uncached: UncachedFormula[] = [];
  const sheets = readSheets(workbook, { uncachedFormulas: uncached, layout: true });
  const reads = workbookLayer.cellsRead(sheets);
  const formulaProblems = uncachedProblems(uncached, reads);
  const run = workbookLayer.runAllocation(sheets, { timestamp });
  if (!run.ok) return { ok: false, problems: workbookLayer.sortProblems([...formulaProblems, ...run.problems]) };
  if (formulaProblems.length > 0) return { ok: false, problems: formulaProblems };
  return { ok: true, run, sheets, reads };
}

/** A failure of size: a string or buffer beyond what node can hold ("Invalid string length"). */
function isTooLarge(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /invalid string length|array buffer allocation failed|invalid array length|out of memory/i.test(text);
}

function tooLargeToWriteMessage(output: string): string {
  return `Kunde inte skriva ${output}: arbetsboken blev för stor för att skrivas (mer än programmet klarar i minnet). Ingen fil skrevs.`;
}

/**
 * Applies the plan and serialises the workbook. Anything exceljs throws here is not the input's
 * fault: it becomes a CliFailure (exit 1, a Swedish message, no stack trace) and no file is written.
 */
async function writeRun(
  workbook: ExcelJS.Workbook,
  computed: Extract<Computed, { ok: true }>,
  now: Date,
  output: string,
): Promise<Uint8Array> {
  try {
    applyWritePlan(workbook, computed.run.plan);
    giveTablesStyleInfo(workbook);
    dropUnreadConditionalFormats(workbook);
    const written = [...computed.run.plan.blocks.map((b) => b.sheet), ...computed.run.plan.sheets.map((sheet) => sheet.name)];
    prepareRecalculation(workbook, computed.reads, written);
    workbook.modified = now;
    workbook.lastModifiedBy = 'finsam';
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  } catch (error) {
    if (isTooLarge(error)) throw new CliFailure(tooLargeToWriteMessage(output), error);
    throw new CliFailure(
      [
        `Kunde inte skriva ${output}: exceljs klarade inte att skriva arbetsboken (${causeText(error)}). Ingen fil skrevs.`,
        'Prova att öppna filen i Excel eller LibreOffice, spara den som Excel-arbetsbok (.xlsx) och köra igen.',
      ],
      error,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Summary

export interface JsonSummary {
  ok: true;
  input: string;
  output: string;
  year?: number;
  scenario: string;
  budget: number;
  totalFinal: number;
  undistributed: number;
  appliedMaxDecrease: number;
  federationCount: number;
  municipalityCount: number;
  warningCounts: Record<string, number>;
  notes: string[];
}

function summaryLines(summary: RunSummary, output: string, year: number | undefined, notes: string[]): string[] {
  return [
    `Klart: resultatet är skrivet till ${output}`,
    ...(year !== undefined ? [`  År: ${year}`] : []),
    ...summary.lines.map((line) => `  ${line}`),
    ...notes.map((note) => `  Obs: ${note}`),
  ];
}

function problemLines(file: string, problems: Problem[], nothingWritten = true): string[] {
  return [
    `${file} har ${problems.length} fel${nothingWritten ? '; ingen fil skrevs' : ''}:`,
    ...problems.map((p) => workbookLayer.formatProblem(p)),
  ];
}

// ---------------------------------------------------------------------------------------------
// Commands

async function allocateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      'in-place': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP.allocate);
    return EXIT_OK;
  }
  const json = Boolean(values.json);
  try {
    if (positionals.length !== 1) throw new CliError('Ange en indatafil: finsam allocate FIL.xlsx --out UT.xlsx');
    const input = positionals[0];
    const inPlace = Boolean(values['in-place']);
    if (inPlace && values.out && !(await samePath(values.out, input))) {
      throw new CliError('Ange antingen --out eller --in-place, inte båda');
    }
    const output = inPlace ? input : requireXlsxName(values.out);
    if (!inPlace && (await samePath(input, output))) {
      throw new CliError(
        `Utfilen är samma fil som indatafilen (${input}). Ange en annan fil med --out, eller --in-place för att skriva i indatafilen.`,
      );
    }
    const progress = new Progress(io, Boolean(values.quiet));
    progress.step(`Läser ${input}`);
    const { workbook, buffer } = await readWorkbookFile(input);
    const notes = lostFeatures(buffer);
    if (inPlace && notes.length > 0) {
      throw new CliError([
        `${input} innehåller sådant som inte följer med när filen skrivs om:`,
        ...notes.map((note) => `  ${note}`),
        'Skriv resultatet till en ny fil med --out i stället.',
      ]);
    }
    progress.step('Beräknar');
    const computed = compute(workbook, io.now());
    if (!computed.ok) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, input, problems: computed.problems }, null, 2)}\n`);
      else io.stderr(`${problemLines(input, computed.problems).join('\n')}\n`);
      return EXIT_INPUT;
    }
    const { run } = computed;
    const problems = writeConflicts(workbook, run.plan);
    if (problems.length > 0) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, input, problems }, null, 2)}\n`);
      else io.stderr(`${problemLines(input, problems).join('\n')}\n`);
      return EXIT_INPUT;
    }
    progress.step(`Skriver ${output}`);
    const data = await writeRun(workbook, computed, io.now(), output);
    await writeFileAtomically(output, data);
    progress.step('Klart');
    const summary = run.plan.summary;
    const year = run.result.parameters.year;
    if (json) {
      const result: JsonSummary = {
        ok: true,
        input,
        output,
        ...(year !== undefined ? { year } : {}),
        scenario: summary.scenario,
        budget: summary.budget,
        totalFinal: summary.totalFinal,
        undistributed: summary.undistributed,
        appliedMaxDecrease: summary.appliedMaxDecrease,
        federationCount: summary.federationCount,
        municipalityCount: summary.municipalityCount,
        warningCounts: summary.warningCounts,
        notes,
      };
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout(`${summaryLines(summary, output, year, notes).join('\n')}\n`);
    }
    return EXIT_OK;
  } catch (error) {
    if ((error instanceof CliError || error instanceof CliFailure) && json) {
      io.stdout(`${JSON.stringify({ ok: false, error: error.message }, null, 2)}\n`);
      return error instanceof CliFailure ? EXIT_FAILURE : EXIT_INPUT;
    }
    throw error;
  }
}

async function sheetsCommand(name: 'template' | 'example', args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', short: 'f' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP[name]);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new CliError(`Okänt argument: ${positionals[0]}. Ange filen med --out FIL.xlsx`);
  const output = requireXlsxName(values.out);
  // A workbook of the user's is never overwritten by a template or an example unless asked for
  if (!values.force && (await exists(output))) throw new CliError(fileExistsMessage(output));
  const sheets = name === 'template' ? workbookLayer.templateSheets() : exampleSheets();
  await writeFileAtomically(output, await sheetsToFile(sheets));
  io.stdout(
    name === 'template' ? `Mallen är skriven till ${output}\n` : `Exemplet (fiktiva uppgifter) är skrivet till ${output}\n`,
  );
  return EXIT_OK;
}

async function explainCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      forbund: { type: 'string', short: 'f' },
      förbund: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP.explain);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new CliError('Ange en indatafil: finsam explain FIL.xlsx --forbund NAMN');
  const federation = values.forbund ?? values.förbund;
  if (!federation) throw new CliError('Ange förbundet med --forbund NAMN');
  const input = positionals[0];
  const { workbook } = await readWorkbookFile(input);
  const computed = compute(workbook, io.now());
  if (!computed.ok) {
    io.stderr(`${problemLines(input, computed.problems, false).join('\n')}\n`);
    return EXIT_INPUT;
  }
  const wanted = workbookLayer.normalizeKey(federation);
  const match = computed.run.result.federations.find((f) => workbookLayer.normalizeKey(f.name) === wanted);
  if (!match) {
    const names = computed.run.result.federations.map((f) => f.name);
    const similar = names.filter((n) => workbookLayer.normalizeKey(n).includes(wanted)).slice(0, 5);
    throw new CliError([
      workbookLayer.READ_TEXTS.federationNotOnSheet(federation, workbookLayer.FEDERATION_SHEET),
      ...(similar.length > 0 ? [`Menade du: ${similar.join(', ')}?`] : []),
    ]);
  }
  io.stdout(`${explanationText(workbookLayer.explainFederation(computed.run.result, match.name))}\n`);
  return EXIT_OK;
}

/** The calculation chain as aligned lines: "Idealfördelning     2 641 316 kr  (note)". */
function explanationText(lines: workbookLayer.ExplanationLine[]): string {
  const width = Math.min(40, Math.max(0, ...lines.map((line) => line.label.length)));
  return lines.map((line) => `${line.label.padEnd(width)}  ${line.value}${line.note ? `  (${line.note})` : ''}`).join('\n');
}

/** Runs the command line; returns the exit code. Everything it prints goes through terminalText. */
export async function run(argv: string[], rawIo: CliIo = defaultIo): Promise<number> {
  const io: CliIo = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(terminalText(text)),
    stderr: (text) => rawIo.stderr(terminalText(text)),
  };
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '-h' || first === '--help' || first === 'help' || first === 'hjälp') {
      const topic = first === 'help' || first === 'hjälp' ? COMMAND_ALIASES[rest[0] ?? ''] : undefined;
      io.stdout(topic ? COMMAND_HELP[topic] : PROGRAM_HELP);
      return first === undefined ? EXIT_INPUT : EXIT_OK;
    }
    if (first === '-v' || first === '--version') {
      io.stdout(`finsam ${version()}\n`);
      return EXIT_OK;
    }
    const command = COMMAND_ALIASES[first.toLocaleLowerCase('sv')];
    if (!command) throw new CliError(`Okänt kommando: ${first}. Skriv finsam --help för en lista över kommandon.`);
    switch (command) {
      case 'allocate':
        return await allocateCommand(rest, io);
      case 'template':
      case 'example':
        return await sheetsCommand(command, rest, io);
      case 'explain':
        return await explainCommand(rest, io);
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`finsam: ${error.lines.join('\n')}\n`);
      return EXIT_INPUT;
    }
    if (error instanceof CliFailure) {
      io.stderr(`finsam: ${error.lines.join('\n')}\n`);
      return EXIT_FAILURE;
    }
    const code = (error as { code?: string } | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`finsam: ${parseArgsMessage(error as Error & { code: string })}\nSkriv finsam --help för hjälp.\n`);
      return EXIT_INPUT;
    }
    // No stack trace unless asked for (FINSAM_DEBUG=1): the message is what to report.
    io.stderr(`finsam: oväntat fel: ${causeText(error)}\n`);
    return EXIT_FAILURE;
  }
}

function parseArgsMessage(error: Error & { code: string }): string {
  const option = /--[\p{L}\w-]+/u.exec(error.message)?.[0] ?? /'(-[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `okänd flagga ${option ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `flaggan ${option ?? ''} behöver ett värde`.replace('  ', ' ');
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `oväntat argument ${option ?? ''}`.trim();
    default:
      return error.message;
  }
}

/** Entry point of bin/finsam.js. */
export function cli(): void {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(terminalText(`finsam: oväntat fel: ${String(error)}\n`));
      process.exitCode = EXIT_FAILURE;
    },
  );
}

if (require.main === module) cli();
