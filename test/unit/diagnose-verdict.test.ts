// diagnoseVerdict() is diagnose()'s verdict, fast: on every exchange of the HAR Chromium 156 exported, and on
// arbitrary exchanges, it must say exactly what diagnose() says.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { diagnose, diagnoseVerdict, type ObservedExchange } from '../../src/cors/index.ts';
import { generateHar } from '../../bench/generate-har.ts';
import { arbitraryExchange } from './arbitrary-exchange.ts';

function fromDiagnose(exchange: ObservedExchange) {
  const diagnosis = diagnose(exchange);
  return {
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    preflightSent: diagnosis.preflight.observed === 'sent',
  };
}

describe('diagnoseVerdict() equals the verdict of diagnose()', () => {
  const recorded = exchangesFromHar(readFileSync(new URL('../fixtures/public.devtools.har', import.meta.url), 'utf8'));

  it('on every exchange of the recorded HAR', () => {
    expect(recorded.length).toBeGreaterThan(30);
    // Not all allowed: the recorded runs cover blocks, network errors and redirects.
    expect(new Set(recorded.map((x) => diagnoseVerdict(x).verdict)).size).toBeGreaterThanOrEqual(3);
    for (const exchange of recorded) expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
  });

  it('on the same exchanges with the credentials, request mode and page origin left unsaid', () => {
    for (const exchange of recorded) {
      const bare: ObservedExchange = { ...exchange, request: { method: exchange.request.method, headers: exchange.request.headers } };
      expect(diagnoseVerdict(bare)).toEqual(fromDiagnose(bare));
    }
  });

  it('on every exchange of the benchmark HAR', () => {
    for (const exchange of exchangesFromHar(generateHar(600, 7))) expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
  });

  it('on arbitrary exchanges (the property tests\' generator)', () => {
    fc.assert(
      fc.property(arbitraryExchange, (exchange) => {
        expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  it('on arbitrary exchanges with nothing but the wire known', () => {
    fc.assert(
      fc.property(arbitraryExchange, (exchange) => {
        const bare: ObservedExchange = { ...exchange, request: { method: exchange.request.method, headers: exchange.request.headers } };
        expect(diagnoseVerdict(bare)).toEqual(fromDiagnose(bare));
      }),
      { numRuns: 3000 },
    );
  }, 120_000);
});
