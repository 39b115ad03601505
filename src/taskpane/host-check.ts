// Whether the pane can run where it was opened: in Excel, with the API set the manifest declares.

/** The requirement set declared in manifest.xml (the lowest the code uses). */
export const REQUIRED_EXCEL_API = '1.8';

/** Why the pane cannot run here, in Swedish; undefined when it can. */
export function unsupportedHostReason(
  info: { host: unknown } | undefined,
  isSetSupported: ((name: string, version: string) => boolean) | undefined,
): string | undefined {
  if (!info || info.host !== 'Excel') {
    return 'Tillägget körs inte i Excel. Öppna arbetsboken i Excel (på webben eller i skrivbordsprogrammet) och välj Start → Finsam → Medelstilldelning.';
  }
  if (isSetSupported && !isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) {
    return `Den här versionen av Excel saknar ExcelApi ${REQUIRED_EXCEL_API}, som tillägget behöver. Använd Microsoft 365, Excel 2021 eller senare, Excel för Mac eller Excel på webben.`;
  }
  return undefined;
}
