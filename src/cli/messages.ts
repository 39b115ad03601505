// Every Swedish text of the command line only (usage errors, file errors, progress, summaries): one
// home, one wording each. Texts shared with the pane are in src/workbook/messages.ts or
// src/round/messages.ts. Each command adds its own group below; code refers to CLI_TEXTS.<group>.
export const CLI_TEXTS = {
  // finsam targeted IN.xlsx --out OUT.xlsx (src/cli/commands/targeted.ts)
  targeted: {
    inputMissing: 'Ange en indatafil: finsam targeted FIL.xlsx --out UT.xlsx',
    sameFile: (input: string) => `Utfilen är samma fil som indatafilen (${input}). Ange en annan fil med --out.`,
    exists: (output: string) =>
      `${output} finns redan och skrivs inte över. Ange en annan fil, eller --force för att skriva över den.`,
    reading: (input: string) => `Läser ${input}`,
    computing: 'Beräknar riktade medel',
    writing: (output: string) => `Skriver ${output}`,
    done: 'Klart',
    written: (output: string) => `Klart: riktade medel är skrivna till ${output}`,
  },
  // finsam template --riktade (src/cli/commands/template.ts)
  template: {
    withApplications: (output: string) => `Mallen med bladet Ansökningar är skriven till ${output}`,
  },
} as const;
