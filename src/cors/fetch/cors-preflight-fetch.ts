// The CORS-preflight at one hop: whether one was needed, whether it was seen, served from the cache
// or missing, and the checks on its response.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch, as Chromium's `PreflightController` runs it.

import { preflightAdvisories } from '../advisories.ts';
import { record } from '../checks.ts';
import { isCorsSafelistedMethod } from '../methods.ts';
import { classifyNetworkError } from '../network-failure.ts';
import { corsCheck, toPreflightError } from '../cors-check.ts';
import { OPAQUE_ORIGIN } from '../origin.ts';
import { isRedirectStatus } from '../redirect.ts';
import type { CorsResponseHeaders } from '../response-headers.ts';
import { checkPreflightResponse } from '../preflight-check.ts';
import { corsUnsafeNames, corsUnsafeNamesInCheckOrder } from '../safelisted-request-header.ts';
import { SPEC } from '../spec.ts';
import { errorTextUnder, type FetchContext, NO_UNSAFE_NAMES } from './fetch-context.ts';
import { blocked, CONTINUE, type FetchOutcome, type Continue, networkError, uncertain } from './fetch-outcome.ts';

/**
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch at hop `i` (the CORS flag is set). `continue`
 * when the actual request went ahead: no preflight was needed, or one passed, or one must have.
 */
export function corsPreflightFetch(ctx: FetchContext, i: number): FetchOutcome | Continue {
  const request = ctx.request;
  const log = ctx.log;
  const hop = ctx.exchange.hops[i]!;
  const preflight = hop.preflight;
  // A replay for the verdict alone (no log, no details) skips whether a preflight was needed when
  // none was seen: either way a hop without a response ends the replay with no CORS error (network
  // error or uncertain), and one with a response goes on to its CORS check.
  const verdictOnly = log === null && ctx.details === null;
  // A browser that carries a preflight across redirects (Firefox) needs the names sent at a later
  // hop to tell its own reason from the standard's.
  const carried = i > 0 && ctx.rules.preflightCarriedAcrossRedirects;
  let unsafeNames = NO_UNSAFE_NAMES;
  if (!verdictOnly || preflight !== undefined || carried) {
    // Hop 0's names were found once for all replays; a redirect that dropped headers makes them be
    // found again, once (not once per hop: 20 redirects of 100,000 headers stay linear).
    if (request.unsafeNamesOf !== request.headerList) {
      request.unsafeNames = corsUnsafeNames(request.headerList, null, undefined, ctx.rules.safelistsClientHints);
      request.unsafeNamesOf = request.headerList;
    }
    unsafeNames = request.unsafeNames;
  }

  // https://fetch.spec.whatwg.org/#main-fetch step 12: the use-CORS-preflight flag, or a method that is
  // not CORS-safelisted, or CORS-unsafe request-header names.
  const method = request.method;
  let needed = !isCorsSafelistedMethod(method) || unsafeNames.length > 0;
  // Firefox: a hop before that needed one, or the page's CORS-unsafe header names, call for one too
  // after a redirect changed the method or removed them (BrowserRules.preflightCarriedAcrossRedirects).
  // Its method is the one sent here, its headers those still sent (`unsafeNames`).
  const onlyCarried = !needed && carried && (request.preflightRequired || pageSetUnsafeHeader(ctx));
  if (onlyCarried) needed = true;
  if (needed) request.preflightRequired = true;
  // What `Diagnosis.preflight` says is this first preflight fetch's: at hop 0 for a cross-origin
  // request; for a same-origin one that a redirect took to another origin, at that hop (main fetch
  // run again there sets the CORS flag, so this step runs for the first time there).
  const details = ctx.details;
  if (details !== null && details.preflightHop === -1) {
    details.preflightHop = i;
    details.preflightRequired = needed;
    details.preflightMethod = method;
    details.preflightHeaderList = request.headerList;
  }
  if (log !== null) record(log, { name: 'preflight-needed', phase: 'preflight', hop: i, outcome: needed || preflight ? 'passed' : 'skipped', spec: SPEC.mainFetch });

  if (preflight === undefined) {
    if (!needed) return CONTINUE;
    // Needed but not seen: the preflight cache answered it (https://fetch.spec.whatwg.org/#concept-cache-match),
    // or the capture missed it. When the request itself went out, the browser evidently had a
    // passing preflight result.
    const fromCache = hop.preflightFromCache === true;
    const explained = fromCache || hop.response !== null;
    if (log !== null) record(log, { name: 'preflight-cache', phase: 'preflight', hop: i, outcome: explained ? 'passed' : 'skipped', spec: SPEC.preflightCache });
    // A capture from a browser that needed none (Chromium) has no answer to Firefox's: the replay
    // goes on as if it passed, and the failures after it decide (`replayFetch`).
    if (hop.response !== null) {
      if (onlyCarried && !fromCache && request.unansweredPreflightHop === -1) {
        request.unansweredPreflightHop = i;
        request.unansweredMark = { checks: log?.length ?? 0, requestOrigins: details?.requestOrigins.length ?? 0, advisories: details?.advisories.length ?? 0 };
      }
      return CONTINUE;
    }
    if (ctx.networkKind !== null) {
      if (log !== null) record(log, { name: 'network', phase: 'preflight', hop: i, outcome: 'failed', spec: SPEC.networkError, found: ctx.errorText });
      return networkError(ctx.errorText, ctx.networkKind, 'preflight', i);
    }
    return uncertain(i, 'preflight');
  }

  // 5. HTTP-network-or-cache fetch of the preflight: its response, or the network error instead.
  const response = preflight.response;
  if (response === null) {
    const captured = preflight.networkError;
    const text = captured === undefined ? ctx.errorText : errorTextUnder(ctx.rules, captured);
    if (log !== null) record(log, { name: 'network', phase: 'preflight', hop: i, outcome: 'failed', spec: SPEC.networkError, found: text });
    return networkError(text, classifyNetworkError(captured ?? ctx.exchange.errorText) ?? 'other', 'preflight', i);
  }

  // 6-7. The CORS check, the ok status, the methods and headers allowed (`preflight-check.ts`).
  const requestOrigin = request.taintedOrigin && ctx.rules.preflightSendsTaintedOrigin ? OPAQUE_ORIGIN : ctx.initiator;
  const preflightHeaders = ctx.hopHeaders[i]!.preflight!;
  const corsFirst = ctx.rules.preflightRedirectRefusedBeforeCorsCheck ? null : corsCheckOfRedirect(response.status, preflightHeaders, ctx, requestOrigin, i);
  if (corsFirst !== null) return corsFirst;
  const headerList = request.headerList;
  const clientHints = ctx.rules.safelistsClientHints;
  const result = checkPreflightResponse(response.status, preflightHeaders, method, unsafeNames, ctx.credentialsMode, requestOrigin, i, log, () => corsUnsafeNamesInCheckOrder(headerList, clientHints));
  if (result.corsError !== null) {
    const outcome = blocked(result.corsError, result.failedParameter, i, 'preflight', result.why);
    if (result.failedCheck === 'preflight-allow-origin') {
      outcome.comparedAllowOrigin = result.allowOrigin;
      outcome.comparedRequestOrigin = requestOrigin;
    }
    if (response.status >= 400) outcome.errorResponse = { hop: i, status: response.status, phase: 'preflight' };
    return outcome;
  }
  if (details !== null) {
    preflightAdvisories(preflightHeaders, unsafeNames, result.authorizationCoveredByWildcard, ctx.rules, i, details.advisories);
  }
  return CONTINUE;
}

/** Whether the page set a CORS-unsafe request header (hop 0's header list, before any redirect). */
function pageSetUnsafeHeader(ctx: FetchContext): boolean {
  return corsUnsafeNames(ctx.exchange.request.headers, null, undefined, ctx.rules.safelistsClientHints).length > 0;
}

/**
 * For a browser that reads a redirected preflight's CORS headers before refusing the redirect
 * (Firefox): the CORS check's failure on that 3xx, or null (not a redirect, or the check passed).
 */
function corsCheckOfRedirect(status: number, headers: CorsResponseHeaders, ctx: FetchContext, requestOrigin: string, i: number): FetchOutcome | null {
  if (!isRedirectStatus(status) || headers.location === null) return null;
  const cors = corsCheck(headers.allowOrigin, headers.allowCredentials, ctx.credentialsMode, requestOrigin);
  if (cors.error === null) return null;
  if (ctx.log !== null) record(ctx.log, { name: 'preflight-allow-origin', phase: 'preflight', hop: i, outcome: 'failed', spec: SPEC.corsCheck, header: 'access-control-allow-origin', expected: requestOrigin, found: headers.allowOrigin });
  const outcome = blocked(toPreflightError(cors.error), cors.failedParameter, i, 'preflight', cors.why);
  outcome.comparedAllowOrigin = headers.allowOrigin;
  outcome.comparedRequestOrigin = requestOrigin;
  return outcome;
}
