// For tests: how a Windows program gets its arguments. Windows passes one command-line string; the
// program's C runtime splits it into argv. Written from the documented rules, independently of the
// quoting in `shell-quote.ts`, so that the round-trip tests can catch a quoting bug.

/**
 * The Microsoft C runtime's split of a command line into argv[1..] (the program name, argv[0],
 * has rules of its own and is not part of `line`). From "Parsing C command-line arguments"
 * (https://learn.microsoft.com/cpp/c-language/parsing-c-command-line-arguments), as the UCRT does it:
 * - arguments are separated by spaces or tabs outside a quoted region;
 * - `"` opens or closes a quoted region; inside one, `""` is a literal `"` (the post-2008 rule);
 * - 2n backslashes then `"`: n backslashes, and the quote acts as a quote;
 *   2n+1 backslashes then `"`: n backslashes and a literal `"`;
 * - backslashes not followed by `"` are literal.
 */
export function splitWindowsCommandLine(line: string): string[] {
  const argv: string[] = [];
  let i = 0;
  const isBlank = (char: string | undefined) => char === ' ' || char === '\t';
  for (;;) {
    while (isBlank(line[i])) i++;
    if (i >= line.length) return argv;
    let arg = '';
    let inQuotes = false;
    for (;;) {
      let slashes = 0;
      while (line[i] === '\\') {
        i++;
        slashes++;
      }
      let literal = true;
      if (line[i] === '"') {
        if (slashes % 2 === 0) {
          if (inQuotes && line[i + 1] === '"') i++;
          else {
            literal = false;
            inQuotes = !inQuotes;
          }
        }
        slashes = Math.floor(slashes / 2);
      }
      arg += '\\'.repeat(slashes);
      if (i >= line.length || (!inQuotes && isBlank(line[i]))) break;
      if (literal) arg += line[i];
      i++;
    }
    argv.push(arg);
  }
}

// `char.IsWhiteSpace` in .NET: Unicode Zs, Zl and Zp, the C0 blanks, NEL and NBSP; or a quote.
const DOTNET_WHITE_SPACE_OR_QUOTE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"]/;

/**
 * How .NET's `ProcessStartInfo.ArgumentList` joins arguments into a command line (PowerShell 7.3+
 * with `$PSNativeCommandArgumentPassing = 'Standard'` uses it): an argument that is empty or has
 * white space or `"` is put in quotes, with `\"` for a quote and backslashes doubled where they come
 * before a quote or the closing quote. From dotnet/runtime `PasteArguments.AppendArgument`.
 */
export function pasteWindowsArguments(args: readonly string[]): string {
  return args
    .map((arg) => {
      if (arg !== '' && !DOTNET_WHITE_SPACE_OR_QUOTE.test(arg)) return arg;
      let out = '"';
      let slashes = 0;
      for (const char of arg) {
        if (char === '\\') {
          slashes++;
          continue;
        }
        out += char === '"' ? `${'\\'.repeat(slashes * 2 + 1)}"` : `${'\\'.repeat(slashes)}${char}`;
        slashes = 0;
      }
      return `${out}${'\\'.repeat(slashes * 2)}"`;
    })
    .join(' ');
}

/** A Windows command line is a C string: a NUL ends it (CreateProcess sees nothing after). */
export function asCreateProcessSees(commandLine: string): string {
  const nul = commandLine.indexOf('\0');
  return nul === -1 ? commandLine : commandLine.slice(0, nul);
}
