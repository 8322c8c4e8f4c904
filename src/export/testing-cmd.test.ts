// The cmd.exe model against the documented behaviour of its parser, so that the curl round trips
// rest on it.

import { describe, expect, it } from 'vitest';
import { CMD_SETUP, CMD_SHOW_HEADERS } from './curl.ts';
import { CmdModelError, cmdCommandLines, cmdCurlCommands, cmdShimArguments, percentExpansion, showHeadersLine } from './testing-cmd.ts';
import { splitWindowsCommandLine } from './testing-windows-argv.ts';

const env = (name: string) => ({ PATH: 'C:\\Windows', B: 'a', 'A ': 'b' })[name];

// The script's own lines before any curl.exe: cmd then looks for it on PATH only, and the headers file is named.
const setup = `${CMD_SETUP.join('\n')}\n`;

describe('the cmd.exe model', () => {
  it.each<[string, 'prompt' | 'batch', string]>([
    // The examples of the Stack Overflow question the model's source answers.
    ['echo %a %B% c%', 'prompt', 'echo %a a c%'],
    ['echo %A %B% c%', 'prompt', 'echo bB% c%'],
    ['%PATH%', 'prompt', 'C:\\Windows'],
    ['%UNSET%', 'prompt', '%UNSET%'],
    ['%UNSET%', 'batch', ''],
    ['100%%', 'batch', '100%'],
    ['100%%', 'prompt', '100%%'],
    ['%PATH:~0,2%', 'prompt', 'C:\\Windows'],
    ['%^PATH%', 'prompt', '%^PATH%'],
  ])('percent expansion of %s (%s)', (line, mode, expected) => {
    expect(percentExpansion(line, mode, env)).toBe(expected);
  });

  it.each<[string, string[]]>([
    ['curl.exe ^"a^&b^"', ['a&b']],
    ['curl.exe "a&b" c', ['a&b', 'c']],
    ['curl.exe ^"a \\^"q\\^" b^"', ['a "q" b']],
    ['curl.exe a ^\n  b', ['a', 'b']],
    ['curl.exe a^^b', ['a^b']],
    ['curl.exe "a^b"', ['a^b']],
  ])('%j', (script, argv) => {
    expect(cmdCurlCommands(setup + script, { environment: env })).toEqual([argv]);
  });

  it.each([
    ['curl.exe a & calc', /unescaped &/],
    ['curl.exe a > out.txt', /unescaped >/],
    ['calc.exe', /unexpected command/],
  ])('%s is not a plain curl command', (script, message) => {
    expect(() => cmdCurlCommands(setup + script)).toThrow(message);
  });

  it('the line that shows the headers file runs no curl.exe, and cmd reads it as written; any other powershell line is an error', () => {
    expect(cmdCurlCommands(`${setup}curl.exe a\n${CMD_SHOW_HEADERS}\ncurl.exe b`, { delayedExpansion: true })).toEqual([['a'], ['b']]);
    expect(() => cmdCurlCommands(`${setup}${CMD_SHOW_HEADERS} & calc`)).toThrow(/unescaped &/);
    expect(() => cmdCurlCommands(setup + CMD_SHOW_HEADERS.replace('Remove-Item', 'Remove-Item -Recurse'))).toThrow(/unexpected command/);
  });

  it('the line that shows the headers runs powershell.exe by its full path: %SystemRoot% is its one expansion, any other "%" or "!" an error', () => {
    const windows = (name: string): string | undefined => (name.toUpperCase() === 'SYSTEMROOT' ? 'C:\\Windows' : undefined);
    for (const mode of ['prompt', 'batch'] as const) {
      const shown = showHeadersLine(CMD_SHOW_HEADERS, { mode, environment: windows, delayedExpansion: true });
      expect(splitWindowsCommandLine(shown)[0]).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
      expect(shown).toBe(CMD_SHOW_HEADERS.replace('%SystemRoot%', 'C:\\Windows'));
    }
    expect(() => showHeadersLine(CMD_SHOW_HEADERS)).not.toThrow();
    expect(() => showHeadersLine(CMD_SHOW_HEADERS.replace('-NoProfile', '-NoProfile %TEMP%'))).toThrow(/other than %SystemRoot%/);
    expect(() => showHeadersLine(CMD_SHOW_HEADERS.replace('-NoProfile', '-NoProfile 100%'))).toThrow(/other than %SystemRoot%/);
    expect(() => showHeadersLine(CMD_SHOW_HEADERS.replace('"%SystemRoot%', '%SystemRoot%'))).toThrow(/other than %SystemRoot%/);
    expect(() => showHeadersLine(CMD_SHOW_HEADERS.replace('-NoProfile', '-NoProfile !x!'), { delayedExpansion: true })).toThrow(/delayed expansion/);
    expect(() => showHeadersLine(CMD_SHOW_HEADERS.replace('-NoProfile', '-NoProfile ^&'))).toThrow(/would change/);
  });

  it('REM lines and blank lines run nothing; a caret ending the only word of a REM joins the next line', () => {
    expect(cmdCurlCommands(`${setup}REM a & calc ^\n\nREM x^\ncurl.exe a\ncurl.exe b`)).toEqual([['b']]);
  });

  it('a line longer than cmd.exe reads (8,191 characters) is an error, a REM line too', () => {
    expect(() => cmdCurlCommands(`REM ${'x'.repeat(8188)}`)).toThrow(CmdModelError);
    expect(cmdCurlCommands(`${setup}REM ${'x'.repeat(8187)}\ncurl.exe a`)).toEqual([['a']]);
  });

  it('the guard stops a batch file and lets the prompt go on', () => {
    const script = `@if "%CORS_INSPECTOR_AT_THE_PROMPT%"=="" (echo x& exit /b 1)\n${setup}curl.exe a`;
    expect(cmdCurlCommands(script, { mode: 'prompt' })).toEqual([['a']]);
    expect(cmdCurlCommands(script, { mode: 'batch' })).toEqual([]);
  });

  it('with delayed expansion on, a "!" in a command is an error', () => {
    expect(() => cmdCurlCommands(`${setup}curl.exe ^"a!b^"`, { delayedExpansion: true })).toThrow(CmdModelError);
  });

  it("npm's .cmd shim reads what the prompt passed again: only quoted metacharacters stay text", () => {
    // Escaped at the prompt, the `&` reaches the shim bare, and its `%*` line would run `calc`.
    const escaped = cmdCommandLines(`${setup}curl.exe a^&calc`)[0]!;
    expect(escaped).toBe(' a&calc');
    expect(() => cmdShimArguments(escaped)).toThrow(CmdModelError);
    // Quoted, cmd passes the quotes on, and the shim sees the `&` inside them.
    const quoted = cmdCommandLines(`${setup}curl.exe "a&calc" "%^PATH%"`)[0]!;
    expect(cmdShimArguments(quoted)).toEqual(['a&calc', '%^PATH%']);
    // `%*` brings text in after the percent expansion: a `%PATH%` in it stays as it is.
    expect(cmdShimArguments(' "%PATH%"')).toEqual(['%PATH%']);
  });
  it('cmd looks for curl.exe in the current folder first unless the script defined NoDefaultCurrentDirectoryInExePath before it', () => {
    expect(() => cmdCurlCommands('curl.exe a')).toThrow(/current folder before PATH/);
    expect(() => cmdCurlCommands(`curl.exe a\n${setup}`)).toThrow(/current folder before PATH/);
    // Defined in the environment the person had is not enough for the model: the script must say it.
    expect(() => cmdCurlCommands('curl.exe a', { environment: (name) => (name === 'NoDefaultCurrentDirectoryInExePath' ? '1' : undefined) })).toThrow(/current folder before PATH/);
    expect(cmdCurlCommands(`${setup}curl.exe a`)).toEqual([['a']]);
  });

  it('the headers file is named by the set line, in TEMP, quoted so that a TEMP path with "&" or spaces stays one argument', () => {
    const windows = (name: string): string | undefined => ({ TEMP: 'C:\\Users\\A & B\\AppData\\Local\\Temp', RANDOM: '77' })[name.toUpperCase()];
    expect(cmdCurlCommands(`${setup}curl.exe -D "%CORS_INSPECTOR_HEADERS%" x`, { environment: windows })).toEqual([['-D', 'C:\\Users\\A & B\\AppData\\Local\\Temp\\cors-inspector-headers-7777.txt', 'x']]);
    // Only the script's own set lines are understood, and the PowerShell line needs the file named first.
    expect(() => cmdCurlCommands('set "NoDefaultCurrentDirectoryInExePath=1" & calc')).toThrow(CmdModelError);
    expect(() => cmdCurlCommands(`${CMD_SETUP[0]}\n${CMD_SHOW_HEADERS}`)).toThrow(/before the line that names their file/);
  });
});
