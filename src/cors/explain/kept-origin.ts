// The origin a server already allows by a fixed Access-Control-Allow-Origin, kept by a fix that
// replaces its CORS settings. A server configured with one origin (`cors({ origin: 'https://app' })`,
// nginx's `add_header Access-Control-Allow-Origin https://app`) answers it to every request; a fix
// listing only the page's origin, put in its place, would lock that origin out.
// https://fetch.spec.whatwg.org/#http-access-control-allow-origin (one origin, `*` or `null`)
//
// A fixed value is told from an echo by the capture alone: a server that echoes the request's
// Origin (any Origin, or a listed one) answers each request with that request's own Origin, so its
// answers never name another; a value that differs from the Origin the request carried was not
// taken from it. Two things could still make an echo look fixed, and then nothing is kept: a cache's
// stored copy made for another request (a cache says so: Age, X-Cache: HIT, ...), and a server seen
// echoing or answering two different origins (it picks per request: whatever it answered a request
// from elsewhere may be another page's echo). Never `*` or `null` (no origin to list), never a
// value the browser could not match (a path, a trailing slash, a list: not a serialized origin),
// never an `http:` origin where the fix allows credentials (anyone on the network can pose as it).

import { cacheHitLines } from '../advisories.ts';
import type { ObservedExchange, ObservedResponse } from '../exchange.ts';
import { headerLinesJoined } from '../header-list.ts';
import { urlOrigin } from '../origin.ts';
import { isSerializedOrigin } from './snippet-values.ts';

/** What a server's answers show of its Access-Control-Allow-Origin values. */
export interface ServerOrigins {
  /**
   * The serialized http(s) origins it answered that differ from the request's Origin, first seen
   * first, each once; at most two (a second says it picks per request: nothing is kept).
   */
  fixed: string[];
  /** Whether an answer named the request's own Origin (an echo, or an allow-list's match). */
  echoed: boolean;
}

export function noServerOrigins(): ServerOrigins {
  return { fixed: [], echoed: false };
}

/** `b` added to `a` (in place): one server's answers to several requests. */
export function addServerOrigins(a: ServerOrigins, b: ServerOrigins): void {
  if (b.echoed) a.echoed = true;
  for (const o of b.fixed) addFixed(a, o);
}

function addFixed(into: ServerOrigins, origin: string): void {
  if (into.fixed.length < 2 && !into.fixed.includes(origin)) into.fixed.push(origin);
}

/**
 * The Access-Control-Allow-Origin values of `exchange`'s answers from the server of hop `hop` (that
 * hop and every other to the same origin, as `serverAllowsAt` reads them), against the Origin the
 * request carried: the page's origin, or `null` after a redirect to another origin.
 */
export function serverOriginsAt(exchange: ObservedExchange, hop: number): ServerOrigins {
  const out = noServerOrigins();
  const hops = exchange.hops;
  // One hop: no other to compare with its server (a big capture's usual case: no URL parsed).
  const server = hops.length === 1 ? null : urlOrigin(hops[hop]?.url ?? '');
  const pageOrigin = exchange.request.initiatorOrigin;
  // The Origin the request carried, read only once an answer names an origin.
  let originHeader: string | null | undefined;
  const add = (response: ObservedResponse | null | undefined): void => {
    if (response == null) return;
    const value = headerLinesJoined(response.headers, 'access-control-allow-origin');
    // `*` and `null` name no origin to list.
    if (value === null || value === '*' || value === 'null') return;
    if (value === pageOrigin || value === (originHeader ??= headerLinesJoined(exchange.request.headers, 'origin'))) {
      out.echoed = true;
      return;
    }
    // A stored copy may have been made for another request's Origin: not a fixed value. The
    // browser's own cache gave it (`fromCache`), or a cache on the way says so in its lines.
    if (response.fromCache === true || cacheHitLines(response.headers).length > 0) return;
    if (isSerializedHttpOrigin(value)) addFixed(out, value);
  };
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i]!;
    if (i !== hop && (server === null || urlOrigin(h.url) !== server)) continue;
    add(h.preflight?.response);
    add(h.response);
  }
  return out;
}

/**
 * `scheme://host[:port]` of http or https exactly as the URL Standard serializes an origin, with a
 * host of letters, digits, `-`, `_` and dots (or a bracketed IPv6), as a browser sends one. The URL
 * parser alone takes hosts no browser sends as an Origin (`*.example.com`, `a"b`, `a$b`): a browser
 * refused such a value, so it allowed no origin, and a library's origin list reads `*` as a pattern
 * (every subdomain, in IIS, S3, rs/cors, Laravel).
 */
function isSerializedHttpOrigin(value: string): boolean {
  return (value.startsWith('http://') || value.startsWith('https://')) && isSerializedOrigin(value) && urlOrigin(value) === value;
}

/**
 * The origins a fix keeps beside `pageOrigins`: the server's one fixed value, when it answered no
 * other and never its request's own Origin, is not a page origin already, and is not `http:` where
 * the fix allows credentials. Empty otherwise.
 */
export function keptOrigins(server: ServerOrigins, pageOrigins: readonly string[], credentials: boolean): string[] {
  if (server.echoed || server.fixed.length !== 1) return [];
  const origin = server.fixed[0]!;
  if (pageOrigins.includes(origin) || (credentials && origin.startsWith('http:'))) return [];
  return [origin];
}
