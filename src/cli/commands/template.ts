// `finsam template` and `finsam example`: an empty round, or the fictional national example.
import { parseArgs } from 'node:util';
import * as workbookLayer from '../../workbook';
import { exampleSheets } from '../../workbook/example';
import { targetedExampleSheets } from '../../workbook/example-targeted';
import { COMMAND_HELP } from '../help';
import { CliError, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { CLI_TEXTS } from '../messages';
import { exists, fileExistsMessage, requireXlsxName, sheetsToFile, writeFileAtomically } from '../files';

export async function sheetsCommand(name: 'template' | 'example', args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', short: 'f' },
      riktade: { type: 'boolean' },
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
  const applications = Boolean(values.riktade);
  const sheets =
    name === 'template'
      ? workbookLayer.templateSheets({ applications })
      : applications
        ? targetedExampleSheets()
        : exampleSheets();
  await writeFileAtomically(output, await sheetsToFile(sheets));
  io.stdout(
    applications && name === 'template'
      ? `${CLI_TEXTS.template.withApplications(output)}\n`
      : name === 'template'
        ? `Mallen är skriven till ${output}\n`
        : `Exemplet (fiktiva uppgifter) är skrivet till ${output}\n`,
  );
  return EXIT_OK;
}
