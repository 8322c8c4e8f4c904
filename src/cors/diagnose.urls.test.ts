// What the engine says of URLs that are not plain http(s) URLs: data: and blob: URLs as the Fetch
// and URL Standards treat them, and URLs no browser could have fetched (relative, no scheme, no
// host), which are reported as such instead of being blamed on CORS.

import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseVerdict } from './diagnose.ts';
import type { Diagnosis } from './diagnosis.ts';
import type { HeaderList, ObservedExchange, ObservedHop, ObservedRequest } from './exchange.ts';
import { explain } from './explain/explain.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
const ok = (headers: HeaderList = []) => ({ status: 200, headers });

function exchange(hops: ObservedHop[], request: Partial<ObservedRequest> = {}, errorText?: string): ObservedExchange {
  const ex: ObservedExchange = { request: { method: 'GET', headers: [], initiatorOrigin: PAGE, mode: 'cors', credentialsMode: 'omit', ...request }, hops };
  if (errorText !== undefined) ex.errorText = errorText;
  return ex;
}
/** What a HAR says: no page origin, no mode, no credentials mode. */
const fromHar = (hops: ObservedHop[], headers: HeaderList = [], errorText?: string) => exchange(hops, { headers, initiatorOrigin: undefined, mode: undefined, credentialsMode: undefined }, errorText);

type Outcome = [Diagnosis['verdict'], string | null, Diagnosis['notCors'] | null, Diagnosis['urlProblem'] | null];
const outcome = (d: Diagnosis): Outcome => [d.verdict, d.corsError, d.notCors ?? null, d.urlProblem ?? null];

describe('URLs that are not plain http(s)', () => {
  it.each<[string, ObservedExchange, Outcome]>([
    // https://fetch.spec.whatwg.org/#main-fetch: "request's current URL's scheme is data" → basic, scheme fetch.
    ['a data: URL in mode cors: no CORS check', exchange([{ url: 'data:text/plain,hi', response: ok([['Content-Type', 'text/plain']]) }]), ['not-cors', null, 'data-url', null]],
    ['a data: URL in mode same-origin', exchange([{ url: 'data:,x', response: ok() }], { mode: 'same-origin' }), ['not-cors', null, 'data-url', null]],
    ['a data: URL from an opaque origin', exchange([{ url: 'data:,x', response: ok() }], { initiatorOrigin: null }), ['not-cors', null, 'data-url', null]],
    ['a data: URL from a HAR (no page origin, no mode)', fromHar([{ url: 'data:application/json,{}', response: ok() }]), ['not-cors', null, 'data-url', null]],
    ['a data: URL in upper case', exchange([{ url: 'DATA:,x', response: ok() }]), ['not-cors', null, 'data-url', null]],
    // https://fetch.spec.whatwg.org/#http-redirect-fetch: a redirect to data: is a network error (Chromium: ERR_UNSAFE_REDIRECT).
    [
      'a redirect to a data: URL stays a network error',
      exchange([{ url: API + '/r', response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', 'data:,x']] } }], {}, 'net::ERR_UNSAFE_REDIRECT'),
      ['network-error', null, null, null],
    ],
    // https://url.spec.whatwg.org/#concept-url-origin: a blob: URL's origin is its inner URL's.
    ['a blob: URL of the page itself: same-origin', exchange([{ url: `blob:${PAGE}/9b0c`, response: ok() }]), ['not-cors', null, 'same-origin', null]],
    ['a blob: URL of another origin in mode cors: CorsDisabledScheme', exchange([{ url: `blob:${API}/9b0c`, response: null }], {}, 'net::ERR_FAILED'), ['blocked', 'CorsDisabledScheme', null, null]],
    ['a blob: URL of another origin in mode no-cors: opaque', exchange([{ url: `blob:${API}/9b0c`, response: ok() }], { mode: 'no-cors' }), ['not-cors', null, 'no-cors', null]],
    [
      'a blob: URL of an opaque origin, fetched from an opaque origin: cannot tell',
      exchange([{ url: 'blob:null/9b0c', response: ok() }], { initiatorOrigin: null }),
      ['uncertain', null, null, { hop: 0, url: 'blob:null/9b0c', kind: 'opaque-blob' }],
    ],
    ['a blob: URL of an opaque origin, fetched from a tuple origin: CorsDisabledScheme', exchange([{ url: 'blob:null/9b0c', response: null }], {}, 'net::ERR_FAILED'), ['blocked', 'CorsDisabledScheme', null, null]],
    // A scheme that does not support CORS is still CorsDisabledScheme.
    ['ftp: in mode cors', exchange([{ url: 'ftp://127.0.0.1/x', response: null }], {}, 'net::ERR_FAILED'), ['blocked', 'CorsDisabledScheme', null, null]],
  ])('%s', (_d, ex, expected) => {
    const diagnosis = diagnose(ex);
    expect(outcome(diagnosis)).toEqual(expected);
    expect(diagnoseVerdict(ex)).toMatchObject({ verdict: diagnosis.verdict, corsError: diagnosis.corsError });
  });
});

describe('URLs no browser could have fetched', () => {
  it.each<[string, ObservedExchange, number, string]>([
    ['a relative path', exchange([{ url: '/api/items', response: ok() }]), 0, '/api/items'],
    ['a host without a scheme', exchange([{ url: 'api.example/items', response: null }], {}, 'net::ERR_FAILED'), 0, 'api.example/items'],
    ['a scheme without a host', exchange([{ url: 'http://', response: null }], {}, 'net::ERR_FAILED'), 0, 'http://'],
    ['a space in the host', exchange([{ url: 'http://api example/', response: null }], {}, 'net::ERR_FAILED'), 0, 'http://api example/'],
    ['a port out of range', exchange([{ url: 'http://127.0.0.1:70000/', response: null }], {}, 'net::ERR_FAILED'), 0, 'http://127.0.0.1:70000/'],
    ['an empty URL, from a HAR', fromHar([{ url: '', response: ok() }]), 0, ''],
    [
      'a redirect recorded with a relative URL',
      exchange([{ url: API + '/r', response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', '/next']] } }, { url: '/next', response: ok() }]),
      1,
      '/next',
    ],
  ])('%s: uncertain, saying which URL, never CorsDisabledScheme', (_d, ex, hop, url) => {
    const diagnosis = diagnose(ex);
    expect(outcome(diagnosis)).toEqual(['uncertain', null, null, { hop, url, kind: 'invalid' }]);
    expect(diagnosis.failedAt).toEqual({ hop, phase: 'request' });
    expect(diagnoseVerdict(ex)).toEqual({ verdict: 'uncertain', corsError: null, failedParameter: null, failureReason: null, preflightSent: false, failedHop: null, preflightUnanswered: false });
    const explanation = explain(diagnosis, ex);
    expect(explanation.headline).toBe('Invalid URL in the capture');
    expect(explanation.explanation).toContain(`'${url}', which is not a valid URL`);
    expect(explanation.explanation).toContain(hop === 0 ? "the request's URL" : `the URL of redirect ${hop}`);
    expect(explanation.consoleMessage).toBeNull();
    expect(explanation.fixes).toEqual([]);
  });

  it('a Location that does not parse, where the capture stops: uncertain, not a CORS error', () => {
    const ex = exchange([{ url: API + '/r', response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', 'http://a b/']] } }], {}, 'net::ERR_FAILED');
    expect(outcome(diagnose(ex))).toEqual(['uncertain', null, null, null]);
    expect(diagnoseVerdict(ex).verdict).toBe('uncertain');
  });

  it('a scheme-relative Location resolves against the hop it came from, credentials and all', () => {
    const ex = exchange([{ url: API + '/a/b?q', response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', '//u:p@LOCALHOST:3333/x']] } }], {}, 'net::ERR_FAILED');
    expect(outcome(diagnose(ex))).toEqual(['blocked', 'RedirectContainsCredentials', null, null]);
  });
});

describe('the words for them', () => {
  it('a data: URL: no CORS, readable', () => {
    const ex = exchange([{ url: 'data:text/plain,hi', response: ok() }]);
    const explanation = explain(diagnose(ex), ex);
    expect(explanation.headline).toBe('data: URL, no CORS');
    expect(explanation.explanation).toContain('data: URL');
    expect(explanation.explanation).toContain('no CORS check');
    expect(explanation.consoleMessage).toBeNull();
  });

  it('a blob: URL of an opaque origin: says what only the browser knows', () => {
    const ex = exchange([{ url: 'blob:null/9b0c', response: ok() }], { initiatorOrigin: null });
    const explanation = explain(diagnose(ex), ex);
    expect(explanation.headline).toBe('blob: URL of an opaque origin');
    expect(explanation.explanation).toContain('blob:null/9b0c');
    expect(explanation.explanation).toContain('Only the browser knows');
  });
});
