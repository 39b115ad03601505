// "Spara underlaget som PDF" in Förklara: the same PDF as `finsam statements`, made here in the
// browser and offered as a file download (a Blob URL; nothing is sent anywhere). pdf-lib is loaded
// only when the button is used, in a chunk of its own, so the pane's first load stays small.
import type { Statement } from '../documents/statement-types';

/** The statement's PDF bytes and file name (loads the PDF chunk on first use). */
export async function statementPdfFile(statement: Statement): Promise<{ bytes: Uint8Array; fileName: string }> {
  const pdf = await import(/* webpackChunkName: "pdf" */ '../documents/pdf');
  return { bytes: await pdf.statementPdf(statement), fileName: pdf.statementFileName(statement) };
}

/** Offers bytes for saving under a file name: a Blob URL on a temporary link, clicked, then released. */
export function offerDownload(bytes: Uint8Array, fileName: string, type = 'application/pdf'): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // the download has its own reference to the blob once started
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
