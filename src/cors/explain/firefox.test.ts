import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, isCorsError } from '../cors-error.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { HeaderLine, ObservedHop } from '../exchange.ts';
import { MDN_CORS_ERRORS, firefoxReason, firefoxReasonFor } from './firefox.ts';
import { API, PAGE, blocked, diagnosisOf, exchangeOf } from './test-diagnosis.ts';

// Copies of /work/shared/cors-scenarios (the repo must test on its own).
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8'));
type Run = { outcome: string; corsError: string | null; failedParameter: string | null };
type FxRun = { outcome: string; firefoxReasons: string[] };
type Scenario = { id: string; hops: { response?: { headers?: [string, string][] }; preflight?: { headers?: [string, string][] } }[] };
const chromium = fixture('public.observed.json') as { scenarios: { id: string; runs: Run[] }[] };
const firefox = fixture('public.observed-firefox.json') as { scenarios: { id: string; runs: FxRun[] }[] };
const scenarios = (fixture('public.json') as { scenarios: Scenario[] }).scenarios;

const fill = (h: [string, string][] | undefined): HeaderLine[] => (h ?? []).map(([n, v]) => [n, v.replaceAll('{origin}', PAGE)]);

const rows = firefox.scenarios.flatMap((fx) =>
  fx.runs.map((run, i) => {
    const ch = chromium.scenarios.find((s) => s.id === fx.id)?.runs[i];
    return [fx.id, ch, run] as const;
  }),
);

describe('firefoxReason agrees with what Firefox 153 reported for the public scenarios', () => {
  it('has every scenario in both recordings', () => {
    expect(rows.length).toBeGreaterThan(30);
    for (const [, ch] of rows) expect(ch).toBeDefined();
  });

  it.each(rows)('%s', (id, ch, fx) => {
    const scenario = scenarios.find((s) => s.id === id);
    const hops: ObservedHop[] = (scenario?.hops ?? []).map((h, n) => ({
      url: `${API}/s/${id}/${n}`,
      ...(h.preflight ? { preflight: { url: `${API}/s/${id}/${n}`, requestHeaders: [], response: { status: 204, headers: fill(h.preflight.headers) } } } : {}),
      response: { status: 200, headers: fill(h.response?.headers) },
    }));
    let d: Diagnosis;
    if (ch?.outcome === 'blocked' && isCorsError(ch.corsError)) d = blocked(ch.corsError, ch.failedParameter ?? '');
    else if (ch?.outcome === 'network-error') d = diagnosisOf({ verdict: 'network-error', networkFailure: { errorText: 'net::ERR_CONNECTION_REFUSED', kind: 'connection-refused', phase: 'request', hop: 0 } });
    else d = diagnosisOf();
    // Firefox's message ids carry a version digit (CORSMissingAllowOrigin2); MDN names drop it.
    const expected = fx.firefoxReasons[0]?.replace(/\d+$/, '') ?? null;
    expect(firefoxReason(d, exchangeOf({ hops }))?.reason ?? null).toBe(expected);
  });
});

describe('firefoxReason', () => {
  it('links the MDN page', () => {
    expect(firefoxReason(blocked('MissingAllowOriginHeader'), exchangeOf())).toEqual({
      reason: 'CORSMissingAllowOrigin',
      mdn: `${MDN_CORS_ERRORS}CORSMissingAllowOrigin`,
    });
  });

  it.each([
    [1, 'CORSAllowOriginNotMatchingOrigin'],
    [2, 'CORSMultipleAllowOriginNotAllowed'],
  ])('several origins on %i header line(s): %s', (lines, reason) => {
    const headers: HeaderLine[] = lines === 1
      ? [['Access-Control-Allow-Origin', `${PAGE}, http://example.com`]]
      : [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Origin', 'http://example.com']];
    const x = exchangeOf({ hops: [{ url: `${API}/x`, response: { status: 200, headers } }] });
    expect(firefoxReason(blocked('MultipleAllowOriginValues', `${PAGE}, http://example.com`), x)?.reason).toBe(reason);
  });

  it.each([
    ['CorsDisabledScheme', 'CORSRequestNotHttp'],
    ['InvalidAllowHeadersPreflightResponse', 'CORSInvalidAllowHeader'],
    ['PreflightInvalidAllowCredentials', 'CORSMissingAllowCredentials'],
    ['DisallowedByMode', null],
    ['LocalNetworkAccessPermissionDenied', null],
  ] as const)('%s → %s', (error, reason) => expect(firefoxReasonFor(error)).toBe(reason));

  it('maps every CorsError (to a reason or to null)', () => {
    for (const e of CORS_ERRORS) expect(firefoxReasonFor(e) === null || /^CORS[A-Za-z]+$/.test(firefoxReasonFor(e) ?? '')).toBe(true);
  });
});
