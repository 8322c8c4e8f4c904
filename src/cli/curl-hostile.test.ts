// End to end, as issue #7 reproduced it: a hostile HAR through `cors-inspector curl`, the output run
// by a real shell with the real curl, next to a local echo server. A local file named in a header
// must never reach the server, and a URL starting with `-` must never act as a curl option.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmdCurlCommands } from '../export/testing-cmd.ts';
import { readCurlArguments } from '../export/testing-curl.ts';
import { HAVE_ZSH, ZSH_NOTE } from '../export/testing-curl-shells.ts';
import { powerShellCurlCommands } from '../export/testing-powershell.ts';
import { EXIT } from './command.ts';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-curl-hostile-'));
const CANARY = 'CANARY-6f1c0a9e-local-file-content';
const canaryFile = join(dir, 'hostile-canary.txt');
const curlrc = join(dir, 'hostile-curlrc');
const pwned = join(dir, 'pwned');
const PAGE = 'http://127.0.0.1:5173';

let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  // Lenient: the ESC and BEL in a header value must arrive to be checked, not be refused by Node.
  server = createServer({ insecureHTTPParser: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}\n${req.rawHeaders.join('\n')}\n\n${Buffer.concat(chunks).toString('latin1')}`);
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { 'Access-Control-Allow-Origin': PAGE });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(canaryFile, `X-Canary: ${CANARY}\n`);
  // What `-K` would make curl obey: fetch another URL, and send the canary file as the body.
  writeFileSync(curlrc, `url = "${base}/hostile/config-obeyed"\ndata = "@${canaryFile}"\n`);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function hostileHar(): string {
  const entry = (url: string, headers: [string, string][], at: number) => ({
    _resourceType: 'fetch',
    _initiator: { type: 'script' },
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
    time: 1,
    request: { method: 'GET', url, headers: [['Origin', PAGE], ...headers].map(([name, value]) => ({ name, value })), bodySize: 0 },
    response: { status: 0, headers: [], redirectURL: '', _error: 'net::ERR_FAILED' },
  });
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'attacker' },
      entries: [
        // The header name of the issue: bash would cut it at the NUL and curl read `-H @file`.
        entry(`${base}/hostile/header-name`, [[`@${canaryFile}\0`, 'x']], 1),
        entry(`-K${curlrc}`, [], 2),
        entry(`file://${canaryFile}`, [], 3),
        entry(`${base}/hostile/crlf`, [['X-A', `a\r\nX-Injected: ${CANARY}`]], 4),
        // A request that can be sent, with values a shell would run if it were not quoted.
        entry(`${base}/hostile/sent?q=$(touch%20x)`, [['X-Trace', `$(touch ${pwned}) \`touch ${pwned}\` \x1b]52;c;aGk=\x07`]], 5),
      ],
    },
  });
}

async function cli(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await main(args, out, err, {});
  return { status, out: out.text, err: err.text };
}

function run(shell: string, args: string[], script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(shell, args, { timeout: 30_000, cwd: dir }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    child.stdin?.end(script);
  });
}

describe(`cors-inspector curl on a hostile HAR${ZSH_NOTE}`, () => {
  const harFile = join(dir, 'hostile.har');

  beforeAll(() => writeFileSync(harFile, hostileHar()));

  const runs = [
    { name: 'bash, as a script', shell: 'bash', args: ['-s'] },
    ...(HAVE_ZSH ? [{ name: 'zsh, pasted at an interactive prompt', shell: 'zsh', args: ['-f', '-i'] }] : []),
  ];

  it.each(runs)('$name: the local file never reaches the server, and no URL acts as an option', async ({ shell, args }) => {
    // With secrets included, so the hostile value reaches the shell as captured (redaction would
    // replace the random-looking temporary path in it by a placeholder).
    const result = await cli(['curl', harFile, '--url-contains', 'hostile', '--include-secrets']);
    expect(result.status).toBe(0);
    seen.length = 0;
    await run(shell, args, result.out);
    // Only the request that could be sent arrived (its rebuilt preflight, then itself) ...
    expect(seen.map((request) => request.split("\n")[0])).toEqual(['OPTIONS /hostile/sent?q=$(touch%20x)', 'GET /hostile/sent?q=$(touch%20x)']);
    // ... with its header exactly as captured, and nothing of the local file anywhere.
    expect(seen[1]).toContain(`X-Trace\n$(touch ${pwned}) \`touch ${pwned}\` \x1b]52;c;aGk=\x07`);
    expect(seen.join('\n')).not.toContain(CANARY);
    expect(existsSync(pwned)).toBe(false);
    for (const reason of ['is not an HTTP token', 'is not an absolute http or https URL', 'scheme "file:"', 'contains a line break or NUL byte']) {
      expect(result.out).toContain(reason);
    }
  });

  it.each([
    ['powershell', (script: string) => powerShellCurlCommands(script)],
    ['cmd', (script: string) => cmdCurlCommands(script)],
  ] as const)('%s: the same refusals; what runs reads no file and takes no URL as an option', async (shell, commands) => {
    const result = await cli(['curl', harFile, '--url-contains', 'hostile', '--shell', shell]);
    // cmd writes no command at all (below): status 4, as docs/cli.md says.
    expect(result.status).toBe(shell === 'cmd' ? EXIT.noCommand : EXIT.ok);
    expect(result.out).toContain('is not an HTTP token');
    expect(result.out).not.toMatch(/[\0\x1b\x07]/);
    const argvs = commands(result.out);
    // cmd cannot carry the ESC in the last request either; PowerShell sends it (preflight + request).
    expect(argvs).toHaveLength(shell === 'cmd' ? 0 : 2);
    for (const argv of argvs) expect(readCurlArguments(argv).url.startsWith(`${base}/hostile/sent`)).toBe(true);
  });
});
