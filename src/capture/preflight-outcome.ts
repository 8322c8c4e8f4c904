// Whether a logged preflight let its request go, by the engine's own preflight check.
//
// A capture log lists a preflight's response but not the browser's verdict on it. Two things in the
// capture depend on that verdict: Chromium caches a preflight result only when the preflight passed
// (services/network/cors/preflight_controller.cc creates the cache entry after its checks succeed;
// https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7 only reaches "create a new cache entry"
// when the checks of steps 6-7 passed), and a request whose preflight failed is never sent, which
// helps tell concurrent identical requests apart when pairing. The checks are the engine's
// (`checkPreflightResponse`), asked with what the preflight itself carries: the method in
// `Access-Control-Request-Method` and the names in `Access-Control-Request-Headers` are exactly
// what Chromium checked the response against.

import { type CredentialsMode, type HeaderList, type ObservedResponse, checkPreflightResponse, readCorsResponseHeaders } from '../cors/index.ts';
import { firstHeader } from './header-lookup.ts';
import { parseRequestHeadersList } from './requested-header-names.ts';

/** What a capture shows of one preflight. */
export interface LoggedPreflight {
  requestHeaders: HeaderList;
  /** null when no response arrived. */
  response: ObservedResponse | null;
}

/**
 * Whether the preflight passed for a request with `credentialsMode` from `origin` (default: the
 * preflight's own `Origin`; `"null"` for an opaque one).
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 6-7
 */
export function preflightPassed(preflight: LoggedPreflight, credentialsMode: CredentialsMode, origin?: string | null): boolean {
  const response = preflight.response;
  // Step 6's network error: no response, nothing passed.
  if (response === null) return false;
  const method = firstHeader(preflight.requestHeaders, 'access-control-request-method');
  if (method === undefined) return false; // An OPTIONS the page made is no preflight.
  const unsafeNames = parseRequestHeadersList(firstHeader(preflight.requestHeaders, 'access-control-request-headers'));
  const requestOrigin = origin ?? firstHeader(preflight.requestHeaders, 'origin') ?? 'null';
  const check = checkPreflightResponse(
    response.status,
    readCorsResponseHeaders(response.headers),
    method,
    unsafeNames,
    credentialsMode,
    requestOrigin,
    0,
    null,
  );
  return check.corsError === null;
}

/**
 * The preflight's verdict when the credentials mode of its request is not known (a log shows it
 * only as a `Cookie` header, which a request never sent lacks). Credentials "include" asks more of
 * the response (no `*`, `Access-Control-Allow-Credentials: true`), so passing with them means
 * passing without, and failing without them means failing with.
 */
export type PreflightOutcome = 'passed' | 'failed' | 'depends-on-credentials';

export function preflightOutcome(preflight: LoggedPreflight, origin?: string | null): PreflightOutcome {
  if (preflightPassed(preflight, 'include', origin)) return 'passed';
  if (!preflightPassed(preflight, 'same-origin', origin)) return 'failed';
  return 'depends-on-credentials';
}

/**
 * Whether a preflight with `outcome` passed for a request whose credentials mode is
 * `credentialsMode` (null: not known). null when that cannot be told.
 */
export function passedFor(outcome: PreflightOutcome, credentialsMode: CredentialsMode | null): boolean | null {
  if (outcome !== 'depends-on-credentials') return outcome === 'passed';
  return credentialsMode === null ? null : credentialsMode !== 'include';
}
