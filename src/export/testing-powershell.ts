// For tests: what curl.exe receives when PowerShell 7.3+ runs a script `curl.ts` wrote. PowerShell
// cannot run here, so this is a model written from PowerShell's own parser (tokenizer.cs:
// ScanStringLiteral, ScanStringExpandable, Backtick; CharTraits.IsSingleQuote/IsDoubleQuote), its
// native-command binder (NativeCommandParameterBinder: `--%`, numbers), and .NET's command-line
// building, then the C runtime's split. It understands only the statements such a script has and
// throws on anything else, so a change of syntax fails the tests instead of passing unread.

import { HEADER_FILTERS } from './curl.ts';
import { asCreateProcessSees, pasteWindowsArguments, splitWindowsCommandLine } from './testing-windows-argv.ts';

const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const DOUBLE_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
const BACKTICK_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const VERSION_CHECK = "$PSVersionTable.PSVersion -lt [version]'7.3'";
const WINDOWS_COMMAND_LINE_MAX = 32_767;

export class PowerShellModelError extends Error {}

interface Options {
  /** The PowerShell version that runs the script, e.g. [7, 4]. */
  version?: [number, number];
}

/** The argv (after the program name) of every `curl.exe` the script runs, in order. */
export function powerShellCurlCommands(script: string, options: Options = {}): string[][] {
  const [major, minor] = options.version ?? [7, 4];
  const parser = new Parser(script);
  const commands: string[][] = [];
  const run = (statements: Statement[]): boolean => {
    for (const statement of statements) {
      if (statement.kind === 'throw') return false;
      if (statement.kind === 'if') {
        const older = major < 7 || (major === 7 && minor < 3);
        if (!run(older ? statement.then : statement.otherwise)) return false;
      } else if (statement.kind === 'assign') {
        if (statement.name !== '$PSNativeCommandArgumentPassing' || statement.value !== 'Standard') throw new PowerShellModelError(`unexpected assignment ${statement.name}`);
      } else {
        commands.push(nativeArgv(statement.args));
      }
    }
    return true;
  };
  run(parser.statements(false));
  return commands;
}

/** PowerShell 7.3+ 'Standard' passing: .NET joins, Windows passes the string, the C runtime splits. */
function nativeArgv(args: string[]): string[] {
  // NativeCommandParameterBinder: an argument equal to `--%` (quoted or not) starts verbatim mode.
  if (args.some((arg) => arg === '--%')) throw new PowerShellModelError('"--%" would switch PowerShell to verbatim arguments');
  const commandLine = asCreateProcessSees(`curl.exe ${pasteWindowsArguments(args)}`);
  if (commandLine.length > WINDOWS_COMMAND_LINE_MAX) throw new PowerShellModelError('command line too long for CreateProcess');
  return splitWindowsCommandLine(commandLine.slice('curl.exe '.length));
}

type Statement =
  | { kind: 'if'; then: Statement[]; otherwise: Statement[] }
  | { kind: 'throw' }
  | { kind: 'assign'; name: string; value: string }
  | { kind: 'command'; args: string[] };

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  private peek(offset = 0): string | undefined {
    return this.text[this.i + offset];
  }

  private fail(what: string): never {
    const line = this.text.slice(0, this.i).split('\n').length;
    throw new PowerShellModelError(`${what} (line ${line})`);
  }

  private expect(literal: string): void {
    if (!this.text.startsWith(literal, this.i)) this.fail(`expected ${JSON.stringify(literal)}`);
    this.i += literal.length;
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') this.i++;
      // A backtick right before a line break continues the line.
      else if (c === '`' && this.peek(1) === '\n') this.i += 2;
      else if (c === '`' && this.peek(1) === '\r' && this.peek(2) === '\n') this.i += 3;
      else return;
    }
  }

  private skipComment(): void {
    while (this.i < this.text.length && this.peek() !== '\n' && this.peek() !== '\r') this.i++;
  }

  statements(inBlock: boolean): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      this.skipBlanks();
      const c = this.peek();
      if (c === undefined) {
        if (inBlock) this.fail('missing "}"');
        return out;
      }
      if (c === '\n' || c === '\r' || c === ';') this.i++;
      else if (c === '#') this.skipComment();
      else if (c === '}') {
        if (!inBlock) this.fail('unexpected "}"');
        this.i++;
        return out;
      } else if (this.text.startsWith('if (', this.i)) out.push(this.ifStatement());
      else if (this.text.startsWith('throw ', this.i)) {
        this.i += 'throw '.length;
        this.singleQuoted();
        out.push({ kind: 'throw' });
      } else if (c === '$') out.push(this.assignment());
      else out.push(this.command());
    }
  }

  private ifStatement(): Statement {
    this.expect('if (');
    const close = this.text.indexOf(')', this.i);
    if (close === -1 || this.text.slice(this.i, close) !== VERSION_CHECK) this.fail('unexpected if condition');
    this.i = close + 1;
    this.skipBlanks();
    this.expect('{');
    const then = this.statements(true);
    this.skipBlanks();
    this.expect('else');
    this.skipBlanks();
    this.expect('{');
    return { kind: 'if', then, otherwise: this.statements(true) };
  }

  private assignment(): Statement {
    const name = /^\$[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.i))?.[0];
    if (name === undefined) this.fail('unexpected "$"');
    this.i += name.length;
    this.skipBlanks();
    this.expect('=');
    this.skipBlanks();
    return { kind: 'assign', name, value: this.singleQuoted() };
  }

  private command(): Statement {
    const name = this.bareword();
    if (name !== 'curl.exe') this.fail(`unexpected command ${JSON.stringify(name)}`);
    const args: string[] = [];
    for (;;) {
      this.skipBlanks();
      const c = this.peek();
      if (c === undefined || c === '\n' || c === '\r' || c === ';' || c === '}') return { kind: 'command', args };
      if (c === '#') {
        this.skipComment();
        continue;
      }
      // The pipe into the header filter the export writes, exactly (it ends the statement); any
      // other pipe is an error of the model.
      const filter = HEADER_FILTERS.powershell ?? '';
      if (c === '|' && this.text.startsWith(filter, this.i)) {
        this.i += filter.length;
        this.skipBlanks();
        if (!/^(?:[\r\n;}]|$)/.test(this.text.slice(this.i, this.i + 1))) this.fail('something after the header filter');
        return { kind: 'command', args };
      }
      let value: string;
      if (SINGLE_QUOTES.has(c)) value = this.singleQuoted();
      else if (DOUBLE_QUOTES.has(c)) value = this.doubleQuoted();
      else value = this.argumentBareword();
      // `'a'b` or `a'b'` is one argument made of parts: the scripts never write that.
      const next = this.peek();
      if (next !== undefined && !/[ \t\r\n;}`]/.test(next)) this.fail('an argument made of several parts');
      args.push(value);
    }
  }

  private bareword(): string {
    const start = this.i;
    while (this.i < this.text.length && !/[\s;}'"`$(){},|&<>@#\u2018-\u201e]/.test(this.peek()!)) this.i++;
    if (this.i === start) this.fail(`unexpected ${JSON.stringify(this.peek())}`);
    return this.text.slice(start, this.i);
  }

  /** A bare argument, limited to words PowerShell passes as written. */
  private argumentBareword(): string {
    const word = this.bareword();
    // Digits first: PowerShell reads a number (`1kb` is 1024, `007` is 7).
    if (/^[-+.]?[0-9]/.test(word)) this.fail(`bare word ${word} would be read as a number`);
    // `-a.b` is passed as two arguments and `-a:b` joins with the next: PowerShell's parameter syntax.
    if (/^-.*[.:]/.test(word)) this.fail(`bare word ${word} would be split or joined as a parameter`);
    // A `:` inside a word that starts with a letter (`https://a.example`) is text: a generic token
    // (a parameter's `-a:b` is refused above, and `$env:x` needs a `$`).
    if (!/^[A-Za-z0-9_.\-/=+]+$/.test(word) && !/^[A-Za-z][A-Za-z0-9_.\-/=+:]*$/.test(word)) this.fail(`bare word ${word} has characters this model does not take`);
    return word;
  }

  // tokenizer.cs ScanStringLiteral: any single-quote character ends the string; two in a row are one
  // quote (the second is kept).
  private singleQuoted(): string {
    if (!SINGLE_QUOTES.has(this.peek() ?? '')) this.fail('expected a single-quoted string');
    this.i++;
    let value = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated single-quoted string');
      this.i++;
      if (SINGLE_QUOTES.has(c)) {
        if (!SINGLE_QUOTES.has(this.peek() ?? '')) return value;
        value += this.peek();
        this.i++;
        continue;
      }
      value += c;
    }
  }

  // tokenizer.cs ScanStringExpandable: doubled double quotes, `$` expansions, backtick escapes.
  private doubleQuoted(): string {
    this.i++;
    let value = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated double-quoted string');
      this.i++;
      if (DOUBLE_QUOTES.has(c)) {
        if (!DOUBLE_QUOTES.has(this.peek() ?? '')) return value;
        value += this.peek();
        this.i++;
      } else if (c === '$') {
        // `$name`, `$(...)`, `${...}`, `$?`, `$^`, `$$`: an expansion, i.e. captured text that would run.
        if (/[\p{L}0-9_?^$:({]/u.test(this.peek() ?? '')) this.fail('an unescaped $ expansion in a double-quoted string');
        value += c;
      } else if (c === '`') {
        const escaped = this.peek();
        if (escaped === undefined) this.fail('backtick at the end');
        this.i++;
        if (escaped === 'u') {
          const match = /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.text.slice(this.i));
          if (match === null) this.fail('bad `u{} escape');
          this.i += match[0].length;
          value += String.fromCodePoint(Number.parseInt(match[1]!, 16));
        } else {
          value += BACKTICK_ESCAPES[escaped] ?? escaped;
        }
      } else {
        value += c;
      }
    }
  }
}
