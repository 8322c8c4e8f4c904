// The recorded HAR, mapped: one exchange per scenario run, preflights and hops where Chromium
// put them. Needs no engine: it tests the mapper alone on the HAR Chromium 156's DevTools exported.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapHar } from '../../src/capture/index.ts';
import { RECORDED_HAR, exchangesByScenario, recordedRuns } from './recorded-scenarios.ts';

const { exchanges, skippedEntries } = mapHar(readFileSync(RECORDED_HAR, 'utf8'));
const byScenario = exchangesByScenario(exchanges, (exchange) => exchange.hops[0]!.url);

describe('the recorded HAR, mapped', () => {
  it('has one exchange per scenario run: 32 scenarios, 33 runs', () => {
    expect(skippedEntries).toBe(0);
    expect(byScenario.size).toBe(32);
    expect([...byScenario.values()].flat()).toHaveLength(33);
    expect(recordedRuns).toHaveLength(33);
    for (const { id, run } of recordedRuns) expect(byScenario.get(id)?.[run], `${id} run ${run}`).toBeDefined();
  });

  it.each(recordedRuns.map((r) => ({ ...r, name: `${r.id}#${r.run}` })))(
    '$name: a preflight in the exchange exactly when Chromium sent one',
    ({ id, run, observed }) => {
      const exchange = byScenario.get(id)![run]!;
      expect(exchange.hops.some((hop) => hop.preflight !== undefined)).toBe(observed.preflight);
    },
  );

  it('the second run of preflight-cache-reuse is marked as answered from the preflight cache', () => {
    const [first, second] = byScenario.get('preflight-cache-reuse')!;
    expect(first!.hops[0]!.preflightFromCache).toBeUndefined();
    expect(second!.hops[0]!.preflightFromCache).toBe(true);
  });

  it('redirects are chained: one exchange with every hop', () => {
    expect(byScenario.get('redirect-cross-origin-ok')![0]!.hops.map((hop) => hop.response?.status)).toEqual([302, 200]);
    expect(byScenario.get('redirect-tainted-origin')![0]!.hops).toHaveLength(2);
    expect(byScenario.get('redirect-3xx-without-acao')![0]!.hops).toHaveLength(1);
  });
});
