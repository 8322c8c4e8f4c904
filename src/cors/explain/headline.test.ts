import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { headline } from './headline.ts';
import { API, PAGE, blocked, diagnosisOf, exchangeOf } from './test-diagnosis.ts';

const withPreflight = (status: number): ObservedExchange =>
  exchangeOf({ method: 'DELETE', hops: [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [], response: { status, headers: [] } }, response: null }] });
const withResponse = (status: number): ObservedExchange => exchangeOf({ hops: [{ url: `${API}/x`, response: { status, headers: [] } }] });

const cases: [string, Diagnosis, ObservedExchange, string][] = [
  ['allowed', diagnosisOf(), exchangeOf(), 'Allowed'],
  ['same-origin', diagnosisOf({ verdict: 'not-cors', mode: 'cors' }), exchangeOf(), 'Same-origin'],
  ['no-cors', diagnosisOf({ verdict: 'not-cors', mode: 'no-cors' }), exchangeOf(), 'Opaque (no-cors)'],
  ['refused', diagnosisOf({ verdict: 'network-error', networkFailure: { errorText: 'net::ERR_CONNECTION_REFUSED', kind: 'connection-refused', phase: 'request', hop: 0 } }), exchangeOf(), 'Connection refused'],
  ['dns', diagnosisOf({ verdict: 'network-error', networkFailure: { errorText: 'net::ERR_NAME_NOT_RESOLVED', kind: 'dns', phase: 'request', hop: 0 } }), exchangeOf(), 'Host not found (DNS)'],
  ['mismatch', blocked('AllowOriginMismatch', 'http://example.com'), exchangeOf(), 'Origin not allowed'],
  ['tainted', blocked('AllowOriginMismatch', PAGE, { requestOrigins: ['null'] }), exchangeOf(), 'Origin became null after redirect'],
  ['missing', blocked('MissingAllowOriginHeader'), withResponse(200), 'No Access-Control-Allow-Origin'],
  ['500', blocked('MissingAllowOriginHeader', '', { errorResponse: { hop: 0, status: 500, phase: 'response' } }), withResponse(500), 'Server error 500 without CORS headers'],
  ['404', blocked('MissingAllowOriginHeader', '', { errorResponse: { hop: 0, status: 404, phase: 'response' } }), withResponse(404), 'Error 404 without CORS headers'],
  ['redirect', blocked('MissingAllowOriginHeader'), withResponse(302), 'Redirect 302 without Access-Control-Allow-Origin'],
  ['header', blocked('HeaderDisallowedByPreflightResponse', 'x-trace'), exchangeOf(), 'Header x-trace not allowed by preflight'],
  ['method', blocked('MethodDisallowedByPreflightResponse', 'PUT'), exchangeOf(), 'Method PUT not allowed by preflight'],
  ['wildcard', blocked('WildcardOriginNotAllowed'), exchangeOf(), 'Wildcard origin with credentials'],
  ['preflight 404 bare', blocked('PreflightMissingAllowOriginHeader'), withPreflight(404), 'Preflight got 404'],
  ['preflight 404', blocked('PreflightInvalidStatus'), withPreflight(404), 'Preflight got 404'],
  ['preflight redirect', blocked('PreflightDisallowedRedirect'), withPreflight(302), 'Preflight redirected'],
  ['acac', blocked('InvalidAllowCredentials', 'True'), exchangeOf(), 'Access-Control-Allow-Credentials is True, must be exactly true'],
  ['acac missing', blocked('InvalidAllowCredentials', ''), exchangeOf(), 'Missing Access-Control-Allow-Credentials'],
  ['list', blocked('MultipleAllowOriginValues', 'a, b'), exchangeOf(), 'Several origins in Access-Control-Allow-Origin'],
];

describe('headline', () => {
  it.each(cases)('%s', (_name, d, x, text) => expect(headline(d, x)).toBe(text));
});
