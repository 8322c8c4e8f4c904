// Firefox's reason for a Diagnosis (reason.ts, through the verdict's reason and its MDN page),
// checked on what Firefox 153 logged for the public scenarios.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../cors-error.ts';
import type { CredentialsMode, HeaderLine, ObservedExchange, ObservedHop, RequestMode } from '../exchange.ts';
import { corsErrorFacts } from '../cors-errors/index.ts';
import { MDN_CORS_ERRORS } from '../cors-errors/facts.ts';
import { API, PAGE, diagnosed, engineCase, exchangeOf } from '../explain/test-diagnosis.ts';
import { firefoxReasonOfStored } from './reason.ts';
import { firefoxReasonWithPage as firefoxReason } from './verdict.ts';

// Copies of /work/shared/cors-scenarios (the repo must test on its own).
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8'));
type Run = { outcome: string; corsError: string | null; failedParameter: string | null };
type FxRun = { outcome: string; firefoxReasons: string[] };
type HopSpec = { host: string; response?: { status?: number; headers?: [string, string][] }; preflight?: { status?: number; headers?: [string, string][] } };
type FetchSpec = { method?: string; headers?: [string, string][]; credentials?: CredentialsMode; mode?: RequestMode };
type Scenario = { id: string; fetch?: FetchSpec; hops: HopSpec[] };
const chromium = fixture('public.observed.json') as { scenarios: { id: string; runs: Run[] }[] };
const firefox = fixture('public.observed-firefox.json') as { scenarios: { id: string; runs: FxRun[] }[] };
const scenarios = (fixture('public.json') as { scenarios: Scenario[] }).scenarios;

const OTHER = 'http://localhost:9999';
const CLOSED = 'http://127.0.0.1:9';
const hostUrl = (host: string): string => (host === 'other' ? OTHER : host === 'closed' ? CLOSED : host === 'page' ? PAGE : API);
const hopUrl = (s: Scenario, n: number): string => `${hostUrl(s.hops[n]?.host ?? 'api')}/s/${s.id}/${n}`;
const fill = (s: Scenario, h: [string, string][] | undefined): HeaderLine[] =>
  (h ?? []).map(([n, v]) => [n, v.replaceAll('{origin}', PAGE).replace(/\{hop:(\d+)\}/g, (_m, i: string) => hopUrl(s, Number(i)))]);

/** The exchange a capture of run `run` of `s` holds, as Chromium decided it (`ch`). */
function observed(s: Scenario, run: number, ch: Run): ObservedExchange {
  const refusedAtPreflight = ch.outcome === 'blocked' && ch.corsError !== null && !['MissingAllowOriginHeader', 'AllowOriginMismatch', 'MultipleAllowOriginValues', 'InvalidAllowOriginValue', 'WildcardOriginNotAllowed', 'InvalidAllowCredentials'].includes(ch.corsError);
  const hops: ObservedHop[] = s.hops.map((h, n) => {
    const url = hopUrl(s, n);
    const preflight = h.preflight && run === 0 ? { preflight: { url, requestHeaders: [], response: { status: h.preflight.status ?? 204, headers: fill(s, h.preflight.headers) } } } : {};
    const cached = h.preflight && run > 0 ? { preflightFromCache: true } : {};
    const response = h.host === 'closed' || (refusedAtPreflight && h.preflight !== undefined) ? null : { status: h.response?.status ?? 200, headers: fill(s, h.response?.headers) };
    return { url, ...preflight, ...cached, response };
  });
  const errorText = ch.outcome === 'network-error' ? 'net::ERR_CONNECTION_REFUSED' : ch.outcome === 'blocked' ? 'net::ERR_FAILED' : undefined;
  return exchangeOf({
    method: s.fetch?.method ?? 'GET',
    headers: [['Origin', PAGE], ...(s.fetch?.headers ?? [])],
    credentialsMode: s.fetch?.credentials ?? 'same-origin',
    mode: s.fetch?.mode ?? 'cors',
    hops,
    ...(errorText === undefined ? {} : { errorText }),
  });
}

const rows = firefox.scenarios.flatMap((fx) =>
  fx.runs.map((run, i) => {
    const ch = chromium.scenarios.find((s) => s.id === fx.id)?.runs[i];
    return [fx.id, i, ch, run] as const;
  }),
);

describe('firefoxReason agrees with what Firefox 153 reported for the public scenarios', () => {
  it('has every scenario in both recordings', () => {
    expect(rows.length).toBeGreaterThan(30);
    for (const [, , ch] of rows) expect(ch).toBeDefined();
  });

  it.each(rows)('%s #%i', (id, i, ch, fx) => {
    const scenario = scenarios.find((s) => s.id === id)!;
    const x = observed(scenario, i, ch!);
    const { diagnosis } = diagnosed(x);
    // The engine decides what Chromium decided (an opaque no-cors response resolves the promise too),
    // then names Firefox's reason for it.
    expect([diagnosis.verdict === 'not-cors' ? 'allowed' : diagnosis.verdict, diagnosis.corsError]).toEqual([ch!.outcome, ch!.corsError]);
    // Firefox's message ids carry a version digit (CORSMissingAllowOrigin2); MDN names drop it.
    const expected = fx.firefoxReasons[0]?.replace(/\d+$/, '') ?? null;
    expect(firefoxReason(diagnosis, x)?.reason ?? null).toBe(expected);
  });
});

describe('firefoxReason', () => {
  it("links the MDN page, and gives Firefox's console line", () => {
    const { diagnosis, exchange } = engineCase('MissingAllowOriginHeader');
    expect(firefoxReason(diagnosis, exchange)).toEqual({
      reason: 'CORSMissingAllowOrigin',
      mdn: `${MDN_CORS_ERRORS}CORSMissingAllowOrigin`,
      console: expect.stringMatching(/^Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at \S+\. \(Reason: CORS header ‘Access-Control-Allow-Origin’ missing\)\. Status code: \d+\.$/),
    });
  });

  it.each([
    [1, 'CORSAllowOriginNotMatchingOrigin'],
    [2, 'CORSMultipleAllowOriginNotAllowed'],
  ])('several origins on %i header line(s): %s', (lines, reason) => {
    const headers: HeaderLine[] = lines === 1
      ? [['Access-Control-Allow-Origin', `${PAGE}, http://example.com`]]
      : [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Origin', 'http://example.com']];
    const x = exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 200, headers } }], errorText: 'net::ERR_FAILED' });
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('MultipleAllowOriginValues');
    expect(firefoxReason(diagnosis, x)?.reason).toBe(reason);
  });

  it.each([
    ['CorsDisabledScheme', 'CORSRequestNotHttp'],
    ['InvalidAllowHeadersPreflightResponse', 'CORSInvalidAllowHeader'],
    ['PreflightInvalidAllowCredentials', 'CORSMissingAllowCredentials'],
    ['DisallowedByMode', null],
    ['LocalNetworkAccessPermissionDenied', null],
  ] as const)('%s → %s', (error, reason) => expect(corsErrorFacts(error).firefox).toBe(reason));

  it('maps every CorsError (to a reason or to null)', () => {
    for (const e of CORS_ERRORS) expect(corsErrorFacts(e).firefox === null || /^CORS[A-Za-z]+$/.test(corsErrorFacts(e).firefox ?? '')).toBe(true);
  });
});

describe('firefoxReasonOfStored: a bundle’s stored verdict in Firefox’s terms', () => {
  const twoLines = exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Origin', PAGE]] } }] });
  it('maps the stored CorsError, reading the exchange where Firefox tells more (several header lines)', () => {
    expect(firefoxReasonOfStored({ corsError: 'MissingAllowOriginHeader', failedAt: { hop: 0 } }, twoLines)).toBe('CORSMissingAllowOrigin');
    expect(firefoxReasonOfStored({ corsError: 'MultipleAllowOriginValues', failedAt: { hop: 0 } }, twoLines)).toBe('CORSMultipleAllowOriginNotAllowed');
  });

  it('is null for no error, and for a name this engine does not know (a newer engine’s)', () => {
    expect(firefoxReasonOfStored({ corsError: null, failedAt: null }, twoLines)).toBeNull();
    expect(firefoxReasonOfStored({ corsError: 'SomethingNewer', failedAt: { hop: 0 } }, twoLines)).toBeNull();
  });
});
