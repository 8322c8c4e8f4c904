// A 304 Not Modified that answers the browser's own revalidation of its cached copy is not the
// response the CORS check reads. https://fetch.spec.whatwg.org/#http-network-or-cache-fetch: "If
// response's status is 304 and storedResponse is non-null", the stored response's headers are
// updated with the 304's ("Freshening Stored Responses upon Validation", RFC 9111 §4.3.4) and the
// stored response goes on to HTTP fetch's CORS check. So a header the 304 left out is read from the
// cached copy, which a capture does not hold; one it sent replaces the cached one. Real Chromium
// (test/fix-proof/not-modified.test.ts): a revalidation answered 304 without
// Access-Control-Allow-Origin reaches the page as the cached 200; a 304 with another origin's value
// is blocked (AllowOriginMismatch).
//
// A page that sets a conditional header itself makes the cache mode "default" "no-store" (the same
// algorithm, "If httpRequest's header list contains `If-Modified-Since`..."): there is no stored
// response, and the 304 is checked as it came (Chromium: MissingAllowOriginHeader).

import { withPageSetHeaders } from './browser-added-headers.ts';
import type { HeaderList, ObservedExchange } from './exchange.ts';
import { hasHeader } from './header-list.ts';
import { needsPreflight } from './needs-preflight.ts';
import { readCorsResponseHeaders } from './response-headers.ts';

/** The conditional request headers that turn the cache mode "default" into "no-store" when the page sets one. */
const CONDITIONAL_HEADERS = ['if-modified-since', 'if-none-match', 'if-unmodified-since', 'if-match', 'if-range'] as const;

/** The conditional headers the browser adds to revalidate its cached copy (`mayBeBrowserAdded` lists them). */
const REVALIDATION_HEADERS = ['if-none-match', 'if-modified-since'] as const;

function hasConditionalHeader(headers: HeaderList, names: readonly string[]): boolean {
  return names.some((name) => hasHeader(headers, name));
}

/**
 * Who made `observed` (the request as captured, the browser's own header lines included)
 * conditional:
 * - `browser`: its revalidation of its cached copy, with a conditional header the browser added
 *   (`withPageSetHeaders` drops it: no preflight, or one whose Access-Control-Request-Headers does
 *   not name it) and none the page set. A 304 to it is checked on the cached copy updated by the 304
 *   (fetch/http-fetch.ts).
 * - `unknown`: the header looks the browser's only because no preflight was observed, yet the
 *   request needed one (a method or a header of the page's that is not safelisted), so its preflight
 *   came from the preflight cache, or the capture missed it, and the capture does not show which
 *   headers the page set (a page-set If-None-Match is checked as it came, and blocked).
 * - `page`: the page set one, or none was sent (a server that answers 304 unasked had no cached copy
 *   to update): the 304 is checked as it came.
 */
export function whoMadeConditional(observed: ObservedExchange): 'browser' | 'unknown' | 'page' {
  if (!hasConditionalHeader(observed.request.headers, REVALIDATION_HEADERS)) return 'page';
  const pageSet = withPageSetHeaders(observed).request;
  if (hasConditionalHeader(pageSet.headers, CONDITIONAL_HEADERS)) return 'page';
  const preflightSeen = observed.hops[0]?.preflight !== undefined;
  return !preflightSeen && needsPreflight(pageSet.method, pageSet.headers) ? 'unknown' : 'browser';
}

/**
 * Where a failure was blocked on a 304 that left out the header the CORS check read, whose request
 * the browser may have made conditional itself (`Diagnosis.cachedCopyBlocked`), read from the
 * capture and the verdict path's fields alone, as a cause is keyed (`causeOf`): `browser`, its
 * revalidation, the cached copy refused; `unknown`, that or the page's own conditional request
 * (`revalidationUnknown`); null for any other failure. A 304 to the page's own conditional request
 * is checked as it came: null.
 */
export function revalidationRefusedAt(exchange: ObservedExchange, corsError: string | null, hop: number): 'browser' | 'unknown' | null {
  if (corsError === null || corsError.startsWith('Preflight')) return null;
  const response = exchange.hops[hop]?.response;
  if (response == null || response.status !== 304) return null;
  const headers = readCorsResponseHeaders(response.headers, true);
  // The check reads Access-Control-Allow-Origin first; Access-Control-Allow-Credentials only once that passed.
  const leftOut = headers.allowOrigin === null || (corsError === 'InvalidAllowCredentials' && headers.allowCredentials === null);
  if (!leftOut) return null;
  const who = whoMadeConditional(exchange);
  return who === 'page' ? null : who;
}
