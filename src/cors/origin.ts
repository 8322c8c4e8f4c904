// Origins. https://html.spec.whatwg.org/multipage/browsers.html#origin
//
// URLs are parsed by the URL Standard's own parser, the runtime's `URL` (see url.d.ts), so IDNA
// (`bücher.example`), IPv4 shorthands (`127.1`), IPv6 and percent-encoded hosts (`%41`) come out as
// browsers serialize them. The engine serializes an origin for every hop of every exchange, and
// `new URL` costs more than the rest of a verdict (`npm run bench`), so the usual form,
// `http(s)://host[:port]/...` with a lower-case ASCII host the parser keeps as written, is read by
// one scan instead. origin.property.test.ts checks the scan against the parser on generated URLs.

import type { OriginDifference } from './diagnosis.ts';
import type { ParsedUrl, UrlConstructor } from './url.d.ts';

/** The runtime's URL Standard parser (the `URL` global), typed as the engine uses it. */
declare const URL: UrlConstructor;

/** The serialization of an opaque origin. https://html.spec.whatwg.org/#ascii-serialisation-of-an-origin */
export const OPAQUE_ORIGIN = 'null';

/**
 * https://url.spec.whatwg.org/#concept-basic-url-parser, against `base` when given; null on failure
 * (relative without a base, no scheme, a bad host or port).
 */
export function parseUrl(url: string, base?: string): ParsedUrl | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

// https://url.spec.whatwg.org/#special-scheme (those with a default port)
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' };

// What each ASCII character is to the fast path: one table read per character of the host.
const FAST_OTHER = 0;
/** a-z . _ */
const FAST_HOST = 1;
/** 0-9: host or port. */
const FAST_DIGIT = 2;
/** / ? #: the authority ends. */
const FAST_END = 3;
const FAST_COLON = 4;
/** -: a host character, and the only one an `xn--` label needs. */
const FAST_DASH = 5;
const FAST_HOST_CHAR = new Uint8Array(0x80);
for (let c = 0x61; c <= 0x7a; c++) FAST_HOST_CHAR[c] = FAST_HOST;
FAST_HOST_CHAR[0x2e] = FAST_HOST;
FAST_HOST_CHAR[0x2d] = FAST_DASH;
FAST_HOST_CHAR[0x5f] = FAST_HOST;
for (let c = 0x30; c <= 0x39; c++) FAST_HOST_CHAR[c] = FAST_DIGIT;
FAST_HOST_CHAR[0x2f] = FAST_END;
FAST_HOST_CHAR[0x3f] = FAST_END;
FAST_HOST_CHAR[0x23] = FAST_END;
FAST_HOST_CHAR[0x3a] = FAST_COLON;

/**
 * The fast path: `http://` or `https://`, a host the parser keeps as written, an optional
 * non-default port, then the end or `/`, `?`, `#`. Null for anything else (the parser decides).
 */
export function fastHttpOrigin(url: string): string | null {
  const end = fastHttpOriginEnd(url);
  if (end === -1) return null;
  return end === url.length ? url : url.slice(0, end);
}

/**
 * Where `fastHttpOrigin(url)` ends in `url` (its origin is `url.slice(0, end)`), or -1 where it is
 * null: the origin found without building it, for a caller that only compares it in place.
 */
export function fastHttpOriginEnd(url: string): number {
  let i: number;
  let https: boolean;
  if (url.startsWith('http://')) {
    i = 7;
    https = false;
  } else if (url.startsWith('https://')) {
    i = 8;
    https = true;
  } else {
    return -1;
  }
  const hostStart = i;
  let colon = -1;
  let dash = false;
  for (; i < url.length; i++) {
    const c = url.charCodeAt(i);
    const kind = c < 0x80 ? FAST_HOST_CHAR[c]! : FAST_OTHER;
    if (kind === FAST_HOST) {
      if (colon !== -1) return -1;
      continue;
    }
    if (kind === FAST_DASH) {
      if (colon !== -1) return -1;
      dash = true;
      continue;
    }
    if (kind === FAST_DIGIT) continue;
    if (kind === FAST_END) break;
    if (kind === FAST_COLON && colon === -1) {
      colon = i;
      continue;
    }
    return -1;
  }
  if (i === hostStart || colon === hostStart) return -1;
  if (!keepsHostAsWritten(url, hostStart, colon === -1 ? i : colon, dash)) return -1;
  if (colon !== -1) {
    const portLength = i - colon - 1;
    // Empty port, leading zero, or the scheme's default port: let the general path canonicalize.
    if (portLength === 0 || portLength > 5 || url.charCodeAt(colon + 1) === 0x30) return -1;
    if (portLength === 5 && url.slice(colon + 1, i) > '65535') return -1;
    if (https ? portLength === 3 && url.startsWith('443', colon + 1) : portLength === 2 && url.startsWith('80', colon + 1)) {
      return -1;
    }
  }
  return i;
}

// The origins `fastHttpOrigin` found last: a capture's URLs come from a few origins, again and
// again, and a URL that starts with one of them, followed by the end or `/`, `?`, `#`, has that
// origin (the scan would read the same characters and stop at the same place). Each origin is kept
// in the slot its host's first characters pick, so a URL is compared with one candidate, and the
// one kept is returned: the caller compares it with others by `===`.
//
// How they are kept and compared is for V8 (node 20), measured on the verdict's mix
// (bench/verdict.ts): `url.slice(0, end)` is a string that reads through the URL it was cut from,
// which every comparison then unpacks, and a character loop costs ~3-4 ns a character either way
// (~100 ns an origin, a fifth of a verdict without a preflight); a flat, interned copy
// (`flatString`) compared natively (`startsWithOrigin`) costs ~25-40 ns, and two interned strings
// compare by reference.
const ORIGIN_SLOTS = 64;
const recentOrigins: string[] = new Array<string>(ORIGIN_SLOTS).fill('');

/** The slot of the origin `url` may start with: its scheme's length and its host's first characters (NaN past the end: slot 0). */
function originSlot(url: string): number {
  const host = url.charCodeAt(4) === 0x3a /* http: */ ? 7 : 8;
  return (url.charCodeAt(host) * 7 + url.charCodeAt(host + 1) * 3 + url.charCodeAt(host + 2) + host) & (ORIGIN_SLOTS - 1);
}

/**
 * `value`, as one flat string of its own that the engine holds once (a property key: V8 interns
 * it): comparisons read it directly, and `===` between two such strings compares references. For
 * strings kept and compared again and again (the origins above, the page's origin), never for
 * every header.
 */
export function flatString(value: string): string {
  return Object.keys({ [value]: 0 })[0]!;
}

/** `fastHttpOrigin(url)`, answered from the origins found last when one of them starts `url`. */
export function recentHttpOrigin(url: string): string | null {
  const slot = originSlot(url);
  const origin = recentOrigins[slot]!;
  const end = origin.length;
  // The character after the origin first (one read), then the whole origin at position 0.
  if (end !== 0 && url.length >= end && (end === url.length || isOriginEnd(url.charCodeAt(end))) && startsWithOrigin(url, origin)) return origin;
  const found = fastHttpOrigin(url);
  if (found === null) return null;
  const kept = flatString(found);
  recentOrigins[slot] = kept;
  return kept;
}

/**
 * Whether `url` starts with `origin`. `indexOf` is the fastest native comparison here (~25 ns an
 * origin; `lastIndexOf(origin, 0)` ~40, `startsWith` ~80), but it searches on past position 0 when
 * the URL does not start with it: a long URL is compared by `lastIndexOf`, which looks at 0 only.
 */
function startsWithOrigin(url: string, origin: string): boolean {
  return url.length <= SEARCHED_URL_LENGTH ? url.indexOf(origin) === 0 : url.lastIndexOf(origin, 0) === 0;
}
const SEARCHED_URL_LENGTH = 256;

/** `/`, `?` or `#`: what may follow an origin in a URL of the usual form. */
function isOriginEnd(code: number): boolean {
  return code === 0x2f || code === 0x3f || code === 0x23;
}

/** Digits only, or `0x`: the URL parser reads such a last label as a number, making the host IPv4. */
function looksLikeNumber(url: string, start: number, end: number): boolean {
  if (end - start >= 2 && url.charCodeAt(start) === 0x30 && url.charCodeAt(start + 1) === 0x78) return true;
  for (let i = start; i < end; i++) {
    const c = url.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return end > start;
}

/** `a.b.c.d`, each 0-255 without leading zeros: an IPv4 address as the URL Standard serializes it. */
function isDottedQuad(url: string, start: number, end: number): boolean {
  let parts = 0;
  let i = start;
  while (i < end) {
    let value = 0;
    const partStart = i;
    while (i < end && url.charCodeAt(i) !== 0x2e) {
      const c = url.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return false;
      value = value * 10 + (c - 0x30);
      i++;
    }
    const length = i - partStart;
    if (length === 0 || length > 3 || value > 255 || (length > 1 && url.charCodeAt(partStart) === 0x30)) return false;
    parts++;
    if (i < end) {
      i++;
      if (i === end) return false; // a trailing dot: the parser drops it
    }
  }
  return parts === 4;
}

/**
 * Whether the URL parser keeps this host (lower-case ASCII domain characters) exactly as written:
 * no label starts with `xn--` (punycode, which the parser decodes and checks), and the last label
 * is not a number (which makes the host an IPv4 address, `127.1` → `127.0.0.1`), unless the host is
 * already a canonical dotted quad. https://url.spec.whatwg.org/#concept-host-parser
 */
function keepsHostAsWritten(url: string, start: number, end: number, hasDash: boolean): boolean {
  // A label starting with `xn--`, looked for in the host alone (not in the path after it), and
  // only when the host has a `-` at all.
  let labelStart = start;
  for (let i = start; hasDash && i <= end; i++) {
    if (i < end && url.charCodeAt(i) !== 0x2e) continue;
    if (i - labelStart >= 4 && url.startsWith('xn--', labelStart)) return false;
    labelStart = i + 1;
  }
  // https://url.spec.whatwg.org/#ends-in-a-number-checker: the last label, a trailing dot aside.
  let lastEnd = end;
  if (lastEnd - start > 1 && url.charCodeAt(lastEnd - 1) === 0x2e) lastEnd--;
  let lastStart = lastEnd;
  while (lastStart > start && url.charCodeAt(lastStart - 1) !== 0x2e) lastStart--;
  return !looksLikeNumber(url, lastStart, lastEnd) || isDottedQuad(url, start, end);
}

/**
 * https://url.spec.whatwg.org/#concept-url-origin, serialized
 * (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin):
 * `scheme://host[:port]`, or `null` for an opaque origin (data:, file:, blob: of an opaque origin).
 * Null (no origin at all) when `url` is not a valid absolute URL.
 */
export function urlOrigin(url: string): string | null {
  const fast = fastHttpOrigin(url);
  if (fast !== null) return fast;
  const parsed = parseUrl(url);
  return parsed === null ? null : parsed.origin;
}

/** `urlOrigin`, with an invalid URL's origin taken as opaque. */
export function serializeOrigin(url: string): string {
  return urlOrigin(url) ?? OPAQUE_ORIGIN;
}

/** https://html.spec.whatwg.org/multipage/browsers.html#same-origin — opaque origins match nothing here. */
export function isSameOrigin(a: string, b: string): boolean {
  return a !== OPAQUE_ORIGIN && a === b;
}

/** The URL's scheme (lower-case, without `:`), or null when it is not a valid URL. */
export function schemeOf(url: string): string | null {
  if (fastHttpOrigin(url) !== null) return url.charCodeAt(4) === 0x73 /* s */ ? 'https' : 'http';
  const parsed = parseUrl(url);
  return parsed === null ? null : parsed.protocol.slice(0, -1);
}

/**
 * `schemeOf` for a URL already known to be valid (its origin was read): a URL written from
 * `http:` or `https:` has that scheme (the parser strips nothing before a letter), so the usual
 * case is read off its start instead of scanned again.
 */
export function schemeOfValidUrl(url: string): string | null {
  if (url.startsWith('https:')) return 'https';
  if (url.startsWith('http:')) return 'http';
  return schemeOf(url);
}

/** https://fetch.spec.whatwg.org/#http-scheme, for a scheme already read (null: not a URL). */
export function isHttpSchemeName(scheme: string | null): boolean {
  return scheme === 'http' || scheme === 'https';
}

/** https://url.spec.whatwg.org/#include-credentials: the URL has a username or password. */
export function urlIncludesCredentials(url: string): boolean {
  // Credentials are written before an `@`: without one there are none, and nothing to parse.
  if (url.indexOf('@') === -1) return false;
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.username !== '' || parsed.password !== '');
}

/**
 * Whether the value parses as a URL, which is how Chromium (`GURL::is_valid`) decides between
 * `InvalidAllowOriginValue` and `AllowOriginMismatch`.
 */
export function isParsableAsUrl(value: string): boolean {
  return fastHttpOrigin(value) !== null || parseUrl(value) !== null;
}

/** An origin-like value as written: scheme, host and port as typed, and whatever follows them. */
interface Written {
  scheme: string;
  host: string;
  port: string;
  rest: string;
}

/** Splits `value` where the URL parser would, without normalizing anything (for describing it). */
function asWritten(value: string): Written {
  const colon = value.indexOf(':');
  let i = colon + 1;
  while (value.charCodeAt(i) === 0x2f || value.charCodeAt(i) === 0x5c) i++;
  let end = i;
  while (end < value.length && !'/\\?#'.includes(value[end]!)) end++;
  const at = value.lastIndexOf('@', end - 1);
  const authority = value.slice(at >= i ? at + 1 : i, end);
  const close = authority.startsWith('[') ? authority.indexOf(']') : -1;
  const portColon = authority.indexOf(':', close + 1);
  return {
    scheme: value.slice(0, colon),
    host: portColon === -1 ? authority : authority.slice(0, portColon),
    port: portColon === -1 ? '' : authority.slice(portColon + 1),
    rest: value.slice(end),
  };
}

function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '[::1]';
}

/**
 * How `Access-Control-Allow-Origin` differs from the origin the browser compared it with. Empty when
 * they are equal. Several differences can hold at once (`HTTP://Localhost:80/` differs in case,
 * host, trailing slash...). Only used on the failure path.
 */
export function originDifferences(allowOrigin: string, requestOrigin: string): OriginDifference[] {
  const differences: OriginDifference[] = [];
  if (allowOrigin === requestOrigin) return differences;
  if (allowOrigin.indexOf(',') !== -1) {
    differences.push('list');
    return differences;
  }
  if (allowOrigin.indexOf(' ') !== -1 || allowOrigin.indexOf('\t') !== -1) {
    const pieces = allowOrigin.split(/[ \t]+/).filter((piece) => piece.length > 0);
    differences.push(pieces.length > 1 ? 'list' : 'whitespace');
    return differences;
  }
  if (allowOrigin === OPAQUE_ORIGIN || requestOrigin === OPAQUE_ORIGIN) {
    differences.push('null');
    return differences;
  }
  const allowed = parseUrl(allowOrigin);
  const actual = parseUrl(requestOrigin);
  // Not a URL, or a URL without a tuple origin (`foo:bar`, `file:///`): not an origin at all.
  if (allowed === null || actual === null || allowed.origin === OPAQUE_ORIGIN) {
    differences.push('invalid');
    return differences;
  }
  const written = asWritten(allowOrigin);
  if (allowed.protocol !== actual.protocol) differences.push('scheme');
  else if (written.scheme + ':' !== allowed.protocol) differences.push('case');
  if (allowed.hostname !== actual.hostname) {
    const loopback =
      (allowed.hostname === 'localhost' && isLoopbackHost(actual.hostname)) || (actual.hostname === 'localhost' && isLoopbackHost(allowed.hostname));
    differences.push(loopback ? 'localhost-vs-loopback' : 'host');
  } else if (written.host !== allowed.hostname && written.host.toLowerCase() === allowed.hostname && !differences.includes('case')) {
    differences.push('case');
  }
  const effectivePort = (url: ParsedUrl): string => url.port || (DEFAULT_PORTS[url.protocol] ?? '');
  if (effectivePort(allowed) !== effectivePort(actual)) differences.push('port');
  // An explicit default port (`https://a.example:443`) names the same port, but the serialized
  // origin leaves it out, so the byte comparison still fails: its own difference, its own words.
  else if (written.port !== '' && allowed.port === '') differences.push('default-port');
  if (written.rest === '/') differences.push('trailing-slash');
  else if (written.rest.length > 0) differences.push('path');
  if (differences.length === 0) differences.push('invalid');
  return differences;
}

/**
 * Whether the URL's host is an IPv4 or IPv6 address rather than a name, as the URL parser reads it
 * (https://url.spec.whatwg.org/#concept-host-parser): `http://127.1`, `http://0x7f.0.0.1` and
 * `http://2130706433` are all 127.0.0.1, which the URL's text alone does not say. Firefox's preflight
 * cache misses at such a host at first (`BrowserRules.preflightCacheIpLiteralMisses`).
 */
export function hasIpLiteralHost(url: string): boolean {
  const host = parseUrl(url)?.hostname ?? '';
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}
