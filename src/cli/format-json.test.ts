// The fast `--json` writer must write exactly what serializing the reference object writes, with
// the wording built for the first fix only equal to the full wording's first fix.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/generate-har.ts';
import { arbitraryExchange } from '../../test/unit/arbitrary-exchange.ts';
import { exchangesFromHar } from '../capture/index.ts';
import { type ObservedExchange, explain } from '../cors/index.ts';
import { inertJson } from '../export/index.ts';
import { formatJson, jsonExchange } from './format-json.ts';
import { buildReport, reportExchange } from './report.ts';

/** What the line was before: every fix built, each check copied with rest-spread. */
function referenceLine(exchange: ObservedExchange, checkSpecs: Record<string, string>): string {
  const reported = reportExchange(exchange);
  const explanation = explain(reported.diagnosis, exchange);
  const object = jsonExchange(reported, {}, explanation);
  object['checks'] = reported.diagnosis.checks.map(({ spec, ...rest }) => {
    checkSpecs[rest.name] ??= spec;
    return checkSpecs[rest.name] === spec ? rest : { ...rest, spec };
  });
  // The characters JSON.stringify leaves raw that a terminal acts on are escaped: same value.
  return inertJson(JSON.stringify(object));
}

function expectSameLine(exchange: ObservedExchange): void {
  const report = { exchanges: [reportExchange(exchange)], sameOrigin: 0, skippedEntries: 0 };
  const line = formatJson(report).split('\n')[1]!;
  expect(line).toBe(referenceLine(exchange, {}));
  // A spec link already taken by another check of that name: the check carries its own.
  const seeded = (): Record<string, string> => ({ 'request-mode': 'https://example.com/other-link', network: 'https://example.com/x' });
  const referenceSpecs = seeded();
  const fastSpecs = seeded();
  const reported = report.exchanges[0]!;
  const fast = inertJson(JSON.stringify(jsonExchange(reported, fastSpecs, explain(reported.diagnosis, exchange, { fixes: 'first' }))));
  expect(fast).toBe(referenceLine(exchange, referenceSpecs));
  expect(fastSpecs).toEqual(referenceSpecs);
}

describe('formatJson writes each line as before, with the first fix built alone', () => {
  it('on every exchange of the recorded HAR', () => {
    const exchanges = exchangesFromHar(readFileSync(new URL('../../test/fixtures/public.devtools.har', import.meta.url), 'utf8'));
    // Some blocked ones, so the fix and console message are not all null.
    expect(exchanges.some((x) => explain(reportExchange(x).diagnosis, x).fixes.length > 1)).toBe(true);
    for (const exchange of exchanges) expectSameLine(exchange);
  });

  // 800 exchanges, each written three ways: longer than the default 5 s on a loaded machine.
  it('on every exchange of the benchmark HAR', () => {
    for (const exchange of exchangesFromHar(generateHar(800, 3))) expectSameLine(exchange);
  }, 60_000);

  it('on arbitrary exchanges', () => {
    fc.assert(
      fc.property(arbitraryExchange.filter((x) => x.hops.length > 0), (exchange) => {
        expectSameLine({ ...exchange, startedAt: 1_790_000_000_000 });
      }),
      { numRuns: 500 },
    );
  }, 120_000);

  // One document: the checks' texts and spec links are shared from one exchange to the next.
  it('on the benchmark HAR written as one document', () => {
    const report = buildReport(exchangesFromHar(generateHar(600, 4)));
    expect(report.exchanges.length).toBeGreaterThan(300);
    const lines = formatJson(report).split('\n').slice(1, 1 + report.exchanges.length);
    const specs: Record<string, string> = {};
    expect(lines.map((line) => line.replace(/,$/, ''))).toEqual(report.exchanges.map((r) => referenceLine(r.exchange, specs)));
  }, 60_000);

  it('formatJson is one JSON document of those lines', () => {
    const report = buildReport(exchangesFromHar(generateHar(50, 5)), 2);
    const document = JSON.parse(formatJson(report)) as { exchanges: unknown[]; checkSpecs: Record<string, string>; skippedEntries: number };
    const specs: Record<string, string> = {};
    expect(document.exchanges).toEqual(report.exchanges.map((r) => jsonExchange(r, specs)));
    expect(document.checkSpecs).toEqual(specs);
    expect(document.skippedEntries).toBe(2);
  });
});

// A same-origin JSON POST that a 303 sends to api as a GET, captured without a preflight there
// (Chromium's capture): Firefox would preflight api, and the capture holds no answer to it.
const PAGE = 'https://app.example';
const API = 'https://api.example';
const jsonSeeOtherToApi: ObservedExchange = {
  request: { method: 'POST', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE },
  hops: [
    { url: `${PAGE}/0`, response: { status: 303, headers: [['Location', `${API}/1`]] } },
    { url: `${API}/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } },
  ],
};

describe('firefox.preflightUnanswered', () => {
  const firefoxOf = (exchange: ObservedExchange, browser: 'chromium' | 'firefox'): Record<string, unknown> =>
    (JSON.parse(formatJson({ exchanges: [reportExchange(exchange, browser)], sameOrigin: 0, skippedEntries: 0 })) as { exchanges: { firefox: Record<string, unknown> }[] }).exchanges[0]!.firefox;

  it('true where Firefox is uncertain for want of the preflight it would send after the redirect, under either --browser', () => {
    for (const browser of ['chromium', 'firefox'] as const) {
      expect(firefoxOf(jsonSeeOtherToApi, browser), browser).toMatchObject({ outcome: 'uncertain', reason: null, preflightUnanswered: true });
    }
  });

  it('null otherwise', () => {
    const allowed: ObservedExchange = { ...jsonSeeOtherToApi, request: { ...jsonSeeOtherToApi.request, headers: [['Origin', PAGE]] } };
    for (const browser of ['chromium', 'firefox'] as const) {
      expect(firefoxOf(allowed, browser), browser).toMatchObject({ outcome: 'allowed', preflightUnanswered: null });
    }
  });
});

// A PUT sent without a preflight because the capturing browser's cache held one of Max-Age 100000,
// 3 hours old: Firefox keeps it (86400 s), Chromium would not have (7200 s). explain's text says so
// (`Preflight: not sent: ...`); --json carries it as data, and only where the text says it.
const cachedPut = (maxAge: string, ageMs: number): ObservedExchange => ({
  request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE, mode: 'cors' },
  hops: [{ url: `${API}/cached`, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] }, preflightFromCache: true, preflightCacheEntry: { maxAge, ageMs } }],
});

describe('preflightCacheMiss', () => {
  const lineOf = (exchange: ObservedExchange, browser: 'chromium' | 'firefox'): Record<string, unknown> =>
    (JSON.parse(formatJson({ exchanges: [reportExchange(exchange, browser)], sameOrigin: 0, skippedEntries: 0 })) as { exchanges: Record<string, unknown>[] }).exchanges[0]!;
  const HOUR = 3600_000;

  it('judged as the browser that would not have held the entry: the entry, its age, what the judged browser keeps, and the words', () => {
    const line = lineOf(cachedPut('100000', 3 * HOUR + 500), 'chromium');
    expect(line['preflightObserved']).toBe('cached');
    expect(line['preflightCacheMiss']).toEqual({
      cacheReadBy: 'firefox',
      maxAge: '100000',
      ageMs: 3 * HOUR + 500,
      keptSeconds: 7200,
      text: 'not sent: Firefox answered it from its preflight cache (Access-Control-Max-Age 100000, the cached answer 10800 s old); Chromium keeps it 7200 s, so Chromium would have sent a preflight',
    });
    // Beside the preflight's other facts.
    const keys = Object.keys(line);
    expect(keys[keys.indexOf('preflightObserved') + 1]).toBe('preflightCacheMiss');
    expect(lineOf(cachedPut('abc', 2_000), 'firefox')['preflightCacheMiss']).toMatchObject({ cacheReadBy: 'chromium', maxAge: 'abc', keptSeconds: 0 });
  });

  it('absent where the judged browser held the entry too: the line as before', () => {
    expect(lineOf(cachedPut('100000', 3 * HOUR + 500), 'firefox')).not.toHaveProperty('preflightCacheMiss');
    expect(lineOf(cachedPut('600', 60_000), 'chromium')).not.toHaveProperty('preflightCacheMiss');
    expect(lineOf(jsonSeeOtherToApi, 'chromium')).not.toHaveProperty('preflightCacheMiss');
  });

  it('the fast writer writes it as the reference object does', () => {
    expectSameLine(cachedPut('100000', 3 * HOUR + 500));
  });
});
