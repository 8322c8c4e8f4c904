// The CORS-preflight cache. https://fetch.spec.whatwg.org/#concept-cache-match
//
// A needed preflight that was not observed is explained by an earlier preflight whose result is
// still cached. The capture layer, which sees the whole stream, calls `preflightCacheCovers` with
// the earlier preflight and the rules of the browser that made the capture, and sets
// `ObservedHop.preflightFromCache`; the engine only reads that flag. Chromium keys entries by
// (origin, URL, credentials, network isolation key). How long an entry lives is the browser's own
// (`BrowserRules.preflightMaxAge`, max-age.ts; the table in preflight-cache.test.ts):
//
//   Access-Control-Max-Age   Chromium 156           Firefox ESR 153
//   absent (or empty)        5 s                    5 s
//   600                      600 s                  600 s
//   86400 and above          7200 s (its cap)       86400 s (its cap)
//   0                        not kept               not kept
//   -1                       not kept               not kept (not digits)
//   +600                     600 s                  not kept (not digits)
//   abc, 1.5, "600, 600"     5 s (unparsable)       not kept (not digits)
//
// Not read here: `BrowserRules.preflightCacheIpLiteralMisses`. Firefox ESR 153 drops an entry for
// an IP-address host (127.0.0.1) on its first two look-ups of a session and preflights again (which
// fits its answering a second PUT to 127.0.0.1 from its cache in some runs and not in others: it
// depends on how many requests to that host came before); a request sent without a preflight had an entry all
// the same, so a capture reads the two browsers' logs alike.
// Nor modelled, of Firefox's nsPreflightCache (netwerk/protocol/http/nsCORSListenerProxy.cpp): its
// entries are keyed by the credentials flag (an uncredentialed request does not use a credentialed
// entry), a later preflight adds its methods and headers to the entry rather than replacing it,
// and a cached `*` matches no method or header name. The coverage below is Chromium's for both.

import { allowHeaderNames } from './allow-headers.ts';
import { parseAllowList } from './allow-list.ts';
import { allowMethod } from './allow-methods.ts';
import type { BrowserRules } from './browser-rules.ts';
import type { CredentialsMode, HeaderList, PreflightCacheAnswer } from './exchange.ts';
import { getHeader } from './header-list.ts';
import { corsUnsafeNames } from './safelisted-request-header.ts';

export interface PreflightCacheEntry {
  /** The URL the earlier preflight was sent to. */
  url: string;
  /** The serialized origin it was sent from. */
  origin: string;
  credentialsMode: CredentialsMode;
  /** When the earlier preflight's response arrived, ms since the epoch. */
  receivedAt: number;
  /** The earlier preflight's response headers. */
  responseHeaders: HeaderList;
}

export interface CachedRequest {
  url: string;
  origin: string;
  method: string;
  headers: HeaderList;
  credentialsMode: CredentialsMode;
  /** When the request started, ms since the epoch. */
  startedAt: number;
}

/** What of a browser's rules its preflight cache follows here. */
export type PreflightCacheRules = Pick<BrowserRules, 'preflightMaxAge'>;

/**
 * Whether `entry`, in the preflight cache of the browser whose `rules` are given, answers
 * `request` without a new preflight (Chromium's `PreflightResult::EnsureAllowedRequest` plus
 * expiry): same URL and origin, not expired by that browser's
 * reading of `Access-Control-Max-Age`, a credentialed request needs a credentialed entry, and the
 * method and every CORS-unsafe header name are allowed by the entry.
 */
export function preflightCacheCovers(entry: PreflightCacheEntry, request: CachedRequest, rules: PreflightCacheRules): boolean {
  if (entry.url !== request.url || entry.origin !== request.origin) return false;
  const seconds = rules.preflightMaxAge.secondsKept(getHeader(entry.responseHeaders, 'access-control-max-age'));
  if (request.startedAt < entry.receivedAt || request.startedAt >= entry.receivedAt + seconds * 1000) return false;
  const credentials = entry.credentialsMode === 'include';
  if (!credentials && request.credentialsMode === 'include') return false;
  const methods = parseAllowList(getHeader(entry.responseHeaders, 'access-control-allow-methods'), false);
  const headers = parseAllowList(getHeader(entry.responseHeaders, 'access-control-allow-headers'), true);
  if (methods === null || headers === null) return false;
  if (allowMethod(request.method, methods, entry.credentialsMode) !== null) return false;
  return allowHeaderNames(corsUnsafeNames(request.headers), headers, entry.credentialsMode).disallowed === null;
}

/**
 * What `ObservedHop.preflightCacheEntry` keeps of `entry` for a request it covers that started at
 * `startedAt` (whole milliseconds, rounded down: still within the lifetime that covered it).
 */
export function preflightCacheAnswer(entry: PreflightCacheEntry, startedAt: number): PreflightCacheAnswer {
  return { maxAge: getHeader(entry.responseHeaders, 'access-control-max-age'), ageMs: Math.floor(startedAt - entry.receivedAt) };
}
