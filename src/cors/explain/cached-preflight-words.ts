// The words for a preflight the capture did not show because a preflight cache answered it, under
// the rules of the browser being judged (`--browser`). The capture found the entry by its own
// browser's cache (Chromium keeps Access-Control-Max-Age at most 7200 s, Firefox 86400 s; for a
// value that is not digits, Chromium 5 s and Firefox nothing: max-age.ts); judged as the other
// browser, the entry may be one that browser would no longer have held, and then it would have
// sent a preflight. What that preflight would have got is not in the capture; the earlier one, to
// the same URL, passed.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch, the steps that set max-age: "If max-age is
// null, then set max-age to 5." and "If max-age is greater than an imposed limit on max-age, then
// set max-age to the imposed limit." A capture is read by Firefox's rules only when Firefox wrote
// it; any other (Chromium, Safari, a proxy) by Chromium's, so that side is named by its rules.

import type { PreflightFacts } from '../diagnosis.ts';

type Browser = 'chromium' | 'firefox';
type CacheEntry = NonNullable<PreflightFacts['cacheEntry']>;

const NAMES: Record<Browser, string> = { chromium: 'Chromium', firefox: 'Firefox' };

/** Seconds `judged` keeps the entry's Access-Control-Max-Age. */
function keptBy(entry: CacheEntry, judged: Browser): number {
  return judged === 'firefox' ? entry.maxAge.firefoxSeconds : entry.maxAge.chromiumSeconds;
}

/** Whether `judged`'s preflight cache still held the entry when the request started. */
export function preflightCacheHeldBy(entry: CacheEntry, judged: Browser): boolean {
  return entry.ageMs < keptBy(entry, judged) * 1000;
}

/**
 * A `cached` preflight whose entry `judged` would not have held (the capture being the other
 * browser's): `judged` would have sent a preflight, whose answer the capture does not hold. Data for
 * `explain --json` (`preflightCacheMiss`); the words are `preflightCacheMissWords`.
 */
export interface PreflightCacheMiss {
  /**
   * Whose rules the capture's cache hit was read by: Firefox's for a capture Firefox wrote,
   * Chromium's for any other (Chromium, Safari, a proxy). Always the browser other than the judged one.
   */
  cacheReadBy: Browser;
  /** The entry's `Access-Control-Max-Age` as the output shows values (a key in it a placeholder); null when absent. */
  maxAge: string | null;
  /** The entry's age when the request started. */
  ageMs: number;
  /** Seconds the judged browser keeps that Max-Age (0: not at all): under the entry's age. */
  keptSeconds: number;
}

/** Where `judged` would not have held the entry that answered a `cached` preflight; null where it held it too, or the entry is unknown. */
export function preflightCacheMiss(preflight: Pick<PreflightFacts, 'cacheEntry'>, judged: Browser): PreflightCacheMiss | null {
  const entry = preflight.cacheEntry;
  if (entry === undefined || preflightCacheHeldBy(entry, judged)) return null;
  // Only the other browser's rules find an entry `judged` would not hold: judged as Firefox, the
  // capture was read by Chromium's rules, whichever browser wrote it.
  return { cacheReadBy: judged === 'firefox' ? 'chromium' : 'firefox', maxAge: entry.maxAge.found, ageMs: entry.ageMs, keptSeconds: keptBy(entry, judged) };
}

/** Which browser's cache answered, how old the entry was, and that the judged browser would have sent a preflight. */
export function preflightCacheMissWords(miss: PreflightCacheMiss): string {
  const answered = miss.cacheReadBy === 'chromium' ? "the capturing browser's preflight cache answered it (read by Chromium's rules: " : 'Firefox answered it from its preflight cache (';
  const name = NAMES[miss.cacheReadBy === 'chromium' ? 'firefox' : 'chromium'];
  const kept = miss.keptSeconds === 0 ? `${name} does not keep that value` : `${name} keeps it ${miss.keptSeconds} s`;
  return `not sent: ${answered}Access-Control-Max-Age ${miss.maxAge ?? 'absent'}, the cached answer ${Math.floor(miss.ageMs / 1000)} s old); ${kept}, so ${name} would have sent a preflight`;
}

/** `preflightCacheMissWords` of `preflightCacheMiss`, or null. */
export function otherBrowsersCachedPreflight(preflight: Pick<PreflightFacts, 'cacheEntry'>, judged: Browser): string | null {
  const miss = preflightCacheMiss(preflight, judged);
  return miss === null ? null : preflightCacheMissWords(miss);
}
