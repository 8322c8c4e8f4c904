// A 304 Not Modified to a cross-origin GET is no redirect, and what Chromium checks on it depends on
// who made the request conditional (src/cors/stored-response.ts):
// - the browser, revalidating its cached copy (the 200 said `Cache-Control: no-cache`, with an ETag):
//   the CORS check reads the cached 200 updated with the 304's headers, so a 304 without
//   Access-Control-Allow-Origin passes on the cached one, and one with another origin's value fails;
// - the page, setting If-None-Match itself (a preflighted header): no cached copy is used, and the
//   304 is checked as it came.
// The engine reads the HAR of each and must agree with Chromium. Then real nginx: `add_header`
// without `always` covers a 304 (https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header
// lists it), so the 304s it sends for a static file keep the header in both cases.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx } from '../servers/nginx.ts';
import { openPageSite, type PageRequest, type PageSite, replayAll, type Replayed, wireResponses } from './browser.ts';
import { type ExplainedExchange, explainJson } from './engine.ts';

const ETAG = '"v1"';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

interface Words {
  explanation: string;
  headline: string;
  serverMustSend: { on: string; header: string; value: string }[];
}

/**
 * An API whose 200 carries the page's origin, an ETag and `Cache-Control: no-cache` (every use
 * revalidates), and `ok`, and whose answer to a matching If-None-Match is a 304 with `notModified`'s headers.
 */
async function withApi<T>(notModified: Record<string, string>, body: (api: string) => Promise<T>, ok: Record<string, string> = {}): Promise<T> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-origin': site.origin, 'access-control-allow-headers': 'if-none-match' }).end();
    } else if (request.headers['if-none-match'] === ETAG) {
      response.writeHead(304, { etag: ETAG, 'cache-control': 'no-cache', ...notModified }).end();
    } else {
      response.writeHead(200, { 'access-control-allow-origin': site.origin, etag: ETAG, 'cache-control': 'no-cache', 'content-type': 'application/json', ...ok }).end('{"items":[]}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The page's requests in one browser context (one cache), each with Chromium's verdict and the engine's reading of the HAR. */
async function run(requests: PageRequest[]): Promise<{ replayed: Replayed; explained: ExplainedExchange & Words }[]> {
  const { har, replayed } = await replayAll(site.browser, `${site.origin}/`, requests);
  const json = explainJson(har);
  // One entry per request, in order: the same URL is asked for more than once.
  const exchanges = json.exchanges as (ExplainedExchange & Words)[];
  expect(exchanges).toHaveLength(requests.length);
  return replayed.map((r, i) => ({ replayed: r, explained: exchanges[i]! }));
}

describe("the browser's revalidation answered 304", () => {
  it('without Access-Control-Allow-Origin: Chromium passes it on the cached 200; the engine says allowed', async () => {
    await withApi({}, async (api) => {
      const [first, second] = await run([{ url: `${api}/api/items` }, { url: `${api}/api/items` }]);
      expect(first!.replayed.run).toMatchObject({ outcome: 'allowed', status: 200 });
      // The wire: a 304 without the header, to a request with the browser's If-None-Match.
      const wire = wireResponses(second!.replayed).response!;
      expect(wire.status).toBe(304);
      expect(wire.headers.map(([n]) => n.toLowerCase())).not.toContain('access-control-allow-origin');
      // The page got the cached 200.
      expect(second!.replayed.run).toMatchObject({ outcome: 'allowed', corsError: null, preflight: false, status: 200 });
      // The HAR shows the 304 as it came.
      expect(second!.explained).toMatchObject({ verdict: 'allowed', corsError: null, hops: [{ status: 304 }] });
      expect(second!.explained.explanation).toContain("answered 304 Not Modified to the browser's revalidation of its cached copy, without Access-Control-Allow-Origin");
    });
  });

  it("with another origin's Access-Control-Allow-Origin: it replaces the cached one; Chromium and the engine block", async () => {
    await withApi({ 'access-control-allow-origin': 'http://example.com' }, async (api) => {
      const [, second] = await run([{ url: `${api}/api/items` }, { url: `${api}/api/items` }]);
      expect(second!.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'AllowOriginMismatch', failedParameter: 'http://example.com' });
      expect(second!.explained).toMatchObject({ verdict: 'blocked', corsError: 'AllowOriginMismatch', failedParameter: 'http://example.com' });
    });
  });
});

describe("the browser's revalidation with credentials (the page's cookie goes out) answered 304", () => {
  const withCookie: PageRequest['init'] = { credentials: 'include' };
  const allowCredentials = { 'access-control-allow-credentials': 'true' };

  it('with Access-Control-Allow-Origin but without Allow-Credentials: the cached one passes', async () => {
    await withApi({ 'access-control-allow-origin': site.origin }, async (api) => {
      const [, second] = await run([{ url: `${api}/api/items`, init: withCookie }, { url: `${api}/api/items`, init: withCookie }]);
      expect(wireResponses(second!.replayed).response!.status).toBe(304);
      expect(second!.replayed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
      expect(second!.explained).toMatchObject({ verdict: 'allowed', corsError: null });
    }, allowCredentials);
  });

  it('with Access-Control-Allow-Credentials: false: it replaces the cached true; Chromium and the engine block', async () => {
    await withApi({ 'access-control-allow-origin': site.origin, 'access-control-allow-credentials': 'false' }, async (api) => {
      const [, second] = await run([{ url: `${api}/api/items`, init: withCookie }, { url: `${api}/api/items`, init: withCookie }]);
      expect(second!.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'InvalidAllowCredentials', failedParameter: 'false' });
      expect(second!.explained).toMatchObject({ verdict: 'blocked', corsError: 'InvalidAllowCredentials', failedParameter: 'false' });
    }, allowCredentials);
  });
});

describe('the page setting If-None-Match itself, answered 304', () => {
  it('without Access-Control-Allow-Origin: no cached copy is used, Chromium blocks the 304; the engine names it, not a redirect', async () => {
    await withApi({}, async (api) => {
      const [, second] = await run([{ url: `${api}/api/items` }, { url: `${api}/api/items`, init: { headers: { 'If-None-Match': ETAG } } }]);
      expect(second!.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '', preflight: true });
      expect(second!.explained).toMatchObject({ verdict: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '' });
      expect(second!.explained.explanation).toContain('(status 304) had no Access-Control-Allow-Origin');
      expect(second!.explained.explanation).not.toContain('redirect');
      expect(second!.explained.headline).toBe('No Access-Control-Allow-Origin');
      expect(second!.explained.serverMustSend).toContainEqual(expect.objectContaining({ on: 'response', header: 'Access-Control-Allow-Origin', value: site.origin }));
    });
  });
});

describe('nginx, add_header without always, a static file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'not-modified-'));
    writeFileSync(join(dir, 'items.json'), '{"items":[]}');
    // nginx's worker reads it under its own user.
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'items.json'), 0o644);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends Access-Control-Allow-Origin on its 304s: the revalidation and the page-set If-None-Match both pass', async () => {
    const nginx = await startNginx({
      server: `        location /api/ {
            alias ${dir}/;
            add_header Access-Control-Allow-Origin "${site.origin}";
            add_header Access-Control-Allow-Headers "If-None-Match";
            add_header Cache-Control "no-cache";
            if ($request_method = OPTIONS) { return 204; }
        }`,
    });
    try {
      const url = `${nginx.origin}/api/items.json`;
      const [first] = await run([{ url }]);
      const etag = wireResponses(first!.replayed).response!.headers.find(([n]) => n.toLowerCase() === 'etag')![1];
      const [, revalidated, pageSet] = await run([{ url }, { url }, { url, init: { headers: { 'If-None-Match': etag } } }]);
      for (const r of [revalidated!, pageSet!]) {
        const wire = wireResponses(r.replayed).response!;
        expect(wire.status).toBe(304);
        expect(wire.headers).toContainEqual(['Access-Control-Allow-Origin', site.origin]);
        expect(r.explained).toMatchObject({ verdict: 'allowed', corsError: null });
      }
      expect(revalidated!.replayed.run).toMatchObject({ outcome: 'allowed', preflight: false, status: 200 });
      // The page-set header: the page gets the 304 itself.
      expect(pageSet!.replayed.run).toMatchObject({ outcome: 'allowed', preflight: true, status: 304 });
    } finally {
      await nginx.stop();
    }
  });
});
