// The workbook layer's Swedish messages: reading the sheets (problems at a cell), for the add-in and the
// CLI alike. One wording per rule. Rules the engine checks too (weights, Trappan, B ≥ N·G, whole
// kronor, return vs request) use the engine's text (ISSUE_TEXTS in src/engine/messages.ts) via
// engineText; texts of the cell readers (cells.ts), units (columns.ts) and numbers stay beside their
// one reader function until those files are split.
/** An engine message as a problem's text: without its closing period (a problem is `Sheet!A1: text`). */
export function engineText(message: string): string {
  return message.replace(/\.$/, '');
}

export const READ_TEXTS = {
  sheetMissing: (sheet: string) => `Bladet "${sheet}" saknas`,
  headerMissing: (header: string) => `Rubriken "${header}" saknas bland de tio första raderna`,
  columnMissing: (header: string) => `Kolumnen "${header}" saknas`,
  parameterMissing: (label: string) => `Parametern "${label}" saknas`,
  parameterWithoutValue: (label: string) => `${label} saknar värde`,
  unknownParameter: (quotedLabel: string) => `${quotedLabel} är ingen känd parameter`,
  parameterTwice: (label: string, row: number) => `Parametern "${label}" finns redan på rad ${row}`,
  federationNameMissing: 'Förbundets namn saknas',
  municipalityNameMissing: 'Kommunens namn saknas',
  valueMissing: (label: string) => `${label} saknas`,
  federationTwice: (name: string, row: number) => `Förbundet "${name}" finns redan på rad ${row}`,
  federationNotOnSheet: (name: string, sheet: string) => `Förbundet "${name}" finns inte på bladet ${sheet}`,
  areaWhat: (municipality: string, area: string | undefined) =>
    area ? `Kommunen "${municipality}", område "${area}",` : `Kommunen "${municipality}"`,
  areaTwiceInFederation: (what: string, federation: string, row: number) =>
    `${what} finns redan för förbundet "${federation}" på rad ${row}`,
  areaInOtherFederation: (what: string, federation: string, row: number, hasArea: boolean) =>
    `${what} ingår redan i förbundet "${federation}" (rad ${row})${hasArea ? '' : '; ange Område om kommunen är delad mellan förbund'}`,
  splitMunicipalityNeedsArea: (municipality: string, federation: string, row: number) =>
    `Kommunen "${municipality}" finns också i förbundet "${federation}" (rad ${row}); ange område (stadsdel) på varje rad när en kommun delas mellan förbund`,
  federationWithoutAreas: (name: string, sheet: string) => `Förbundet "${name}" har inga rader på bladet ${sheet}`,
  recipientsColumnMissing: (names: string) =>
    `Kolumnen "Försörjningsstödstagare" saknas; den behövs för ${names} som fördelar efter försörjningsstöd`,
  noFederations: (sheet: string) => `Bladet ${sheet} har inga förbund`,
  notAShare: (quotedCell: string) => `${quotedCell} är ingen andel; ange 0–100 %`,
} as const;
