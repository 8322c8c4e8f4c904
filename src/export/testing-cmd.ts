// For tests: what curl.exe receives when lines `curl.ts` wrote for cmd.exe are pasted at its prompt.
// cmd cannot run here, so this is a model of its line parser as documented by the experiments in
// "How does the Windows Command Interpreter (CMD.EXE) parse scripts?" (stackoverflow.com/q/4094699):
// phase 1, percent expansion (prompt rules: an undefined `%name%` stays as typed, and the scan goes
// on from its second `%`; batch rules: `%%` is `%`, an undefined variable is removed); phase 2,
// special characters (a quote toggles the quoted state, `^` outside quotes takes the next character
// literally, `^` at the end of a line joins the next line and escapes its first character, an
// unescaped `&|<>` ends or redirects the command); phase 5, delayed expansion of `!`. Then the C
// runtime splits the command line. It understands only the lines such a script has (REM, the guard
// `@if`, its fixed `set` lines, curl.exe, the PowerShell line) and throws on anything else. Where
// cmd looks for a program: the current folder first, then PATH, unless NoDefaultCurrentDirectoryInExePath
// is defined (learn.microsoft.com, NeedCurrentDirectoryForExePathW); a curl.exe run before the
// script defined it is an error.

import { CMD_HEADERS_VARIABLE, CMD_SETUP, CMD_SHOW_HEADERS } from './curl.ts';
import { splitWindowsCommandLine } from './testing-windows-argv.ts';

export class CmdModelError extends Error {}

/**
 * The worst case for a leak: every variable name is defined (its value says which), except names
 * starting with `^`, which nobody defines, and the script's own guard variable.
 */
function everyVariableDefined(name: string): string | undefined {
  if (name === '' || name.startsWith('^') || name.toUpperCase() === 'CORS_INSPECTOR_AT_THE_PROMPT') return undefined;
  return `<value of ${name}>`;
}

interface Options {
  /** `prompt`: pasted at the cmd prompt (what the scripts are for); `batch`: run as a .cmd file. */
  mode?: 'prompt' | 'batch';
  delayedExpansion?: boolean;
  environment?: (name: string) => string | undefined;
  /**
   * Lines checked for their quoting alone, not a script: where cmd finds curl.exe is not in question
   * (by default a curl.exe before the script's `set "NoDefaultCurrentDirectoryInExePath=1"` is an error).
   */
  quotingOnly?: boolean;
}

const CMD_LINE_MAX = 8191;

/** What curl.exe's `-D` gets in the model: the headers file `CMD_SETUP` names, in TEMP (whatever TEMP's value). */
export const CMD_MODEL_HEADERS_FILE = /\\cors-inspector-headers-[^\\"]*\.txt$/;

/** The path of the headers file that `CMD_SETUP` gives `CORS_INSPECTOR_HEADERS` with the model's default environment. */
export function cmdModelHeadersPath(): string {
  const set = /^set "[^=]+=(.*)"$/.exec(CMD_SETUP[1]!)![1]!;
  return percentExpansion(set, 'prompt', everyVariableDefined);
}

/** The argv (after the program name) of every `curl.exe` the lines run, in order. */
export function cmdCurlCommands(script: string, options: Options = {}): string[][] {
  return cmdCommandLines(script, options).map(splitWindowsCommandLine);
}

/**
 * What npm's `cors-inspector.cmd` shim passes on when cmd ran it with `commandLine`: its line
 * `"%_prog%" "...cors-inspector.mjs" %*` puts the arguments in as they are (phase 1 does not expand
 * what `%*` brought in), then phase 2 reads them again, so an `&` that was escaped at the prompt acts
 * here unless it is inside quotes. Returns the argv the program gets.
 */
export function cmdShimArguments(commandLine: string): string[] {
  return splitWindowsCommandLine(specialCharacters(commandLine, () => undefined).text);
}

/** The command line (after the program name `curl.exe`) of every command the lines run, in order. */
export function cmdCommandLines(script: string, options: Options = {}): string[] {
  const mode = options.mode ?? 'prompt';
  // What the script's own `set` lines defined comes first (cmd's names ignore case).
  const defined = new Map<string, string>();
  const given = options.environment ?? everyVariableDefined;
  const environment = (name: string): string | undefined => defined.get(name.toUpperCase()) ?? given(name);
  // Phase 1.5: carriage returns are removed.
  const lines = script.replace(/\r/g, '').split('\n');
  const commands: string[] = [];
  let i = 0;
  const nextLine = (): string | undefined => (i < lines.length ? percentExpansion(lines[i++]!, mode, environment) : undefined);
  while (i < lines.length) {
    const raw = lines[i]!;
    // What cmd does with the rest of a longer line is not what the script means, whatever it is
    // (cut, or read as a line of its own): REM lines are held to the limit too.
    if (raw.length > CMD_LINE_MAX) throw new CmdModelError(`a line of ${raw.length} characters`);
    // REM ignores its line; only a caret ending its first and only word would join the next line.
    const rem = /^[ \t]*@?rem(?:[ \t]+(.*))?$/i.exec(raw);
    if (rem !== null) {
      i++;
      const words = (rem[1] ?? '').trim().split(/[ \t]+/);
      if (words.length === 1 && words[0]!.endsWith('^')) i++;
      continue;
    }
    const guard = /^@if "(%[A-Za-z_]+%)"=="" \(.*\)$/.exec(raw);
    if (guard !== null) {
      i++;
      // The condition is true when the variable expands to nothing: then the script stops.
      if (percentExpansion(guard[1]!, mode, environment) === '') return commands;
      continue;
    }
    // The line that shows the headers file after each curl.exe: cmd must hand it to PowerShell as
    // written (nothing special outside its quotes), but for its one expansion, `%SystemRoot%` in the
    // quoted path of powershell.exe. It runs no curl.exe.
    if (raw === CMD_SHOW_HEADERS) {
      i++;
      if (!defined.has(CMD_HEADERS_VARIABLE)) throw new CmdModelError('the line that shows the headers before the line that names their file');
      showHeadersLine(raw, options);
      continue;
    }
    // The script's own `set "NAME=VALUE"` lines (`CMD_SETUP`), and no other: quoted whole, so what
    // the percent expansion brought in (a TEMP path with `&`) stays text.
    if (CMD_SETUP.includes(raw)) {
      i++;
      const set = specialCharacters(percentExpansion(raw, mode, environment), () => undefined).text;
      const parts = /^set "([^="]+)=([^"]*)"$/.exec(set);
      if (parts === null) throw new CmdModelError(`cmd would read the set line as ${JSON.stringify(set)}`);
      defined.set(parts[1]!.toUpperCase(), parts[2]!);
      continue;
    }
    const line = specialCharacters(nextLine()!, nextLine);
    if (line.typed > CMD_LINE_MAX) throw new CmdModelError(`a command line of ${line.typed} characters`);
    const command = line.text.replace(/^[ \t@]+/, '');
    if (command === '') continue;
    if (options.delayedExpansion === true && command.includes('!')) throw new CmdModelError('delayed expansion would change a "!"');
    const name = /^[^ \t]+/.exec(command)![0];
    if (name.toLowerCase() !== 'curl.exe') throw new CmdModelError(`unexpected command ${JSON.stringify(name)}`);
    if (options.quotingOnly !== true && !defined.has('NODEFAULTCURRENTDIRECTORYINEXEPATH')) throw new CmdModelError('cmd would look for curl.exe in the current folder before PATH');
    commands.push(command.slice(name.length));
  }
  return commands;
}

/**
 * What cmd hands on of the line that shows the headers (`CMD_SHOW_HEADERS`, or `line` in its place):
 * the line as written but `%SystemRoot%` at its start, in the quoted path of powershell.exe, expanded;
 * any other `%`, a `!` with delayed expansion, or a character cmd would read is an error.
 */
export function showHeadersLine(line: string, options: Options = {}): string {
  const mode = options.mode ?? 'prompt';
  const environment = options.environment ?? everyVariableDefined;
  if (line.split('%').length !== 3 || !line.startsWith('"%SystemRoot%\\')) throw new CmdModelError('a "%" in the line that shows the headers other than %SystemRoot%');
  if (options.delayedExpansion === true && line.includes('!')) throw new CmdModelError('delayed expansion would change a "!" in the line that shows the headers');
  const expected = line.replace('%SystemRoot%', environment('SystemRoot') ?? '%SystemRoot%');
  const shown = specialCharacters(percentExpansion(line, mode, environment), () => undefined).text;
  if (shown !== expected) throw new CmdModelError('cmd would change the line that shows the headers');
  return shown;
}

/** Phase 1. */
export function percentExpansion(line: string, mode: 'prompt' | 'batch', environment: (name: string) => string | undefined): string {
  let out = '';
  let j = 0;
  while (j < line.length) {
    const c = line[j]!;
    if (c !== '%') {
      out += c;
      j++;
      continue;
    }
    if (mode === 'batch' && line[j + 1] === '%') {
      out += '%';
      j += 2;
      continue;
    }
    const close = line.indexOf('%', j + 1);
    if (close === -1) {
      // A lone `%`: kept at the prompt, dropped in a batch file.
      if (mode === 'prompt') out += line.slice(j);
      break;
    }
    const name = line.slice(j + 1, close);
    // `%name:~1,2%` and `%name:a=b%` read the variable before the colon.
    const value = environment(name.split(':')[0]!);
    if (value !== undefined) {
      out += value;
      j = close + 1;
    } else if (mode === 'batch') {
      j = close + 1;
    } else {
      out += `%${name}`;
      j = close;
    }
  }
  return out;
}

/**
 * Phase 2 for one command: returns the command line cmd hands on (`text`) and the length of what was
 * typed for it (`typed`), reading continuation lines through `nextLine` (already percent-expanded).
 */
function specialCharacters(first: string, nextLine: () => string | undefined): { text: string; typed: number } {
  let line = first;
  let typed = first.length;
  let text = '';
  let inQuotes = false;
  let j = 0;
  for (;;) {
    if (j >= line.length) return { text, typed };
    const c = line[j]!;
    if (inQuotes) {
      if (c === '"') inQuotes = false;
      text += c;
      j++;
    } else if (c === '"') {
      inQuotes = true;
      text += c;
      j++;
    } else if (c === '^') {
      if (j === line.length - 1) {
        const next = nextLine();
        if (next === undefined || next === '') throw new CmdModelError('a caret before the end of the input or an empty line');
        typed += next.length;
        // The first character of the joined line is taken literally.
        text += next[0];
        line = next;
        j = 1;
      } else {
        text += line[j + 1];
        j += 2;
      }
    } else if ('&|<>'.includes(c)) {
      throw new CmdModelError(`an unescaped ${c} would end the command or redirect it`);
    } else if ('()'.includes(c)) {
      throw new CmdModelError(`an unescaped ${c} (a command block)`);
    } else {
      text += c;
      j++;
    }
  }
}
