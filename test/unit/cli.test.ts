// The CLI as people run it (`npx cors-inspector ...` in a child process) and `main()` in-process.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { main } from '../../src/cli/main.ts';
import {
  FIXTURES,
  RECORDED_HAR,
  exchangesByScenario,
  expectedVerdict,
  pageOriginOfHar,
  pageOriginOfObserved,
  recordedRuns,
  withOriginPlaceholder,
} from './recorded-scenarios.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function npx(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
    delete childEnv['NO_COLOR'];
    Object.assign(childEnv, env);
    execFile('npx', ['--no-install', 'cors-inspector', ...args], { cwd: ROOT, env: childEnv, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      // npm itself may warn about the user's config on stderr; only our own lines count.
      const own = stderr
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('npm warn'))
        .join('\n');
      resolve({ status, stdout, stderr: own });
    });
  });
}

/** `npx cors-inspector ARGS < input`. */
function npxWithInput(args: string[], input: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', 'cors-inspector', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => {
      const own = stderr.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn')).join('\n');
      resolve({ status: status ?? -1, stdout, stderr: own });
    });
    child.stdin.end(input);
  });
}

class Capture extends Writable {
  text = '';
  isTTY?: boolean;
  constructor(tty = false) {
    super();
    if (tty) this.isTTY = true;
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(args: string[], options: { tty?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  const stdout = new Capture(options.tty);
  const stderr = new Capture();
  const status = await main(args, stdout, stderr, options.env ?? {});
  return { status, stdout: stdout.text, stderr: stderr.text };
}

interface JsonExchange {
  url: string;
  method: string;
  verdict: string;
  corsError: string | null;
  failedParameter: string | null;
  preflight: { url: string; status: number | null } | null;
  stack: string | null;
  headline: string;
  consoleMessage: string | null;
  explanation: string;
  serverMustSend: unknown[];
  assumptions: string[];
  alternatives: unknown[];
  checks: unknown[];
  advisories: unknown[];
}

describe('npx cors-inspector explain FILE.har --json', () => {
  it('reports every run as Chromium decided it, one object per request, in the order made', { timeout: 60_000 }, async () => {
    const result = await npx(['explain', 'test/fixtures/public.devtools.har', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as { exchanges: JsonExchange[]; checkSpecs: Record<string, string> };
    // Each check's spec link is on the check or, once per check name, in checkSpecs.
    for (const check of document.exchanges.flatMap((e) => e.checks as { name: string; spec?: string }[])) {
      expect(check.spec ?? document.checkSpecs[check.name]).toMatch(/^https:\/\//);
    }
    // The same-origin probe is left out; the 33 scenario runs remain, in the order they ran.
    expect(document.exchanges.map((e) => new URL(e.url).pathname.split('/')[2])).toEqual(recordedRuns.map((r) => r.id));

    const harOrigin = pageOriginOfHar(exchangesFromHar(readFileSync(RECORDED_HAR, 'utf8')));
    const observedOrigin = pageOriginOfObserved();
    const byScenario = exchangesByScenario(document.exchanges, (e) => e.url);
    for (const { id, run: index, observed } of recordedRuns) {
      const exchange = byScenario.get(id)![index]!;
      expect({
        id,
        verdict: exchange.verdict,
        corsError: exchange.corsError,
        failedParameter: withOriginPlaceholder(exchange.failedParameter, harOrigin),
        preflight: exchange.preflight !== null,
      }).toEqual({
        id,
        verdict: expectedVerdict(observed),
        corsError: observed.corsError,
        failedParameter: withOriginPlaceholder(observed.failedParameter, observedOrigin),
        preflight: observed.preflight,
      });
      expect(typeof exchange.headline).toBe('string');
      expect(exchange.headline).not.toBe('');
      expect(typeof exchange.explanation).toBe('string');
      expect(Array.isArray(exchange.checks) && Array.isArray(exchange.assumptions) && Array.isArray(exchange.alternatives)).toBe(true);
      if (observed.outcome === 'blocked') {
        expect(exchange.consoleMessage).toContain('has been blocked by CORS policy');
        expect(exchange.serverMustSend.length).toBeGreaterThan(0);
      }
    }
    const preflighted = byScenario.get('put-method-not-allowed')![0]!;
    expect(preflighted.preflight).toEqual({ url: preflighted.url, status: 204 });
  });
});

describe('npx cors-inspector explain FILE.har (text)', () => {
  // Changed by issue #8: one block per cause of failure instead of one per request, what passed
  // as a count, then one server configuration per API origin.
  it('lists the failures by cause, what passed as a count, then the server configuration', { timeout: 60_000 }, async () => {
    const result = await npx(['explain', 'test/fixtures/public.devtools.har']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('\x1b[');
    const blocked = recordedRuns.filter((r) => r.observed.outcome === 'blocked').length;
    expect(result.stdout.split('\n')[0]).toContain(`33 cross-origin requests: ${blocked} blocked`);
    const causeLines = result.stdout.split('\n').filter((line) => /^(BLOCKED|NETWORK ERROR|UNCERTAIN)  /.test(line));
    const counted = causeLines.map((line) => Number(/ - (\d+) requests?$/.exec(line)![1]));
    // Every failure is in exactly one cause, the biggest first.
    expect(counted.reduce((a, b) => a + b, 0)).toBe(recordedRuns.filter((r) => r.observed.outcome !== 'allowed').length);
    expect(counted).toEqual([...counted].sort((a, b) => b - a));
    expect(causeLines.length).toBeLessThan(counted.reduce((a, b) => a + b, 0));
    expect(result.stdout).toMatch(/^PASSED  13 allowed, 1 not cors \(not listed\)$/m);
    expect(result.stdout).not.toMatch(/^ALLOWED/m);
    // Each cause carries Chromium's reason, the console message and what to send.
    expect(result.stdout).toContain('MethodDisallowedByPreflightResponse, failedParameter "PUT"');
    expect(result.stdout).toContain("has been blocked by CORS policy");
    expect(result.stdout).toContain('The server must send:');
    expect(result.stdout).toMatch(/^SERVER CONFIGURATION  http:\/\/127\.0\.0\.1:\d+  /m);
    expect(result.stdout).toMatch(/Access-Control-Allow-Methods: GET, HEAD, POST, PUT, DELETE\n/);
  });

  it('a file that is not a HAR: one line on stderr, status 3', { timeout: 60_000 }, async () => {
    const result = await npx(['explain', 'test/fixtures/public.json']);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^cors-inspector explain: test\/fixtures\/public\.json: not a HAR file/);
  });
});

describe('npx cors-inspector explain - (a HAR on standard input)', () => {
  // Session 40: the HAR's one entry unreadable is nothing judged: status 3 (it was 0, and passed --fail-on-blocked).
  it('a header value that is a JSON object: the entry is unreadable, one line, no stack trace, status 3', { timeout: 60_000 }, async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00Z',
            request: { method: 'GET', url: 'http://api.test/x', headers: [{ name: 'Origin', value: 'http://page.test' }] },
            response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: { toString: 'x' } }] },
          },
        ],
      },
    };
    const result = await npxWithInput(['explain', '--fail-on-blocked', '-'], JSON.stringify(har));
    expect(result).toEqual({
      status: 3,
      stdout: '',
      stderr: 'cors-inspector explain: standard input: its one entry could not be read, so nothing was judged (first: entries[0].response.headers[0].value: expected a string, found an object)',
    });
  });
});

describe('main() in-process', () => {
  it('--help and --version', async () => {
    const help = await run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: cors-inspector <command>');
    expect(help.stdout).toContain('explain');
    const version = await run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    // Nothing else, on either stream (the launcher's V8 flags, bin/v8-flags.mjs, print nothing).
    expect(version.stderr).toBe('');
    const commandHelp = await run(['explain', '--help']);
    expect(commandHelp.stdout).toContain('--fail-on-blocked');
  });

  it.each<{ about: string; args: string[]; status: number; message: RegExp }>([
    { about: 'no command', args: [], status: 2, message: /Usage: cors-inspector/ },
    { about: 'an unknown command', args: ['frobnicate'], status: 2, message: /^cors-inspector: unknown command: frobnicate/ },
    { about: 'an unknown option', args: ['explain', '--jsno', 'x.har'], status: 2, message: /^cors-inspector explain: unknown option for explain: --jsno\n$/ },
    { about: 'no file', args: ['explain'], status: 2, message: /^cors-inspector explain: explain needs a HAR file \(or a bundle\): cors-inspector explain FILE\.har, or - to read standard input\n$/ },
    { about: 'two files', args: ['explain', 'a.har', 'b.har'], status: 2, message: /^cors-inspector explain: explain takes one HAR file/ },
    // Input that cannot be read is not bad usage: its own status, 3.
    { about: 'a missing file', args: ['explain', join(FIXTURES, 'does-not-exist.har')], status: 3, message: /^cors-inspector explain: cannot read .*does-not-exist\.har: no such file\n$/ },
    { about: 'a directory', args: ['explain', FIXTURES], status: 3, message: /^cors-inspector explain: cannot read .*: is a directory\n$/ },
  ])('$about → status $status', async ({ args, status, message }) => {
    const result = await run(args);
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(message);
  });

  it('a non-HAR: status 3 with a one-line message', async () => {
    const file = join(scratch, 'notes.txt');
    writeFileSync(file, 'hello\nworld\n');
    const result = await run(['explain', file]);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^cors-inspector explain: .*notes\.txt: not a HAR file: not JSON \([^\n]*\)\n$/);
  });

  it('--fail-on-blocked: 1 when something was blocked, 0 when nothing was', async () => {
    expect((await run(['explain', RECORDED_HAR])).status).toBe(0);
    expect((await run(['explain', '--fail-on-blocked', RECORDED_HAR])).status).toBe(1);
    // Only the allowed entries of the recorded HAR (and no preflights).
    const har = JSON.parse(readFileSync(RECORDED_HAR, 'utf8')) as { log: { entries: { request: { url: string }; response: { _error: string | null } }[] } };
    har.log.entries = har.log.entries.filter((entry) => entry.response._error === null && entry.request.url.includes('acao-star'));
    const file = join(scratch, 'allowed.har');
    writeFileSync(file, JSON.stringify(har));
    const allowed = await run(['explain', '--fail-on-blocked', file]);
    expect(allowed.stdout).toMatch(/^1 cross-origin request: 1 allowed\n/);
    expect(allowed.status).toBe(0);
  });

  it('colours only on a terminal without NO_COLOR', async () => {
    expect((await run(['explain', RECORDED_HAR], { tty: true })).stdout).toContain('\x1b[31m');
    expect((await run(['explain', RECORDED_HAR], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await run(['explain', RECORDED_HAR], { tty: false })).stdout).not.toContain('\x1b[');
  });

  it('strips terminal control sequences that come from the HAR', async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            request: { method: 'GET', url: 'http://api.test/x', headers: [{ name: 'Origin', value: 'http://page.test' }] },
            response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://evil.test\x1b]0;pwned\x07' }], _error: 'net::ERR_FAILED' },
          },
        ],
      },
    };
    const file = join(scratch, 'escape.har');
    writeFileSync(file, JSON.stringify(har));
    const result = await run(['explain', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('BLOCKED');
    expect(result.stdout).not.toMatch(/[\x07\x1b]/);
  });

  it('--json keeps the order the requests were made, not failures first', async () => {
    const result = await run(['explain', '--json', RECORDED_HAR]);
    const urls = (JSON.parse(result.stdout) as { exchanges: JsonExchange[] }).exchanges.map((e) => e.url);
    expect(urls[0]).toContain('/s/simple-get-acao-star/0');
    expect(urls.at(-1)).toContain('/s/preflight-cache-reuse/0');
  });
});
