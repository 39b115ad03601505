// Every Swedish text of the command line only (usage errors, file errors, progress, summaries): one
// home, one wording each. Texts shared with the pane are in src/workbook/messages.ts or
// src/round/messages.ts. Each command adds its own group below; code refers to CLI_TEXTS.<group>.
export const CLI_TEXTS = {
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
    reading: (file: string) => `Läser ${file}`,
    computing: 'Beräknar och delar upp',
    writing: (i: number, n: number, file: string) => `Skriver fil ${i} av ${n}: ${file}`,
    done: 'Klart',
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
    reading: (file: string) => `Läser ${file}`,
    merging: 'Hämtar svaren',
    writing: (file: string) => `Skriver ${file}`,
    done: 'Klart',
    written: (file: string) => `Klart: svaren är hämtade till ${file}`,
  },
} as const;
