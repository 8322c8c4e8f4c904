// The generated bash scripts are run with the real curl (by bash, and by zsh for the bodies) against
// a local echo server, and what arrives is compared with what the browser sent, byte for byte.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { diagnose, type HeaderLine, type ObservedExchange, explain } from '../cors/index.ts';
import { curlScript } from './curl.ts';
import { curlPair } from './curl-requests.ts';
import { BASH_SCRIPT_LINE } from './testing-curl.ts';
import { HAVE_ZSH, ZSH_NOTE } from './testing-curl-shells.ts';

interface Arrival {
  method: string;
  url: string;
  headers: HeaderLine[];
  body: string;
  bodyBytes: Buffer;
}

let server: Server;
let base: string;
const arrivals: Arrival[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: HeaderLine[] = [];
      // Node hands header bytes over as latin1; the script sent UTF-8, so read the bytes back as UTF-8.
      const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, utf8(req.rawHeaders[i + 1]!)]);
      const bodyBytes = Buffer.concat(chunks);
      arrivals.push({ method: req.method ?? '', url: req.url ?? '', headers, body: bodyBytes.toString('utf8'), bodyBytes });
      // Answer like a server with a CORS problem: a preflight without Allow-Methods.
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { 'Access-Control-Allow-Origin': 'http://127.0.0.1:5173' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function runShell(shell: 'bash' | 'zsh', script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(shell, shell === 'zsh' ? ['-f', '-s'] : ['-s'], { timeout: 20_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(script);
  });
}

const hostileValue = `a'b"c $(touch /tmp/cors-inspector-pwned) \`id\` !! ; & | < > \\ ünï ✓ ${'x'.repeat(300)}`;
const hostileBody = `{"q": "it's $(rm -rf /) \`id\` !!",\n"line2": "tab\there\\\\n",\r\n"ü": "✓"}`;

function exchange(path: string, headers: HeaderLine[], body?: string, preflightHeaders?: HeaderLine[]): ObservedExchange {
  const url = `${base}${path}`;
  return {
    request: { method: 'PUT', headers, ...(body !== undefined ? { body } : {}) },
    hops: [
      {
        url,
        ...(preflightHeaders
          ? {
              preflight: {
                url,
                requestHeaders: preflightHeaders,
                response: { status: 204, headers: [['Access-Control-Allow-Origin', 'http://127.0.0.1:5173']] },
              },
            }
          : {}),
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

async function reproduce(observed: ObservedExchange, includeSecrets: boolean): Promise<{ script: string; arrived: Arrival[]; stdout: string }> {
  const diagnosis = diagnose(observed);
  const pair = curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets });
  const script = curlScript('bash', pair, { title: 'test' });
  arrivals.length = 0;
  const stdout = await runShell('bash', script);
  return { script, arrived: arrivals.slice(), stdout };
}

const withoutCurlManaged = (headers: HeaderLine[]): HeaderLine[] =>
  headers.filter(([name]) => !['host', 'content-length', 'connection'].includes(name.toLowerCase()));

describe('curl reproduction in bash', () => {
  it('sends the observed preflight and request byte for byte, hostile values included', async () => {
    const requestHeaders: HeaderLine[] = [
      ['Accept', '*/*'],
      ['Origin', 'http://127.0.0.1:5173'],
      ['X-Trace', hostileValue],
      ['Content-Type', 'text/plain;charset=UTF-8'],
      ['X-Empty', ''],
    ];
    const preflightHeaders: HeaderLine[] = [
      ['Accept', '*/*'],
      ['Access-Control-Request-Method', 'PUT'],
      ['Access-Control-Request-Headers', 'x-empty,x-trace'],
      ['Origin', 'http://127.0.0.1:5173'],
      ['User-Agent', 'Mozilla/5.0 (test)'],
    ];
    // As a browser puts it on the wire (and in a HAR): non-ASCII already percent-encoded.
    const path = `/s/it's/$(id)?q=a%20b&x=[1]&%C3%BC=%E2%9C%93`;
    const { arrived, script } = await reproduce(exchange(path, requestHeaders, hostileBody, preflightHeaders), false);
    expect(arrived).toHaveLength(2);
    const [preflight, actual] = arrived as [Arrival, Arrival];
    expect(preflight.method).toBe('OPTIONS');
    expect(preflight.url).toBe(path);
    expect(withoutCurlManaged(preflight.headers)).toEqual(preflightHeaders);
    expect(actual.method).toBe('PUT');
    expect(actual.url).toBe(path);
    expect(withoutCurlManaged(actual.headers)).toEqual(requestHeaders);
    expect(actual.body).toBe(hostileBody);
    expect(script).toContain('# Expected in the response: Access-Control-Allow-Methods: GET, HEAD, POST, PUT');
    // A runnable script: every line is a comment, blank, a curl command or its continuation ...
    for (const line of script.split('\n')) expect(line).toMatch(BASH_SCRIPT_LINE);
    // ... and nothing hidden in the values ran.
    expect(existsSync('/tmp/cors-inspector-pwned')).toBe(false);
  });

  it('sends the URL as the browser requested it: brackets kept, dot segments resolved', async () => {
    const { arrived } = await reproduce(exchange(`/s/odd/../$(id)/it's?q=a%20b&x=[1]&y={2}`, [['Origin', 'http://127.0.0.1:5173']]), false);
    expect(arrived.at(-1)?.url).toBe(`/s/$(id)/it's?q=a%20b&x=[1]&y={2}`);
  });

  it('goes to the host the browser went to, where curl would read the captured URL otherwise', async () => {
    // `http://127.0.0.1:PORT\@127.0.0.2:OTHER/x` is host 127.0.0.1 to the browser (`\` is `/`) and,
    // read by curl as written, host 127.0.0.2 with a user name sent as Authorization.
    const other = createServer((req, res) => {
      otherArrivals.push(req.url ?? '');
      res.end('other');
    });
    const otherArrivals: string[] = [];
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.2', resolve));
    try {
      const otherPort = (other.address() as AddressInfo).port;
      const observed = exchange('/s/x', [['Origin', 'http://127.0.0.1:5173']]);
      observed.hops[0]!.url = `${base}\\@127.0.0.2:${otherPort}/s/x`;
      const { arrived, script } = await reproduce(observed, false);
      expect(otherArrivals).toEqual([]);
      expect(arrived.at(-1)?.url).toBe(`/@127.0.0.2:${otherPort}/s/x`);
      expect(arrived.at(-1)?.headers.map(([name]) => name.toLowerCase())).not.toContain('authorization');
      expect(script).not.toContain('\\@');
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('rebuilds the preflight when none was captured', async () => {
    const { arrived, script } = await reproduce(exchange('/s/rebuilt', [['Origin', 'http://127.0.0.1:5173'], ['X-Trace', '1']]), false);
    expect(script).toContain('would send');
    const preflight = arrived[0]!;
    expect(preflight.method).toBe('OPTIONS');
    expect(preflight.headers).toContainEqual(['Access-Control-Request-Method', 'PUT']);
    expect(preflight.headers).toContainEqual(['Access-Control-Request-Headers', 'x-trace']);
    expect(preflight.headers).toContainEqual(['Origin', 'http://127.0.0.1:5173']);
  });

  it('frames the body once, as curl does: a captured Transfer-Encoding is not sent beside its Content-Length', async () => {
    // A hand-made HAR's `Transfer-Encoding: gzip` (no browser sends one: it is a forbidden request
    // header) sent beside curl's own Content-Length gives the server two framings of one body, the
    // ambiguity request smuggling is made of; Node's parser refuses such a request outright.
    const headers: HeaderLine[] = [
      ['Origin', 'http://127.0.0.1:5173'],
      ['Content-Type', 'text/plain'],
      ['Transfer-Encoding', 'gzip'],
    ];
    const { arrived, script } = await reproduce(exchange('/s/framing', headers, 'hello'), true);
    const actual = arrived.at(-1)!;
    expect(actual.method).toBe('PUT');
    expect(actual.headers.map(([name]) => name.toLowerCase())).not.toContain('transfer-encoding');
    expect(actual.body).toBe('hello');
    expect(script).not.toMatch(/transfer-encoding/i);
  });

  it('does not send the forbidden request headers that would change the exchange: Expect, TE, Upgrade, Keep-Alive', async () => {
    // No browser sends these (forbidden request-header names); a hand-made HAR's `Expect: 100-continue`
    // would make curl wait for a 100 before sending the body.
    const headers: HeaderLine[] = [
      ['Origin', 'http://127.0.0.1:5173'],
      ['Content-Type', 'text/plain'],
      ['Expect', '100-continue'],
      ['TE', 'gzip'],
      ['Upgrade', 'h2c'],
      ['Keep-Alive', 'timeout=5'],
    ];
    const { arrived, script } = await reproduce(exchange('/s/expect', headers, 'hello'), true);
    const actual = arrived.at(-1)!;
    expect(actual.method).toBe('PUT');
    const names = actual.headers.map(([name]) => name.toLowerCase());
    for (const name of ['expect', 'te', 'upgrade', 'keep-alive']) expect(names).not.toContain(name);
    expect(actual.headers).toContainEqual(['Origin', 'http://127.0.0.1:5173']);
    expect(actual.body).toBe('hello');
    // Named in the script's notes (curl-requests.ts), their captured values are not.
    expect(script).not.toMatch(/100-continue|timeout=5|h2c/i);
    for (const name of ['Expect', 'TE', 'Upgrade', 'Keep-Alive']) expect(script).toContain(`The captured ${name} header is left out`);
  });

  it('redacts secrets by default and sends them only when asked', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJl';
    const headers: HeaderLine[] = [
      ['Origin', 'http://127.0.0.1:5173'],
      ['Cookie', 'sid=canary-session'],
      ['Authorization', `Bearer ${jwt}`],
      ['X-API-Key', 'canary-key'],
    ];
    const path = '/s/secret?api_key=canary-query&page=1';
    const redacted = await reproduce(exchange(path, headers), false);
    for (const canary of ['canary-session', jwt, 'canary-key', 'canary-query']) {
      expect(redacted.script).not.toContain(canary);
      expect(JSON.stringify(redacted.arrived)).not.toContain(canary);
    }
    expect(redacted.script).toContain('REDACTED-COOKIE');

    const included = await reproduce(exchange(path, headers), true);
    const actual = included.arrived.at(-1)!;
    expect(withoutCurlManaged(actual.headers)).toEqual(headers);
    expect(actual.url).toBe(path);
  });

  it("after a redirect to another origin, sends neither the first server's cookies nor its Authorization", async () => {
    // The page's PUT went to 127.0.0.1 with a Cookie and a token, was redirected to localhost (another
    // origin, same server here), and was blocked there. The browser sent localhost its own cookies
    // (not captured) and, the redirect being cross-origin, no Authorization.
    const otherOrigin = base.replace('127.0.0.1', 'localhost');
    const observed: ObservedExchange = {
      request: {
        method: 'PUT',
        headers: [
          ['Origin', 'http://127.0.0.1:5173'],
          ['Cookie', 'session=FIRST-SERVER-SESSION'],
          ['Authorization', 'Bearer FIRST-SERVER-TOKEN'],
          ['Content-Type', 'text/plain'],
        ],
        body: 'b',
      },
      hops: [
        {
          url: `${base}/s/first`,
          preflight: {
            url: `${base}/s/first`,
            requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'authorization,content-type'], ['Origin', 'http://127.0.0.1:5173']],
            response: {
              status: 204,
              headers: [
                ['Access-Control-Allow-Origin', 'http://127.0.0.1:5173'],
                ['Access-Control-Allow-Credentials', 'true'],
                ['Access-Control-Allow-Methods', 'PUT'],
                ['Access-Control-Allow-Headers', 'authorization,content-type'],
              ],
            },
          },
          response: { status: 307, headers: [['Location', `${otherOrigin}/s/after`], ['Access-Control-Allow-Origin', 'http://127.0.0.1:5173'], ['Access-Control-Allow-Credentials', 'true']] },
        },
        { url: `${otherOrigin}/s/after`, response: { status: 200, headers: [] } },
      ],
      errorText: 'net::ERR_FAILED',
    };
    expect(diagnose(observed).failedAt?.hop).toBe(1);
    const { arrived, script } = await reproduce(observed, true);
    const sent = JSON.stringify(arrived);
    expect(sent).not.toContain('FIRST-SERVER-SESSION');
    expect(sent).not.toContain('FIRST-SERVER-TOKEN');
    expect(script).not.toContain('FIRST-SERVER');
    const [preflight, actual] = arrived as [Arrival, Arrival];
    expect(preflight.method).toBe('OPTIONS');
    // The rebuilt preflight asks for no header the request no longer carries.
    expect(preflight.headers.find(([name]) => name === 'Access-Control-Request-Headers')).toBeUndefined();
    expect(actual.method).toBe('PUT');
    expect(actual.url).toBe('/s/after');
    expect(withoutCurlManaged(actual.headers)).toEqual([
      ['Origin', 'null'],
      ['Content-Type', 'text/plain'],
    ]);
    expect(script).toContain(`the cookies it holds for ${otherOrigin}`);
  });

  it('says so when the request was never sent and the capture knows only the names its preflight listed', async () => {
    // As web-request.ts maps a request whose preflight failed: the preflight's Origin, and the names
    // it listed with empty values.
    const names: HeaderLine[] = [['Origin', 'http://127.0.0.1:5173'], ['x-trace-id', '']];
    const failedPreflight = (headers: HeaderLine[]): ObservedExchange => {
      const observed = exchange('/s/never', headers, undefined, [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-trace-id'], ['Origin', 'http://127.0.0.1:5173']]);
      observed.hops[0]!.preflight!.response = { status: 204, headers: [['Access-Control-Allow-Origin', 'http://127.0.0.1:5173'], ['Access-Control-Allow-Methods', 'PUT']] };
      return observed;
    };
    const note = 'The browser never sent this request (its preflight failed)';
    expect(diagnose(failedPreflight(names)).failedAt?.phase).toBe('preflight');
    expect((await reproduce(failedPreflight(names), false)).script).toContain(note);
    // A capture that holds the values (a HAR): no such note.
    expect((await reproduce(failedPreflight([['Origin', 'http://127.0.0.1:5173'], ['X-Trace-Id', 'demo-1']]), false)).script).not.toContain(note);
  });

  it('prints the response headers so the CORS header is visible', async () => {
    const { stdout } = await reproduce(exchange('/s/print', [['Origin', 'http://127.0.0.1:5173']]), false);
    expect(stdout).toMatch(/access-control-allow-origin: http:\/\/127\.0\.0\.1:5173/i);
  });
});

describe(`the request body on the wire${ZSH_NOTE}`, () => {
  const canaryFile = join(mkdtempSync(join(tmpdir(), 'cors-curl-canary-')), 'canary.txt');
  writeFileSync(canaryFile, 'CANARY-FILE-CONTENT-d41d8cd9');
  const bodies: [string, string][] = [
    ['line breaks', 'a\nb\nc'],
    ['a trailing newline', 'a=1\n'],
    ['only newlines', '\n\n'],
    ['CRLF', 'a=1\r\nb=2\r\n'],
    ['a file name after @', `@${canaryFile}`],
    ['@- (standard input)', '@-'],
    ['unicode', '{"ü": "✓ 😀", "bidi": "\u202e"}'],
    ['control characters', 'esc \x1b]52;c;aGk=\x07 del \x7f c1 \x85'],
    ['quotes and expansions', `it's "$(touch /tmp/cors-inspector-pwned)" \`id\` !! %PATH% ^`],
    ['NUL bytes (from printf on standard input)', '\0a\0\0b\0'],
    ['a line that a here-document would end at', 'x\nEOF\nCORS_BODY\n'],
    ['over 64 KiB (from printf on standard input)', `${'0123456789abcdef'.repeat(5000)}\n`],
    ['empty', ''],
  ];
  const shells = (['bash', 'zsh'] as const).filter((shell) => shell === 'bash' || HAVE_ZSH);

  describe.each(shells)('%s', (shell) => {
    it.each(bodies)('%s: curl sends exactly the captured text', async (_about, body) => {
      const observed = exchange('/s/body', [['Origin', 'http://127.0.0.1:5173'], ['Content-Type', 'text/plain']], body);
      const diagnosis = diagnose(observed);
      const script = curlScript('bash', curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets: true }), { title: 'body' });
      arrivals.length = 0;
      await runShell(shell, script);
      const actual = arrivals.at(-1)!;
      expect(actual.method).toBe('PUT');
      expect(actual.bodyBytes.equals(Buffer.from(body, 'utf8'))).toBe(true);
      expect(actual.body).not.toContain('CANARY-FILE-CONTENT');
      expect(existsSync('/tmp/cors-inspector-pwned')).toBe(false);
    });
  });
});

describe('a HAR entry with postData, replayed', () => {
  it('sends the recorded body byte for byte', async () => {
    const body = '{"note": "line 1\nline 2\r\n", "at": "@/etc/passwd"}\n';
    const url = `${base}/s/har-body`;
    const entry = (method: string, isPreflight: boolean, headers: [string, string][], postData?: unknown) => ({
      ...(isPreflight ? { _resourceType: 'preflight', _initiator: { type: 'preflight', url, requestId: '7.1' } } : { _resourceType: 'fetch', _initiator: { type: 'script' } }),
      startedDateTime: isPreflight ? '2026-01-01T00:00:00.000Z' : '2026-01-01T00:00:00.010Z',
      time: 1,
      request: { method, url, headers: headers.map(([name, value]) => ({ name, value })), ...(postData ? { postData, bodySize: -1 } : { bodySize: 0 }) },
      response: { status: isPreflight ? 204 : 0, headers: [], redirectURL: '', _error: isPreflight ? null : 'net::ERR_FAILED' },
    });
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'test' },
        entries: [
          entry('OPTIONS', true, [['Origin', 'http://127.0.0.1:5173'], ['Access-Control-Request-Method', 'PUT']]),
          entry('PUT', false, [['Origin', 'http://127.0.0.1:5173'], ['Content-Type', 'application/json']], { mimeType: 'application/json', text: body }),
        ],
      },
    };
    const [observed] = exchangesFromHar(har);
    const diagnosis = diagnose(observed!);
    const script = curlScript('bash', curlPair(observed!, diagnosis, explain(diagnosis, observed!), { includeSecrets: false }), { title: 'har' });
    arrivals.length = 0;
    await runShell('bash', script);
    const actual = arrivals.find((arrival) => arrival.method === 'PUT')!;
    expect(actual.bodyBytes.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(actual.headers).toContainEqual(['Content-Type', 'application/json']);
  });
});
