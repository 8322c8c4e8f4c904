// Whether a cross-origin request needs a CORS-preflight, and why.
// https://fetch.spec.whatwg.org/#main-fetch step 12 ("use-CORS-preflight flag"), as Chromium's
// `NeedsPreflight` (services/network/cors/cors_url_loader.cc) decides it on the request it sends.

import type { PreflightReason } from './diagnosis.ts';
import type { HeaderList } from './exchange.ts';
import { isCorsSafelistedMethod } from './methods.ts';
import { corsUnsafeNames, corsUnsafeRequestHeaderNames, type RequestHeaderFacts } from './safelisted-request-header.ts';

/**
 * https://fetch.spec.whatwg.org/#main-fetch
 * "request's use-CORS-preflight flag is set, or request's unsafe-request flag is set and either
 *  request's method is not a CORS-safelisted method or CORS-unsafe request-header names with
 *  request's header list is not empty" → CORS-preflight fetch.
 * `method` is the normalized method as sent. Forbidden headers on the observed request are the
 * browser's and are ignored. Returns the reasons, empty when none is needed.
 */
export function preflightReasons(method: string, headers: HeaderList): PreflightReason[] {
  const reasons: PreflightReason[] = [];
  if (!isCorsSafelistedMethod(method)) reasons.push({ kind: 'method', method });
  corsUnsafeRequestHeaderNames(headers, reasons);
  return reasons;
}

/**
 * The same decision as `preflightReasons`, made in the one pass over the request headers that also
 * reads what they say about the request (`Origin`, `Cookie`, `Sec-Fetch-Mode`) into `facts`.
 * Returns the sorted lower-case CORS-unsafe request-header names; `reasons` gets every reason.
 */
export function preflightNeeds(method: string, headers: HeaderList, reasons: PreflightReason[], facts: RequestHeaderFacts, clientHints = true): readonly string[] {
  if (!isCorsSafelistedMethod(method)) reasons.push({ kind: 'method', method });
  return corsUnsafeNames(headers, reasons, facts, clientHints);
}

/** Same decision as `preflightReasons(...).length > 0`, without building the reasons. */
export function needsPreflight(method: string, headers: HeaderList): boolean {
  if (!isCorsSafelistedMethod(method)) return true;
  return corsUnsafeRequestHeaderNames(headers, null).length > 0;
}
