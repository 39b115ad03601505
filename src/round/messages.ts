// Every Swedish text of the round's operations (split, check, merge, decide, rollover, targeted): one
// home, one wording each. Shared reading messages stay in src/workbook/messages.ts, engine texts in
// src/engine/messages.ts. Each operation adds its own group below; code refers to ROUND_TEXTS.<group>.
import { voLabel } from '../workbook/messages';

export const ROUND_TEXTS = {
  // src/round/targeted.ts: the sheet Riktade medel and the run's summary (targeted-funds.md "What a run writes")
  targeted: {
    title: 'Riktade medel – omgången i siffror',
    headers: ['Uppgift', 'Värde'] as const,
    timestamp: 'Tidpunkt',
    program: 'Program',
    potSource: 'Pottens källa',
    potFromParameter: (address: string) => `Parametern Riktade medel (${address})`,
    potFromRunLog: (address: string) => `Ej fördelat i den ordinarie körningen (${address})`,
    pot: 'Pott (kr)',
    cap: 'Tak per ansökan (kr)',
    applications: 'Antal ansökningar',
    insatser: 'Antal insatser',
    joint: 'Gemensamma ansökningar',
    granted: 'Insatser beviljade helt eller delvis',
    proposedInsatser: 'Insatser med förslag över 0 kr',
    ofWhich: (what: string) => `varav ${what}`,
    rejected: 'Avslag',
    undecided: 'Ej beslutade',
    requested: 'Sökt belopp (kr)',
    grantedAmount: 'Beviljat belopp (kr)',
    proposedAmount: 'Föreslaget belopp (kr)',
    remaining: 'Kvar av potten (kr)',
    basisNote: (decided: boolean) =>
      decided
        ? 'Beslut är inskrivna i Beviljat belopp: siffrorna gäller besluten (tomt = ej beslutad).'
        : 'Inget beslut är inskrivet ännu: siffrorna gäller förslaget (Förslag (kr)).',
    byVo: 'Per VO',
    byFederation: 'Per förbund',
    tableHeaders: (decided: boolean) =>
      ['Ansökningar', 'Insatser', 'Sökt (kr)', decided ? 'Beviljat (kr)' : 'Föreslaget (kr)'] as const,
    voHeader: 'VO',
    federationHeader: 'Förbund',
    noVo: '(utan VO)',
    jointNote: 'En gemensam ansökan räknas hos vart och ett av sina förbund; dess belopp delas lika mellan dem.',
    summary: {
      pot: (kr: string, source: string) => `Pott: ${kr} (${source})`,
      counts: (applications: number, insatser: number, joint: number) =>
        `Ansökningar: ${applications}, insatser: ${insatser}, gemensamma ansökningar: ${joint}`,
      granted: (decided: boolean, count: number, rejected: number, undecided: number) =>
        decided
          ? `Insatser beviljade helt eller delvis: ${count}, avslag: ${rejected}, ej beslutade: ${undecided}`
          : `Inget beslut ännu; insatser med förslag: ${count}, utan: ${rejected}`,
      amounts: (decided: boolean, requested: string, amount: string, remaining: string) =>
        `Sökt: ${requested}, ${decided ? 'beviljat' : 'föreslaget'}: ${amount}, kvar av potten: ${remaining}`,
      warnings: (list: string) => `Varningar: ${list || 'inga'}`,
      proposalKept: 'Förslag (kr) lämnades orört: det finns beslut i Beviljat belopp.',
    },
  },
  /** split: the regional files (round.md §2) */
  split: {
    voMissing: (federation: string) =>
      `${federation} saknar VO; varje förbund måste ha ett VO för att arbetsboken ska kunna delas upp`,
    noFederations: 'Arbetsboken har inga förbund att dela upp',
    regionalInput: (vo: string) => `Arbetsboken gäller bara ${vo}; dela upp den nationella arbetsboken i stället`,
    badReplyDate: (text: string) => `Svarsdatum "${text}" är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2027-05-28`,
    instructions: (vo: string, federations: number, replyDate: string | undefined) => [
      `Finsam medelstilldelning – ${vo}: förbundens svar till huvudkontoret`,
      '',
      `Arbetsboken gäller ${vo} (${federations} förbund). Den gjordes av huvudkontoret från den nationella arbetsboken och går tillbaka dit när svaren är ifyllda.`,
      replyDate ? `Svara senast ${replyDate}.` : 'Svara senast det datum huvudkontoret har angett.',
      '',
      'Så fyller du i',
      '1. På bladet Förbund fyller du i förbundets svar i de vita kolumnerna (svarskolumnerna). Övriga celler är låsta; de kommer från den nationella arbetsboken och får inte ändras.',
      '2. Skriv dagens datum i Svar inkommit när förbundet har svarat, och gärna en rad i Kommentar.',
      '3. Spara filen med samma namn och skicka tillbaka den till huvudkontoret.',
      '',
      'Svarskolumnerna',
      'Eget kapital (kr): förbundets eget kapital vid senaste årsskiftet.',
      'Totala medel föregående år (kr): statens, kommunernas och regionens medel till förbundet förra året (tomt = två gånger statens tilldelning).',
      'Kommunernas möjliga bidrag (kr): vad kommunerna tillsammans kan bidra med. Tomt betyder att förbundet inte har svarat, inte att kommunerna kan matcha fullt ut.',
      'Regionens möjliga bidrag (kr): vad regionen kan bidra med. Tomt betyder inte svarat.',
      'Ansökan ytterligare medel (kr): hur mycket mer än förslaget förbundet söker, om det finns medel över.',
      'Återlämnade medel (kr): medel som förbundet lämnar tillbaka.',
      'Fördelning mellan kommuner: Lika, Invånare eller Försörjningsstöd (tomt = Invånare).',
      '',
      'Förslaget',
      'Idealfördelning (kr) och Efter spärr (kr) är huvudkontorets förslag, beräknat nationellt.',
      'Kommunerna behöver bidra med (kr) och Regionen behöver bidra med (kr) är vad som krävs för att förbundet ska få förslaget fullt ut; att skriva de beloppen som möjliga bidrag leder aldrig till en minskning. Bladet Kommunernas del visar varje kommuns del.',
      'Bladet Nationellt har de nationella talen som förslaget bygger på.',
      'Bladet Underlag räknar om förslaget med formler över bladen i filen och de nationella talen, så att förbundet kan kontrollera sina belopp i filen.',
      '',
      'Förslaget är preliminärt tills huvudkontoret har fått in alla svar och beslutat.',
    ],
    federationTitle: (vo: string) => `Förbund i ${vo} – fyll i svaren i de vita kolumnerna`,
    federationNote: 'Låsta celler kommer från den nationella arbetsboken. Skydd utan lösenord: ett skydd mot misstag.',
    parameterTitle: 'Parametrar för fördelningen (nationella)',
    parameterNote: 'Värdena kommer från den nationella arbetsboken och får inte ändras.',
    areaTitle: (vo: string) => `Kommuner i ${vo}s förbund`,
    shareTitle: 'Kommunernas del av vad kommunerna behöver bidra med',
    nationalTitle: 'De nationella talen bakom förslaget',
    nationalRows: {
      budget: 'Statlig ram (kr)',
      federationCount: 'Antal förbund',
      totalSupportMeasure: 'Σ försörjningsmått',
      totalPopulation: 'Σ invånare 16–64',
      pool: 'Pott T (kr)',
      lambda: 'λ',
      appliedMaxDecrease: 'Tillämpad spärr',
      protectionRemoved: 'Skyddet borttaget för förbund med för stort eget kapital',
    },
  },
  /** merge: the answers back into the national workbook (round.md §4) */
  merge: {
    otherSource: (file: string) => `${file} gjordes från en annan version av den nationella arbetsboken`,
    noSource: (file: string) =>
      `${file} saknar Nationell källa på bladet Parametrar; det är ingen regional arbetsbok gjord av Dela upp`,
    notRegional: (file: string) => `${file} är ingen regional arbetsbok (Omfattning saknas eller är Nationell)`,
    nationalIsRegional: (vo: string) =>
      `Den nationella arbetsboken gäller bara ${vo}; hämta svaren till den nationella arbetsboken`,
    changedCell: (what: string, regional: string, national: string) =>
      `${what} är ${regional} här men ${national} i den nationella arbetsboken; bara svarskolumnerna får ändras`,
    missingFederation: (federation: string) => `Förbundet "${federation}" finns i den nationella arbetsboken men saknas i filen`,
    missingArea: (what: string) => `${what} finns i den nationella arbetsboken men saknas i filen`,
    extraArea: (what: string) => `${what} finns inte i den nationella arbetsboken`,
    twice: (federation: string, first: string) => `Förbundet "${federation}" finns också i ${first}`,
    unknownFederation: (federation: string) => `Förbundet "${federation}" finns inte i den nationella arbetsboken`,
    parameterMissing: (label: string) => `Parametern "${label}" saknas här men finns i den nationella arbetsboken`,
    blank: '(tomt)',
    answered: (vo: string, date: string) => `${vo} ${date}`,
    logHeaders: ['Tidpunkt', 'Fil', 'VO', 'Förbund', 'Uppgift', 'Tidigare värde', 'Nytt värde'],
    logNoChanges: 'Inga ändringar',
    summaryFile: (file: string, vo: string, federations: number, answered: number, changes: number) =>
      `${file} (${vo}): ${answered} av ${federations} förbund har svarat, ${changes} ändrade celler`,
    summaryChanges: (changes: number) => `Ändrade svarsceller på Förbund: ${changes}`,
    summaryAllAnswered: 'Alla förbund har svarat',
    summaryNotAnswered: (count: number) => `Ej svarat (${count} förbund):`,
    summaryNotAnsweredRow: (federation: string, vo: string) => `  ${federation}${vo ? ` (${vo})` : ''}`,
  },
  /** check on a regional workbook (check.ts, round.md §3) */
  check: {
    notRegional: 'Arbetsboken är inte regional (Omfattning saknas eller är Nationell)',
    proposalColumnMissing: 'Kolumnen "Efter spärr (kr)" med det nationella förslaget saknas; gör filen med Dela upp',
    proposalMissing: (name: string) => `Förbundet "${name}" saknar nationellt förslag (Efter spärr)`,
    otherVo: (name: string, vo: string, scope: string) =>
      `Förbundet "${name}" hör till ${vo ? voLabel(vo) : 'inget VO'}, men arbetsboken gäller ${voLabel(scope)}`,
    halfAnswered: (name: string, blank: string) =>
      `${blank} saknas för "${name}"; fyll i båda möjliga bidragen (ett tomt fält räknas som ej svarat)`,
    head: (vo: string, count: number, answered: number) =>
      `${voLabel(vo)}: ${count} förbund, ${answered} har svarat, ${count - answered} har inte svarat. Förslaget är preliminärt tills huvudkontoret har beslutat.`,
    totals: (proposal: string, matched: string) =>
      `Summa förslag (efter spärr): ${proposal}; preliminärt matchat för dem som svarat: ${matched}`,
    answeredLine: (name: string, proposal: string, cap: string, matched: string, municipalities: string, region: string) =>
      `  ${name}: förslag ${proposal}, matchningstak ${cap}, preliminärt ${matched} (kommunerna ${municipalities}, regionen ${region})`,
    unansweredLine: (name: string, proposal: string) => `  ${name}: förslag ${proposal}, ej svarat`,
    problemLine: (address: string, message: string) => `  Fel: ${address}: ${message}`,
  },
  /** Förklara on a regional workbook (explain-regional.ts, round.md §3) */
  explainRegional: {
    nationalMissing: 'Bladet "Nationellt" saknas; förslaget kan inte förklaras utan de nationella talen (gör filen med Dela upp)',
    figureMissing: (label: string) => `"${label}" saknas eller går inte att läsa på bladet Nationellt`,
    budgetNote: 'Hela landets ram; den fördelas i den nationella arbetsboken',
    countNote: (vo: string) => `Förbund i hela landet (den här filen har bara ${vo}s)`,
    distributable: 'Att fördela efter nyckel',
    distributableNote: (budget: string, count: string, base: string) => `${budget} − ${count} × grundtilldelningen ${base}`,
    lambdaNote: 'Andelen av behovsdelen som ryms i ramen när spärren är tillgodosedd (nationellt)',
    federation: 'Förbund',
    supportMeasure: 'Försörjningsmått',
    population: 'Invånare 16–64',
    ofNational: (share: string, total: string) => `${share} av hela landets ${total}`,
    key: 'Nyckel',
    keyNote: (wfm: string, wpop: string) => `${wfm} × andelen försörjningsmått + ${wpop} × andelen invånare`,
    ideal: 'Idealfördelning',
    idealNote: (base: string, months: number) =>
      `Grundtilldelningen ${base} + nyckeln × beloppet att fördela${months === 12 ? '' : `, för ${months} av 12 månader`}`,
    floor: 'Golv (spärr)',
    floorNote: (previous: string, share: string) => `Föregående års ${previous} minskat med högst ${share}`,
    proposal: 'Förslag (efter spärr)',
    proposalNote: (lambda: string) => `Grundtilldelningen + λ (${lambda}) × behovsdelen, aldrig under golvet`,
    proposalAtFloor: 'Lyft till golvet: spärren skyddar förbundet mot en större minskning',
    extra: 'Ytterligare medel',
    extraValue: 'Beslutas nationellt',
    extraNote:
      'Det som förbund inte kan matcha fördelas av huvudkontoret till dem som ansökt, när alla VO:s svar har kommit in; förslaget är preliminärt till dess',
  },
  // spec: docs/model.md §A6 — decide (issue 11)
  decide: {
    labelMissing: 'Ange beslutets namn, t.ex. "Beslut 2026-11-07"',
    labelExists: (label: string) =>
      `Beslutet "${label}" finns redan; ett fastställt beslut ändras aldrig. Välj ett annat namn på beslutet`,
    dateInvalid: (date: string) => `Beslutsdatum "${date}" är inget datum på formen ÅÅÅÅ-MM-DD`,
    recorded: (label: string) => `Beslut fastställt: ${label}`,
    figures: (count: number, total: string, budget: string, date: string) =>
      `${count} förbund, summa ${total} av statlig ram ${budget}, datum ${date}`,
  },
  // spec: docs/model.md §A8 — rollover (issue 11)
  rollover: {
    yearMissing: 'År saknas; ange året på bladet Parametrar eller med --ar',
    yearInvalid: (year: string) => `"${year}" är inget årtal`,
    done: (year: number) => `Nästa års arbetsbok: År ${year}`,
    basis: (label: string | undefined) =>
      label
        ? `Statlig tilldelning föregående år = beslutet ${label}; Totala medel föregående år = 2 × det`
        : 'Statlig tilldelning föregående år = Slutlig tilldelning; Totala medel föregående år = 2 × det',
    emptied: 'Svarskolumner, resultat, Beslut, Svar och Körlogg tömda; Kommuner behållna; ange Statlig ram',
  },
} as const;
