import { describe, expect, it } from 'vitest';
import type { CorsError } from '../cors-error.ts';
import type { CredentialsMode, ObservedExchange, ObservedResponse } from '../exchange.ts';
import type { ServerMustSend, ServerShouldSend } from './explanation.ts';
import { explain } from './explain.ts';
import { leftOutFromServerNote, passesCorsCheck, serverMustSend, serverSends, shouldSendWords, withoutCredentials } from './must-send.ts';
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
    r('preflight', 'Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT'),
    r('preflight', 'Access-Control-Allow-Headers', 'x-trace, content-type'),
    r('response', 'Access-Control-Allow-Origin', PAGE),
  ]],
  ['preflight 404: a 2xx, the policy, then the response headers too', put(404, [ACAO]), [
    { on: 'preflight', hop: 0, header: 'Status', value: '204', kind: 'status' },
    r('preflight', 'Access-Control-Allow-Origin', PAGE),
    r('preflight', 'Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT'),
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

  // Only a redirect the browser follows (a redirect status with Location) is "the redirect"; a 304
  // or 300 missing the header is the final response, and so is a 301 without Location: the header
  // goes on it, under its own name (https://fetch.spec.whatwg.org/#redirect-status).
  it.each([300, 301, 302, 303, 304, 305, 307, 308].flatMap((status) => [[status, false], [status, true]] as const))('a %i (Location: %s) without ACAO', (status, withLocation) => {
    const x = exchangeOf({ hops: [{ url: `${API}/r`, response: { status, headers: withLocation ? [['Location', `${API}/x`]] : [] } }], errorText: 'net::ERR_FAILED' });
    const on = withLocation && [301, 302, 303, 307, 308].includes(status) ? 'redirect' : 'response';
    expect(serverMustSend(diagnosed(x).diagnosis, x)).toEqual([r(on, 'Access-Control-Allow-Origin', PAGE)]);
  });

});

// An older Chromium's Private Network Access preflight code. Chromium 156 reads none of its headers
// (the recorded local-network-*.json scenarios): an https page and the user's permission get the
// request through, then the CORS protocol alone is checked. What the server must send is what that
// asks of the request; the header the code named is advice for the older browser, apart.
describe('serverSends for a Private Network Access preflight code (an older Chromium)', () => {
  const ACRPN: [string, string] = ['Access-Control-Request-Private-Network', 'true'];
  /** The older Chromium's capture: its preflight (sent for the private network) got `answer`, and it stopped there. */
  const olderCapture = (method: string, headers: [string, string][], answer: [string, string][]): ObservedExchange => {
    const url = `${API}/items`;
    const names = headers.map(([n]) => n.toLowerCase()).join(',');
    const asked: [string, string][] = [['Access-Control-Request-Method', method], ...(names ? [['Access-Control-Request-Headers', names] as [string, string]] : []), ACRPN];
    return exchangeOf({ method, headers: [['Origin', PAGE], ...headers], hops: [{ url, preflight: { url, requestHeaders: asked, response: { status: 204, headers: answer } }, response: null }], errorText: 'net::ERR_FAILED' });
  };
  const pna = (on: ServerShouldSend['on'], header: string, value: string): ServerShouldSend => ({ on, hop: 0, header, value, advice: 'private-network-access' });

  it('a simple GET: Chromium 156 sends no preflight, so only the response\'s Access-Control-Allow-Origin is a must', () => {
    const { diagnosis, exchange } = reportedByChromium('PreflightMissingAllowPrivateNetwork', '', olderCapture('GET', [], [ACAO]));
    expect(serverSends(diagnosis, exchange)).toEqual({
      must: [r('response', 'Access-Control-Allow-Origin', PAGE)],
      should: [vary('response'), pna('preflight', 'Access-Control-Allow-Private-Network', 'true')],
    });
  });

  it('a PUT with X-Trace: the CORS preflight Chromium 156 still sends, then the response', () => {
    const answer: [string, string][] = [ACAO, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace']];
    const { diagnosis, exchange } = reportedByChromium('PreflightInvalidAllowPrivateNetwork', 'false', olderCapture('PUT', [['X-Trace', '1']], answer));
    expect(serverSends(diagnosis, exchange)).toEqual({
      must: [
        r('preflight', 'Access-Control-Allow-Origin', PAGE),
        r('preflight', 'Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT'),
        r('preflight', 'Access-Control-Allow-Headers', 'x-trace'),
        r('response', 'Access-Control-Allow-Origin', PAGE),
      ],
      should: [vary('response'), pna('preflight', 'Access-Control-Allow-Private-Network', 'true')],
    });
  });

  it.each([
    ['PreflightMissingAllowExternal', 'Access-Control-Allow-External', 'true'],
    ['PreflightInvalidAllowExternal', 'Access-Control-Allow-External', 'true'],
    ['PreflightMissingAllowPrivateNetwork', 'Access-Control-Allow-Private-Network', 'true'],
    ['PreflightInvalidAllowPrivateNetwork', 'Access-Control-Allow-Private-Network', 'true'],
    ['PreflightMissingPrivateNetworkAccessId', 'Private-Network-Access-Id', 'the device ID, e.g. 01:23:45:67:89:0A'],
    ['PreflightMissingPrivateNetworkAccessName', 'Private-Network-Access-Name', 'the device name, e.g. my-printer'],
  ] as const)('%s: its header only as advice for the older browser, never a must', (code, header, value) => {
    const { diagnosis, exchange } = reportedByChromium(code, '', olderCapture('GET', [], [ACAO]));
    const sends = serverSends(diagnosis, exchange);
    expect(sends.must.map((m) => m.header)).toEqual(['Access-Control-Allow-Origin']);
    expect(sends.should).toContainEqual(pna('preflight', header, value));
    expect(shouldSendWords('private-network-access')).toMatch(/Chromium 156 \(Local Network Access\) ignores it: there the page must be served over https and the user must allow local network access/);
  });
});

// A preflight that carried Access-Control-Request-Private-Network: true (only an older Chromium
// sends it) and failed for another reason first, as Chromium 156 judges the capture: the fix for
// that browser still needs the private-network line on the answer, so it is listed with the rest
// (as advice apart: Chromium 156 reads none). Before, only a Private Network Access code brought it.
describe('serverSends: the private-network line a preflight asked for, whatever failed first', () => {
  const ACAPN: [string, string] = ['Access-Control-Allow-Private-Network', 'true'];
  /** `x` with Access-Control-Request-Private-Network: `value` on its first hop's preflight. */
  const askedFor = (x: ObservedExchange, value = 'true'): ObservedExchange => {
    const [hop, ...rest] = x.hops;
    return { ...x, hops: [{ ...hop!, preflight: { ...hop!.preflight!, requestHeaders: [...hop!.preflight!.requestHeaders, ['Access-Control-Request-Private-Network', value]] } }, ...rest] };
  };
  const pna: ServerShouldSend = { on: 'preflight', hop: 0, header: 'Access-Control-Allow-Private-Network', value: 'true', advice: 'private-network-access' };
  const METHODS: [string, string] = ['Access-Control-Allow-Methods', 'PUT'];
  const HEADERS: [string, string] = ['Access-Control-Allow-Headers', 'x-trace, content-type'];
  const table: [about: string, exchange: ObservedExchange, corsError: CorsError, should: ServerShouldSend[]][] = [
    ['the answer had no Allow-Origin', askedFor(put(204, [METHODS, HEADERS, ACAPN])), 'PreflightMissingAllowOriginHeader', [vary('response'), pna]],
    ['the answer had neither Allow-Origin nor the line', askedFor(put(204, [METHODS, HEADERS])), 'PreflightMissingAllowOriginHeader', [vary('response'), pna]],
    ['the answer was a 404', askedFor(put(404, [ACAO, ACAPN])), 'PreflightInvalidStatus', [vary('response'), pna]],
    ['the answer did not allow X-Trace', askedFor(put(204, [ACAO, METHODS, ACAPN])), 'HeaderDisallowedByPreflightResponse', [vary('response'), pna]],
    ['the preflight passed, the response had no Allow-Origin', askedFor(put(204, [ACAO, METHODS, HEADERS, ACAPN], { status: 200, headers: [] })), 'MissingAllowOriginHeader', [vary('response'), pna]],
    ['no such ask: no line', put(204, [METHODS, HEADERS]), 'PreflightMissingAllowOriginHeader', [vary('response')]],
    ['an ask other than true: no line', askedFor(put(204, [METHODS, HEADERS]), 'false'), 'PreflightMissingAllowOriginHeader', [vary('response')]],
  ];
  it.each(table)('%s', (_about, x, corsError, should) => {
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe(corsError);
    const sends = serverSends(diagnosis, x);
    expect(sends.should).toEqual(should);
    expect(sends.must.length).toBeGreaterThan(0);
    expect(sends.must.map((m) => m.header)).not.toContain('Access-Control-Allow-Private-Network');
  });

  it("the request's own fix writes it, as the server configuration does", () => {
    const x = askedFor(put(204, [METHODS, HEADERS]));
    const fix = explain(diagnosed(x).diagnosis, x, { stacks: ['express'] }).fixes[0]!;
    expect(fix.snippet).toContain("res.setHeader('Access-Control-Allow-Private-Network', 'true');");
  });

  it('where nothing the server sends lets the request through, no line either', () => {
    // An older Chromium's refusal of an http page (InsecurePrivateNetwork): the page must change.
    const { diagnosis, exchange } = reportedByChromium('InsecurePrivateNetwork', '', askedFor(put(204, [ACAO, METHODS, HEADERS])));
    expect(serverSends(diagnosis, exchange)).toEqual({ must: [], should: [] });
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

// The must-send line and the fixes wrote one header two ways (`PUT` there, `GET, HEAD, POST, PUT`
// in every fix): the line now holds the whole value to send, as the fixes write it.
describe('Access-Control-Allow-Methods: the must-send line and the fixes send the same value', () => {
  it.each<[string, [string, string][]]>([
    ['the method missing from the list', [ACAO, ['Access-Control-Allow-Methods', 'GET'], ['Access-Control-Allow-Headers', 'x-trace, content-type']]],
    ['an unparsable list: what the server meant, the method added', [ACAO, ['Access-Control-Allow-Methods', 'GET;PATCH'], ['Access-Control-Allow-Headers', 'x-trace, content-type']]],
  ])('%s', (_about, headers) => {
    const exchange = put(204, headers);
    const explanation = explain(diagnosed(exchange).diagnosis, exchange);
    const line = explanation.serverMustSend.find((m) => m.header === 'Access-Control-Allow-Methods');
    expect(line?.value).toMatch(/PUT/);
    const headerFixes = explain(diagnosed(exchange).diagnosis, exchange, { stacks: ['nginx', 'apache', 'caddy', 'flask', 'vercel', 'cloudflare'] }).fixes;
    const writing = [...explanation.fixes, ...headerFixes].filter((fix) => /Access-Control-Allow-Methods/.test(fix.snippet));
    expect(writing.length).toBeGreaterThan(3);
    // The value right after the name (a quote, `: ` or `"] = "` between): the whole of it, not a part.
    for (const fix of writing) expect(fix.snippet).toMatch(new RegExp(`Access-Control-Allow-Methods\\W+${line!.value}\\b`));
  });
});

// Session 39: a placeholder name in the must-send list (a shared bundle's, or explain's masked names)
// had no note saying what it stands for, while the fix's snippet had one (M6).
describe('a placeholder header name in what the server must send', () => {
  const named = preflighted({ status: 204, headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT']] }, { headers: [['REDACTED-TOKEN-1', '1'], ['X-Trace', '1']] });
  it('is said to stand for a name of yours, beside the list', () => {
    const must = serverMustSend(diagnosed(named).diagnosis, named);
    expect(must.find((m) => m.header === 'Access-Control-Allow-Headers')?.value).toBe('redacted-token-1, x-trace');
    expect(leftOutFromServerNote(must)).toBe(
      'redacted-token-1 is not a real header name: it stands for one of yours (your page sends it, or your server already allows it) that looks like a secret, so this output does not show it; write the real name in its place.',
    );
  });

  it('says nothing when the lines hold no placeholder, nor for a placeholder-like method or origin', () => {
    expect(leftOutFromServerNote(serverMustSend(diagnosed(put(204, [ACAO])).diagnosis, put(204, [ACAO])))).toBeNull();
    expect(leftOutFromServerNote([r('preflight', 'Access-Control-Allow-Methods', 'REDACTED-TOKEN-1'), r('response', 'Access-Control-Allow-Origin', PAGE)])).toBeNull();
    expect(leftOutFromServerNote([r('preflight', 'Access-Control-Allow-Headers', 'x-trace, REDACTED-JWT-2, REDACTED-TOKEN-1')])).toMatch(/^REDACTED-JWT-2 and REDACTED-TOKEN-1 are not real header names/);
  });
});
