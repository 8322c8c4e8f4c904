// The 32 public scenarios, mapped by hand to what Chromium put on the wire, must get exactly the
// verdict Chromium 156 reported (recorded in /work/shared/cors-scenarios/recorded/public.observed.json,
// copied into the table below so the repository tests on its own).
//
// Two mappings per scenario:
// - "wire": what a capture sees — the Origin/Cookie/Sec-Fetch-Mode headers the browser adds, no
//   credentials or request mode given, no actual request after a failed preflight, no hop after a
//   blocked redirect.
// - "known": the fetch() arguments as known facts, and every response the scenario defines that the
//   browser received (never the actual response after a failed preflight: Chromium does not send
//   that request, and the engine takes such an input as a contradiction).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import type { HeaderLine, ObservedExchange, ObservedHop, CredentialsMode, RequestMode } from './exchange.ts';

interface ScenarioResponse {
  status: number;
  headers?: [string, string][];
}
interface Scenario {
  id: string;
  fetch: {
    method?: string;
    headers?: [string, string][];
    credentials?: CredentialsMode;
    mode?: RequestMode;
    redirect?: 'follow' | 'manual' | 'error';
    body?: string;
  };
  hops: { host: 'page' | 'api' | 'other' | 'closed'; response: ScenarioResponse; preflight?: ScenarioResponse }[];
  repeat?: number;
}

const scenarios = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../test/scenarios/public.json', import.meta.url)), 'utf8')) as {
    scenarios: Scenario[];
  }
).scenarios;

const ORIGINS = {
  page: 'http://127.0.0.1:1111',
  api: 'http://127.0.0.1:2222',
  other: 'http://localhost:3333',
  closed: 'http://127.0.0.1:4444',
} as const;
const PAGE = ORIGINS.page;

/** What Chromium 156 reported per run (public.observed.json), `{origin}` for the page's origin. */
type Observed = { outcome: 'allowed' | 'blocked' | 'network-error'; corsError: string | null; failedParameter: string | null; preflight: boolean; errorText: string | null };
const ok = (preflight: boolean): Observed => ({ outcome: 'allowed', corsError: null, failedParameter: null, preflight, errorText: null });
const blocked = (corsError: string, failedParameter: string, preflight: boolean): Observed => ({
  outcome: 'blocked',
  corsError,
  failedParameter,
  preflight,
  errorText: 'net::ERR_FAILED',
});
const OBSERVED: Record<string, Observed[]> = {
  'simple-get-acao-star': [ok(false)],
  'simple-get-acao-origin': [ok(false)],
  'simple-get-no-acao': [blocked('MissingAllowOriginHeader', '', false)],
  'simple-get-acao-other-origin': [blocked('AllowOriginMismatch', 'http://example.com', false)],
  'simple-get-acao-trailing-slash': [blocked('AllowOriginMismatch', '{origin}/', false)],
  'simple-get-acao-list': [blocked('MultipleAllowOriginValues', '{origin}, http://example.com', false)],
  'cred-wildcard': [blocked('WildcardOriginNotAllowed', '', false)],
  'cred-no-acac': [blocked('InvalidAllowCredentials', '', false)],
  'cred-ok': [ok(false)],
  'cred-acac-capitalised': [blocked('InvalidAllowCredentials', 'True', false)],
  'post-form-simple': [ok(false)],
  'post-text-plain-charset': [ok(false)],
  'post-json-ok': [ok(true)],
  'post-json-no-acah': [blocked('HeaderDisallowedByPreflightResponse', 'content-type', true)],
  'put-method-not-allowed': [blocked('MethodDisallowedByPreflightResponse', 'PUT', true)],
  'put-ok': [ok(true)],
  'delete-preflight-404-bare': [blocked('PreflightMissingAllowOriginHeader', '', true)],
  'delete-preflight-404-with-acao': [blocked('PreflightInvalidStatus', '', true)],
  'preflight-wildcard-cred': [blocked('PreflightWildcardOriginNotAllowed', '', true)],
  'preflight-ok-actual-no-acao': [blocked('MissingAllowOriginHeader', '', true)],
  'custom-header-acah-star': [ok(true)],
  'authorization-acah-star': [ok(true)],
  'acah-list-ok': [ok(true)],
  'acam-invalid-syntax': [blocked('InvalidAllowMethodsPreflightResponse', '', true)],
  'preflight-redirect': [blocked('PreflightDisallowedRedirect', '', true)],
  'redirect-cross-origin-ok': [ok(false)],
  'redirect-3xx-without-acao': [blocked('MissingAllowOriginHeader', '', false)],
  'redirect-tainted-origin': [blocked('AllowOriginMismatch', '{origin}', false)],
  'no-cors-opaque': [ok(false)],
  'connection-refused': [
    { outcome: 'network-error', corsError: null, failedParameter: null, preflight: false, errorText: 'net::ERR_CONNECTION_REFUSED' },
  ],
  'server-500-without-acao': [blocked('MissingAllowOriginHeader', '', false)],
  'preflight-cache-reuse': [ok(true), ok(false)],
};

function fill(value: string, id: string): string {
  return value
    .replaceAll('{origin}', PAGE)
    .replaceAll('{api}', ORIGINS.api)
    .replaceAll('{other}', ORIGINS.other)
    .replaceAll('{host:api}', ORIGINS.api.slice(7))
    .replaceAll('{host:other}', ORIGINS.other.slice(7))
    .replaceAll('{id}', id)
    .replace(/\{hop:(\d+)\}/g, (_, n: string) => hopUrl(scenarios.find((s) => s.id === id)!, Number(n)));
}

function hopUrl(scenario: Scenario, n: number): string {
  return `${ORIGINS[scenario.hops[n]!.host]}/s/${scenario.id}/${n}`;
}

function responseOf(scenario: Scenario, response: ScenarioResponse) {
  return { status: response.status, headers: (response.headers ?? []).map(([n, v]) => [n, fill(v, scenario.id)] as HeaderLine) };
}

/** The request headers Chromium sends for the scenario's fetch(). */
function requestHeaders(scenario: Scenario): HeaderLine[] {
  const f = scenario.fetch;
  const method = (f.method ?? 'GET').toUpperCase();
  const mode = f.mode ?? 'cors';
  const headers: HeaderLine[] = [['Accept', '*/*'], ...(f.headers ?? [])];
  if (f.body !== undefined && !headers.some(([n]) => n.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', 'text/plain;charset=UTF-8']);
  }
  headers.push(['Accept-Encoding', 'gzip, deflate, br, zstd'], ['Accept-Language', 'en-US,en;q=0.9'], ['Connection', 'keep-alive']);
  // The cookie is set on 127.0.0.1: only a credentialed request to that host carries it.
  if (f.credentials === 'include' && scenario.hops[0]!.host !== 'other') headers.push(['Cookie', 'sid=1']);
  if (mode === 'cors' || method !== 'GET') headers.push(['Origin', PAGE]);
  headers.push(
    ['Referer', PAGE + '/'],
    ['Sec-Fetch-Dest', 'empty'],
    ['Sec-Fetch-Mode', mode],
    ['Sec-Fetch-Site', 'same-site'],
    ['User-Agent', 'Mozilla/5.0 HeadlessChrome/156.0.0.0'],
    ['sec-ch-ua-mobile', '?0'],
  );
  return headers;
}

const PREFLIGHT_PHASE = /^(Preflight|InvalidAllowMethods|InvalidAllowHeaders|MethodDisallowed|HeaderDisallowed)/;

function exchangeOf(scenario: Scenario, run: number, variant: 'wire' | 'known'): ObservedExchange {
  const observed = OBSERVED[scenario.id]![run]!;
  const f = scenario.fetch;
  const hops: ObservedHop[] = [];
  for (let n = 0; n < scenario.hops.length; n++) {
    const def = scenario.hops[n]!;
    const url = hopUrl(scenario, n);
    const closed = def.host === 'closed';
    const hop: ObservedHop = { url, response: closed ? null : responseOf(scenario, def.response) };
    // An OPTIONS was on the wire exactly when Chromium reported one (first hop; the scenarios'
    // later hops are never preflighted because no preflighted request gets past hop 0).
    if (observed.preflight && n === 0) {
      hop.preflight = {
        url,
        requestHeaders: [['Access-Control-Request-Method', (f.method ?? 'GET').toUpperCase()]],
        response: responseOf(scenario, def.preflight ?? { status: 405 }),
      };
    }
    if (!observed.preflight && run > 0) hop.preflightFromCache = true;
    if (observed.corsError !== null && PREFLIGHT_PHASE.test(observed.corsError)) hop.response = null;
    hops.push(hop);
    // The browser does not follow a redirect it blocked.
    if (variant === 'wire' && observed.outcome === 'blocked' && n === 0 && scenario.id.startsWith('redirect-3xx')) break;
  }
  const exchange: ObservedExchange = {
    request: { method: f.method ?? 'GET', headers: requestHeaders(scenario) },
    hops,
  };
  if (observed.errorText !== null) exchange.errorText = observed.errorText;
  if (variant === 'known') {
    exchange.request.initiatorOrigin = PAGE;
    exchange.request.credentialsMode = f.credentials ?? 'same-origin';
    exchange.request.mode = f.mode ?? 'cors';
    exchange.request.redirectMode = f.redirect ?? 'follow';
  }
  return exchange;
}

const cases = scenarios.flatMap((scenario) =>
  Array.from({ length: scenario.repeat ?? 1 }, (_, run) => ({ scenario, run, observed: OBSERVED[scenario.id]![run]! })),
);

describe('diagnose() on the public scenarios matches Chromium 156', () => {
  it('covers every scenario of public.json', () => {
    expect(scenarios).toHaveLength(32);
    expect(cases.every((c) => c.observed !== undefined)).toBe(true);
  });

  for (const variant of ['wire', 'known'] as const) {
    it.each(cases.map((c) => [`${c.scenario.id} #${c.run + 1} (${variant})`, c] as const))('%s', (_name, { scenario, run, observed }) => {
      const diagnosis = diagnose(exchangeOf(scenario, run, variant));
      const expectedVerdict =
        observed.outcome === 'allowed' ? ((scenario.fetch.mode ?? 'cors') === 'no-cors' ? 'not-cors' : 'allowed') : observed.outcome;
      expect({
        verdict: diagnosis.verdict,
        corsError: diagnosis.corsError,
        failedParameter: diagnosis.failedParameter,
      }).toEqual({
        verdict: expectedVerdict,
        corsError: observed.corsError,
        failedParameter: observed.failedParameter === null ? null : fill(observed.failedParameter, scenario.id),
      });
      if (observed.outcome === 'allowed' && expectedVerdict === 'allowed') {
        expect(diagnosis.preflight.observed).toBe(observed.preflight ? 'sent' : run > 0 ? 'cached' : 'not-needed');
      }
    });
  }
});

describe('diagnose() facts on public scenarios', () => {
  const find = (id: string) => scenarios.find((s) => s.id === id)!;

  it('redirect-tainted-origin: the second hop is checked against the opaque origin', () => {
    const d = diagnose(exchangeOf(find('redirect-tainted-origin'), 0, 'wire'));
    expect(d.requestOrigins).toEqual([PAGE, 'null']);
    expect(d.failedAt).toEqual({ hop: 1, phase: 'response' });
    expect(d.originComparison?.differences).toEqual(['null']);
  });

  it('server-500-without-acao: blocked, and the server error is noted', () => {
    const d = diagnose(exchangeOf(find('server-500-without-acao'), 0, 'wire'));
    expect(d.errorResponse).toEqual({ hop: 0, status: 500, phase: 'response' });
  });

  it('connection-refused: a network failure, not a CORS error', () => {
    const d = diagnose(exchangeOf(find('connection-refused'), 0, 'wire'));
    expect(d.networkFailure).toEqual({ errorText: 'net::ERR_CONNECTION_REFUSED', kind: 'connection-refused', phase: 'request', hop: 0 });
  });

  it('authorization-acah-star: allowed like Chromium, with the advisory', () => {
    const d = diagnose(exchangeOf(find('authorization-acah-star'), 0, 'wire'));
    expect(d.advisories.map((a) => a.kind)).toContain('wildcard-allow-headers-covers-authorization');
  });

  it('simple-get-acao-star without a Cookie: include is reported as the alternative', () => {
    const d = diagnose(exchangeOf(find('simple-get-acao-star'), 0, 'wire'));
    expect(d.credentialsMode).toBe('same-origin');
    expect(d.alternatives).toEqual([
      { assume: { credentialsMode: 'include' }, verdict: 'blocked', corsError: 'WildcardOriginNotAllowed', failedParameter: '' },
    ]);
  });

  it('cred-ok: the Cookie header proves credentials were included', () => {
    const d = diagnose(exchangeOf(find('cred-ok'), 0, 'wire'));
    expect(d.credentialsMode).toBe('include');
    expect(d.assumptions).toContainEqual({ about: 'credentials-mode', assumed: 'include', because: 'cookie-header' });
  });

  it('post-json-no-acah: the preflight reason is the content-type value', () => {
    const d = diagnose(exchangeOf(find('post-json-no-acah'), 0, 'wire'));
    expect(d.preflight.required).toBe(true);
    expect(d.preflight.reasons).toEqual([{ kind: 'header', name: 'content-type', why: 'value', value: 'application/json' }]);
  });

  it('preflight-cache-reuse: max-age 600 is kept 600 s by both browsers', () => {
    const d = diagnose(exchangeOf(find('preflight-cache-reuse'), 0, 'wire'));
    expect(d.preflight.maxAge).toEqual({ found: '600', chromiumSeconds: 600, firefoxSeconds: 600 });
  });
});
