import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { exchangesFromCdpEvents, headerLinesFromText, type CdpEvent } from './devtools-protocol.ts';

// A real log: Chromium 156 running test/scenarios/public.json through the conformance harness.
interface Fixture {
  origins: { page: string; api: string; other: string; closed: string };
  observed: { id: string; runs: { outcome: string; corsError: string | null; failedParameter: string | null; preflight: boolean }[] }[];
  events: CdpEvent[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../test/conformance/fixtures/public.cdp-events.json', import.meta.url), 'utf8'),
) as Fixture;

function ev(method: string, params: Record<string, unknown>): CdpEvent {
  return { method: `Network.${method}`, params };
}

const PAGE = 'http://127.0.0.1:4000';
const API = 'http://127.0.0.1:5000';

const sent = (id: string, url: string, extra: Record<string, unknown> = {}): CdpEvent =>
  ev('requestWillBeSent', {
    requestId: id,
    documentURL: `${PAGE}/`,
    request: { url, method: 'GET', headers: { Accept: '*/*' } },
    timestamp: 1,
    wallTime: 1000,
    initiator: { type: 'script' },
    type: 'Fetch',
    ...extra,
  });
const wireRequest = (id: string, headers: Record<string, string>): CdpEvent =>
  ev('requestWillBeSentExtraInfo', { requestId: id, headers });
const wireResponse = (id: string, statusCode: number, headersText: string): CdpEvent =>
  ev('responseReceivedExtraInfo', { requestId: id, statusCode, headers: {}, headersText });

describe('exchangesFromCdpEvents on hand-made events', () => {
  it("reads the page's address space and secure context from the wire request's clientSecurityState", () => {
    const clientSecurityState = { initiatorIsSecureContext: false, initiatorIPAddressSpace: 'Public', localNetworkAccessRequestPolicy: 'BlockFromInsecureToMorePrivate' };
    const [x] = exchangesFromCdpEvents([sent('1', `${API}/x`), ev('requestWillBeSentExtraInfo', { requestId: '1', headers: {}, clientSecurityState }), ev('loadingFinished', { requestId: '1' })]);
    expect([x!.request.initiatorAddressSpace, x!.request.initiatorSecureContext]).toEqual(['public', false]);
    const [unknown] = exchangesFromCdpEvents([sent('2', `${API}/x`), ev('requestWillBeSentExtraInfo', { requestId: '2', headers: {}, clientSecurityState: { initiatorIPAddressSpace: 'Unknown' } }), ev('loadingFinished', { requestId: '2' })]);
    expect(unknown!.request).not.toHaveProperty('initiatorAddressSpace');
    expect(unknown!.request).not.toHaveProperty('initiatorSecureContext');
  });

  const cases: { name: string; events: CdpEvent[]; check: (x: ObservedExchange[]) => void }[] = [
    {
      name: 'a blocked response: wire status and headers, the browser verdict, the error text',
      events: [
        sent('1', `${API}/a`),
        wireRequest('1', { Origin: PAGE, Cookie: 'sid=1', 'Sec-Fetch-Mode': 'cors' }),
        wireResponse('1', 200, 'HTTP/1.1 200 OK\r\nVary: a\r\nVary: b\r\n\r\n'),
        ev('loadingFailed', {
          requestId: '1',
          errorText: 'net::ERR_FAILED',
          corsErrorStatus: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
        }),
      ],
      check: ([x]) => {
        expect(x?.hops).toEqual([{ url: `${API}/a`, response: { status: 200, headers: [['Vary', 'a'], ['Vary', 'b']] } }]);
        expect(x?.request.headers).toContainEqual(['Cookie', 'sid=1']);
        expect(x?.request.mode).toBe('cors');
        expect(x?.request.initiatorOrigin).toBe(PAGE);
        expect(x?.errorText).toBe('net::ERR_FAILED');
        expect(x?.browserVerdict).toEqual({ corsError: 'MissingAllowOriginHeader', failedParameter: '' });
      },
    },
    {
      name: 'a preflight seen before its request is folded into the request, by initiator.requestId',
      events: [
        sent('P', `${API}/b`, { request: { url: `${API}/b`, method: 'OPTIONS' }, initiator: { type: 'preflight', requestId: '2', url: `${API}/b` }, type: 'Other' }),
        wireRequest('P', { 'Access-Control-Request-Method': 'PUT' }),
        wireResponse('P', 204, 'HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\n'),
        ev('loadingFinished', { requestId: 'P' }),
        sent('2', `${API}/b`, { request: { url: `${API}/b`, method: 'PUT', postData: 'é' } }),
        ev('loadingFailed', {
          requestId: '2',
          errorText: 'net::ERR_FAILED',
          corsErrorStatus: { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' },
        }),
      ],
      check: (xs) => {
        expect(xs).toHaveLength(1);
        const hop = xs[0]?.hops[0];
        expect(xs[0]?.request.method).toBe('PUT');
        expect([xs[0]?.request.body, xs[0]?.request.bodySize]).toEqual(['é', 2]);
        // Never on the wire, so no Sec-Fetch-Mode; a preflight proves mode "cors".
        expect(xs[0]?.request.mode).toBe('cors');
        expect(hop?.response).toBeNull();
        expect(hop?.preflight).toEqual({
          url: `${API}/b`,
          requestHeaders: [['Access-Control-Request-Method', 'PUT']],
          response: { status: 204, headers: [['Access-Control-Allow-Origin', '*']] },
        });
      },
    },
    {
      name: 'a redirect chain reuses the request id; extra info pairs with hops by order',
      events: [
        wireResponse('3', 302, 'HTTP/1.1 302 Found\r\nLocation: http://localhost:6000/c\r\n'),
        sent('3', `${API}/c`),
        sent('3', 'http://localhost:6000/c', {
          timestamp: 2,
          redirectResponse: { url: `${API}/c`, status: 302, headers: { Location: 'http://localhost:6000/c' } },
        }),
        wireRequest('3', { Origin: PAGE }),
        wireRequest('3', { Origin: 'null' }),
        wireResponse('3', 200, 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\n'),
        ev('responseReceived', { requestId: '3', response: { url: 'http://localhost:6000/c', status: 200, headers: {} } }),
        ev('loadingFinished', { requestId: '3' }),
      ],
      check: ([x]) => {
        expect(x?.hops.map((h) => [h.url, h.response?.status])).toEqual([
          [`${API}/c`, 302],
          ['http://localhost:6000/c', 200],
        ]);
        expect(x?.hops[1]?.response?.headers).toEqual([['Access-Control-Allow-Origin', '*']]);
        expect(x?.request.headers).toEqual([['Origin', PAGE]]);
        expect(x?.browserVerdict).toBeNull();
      },
    },
    {
      name: 'a refused preflight has no response and a network error',
      events: [
        sent('Q', `${API}/d`, { request: { url: `${API}/d`, method: 'OPTIONS' }, initiator: { type: 'preflight', requestId: '4' } }),
        ev('loadingFailed', { requestId: 'Q', errorText: 'net::ERR_CONNECTION_REFUSED', type: 'Preflight' }),
        sent('4', `${API}/d`, { request: { url: `${API}/d`, method: 'DELETE', headers: { 'sec-ch-ua-mobile': '?0' } } }),
        ev('loadingFailed', { requestId: '4', errorText: 'net::ERR_FAILED' }),
      ],
      check: ([x]) => {
        expect(x?.hops[0]?.preflight?.response).toBeNull();
        expect(x?.hops[0]?.preflight?.networkError).toBe('net::ERR_CONNECTION_REFUSED');
        // Never on the wire: only the provisional headers are known.
        expect(x?.request.headers).toEqual([['sec-ch-ua-mobile', '?0']]);
        expect(x?.browserVerdict).toBeNull();
      },
    },
    {
      name: 'a request still in flight is left out',
      events: [sent('5', `${API}/e`), wireRequest('5', { Origin: PAGE })],
      check: (xs) => expect(xs).toEqual([]),
    },
  ];
  for (const c of cases) it(c.name, () => c.check(exchangesFromCdpEvents(c.events)));

  it('maps a request in flight when asked to', () => {
    expect(exchangesFromCdpEvents([sent('6', `${API}/f`)], { includeUnfinished: true })).toHaveLength(1);
  });
});

describe('headerLinesFromText', () => {
  it.each([
    ['HTTP/1.1 200 OK\r\nA: 1\r\nA:  2 \r\nb:3\r\n\r\n', [['A', '1'], ['A', '2'], ['b', '3']]],
    ['HTTP/1.1 204 No Content\r\n\r\n', []],
    ['not a status line\r\nA: 1', undefined],
  ])('%j', (text, lines) => expect(headerLinesFromText(text)).toEqual(lines));
});

describe('exchangesFromCdpEvents on a real recording of public.json', () => {
  const exchanges = exchangesFromCdpEvents(fixture.events);
  const runsOf = (id: string): ObservedExchange[] =>
    exchanges.filter((x) => x.hops[0] !== undefined && new URL(x.hops[0].url).pathname === `/s/${id}/0`);

  it('finds one exchange per run of every scenario, preflights folded in', () => {
    for (const s of fixture.observed) expect(runsOf(s.id), s.id).toHaveLength(s.runs.length);
    expect(exchanges.some((x) => x.request.method === 'OPTIONS')).toBe(false);
  });

  it("carries Chromium's verdict and whether a preflight was seen, as the harness observed them", () => {
    for (const s of fixture.observed) {
      runsOf(s.id).forEach((x, k) => {
        const run = s.runs[k];
        const blocked = run?.corsError === null ? null : { corsError: run?.corsError, failedParameter: run?.failedParameter };
        expect(x.browserVerdict, `${s.id} run ${k}`).toEqual(blocked);
        expect(x.hops.some((h) => h.preflight !== undefined), `${s.id} run ${k}`).toBe(run?.preflight);
      });
    }
  });

  it('keeps every hop Chromium visited and the wire headers that matter to CORS', () => {
    const [tainted] = runsOf('redirect-tainted-origin');
    expect(tainted?.hops.map((h) => h.response?.status)).toEqual([302, 200]);
    expect(tainted?.request.headers).toContainEqual(['Origin', fixture.origins.page]);
    const [stopped] = runsOf('redirect-3xx-without-acao');
    expect(stopped?.hops.map((h) => h.response?.status)).toEqual([302]);
    const [credentialed] = runsOf('cred-ok');
    expect(credentialed?.request.headers).toContainEqual(['Cookie', 'sid=1']);
    const [noCors] = runsOf('no-cors-opaque');
    expect(noCors?.request.mode).toBe('no-cors');
    const [refused] = runsOf('connection-refused');
    expect(refused?.hops[0]?.response).toBeNull();
    expect(refused?.errorText).toBe('net::ERR_CONNECTION_REFUSED');
    const [redirected] = runsOf('preflight-redirect');
    expect(redirected?.hops[0]?.preflight?.response?.status).toBe(302);
  });

  it('gives the same exchanges whatever order the events arrive in', () => {
    // Chromium keeps the order of same-kind events of one request; everything else may interleave.
    const group = (e: CdpEvent): string => `${(e.params as { requestId?: string }).requestId}|${e.method}`;
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: fixture.events.length, maxLength: fixture.events.length }), (keys) => {
        const byGroup = new Map<string, number[]>();
        fixture.events.forEach((e, i) => byGroup.set(group(e), [...(byGroup.get(group(e)) ?? []), i]));
        const key = new Array<number>(fixture.events.length);
        for (const members of byGroup.values()) {
          const sorted = members.map((i) => keys[i] ?? 0).sort((a, b) => a - b);
          members.forEach((i, n) => (key[i] = sorted[n] ?? 0));
        }
        const shuffled = fixture.events.map((e, i) => ({ e, k: key[i] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.e);
        const byUrl = (xs: ObservedExchange[]): ObservedExchange[] =>
          [...xs].sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0) || (a.hops[0]?.url ?? '').localeCompare(b.hops[0]?.url ?? ''));
        expect(byUrl(exchangesFromCdpEvents(shuffled))).toEqual(byUrl(exchanges));
      }),
      { numRuns: 25 },
    );
  });
});
