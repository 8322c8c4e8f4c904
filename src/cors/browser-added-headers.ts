// Headers the browser adds to a request after deciding whether it needs a preflight, which a
// capture (a HAR, webRequest, the DevTools protocol) shows among the page's own headers.
//
// https://fetch.spec.whatwg.org/#http-network-or-cache-fetch: when the cache mode is "no-store" or
// "reload" (`fetch(url, {cache: 'no-store'})`, a hard reload), the browser appends
// `Cache-Control: no-cache` and `Pragma: no-cache` to the request. That happens long after main fetch
// decided on the preflight (https://fetch.spec.whatwg.org/#main-fetch), so they never make a request
// "non-simple", and the preflight's `Access-Control-Request-Headers` never names them. Counting them
// as the page's would report a preflight that was never needed, or blame the server for not allowing
// a header the page never set.

import type { HeaderList, ObservedExchange } from './exchange.ts';
import { nameIs } from './header-list.ts';

function isCacheBypassHeader(name: string): boolean {
  return (name.length === 13 && nameIs(name, 'cache-control')) || (name.length === 6 && nameIs(name, 'pragma'));
}

/** `Access-Control-Request-Headers` of the observed preflight, as lower-case names; null when absent. */
function requestedHeaderNames(preflightHeaders: HeaderList): Set<string> | null {
  let names: Set<string> | null = null;
  for (const [name, value] of preflightHeaders) {
    if (name.length !== 30 || !nameIs(name, 'access-control-request-headers')) continue;
    names ??= new Set();
    for (const part of value.split(',')) {
      const trimmed = part.trim().toLowerCase();
      if (trimmed !== '') names.add(trimmed);
    }
  }
  return names;
}

/**
 * Whether the `Cache-Control`/`Pragma` lines of `headers` were added by the browser rather than set by
 * the page:
 * 1. When hop 0's preflight was observed, the browser's own list of the page's unsafe headers is its
 *    `Access-Control-Request-Headers`: a cache-bypass header it does not name was added afterwards.
 * 2. Without a preflight, exactly the pair the browser adds (`Cache-Control: no-cache` and
 *    `Pragma: no-cache`) is taken as the browser's: a page that set them itself would have needed a
 *    preflight, and none was sent.
 */
function browserAddedCacheHeaders(headers: HeaderList, preflightHeaders: HeaderList | undefined): (name: string) => boolean {
  if (preflightHeaders !== undefined) {
    const requested = requestedHeaderNames(preflightHeaders) ?? new Set<string>();
    return (name) => !requested.has(name.toLowerCase());
  }
  let cacheControl = false;
  let pragma = false;
  for (const [name, value] of headers) {
    if (!isCacheBypassHeader(name)) continue;
    if (value.trim().toLowerCase() !== 'no-cache') return () => false;
    if (name.length === 6) pragma = true;
    else cacheControl = true;
  }
  return cacheControl && pragma ? () => true : () => false;
}

/**
 * The exchange with the request headers the page itself set (plus the browser's forbidden ones, which
 * the rules skip anyway). Returns `exchange` itself when there is nothing to remove, so the common case
 * allocates nothing.
 */
export function withPageSetHeaders(exchange: ObservedExchange): ObservedExchange {
  const headers = exchange.request.headers;
  let any = false;
  for (let i = 0; i < headers.length; i++) {
    if (isCacheBypassHeader(headers[i]![0])) {
      any = true;
      break;
    }
  }
  if (!any) return exchange;
  const added = browserAddedCacheHeaders(headers, exchange.hops[0]?.preflight?.requestHeaders);
  const kept = headers.filter(([name]) => !(isCacheBypassHeader(name) && added(name)));
  if (kept.length === headers.length) return exchange;
  return { ...exchange, request: { ...exchange.request, headers: kept } };
}
