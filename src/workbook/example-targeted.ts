// The bundled fictional example of a targeted-funds round (riktade medel), shaped like the 2016 round
// (finsam.se, 2016-03-09): a pot of 13 Mkr, at most 500 000 kr per application, 44 applications
// covering 47 insatser (3 joint), 28 insatser granted in full or in part (15 for needs analysis and
// plan, 17 for active insatser), about 21 Mkr applied for and about 12.9 Mkr granted.
// The national example (example.ts) with Riktade medel set and a sheet Ansökningar whose decisions are
// typed. Host-neutral; `finsam example --riktade` writes it, `npm run example:asset` regenerates
// assets/exempel-riktade-medel.xlsx. Every name and figure is made up.
import type { CellValue, SheetOutput } from './types';
import { MONEY_FORMAT, TEXT_FORMAT } from './types';
import { APPLICATION_SHEET } from './application-columns';
import { applicationSheet, TEMPLATE_HEADER_ROW } from './template';
import { exampleSheets } from './example';
import { parameterDefinition } from './parameters';
import { normalizeKey, parseHeader } from './text';

export const TARGETED_EXAMPLE_POT = 13_000_000;
export const TARGETED_EXAMPLE_FILE = 'exempel-riktade-medel.xlsx';
export const TARGETED_EXAMPLE_TITLE = 'Fiktiva uppgifter – exempel på en omgång med riktade medel';

const B = 'Behovsanalys och plan';
const A = 'Aktiv insats';
const BOTH = `${B}; ${A}`;
const LS = 'Långtidssjukskrivna';
const UA = 'Unga med aktivitetsersättning';
const UR = 'Unga i riskzonen';

/**
 * One application: its type and target groups, its insatser as [name, Sökt, Beviljat], and how many
 * federations apply together (1 = alone). The order and the figures are the example's data.
 */
interface ExampleApplication {
  type: string;
  groups: string;
  insatser: [string, number, number][];
  federations?: number;
}

// 44 applications, 47 insatser. Granted in full or in part: 26 applications, 28 insatser.
const APPLICATIONS: ExampleApplication[] = [
  // Two insatser each (47 − 44 = 3): one over the cap and granted in part, one in full, one rejected
  {
    type: BOTH,
    groups: `${LS}; ${UA}`,
    insatser: [
      ['Kartläggning och stegförflyttning', 300_000, 280_000],
      ['Arbetsträning i kommunen', 250_000, 220_000],
    ],
  },
  {
    type: A,
    groups: UR,
    insatser: [
      ['Unga vuxna i arbete', 200_000, 200_000],
      ['Coachning i grupp', 300_000, 300_000],
    ],
  },
  {
    type: B,
    groups: LS,
    insatser: [
      ['Behovsanalys sjukskrivna', 250_000, 0],
      ['Handlingsplan', 250_000, 0],
    ],
  },
  // Granted single insatser: 2 both types, 11 needs analysis, 11 active (3 of all joint)
  { type: BOTH, groups: UA, insatser: [['Samordnad rehabilitering', 600_000, 500_000]] },
  { type: BOTH, groups: `${LS}; ${UR}`, insatser: [['Gemensam kartläggning', 500_000, 500_000]], federations: 2 },
  { type: B, groups: LS, insatser: [['Behovsanalys långtidssjukskrivna', 500_000, 500_000]] },
  { type: B, groups: UA, insatser: [['Kartläggning unga med aktivitetsersättning', 500_000, 500_000]] },
  { type: B, groups: UR, insatser: [['Analys unga i riskzonen', 650_000, 500_000]] },
  { type: B, groups: LS, insatser: [['Plan för återgång i arbete', 500_000, 500_000]] },
  { type: B, groups: `${UA}; ${UR}`, insatser: [['Behovsanalys unga', 500_000, 500_000]], federations: 3 },
  { type: B, groups: LS, insatser: [['Kartläggning hälsa och arbete', 700_000, 500_000]] },
  { type: B, groups: UA, insatser: [['Analys av insatskedjan', 500_000, 500_000]] },
  { type: B, groups: UR, insatser: [['Plan för tidiga insatser', 500_000, 500_000]] },
  { type: B, groups: LS, insatser: [['Behovsanalys i glesbygd', 500_000, 480_000]] },
  { type: B, groups: UA, insatser: [['Kartläggning och plan', 550_000, 500_000]] },
  { type: B, groups: UR, insatser: [['Analys skolavhopp', 500_000, 500_000]] },
  { type: A, groups: LS, insatser: [['Arbetslivsinriktad rehabilitering', 500_000, 500_000]] },
  { type: A, groups: UA, insatser: [['Praktik med stöd', 620_000, 500_000]] },
  { type: A, groups: UR, insatser: [['Ungdomslots', 500_000, 500_000]] },
  { type: A, groups: LS, insatser: [['Individuellt stöd i arbete', 500_000, 500_000]] },
  { type: A, groups: UA, insatser: [['Steg till arbete', 580_000, 500_000]] },
  { type: A, groups: UR, insatser: [['Aktivitetshus', 500_000, 500_000]] },
  { type: A, groups: LS, insatser: [['Friskvård och arbetsträning', 500_000, 455_000]] },
  { type: A, groups: UA, insatser: [['Supported employment', 500_000, 500_000]] },
  { type: A, groups: UR, insatser: [['Unga i rörelse', 500_000, 500_000]] },
  { type: A, groups: `${LS}; ${UA}`, insatser: [['Arbetsförberedande insats', 500_000, 500_000]] },
  { type: A, groups: UR, insatser: [['Mentorer för unga', 500_000, 500_000]] },
  // Rejected single insatser: 17 (one of them joint)
  { type: B, groups: LS, insatser: [['Förstudie samverkan', 300_000, 0]] },
  { type: A, groups: UA, insatser: [['Motivationsgrupp', 450_000, 0]] },
  { type: A, groups: UR, insatser: [['Sommarjobb med stöd', 350_000, 0]], federations: 2 },
  { type: B, groups: UR, insatser: [['Kartläggning fritid', 400_000, 0]] },
  { type: A, groups: LS, insatser: [['Hälsocoach', 500_000, 0]] },
  { type: BOTH, groups: UA, insatser: [['Utredning och träning', 480_000, 0]] },
  { type: A, groups: UR, insatser: [['Idrott som väg in', 380_000, 0]] },
  { type: B, groups: LS, insatser: [['Enkätstudie', 250_000, 0]] },
  { type: A, groups: UA, insatser: [['Studiecirkel arbetsliv', 420_000, 0]] },
  { type: A, groups: LS, insatser: [['Digitalt stöd', 500_000, 0]] },
  { type: B, groups: UR, insatser: [['Nätverksanalys', 300_000, 0]] },
  { type: A, groups: UR, insatser: [['Kulturverkstad', 450_000, 0]] },
  { type: A, groups: UA, insatser: [['Jobbspår', 400_000, 0]] },
  { type: B, groups: LS, insatser: [['Processkartläggning', 350_000, 0]] },
  { type: A, groups: LS, insatser: [['Trädgårdsterapi', 500_000, 0]] },
  { type: A, groups: UR, insatser: [['Ungdomsråd', 320_000, 0]] },
  { type: A, groups: UA, insatser: [['Arbetsplatsnära stöd', 450_000, 0]] },
];

/** Återrapport senast for every granted insats: 31 December of the round's year, as an Excel date serial. */
const REPORT_DUE = (Date.UTC(2027, 11, 31) - Date.UTC(1899, 11, 30)) / 86_400_000;

/** The Förbund rows of the national example: name and VO, in sheet order. */
function federationNames(sheets: SheetOutput[]): string[] {
  const federations = sheets.find((s) => s.name === 'Förbund')!;
  return federations.values.slice(3).map((r) => String(r[0]));
}

/** The example workbook: the national example, Riktade medel 13 000 000 kr, and Ansökningar filled in. */
export function targetedExampleSheets(): SheetOutput[] {
  const sheets = exampleSheets();
  const names = federationNames(sheets);
  // Parametrar: the pot
  const parameters = sheets.find((s) => s.name === 'Parametrar')!;
  const potLabel = parseHeader(parameterDefinition('targetedFunds').label).name;
  const potRow = parameters.values.findIndex((r) => parseHeader(r[0]).name === potLabel);
  parameters.values[potRow] = [
    parameters.values[potRow][0],
    TARGETED_EXAMPLE_POT,
    'Fiktiv pott (kvar efter den ordinarie omgången)',
  ];

  // Om exemplet: what this file is
  const about = sheets.find((s) => normalizeKey(s.name) === normalizeKey('Om exemplet'))!;
  about.values = [
    [TARGETED_EXAMPLE_TITLE],
    [''],
    ['Allt i den här arbetsboken är påhittat: förbund, ansökningar, insatser och belopp. Inga verkliga förbund eller uppgifter.'],
    ['Omgången är formad som de riktade medlen 2016 (finsam.se 2016-03-09): en pott på 13 Mkr, högst 500 000 kr per ansökan,'],
    [
      '44 ansökningar med 47 insatser (3 gemensamma ansökningar), 28 insatser beviljade helt eller delvis, cirka 21 Mkr sökt och 12,9 Mkr beviljat.',
    ],
    ['Arbetsgruppens beslut är redan inskrivna i kolumnen Beviljat belopp (kr) på bladet Ansökningar.'],
    [''],
    ['Så kör du exemplet'],
    ['Kommandorad: finsam targeted exempel-riktade-medel.xlsx --out resultat.xlsx'],
    ['Excel: öppna filen och välj Riktade medel i tillägget Finsam medelstilldelning.'],
    [
      'Resultatet skrivs till höger om indata på bladet Ansökningar (Beslut, Varningar) och på bladet Riktade medel; indata ändras aldrig.',
    ],
    ['Bladen Förbund och Kommuner är det nationella exemplets; den ordinarie fördelningen kan också köras (finsam allocate).'],
  ];
  about.boldRows = [0, 7];

  // Ansökningar: one row per insats; federations spread over the example's VO, joint ones with their neighbours
  const sheet = applicationSheet();
  const rows: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  APPLICATIONS.forEach((application, k) => {
    const first = (k * 7) % names.length;
    const federations = Array.from({ length: application.federations ?? 1 }, (_, j) => names[(first + j * 3) % names.length]);
    for (const [insats, requested, granted] of application.insatser) {
      rows.push([
        `RM-${String(k + 1).padStart(2, '0')}`,
        federations.join('; '),
        insats,
        application.type,
        application.groups,
        requested,
        granted,
        granted > 0 ? REPORT_DUE : '',
      ]);
      formats.push([TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, TEXT_FORMAT, MONEY_FORMAT, MONEY_FORMAT, 'yyyy-mm-dd']);
    }
  });
  sheet.values = [[TARGETED_EXAMPLE_TITLE], sheet.values[1], sheet.values[TEMPLATE_HEADER_ROW], ...rows];
  sheet.numberFormats = [[null], [null], sheet.values[TEMPLATE_HEADER_ROW].map(() => null), ...formats];
  return [...sheets.filter((s) => s.name !== APPLICATION_SHEET), sheet];
}
