// diagnose() beyond the public scenarios: the paths Chromium takes on redirects, modes, network
// failures, and what it has to assume when the capture does not say.

import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import type { HeaderList, ObservedExchange, ObservedHop } from './exchange.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
const OTHER = 'http://localhost:3333';
const BROWSER: HeaderList = [['Accept', '*/*'], ['Origin', PAGE], ['User-Agent', 'x'], ['Sec-Fetch-Mode', 'cors']];

function exchange(method: string, hops: ObservedHop[], extra: Partial<ObservedExchange['request']> = {}, errorText?: string): ObservedExchange {
  const ex: ObservedExchange = { request: { method, headers: BROWSER, initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors', ...extra }, hops };
  if (errorText !== undefined) ex.errorText = errorText;
  return ex;
}
const acao = (value: string): HeaderList => [['Access-Control-Allow-Origin', value]];
const redirectTo = (location: string, headers: HeaderList = []) => ({ status: 302, headers: [...headers, ['Location', location]] as HeaderList });

describe('diagnose: verdicts off the public path', () => {
  it.each<[string, ObservedExchange, [string, string | null, string | null]]>([
    [
      'a refused preflight is a network error (phase preflight)',
      exchange('PUT', [{ url: API + '/x', preflight: { url: API + '/x', requestHeaders: [], response: null, networkError: 'net::ERR_CONNECTION_REFUSED' }, response: null }], {}, 'net::ERR_CONNECTION_REFUSED'),
      ['network-error', null, null],
    ],
    [
      'Cache-Control/Pragma the browser added for cache: "no-store" are not the page\'s headers',
      exchange(
        'PUT',
        [
          {
            url: API + '/x',
            preflight: {
              url: API + '/x',
              requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-trace'], ['Cache-Control', 'no-cache'], ['Pragma', 'no-cache']],
              response: { status: 204, headers: [...acao(PAGE), ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace']] },
            },
            response: { status: 200, headers: acao(PAGE) },
          },
        ],
        { headers: [...BROWSER, ['X-Trace', '1'], ['Cache-Control', 'no-cache'], ['Pragma', 'no-cache']] },
      ),
      ['allowed', null, null],
    ],
    [
      'a failed preflight paired with a request that got a response contradicts the capture: uncertain',
      exchange('PUT', [{ url: API + '/x', preflight: { url: API + '/x', requestHeaders: [], response: { status: 500, headers: [] } }, response: { status: 200, headers: acao(PAGE) } }]),
      ['uncertain', null, null],
    ],
    [
      'same-origin mode to another origin',
      exchange('GET', [{ url: API + '/x', response: null }], { mode: 'same-origin' }, 'net::ERR_FAILED'),
      ['blocked', 'DisallowedByMode', ''],
    ],
    [
      'redirect to a URL with credentials',
      exchange('GET', [{ url: API + '/0', response: redirectTo('http://u:p@localhost:3333/1', acao('*')) }], {}, 'net::ERR_FAILED'),
      ['blocked', 'RedirectContainsCredentials', ''],
    ],
    [
      'redirect to data: is refused by the net stack: a network error, no CORS error',
      exchange('GET', [{ url: API + '/0', response: redirectTo('data:text/plain,hi', acao('*')) }], {}, 'net::ERR_UNSAFE_REDIRECT'),
      ['network-error', null, null],
    ],
    [
      'redirect to ftp: reaches the CORS code',
      exchange('GET', [{ url: API + '/0', response: redirectTo('ftp://localhost:3333/x', acao('*')) }], {}, 'net::ERR_FAILED'),
      ['blocked', 'CorsDisabledScheme', ''],
    ],
    [
      'same-origin mode redirected to another origin: Blink refuses it, a network error',
      exchange('GET', [{ url: PAGE + '/0', response: redirectTo(API + '/1') }], { mode: 'same-origin', redirectMode: undefined }, 'net::ERR_ABORTED'),
      ['network-error', null, null],
    ],
    [
      'no-cors redirected to a URL with credentials: Blink refuses it too',
      exchange('GET', [{ url: API + '/0', response: redirectTo('http://u:p@localhost:3333/1') }], { mode: 'no-cors', redirectMode: undefined }, 'net::ERR_ABORTED'),
      ['network-error', null, null],
    ],
    [
      'unknown redirect mode, the next hop listed but aborted: a manual redirect',
      exchange('GET', [{ url: API + '/0', response: redirectTo(API + '/1', acao(PAGE)) }, { url: API + '/1', response: null }], { redirectMode: undefined }, 'net::ERR_ABORTED'),
      ['not-cors', null, null],
    ],
    [
      'explicit follow, the next hop aborted: a network error',
      exchange('GET', [{ url: API + '/0', response: redirectTo(API + '/1', acao(PAGE)) }, { url: API + '/1', response: null }], { redirectMode: 'follow' }, 'net::ERR_ABORTED'),
      ['network-error', null, null],
    ],
    [
      'a same-origin first hop carrying a Cookie does not prove credentials "include"',
      exchange(
        'GET',
        [{ url: PAGE + '/0', response: redirectTo(API + '/1') }, { url: API + '/1', response: { status: 200, headers: acao(PAGE) } }],
        { credentialsMode: undefined, headers: [...BROWSER, ['Cookie', 'sid=1']] },
      ),
      ['allowed', null, null],
    ],
    [
      'unknown redirect mode, capture stops at a 3xx with net::ERR_ABORTED: a manual redirect',
      exchange('GET', [{ url: API + '/0', response: redirectTo(API + '/1', acao(PAGE)) }], { redirectMode: undefined }, 'net::ERR_ABORTED'),
      ['not-cors', null, null],
    ],
    [
      'redirect: "error" with unknown credentials stays a network error (the browser error is explained)',
      exchange('GET', [{ url: API + '/0', response: redirectTo(API + '/1', acao(PAGE)) }], { redirectMode: 'error', credentialsMode: undefined }, 'net::ERR_FAILED'),
      ['network-error', null, null],
    ],
    [
      'redirect: "error" is a network error, not a CORS error',
      exchange('GET', [{ url: API + '/0', response: redirectTo(OTHER + '/1', acao('*')) }], { redirectMode: 'error' }, 'net::ERR_FAILED'),
      ['network-error', null, null],
    ],
    [
      'redirect: "manual" yields an opaque redirect',
      exchange('GET', [{ url: API + '/0', response: redirectTo(OTHER + '/1', acao('*')) }], { redirectMode: 'manual' }),
      ['not-cors', null, null],
    ],
    [
      'the CORS check of the 3xx still runs with redirect: "manual"',
      exchange('GET', [{ url: API + '/0', response: redirectTo(OTHER + '/1') }], { redirectMode: 'manual' }, 'net::ERR_FAILED'),
      ['blocked', 'MissingAllowOriginHeader', ''],
    ],
    [
      'no-cors with redirect: "manual"',
      exchange('GET', [{ url: API + '/0', response: null }], { mode: 'no-cors', redirectMode: 'manual' }, 'net::ERR_FAILED'),
      ['blocked', 'NoCorsRedirectModeNotFollow', ''],
    ],
    [
      'same-origin request redirected cross-origin: the CORS check starts at hop 1',
      exchange('GET', [{ url: PAGE + '/0', response: redirectTo(API + '/1') }, { url: API + '/1', response: { status: 200, headers: [] } }], {}, 'net::ERR_FAILED'),
      ['blocked', 'MissingAllowOriginHeader', ''],
    ],
    [
      'same-origin request, no CORS headers at all',
      exchange('GET', [{ url: PAGE + '/0', response: { status: 200, headers: [] } }]),
      ['not-cors', null, null],
    ],
    [
      'tainted origin: the preflight at the new hop is checked against null',
      exchange(
        'PUT',
        [
          { url: API + '/0', preflight: { url: API + '/0', requestHeaders: [], response: { status: 204, headers: [...acao(PAGE), ['Access-Control-Allow-Methods', 'PUT']] } }, response: { status: 307, headers: [...acao(PAGE), ['Location', OTHER + '/1']] } },
          { url: OTHER + '/1', preflight: { url: OTHER + '/1', requestHeaders: [], response: { status: 204, headers: [...acao(PAGE), ['Access-Control-Allow-Methods', 'PUT']] } }, response: null },
        ],
        {},
        'net::ERR_FAILED',
      ),
      ['blocked', 'PreflightAllowOriginMismatch', PAGE],
    ],
    [
      '303 turns PUT into GET: no preflight needed at the next hop',
      exchange(
        'PUT',
        [
          { url: API + '/0', preflight: { url: API + '/0', requestHeaders: [], response: { status: 204, headers: [...acao(PAGE), ['Access-Control-Allow-Methods', 'PUT']] } }, response: { status: 303, headers: [...acao(PAGE), ['Location', API + '/1']] } },
          { url: API + '/1', response: { status: 200, headers: acao(PAGE) } },
        ],
      ),
      ['allowed', null, null],
    ],
    [
      'needed preflight not seen and no response: not enough data',
      exchange('PUT', [{ url: API + '/x', response: null }], {}, 'net::ERR_FAILED'),
      ['uncertain', null, null],
    ],
    [
      'the browser failed but every reading allows it: not enough data',
      exchange('GET', [{ url: API + '/x', response: { status: 200, headers: acao(PAGE) } }], { credentialsMode: 'omit' }, 'net::ERR_FAILED'),
      ['uncertain', null, null],
    ],
    [
      'a 200 that then resets is a network error',
      exchange('GET', [{ url: API + '/x', response: { status: 200, headers: acao('*') } }], {}, 'net::ERR_CONNECTION_RESET'),
      ['network-error', null, null],
    ],
    [
      'two ACAO lines read as one list',
      exchange('GET', [{ url: API + '/x', response: { status: 200, headers: [...acao(PAGE), ...acao(PAGE)] } }], {}, 'net::ERR_FAILED'),
      ['blocked', 'MultipleAllowOriginValues', `${PAGE}, ${PAGE}`],
    ],
    [
      'an invalid ACAO value',
      exchange('GET', [{ url: API + '/x', response: { status: 200, headers: acao('127.0.0.1:1111') } }], {}, 'net::ERR_FAILED'),
      ['blocked', 'InvalidAllowOriginValue', '127.0.0.1:1111'],
    ],
    [
      'a lower-case patch against an upper-case allow list',
      exchange('patch', [{ url: API + '/x', preflight: { url: API + '/x', requestHeaders: [], response: { status: 204, headers: [...acao(PAGE), ['Access-Control-Allow-Methods', 'PATCH']] } }, response: null }], {}, 'net::ERR_FAILED'),
      ['blocked', 'MethodDisallowedByPreflightResponse', 'patch'],
    ],
  ])('%s', (_d, ex, [verdict, corsError, failedParameter]) => {
    const d = diagnose(ex);
    expect([d.verdict, d.corsError, d.failedParameter]).toEqual([verdict, corsError, failedParameter]);
  });
});

describe('diagnose: facts', () => {
  it('a refused preflight names the preflight phase', () => {
    const d = diagnose(exchange('PUT', [{ url: API + '/x', preflight: { url: API + '/x', requestHeaders: [], response: null, networkError: 'net::ERR_CONNECTION_REFUSED' }, response: null }]));
    expect(d.networkFailure).toEqual({ errorText: 'net::ERR_CONNECTION_REFUSED', kind: 'connection-refused', phase: 'preflight', hop: 0 });
  });

  it('prefers the credentialed reading when only it explains the browser error', () => {
    const ex = exchange('GET', [{ url: API + '/x', response: { status: 200, headers: acao('*') } }], { credentialsMode: undefined }, 'net::ERR_FAILED');
    const d = diagnose(ex);
    expect([d.verdict, d.corsError, d.credentialsMode]).toEqual(['blocked', 'WildcardOriginNotAllowed', 'include']);
    expect(d.assumptions).toContainEqual({ about: 'credentials-mode', assumed: 'include', because: 'browser-error' });
    expect(d.alternatives).toEqual([{ assume: { credentialsMode: 'same-origin' }, verdict: 'allowed', corsError: null, failedParameter: null }]);
  });

  it('records the checks of a preflighted PUT in Chromium order', () => {
    const d = diagnose(
      exchange('PUT', [
        {
          url: API + '/x',
          preflight: { url: API + '/x', requestHeaders: [], response: { status: 204, headers: [...acao(PAGE), ['Access-Control-Allow-Methods', 'PUT']] } },
          response: { status: 200, headers: [...acao(PAGE), ['Vary', 'Origin']] },
        },
      ]),
    );
    expect(d.verdict).toBe('allowed');
    expect(d.checks.map((c) => `${c.phase}/${c.name}:${c.outcome}`)).toEqual([
      'request/request-mode:passed',
      'preflight/preflight-needed:passed',
      'preflight/preflight-redirect:passed',
      'preflight/preflight-allow-origin:passed',
      'preflight/preflight-allow-credentials:skipped',
      'preflight/preflight-ok-status:passed',
      'preflight/preflight-allow-methods-syntax:passed',
      'preflight/preflight-allow-headers-syntax:passed',
      'preflight/preflight-method:passed',
      'preflight/preflight-headers:passed',
      'request/network:passed',
      'response/allow-origin:passed',
    ]);
    expect(d.preflight).toMatchObject({ required: true, reasons: [{ kind: 'method', method: 'PUT' }], observed: 'sent' });
    expect(d.exposure).toEqual({ readable: [], hidden: ['access-control-allow-origin', 'vary'], exposeHeaders: null });
  });

  it('a cross-origin redirect drops Authorization, so the next hop needs no preflight', () => {
    const d = diagnose(
      exchange(
        'GET',
        [
          {
            url: API + '/0',
            preflight: { url: API + '/0', requestHeaders: [], response: { status: 204, headers: [...acao('*'), ['Access-Control-Allow-Headers', 'authorization']] } },
            response: { status: 307, headers: [...acao('*'), ['Location', OTHER + '/1']] },
          },
          { url: OTHER + '/1', response: { status: 200, headers: acao('*') } },
        ],
        { headers: [...BROWSER, ['Authorization', 'Bearer x']] },
      ),
    );
    expect(d.verdict).toBe('allowed');
    expect(d.requestOrigins).toEqual([PAGE, 'null']);
    expect(d.checks.filter((c) => c.name === 'preflight-needed').map((c) => `${c.hop}:${c.outcome}`)).toEqual(['0:passed', '1:skipped']);
  });

  it('a needed preflight marked as served from the cache', () => {
    const d = diagnose(exchange('PUT', [{ url: API + '/x', preflightFromCache: true, response: { status: 200, headers: acao(PAGE) } }]));
    expect([d.verdict, d.preflight.observed]).toEqual(['allowed', 'cached']);
  });

  it('without Origin, Sec-Fetch-Mode or a known mode, a GET is read as no-cors', () => {
    const d = diagnose({ request: { method: 'GET', headers: [['Accept', '*/*']] }, hops: [{ url: API + '/x', response: { status: 200, headers: [] } }] });
    expect([d.verdict, d.mode]).toEqual(['not-cors', 'no-cors']);
    expect(d.assumptions).toContainEqual({ about: 'request-mode', assumed: 'no-cors', because: 'default' });
  });

  it('a 404 preflight without CORS headers notes the server error', () => {
    const d = diagnose(exchange('DELETE', [{ url: API + '/x', preflight: { url: API + '/x', requestHeaders: [], response: { status: 404, headers: [] } }, response: null }], {}, 'net::ERR_FAILED'));
    expect(d.errorResponse).toEqual({ hop: 0, status: 404, phase: 'preflight' });
    expect(d.failedAt).toEqual({ hop: 0, phase: 'preflight' });
  });

  it('compares origins on a mismatch', () => {
    const d = diagnose(exchange('GET', [{ url: API + '/x', response: { status: 200, headers: acao('http://localhost:1111') } }], {}, 'net::ERR_FAILED'));
    expect(d.originComparison).toEqual({ allowOrigin: 'http://localhost:1111', requestOrigin: PAGE, differences: ['localhost-vs-loopback'] });
  });
});
