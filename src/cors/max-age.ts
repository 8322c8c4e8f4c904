// `Access-Control-Max-Age`: how long a preflight result is cached.
// https://fetch.spec.whatwg.org/#http-access-control-max-age and
// https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.7 ("If max-age is null, then set
// max-age to 5.") and the step after it ("If max-age is greater than an imposed limit on max-age,
// then set max-age to the imposed limit."). Chromium: `ParseAccessControlMaxAge` in
// services/network/cors/preflight_result.cc (5 s default, 2 h cap, negative → 0, an unparsable
// value → default). Firefox: `nsCORSPreflightListener::AddResultToCache` in
// netwerk/protocol/http/nsCORSListenerProxy.cpp (5 s when the header is absent or empty, digits
// only, `std::min(age, 86400U)`: "Cap at 24 hours"; any other character, a sign included, and the
// result is not cached at all).

const DEFAULT_MAX_AGE = 5;
export const CHROMIUM_MAX_AGE_CAP = 7200;
export const FIREFOX_MAX_AGE_CAP = 86400;

const DELTA_SECONDS = /^[+-]?\d+$/;
const DIGITS = /^\d+$/;

/** Seconds as written, or null when the value is not an integer (Chromium's `StringToInt64`). */
function parseSeconds(value: string | null): number | null {
  if (value === null || !DELTA_SECONDS.test(value)) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : null;
}

/** Seconds Chromium keeps a preflight result for this header value. */
export function chromiumMaxAge(found: string | null): number {
  const seconds = parseSeconds(found);
  if (seconds === null) return DEFAULT_MAX_AGE;
  return seconds < 0 ? 0 : Math.min(seconds, CHROMIUM_MAX_AGE_CAP);
}

/** Seconds Firefox keeps a preflight result for this header value (0: not cached). */
export function firefoxMaxAge(found: string | null): number {
  if (found === null || found === '') return DEFAULT_MAX_AGE;
  return DIGITS.test(found) ? Math.min(Number(found), FIREFOX_MAX_AGE_CAP) : 0;
}

export interface MaxAge {
  found: string | null;
  chromiumSeconds: number;
  firefoxSeconds: number;
}

/** How long Chromium and Firefox keep the preflight result for this header value. */
export function maxAgeOf(found: string | null): MaxAge {
  return { found, chromiumSeconds: chromiumMaxAge(found), firefoxSeconds: firefoxMaxAge(found) };
}
