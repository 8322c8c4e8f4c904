// Matching the actual request's method against `Access-Control-Allow-Methods`.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.5, as Chromium's
// `PreflightResult::EnsureAllowedCrossOriginMethod` does it: listed byte for byte, CORS-safelisted,
// or covered by `*` when credentials are not "include" (with credentials `*` is the method `*`).

import { listHas } from './allow-list.ts';
import type { CredentialsMode } from './exchange.ts';
import { isCorsSafelistedMethod } from './methods.ts';

/**
 * Why the method was not allowed:
 * - `no-allow-methods`: the preflight allowed no method at all (absent or empty header);
 * - `wildcard-is-literal-with-credentials`: the list has `*`, the literal method `*` with credentials;
 * - `not-listed`: the list names other methods (or this one in another case: `patch` is not `PATCH`).
 */
export type AllowMethodsFailure = 'no-allow-methods' | 'wildcard-is-literal-with-credentials' | 'not-listed';

/** Null when `method` is allowed; otherwise why not. `allowMethods` is the parsed list, case kept. */
export function allowMethod(method: string, allowMethods: readonly string[], credentialsMode: CredentialsMode): AllowMethodsFailure | null {
  if (isCorsSafelistedMethod(method) || listHas(allowMethods, method)) return null;
  const wildcard = listHas(allowMethods, '*');
  if (wildcard && credentialsMode !== 'include') return null;
  if (allowMethods.length === 0) return 'no-allow-methods';
  return wildcard ? 'wildcard-is-literal-with-credentials' : 'not-listed';
}
