// Values that are credentials by their header: cookies (names stay, they often matter for
// debugging), `Set-Cookie` (attributes stay), and authorization (a known scheme such as `Bearer`
// stays, it often explains a failure). Each returns the value unchanged when it holds nothing to
// take (empty, or already our placeholder), so redacting twice changes nothing.

import { isPlaceholder, placeholder, type SecretKind } from './redaction.ts';
import { redactHeaderNameShapes } from './redact-shapes.ts';

export interface Redacted {
  value: string;
  changed: boolean;
}

function holdsNothing(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || isPlaceholder(trimmed);
}

/**
 * A cookie's name with a credential's shape in it (`ghp_…`, `sk_live_…`, a JWT) replaced, as a
 * header name's is (`redactHeaderNameShapes`): a page can name a cookie after its token. Ordinary names stay.
 */
function cookieName(name: string): string {
  return redactHeaderNameShapes(name, [], 'cookie');
}

/** `name=value` → `name=REDACTED-...`; a value without a name goes whole. */
function redactPair(pair: string, kind: SecretKind): Redacted {
  const equals = pair.indexOf('=');
  const value = equals === -1 ? pair : pair.slice(equals + 1);
  const name = equals === -1 ? '' : pair.slice(0, equals);
  const shownName = cookieName(name);
  if (holdsNothing(value)) return shownName === name ? { value: pair, changed: false } : { value: `${shownName}=${value}`, changed: true };
  const lead = equals === -1 ? /^\s*/.exec(pair)![0] : `${shownName}=`;
  return { value: `${lead}${placeholder(kind)}`, changed: true };
}

/**
 * `Cookie`/`Cookie2`: every value, whatever separates the pairs (`;`, and `,` or a line break where
 * several headers were folded into one).
 */
export function redactCookieList(value: string, kind: SecretKind = 'cookie'): Redacted {
  let changed = false;
  const out = value
    .split(/([;,\r\n])/)
    .map((piece, i) => {
      if (i % 2 === 1) return piece;
      const redacted = redactPair(piece, kind);
      changed ||= redacted.changed;
      return redacted.value;
    })
    .join('');
  return { value: out, changed };
}

// https://httpwg.org/specs/rfc6265.html#sane-set-cookie-syntax and the attributes browsers added.
const COOKIE_ATTRIBUTES = new Set([
  'path', 'domain', 'expires', 'max-age', 'secure', 'httponly', 'samesite', 'priority', 'partitioned', 'sameparty',
  'version', 'comment', 'commenturl', 'discard', 'port',
]);
// `Expires=Wed, 21 Oct 2015 07:28:00 GMT`: the weekday's comma does not start another cookie.
const EXPIRES = /\s*expires\s*=\s*[A-Za-z]{3,9},\s*\d[^;,\r\n=]*(?=[;,\r\n]|$)/iy;
const SEPARATOR = /[;,\r\n]/g;

/**
 * `Set-Cookie`: the value of every cookie, however many lines were folded into one value (line
 * breaks, as Chromium's protocol joins them, or commas); known attributes stay, anything else after
 * a `;` is treated as another cookie. A known attribute goes through `attribute` (the header's
 * caller scans it for secrets by their shape: a token in `Path=/invite/<token>` or a `Comment`).
 */
export function redactSetCookie(value: string, attribute: (segment: string) => string = (segment) => segment): Redacted {
  let changed = false;
  let out = '';
  let position = 0;
  let cookieStarts = true;
  for (;;) {
    let end = -1;
    if (!cookieStarts) {
      EXPIRES.lastIndex = position;
      if (EXPIRES.exec(value) !== null) end = EXPIRES.lastIndex;
    }
    if (end === -1) {
      SEPARATOR.lastIndex = position;
      end = SEPARATOR.exec(value)?.index ?? value.length;
    }
    const segment = value.slice(position, end);
    const attributeName = segment.split('=', 1)[0]!.trim().toLowerCase();
    if (!cookieStarts && COOKIE_ATTRIBUTES.has(attributeName)) {
      // Not `changed`: that says a cookie's value went (a shape in an attribute is recorded apart).
      out += attribute(segment);
    } else {
      const redacted = redactPair(segment, 'set-cookie');
      changed ||= redacted.changed;
      out += redacted.value;
    }
    if (end >= value.length) return { value: out, changed };
    out += value[end];
    cookieStarts = value[end] !== ';';
    position = end + 1;
  }
}

// https://www.iana.org/assignments/http-authschemes/ and schemes common in APIs.
const AUTH_SCHEMES = new Set([
  'basic', 'bearer', 'digest', 'dpop', 'hoba', 'mutual', 'negotiate', 'ntlm', 'privatetoken', 'scram-sha-1', 'scram-sha-256', 'vapid',
  'aws4-hmac-sha256', 'token', 'oauth', 'apikey', 'hawk', 'kerberos', 'sharedkey', 'sharedkeylite', 'signature', 'gsspi', 'googlelogin',
]);
const SCHEME_THEN_CREDENTIALS = /^(\s*)([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(\s+)([\s\S]*)$/;

/** `Bearer abc` → `Bearer REDACTED-AUTHORIZATION`; an unknown first word is not kept (it may be the secret). */
export function redactAuthorization(value: string): Redacted {
  if (holdsNothing(value)) return { value, changed: false };
  const match = SCHEME_THEN_CREDENTIALS.exec(value);
  if (match !== null && AUTH_SCHEMES.has(match[2]!.toLowerCase())) {
    if (holdsNothing(match[4]!)) return { value, changed: false };
    return { value: `${match[1]}${match[2]}${match[3]}${placeholder('authorization')}`, changed: true };
  }
  return { value: placeholder('authorization'), changed: true };
}

/** A value under a sensitive name, redacted the way its kind needs (`attribute`: `redactSetCookie`'s). */
export function redactByKind(value: string, kind: SecretKind, attribute?: (segment: string) => string): Redacted {
  if (kind === 'authorization') return redactAuthorization(value);
  if (kind === 'cookie') return redactCookieList(value);
  if (kind === 'set-cookie') return redactSetCookie(value, attribute);
  if (holdsNothing(value)) return { value, changed: false };
  return { value: placeholder(kind), changed: true };
}
