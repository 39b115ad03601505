// Every Swedish text of the round's operations (split, check, merge, decide, rollover, targeted): one
// home, one wording each. Shared reading messages stay in src/workbook/messages.ts, engine texts in
// src/engine/messages.ts. Each operation adds its own group below; code refers to ROUND_TEXTS.<group>.
import { voLabel } from '../workbook/messages';

export const ROUND_TEXTS = {
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
} as const;
