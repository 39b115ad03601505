// `finsam`: the command line. A thin adapter: files in and out, the exceljs adapter (./xlsx), and
// the host-neutral workbook layer (../workbook) that reads, computes and plans what to write.
//
// Exit codes: 0 done; 2 the input or the command line has problems (every problem printed, nothing
// written); 1 an unexpected failure (a bug: please report it with the message).
//
// Files by concern: commands/<command>.ts (one per command), help.ts, files.ts (reading, atomic
// writes, signals), compute.ts (a workbook computed and written), errors.ts, io.ts, and the exceljs
// adapter in xlsx/. This file keeps `run`, `cli` and the command table.
import { terminalText } from './terminal';
import { COMMAND_ALIASES, COMMAND_HELP, PROGRAM_HELP, version } from './help';
import { causeText, CliError, CliFailure, EXIT_FAILURE, EXIT_INPUT, EXIT_OK, parseArgsMessage } from './errors';
import { defaultIo, type CliIo } from './io';
import { allocateCommand } from './commands/allocate';
import { sheetsCommand } from './commands/template';
import { explainCommand } from './commands/explain';
import { checkCommand } from './commands/check';
import { statementsCommand } from './commands/statements';
import { targetedCommand } from './commands/targeted';
import { splitCommand } from './commands/split';
import { mergeCommand } from './commands/merge';
import { decideCommand } from './commands/decide';
import { rolloverCommand } from './commands/rollover';

export type { CliIo } from './io';

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
      case 'check':
        return await checkCommand(rest, io);
      case 'statements':
        return await statementsCommand(rest, io);
      case 'targeted':
        return await targetedCommand(rest, io);
      case 'split':
        return await splitCommand(rest, io);
      case 'merge':
        return await mergeCommand(rest, io);
      case 'decide':
        return await decideCommand(rest, io);
      case 'rollover':
        return await rolloverCommand(rest, io);
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
