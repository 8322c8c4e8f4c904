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
  ['preflight 404 without ACAO', preflighted({ status: 404, headers: [] }), ['a 404 means no route answers OPTIONS']],
  ['preflight redirect', engineCase('PreflightDisallowedRedirect').exchange, [`308 to ${API}/items/`, 'trailing slash']],
  ['wildcard', simpleGet([['Access-Control-Allow-Origin', '*']], { credentials: 'include' }), [`Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Credentials: true']],
  ['acac', simpleGet([ACAO, ['Access-Control-Allow-Credentials', 'True']], { credentials: 'include' }), ['sent Access-Control-Allow-Credentials: True']],
  ['acac missing', simpleGet([ACAO], { credentials: 'include' }), ['sent no such header']],
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
