// `probe`'s arguments: each mistake a usage error (status 2) on one line, before anything is sent.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT } from './command.ts';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

async function probe(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await main(['probe', ...args], out, err, {}, Readable.from([]));
  return { status, out: out.text, err: err.text };
}

// Port 9 (discard) on a documentation address: never reached, every case fails before sending.
const URL = 'http://192.0.2.1:9/api';

describe('probe arguments', () => {
  it.each<{ args: string[]; message: string }>([
    { args: ['--origin', 'https://a.example'], message: 'probe needs a URL' },
    { args: [URL, URL, '--origin', 'https://a.example'], message: 'probe takes one URL, got 2' },
    { args: [URL], message: "probe needs --origin ORIGIN (the page's origin, e.g. https://app.example.com)" },
    { args: ['ftp://x.example/', '--origin', 'https://a.example'], message: '"ftp://x.example/": probe sends only to http(s) URLs' },
    { args: ['/api', '--origin', 'https://a.example'], message: '"/api" is not a URL (http://host/path or https://host/path)' },
    { args: ['http://u:p@x.example/', '--origin', 'https://a.example'], message: 'the URL carries a user name or password: browsers refuse such URLs in fetch(), leave them out' },
    { args: [URL, '--origin', 'https://a.example/'], message: '--origin: "https://a.example/" is not an origin as the browser sends it: did you mean https://a.example?' },
    { args: [URL, '--origin', 'https://a$b.example'], message: '--origin: "https://a$b.example" is not an origin the engine can judge: its host must be letters, digits, "-", "_" and ".", or an IP address' },
    { args: [URL, '--origin', 'https://a.example\nx'], message: '--origin: "https://a.example\\nx" holds a line break or tab: give the origin alone, on one line' },
    { args: ['https://a.example/api', '--origin', 'https://a.example'], message: 'https://a.example/api is on https://a.example itself: a same-origin request is no CORS request, there is nothing to probe' },
    { args: [URL, '--origin', 'https://a.example', '--method', 'TRACE'], message: '--method TRACE: browsers never let a page send it' },
    { args: [URL, '--origin', 'https://a.example', '--method', 'OPTIONS'], message: '--method OPTIONS: name the method of the request the page makes; probe sends the preflight itself' },
    { args: [URL, '--origin', 'https://a.example', '--method', 'GE T'], message: '--method "GE T" is not an HTTP method (a token)' },
    { args: [URL, '--origin', 'https://a.example', '--header', 'Cookie: a=b'], message: '--header Cookie: the browser sets it itself, a page cannot (a forbidden request header)' },
    { args: [URL, '--origin', 'https://a.example', '--header', 'Origin: https://b.example'], message: '--header Origin: the browser sets it itself, a page cannot (a forbidden request header)' },
    { args: [URL, '--origin', 'https://a.example', '--header', 'X-A', '--header', 'x-a: 2'], message: '--header x-a given twice' },
    { args: [URL, '--origin', 'https://a.example', '--header', 'X A: 1'], message: '--header starting "X": not NAME or "NAME: VALUE" with NAME a token (the rest is not shown: it may hold a secret)' },
    // What is repeated of it is shown, never obeyed: a bidi override and a one-byte CSI as escapes.
    { args: [URL, '--origin', 'https://a.example', '--header', 'X\u202eA\u009b2J Bearer s3cret'], message: '--header starting "X\\u202eA\\x9b2J": not NAME or "NAME: VALUE" with NAME a token (the rest is not shown: it may hold a secret)' },
    // Node's http refuses such a value: it ended the probe with an internal error once it had started sending.
    { args: [URL, '--origin', 'https://a.example', '--header', 'X-A: a\u0001b'], message: '--header X-A: the value holds a control character or a character beyond Latin-1, which an HTTP header cannot carry' },
    { args: [URL, '--origin', 'https://a.example', '--header', 'X-A: a\u202eb'], message: '--header X-A: the value holds a control character or a character beyond Latin-1, which an HTTP header cannot carry' },
    { args: [URL, '--origin', 'https://a.example', '--expect', 'maybe'], message: '--expect "maybe": use allowed or blocked' },
    { args: [URL, '--origin', 'https://a.example', '--expect', 'a\x1b[2J'], message: '--expect "a\\x1b[2J": use allowed or blocked' },
    { args: [URL, '--origin', 'https://a.example', '--browser', 'safari'], message: '--browser must be chromium or firefox, not "safari"' },
    { args: [URL, '--origin', 'https://a.example', '--timeout', '0'], message: '--timeout "0": seconds, more than 0 and at most 300' },
  ])('$message', async ({ args, message }) => {
    expect(await probe(args)).toEqual({ status: EXIT.usage, out: '', err: `cors-inspector probe: ${message}\n` });
  });

  it('--header given more than once keeps each, in order (--dry-run)', async () => {
    const { status, out } = await probe([URL, '--origin', 'https://a.example', '--header', 'X-B: 2', '--header', 'X-A', '--dry-run']);
    expect(status).toBe(EXIT.ok);
    // A value given is printed as a placeholder (`probe-secrets.ts`); a bare name's is not given.
    expect(out).toContain("-H 'X-B: REDACTED-SECRET' \\\n  -H 'X-A: probe'");
    expect(out).toContain("-H 'Access-Control-Request-Headers: x-a,x-b'");
  });

  it('--origin null: what the browser sends after a cross-origin redirect; only that origin is planned (no host to craft others from)', async () => {
    const { status, out, err } = await probe([URL, '--origin', 'null', '--json', '--dry-run']);
    expect({ status, err }).toEqual({ status: EXIT.ok, err: '' });
    const document = JSON.parse(out) as { requests: { origin: string; role: string; headers: [string, string][] }[] };
    expect(document.requests.map(({ origin, role }) => [origin, role])).toEqual([['null', 'request']]);
    expect(document.requests[0]!.headers).toContainEqual(['Origin', 'null']);
  });

  it('--json --dry-run: the planned requests as one JSON document, nothing sent', async () => {
    const { status, out, err } = await probe([URL, '--origin', 'https://a.example', '--method', 'PUT', '--header', 'X-A: 1', '--json', '--dry-run']);
    expect({ status, err }).toEqual({ status: EXIT.ok, err: '' });
    const document = JSON.parse(out) as { dryRun: boolean; requestsPlanned: number; requests: { origin: string; tests: string | null; role: string; method: string; headers: [string, string][]; onlyIfPreflightPasses: boolean }[] };
    expect(document.dryRun).toBe(true);
    expect(document.requests).toHaveLength(document.requestsPlanned);
    // The named origin's preflight, its PUT only if that passes, then one preflight per crafted origin.
    expect(document.requests.slice(0, 2).map(({ origin, role, method, onlyIfPreflightPasses }) => [origin, role, method, onlyIfPreflightPasses])).toEqual([
      ['https://a.example', 'preflight', 'OPTIONS', false],
      ['https://a.example', 'request', 'PUT', true],
    ]);
    expect(document.requests[1]!.headers).toContainEqual(['X-A', 'REDACTED-SECRET']);
    expect(document.requests.slice(2).every(({ role, tests }) => role === 'preflight' && tests !== null)).toBe(true);
    expect(document.requests[2]!.headers).toContainEqual(['Access-Control-Request-Headers', 'x-a']);
  });

  it('--browser firefox: the plan follows Firefox\'s safelist (Save-Data is preflighted there, not in Chromium)', async () => {
    const planned = async (browser: string): Promise<{ browser: string; requests: { role: string; headers: [string, string][] }[] }> => {
      const { status, out } = await probe([URL, '--origin', 'https://a.example', '--header', 'Save-Data: on', '--browser', browser, '--json', '--dry-run']);
      expect(status).toBe(EXIT.ok);
      return JSON.parse(out);
    };
    const chromium = await planned('chromium');
    expect(chromium.browser).toBe('chromium');
    expect(chromium.requests.map(({ role }) => role).every((role) => role === 'request')).toBe(true);
    const firefox = await planned('firefox');
    expect(firefox.browser).toBe('firefox');
    expect(firefox.requests.map(({ role }) => role).slice(0, 3)).toEqual(['preflight', 'request', 'preflight']);
    expect(firefox.requests[0]!.headers).toContainEqual(['Access-Control-Request-Headers', 'save-data']);
  });
});
