// `finsam explain IN.xlsx --forbund NAMN`: one federation's calculation chain, as its statement's text.
import type { AllocationResult } from '../../engine';
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import * as workbookLayer from '../../workbook';
import { federationStatement, statementText, withSection } from '../../documents';
import { COMMAND_HELP } from '../help';
import { CliError, EXIT_INPUT, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { readWorkbookFile } from '../files';
import { compute, problemLines } from '../compute';
import { laterRoundSection } from '../../workbook/explain-later';

export async function explainCommand(args: string[], io: CliIo): Promise<number> {
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
  // The same statement as the PDF and the pane's Förklara, as text
  const { input: modelInput } = computed.run;
  // a later round's result has the ordinary result's shape (steps 1–5 computed for information)
  const result = computed.run.laterRound ? (computed.run.laterRound as unknown as AllocationResult) : computed.run.result;
  const ordinary = federationStatement(result, match.name, {
    input: modelInput,
    fileName: path.basename(input),
    generatedAt: io.now(),
  });
  const later = laterRoundSection(result, match.name);
  const statement = later ? withSection(ordinary, later, 'svar') : ordinary;
  io.stdout(`${statementText(statement)}\n`);
  return EXIT_OK;
}
