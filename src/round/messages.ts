// Every Swedish text of the round's operations (split, check, merge, decide, rollover, targeted): one
// home, one wording each. Shared reading messages stay in src/workbook/messages.ts, engine texts in
// src/engine/messages.ts. Each operation adds its own group below; code refers to ROUND_TEXTS.<group>.
export const ROUND_TEXTS = {
  // spec: docs/model.md §A6 — decide (issue 11)
  decide: {
    labelMissing: 'Ange beslutets namn, t.ex. "Beslut 2026-11-07"',
    labelExists: (label: string) =>
      `Beslutet "${label}" finns redan; ett fastställt beslut ändras aldrig. Välj ett annat namn på beslutet`,
    dateInvalid: (date: string) => `Beslutsdatum "${date}" är inget datum på formen ÅÅÅÅ-MM-DD`,
    recorded: (label: string) => `Beslut fastställt: ${label}`,
    figures: (count: number, total: string, budget: string, date: string) =>
      `${count} förbund, summa ${total} av statlig ram ${budget}, datum ${date}`,
  },
  // spec: docs/model.md §A8 — rollover (issue 11)
  rollover: {
    yearMissing: 'År saknas; ange året på bladet Parametrar eller med --ar',
    yearInvalid: (year: string) => `"${year}" är inget årtal`,
    done: (year: number) => `Nästa års arbetsbok: År ${year}`,
    basis: (label: string | undefined) =>
      label
        ? `Statlig tilldelning föregående år = beslutet ${label}; Totala medel föregående år = 2 × det`
        : 'Statlig tilldelning föregående år = Slutlig tilldelning; Totala medel föregående år = 2 × det',
    emptied: 'Svarskolumner, resultat, Beslut, Svar och Körlogg tömda; Kommuner behållna; ange Statlig ram',
  },
} as const;
