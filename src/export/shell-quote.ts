// Quoting one argument so a shell passes it to the program byte for byte. Header values, URLs and
// bodies are hostile input: a quote, `$()`, a backtick or `!` must reach curl as text, never run.

export type Shell = 'bash' | 'powershell' | 'cmd';

// Characters that need no quoting at all in bash (kept small on purpose: readability, not cleverness).
const bashBare = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Control characters cannot be written readably inside '...': they go through $'...'.
const bashControl = /[\x00-\x1f\x7f]/;

/**
 * bash and zsh. Plain text goes in single quotes, where nothing is special but the quote itself.
 * Text with control characters (newlines in a body) uses ANSI-C quoting `$'...'`, which both shells
 * read the same way. A NUL cannot be passed in an argument at all: `canPassAsArgument` says so.
 */
export function quoteBash(text: string): string {
  if (text !== '' && bashBare.test(text)) return text;
  if (!bashControl.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  let quoted = "$'";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') quoted += '\\\\';
    else if (char === "'") quoted += "\\'";
    else if (char === '\n') quoted += '\\n';
    else if (char === '\r') quoted += '\\r';
    else if (char === '\t') quoted += '\\t';
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else quoted += char;
  }
  return `${quoted}'`;
}

/** An argument can carry any text but NUL, in every shell. */
export function canPassAsArgument(text: string): boolean {
  return !text.includes('\0');
}

/**
 * PowerShell: single quotes, where only the quote is special; PowerShell also takes the typographic
 * single quotes (U+2018–U+201B) as quotes, so they are doubled too. Passing arguments to a native
 * program keeps embedded double quotes only with `$PSNativeCommandArgumentPassing = 'Standard'`
 * (PowerShell 7.3+), which the generated script sets.
 */
export function quotePowerShell(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/**
 * cmd.exe: first quote for the C runtime's argument parser that curl.exe uses (backslashes before a
 * quote doubled, quotes escaped), then escape every cmd metacharacter with `^` so cmd passes the
 * result through untouched. Line breaks cannot be passed through cmd at all: `cmdCanPass` says so.
 */
export function quoteCmd(text: string): string {
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
  return crt.replace(/[()%!^"<>&|]/g, '^$&');
}

export function cmdCanPass(text: string): boolean {
  return !/[\r\n\0]/.test(text);
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
