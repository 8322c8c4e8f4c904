import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../cors-error.ts';
import type { ObservedExchange } from '../exchange.ts';
import { FIREFOX_RULES } from '../browser-rules.ts';
import { diagnose } from '../diagnose.ts';
import { headline } from './headline.ts';
import { explanationText } from './reason-text.ts';
import { API, PAGE, caseFor, diagnosed, engineCase, engineCaseKeys, ENGINE_CASES, exchangeOf, preflighted, simpleGet } from './test-diagnosis.ts';

const refused = (phase: 'preflight' | 'request', errorText: string): ObservedExchange =>
  phase === 'request'
    ? exchangeOf({ hops: [{ url: `${API}/x`, response: null }], errorText })
    : exchangeOf({ method: 'PUT', hops: [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [], response: null, networkError: errorText }, response: null }], errorText });
const ACAM_PUT: [string, string] = ['Access-Control-Allow-Methods', 'PUT'];
const ACAO: [string, string] = ['Access-Control-Allow-Origin', PAGE];

// [name, exchange, phrases the text must hold]
describe('a 3xx that is no redirect is not called one', () => {
  // https://fetch.spec.whatwg.org/#redirect-status: a 304 (or 300) that dropped the CORS headers
  // needs them on itself; "a redirect" would send the fix to a response that never happened.
  it.each([300, 304, 305])('a %i with a Location, without ACAO', (status) => {
    const { diagnosis, exchange } = diagnosed(exchangeOf({ hops: [{ url: `${API}/x`, response: { status, headers: [['Location', `${API}/y`]] } }], errorText: 'net::ERR_FAILED' }));
    const text = explanationText(diagnosis, exchange);
    expect(text).not.toContain('redirect');
    expect(text).toContain(`(status ${status}) had no Access-Control-Allow-Origin`);
    expect(headline(diagnosis, exchange)).toBe('No Access-Control-Allow-Origin');
  });
  it('a 302 with a Location is one', () => {
    const { diagnosis, exchange } = diagnosed(exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 302, headers: [['Location', `${API}/y`]] } }], errorText: 'net::ERR_FAILED' }));
    expect(explanationText(diagnosis, exchange)).toContain('answered 302 (a redirect)');
    expect(headline(diagnosis, exchange)).toBe('Redirect 302 without Access-Control-Allow-Origin');
  });
  it('a preflight answered 304 is not told it was redirected', () => {
    const { diagnosis, exchange } = diagnosed(preflighted({ status: 304, headers: [['Location', `${API}/y`]] }, { headers: [['X-Trace', '1']] }));
    const text = explanationText(diagnosis, exchange);
    expect(text).toContain('a 304 is no redirect the browser could follow');
    expect(text).not.toContain('a 304 is a redirect');
  });
});

const cases: [string, ObservedExchange, string[]][] = [
  ['refused', refused('request', 'net::ERR_CONNECTION_REFUSED'), ['This is not a CORS problem', 'net::ERR_CONNECTION_REFUSED', 'Nothing is listening']],
  ['dns', refused('request', 'net::ERR_NAME_NOT_RESOLVED'), ['This is not a CORS problem', 'DNS']],
  ['tls on the preflight', refused('preflight', 'net::ERR_CERT_AUTHORITY_INVALID'), ['The preflight (OPTIONS) request', 'This is not a CORS problem', 'TLS']],
  ['500 without ACAO', simpleGet([], { status: 500 }), ['(status 500) had no Access-Control-Allow-Origin', 'Fix the 500 first', 'on error responses too']],
  ['redirect without ACAO', exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 301, headers: [['Location', 'http://localhost:9/y']] } }], errorText: 'net::ERR_FAILED' }), ['answered 301 (a redirect)', 'each redirect']],
  ['mismatch with difference', simpleGet([['Access-Control-Allow-Origin', 'http://localhost:5173']]),
    ['Access-Control-Allow-Origin: http://localhost:5173', `the request's origin is ${PAGE}`, 'localhost and 127.0.0.1 are different origins']],
  ['header not listed', preflighted({ status: 204, headers: [ACAO, ACAM_PUT, ['Access-Control-Allow-Headers', 'x-other']] }, { headers: [['Content-Type', 'application/json']] }),
    ["'x-other'", "'application/json'", 'Add content-type to Access-Control-Allow-Headers']],
  ['no Access-Control-Allow-Headers', preflighted({ status: 204, headers: [ACAO, ACAM_PUT] }), ['had no Access-Control-Allow-Headers', 'Add x-trace']],
  ['method', preflighted({ status: 204, headers: [ACAO, ['Access-Control-Allow-Methods', 'GET, POST']] }, { headers: [] }), ["'GET, POST'", 'Add PUT']],
  ['method in another case', preflighted({ status: 204, headers: [ACAO, ['Access-Control-Allow-Methods', 'PATCH']] }, { method: 'patch', headers: [] }), ['byte for byte', 'Add patch']],
  ['method * with credentials', engineCase('MethodDisallowedByPreflightResponse', 'wildcard-is-literal-with-credentials').exchange, ['* is no wildcard', 'Name PUT']],
  ['preflight 401', engineCase('PreflightInvalidStatus').exchange, ['status 401', 'never carries cookies or Authorization']],
  ['preflight 404 without ACAO', preflighted({ status: 404, headers: [] }), ['A 404 means no route answers OPTIONS', 'Two things must change', 'a 2xx alone would be refused next for the missing header']],
  ['preflight redirect', engineCase('PreflightDisallowedRedirect').exchange, [`308 to ${API}/items/`, 'trailing slash']],
  ['wildcard', simpleGet([['Access-Control-Allow-Origin', '*']], { credentials: 'include' }), [`Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Credentials: true']],
  ['acac', simpleGet([ACAO, ['Access-Control-Allow-Credentials', 'True']], { credentials: 'include' }), ['sent Access-Control-Allow-Credentials: True']],
  ['acac missing', simpleGet([ACAO], { credentials: 'include' }), ['sent no such header']],
  ['wildcard with credentials allowed already', simpleGet([['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']], { credentials: 'include' }),
    ['and keep its Access-Control-Allow-Credentials: true']],
  ['an Access-Control-Allow-Origin that is no origin', simpleGet([['Access-Control-Allow-Origin', 'foo']]), ["(\'foo\')", `send exactly ${PAGE}`]],
  ['acac empty', simpleGet([ACAO, ['Access-Control-Allow-Credentials', '']], { credentials: 'include' }), ['sent an empty Access-Control-Allow-Credentials']],
  ['acac on two lines', simpleGet([ACAO, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Credentials', 'true']], { credentials: 'include' }),
    ["on 2 header lines, which the browser reads as the one value 'true, true': send it once"]],
  ['headers * with credentials', preflighted({ status: 204, headers: [ACAO, ACAM_PUT, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Headers', '*']] }, { credentials: 'include' }),
    ['the standard never lets * cover', 'Firefox with a deprecation warning']],
  ['allowed with hidden headers', simpleGet([ACAO, ['X-Total', '3']]), ['Access-Control-Expose-Headers', 'x-total']],
  ['no-cors', exchangeOf({ mode: 'no-cors', hops: [{ url: `${API}/x`, response: { status: 0, headers: [] } }] }), ['opaque']],
];

// A same-origin PUT with X-Custom that a 303 sends to api as a GET (keeping X-Custom): the browser
// preflights api for that GET (redirects-from-page.json), and the words name the GET.
const putSeeOtherToApi = exchangeOf({
  method: 'PUT',
  headers: [['Origin', PAGE], ['X-Custom', '1']],
  hops: [
    { url: `${PAGE}/0`, response: { status: 303, headers: [['Location', `${API}/1`]] } },
    { url: `${API}/1`, preflight: { url: `${API}/1`, requestHeaders: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'x-custom']], response: { status: 405, headers: [] } }, response: null },
  ],
  errorText: 'net::ERR_FAILED',
});

describe('the preflight at a later hop names the method sent there', () => {
  it('a 303 made the PUT a GET: "Before GET", "never sent the GET", and the page\'s own PUT', () => {
    const { diagnosis } = diagnosed(putSeeOtherToApi);
    expect(diagnosis.corsError).toBe('PreflightMissingAllowOriginHeader');
    const text = explanationText(diagnosis, putSeeOtherToApi);
    expect(text).toContain(`Before GET ${API}/1`);
    expect(text).toContain('never sent the GET');
    expect(text).not.toContain('Before PUT');
  });
});

// A preflight fails on its status whatever headers it carries (https://fetch.spec.whatwg.org/#cors-preflight-fetch):
// the words name the status's usual cause, and never advise CORS headers on the error, which would not help.
// [name, exchange, phrases the text must hold, phrases it must not]
const preflightStatusCases: [string, ObservedExchange, string[], string[]][] = [
  ['preflight 401 without ACAO', preflighted({ status: 401, headers: [] }), ['A 401 means authentication', 'without auth', 'Two things must change'], ['no route answers OPTIONS', 'on error responses too', 'came without CORS headers', 'passed']],
  ['preflight 500 without ACAO', preflighted({ status: 500, headers: [] }), ['A 500 means the server failed while answering OPTIONS', 'Two things must change'], ['no route answers OPTIONS', 'on error responses too']],
  ['preflight 404 without ACAO', preflighted({ status: 404, headers: [] }), ['A 404 means no route answers OPTIONS', 'with a 2xx (200 or 204) and with the CORS headers', 'a 2xx alone would be refused next'], ['on error responses too', 'came without CORS headers', 'passed']],
  ['preflight 404 with ACAO', preflighted({ status: 404, headers: [ACAO, ACAM_PUT] }), ['status 404', 'Its Access-Control-Allow-Origin passed', 'whatever headers come with it', 'with every CORS header under', 'A 404 means no route answers OPTIONS'], ['came without CORS headers', 'on error responses too', 'Two things must change']],
  ['preflight 403 with ACAO', preflighted({ status: 403, headers: [ACAO, ACAM_PUT] }), ['A 403 means authentication'], ['no route answers OPTIONS', 'Usually no route']],
  ['preflight 302 with no Location', preflighted({ status: 302, headers: [ACAO, ACAM_PUT] }), ['with no Location is no redirect'], ['authentication']],
  ['preflight 400 with ACAO', preflighted({ status: 400, headers: [ACAO, ACAM_PUT] }), ['refused the OPTIONS request (400)'], ['no route answers OPTIONS', 'authentication']],
  // An error response that carries Access-Control-Allow-Origin, just not the right one.
  ['500 with another origin', simpleGet([['Access-Control-Allow-Origin', 'http://other.example']], { status: 500 }), ['also an error (500)'], ['came without CORS headers']],
];

// A name the standard safelists needs permission only for its value (https://fetch.spec.whatwg.org/#cors-safelisted-request-header):
// the words say which rule the value broke, and that the page could send one that needs none.
const getWith = (headers: [string, string][]): ObservedExchange => preflighted({ status: 204, headers: [ACAO] }, { method: 'GET', headers });
const safelistCases: [string, ObservedExchange, string[]][] = [
  ['accept with a quote', getWith([['Accept', 'text/"html"']]), ['The accept header is CORS-safelisted', 'none of the bytes', `this request sent 'text/"html"'`, 'Add accept to Access-Control-Allow-Headers', 'send a value within those limits']],
  ['a suffix range', getWith([['Range', 'bytes=-500']]), ['one byte range, bytes=N- or bytes=N-M', "sent 'bytes=-500'"]],
  ['content-language with @', getWith([['Content-Language', 'de@x']]), ['letters, digits, spaces']],
  ['content-type json', getWith([['Content-Type', 'application/json']]), ['text/plain', "sent 'application/json'"]],
  ['content-type of 129 bytes', getWith([['Content-Type', `text/plain;a=${'x'.repeat(116)}`]]), ['at most 128 bytes', 'was 129 bytes']],
  ['a client hint that is no number', getWith([['DPR', 'two']]), ['only in Chromium', 'the standard and Firefox never safelist it']],
  ['safelisted values over 1024 bytes together', getWith(Array.from({ length: 9 }, (): [string, string] => ['Accept', 'a'.repeat(120)])), ['at most 1024 bytes together', 'send shorter values']],
];

// A redirect the browser got and refused to follow is a network error to the page, though a response
// did arrive: the words say which rule refused it, never "before any response arrived".
const redirected = (location: string, over: { mode?: 'cors' | 'no-cors' | 'same-origin'; redirectMode?: 'follow' | 'error' | 'manual'; errorText: string }): ObservedExchange =>
  exchangeOf({
    ...(over.mode === undefined ? {} : { mode: over.mode }),
    ...(over.redirectMode === undefined ? {} : { redirectMode: over.redirectMode }),
    hops: [{ url: `${API}/a`, response: { status: 302, headers: [['Location', location], ['Access-Control-Allow-Origin', PAGE]] } }],
    errorText: over.errorText,
  });
const refusedRedirects: [string, ObservedExchange, string[]][] = [
  ["redirect: 'error'", redirected(`${API}/b`, { redirectMode: 'error', errorText: 'net::ERR_FAILED' }), ["redirect: 'error'", 'refused to follow it']],
  ['to a data: URL', redirected('data:text/plain,hi', { errorText: 'net::ERR_UNSAFE_REDIRECT' }), ['only to an http: or https: URL', 'refused to follow it']],
  ["mode 'same-origin' redirected to another origin", exchangeOf({ mode: 'same-origin', hops: [{ url: `${PAGE}/a`, response: { status: 302, headers: [['Location', `${API}/b`]] } }], errorText: '' }), ["mode 'same-origin'", 'refused to follow it']],
  ["mode 'no-cors' to a URL with credentials", redirected('http://u:p@localhost:9/b', { mode: 'no-cors', errorText: 'net::ERR_ABORTED' }), ['user:password@', "even in mode 'no-cors'"]],
];

describe('explanationText, on an Access-Control-Allow-Origin that is no origin', () => {
  it.each([['foo'], ['http://'], ['']])('%j: the page origin once, and no * the server never meant', (value) => {
    const x = simpleGet([['Access-Control-Allow-Origin', value]]);
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('InvalidAllowOriginValue');
    const text = explanationText(diagnosis, x);
    expect(text.toLowerCase().split(`send exactly ${PAGE}`.toLowerCase())).toHaveLength(2);
    expect(text).not.toContain(' or *');
  });
});

describe('explanationText, on response headers the page cannot read', () => {
  const withExpose = (expose: string | null, credentials: boolean): ObservedExchange =>
    simpleGet(
      [ACAO, ...(credentials ? [['Access-Control-Allow-Credentials', 'true'] as [string, string]] : []), ['X-Custom', '1'], ...(expose === null ? [] : [['Access-Control-Expose-Headers', expose] as [string, string]])],
      credentials ? { credentials: 'include' } : {},
    );
  it.each([
    ['no Access-Control-Expose-Headers', withExpose(null, false), 'unless Access-Control-Expose-Headers lists them: x-custom'],
    ['* with credentials', withExpose('*', true), 'the * in Access-Control-Expose-Headers is the literal name *'],
    ['a list that does not parse', withExpose('x a', false), "(\'x a\') is not a comma-separated list"],
    ['a list without the name', withExpose('x-other', false), "(\'x-other\') does not list: x-custom"],
  ] as const)('%s', (_n, x, phrase) => {
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.verdict).toBe('allowed');
    expect(explanationText(diagnosis, x)).toContain(phrase);
  });
});

describe('explanationText, when the credentials mode is inferred', () => {
  it("says the browser's error implies credentials, rather than stating them as seen", () => {
    // The browser failed a response that allows any origin: only credentials explain it.
    const seen = exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }], errorText: 'net::ERR_FAILED' });
    const { credentialsMode: _unrecorded, ...request } = seen.request;
    const x: ObservedExchange = { ...seen, request };
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.assumptions).toContainEqual({ about: 'credentials-mode', assumed: 'include', because: 'browser-error' });
    expect(explanationText(diagnosis, x)).toContain("the browser's error implies credentials: 'include'");
  });

  it('says nothing of it when the capture records the mode', () => {
    const x = simpleGet([['Access-Control-Allow-Origin', '*']], { credentials: 'include' });
    expect(explanationText(diagnosed(x).diagnosis, x)).not.toContain('implies');
  });
});

describe('explanationText, on a redirect refused in a CORS request', () => {
  it('a Location with user:password@ leading to another origin: the rule, without the password', () => {
    const x = redirected('http://u:secret@localhost:9/b', { errorText: 'net::ERR_FAILED' });
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('RedirectContainsCredentials');
    const text = explanationText(diagnosis, x);
    expect(text).toContain('when it leads to another origin than the page');
    expect(text).not.toContain('secret');
  });

  it('a Location whose scheme is not http(s): redirect to an http(s) URL, no file: advice', () => {
    const x = redirected('ftp://localhost:9/x', { errorText: 'net::ERR_FAILED' });
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('CorsDisabledScheme');
    const text = explanationText(diagnosis, x);
    expect(text).toContain('Location: ftp://localhost:9/x');
    expect(text).toContain('follows redirects to http: and https: URLs only');
    expect(text).not.toContain('file:');
  });
});

describe('explanationText, on a redirect the browser refused to follow', () => {
  it.each(refusedRedirects)('%s', (_n, x, phrases) => {
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.verdict).toBe('network-error');
    const text = explanationText(diagnosis, x);
    for (const p of phrases) expect(text).toContain(p);
    expect(text).not.toContain('before any response arrived');
    expect(text, 'a password in a Location is not repeated').not.toContain('u:p@');
  });

  it('names a redirect loop as one', () => {
    const loop = exchangeOf({
      hops: [...Array.from({ length: 20 }, () => ({ url: `${API}/a`, response: { status: 302, headers: [['Location', `${API}/a`], ['Access-Control-Allow-Origin', PAGE]] as [string, string][] } })), { url: `${API}/a`, response: null }],
      errorText: 'net::ERR_TOO_MANY_REDIRECTS',
    });
    const { diagnosis } = diagnosed(loop);
    expect(diagnosis.verdict).toBe('network-error');
    expect(explanationText(diagnosis, loop)).toContain('stops after 20 redirects');
  });

  it("names a redirect loop as one under Firefox's rules too (its capture says NS_ERROR_REDIRECT_LOOP)", () => {
    const loop = exchangeOf({
      hops: [...Array.from({ length: 21 }, () => ({ url: `${API}/a`, response: { status: 302, headers: [['Location', `${API}/a`], ['Access-Control-Allow-Origin', PAGE]] as [string, string][] } }))],
      errorText: 'NS_ERROR_REDIRECT_LOOP',
    });
    const diagnosis = diagnose(loop, FIREFOX_RULES);
    expect([diagnosis.verdict, diagnosis.networkFailure?.errorText]).toEqual(['network-error', 'NS_ERROR_REDIRECT_LOOP']);
    expect(explanationText(diagnosis, loop)).toContain('stops after 20 redirects');
  });
});

describe('explanationText, on a safelisted name whose value needs a preflight', () => {
  it.each(safelistCases)('%s', (_n, x, phrases) => {
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('HeaderDisallowedByPreflightResponse');
    const text = explanationText(diagnosis, x);
    for (const p of phrases) expect(text).toContain(p);
  });

  it('says nothing of values for a name that is never safelisted', () => {
    const x = getWith([['X-Trace', '1']]);
    expect(explanationText(diagnosed(x).diagnosis, x)).not.toContain('CORS-safelisted (sent without asking)');
  });
});

describe('explanationText, on a preflight or response that is an error', () => {
  it.each(preflightStatusCases)('%s', (_n, x, must, mustNot) => {
    const { diagnosis } = diagnosed(x);
    const text = explanationText(diagnosis, x);
    for (const p of must) expect(text).toContain(p);
    for (const p of mustNot) expect(text).not.toContain(p);
  });
});

describe('explanationText, on what the engine decided', () => {
  it.each(cases)('%s', (_n, x, phrases) => {
    const { diagnosis } = diagnosed(x);
    const text = explanationText(diagnosis, x);
    for (const p of phrases) expect(text).toContain(p);
  });

  it.each(CORS_ERRORS.map((e) => [e]))('%s has its own words', (e) => {
    const { diagnosis, exchange } = caseFor(e);
    const text = explanationText(diagnosis, exchange);
    expect(text.length).toBeGreaterThan(60);
    expect(text).not.toBe('The browser blocked the response.');
  });

  it('never claims a network failure is a CORS problem to fix with headers', () => {
    const x = refused('request', 'net::ERR_CONNECTION_RESET');
    expect(explanationText(diagnosed(x).diagnosis, x)).toContain('changing CORS settings will not help');
  });
});

// Issue #9: with credentials 'include', `Access-Control-Allow-Headers: *` is the literal name `*`,
// so every custom header fails, not only Authorization; the old words said "Authorization must be
// named explicitly; * does not cover it", which the engine (Chromium 156) never decides.
describe('Access-Control-Allow-Headers: * follows what the engine decided', () => {
  it('with credentials: * is the literal name, every custom header must be named', () => {
    const { diagnosis, exchange } = engineCase('HeaderDisallowedByPreflightResponse', 'wildcard-is-literal-with-credentials');
    const text = explanationText(diagnosis, exchange);
    expect(diagnosis.failedParameter).toBe('x-trace');
    expect(text).toContain('* is no wildcard, only the literal header name *');
    expect(text).toContain('must be named, not only Authorization (x-trace was the first one checked)');
    expect(text).toContain('Access-Control-Allow-Headers: authorization, x-trace');
  });

  it('without credentials: * covers every name, Authorization too (Chromium 156), so nothing fails', () => {
    const x = preflighted(
      { status: 204, headers: [ACAO, ACAM_PUT, ['Access-Control-Allow-Headers', '*']] },
      { headers: [['Authorization', 'Bearer t'], ['X-Trace', '1']], actual: { status: 200, headers: [ACAO] } },
    );
    expect(diagnosed(x).diagnosis.verdict).toBe('allowed');
  });

  it.each(engineCaseKeys().map((k) => [k]))('%s never says * does not cover Authorization', (key) => {
    const x = ENGINE_CASES[key]!;
    expect(explanationText(diagnosed(x).diagnosis, x)).not.toContain('* does not cover it');
  });
});

// A page whose own origin is opaque (a sandboxed iframe, a data: document) sends Origin: null. The
// words never tell the server to name null back: that trusts every such page. `*` is said for data
// anyone may read; with credentials, the page must have an origin of its own.
describe('an opaque page origin: no advice to allow null', () => {
  const opaque = (headers: [string, string][], credentials = false): ObservedExchange =>
    exchangeOf({ origin: 'null', credentialsMode: credentials ? 'include' : 'same-origin', hops: [{ url: `${API}/items`, response: { status: 200, headers } }], errorText: 'net::ERR_FAILED' });
  it.each<[string, ObservedExchange, string[]]>([
    ['no Access-Control-Allow-Origin', opaque([]), ['opaque origin', 'Access-Control-Allow-Origin: * lets it through', 'Do not allow null']],
    ['no Access-Control-Allow-Origin, credentials', opaque([], true), ['opaque origin', 'do not allow it', 'serve the page from its own origin']],
    ['another origin named', opaque([ACAO]), ['Access-Control-Allow-Origin: * lets it through', 'Do not allow null']],
    ['* with credentials', opaque([['Access-Control-Allow-Origin', '*']], true), ['refuses the wildcard', 'serve the page from its own origin']],
    ['a value that is no origin', opaque([['Access-Control-Allow-Origin', 'app.example']]), ['cannot read as an origin', 'Do not allow null']],
  ])('%s', (_n, x, phrases) => {
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.verdict).toBe('blocked');
    const text = explanationText(diagnosis, x);
    for (const p of phrases) expect(text).toContain(p);
    expect(text).not.toMatch(/must send Access-Control-Allow-Origin: null|Send exactly null|name the origin, Access-Control-Allow-Origin: null/);
  });
});

// A same-origin JSON POST that a 303 sends to api as a GET without Content-Type, captured by a
// browser that sent no preflight there (Chromium): under Firefox's rules, which preflight api on the
// headers the page set (FIREFOX_RULES.preflightCarriedAcrossRedirects), the capture has no answer.
const jsonSeeOtherToApi = exchangeOf({
  method: 'POST',
  headers: [['Origin', PAGE], ['Content-Type', 'application/json']],
  hops: [
    { url: `${PAGE}/0`, response: { status: 303, headers: [['Location', `${API}/1`]] } },
    { url: `${API}/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } },
  ],
});

describe("Firefox's preflight that the capture has no answer to", () => {
  it('names the header the page set, the GET sent there, and what api must answer', () => {
    const diagnosis = diagnose(jsonSeeOtherToApi, FIREFOX_RULES);
    expect(diagnosis.preflightUnanswered).toBe(true);
    const text = explanationText(diagnosis, jsonSeeOtherToApi);
    expect(text).toContain(`sent POST ${PAGE}/0 with Content-Type: application/json, which redirected to ${API}/1`);
    expect(text).toContain('Access-Control-Request-Method: GET');
    expect(text).toContain('The capture holds no answer to that preflight');
    expect(text).toContain(`Access-Control-Allow-Origin: ${PAGE}`);
    expect(headline(diagnosis, jsonSeeOtherToApi)).toBe('Preflight after the redirect not in the capture');
  });
});

describe("Firefox's preflight the capture has no answer to, before a response that fails anyway", () => {
  // The same request, but api's GET answered with no Access-Control-Allow-Origin: blocked in Firefox
  // whatever its preflight there answered (main-fetch.ts, replayFetch).
  const noAllowOrigin: ObservedExchange = { ...jsonSeeOtherToApi, hops: [jsonSeeOtherToApi.hops[0]!, { url: `${API}/1`, response: { status: 200, headers: [] } }], errorText: 'net::ERR_FAILED' };

  it('says Firefox would have sent one there, that the capture lacks it, and why the verdict stands', () => {
    const diagnosis = diagnose(noAllowOrigin, FIREFOX_RULES);
    expect([diagnosis.verdict, diagnosis.corsError, diagnosis.preflightUnansweredAt]).toEqual(['blocked', 'MissingAllowOriginHeader', 1]);
    const text = explanationText(diagnosis, noAllowOrigin);
    expect(text).toContain('had no Access-Control-Allow-Origin header');
    expect(text).toContain(
      ` Firefox would also have sent a preflight (OPTIONS) to ${API}/1 after the redirect, because it decides on the headers the page set (Content-Type: application/json), though the redirect removed it; the capture does not hold that preflight (the browser that made the capture sent none). The request is blocked whatever it answered: a failed preflight blocks the request, and a passing one lets it go on to this same failure, whose check reads no preflight.`,
    );
    // Chromium sends no preflight there: nothing to say.
    expect(explanationText(diagnose(noAllowOrigin), noAllowOrigin)).not.toContain('Firefox would also have sent a preflight');
  });

  it("after a preflighted first hop, says Firefox keeps the request's preflight across its redirects", () => {
    const blockedAfterPut: ObservedExchange = { ...putSeeOtherOnApi, hops: [putSeeOtherOnApi.hops[0]!, { url: `${API}/1`, response: { status: 200, headers: [] } }], errorText: 'net::ERR_FAILED' };
    const diagnosis = diagnose(blockedAfterPut, FIREFOX_RULES);
    expect([diagnosis.verdict, diagnosis.preflightUnansweredAt]).toEqual(['blocked', 1]);
    expect(explanationText(diagnosis, blockedAfterPut)).toContain(
      `Firefox would also have sent a preflight (OPTIONS) to ${API}/1 after the redirect, because it keeps a request's preflight across its redirects;`,
    );
  });
});

// api's preflighted PUT that a 303 sends to api as a GET: Firefox keeps the preflight (redirects.json).
const putSeeOtherOnApi = exchangeOf({
  method: 'PUT',
  headers: [['Origin', PAGE]],
  hops: [
    {
      url: `${API}/0`,
      preflight: { url: `${API}/0`, requestHeaders: [['Access-Control-Request-Method', 'PUT']], response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']] } },
      response: { status: 303, headers: [['Access-Control-Allow-Origin', PAGE], ['Location', `${API}/1`]] },
    },
    { url: `${API}/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } },
  ],
});

describe("Firefox's preflight kept across a redirect, that the capture has no answer to", () => {
  it('says the first hop needed one, and names the GET sent after the 303', () => {
    const diagnosis = diagnose(putSeeOtherOnApi, FIREFOX_RULES);
    expect(diagnosis.preflightUnanswered).toBe(true);
    const text = explanationText(diagnosis, putSeeOtherOnApi);
    expect(text).toContain(`sent PUT ${API}/0, which needed a preflight there and redirected to ${API}/1`);
    expect(text).toContain('Firefox keeps a request\'s preflight across its redirects');
    expect(text).toContain('Access-Control-Request-Method: GET');
  });
});
