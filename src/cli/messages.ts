// Every Swedish text of the command line only (usage errors, file errors, progress, summaries): one
// home, one wording each. Texts shared with the pane are in src/workbook/messages.ts or
// src/round/messages.ts. Each command adds its own group below; code refers to CLI_TEXTS.<group>.
export const CLI_TEXTS = {
  // finsam decide (issue 11)
  decide: {
    usage: 'Ange en indatafil: finsam decide FIL.xlsx --out UT.xlsx --beslut NAMN [--datum ÅÅÅÅ-MM-DD]',
    labelMissing: 'Ange beslutets namn med --beslut, t.ex. --beslut "Beslut 2026-11-07"',
    sameFile: (input: string) => `Utfilen är samma fil som indatafilen (${input}). Ange en annan fil med --out.`,
    done: (output: string) => `Klart: beslutet är fastställt och skrivet till ${output}`,
  },
  // finsam rollover (issue 11)
  rollover: {
    usage: 'Ange en indatafil: finsam rollover FIL.xlsx --out NÄSTA.xlsx [--ar ÅR]',
    sameFile: (input: string) => `Utfilen är samma fil som indatafilen (${input}). Ange en annan fil med --out.`,
    yearInvalid: (text: string) => `--ar ska vara ett årtal, t.ex. 2028 (nu "${text}")`,
    done: (output: string) => `Klart: nästa års arbetsbok är skriven till ${output}`,
  },
} as const;
