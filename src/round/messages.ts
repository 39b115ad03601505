// Every Swedish text of the round's operations (split, check, merge, decide, rollover, targeted): one
// home, one wording each. Shared reading messages stay in src/workbook/messages.ts, engine texts in
// src/engine/messages.ts. Each operation adds its own group below; code refers to ROUND_TEXTS.<group>.
export const ROUND_TEXTS = {} as const;
