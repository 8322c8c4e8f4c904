// A deterministic HAR of a busy single-page app, for the benchmark: DevTools-shaped entries with
// Chromium's usual request headers, preflights as their own entries, redirect hops, blocked
// requests with status 0 and provisional headers, cached preflights and network errors.

import type { Header } from 'har-format';

/** mulberry32: a small seeded PRNG, so every run benchmarks the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PAGE = 'https://app.example.com';
const APIS = ['https://api.example.com', 'https://auth.example.net', 'https://cdn.example.org', 'https://billing.example.io'];
const SERVERS: Header[][] = [
  [{ name: 'X-Powered-By', value: 'Express' }],
  [{ name: 'Server', value: 'nginx/1.27.1' }],
  [{ name: 'Server', value: 'Kestrel' }],
  [{ name: 'Server', value: 'AmazonS3' }, { name: 'x-amz-request-id', value: 'R1' }, { name: 'x-amz-id-2', value: 'I2' }],
  [],
];
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

function h(name: string, value: string): Header {
  return { name, value };
}

function fullRequestHeaders(url: string, extra: Header[], cookie: boolean, origin: string | null): Header[] {
  const host = new URL(url).host;
  const headers = [
    h('Accept', '*/*'),
    h('Accept-Encoding', 'gzip, deflate, br, zstd'),
    h('Accept-Language', 'en-US,en;q=0.9'),
    h('Connection', 'keep-alive'),
    ...(cookie ? [h('Cookie', 'session=8f3a2c; theme=dark')] : []),
    h('Host', host),
    ...(origin === null ? [] : [h('Origin', origin)]),
    h('Referer', `${PAGE}/dashboard`),
    h('Sec-Fetch-Dest', 'empty'),
    h('Sec-Fetch-Mode', 'cors'),
    h('Sec-Fetch-Site', 'cross-site'),
    h('User-Agent', UA),
    ...extra,
    h('sec-ch-ua', '"Not:A-Brand";v="8", "Chromium";v="156"'),
    h('sec-ch-ua-mobile', '?0'),
    h('sec-ch-ua-platform', '"Linux"'),
  ];
  return headers;
}

function provisionalHeaders(extra: Header[]): Header[] {
  return [h('sec-ch-ua-platform', '"Linux"'), h('Referer', `${PAGE}/dashboard`), h('User-Agent', UA), h('sec-ch-ua', '"Chromium";v="156"'), ...extra, h('sec-ch-ua-mobile', '?0')];
}

function commonResponse(server: Header[]): Header[] {
  return [h('Connection', 'keep-alive'), h('Content-Type', 'application/json; charset=utf-8'), h('Date', 'Sat, 21 Nov 2026 22:51:14 GMT'), h('Keep-Alive', 'timeout=5'), ...server];
}

function entry(o: {
  at: number;
  method: string;
  url: string;
  requestHeaders: Header[];
  status: number;
  responseHeaders: Header[];
  error?: string;
  redirectURL?: string;
  preflight?: boolean;
}): Record<string, unknown> {
  return {
    _initiator: o.preflight ? { type: 'preflight', url: o.url, requestId: `1.${o.at}` } : { type: 'script', stack: { callFrames: [] } },
    _priority: 'High',
    _resourceType: o.preflight ? 'preflight' : 'fetch',
    cache: {},
    request: {
      method: o.method,
      url: o.url,
      httpVersion: o.status === 0 ? '' : 'HTTP/1.1',
      headers: o.requestHeaders,
      queryString: [],
      cookies: [],
      headersSize: o.status === 0 ? -1 : 480,
      bodySize: o.method === 'POST' || o.method === 'PUT' ? 24 : 0,
    },
    response: {
      status: o.status,
      statusText: o.status === 0 ? '' : 'OK',
      httpVersion: o.status === 0 ? '' : 'HTTP/1.1',
      headers: o.responseHeaders,
      cookies: [],
      content: { size: 120, mimeType: 'application/json' },
      redirectURL: o.redirectURL ?? '',
      headersSize: 200,
      bodySize: 120,
      _transferSize: 320,
      _error: o.error ?? null,
    },
    serverIPAddress: '93.184.216.34',
    startedDateTime: new Date(o.at).toISOString(),
    time: 12.5,
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: 10, receive: 1.3 },
  };
}

export interface GenerateOptions {
  /**
   * Make each failing preflight ask for one of this many custom headers (`x-cause-0`, ...) the
   * server does not allow: that many distinct causes of failure per API origin, for tests of
   * grouping. Without it the preflights ask for content-type only.
   */
  causes?: number;
}

/** A HAR with exactly `count` entries. */
export function generateHar(count: number, seed = 1, options: GenerateOptions = {}): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const entries: Record<string, unknown>[] = [];
  let at = Date.UTC(2026, 10, 21, 22, 0, 0);

  while (entries.length < count) {
    at += 40 + Math.floor(next() * 400);
    const api = pick(APIS);
    const path = `${api}/v1/${pick(['users', 'orders', 'items', 'search', 'session'])}/${Math.floor(next() * 500)}`;
    const server = pick(SERVERS);
    const cookie = next() < 0.3;
    const acao = cookie ? [h('Access-Control-Allow-Origin', PAGE), h('Access-Control-Allow-Credentials', 'true'), h('Vary', 'Origin')] : [h('Access-Control-Allow-Origin', pick(['*', PAGE]))];
    const kind = next();
    const room = count - entries.length;

    if (kind < 0.35 || room < 2) {
      // A simple GET, allowed.
      entries.push(entry({ at, method: 'GET', url: path, requestHeaders: fullRequestHeaders(path, [], cookie, PAGE), status: 200, responseHeaders: [...acao, ...commonResponse(server)] }));
    } else if (kind < 0.45) {
      // A simple GET, blocked: no or a wrong Access-Control-Allow-Origin.
      const bad = pick([[], [h('Access-Control-Allow-Origin', 'https://other.example.com')], [h('Access-Control-Allow-Origin', `${PAGE}/`)]]);
      entries.push(entry({ at, method: 'GET', url: path, requestHeaders: fullRequestHeaders(path, [], cookie, PAGE), status: pick([200, 401, 500]), responseHeaders: [...bad, ...commonResponse(server)], error: 'net::ERR_FAILED' }));
    } else if (kind < 0.7) {
      // JSON POST/PUT with a preflight that passes, and the request (logged first, as Chromium does).
      const method = pick(['POST', 'PUT', 'PATCH', 'DELETE']);
      const extra = [h('Content-Type', 'application/json'), h('Authorization', 'Bearer eyJhbGciOi'), h('X-Request-Id', `${at}`)];
      entries.push(entry({ at, method, url: path, requestHeaders: fullRequestHeaders(path, extra, cookie, PAGE), status: 200, responseHeaders: [...acao, ...commonResponse(server)] }));
      entries.push(entry({
        at: at + 1, method: 'OPTIONS', url: path, preflight: true, status: 204,
        requestHeaders: [h('Access-Control-Request-Headers', 'authorization,content-type,x-request-id'), h('Access-Control-Request-Method', method), h('Origin', PAGE), h('Referer', `${PAGE}/dashboard`), h('User-Agent', UA)],
        responseHeaders: [...acao, h('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE'), h('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id'), h('Access-Control-Max-Age', '600'), ...commonResponse(server)],
      }));
      // Sometimes the same call again at once: its preflight comes from the cache.
      if (next() < 0.3 && count - entries.length >= 1) {
        entries.push(entry({ at: at + 30, method, url: path, requestHeaders: fullRequestHeaders(path, extra, cookie, PAGE), status: 200, responseHeaders: [...acao, ...commonResponse(server)] }));
      }
    } else if (kind < 0.82) {
      // A preflight that fails: the request never goes out (status 0, provisional headers).
      const method = pick(['PUT', 'DELETE', 'PATCH']);
      const cause = options.causes === undefined ? null : `x-cause-${Math.floor(next() * options.causes)}`;
      const asked = cause === null ? 'content-type' : `content-type,${cause}`;
      entries.push(entry({ at, method, url: path, requestHeaders: provisionalHeaders([h('Content-Type', 'application/json'), ...(cause === null ? [] : [h(cause, '1')])]), status: 0, responseHeaders: [], error: 'net::ERR_FAILED' }));
      const failure = pick([
        { status: 204, headers: [h('Access-Control-Allow-Origin', PAGE)] }, // no Allow-Methods
        { status: 404, headers: [] },
        { status: 204, headers: [h('Access-Control-Allow-Origin', PAGE), h('Access-Control-Allow-Methods', method)] }, // header missing
        { status: 204, headers: [h('Access-Control-Allow-Origin', '*'), h('Access-Control-Allow-Methods', method), h('Access-Control-Allow-Headers', 'content-type')] },
      ]);
      entries.push(entry({
        at: at + 1, method: 'OPTIONS', url: path, preflight: true, status: failure.status,
        requestHeaders: [h('Access-Control-Request-Headers', asked), h('Access-Control-Request-Method', method), h('Origin', PAGE), h('User-Agent', UA)],
        responseHeaders: [...failure.headers, ...commonResponse(server)],
      }));
    } else if (kind < 0.95) {
      // A redirect to another origin: two entries, the second with Origin: null.
      const target = `${pick(APIS)}/v2/moved/${Math.floor(next() * 100)}`;
      const ok = next() < 0.7;
      entries.push(entry({ at, method: 'GET', url: path, requestHeaders: fullRequestHeaders(path, [], false, PAGE), status: 302, responseHeaders: [h('Access-Control-Allow-Origin', '*'), h('Location', target), ...commonResponse(server)], redirectURL: target }));
      entries.push(entry({ at: at + 8, method: 'GET', url: target, requestHeaders: fullRequestHeaders(target, [], false, 'null'), status: 200, responseHeaders: [h('Access-Control-Allow-Origin', ok ? '*' : PAGE), ...commonResponse(server)], ...(ok ? {} : { error: 'net::ERR_FAILED' }) }));
    } else {
      // The network failed.
      entries.push(entry({ at, method: 'GET', url: path, requestHeaders: provisionalHeaders([]), status: 0, responseHeaders: [], error: pick(['net::ERR_CONNECTION_REFUSED', 'net::ERR_NAME_NOT_RESOLVED', 'net::ERR_CONNECTION_RESET']) }));
    }
  }
  entries.length = count;
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } }, null, 2);
}
