// Every Swedish text of the round's operations (split, check, merge, decide, rollover, targeted): one
// home, one wording each. Shared reading messages stay in src/workbook/messages.ts, engine texts in
// src/engine/messages.ts. Each operation adds its own group below; code refers to ROUND_TEXTS.<group>.
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
} as const;
