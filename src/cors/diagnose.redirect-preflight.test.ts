// A request that starts same origin and is redirected to another origin: main fetch runs again for
// the redirect (https://fetch.spec.whatwg.org/#http-redirect-fetch, last step), sets the CORS flag
// there (https://fetch.spec.whatwg.org/#main-fetch step 12), and the browser preflights the new
// origin first when the request, as sent there, needs it. Chromium 156 does
// (test/scenarios/redirects-from-page.json); `Diagnosis.preflight` describes that hop, and the
// verdict-only path says the same.

import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseCause, diagnoseVerdict } from './diagnose.ts';
import type { PreflightReason } from './diagnosis.ts';
import type { HeaderList, ObservedExchange, ObservedHop, ObservedPreflight } from './exchange.ts';
import { ACAO, API, BROWSER, fromPage, PAGE } from './testing-redirect-from-page.ts';


function preflight(requested: HeaderList, headers: HeaderList, status = 204): ObservedPreflight {
  return { url: `${API}/s/1`, requestHeaders: requested, response: { status, headers } };
}

const NO_OPTIONS = preflight([['Access-Control-Request-Method', 'PUT']], [], 405);

interface Case {
  about: string;
  exchange: ObservedExchange;
  verdict: string;
  corsError: string | null;
  failedParameter: string | null;
  observed: 'sent' | 'cached' | 'not-needed' | 'missing';
  hop: number;
  reasons: PreflightReason[];
}

const CASES: Case[] = [
  {
    about: 'PUT 307 to api, which allows the preflight and the PUT',
    exchange: fromPage('PUT', 307, [], { preflight: preflight([['Access-Control-Request-Method', 'PUT']], [...ACAO, ['Access-Control-Allow-Methods', 'PUT']]), response: { status: 200, headers: ACAO } }),
    verdict: 'allowed',
    corsError: null,
    failedParameter: null,
    observed: 'sent',
    hop: 1,
    reasons: [{ kind: 'method', method: 'PUT' }],
  },
  {
    about: 'PUT 307 to api without an OPTIONS route: blocked at that preflight',
    exchange: fromPage('PUT', 307, [], { preflight: NO_OPTIONS, response: null }, 'net::ERR_FAILED'),
    verdict: 'blocked',
    corsError: 'PreflightMissingAllowOriginHeader',
    failedParameter: '',
    observed: 'sent',
    hop: 1,
    reasons: [{ kind: 'method', method: 'PUT' }],
  },
  {
    about: 'GET with X-Custom 302 to api, whose preflight does not list it',
    exchange: fromPage('GET', 302, [['X-Custom', '1']], { preflight: preflight([['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'x-custom']], ACAO), response: null }, 'net::ERR_FAILED'),
    verdict: 'blocked',
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: 'x-custom',
    observed: 'sent',
    hop: 1,
    reasons: [{ kind: 'header', name: 'x-custom', why: 'name', value: '1' }],
  },
  {
    about: 'PUT with X-Custom 303 to api: the preflight is for the GET it became, which keeps X-Custom',
    exchange: fromPage('PUT', 303, [['X-Custom', '1']], { preflight: preflight([['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'x-custom']], ACAO), response: null }, 'net::ERR_FAILED'),
    verdict: 'blocked',
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: 'x-custom',
    observed: 'sent',
    hop: 1,
    reasons: [{ kind: 'header', name: 'x-custom', why: 'name', value: '1' }],
  },
  {
    about: 'POST application/json 303 to api: a simple GET there, no preflight needed',
    exchange: fromPage('POST', 303, [['Content-Type', 'application/json']], { response: { status: 200, headers: ACAO } }),
    verdict: 'allowed',
    corsError: null,
    failedParameter: null,
    observed: 'not-needed',
    hop: 1,
    reasons: [],
  },
  {
    about: 'POST application/json 307 to api: Content-Type kept, the preflight is needed, and the capture missed it',
    exchange: fromPage('POST', 307, [['Content-Type', 'application/json']], { response: { status: 200, headers: ACAO } }),
    verdict: 'allowed',
    corsError: null,
    failedParameter: null,
    observed: 'missing',
    hop: 1,
    reasons: [{ kind: 'header', name: 'content-type', why: 'value', value: 'application/json' }],
  },
  {
    about: 'GET with Authorization 302 to api: Authorization removed at the other origin, no preflight',
    exchange: fromPage('GET', 302, [['Authorization', 'Bearer a']], { response: { status: 200, headers: ACAO } }),
    verdict: 'allowed',
    corsError: null,
    failedParameter: null,
    observed: 'not-needed',
    hop: 1,
    reasons: [],
  },
  {
    about: 'a cross-origin PUT (hop 0 on api): its preflight is hop 0\'s, as before',
    exchange: {
      request: { method: 'PUT', headers: BROWSER, initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
      hops: [{ url: `${API}/s/0`, preflight: { ...NO_OPTIONS, url: `${API}/s/0` }, response: null }],
      errorText: 'net::ERR_FAILED',
    },
    verdict: 'blocked',
    corsError: 'PreflightMissingAllowOriginHeader',
    failedParameter: '',
    observed: 'sent',
    hop: 0,
    reasons: [{ kind: 'method', method: 'PUT' }],
  },
  {
    about: 'a same-origin PUT that stays same-origin: nothing to preflight',
    exchange: { request: { method: 'PUT', headers: BROWSER, initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' }, hops: [{ url: `${PAGE}/s/0`, response: { status: 200, headers: [] } }] },
    verdict: 'not-cors',
    corsError: null,
    failedParameter: null,
    observed: 'not-needed',
    hop: 0,
    reasons: [],
  },
];

describe('a same-origin request redirected to another origin is preflighted there', () => {
  it.each(CASES)('$about', (c) => {
    const d = diagnose(c.exchange);
    expect([d.verdict, d.corsError, d.failedParameter]).toEqual([c.verdict, c.corsError, c.failedParameter]);
    expect({ hop: d.preflight.hop, observed: d.preflight.observed, reasons: d.preflight.reasons }).toEqual({ hop: c.hop, observed: c.observed, reasons: c.reasons });
    expect(d.preflight.required).toBe(c.reasons.length > 0);
    // The verdict-only path and the cause's reasons agree with the full account.
    const v = diagnoseVerdict(c.exchange);
    expect([v.verdict, v.corsError, v.failedParameter, v.preflightSent]).toEqual([d.verdict, d.corsError, d.failedParameter, d.preflight.observed === 'sent']);
    expect(diagnoseCause(c.exchange).preflight.reasons).toEqual(d.preflight.reasons);
  });
});
