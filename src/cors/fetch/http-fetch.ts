// HTTP fetch, replayed at one hop: the CORS-preflight when the CORS flag calls for it, the response
// (or the network error instead of one), the CORS check on it, then either HTTP-redirect fetch or
// the response the page gets.
// https://fetch.spec.whatwg.org/#http-fetch, as Chromium's `CorsURLLoader::OnReceiveResponse` runs it.

import { cachedForAnotherOriginAdvisory, responseAdvisories } from '../advisories.ts';
import { record } from '../checks.ts';
import { corsCheck, type CorsCheckReason } from '../cors-check.ts';
import { type CorsError, isCorsError } from '../cors-error.ts';
import type { Check, CheckOutcome } from '../diagnosis.ts';
import { OPAQUE_ORIGIN } from '../origin.ts';
import { isRedirectStatus } from '../redirect.ts';
import { SPEC } from '../spec.ts';
import { whoMadeConditional } from '../stored-response.ts';
import { corsPreflightFetch } from './cors-preflight-fetch.ts';
import type { FetchContext } from './fetch-context.ts';
import { allowed, blocked, CONTINUE, type FetchOutcome, type FetchStep, networkError, notCors, uncertain } from './fetch-outcome.ts';
import { httpRedirectFetch } from './http-redirect-fetch.ts';

/** https://fetch.spec.whatwg.org/#http-fetch, at hop `i`. `continue` when a redirect was followed. */
export function httpFetch(ctx: FetchContext, i: number): FetchStep {
  const request = ctx.request;
  const log = ctx.log;
  const hop = ctx.exchange.hops[i]!;

  // 4.1. The CORS-preflight, while the CORS flag is set. https://fetch.spec.whatwg.org/#cors-preflight-fetch
  if (request.corsFlag) {
    const preflight = corsPreflightFetch(ctx, i);
    if (preflight !== CONTINUE) return preflight;
  }

  // 4.3. HTTP-network-or-cache fetch: the response, or the network error that came instead.
  const response = hop.response;
  if (response === null) {
    if (ctx.networkKind !== null) {
      if (log !== null) record(log, { name: 'network', phase: 'request', hop: i, outcome: 'failed', spec: SPEC.networkError, found: ctx.errorText });
      return networkError(ctx.errorText, ctx.networkKind, 'request', i);
    }
    return uncertain(i, 'response');
  }
  if (log !== null) record(log, { name: 'network', phase: 'request', hop: i, outcome: 'passed', spec: SPEC.networkError });
  const responseHeaders = ctx.hopHeaders[i]!.response!;
  const requestOrigin = request.taintedOrigin ? OPAQUE_ORIGIN : ctx.initiator;

  // 4.4. "If request's response tainting is "cors" and a CORS check for request and response returns
  //      failure, then return a network error." On every response, 3xx included, while the CORS
  //      flag is set. https://fetch.spec.whatwg.org/#concept-cors-check
  // Whether the check read the browser's cached copy for a header a 304 left out.
  let checkedCachedCopy = false;
  if (request.corsFlag) {
    const allowOrigin = responseHeaders.allowOrigin;
    const allowCredentials = responseHeaders.allowCredentials;
    const cors = corsCheck(allowOrigin, allowCredentials, ctx.credentialsMode, requestOrigin);
    // A 304 to the browser's own revalidation: a header it left out is the cached copy's, which the
    // capture does not hold (stored-response.ts). The browser's own verdict decides: none, the cached
    // header passed; a CORS failure, the cached copy's header failed (`cachedCopyBlocked`). Where the
    // capture cannot tell the browser's revalidation from the page's conditional request and the
    // browser reported nothing, the replay cannot say (uncertain); where it reported a failure,
    // either reading blocks: the 304 as it came, or the cached copy (`cachedCopyBlocked` with
    // `revalidationUnknown`), and sending the header on the 304 fixes both.
    const failedOnCachedHeader = cors.error !== null && (cors.step === 'allow-origin' ? allowOrigin === null : allowCredentials === null);
    const browserFailed = ctx.errorText === ctx.rules.corsFailureErrorText;
    const madeConditional = failedOnCachedHeader && response.status === 304 ? whoMadeConditional(ctx.observed) : 'page';
    if (browserFailed && madeConditional !== 'page') {
      const outcome = cachedCopyBlocked(ctx, cors.step!, cors.error!, madeConditional === 'unknown', requestOrigin, i);
      if (log !== null) {
        if (cors.step === 'allow-origin') record(log, allowOriginCheck(i, 'failed', requestOrigin, undefined));
        else {
          record(log, allowOriginCheck(i, 'passed', requestOrigin, allowOrigin));
          record(log, allowCredentialsCheck(i, 'failed', undefined));
        }
      }
      return outcome;
    }
    checkedCachedCopy = madeConditional !== 'page' && !browserFailed;
    if (checkedCachedCopy) {
      if (log !== null) {
        record(log, allowOriginCheck(i, cors.step === 'allow-origin' ? 'skipped' : 'passed', requestOrigin, allowOrigin));
        if (cors.step === 'allow-credentials') record(log, allowCredentialsCheck(i, 'skipped', allowCredentials));
      }
      if (madeConditional === 'unknown') return uncertain(i, 'response');
    } else if (cors.error !== null) {
      const outcome = blocked(cors.error, cors.failedParameter, i, 'response', cors.why);
      if (cors.step === 'allow-origin') {
        if (log !== null) record(log, allowOriginCheck(i, 'failed', requestOrigin, allowOrigin, cors.why));
        outcome.comparedAllowOrigin = allowOrigin;
        outcome.comparedRequestOrigin = requestOrigin;
        // A cache's copy made for another origin: advice beside the same verdict and reason.
        if (cors.error === 'AllowOriginMismatch' && ctx.details !== null) cachedForAnotherOriginAdvisory(responseHeaders, response.headers, requestOrigin, i, ctx.details.advisories);
      } else if (log !== null) {
        record(log, allowOriginCheck(i, 'passed', requestOrigin, allowOrigin));
        record(log, allowCredentialsCheck(i, 'failed', allowCredentials, cors.why));
      }
      if (response.status >= 400) outcome.errorResponse = { hop: i, status: response.status, phase: 'response' };
      return outcome;
    } else if (log !== null) {
      record(log, allowOriginCheck(i, 'passed', requestOrigin, allowOrigin));
      if (ctx.credentialsMode === 'include') record(log, allowCredentialsCheck(i, 'passed', allowCredentials));
    }
  }

  // "If internalResponse's status is a redirect status" (with a Location): the redirect mode, then
  // HTTP-redirect fetch.
  const location = isRedirectStatus(response.status) ? responseHeaders.location : null;
  if (location !== null) return httpRedirectFetch(ctx, i, location);

  // The response the page gets.
  const networkKind = ctx.networkKind;
  if (networkKind !== null && networkKind !== 'aborted') {
    // The response arrived, then its body failed (reset, length mismatch...).
    return networkError(ctx.errorText, networkKind, 'request', i);
  }
  // Without the CORS flag the mode decided it: same origin, data:, no-cors or a navigation.
  if (!request.corsFlag) return notCors(request.notCorsWhy);
  const details = ctx.details;
  // Advice read from the headers the check read: not those of a 304 that left them to the cached copy.
  if (details !== null && !checkedCachedCopy) responseAdvisories(responseHeaders, hop.url, requestOrigin, ctx.credentialsMode, i, details.advisories);
  return allowed(i);
}

/**
 * The CORS check failed on the browser's cached copy, a 304 to its revalidation having left out the
 * header `step` reads (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch: the stored
 * response, updated with the 304's headers, goes to the CORS check). The capture does not hold the
 * copy's headers: Chromium's own reason decides where the capture recorded it; otherwise each code
 * the copy could give (no Access-Control-Allow-Origin, another origin's from a copy stored for
 * another page origin without Vary: Origin, `*` with credentials), the first as the code.
 * `unknown`: the capture cannot tell the browser's revalidation from the page's own conditional
 * request (stored-response.ts), whose 304 is checked as it came and fails with `asItCame`, the
 * first of those codes too; Chromium's recorded reason, if another, says it was the cached copy.
 */
function cachedCopyBlocked(ctx: FetchContext, step: 'allow-origin' | 'allow-credentials', asItCame: CorsError, unknown: boolean, requestOrigin: string, hop: number): FetchOutcome {
  const header = step === 'allow-origin' ? 'access-control-allow-origin' : 'access-control-allow-credentials';
  const reported = ctx.observed.browserVerdict;
  if (reported !== undefined && reported !== null && isCorsError(reported.corsError)) {
    const outcome = blocked(reported.corsError, reported.failedParameter, hop, 'response');
    if (reported.corsError === 'AllowOriginMismatch' || reported.corsError === 'MultipleAllowOriginValues' || reported.corsError === 'InvalidAllowOriginValue') {
      outcome.comparedAllowOrigin = reported.failedParameter;
      outcome.comparedRequestOrigin = requestOrigin;
    }
    outcome.cachedCopyBlocked = unknown && reported.corsError === asItCame ? { header, revalidationUnknown: true } : { header };
    return outcome;
  }
  if (step === 'allow-credentials') {
    const outcome = blocked('InvalidAllowCredentials', '', hop, 'response');
    outcome.cachedCopyBlocked = unknown ? { header, revalidationUnknown: true } : { header };
    return outcome;
  }
  const oneOf: CorsError[] = ['MissingAllowOriginHeader', 'AllowOriginMismatch'];
  if (ctx.credentialsMode === 'include') oneOf.push('WildcardOriginNotAllowed');
  const outcome = blocked(oneOf[0]!, '', hop, 'response');
  outcome.cachedCopyBlocked = unknown ? { header, oneOf, revalidationUnknown: true } : { header, oneOf };
  return outcome;
}

function allowOriginCheck(hop: number, outcome: CheckOutcome, requestOrigin: string, allowOrigin: string | null | undefined, reason?: CorsCheckReason): Check {
  const check: Check = { name: 'allow-origin', phase: 'response', hop, outcome, spec: SPEC.corsCheck, header: 'access-control-allow-origin', expected: requestOrigin };
  // Undefined: read from the browser's cached copy, which the capture does not hold.
  if (allowOrigin !== undefined) check.found = allowOrigin;
  if (reason !== undefined) check.reason = reason;
  return check;
}

function allowCredentialsCheck(hop: number, outcome: CheckOutcome, allowCredentials: string | null | undefined, reason?: CorsCheckReason): Check {
  const check: Check = { name: 'allow-credentials', phase: 'response', hop, outcome, spec: SPEC.allowCredentials, header: 'access-control-allow-credentials', expected: 'true' };
  if (allowCredentials !== undefined) check.found = allowCredentials;
  if (reason !== undefined) check.reason = reason;
  return check;
}
