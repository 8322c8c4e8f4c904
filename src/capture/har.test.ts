import { describe, expect, it } from 'vitest';
import { HarError, MAX_URL_LENGTH, exchangesFromHar, mapHar, parseHarText } from './har.ts';
import { browserRules, diagnose, FIREFOX_RULES } from '../cors/index.ts';

const PAGE = 'http://127.0.0.1:5173';
const API = 'http://127.0.0.1:8080';

type Pairs = [string, string][];
const h = (pairs: Pairs) => pairs.map(([name, value]) => ({ name, value }));

function entry(o: {
  method?: string;
  url: string;
  at: string;
  requestHeaders?: Pairs;
  status?: number;
  responseHeaders?: Pairs;
  error?: string | null;
  redirectURL?: string;
  preflight?: boolean;
  pageref?: string;
}): Record<string, unknown> {
  return {
    ...(o.preflight ? { _resourceType: 'preflight', _initiator: { type: 'preflight', url: o.url, requestId: '1.2' } } : { _resourceType: 'fetch', _initiator: { type: 'script' } }),
    ...(o.pageref !== undefined ? { pageref: o.pageref } : {}),
    startedDateTime: o.at,
    time: 5,
    request: { method: o.method ?? 'GET', url: o.url, headers: h(o.requestHeaders ?? [['Origin', PAGE]]), bodySize: 0 },
    response: {
      status: o.status ?? 200,
      headers: h(o.responseHeaders ?? []),
      redirectURL: o.redirectURL ?? '',
      _error: o.error ?? null,
    },
  };
}

const har = (entries: unknown[], pages: unknown[] = []) => ({ log: { version: '1.2', creator: { name: 'test' }, pages, entries } });

describe('HAR input errors', () => {
  it.each<{ about: string; input: unknown; code: string }>([
    { about: 'not JSON', input: 'hello', code: 'not-json' },
    { about: 'empty text', input: '', code: 'not-json' },
    { about: 'a JSON array', input: [], code: 'not-har' },
    { about: 'null', input: null, code: 'not-har' },
    { about: 'no log', input: { entries: [] }, code: 'not-har' },
    { about: 'entries not a list', input: { log: { entries: {} } }, code: 'not-har' },
    { about: 'JSON text of a non-HAR', input: '{"scenarios": []}', code: 'not-har' },
  ])('$about → HarError $code with a one-line message', ({ input, code }) => {
    let caught: unknown;
    try {
      exchangesFromHar(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HarError);
    expect((caught as HarError).code).toBe(code);
    expect((caught as HarError).message).toMatch(/^not a HAR file: [^\n]+$/);
  });

  it('accepts a byte-order mark', () => {
    expect(parseHarText('\uFEFF{"log":{"entries":[]}}')).toEqual({ log: { entries: [] } });
  });

  it('skips entries with no method or URL, and counts them', () => {
    const mapping = mapHar(har([null, 3, {}, { request: { url: `${API}/x` } }, entry({ url: `${API}/ok`, at: '2026-01-01T00:00:00.000Z' })]));
    expect(mapping.skippedEntries).toBe(4);
    expect(mapping.exchanges.map((e) => e.hops[0]!.url)).toEqual([`${API}/ok`]);
  });

  it('shares a header line between the entries that repeat it (a big log holds each once)', () => {
    const { entries } = mapHar(har([
      entry({ url: `${API}/a`, at: '2026-01-01T00:00:00.000Z', requestHeaders: [['Origin', PAGE], ['X-Id', '1']], responseHeaders: [['Vary', 'Origin']] }),
      entry({ url: `${API}/b`, at: '2026-01-01T00:00:01.000Z', requestHeaders: [['Origin', PAGE], ['X-Id', '2']], responseHeaders: [['Vary', 'Origin']] }),
    ]));
    const [a, b] = entries;
    expect(b!.requestHeaders[0]).toBe(a!.requestHeaders[0]);
    expect(b!.response!.headers[0]).toBe(a!.response!.headers[0]);
    expect(b!.requestHeaders[1]).toEqual(['X-Id', '2']);
    expect(a!.requestHeaders[1]).toEqual(['X-Id', '1']);
  });

  it('leaves out HTTP/2 pseudo-headers, the list holding only the lines kept', () => {
    const { entries } = mapHar(har([
      entry({ url: `${API}/a`, at: '2026-01-01T00:00:00.000Z', requestHeaders: [[':authority', '127.0.0.1:8080'], ['Origin', PAGE], [':path', '/a'], ['X-Id', '1'], [':scheme', 'http']], responseHeaders: [[':status', '200']] }),
    ]));
    const headers = entries[0]!.requestHeaders;
    // The list is made at the raw list's length: the pseudo-headers' places must not stay behind as holes.
    expect(headers.length).toBe(2);
    expect([...headers]).toEqual([['Origin', PAGE], ['X-Id', '1']]);
    expect(entries[0]!.response!.headers.length).toBe(0);
  });

  it('tolerates entries missing their response, headers or time', () => {
    const exchanges = exchangesFromHar(har([{ request: { method: 'GET', url: `${API}/bare` } }]));
    expect(exchanges).toEqual([{ request: { method: 'GET', headers: [] }, hops: [{ url: `${API}/bare`, response: null }], startedAt: 0 }]);
  });
});

describe('HAR entries → exchanges', () => {
  it('maps a blocked simple request: headers in order, response, error, start time', () => {
    const [exchange, ...rest] = exchangesFromHar(
      har([
        entry({
          url: `${API}/s/a/0`,
          at: '2026-11-21T22:51:13.979Z',
          requestHeaders: [['Accept', '*/*'], ['Origin', PAGE], ['X-Dup', '1'], ['x-dup', '2']],
          responseHeaders: [['Content-Type', 'text/plain']],
          error: 'net::ERR_FAILED',
        }),
      ]),
    );
    expect(rest).toEqual([]);
    expect(exchange).toEqual({
      request: { method: 'GET', headers: [['Accept', '*/*'], ['Origin', PAGE], ['X-Dup', '1'], ['x-dup', '2']], initiatorOrigin: PAGE, bodySize: 0 },
      hops: [{ url: `${API}/s/a/0`, response: { status: 200, headers: [['Content-Type', 'text/plain']] } }],
      errorText: 'net::ERR_FAILED',
      startedAt: Date.parse('2026-11-21T22:51:13.979Z'),
    });
  });

  it('folds a failed preflight into its request; status 0 → no response; origin from the preflight', () => {
    const url = `${API}/s/put/0`;
    const [exchange, ...rest] = exchangesFromHar(
      har([
        entry({ preflight: true, method: 'OPTIONS', url, at: '2026-01-01T00:00:00.002Z', status: 404, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]] }),
        entry({ method: 'PUT', url, at: '2026-01-01T00:00:00.001Z', status: 0, error: 'net::ERR_FAILED', requestHeaders: [['Referer', `${PAGE}/app/`]] }),
      ]),
    );
    expect(rest).toEqual([]);
    expect(exchange!.request.method).toBe('PUT');
    expect(exchange!.request.initiatorOrigin).toBe(PAGE);
    // Provisional headers carry no Sec-Fetch-Mode; a preflight proves the mode was "cors".
    expect(exchange!.request.mode).toBe('cors');
    expect(exchange!.hops).toEqual([
      {
        url,
        response: null,
        preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]], response: { status: 404, headers: [] } },
      },
    ]);
    expect(exchange!.errorText).toBe('net::ERR_FAILED');
  });

  it('a preflight that got no response carries its error as networkError', () => {
    const url = `${API}/p`;
    const [exchange] = exchangesFromHar(
      har([
        entry({ method: 'PUT', url, at: '2026-01-01T00:00:00.001Z', status: 0, error: 'net::ERR_FAILED' }),
        entry({ preflight: true, method: 'OPTIONS', url, at: '2026-01-01T00:00:00.002Z', status: 0, error: 'net::ERR_CONNECTION_RESET', requestHeaders: [['Access-Control-Request-Method', 'PUT']] }),
      ]),
    );
    expect(exchange!.hops[0]!.preflight).toMatchObject({ response: null, networkError: 'net::ERR_CONNECTION_RESET' });
  });

  it('chains redirect hops into one exchange, from redirectURL or from Location', () => {
    const exchanges = exchangesFromHar(
      har([
        entry({ url: `${API}/r/0`, at: '2026-01-01T00:00:00.000Z', status: 302, redirectURL: 'http://localhost:9/r/1' }),
        entry({ url: 'http://localhost:9/r/1', at: '2026-01-01T00:00:00.007Z', status: 301, responseHeaders: [['Location', '/r/2']], requestHeaders: [['Origin', 'null']] }),
        entry({ url: 'http://localhost:9/r/2', at: '2026-01-01T00:00:00.014Z', error: 'net::ERR_FAILED', requestHeaders: [['Origin', 'null']] }),
      ]),
    );
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.hops.map((hop) => [hop.url, hop.response?.status])).toEqual([
      [`${API}/r/0`, 302],
      ['http://localhost:9/r/1', 301],
      ['http://localhost:9/r/2', 200],
    ]);
    expect(exchanges[0]!.request.initiatorOrigin).toBe(PAGE);
    expect(exchanges[0]!.errorText).toBe('net::ERR_FAILED');
  });

  // A redirect the browser did not follow (its CORS check failed): the HAR names its target in
  // `redirectURL` only, with no Location line; the engine gets it as the response's location URL.
  it("carries a 3xx's redirectURL to the engine as the location URL when no Location line holds it", () => {
    const [alone, withLocation] = exchangesFromHar(
      har([
        entry({ url: `${API}/r/0`, at: '2026-01-01T00:00:00.000Z', status: 302, redirectURL: '/r/1', error: 'net::ERR_FAILED' }),
        entry({ url: `${API}/s/0`, at: '2026-01-01T00:00:01.000Z', status: 302, redirectURL: '/s/1', responseHeaders: [['Location', '/s/1']], error: 'net::ERR_FAILED' }),
      ]),
    );
    expect(alone!.hops).toHaveLength(1);
    expect(alone!.hops[0]!.response).toEqual({ status: 302, headers: [], locationUrl: `${API}/r/1` });
    // The Location line carries it: nothing to add.
    expect(withLocation!.hops[0]!.response).toEqual({ status: 302, headers: [['Location', '/s/1']] });
  });

  // Session 33: a hand-made HAR's spelling of a URL showed one host while the request went to another.
  it('reads each URL as the browser sent it (serialized), and chains a redirect to such a spelling', () => {
    const exchanges = exchangesFromHar(
      har([
        entry({ url: 'https://evil.example\\@api.example/x', at: '2026-01-01T00:00:00.000Z', status: 302, redirectURL: 'https://0x7f.1/r/1' }),
        entry({ url: 'https://127.0.0.1/r/1', at: '2026-01-01T00:00:00.007Z', error: 'net::ERR_FAILED', requestHeaders: [['Origin', 'null']] }),
        entry({ url: 'https://\u0430pi.example/y', at: '2026-01-01T00:00:00.014Z', error: 'net::ERR_FAILED' }),
      ]),
    );
    expect(exchanges.map((x) => x.hops.map((hop) => hop.url))).toEqual([['https://evil.example/@api.example/x', 'https://127.0.0.1/r/1'], ['https://xn--pi-6kc.example/y']]);
  });

  it('sorts out-of-order entries by start time, keeping equal times in log order', () => {
    const exchanges = exchangesFromHar(
      har([
        entry({ url: `${API}/c`, at: '2026-01-01T00:00:03.000Z' }),
        entry({ url: `${API}/a`, at: '2026-01-01T00:00:01.000Z' }),
        entry({ url: `${API}/b1`, at: '2026-01-01T00:00:02.000Z' }),
        entry({ url: `${API}/b2`, at: '2026-01-01T00:00:02.000Z' }),
      ]),
    );
    expect(exchanges.map((e) => e.hops[0]!.url)).toEqual([`${API}/a`, `${API}/b1`, `${API}/b2`, `${API}/c`]);
  });

  it('marks a request whose preflight came from the cache', () => {
    const url = `${API}/put`;
    const ok: Pairs = [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']];
    const exchanges = exchangesFromHar(
      har([
        entry({ method: 'PUT', url, at: '2026-01-01T00:00:00.000Z', responseHeaders: ok }),
        entry({ preflight: true, method: 'OPTIONS', url, at: '2026-01-01T00:00:00.003Z', status: 204, responseHeaders: ok, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]] }),
        entry({ method: 'PUT', url, at: '2026-01-01T00:00:00.020Z', responseHeaders: ok }),
      ]),
    );
    expect(exchanges.map((e) => [e.hops[0]!.preflight !== undefined, e.hops[0]!.preflightFromCache ?? false])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it.each<{ about: string; headers: Pairs; pages: unknown[]; pageref?: string; initiator?: unknown; origin: string | null | undefined }>([
    { about: 'the Origin header', headers: [['Origin', PAGE], ['Referer', 'http://elsewhere.test/']], pages: [], origin: PAGE },
    { about: 'Origin: null is an opaque origin', headers: [['Origin', 'null']], pages: [], origin: null },
    { about: 'the page named by pageref', headers: [['Referer', 'http://elsewhere.test/']], pages: [{ id: 'p1', title: `${PAGE}/app` }], pageref: 'p1', origin: PAGE },
    { about: 'a page title longer than any URL is ignored', headers: [['Referer', `${PAGE}/x`]], pages: [{ id: 'p1', title: `https://${'a'.repeat(MAX_URL_LENGTH)}.example/` }], pageref: 'p1', origin: PAGE },
    { about: 'a page title that is no URL is ignored', headers: [['Referer', `${PAGE}/x`]], pages: [{ id: 'p1', title: 'My app' }], pageref: 'p1', origin: PAGE },
    { about: 'the Referer', headers: [['Referer', `${PAGE}/deep/path?q=1`]], pages: [], origin: PAGE },
    { about: 'nothing to tell', headers: [], pages: [], origin: undefined },
    { about: 'the Referer before the script that started it', headers: [['Referer', `${PAGE}/x`]], pages: [], initiator: { type: 'script', stack: { callFrames: [{ url: 'https://cdn.test/lib.js' }] } }, origin: PAGE },
    // An https page's fetch() of an http URL that never went out (Local Network Access): no Origin, no Referer.
    { about: 'the script that started it', headers: [], pages: [], initiator: { type: 'script', stack: { callFrames: [{ url: 'https://app.example.com/' }] } }, origin: 'https://app.example.com' },
    { about: 'the script, when the Referer is empty (an https → http downgrade)', headers: [['Referer', '']], pages: [], initiator: { type: 'script', stack: { callFrames: [{ url: 'https://app.example.com/' }] } }, origin: 'https://app.example.com' },
    { about: 'the document that started it', headers: [], pages: [], initiator: { type: 'parser', url: 'https://app.example.com/index.html' }, origin: 'https://app.example.com' },
  ])('initiator origin from $about', ({ headers, pages, pageref, initiator, origin }) => {
    const input = { url: `${API}/x`, at: '2026-01-01T00:00:00.000Z', requestHeaders: headers, ...(pageref ? { pageref } : {}) };
    const raw = { ...entry(input), ...(initiator ? { _initiator: initiator } : {}) };
    const [exchange] = exchangesFromHar(har([raw], pages));
    expect(exchange!.request.initiatorOrigin).toBe(origin);
  });

  it('Sec-Fetch-Mode gives the request mode', () => {
    const [exchange] = exchangesFromHar(
      har([entry({ url: `${API}/x`, at: '2026-01-01T00:00:00.000Z', requestHeaders: [['Sec-Fetch-Mode', 'no-cors']] })]),
    );
    expect(exchange!.request.mode).toBe('no-cors');
  });

  it('keeps same-origin requests (the engine says not-cors; only the CLI hides them)', () => {
    const exchanges = exchangesFromHar(har([entry({ url: `${PAGE}/probe`, at: '2026-01-01T00:00:00.000Z', requestHeaders: [] })]));
    expect(exchanges).toHaveLength(1);
  });
});

describe('HAR request body', () => {
  const withPostData = (postData: unknown) => {
    const raw = entry({ method: 'POST', url: `${API}/s/body`, at: '2026-01-01T00:00:00.000Z' });
    (raw['request'] as Record<string, unknown>)['postData'] = postData;
    return exchangesFromHar(har([raw]))[0]!.request;
  };

  it.each<{ about: string; postData: unknown; body: string | undefined }>([
    { about: 'postData.text, exactly', postData: { mimeType: 'application/json', text: '{"a": 1}\r\n\n' }, body: '{"a": 1}\r\n\n' },
    { about: 'text wins over params', postData: { mimeType: 'application/x-www-form-urlencoded', text: 'a=1&b=%20', params: [{ name: 'a', value: 'x' }] }, body: 'a=1&b=%20' },
    { about: 'params when text is absent, form-encoded', postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'q', value: 'a b&c' }, { name: 'n', value: '1' }] }, body: 'q=a+b%26c&n=1' },
    { about: 'an empty text', postData: { mimeType: 'text/plain', text: '' }, body: '' },
    { about: 'no body for a form with a file (its bytes are not in the HAR)', postData: { mimeType: 'multipart/form-data', params: [{ name: 'f', fileName: 'a.png', value: '' }] }, body: undefined },
    { about: 'no body when text is not a string', postData: { mimeType: 'text/plain', text: 42 }, body: undefined },
    { about: 'no body without postData', postData: undefined, body: undefined },
  ])('$about', ({ postData, body }) => {
    expect(withPostData(postData).body).toBe(body);
  });
});

// Session 39's second read (M2 #5): a response Chrome's HTTP cache gave (`_fromCache`) may have been
// stored for another request's Origin; the engine must know it was not the server's answer to this one.
describe("Chrome's _fromCache", () => {
  it.each([
    ['disk', true],
    ['memory', true],
    [undefined, undefined],
    ['', undefined],
  ] as const)('_fromCache %s -> response.fromCache %s', (fromCache, out) => {
    const raw = { ...entry({ url: `${API}/data`, at: '2026-01-01T00:00:00.000Z', responseHeaders: [['Access-Control-Allow-Origin', PAGE]] }), ...(fromCache === undefined ? {} : { _fromCache: fromCache }) };
    expect(exchangesFromHar(har([raw]))[0]!.hops[0]!.response!.fromCache).toBe(out);
  });
});

// A needed preflight missing from the log is a hit in the preflight cache of the browser that wrote
// the HAR, read by its rules (src/cors/preflight-cache.ts has the table): Access-Control-Max-Age
// 86400 keeps the entry 7,200 s in Chromium, 86,400 s in Firefox.
describe('a preflight answered from the cache of the browser that wrote the HAR', () => {
  const page = 'https://app.example';
  const url = 'https://api.example/a';
  const sent = [['Origin', page]] as Pairs;
  const cacheHar = (creator: string, later: string) => ({
    log: {
      version: '1.2',
      creator: { name: creator, version: '1' },
      pages: [],
      entries: [
        entry({ method: 'PUT', url, at: '2026-12-04T10:00:00.000Z', requestHeaders: sent, responseHeaders: [['Access-Control-Allow-Origin', page]] }),
        entry({
          method: 'OPTIONS',
          url,
          at: '2026-12-04T10:00:00.002Z',
          preflight: true,
          requestHeaders: [...sent, ['Access-Control-Request-Method', 'PUT']],
          status: 204,
          responseHeaders: [['Access-Control-Allow-Origin', page], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '86400']],
        }),
        entry({ method: 'PUT', url, at: later, requestHeaders: sent, responseHeaders: [['Access-Control-Allow-Origin', page]] }),
      ],
    },
  });
  const fromCache = (creator: string, later: string) => mapHar(cacheHar(creator, later)).exchanges.map((x) => x.hops[0]!.preflightFromCache === true);

  it('three hours later: past Chromium\'s 7,200 s, inside Firefox\'s 86,400 s', () => {
    expect(fromCache('Firefox', '2026-12-04T13:00:00.000Z')).toEqual([false, true]);
    expect(fromCache('WebInspector', '2026-12-04T13:00:00.000Z')).toEqual([false, false]);
  });

  it('a minute later: in both', () => {
    expect(fromCache('Firefox', '2026-12-04T10:01:00.000Z')).toEqual([false, true]);
    expect(fromCache('WebInspector', '2026-12-04T10:01:00.000Z')).toEqual([false, true]);
  });

  it('the hit keeps the entry that answered (its Max-Age, its age), and the diagnosis both browsers\' reading of it', () => {
    const cached = mapHar(cacheHar('Firefox', '2026-12-04T13:00:00.000Z')).exchanges[1]!;
    // The preflight's response arrived at 10:00:00.007 (started .002, 5 ms).
    expect(cached.hops[0]!.preflightCacheEntry).toEqual({ maxAge: '86400', ageMs: 3 * 3600_000 - 7 });
    expect(diagnose(cached, browserRules('chromium')).preflight).toMatchObject({ observed: 'cached', cacheEntry: { maxAge: { found: '86400', chromiumSeconds: 7200, firefoxSeconds: 86400 }, ageMs: 3 * 3600_000 - 7 } });
    expect(diagnose(cached, FIREFOX_RULES).preflight.cacheEntry).toEqual(diagnose(cached, browserRules('chromium')).preflight.cacheEntry);
  });
});
