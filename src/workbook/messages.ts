// The workbook layer's Swedish messages: reading the sheets (problems at a cell), for the add-in and the
// CLI alike: the cell readers (cells.ts), headers and units (columns.ts), sheets (sheets.ts), error
// values (text.ts) and the reader's reference checks (read*.ts). One wording per rule: the cross-field
// rules are the engine's (ISSUE_TEXTS in src/engine/messages.ts, shown via engineText).
/** An engine message as a problem's text: without its closing period (a problem is `Sheet!A1: text`). */
export function engineText(message: string): string {
  return message.replace(/\.$/, '');
}

/** "3, 4 och 7" */
export function listText(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
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
  diagramSheetTaken: (sheet: string) =>
    `Bladet ${sheet} finns redan och är inte en körnings diagram; körningen skriver sitt diagram på ett blad med det namnet. Byt namn på ditt blad och kör igen`,
  federationTwice: (name: string, row: number) => `Förbundet "${name}" finns redan på rad ${row}`,
  federationNotOnSheet: (name: string, sheet: string) => `Förbundet "${name}" finns inte på bladet ${sheet}`,
  /** One problem for every Kommuner row naming a federation that is not on Förbund (rows 1-based) */
  federationNotOnSheetRows: (name: string, sheet: string, rows: number[], suggestion: string | undefined) =>
    `Förbundet "${name}" finns inte på bladet ${sheet}` +
    (rows.length > 1 ? ` (${rows.length} rader: ${listText(rows.map(String))})` : '') +
    (suggestion !== undefined ? `; menade du "${suggestion}"?` : ''),
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
  // The cell readers (cells.ts): quotedCell is the cell as typed, in quotes
  tooLarge: (quotedCell: string) => `${quotedCell} är större än 10^15 (1 000 000 000 000 000); kontrollera siffrorna och enheten`,
  ambiguousAmount: (quotedCell: string, thousands: string, decimals: string) =>
    `${quotedCell} är tvetydigt: skriv ${thousands} om det är tusental eller ${decimals} om det är decimaler`,
  dateFormatted: (shown: string, noun: string) =>
    `Cellen är formaterad som datum eller tid, så talet ${shown} är ett datum och inte ${noun}; ge cellen talformatet Tal och skriv in värdet igen`,
  notA: (quotedCell: string, what: 'belopp' | 'antal') => `${quotedCell} är inget ${what}`,
  negative: (quotedCell: string, noun: 'ett belopp' | 'ett antal') => `${quotedCell} är negativt; ${noun} måste vara 0 eller mer`,
  notMonths: (quotedCell: string) => `${quotedCell} är inget antal månader; ange ett heltal 1–12`,
  notYear: (quotedCell: string) => `${quotedCell} är inget årtal`,
  notSplitMethod: (quotedCell: string) => `${quotedCell} är ingen fördelningsgrund; ange Lika, Invånare eller Försörjningsstöd`,
  errorValue: (error: string) => `Cellen visar felet ${error}; rätta formeln eller skriv in värdet`,
  // Headers and sheets (columns.ts, sheets.ts)
  unknownUnit: (subject: string, unit: string, money: boolean) =>
    `${subject} kan inte anges i (${unit})${money ? '; använd (kr), (tkr) eller (mkr)' : ''}`,
  columnTwice: (label: string, column: string) => `Kolumnen "${label}" finns redan i kolumn ${column}`,
  duplicateSheet: (both: string, canonical: string) =>
    `Bladen ${both} matchar båda bladet "${canonical}" (stora och små bokstäver och mellanslag räknas inte); byt namn på eller ta bort det som inte ska användas (det kan vara dolt)`,
  mergedOutputCell: (master: string) =>
    `cellen ingår i sammanfogade celler (från ${master}); resultatet kan inte skrivas där. Ta bort sammanfogningen och försök igen`,
  // A value given to the parameter form (parameters.ts) and a federation asked for by explain.ts
  notANumber: (label: string, value: number) => `${label}: ${value} är inget tal`,
  federationNotInResult: (name: string) => `Förbundet "${name}" finns inte i resultatet`,
} as const;

/**
 * The run summary's explanation of its scenario (runSummary in plan.ts, issue 14): "<Scenario>: <how the
 * spärr went>; <where the rest went>." Amounts already formatted ("1 688 957 kr"), shares as "10 %".
 */
export const SUMMARY_TEXTS = {
  explanation: (scenario: string, floorPart: string, surplusPart: string) => `${scenario}: ${floorPart}; ${surplusPart}.`,
  /** Underskott: what gave way — the protection of federations with excess equity, the spärr itself */
  floorDeficit: (removed: number, relaxed: { applied: string; given: string } | undefined) =>
    'ramen räcker inte till spärrnivåerna, så ' +
    [
      ...(removed > 0 ? [`${removed} förbund med eget kapital över rimlig nivå miste spärren`] : []),
      ...(relaxed ? [`spärren blev ${relaxed.applied} i stället för ${relaxed.given}`] : []),
    ].join(' och '),
  floorLifted: (lifted: number, lambda: string) =>
    `spärren lyfte ${lifted} förbund, som de övriga betalar med en del av sin behovsdel (λ = ${lambda})`,
  noFloorBinds: 'ingen spärr behövdes (λ = 1)',
  surplus: (
    surplus: string,
    remainder: string,
    cut: string,
    returned: string,
    granted: string,
    requested: string,
    left: string,
  ) =>
    `${surplus} blev över (delårsrest ${remainder}, skuret av matchning ${cut}, återlämnat ${returned}); ` +
    `${granted} av ansökta ${requested} beviljades som ytterligare medel och ${left} är ej fördelat`,
  noSurplus: 'inget blev över efter matchning',
  /** VO label for federations without a VO (pane, CLI, Körlogg) */
  noVo: '(utan VO)',
} as const;
