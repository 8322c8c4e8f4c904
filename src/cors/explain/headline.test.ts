import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../cors-error.ts';
import type { ObservedExchange } from '../exchange.ts';
import { causeHeadline, failedOnTaintedOrigin, headline } from './headline.ts';
import { API, PAGE, caseFor, diagnosed, engineCase, exchangeOf, preflighted, simpleGet } from './test-diagnosis.ts';

const ACAO: [string, string] = ['Access-Control-Allow-Origin', PAGE];
const refused = (errorText: string): ObservedExchange => exchangeOf({ hops: [{ url: `${API}/x`, response: null }], errorText });
// A same-origin hop that redirects cross-origin: the origin the browser sends becomes `null`.
const tainted = exchangeOf({
  hops: [
    { url: `${API}/a`, response: { status: 302, headers: [ACAO, ['Location', 'http://localhost:9999/b']] } },
    { url: 'http://localhost:9999/b', response: { status: 200, headers: [ACAO] } },
  ],
  errorText: 'net::ERR_FAILED',
});

const cases: [string, ObservedExchange, string][] = [
  ['allowed', simpleGet([ACAO]), 'Allowed'],
  // A redirect the browser got and refused to follow is no plain network error: the rule is named.
  ["redirect: 'error'", exchangeOf({ redirectMode: 'error', hops: [{ url: `${API}/a`, response: { status: 302, headers: [ACAO, ['Location', `${API}/b`]] } }], errorText: 'net::ERR_FAILED' }), "Redirect refused (redirect: 'error')"],
  ['a redirect to data:', exchangeOf({ hops: [{ url: `${API}/a`, response: { status: 302, headers: [ACAO, ['Location', 'data:text/plain,hi']] } }], errorText: 'net::ERR_UNSAFE_REDIRECT' }), 'Redirect the browser will not follow'],
  ['same-origin', exchangeOf({ hops: [{ url: `${PAGE}/x`, response: { status: 200, headers: [] } }] }), 'Same-origin'],
  ['no-cors', exchangeOf({ mode: 'no-cors', hops: [{ url: `${API}/x`, response: { status: 0, headers: [] } }] }), 'Opaque (no-cors)'],
  ['refused', refused('net::ERR_CONNECTION_REFUSED'), 'Connection refused'],
  ['dns', refused('net::ERR_NAME_NOT_RESOLVED'), 'Host not found (DNS)'],
  ['mismatch', simpleGet([['Access-Control-Allow-Origin', 'http://example.com']]), "Access-Control-Allow-Origin is http://example.com, not the request's Origin"],
  // The value is the page's own origin: what failed is the Origin, null after the redirect.
  ['tainted', tainted, `Origin became null after a cross-origin redirect, but Access-Control-Allow-Origin is ${PAGE}`],
  ['missing', simpleGet([]), 'No Access-Control-Allow-Origin'],
  ['500', simpleGet([], { status: 500 }), 'Server error 500 without CORS headers'],
  ['404', simpleGet([], { status: 404 }), 'Error 404 without CORS headers'],
  ['redirect', exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 302, headers: [['Location', 'http://localhost:9/y']] } }], errorText: 'net::ERR_FAILED' }), 'Redirect 302 without Access-Control-Allow-Origin'],
  ['header', engineCase('HeaderDisallowedByPreflightResponse', 'not-listed').exchange, 'x-trace not in Access-Control-Allow-Headers'],
  ['method', engineCase('MethodDisallowedByPreflightResponse', 'not-listed').exchange, 'PUT not in Access-Control-Allow-Methods'],
  ['wildcard', engineCase('WildcardOriginNotAllowed').exchange, 'Wildcard origin with credentials'],
  // The same status reads apart by what Chromium checked first: Access-Control-Allow-Origin, then the status.
  ['preflight 404 bare', preflighted({ status: 404, headers: [] }), 'Preflight got 404 without Access-Control-Allow-Origin'],
  ['preflight 404', preflighted({ status: 404, headers: [ACAO] }), 'Preflight got 404 with Access-Control-Allow-Origin'],
  ['preflight 401 bare', preflighted({ status: 401, headers: [] }), 'Preflight got 401 without Access-Control-Allow-Origin'],
  ['preflight 500', preflighted({ status: 500, headers: [ACAO] }), 'Preflight got 500 with Access-Control-Allow-Origin'],
  // A 3xx is no error status: its words keep the status alone.
  ['preflight 304 bare', preflighted({ status: 304, headers: [] }), 'Preflight got 304'],
  ['preflight redirect', engineCase('PreflightDisallowedRedirect').exchange, 'Preflight redirected'],
  ['acac', engineCase('InvalidAllowCredentials', 'allow-credentials-not-true').exchange, 'Access-Control-Allow-Credentials is True, must be exactly true'],
  ['acac missing', engineCase('InvalidAllowCredentials', 'no-allow-credentials').exchange, 'Missing Access-Control-Allow-Credentials'],
  // Chromium's failedParameter is '' for an empty value too: it is no missing header.
  ['acac empty', simpleGet([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', '']], { credentials: 'include' }), 'Empty Access-Control-Allow-Credentials, must be exactly true'],
  ['list', engineCase('MultipleAllowOriginValues').exchange, 'Several origins in Access-Control-Allow-Origin'],
  // Not CORS, but cross-origin: never "Same-origin".
  ['manual redirect', exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 302, headers: [ACAO, ['Location', 'http://localhost:9/y']] } }] }), "Redirect handed to the page (redirect: 'manual')"],
  ['manual redirect, mode known', exchangeOf({ redirectMode: 'manual', hops: [{ url: `${API}/x`, response: { status: 302, headers: [ACAO, ['Location', 'http://localhost:9/y']] } }] }), "Redirect handed to the page (redirect: 'manual')"],
  ['navigation', exchangeOf({ mode: 'navigate', hops: [{ url: `${API}/x`, response: { status: 200, headers: [] } }] }), 'Navigation, no CORS'],
  // A followed redirect that passed, where the capture ends: the next URL's answer is unknown.
  ['followed past the capture', exchangeOf({ redirectMode: 'follow', hops: [{ url: `${API}/x`, response: { status: 302, headers: [ACAO, ['Location', 'http://localhost:9/y']] } }] }), 'Redirect passes; next URL not captured'],
  // An unparsable Location where the capture ends stays "cannot tell".
  ['followed, bad Location', exchangeOf({ redirectMode: 'follow', hops: [{ url: `${API}/x`, response: { status: 302, headers: [ACAO, ['Location', 'http://[bad']] } }] }), 'Cannot tell from what was captured'],
];

describe('headline', () => {
  it.each(cases)('%s', (_name, x, text) => expect(headline(diagnosed(x).diagnosis, x)).toBe(text));

  it.each(CORS_ERRORS.map((e) => [e]))('%s has a headline', (e) => {
    const { diagnosis, exchange } = caseFor(e);
    expect(headline(diagnosis, exchange).length).toBeGreaterThan(3);
  });
});

describe('causeHeadline', () => {
  // A cause's words hold for every request of the cause: the status is no part of its key.
  it.each([
    ['PreflightMissingAllowOriginHeader', 'Preflight lacks Access-Control-Allow-Origin'],
    ['PreflightInvalidStatus', 'Preflight status not 2xx'],
    ['MissingAllowOriginHeader', 'No Access-Control-Allow-Origin'],
    ['AllowOriginMismatch', 'Origin not allowed'],
    ['PreflightWildcardOriginNotAllowed', 'Wildcard origin with credentials on the preflight'],
  ])('%s', (error, words) => expect(causeHeadline('blocked', error, '')).toBe(words));

  it.each(CORS_ERRORS.filter((e) => e.startsWith('Preflight') && (CORS_ERRORS as readonly string[]).includes(e.slice('Preflight'.length))).map((e) => [e]))(
    '%s does not read as its response twin',
    (error) => expect(causeHeadline('blocked', error, 'v')).not.toBe(causeHeadline('blocked', error.slice('Preflight'.length), 'v')),
  );

  it('is null for a code it does not know', () => expect(causeHeadline('blocked', 'NotACode', '')).toBeNull());

  // One wording per cause: where the key holds what the row reads (the preflight's status, a
  // redirect's null Origin), the cause's words are the row's.
  it.each<[string, ObservedExchange]>([
    ['tainted', tainted],
    ['mismatch', simpleGet([['Access-Control-Allow-Origin', 'http://example.com']])],
    ['preflight 404 bare', preflighted({ status: 404, headers: [] })],
    ['preflight 404', preflighted({ status: 404, headers: [ACAO] })],
    ['header', engineCase('HeaderDisallowedByPreflightResponse', 'not-listed').exchange],
    ['method', engineCase('MethodDisallowedByPreflightResponse', 'not-listed').exchange],
  ])('reads as the row of %s', (_name, x) => {
    const { diagnosis } = diagnosed(x);
    const status = diagnosis.failedAt?.phase === 'preflight' ? x.hops[diagnosis.failedAt.hop]?.preflight?.response?.status : undefined;
    const words = { refusedStatus: status ?? null, originTainted: failedOnTaintedOrigin(diagnosis) };
    expect(causeHeadline(diagnosis.verdict, diagnosis.corsError, diagnosis.failedParameter ?? '', words)).toBe(headline(diagnosis, x));
  });

  // Not an opaque page's Origin, null from the start, nor Firefox's preflight, which sends the page's origin after such a redirect.
  it('says a redirect made the Origin null only where one did', () => {
    expect(failedOnTaintedOrigin(diagnosed(tainted).diagnosis)).toBe(true);
    expect(failedOnTaintedOrigin(diagnosed(simpleGet([['Access-Control-Allow-Origin', 'http://example.com']])).diagnosis)).toBe(false);
    const opaque = exchangeOf({ origin: 'null', hops: [...tainted.hops], errorText: 'net::ERR_FAILED' });
    expect(headline(diagnosed(opaque).diagnosis, opaque)).not.toMatch(/redirect/);
  });
});
