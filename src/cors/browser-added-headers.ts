// Headers the browser adds to a request after deciding whether it needs a preflight, which a
// capture (a HAR, webRequest, the DevTools protocol) shows among the page's own headers.
//
// https://fetch.spec.whatwg.org/#http-network-or-cache-fetch: when the cache mode is "no-store" or
// "reload" (`fetch(url, {cache: 'no-store'})`, a hard reload), the browser appends
// `Cache-Control: no-cache` and `Pragma: no-cache` to the request; for "no-cache", Chromium sends
// `Cache-Control: max-age=0` (recorded in test/scenarios/cache-modes.json). That happens long after main fetch
// decided on the preflight (https://fetch.spec.whatwg.org/#main-fetch), so they never make a request
// "non-simple", and the preflight's `Access-Control-Request-Headers` never names them. Counting them
// as the page's would report a preflight that was never needed, or blame the server for not allowing
// a header the page never set.

import type { HeaderList, ObservedExchange } from './exchange.ts';
import { nameIs, toAsciiLowerCase } from './header-list.ts';

/**
 * Other headers a browser's network stack writes on the wire, after the preflight decision, which
 * captures built from wire headers (DevTools' extra info, a HAR, webRequest with `extraHeaders`) list:
 * `priority` (RFC 9218: Chromium's over HTTP/2 and HTTP/3, Firefox's on every fetch), `x-client-data`
 * (Chromium, to Google hosts), the conditional headers of an HTTP-cache revalidation, and Firefox's
 * `alt-used` (RFC 7838 section 5), which `nsHttpChannel::BeginConnect`
 * (netwerk/protocol/http/nsHttpChannel.cpp) sets when its Alt-Svc cache picks the connection: that
 * runs after `AsyncOpen`'s `nsContentSecurityManager::doContentSecurityCheck`, where the CORS checks
 * and the preflight's header list were settled, and Firefox's DevTools lists it among the request's
 * headers. (`TE: trailers`, which Firefox also sends, has a forbidden name: the rules skip it anyway.) HTTP/2
 * pseudo-headers (`:authority`, ...) are not headers of the request at all.
 */
const ADDED_ON_THE_WIRE: readonly string[] = ['priority', 'alt-used', 'x-client-data', 'if-none-match', 'if-modified-since'];

function isCacheBypassHeader(name: string): boolean {
  return (name.length === 13 && nameIs(name, 'cache-control')) || (name.length === 6 && nameIs(name, 'pragma'));
}

/** A name's length and first letter (either case), as an index into `CANDIDATE_SHAPES`. */
function nameShape(name: string): number {
  return (name.length << 5) | (name.charCodeAt(0) & 31);
}
const SHAPE_LENGTH_LIMIT = 32;
/**
 * The shapes of the names below: `Accept`, `Cookie`, `Origin` and `Authorization` share a length
 * with one of them, not its first letter, and need no comparison (the verdict asks about each line
 * of every preflighted request: the comparisons were ~3% of its time on the generated mix).
 */
const CANDIDATE_SHAPES = new Uint8Array(SHAPE_LENGTH_LIMIT << 5);
for (const name of [...ADDED_ON_THE_WIRE, 'cache-control', 'pragma']) CANDIDATE_SHAPES[nameShape(name)] = 1;

/**
 * A name the browser may have added: picked by its length and first letter, so most lines cost one
 * table read, and compared in place (no lower-case copy).
 */
export function mayBeBrowserAdded(name: string): boolean {
  const length = name.length;
  if (length === 0) return false;
  if (name.charCodeAt(0) === 0x3a /* ':' */) return true;
  if (length >= SHAPE_LENGTH_LIMIT || CANDIDATE_SHAPES[nameShape(name)] === 0) return false;
  if (isCacheBypassHeader(name)) return true;
  for (let i = 0; i < ADDED_ON_THE_WIRE.length; i++) if (nameIs(name, ADDED_ON_THE_WIRE[i]!)) return true;
  return false;
}

/** `Access-Control-Request-Headers` of the observed preflight, as lower-case names (empty when absent). */
export function requestedHeaderNames(preflightHeaders: HeaderList): Set<string> {
  const names = new Set<string>();
  for (const [name, value] of preflightHeaders) {
    if (name.length !== 30 || !nameIs(name, 'access-control-request-headers')) continue;
    for (const part of value.split(',')) {
      const trimmed = part.trim().toLowerCase();
      if (trimmed !== '') names.add(trimmed);
    }
  }
  return names;
}

/**
 * Step 1 below for one `mayBeBrowserAdded` line: a pseudo-header, or a name the preflight's
 * `Access-Control-Request-Headers` (`requestedHeaderNames`) does not name.
 */
export function addedAfterPreflight(name: string, requested: ReadonlySet<string>): boolean {
  return name.startsWith(':') || !requested.has(toAsciiLowerCase(name));
}

/**
 * Which of the `mayBeBrowserAdded` lines of `headers` the browser added:
 * 1. When hop 0's preflight was observed, its `Access-Control-Request-Headers` is the browser's own
 *    list of the page's CORS-unsafe headers: a candidate it does not name was added afterwards.
 * 2. Without a preflight: pseudo-headers and the `ADDED_ON_THE_WIRE` names; `Cache-Control` and
 *    `Pragma` only with the values the browser gives them (`no-cache` for cache modes "no-store" and
 *    "reload", `Cache-Control: max-age=0` for "no-cache"), since a page that set them itself would have
 *    needed a preflight, and none was seen.
 */
function browserAdded(headers: HeaderList, preflightHeaders: HeaderList | undefined): (name: string) => boolean {
  if (preflightHeaders !== undefined) {
    const requested = requestedHeaderNames(preflightHeaders);
    return (name) => addedAfterPreflight(name, requested);
  }
  // The first value of each spelling, found once: a request with many such lines stays linear.
  const firstValues = firstValuesOf(headers, isCacheBypassHeader);
  return (name) => {
    if (!isCacheBypassHeader(name)) return true;
    const value = firstValues.get(name) ?? '';
    return value === 'no-cache' || (name.length === 13 && value === 'max-age=0');
  };
}

/** The trimmed, lower-cased value of the first line of each name (exact name as listed) that `wanted` picks. */
function firstValuesOf(headers: HeaderList, wanted: (name: string) => boolean): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of headers) if (wanted(name) && !values.has(name)) values.set(name, value.trim().toLowerCase());
  return values;
}

/**
 * A request's header lines the page itself set (plus the browser's forbidden ones, which the rules
 * skip anyway), given the headers its preflight asked for, if one was sent. Returns `headers` itself
 * when there is nothing to remove, so the common case allocates nothing.
 */
export function pageSetHeaders(headers: HeaderList, preflightRequestHeaders: HeaderList | undefined): HeaderList {
  let any = false;
  for (let i = 0; i < headers.length; i++) {
    if (mayBeBrowserAdded(headers[i]![0])) {
      any = true;
      break;
    }
  }
  if (!any) return headers;
  const added = browserAdded(headers, preflightRequestHeaders);
  const kept = headers.filter(([name]) => !(mayBeBrowserAdded(name) && added(name)));
  return kept.length === headers.length ? headers : kept;
}

/** The exchange with only the request headers the page itself set (`pageSetHeaders`); itself when none is removed. */
export function withPageSetHeaders(exchange: ObservedExchange): ObservedExchange {
  const kept = pageSetHeaders(exchange.request.headers, exchange.hops[0]?.preflight?.requestHeaders);
  return kept === exchange.request.headers ? exchange : { ...exchange, request: { ...exchange.request, headers: kept } };
}
