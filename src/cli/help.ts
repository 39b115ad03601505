// Help texts (Swedish), the command names and their Swedish aliases, the program's version.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export function version(): string {
  for (const candidate of [path.join(__dirname, '..', '..', 'package.json'), path.join(__dirname, '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'finsam' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return 'okänd';
}

export const PROGRAM_HELP = `finsam – Finsams medelstilldelning från kommandoraden

Användning:
  finsam <kommando> [flaggor]

Kommandon:
  allocate  FIL.xlsx --out UT.xlsx     Beräknar fördelningen och skriver resultatet till en ny fil
  template  --out TOM.xlsx             Skriver en tom mall att fylla i
  example   --out EXEMPEL.xlsx         Skriver ett fiktivt, nationellt exempel
  explain   FIL.xlsx --forbund NAMN    Förklarar steg för steg hur ett förbunds tilldelning blev som den blev
  check     FIL.xlsx                   Kontrollerar en arbetsbok och visar varje fel; skriver ingenting
  statements FIL.xlsx --out-dir MAPP   Skriver ett underlag (PDF, A4) per förbund
  targeted  FIL.xlsx --out UT.xlsx     Riktade medel: förslag, beslut och omgången i siffror
  split     NATIONELL.xlsx --out-dir MAPP  Delar upp den nationella arbetsboken i en fil per VO
  merge     NATIONELL.xlsx VO.xlsx... --out UT.xlsx  Hämtar svaren från de regionala filerna

  decide    FIL.xlsx --out UT.xlsx --beslut NAMN   Fastställer fördelningen som ett beslut (bladet Beslut)
  rollover  FIL.xlsx --out NÄSTA.xlsx  Skriver nästa års arbetsbok (År + 1, föregående års tilldelning ifylld)

  Svenska namn går också bra: fördela, mall, exempel, förklara, kontrollera, underlag, dela, hämta, riktade,
  fastställ, nästa-år.

Flaggor:
  -h, --help      Visar hjälpen (även för ett kommando: finsam allocate --help)
  -v, --version   Visar versionen

Avslutningskoder: 0 klart, 2 fel i indata eller på kommandoraden (inget skrivs), 1 oväntat fel.
`;

export const COMMAND_HELP: Record<CommandName, string> = {
  allocate: `finsam allocate – beräknar fördelningen för en arbetsbok

Användning:
  finsam allocate FIL.xlsx --out UT.xlsx [--json] [--quiet]
  finsam allocate FIL.xlsx --in-place [--json] [--quiet]

Läser bladen Parametrar, Förbund och Kommuner, beräknar fördelningen och skriver en kopia av
arbetsboken med resultatet: kolumner till höger om indata på Förbund och bladen Kommunbidrag,
Underlag (beräkningen som formler) och Körlogg. Indata ändras aldrig; en ny körning på utfilen ersätter bara den förra körningens resultat.
Har filen fel skrivs varje fel med sin cell (t.ex. Förbund!E7) och ingen fil skrivs.

Flaggor:
  -o, --out UT.xlsx   Filen som skrivs (skrivs över om den finns; skrivs helt eller inte alls)
  --in-place          Skriv resultatet i själva indatafilen i stället för en ny fil
  --json              Skriv sammanfattningen (eller felen) som JSON på standard ut
  -q, --quiet         Inga förloppsrader på standard fel
  -h, --help          Visar den här hjälpen
`,
  template: `finsam template – skriver en tom mall

Användning:
  finsam template --out TOM.xlsx [--riktade] [--force]

Mallen har bladen Parametrar, Förbund och Kommuner med rätt rubriker, instruktioner och
kontroller av vad som kan skrivas i cellerna.

Flaggor:
  -o, --out TOM.xlsx  Filen som skrivs (en fil som redan finns skrivs bara över med --force)
  --riktade           Lägg till ett tomt blad Ansökningar för riktade medel
  -f, --force         Skriv över filen om den finns
  -h, --help          Visar den här hjälpen
`,
  example: `finsam example – skriver ett fiktivt nationellt exempel

Användning:
  finsam example --out EXEMPEL.xlsx [--riktade] [--force]

Exemplet har omkring 80 påhittade förbund i de fem verksamhetsområdena och omkring 290 kommuner
och stadsdelar, med statlig ram 339 000 000 kr. Alla uppgifter är fiktiva. Prova sedan:
  finsam allocate EXEMPEL.xlsx --out RESULTAT.xlsx

Med --riktade skrivs i stället ett fiktivt exempel på riktade medel (bladet Ansökningar, formad som
omgången 2016). Prova sedan: finsam targeted EXEMPEL.xlsx --out RESULTAT.xlsx

Flaggor:
  -o, --out EXEMPEL.xlsx  Filen som skrivs (en fil som redan finns skrivs bara över med --force)
  --riktade               Exemplet på riktade medel
  -f, --force             Skriv över filen om den finns
  -h, --help              Visar den här hjälpen
`,
  explain: `finsam explain – förklarar ett förbunds tilldelning

Användning:
  finsam explain FIL.xlsx --forbund NAMN

Beräknar fördelningen för arbetsboken (utan att skriva något) och visar steg för steg hur det
namngivna förbundets tilldelning blev som den blev.

Flaggor:
  -f, --forbund NAMN  Förbundets namn som på bladet Förbund (även --förbund)
  -h, --help          Visar den här hjälpen
`,
  check: `finsam check – kontrollerar en arbetsbok utan att skriva något

Användning:
  finsam check FIL.xlsx [--json]

Läser arbetsboken och beräknar fördelningen som allocate gör, men skriver ingen fil och ändrar
inte filen. Har filen fel visas varje fel med sin cell (t.ex. Förbund!E7) och avslutningskoden
är 2; annars visas en kort sammanfattning av körningen och avslutningskoden är 0.

En regional arbetsbok (Omfattning = ett VO, gjord av split) får en rapport per förbund: svarat
eller inte, förslaget (Efter spärr), matchningstaket från svaren, preliminärt matchat belopp och
vad kommunerna och regionen skulle betala, och förbundets fel (då är avslutningskoden 2).

Flaggor:
  --json              Skriv sammanfattningen (eller felen) som JSON på standard ut
  -h, --help          Visar den här hjälpen
`,
  statements: `finsam statements – skriver ett underlag per förbund (PDF)

Användning:
  finsam statements FIL.xlsx --out-dir MAPP [--forbund NAMN] [--force] [--quiet]

Beräknar fördelningen för arbetsboken (utan att ändra den) och skriver ett underlag i A4 för
varje förbund, eller bara för det namngivna: tilldelningen och hur den räknats fram. Filerna
heter som förbundet, t.ex. "Söderby – Statlig tilldelning 2027.pdf". En fil som redan finns
skrivs bara över med --force; ingen fil skrivs om något av underlagen inte kan skrivas.

Flaggor:
  -o, --out-dir MAPP  Mappen som underlagen skrivs i (skapas om den inte finns)
  --forbund NAMN      Bara det här förbundet, namnet som på bladet Förbund (även --förbund)
  -f, --force         Skriv över filer som redan finns
  -q, --quiet         Inga förloppsrader på standard fel
  -h, --help          Visar den här hjälpen
`,
  targeted: `finsam targeted – riktade medel: förslag, beslut och omgången i siffror

Användning:
  finsam targeted FIL.xlsx --out UT.xlsx [--json] [--force] [--quiet]

Läser bladet Ansökningar (en rad per insats), förbundens namn och VO på Förbund, potten
(Riktade medel (kr) på Parametrar, eller Ej fördelat på Körlogg när den är tom) och taket per
ansökan. Skriver en kopia av arbetsboken med Förslag (kr) (bara så länge inget Beviljat belopp
är ifyllt), Beslut och Varningar till höger om indata på Ansökningar, och bladet Riktade medel:
omgången i siffror, per VO och per förbund. Ifyllda celler ändras aldrig. Har filen fel skrivs
varje fel med sin cell och ingen fil skrivs.

Flaggor:
  -o, --out UT.xlsx   Filen som skrivs (skrivs helt eller inte alls; en fil som finns bara med --force)
  -f, --force         Skriv över utfilen om den finns
  --json              Skriv siffrorna (eller felen) som JSON på standard ut
  -q, --quiet         Inga förloppsrader på standard fel
  -h, --help          Visar den här hjälpen
`,
  split: `finsam split – delar upp den nationella arbetsboken i en fil per VO

Användning:
  finsam split NATIONELL.xlsx --out-dir MAPP [--svarsdatum ÅÅÅÅ-MM-DD] [--force] [--quiet]

Beräknar fördelningen för den nationella arbetsboken (utan att ändra den) och skriver en regional
arbetsbok per VO, t.ex. "VO Syd.xlsx": VO:ts förbund och kommuner, huvudkontorets förslag, vad
kommunerna och regionen behöver bidra med, svarskolumnerna att fylla i och de nationella talen.
Allt utom svarscellerna är skyddat (utan lösenord). Varje förbund måste ha ett VO. Har filen fel
skrivs varje fel med sin cell och ingen fil skrivs.

Flaggor:
  -o, --out-dir MAPP        Mappen som filerna skrivs i (skapas om den inte finns)
  --svarsdatum ÅÅÅÅ-MM-DD   Sista dag för svar (skrivs på Parametrar och Instruktioner)
  -f, --force               Skriv över filer som redan finns (annars skrivs ingen fil)
  -q, --quiet               Inga förloppsrader på standard fel
  -h, --help                Visar den här hjälpen
`,
  merge: `finsam merge – hämtar svaren från de regionala filerna

Användning:
  finsam merge NATIONELL.xlsx VO.xlsx... --out UT.xlsx [--force] [--quiet]

Kopierar svarskolumnerna från varje regional fil (gjord av finsam split) till förbundens rader i en
kopia av den nationella arbetsboken, skriver kolumnen Svar på Förbund (t.ex. "VO Syd 2027-05-28"
eller "Ej svarat") och lägger till ändringarna sist på bladet Svar. Inget annat ändras. Är en fil
gjord från en annan version av den nationella arbetsboken, har en låst cell ändrats, finns ett
förbund i två filer eller är en svarscell fel, visas varje fel och ingen fil skrivs.

Flaggor:
  -o, --out UT.xlsx   Filen som skrivs (skrivs helt eller inte alls)
  -f, --force         Skriv över utfilen om den finns
  -q, --quiet         Inga förloppsrader på standard fel
  -h, --help          Visar den här hjälpen
`,
  decide: `finsam decide – fastställer fördelningen som ett beslut

Användning:
  finsam decide FIL.xlsx --out UT.xlsx --beslut NAMN [--datum ÅÅÅÅ-MM-DD] [--json] [--quiet]

Beräknar fördelningen som allocate gör och skriver den, och för in Slutlig tilldelning som ett
nytt beslut på bladet Beslut: en kolumn med beslutets namn som rubrik och, ovanför tabellen,
Datum, Statlig ram, Summa och Fingeravtryck. Ett fastställt beslut ändras aldrig: ett namn som
redan finns avvisas och ingen fil skrivs. Efter ett beslut skriver varje körning Beslutat (kr)
och Ändring mot beslut (kr) på Förbund.

Flaggor:
  -o, --out UT.xlsx   Filen som skrivs (skrivs helt eller inte alls)
  -b, --beslut NAMN   Beslutets namn, t.ex. "Beslut 2026-11-07"
  -d, --datum DATUM   Beslutsdatum ÅÅÅÅ-MM-DD (standard: i dag)
  --json              Skriv beslutet (eller felen) som JSON på standard ut
  -q, --quiet         Inga förloppsrader på standard fel
  -h, --help          Visar den här hjälpen
`,
  rollover: `finsam rollover – skriver nästa års arbetsbok

Användning:
  finsam rollover FIL.xlsx --out NÄSTA.xlsx [--ar ÅR] [--json] [--quiet]

Skriver nästa omgångs nationella arbetsbok: År + 1; Statlig tilldelning föregående år = årets
Slutlig tilldelning (eller det senaste beslutet när det finns ett: beslutet gäller); Totala medel
föregående år = 2 × det. Svarskolumner, resultat och bladen Beslut, Svar, Kommunbidrag och
Körlogg töms; Kommuner behålls. Statlig ram lämnas tom och måste anges igen.

Flaggor:
  -o, --out NÄSTA.xlsx  Filen som skrivs (skrivs helt eller inte alls)
  --ar ÅR               Nästa års årtal (standard: År + 1; även --år)
  --json                Skriv resultatet (eller felen) som JSON på standard ut
  -q, --quiet           Inga förloppsrader på standard fel
  -h, --help            Visar den här hjälpen
`,
};

export type CommandName =
  | 'allocate'
  | 'template'
  | 'example'
  | 'explain'
  | 'check'
  | 'statements'
  | 'targeted'
  | 'split'
  | 'merge'
  | 'decide'
  | 'rollover';

export const COMMAND_ALIASES: Record<string, CommandName> = {
  allocate: 'allocate',
  fördela: 'allocate',
  fordela: 'allocate',
  template: 'template',
  mall: 'template',
  example: 'example',
  exempel: 'example',
  explain: 'explain',
  förklara: 'explain',
  forklara: 'explain',
  check: 'check',
  kontrollera: 'check',
  statements: 'statements',
  underlag: 'statements',
  targeted: 'targeted',
  riktade: 'targeted',
  split: 'split',
  dela: 'split',
  merge: 'merge',
  hämta: 'merge',
  hamta: 'merge',
  decide: 'decide',
  fastställ: 'decide',
  faststall: 'decide',
  rollover: 'rollover',
  'nästa-år': 'rollover',
  'nasta-ar': 'rollover',
};
