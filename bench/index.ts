// `npm run bench`: one JSON line with every performance figure of the project.
// Each part lives beside the code it measures; this file only gathers them.
import { benchEngine } from './engine';
import { benchAddin } from './addin';
import { benchDocuments } from './documents';
import { benchFingerprint } from './fingerprint';
import { benchRound } from './round';
import { benchUnderlag } from './underlag';

async function main(): Promise<void> {
  const engine = await benchEngine();
  const fingerprint = await benchFingerprint();
  const addin = await benchAddin();
  const documents = await benchDocuments();
  const round = await benchRound();
  const underlag = await benchUnderlag();
  process.stdout.write(JSON.stringify({ ...engine, ...fingerprint, ...addin, ...documents, ...round, ...underlag }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench misslyckades: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
