// Matching the request's CORS-unsafe header names against `Access-Control-Allow-Headers`.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.6-7.7, as Chromium's
// `PreflightResult::EnsureAllowedCrossOriginHeaders` does it.
//
// The standard says `*` never covers `Authorization`
// (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name). Chromium 156 still lets it
// through (the `NonWildcardRequestHeadersSupport` switch is off; the scenario
// `authorization-acah-star` was allowed), so the engine follows Chromium and reports it as an
// advisory instead. With credentials "include", `*` is no wildcard at all but the header name `*`:
// every CORS-unsafe name must then be listed, Authorization or not.

import { listHas } from './allow-list.ts';
import type { CredentialsMode } from './exchange.ts';

/**
 * Why a name was not allowed:
 * - `no-allow-headers`: the preflight allowed no name at all (no `Access-Control-Allow-Headers`, or an empty one);
 * - `wildcard-is-literal-with-credentials`: the list has `*`, which with credentials "include" is
 *   the literal name `*` and covers nothing;
 * - `not-listed`: the list names other headers, not this one.
 */
export type AllowHeadersFailure = 'no-allow-headers' | 'wildcard-is-literal-with-credentials' | 'not-listed';

export interface AllowHeadersResult {
  /** The CORS-unsafe name Chromium reports (the first of the check order it does not allow), or null. */
  disallowed: string | null;
  /** Why `disallowed` was not allowed; null when every name was. */
  why: AllowHeadersFailure | null;
  /** `authorization` passed only because of `*`. */
  authorizationCoveredByWildcard: boolean;
}

/**
 * `unsafeNames`: sorted lower-case CORS-unsafe request-header names; `allowHeaders`: the parsed,
 * lower-cased `Access-Control-Allow-Headers` list. `checkOrder`: the same names in the order Chromium
 * checks them (`corsUnsafeNamesInCheckOrder`), asked for only when a name fails; left out, the
 * sorted order is used.
 */
export function allowHeaderNames(
  unsafeNames: readonly string[],
  allowHeaders: readonly string[],
  credentialsMode: CredentialsMode,
  checkOrder?: () => readonly string[],
): AllowHeadersResult {
  const wildcard = listHas(allowHeaders, '*');
  if (credentialsMode !== 'include' && wildcard) {
    const authorizationCoveredByWildcard = listHas(unsafeNames, 'authorization') && !listHas(allowHeaders, 'authorization');
    return { disallowed: null, why: null, authorizationCoveredByWildcard };
  }
  let disallowed = firstNotListed(unsafeNames, allowHeaders);
  if (disallowed === null) return { disallowed: null, why: null, authorizationCoveredByWildcard: false };
  if (checkOrder !== undefined) disallowed = firstNotListed(checkOrder(), allowHeaders) ?? disallowed;
  return { disallowed, why: allowHeadersFailure(allowHeaders), authorizationCoveredByWildcard: false };
}

/**
 * Why `allowHeaders` did not allow a name (`AllowHeadersFailure`), once a name was found missing:
 * the list is empty, or it has `*` (so the credentials were "include", where `*` is a name and
 * covers nothing), or it names other headers.
 */
export function allowHeadersFailure(allowHeaders: readonly string[]): AllowHeadersFailure {
  return allowHeaders.length === 0 ? 'no-allow-headers' : listHas(allowHeaders, '*') ? 'wildcard-is-literal-with-credentials' : 'not-listed';
}

function firstNotListed(names: readonly string[], allowHeaders: readonly string[]): string | null {
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (!listHas(allowHeaders, name)) return name;
  }
  return null;
}
