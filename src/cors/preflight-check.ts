// Checking a CORS-preflight response, in Chromium's order.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 6-7, as Chromium's
// `PreflightController` runs them (services/network/cors/preflight_controller.cc):
//   0. a redirect answer is refused outright                   → PreflightDisallowedRedirect
//   1. CORS check (with the actual request's credentials mode) → Preflight* codes
//   2. ok status (200-299)                                      → PreflightInvalidStatus
//   3. parse Access-Control-Allow-Methods                       → InvalidAllowMethodsPreflightResponse
//   4. parse Access-Control-Allow-Headers                       → InvalidAllowHeadersPreflightResponse
//   5. method allowed                                           → MethodDisallowedByPreflightResponse
//   6. headers allowed                                          → HeaderDisallowedByPreflightResponse

import { allowHeaderNames } from './allow-headers.ts';
import { listHas } from './allow-list.ts';
import { type CheckLog, record } from './checks.ts';
import type { CorsError } from './cors-error.ts';
import { corsCheck, toPreflightError } from './cors-check.ts';
import type { CheckName } from './diagnosis.ts';
import type { CredentialsMode } from './exchange.ts';
import { isCorsSafelistedMethod } from './methods.ts';
import { isRedirectStatus } from './redirect.ts';
import { allowHeadersList, allowMethodsList, type CorsResponseHeaders } from './response-headers.ts';
import { SPEC } from './spec.ts';

export interface PreflightCheckResult {
  corsError: CorsError | null;
  failedParameter: string;
  /** The check that failed. */
  failedCheck: CheckName | null;
  /** `Access-Control-Allow-Origin` as read (for the origin comparison). */
  allowOrigin: string | null;
  /** Chromium let `authorization` through because of `Access-Control-Allow-Headers: *`. */
  authorizationCoveredByWildcard: boolean;
}

/** https://fetch.spec.whatwg.org/#ok-status */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

function result(
  corsError: CorsError | null,
  failedParameter: string,
  failedCheck: CheckName | null,
  allowOrigin: string | null,
  authorizationCoveredByWildcard = false,
): PreflightCheckResult {
  return { corsError, failedParameter, failedCheck, allowOrigin, authorizationCoveredByWildcard };
}

/**
 * Runs the preflight checks on one preflight response. `method` is the actual request's method as
 * sent; `unsafeHeaderNames` the sorted lower-case CORS-unsafe names of the actual request.
 */
export function checkPreflightResponse(
  status: number,
  headers: CorsResponseHeaders,
  method: string,
  unsafeHeaderNames: readonly string[],
  credentialsMode: CredentialsMode,
  requestOrigin: string,
  hop: number,
  log: CheckLog,
): PreflightCheckResult {
  const allowOrigin = headers.allowOrigin;

  // 0. Chromium refuses to follow any redirect of a preflight, before reading its headers.
  if (isRedirectStatus(status) && headers.location !== null) {
    record(log, 'preflight-redirect', 'preflight', hop, 'failed', SPEC.preflightFetch, 'location', undefined, headers.location);
    return result('PreflightDisallowedRedirect', '', 'preflight-redirect', allowOrigin);
  }
  record(log, 'preflight-redirect', 'preflight', hop, 'passed', SPEC.preflightFetch);

  // 1. CORS check, credentials mode of the actual request (the preflight itself never has credentials).
  const allowCredentials = headers.allowCredentials;
  const cors = corsCheck(allowOrigin, allowCredentials, credentialsMode, requestOrigin);
  if (cors.error !== null) {
    if (cors.step === 'allow-origin') {
      record(log, 'preflight-allow-origin', 'preflight', hop, 'failed', SPEC.corsCheck, 'access-control-allow-origin', requestOrigin, allowOrigin);
      return result(toPreflightError(cors.error), cors.failedParameter, 'preflight-allow-origin', allowOrigin);
    }
    record(log, 'preflight-allow-origin', 'preflight', hop, 'passed', SPEC.corsCheck, 'access-control-allow-origin', requestOrigin, allowOrigin);
    record(log, 'preflight-allow-credentials', 'preflight', hop, 'failed', SPEC.allowCredentials, 'access-control-allow-credentials', 'true', allowCredentials);
    return result(toPreflightError(cors.error), cors.failedParameter, 'preflight-allow-credentials', allowOrigin);
  }
  record(log, 'preflight-allow-origin', 'preflight', hop, 'passed', SPEC.corsCheck, 'access-control-allow-origin', requestOrigin, allowOrigin);
  if (credentialsMode === 'include') {
    record(log, 'preflight-allow-credentials', 'preflight', hop, 'passed', SPEC.allowCredentials, 'access-control-allow-credentials', 'true', allowCredentials);
  } else {
    record(log, 'preflight-allow-credentials', 'preflight', hop, 'skipped', SPEC.allowCredentials);
  }

  // 2. Ok status, only after the CORS check (a bare 404 reads as a missing header).
  if (!isOkStatus(status)) {
    if (log !== null) record(log, 'preflight-ok-status', 'preflight', hop, 'failed', SPEC.okStatus, undefined, '200-299', String(status));
    return result('PreflightInvalidStatus', '', 'preflight-ok-status', allowOrigin);
  }
  if (log !== null) record(log, 'preflight-ok-status', 'preflight', hop, 'passed', SPEC.okStatus, undefined, '200-299', String(status));

  // 3-4. Parse the lists; methods keep their case, header names are lower-cased.
  const allowMethodsValue = headers.allowMethods;
  const allowMethods = allowMethodsList(headers);
  if (allowMethods === null) {
    record(log, 'preflight-allow-methods-syntax', 'preflight', hop, 'failed', SPEC.allowMethods, 'access-control-allow-methods', undefined, allowMethodsValue);
    return result('InvalidAllowMethodsPreflightResponse', '', 'preflight-allow-methods-syntax', allowOrigin);
  }
  record(log, 'preflight-allow-methods-syntax', 'preflight', hop, 'passed', SPEC.allowMethods, 'access-control-allow-methods', undefined, allowMethodsValue);
  const allowHeadersValue = headers.allowHeaders;
  const allowHeaders = allowHeadersList(headers);
  if (allowHeaders === null) {
    record(log, 'preflight-allow-headers-syntax', 'preflight', hop, 'failed', SPEC.allowHeaders, 'access-control-allow-headers', undefined, allowHeadersValue);
    return result('InvalidAllowHeadersPreflightResponse', '', 'preflight-allow-headers-syntax', allowOrigin);
  }
  record(log, 'preflight-allow-headers-syntax', 'preflight', hop, 'passed', SPEC.allowHeaders, 'access-control-allow-headers', undefined, allowHeadersValue);

  // 5. https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.5: the method must be listed
  //    (byte-for-byte), be safelisted, or be covered by `*` when credentials are not included.
  const methodAllowed =
    isCorsSafelistedMethod(method) || listHas(allowMethods, method) || (credentialsMode !== 'include' && listHas(allowMethods, '*'));
  if (!methodAllowed) {
    record(log, 'preflight-method', 'preflight', hop, 'failed', SPEC.allowMethods, 'access-control-allow-methods', method, allowMethodsValue);
    return result('MethodDisallowedByPreflightResponse', method, 'preflight-method', allowOrigin);
  }
  record(log, 'preflight-method', 'preflight', hop, 'passed', SPEC.allowMethods, 'access-control-allow-methods', method, allowMethodsValue);

  // 6. Step 7.6-7.7: every CORS-unsafe header name must be listed, or covered by `*`.
  const headerCheck = allowHeaderNames(unsafeHeaderNames, allowHeaders, credentialsMode);
  const expectedHeaders = log === null || unsafeHeaderNames.length === 0 ? undefined : unsafeHeaderNames.join(', ');
  if (headerCheck.disallowed !== null) {
    record(log, 'preflight-headers', 'preflight', hop, 'failed', SPEC.allowHeaders, 'access-control-allow-headers', expectedHeaders, allowHeadersValue);
    return result('HeaderDisallowedByPreflightResponse', headerCheck.disallowed, 'preflight-headers', allowOrigin);
  }
  record(log, 'preflight-headers', 'preflight', hop, 'passed', SPEC.allowHeaders, 'access-control-allow-headers', expectedHeaders, allowHeadersValue);
  return result(null, '', null, allowOrigin, headerCheck.authorizationCoveredByWildcard);
}
