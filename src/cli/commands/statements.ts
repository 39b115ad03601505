// `finsam statements IN.xlsx --out-dir DIR [--forbund NAMN] [--force]`: one A4 PDF statement per
// federation (src/documents), from the run the workbook gives; the workbook itself is not changed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as workbookLayer from '../../workbook';
import { federationStatement, statementFileName, statementPdf } from '../../documents';
import { COMMAND_HELP } from '../help';
import { CliError, EXIT_INPUT, EXIT_OK } from '../errors';
import { Progress, type CliIo } from '../io';
import { exists, readWorkbookFile, writeFileAtomically } from '../files';
import { compute, problemLines } from '../compute';

/** Edit distance (insertions, deletions, substitutions) between two texts, by code point. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/** The name closest to `wanted` (compared as name keys; the earlier name on a tie), or undefined without names. */
export function closestName(wanted: string, names: readonly string[]): string | undefined {
  const key = workbookLayer.normalizeKey(wanted);
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(key, workbookLayer.normalizeKey(name));
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best?.name;
}

export async function statementsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string', short: 'o' },
      forbund: { type: 'string' },
      förbund: { type: 'string' },
      force: { type: 'boolean', short: 'f' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COMMAND_HELP.statements);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new CliError('Ange en indatafil: finsam statements FIL.xlsx --out-dir MAPP');
  const outDir = values['out-dir'];
  if (!outDir) throw new CliError('Ange mappen för underlagen med --out-dir MAPP');
  const input = positionals[0];
  const progress = new Progress(io, Boolean(values.quiet));
  progress.step(`Läser ${input}`);
  const { workbook } = await readWorkbookFile(input);
  progress.step('Beräknar');
  const computed = compute(workbook, io.now());
  if (!computed.ok) {
    io.stderr(`${problemLines(input, computed.problems).join('\n')}\n`);
    return EXIT_INPUT;
  }
  const { result, input: modelInput } = computed.run;
  const names = result.federations.map((f) => f.name);
  const only = values.forbund ?? values.förbund;
  let chosen = names;
  if (only !== undefined) {
    const wanted = workbookLayer.normalizeKey(only);
    const match = names.find((n) => workbookLayer.normalizeKey(n) === wanted);
    if (!match) {
      const closest = closestName(only, names);
      throw new CliError([
        workbookLayer.READ_TEXTS.federationNotOnSheet(only, workbookLayer.FEDERATION_SHEET),
        ...(closest !== undefined ? [`Menade du: ${closest}?`] : []),
      ]);
    }
    chosen = [match];
  }
  // The decision (label and date) is not in the workbook yet: the statements carry none.
  const context = { input: modelInput, fileName: path.basename(input), generatedAt: io.now() };
  const statements = chosen.map((name) => federationStatement(result, name, context));
  const targets = statements.map((s) => path.join(outDir, statementFileName(s)));
  // Nothing is written when any statement would overwrite a file without --force
  if (!values.force) {
    const existing: string[] = [];
    for (const target of targets) if (await exists(target)) existing.push(target);
    if (existing.length > 0) {
      throw new CliError([
        `${existing.length === 1 ? 'Ett underlag finns' : `${existing.length} underlag finns`} redan och skrivs inte över; inget underlag skrevs:`,
        ...existing.map((file) => `  ${file}`),
        'Ange en annan mapp med --out-dir, eller --force för att skriva över dem.',
      ]);
    }
  }
  await fs.mkdir(outDir, { recursive: true });
  for (const [i, statement] of statements.entries()) {
    progress.step(`Skriver underlag ${i + 1} av ${statements.length}: ${statement.federation}`);
    await writeFileAtomically(targets[i], await statementPdf(statement));
  }
  progress.step('Klart');
  io.stdout(
    `${statements.length === 1 ? 'Ett underlag är skrivet' : `${statements.length} underlag är skrivna`} till ${outDir}\n`,
  );
  return EXIT_OK;
}
