/**
 * Text for a terminal. A signed list's fields, key ids, file names and error messages quoting them can
 * hold escape sequences (ESC, CSI as U+009B) that recolour, move the cursor or rewrite lines already
 * printed, and bidirectional controls that reorder what is shown. Every such character is printed as a
 * visible `\u{…}` escape instead, so what an admin reads is what the file holds. Newlines and tabs are
 * kept only where `keepLayout` says so (multi-line output the CLI itself lays out).
 */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029\p{Cs}]/gu;
const LAYOUT = new Set(['\n', '\t']);
// Zero-width joiner and non-joiner: part of writing Persian, the Indic scripts and emoji; never reorder.
const JOINERS = new Set(['\u200c', '\u200d']);

export function terminalSafe(text: string, keepLayout = false): string {
  return text.replace(UNSAFE, (c) => {
    if (JOINERS.has(c) || (keepLayout && LAYOUT.has(c))) return c;
    return `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`;
  });
}
