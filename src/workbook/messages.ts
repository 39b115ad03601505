// The workbook layer's Swedish messages: reading the sheets (problems at a cell), for the add-in and the
// CLI alike: the cell readers (cells.ts), headers and units (columns.ts), sheets (sheets.ts), error
// values (text.ts) and the reader's reference checks (read*.ts). One wording per rule: the cross-field
// rules are the engine's (ISSUE_TEXTS in src/engine/messages.ts, shown via engineText).
/** An engine message as a problem's text: without its closing period (a problem is `Sheet!A1: text`). */
export function engineText(message: string): string {
  return message.replace(/\.$/, '');
}

/** A VO as people name it: "Syd" → "VO Syd" (a value already saying "VO Syd" is kept). */
export function voLabel(vo: string): string {
  return /^vo\s/i.test(vo.trim()) ? vo.trim() : `VO ${vo.trim()}`;
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
  textParameterChoice: (label: string, quotedValue: string, choices: readonly string[]) =>
    `${label} ska vara ${choices.map((c) => `"${c}"`).join(' eller ')} (nu ${quotedValue})`,
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
  // Ansökningar, a targeted-funds round (read-applications.ts)
  notADate: (quotedCell: string) => `${quotedCell} är inget datum; skriv datumet som ÅÅÅÅ-MM-DD`,
  noApplications: (sheet: string) => `Bladet ${sheet} har inga ansökningar`,
  inCells: (cells: string) => `(gäller ${cells})`,
  // The workbook's scope (scope.ts, round.md §1)
  regionalWorkbook: (vo: string, count: number) =>
    `Arbetsboken gäller bara ${voLabel(vo)} (${count} förbund); fördelningen beräknas i den nationella arbetsboken`,
  singleVo: (vo: string, count: number) =>
    `alla ${count} förbund har ${voLabel(vo)}; är arbetsboken ett utdrag för ett VO fördelas hela den statliga ramen bara över dem`,
} as const;

/**
 * The answer status that merge writes on the national Förbund (round.md §4) and a run reads for its
 * notice: the column's header, the value of a federation that has not answered, the run's notice.
 */
export const ANSWER_STATUS_TEXTS = {
  header: 'Svar',
  notAnswered: 'Ej svarat',
  notAnsweredNotice: (count: number) =>
    `${count} förbund har Ej svarat i kolumnen Svar; ett tomt möjligt bidrag räknas där som full matchning`,
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

// spec: docs/workbook-format.md §8; docs/model.md §A6 — the sheet Beslut and the columns a decision adds to a run (issue 11)
export const DECISION_TEXTS = {
  headerMissing: (header: string) => `Bladet Beslut saknar rubriken "${header}" bland de tio första raderna`,
  labelTwice: (label: string, column: string) => `Beslutet "${label}" finns redan i kolumn ${column}`,
  federationTwice: (name: string, row: number) => `Förbundet "${name}" finns redan på rad ${row}`,
  amountNotWhole: (quotedValue: string) => `${quotedValue} är inte hela kronor`,
  amountInvalid: (federation: string, label: string, message: string) =>
    `Beslutat belopp för förbundet "${federation}" i beslutet "${label}": ${message}`,
  noDecision: 'Omgång är Ytterligare medel men det finns inget beslut på bladet Beslut; fastställ först ett beslut',
  decisionUnknown: (label: string, labels: string[]) =>
    `Beslutet "${label}" finns inte på bladet Beslut${labels.length ? ` (där finns: ${labels.map((l) => `"${l}"`).join(', ')})` : ''}`,
  changesNone: (label: string) => `Ändring mot beslut ${label}: ingen`,
  changesHeading: (label: string, count: number) =>
    `Ändring mot beslut ${label}: ${count} ${count === 1 ? 'förbund' : 'förbund'} skulle få ett annat belopp`,
  changeLine: (federation: string, decided: string, final: string, change: string) =>
    `${federation}: beslutat ${decided}, nu ${final} (${change})`,
  notDecidedLine: (federation: string, final: string) => `${federation}: inte med i beslutet, nu ${final}`,
  laterRound: (label: string) => `Omgång: Ytterligare medel efter ${label}`,
  laterRoundFigures: (decided: string, handedBack: string, pot: string) =>
    `Beslutat ${decided}, återlämnat ${handedBack}, pott S ${pot}`,
  laterRoundApplications: (count: number, requested: string, wanted: string, granted: string) =>
    `Ansökningar: ${count} om ${requested} (kan användas: ${wanted}), beviljat ${granted}`,
  grantLine: (federation: string, requested: string, granted: string) =>
    `${federation}: ansökt ${requested}, beviljat ${granted}`,
  explainRound: 'Omgång',
  explainDecided: 'Beslutat',
  explainDecidedNote: (label: string) => `i ${label}`,
  explainReturned: 'Återlämnat efter beslutet',
  explainKept: 'Behåller (matchad)',
  explainKeptNote: 'beslutat minus återlämnat',
  explainPot: 'Omgångens pott S',
  explainPotNote: (budget: string, pot: string) => `statlig ram ${budget} minus det alla förbund behåller = ${pot}`,
  explainRequest: 'Ansökan ytterligare medel',
  explainNoRequest: 'ingen ansökan: förbundet behåller beslutat minus återlämnat',
  explainWant: 'Kan användas',
  explainWantCap: (cap: string, kept: string) => `det minsta av ansökan och matchningstaket ${cap} minus ${kept}`,
  explainTier: 'Nivå',
  explainTier1: 'nivå 1: inget eget kapital över rimlig nivå, får först',
  explainTier2: 'nivå 2: eget kapital över rimlig nivå, delar det som blir kvar',
  explainGrant: 'Ytterligare medel',
  explainWritten: (written: string) => `skrivet ${written}`,
  explainFinal: 'Slutlig tilldelning',
  explainFinalNote: 'behåller plus ytterligare medel',
} as const;
