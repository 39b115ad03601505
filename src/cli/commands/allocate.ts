// `finsam allocate IN.xlsx --out OUT.xlsx`: computes the round and writes it back.
import { parseArgs } from 'node:util';
import { lostFeatures, writeConflicts } from '../xlsx';
import { COMMAND_HELP } from '../help';
import { CliError, EXIT_INPUT, EXIT_OK, jsonErrorExit } from '../errors';
import { Progress, type CliIo } from '../io';
import { readWorkbookFile, requireXlsxName, samePath, writeFileAtomically } from '../files';
import { compute, problemLines, summaryFields, summaryLines, writeRun, type JsonSummary } from '../compute';

export async function allocateCommand(args: string[], io: CliIo): Promise<number> {
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
        ...summaryFields(summary, year, notes),
      };
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout(`${summaryLines(summary, output, year, notes).join('\n')}\n`);
    }
    return EXIT_OK;
  } catch (error) {
    const code = jsonErrorExit(error, json, io.stdout);
    if (code === undefined) throw error;
    return code;
  }
}
