// How a command ends: exit codes, the two kinds of error a command throws, parse errors in Swedish.
import { CLI_TEXTS } from './messages';

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

export function causeText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return process.env.FINSAM_DEBUG && error instanceof Error && error.stack ? error.stack : message;
}

export function parseArgsMessage(error: Error & { code: string }): string {
  const option = /--[\p{L}\w-]+/u.exec(error.message)?.[0] ?? /'(-[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return CLI_TEXTS.usage.unknownFlag(option ?? '');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return CLI_TEXTS.usage.flagNeedsValue(option ?? '');
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return CLI_TEXTS.usage.unexpectedArgument(option ?? '');
    default:
      return error.message;
  }
}

/**
 * With --json, a CliError or CliFailure is printed as JSON on stdout (`{ ok: false, error }`) and its
 * exit code returned; anything else (and everything without --json) gives undefined: rethrow it.
 */
export function jsonErrorExit(error: unknown, json: boolean, stdout: (text: string) => void): number | undefined {
  if (!json || !(error instanceof CliError || error instanceof CliFailure)) return undefined;
  stdout(`${JSON.stringify({ ok: false, error: error.message }, null, 2)}\n`);
  return error instanceof CliFailure ? EXIT_FAILURE : EXIT_INPUT;
}

/** A failure of size: a string or buffer beyond what node can hold ("Invalid string length"). */
export function isTooLarge(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /invalid string length|array buffer allocation failed|invalid array length|out of memory/i.test(text);
}
