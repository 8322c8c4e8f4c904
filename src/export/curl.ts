// A failing exchange as curl commands, for bash/zsh, PowerShell and cmd.exe. The output is a runnable
// script: the two commands, and everything else a comment. Each command prints only the response
// headers (`-D`), which is where a CORS problem shows, through a filter that shows the control
// characters in them instead of letting the terminal obey them (`showHeaders`): the server that
// answers is whoever a shared HAR points at.
//
// Safe by construction: the arguments are checked in `curl-arguments.ts` (HTTP tokens, no line
// breaks in values, http(s) URLs after `--url`), each shell quotes them so they arrive exactly, and
// where a shell cannot carry them exactly the exchange gets no command at all, only a comment that
// says why (`refusal`). Nothing from the capture is printed raw: comments show unprintable
// characters as escapes.

import { curlInvocation, type CurlInvocation } from './curl-arguments.ts';
import type { HeaderLine } from '../cors/index.ts';
import type { CurlPair, CurlRequest } from './curl-requests.ts';
import type { Redaction } from './redaction.ts';
import { placeholdersNote } from './held-placeholders.ts';
import { cmdCannotCarry, outsideAscii, quote, type Shell } from './shell-quote.ts';
import { visible } from './visible-text.ts';

/** What curl must receive: its arguments (after the program name) and its standard input. */
interface CurlCommand {
  request: CurlRequest;
  args: string[];
  stdin: string | null;
  /** The arguments one group a line, as printed. */
  lines: string[][];
}

export type CurlCommands = { ok: true; commands: CurlCommand[] } | { ok: false; reason: string };

interface ShellSyntax {
  curl: string;
  discardBody: string;
  continuation: string;
  comment: (text: string) => string;
  /** The last line of each command (`HEADER_FILTERS`), or null. */
  showHeaders: string | null;
  /** Where curl writes the response headers (`-D`): `-`, into `showHeaders`, or a file `after` shows. */
  headersTo: string;
  /** Lines right before each command, in its block: a block copied alone still has them. */
  before: string[];
  /** A line after each command. */
  after: string | null;
  /** Before the first command; `end` closes what `start` opened. */
  start: string[];
  end: string[];
}

// Text of a bash comment that zsh could also run: interactive zsh, by default, does not read `#` as
// a comment, so `# $(cmd)` pasted there runs `cmd`. Anything beyond plain words is single-quoted.
const bashCommentBare = /^[A-Za-z0-9 _@%+:,./-]*$/;

// The longest piece of a comment on one REM line, in UTF-16 units before escaping: a caret before
// every character still keeps `REM ` and the piece under the 8,191 characters cmd reads in a line.
const CMD_COMMENT_PIECE = 4_000;

/**
 * REM lines. REM ignores the rest of its line; the carets keep `&|<>` inert even so. A long text
 * (a title with a URL of 9,000 characters) goes on several REM lines: cmd reads at most 8,191
 * characters of a line, and what became of the rest would be up to cmd, not to this script.
 */
function cmdComment(text: string): string {
  const pieces: string[] = [];
  let piece = '';
  for (const char of visible(text)) {
    if (piece.length + char.length > CMD_COMMENT_PIECE) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  pieces.push(piece);
  return pieces.map((part) => `REM ${part.replace(/[&|<>^%]/g, '^$&')}`).join('\n');
}

/**
 * What each command's output (the response headers, as the server sent them) goes through on its way
 * to the terminal (`ShellSyntax.showHeaders`): the server is whoever a shared HAR points at, and an
 * escape sequence in a header (an OSC 52 clipboard write, a window title, cursor moves that hide the
 * lines above) must reach the terminal as text.
 */
export const HEADER_FILTERS: Record<Shell, string | null> = {
  // `cat -v` (GNU, BSD and macOS, BusyBox) writes every control byte but tab and line feed as `^X`
  // or `M-^X`, so ESC is `^[`; sed then drops the `^M` that each CRLF line ending became (its input is
  // ASCII by then, so no locale makes it stop at a byte that is no UTF-8). `command`: pasted at a
  // prompt, an alias `cat` or `sed` (`alias cat=bat`) would otherwise take their place. curl's own
  // errors still go to standard error (`-sS`); `bashExitStatus` makes curl's status the command's.
  bash: "| command cat -v | command sed 's/\\^M$//'",
  // PowerShell reads curl.exe's output as lines of text (a CR, LF or CRLF ends one) and writes each
  // to the console itself, escape sequences included: each C0 or C1 control but tab is written as
  // `\x1b` instead, as `explain` writes them. `$LASTEXITCODE` stays curl.exe's.
  powershell: "| ForEach-Object { $_ -replace '[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]', { '\\x{0:x2}' -f [int][char]$_.Value } }",
  // cmd has no such filter, and a pipe would not do: cmd may hand a side of one to a new cmd.exe
  // (`cmd /S /D /c`), which would read curl.exe's arguments a second time, without the carets that
  // keep them text.
  // There curl writes the headers to a file of its own in TEMP (`CMD_SETUP`), which the next line shows.
  cmd: null,
};

/**
 * What ends each bash command after `HEADER_FILTERS.bash`: a subshell that exits with curl's status,
 * so the command's exit status is curl's, not sed's (and the last command's is the script's), without
 * setting `pipefail` in the shell of the person who pastes it. curl is the pipeline's first command, or its second after
 * `printf ... |` (`curlAt`, from 0). bash names the statuses `PIPESTATUS`, from 0; zsh `pipestatus`,
 * from 1 (unless KSH_ARRAYS, off by default); each shell finds the other's unset.
 */
export function bashExitStatus(curlAt: number): string {
  return `; (exit "\${PIPESTATUS[${curlAt}]:-\${pipestatus[${curlAt + 1}]}}")`;
}

/** What the script says of its filter lines (`HEADER_FILTERS`, `bashExitStatus`, `CMD_SHOW_HEADERS`), under its title. */
const SHOWN_HEADERS_NOTE: Record<Shell, string> = {
  // Plain words, so the comment is not quoted (`bashCommentBare`).
  bash: 'Each command prints the response headers with control characters shown as text by cat -v, and exits with the exit status of curl.',
  powershell: 'Each command prints the response headers with control characters as text (ESC as \\x1b).',
  cmd: 'Each curl.exe writes the response headers to a file of its own in your TEMP folder; the line after it shows them with control characters as text (ESC as \\x1b) and deletes the file. The set lines before each curl.exe make this cmd window look for programs on PATH only, never in the current folder (close the window to undo).',
};

/** The variable that holds the path of the headers file in the cmd script (`CMD_SETUP`). */
export const CMD_HEADERS_VARIABLE = 'CORS_INSPECTOR_HEADERS';

/**
 * curl.exe's `-D` argument in the cmd script, as written: the file `CMD_SETUP` named. It is printed
 * as `"%CORS_INSPECTOR_HEADERS%"` (quoted: the path may hold spaces or `&`), where cmd expands it.
 */
export const CMD_HEADERS_ARGUMENT = `%${CMD_HEADERS_VARIABLE}%`;

/**
 * The lines right before each curl.exe in the cmd script, in its block: a person who copies one
 * block into a new cmd window (not the whole script) still has both; without them curl.exe would
 * be looked for in the current folder, and the headers written to a file literally named
 * `%CORS_INSPECTOR_HEADERS%` there. Nothing captured is in them, and they are lines of their own,
 * so they do not count towards the curl.exe line's length.
 *
 * First, cmd looks for a program in the current folder before PATH, so a `curl.exe` beside a
 * downloaded HAR (the Downloads folder) would run instead of Windows' own. With the variable
 * NoDefaultCurrentDirectoryInExePath defined (any value), cmd searches PATH only: it calls
 * NeedCurrentDirectoryForExePath before its own search
 * (https://learn.microsoft.com/en-us/windows/win32/api/processenv/nf-processenv-needcurrentdirectoryforexepathw).
 * PATH then decides as the person set it: Windows' `System32\curl.exe` (10 1803 and later), or
 * their own curl on PATH where Windows has none. It stays set in that cmd window (said under the title).
 *
 * Then the file for the response headers: in the person's TEMP folder, which only they (and
 * administrators) can write to, so nobody else can have put a file or link of that name there, as
 * anyone who shares a folder could in the current one; response headers may hold Set-Cookie
 * tokens. `%RANDOM%` twice keeps two windows apart (each block names a new file). cmd expands the line at the prompt (quoted: a
 * TEMP path may hold `&` or spaces); the PowerShell line reads the variable itself.
 */
export const CMD_SETUP = ['set "NoDefaultCurrentDirectoryInExePath=1"', `set "${CMD_HEADERS_VARIABLE}=%TEMP%\\cors-inspector-headers-%RANDOM%%RANDOM%.txt"`];

// What cmd.exe may make of `"%CORS_INSPECTOR_HEADERS%"` in a command: a path in TEMP, counted at
// Windows' usual longest path (MAX_PATH) for cmd's limit of a line.
const CMD_HEADERS_PATH_MAX = 260;

/**
 * The line after each curl.exe in the cmd script: Windows PowerShell (in every Windows since 10) shows
 * the headers file (`$env:CORS_INSPECTOR_HEADERS`, `CMD_SETUP`) as `HEADER_FILTERS.powershell` does,
 * each C0 or C1 control but tab as `\x1b`, and deletes it. Only if the variable is set: this line
 * copied without the set lines would otherwise stop on a null `-LiteralPath` (a binding error that
 * `-ErrorAction Ignore` does not silence). Named by its full path: cmd looks for a bare `powershell` in the current folder before
 * PATH, and a `powershell.bat` beside a downloaded HAR would run. Nothing in it is captured, and cmd
 * reads it as written but for `%SystemRoot%`, its one `%` (no `!`).
 */
export const CMD_SHOW_HEADERS = `"%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -Command "if ($env:${CMD_HEADERS_VARIABLE}) { Get-Content -LiteralPath $env:${CMD_HEADERS_VARIABLE} -ErrorAction Ignore | ForEach-Object { [regex]::Replace($_, '[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]', { param($m) '\\x{0:x2}' -f [int][char]$m.Value }) }; Remove-Item -LiteralPath $env:${CMD_HEADERS_VARIABLE} -ErrorAction Ignore }"`;

const syntax: Record<Shell, ShellSyntax> = {
  bash: {
    curl: 'curl',
    discardBody: '/dev/null',
    continuation: ' \\',
    // Quoted unless plain words: a zsh prompt that does not read `#` as a comment then runs nothing.
    comment: (text) => `# ${bashCommentBare.test(visible(text)) ? visible(text) : `'${visible(text).replace(/'/g, `'\\''`)}'`}`,
    showHeaders: HEADER_FILTERS.bash,
    headersTo: '-',
    before: [],
    after: null,
    start: [],
    end: [],
  },
  powershell: {
    // `curl` is an alias of Invoke-WebRequest in Windows PowerShell: name the real program.
    curl: 'curl.exe',
    discardBody: 'NUL',
    continuation: ' `',
    comment: (text) => `# ${visible(text)}`,
    showHeaders: HEADER_FILTERS.powershell,
    headersTo: '-',
    before: [],
    after: null,
    // Only PowerShell 7.3+ passes arguments with embedded quotes to a native program unchanged; older
    // versions would let a quote in a captured value split it into extra curl arguments. The whole
    // script is one `if`, so that even pasted at a prompt (where `throw` stops only its statement)
    // no command runs in an older PowerShell.
    start: [
      "if ($PSVersionTable.PSVersion -lt [version]'7.3') { throw 'This script needs PowerShell 7.3 or later to pass values to curl.exe exactly; use the bash version or upgrade PowerShell.' } else {",
      "$PSNativeCommandArgumentPassing = 'Standard'",
    ],
    end: ['}'],
  },
  cmd: {
    curl: 'curl.exe',
    discardBody: 'NUL',
    continuation: ' ^',
    comment: cmdComment,
    showHeaders: HEADER_FILTERS.cmd,
    headersTo: CMD_HEADERS_ARGUMENT,
    before: CMD_SETUP,
    after: CMD_SHOW_HEADERS,
    // For the cmd prompt (paste), where `%` works as `quoteCmd` expects. A .cmd or .bat file reads `%`
    // differently: there this line sees the undefined variable as empty and stops the file.
    start: ['@if "%CORS_INSPECTOR_AT_THE_PROMPT%"=="" (echo These lines are for pasting at a cmd prompt: a .cmd or .bat file reads percent signs differently.& exit /b 1)'],
    end: [],
  },
};

// Command-line limits. bash: Linux takes at most 128 KiB in one argument and about 2 MiB in all
// (macOS: 1 MiB); a body over 64 KiB goes on standard input instead. Windows: 32,767 characters in a
// command line; cmd.exe: 8,191 in a line it reads.
const BASH_DATA_RAW_MAX = 64 * 1024;
const BASH_ARGUMENT_MAX = 128 * 1024 - 1;
const BASH_ARGUMENTS_MAX = 512 * 1024;
const WINDOWS_COMMAND_LINE_MAX = 32_000;
const CMD_LINE_MAX = 8_191;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

type Placed = { ok: true; command: CurlCommand } | { ok: false; reason: string };

function place(shell: Shell, request: CurlRequest, invocation: CurlInvocation): Placed {
  const lines = invocation.lines.slice();
  let stdin: string | null = null;
  const body = invocation.body;
  const refuse = (reason: string): Placed => ({ ok: false, reason });
  // First for both Windows shells: the bash version is the one that carries it, whatever else is in it.
  if (shell !== 'bash') {
    const outside = windowsOutsideAscii(invocation);
    if (outside !== null) return refuse(outside);
  }
  if (body !== null) {
    // --data-raw sends the text as is: no `@file` reading (as -d would), no stripping of line breaks.
    if (shell === 'bash' && (body.includes('\0') || utf8Length(body) > BASH_DATA_RAW_MAX)) {
      lines.push(['--data-binary', '@-']);
      stdin = body;
    } else {
      if (body.includes('\0')) return refuse('a Windows command line cannot carry the NUL byte in the body; use the bash version');
      lines.push(['--data-raw', body]);
    }
  }
  const args = lines.flat();
  if (shell === 'bash') {
    const sizes = args.map((arg) => utf8Length(arg) + 1);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (sizes.some((size) => size > BASH_ARGUMENT_MAX) || total > BASH_ARGUMENTS_MAX) {
      return refuse(`the command is ${total.toLocaleString('en-US')} bytes long, more than a command line can safely carry`);
    }
  }
  if (shell === 'powershell') {
    // PowerShell (Standard passing) hands each argument to .NET, which quotes it for the C runtime.
    if (args.includes('--%')) return refuse('PowerShell reads an argument "--%" as its stop-parsing token; use the bash version');
    const length = args.reduce((sum, arg) => sum + arg.length + 3 + arg.replace(/[^"\\]/g, '').length, 'curl.exe'.length);
    if (length > WINDOWS_COMMAND_LINE_MAX) return refuse(`the command line would be about ${length.toLocaleString('en-US')} characters, more than Windows allows; use the bash version`);
  }
  if (shell === 'cmd') {
    const inBody = body === null ? null : cmdCannotCarry(body);
    if (inBody !== null) return refuse(`cmd.exe cannot carry ${inBody} in the body; use the PowerShell or bash version`);
    for (const arg of invocation.lines.flat()) {
      const problem = cmdCannotCarry(arg);
      if (problem !== null) return refuse(`cmd.exe cannot carry ${problem} in a header, the method or the URL; use the PowerShell or bash version`);
    }
  }
  return { ok: true, command: { request, args, stdin, lines } };
}

/**
 * Why a PowerShell or cmd command cannot hand these arguments to curl.exe (`outsideAscii`): where the
 * first character outside ASCII is, and which, as `U+FF02` (the reason is printed, and ASCII). The
 * URL never has one: it is serialized (`urlAsRequested`), every such character percent-encoded and a
 * host in its ASCII (punycode) form.
 */
function windowsOutsideAscii(invocation: CurlInvocation): string | null {
  const found = (where: string, text: string): string | null => {
    const char = outsideAscii(text);
    return char === null ? null : `${where} holds ${char}, a character outside ASCII: curl.exe may read its command line through the Windows ANSI code page, where such a character becomes another byte, "?" or a look-alike (U+FF02 a quote that could add curl options); use the bash version (WSL or Git Bash)`;
  };
  for (const group of invocation.lines) {
    for (const [j, arg] of group.entries()) {
      // A header argument is `Name: value` or `Name;`, its name an HTTP token (`curlInvocation`).
      const name = group[j - 1] === '-H' ? /^[^:;]*/.exec(arg)![0] : null;
      const problem = found(name !== null ? `the value of the ${name} header` : group[0] === '--url' ? 'the URL' : 'an argument', arg);
      if (problem !== null) return problem;
    }
  }
  return invocation.body === null ? null : found('the body', invocation.body);
}

/** The curl commands for a pair in a shell, or why there are none. */
export function curlCommands(shell: Shell, pair: CurlPair): CurlCommands {
  const requests = pair.preflight ? [pair.preflight, pair.request] : [pair.request];
  const placed = requests.map((request): Placed => {
    const checked = curlInvocation(request, syntax[shell].discardBody, syntax[shell].headersTo);
    return checked.ok ? place(shell, request, checked.invocation) : checked;
  });
  // The actual request's problem first: a rebuilt preflight only repeats it (a bad header name
  // is also in its Access-Control-Request-Headers).
  for (const one of placed.slice().reverse()) if (!one.ok) return one;
  const commands = placed.flatMap((one) => (one.ok ? [one.command] : []));
  if (shell === 'cmd') {
    for (const command of commands) {
      // With the headers file's path as long as a path usually gets once cmd expanded it.
      const length = printCommand('cmd', command).reduce((sum, line) => sum + line.length, 0) - `"${CMD_HEADERS_ARGUMENT}"`.length + CMD_HEADERS_PATH_MAX;
      if (length > CMD_LINE_MAX) return { ok: false, reason: `the command would be up to ${length.toLocaleString('en-US')} characters, more than cmd.exe reads in one line (8,191); use the PowerShell or bash version` };
    }
  }
  return { ok: true, commands };
}

function printCommand(shell: Shell, command: CurlCommand): string[] {
  const s = syntax[shell];
  // cmd: the argument after `-D` among the fixed options (the first group) is the headers file's
  // variable, which cmd must expand; chosen by its place, so no captured value is ever written bare.
  const written = (group: string[], i: number) => (arg: string, j: number) => (shell === 'cmd' && i === 0 && j > 0 && group[j - 1] === '-D' && arg === CMD_HEADERS_ARGUMENT ? `"${arg}"` : quote(shell, arg));
  const lines = command.lines.map((group, i) => `${i === 0 ? `${s.curl} ` : '  '}${group.map(written(group, i)).join(' ')}`);
  if (s.showHeaders !== null) lines.push(`  ${s.showHeaders}${shell === 'bash' ? bashExitStatus(command.stdin === null ? 0 : 1) : ''}`);
  const continued = lines.map((line, i) => (i < lines.length - 1 ? line + s.continuation : line));
  if (command.stdin === null) return continued;
  // bash only: the body on standard input, from the printf builtin (no argument size limit), with
  // each NUL written by printf's own `\0` between the parts. curl gets exactly these bytes: no
  // here-document delimiter to collide with, no trailing newline added.
  const parts = command.stdin.split('\0');
  const format = parts.map(() => '%s').join('\\0');
  return [`printf ${quote(shell, format)} ${parts.map((part) => quote(shell, part)).join(' ')} |`, ...continued];
}

/** The comment that says which secrets became placeholders, or null when none did. */
export function redactionNote(redactions: readonly Redaction[]): string | null {
  if (redactions.length === 0) return null;
  const kinds = [...new Set(redactions.map((r) => r.where))].join(', ');
  return `Secrets were replaced by REDACTED-... placeholders (${kinds}). Put real values back to reproduce an authenticated request.`;
}

export interface CurlScriptOptions {
  /** A title line, e.g. `PUT http://api/x from http://app (blocked: MethodDisallowedByPreflightResponse)`. */
  title: string;
}

export interface CurlScript {
  script: string;
  /** Why the script has no command (one line), or null when it has them. */
  refusal: string | null;
}

export function renderCurlScript(shell: Shell, pair: CurlPair, options: CurlScriptOptions): CurlScript {
  const s = syntax[shell];
  const built = curlCommands(shell, pair);
  const out: string[] = shell === 'bash' ? ['#!/usr/bin/env bash'] : [];
  if (!built.ok) {
    out.push(s.comment(`CORS Inspector: ${options.title}`));
    out.push(s.comment(`No curl command: ${built.reason}.`));
    return { script: `${out.join('\n')}\n`, refusal: built.reason };
  }
  out.push(...s.start);
  out.push(s.comment(`CORS Inspector: ${options.title}`));
  // The filter line after each command reads as noise to whoever did not write it: said once, here.
  out.push(s.comment(SHOWN_HEADERS_NOTE[shell]));
  const note = redactionNote(pair.redactions);
  if (note !== null) out.push(s.comment(note));
  // Captured names in it go through the comment's writer, as the title's URL does.
  if (pair.placeholders) out.push(s.comment(placeholdersNote(pair.placeholders, built.commands.length === 1 ? 'this command' : 'these commands')));
  built.commands.forEach((command, index) => {
    const request = command.request;
    out.push('');
    const what =
      request.role === 'preflight'
        ? request.provenance === 'observed'
          ? 'The preflight the browser sent'
          : 'The preflight the browser would send (it was not captured, or came from the preflight cache)'
        : 'The actual request';
    out.push(s.comment(`${index + 1}. ${what}:`));
    for (const note of request.notes) out.push(s.comment(note));
    out.push(...s.before, ...printCommand(shell, command));
    if (s.after !== null) out.push(s.after);
    for (const line of request.expected) out.push(s.comment(`Expected in the response: ${line}`));
    for (const line of request.advised ?? []) out.push(s.comment(`Advised in the response, not checked by the browser: ${line}`));
  });
  out.push(...s.end);
  return { script: `${out.join('\n')}\n`, refusal: null };
}

export function curlScript(shell: Shell, pair: CurlPair, options: CurlScriptOptions): string {
  return renderCurlScript(shell, pair, options).script;
}

/**
 * A script of requests made up rather than captured (`cors-inspector probe --dry-run`), in the
 * order given, each under its note; framed for `shell` as the curl export's own scripts are (bash's
 * shebang, PowerShell's version guard, cmd's prompt check). A request that cannot be written safely
 * for `shell` is a comment saying why, and its reason is in `refusals`.
 */
export function curlRequestsScript(shell: Shell, titles: readonly string[], requests: readonly { note: string; request: { method: string; url: string; headers: HeaderLine[] } }[]): { script: string; refusals: string[] } {
  const s = syntax[shell];
  const out: string[] = shell === 'bash' ? ['#!/usr/bin/env bash'] : [];
  const refusals: string[] = [];
  out.push(...s.start);
  for (const title of titles) out.push(s.comment(title));
  for (const { note, request } of requests) {
    out.push('', s.comment(note));
    const command = curlCommandLines(shell, request);
    if (!command.ok) refusals.push(command.reason);
    out.push(...(command.ok ? command.lines : [s.comment(`No curl command: ${command.reason}.`)]));
  }
  out.push(...s.end);
  return { script: `${out.join('\n')}\n`, refusals };
}

/**
 * One request as a curl command for `shell` (its lines), or why it cannot be written safely: for
 * requests made up rather than captured (`cors-inspector probe --dry-run`).
 */
function curlCommandLines(shell: Shell, request: { method: string; url: string; headers: HeaderLine[] }): { ok: true; lines: string[] } | { ok: false; reason: string } {
  const built = curlCommands(shell, { hop: 0, preflight: null, request: { ...request, role: 'request', provenance: 'rebuilt', body: null, expected: [], notes: [] }, redactions: [] });
  const { before, after } = syntax[shell];
  return built.ok ? { ok: true, lines: [...before, ...printCommand(shell, built.commands[0]!), ...(after === null ? [] : [after])] } : built;
}
