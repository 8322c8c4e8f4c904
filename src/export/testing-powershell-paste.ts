// For tests: what PowerShell would expand in a line written for bash, pasted into PowerShell by
// mistake (a probe command is printed with no shell named; a bash curl script pasted into
// PowerShell 7 runs curl.exe). Quoting rules from PowerShell's tokenizer (tokenizer.cs:
// ScanStringLiteral, ScanStringExpandable; CharTraits.IsSingleQuote/IsDoubleQuote): in argument
// mode a word outside quotes is an expandable string, so a `$` there expands a variable or runs a
// `$( )` subexpression; inside double quotes too; inside single quotes nothing is special but the
// quote itself, two in a row standing for one.

const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const DOUBLE_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);

/**
 * The places PowerShell would expand something in `line`: each `$` outside single quotes, except a
 * `$` right before a single quote (no variable name starts with a quote: bash's `$'...'` form), and
 * an unterminated quote (PowerShell would read the next lines into it).
 */
export function powerShellExpansions(line: string): string[] {
  const found: string[] = [];
  let i = 0;
  const at = (): string => line.slice(Math.max(0, i - 10), i + 10);
  while (i < line.length) {
    const c = line[i]!;
    if (SINGLE_QUOTES.has(c)) {
      for (i++; ; i++) {
        if (i >= line.length) return [...found, `unterminated single quote: ${at()}`];
        if (SINGLE_QUOTES.has(line[i]!)) {
          if (SINGLE_QUOTES.has(line[i + 1] ?? '')) i++;
          else break;
        }
      }
      i++;
    } else if (DOUBLE_QUOTES.has(c)) {
      for (i++; ; i++) {
        if (i >= line.length) return [...found, `unterminated double quote: ${at()}`];
        const d = line[i]!;
        if (d === '`') i++;
        else if (d === '$') found.push(`$ in double quotes: ${at()}`);
        else if (DOUBLE_QUOTES.has(d)) {
          if (DOUBLE_QUOTES.has(line[i + 1] ?? '')) i++;
          else break;
        }
      }
      i++;
    } else {
      if (c === '$' && !SINGLE_QUOTES.has(line[i + 1] ?? '')) found.push(`$ outside quotes: ${at()}`);
      // A backtick outside quotes escapes the next character, whatever it is.
      i += c === '`' ? 2 : 1;
    }
  }
  return found;
}
