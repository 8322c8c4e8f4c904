// Quoting one argument so a shell passes it to the program exactly. Header values, URLs and bodies
// are hostile input: a quote, `$()`, a backtick, `%`, `!` or `^` must reach curl as text, never run,
// and no control character is ever printed raw (a terminal would obey it).

import { UNPRINTABLE } from './visible-text.ts';

export type Shell = 'bash' | 'powershell' | 'cmd';

// Words that need no quoting in bash or zsh. Kept small on purpose: no `=` (zsh expands `=word` to
// a program's path), no glob, brace, tilde or history characters.
const bashBare = /^[A-Za-z0-9_@%+:,./-]+$/;

// PowerShell reads any of these as a single quote (CharTraits.IsSingleQuote).
const psSingleQuotes = /['\u2018\u2019\u201a\u201b]/g;
const psSingleQuote = /^['\u2018\u2019\u201a\u201b]$/;

/**
 * bash and zsh. Printable text goes in single quotes, where nothing is special but the quote itself,
 * which is written `'"'"'` (close, a quote in double quotes, open). A line written for bash may be
 * pasted into PowerShell by mistake (a probe command names no shell; PowerShell 7 runs `curl` as
 * curl.exe), and there it must stay text too: PowerShell reads `'\''` as a quoted `\'` and leaves
 * what follows unquoted, where `$(...)` runs, and takes `‘ ’ ‚ ‛` for single quotes as well; it reads
 * `'"'"'` and `'"‘"'` as quoted text throughout. In `$'...'` those four are written as bytes.
 * Text with an unprintable character uses ANSI-C quoting `$'...'`, which both shells read the same
 * way: each such character is written as its UTF-8 bytes (`\xHH`), which does not depend on the
 * locale. A quote inside is `\x27`, never `\'`, so that interactive bash's history expansion, which
 * tracks single quotes on its own, sees the same quoted text as the parser. NUL cannot be in an
 * argument at all (the caller sends such a body on standard input).
 */
export function quoteBash(text: string): string {
  if (text !== '' && bashBare.test(text)) return text;
  if (!UNPRINTABLE.test(text)) return `'${text.replace(psSingleQuotes, `'"$&"'`)}'`;
  let quoted = "$'";
  for (const char of text) {
    if (char === '\\') quoted += '\\\\';
    else if (char === "'") quoted += '\\x27';
    else if (char === '\n') quoted += '\\n';
    else if (char === '\t') quoted += '\\t';
    else if (UNPRINTABLE.test(char) || psSingleQuote.test(char)) for (const byte of new TextEncoder().encode(char)) quoted += `\\x${byte.toString(16).padStart(2, '0')}`;
    else quoted += char;
  }
  return `${quoted}'`;
}

// PowerShell reads any of these as a double quote (CharTraits.IsDoubleQuote).
const psDoubleQuoteOrSpecial = /["\u201c\u201d\u201e`$]/;
// A bare word starting with a digit could be read as a number (`1kb` is 1024): only letters first.
const psBare = /^(?:-{1,2}[A-Za-z][A-Za-z-]*|[A-Za-z][A-Za-z0-9_]*)$/;
const psNamedEscapes: Record<string, string> = { '\0': '0', '\n': 'n', '\r': 'r', '\t': 't', '\x1b': 'e' };

/**
 * PowerShell 7.3+. Printable text goes in single quotes, where only a quote is special (doubled;
 * PowerShell also takes the typographic single quotes as quotes). Text with an unprintable character
 * goes in double quotes with backtick escapes: `` `n ``, `` `e `` or `` `u{202e} `` for the character, a backtick before
 * `` ` ``, `$` and every double-quote character. The script sets `$PSNativeCommandArgumentPassing`
 * to 'Standard' so that the resulting string reaches curl.exe as one argument, quotes included.
 */
export function quotePowerShell(text: string): string {
  if (psBare.test(text)) return text;
  if (!UNPRINTABLE.test(text)) return `'${text.replace(psSingleQuotes, (quote) => quote + quote)}'`;
  let quoted = '"';
  for (const char of text) {
    if (psDoubleQuoteOrSpecial.test(char)) quoted += `\`${char}`;
    else if (psNamedEscapes[char] !== undefined) quoted += `\`${psNamedEscapes[char]}`;
    else if (UNPRINTABLE.test(char)) quoted += `\`u{${(char.codePointAt(0) ?? 0).toString(16)}}`;
    else quoted += char;
  }
  return `${quoted}"`;
}

const cmdBare = /^(?:-{1,2}[A-Za-z][A-Za-z-]*|[A-Za-z0-9_]+|-)$/;
const cmdSpecial = /[\^&|<>()"!]/;

/**
 * What cmd.exe cannot carry at its prompt: unprintable characters (line breaks end the command,
 * and there is no escape for the others), and `!`, which cmd expands when delayed expansion is on.
 */
export function cmdCannotCarry(text: string): string | null {
  if (UNPRINTABLE.test(text)) return 'line breaks, tabs or other control characters';
  if (text.includes('!')) return 'a "!" (cmd.exe expands it when delayed expansion is on)';
  return null;
}

/**
 * The first character outside ASCII in `text`, as `U+FF02`, or null: what no PowerShell or cmd line
 * may hand to curl.exe. Windows passes a program its command line in UTF-16; a program that reads it
 * through the ANSI code page (a C `main`, `GetCommandLineA`) gets each character the code page lacks
 * "best-fit" (WideCharToMultiByte without WC_NO_BEST_FIT_CHARS,
 * https://learn.microsoft.com/windows/win32/api/stringapiset/nf-stringapiset-widechartomultibyte;
 * "WorstFit", Orange Tsai, 2025): U+FF02 and U+02BA become `"`, U+FF3C `\` (and U+00A5 under code
 * page 932), which end the quoting PowerShell and cmd wrote for the C runtime, and captured text
 * would add curl options. Even a character the code page has (`é` in 1252) arrives as
 * that code page's byte, not the UTF-8 the browser sent. Which characters best-fit to what differs
 * by code page and is not a list this tool can show complete, so none outside ASCII is written;
 * ASCII is the same in every ANSI code page.
 */
export function outsideAscii(text: string): string | null {
  const found = /[^\x00-\x7f]/u.exec(text);
  return found === null ? null : `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * cmd.exe at its prompt, for text `cmdCannotCarry` accepts. First the C runtime's quoting, which
 * curl.exe's argument parser undoes (a quote is `\"`, backslashes before a quote doubled); then every
 * cmd metacharacter, quotes included, escaped with `^`, so that cmd never enters its quoted state and
 * every `^` counts. `%` has no escape at the prompt: instead each one is followed by a `^`, so any
 * `%name%` that cmd looks up begins with `^`, a name no environment variable has, and is left alone.
 */
export function quoteCmd(text: string): string {
  if (cmdBare.test(text)) return text;
  let crt = '"';
  let backslashes = 0;
  for (const char of text) {
    if (char === '\\') {
      backslashes++;
      continue;
    }
    if (char === '"') crt += '\\'.repeat(backslashes * 2 + 1) + '"';
    else crt += '\\'.repeat(backslashes) + char;
    backslashes = 0;
  }
  crt += '\\'.repeat(backslashes * 2) + '"';
  let out = '';
  let afterPercent = false;
  for (const char of crt) {
    if (cmdSpecial.test(char) || afterPercent) out += '^';
    out += char;
    afterPercent = char === '%';
  }
  return out;
}

export function quote(shell: Shell, text: string): string {
  switch (shell) {
    case 'bash':
      return quoteBash(text);
    case 'powershell':
      return quotePowerShell(text);
    case 'cmd':
      return quoteCmd(text);
  }
}
