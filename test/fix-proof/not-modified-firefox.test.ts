// The cases of not-modified.test.ts replayed in Firefox ESR (WebDriver BiDi, test/conformance/firefox.ts):
// what Firefox does with a 304 to its own revalidation and to a page-set If-None-Match, its console
// reason, and the engine's Firefox profile (FIREFOX_RULES) on the HAR Firefox DevTools exported.
// Recorded in Firefox ESR 153: the same as Chromium, case by case (the CORS check reads the cached
// copy updated by the 304; a page-set If-None-Match gets no cached copy and its 304 is checked as it
// came), so the Firefox rules need nothing of their own here. The server's log shows each second
// request was conditional (If-None-Match) and answered 304.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/har.ts';
import { FIREFOX_RULES } from '../../src/cors/browser-rules.ts';
import { diagnose } from '../../src/cors/diagnose.ts';
import type { ObservedExchange } from '../../src/cors/exchange.ts';
import { firefoxVerdict, type FirefoxVerdict } from '../../src/cors/firefox/verdict.ts';
import type { PageResult } from '../conformance/browser-verdict.ts';
import type { FirefoxConsoleMessage, LaunchedFirefox } from '../conformance/firefox.ts';
import { type FirefoxPage, openFirefoxPage } from './firefox-page.ts';

const ETAG = '"v1"';

let opened: FirefoxPage | undefined;
let firefox: LaunchedFirefox;
let tab: Page;
let pageOrigin: string;

beforeAll(async () => {
  opened = await openFirefoxPage();
  ({ firefox, tab, origin: pageOrigin } = opened);
});
afterAll(async () => {
  await opened?.close();
});

interface Served {
  method: string;
  ifNoneMatch: string | undefined;
  status: number;
}

/** The API of not-modified.test.ts: a 200 with the page's origin, an ETag and `Cache-Control: no-cache`; a 304 with `notModified`'s headers to a matching If-None-Match. */
async function withApi<T>(notModified: Record<string, string>, body: (api: string, served: Served[]) => Promise<T>, ok: Record<string, string> = {}): Promise<T> {
  const served: Served[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const ifNoneMatch = request.headers['if-none-match'];
    let status: number;
    if (request.method === 'OPTIONS') {
      status = 204;
      response.writeHead(204, { 'access-control-allow-origin': pageOrigin, 'access-control-allow-headers': 'if-none-match', 'access-control-allow-credentials': 'true' }).end();
    } else if (ifNoneMatch === ETAG) {
      status = 304;
      response.writeHead(304, { etag: ETAG, 'cache-control': 'no-cache', ...notModified }).end();
    } else {
      status = 200;
      response.writeHead(200, { 'access-control-allow-origin': pageOrigin, etag: ETAG, 'cache-control': 'no-cache', 'content-type': 'application/json', ...ok }).end('{"items":[]}');
    }
    served.push({ method: request.method ?? '', ifNoneMatch, status });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, served);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

interface FirefoxInit {
  headers?: Record<string, string>;
  credentials?: 'omit' | 'same-origin' | 'include';
}

interface Recorded {
  page: PageResult;
  /** CORS error categories Firefox logged, version digits removed. */
  reasons: string[];
  exchange: ObservedExchange;
  engine: FirefoxVerdict;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The page's fetches, one after another in one tab (one HTTP cache), then Firefox's HAR read by the engine under FIREFOX_RULES. */
async function run(requests: { url: string; init?: FirefoxInit }[]): Promise<Recorded[]> {
  // A navigation starts the network monitor's HAR afresh.
  await tab.goto(`${pageOrigin}/`);
  await tab.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === 'function');
  await firefox.takeConsoleMessages();
  const out: { page: PageResult; messages: FirefoxConsoleMessage[] }[] = [];
  for (const r of requests) {
    const page = (await tab.evaluate(
      (url: string, i: unknown) => (window as unknown as { runScenario: (u: string, i: unknown) => Promise<unknown> }).runScenario(url, i),
      r.url,
      r.init ?? {},
    )) as PageResult;
    // A rejected fetch's console reason comes after the page saw it.
    let messages = await firefox.takeConsoleMessages();
    for (let waited = 0; page.settled === 'rejected' && waited < 2000 && !messages.some((m) => m.category.startsWith('CORS')); waited += 50) {
      await sleep(50);
      messages = messages.concat(await firefox.takeConsoleMessages());
    }
    out.push({ page, messages });
  }
  // The network monitor gets its events asynchronously, and an export can fail while it is busy
  // (seen once): retried until the HAR lists every request with its response.
  let exchanges: ObservedExchange[] = [];
  let exportError: unknown = null;
  for (let waited = 0; waited < 10_000; waited += 200) {
    await sleep(200);
    try {
      exchanges = exchangesFromHar(await firefox.exportHar()).filter((e) => !e.hops[0]!.url.startsWith(pageOrigin));
      exportError = null;
    } catch (e) {
      exportError = e;
      continue;
    }
    if (exchanges.length >= requests.length && exchanges.every((e) => e.hops.every((h) => h.response !== null))) break;
  }
  if (exchanges.length < requests.length) throw new Error(`Firefox's HAR lists ${exchanges.length} of ${requests.length} requests (${String(exportError)})`);
  return out.map((o, i) => {
    const exchange = exchanges[i]!;
    return {
      page: o.page,
      reasons: o.messages.filter((m) => m.category.startsWith('CORS') && !m.warning).map((m) => m.category.replace(/\d+$/, '')),
      exchange,
      engine: firefoxVerdict(diagnose(exchange, FIREFOX_RULES), exchange),
    };
  });
}

/** What Firefox did: the page's outcome and the CORS errors it logged (no error: `[]`). */
function firefoxSaw(r: Recorded): { outcome: 'allowed' | 'blocked'; reasons: string[] } {
  return { outcome: r.page.settled === 'resolved' ? 'allowed' : 'blocked', reasons: r.reasons };
}

/** The engine's verdict under FIREFOX_RULES in the same terms. */
function engineSaid(r: Recorded): { outcome: string; reasons: string[] } {
  return { outcome: r.engine.outcome, reasons: r.engine.logged };
}

/** The server answered the second GET 304, to a conditional request (the browser's or the page's If-None-Match). */
function expectRevalidated(served: readonly Served[]): void {
  const gets = served.filter((r) => r.method === 'GET');
  expect(gets).toEqual([
    { method: 'GET', ifNoneMatch: undefined, status: 200 },
    { method: 'GET', ifNoneMatch: ETAG, status: 304 },
  ]);
}

const api = (origin: string): string => `${origin}/api/items`;

describe("Firefox's revalidation of its cached copy answered 304", () => {
  it('without Access-Control-Allow-Origin: Firefox passes it on the cached 200; the engine says allowed', async () => {
    await withApi({}, async (origin, served) => {
      const [first, second] = await run([{ url: api(origin) }, { url: api(origin) }]);
      expectRevalidated(served);
      // No preflight: the If-None-Match was Firefox's own.
      expect(served.map((r) => r.method)).not.toContain('OPTIONS');
      expect(first!.page).toMatchObject({ settled: 'resolved', status: 200 });
      expect(second!.page).toMatchObject({ settled: 'resolved', status: 200, body: '{"items":[]}' });
      expect(firefoxSaw(second!)).toEqual({ outcome: 'allowed', reasons: [] });
      // Firefox's HAR shows the 304 as it came, without the header.
      expect(second!.exchange.hops.map((h) => h.response?.status)).toEqual([304]);
      expect(second!.exchange.hops[0]!.response!.headers.map(([n]) => n.toLowerCase())).not.toContain('access-control-allow-origin');
      expect(engineSaid(second!)).toEqual(firefoxSaw(second!));
    });
  });

  it("with another origin's Access-Control-Allow-Origin: Firefox and the engine block (CORSAllowOriginNotMatchingOrigin)", async () => {
    await withApi({ 'access-control-allow-origin': 'http://example.com' }, async (origin, served) => {
      const [, second] = await run([{ url: api(origin) }, { url: api(origin) }]);
      expectRevalidated(served);
      expect(firefoxSaw(second!)).toEqual({ outcome: 'blocked', reasons: ['CORSAllowOriginNotMatchingOrigin'] });
      expect(engineSaid(second!)).toEqual(firefoxSaw(second!));
    });
  });
});

describe("Firefox's revalidation with credentials answered 304", () => {
  const withCookie: FirefoxInit = { credentials: 'include' };
  const allowCredentials = { 'access-control-allow-credentials': 'true' };

  it('with Access-Control-Allow-Origin but without Allow-Credentials: the cached true passes', async () => {
    await withApi({ 'access-control-allow-origin': pageOrigin }, async (origin, served) => {
      const [, second] = await run([{ url: api(origin), init: withCookie }, { url: api(origin), init: withCookie }]);
      expectRevalidated(served);
      expect(second!.page).toMatchObject({ settled: 'resolved', status: 200 });
      expect(firefoxSaw(second!)).toEqual({ outcome: 'allowed', reasons: [] });
      expect(engineSaid(second!)).toEqual(firefoxSaw(second!));
    }, allowCredentials);
  });

  it('with Access-Control-Allow-Credentials: false: it replaces the cached true; Firefox and the engine block (CORSMissingAllowCredentials)', async () => {
    await withApi({ 'access-control-allow-origin': pageOrigin, 'access-control-allow-credentials': 'false' }, async (origin, served) => {
      const [, second] = await run([{ url: api(origin), init: withCookie }, { url: api(origin), init: withCookie }]);
      expectRevalidated(served);
      expect(firefoxSaw(second!)).toEqual({ outcome: 'blocked', reasons: ['CORSMissingAllowCredentials'] });
      expect(engineSaid(second!)).toEqual(firefoxSaw(second!));
    }, allowCredentials);
  });
});

describe('the page setting If-None-Match itself, answered 304', () => {
  it('without Access-Control-Allow-Origin: Firefox checks the 304 as it came (CORSMissingAllowOrigin); so does the engine', async () => {
    await withApi({}, async (origin, served) => {
      const [, second] = await run([{ url: api(origin) }, { url: api(origin), init: { headers: { 'If-None-Match': ETAG } } }]);
      expectRevalidated(served);
      // A preflighted header: the OPTIONS went out, and Firefox adds no-cache headers of its own.
      expect(served.map((r) => r.method)).toEqual(['GET', 'OPTIONS', 'GET']);
      expect(second!.exchange.hops[0]!.preflight?.response?.status).toBe(204);
      expect(firefoxSaw(second!)).toEqual({ outcome: 'blocked', reasons: ['CORSMissingAllowOrigin'] });
      expect(engineSaid(second!)).toEqual(firefoxSaw(second!));
    });
  });
});
