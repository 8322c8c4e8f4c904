// https://fetch.spec.whatwg.org/#concept-cors-check, as Chromium's `cors::CheckAccess`
// (services/network/public/cpp/cors/cors.cc) runs it, with its more specific error codes.

import type { CorsError } from './cors-error.ts';
import type { CredentialsMode } from './exchange.ts';
import { isParsableAsUrl } from './origin.ts';

export type CorsCheckFailure =
  | 'MissingAllowOriginHeader'
  | 'WildcardOriginNotAllowed'
  | 'MultipleAllowOriginValues'
  | 'AllowOriginMismatch'
  | 'InvalidAllowOriginValue'
  | 'InvalidAllowCredentials';

/**
 * Why the check failed, whatever the phase (the codes differ between preflight and response; the
 * reasons do not):
 * - `no-allow-origin`: no `Access-Control-Allow-Origin`;
 * - `wildcard-with-credentials`: `*` while credentials are "include";
 * - `multiple-values`: a list (a space or a comma: several origins, or several header lines);
 * - `not-an-origin`: a value that does not parse as a URL;
 * - `origin-mismatch`: an origin (or `null`) that is not the request's;
 * - `no-allow-credentials` / `allow-credentials-not-true`: credentials "include" and
 *   `Access-Control-Allow-Credentials` absent, or not exactly `true`.
 */
export type CorsCheckReason =
  | 'no-allow-origin'
  | 'wildcard-with-credentials'
  | 'multiple-values'
  | 'not-an-origin'
  | 'origin-mismatch'
  | 'no-allow-credentials'
  | 'allow-credentials-not-true';

interface CorsCheckPassed {
  error: null;
  why: null;
  failedParameter: '';
  step: null;
}

interface CorsCheckFailed {
  error: CorsCheckFailure;
  /** Why it failed. */
  why: CorsCheckReason;
  /** Chromium's failedParameter: the offending header value, or "". */
  failedParameter: string;
  /** Which header failed: the allow-origin step or the allow-credentials step. */
  step: 'allow-origin' | 'allow-credentials';
}

export type CorsCheckResult = CorsCheckPassed | CorsCheckFailed;

const PASSED: CorsCheckPassed = { error: null, why: null, failedParameter: '', step: null };

function failed(error: CorsCheckFailure, why: CorsCheckReason, failedParameter: string, step: 'allow-origin' | 'allow-credentials'): CorsCheckResult {
  return { error, why, failedParameter, step };
}

/**
 * https://fetch.spec.whatwg.org/#concept-cors-check
 * 1. Let origin be the result of getting `Access-Control-Allow-Origin` from response's header list.
 * 2. If origin is null, then return failure.                        → MissingAllowOriginHeader
 * 3. If request's credentials mode is not "include" and origin is `*`, then return success.
 *    (Chromium: `*` with credentials "include"                      → WildcardOriginNotAllowed)
 * 4. If the result of byte-serializing a request origin with request is not origin, then return
 *    failure. Chromium refines the failure: a value holding ' ' or ',' → MultipleAllowOriginValues;
 *    `null` → AllowOriginMismatch; not a URL → InvalidAllowOriginValue; else AllowOriginMismatch,
 *    each with the value as failedParameter.
 * 5. If request's credentials mode is not "include", then return success.
 * 6. Let credentials be the result of getting `Access-Control-Allow-Credentials`.
 * 7. If credentials is `true`, then return success (case-sensitive). → InvalidAllowCredentials
 * 8. Return failure.
 * `allowOrigin`/`allowCredentials` are the combined header values (null when absent);
 * `requestOrigin` is the serialized request origin (`null` once tainted).
 */
export function corsCheck(
  allowOrigin: string | null,
  allowCredentials: string | null,
  credentialsMode: CredentialsMode,
  requestOrigin: string,
): CorsCheckResult {
  if (allowOrigin === '*') {
    if (credentialsMode !== 'include') return PASSED;
    return failed('WildcardOriginNotAllowed', 'wildcard-with-credentials', '', 'allow-origin');
  }
  if (allowOrigin === null) return failed('MissingAllowOriginHeader', 'no-allow-origin', '', 'allow-origin');
  if (allowOrigin !== requestOrigin) {
    if (allowOrigin.indexOf(' ') !== -1 || allowOrigin.indexOf(',') !== -1) {
      return failed('MultipleAllowOriginValues', 'multiple-values', allowOrigin, 'allow-origin');
    }
    if (allowOrigin === 'null') return failed('AllowOriginMismatch', 'origin-mismatch', allowOrigin, 'allow-origin');
    if (!isParsableAsUrl(allowOrigin)) return failed('InvalidAllowOriginValue', 'not-an-origin', allowOrigin, 'allow-origin');
    return failed('AllowOriginMismatch', 'origin-mismatch', allowOrigin, 'allow-origin');
  }
  if (credentialsMode === 'include' && allowCredentials !== 'true') {
    return failed('InvalidAllowCredentials', allowCredentials === null ? 'no-allow-credentials' : 'allow-credentials-not-true', allowCredentials ?? '', 'allow-credentials');
  }
  return PASSED;
}

/** The preflight's own codes for a failed CORS check (Chromium's `CheckPreflightAccess`). */
export function toPreflightError(error: CorsCheckFailure): CorsError {
  switch (error) {
    case 'MissingAllowOriginHeader':
      return 'PreflightMissingAllowOriginHeader';
    case 'WildcardOriginNotAllowed':
      return 'PreflightWildcardOriginNotAllowed';
    case 'MultipleAllowOriginValues':
      return 'PreflightMultipleAllowOriginValues';
    case 'AllowOriginMismatch':
      return 'PreflightAllowOriginMismatch';
    case 'InvalidAllowOriginValue':
      return 'PreflightInvalidAllowOriginValue';
    case 'InvalidAllowCredentials':
      return 'PreflightInvalidAllowCredentials';
  }
}
