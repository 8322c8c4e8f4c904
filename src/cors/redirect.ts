// Following redirects of a CORS request.
// https://fetch.spec.whatwg.org/#http-redirect-fetch, as Chromium's `CorsURLLoader::
// OnReceiveRedirect` runs it (services/network/cors/cors_url_loader.cc): the CORS check on the 3xx
// response comes first (in HTTP fetch), then the redirect mode, then the Location checks, then the
// tainted-origin update.

import type { CorsError } from './cors-error.ts';
import type { HeaderLine, HeaderList, ObservedExchange, ObservedResponse, RequestMode } from './exchange.ts';
import { hasHeader, headerLinesJoined, toAsciiLowerCase } from './header-list.ts';
import { normalizeMethod } from './methods.ts';
import { isSameOrigin, schemeOf, serializeOrigin, urlIncludesCredentials } from './origin.ts';

/** https://fetch.spec.whatwg.org/#redirect-status */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * Whether `response` is a redirect the fetch followed (`followed`: a later hop exists) or would
 * follow: a redirect status with a location URL (its `Location`, or the target the capture recorded
 * apart from the headers, `locationUrl`). Any other 3xx (300, 304, 305) is a final response, and
 * so is a redirect status without one (https://fetch.spec.whatwg.org/#http-fetch step 8:
 * "If internalResponse's status is a redirect status" … #http-redirect-fetch step 3: a null
 * locationURL returns the response). Words that say "redirect" use this, so a fix for a 304 that
 * dropped the CORS headers lands on the 304, not on a redirect that never happened.
 */
export function isRedirectResponse(response: ObservedResponse | null | undefined, followed: boolean): boolean {
  return response != null && isRedirectStatus(response.status) && (followed || response.locationUrl !== undefined || hasHeader(response.headers, 'location'));
}

/**
 * Where `response` redirects, as written: its `Location` (several lines joined, as the browser reads
 * them), else the location URL the capture recorded apart from the headers; null when neither.
 * https://fetch.spec.whatwg.org/#concept-response-location-url
 */
export function responseLocation(response: ObservedResponse | null | undefined): string | null {
  if (response == null) return null;
  return headerLinesJoined(response.headers, 'location') ?? response.locationUrl ?? null;
}

/** `isRedirectResponse` for hop `hop` of `exchange`'s actual requests. */
export function isRedirectHop(exchange: ObservedExchange, hop: number): boolean {
  return isRedirectResponse(exchange.hops[hop]?.response, hop + 1 < exchange.hops.length);
}

/**
 * https://fetch.spec.whatwg.org/#http-redirect-fetch step 6: "If locationURL's scheme is not an
 * HTTP(S) scheme, then return a network error." Chromium's net stack refuses data:, file: and the
 * like before the CORS layer sees them (`net::ERR_UNSAFE_REDIRECT`, no CORS error: conformance
 * scenario `redirect-location-data-url`); other schemes (ftp:) reach the CORS code, which reports
 * CorsDisabledScheme (`redirect-location-ftp-url`).
 */
export function isSafeRedirectTarget(location: string): boolean {
  return isSafeRedirectScheme(schemeOf(location));
}

/** `isSafeRedirectTarget` for a scheme already read (null: not a URL). */
export function isSafeRedirectScheme(scheme: string | null): boolean {
  return scheme !== null && scheme !== 'data' && scheme !== 'file' && scheme !== 'filesystem' && scheme !== 'blob' && scheme !== 'javascript';
}

/** The text Chromium's net stack reports for a refused redirect target. */
export const UNSAFE_REDIRECT_ERROR = 'net::ERR_UNSAFE_REDIRECT';

/**
 * Chromium's `CheckRedirectLocation`, https://fetch.spec.whatwg.org/#http-redirect-fetch steps 9-10:
 * - mode "cors", locationURL includes credentials, and request's origin is not same origin with
 *   locationURL's origin → RedirectContainsCredentials;
 * - CORS flag set and locationURL includes credentials → RedirectContainsCredentials.
 */
export function checkRedirectLocation(
  location: string,
  mode: RequestMode,
  initiatorOrigin: string,
  corsFlag: boolean,
): CorsError | null {
  if (mode !== 'cors') return null;
  if (!urlIncludesCredentials(location)) return null;
  if (corsFlag || !isSameOrigin(initiatorOrigin, serializeOrigin(location))) return 'RedirectContainsCredentials';
  return null;
}

/**
 * https://fetch.spec.whatwg.org/#http-redirect-fetch step 14: "If request's current URL's origin is
 * not same origin with locationURL's origin and request's origin is not same origin with request's
 * current URL's origin, then set request's tainted origin flag."
 */
export function taintsOrigin(currentUrlOrigin: string, locationOrigin: string, initiatorOrigin: string): boolean {
  return !isSameOrigin(currentUrlOrigin, locationOrigin) && !isSameOrigin(initiatorOrigin, currentUrlOrigin);
}

/**
 * https://fetch.spec.whatwg.org/#http-redirect-fetch step 12: 301/302 turn `POST` into `GET`, 303
 * turns anything but `GET`/`HEAD` into `GET`; the body and its headers are then dropped.
 */
export function methodAfterRedirect(status: number, method: string): string {
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  if (status === 303 && method !== 'GET' && method !== 'HEAD') return 'GET';
  return method;
}

/** https://fetch.spec.whatwg.org/#request-body-header-name */
function isRequestBodyHeaderName(lowerName: string): boolean {
  return lowerName === 'content-encoding' || lowerName === 'content-language' || lowerName === 'content-location' || lowerName === 'content-type';
}

/**
 * https://fetch.spec.whatwg.org/#http-redirect-fetch steps 12-13 for one followed redirect from a URL
 * of `currentOrigin` to one of `locationOrigin`: the method the next request goes with and its
 * headers. A method turned into `GET` loses its body and the request-body headers; a cross-origin
 * redirect drops `Authorization` (the CORS non-wildcard request-header name). `headers` itself is
 * returned when nothing is dropped.
 */
export function requestAfterRedirect(status: number, method: string, headers: HeaderList, currentOrigin: string, locationOrigin: string): { method: string; headers: HeaderList } {
  // 12.
  const next = methodAfterRedirect(status, method);
  let kept = next !== method ? withoutHeaders(headers, isRequestBodyHeaderName) : headers;
  // 13.
  if (!isSameOrigin(currentOrigin, locationOrigin) && hasHeader(kept, 'authorization')) kept = withoutHeaders(kept, isAuthorization);
  return { method: next, headers: kept };
}

/** What the browser sent at hop `hop` of an exchange, as far as the capture and the standard tell. */
export interface RequestAtHop {
  method: string;
  /** The request's headers after the redirects before `hop` (the `Origin` line as captured). */
  headers: HeaderList;
  /** The body went with them: a redirect turned the method into `GET`. */
  bodyDropped: boolean;
}

/**
 * The request as it went to hop `hop`: the captured request, through `requestAfterRedirect` at each
 * redirect before it. The capture holds the request's headers once, as sent to the first URL.
 */
export function requestAtHop(exchange: ObservedExchange, hop: number): RequestAtHop {
  let method = normalizeMethod(exchange.request.method);
  let headers = exchange.request.headers;
  let bodyDropped = false;
  for (let i = 0; i < hop && i + 1 < exchange.hops.length; i++) {
    const status = exchange.hops[i]!.response?.status;
    if (status === undefined) break;
    const next = requestAfterRedirect(status, method, headers, serializeOrigin(exchange.hops[i]!.url), serializeOrigin(exchange.hops[i + 1]!.url));
    if (next.method !== method) bodyDropped = true;
    method = next.method;
    headers = next.headers;
  }
  return { method, headers, bodyDropped };
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
 * Whether some redirect can remove the header `lowerName` (steps 12-13 above: a request-body header
 * name when the method turns into `GET`, `Authorization` at another origin).
 */
export function redirectMayRemove(lowerName: string): boolean {
  return isAuthorization(lowerName) || isRequestBodyHeaderName(lowerName);
}
