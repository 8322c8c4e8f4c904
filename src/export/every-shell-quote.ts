// Quoting one argument so that the same text passes it exactly in bash, zsh, PowerShell and cmd.exe,
// for a command printed to be pasted wherever its reader happens to be (a probe line). Where no such
// text exists, `quoteEveryShell` says so (null) and the caller writes a line per shell instead.

import { UNPRINTABLE } from './visible-text.ts';

// Bare in all four: a letter first (PowerShell reads `1kb` as a number, `-x` as a parameter, `@x` as
// splatting; zsh expands `=x`), then only characters none of them reads specially. No `,` (an array in
// PowerShell), `@` (PowerShell's splatting and array syntax), `%` (cmd expands `%NAME%`), `=` or `~`.
const everyBare = /^[A-Za-z][A-Za-z0-9_+:./-]*$/;

// What each shell still reads between double quotes: bash and zsh `$`, `` ` ``, `\` and `!` (history);
// PowerShell `$`, `` ` `` and its four double quotes; cmd.exe `%` (`%NAME%` expands even in quotes)
// and `!` (delayed expansion), and a `"` would end cmd's quoted state. The C runtime that splits the
// command line on Windows reads a `\` before the closing quote as escaping it.
const activeInDoubleQuotes = /[$`\\!"%\u201c\u201d\u201e]/;

/**
 * The text as one argument for every shell, or null when none exists: bare when it is plain, else in
 * double quotes, which in all four keep `& | < > ^ ( ) ; ' ‘ ’ –`, spaces and globs as text (cmd.exe
 * also passes the quotes on to the program, which is what keeps them text when npm's
 * `cors-inspector.cmd` reads its arguments again). Unprintable text is never written raw.
 */
export function quoteEveryShell(text: string): string | null {
  if (everyBare.test(text)) return text;
  if (text === '' || activeInDoubleQuotes.test(text) || UNPRINTABLE.test(text)) return null;
  return `"${text}"`;
}
