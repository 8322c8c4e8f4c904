// `share` must write only bundles its own importer accepts. Round trip: bundles written by
// `bundleParts` under small limits (so that every limit is reached) are read back by `importBundle`
// under the same limits; an exchange the importer would refuse is refused before writing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryExchange } from '../../test/unit/arbitrary-exchange.ts';
import type { ObservedExchange } from '../cors/exchange.ts';
import { importBundle } from './bundle-import.ts';
import { BundleLimitError, bundleItemProblem, bundleParts, type BundleStats } from './bundle-parts.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle-schema.ts';
import { canaryExchange, hostileExchange, recordedExchanges } from './testing-exchanges.ts';
import { inertJson } from './visible-controls.ts';

const SMALL: BundleLimits = { ...DEFAULT_BUNDLE_LIMITS, maxBytes: 16_000, maxExchanges: 4, maxHopsPerExchange: 5, maxHeadersPerList: 6, maxNotesPerExchange: 2 };
const CREATED = '2026-01-01T00:00:00.000Z';

/** The texts of the parts, in order. */
function partsOf(exchanges: readonly ObservedExchange[], limits: BundleLimits, stats?: BundleStats): string[] {
  const texts: string[] = [];
  for (const { part, text } of bundleParts({ exchanges: exchanges.map((exchange) => ({ exchange })), engineVersion: '1', createdAt: CREATED }, limits, stats)) {
    texts[part] = (texts[part] ?? '') + text;
  }
  return texts;
}

/** Cut to fit SMALL's hop and header limits: most generated exchanges would not. */
function clipped(exchange: ObservedExchange): ObservedExchange {
  const cut = <T>(list: readonly T[]): T[] => list.slice(0, SMALL.maxHeadersPerList);
  const hops = exchange.hops.slice(0, SMALL.maxHopsPerExchange).map((hop) => {
    const out = { ...hop, response: hop.response && { ...hop.response, headers: cut(hop.response.headers) } };
    if (hop.preflight) out.preflight = { ...hop.preflight, requestHeaders: cut(hop.preflight.requestHeaders), response: hop.preflight.response && { ...hop.preflight.response, headers: cut(hop.preflight.response.headers) } };
    return out;
  });
  return { ...exchange, request: { ...exchange.request, headers: cut(exchange.request.headers) }, hops };
}

// Mostly exchanges a bundle can hold, some it cannot.
const anExchange = fc.oneof(
  { weight: 5, arbitrary: arbitraryExchange.map(clipped) },
  { weight: 1, arbitrary: arbitraryExchange },
).map((exchange): ObservedExchange => ({ ...exchange, startedAt: 1_790_000_000_000 }));
const someExchanges = fc.array(anExchange, { maxLength: 12 });

describe('bundleParts → importBundle', () => {
  it('every part imports under the same limits, and holds the exchanges in order; or the writer refused first', () => {
    let split = 0;
    fc.assert(
      fc.property(someExchanges, (exchanges) => {
        const refused = exchanges.findIndex((exchange) => bundleItemProblem({ exchange }, SMALL) !== null);
        let texts: string[];
        try {
          texts = partsOf(exchanges, SMALL);
        } catch (error) {
          expect(error).toBeInstanceOf(BundleLimitError);
          // Refused for the first exchange no bundle can hold, or an earlier one too big on its own.
          const { index, message } = error as BundleLimitError;
          if (index !== refused) expect(message).toMatch(/ a bundle file may be$/);
          if (refused !== -1) expect(index).toBeLessThanOrEqual(refused);
          return;
        }
        expect(refused).toBe(-1);
        if (texts.length > 1) split++;
        const ids: string[] = [];
        for (const text of texts) {
          expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(SMALL.maxBytes);
          const imported = importBundle(text, { engineVersion: '1', limits: SMALL });
          if (!imported.ok) throw new Error(`${imported.errors[0]!.path}: ${imported.errors[0]!.message}`);
          ids.push(...imported.bundle.exchanges.map((entry) => entry.id));
        }
        expect(ids).toEqual(exchanges.map((_, i) => `exchange-${i + 1}`));
      }),
      { seed: 3, numRuns: 300 },
    );
    // The limits were reached: parts were split.
    expect(split).toBeGreaterThan(20);
  }, 120_000);

  it('what the writer refuses is exactly what the importer refuses', () => {
    fc.assert(
      fc.property(anExchange, (exchange) => {
        const problem = bundleItemProblem({ exchange }, SMALL);
        // One exchange in a bundle with room to spare: only the per-exchange limits can refuse it.
        const roomy = { ...SMALL, maxBytes: DEFAULT_BUNDLE_LIMITS.maxBytes };
        const text = serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '1', createdAt: CREATED }));
        const imported = importBundle(text, { engineVersion: '1', limits: roomy });
        expect({ refusedByWriter: problem !== null, refusedByImporter: !imported.ok }).toEqual({ refusedByWriter: !imported.ok, refusedByImporter: !imported.ok });
      }),
      { seed: 5, numRuns: 500 },
    );
  }, 120_000);

  it('splits at the exchange count and at the size, never past either', () => {
    const limits = { ...SMALL, maxHeadersPerList: 100, maxHopsPerExchange: 64, maxExchanges: 5, maxBytes: 12_000 };
    const exchanges = [...recordedExchanges(), canaryExchange(), hostileExchange()];
    expect(exchanges.every((exchange) => bundleItemProblem({ exchange }, limits) === null)).toBe(true);
    const stats: BundleStats = { exchanges: 0, redactions: 0, parts: 0 };
    const texts = partsOf(exchanges, limits, stats);
    expect(texts.length).toBeGreaterThan(Math.ceil(exchanges.length / 5));
    expect(stats).toMatchObject({ exchanges: exchanges.length, parts: texts.length });
    let total = 0;
    let redactions = 0;
    for (const text of texts) {
      const imported = importBundle(text, { engineVersion: '1', limits });
      if (!imported.ok) throw new Error(imported.errors[0]!.message);
      expect(imported.exchanges.length).toBeLessThanOrEqual(5);
      expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(12_000);
      total += imported.exchanges.length;
      redactions += imported.bundle.redactions.length;
      // A part's redactions name only its own exchanges.
      const ids = new Set(imported.exchanges.map((entry) => entry.id));
      expect(imported.bundle.redactions.every((redaction) => ids.has(redaction.exchange))).toBe(true);
    }
    expect([total, redactions]).toEqual([exchanges.length, stats.redactions]);
  });

  it('refuses an exchange larger than a bundle file on its own, naming it', () => {
    const exchange: ObservedExchange = { ...canaryExchange(), hops: [{ url: 'https://api.example/big', response: { status: 200, headers: [['X-Big', 'x'.repeat(20_000)]] } }] };
    expect(() => partsOf([canaryExchange(), exchange], { ...SMALL, maxHeadersPerList: 100 })).toThrow(/^it is .* as a bundle, more than the 16,000 bytes a bundle file may be$/);
  });

  it('one part is exactly serializeBundle: the same text whether written at once or in pieces', () => {
    const exchanges = [...recordedExchanges(), canaryExchange(), hostileExchange()];
    const items = exchanges.map((exchange) => ({ exchange }));
    const whole = serializeBundle(createBundle({ exchanges: items, engineVersion: '1', createdAt: CREATED }));
    expect(partsOf(exchanges, DEFAULT_BUNDLE_LIMITS)).toEqual([whole]);
    expect(whole).toBe(inertJson(`${JSON.stringify(createBundle({ exchanges: items, engineVersion: '1', createdAt: CREATED }), null, 2)}\n`));
    expect(partsOf([], DEFAULT_BUNDLE_LIMITS)).toEqual([serializeBundle(createBundle({ exchanges: [], engineVersion: '1', createdAt: CREATED }))]);
  });
});
