// `share` must write only bundles its own importer accepts. Round trip: bundles written by
// `bundleParts` under small limits (so that every limit is reached) are read back by `importBundle`
// under the same limits; an exchange the importer would refuse is refused before writing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryExchange } from '../../test/unit/arbitrary-exchange.ts';
import type { HeaderLine, HeaderList, ObservedExchange } from '../cors/index.ts';
import { importBundle } from './bundle-import.ts';
import { BundleLimitError, bundleItemProblem, bundleParts, type BundleStats } from './bundle-parts.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle-schema.ts';
import { canaryExchange, hostileExchange, recordedExchanges } from './testing-exchanges.ts';
import { inertJson } from './visible-controls.ts';

// A header line of `clipped` (name 15, value 20) fits 64 after redaction too: a generated name is
// mostly no token, cut to ` REDACTED-REST-OF-NAME` with its value a placeholder (session 32).
const SMALL: BundleLimits = { ...DEFAULT_BUNDLE_LIMITS, maxBytes: 16_000, maxExchanges: 4, maxHopsPerExchange: 5, maxHeadersPerList: 6, maxNotesPerExchange: 2, maxHeaderLineLength: 64, maxUrlLength: 26 };
const CREATED = '2026-01-01T00:00:00.000Z';

/** The texts of the parts, in order. */
function partsOf(exchanges: readonly ObservedExchange[], limits: BundleLimits, stats?: BundleStats): string[] {
  const texts: string[] = [];
  for (const { part, text } of bundleParts({ exchanges: exchanges.map((exchange) => ({ exchange })), engineVersion: '1', createdAt: CREATED }, limits, stats)) {
    texts[part] = (texts[part] ?? '') + text;
  }
  return texts;
}

/** Cut to fit SMALL's limits on hops, header lines and lengths: most generated exchanges would not. */
function clipped(exchange: ObservedExchange): ObservedExchange {
  const cut = (list: HeaderList): HeaderLine[] => list.slice(0, SMALL.maxHeadersPerList).map(([name, value]): HeaderLine => [name.slice(0, 15), value.slice(0, 20)]);
  const url = (text: string): string => text.slice(0, SMALL.maxUrlLength);
  const hops = exchange.hops.slice(0, SMALL.maxHopsPerExchange).map((hop) => {
    const out = { ...hop, url: url(hop.url), response: hop.response && { ...hop.response, headers: cut(hop.response.headers) } };
    if (hop.preflight) out.preflight = { ...hop.preflight, url: url(hop.preflight.url), requestHeaders: cut(hop.preflight.requestHeaders), response: hop.preflight.response && { ...hop.preflight.response, headers: cut(hop.preflight.response.headers) } };
    return out;
  });
  const request = { ...exchange.request, headers: cut(exchange.request.headers) };
  if (typeof request.initiatorOrigin === 'string') request.initiatorOrigin = url(request.initiatorOrigin);
  return { ...exchange, request, hops };
}

// Mostly exchanges a bundle can hold, some it cannot.
const anExchange = fc.oneof(
  { weight: 5, arbitrary: arbitraryExchange.map(clipped) },
  { weight: 1, arbitrary: arbitraryExchange },
).map((exchange): ObservedExchange => ({ ...exchange, startedAt: 1_790_000_000_000 }));
const someExchanges = fc.array(anExchange, { maxLength: 12 });

// One thing past one limit, or nothing: each of the importer's checks met alone.
const STRETCHES: readonly ((exchange: ObservedExchange) => void)[] = [
  () => undefined,
  (x) => void (x.request.method = 'M'.repeat(SMALL.maxHeaderLineLength + 1)),
  (x) => void (x.request.method = ''),
  (x) => void (x.request.initiatorOrigin = `http://${'o'.repeat(SMALL.maxUrlLength)}`),
  (x) => void (x.request.headers = [...x.request.headers, ['X-Long', 'v'.repeat(SMALL.maxHeaderLineLength)]]),
  (x) => void (x.request.headers = Array.from({ length: SMALL.maxHeadersPerList + 1 }, (): HeaderLine => ['X', 'y'])),
  (x) => void (x.request.bodySize = 2.5),
  (x) => void (x.startedAt = Number.NaN),
  (x) => void (x.startedAt = 1e308), // found by npm run fuzz: finite, but no Date
  (x) => void (x.errorText = 'e'.repeat(SMALL.maxHeaderLineLength + 1)),
  (x) => void (x.hops = Array.from({ length: SMALL.maxHopsPerExchange + 1 }, () => ({ url: 'http://a/', response: null }))),
  (x) => void (x.hops = []),
  (x) => void (x.hops[0] && (x.hops[0].url = `http://${'u'.repeat(SMALL.maxUrlLength)}`)),
  (x) => void (x.hops[0] && (x.hops[0].response = { status: 1000, headers: [] })),
  (x) => void (x.hops[0] && (x.hops[0].response = { status: 302, headers: [], locationUrl: `http://${'l'.repeat(SMALL.maxUrlLength)}` })),
  (x) => void (x.hops[0] && (x.hops[0].response = { status: 200, headers: [['X-Long', 'v'.repeat(SMALL.maxHeaderLineLength)]] })),
  (x) => void (x.hops[0] && (x.hops[0].response = { status: 200, headers: Array.from({ length: SMALL.maxHeadersPerList + 1 }, (): HeaderLine => ['X', 'y']) })),
  (x) => void (x.hops[0] && (x.hops[0].preflight = { url: `http://${'p'.repeat(SMALL.maxUrlLength)}`, requestHeaders: [], response: null })),
  (x) => void (x.hops[0] && (x.hops[0].preflight = { url: 'http://a/', requestHeaders: [['X-Long', 'v'.repeat(SMALL.maxHeaderLineLength)]], response: null })),
  (x) => void (x.hops[0] && (x.hops[0].preflight = { url: 'http://a/', requestHeaders: [], response: { status: 204, headers: [['X-Long', 'v'.repeat(SMALL.maxHeaderLineLength)]] } })),
  (x) => void (x.hops[0] && (x.hops[0].preflight = { url: 'http://a/', requestHeaders: [], response: { status: -1, headers: [] } })),
  (x) => void (x.hops[0] && (x.hops[0].preflight = { url: 'http://a/', requestHeaders: [], response: { status: 302, headers: [], locationUrl: `http://${'l'.repeat(SMALL.maxUrlLength)}` } })),
  (x) => void (x.hops[0] && (x.hops[0].preflight = { url: 'http://a/', requestHeaders: [], response: null, networkError: 'n'.repeat(SMALL.maxHeaderLineLength + 1) })),
];
const stretchedExchange = fc.tuple(arbitraryExchange.map(clipped), fc.nat({ max: STRETCHES.length - 1 })).map(([exchange, which]) => {
  const copy = structuredClone(exchange);
  STRETCHES[which]!(copy);
  return copy;
});

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
    // The limits were reached: parts were split (fewer runs split since the check counts the
    // redacted exchange, whose placeholders push more generated exchanges over a limit).
    expect(split).toBeGreaterThan(5);
  }, 120_000);

  it('what the writer refuses is exactly what the importer refuses', () => {
    fc.assert(
      fc.property(fc.oneof(anExchange, stretchedExchange), (exchange) => {
        const problem = bundleItemProblem({ exchange }, SMALL);
        // One exchange in a bundle with room to spare: only the per-exchange limits can refuse it.
        const roomy = { ...SMALL, maxBytes: DEFAULT_BUNDLE_LIMITS.maxBytes };
        const text = serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '1', createdAt: CREATED }));
        const imported = importBundle(text, { engineVersion: '1', limits: roomy });
        expect({ refusedByWriter: problem !== null, refusedByImporter: !imported.ok }).toEqual({ refusedByWriter: !imported.ok, refusedByImporter: !imported.ok });
      }),
      { seed: 5, numRuns: 800 },
    );
  }, 120_000);

  it('splits at the exchange count and at the size, never past either', () => {
    const limits = { ...SMALL, maxHeadersPerList: 100, maxHopsPerExchange: 64, maxExchanges: 5, maxBytes: 12_000, maxHeaderLineLength: 1_000, maxUrlLength: 1_000 };
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
    expect(() => partsOf([canaryExchange(), exchange], { ...SMALL, maxHeadersPerList: 100, maxHeaderLineLength: 100_000, maxUrlLength: 1_000 })).toThrow(/^it is .* as a bundle, more than the 16,000 bytes a bundle file may be$/);
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
