import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { exchangesFromWebRequestEvents, type WebRequestEvent, type WebRequestEventName } from './web-request.ts';

const PAGE = 'http://127.0.0.1:5000';
const API = 'http://127.0.0.1:6000';

type Extra = Partial<WebRequestEvent> & { req?: Record<string, string>; res?: Record<string, string> };

/** One event as Chromium 156 reports it (the shape was read off a real run). */
function ev(event: WebRequestEventName, requestId: string, timeStamp: number, extra: Extra = {}): WebRequestEvent {
  const { req, res, ...rest } = extra;
  const e: WebRequestEvent = {
    event,
    requestId,
    tabId: 7,
    url: `${API}/data`,
    method: 'GET',
    type: 'xmlhttprequest',
    timeStamp,
    initiator: PAGE,
    ...rest,
  };
  if (req) e.requestHeaders = Object.entries(req).map(([name, value]) => ({ name, value }));
  if (res) e.responseHeaders = Object.entries(res).map(([name, value]) => ({ name, value }));
  return e;
}

const CORS_GET = { Origin: PAGE, 'Sec-Fetch-Mode': 'cors', Accept: '*/*' };

/** A whole request: send, response, then completion or an error. */
function simple(id: string, t: number, opts: { url?: string; status?: number; res?: Record<string, string>; error?: string; req?: Record<string, string>; method?: string; type?: string; initiator?: string }): WebRequestEvent[] {
  const base: Extra = { url: opts.url ?? `${API}/data`, method: opts.method ?? 'GET', type: opts.type ?? 'xmlhttprequest', initiator: opts.initiator ?? PAGE };
  const req = opts.req ?? CORS_GET;
  const res = opts.res ?? {};
  const status = opts.status ?? 200;
  return [
    ev('onBeforeRequest', id, t, base),
    ev('onSendHeaders', id, t + 1, { ...base, req }),
    ev('onHeadersReceived', id, t + 2, { ...base, statusCode: status, res }),
    opts.error
      ? ev('onErrorOccurred', id, t + 3, { ...base, error: opts.error })
      : ev('onCompleted', id, t + 3, { ...base, statusCode: status, res }),
  ];
}

/** A preflight for `method`/`headers` at `url`, answered with `status` and `res`. */
function preflight(id: string, t: number, opts: { url?: string; method?: string; headers?: string; status?: number; res?: Record<string, string>; error?: string }): WebRequestEvent[] {
  const base: Extra = { url: opts.url ?? `${API}/data`, method: 'OPTIONS' };
  const req: Record<string, string> = { Accept: '*/*', 'Access-Control-Request-Method': opts.method ?? 'PUT', Origin: PAGE, 'Sec-Fetch-Mode': 'cors' };
  if (opts.headers) req['Access-Control-Request-Headers'] = opts.headers;
  const events = [ev('onBeforeRequest', id, t, base), ev('onSendHeaders', id, t, { ...base, req })];
  if (opts.status !== undefined) {
    events.push(ev('onHeadersReceived', id, t + 1, { ...base, statusCode: opts.status, res: opts.res ?? {} }));
    events.push(ev('onCompleted', id, t + 1, { ...base, statusCode: opts.status, res: opts.res ?? {} }));
  } else {
    events.push(ev('onErrorOccurred', id, t + 1, { ...base, error: opts.error ?? 'net::ERR_CONNECTION_REFUSED' }));
  }
  return events;
}

/** Deterministic shuffle: events of different listeners can arrive in any order. */
function shuffled<T>(items: readonly T[], seed = 1): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function only(events: WebRequestEvent[]): { exchange: ObservedExchange; final: boolean; requestIds: string[]; id: string; pending: boolean } {
  const { exchanges } = exchangesFromWebRequestEvents(shuffled(events));
  expect(exchanges).toHaveLength(1);
  const mapped = exchanges[0]!;
  return { exchange: mapped.captured.exchange, final: mapped.final, requestIds: mapped.requestIds, id: mapped.captured.id, pending: mapped.captured.pending === true };
}

describe('exchangesFromWebRequestEvents: one request', () => {
  const cases: { name: string; events: WebRequestEvent[]; check: (r: ReturnType<typeof only>) => void }[] = [
    {
      name: 'allowed GET: one hop, response headers as received, no error',
      events: simple('10', 1000, { res: { 'access-control-allow-origin': PAGE } }),
      check: ({ exchange, final, pending }) => {
        expect(final).toBe(true);
        expect(pending).toBe(false);
        expect(exchange.hops).toHaveLength(1);
        expect(exchange.hops[0]!.response).toEqual({ status: 200, headers: [['access-control-allow-origin', PAGE]] });
        expect(exchange.hops[0]!.preflight).toBeUndefined();
        expect(exchange.errorText).toBeUndefined();
        expect(exchange.request.method).toBe('GET');
        expect(exchange.request.initiatorOrigin).toBe(PAGE);
        expect(exchange.request.mode).toBe('cors');
        expect(exchange.startedAt).toBe(1000);
      },
    },
    {
      name: 'blocked GET: the response is kept and errorText is net::ERR_FAILED',
      events: simple('11', 1000, { error: 'net::ERR_FAILED' }),
      check: ({ exchange, final }) => {
        expect(final).toBe(true);
        expect(exchange.errorText).toBe('net::ERR_FAILED');
        expect(exchange.hops[0]!.response?.status).toBe(200);
      },
    },
    {
      name: 'still in flight: pending, not final',
      events: simple('12', 1000, {}).slice(0, 2),
      check: ({ exchange, final, pending }) => {
        expect(final).toBe(false);
        expect(pending).toBe(true);
        expect(exchange.hops[0]!.response).toBeNull();
      },
    },
    {
      name: 'redirect: one hop per URL, the 3xx on hop 0',
      events: [
        ev('onBeforeRequest', '13', 1000),
        ev('onSendHeaders', '13', 1001, { req: CORS_GET }),
        ev('onHeadersReceived', '13', 1002, { statusCode: 302, res: { location: `${API}/next` } }),
        ev('onBeforeRedirect', '13', 1003, { statusCode: 302, redirectUrl: `${API}/next`, res: { location: `${API}/next` } }),
        ev('onBeforeRequest', '13', 1004, { url: `${API}/next` }),
        ev('onSendHeaders', '13', 1005, { url: `${API}/next`, req: CORS_GET }),
        ev('onHeadersReceived', '13', 1006, { url: `${API}/next`, statusCode: 200, res: { 'access-control-allow-origin': '*' } }),
        ev('onCompleted', '13', 1007, { url: `${API}/next`, statusCode: 200 }),
      ],
      check: ({ exchange }) => {
        expect(exchange.hops.map((h) => h.url)).toEqual([`${API}/data`, `${API}/next`]);
        expect(exchange.hops.map((h) => h.response?.status)).toEqual([302, 200]);
        expect(exchange.hops[1]!.response?.headers).toEqual([['access-control-allow-origin', '*']]);
      },
    },
    {
      name: 'preflight and request: paired, the preflight on hop 0, both ids consumed',
      events: [
        ev('onBeforeRequest', '20', 1000, { method: 'PUT' }),
        ...preflight('21', 1001, { method: 'PUT', headers: 'x-trace', status: 204, res: { 'access-control-allow-origin': PAGE, 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': 'x-trace' } }),
        ev('onSendHeaders', '20', 1003, { method: 'PUT', req: { ...CORS_GET, 'x-trace': '1' } }),
        ev('onHeadersReceived', '20', 1004, { method: 'PUT', statusCode: 200, res: { 'access-control-allow-origin': PAGE } }),
        ev('onCompleted', '20', 1005, { method: 'PUT', statusCode: 200 }),
      ],
      check: ({ exchange, requestIds, id }) => {
        expect(id).toBe('20');
        expect(requestIds).toEqual(['20', '21']);
        const pf = exchange.hops[0]!.preflight!;
        expect(pf.response?.status).toBe(204);
        expect(pf.requestHeaders).toContainEqual(['Access-Control-Request-Headers', 'x-trace']);
        expect(pf.networkError).toBeUndefined();
        expect(exchange.request.headers).toContainEqual(['x-trace', '1']);
      },
    },
    {
      name: 'preflight failed: the request was never sent; its headers are the Origin and the names the preflight listed',
      events: [
        ev('onBeforeRequest', '30', 1000, { method: 'PUT' }),
        ...preflight('31', 1001, { method: 'PUT', headers: 'content-type,x-trace', status: 404 }),
        ev('onErrorOccurred', '30', 1003, { method: 'PUT', error: 'net::ERR_FAILED' }),
      ],
      check: ({ exchange, final }) => {
        expect(final).toBe(true);
        expect(exchange.errorText).toBe('net::ERR_FAILED');
        expect(exchange.hops[0]!.preflight?.response?.status).toBe(404);
        expect(exchange.hops[0]!.response).toBeNull();
        expect(exchange.request.headers).toEqual([['Origin', PAGE], ['content-type', ''], ['x-trace', '']]);
      },
    },
    {
      name: 'preflight refused: networkError on the preflight, no response',
      events: [
        ev('onBeforeRequest', '40', 1000, { method: 'PUT' }),
        ...preflight('41', 1001, { method: 'PUT', error: 'net::ERR_CONNECTION_REFUSED' }),
        ev('onErrorOccurred', '40', 1003, { method: 'PUT', error: 'net::ERR_CONNECTION_REFUSED' }),
      ],
      check: ({ exchange }) => {
        expect(exchange.hops[0]!.preflight?.response).toBeNull();
        expect(exchange.hops[0]!.preflight?.networkError).toBe('net::ERR_CONNECTION_REFUSED');
        expect(exchange.errorText).toBe('net::ERR_CONNECTION_REFUSED');
      },
    },
    {
      name: "a page's own OPTIONS (no Access-Control-Request-Method) is a request, not a preflight",
      events: simple('50', 1000, { method: 'OPTIONS', res: { 'access-control-allow-origin': '*' } }),
      check: ({ exchange }) => {
        expect(exchange.request.method).toBe('OPTIONS');
        expect(exchange.hops[0]!.preflight).toBeUndefined();
      },
    },
  ];
  for (const c of cases) it(c.name, () => c.check(only(c.events)));
});

describe('exchangesFromWebRequestEvents: what is not captured', () => {
  const cases: { name: string; events: WebRequestEvent[] }[] = [
    { name: 'same-origin fetch', events: simple('60', 1000, { url: `${PAGE}/x`, req: { 'Sec-Fetch-Mode': 'cors' } }) },
    { name: 'navigation', events: simple('61', 1000, { url: `${API}/`, type: 'main_frame', req: { 'Sec-Fetch-Mode': 'navigate' } }) },
    { name: 'cross-origin image without crossorigin', events: simple('62', 1000, { type: 'image', req: { 'Sec-Fetch-Mode': 'no-cors' } }) },
    { name: 'WebSocket handshake (it has an Origin, but no CORS check)', events: simple('63', 1000, { type: 'websocket', status: 101, req: { Origin: PAGE, 'Sec-Fetch-Mode': 'websocket' } }) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const mapping = exchangesFromWebRequestEvents(c.events);
      expect(mapping.exchanges).toEqual([]);
      expect(mapping.ignored).toEqual([c.events[0]!.requestId]);
    });
  }

  it('keeps a preflight not paired yet as unused, not ignored, and emits it only on request', () => {
    const events = preflight('70', 1000, { method: 'DELETE', status: 204 });
    const mapping = exchangesFromWebRequestEvents(events);
    expect(mapping.exchanges).toEqual([]);
    expect(mapping.unused).toEqual(['70']);
    expect(mapping.ignored).toEqual([]);
    const orphan = exchangesFromWebRequestEvents(events, { orphanPreflights: true });
    expect(orphan.exchanges).toHaveLength(1);
    expect(orphan.exchanges[0]!.captured.exchange.request.method).toBe('DELETE');
    expect(orphan.exchanges[0]!.captured.exchange.hops[0]!.preflight?.response?.status).toBe(204);
  });
});

describe('exchangesFromWebRequestEvents: pairing preflights among many requests', () => {
  it('two concurrent PUTs to one URL: each gets the preflight that started after it', () => {
    const events = [
      ev('onBeforeRequest', 'a', 1000, { method: 'PUT' }),
      ev('onBeforeRequest', 'b', 1001, { method: 'PUT' }),
      ...preflight('pa', 1002, { method: 'PUT', status: 204, res: { 'x-which': 'a' } }),
      ...preflight('pb', 1003, { method: 'PUT', status: 204, res: { 'x-which': 'b' } }),
      ev('onSendHeaders', 'a', 1010, { method: 'PUT', req: CORS_GET }),
      ev('onSendHeaders', 'b', 1011, { method: 'PUT', req: CORS_GET }),
      ev('onCompleted', 'a', 1012, { method: 'PUT', statusCode: 200 }),
      ev('onCompleted', 'b', 1013, { method: 'PUT', statusCode: 200 }),
    ];
    const { exchanges } = exchangesFromWebRequestEvents(shuffled(events, 5));
    expect(exchanges.map((m) => m.captured.id)).toEqual(['a', 'b']);
    // Each preflight lands on exactly one request: nothing is counted twice.
    const preflightIds = exchanges.flatMap((m) => m.requestIds.slice(1)).sort();
    expect(preflightIds).toEqual(['pa', 'pb']);
  });

  // A failed at 100 (never sent), B at 101 got 200; preflights at 102 and 103. Whatever order the
  // outcomes come in, the failed preflight belongs with the request that was never sent.
  const allowPut = { 'access-control-allow-origin': PAGE, 'access-control-allow-methods': 'PUT' };
  it.each<{ about: string; first: Parameters<typeof preflight>[2]; second: Parameters<typeof preflight>[2]; a: string; b: string }>([
    { about: 'the 500 first, then a passing 204', first: { method: 'PUT', status: 500 }, second: { method: 'PUT', status: 204, res: allowPut }, a: 'p1', b: 'p2' },
    { about: 'a passing 204 first, then the 500', first: { method: 'PUT', status: 204, res: allowPut }, second: { method: 'PUT', status: 500 }, a: 'p2', b: 'p1' },
    { about: 'a refused one first', first: { method: 'PUT', error: 'net::ERR_CONNECTION_RESET' }, second: { method: 'PUT', status: 204, res: allowPut }, a: 'p1', b: 'p2' },
    { about: 'a 204 that does not allow PUT, second', first: { method: 'PUT', status: 204, res: allowPut }, second: { method: 'PUT', status: 204, res: { 'access-control-allow-origin': PAGE } }, a: 'p2', b: 'p1' },
    { about: 'same outcome: first in, first out', first: { method: 'PUT', status: 204, res: allowPut }, second: { method: 'PUT', status: 204, res: allowPut }, a: 'p1', b: 'p2' },
  ])('concurrent PUTs, one never sent: $about', ({ first, second, a, b }) => {
    const sameFate = a === 'p1' && first.status === second.status && first.res === second.res;
    const events = [
      ev('onBeforeRequest', 'A', 100, { method: 'PUT' }),
      ev('onBeforeRequest', 'B', 101, { method: 'PUT' }),
      ...preflight('p1', 102, first),
      ...preflight('p2', 103, second),
      ...(sameFate
        ? [ev('onSendHeaders', 'A', 104, { method: 'PUT', req: CORS_GET }), ev('onCompleted', 'A', 106, { method: 'PUT', statusCode: 200 })]
        : [ev('onErrorOccurred', 'A', 104, { method: 'PUT', error: 'net::ERR_FAILED' })]),
      ev('onSendHeaders', 'B', 105, { method: 'PUT', req: CORS_GET }),
      ev('onHeadersReceived', 'B', 106, { method: 'PUT', statusCode: 200, res: { 'access-control-allow-origin': PAGE } }),
      ev('onCompleted', 'B', 107, { method: 'PUT', statusCode: 200 }),
    ];
    const { exchanges } = exchangesFromWebRequestEvents(shuffled(events, 11));
    const byId = new Map(exchanges.map((m) => [m.captured.id, m.requestIds]));
    expect(byId.get('A')).toEqual(['A', a]);
    expect(byId.get('B')).toEqual(['B', b]);
  });

  it('a request that ended before a preflight started does not take it (its own came from the cache)', () => {
    const events = [
      ...simple('old', 100, { method: 'PUT', res: { 'access-control-allow-origin': PAGE } }),
      ev('onBeforeRequest', 'new', 200, { method: 'PUT' }),
      ...preflight('p', 201, { method: 'PUT', status: 204, res: allowPut }),
      ev('onSendHeaders', 'new', 203, { method: 'PUT', req: CORS_GET }),
      ev('onCompleted', 'new', 204, { method: 'PUT', statusCode: 200 }),
    ];
    const { exchanges } = exchangesFromWebRequestEvents(events);
    const byId = new Map(exchanges.map((m) => [m.captured.id, m.requestIds]));
    expect(byId.get('old')).toEqual(['old']);
    expect(byId.get('new')).toEqual(['new', 'p']);
  });

  it('Access-Control-Request-Headers picks the request that sent those headers', () => {
    const events = [
      ev('onBeforeRequest', 'plain', 1000, { method: 'PUT' }),
      ev('onBeforeRequest', 'traced', 1001, { method: 'PUT' }),
      ...preflight('p-traced', 1002, { method: 'PUT', headers: 'x-trace', status: 204 }),
      ...preflight('p-plain', 1003, { method: 'PUT', status: 204 }),
      ev('onSendHeaders', 'plain', 1010, { method: 'PUT', req: CORS_GET }),
      ev('onSendHeaders', 'traced', 1011, { method: 'PUT', req: { ...CORS_GET, 'X-Trace': '1' } }),
      ev('onCompleted', 'plain', 1012, { method: 'PUT', statusCode: 200 }),
      ev('onCompleted', 'traced', 1013, { method: 'PUT', statusCode: 200 }),
    ];
    const { exchanges } = exchangesFromWebRequestEvents(events);
    const byId = new Map(exchanges.map((m) => [m.captured.id, m.requestIds]));
    expect(byId.get('traced')).toEqual(['traced', 'p-traced']);
    expect(byId.get('plain')).toEqual(['plain', 'p-plain']);
  });

  it('Access-Control-Request-Headers with many names (looked up in a set) picks the request that sent them all', () => {
    const names = Array.from({ length: 20 }, (_, i) => `x-h${i}`);
    const all = Object.fromEntries(names.map((name) => [name.toUpperCase(), '1']));
    const allButOne = Object.fromEntries(names.slice(1).map((name) => [name, '1']));
    const events = [
      ev('onBeforeRequest', 'some', 1000, { method: 'PUT' }),
      ev('onBeforeRequest', 'all', 1001, { method: 'PUT' }),
      ...preflight('p-all', 1002, { method: 'PUT', headers: names.join(','), status: 204 }),
      ...preflight('p-some', 1003, { method: 'PUT', headers: names.slice(1).join(','), status: 204 }),
      ev('onSendHeaders', 'some', 1010, { method: 'PUT', req: { ...CORS_GET, ...allButOne } }),
      ev('onSendHeaders', 'all', 1011, { method: 'PUT', req: { ...CORS_GET, ...all } }),
      ev('onCompleted', 'some', 1012, { method: 'PUT', statusCode: 200 }),
      ev('onCompleted', 'all', 1013, { method: 'PUT', statusCode: 200 }),
    ];
    const byId = new Map(exchangesFromWebRequestEvents(events).exchanges.map((m) => [m.captured.id, m.requestIds]));
    expect(byId.get('all')).toEqual(['all', 'p-all']);
    expect(byId.get('some')).toEqual(['some', 'p-some']);
  });

  it('a preflight for a different method or URL is not paired', () => {
    const events = [
      ev('onBeforeRequest', 'r', 1000, { method: 'PUT' }),
      ...preflight('wrong-method', 1001, { method: 'DELETE', status: 204 }),
      ...preflight('wrong-url', 1002, { method: 'PUT', url: `${API}/other`, status: 204 }),
      ev('onSendHeaders', 'r', 1010, { method: 'PUT', req: CORS_GET }),
      ev('onCompleted', 'r', 1011, { method: 'PUT', statusCode: 200 }),
    ];
    const mapping = exchangesFromWebRequestEvents(events);
    expect(mapping.exchanges.map((m) => m.requestIds)).toEqual([['r']]);
    expect(mapping.unused.sort()).toEqual(['wrong-method', 'wrong-url']);
  });

  it('a preflight sent after a redirect lands on the hop it was sent for', () => {
    const next = `${API}/next`;
    const events = [
      ev('onBeforeRequest', 'r', 1000, { method: 'PUT' }),
      ...preflight('p0', 1001, { method: 'PUT', status: 204 }),
      ev('onSendHeaders', 'r', 1003, { method: 'PUT', req: CORS_GET }),
      ev('onHeadersReceived', 'r', 1004, { method: 'PUT', statusCode: 307, res: { location: next } }),
      ev('onBeforeRedirect', 'r', 1005, { method: 'PUT', statusCode: 307, redirectUrl: next }),
      ev('onBeforeRequest', 'r', 1006, { method: 'PUT', url: next }),
      ...preflight('p1', 1007, { method: 'PUT', url: next, status: 500 }),
      ev('onErrorOccurred', 'r', 1009, { method: 'PUT', url: next, error: 'net::ERR_FAILED' }),
    ];
    const { exchanges } = exchangesFromWebRequestEvents(shuffled(events, 3));
    expect(exchanges).toHaveLength(1);
    const hops = exchanges[0]!.captured.exchange.hops;
    expect(hops.map((h) => h.preflight?.response?.status)).toEqual([204, 500]);
    expect(hops.map((h) => h.response?.status ?? null)).toEqual([307, null]);
  });
  it('a same-origin PUT redirected by a 303 to another origin: the preflight there asks for GET, and lands on that hop', () => {
    const first = `${PAGE}/data`;
    const next = `${API}/next`;
    const events = [
      ev('onBeforeRequest', 'r', 1000, { method: 'PUT', url: first }),
      ev('onSendHeaders', 'r', 1001, { method: 'PUT', url: first, req: { ...CORS_GET, 'X-Custom': '1' } }),
      ev('onHeadersReceived', 'r', 1002, { method: 'PUT', url: first, statusCode: 303, res: { location: next } }),
      ev('onBeforeRedirect', 'r', 1003, { method: 'PUT', url: first, statusCode: 303, redirectUrl: next }),
      ev('onBeforeRequest', 'r', 1004, { method: 'PUT', url: next }),
      ...preflight('p1', 1005, { method: 'GET', headers: 'x-custom', url: next, status: 204 }),
      ev('onErrorOccurred', 'r', 1007, { method: 'PUT', url: next, error: 'net::ERR_FAILED' }),
    ];
    const { exchanges } = exchangesFromWebRequestEvents(shuffled(events, 5));
    expect(exchanges).toHaveLength(1);
    const hops = exchanges[0]!.captured.exchange.hops;
    expect(hops.map((h) => h.preflight?.response?.status ?? null)).toEqual([null, 204]);
  });
});

describe("webRequest's redirectUrl (session 37)", () => {
  const next = `${API}/next?step=2`;
  // Chromium without extraHeaders may give no responseHeaders: the redirect's target is then known
  // only from onBeforeRedirect's redirectUrl, and the capture can end before the next URL's events.
  function redirected(res: Record<string, string> | undefined): WebRequestEvent[] {
    return [
      ev('onBeforeRequest', 'r', 1000),
      ev('onSendHeaders', 'r', 1001, { req: CORS_GET }),
      ev('onHeadersReceived', 'r', 1002, { statusCode: 302, ...(res ? { res } : {}) }),
      ev('onBeforeRedirect', 'r', 1003, { statusCode: 302, redirectUrl: next, ...(res ? { res } : {}) }),
      ev('onErrorOccurred', 'r', 1004, { error: 'net::ERR_FAILED' }),
    ];
  }

  it('reaches the hop as locationUrl when the headers seen hold no Location', () => {
    const { exchanges } = exchangesFromWebRequestEvents(redirected(undefined));
    const response = exchanges[0]!.captured.exchange.hops[0]!.response!;
    expect(response.status).toBe(302);
    expect(response.headers).toEqual([]);
    expect(response.locationUrl).toBe(next);
  });

  it('a Location line the server sent stays the target: no locationUrl beside it', () => {
    const { exchanges } = exchangesFromWebRequestEvents(redirected({ Location: next, 'Access-Control-Allow-Origin': PAGE }));
    const response = exchanges[0]!.captured.exchange.hops[0]!.response!;
    expect(response.headers).toContainEqual(['Location', next]);
    expect(response.locationUrl).toBeUndefined();
  });
});

// Session 39's second read (M2 #5): webRequest's fromCache reaches the response.
describe("webRequest's fromCache", () => {
  it.each([true, false])('onCompleted fromCache %s', (fromCache) => {
    const events = simple('c', 1000, { res: { 'Access-Control-Allow-Origin': PAGE } });
    events[3] = { ...events[3]!, fromCache };
    const { exchanges } = exchangesFromWebRequestEvents(events);
    expect(exchanges[0]!.captured.exchange.hops[0]!.response!.fromCache).toBe(fromCache ? true : undefined);
  });
});
