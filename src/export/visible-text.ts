// Text from a capture is hostile when printed: a terminal obeys the escape sequences in it (OSC 52
// writes the clipboard), and bidi controls make a line read differently from what it is. Before
// such text goes into a comment or a message, every such character is shown as an escape instead.

import { UNPRINTABLE } from '../cors/index.ts';

// Defined once, in the engine, whose words escape the same characters (in their own spelling).
export { UNPRINTABLE };
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'gu');

/**
 * Of `UNPRINTABLE`, those that neither end a line nor are a control (Cc: tab, line feed, NUL...):
 * format characters (U+200B zero-width space, U+00AD soft hyphen, U+2060 word joiner, U+FEFF), the
 * default-ignorable ones, the Braille blank. Inside a word they show nothing and separate nothing a
 * reader sees: `p\u200bassword` reads `password`.
 */
export const INVISIBLE_IN_WORD = new RegExp(`(?![\\p{Cc}\\p{Zl}\\p{Zp}])${UNPRINTABLE.source}`, 'u');

/** The text with every `UNPRINTABLE` character taken out (as a reader sees it, less the line breaks). */
export function withoutUnprintable(text: string): string {
  return text.replace(UNPRINTABLE_ALL, '');
}

/**
 * How every export, message and CLI text spells a character it shows as an escape (docs/cli.md):
 * `\x1b`, `\x0a`, `\x9b` below U+0100, `\u202e` above, lowercase, one escape per UTF-16 unit (a
 * character beyond U+FFFF is its two surrogates, `\udb40\udd00`, as JSON and JavaScript write it).
 * One spelling, here: a value shown in a curl comment reads as it does in `explain` and the report.
 * (The engine's words spell `\u009B` and `\uDB40\uDD00`, as Chromium's console does, and escape every
 * `UNPRINTABLE` character themselves, so this pass finds none in them: src/cors/explain/escape.ts.)
 */
export function escapeShown(char: string): string {
  const code = char.charCodeAt(0);
  if (char.length === 1 && code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  let out = '';
  for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** The text with every unprintable character written as an escape. */
export function visible(text: string): string {
  return text.replace(UNPRINTABLE_ALL, escapeShown);
}

/**
 * For a one-line message: visible, in quotes, and cut to `max` characters. A cut value is marked by
 * `...` after its closing quote: ASCII, as every CLI message is (a terminal or CI log in another
 * encoding showed `…` as mojibake), and outside the quotes, so it never reads as the value's own dots.
 */
export function quoted(text: string, max = 80): string {
  const shown = visible(text);
  return shown.length > max ? `"${shown.slice(0, max)}"...` : `"${shown}"`;
}
