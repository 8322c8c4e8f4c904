// `Access-Control-Max-Age`: how long a preflight result is cached.
// https://fetch.spec.whatwg.org/#http-access-control-max-age and
// https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.7 ("If max-age is null, then set
// max-age to 5"; "user agents may impose a limit"). Chromium: `ParseAccessControlMaxAge` in
// services/network/cors/preflight_result.cc (5 s default, 2 h cap, negative → 0, an unparsable
// value → default). Firefox caps at 24 h.

const CHROMIUM_DEFAULT_MAX_AGE = 5;
export const CHROMIUM_MAX_AGE_CAP = 7200;
const FIREFOX_MAX_AGE_CAP = 86400;

const DELTA_SECONDS = /^[+-]?\d+$/;

/** Seconds as written, or null when the value is not an integer (Chromium's `StringToInt64`). */
function parseSeconds(value: string | null): number | null {
  if (value === null || !DELTA_SECONDS.test(value)) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : null;
}

export interface MaxAge {
  found: string | null;
  chromiumSeconds: number;
  firefoxSeconds: number;
}

/** How long Chromium and Firefox keep the preflight result for this header value. */
export function maxAgeOf(found: string | null): MaxAge {
  const seconds = parseSeconds(found);
  let chromiumSeconds: number;
  let firefoxSeconds: number;
  if (seconds === null) {
    chromiumSeconds = CHROMIUM_DEFAULT_MAX_AGE;
    firefoxSeconds = CHROMIUM_DEFAULT_MAX_AGE;
  } else if (seconds < 0) {
    chromiumSeconds = 0;
    firefoxSeconds = 0;
  } else {
    chromiumSeconds = Math.min(seconds, CHROMIUM_MAX_AGE_CAP);
    firefoxSeconds = Math.min(seconds, FIREFOX_MAX_AGE_CAP);
  }
  return { found, chromiumSeconds, firefoxSeconds };
}
