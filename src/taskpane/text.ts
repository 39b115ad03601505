// Small text helpers of the pane.

/**
 * A text with the spaces inside numbers and before their unit made non-breaking ("15 000 000 kr",
 * "20 %"), so that a narrow pane never wraps in the middle of an amount.
 */
export function keepNumbersTogether(text: string): string {
  return text.replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u00a0').replace(/(\d) (?=(kr|%)(?![\p{L}]))/gu, '$1\u00a0');
}
