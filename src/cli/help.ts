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

  Svenska namn går också bra: fördela, mall, exempel, förklara, kontrollera, underlag.

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
  finsam template --out TOM.xlsx [--force]

Mallen har bladen Parametrar, Förbund och Kommuner med rätt rubriker, instruktioner och
kontroller av vad som kan skrivas i cellerna.

Flaggor:
  -o, --out TOM.xlsx  Filen som skrivs (en fil som redan finns skrivs bara över med --force)
  -f, --force         Skriv över filen om den finns
  -h, --help          Visar den här hjälpen
`,
  example: `finsam example – skriver ett fiktivt nationellt exempel

Användning:
  finsam example --out EXEMPEL.xlsx [--force]

Exemplet har omkring 80 påhittade förbund i de fem verksamhetsområdena och omkring 290 kommuner
och stadsdelar, med statlig ram 339 000 000 kr. Alla uppgifter är fiktiva. Prova sedan:
  finsam allocate EXEMPEL.xlsx --out RESULTAT.xlsx

Flaggor:
  -o, --out EXEMPEL.xlsx  Filen som skrivs (en fil som redan finns skrivs bara över med --force)
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
};

export type CommandName = 'allocate' | 'template' | 'example' | 'explain' | 'check' | 'statements';

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
};
