// Recognises requests whose preflight came from the browser's preflight cache.
//
// https://fetch.spec.whatwg.org/#concept-cache: a successful preflight is remembered for
// `Access-Control-Max-Age` seconds, and a later request that needs a preflight and whose method and
// headers that entry covers goes out without one (https://fetch.spec.whatwg.org/#cors-preflight-fetch,
// "method cache entry match" and "header-name cache entry match"). Chromium keeps one entry per
// origin and URL, the latest preflight replacing the one before
// (services/network/cors/preflight_cache.cc). So a request that needed a preflight, has none in the
// log, and is covered by the latest preflight before it that passed, got its answer from that cache.
// Whether an entry covers a request is the engine's rule (`preflightCacheCovers`); this file only
// finds the entry in a log.

import type { CredentialsMode } from '../cors/exchange.ts';
import { isCorsSafelistedMethod } from '../cors/methods.ts';
import { preflightCacheCovers, type PreflightCacheEntry } from '../cors/preflight-cache.ts';
import { corsUnsafeRequestHeaderNames } from '../cors/safelisted-request-header.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { firstHeader } from './header-lookup.ts';
import { preflightOutcome, preflightPassed } from './preflight-outcome.ts';

/**
 * Which requests needed a preflight that was served from the cache. `entries` must be sorted by
 * `startedAt`; `preflightOf` is `pairPreflights()`'s answer; `originOf` gives each entry's
 * initiator origin (a preflight's: its `Origin`), by index. Returns the indices of those requests.
 */
export function findPreflightCacheHits(
  entries: readonly CapturedEntry[],
  preflightOf: ReadonlyMap<number, number>,
  originOf: (index: number) => string | null | undefined,
): Set<number> {
  const hits = new Set<number>();
  // Which request each preflight was for: its credentials are the cache entry's.
  const requestOf = new Map<number, number>();
  for (const [request, preflight] of preflightOf) requestOf.set(preflight, request);
  // The latest preflight that passed, per origin and URL.
  const cache = new Map<string, PreflightCacheEntry>();
  // URLs some cache entry is for: most requests have none, and skip the rest of the work.
  const cachedUrls = new Set<string>();

  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.isPreflight) {
      // Chromium caches a preflight's result only when the preflight passed, with the credentials
      // mode of the request it was sent for; a failed one leaves the cache as it was. Passing is
      // the engine's check (`checkPreflightResponse`), not a guess from the status.
      const response = entry.response;
      if (response === null) continue;
      const origin = originOf(i) ?? 'null';
      const request = requestOf.get(i);
      let credentialsMode: CredentialsMode;
      if (request !== undefined) {
        credentialsMode = credentialsOf(entries[request]!);
        if (!preflightPassed(entry, credentialsMode, origin)) continue;
      } else {
        // An unpaired preflight's credentials are unknown: the strictest reading it passes, so
        // that it may cover what it could have covered rather than hide a cache hit.
        const outcome = preflightOutcome(entry, origin);
        if (outcome === 'failed') continue;
        credentialsMode = outcome === 'passed' ? 'include' : 'same-origin';
      }
      cachedUrls.add(entry.url);
      cache.set(`${origin}\n${entry.url}`, {
        url: entry.url,
        origin,
        credentialsMode,
        receivedAt: entry.startedAt + entry.durationMs,
        responseHeaders: response.headers,
      });
      continue;
    }
    if (preflightOf.has(i) || !cachedUrls.has(entry.url)) continue;
    // Requests that went out without an `Origin` (same-origin GET, no-cors) never need a preflight;
    // provisional headers (no response) lack it whatever the mode.
    if (entry.response !== null && firstHeader(entry.requestHeaders, 'origin') === undefined) continue;
    const origin = originOf(i) ?? 'null';
    const cached = cache.get(`${origin}\n${entry.url}`);
    if (cached === undefined) continue;
    // https://fetch.spec.whatwg.org/#main-fetch: a preflight is needed for a method that is not
    // safelisted or a CORS-unsafe header; without that need, no preflight was skipped.
    if (isCorsSafelistedMethod(entry.method) && corsUnsafeRequestHeaderNames(entry.requestHeaders).length === 0) continue;
    const covered = preflightCacheCovers(cached, {
      url: entry.url,
      origin,
      method: entry.method,
      headers: entry.requestHeaders,
      credentialsMode: credentialsOf(entry),
      startedAt: entry.startedAt,
    });
    if (covered) hits.add(i);
  }
  return hits;
}

/** The wire shows credentials only as a `Cookie` header; without one, take the default mode. */
function credentialsOf(entry: CapturedEntry): CredentialsMode {
  return firstHeader(entry.requestHeaders, 'cookie') !== undefined ? 'include' : 'same-origin';
}
