import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import type { ServerMustSend } from './explanation.ts';
import { passesCorsCheck, serverMustSend, withoutCredentials } from './must-send.ts';
import { API, PAGE, blocked, diagnosisOf, exchangeOf } from './test-diagnosis.ts';

const put = (preflightStatus: number, actual: ObservedExchange['hops'][number]['response'] = null): ObservedExchange =>
  exchangeOf({
    method: 'PUT',
    hops: [{
      url: `${API}/x`,
      preflight: {
        url: `${API}/x`,
        requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type,x-trace']],
        response: { status: preflightStatus, headers: [] },
      },
      response: actual,
    }],
  });
const r = (on: ServerMustSend['on'], header: string, value: string): ServerMustSend => ({ on, hop: 0, header, value });

const cases: [string, Diagnosis, ObservedExchange, ServerMustSend[]][] = [
  ['missing ACAO', blocked('MissingAllowOriginHeader'), exchangeOf(), [r('response', 'Access-Control-Allow-Origin', PAGE), r('response', 'Vary', 'Origin')]],
  ['wildcard + credentials', blocked('WildcardOriginNotAllowed', '', { credentialsMode: 'include' }), exchangeOf(),
    [r('response', 'Access-Control-Allow-Origin', PAGE), r('response', 'Access-Control-Allow-Credentials', 'true'), r('response', 'Vary', 'Origin')]],
  ['ACAC', blocked('InvalidAllowCredentials', 'True', { credentialsMode: 'include' }), exchangeOf(), [r('response', 'Access-Control-Allow-Credentials', 'true')]],
  ['tainted origin, no credentials: *', blocked('AllowOriginMismatch', PAGE, { requestOrigins: ['null'] }), exchangeOf(), [r('response', 'Access-Control-Allow-Origin', '*')]],
  ['tainted origin with credentials: only null passes', blocked('AllowOriginMismatch', PAGE, { requestOrigins: ['null'], credentialsMode: 'include' }), exchangeOf(),
    [r('response', 'Access-Control-Allow-Origin', 'null'), r('response', 'Access-Control-Allow-Credentials', 'true'), r('response', 'Vary', 'Origin')]],
  ['redirect without ACAO', blocked('MissingAllowOriginHeader'), exchangeOf({ hops: [{ url: `${API}/r`, response: { status: 302, headers: [['Location', `${API}/x`]] } }, { url: `${API}/x`, response: null }] }),
    [r('redirect', 'Access-Control-Allow-Origin', PAGE), r('redirect', 'Vary', 'Origin')]],
  ['header not allowed', blocked('HeaderDisallowedByPreflightResponse', 'x-trace'), put(204), [
    r('preflight', 'Access-Control-Allow-Origin', PAGE),
    r('preflight', 'Access-Control-Allow-Methods', 'PUT'),
    r('preflight', 'Access-Control-Allow-Headers', 'x-trace, content-type'),
    r('response', 'Access-Control-Allow-Origin', PAGE),
    r('response', 'Vary', 'Origin'),
  ]],
  ['preflight 404, actual already fine', blocked('PreflightInvalidStatus'), put(404, { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] }), [
    { on: 'preflight', hop: 0, header: 'Status', value: '204', kind: 'status' },
    r('preflight', 'Access-Control-Allow-Origin', PAGE),
    r('preflight', 'Access-Control-Allow-Methods', 'PUT'),
    r('preflight', 'Access-Control-Allow-Headers', 'x-trace, content-type'),
  ]],
  ['redirect with credentials', blocked('RedirectContainsCredentials'), exchangeOf({ hops: [{ url: `${API}/r`, response: { status: 302, headers: [['Location', 'http://u:p@127.0.0.1:8080/x']] } }] }),
    [r('redirect', 'Location', 'http://127.0.0.1:8080/x')]],
  ['private network', blocked('PreflightMissingAllowPrivateNetwork'), exchangeOf(), [r('preflight', 'Access-Control-Allow-Private-Network', 'true')]],
  ['same-origin mode: nothing on the server', blocked('DisallowedByMode'), exchangeOf(), []],
  ['allowed', diagnosisOf(), exchangeOf(), []],
  ['hostile origin: placeholder, no CR/LF', blocked('MissingAllowOriginHeader', '', { requestOrigins: ['http://a\r\nSet-Cookie: x'] }), exchangeOf({ origin: 'http://a\r\nSet-Cookie: x' }),
    [r('response', 'Access-Control-Allow-Origin', 'https://your-app.example'), r('response', 'Vary', 'Origin')]],
];

describe('serverMustSend', () => {
  it.each(cases)('%s', (_n, d, x, expected) => expect(serverMustSend(d, x)).toEqual(expected));
});

describe('passesCorsCheck', () => {
  it.each([
    [[['Access-Control-Allow-Origin', '*']], false, true],
    [[['Access-Control-Allow-Origin', '*']], true, false],
    [[['Access-Control-Allow-Origin', PAGE]], true, false],
    [[['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']], true, true],
    [[['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Origin', PAGE]], false, false],
    [[], false, false],
  ] as const)('%j credentials=%s → %s', (headers, credentials, ok) => expect(passesCorsCheck(headers, PAGE, credentials)).toBe(ok));
});

describe('withoutCredentials', () => {
  it.each([
    ['http://u:p@a.example/x', 'http://a.example/x'],
    ['https://a.example/x@y', 'https://a.example/x@y'],
  ])('%s', (i, o) => expect(withoutCredentials(i)).toBe(o));
});
