// Statement benchmark: the model and the PDF of every federation of the bundled national example
// (about 80), as `finsam statements` makes them. Budget (issue 12): 80 statements in under 10 s on the CLI.
import { federationStatement, statementPdf } from '../src/documents';
import { exampleSheets } from '../src/workbook/example';
import { runAllocation } from '../src/workbook/run';

/** statements_national_ms (all federations, model + PDF), statements_count, statement_pdf_kb (mean size) */
export async function benchDocuments(): Promise<Record<string, number>> {
  const run = runAllocation(
    exampleSheets().map((s) => ({ name: s.name, values: s.values })),
    { timestamp: new Date(2027, 0, 1) },
  );
  if (!run.ok) throw new Error('the bundled example must run');
  const generatedAt = new Date(2027, 0, 1, 12, 0);
  const names = run.result.federations.map((f) => f.name);
  // one warm-up statement (font metrics, JIT), not measured
  await statementPdf(federationStatement(run.result, names[0], { generatedAt, input: run.input }));
  const t0 = performance.now();
  let bytes = 0;
  for (const name of names) {
    const pdf = await statementPdf(
      federationStatement(run.result, name, { generatedAt, input: run.input, fileName: 'exempel-medelstilldelning.xlsx' }),
    );
    bytes += pdf.length;
  }
  const ms = performance.now() - t0;
  return {
    statements_national_ms: Math.round(ms * 100) / 100,
    statements_count: names.length,
    statement_pdf_kb: Math.round(bytes / names.length / 102.4) / 10,
  };
}
