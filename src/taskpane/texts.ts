// The pane's own Swedish texts (progress, notices, failure states, messages shown in the pane only),
// one wording each, and small text helpers. Messages shared with the CLI live in src/workbook/messages.ts.
import type { WriteFailureState } from './controller';

/**
 * A text with the spaces inside numbers and before their unit made non-breaking ("15 000 000 kr",
 * "20 %"), so that a narrow pane never wraps in the middle of an amount.
 */
export function keepNumbersTogether(text: string): string {
  return text.replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u00a0').replace(/(\d) (?=(kr|%)(?![\p{L}]))/gu, '$1\u00a0');
}

/** "A", "A och B", "A, B och C" */
export function listText(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;
}

/** Progress labels (under the tabs) of the pane's tasks. */
export const PROGRESS = {
  readingWorkbook: 'Läser arbetsboken …',
  computing: 'Beräknar fördelningen …',
  writing: 'Skriver resultatet …',
  readingParameters: 'Läser parametrarna …',
  removing: 'Tar bort resultatet …',
  insertingTemplate: 'Lägger in mallbladen …',
  savingParameters: 'Sparar parametrarna …',
  readingSelection: 'Läser markeringen …',
  goingTo: (address: string) => `Går till ${address} …`,
} as const;

/** Notices and messages of the pane. */
export const PANE_TEXTS = {
  /** "Excel svarade med ett fel: …" */
  excelError: (message: string) => `Excel svarade med ett fel: ${message}`,
  nothingToRemove: 'Det fanns inget resultat att ta bort.',
  removed: (columns: number, sheets: string[], notices: { address: string; message: string }[]) =>
    `Resultatet är borttaget (${columns} kolumner${sheets.length ? ` och bladen ${sheets.length > 1 ? `${sheets.slice(0, -1).join(', ')} och ${sheets[sheets.length - 1]}` : sheets[0]}` : ''}).` +
    notices.map((n) => ` ${n.address}: ${n.message}.`).join(''),
  templateAlreadyThere: 'Mallbladen fanns redan; inget lades till.',
  templateInserted: (added: string[]) =>
    `${added.length === 1 ? 'Bladet' : 'Bladen'} ${listText(added)} är ${added.length === 1 ? 'inlagt' : 'inlagda'}. Fyll i Statlig ram på Parametrar och förbunden och kommunerna, och välj sedan Beräkna.`,
  parametersSaved: (count: number) => `Parametrarna är sparade (${count} ${count === 1 ? 'värde' : 'värden'}).`,
  selectFederationRow: 'Markera en cell på en förbundsrad på bladet Förbund och försök igen.',
  missingSheetsTitle: (missing: string[]) =>
    `Arbetsboken saknar ${missing.length === 1 ? 'bladet' : 'bladen'} ${listText(missing)}.`,
  missingSheetsBody: (count: number) =>
    `Lägg in ${count === 1 ? 'det' : 'dem'} från mallen (med rubriker och en instruktionsflik) och fyll i. Befintliga blad ändras inte.`,
  parametersSheetMissingTitle: 'Bladet Parametrar saknas – lägg in mallbladen.',
  parametersSheetMissingBody:
    'Parametrarna (statlig ram, grundtilldelning, vikter, spärr och Trappan) läses från bladet Parametrar. Mallen lägger in de blad som saknas, med modellens standardvärden; befintliga blad ändras inte.',
  /** Beräkna's note about unsaved parameter edits */
  unsavedParameters: (count: number) =>
    `${count === 1 ? 'En ändring' : `${count} ändringar`} under Parametrar är inte ${count === 1 ? 'sparad' : 'sparade'}. Beräkna använder värdena på bladet – spara först om ändringarna ska med.`,
  /** "1 ändring är inte sparad." / "3 ändringar är inte sparade." */
  unsaved: (count: number) => (count === 1 ? '1 ändring är inte sparad.' : `${count} ändringar är inte sparade.`),
  unsavedKept: 'De finns kvar om du byter vy, men Beräkna använder bladets värden tills du sparar.',
  fixBeforeSaving: (count: number) => `Rätta ${count === 1 ? 'felet' : `de ${count} felen`} ovan innan du sparar.`,
  problemsTitle: (count: string) => `Arbetsboken har ${count} fel.`,
  problemsBody: (anySelectable: boolean) =>
    `Ingenting skrevs. Rätta felen och beräkna igen.${anySelectable ? ' Välj ett fel för att gå till cellen.' : ''}`,
  staleTitle: 'Beräknat före ändringen – beräkna igen.',
  staleBody:
    'Parametrarna har sparats sedan beräkningen. Sammanfattningen och resultatet på bladen Förbund, Kommunbidrag, Underlag och Körlogg gäller de tidigare värdena.',
  written: 'Resultatet är skrivet på bladen Förbund, Kommunbidrag, Underlag och Körlogg.',
  leftAlone: 'Lämnat orört',
  noWarnings: 'Inga varningar.',
  explainProblems: (count: number) =>
    `Arbetsboken har ${count} fel. Se Beräkna för listan; förklaringen kan visas när felen är rättade.`,
  searchFederations: (count: number) => `Skriv för att söka bland ${count} förbund.`,
  notExcel:
    'Tillägget körs inte i Excel. Öppna arbetsboken i Excel (på webben eller i skrivbordsprogrammet) och välj Start → Finsam → Medelstilldelning.',
  missingExcelApi: (version: string) =>
    `Den här versionen av Excel saknar ExcelApi ${version}, som tillägget behöver. Använd Microsoft 365, Excel 2021 eller senare, Excel för Mac eller Excel på webben.`,
  cannotStart: 'Finsam medelstilldelning kan inte starta här.',
  officeNotLoaded: 'Office.js kunde inte läsas in. Öppna tillägget i Excel.',
} as const;

/** What a write that failed left, in words: a title and what it means (issue 15). */
export const WRITE_FAILURE_TEXTS: Record<WriteFailureState, { title: string; body: (hadOutput: boolean) => string }> = {
  unchanged: {
    title: 'Resultatet kunde inte skrivas.',
    body: (hadOutput) =>
      `Ingenting i arbetsboken ändrades${hadOutput ? '; det tidigare resultatet och dess Körlogg finns kvar' : ''}.`,
  },
  partial: {
    title: 'Resultatet blev bara delvis skrivet.',
    body: () =>
      'Resultatkolumnerna på bladet Förbund och bladen Kommunbidrag och Underlag kan vara ofullständiga, och bladet Körlogg är tomt: använd inte siffrorna. Inga ifyllda uppgifter har ändrats. Beräkna igen, eller ta bort delresultatet.',
  },
  unknown: {
    title: 'Det går inte att säga hur mycket av resultatet som skrevs.',
    body: () =>
      'Arbetsboken kunde inte läsas efteråt. Är bladet Körlogg tomt eller borta är resultatet ofullständigt. Inga ifyllda uppgifter har ändrats. Beräkna igen, eller ta bort resultatet.',
  },
};
