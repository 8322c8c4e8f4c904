// diagnoseCause() is diagnose()'s cause and request needs without the rest of the account (the
// text of `explain` groups a whole log by these fields and words only each group's first): every
// field it gives must be diagnose()'s, under Chromium's and Firefox's rules, on the HAR Chromium
// exported, the generated mix, the Firefox recording, and arbitrary exchanges. Seeded.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { browserRules, type CauseDiagnosis, diagnose, diagnoseCause, type ObservedExchange } from '../../src/cors/index.ts';
import { generateHar } from '../../bench/generate-har.ts';
import { arbitraryExchange } from './arbitrary-exchange.ts';

const RULES = [browserRules('chromium'), browserRules('firefox')];

function fromDiagnose(exchange: ObservedExchange, rules: (typeof RULES)[number]): CauseDiagnosis {
  const d = diagnose(exchange, rules);
  return {
    verdict: d.verdict,
    corsError: d.corsError,
    failedParameter: d.failedParameter,
    failureReason: d.failureReason,
    failedAt: d.failedAt,
    requestOrigins: d.requestOrigins,
    credentialsMode: d.credentialsMode,
    networkFailure: d.networkFailure,
    advisories: d.advisories,
    preflight: { reasons: d.preflight.reasons },
  };
}

function expectSame(exchanges: readonly ObservedExchange[]): void {
  for (const rules of RULES) for (const exchange of exchanges) expect(diagnoseCause(exchange, rules)).toEqual(fromDiagnose(exchange, rules));
}

describe('diagnoseCause() is what diagnose() says of the cause', () => {
  it('on the recorded HARs (Chromium and Firefox DevTools)', () => {
    const chromium = exchangesFromHar(readFileSync(new URL('../fixtures/public.devtools.har', import.meta.url), 'utf8'));
    const firefox = exchangesFromHar(readFileSync(new URL('../fixtures/firefox-devtools/public.har', import.meta.url), 'utf8'));
    expect(chromium.length + firefox.length).toBeGreaterThan(20);
    expectSame([...chromium, ...firefox]);
  });

  it('on the generated mix, whose verdicts include blocked, network errors and credentialed reads', () => {
    const mix = exchangesFromHar(generateHar(2_000, 3));
    // The mix must exercise what differs: a reason for a preflight, the "include" reading.
    expect(mix.some((e) => diagnose(e).preflight.reasons.length > 0)).toBe(true);
    expect(mix.some((e) => diagnose(e).credentialsMode === 'include')).toBe(true);
    expectSame(mix);
  });

  it('on arbitrary exchanges', () => {
    fc.assert(
      fc.property(arbitraryExchange, (exchange) => {
        expectSame([exchange]);
      }),
      { numRuns: 1000, seed: 2414 },
    );
  }, 120_000);
});
