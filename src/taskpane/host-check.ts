// Whether the pane can run where it was opened: in Excel, with the API set the manifest declares.
import { PANE_TEXTS } from './texts';

/** The requirement set declared in manifest.xml (the lowest the code uses). */
export const REQUIRED_EXCEL_API = '1.8';

/** Why the pane cannot run here, in Swedish; undefined when it can. */
export function unsupportedHostReason(
  info: { host: unknown } | undefined,
  isSetSupported: ((name: string, version: string) => boolean) | undefined,
): string | undefined {
  if (!info || info.host !== 'Excel') {
    return PANE_TEXTS.notExcel;
  }
  if (isSetSupported && !isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) {
    return PANE_TEXTS.missingExcelApi(REQUIRED_EXCEL_API);
  }
  return undefined;
}
