// A 3xx the browser did not follow (its own CORS check failed, so no next hop) whose HAR entry names
// its target in `redirectURL` only, with no Location line (a tool that left headers out). The
// capture carries the target to the engine as the response's location URL: `explain` then words it
// as the redirect it was, as it does with a Location line, and its fixes go on the redirect, not on
// "the response". A share bundle keeps it (redacted as a Location would be), and reads back the same.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

function har(target: string, withLocation: boolean, allowOrigin = false): string {
  const headers = [{ name: 'Content-Length', value: '0' }];
  if (withLocation) headers.push({ name: 'Location', value: target });
  if (allowOrigin) headers.push({ name: 'Access-Control-Allow-Origin', value: 'https://app.example' });
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: [
        {
          startedDateTime: '2026-01-01T00:00:00.000Z',
          time: 5,
          _resourceType: 'fetch',
          request: { method: 'GET', url: 'https://api.example/start', httpVersion: 'HTTP/1.1', headers: [{ name: 'Origin', value: 'https://app.example' }, { name: 'Sec-Fetch-Mode', value: 'cors' }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
          response: { status: 302, statusText: 'Found', httpVersion: 'HTTP/1.1', headers, cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: target, headersSize: -1, bodySize: 0, _error: 'net::ERR_FAILED' },
          cache: {},
          timings: { send: 0, wait: 5, receive: 0 },
        },
      ],
    },
  });
}

async function run(args: string[], input: string): Promise<string> {
  const out = new Collected();
  const err = new Collected();
  const status = await main([...args], out, err, {}, Readable.from([Buffer.from(input)]));
  // `share` says on standard error what it wrote; nothing else has anything to say there.
  expect(err.text).toMatch(args[0] === 'share' ? /^cors-inspector share: wrote 1 request to / : /^$/);
  expect(status).toBe(0);
  return out.text;
}

const NEXT = 'https://api.example/next';

describe('a redirect recorded with redirectURL and no Location', () => {
  it('is explained as the redirect, as with a Location line: the header goes on the redirect', async () => {
    const text = await run(['explain', '-'], har(NEXT, false));
    expect(text).toContain('the server answered 302 (a\n  redirect) without Access-Control-Allow-Origin');
    expect(text).toContain('Access-Control-Allow-Origin: https://app.example  (on the redirect)');
    expect(text).toContain('# On the redirect response:');
    expect(text).not.toContain('(on the response)');
    expect(text).toBe(await run(['explain', '-'], har(NEXT, true)));
  });

  it('keeps its target through a share bundle, which explains the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-location-url-'));
    const bundle = join(dir, 'bundle.json');
    const input = har(NEXT, false);
    await run(['share', '-', '--out', bundle], input);
    const written = readFileSync(bundle, 'utf8');
    expect(written).toContain(`"locationUrl": "${NEXT}"`);
    expect(await run(['explain', '-'], written)).toBe(await run(['explain', '-'], input));
  });

  it("masks a secret in the target as a Location's: in explain's words and in the bundle", async () => {
    // Credentials in the target: the browser refuses the redirect, and the words quote where it led.
    const target = 'https://ana:pw@api2.example/cb?code=code_locationsecret2';
    const input = har(target, false, true);
    const text = await run(['explain', '-'], input);
    expect(text).toContain('RedirectContainsCredentials');
    expect(text).toContain('api2.example/cb');
    expect(text).not.toMatch(/code_locationsecret2|:pw@/);
    const dir = mkdtempSync(join(tmpdir(), 'cors-location-url-'));
    const bundle = join(dir, 'bundle.json');
    await run(['share', '-', '--out', bundle], input);
    const written = readFileSync(bundle, 'utf8');
    expect(written).toContain('"locationUrl": "https://REDACTED-AUTHORIZATION@api2.example/cb?code=REDACTED-QUERY-SECRET"');
    expect(await run(['explain', '-'], written)).toContain('RedirectContainsCredentials');
    expect(written).not.toMatch(/code_locationsecret2|:pw@/);
  });
});

// One spelling per idea: a hop past a redirect is "after redirect N" in the CLI's must-send lines and
// in the Markdown report, as in the fix snippets; never "hop N".
describe('a hop after a redirect, in the words of the fix snippets', () => {
  const entry = (url: string, status: number, headers: { name: string; value: string }[], at: string, redirectURL = '', error?: string) => ({
    startedDateTime: at,
    time: 5,
    _resourceType: 'fetch',
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [{ name: 'Origin', value: 'https://app.example' }, { name: 'Sec-Fetch-Mode', value: 'cors' }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers, cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL, headersSize: -1, bodySize: 0, ...(error ? { _error: error } : {}) },
    cache: {},
    timings: { send: 0, wait: 5, receive: 0 },
  });
  const redirected = JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: [
        entry('https://api.example/start', 302, [{ name: 'Location', value: NEXT }, { name: 'Access-Control-Allow-Origin', value: 'https://app.example' }], '2026-01-01T00:00:00.000Z', NEXT),
        entry(NEXT, 200, [], '2026-01-01T00:00:00.010Z', '', 'net::ERR_FAILED'),
      ],
    },
  });

  it('explain: "(on the response after redirect 1)"', async () => {
    const text = await run(['explain', '-'], redirected);
    expect(text).toContain('Access-Control-Allow-Origin: https://app.example  (on the response after redirect 1)');
    expect(text).toContain('# On the actual response after redirect 1:');
    expect(text).not.toMatch(/, hop \d/);
  });

  it('report: "on the actual response after redirect 1", the wire by redirect', async () => {
    const text = await run(['report', '-'], redirected);
    expect(text).toContain('- on the actual response after redirect 1: `Access-Control-Allow-Origin: https://app.example`');
    expect(text).toContain('# Request sent after redirect 1');
    expect(text).not.toMatch(/\(hop \d\)/);
  });
});
