import { describe, expect, it } from 'vitest';
import type { CredentialsMode, ObservedExchange, ObservedResponse } from '../exchange.ts';
import type { ServerMustSend, ServerShouldSend } from './explanation.ts';
import { passesCorsCheck, serverMustSend, serverSends, shouldSendWords, withoutCredentials } from './must-send.ts';
import { API, PAGE, diagnosed, engineCase, exchangeOf, preflighted, reportedByChromium, simpleGet } from './test-diagnosis.ts';

const ACAO: [string, string] = ['Access-Control-Allow-Origin', PAGE];
/** A PUT with Content-Type: application/json and X-Trace whose preflight got `status` with `headers`. */
const put = (status: number, headers: [string, string][] = [], actual?: ObservedResponse): ObservedExchange =>
  preflighted({ status, headers }, { headers: [['X-Trace', '1'], ['Content-Type', 'application/json']], ...(actual ? { actual } : {}) });
const r = (on: ServerMustSend['on'], header: string, value: string): ServerMustSend => ({ on, hop: 0, header, value });
const redirect = (location: string, headers: [string, string][] = []): ObservedExchange =>
  exchangeOf({ hops: [{ url: `${API}/r`, response: { status: 302, headers: [...headers, ['Location', location]] } }, { url: location, response: null }], errorText: 'net::ERR_FAILED' });
const sameOriginThenAway = (credentials: CredentialsMode): ObservedExchange => {
  const allow: [string, string][] = [ACAO, ['Access-Control-Allow-Credentials', 'true']];
  return exchangeOf({
    credentialsMode: credentials,
    hops: [{ url: `${API}/a`, response: { status: 302, headers: [...allow, ['Location', 'http://localhost:9/b']] } }, { url: 'http://localhost:9/b', response: { status: 200, headers: allow } }],
    errorText: 'net::ERR_FAILED',
  });
};
const hostile = 'http://a\r\nSet-Cookie: x';

const cases: [string, ObservedExchange, ServerMustSend[]][] = [
  ['missing ACAO', simpleGet([]), [r('response', 'Access-Control-Allow-Origin', PAGE)]],
  ['wildcard + credentials', simpleGet([['Access-Control-Allow-Origin', '*']], { credentials: 'include' }),
    [r('response', 'Access-Control-Allow-Origin', PAGE), r('response', 'Access-Control-Allow-Credentials', 'true')]],
  ['ACAC', simpleGet([ACAO, ['Access-Control-Allow-Credentials', 'True']], { credentials: 'include' }), [r('response', 'Access-Control-Allow-Credentials', 'true')]],
  ['tainted origin, no credentials: *', sameOriginThenAway('same-origin'), [{ on: 'response', hop: 1, header: 'Access-Control-Allow-Origin', value: '*' }]],
  // Only `null` itself would pass, and it would let in every sandboxed or opaque origin: nothing is
  // advised on the server (the fix is the page's: avoid the redirect).
  ['tainted origin with credentials: no header advised, never null', sameOriginThenAway('include'), []],
  ['redirect without ACAO', redirect(`${API}/x`), [r('redirect', 'Access-Control-Allow-Origin', PAGE)]],
  ['header not allowed', put(204, [ACAO, ['Access-Control-Allow-Methods', 'PUT']]), [
    r('preflight', 'Access-Control-Allow-Origin', PAGE),
    r('preflight', 'Access-Control-Allow-Methods', 'PUT'),
    r('preflight', 'Access-Control-Allow-Headers', 'x-trace, content-type'),
    r('response', 'Access-Control-Allow-Origin', PAGE),
  ]],
  ['preflight 404: a 2xx, the policy, then the response headers too', put(404, [ACAO]), [
    { on: 'preflight', hop: 0, header: 'Status', value: '204', kind: 'status' },
    r('preflight', 'Access-Control-Allow-Origin', PAGE),
    r('preflight', 'Access-Control-Allow-Methods', 'PUT'),
    r('preflight', 'Access-Control-Allow-Headers', 'x-trace, content-type'),
    r('response', 'Access-Control-Allow-Origin', PAGE),
  ]],
  ['redirect with credentials', redirect('http://u:p@127.0.0.1:8080/x', [['Access-Control-Allow-Origin', '*']]), [r('redirect', 'Location', 'http://127.0.0.1:8080/x')]],
  ['same-origin mode: nothing on the server', engineCase('DisallowedByMode').exchange, []],
  ['allowed', simpleGet([ACAO]), []],
  // The engine reads an origin that does not parse as an opaque one (`null`): `*` passes, no CR/LF.
  ['hostile origin: read as opaque, no CR/LF', exchangeOf({ origin: hostile, errorText: 'net::ERR_FAILED' }), [r('response', 'Access-Control-Allow-Origin', '*')]],
];

describe('serverMustSend', () => {
  it.each(cases)('%s', (_n, x, expected) => expect(serverMustSend(diagnosed(x).diagnosis, x)).toEqual(expected));

  it('asks a private network preflight for Access-Control-Allow-Private-Network (a code only Chromium reports)', () => {
    const { diagnosis, exchange } = reportedByChromium('PreflightMissingAllowPrivateNetwork');
    expect(serverMustSend(diagnosis, exchange)).toEqual([r('preflight', 'Access-Control-Allow-Private-Network', 'true')]);
  });
});

// The CORS check (https://fetch.spec.whatwg.org/#concept-cors-check) never reads Vary: it is advice,
// listed apart, wherever the response must name one origin.
const vary = (on: ServerShouldSend['on'], hop = 0): ServerShouldSend => ({ on, hop, header: 'Vary', value: 'Origin', advice: 'vary-origin' });
const advised: [string, ObservedExchange, ServerShouldSend[]][] = [
  ['missing ACAO', simpleGet([]), [vary('response')]],
  ['wildcard + credentials', simpleGet([['Access-Control-Allow-Origin', '*']], { credentials: 'include' }), [vary('response')]],
  ['ACAC alone: the origin is already right', simpleGet([ACAO, ['Access-Control-Allow-Credentials', 'True']], { credentials: 'include' }), []],
  ['tainted origin, no credentials: * varies with nothing', sameOriginThenAway('same-origin'), []],
  ['redirect without ACAO', redirect(`${API}/x`), [vary('redirect')]],
  ['header not allowed: on the response after the preflight', put(204, [ACAO, ['Access-Control-Allow-Methods', 'PUT']]), [vary('response')]],
  ['allowed', simpleGet([ACAO]), []],
];

describe('serverSends: what the browser checks, and apart, the advised Vary', () => {
  it.each(advised)('%s', (_n, x, expected) => expect(serverSends(diagnosed(x).diagnosis, x).should).toEqual(expected));

  it('never lists Vary among what the server must send', () => {
    for (const [, x] of [...cases, ...advised]) expect(serverMustSend(diagnosed(x).diagnosis, x).map((m) => m.header)).not.toContain('Vary');
  });

  it('words the advice as advice: the browser does not check it', () => {
    expect(shouldSendWords('vary-origin')).toMatch(/^The browser does not check it; caches .* need it/);
  });
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
