// The orchestrator: replays, on one observed exchange, the checks Chromium ran, in Chromium's order,
// and reports the first that failed. https://fetch.spec.whatwg.org/#main-fetch
//
// What the wire does not say (credentials mode, request mode, the page's origin) is resolved first
// and recorded as an assumption; when another reading of the credentials mode gives another
// verdict, that verdict is reported as an alternative.

import { preflightAdvisories, responseAdvisories } from './advisories.ts';
import { withPageSetHeaders } from './browser-added-headers.ts';
import { preflightNeeds } from './needs-preflight.ts';
import { type CheckLog, record } from './checks.ts';
import type { CorsError } from './cors-error.ts';
import { corsCheck } from './cors-check.ts';
import type {
  Advisory,
  Assumption,
  Alternative,
  CheckPhase,
  Diagnosis,
  ErrorResponseHint,
  NetworkFailure,
  NotCorsReason,
  OriginComparison,
  PreflightFacts,
  PreflightReason,
  UrlProblem,
  Verdict,
} from './diagnosis.ts';
import type { CredentialsMode, HeaderLine, HeaderList, ObservedExchange, RequestMode } from './exchange.ts';
import { exposure } from './expose-headers.ts';
import { hasHeader, nameIsUsually, toAsciiLowerCase } from './header-list.ts';
import { maxAgeOf } from './max-age.ts';
import { isCorsSafelistedMethod, normalizeMethod } from './methods.ts';
import { classifyNetworkError } from './network-failure.ts';
import { OPAQUE_ORIGIN, isHttpScheme, isSameOrigin, originDifferences, parseUrl, schemeOf, serializeOrigin, urlIncludesCredentials, urlOrigin } from './origin.ts';
import { checkPreflightResponse } from './preflight-check.ts';
import {
  checkRedirectLocation,
  isRedirectStatus,
  isRequestBodyHeaderName,
  isSafeRedirectTarget,
  MAX_REDIRECTS,
  methodAfterRedirect,
  taintsOrigin,
  UNSAFE_REDIRECT_ERROR,
} from './redirect.ts';
import { decideMode } from './request-mode.ts';
import { corsUnsafeNames, type RequestHeaderFacts } from './safelisted-request-header.ts';
import { readCorsResponseHeaders, type CorsResponseHeaders } from './response-headers.ts';
import { SPEC } from './spec.ts';

/** The CORS headers of each hop's preflight and response, read once per diagnosis. */
interface HopHeaders {
  /** The serialized origin of the hop's URL (`null` when opaque, or when the URL is invalid). */
  origin: string;
  /** Whether the hop's URL is a valid URL at all. */
  validUrl: boolean;
  preflight: CorsResponseHeaders | null;
  response: CorsResponseHeaders | null;
}

function readHopHeaders(exchange: ObservedExchange): HopHeaders[] {
  const result: HopHeaders[] = [];
  for (let i = 0; i < exchange.hops.length; i++) {
    const hop = exchange.hops[i]!;
    const preflight = hop.preflight?.response;
    const origin = urlOrigin(hop.url);
    result.push({
      origin: origin ?? OPAQUE_ORIGIN,
      validUrl: origin !== null,
      preflight: preflight ? readCorsResponseHeaders(preflight.headers) : null,
      response: hop.response ? readCorsResponseHeaders(hop.response.headers) : null,
    });
  }
  return result;
}

/**
 * The first hop whose URL is not a valid URL (a relative path, no scheme, a bad host or port), or
 * null. Browsers fetch only valid URLs (https://fetch.spec.whatwg.org/#fetching starts from a parsed
 * URL), so such an exchange was not observed as sent: nothing about it can be decided.
 */
function invalidUrlOf(exchange: ObservedExchange, hopHeaders: readonly HopHeaders[]): UrlProblem | null {
  for (let i = 0; i < hopHeaders.length; i++) {
    if (!hopHeaders[i]!.validUrl) return { hop: i, url: exchange.hops[i]!.url, kind: 'invalid' };
  }
  return null;
}

const NO_UNSAFE_NAMES: readonly string[] = [];

/** Everything one reading of the exchange produces. Built once per reading, mutated while it runs. */
interface Reading {
  verdict: Verdict;
  corsError: CorsError | null;
  failedParameter: string | null;
  failedAt: { hop: number; phase: CheckPhase } | null;
  /** The allow-origin values compared when an origin check failed. */
  comparedAllowOrigin: string | null;
  comparedRequestOrigin: string | null;
  networkFailure: NetworkFailure | null;
  errorResponse: ErrorResponseHint | null;
  corsFlag: boolean;
  preflightRequired: boolean;
  /** Why CORS did not apply, when the verdict is `not-cors`. */
  notCors: NotCorsReason | null;
  /** The URL that left the verdict `uncertain`, when one did. */
  urlProblem: UrlProblem | null;
  /** Extra facts, only collected on the detailed reading. */
  requestOrigins: string[] | null;
  advisories: Advisory[] | null;
  finalHop: number;
}

function newReading(detailed: boolean): Reading {
  return {
    verdict: 'uncertain',
    corsError: null,
    failedParameter: null,
    failedAt: null,
    comparedAllowOrigin: null,
    comparedRequestOrigin: null,
    networkFailure: null,
    errorResponse: null,
    corsFlag: false,
    preflightRequired: false,
    notCors: null,
    urlProblem: null,
    requestOrigins: detailed ? [] : null,
    advisories: detailed ? [] : null,
    finalHop: 0,
  };
}

function block(reading: Reading, corsError: CorsError, failedParameter: string, hop: number, phase: CheckPhase): Reading {
  reading.verdict = 'blocked';
  reading.corsError = corsError;
  reading.failedParameter = failedParameter;
  reading.failedAt = { hop, phase };
  return reading;
}

function networkError(
  reading: Reading,
  errorText: string,
  kind: NetworkFailure['kind'],
  phase: 'preflight' | 'request',
  hop: number,
): Reading {
  reading.verdict = 'network-error';
  reading.networkFailure = { errorText, kind, phase, hop };
  reading.failedAt = { hop, phase: phase === 'preflight' ? 'preflight' : 'request' };
  return reading;
}

function uncertain(reading: Reading, hop: number, phase: CheckPhase): Reading {
  reading.verdict = 'uncertain';
  reading.failedAt = { hop, phase };
  return reading;
}

function notCors(reading: Reading, why: NotCorsReason, corsFlag: boolean): Reading {
  reading.verdict = 'not-cors';
  reading.notCors = why;
  reading.corsFlag = corsFlag;
  return reading;
}

function withoutHeaders(headers: HeaderList, drop: (lowerName: string) => boolean): HeaderList {
  const kept: HeaderLine[] = [];
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    if (!drop(toAsciiLowerCase(line[0]))) kept.push(line);
  }
  return kept;
}

const isAuthorization = (lowerName: string): boolean => lowerName === 'authorization';

/**
 * https://fetch.spec.whatwg.org/#concept-response-location-url: the Location value parsed with the
 * URL it came from as the base; null when it does not parse.
 */
function resolveLocation(location: string, base: string): string | null {
  return parseUrl(location, base)?.href ?? null;
}

/**
 * One reading: the checks Chromium runs for `exchange`, under the given credentials mode, mode and
 * initiator origin (a serialized origin; `null` means an opaque origin). When `log` is given every
 * check is recorded; `detailed` also collects request origins and advisories.
 */
function read(
  exchange: ObservedExchange,
  credentialsMode: CredentialsMode,
  mode: RequestMode,
  initiator: string,
  log: CheckLog,
  detailed: boolean,
  firstHopUnsafeNames: readonly string[] | null,
  hopHeaders: readonly HopHeaders[],
): Reading {
  const reading = newReading(detailed);
  const hops = exchange.hops;
  const request = exchange.request;
  const networkKind = classifyNetworkError(exchange.errorText);
  const errorText = exchange.errorText ?? '';
  if (hops.length === 0) return uncertain(reading, 0, 'request');
  const firstUrl = hops[0]!.url;

  // https://url.spec.whatwg.org/#concept-url-origin: a blob: URL made by a page of an opaque origin
  // has that page's opaque origin, which only the browser's blob URL store knows.
  if (initiator === OPAQUE_ORIGIN && mode !== 'no-cors' && mode !== 'navigate' && hopHeaders[0]!.origin === OPAQUE_ORIGIN && schemeOf(firstUrl) === 'blob') {
    reading.urlProblem = { hop: 0, url: firstUrl, kind: 'opaque-blob' };
    return uncertain(reading, 0, 'request');
  }

  // https://fetch.spec.whatwg.org/#main-fetch step 12: the request mode, before anything is sent.
  const decision = decideMode(mode, firstUrl, initiator, hopHeaders[0]!.origin);
  if (decision.kind === 'blocked') {
    const scheme = decision.corsError === 'CorsDisabledScheme';
    record(log, scheme ? 'cors-enabled-scheme' : 'request-mode', 'request', 0, 'failed', scheme ? SPEC.schemeFetch : SPEC.requestMode);
    if (detailed) reading.requestOrigins!.push(initiator);
    return block(reading, decision.corsError, '', 0, 'request');
  }
  record(log, 'request-mode', 'request', 0, 'passed', SPEC.requestMode);
  const redirectMode = request.redirectMode ?? 'follow';
  if (decision.kind === 'not-cors' && decision.why === 'no-cors' && redirectMode !== 'follow') {
    // https://fetch.spec.whatwg.org/#main-fetch: a no-cors request must follow redirects.
    record(log, 'redirect-mode', 'request', 0, 'failed', SPEC.mainFetch, undefined, 'follow', redirectMode);
    if (detailed) reading.requestOrigins!.push(initiator);
    return block(reading, 'NoCorsRedirectModeNotFollow', '', 0, 'request');
  }
  const opaqueMode = mode === 'no-cors' || mode === 'navigate';

  let corsFlag = decision.kind === 'cors';
  let tainted = false;
  let method = normalizeMethod(request.method);
  let headers = request.headers;
  // The CORS-unsafe names of `unsafeNamesOf` (the request's headers as they are at this hop).
  let unsafeNamesOf: HeaderList | null = firstHopUnsafeNames === null ? null : headers;
  let currentUnsafeNames = firstHopUnsafeNames ?? NO_UNSAFE_NAMES;

  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    const url = hop.url;
    const requestOrigin = tainted ? OPAQUE_ORIGIN : initiator;
    if (detailed) reading.requestOrigins!.push(requestOrigin);
    reading.finalHop = i;

    // A redirect re-enters main fetch: a cross-origin hop sets the CORS flag for good.
    if (i > 0 && !opaqueMode) {
      if (!corsFlag && !isSameOrigin(initiator, hopHeaders[i]!.origin)) {
        corsFlag = true;
        if (mode === 'same-origin') {
          record(log, 'request-mode', 'request', i, 'failed', SPEC.requestMode);
          return block(reading, 'DisallowedByMode', '', i, 'request');
        }
      }
      if (corsFlag && !isHttpScheme(url)) {
        record(log, 'cors-enabled-scheme', 'request', i, 'failed', SPEC.schemeFetch);
        return block(reading, 'CorsDisabledScheme', '', i, 'request');
      }
    }

    // https://fetch.spec.whatwg.org/#cors-preflight-fetch
    if (corsFlag) {
      const preflight = hop.preflight;
      // A reading for the verdict alone (no log, not detailed) skips whether a preflight was needed
      // when none was seen: either way a hop without a response ends the reading with no CORS
      // error (network error or uncertain), and one with a response goes on to its CORS check.
      const verdictOnly = log === null && !detailed;
      // Hop 0's names were computed once for all readings; a redirect that dropped headers makes
      // them be found again, once (not once per hop: 20 redirects of 100,000 headers stay linear).
      let unsafeNames = NO_UNSAFE_NAMES;
      if (!verdictOnly || preflight !== undefined) {
        if (unsafeNamesOf !== headers) {
          currentUnsafeNames = corsUnsafeNames(headers, null);
          unsafeNamesOf = headers;
        }
        unsafeNames = currentUnsafeNames;
      }
      const methodUnsafe = !isCorsSafelistedMethod(method);
      const needed = methodUnsafe || unsafeNames.length > 0;
      if (i === 0) reading.preflightRequired = needed;
      record(log, 'preflight-needed', 'preflight', i, needed || preflight ? 'passed' : 'skipped', SPEC.mainFetch);
      if (preflight !== undefined) {
        const response = preflight.response;
        if (response === null) {
          const text = preflight.networkError ?? errorText;
          record(log, 'network', 'preflight', i, 'failed', SPEC.networkError, undefined, undefined, text);
          return networkError(reading, text, classifyNetworkError(text) ?? 'other', 'preflight', i);
        }
        const preflightHeaders = hopHeaders[i]!.preflight!;
        const result = checkPreflightResponse(response.status, preflightHeaders, method, unsafeNames, credentialsMode, requestOrigin, i, log);
        if (result.corsError !== null) {
          if (result.failedCheck === 'preflight-allow-origin') {
            reading.comparedAllowOrigin = result.allowOrigin;
            reading.comparedRequestOrigin = requestOrigin;
          }
          if (response.status >= 400) reading.errorResponse = { hop: i, status: response.status, phase: 'preflight' };
          return block(reading, result.corsError, result.failedParameter, i, 'preflight');
        }
        if (reading.advisories !== null) {
          const maxAge = maxAgeOf(preflightHeaders.maxAge);
          preflightAdvisories(preflightHeaders, unsafeNames, result.authorizationCoveredByWildcard, maxAge.chromiumSeconds, i, reading.advisories);
        }
      } else if (needed) {
        // Needed but not seen: the cache answered it, or the capture missed it. When the request
        // itself went out, the browser evidently had a passing preflight result.
        const explained = hop.preflightFromCache === true || hop.response !== null;
        record(log, 'preflight-cache', 'preflight', i, explained ? 'passed' : 'skipped', SPEC.preflightCache);
        if (hop.response === null) {
          if (networkKind !== null) {
            record(log, 'network', 'preflight', i, 'failed', SPEC.networkError, undefined, undefined, errorText);
            return networkError(reading, errorText, networkKind, 'preflight', i);
          }
          return uncertain(reading, i, 'preflight');
        }
      }
    }

    const response = hop.response;
    if (response === null) {
      if (networkKind !== null) {
        record(log, 'network', 'request', i, 'failed', SPEC.networkError, undefined, undefined, errorText);
        return networkError(reading, errorText, networkKind, 'request', i);
      }
      return uncertain(reading, i, 'response');
    }
    record(log, 'network', 'request', i, 'passed', SPEC.networkError);
    const responseHeaders = hopHeaders[i]!.response!;

    // https://fetch.spec.whatwg.org/#http-fetch step 4.4: the CORS check, on every response
    // (3xx included) while the CORS flag is set.
    if (corsFlag) {
      const allowOrigin = responseHeaders.allowOrigin;
      const allowCredentials = responseHeaders.allowCredentials;
      const cors = corsCheck(allowOrigin, allowCredentials, credentialsMode, requestOrigin);
      if (cors.error !== null) {
        if (cors.step === 'allow-origin') {
          record(log, 'allow-origin', 'response', i, 'failed', SPEC.corsCheck, 'access-control-allow-origin', requestOrigin, allowOrigin);
          reading.comparedAllowOrigin = allowOrigin;
          reading.comparedRequestOrigin = requestOrigin;
        } else {
          record(log, 'allow-origin', 'response', i, 'passed', SPEC.corsCheck, 'access-control-allow-origin', requestOrigin, allowOrigin);
          record(log, 'allow-credentials', 'response', i, 'failed', SPEC.allowCredentials, 'access-control-allow-credentials', 'true', allowCredentials);
        }
        if (response.status >= 400) reading.errorResponse = { hop: i, status: response.status, phase: 'response' };
        return block(reading, cors.error, cors.failedParameter, i, 'response');
      }
      record(log, 'allow-origin', 'response', i, 'passed', SPEC.corsCheck, 'access-control-allow-origin', requestOrigin, allowOrigin);
      if (credentialsMode === 'include') {
        record(log, 'allow-credentials', 'response', i, 'passed', SPEC.allowCredentials, 'access-control-allow-credentials', 'true', allowCredentials);
      }
    }

    // https://fetch.spec.whatwg.org/#http-redirect-fetch
    const location = isRedirectStatus(response.status) ? responseHeaders.location : null;
    if (location !== null) {
      const next = hops[i + 1];
      const last = next === undefined;
      // Redirect mode: known, or inferred when the capture stops at this 3xx (HAR and webRequest do
      // not carry it): a completed or aborted request (`net::ERR_ABORTED`, which Chromium reports
      // while the page gets its opaque redirect) reads as "manual", a plain `net::ERR_FAILED` that
      // no Location check explains as "error". Chromium's order: the CORS check (above), "manual",
      // the Location checks of the network service, then Blink's "error".
      let effectiveRedirectMode = redirectMode;
      let inferredManual = false;
      if (request.redirectMode === undefined) {
        // Where the capture stops: at this 3xx, or at a next hop that got no response and no
        // preflight (with "manual", DevTools still lists the next URL, aborted).
        const nextHop = hops[i + 1];
        const stopsHere = last || (i === hops.length - 2 && nextHop!.response === null && nextHop!.preflight === undefined);
        if (stopsHere && (exchange.errorText === undefined || networkKind === 'aborted')) inferredManual = true;
        else if (last && exchange.errorText === 'net::ERR_FAILED') effectiveRedirectMode = 'error';
      }
      if (effectiveRedirectMode === 'manual') {
        // An opaque-redirect response: the page sees status 0 and nothing else.
        record(log, 'redirect-mode', 'redirect', i, 'passed', SPEC.httpFetch, undefined, undefined, effectiveRedirectMode);
        return notCors(reading, 'opaque-redirect', corsFlag);
      }
      if (i >= MAX_REDIRECTS) {
        return networkError(reading, 'net::ERR_TOO_MANY_REDIRECTS', 'other', 'request', i);
      }
      const nextUrl = next === undefined ? resolveLocation(location, url) : next.url;
      // A Location that is not a URL, where the capture stops: what the browser made of it is not seen.
      if (nextUrl === null) return uncertain(reading, i, 'redirect');
      // Step 6: data:, file: ... never reach the CORS code (net::ERR_UNSAFE_REDIRECT).
      if (!isSafeRedirectTarget(nextUrl)) {
        record(log, 'redirect-location', 'redirect', i, 'failed', SPEC.redirectFetch, 'location', undefined, location);
        const text = errorText === '' || errorText === 'net::ERR_FAILED' ? UNSAFE_REDIRECT_ERROR : errorText;
        return networkError(reading, text, 'other', 'request', i);
      }
      // Other non-HTTP(S) targets (ftp:, ws:, custom schemes) reach the CORS code.
      if (!isHttpScheme(nextUrl)) {
        record(log, 'cors-enabled-scheme', 'redirect', i, 'failed', SPEC.schemeFetch, 'location', undefined, location);
        if (corsFlag || !isSameOrigin(initiator, serializeOrigin(nextUrl))) {
          if (mode === 'cors') return block(reading, 'CorsDisabledScheme', '', i, 'redirect');
        }
        return networkError(reading, errorText === '' ? 'net::ERR_FAILED' : errorText, 'other', 'request', i);
      }
      const locationError = checkRedirectLocation(nextUrl, mode, initiator, corsFlag);
      if (locationError !== null) {
        record(log, 'redirect-location', 'redirect', i, 'failed', SPEC.redirectFetch, 'location', undefined, location);
        return block(reading, locationError, '', i, 'redirect');
      }
      // The network service let the redirect through; Blink now applies the redirect mode.
      if (effectiveRedirectMode === 'error') {
        record(log, 'redirect-mode', 'redirect', i, 'failed', SPEC.httpFetch, undefined, 'follow', effectiveRedirectMode);
        return networkError(reading, errorText === '' ? 'net::ERR_FAILED' : errorText, 'other', 'request', i);
      }
      if (mode === 'no-cors' && urlIncludesCredentials(nextUrl)) {
        // Not in the standard (which checks credentials only in cors mode), but Blink refuses it
        // in the renderer too: a network error with an empty error text.
        record(log, 'redirect-location', 'redirect', i, 'failed', SPEC.redirectFetch, 'location', undefined, location);
        return networkError(reading, errorText, 'other', 'request', i);
      }
      // Main fetch runs again for the new URL: "same-origin" mode refuses a cross-origin one. Blink
      // stops it in the renderer (empty error text, no CORS error), unlike a first cross-origin URL.
      if (mode === 'same-origin' && !isSameOrigin(initiator, serializeOrigin(nextUrl))) {
        record(log, 'request-mode', 'redirect', i, 'failed', SPEC.requestMode);
        return networkError(reading, errorText, 'other', 'request', i);
      }
      record(log, 'redirect-location', 'redirect', i, 'passed', SPEC.redirectFetch, 'location', undefined, location);
      if (inferredManual) {
        // Nothing refused the redirect, yet the browser did not follow it: "manual".
        record(log, 'redirect-mode', 'redirect', i, 'passed', SPEC.httpFetch, undefined, undefined, 'manual');
        return notCors(reading, 'opaque-redirect', corsFlag);
      }
      if (last) {
        // The capture stops at a redirect the browser followed (or refused for a reason not seen).
        if (networkKind !== null) return networkError(reading, errorText, networkKind, 'request', i + 1);
        if (exchange.errorText === '') return networkError(reading, errorText, 'other', 'request', i);
        return uncertain(reading, i, 'redirect');
      }
      const currentOrigin = hopHeaders[i]!.origin;
      const nextOrigin = hopHeaders[i + 1]!.origin;
      if (taintsOrigin(currentOrigin, nextOrigin, initiator)) tainted = true;
      const nextMethod = methodAfterRedirect(response.status, method);
      if (nextMethod !== method) headers = withoutHeaders(headers, isRequestBodyHeaderName);
      // Step 13: a cross-origin redirect drops `Authorization`.
      if (!isSameOrigin(currentOrigin, nextOrigin) && hasHeader(headers, 'authorization')) headers = withoutHeaders(headers, isAuthorization);
      method = nextMethod;
      continue;
    }

    // The final response.
    reading.corsFlag = corsFlag;
    if (networkKind !== null && networkKind !== 'aborted') {
      // The response arrived, then the body failed (reset, length mismatch...).
      return networkError(reading, errorText, networkKind, 'request', i);
    }
    // Without the CORS flag the mode decided it: same origin, data:, no-cors or a navigation.
    if (!corsFlag) return notCors(reading, decision.kind === 'not-cors' ? decision.why : 'same-origin', false);
    if (reading.advisories !== null) responseAdvisories(responseHeaders, url, requestOrigin, credentialsMode, i, reading.advisories);
    reading.verdict = 'allowed';
    return reading;
  }
  return uncertain(reading, hops.length - 1, 'response');
}

function sameOutcome(a: Reading, b: Reading): boolean {
  return a.verdict === b.verdict && a.corsError === b.corsError && a.failedParameter === b.failedParameter;
}

function alternativeOf(reading: Reading, credentialsMode: CredentialsMode): Alternative {
  return { assume: { credentialsMode }, verdict: reading.verdict, corsError: reading.corsError, failedParameter: reading.failedParameter };
}

const ORIGIN_ERRORS: ReadonlySet<string> = new Set([
  'AllowOriginMismatch',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
]);

/**
 * What the capture did not say about the request, filled in: the page's origin, the request mode
 * and the credentials mode. Each guess is appended to `assumptions` when given.
 */
interface ResolvedRequest {
  /** The page's serialized origin (`null` when opaque or unknown). */
  initiator: string;
  initiatorKnown: boolean;
  mode: RequestMode;
  credentialsMode: CredentialsMode;
  /** No capture fact decided the credentials mode: fetch's default was taken. */
  credentialsGuessed: boolean;
}

function resolveRequest(exchange: ObservedExchange, facts: RequestHeaderFacts, assumptions: Assumption[] | null): ResolvedRequest {
  const request = exchange.request;

  // The page's origin: known, else the `Origin` header of the first hop.
  let initiator: string;
  const originHeader = facts.origin;
  if (request.initiatorOrigin !== undefined) {
    initiator = request.initiatorOrigin === null ? OPAQUE_ORIGIN : serializeOrigin(request.initiatorOrigin);
  } else if (originHeader !== null) {
    initiator = originHeader;
    assumptions?.push({ about: 'initiator-origin', assumed: originHeader, because: 'origin-header' });
  } else {
    initiator = OPAQUE_ORIGIN;
  }
  const initiatorKnown = request.initiatorOrigin !== undefined || originHeader !== null;

  // The request mode: known, else `Sec-Fetch-Mode` (the browser's own statement, so "known"),
  // else `cors` when an `Origin` was sent, else `no-cors` (a cross-origin GET without `Origin`).
  let mode: RequestMode;
  if (request.mode !== undefined) {
    mode = request.mode;
  } else {
    const fromHeader = facts.secFetchMode;
    if (fromHeader !== null) {
      mode = fromHeader;
      assumptions?.push({ about: 'request-mode', assumed: mode, because: 'known' });
    } else if (originHeader !== null) {
      mode = 'cors';
      assumptions?.push({ about: 'request-mode', assumed: mode, because: 'origin-header' });
    } else {
      mode = 'no-cors';
      assumptions?.push({ about: 'request-mode', assumed: mode, because: 'default' });
    }
  }

  // The credentials mode: known, else a `Cookie` proves "include" on a cross-origin request,
  // else fetch's default "same-origin", with "include" as an alternative reading.
  let credentialsMode: CredentialsMode;
  let credentialsGuessed = false;
  if (request.credentialsMode !== undefined) {
    credentialsMode = request.credentialsMode;
  } else if (facts.cookie && exchange.hops[0] !== undefined && !isSameOrigin(initiator, serializeOrigin(exchange.hops[0].url))) {
    // Cookies go to a cross-origin URL only with credentials "include" (a same-origin first hop
    // gets them under the default "same-origin" too, so there it proves nothing).
    credentialsMode = 'include';
    assumptions?.push({ about: 'credentials-mode', assumed: 'include', because: 'cookie-header' });
  } else {
    credentialsMode = 'same-origin';
    credentialsGuessed = true;
  }
  return { initiator, initiatorKnown, mode, credentialsMode, credentialsGuessed };
}

/** Whether a `Cookie` line went out (ASCII case-insensitive name, as `RequestHeaderFacts` reads it). */
function hasCookie(headers: HeaderList): boolean {
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i]![0];
    if (name.length === 6 && nameIsUsually(name, 'cookie', 'Cookie')) return true;
  }
  return false;
}

/**
 * Whether the CORS check can be replayed: a CORS-ish mode needs the page's origin, unless the URL is
 * a data: URL, which no mode and no origin sends through CORS.
 */
function replayable(resolved: ResolvedRequest, exchange: ObservedExchange): boolean {
  if (resolved.initiatorKnown || resolved.mode === 'no-cors' || resolved.mode === 'navigate') return true;
  const first = exchange.hops[0];
  return first !== undefined && schemeOf(first.url) === 'data';
}

/** Whether another credentials mode may give another verdict: it was guessed, and CORS applies. */
function credentialsMatter(resolved: ResolvedRequest): boolean {
  return resolved.credentialsGuessed && resolved.initiatorKnown && resolved.mode !== 'no-cors' && resolved.mode !== 'navigate';
}

/** The verdict alone: what `diagnose` decides, without the account of how. */
export interface Decision {
  verdict: Verdict;
  corsError: CorsError | null;
  failedParameter: string | null;
  /** A preflight was seen for the first hop (`Diagnosis.preflight.observed === 'sent'`). */
  preflightSent: boolean;
}

/**
 * `diagnose(exchange)`'s verdict, corsError and failedParameter, fast: the same readings, without
 * the check log, the request origins, the advisories or the alternatives. Where `diagnose` always
 * reads the exchange a second time under credentials "include" (for its alternatives), this does
 * only when that reading could replace the first: the browser failed, and the default reading
 * does not explain why.
 * https://fetch.spec.whatwg.org/#main-fetch
 */
export function decide(observed: ObservedExchange): Decision {
  const exchange = withPageSetHeaders(observed);
  // The request headers are read only for what the capture left unsaid: often (a HAR, the
  // DevTools protocol) only whether a `Cookie` went out. The names that need a preflight are found
  // by the reading, and only when a preflight is there to check them against.
  const request = exchange.request;
  const facts: RequestHeaderFacts = { origin: null, cookie: false, secFetchMode: null };
  let unsafeNames: readonly string[] | null = null;
  if (request.initiatorOrigin === undefined || request.mode === undefined || exchange.hops[0]?.preflight !== undefined) {
    // One pass for both when both are wanted (a preflight at hop 0 needs the names).
    unsafeNames = corsUnsafeNames(request.headers, null, facts);
  } else if (request.credentialsMode === undefined) {
    facts.cookie = hasCookie(request.headers);
  }
  const resolved = resolveRequest(exchange, facts, null);
  const hop0 = exchange.hops[0];
  const preflightSent = hop0 !== undefined && hop0.preflight !== undefined;
  const hopHeaders = readHopHeaders(exchange);
  if (!replayable(resolved, exchange) || invalidUrlOf(exchange, hopHeaders) !== null) {
    return { verdict: 'uncertain', corsError: null, failedParameter: null, preflightSent };
  }
  const { initiator, mode } = resolved;
  let reading = read(exchange, resolved.credentialsMode, mode, initiator, null, false, unsafeNames, hopHeaders);
  const browserFailed = exchange.errorText === 'net::ERR_FAILED';
  if (credentialsMatter(resolved) && browserFailed && (reading.verdict === 'allowed' || reading.verdict === 'uncertain')) {
    const include = read(exchange, 'include', mode, initiator, null, false, unsafeNames, hopHeaders);
    if (include.verdict === 'blocked') reading = include;
  }
  // The browser said it failed, yet the reading lets the response through: not enough data.
  const verdict = (reading.verdict === 'allowed' && browserFailed) || contradictsCapture(reading, exchange) ? 'uncertain' : reading.verdict;
  if (verdict === 'uncertain') return { verdict, corsError: null, failedParameter: null, preflightSent };
  return { verdict, corsError: reading.corsError, failedParameter: reading.failedParameter, preflightSent };
}

/**
 * A reading that blocks at a preflight while the capture shows the actual request's response at that
 * hop contradicts the capture: Chromium sends the actual request only after its preflight passed. The
 * capture paired the wrong preflight, or was incomplete; the reading cannot be trusted.
 * (Hypothetical readings, such as the `include` alternative, are what-ifs and are not checked.)
 */
function contradictsCapture(reading: Reading, exchange: ObservedExchange): boolean {
  if (reading.verdict !== 'blocked' || reading.failedAt === null || reading.failedAt.phase !== 'preflight') return false;
  return (exchange.hops[reading.failedAt.hop]?.response ?? null) !== null;
}

/**
 * What Chromium decided about `exchange`, and why.
 * https://fetch.spec.whatwg.org/#main-fetch
 */
export function diagnose(observed: ObservedExchange): Diagnosis {
  const exchange = withPageSetHeaders(observed);
  const request = exchange.request;
  const assumptions: Assumption[] = [];
  // Why a preflight is needed at hop 0 does not depend on the reading: computed once, in the same
  // pass over the request headers that reads what they say about the request.
  const method0 = normalizeMethod(request.method);
  const reasons: PreflightReason[] = [];
  const facts: RequestHeaderFacts = { origin: null, cookie: false, secFetchMode: null };
  const unsafeNames = preflightNeeds(method0, request.headers, reasons, facts);
  const resolved = resolveRequest(exchange, facts, assumptions);
  const { initiator, mode } = resolved;
  let credentialsMode = resolved.credentialsMode;
  const credentialsGuessed = resolved.credentialsGuessed;

  const hopHeaders = readHopHeaders(exchange);
  const checks: Diagnosis['checks'] = [];
  let reading: Reading;
  const alternatives: Alternative[] = [];
  const invalidUrl = invalidUrlOf(exchange, hopHeaders);
  if (invalidUrl !== null) {
    // A URL no browser could have fetched: no reading of it means anything.
    reading = uncertain(newReading(true), invalidUrl.hop, 'request');
    reading.urlProblem = invalidUrl;
  } else if (!replayable(resolved, exchange)) {
    // Without the page's origin the CORS check cannot be replayed.
    reading = uncertain(newReading(true), 0, 'request');
  } else {
    reading = read(exchange, credentialsMode, mode, initiator, checks, true, unsafeNames, hopHeaders);
  }

  if (invalidUrl === null && credentialsMatter(resolved)) {
    const include = read(exchange, 'include', mode, initiator, null, false, unsafeNames, hopHeaders);
    const browserFailed = exchange.errorText === 'net::ERR_FAILED';
    if (browserFailed && (reading.verdict === 'allowed' || reading.verdict === 'uncertain') && include.verdict === 'blocked') {
      // Only the credentialed reading explains the browser's failure: prefer it.
      alternatives.push(alternativeOf(reading, credentialsMode));
      credentialsMode = 'include';
      checks.length = 0;
      reading = read(exchange, 'include', mode, initiator, checks, true, unsafeNames, hopHeaders);
      assumptions.push({ about: 'credentials-mode', assumed: 'include', because: 'browser-error' });
    } else {
      assumptions.push({ about: 'credentials-mode', assumed: credentialsMode, because: 'default' });
      if (!sameOutcome(reading, include)) alternatives.push(alternativeOf(include, 'include'));
    }
  } else if (credentialsGuessed) {
    assumptions.push({ about: 'credentials-mode', assumed: credentialsMode, because: 'default' });
  }

  // The browser said it failed, yet every reading lets the response through: not enough data.
  if (reading.verdict === 'allowed' && exchange.errorText === 'net::ERR_FAILED') {
    reading.verdict = 'uncertain';
    reading.failedAt = { hop: reading.finalHop, phase: 'response' };
  }
  if (contradictsCapture(reading, exchange)) {
    reading.verdict = 'uncertain';
    reading.corsError = null;
    reading.failedParameter = null;
    reading.errorResponse = null;
  }

  const hop0 = exchange.hops[0];
  const preflightSent = hop0 !== undefined && hop0.preflight !== undefined;
  const preflight: PreflightFacts = {
    required: reading.preflightRequired,
    reasons: reading.preflightRequired ? reasons : [],
    observed: preflightSent
      ? 'sent'
      : reading.preflightRequired
        ? hop0 !== undefined && hop0.preflightFromCache === true
          ? 'cached'
          : 'missing'
        : 'not-needed',
  };
  const preflightHeaders = hopHeaders[0]?.preflight;
  if (preflightHeaders) preflight.maxAge = maxAgeOf(preflightHeaders.maxAge);

  let originComparison: OriginComparison | null = null;
  if (reading.corsError !== null && ORIGIN_ERRORS.has(reading.corsError) && reading.comparedAllowOrigin !== null) {
    const requestOrigin = reading.comparedRequestOrigin ?? initiator;
    originComparison = {
      allowOrigin: reading.comparedAllowOrigin,
      requestOrigin,
      differences: originDifferences(reading.comparedAllowOrigin, requestOrigin),
    };
  }

  const finalResponse = exchange.hops[reading.finalHop]?.response;
  return {
    verdict: reading.verdict,
    corsError: reading.corsError,
    failedParameter: reading.failedParameter,
    failedAt: reading.failedAt,
    requestOrigins: reading.requestOrigins ?? [],
    credentialsMode,
    mode,
    checks,
    preflight,
    originComparison,
    networkFailure: reading.networkFailure,
    errorResponse: reading.errorResponse,
    exposure:
      reading.verdict === 'allowed' && finalResponse
        ? exposure(finalResponse.headers, hopHeaders[reading.finalHop]!.response!.exposeHeaders, credentialsMode)
        : null,
    advisories: reading.advisories ?? [],
    assumptions,
    alternatives,
    ...(reading.verdict === 'not-cors' && reading.notCors !== null ? { notCors: reading.notCors } : {}),
    ...(reading.verdict === 'uncertain' && reading.urlProblem !== null ? { urlProblem: reading.urlProblem } : {}),
  };
}
