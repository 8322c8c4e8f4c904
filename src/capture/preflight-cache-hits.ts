// Recognises requests whose preflight came from the browser's preflight cache.
//
// https://fetch.spec.whatwg.org/#concept-cache: a successful preflight is remembered for
// `Access-Control-Max-Age` seconds, and a later request that needs a preflight and whose method and
// headers that entry covers goes out without one (https://fetch.spec.whatwg.org/#cors-preflight-fetch,
// "method cache entry match" and "header-name cache entry match"). Chromium keeps one entry per
// origin and URL, the latest preflight replacing the one before
// (services/network/cors/preflight_cache.cc). So a request that needed a preflight, has none in the
// log, and is covered by the latest preflight before it that passed, got its answer from that cache.
// Whether an entry covers a request is the engine's rule (`preflightCacheCovers`), by the rules of
// the browser that made the capture: how long its cache keeps an entry (Chromium at most 7,200 s,
// Firefox 86,400 s; each 5 s when Access-Control-Max-Age is absent, and Firefox nothing for a value
// that is not digits). Firefox may drop an entry sooner (the first look-ups at an IP-address host:
// `BrowserRules.preflightCacheIpLiteralMisses`), but then it preflights again and the log shows it.
// This file only finds the entry in a log.

import {
  type CredentialsMode,
  isCorsSafelistedMethod,
  preflightCacheAnswer,
  preflightCacheCovers,
  type PreflightCacheEntry,
  type PreflightCacheAnswer,
  type PreflightCacheRules,
  corsUnsafeRequestHeaderNames,
  pageSetHeaders,
} from '../cors/index.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { firstHeader } from './header-lookup.ts';
import { preflightOutcome, preflightPassed } from './preflight-outcome.ts';

/**
 * Which requests needed a preflight that was served from the cache. `entries` must be sorted by
 * `startedAt`; `preflightOf` is `pairPreflights()`'s answer; `originOf` gives each entry's
 * initiator origin (a preflight's: its `Origin`), by index; `rules` are those of the browser that
 * made the capture, whose cache it was. Returns those requests by index, each with the entry that
 * answered it (its Access-Control-Max-Age and age: another browser may not have kept it so long).
 */
export function findPreflightCacheHits(
  entries: readonly CapturedEntry[],
  preflightOf: ReadonlyMap<number, number>,
  originOf: (index: number) => string | null | undefined,
  rules: PreflightCacheRules,
): Map<number, PreflightCacheAnswer> {
  const hits = new Map<number, PreflightCacheAnswer>();
  // Which request each preflight was for: its credentials are the cache entry's.
  const requestOf = new Map<number, number>();
  for (const [request, preflight] of preflightOf) requestOf.set(preflight, request);
  // The cache as the browser kept it, per origin and URL: the latest preflight that passed. Whether
  // one passed is the engine's check, run only when a later request looks the entry up: most
  // preflights' entries are never looked up, and the one looked up is the latest that passed, so
  // the preflights since the last look are checked newest first, and the older ones a passing one
  // replaced never are (`latestPassed`).
  const cache = new Map<string, PreflightCacheEntry>();
  // Preflights with a response not yet checked, per origin and URL, oldest first.
  const unchecked = new Map<string, number[]>();
  // URLs some preflight that got a response went to: most requests have none, and skip the rest.
  const preflightUrls = new Set<string>();

  /** The cache entry preflight `index` made, or null when it did not pass (the cache kept the one before). */
  const entryMade = (index: number): PreflightCacheEntry | null => {
    const entry = entries[index]!;
    const origin = originOf(index) ?? 'null';
    const response = entry.response!;
    // Chromium caches a preflight's result only when the preflight passed, with the credentials
    // mode of the request it was sent for; a failed one leaves the cache as it was. Passing is
    // the engine's check (`checkPreflightResponse`), not a guess from the status.
    const request = requestOf.get(index);
    let credentialsMode: CredentialsMode;
    if (request !== undefined) {
      credentialsMode = credentialsOf(entries[request]!);
      if (!preflightPassed(entry, credentialsMode, origin)) return null;
    } else {
      // An unpaired preflight's credentials are unknown: the strictest reading it passes, so
      // that it may cover what it could have covered rather than hide a cache hit.
      const outcome = preflightOutcome(entry, origin);
      if (outcome === 'failed') return null;
      credentialsMode = outcome === 'passed' ? 'include' : 'same-origin';
    }
    return { url: entry.url, origin, credentialsMode, receivedAt: entry.startedAt + entry.durationMs, responseHeaders: response.headers };
  };
  /** The cache's entry for `key` now: the latest preflight that passed among those seen. */
  const latestPassed = (key: string): PreflightCacheEntry | undefined => {
    const waiting = unchecked.get(key);
    if (waiting !== undefined) {
      unchecked.delete(key);
      for (let k = waiting.length - 1; k >= 0; k--) {
        const made = entryMade(waiting[k]!);
        if (made === null) continue;
        cache.set(key, made);
        break;
      }
    }
    return cache.get(key);
  };

  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.isPreflight) {
      if (entry.response === null) continue;
      const key = `${originOf(i) ?? 'null'}\n${entry.url}`;
      const waiting = unchecked.get(key);
      if (waiting === undefined) unchecked.set(key, [i]);
      else waiting.push(i);
      preflightUrls.add(entry.url);
      continue;
    }
    if (preflightOf.has(i) || !preflightUrls.has(entry.url)) continue;
    // Requests that went out without an `Origin` (same-origin GET, no-cors) never need a preflight;
    // provisional headers (no response) lack it whatever the mode.
    if (entry.response !== null && firstHeader(entry.requestHeaders, 'origin') === undefined) continue;
    const origin = originOf(i) ?? 'null';
    const key = `${origin}\n${entry.url}`;
    if (!unchecked.has(key) && !cache.has(key)) continue;
    // The page's own headers: those the browser writes on the wire after deciding on the preflight
    // (`pageSetHeaders`: Firefox's `Priority: u=4` on every fetch, Chromium's over HTTP/2)
    // neither call for one nor need the entry to allow them.
    const headers = pageSetHeaders(entry.requestHeaders, undefined);
    // https://fetch.spec.whatwg.org/#main-fetch: a preflight is needed for a method that is not
    // safelisted or a CORS-unsafe header; without that need, no preflight was skipped.
    if (isCorsSafelistedMethod(entry.method) && corsUnsafeRequestHeaderNames(headers).length === 0) continue;
    const cached = latestPassed(key);
    if (cached === undefined) continue;
    const covered = preflightCacheCovers(cached, {
      url: entry.url,
      origin,
      method: entry.method,
      headers,
      credentialsMode: credentialsOf(entry),
      startedAt: entry.startedAt,
    }, rules);
    if (covered) hits.set(i, preflightCacheAnswer(cached, entry.startedAt));
  }
  return hits;
}

/** The wire shows credentials only as a `Cookie` header; without one, take the default mode. */
function credentialsOf(entry: CapturedEntry): CredentialsMode {
  return firstHeader(entry.requestHeaders, 'cookie') !== undefined ? 'include' : 'same-origin';
}
