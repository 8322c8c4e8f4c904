// The engine on exactly what Chromium 156 saw: the HAR its DevTools exported while public.json ran,
// compared with the verdicts Chromium itself reported through the DevTools protocol.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/cors/index.ts';
import { mapHar } from '../../src/capture/index.ts';
import {
  RECORDED_HAR,
  exchangesByScenario,
  expectedVerdict,
  pageOriginOfHar,
  pageOriginOfObserved,
  recordedRuns,
  withOriginPlaceholder,
} from './recorded-scenarios.ts';

const { exchanges, skippedEntries } = mapHar(readFileSync(RECORDED_HAR, 'utf8'));
const byScenario = exchangesByScenario(exchanges, (exchange) => exchange.hops[0]!.url);
const harOrigin = pageOriginOfHar(exchanges);
const observedOrigin = pageOriginOfObserved();

describe('diagnose() on the recorded HAR agrees with Chromium', () => {
  it.each(recordedRuns.map((r) => ({ ...r, name: `${r.id}#${r.run}` })))('$name', ({ id, run, observed }) => {
    const exchange = byScenario.get(id)![run]!;
    const diagnosis = diagnose(exchange);
    expect({
      verdict: diagnosis.verdict,
      corsError: diagnosis.corsError,
      failedParameter: withOriginPlaceholder(diagnosis.failedParameter, harOrigin),
      preflightSent: diagnosis.preflight.observed === 'sent',
    }).toEqual({
      verdict: expectedVerdict(observed),
      corsError: observed.corsError,
      failedParameter: withOriginPlaceholder(observed.failedParameter, observedOrigin),
      preflightSent: observed.preflight,
    });
  });

  it('says the second preflight-cache-reuse run used the preflight cache', () => {
    const second = byScenario.get('preflight-cache-reuse')![1]!;
    expect(diagnose(second).preflight.observed).toBe('cached');
  });
});
