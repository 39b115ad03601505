// Text for a terminal: what a cell holds must never act on the terminal it is printed to.
// spec: docs/workbook-format.md §1.5 — control characters from cells are escaped before they reach a terminal.

/**
 * C0 controls other than line feed (ESC starts a terminal escape sequence, BEL rings, CR overwrites a
 * line), DEL, C1 controls (U+009B is a CSI on some terminals), and the bidirectional overrides and
 * isolates that make text read in another order than it is (U+202A–U+202E, U+2066–U+2069, U+200E/F,
 * U+061C).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this rule's purpose
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text as printed by the command line: every unsafe character written as a visible escape (`\u001B`,
 * `\u202E`: also valid inside the JSON that --json prints), line feeds kept (the program's own line breaks; a cell's text has its line breaks
 * folded to spaces before it is quoted). The one function every output of the command line passes
 * through (main.ts run()).
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
