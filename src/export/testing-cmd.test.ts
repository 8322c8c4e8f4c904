// The cmd.exe model against the documented behaviour of its parser, so that the curl round trips
// rest on it.

import { describe, expect, it } from 'vitest';
import { CMD_SHOW_HEADERS } from './curl.ts';
import { CmdModelError, cmdCommandLines, cmdCurlCommands, cmdShimArguments, percentExpansion, showHeadersLine } from './testing-cmd.ts';
import { splitWindowsCommandLine } from './testing-windows-argv.ts';

const env = (name: string) => ({ PATH: 'C:\\Windows', B: 'a', 'A ': 'b' })[name];

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
    expect(cmdCurlCommands(script, { environment: env })).toEqual([argv]);
  });

  it.each([
    ['curl.exe a & calc', /unescaped &/],
    ['curl.exe a > out.txt', /unescaped >/],
    ['calc.exe', /unexpected command/],
  ])('%s is not a plain curl command', (script, message) => {
    expect(() => cmdCurlCommands(script)).toThrow(message);
  });

  it('the line that shows the headers file runs no curl.exe, and cmd reads it as written; any other powershell line is an error', () => {
    expect(cmdCurlCommands(`curl.exe a\n${CMD_SHOW_HEADERS}\ncurl.exe b`, { delayedExpansion: true })).toEqual([['a'], ['b']]);
    expect(() => cmdCurlCommands(`${CMD_SHOW_HEADERS} & calc`)).toThrow(/unescaped &/);
    expect(() => cmdCurlCommands(CMD_SHOW_HEADERS.replace('Remove-Item', 'Remove-Item -Recurse'))).toThrow(/unexpected command/);
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
    expect(cmdCurlCommands('REM a & calc ^\n\nREM x^\ncurl.exe a\ncurl.exe b')).toEqual([['b']]);
  });

  it('a line longer than cmd.exe reads (8,191 characters) is an error, a REM line too', () => {
    expect(() => cmdCurlCommands(`REM ${'x'.repeat(8188)}`)).toThrow(CmdModelError);
    expect(cmdCurlCommands(`REM ${'x'.repeat(8187)}\ncurl.exe a`)).toEqual([['a']]);
  });

  it('the guard stops a batch file and lets the prompt go on', () => {
    const script = '@if "%CORS_INSPECTOR_AT_THE_PROMPT%"=="" (echo x& exit /b 1)\ncurl.exe a';
    expect(cmdCurlCommands(script, { mode: 'prompt' })).toEqual([['a']]);
    expect(cmdCurlCommands(script, { mode: 'batch' })).toEqual([]);
  });

  it('with delayed expansion on, a "!" in a command is an error', () => {
    expect(() => cmdCurlCommands('curl.exe ^"a!b^"', { delayedExpansion: true })).toThrow(CmdModelError);
  });

  it("npm's .cmd shim reads what the prompt passed again: only quoted metacharacters stay text", () => {
    // Escaped at the prompt, the `&` reaches the shim bare, and its `%*` line would run `calc`.
    const escaped = cmdCommandLines('curl.exe a^&calc')[0]!;
    expect(escaped).toBe(' a&calc');
    expect(() => cmdShimArguments(escaped)).toThrow(CmdModelError);
    // Quoted, cmd passes the quotes on, and the shim sees the `&` inside them.
    const quoted = cmdCommandLines('curl.exe "a&calc" "%^PATH%"')[0]!;
    expect(cmdShimArguments(quoted)).toEqual(['a&calc', '%^PATH%']);
    // `%*` brings text in after the percent expansion: a `%PATH%` in it stays as it is.
    expect(cmdShimArguments(' "%PATH%"')).toEqual(['%PATH%']);
  });
});
