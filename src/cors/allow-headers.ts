// Matching the request's CORS-unsafe header names against `Access-Control-Allow-Headers`.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.6-7.7, as Chromium's
// `PreflightResult::EnsureAllowedCrossOriginHeaders` does it.
//
// The standard says `*` never covers `Authorization`
// (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name). Chromium 156 still lets it
// through (the `NonWildcardRequestHeadersSupport` switch is off; the scenario
// `authorization-acah-star` was allowed), so the engine follows Chromium and reports it as an
// advisory instead.

import { listHas } from './allow-list.ts';
import type { CredentialsMode } from './exchange.ts';

export interface AllowHeadersResult {
  /** The first CORS-unsafe name (sorted, lower-case) the list does not allow, or null. */
  disallowed: string | null;
  /** `authorization` passed only because of `*`. */
  authorizationCoveredByWildcard: boolean;
}

/**
 * `unsafeNames`: sorted lower-case CORS-unsafe request-header names; `allowHeaders`: the parsed,
 * lower-cased `Access-Control-Allow-Headers` list.
 */
export function allowHeaderNames(
  unsafeNames: readonly string[],
  allowHeaders: readonly string[],
  credentialsMode: CredentialsMode,
): AllowHeadersResult {
  if (credentialsMode !== 'include' && listHas(allowHeaders, '*')) {
    const authorizationCoveredByWildcard = listHas(unsafeNames, 'authorization') && !listHas(allowHeaders, 'authorization');
    return { disallowed: null, authorizationCoveredByWildcard };
  }
  for (let i = 0; i < unsafeNames.length; i++) {
    const name = unsafeNames[i]!;
    if (!listHas(allowHeaders, name)) return { disallowed: name, authorizationCoveredByWildcard: false };
  }
  return { disallowed: null, authorizationCoveredByWildcard: false };
}
