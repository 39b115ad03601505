// Every Swedish text of the command line only (usage errors, file errors, progress, summaries): one
// home, one wording each. Texts shared with the pane are in src/workbook/messages.ts or
// src/round/messages.ts. Each command adds its own group below; code refers to CLI_TEXTS.<group>.
export const CLI_TEXTS = {
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
} as const;
