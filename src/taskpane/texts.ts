// The pane's own Swedish texts (progress, notices, failure states, messages shown in the pane only),
// one wording each, and small text helpers. Messages shared with the CLI live in src/workbook/messages.ts.
import type { WriteFailureState } from './controller';
import { formatKronor, formatShare } from '../workbook/format';

/**
 * A text with the spaces inside numbers and before their unit made non-breaking ("15 000 000 kr",
 * "20 %") and ranges of numbers joined ("16–64"), so that a narrow pane never wraps inside them.
 */
export function keepNumbersTogether(text: string): string {
  return (
    text
      .replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u00a0')
      .replace(/(\d) (?=(kr|%)(?![\p{L}]))/gu, '$1\u00a0')
      // a range such as "16–64": browsers may break after the dash; word joiners keep it on one line
      .replace(/(\d)–(?=\d)/g, '$1\u2060–\u2060')
  );
}

/** "+41 316 kr", "−600 000 kr" (a true minus sign, spaces that do not break), "0 kr" */
export function signedKronor(amount: number): string {
  const text = keepNumbersTogether(formatKronor(Math.abs(amount)));
  return amount > 0 ? `+${text}` : amount < 0 ? `\u2212${text}` : text;
}

/** "+1,59 %", "−25 %" of a share (0.0159), at most `decimals` decimals, trailing zeros dropped */
export function signedShare(share: number, decimals = 1): string {
  const text = formatShare(Math.abs(share), decimals).replace(/ %$/, '');
  const body = `${text}\u00a0%`;
  return share > 0 && text !== '0' ? `+${body}` : share < 0 && text !== '0' ? `\u2212${body}` : body;
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
  checking: 'Kontrollerar arbetsboken …',
  goingTo: (address: string) => `Går till ${address} …`,
  previewingDecision: 'Beräknar beslutet …',
  recordingDecision: 'Skriver beslutet …',
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
  decisionLabelProposal: (date: string) => `Beslut ${date}`,
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
  /** The summary's stale note when an input cell was edited in Excel after the run */
  staleEditBody: (address: string) =>
    `${address} har ändrats sedan beräkningen. Sammanfattningen och resultatet på bladen Förbund, Kommunbidrag, Underlag och Körlogg gäller de tidigare värdena.`,
  /** The summary's warnings: those that need action apart from the informational ones */
  actionWarnings: 'Att åtgärda',
  infoWarnings: 'För kännedom',
  federationCount: (count: string) => `${count}\u00a0förbund`,
  warningFederations: (meaning: string) => `Förbund: ${meaning.charAt(0).toLowerCase()}${meaning.slice(1)}`,
  goToFederation: (name: string) => `Gå till ${name} på bladet Förbund`,
  /** The summary's federation table (sorted, grouped by VO) */
  federationTableTitle: 'Förbund och förändring mot föregående år',
  federationColumn: 'Förbund',
  finalColumn: 'Slutlig',
  finalShort: 'Slutlig',
  changeColumn: 'Förändring',
  newFederationShort: 'Nytt förbund',
  sortBy: 'Sortera efter',
  sortOption: (key: 'name' | 'final' | 'change' | 'changeShare', direction: 'ascending' | 'descending') =>
    ({
      change: direction === 'descending' ? 'Störst ökning (kr)' : 'Störst minskning (kr)',
      changeShare: direction === 'descending' ? 'Störst ökning (%)' : 'Störst minskning (%)',
      final: direction === 'descending' ? 'Störst slutlig' : 'Minst slutlig',
      name: direction === 'ascending' ? 'Namn A–Ö' : 'Namn Ö–A',
    })[key],
  groupByVo: 'Gruppera per VO',
  voGroupNote: (count: number, final: string) => `${count} förbund, ${final}`,
  /** The summary's money flows and totals per VO */
  flowsTitle: 'Pengarnas väg',
  voTotalsTitle: 'Per verksamhetsområde',
  voColumn: 'VO',
  loadingSummary: 'Visar sammanfattningen …',
  /** A problem's federation and column, "Menade du …?" and its further cells */
  problemFederation: (name: string) => `Förbund: ${name}`,
  problemColumn: (header: string) => `Kolumn: ${header}`,
  didYouMean: (name: string) => `Menade du ”${name}”?`,
  selectCellToFix: (address: string) => `Markera ${address}`,
  alsoAt: (count: number) => (count === 1 ? 'Även i' : `Även i ${count} celler till:`),
  andMore: (count: number) => `och ${count} till`,
  written: 'Resultatet är skrivet på bladen Förbund, Kommunbidrag, Underlag och Körlogg.',
  /** Title over a run's notices (a column left alone, every federation in one VO) */
  runNotices: 'Att notera',
  noWarnings: 'Inga varningar.',
  explainProblems: (count: number) =>
    `Arbetsboken har ${count} fel. Se Beräkna för listan; förklaringen kan visas när felen är rättade.`,
  searchFederations: (count: number) => `Skriv för att söka bland ${count} förbund.`,
  /** Förklara: the sheet's numbers are not the ones computed here */
  sheetDiffersTitle: (count: number) =>
    `Bladet Förbund visar ${count === 1 ? 'en annan siffra' : 'andra siffror'} än beräkningen här.`,
  sheetDiffersBody:
    'Bladet kan ha ändrats efter körningen, eller indata kan ha ändrats sedan dess. Välj Beräkna för att skriva om resultatet.',
  /** "Slutlig tilldelning i Förbund!M3: 1 900 000 på bladet, 1 800 000 enligt beräkningen" */
  sheetDiffersCell: (header: string, address: string, written: string, computed: string) =>
    `${header} i ${address}: ${written || 'tom'} på bladet, ${computed || 'tom'} enligt beräkningen`,
  sheetNotWritten: 'Resultatet är inte skrivet på bladet Förbund ännu. Välj Beräkna för att skriva det.',
  explainHeading: (name: string) => `Beräkningen för ${name}`,
  explainIntro: 'Välj ett förbund, eller markera dess rad på bladet Förbund, för att se hur tilldelningen räknades fram.',
  savePdf: 'Spara underlaget som PDF',
  makingPdf: 'Skapar PDF …',
  pdfSaved: (fileName: string) => `Underlaget hämtas som ${fileName}. Det skapades här i fönstret; inget skickades någonstans.`,
  pdfFailed: (message: string) => `PDF:en kunde inte skapas: ${message}`,
  notExcel:
    'Tillägget körs inte i Excel. Öppna arbetsboken i Excel (på webben eller i skrivbordsprogrammet) och välj Start → Finsam → Medelstilldelning.',
  missingExcelApi: (version: string) =>
    `Den här versionen av Excel saknar ExcelApi ${version}, som tillägget behöver. Använd Microsoft 365, Excel 2021 eller senare, Excel för Mac eller Excel på webben.`,
  cannotStart: 'Finsam medelstilldelning kan inte starta här.',
  officeNotLoaded: 'Office.js kunde inte läsas in. Öppna tillägget i Excel.',
  /** The pane's title over the tabs, the tab list's name and the tabs' labels (Riktade medel, Omgång: their own texts) */
  title: 'Finsam medelstilldelning',
  tabsLabel: 'Vyer',
  calculateTab: 'Beräkna',
  parametersTab: 'Parametrar',
  explainTab: 'Förklara',
  /** Shown while a view's code is fetched: every view but Beräkna is loaded when first opened */
  loadingView: 'Läser in vyn …',
} as const;

/** The Parametrar view's form (its fields' labels and descriptions are the parameters' own). */
export const PARAMETER_FORM_TEXTS = {
  formLabel: 'Parametrar',
  intro: (sheet: string) =>
    `Värdena på bladet ${sheet}. Tomt fält betyder modellens standardvärde. Ändringar skrivs till bladet när du sparar.`,
  /** " Standard: 2 000 000 kr." after a field's description */
  standard: (value: string) => `Standard: ${value}.`,
  cell: (address: string) => `Cell\u00a0${address}.`,
  yearUp: 'Öka året',
  yearDown: 'Minska året',
  save: 'Spara',
  discard: 'Ångra ändringar',
  /** Omgång's placeholder when its cell is blank */
  textDefault: (value: string) => `${value} (standard)`,
  /** Beslut's choice "blank": the round after the latest decision */
  latestDecision: 'Det senaste beslutet',
} as const;

/** The labels of the summary's money flows (RunSummary.flows), in the order shown. */
export const FLOW_LABELS = {
  scenario: 'Scenario',
  budget: 'Statlig ram (B)',
  pool: 'Summa idealfördelning (T)',
  partYearRemainder: 'Delårsrest (P\u00a0=\u00a0B\u00a0−\u00a0T)',
  appliedMaxDecrease: 'Tillämpad spärr',
  lambda: 'Andel av behovsdelen som betalas (λ)',
  cutByMatching: 'Skuret av matchning',
  returned: 'Återlämnade medel',
  surplus: 'Överskott efter matchning (S)',
  requested: 'Ansökt ytterligare medel',
  granted: 'Beviljade ytterligare medel',
  undistributed: 'Ej fördelat',
  totalFinal: 'Summa slutlig tilldelning',
  federations: 'Förbund',
  municipalities: 'Kommuner',
} as const;

/** Fastställ, the decision and the later round in the pane (issue 11). */
export const DECISION_PANE_TEXTS = {
  button: 'Fastställ …',
  title: 'Fastställ beslut',
  intro:
    'Fördelningen beräknas och förs in som ett beslut på bladet Beslut. Ett fastställt beslut ändras aldrig; senare körningar visar Beslutat och Ändring mot beslut på bladet Förbund.',
  labelField: 'Beslutets namn',
  labelHint: 'Rubriken på beslutets kolumn på bladet Beslut, t.ex. "Beslut 2026-11-07".',
  preview: 'Visa vad som förs in',
  confirm: 'Fastställ',
  cancel: 'Avbryt',
  recordTitle: (label: string) => `Detta förs in som ${label}:`,
  federations: 'Förbund',
  total: 'Summa slutlig tilldelning',
  budget: 'Statlig ram',
  date: 'Datum',
  problems: (count: number) => `Beslutet kan inte fastställas: ${count} fel.`,
  recorded: (label: string) => `Beslutet ${label} är fastställt och skrivet på bladet Beslut.`,
  changesTitle: (label: string) => `Ändring mot ${label}`,
  noChanges: (label: string) => `Ingen ändring mot ${label}.`,
  notInDecision: 'inte med i beslutet',
  laterRoundTitle: (label: string) => `Ytterligare medel efter ${label}`,
  pot: 'Pott S',
  decided: 'Beslutat',
  handedBack: 'Återlämnat',
  applications: 'Ansökningar',
  requested: 'Ansökt',
  wanted: 'Kan användas',
  granted: 'Beviljat',
  dateField: 'Beslutsdatum',
  datePlaceholder: 'ÅÅÅÅ-MM-DD',
  dateHint: 'ÅÅÅÅ-MM-DD, t.ex. 2026-11-07. Skrivs i beslutets rubrik på bladet Beslut.',
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

/** The view Riktade medel (a targeted-funds round): its own texts; the figures' labels are the round's (ROUND_TEXTS.targeted). */
export const TARGETED_PANE_TEXTS = {
  tab: 'Riktade medel',
  intro:
    'Riktade medel fördelas på bladet Ansökningar (en rad per insats). Beräkna skriver Förslag (kr) så länge inget Beviljat belopp är ifyllt, och Beslut, Varningar och bladet Riktade medel. Ifyllda celler ändras aldrig.',
  run: 'Beräkna riktade medel',
  sheetMissingTitle: 'Arbetsboken har inget blad Ansökningar.',
  sheetMissingBody: 'Lägg in ett tomt blad Ansökningar med rubrikerna och fyll i en rad per insats. Befintliga blad ändras inte.',
  insertSheet: 'Lägg in bladet Ansökningar',
  inserted: 'Bladet Ansökningar är inlagt. Fyll i ansökningarna och välj sedan Beräkna riktade medel.',
  written: 'Resultatet är skrivet på bladen Ansökningar och Riktade medel.',
  figuresHeading: 'Omgången i siffror',
  progressReading: 'Läser ansökningarna …',
  progressWriting: 'Skriver riktade medel …',
  progressInserting: 'Lägger in bladet Ansökningar …',
} as const;

/** Kontrollera, the report of a regional workbook (round.md §3); the head line is ROUND_TEXTS.check.head. */
export const CHECK_TEXTS = {
  intro:
    'Kontrollera läser svaren i den här regionala arbetsboken och visar per förbund förslaget, matchningstaket från svaren, preliminärt matchat belopp och vad kommunerna och regionen skulle betala. Ingenting skrivs.',
  button: 'Kontrollera',
  federation: 'Förbund',
  matched: 'prel.',
  amountsHeader: 'Förslag, preliminärt',
  notAnswered: 'Ej svarat',
  cap: (amount: string) => `Tak ${amount}`,
  members: (municipalities: string, region: string) => `Kommunerna ${municipalities}, regionen ${region}`,
  selectRow: (name: string) => `Markera raden för ${name} i arbetsboken`,
  problemsTitle: (count: number) => `${count === 1 ? 'Ett förbund har' : `${count} förbund har`} fel att rätta.`,
  noProblems: 'Inga fel i svaren.',
  /** Beräkna is not offered on a regional workbook */
  regionalNote: (vo: string) =>
    `Arbetsboken gäller bara ${vo}; fördelningen beräknas i den nationella arbetsboken. Här kontrollerar du svaren innan filen skickas tillbaka.`,
} as const;

/** The round's view (Dela upp, Hämta svar; round.md §2, §4). */
export const ROUND_PANE_TEXTS = {
  tab: 'Omgång',
  intro:
    'Dela upp gör en arbetsbok per VO av den här nationella arbetsboken, för stabscheferna att samla in förbundens svar i. Hämta svar läser de returnerade filerna och för in svaren på bladet Förbund. Filerna läses och skapas här i webbläsaren; ingenting skickas någonstans.',
  splitTitle: 'Dela upp',
  splitButton: 'Dela upp',
  splitBody: 'Fördelningen beräknas på nytt och varje VO får sin fil. Spara filerna och skicka dem till stabscheferna.',
  splitDone: (count: number) => `${count} ${count === 1 ? 'fil är klar' : 'filer är klara'} att spara:`,
  splitFile: (fileName: string, federations: number) => `${fileName} (${federations} förbund)`,
  makingFile: (fileName: string, index: number, count: number) => `Skapar ${fileName} (${index + 1} av ${count}) …`,
  mergeTitle: 'Hämta svar',
  mergeButton: 'Hämta svar',
  mergeBody:
    'Välj de returnerade filerna (en eller flera). Svaren förs in på bladet Förbund, kolumnen Svar visar vem som svarat och bladet Svar loggar varje ändring. Finns ett enda fel skrivs ingenting.',
  readingFile: (fileName: string, index: number, count: number) => `Läser ${fileName} (${index + 1} av ${count}) …`,
  filesRead: (names: string[]) => `Lästa filer: ${names.join(', ')}`,
  mergeProblemsTitle: (count: number) => `Svaren kunde inte föras in: ${count} fel. Ingenting skrevs.`,
  merged: 'Svaren är införda.',
  unreadableFile: 'filen kunde inte läsas som en Excel-arbetsbok (.xlsx)',
  merging: 'För in svaren …',
  splitting: 'Delar upp …',
  rolloverTitle: 'Nästa år',
  rolloverBody:
    'Gör nästa års arbetsbok av den här: År ändras, årets slutliga tilldelning (eller det senaste beslutet) blir föregående års, svaren, resultatet och besluten töms och Statlig ram lämnas tom. Den här arbetsboken ändras inte; den nya skapas här i webbläsaren och sparas av dig.',
  rolloverYear: 'År för den nya arbetsboken',
  rolloverYearHint: 'Standard: året på bladet Parametrar plus ett.',
  rolloverButton: 'Gör nästa års arbetsbok',
  rollingOver: 'Gör nästa års arbetsbok …',
  rolloverFileName: (year: number) => `Medelstilldelning ${year}.xlsx`,
  rolloverDone: (year: number) => `Arbetsboken för ${year} är klar att spara:`,
} as const;

// The views' and components' own labels (issue 9: no Swedish literal in a view). One group per file,
// named after it, so that each view's words are found in one place.

/** CalculateView: the Beräkna view's buttons and the removal dialog. */
export const CALCULATE_VIEW_TEXTS = {
  intro: 'Beräkna räknar fram fördelningen från bladen Parametrar, Förbund och Kommuner och skriver resultatet i arbetsboken.',
  openParameters: 'Gå till Parametrar',
  calculate: 'Beräkna',
  remove: 'Ta bort resultat',
  removeTitle: 'Ta bort resultatet?',
  removeBody:
    'Resultatkolumnerna på bladet Förbund (Idealfördelning … Varningar) och bladen Kommunbidrag, Underlag och Körlogg tas bort. Inga ifyllda uppgifter ändras.',
  cancel: 'Avbryt',
  confirmRemove: 'Ta bort',
} as const;

/** ExplainView: choosing the federation to explain. */
export const EXPLAIN_VIEW_TEXTS = {
  federationField: 'Förbund',
  choose: 'Välj förbund',
  fixFirst: 'Rätta felen först',
  showFederations: 'Visa förbunden',
  useSelection: 'Använd markerad rad',
  reread: 'Läs om arbetsboken',
} as const;

/** AllocationChart: the chart of ideal and final allocation per federation, and its table. */
export const ALLOCATION_CHART_TEXTS = {
  label: 'Idealfördelning och slutlig tilldelning per förbund',
  ideal: 'Idealfördelning',
  final: 'Slutlig tilldelning',
  showChart: 'Visa som diagram',
  showTable: 'Visa som tabell',
  partial: (shown: number, total: number) =>
    `Visar de ${shown} av ${total} förbund där slutlig tilldelning skiljer sig mest från idealfördelningen.`,
  federation: 'Förbund',
  idealColumn: 'Ideal (kr)',
  finalColumn: 'Slutlig (kr)',
} as const;

/** ProblemList: the list of problems, each a link to its cell. */
export const PROBLEM_LIST_TEXTS = {
  title: 'Fel att rätta',
  goTo: (address: string, message: string) => `Gå till ${address}: ${message}`,
} as const;

/** WriteFailureView: the ways out of a write that did not complete. */
export const WRITE_FAILURE_ACTIONS = {
  calculateAgain: 'Beräkna igen',
  removePartial: 'Ta bort delresultatet',
} as const;

/** TemplateOffer: the button that inserts the template sheets. */
export const TEMPLATE_OFFER_TEXTS = {
  insert: 'Lägg in mallbladen',
} as const;

/** RunSummaryView and DecisionSummaryView: headings of their own. */
export const SUMMARY_VIEW_TEXTS = {
  title: 'Sammanfattning',
  decisionChange: 'Ändring',
} as const;
