// Origins. https://html.spec.whatwg.org/multipage/browsers.html#origin
//
// The engine serializes origins from URL strings on every call, so this file scans strings
// instead of building URL objects: a plain `http(s)://host[:port]/...` URL costs one pass and one
// slice. Anything unusual (user info, upper case, an explicit default port, IPv6) goes through the
// slower general parser below, which follows the URL Standard's host/port rules closely enough for
// origin comparison (it does not IDNA-map hosts or parse IPv4 shorthands such as `127.1`).

import type { OriginDifference } from './diagnosis.ts';

/** The serialization of an opaque origin. https://html.spec.whatwg.org/#ascii-serialisation-of-an-origin */
export const OPAQUE_ORIGIN = 'null';

export interface UrlParts {
  /** Lower-case scheme, without `:`. */
  scheme: string;
  /** Host as written, brackets kept for IPv6; empty for non-special URLs. */
  host: string;
  /** Port as written (may be empty, may be the default port). */
  port: string;
  /** Whether the authority carried `user[:password]@`. */
  credentials: boolean;
  /** Everything after the authority (path, query, fragment). */
  rest: string;
}

// https://url.spec.whatwg.org/#special-scheme (the ones with a tuple origin)
function defaultPort(scheme: string): string | null {
  switch (scheme) {
    case 'http':
    case 'ws':
      return '80';
    case 'https':
    case 'wss':
      return '443';
    case 'ftp':
      return '21';
    default:
      return null;
  }
}

function isSchemeChar(code: number, first: boolean): boolean {
  const alpha = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (first) return alpha;
  return alpha || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e;
}

/**
 * Splits a URL string into the parts an origin is made of; null when it has no scheme.
 * https://url.spec.whatwg.org/#concept-basic-url-parser (scheme, authority and host states only).
 */
export function parseUrlParts(url: string): UrlParts | null {
  let i = 0;
  // Leading C0 control or space is stripped by the URL parser.
  while (i < url.length && url.charCodeAt(i) <= 0x20) i++;
  const schemeStart = i;
  while (i < url.length && url.charCodeAt(i) !== 0x3a /* : */) {
    if (!isSchemeChar(url.charCodeAt(i), i === schemeStart)) return null;
    i++;
  }
  if (i === schemeStart || i >= url.length) return null;
  const scheme = url.slice(schemeStart, i).toLowerCase();
  i++; // ':'
  if (defaultPort(scheme) === null && scheme !== 'file') {
    return { scheme, host: '', port: '', credentials: false, rest: url.slice(i) };
  }
  // Special schemes: any run of '/' or '\' starts the authority.
  while (i < url.length && (url.charCodeAt(i) === 0x2f || url.charCodeAt(i) === 0x5c)) i++;
  let end = i;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23) break;
    end++;
  }
  let authority = url.slice(i, end);
  let credentials = false;
  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    credentials = true;
    authority = authority.slice(at + 1);
  }
  let host: string;
  let port = '';
  if (authority.charCodeAt(0) === 0x5b /* [ */) {
    const close = authority.indexOf(']');
    if (close === -1) return { scheme, host: authority, port: '', credentials, rest: url.slice(end) };
    host = authority.slice(0, close + 1);
    if (authority.charCodeAt(close + 1) === 0x3a) port = authority.slice(close + 2);
  } else {
    const colon = authority.indexOf(':');
    host = colon === -1 ? authority : authority.slice(0, colon);
    if (colon !== -1) port = authority.slice(colon + 1);
  }
  return { scheme, host, port, credentials, rest: url.slice(end) };
}

// https://url.spec.whatwg.org/#forbidden-domain-code-point (plus '%' handling left out)
function isValidHostCode(code: number): boolean {
  if (code <= 0x20 || code === 0x7f) return false;
  switch (code) {
    case 0x23: // #
    case 0x2f: // /
    case 0x3a: // :
    case 0x3c: // <
    case 0x3e: // >
    case 0x3f: // ?
    case 0x40: // @
    case 0x5b: // [
    case 0x5c: // \
    case 0x5d: // ]
    case 0x5e: // ^
    case 0x7c: // |
    case 0x25: // %
      return false;
  }
  return true;
}

function isValidHost(host: string): boolean {
  if (host.length === 0) return false;
  if (host.charCodeAt(0) === 0x5b) {
    if (host.charCodeAt(host.length - 1) !== 0x5d) return false;
    for (let i = 1; i < host.length - 1; i++) {
      const c = host.charCodeAt(i);
      const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
      if (!hex && c !== 0x3a && c !== 0x2e) return false;
    }
    return true;
  }
  for (let i = 0; i < host.length; i++) if (!isValidHostCode(host.charCodeAt(i))) return false;
  return true;
}

/** Port digits without leading zeros; null when not a valid port (https://url.spec.whatwg.org/#port-state). */
function canonicalPort(port: string): string | null {
  if (port.length === 0) return '';
  let value = 0;
  for (let i = 0; i < port.length; i++) {
    const c = port.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
    value = value * 10 + (c - 0x30);
    if (value > 65535) return null;
  }
  return String(value);
}

// What each ASCII character is to the fast path: one table read per character of the host.
const FAST_OTHER = 0;
/** a-z . - _ */
const FAST_HOST = 1;
/** 0-9: host or port. */
const FAST_DIGIT = 2;
/** / ? #: the authority ends. */
const FAST_END = 3;
const FAST_COLON = 4;
const FAST_HOST_CHAR = new Uint8Array(0x80);
for (let c = 0x61; c <= 0x7a; c++) FAST_HOST_CHAR[c] = FAST_HOST;
FAST_HOST_CHAR[0x2e] = FAST_HOST;
FAST_HOST_CHAR[0x2d] = FAST_HOST;
FAST_HOST_CHAR[0x5f] = FAST_HOST;
for (let c = 0x30; c <= 0x39; c++) FAST_HOST_CHAR[c] = FAST_DIGIT;
FAST_HOST_CHAR[0x2f] = FAST_END;
FAST_HOST_CHAR[0x3f] = FAST_END;
FAST_HOST_CHAR[0x23] = FAST_END;
FAST_HOST_CHAR[0x3a] = FAST_COLON;

/** Fast path: `http://` or `https://`, then lower-case host chars, optional non-default port. */
function fastHttpOrigin(url: string): string | null {
  let i: number;
  let https: boolean;
  if (url.startsWith('http://')) {
    i = 7;
    https = false;
  } else if (url.startsWith('https://')) {
    i = 8;
    https = true;
  } else {
    return null;
  }
  const hostStart = i;
  let colon = -1;
  for (; i < url.length; i++) {
    const c = url.charCodeAt(i);
    const kind = c < 0x80 ? FAST_HOST_CHAR[c]! : FAST_OTHER;
    if (kind === FAST_HOST) {
      if (colon !== -1) return null;
      continue;
    }
    if (kind === FAST_DIGIT) continue;
    if (kind === FAST_END) break;
    if (kind === FAST_COLON && colon === -1) {
      colon = i;
      continue;
    }
    return null;
  }
  if (i === hostStart || colon === hostStart) return null;
  if (colon !== -1) {
    const portLength = i - colon - 1;
    // Empty port, leading zero, or the scheme's default port: let the general path canonicalize.
    if (portLength === 0 || portLength > 5 || url.charCodeAt(colon + 1) === 0x30) return null;
    if (portLength === 5 && url.slice(colon + 1, i) > '65535') return null;
    if (https ? portLength === 3 && url.startsWith('443', colon + 1) : portLength === 2 && url.startsWith('80', colon + 1)) {
      return null;
    }
  }
  return i === url.length ? url : url.slice(0, i);
}

/**
 * https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin of the
 * URL's origin: `scheme://host[:port]`, host lower-cased, default port dropped. `null` for an
 * opaque origin (data:, blob: without inner origin, unparsable input).
 */
export function serializeOrigin(url: string): string {
  const fast = fastHttpOrigin(url);
  if (fast !== null) return fast;
  if (url === OPAQUE_ORIGIN) return OPAQUE_ORIGIN;
  const parts = parseUrlParts(url);
  if (parts === null) return OPAQUE_ORIGIN;
  if (parts.scheme === 'blob') {
    // https://url.spec.whatwg.org/#concept-url-origin: a blob: URL's origin is its path's origin.
    const inner = serializeOrigin(parts.rest);
    return inner.startsWith('http:') || inner.startsWith('https:') ? inner : OPAQUE_ORIGIN;
  }
  const dflt = defaultPort(parts.scheme);
  if (dflt === null) return OPAQUE_ORIGIN;
  const host = parts.host.toLowerCase();
  if (!isValidHost(host)) return OPAQUE_ORIGIN;
  const port = canonicalPort(parts.port);
  if (port === null) return OPAQUE_ORIGIN;
  return parts.scheme + '://' + host + (port === '' || port === dflt ? '' : ':' + port);
}

/** https://html.spec.whatwg.org/multipage/browsers.html#same-origin — opaque origins match nothing here. */
export function isSameOrigin(a: string, b: string): boolean {
  return a !== OPAQUE_ORIGIN && a === b;
}

/** Lower-case scheme of a URL, or null when it has none. */
export function schemeOf(url: string): string | null {
  if (url.startsWith('http://')) return 'http';
  if (url.startsWith('https://')) return 'https';
  const parts = parseUrlParts(url);
  return parts === null ? null : parts.scheme;
}

/** https://fetch.spec.whatwg.org/#http-scheme */
export function isHttpScheme(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === 'http' || scheme === 'https';
}

/** https://url.spec.whatwg.org/#include-credentials: the URL has a username or password. */
export function urlIncludesCredentials(url: string): boolean {
  const parts = parseUrlParts(url);
  return parts !== null && parts.credentials;
}

/**
 * Whether Chromium's `GURL` would call the string a valid URL; Chromium reports
 * `InvalidAllowOriginValue` when it would not. A scheme is required, and special schemes need a
 * valid host and port.
 */
export function isParsableAsUrl(value: string): boolean {
  const parts = parseUrlParts(value);
  if (parts === null) return false;
  // Non-special URLs (`foo:bar`, `file:`) parse without a host.
  if (defaultPort(parts.scheme) === null) return true;
  return isValidHost(parts.host.toLowerCase()) && canonicalPort(parts.port) !== null;
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
  if (!isParsableAsUrl(allowOrigin)) {
    differences.push('invalid');
    return differences;
  }
  const allowed = parseUrlParts(allowOrigin);
  const actual = parseUrlParts(requestOrigin);
  if (allowed === null || actual === null) {
    differences.push('invalid');
    return differences;
  }
  const rawScheme = allowOrigin.slice(0, allowOrigin.indexOf(':'));
  if (allowed.scheme !== actual.scheme) differences.push('scheme');
  else if (rawScheme !== actual.scheme) differences.push('case');
  const allowedHost = allowed.host.toLowerCase();
  const actualHost = actual.host.toLowerCase();
  if (allowedHost !== actualHost) {
    const loopback =
      (allowedHost === 'localhost' && isLoopbackHost(actualHost)) ||
      (actualHost === 'localhost' && isLoopbackHost(allowedHost));
    differences.push(loopback ? 'localhost-vs-loopback' : 'host');
  } else if (allowed.host !== actual.host && !differences.includes('case')) {
    differences.push('case');
  }
  const dflt = defaultPort(allowed.scheme);
  const allowedPort = canonicalPort(allowed.port);
  const actualPort = canonicalPort(actual.port);
  const effective = (port: string | null, scheme: string) => (port === '' || port === null ? defaultPort(scheme) : port);
  if (effective(allowedPort, allowed.scheme) !== effective(actualPort, actual.scheme) || (allowed.port !== '' && allowedPort === dflt)) {
    // An explicit default port (`http://a.example:80`) never equals the serialized origin either.
    differences.push('port');
  }
  if (allowed.rest === '/') differences.push('trailing-slash');
  else if (allowed.rest.length > 0) differences.push('path');
  if (differences.length === 0) differences.push('invalid');
  return differences;
}
