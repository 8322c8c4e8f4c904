// The probe line in every shell it says it is for: real bash and zsh (run, and typed in as a paste),
// PowerShell 7.3 and cmd.exe through their models, and cmd twice over, as npm's cors-inspector.cmd
// shim reads its arguments again. Each must pass the captured values exactly, and run nothing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeTarget } from '../cors/index.ts';
import { probeCommand, probeCommandLines, type ProbeLine, type ProbeShell } from './probe-command.ts';
import { cmdCommandLines, cmdCurlCommands, cmdShimArguments } from './testing-cmd.ts';
import { HAVE_ZSH } from './testing-curl-shells.ts';
import { runWithCurlRecorder } from './testing-posix-shell.ts';
import { powerShellExpansions } from './testing-powershell-paste.ts';
import { powerShellCurlCommands } from './testing-powershell.ts';
import { splitWindowsCommandLine } from './testing-windows-argv.ts';

const target = (over: Partial<ProbeTarget> = {}): ProbeTarget => ({
  url: 'https://api.example/items',
  origin: 'https://app.example',
  method: 'GET',
  headers: [],
  credentials: false,
  ...over,
});

/** What the probe must get, written from its syntax (not from the quoting under test). */
function expectedArgv(t: ProbeTarget): string[] {
  const option = (name: string, value: string) => (value.startsWith('-') ? [`--${name}=${value}`] : [`--${name}`, value]);
  const flags = [...option('origin', t.origin), ...(t.method === 'GET' ? [] : option('method', t.method)), ...t.headers.flatMap((h) => option('header', h)), ...(t.credentials ? ['--credentials'] : [])];
  return ['probe', ...(t.url.startsWith('-') ? [...flags, '--', t.url] : [t.url, ...flags])];
}

/** The program's name swapped for the one the shell runners and models record. */
const asCurl = (line: string, name: string): string => {
  expect(line.startsWith('cors-inspector ')).toBe(true);
  return `${name} ${line.slice('cors-inspector '.length)}`;
};

/** The argv each way of running `line` in `shell` gives the program, by name. */
function argvIn(shell: ProbeShell, line: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (shell === 'bash' || shell === 'zsh') {
    if (shell === 'zsh' && !HAVE_ZSH) return out;
    for (const [name, interactive] of [[shell, false], [shell, true]] as const) {
      const run = runWithCurlRecorder(name, asCurl(line, 'curl'), { interactive });
      expect(run.calls.length, `${name}${interactive ? ', pasted' : ''}`).toBe(1);
      out[`${name}${interactive ? ', pasted' : ''}`] = run.calls[0]!.args;
    }
  } else if (shell === 'powershell') {
    expect(powerShellExpansions(line)).toEqual([]);
    const commands = powerShellCurlCommands(asCurl(line, 'curl.exe'), { version: [7, 3] });
    expect(commands.length).toBe(1);
    out['PowerShell'] = commands[0]!;
  } else {
    const commandLines = cmdCommandLines(asCurl(line, 'curl.exe'), { delayedExpansion: true, quotingOnly: true });
    expect(commandLines.length).toBe(1);
    out['cmd'] = splitWindowsCommandLine(commandLines[0]!);
    out['cmd, through npm\'s cors-inspector.cmd'] = cmdShimArguments(commandLines[0]!);
  }
  return out;
}

/** Every line runs as it says in each shell it names; together they name every shell once. */
function checkLines(t: ProbeTarget, lines: readonly ProbeLine[]): void {
  expect(lines.flatMap((l) => l.shells).sort()).toEqual(['bash', 'cmd', 'powershell', 'zsh']);
  const expected = expectedArgv(t);
  for (const line of lines) {
    if (line.command === null) {
      expect(line.cannot).toMatch(/\w/);
      continue;
    }
    for (const shell of line.shells) for (const [how, argv] of Object.entries(argvIn(shell, line.command))) expect(argv, how).toEqual(expected);
  }
}

describe('the probe line in bash, zsh, PowerShell and cmd', () => {
  it('the first line printed, pasted into cmd, runs nothing: a URL with "&" reaches the probe as text', () => {
    const t = target({ url: 'https://api.example/items?a=1&calc' });
    const line = probeCommand(t, { includeSecrets: true })!;
    expect(cmdCurlCommands(asCurl(line, 'curl.exe'), { quotingOnly: true })).toEqual([expectedArgv(t).slice(0)]);
  });

  it('plain values: one line for every shell, as before where nothing needs quoting', () => {
    const t = target({ method: 'PUT', headers: ['x-trace'], credentials: true });
    const lines = probeCommandLines(t);
    expect(lines).toEqual([{ shells: ['bash', 'zsh', 'powershell', 'cmd'], command: 'cors-inspector probe https://api.example/items --origin https://app.example --method PUT --header x-trace --credentials' }]);
    checkLines(t, lines);
    const query = target({ url: 'https://api.example/items?page=2&sort=name' });
    expect(probeCommandLines(query, { includeSecrets: true })).toEqual([{ shells: ['bash', 'zsh', 'powershell', 'cmd'], command: 'cors-inspector probe "https://api.example/items?page=2&sort=name" --origin https://app.example' }]);
  });

  // Each value where the capture puts it: the URL (a path keeps these characters as they are), the
  // origin and the method (any text in a hand-made HAR), a header name (HTTP token characters).
  const hostile = [
    'a=1&calc', 'a|calc', 'a<in>out', 'a^b^^c', '(calc)', '%PATH%', '%PATH:~0,3%', '%^PATH%', '!PATH!', '!x', 'a"&calc&"b', '"', "a'$(calc)'b",
    '`calc`', '$env:PATH', 'a;calc', 'a\ncalc', 'a\rcalc', 'a\r\ncalc', '‘$(calc)’', '“$(calc)”', '„x“', '–Command calc', '—x', 'a b', '~', '*', '--%', 'a\\', 'a\\"b', '1kb', '@x', 'a,b',
  ];

  it.each(hostile)('a hostile URL, origin and method %j: each line runs only as printed, in each shell it names', (text) => {
    const t = target({ url: `https://api.example/${text}`, origin: `https://app.example${text}`, method: `P${text}` });
    checkLines(t, probeCommandLines(t, { includeSecrets: true }));
    const bare = target({ origin: text, method: text });
    checkLines(bare, probeCommandLines(bare, { includeSecrets: true }));
  });

  it('hostile header names (HTTP tokens can hold ^ % | & \' ! `)', () => {
    const t = target({ headers: ['x-^a', 'x-%PATH%', 'x-a|b', 'x-a&b', "x-'a'", 'x-!a!', 'x-`a`', '-x'] });
    checkLines(t, probeCommandLines(t));
  });

  it('says which shells cannot carry a value, and why, instead of changing it', () => {
    const shellsOf = (t: ProbeTarget) => probeCommandLines(t, { includeSecrets: true }).map((l) => [l.shells.join('+'), l.command === null ? l.cannot : 'line']);
    expect(shellsOf(target({ url: 'https://api.example/%PATH%' }))).toEqual([['bash+zsh', 'line'], ['powershell', 'line'], ['cmd', 'line']]);
    expect(shellsOf(target({ url: 'https://api.example/!x!' }))).toEqual([['bash+zsh', 'line'], ['powershell', 'line'], ['cmd', expect.stringContaining('"!"')]]);
    expect(shellsOf(target({ origin: 'https://a"b' }))).toEqual([['bash+zsh', 'line'], ['powershell', expect.stringContaining('double quote')], ['cmd', expect.stringContaining('double quote')]]);
    expect(shellsOf(target({ origin: 'a\nb' }))).toEqual([['bash+zsh', 'line'], ['powershell', 'line'], ['cmd', expect.stringContaining('line breaks')]]);
    expect(shellsOf(target({ origin: 'a\0b' }))).toEqual([['bash+zsh+powershell+cmd', expect.stringContaining('NUL')]]);
    expect(probeCommand(target({ origin: 'a\0b' }))).toBeNull();
  });

  it('a line cmd would cut (over 8,191 characters) is not offered for cmd', () => {
    const t = target({ url: `https://api.example/?q=${'a'.repeat(9000)}&x` });
    const lines = probeCommandLines(t, { includeSecrets: true });
    expect(lines.map((l) => l.shells.join('+'))).toEqual(['bash+zsh', 'powershell', 'cmd']);
    expect(lines[2]!.command).toBeNull();
    expect(lines[2]!.cannot).toContain('8,191');
    checkLines(t, lines);
  });

  it('whatever the values, each line passes them exactly in each shell it names (property)', () => {
    const unit = fc.constantFrom(...'aZ09 &|<>^()%!"\'$`;\\\n\r\t,@=~*?[]{}#-–‘’“”:/.'.split(''));
    const text = fc.string({ unit, minLength: 1, maxLength: 12 });
    const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9a-z-]{1,8}$/).filter((s) => !s.startsWith('sec-') && !s.startsWith('proxy-'));
    fc.assert(
      fc.property(text, text, text, fc.array(token, { maxLength: 2 }), (path, origin, method, headers) => {
        const t = target({ url: `https://a.example/${path}`, origin, method: method === 'GET' ? 'G' : method, headers });
        checkLines(t, probeCommandLines(t, { includeSecrets: true }));
      }),
      { seed: 33, numRuns: 25 },
    );
  });
});
