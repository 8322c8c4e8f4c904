// Following (or not) one redirect: the redirect mode, the Location checks, then the request as the
// next hop sends it (tainted origin, method, dropped headers).
// https://fetch.spec.whatwg.org/#http-redirect-fetch, as Chromium's `CorsURLLoader::OnReceiveRedirect`
// runs it: the CORS check on the 3xx (HTTP fetch) first, then redirect mode "manual", then the
// network service's Location checks, then Blink's redirect mode "error" and its own refusals.

import { record } from '../checks.ts';
import type { Check } from '../diagnosis.ts';
import type { RedirectMode } from '../exchange.ts';
import { isHttpSchemeName, isSameOrigin, parseUrl, schemeOf, serializeOrigin, urlIncludesCredentials } from '../origin.ts';
import {
  checkRedirectLocation,
  isSafeRedirectScheme,
  requestAfterRedirect,
  taintsOrigin,
  UNSAFE_REDIRECT_ERROR,
} from '../redirect.ts';
import { SPEC } from '../spec.ts';
import type { FetchContext } from './fetch-context.ts';
import { blocked, CONTINUE, type FetchStep, networkError, notCors, uncertain } from './fetch-outcome.ts';

/**
 * The redirect mode as the replay applies it. When the capture does not carry it (HAR, webRequest),
 * where the capture stops says it: `manual-unless-refused` when the page evidently got the redirect
 * itself, unless a Location check refused it first; `manual-or-error-unless-refused` when the
 * capture would look the same under "error" (`BrowserRules.redirectModeErrorLeavesErrorText`).
 */
type AppliedRedirectMode = RedirectMode | 'manual-unless-refused' | 'manual-or-error-unless-refused';

/**
 * The redirect mode at hop `i`: known, or inferred when the capture stops at this 3xx. A completed
 * or aborted request (`net::ERR_ABORTED`, which Chromium reports while the page gets its opaque
 * redirect) reads as "manual"; a plain CORS failure that no Location check explains, as "error".
 */
function appliedRedirectMode(ctx: FetchContext, i: number): AppliedRedirectMode {
  const exchange = ctx.exchange;
  if (exchange.request.redirectMode !== undefined) return ctx.redirectMode;
  const hops = exchange.hops;
  const last = i === hops.length - 1;
  // Where the capture stops: at this 3xx, or at a next hop that got no response and no preflight
  // (with "manual", DevTools still lists the next URL, aborted).
  const stopsHere = last || (i === hops.length - 2 && hops[i + 1]!.response === null && hops[i + 1]!.preflight === undefined);
  if (stopsHere && exchange.errorText === undefined && !ctx.rules.redirectModeErrorLeavesErrorText) return 'manual-or-error-unless-refused';
  if (stopsHere && (exchange.errorText === undefined || ctx.networkKind === 'aborted')) return 'manual-unless-refused';
  if (last && exchange.errorText === ctx.rules.corsFailureErrorText) return 'error';
  return ctx.redirectMode;
}

/**
 * https://fetch.spec.whatwg.org/#http-redirect-fetch for the 3xx at hop `i`, whose Location is
 * `location`. `continue` with the request updated for hop `i + 1` when the redirect was followed.
 */
export function httpRedirectFetch(ctx: FetchContext, i: number, location: string): FetchStep {
  const { exchange, request, log, rules, mode, initiator } = ctx;
  const hops = exchange.hops;
  const url = hops[i]!.url;
  const next = hops[i + 1];
  const redirectMode = appliedRedirectMode(ctx, i);
  const failedText = ctx.errorText === '' ? rules.corsFailureErrorText : ctx.errorText;

  // HTTP fetch, redirect mode "manual": an opaque-redirect response; the page sees status 0 and nothing else.
  if (redirectMode === 'manual') {
    if (log !== null) record(log, { name: 'redirect-mode', phase: 'redirect', hop: i, outcome: 'passed', spec: SPEC.httpFetch, found: redirectMode });
    return notCors('opaque-redirect');
  }
  // HTTP fetch, redirect mode "error", where the standard applies it: before the Location is read.
  if (redirectMode === 'error' && !rules.redirectModeErrorAfterLocationChecks) return refusedByRedirectModeError(ctx, i, failedText);

  // 7. The redirect count.
  if (i >= rules.maxRedirects) return networkError(rules.tooManyRedirectsErrorText, 'other', 'request', i);

  // 3. locationURL: the Location parsed against the URL it came from (the capture's next hop when it
  //    has one). https://fetch.spec.whatwg.org/#concept-response-location-url
  const locationURL = next === undefined ? (parseUrl(location, url)?.href ?? null) : next.url;
  // 5. Not a URL, where the capture stops: what the browser made of it is not seen.
  if (locationURL === null) return uncertain(i, 'redirect');
  // 6. Not an HTTP(S) scheme. Chromium's net stack refuses data:, file: ... before the CORS code
  //    sees them (net::ERR_UNSAFE_REDIRECT)...
  // (The capture's next hop had its scheme read with its origin; a Location alone is read here.)
  const locationScheme = next === undefined ? schemeOf(locationURL) : ctx.hopHeaders[i + 1]!.scheme;
  if (!isSafeRedirectScheme(locationScheme)) {
    if (log !== null) record(log, locationCheck(i, 'failed', location));
    const text = ctx.errorText === '' || ctx.errorText === rules.corsFailureErrorText ? UNSAFE_REDIRECT_ERROR : ctx.errorText;
    return networkError(text, 'other', 'request', i);
  }
  //    ...and other schemes (ftp:, ws:, custom) reach the CORS code: CorsDisabledScheme in "cors" mode.
  if (!isHttpSchemeName(locationScheme)) {
    if (log !== null) record(log, { name: 'cors-enabled-scheme', phase: 'redirect', hop: i, outcome: 'failed', spec: SPEC.schemeFetch, header: 'location', found: location });
    if (mode === 'cors' && (request.corsFlag || !isSameOrigin(initiator, serializeOrigin(locationURL)))) return blocked('CorsDisabledScheme', '', i, 'redirect');
    return networkError(failedText, 'other', 'request', i);
  }
  // 9-10. A locationURL that includes credentials (RedirectContainsCredentials).
  const locationError = checkRedirectLocation(locationURL, mode, initiator, request.corsFlag);
  if (locationError !== null) {
    if (log !== null) record(log, locationCheck(i, 'failed', location));
    return blocked(locationError, '', i, 'redirect');
  }
  // The network service let the redirect through; Blink now applies redirect mode "error"...
  if (redirectMode === 'error') return refusedByRedirectModeError(ctx, i, failedText);
  // ...and refuses a "no-cors" redirect to a URL with credentials (not in the standard).
  if (mode === 'no-cors' && rules.noCorsRedirectRefusesCredentials && urlIncludesCredentials(locationURL)) {
    if (log !== null) record(log, locationCheck(i, 'failed', location));
    return networkError(ctx.errorText, 'other', 'request', i);
  }
  // Main fetch runs again for the new URL: "same-origin" mode refuses a cross-origin one. Blink
  // stops it in the renderer (empty error text, no CORS error), unlike a first cross-origin URL.
  if (mode === 'same-origin' && !isSameOrigin(initiator, serializeOrigin(locationURL))) {
    if (log !== null) record(log, { name: 'request-mode', phase: 'redirect', hop: i, outcome: 'failed', spec: SPEC.requestMode });
    return networkError(ctx.errorText, 'other', 'request', i);
  }
  if (log !== null) record(log, locationCheck(i, 'passed', location));
  if (redirectMode === 'manual-unless-refused') {
    // Nothing refused the redirect, yet the browser did not follow it: "manual".
    if (log !== null) record(log, { name: 'redirect-mode', phase: 'redirect', hop: i, outcome: 'passed', spec: SPEC.httpFetch, found: 'manual' });
    return notCors('opaque-redirect');
  }
  // Nothing refused it, nothing was followed, and the capture cannot tell "manual" (the page got an
  // opaque redirect) from "error" (a network error).
  if (redirectMode === 'manual-or-error-unless-refused') return uncertain(i, 'redirect', null, true);
  if (next === undefined) {
    // The capture stops at a redirect the browser followed (or refused for a reason not seen).
    if (ctx.networkKind !== null) return networkError(ctx.errorText, ctx.networkKind, 'request', i + 1);
    if (exchange.errorText === '') return networkError(ctx.errorText, 'other', 'request', i);
    return uncertain(i, 'redirect');
  }

  const currentOrigin = ctx.hopHeaders[i]!.origin;
  const locationOrigin = ctx.hopHeaders[i + 1]!.origin;
  // 12. 301/302 turn POST into GET, 303 anything but GET/HEAD: without the body and its headers.
  // 13. A cross-origin redirect drops `Authorization` (the CORS non-wildcard request-header name).
  const followed = requestAfterRedirect(hops[i]!.response!.status, request.method, request.headerList, currentOrigin, locationOrigin);
  request.method = followed.method;
  request.headerList = followed.headers;
  // 14. The tainted origin flag: the request's origin is sent as `null` from now on.
  if (taintsOrigin(currentOrigin, locationOrigin, initiator)) request.taintedOrigin = true;
  return CONTINUE;
}

/** HTTP fetch, redirect mode "error": a network error. */
function refusedByRedirectModeError(ctx: FetchContext, i: number, failedText: string): FetchStep {
  if (ctx.log !== null) record(ctx.log, { name: 'redirect-mode', phase: 'redirect', hop: i, outcome: 'failed', spec: SPEC.httpFetch, expected: 'follow', found: 'error' });
  return networkError(failedText, 'other', 'request', i);
}

function locationCheck(hop: number, outcome: 'passed' | 'failed', location: string): Check {
  return { name: 'redirect-location', phase: 'redirect', hop, outcome, spec: SPEC.redirectFetch, header: 'location', found: location };
}
