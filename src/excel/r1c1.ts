// A1 ↔ R1C1 for the formulas a run writes (Underlag): so that a column's formulas over a run of rows,
// the same in R1C1 form, are assigned as one value for the range (Range.formulasR1C1). Pure code.
// Only what the conversion is sure of is converted: strings and quoted sheet names are copied, a name
// followed by "(" is a function; whole columns or rows ("A:A", "3:3") and names Excel would read as
// R1C1 references ("R", "C2") make the formula unconvertible (undefined: written as it is).

/** Column letters of a 0-based column ("A", "AB"). */
function letters(column: number): string {
  let s = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** 0-based column of letters. */
function columnOf(l: string): number {
  let n = 0;
  for (const ch of l.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Copies a quoted literal ('…' or "…", the quote doubled inside) from s[i]; the index after it, or -1. */
function literalEnd(s: string, i: number): number {
  const q = s[i];
  let j = i + 1;
  for (;;) {
    if (j >= s.length) return -1;
    if (s[j] === q) {
      if (s[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
}

const NAME = /^\$?[A-Za-z_\\][A-Za-z0-9_.\\]*(\$[0-9]+)?/;
/** An R1C1 reference as a token of its own ("R[-1]C2"), so that its brackets are not read as structured references */
const R1C1_TOKEN = /^R(\[-?[0-9]+\]|[0-9]+)?C(\[-?[0-9]+\]|[0-9]+)?(?![A-Za-z0-9_.\\(])/;

/**
 * Rewrites a formula's name-like tokens (references, functions, names) outside literals through
 * `token` (given the character after the token); undefined when `token` gives up or the formula holds
 * what is not understood (structured references, array constants, row ranges, non-ASCII names unquoted).
 */
function mapTokens(formula: string, r1c1: boolean, token: (t: string, next: string) => string | undefined): string | undefined {
  if (!formula.startsWith('=')) return undefined;
  let out = '=';
  let i = 1;
  while (i < formula.length) {
    const ch = formula[i];
    const rest = formula.slice(i);
    if (ch === '"' || ch === "'") {
      const end = literalEnd(formula, i);
      if (end < 0) return undefined;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    const ref = r1c1 ? R1C1_TOKEN.exec(rest) : null;
    const name = ref ?? (ch === '$' || /[A-Za-z_\\]/.test(ch) ? NAME.exec(rest) : null);
    if (name) {
      const t = token(name[0], formula[i + name[0].length] ?? '');
      if (t === undefined) return undefined;
      out += t;
      i += name[0].length;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]*)?([Ee][+-]?[0-9]+)?/.exec(rest)![0];
      // a row range ("3:3") is not understood
      if (formula[i + m.length] === ':' || formula[i - 1] === ':') return undefined;
      out += m;
      i += m.length;
      continue;
    }
    if (ch === '[' || ch === '{' || ch === '#' || ch.charCodeAt(0) > 0x7f) return undefined;
    out += ch;
    i++;
  }
  return out;
}

const A1_REF = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)$/;
const R1C1_REF = /^R(\[-?[0-9]+\]|[0-9]+)?C(\[-?[0-9]+\]|[0-9]+)?$/;
/** A name Excel would read as an R1C1 reference ("R", "C", "RC", "R2", "C[1]") */
const R1C1_LIKE = /^(R[0-9]*)?(C[0-9]*)?$/i;

/**
 * An A1 formula ('=…', English names) as R1C1 for the cell at (row, column), 0-based; undefined when
 * the formula holds anything the conversion does not understand.
 */
export function toR1C1(formula: string, row: number, column: number): string | undefined {
  return mapTokens(formula, false, (t, next) => {
    if (next === '(') return t; // a function (LOG10 too)
    const m = A1_REF.exec(t);
    if (m && next === '!') return t; // a sheet's name
    if (!m) return t.includes('$') || R1C1_LIKE.test(t) || next === ':' ? undefined : t; // TRUE, FALSE, a name
    const r = Number(m[4]) - 1;
    const c = columnOf(m[2]);
    if (c > 16_383 || r > 1_048_575 || r < 0) return undefined;
    const rp = m[3] ? `R${r + 1}` : r === row ? 'R' : `R[${r - row}]`;
    const cp = m[1] ? `C${c + 1}` : c === column ? 'C' : `C[${c - column}]`;
    return rp + cp;
  });
}

/** An R1C1 formula as A1 for the cell at (row, column), 0-based (what Excel shows in A1 notation). */
export function toA1(formula: string, row: number, column: number): string | undefined {
  return mapTokens(formula, true, (t, next) => {
    const m = R1C1_REF.exec(t);
    if (!m || next === '(' || next === '!') return t;
    const part = (p: string | undefined, at: number): [number, boolean] =>
      p === undefined ? [at, false] : p.startsWith('[') ? [at + Number(p.slice(1, -1)), false] : [Number(p) - 1, true];
    const [r, rAbs] = part(m[1], row);
    const [c, cAbs] = part(m[2], column);
    if (r < 0 || c < 0) return undefined;
    return `${cAbs ? '$' : ''}${letters(c)}${rAbs ? '$' : ''}${r + 1}`;
  });
}

/** The R1C1 form of a formula that converts back to itself at its cell; undefined otherwise (kept in A1). */
export function safeR1C1(formula: string, row: number, column: number): string | undefined {
  const r1c1 = toR1C1(formula, row, column);
  return r1c1 !== undefined && toA1(r1c1, row, column) === formula ? r1c1 : undefined;
}
