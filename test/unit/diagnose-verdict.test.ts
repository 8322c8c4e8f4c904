// diagnoseVerdict() is diagnose()'s verdict, fast: on every exchange of the HAR Chromium 156 exported, and on
// arbitrary exchanges, it must say exactly what diagnose() says. diagnose() (the full account) is the
// reference; the verdict path skips what it can prove does not change the verdict (the headers the
// browser added, when no preflight is there to check them against; the response headers only the
// account reads), so the generators below also mix in those headers and hosts the fast URL scan
// treats apart (`xn--` labels, dashes). Every run is seeded, so a failure is the same each time.
// (Every scenario of test/scenarios/ is compared the same way in the Chromium conformance run:
// test/conformance/conformance.ts.)

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { diagnose, diagnoseVerdict, type HeaderLine, type ObservedExchange, type VerdictOnly } from '../../src/cors/index.ts';
import { generateHar } from '../../bench/generate-har.ts';
import { arbitraryExchange } from './arbitrary-exchange.ts';

function fromDiagnose(exchange: ObservedExchange) {
  const diagnosis = diagnose(exchange);
  return {
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    failureReason: diagnosis.failureReason,
    preflightSent: diagnosis.preflight.observed === 'sent',
    failedHop: diagnosis.verdict === 'blocked' ? diagnosis.failedAt!.hop : null,
    preflightUnanswered: diagnosis.preflightUnanswered === true,
  };
}

const SEED = 1414;

// What the browser may add to a request after deciding on its preflight (browser-added-headers.ts),
// in the spellings and values that decide whether it is removed, and an
// `Access-Control-Request-Headers` on the preflight naming some of them or not.
const browserAddedLine = fc
  .tuple(
    fc.constantFrom('Cache-Control', 'cache-control', 'Pragma', 'PRAGMA', 'Priority', 'X-Client-Data', 'If-None-Match', 'If-Modified-Since', ':authority'),
    fc.constantFrom('no-cache', ' no-cache ', 'max-age=0', 'u=1, i', 'x'),
  )
  .map((line) => line as unknown as HeaderLine);
const requestHeadersLine = fc
  .constantFrom('cache-control', 'pragma, x-a', 'priority,authorization', '', 'x-client-data, if-none-match')
  .map((value) => ['Access-Control-Request-Headers', value] as unknown as HeaderLine);
// Hosts the fast origin scan must send to the URL parser (`xn--` labels) or keep (a dash elsewhere).
const unusualUrl = fc.constantFrom(
  'http://xn--bcher-kva.example/a',
  'https://a.xn--nxasmq6b.example:8443/',
  'http://a-b.example/xn--c',
  'http://api.example/xn--x.y',
  'https://xn--.example/',
  'http://x-n--a.example/',
  'http://a.xn--b-c.example:99/p?q#f',
);

function insertAt<T>(list: readonly T[], items: readonly (readonly [T, number])[]): T[] {
  const result = [...list];
  for (const [item, at] of items) result.splice(at % (result.length + 1), 0, item);
  return result;
}

/** `arbitraryExchange`, with browser-added request headers, `Access-Control-Request-Headers`, and unusual hosts mixed in. */
const exchangeWithBrowserAdded: fc.Arbitrary<ObservedExchange> = fc
  .tuple(
    arbitraryExchange,
    fc.array(fc.tuple(browserAddedLine, fc.nat()), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(browserAddedLine, requestHeadersLine), fc.nat()), { maxLength: 3 }),
    fc.array(fc.tuple(unusualUrl, fc.nat()), { maxLength: 3 }),
  )
  .map(([exchange, added, preflightAdded, urls]) => {
    const hops = exchange.hops.map((hop) =>
      hop.preflight === undefined ? hop : { ...hop, preflight: { ...hop.preflight, requestHeaders: insertAt(hop.preflight.requestHeaders, preflightAdded) } },
    );
    for (const [url, at] of urls) if (hops.length > 0) hops[at % hops.length] = { ...hops[at % hops.length]!, url };
    return { ...exchange, request: { ...exchange.request, headers: insertAt(exchange.request.headers, added) }, hops };
  });

/** The exchange with only what the wire shows of its request: no credentials mode, request mode nor page origin. */
function wireOnly(exchange: ObservedExchange): ObservedExchange {
  return { ...exchange, request: { method: exchange.request.method, headers: exchange.request.headers } };
}

/** Seeded: on every generated exchange, diagnoseVerdict says what diagnose says (`seen` sees each verdict). */
function agreesOn(exchanges: fc.Arbitrary<ObservedExchange>, numRuns: number, seen?: (fast: VerdictOnly) => void): void {
  fc.assert(
    fc.property(exchanges, (exchange) => {
      const fast = diagnoseVerdict(exchange);
      seen?.(fast);
      expect(fast).toEqual(fromDiagnose(exchange));
    }),
    { seed: SEED, numRuns },
  );
}

function sameVerdict(exchange: ObservedExchange): boolean {
  const fast = diagnoseVerdict(exchange);
  const full = fromDiagnose(exchange);
  return fast.verdict === full.verdict && fast.corsError === full.corsError && fast.failedParameter === full.failedParameter && fast.failureReason === full.failureReason && fast.preflightSent === full.preflightSent && fast.failedHop === full.failedHop && fast.preflightUnanswered === full.preflightUnanswered;
}

/**
 * A CORS request redirected to another origin whose preflight is seen only there (none at hop 0),
 * with headers the browser added: only that later preflight's check reads them.
 */
const redirectedToPreflight: fc.Arbitrary<ObservedExchange> = fc
  .record({
    method: fc.constantFrom('GET', 'PUT', 'POST'),
    added: fc.array(fc.tuple(browserAddedLine, fc.nat()), { maxLength: 3 }),
    own: fc.subarray([['Content-Type', 'application/json'], ['X-Trace', '1'], ['Accept', '*/*']] as unknown as HeaderLine[]),
    credentialsMode: fc.constantFrom('omit' as const, 'same-origin' as const, 'include' as const, undefined),
    status: fc.constantFrom(301, 302, 303, 307, 308),
    allowOrigin: fc.constantFrom('*', 'http://127.0.0.1:1111', 'null'),
    requested: fc.oneof(requestHeadersLine, fc.constant(['Access-Control-Request-Headers', 'content-type, x-trace'] as unknown as HeaderLine)),
    allowHeaders: fc.constantFrom('*', 'content-type, x-trace', 'cache-control, pragma, priority, content-type, x-trace, x-client-data, if-none-match, if-modified-since', ''),
    actual: fc.boolean(),
    errorText: fc.constantFrom(undefined, 'net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED'),
  })
  .map((r) => {
    const next = 'http://127.0.0.1:3333/b';
    const allow = (extra: [string, string][]): HeaderLine[] => [['Access-Control-Allow-Origin', r.allowOrigin], ...extra] as unknown as HeaderLine[];
    const exchange: ObservedExchange = {
      request: {
        method: r.method,
        headers: insertAt(r.own, r.added),
        initiatorOrigin: 'http://127.0.0.1:1111',
        mode: 'cors',
        ...(r.credentialsMode === undefined ? {} : { credentialsMode: r.credentialsMode }),
      },
      hops: [
        { url: 'http://127.0.0.1:2222/a', response: { status: r.status, headers: allow([['Location', next]]) } },
        {
          url: next,
          preflight: {
            url: next,
            requestHeaders: [['Access-Control-Request-Method', r.method] as unknown as HeaderLine, r.requested],
            response: { status: 204, headers: allow([['Access-Control-Allow-Methods', 'GET, PUT, POST'], ['Access-Control-Allow-Headers', r.allowHeaders]]) },
          },
          response: r.actual ? { status: 200, headers: allow([]) } : null,
        },
      ],
      ...(r.errorText === undefined ? {} : { errorText: r.errorText }),
    };
    return exchange;
  });

describe('diagnoseVerdict() equals the verdict of diagnose()', () => {
  const recorded = exchangesFromHar(readFileSync(new URL('../fixtures/public.devtools.har', import.meta.url), 'utf8'));

  it('on every exchange of the recorded HAR', () => {
    expect(recorded.length).toBeGreaterThan(30);
    // Not all allowed: the recorded runs cover blocks, network errors and redirects.
    expect(new Set(recorded.map((x) => diagnoseVerdict(x).verdict)).size).toBeGreaterThanOrEqual(3);
    for (const exchange of recorded) expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
  });

  it('on the same exchanges with the credentials, request mode and page origin left unsaid', () => {
    for (const bare of recorded.map(wireOnly)) expect(diagnoseVerdict(bare)).toEqual(fromDiagnose(bare));
  });

  it('on every exchange of the benchmark HAR', () => {
    for (const exchange of exchangesFromHar(generateHar(600, 7))) expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
  });

  it('on every exchange of the mix bench/verdict.ts measures', () => {
    const mix = exchangesFromHar(generateHar(10_000));
    expect(mix.length).toBeGreaterThan(5000);
    let differences = 0;
    for (const exchange of mix) if (!sameVerdict(exchange)) differences++;
    expect(differences).toBe(0);
  }, 120_000);

  const generated: [string, fc.Arbitrary<ObservedExchange>, number][] = [
    ["arbitrary exchanges (the property tests' generator)", arbitraryExchange, 3000],
    ['arbitrary exchanges with nothing but the wire known', arbitraryExchange.map(wireOnly), 3000],
    ['arbitrary exchanges with headers the browser added and unusual hosts', exchangeWithBrowserAdded, 3000],
    ['those with nothing but the wire known', exchangeWithBrowserAdded.map(wireOnly), 2000],
  ];
  it.each(generated)('on %s', (_, exchanges, numRuns) => agreesOn(exchanges, numRuns), 120_000);

  it('on redirects to a preflight seen only at the next hop, with headers the browser added', () => {
    const verdicts = new Set<string>();
    agreesOn(redirectedToPreflight, 1500, (fast) => verdicts.add(`${fast.verdict} ${fast.corsError ?? ''}`));
    // The generator reaches the later preflight's header check, both ways.
    expect(verdicts).toContain('blocked HeaderDisallowedByPreflightResponse');
    expect(verdicts).toContain('allowed ');
  }, 120_000);
});
