// The verdict of the common shapes of traffic, in one pass over what decides it: the request's
// header names once, the hops' URLs once, the responses' CORS headers once, with no per-exchange
// object on the way to a verdict without a CORS error (the preflight's check returns one small
// result). `diagnoseVerdict` asks here first, and replays the exchange in full (diagnose.ts,
// fetch/) for everything this does not decide.
//
// It runs the same steps as the replay, hop by hop, in the same order:
// https://fetch.spec.whatwg.org/#main-fetch step 12 (the request mode), then
// https://fetch.spec.whatwg.org/#http-fetch step 4.1 (https://fetch.spec.whatwg.org/#cors-preflight-fetch
// steps 6-7 on an observed preflight, `preflight-check.ts`), 4.3 (the response or the network
// error), 4.4 (https://fetch.spec.whatwg.org/#concept-cors-check, `cors-check.ts`), then what the
// capture says of the outcome (`settle-outcome.ts`), with Chromium's rules.
//
// Decided here (anything else returns null, and the full replay decides):
// - Chromium's rules (the caller checks);
// - the page's origin captured, not opaque; the request mode "cors" or "no-cors", captured or read
//   from the request's `Sec-Fetch-Mode` and `Origin` as `resolveRequest` reads them; the redirect
//   mode "follow" or unknown; no `targetAddressSpace` mismatch;
// - hop 0's URL in the usual `http(s)://host[:port]/...` form (`fastHttpOrigin`), cross-origin
//   with the page (so CORS applies in "cors" mode);
// - one hop whose response (when there is one) is not a redirect; or, in "cors" mode, two: a
//   redirect with a `Location` that was followed (hop 0's 3xx, then hop 1 answered with no
//   redirect, to a URL in the usual form: no credentials in it), with no preflight at either;
// - no response at hop 0 only where Local Network Access cannot have refused it: its preflight
//   was answered, or (no preflight) the browser's error was a network error of its own;
// - an observed preflight only at hop 0, in "cors" mode, answered; the request headers the browser
//   added after deciding on it skipped as `withPageSetHeaders` drops them (`firstUnlistedUnsafeHeader`).

import { allowHeadersList, type CorsResponseHeaders, emptyCorsResponseHeaders, readCorsResponseHeadersInto } from './response-headers.ts';
import { allowHeadersFailure } from './allow-headers.ts';
import { listHas } from './allow-list.ts';
import { CHROMIUM_RULES } from './browser-rules.ts';
import { corsCheck } from './cors-check.ts';
import type { CorsError } from './cors-error.ts';
import type { FailureReason } from './failure-reason.ts';
import type { CredentialsMode, HeaderList, ObservedExchange, ObservedResponse, RequestMode } from './exchange.ts';
import { lowerHeaderName, nameIsUsually, touchHeaderNames } from './header-list.ts';
import { normalizeMethod } from './methods.ts';
import { classifyNetworkError } from './network-failure.ts';
import { flatString, OPAQUE_ORIGIN, recentHttpOrigin } from './origin.ts';
import { checkPreflightResponse } from './preflight-check.ts';
import { isRedirectStatus } from './redirect.ts';
import { pageOrigin } from './resolve-request.ts';
import { recordFact, type RequestHeaderFacts } from './safelisted-request-header.ts';
import { ALL_LISTED, CANNOT_TELL, firstUnlistedUnsafeHeader, requestPassMemo } from './unlisted-unsafe-header.ts';
import { type VerdictOnly, verdictWithoutError } from './verdict-only.ts';

const ALLOWED = 0;
const BLOCKED = 1;
const NETWORK_ERROR = 2;
const UNCERTAIN = 3;
const NOT_CORS = 4;
type Outcome = typeof ALLOWED | typeof BLOCKED | typeof NETWORK_ERROR | typeof UNCERTAIN | typeof NOT_CORS;

// One exchange is decided at a time, start to end, with no call out that could decide another:
// what the steps share lives here, reused, instead of in objects made per exchange.
const facts: RequestHeaderFacts = { origin: null, cookie: false, secFetchMode: null };
const preflightHeaders: CorsResponseHeaders = emptyCorsResponseHeaders();
const firstHeaders: CorsResponseHeaders = emptyCorsResponseHeaders();
const redirectedHeaders: CorsResponseHeaders = emptyCorsResponseHeaders();
/** The request passes made last, for the next request with the same header names (`RequestPassMemo`). */
const requestPasses = requestPassMemo();
/** `initiatorOrigin` as last given, and its serialized origin (`pageOrigin`). */
let lastPage = '';
let lastPageOrigin = OPAQUE_ORIGIN;
/** The BLOCKED outcome's CORS error, Chromium's failedParameter, the check's reason, and whether it was the preflight's. */
let blockedError: CorsError = 'MissingAllowOriginHeader';
let blockedParameter = '';
let blockedReason: FailureReason | null = null;
let blockedAtPreflight = false;
/** The hop of that failure: 0, or 1 once the redirect was followed. */
let blockedHop = 0;

/** What a replay of the hops reads, besides the shared state above. */
interface Shape {
  mode: RequestMode;
  initiator: string;
  method: string;
  headers: HeaderList;
  /** The first CORS-unsafe request header the preflight does not list (`firstUnlistedUnsafeHeader`). */
  unlistedHeader: number;
  preflightResponse: ObservedResponse | null;
  /** Hop 0's response. */
  response: ObservedResponse | null;
  /** Hop 0's 3xx was followed to hop 1, whose response is the last. */
  redirected: boolean;
  /** https://fetch.spec.whatwg.org/#concept-request-tainted-origin, set by that redirect. */
  taintedOrigin: boolean;
  networkFailed: boolean;
  networkFailedAfterResponse: boolean;
}

// The one shape object, refilled per exchange (see above).
const shape: Shape = {
  mode: 'cors',
  initiator: OPAQUE_ORIGIN,
  method: 'GET',
  headers: [],
  unlistedHeader: ALL_LISTED,
  preflightResponse: null,
  response: null,
  redirected: false,
  taintedOrigin: false,
  networkFailed: false,
  networkFailedAfterResponse: false,
};

export function commonShapeVerdict(observed: ObservedExchange): VerdictOnly | null {
  const request = observed.request;
  const hops = observed.hops;
  if (hops.length !== 1 && hops.length !== 2) return null;
  const hop = hops[0]!;
  const url = hop.url;
  const response = hop.response;
  const preflight = hop.preflight;
  const preflightResponse = preflight === undefined ? null : preflight.response;
  const next = hops.length === 2 ? hops[1]! : null;
  const initiatorOrigin = request.initiatorOrigin;

  // Everything read below is touched first, in loops that do not branch on what they read, so the
  // processor fetches the header lines (and the URLs, the page's origin) from memory side by side;
  // the checks below branch on each name, and would otherwise wait for each line in turn
  // (bench/verdict.ts: most of a verdict's time is these first reads).
  let touched = url.length + touchHeaderNames(request.headers);
  if (typeof initiatorOrigin === 'string') touched += initiatorOrigin.length;
  if (response !== null) touched += touchHeaderNames(response.headers);
  if (preflightResponse !== null) touched += touchHeaderNames(preflightResponse.headers);
  if (next !== null) {
    touched += next.url.length;
    if (next.response !== null) touched += touchHeaderNames(next.response.headers);
  }
  if (touched < 0) return null; // never: the sum is only there to be used

  if (initiatorOrigin === undefined || initiatorOrigin === null) return null;
  if ((request.redirectMode !== undefined && request.redirectMode !== 'follow') || request.targetAddressSpaceMismatch === true) return null;
  // A capture is the traffic of a page or two: the last page's origin is asked for again and again
  // (kept as a `flatString`, as `recentHttpOrigin` keeps the URLs' origins it is compared with).
  if (initiatorOrigin !== lastPage) {
    lastPage = initiatorOrigin;
    lastPageOrigin = flatString(pageOrigin(initiatorOrigin));
  }
  const initiator = lastPageOrigin;
  if (initiator === OPAQUE_ORIGIN) return null;

  // main fetch step 12: a cross-origin HTTP(S) URL, so "cors" sets the CORS flag (the origins
  // compared as strings: both serialized).
  const urlOrigin = recentHttpOrigin(url);
  if (urlOrigin === null || urlOrigin === initiator) return null;
  const redirected = next !== null;
  // A 304 may answer the browser's revalidation, checked on its cached copy (stored-response.ts).
  if (response !== null && response.status === 304) return null;
  if (redirected ? response === null || !isRedirectStatus(response.status) : response !== null && isRedirectStatus(response.status)) return null;
  if (next !== null && (preflight !== undefined || next.preflight !== undefined || next.response === null || isRedirectStatus(next.response.status))) return null;
  const nextOrigin = next === null ? null : recentHttpOrigin(next.url);
  if (next !== null && nextOrigin === null) return null;

  if (preflight !== undefined && preflightResponse === null) return null;
  // A location URL the capture recorded apart from the headers (`locationUrl`): rare, the full replay reads it.
  if (response?.locationUrl !== undefined || preflightResponse?.locationUrl !== undefined) return null;
  const errorText = observed.errorText;
  const lna = CHROMIUM_RULES.localNetworkAccess!;
  if (response === null && preflight === undefined && (errorText === CHROMIUM_RULES.corsFailureErrorText || errorText === lna.preflightErrorText)) return null;

  // The request's headers, once: the facts the capture left unsaid (`resolveRequest`), and with a
  // preflight to check them against, the CORS-unsafe names (`firstUnlistedUnsafeHeader`).
  const headers = request.headers;
  facts.origin = null;
  facts.cookie = false;
  facts.secFetchMode = null;
  let unlistedHeader = ALL_LISTED;
  if (preflightResponse !== null) {
    readCorsResponseHeadersInto(preflightHeaders, preflightResponse.headers, true);
    unlistedHeader = firstUnlistedUnsafeHeader(headers, allowHeadersList(preflightHeaders), preflight!.requestHeaders, facts, request.mode === undefined, CHROMIUM_RULES.safelistsClientHints, requestPasses);
    if (unlistedHeader === CANNOT_TELL) return null;
  } else if (request.mode === undefined) {
    readRequestHeaderFacts(headers, facts);
  } else if (request.credentialsMode === undefined) {
    facts.cookie = hasCookieLine(headers);
  }

  // The request mode: captured, else `Sec-Fetch-Mode`, else "cors" when an `Origin` went out.
  const mode = request.mode ?? facts.secFetchMode ?? (facts.origin !== null ? 'cors' : 'no-cors');
  if (mode !== 'cors' && mode !== 'no-cors') return null;
  if ((preflight !== undefined || redirected) && mode !== 'cors') return null;
  // The credentials mode: captured, else a `Cookie` to this cross-origin URL proves "include", else
  // fetch's default "same-origin", which the browser's CORS failure may yet overrule.
  let credentialsMode = request.credentialsMode;
  const credentialsGuessed = credentialsMode === undefined;
  if (credentialsMode === undefined) credentialsMode = facts.cookie ? 'include' : 'same-origin';

  const networkKind = classifyNetworkError(errorText);
  shape.mode = mode;
  shape.initiator = initiator;
  shape.method = normalizeMethod(request.method);
  shape.headers = headers;
  shape.unlistedHeader = unlistedHeader;
  shape.preflightResponse = preflightResponse;
  shape.response = response;
  shape.networkFailed = networkKind !== null;
  shape.networkFailedAfterResponse = networkKind !== null && networkKind !== 'aborted';
  shape.redirected = redirected;
  if (response !== null && mode === 'cors') readCorsResponseHeadersInto(firstHeaders, response.headers, true);
  if (next !== null) {
    // https://fetch.spec.whatwg.org/#http-redirect-fetch, as `httpRedirectFetch` follows it here: the
    // redirect mode "follow" (the capture goes on past the 3xx), the redirect count (1), the
    // Location's scheme HTTP(S) and no credentials in it (the usual form has none), the method and
    // header changes (read only by a preflight, and none is at hop 1), then step 14: a redirect to
    // another origin than the 3xx's, from a URL not the page's, taints the request's origin.
    if (firstHeaders.location === null) return null;
    readCorsResponseHeadersInto(redirectedHeaders, next.response!.headers, true);
    shape.taintedOrigin = urlOrigin !== nextOrigin;
  }

  let outcome = replayHop(credentialsMode);
  // settle-outcome.ts: the browser failed for a CORS reason, and the default reading does not say
  // why: the "include" reading replaces it when it does. A `Cookie` has already made the reading
  // "include": the same replay again could only say the same.
  const browserFailed = errorText === CHROMIUM_RULES.corsFailureErrorText;
  if (credentialsGuessed && credentialsMode !== 'include' && mode === 'cors' && browserFailed && (outcome === ALLOWED || outcome === UNCERTAIN)) {
    if (replayHop('include') === BLOCKED) outcome = BLOCKED;
  }
  // The browser failed, yet the response got through: not enough data. Blocked at a preflight, yet
  // the actual response is in the capture: the capture contradicts the replay.
  const preflightSent = preflight !== undefined;
  if ((outcome === ALLOWED && browserFailed) || (outcome === BLOCKED && blockedAtPreflight && response !== null)) outcome = UNCERTAIN;
  switch (outcome) {
    case ALLOWED:
      return verdictWithoutError('allowed', preflightSent);
    case BLOCKED:
      return { verdict: 'blocked', corsError: blockedError, failedParameter: blockedParameter, failureReason: blockedReason, preflightSent, failedHop: blockedHop, preflightUnanswered: false };
    case NETWORK_ERROR:
      return verdictWithoutError('network-error', preflightSent);
    case UNCERTAIN:
      return verdictWithoutError('uncertain', preflightSent);
    case NOT_CORS:
      return verdictWithoutError('not-cors', preflightSent);
  }
}

const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * Whether a `Cookie` went out (ASCII case-insensitive), the first one ending the pass. Its first
 * letter is read before the name is compared: `Accept` and `Origin` have its length, and go out
 * with nearly every request.
 */
function hasCookieLine(headers: HeaderList): boolean {
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i]![0];
    if (name.length === 6 && (name.charCodeAt(0) | 0x20) === 0x63 /* c */ && nameIsUsually(name, 'cookie', 'Cookie')) return true;
  }
  return false;
}

/** `Cookie`, `Origin` and `Sec-Fetch-Mode` read as `corsUnsafeNames` reads them: the length picks the candidates. */
function readRequestHeaderFacts(headers: HeaderList, found: RequestHeaderFacts): void {
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    const name = line[0];
    const length = name.length;
    if (length === 6) {
      if (nameIsUsually(name, 'cookie', 'Cookie')) found.cookie = true;
      else if (nameIsUsually(name, 'origin', 'Origin')) recordFact(found, 'origin', line[1]);
    } else if (length === 14 && nameIsUsually(name, 'sec-fetch-mode', 'Sec-Fetch-Mode')) {
      recordFact(found, 'sec-fetch-mode', line[1]);
    }
  }
}

/** HTTP fetch at the one hop (https://fetch.spec.whatwg.org/#http-fetch step 4) under `credentialsMode`. */
function replayHop(credentialsMode: CredentialsMode): Outcome {
  const corsFlag = shape.mode === 'cors';
  // 4.1. The CORS-preflight, when one was observed (answered: see the shapes above). One needed
  //      but not seen came from the preflight cache, or the capture missed it: with a response, the
  //      browser evidently had a passing result; without one, the replay ends below either way.
  if (corsFlag && shape.preflightResponse !== null) {
    // Steps 7.1-7.5 (the redirect refused, the CORS check, the ok status, the lists, the method),
    // with no names for 7.6, which the request's pass has done: its first unlisted name, unless `*`
    // covers every name (not with credentials "include", where it is the name `*`).
    const result = checkPreflightResponse(shape.preflightResponse.status, preflightHeaders, shape.method, NO_NAMES, credentialsMode, shape.initiator, 0, null);
    if (result.corsError !== null) return blocked(result.corsError, result.failedParameter, result.why, true, 0);
    const unlisted = shape.unlistedHeader;
    if (unlisted !== ALL_LISTED) {
      const allowHeaders = allowHeadersList(preflightHeaders)!;
      if (credentialsMode === 'include' || !listHas(allowHeaders, '*')) {
        return blocked('HeaderDisallowedByPreflightResponse', lowerHeaderName(shape.headers[unlisted]![0]), allowHeadersFailure(allowHeaders), true, 0);
      }
    }
  }
  // 4.3. The response, or the network error (or nothing the capture explains) instead.
  const response = shape.response;
  if (response === null) return shape.networkFailed ? NETWORK_ERROR : UNCERTAIN;
  // 4.4. The CORS check, while the CORS flag is set.
  if (corsFlag) {
    const cors = corsCheck(firstHeaders.allowOrigin, firstHeaders.allowCredentials, credentialsMode, shape.initiator);
    if (cors.error !== null) return blocked(cors.error, cors.failedParameter, cors.why, false, 0);
  }
  if (shape.redirected) {
    // The redirect followed (see above), main fetch again at hop 1 (the CORS flag set for good, the
    // scheme HTTP(S)), no preflight there, and its response's CORS check, against `null` once the
    // request's origin is tainted.
    const requestOrigin = shape.taintedOrigin ? OPAQUE_ORIGIN : shape.initiator;
    const cors = corsCheck(redirectedHeaders.allowOrigin, redirectedHeaders.allowCredentials, credentialsMode, requestOrigin);
    if (cors.error !== null) return blocked(cors.error, cors.failedParameter, cors.why, false, 1);
  }
  // The response arrived, then its body failed (reset, length mismatch...).
  if (shape.networkFailedAfterResponse) return NETWORK_ERROR;
  return corsFlag ? ALLOWED : NOT_CORS;
}

function blocked(corsError: CorsError, failedParameter: string, reason: FailureReason | null, atPreflight: boolean, hop: number): typeof BLOCKED {
  blockedError = corsError;
  blockedHop = hop;
  blockedParameter = failedParameter;
  blockedReason = reason;
  blockedAtPreflight = atPreflight;
  return BLOCKED;
}

