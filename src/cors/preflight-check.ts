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
import { allowMethod } from './allow-methods.ts';
import { type CheckLog, record } from './checks.ts';
import type { CorsError } from './cors-error.ts';
import { corsCheck, toPreflightError } from './cors-check.ts';
import type { Check, CheckName, CheckOutcome } from './diagnosis.ts';
import type { CredentialsMode } from './exchange.ts';
import type { FailureReason } from './failure-reason.ts';
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
  /** Why the failed check failed, when its rule has several ways to fail. */
  why: FailureReason | null;
}

/** https://fetch.spec.whatwg.org/#ok-status */
function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

function result(
  corsError: CorsError | null,
  failedParameter: string,
  failedCheck: CheckName | null,
  allowOrigin: string | null,
  authorizationCoveredByWildcard = false,
  why: FailureReason | null = null,
): PreflightCheckResult {
  return { corsError, failedParameter, failedCheck, allowOrigin, authorizationCoveredByWildcard, why };
}

/** The `preflight-headers` check: `expected` lists the names to allow, and is left out when there are none. */
function headersCheck(hop: number, outcome: CheckOutcome, unsafeHeaderNames: readonly string[], allowHeadersValue: string | null, reason: FailureReason | null): Check {
  const check: Check = { name: 'preflight-headers', phase: 'preflight', hop, outcome, spec: SPEC.allowHeaders, header: 'access-control-allow-headers' };
  if (unsafeHeaderNames.length > 0) check.expected = unsafeHeaderNames.join(', ');
  check.found = allowHeadersValue;
  if (reason !== null) check.reason = reason;
  return check;
}

/**
 * Runs the preflight checks on one preflight response. `method` is the actual request's method as
 * sent; `unsafeHeaderNames` the sorted lower-case CORS-unsafe names of the actual request;
 * `headerCheckOrder` the same names in Chromium's check order (`corsUnsafeNamesInCheckOrder`), asked
 * for only when a header is not allowed (left out: sorted order).
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
  headerCheckOrder?: () => readonly string[],
): PreflightCheckResult {
  const allowOrigin = headers.allowOrigin;

  // 0. Chromium refuses to follow any redirect of a preflight, before reading its headers.
  if (isRedirectStatus(status) && headers.location !== null) {
    if (log !== null) record(log, { name: 'preflight-redirect', phase: 'preflight', hop, outcome: 'failed', spec: SPEC.preflightFetch, header: 'location', found: headers.location });
    return result('PreflightDisallowedRedirect', '', 'preflight-redirect', allowOrigin);
  }
  if (log !== null) record(log, { name: 'preflight-redirect', phase: 'preflight', hop, outcome: 'passed', spec: SPEC.preflightFetch });

  // 1. CORS check, credentials mode of the actual request (the preflight itself never has credentials).
  const allowCredentials = headers.allowCredentials;
  const cors = corsCheck(allowOrigin, allowCredentials, credentialsMode, requestOrigin);
  if (cors.error !== null) {
    if (cors.step === 'allow-origin') {
      if (log !== null) record(log, { name: 'preflight-allow-origin', phase: 'preflight', hop, outcome: 'failed', spec: SPEC.corsCheck, header: 'access-control-allow-origin', expected: requestOrigin, found: allowOrigin, reason: cors.why });
      return result(toPreflightError(cors.error), cors.failedParameter, 'preflight-allow-origin', allowOrigin, false, cors.why);
    }
    if (log !== null) record(log, { name: 'preflight-allow-origin', phase: 'preflight', hop, outcome: 'passed', spec: SPEC.corsCheck, header: 'access-control-allow-origin', expected: requestOrigin, found: allowOrigin });
    if (log !== null) record(log, { name: 'preflight-allow-credentials', phase: 'preflight', hop, outcome: 'failed', spec: SPEC.allowCredentials, header: 'access-control-allow-credentials', expected: 'true', found: allowCredentials, reason: cors.why });
    return result(toPreflightError(cors.error), cors.failedParameter, 'preflight-allow-credentials', allowOrigin, false, cors.why);
  }
  if (log !== null) record(log, { name: 'preflight-allow-origin', phase: 'preflight', hop, outcome: 'passed', spec: SPEC.corsCheck, header: 'access-control-allow-origin', expected: requestOrigin, found: allowOrigin });
  if (credentialsMode === 'include') {
    if (log !== null) record(log, { name: 'preflight-allow-credentials', phase: 'preflight', hop, outcome: 'passed', spec: SPEC.allowCredentials, header: 'access-control-allow-credentials', expected: 'true', found: allowCredentials });
  } else {
    if (log !== null) record(log, { name: 'preflight-allow-credentials', phase: 'preflight', hop, outcome: 'skipped', spec: SPEC.allowCredentials });
  }

  // 2. Ok status, only after the CORS check (a bare 404 reads as a missing header).
  if (!isOkStatus(status)) {
    if (log !== null) record(log, { name: 'preflight-ok-status', phase: 'preflight', hop, outcome: 'failed', spec: SPEC.okStatus, expected: '200-299', found: String(status) });
    return result('PreflightInvalidStatus', '', 'preflight-ok-status', allowOrigin);
  }
  if (log !== null) record(log, { name: 'preflight-ok-status', phase: 'preflight', hop, outcome: 'passed', spec: SPEC.okStatus, expected: '200-299', found: String(status) });

  // 3-4. Parse the lists; methods keep their case, header names are lower-cased.
  const allowMethodsValue = headers.allowMethods;
  const allowMethods = allowMethodsList(headers);
  if (allowMethods === null) {
    if (log !== null) record(log, { name: 'preflight-allow-methods-syntax', phase: 'preflight', hop, outcome: 'failed', spec: SPEC.allowMethods, header: 'access-control-allow-methods', found: allowMethodsValue });
    return result('InvalidAllowMethodsPreflightResponse', '', 'preflight-allow-methods-syntax', allowOrigin);
  }
  if (log !== null) record(log, { name: 'preflight-allow-methods-syntax', phase: 'preflight', hop, outcome: 'passed', spec: SPEC.allowMethods, header: 'access-control-allow-methods', found: allowMethodsValue });
  const allowHeadersValue = headers.allowHeaders;
  const allowHeaders = allowHeadersList(headers);
  if (allowHeaders === null) {
    if (log !== null) record(log, { name: 'preflight-allow-headers-syntax', phase: 'preflight', hop, outcome: 'failed', spec: SPEC.allowHeaders, header: 'access-control-allow-headers', found: allowHeadersValue });
    return result('InvalidAllowHeadersPreflightResponse', '', 'preflight-allow-headers-syntax', allowOrigin);
  }
  if (log !== null) record(log, { name: 'preflight-allow-headers-syntax', phase: 'preflight', hop, outcome: 'passed', spec: SPEC.allowHeaders, header: 'access-control-allow-headers', found: allowHeadersValue });

  // 5. https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.5: the method must be listed
  //    (byte-for-byte), be safelisted, or be covered by `*` when credentials are not included.
  const methodFailure = allowMethod(method, allowMethods, credentialsMode);
  if (methodFailure !== null) {
    if (log !== null) record(log, { name: 'preflight-method', phase: 'preflight', hop, outcome: 'failed', spec: SPEC.allowMethods, header: 'access-control-allow-methods', expected: method, found: allowMethodsValue, reason: methodFailure });
    return result('MethodDisallowedByPreflightResponse', method, 'preflight-method', allowOrigin, false, methodFailure);
  }
  if (log !== null) record(log, { name: 'preflight-method', phase: 'preflight', hop, outcome: 'passed', spec: SPEC.allowMethods, header: 'access-control-allow-methods', expected: method, found: allowMethodsValue });

  // 6. Step 7.6-7.7: every CORS-unsafe header name must be listed, or covered by `*`. Chromium
  //    reports the first name of its check order that is not (see `corsUnsafeNamesInCheckOrder`).
  const headerCheck = allowHeaderNames(unsafeHeaderNames, allowHeaders, credentialsMode, headerCheckOrder);
  if (headerCheck.disallowed !== null) {
    if (log !== null) record(log, headersCheck(hop, 'failed', unsafeHeaderNames, allowHeadersValue, headerCheck.why));
    return result('HeaderDisallowedByPreflightResponse', headerCheck.disallowed, 'preflight-headers', allowOrigin, false, headerCheck.why);
  }
  if (log !== null) record(log, headersCheck(hop, 'passed', unsafeHeaderNames, allowHeadersValue, null));
  return result(null, '', null, allowOrigin, headerCheck.authorizationCoveredByWildcard);
}
