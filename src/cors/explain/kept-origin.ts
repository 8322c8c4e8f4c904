// The origins a server already allows by a fixed Access-Control-Allow-Origin, kept by a fix that
// replaces its CORS settings. A server configured with one origin (`cors({ origin: 'https://app' })`,
// nginx's `add_header Access-Control-Allow-Origin https://app`) answers it to every request; a fix
// listing only the page's origin, put in its place, would lock that origin out. So does a server
// configured with a list in one value (Apache's `Header set Access-Control-Allow-Origin "https://a,
// https://b"`): the browser refuses every answer of it (several origins), but the list says which
// origins its owner meant to allow, and a fix that answers each request its own Origin when listed
// lets them all in.
// https://fetch.spec.whatwg.org/#http-access-control-allow-origin (one origin, `*` or `null`)
//
// A fixed value is told from an echo by the capture alone: a server that echoes the request's
// Origin (any Origin, or a listed one) answers each request with that request's own Origin, so its
// answers never name another; a value that differs from the Origin the request carried was not
// taken from it. Two things could still make an echo look fixed, and then nothing is kept: a cache's
// stored copy made for another request (a cache says so: Age, X-Cache: HIT, ...), and a server seen
// echoing or answering two different values (it picks per request: whatever it answered a request
// from elsewhere may be another page's echo). A list naming the request's own Origin among others is
// no echo (an echo is one value): that item is the page's origin, listed already. Never `*` or
// `null` (no origin to list), never a value the browser could not match (a path, a trailing slash,
// a pattern, a quote: not a serialized origin), never an `http:` origin where the fix allows
// credentials (anyone on the network can pose as it). A list's other items are counted, not kept
// (`leftOut`), and so are those past ORIGIN_LIST_LIMIT; the words say how many.

import { cacheHitLines } from '../advisories.ts';
import type { ObservedExchange, ObservedResponse } from '../exchange.ts';
import { headerLines, headerLinesJoined, trimHttpWhitespace } from '../header-list.ts';
import { urlOrigin } from '../origin.ts';
import { isSerializedOrigin } from './snippet-values.ts';

/** What a server's answers show of its Access-Control-Allow-Origin values. */
export interface ServerOrigins {
  /**
   * Its answers that named origins other than the request's Origin, each distinct one once (as a set
   * of origins), first seen first; at most two (a second says it picks per request: nothing is kept).
   */
  fixed: FixedAnswer[];
  /** Whether an answer was the request's own Origin alone (an echo, or an allow-list's match). */
  echoed: boolean;
}

/** One fixed Access-Control-Allow-Origin value: an origin, or a list of them in one line. */
interface FixedAnswer {
  /** Its serialized http(s) origins, each once, in its order (a list's first ORIGIN_LIST_LIMIT). */
  origins: string[];
  /** Whether the value was a list (the browser refuses it: several origins). */
  list: boolean;
  /** A list's items not in `origins`: no serialized http(s) origin (`*`, `null`, a pattern, a quote), or past the limit. */
  leftOut: number;
}

/**
 * At most this many origins are kept from a server's list. Each is written into every stack's
 * snippet (an nginx map line, an Apache SetEnvIf, a list item) and named in its note, for the
 * developer to check one by one; a list a developer wrote names a few (production, staging, an admin
 * site), and a capture's list of hundreds is more likely generated or hostile than reviewed. Past
 * it the rest are counted (`leftOut`) and the words say to add those that are theirs.
 */
export const ORIGIN_LIST_LIMIT = 8;

export function noServerOrigins(): ServerOrigins {
  return { fixed: [], echoed: false };
}

/** `b` added to `a` (in place): one server's answers to several requests. */
export function addServerOrigins(a: ServerOrigins, b: ServerOrigins): void {
  if (b.echoed) a.echoed = true;
  for (const answer of b.fixed) addFixed(a, answer);
}

/** `answer` added unless a known one names the same origins (order aside); at most two kept. */
function addFixed(into: ServerOrigins, answer: FixedAnswer): void {
  const key = answerKey(answer);
  const known = into.fixed.find((f) => answerKey(f) === key);
  if (known !== undefined) known.leftOut = Math.max(known.leftOut, answer.leftOut);
  else if (into.fixed.length < 2) into.fixed.push(answer);
}

function answerKey(answer: FixedAnswer): string {
  return [...answer.origins].sort().join(' ');
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
    const lines = headerLines(response.headers, 'access-control-allow-origin');
    // Two lines are two layers adding it (the words say to keep one), not a list its owner wrote.
    if (lines.length !== 1) return;
    const value = trimHttpWhitespace(lines[0]!);
    // `*` and `null` name no origin to list.
    if (value === '*' || value === 'null') return;
    if (value === pageOrigin || value === (originHeader ??= headerLinesJoined(exchange.request.headers, 'origin'))) {
      out.echoed = true;
      return;
    }
    // A stored copy may have been made for another request's Origin: not a fixed value. The
    // browser's own cache gave it (`fromCache`), or a cache on the way says so in its lines.
    if (response.fromCache === true || cacheHitLines(response.headers).length > 0) return;
    // https://fetch.spec.whatwg.org/#concept-cors-check step 4 as Chromium words it: a value
    // holding a space or a comma is several origins (MultipleAllowOriginValues).
    if (value.includes(',') || value.includes(' ')) {
      const answer = listAnswer(value);
      if (answer.origins.length > 0) addFixed(out, answer);
    } else if (isSerializedHttpOrigin(value)) {
      addFixed(out, { origins: [value], list: false, leftOut: 0 });
    }
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
 * A list's items (split at commas and spaces, as the browser's refusal reads it): the serialized
 * http(s) origins among them, each once and at most ORIGIN_LIST_LIMIT, and how many others.
 */
function listAnswer(value: string): FixedAnswer {
  const origins: string[] = [];
  let leftOut = 0;
  for (const item of value.split(/[ \t,]+/)) {
    if (item === '' || origins.includes(item)) continue;
    if (origins.length < ORIGIN_LIST_LIMIT && isSerializedHttpOrigin(item)) origins.push(item);
    else leftOut++;
  }
  return { origins, list: true, leftOut };
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

/** The origins a fix keeps of the server's own (`keptFromServer`), and where they came from. */
export interface KeptOrigins {
  origins: string[];
  /**
   * Set when they came from a list the server answered (the browser refused it): how many of its
   * items were left out (`FixedAnswer.leftOut`, and `http:` ones where the fix allows credentials).
   */
  list?: { leftOut: number };
}

/**
 * The origins a fix keeps beside `pageOrigins`: those of the server's one fixed answer (an origin,
 * or a list's), when it answered no other value and never its request's own Origin alone; not a page
 * origin already, and not `http:` where the fix allows credentials. None otherwise.
 */
export function keptFromServer(server: ServerOrigins, pageOrigins: readonly string[], credentials: boolean): KeptOrigins {
  if (server.echoed || server.fixed.length !== 1) return { origins: [] };
  const answer = server.fixed[0]!;
  const others = answer.origins.filter((o) => !pageOrigins.includes(o));
  const origins = credentials ? others.filter((o) => !o.startsWith('http:')) : others;
  if (!answer.list) return { origins };
  return { origins, list: { leftOut: answer.leftOut + others.length - origins.length } };
}

/** `keptFromServer`'s origins alone. */
export function keptOrigins(server: ServerOrigins, pageOrigins: readonly string[], credentials: boolean): string[] {
  return keptFromServer(server, pageOrigins, credentials).origins;
}
