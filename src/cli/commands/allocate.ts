// `finsam allocate IN.xlsx --out OUT.xlsx`: computes the round and writes it back.
import { writeConflicts } from '../xlsx';
import { CliError, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { requireXlsxName, samePath, writeFileAtomically } from '../files';
import { compute, summaryFields, summaryLines, writeRun, type JsonSummary } from '../compute';
import { readInput, refuse, runCommand } from '../command';
import { CLI_TEXTS } from '../messages';

const C = CLI_TEXTS.command;

export async function allocateCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    out: { type: 'string', short: 'o' },
    'in-place': { type: 'boolean' },
    json: { type: 'boolean' },
  } as const;
  return runCommand('allocate', args, io, options, async ({ values, positionals, json, progress }) => {
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
    const { workbook, notes } = await readInput(progress, input);
    if (inPlace && notes.length > 0) {
      throw new CliError([
        `${input} innehåller sådant som inte följer med när filen skrivs om:`,
        ...notes.map((note) => `  ${note}`),
        'Skriv resultatet till en ny fil med --out i stället.',
      ]);
    }
    progress.step(C.computing);
    const computed = compute(workbook, io.now());
    if (!computed.ok) return refuse(io, json, input, computed.problems);
    const { run } = computed;
    const problems = writeConflicts(workbook, run.plan);
    if (problems.length > 0) return refuse(io, json, input, problems);
    progress.step(C.writing(output));
    const data = await writeRun(workbook, computed, io.now(), output);
    await writeFileAtomically(output, data);
    progress.step(C.done);
    const summary = run.plan.summary;
    const year = run.result.parameters.year;
    if (json) {
      const result: JsonSummary = { ok: true, input, output, ...summaryFields(summary, year, notes) };
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout(`${summaryLines(summary, output, year, notes).join('\n')}\n`);
    }
    return EXIT_OK;
  });
}
