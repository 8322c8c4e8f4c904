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
 * Where `judged` would not have held the entry that answered a `cached` preflight (the capture
 * being the other browser's): which browser's cache answered, how old the entry was, and that
 * `judged` would have sent a preflight. Null where `judged` held it too, or the entry is unknown.
 */
export function otherBrowsersCachedPreflight(preflight: Pick<PreflightFacts, 'cacheEntry'>, judged: Browser): string | null {
  const entry = preflight.cacheEntry;
  if (entry === undefined || preflightCacheHeldBy(entry, judged)) return null;
  // Judged as Firefox, the capture was read by Chromium's rules, whichever browser wrote it.
  const answered = judged === 'firefox' ? "the capturing browser's preflight cache answered it (read by Chromium's rules: " : 'Firefox answered it from its preflight cache (';
  const name = NAMES[judged];
  const seconds = keptBy(entry, judged);
  const kept = seconds === 0 ? `${name} does not keep that value` : `${name} keeps it ${seconds} s`;
  return `not sent: ${answered}Access-Control-Max-Age ${entry.maxAge.found ?? 'absent'}, the cached answer ${Math.floor(entry.ageMs / 1000)} s old); ${kept}, so ${name} would have sent a preflight`;
}
