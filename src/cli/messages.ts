// Every Swedish text of the command line only (usage errors, file errors, progress, summaries): one
// home, one wording each. Texts shared with the pane are in src/workbook/messages.ts or
// src/round/messages.ts. Each command adds its own group below; code refers to CLI_TEXTS.<group>.

/** What a file is when it is a zip but not an Excel workbook (notAWorkbookMessage). */
const ZIP_KIND_NAMES = {
  ods: 'ett OpenDocument-kalkylark (.ods)',
  odf: 'ett OpenDocument-dokument',
  docx: 'ett Word-dokument (.docx)',
  pptx: 'en PowerPoint-presentation (.pptx)',
  zip: 'en zip-fil utan arbetsbok',
} as const;

const SAVE_AGAIN = 'Använd en oskadad kopia, eller öppna den i Excel och spara den igen.';

export const CLI_TEXTS = {
  /** Every file command alike (src/cli/command.ts): its input, progress and --out */
  command: {
    sameFile: (input: string) => `Utfilen är samma fil som indatafilen (${input}). Ange en annan fil med --out.`,
    reading: (input: string) => `Läser ${input}`,
    computing: 'Beräknar',
    writing: (output: string) => `Skriver ${output}`,
    done: 'Klart',
  },
  /** Reading and writing files (src/cli/files.ts) */
  files: {
    notFound: (file: string, reading: boolean) => (reading ? `Filen ${file} finns inte` : `Mappen för ${file} finns inte`),
    isFolder: (file: string) => `${file} är en mapp, inte en fil`,
    pathThroughFile: (file: string) => `En del av sökvägen ${file} är en fil, inte en mapp`,
    noPermission: (file: string, reading: boolean) =>
      reading ? `Ingen behörighet att läsa ${file}` : `Ingen behörighet att skriva ${file} (är filen öppen i Excel?)`,
    locked: (file: string) => `${file} är låst, kanske öppen i Excel: stäng den och försök igen`,
    diskFull: (file: string) => `Det finns inte plats på disken för ${file}`,
    fileTooLarge: (file: string, reading: boolean) =>
      reading ? `${file} är för stor för att läsas` : `${file} blir för stor för filsystemet`,
    readOnlyDisk: (file: string) => `${file} ligger på en skrivskyddad disk`,
    nameTooLong: (file: string) => `Filnamnet ${file} är för långt`,
    linkLoop: (file: string) => `${file} är en symbolisk länk som pekar på sig själv`,
    tooManyOpen: (file: string, reading: boolean) =>
      `För många öppna filer för att ${reading ? 'läsa' : 'skriva'} ${file}; försök igen`,
    ioError: (file: string, reading: boolean) =>
      `Disken kunde inte ${reading ? 'läsa' : 'skriva'} ${file} (in- eller utmatningsfel)`,
    otherError: (file: string, reading: boolean, code?: string) =>
      `${reading ? 'Kunde inte läsa' : 'Kunde inte skriva'} ${file}${code ? ` (felkod ${code})` : ''}`,
    damaged: (file: string, parts: string[]) => {
      const which =
        parts.length === 0
          ? ''
          : ` (${parts.length === 1 ? 'delen' : 'delarna'} ${parts.slice(0, 3).join(', ')}${parts.length > 3 ? ' …' : ''})`;
      return `${file}: filen är skadad${which}; den kan inte läsas utan risk för fel siffror. ${SAVE_AGAIN}`;
    },
    damagedZip: (file: string) => `${file}: filen är skadad; zip-arkivet i den kan inte läsas. ${SAVE_AGAIN}`,
    notAWorkbook: (file: string, kind: keyof typeof ZIP_KIND_NAMES) =>
      `${file} är inte en Excel-arbetsbok (.xlsx): den är ${ZIP_KIND_NAMES[kind]}.` +
      (kind === 'ods' ? ' Öppna den i LibreOffice eller Excel och spara den som Excel-arbetsbok (.xlsx).' : ''),
    partTooLarge: (file: string) =>
      `${file} är för stor för att läsas (en del av arbetsboken är större än vad programmet klarar)`,
    unreadable: (file: string) =>
      `Kunde inte läsa ${file} som en Excel-arbetsbok (.xlsx); öppna den i Excel eller LibreOffice, spara den som Excel-arbetsbok och försök igen`,
    oldXls: (file: string) =>
      `${file} är inte en .xlsx-fil: den är i det gamla .xls-formatet eller lösenordsskyddad. ` +
      'Spara den som Excel-arbetsbok (.xlsx) utan lösenord och försök igen.',
    notXlsx: (file: string) => `${file} är inte en Excel-arbetsbok (.xlsx)`,
    outputMissing: (flag: string) => `Ange filen som ska skrivas med ${flag} FIL.xlsx`,
    outputNotXlsx: (file: string) => `${file}: filen som skrivs måste sluta på .xlsx`,
    exists: (file: string) =>
      `${file} finns redan och skrivs inte över. Ange en annan fil, eller --force för att skriva över den.`,
  },
  /** Command-line arguments (src/cli/errors.ts parseArgsMessage) */
  usage: {
    unknownFlag: (option: string) => `okänd flagga ${option}`.trim(),
    flagNeedsValue: (option: string) => `flaggan ${option} behöver ett värde`.replace('  ', ' '),
    unexpectedArgument: (option: string) => `oväntat argument ${option}`.trim(),
  },
  /** A run: computing and writing (src/cli/compute.ts) */
  run: {
    uncachedFormula: (formula: string) =>
      `formeln =${formula} saknar sparat värde; öppna filen i Excel eller LibreOffice, spara den och försök igen`,
    tooLargeToWrite: (output: string) =>
      `Kunde inte skriva ${output}: arbetsboken blev för stor för att skrivas (mer än programmet klarar i minnet). Ingen fil skrevs.`,
    year: (year: number) => `  År: ${year}`,
    written: (output: string) => `Klart: resultatet är skrivet till ${output}`,
    writeFailed: (output: string, cause: string) => [
      `Kunde inte skriva ${output}: exceljs klarade inte att skriva arbetsboken (${cause}). Ingen fil skrevs.`,
      'Prova att öppna filen i Excel eller LibreOffice, spara den som Excel-arbetsbok (.xlsx) och köra igen.',
    ],
    notice: (note: string) => `  Obs: ${note}`,
    problemsHeading: (file: string, count: number, nothingWritten: boolean) =>
      `${file} har ${count} fel${nothingWritten ? '; ingen fil skrevs' : ''}:`,
  },
  // finsam targeted IN.xlsx --out OUT.xlsx (src/cli/commands/targeted.ts)
  targeted: {
    inputMissing: 'Ange en indatafil: finsam targeted FIL.xlsx --out UT.xlsx',
    computing: 'Beräknar riktade medel',
    written: (output: string) => `Klart: riktade medel är skrivna till ${output}`,
  },
  // finsam template --riktade (src/cli/commands/template.ts)
  template: {
    withApplications: (output: string) => `Mallen med bladet Ansökningar är skriven till ${output}`,
  },
  /** finsam split and merge alike */
  roundFiles: {
    writeFailed: (file: string, cause: string) => `Kunde inte skriva ${file}: ${cause}. Ingen fil skrevs.`,
  },
  /** finsam split */
  split: {
    usage: 'Ange den nationella arbetsboken: finsam split NATIONELL.xlsx --out-dir MAPP',
    outDirMissing: 'Ange mappen för de regionala filerna med --out-dir MAPP',
    existing: (count: number) =>
      `${count === 1 ? 'En regional fil finns' : `${count} regionala filer finns`} redan och skrivs inte över; ingen fil skrevs:`,
    existingHint: 'Ange en annan mapp med --out-dir, eller --force för att skriva över dem.',
    computing: 'Beräknar och delar upp',
    writing: (i: number, n: number, file: string) => `Skriver fil ${i} av ${n}: ${file}`,
    written: (count: number, dir: string) => `${count} regionala filer är skrivna till ${dir}:`,
    fileLine: (file: string, vo: string, federations: number) => `  ${file} (${vo}, ${federations} förbund)`,
    source: (fingerprint: string) => `  Nationell källa: ${fingerprint}`,
  },
  /** finsam merge */
  merge: {
    usage: 'Ange den nationella arbetsboken och minst en regional fil: finsam merge NATIONELL.xlsx VO.xlsx... --out UT.xlsx',
    sameAsInput: (file: string) => `Utfilen är samma fil som en av indatafilerna (${file}); ange en annan fil med --out.`,
    sameFileTwice: (file: string) => `${file} är angiven två gånger`,
    exists: (file: string) =>
      `${file} finns redan och skrivs inte över. Ange en annan fil, eller --force för att skriva över den.`,
    problems: (count: number) => `Svaren hämtades inte: ${count} fel; ingen fil skrevs:`,
    merging: 'Hämtar svaren',
    written: (file: string) => `Klart: svaren är hämtade till ${file}`,
  },
  /** The run's money flows and totals per VO after the summary lines (issue 14; compute.ts flowLines) */
  summary: {
    explanation: (text: string) => `Förklaring: ${text}`,
    flowsHeading: 'Pengarnas väg:',
    flow: (label: string, value: string) => `  ${label}: ${value}`,
    budget: 'Statlig ram (B)',
    pool: 'Pott, summa idealfördelning (T)',
    partYearRemainder: 'Delårsrest (P)',
    lambda: 'λ, andel av behovsdelen',
    appliedMaxDecrease: 'Tillämpad spärr',
    cutByMatching: 'Skuret av matchning',
    returned: 'Återlämnade medel',
    surplus: 'Överskott efter matchning (S)',
    requested: 'Ansökt ytterligare medel',
    granted: 'Beviljat ytterligare medel',
    undistributed: 'Ej fördelat',
    voHeading: 'Per VO (förbund, idealfördelning, slutlig, förändring mot föregående år):',
    vo: (vo: string, count: number, ideal: string, final: string, change: string) =>
      `  ${vo}: ${count} förbund, ${ideal}, ${final}, ${change}`,
  },
  // finsam decide (issue 11)
  decide: {
    usage: 'Ange en indatafil: finsam decide FIL.xlsx --out UT.xlsx --beslut NAMN [--datum ÅÅÅÅ-MM-DD]',
    labelMissing: 'Ange beslutets namn med --beslut, t.ex. --beslut "Beslut 2026-11-07"',
    done: (output: string) => `Klart: beslutet är fastställt och skrivet till ${output}`,
  },
  // finsam rollover (issue 11)
  rollover: {
    usage: 'Ange en indatafil: finsam rollover FIL.xlsx --out NÄSTA.xlsx [--ar ÅR]',
    yearInvalid: (text: string) => `--ar ska vara ett årtal, t.ex. 2028 (nu "${text}")`,
    done: (output: string) => `Klart: nästa års arbetsbok är skriven till ${output}`,
  },
} as const;

export type ZipKindName = keyof typeof ZIP_KIND_NAMES;
