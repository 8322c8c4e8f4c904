import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../cors-error.ts';
import type { Diagnosis, NetworkFailure } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { explanationText } from './reason-text.ts';
import { API, PAGE, blocked, diagnosisOf, exchangeOf } from './test-diagnosis.ts';

const net = (kind: NetworkFailure['kind'], errorText: string, phase: 'preflight' | 'request' = 'request'): Diagnosis =>
  diagnosisOf({ verdict: 'network-error', networkFailure: { errorText, kind, phase, hop: 0 } });
const preflightWith = (status: number, headers: [string, string][]): ObservedExchange =>
  exchangeOf({ method: 'PUT', hops: [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [], response: { status, headers } }, response: null }] });

// [name, diagnosis, exchange, phrases the text must hold]
const cases: [string, Diagnosis, ObservedExchange, string[]][] = [
  ['refused', net('connection-refused', 'net::ERR_CONNECTION_REFUSED'), exchangeOf(), ['This is not a CORS problem', 'net::ERR_CONNECTION_REFUSED', 'Nothing is listening']],
  ['dns', net('dns', 'net::ERR_NAME_NOT_RESOLVED'), exchangeOf(), ['This is not a CORS problem', 'DNS']],
  ['tls on the preflight', net('tls', 'net::ERR_CERT_AUTHORITY_INVALID', 'preflight'), exchangeOf(), ['The preflight (OPTIONS) request', 'This is not a CORS problem', 'TLS']],
  ['500 without ACAO', blocked('MissingAllowOriginHeader', '', { errorResponse: { hop: 0, status: 500, phase: 'response' } }),
    exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 500, headers: [] } }] }),
    ['(status 500) had no Access-Control-Allow-Origin', 'Fix the 500 first', 'on error responses too']],
  ['redirect without ACAO', blocked('MissingAllowOriginHeader'), exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 301, headers: [] } }] }), ['answered 301 (a redirect)', 'each redirect']],
  ['mismatch with difference', blocked('AllowOriginMismatch', 'http://localhost:5173', { originComparison: { allowOrigin: 'http://localhost:5173', requestOrigin: PAGE, differences: ['localhost-vs-loopback'] } }), exchangeOf(),
    ['Access-Control-Allow-Origin: http://localhost:5173', `the request's origin is ${PAGE}`, 'localhost and 127.0.0.1 are different origins']],
  ['header', blocked('HeaderDisallowedByPreflightResponse', 'content-type'), preflightWith(204, [['Access-Control-Allow-Headers', 'x-other']]),
    ["'x-other'", "'application/json'", 'Add content-type to Access-Control-Allow-Headers']],
  ['authorization', blocked('HeaderDisallowedByPreflightResponse', 'authorization'), preflightWith(204, [['Access-Control-Allow-Headers', '*']]), ['* does not cover it']],
  ['method', blocked('MethodDisallowedByPreflightResponse', 'PUT'), preflightWith(204, [['Access-Control-Allow-Methods', 'GET, POST']]), ["'GET, POST'", 'Add PUT']],
  ['preflight 401', blocked('PreflightInvalidStatus'), preflightWith(401, []), ['status 401', 'never carries cookies or Authorization']],
  ['preflight 404 without ACAO', blocked('PreflightMissingAllowOriginHeader'), preflightWith(404, []), ['a 404 means no route answers OPTIONS']],
  ['preflight redirect', blocked('PreflightDisallowedRedirect'), preflightWith(308, [['Location', `${API}/x/`]]), [`308 to ${API}/x/`, 'trailing slash']],
  ['wildcard', blocked('WildcardOriginNotAllowed', '', { credentialsMode: 'include' }), exchangeOf(), [`Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Credentials: true']],
  ['acac', blocked('InvalidAllowCredentials', 'True', { credentialsMode: 'include' }), exchangeOf(), ['sent Access-Control-Allow-Credentials: True']],
  ['allowed with hidden headers', diagnosisOf({ exposure: { readable: [], hidden: ['x-total'], exposeHeaders: null } }), exchangeOf(), ['Access-Control-Expose-Headers', 'x-total']],
  ['no-cors', diagnosisOf({ verdict: 'not-cors', mode: 'no-cors' }), exchangeOf(), ['opaque']],
];

describe('explanationText', () => {
  it.each(cases)('%s', (_n, d, x, phrases) => {
    const text = explanationText(d, x);
    for (const p of phrases) expect(text).toContain(p);
  });

  it.each(CORS_ERRORS.map((e) => [e]))('%s has its own words', (e) => {
    const text = explanationText(blocked(e, 'x'), exchangeOf());
    expect(text.length).toBeGreaterThan(60);
    expect(text).not.toBe('The browser blocked the response.');
  });

  it('never claims a network failure is a CORS problem to fix with headers', () => {
    expect(explanationText(net('reset', 'net::ERR_CONNECTION_RESET'), exchangeOf())).toContain('changing CORS settings will not help');
  });
});
