// The prelude every file command shares: its flags with --help and --quiet, --json errors, one input
// file and one --out file (never the same file), reading the workbook with progress, and the problems
// that stop it (exit 2). A command adds only its own; serialising is compute.ts's.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type ExcelJS from 'exceljs';
import type { Problem } from '../workbook/types';
import { lostFeatures } from './xlsx';
import { COMMAND_HELP } from './help';
import type { CommandName } from './help';
import { CliError, EXIT_INPUT, EXIT_OK, jsonErrorExit } from './errors';
import { Progress, type CliIo } from './io';
import { readWorkbookFile, requireXlsxName, samePath } from './files';
import { problemLines } from './compute';
import { CLI_TEXTS } from './messages';

type Options = NonNullable<ParseArgsConfig['options']>;
/** The flags as parsed: a boolean flag's value is a boolean, a string flag's a string (none repeats). */
type Values<O extends Options> = { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string };

const COMMON_OPTIONS = {
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What a command's body is given: its flags and files, whether --json is on, and its progress lines. */
export interface CommandRun<O extends Options> {
  values: Values<O & typeof COMMON_OPTIONS>;
  positionals: string[];
  json: boolean;
  progress: Progress;
}

/**
 * Runs a command: parses `args` with its `options` (and --quiet, --help), prints its help for --help,
 * and with --json turns a CliError or CliFailure into a JSON answer (exit 2 or 1); without --json they
 * reach `run` (main.ts) as they are.
 */
export async function runCommand<const O extends Options>(
  command: CommandName,
  args: string[],
  io: CliIo,
  options: O,
  body: (run: CommandRun<O>) => Promise<number>,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...options, ...COMMON_OPTIONS },
  }) as unknown as Pick<CommandRun<O>, 'values' | 'positionals'>;
  if (values.help) {
    io.stdout(COMMAND_HELP[command]);
    return EXIT_OK;
  }
  const json = Boolean((values as Values<{ json: { type: 'boolean' } }>).json);
  try {
    return await body({ values, positionals, json, progress: new Progress(io, Boolean(values.quiet)) });
  } catch (error) {
    const code = jsonErrorExit(error, json, io.stdout);
    if (code === undefined) throw error;
    return code;
  }
}

/**
 * The one input file and the --out file of a command: exactly one input (else `usage`), an .xlsx name
 * for --out, and never the input itself (`sameFile`).
 */
export async function inputAndOutput(
  positionals: string[],
  out: string | undefined,
  usage: string,
  sameFile: (input: string) => string = CLI_TEXTS.command.sameFile,
): Promise<{ input: string; output: string }> {
  if (positionals.length !== 1) throw new CliError(usage);
  const input = positionals[0];
  const output = requireXlsxName(out);
  if (await samePath(input, output)) throw new CliError(sameFile(input));
  return { input, output };
}

/** Reads the input workbook with its progress line; `notes` are what exceljs would lose on writing. */
export async function readInput(
  progress: Progress,
  input: string,
): Promise<{ workbook: ExcelJS.Workbook; buffer: Buffer; notes: string[] }> {
  progress.step(CLI_TEXTS.command.reading(input));
  const { workbook, buffer } = await readWorkbookFile(input);
  return { workbook, buffer, notes: lostFeatures(buffer) };
}

/** The problems that stop a command: as JSON on stdout with --json, else as lines on stderr; exit 2. */
export function refuse(io: CliIo, json: boolean, input: string, problems: Problem[]): number {
  if (json) io.stdout(`${JSON.stringify({ ok: false, input, problems }, null, 2)}\n`);
  else io.stderr(`${problemLines(input, problems).join('\n')}\n`);
  return EXIT_INPUT;
}
