// Secrets in free text and in URLs: the tolerant scan every value without a known structure goes
// through (header values, bodies that are not JSON/XML/form/multipart, JSON string values, query
// values, notes). The two functions call each other because each holds the other: a URL inside a
// header value, a JSON document inside a query value.
//
// In text, in this order: JWTs by structure (`jwt.ts`); absolute URLs (`scheme://...`), redacted
// as URLs; `name=value` and `name: value` pairs (quoted or not, JSON, JSON escaped inside a JSON
// string) whose name is sensitive (`sensitive-name.ts`), the whole value going, including a quoted
// string, a bracketed object or array, or for authorization and cookie names the rest of the line;
// then random-looking runs (`opaque-token.ts`).
//
// In a URL, byte for byte everywhere else: `user:password@` (when the parser would see a username
// or a password); each query and fragment parameter (a sensitive name loses its value, any other
// value is scanned as text after percent-decoding, and re-encoded only if something was taken out);
// each path segment scanned as text. Scheme, host and port never change, so the URL's origin (all
// CORS compares) stays the same.

import { redactByKind, type Redacted } from './redact-credentials.ts';
import { MIN_OPAQUE_LENGTH } from './opaque-token.ts';
import { redactJwts, redactOpaqueTokens } from './redact-shapes.ts';
import { isPlaceholder, placeholder, record, within, type Redaction, type SecretKind } from './redaction.ts';
import { sensitiveNameKind } from './sensitive-name.ts';

export interface TextOptions {
  /** Look for random-looking runs too (off for values such as ETags and request ids). */
  opaque?: boolean;
}

// URLs inside values inside URLs...: past this depth a value is redacted whole rather than followed,
// which keeps hostile input from exhausting the stack.
const MAX_DEPTH = 8;

interface Scan {
  found: Redaction[];
  depth: number;
}

/** Secrets in free text replaced by placeholders; `where` prefixes each record (`x-debug`, `note`). */
export function redactText(text: string, found: Redaction[], where: string, options: TextOptions = {}): string {
  return scanText(text, { found, depth: 0 }, where, options.opaque !== false);
}

/** A URL (absolute or relative) with its credentials, secret parameters and random parts redacted. */
export function redactUrl(url: string, found: Redaction[] = [], where = ''): string {
  return scanUrl(url, { found, depth: 0 }, where);
}

function deeper(scan: Scan): Scan | null {
  return scan.depth >= MAX_DEPTH ? null : { found: scan.found, depth: scan.depth + 1 };
}

function tooDeep(text: string, scan: Scan, where: string): string {
  if (text.trim() === '' || isPlaceholder(text)) return text;
  record(scan.found, 'secret', where);
  return placeholder('secret');
}

// ---------------------------------------------------------------------------------------------
// Text

// Every rule needs one of these: a pair its `=` or `:`, a URL its `:`, a JWT its dots.
const TRIGGER = /[=:.]/;

function scanText(text: string, outer: Scan, where: string, opaque: boolean): string {
  // Most values (header values, JSON strings) hold none of it: nothing to scan.
  if (!TRIGGER.test(text) && (!opaque || text.length < MIN_OPAQUE_LENGTH)) return text;
  const scan = deeper(outer);
  if (scan === null) return tooDeep(text, outer, where);
  const withoutJwts = redactJwts(text, scan.found, where || 'jwt');
  return scanPairsAndUrls(withoutJwts, scan, where, opaque);
}

interface Span {
  start: number;
  end: number;
}

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const ALPHA = /[A-Za-z]/;
// Where a URL written in text ends: white space, quotes, angle brackets and the like.
const URL_END = /[\s<>"'`{}|\\^\u0000-\u001f\u007f]/;
const TRAILING_PUNCTUATION = '.,;:!?)]';

/** Absolute URLs (`scheme://...`) in `text`, in order. Linear: found from each `://`. */
export function findUrls(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (;;) {
    const colon = text.indexOf('://', from);
    if (colon === -1) return spans;
    let start = colon;
    while (start > from && colon - start < 32 && SCHEME_CHAR.test(text[start - 1]!)) start--;
    while (start < colon && !ALPHA.test(text[start]!)) start++;
    let end = colon + 3;
    while (end < text.length && !URL_END.test(text[end]!)) end++;
    while (end > colon + 3 && TRAILING_PUNCTUATION.includes(text[end - 1]!)) end--;
    if (start < colon) spans.push({ start, end });
    from = Math.max(end, colon + 3);
  }
}

const NAME_CHAR = /[A-Za-z0-9_.$[\]-]/;
const MAX_NAME = 128;

/** The name written just before a `=` or `:` at `separator`: `password`, `"password"`, `\"pin\"`. */
function nameBefore(text: string, separator: number, floor: number): string | null {
  let j = separator - 1;
  while (j >= floor && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j >= floor && (text[j] === '"' || text[j] === "'")) {
    j--;
    if (j >= floor && text[j] === '\\') j--;
  }
  const end = j + 1;
  while (j >= floor && end - j <= MAX_NAME && NAME_CHAR.test(text[j]!)) j--;
  if (end - j > MAX_NAME) return null;
  return end === j + 1 ? null : text.slice(j + 1, end);
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** The index after the closing `quote`, honouring backslash escapes; the text's end if unclosed. */
function afterQuoted(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

/** The index after the bracket that closes the one at `open`; the text's end if unclosed. */
function afterBracketed(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = afterQuoted(text, i, c) - 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

const BARE_END = /[\s,;&}\])<>"'\\]/;
const LINE_END = /[\r\n]/g;

/** Where the value that starts at `start` ends. */
function valueEnd(text: string, start: number, kind: SecretKind): number {
  if (start >= text.length) return start;
  const c = text[start]!;
  if (c === '"' || c === "'") return afterQuoted(text, start, c);
  if (c === '\\' && text[start + 1] === '"') {
    const close = text.indexOf('\\"', start + 2);
    return close === -1 ? text.length : close + 2;
  }
  if (c === '{' || c === '[') return afterBracketed(text, start);
  if (kind === 'authorization' || kind === 'cookie' || kind === 'set-cookie') {
    // `Authorization: Bearer abc`, `Cookie: a=1; b=2`: the rest of the line.
    LINE_END.lastIndex = start;
    return LINE_END.exec(text)?.index ?? text.length;
  }
  let end = start;
  while (end < text.length && !BARE_END.test(text[end]!)) end++;
  return end;
}

/** A value as written after its name: quotes (also `\\"` inside a JSON string) stay around the placeholder. */
function redactQuotedValue(value: string, kind: SecretKind): Redacted {
  let open = '';
  if (value.startsWith('\\"')) open = '\\"';
  else if (value.startsWith('"') || value.startsWith("'")) open = value[0]!;
  let inner = value.slice(open.length);
  const close = open !== '' && inner.length >= open.length && inner.endsWith(open) ? open : '';
  inner = inner.slice(0, inner.length - close.length);
  const redacted = redactByKind(inner, kind);
  return { value: `${open}${redacted.value}${close}`, changed: redacted.changed };
}

function scanPairsAndUrls(text: string, scan: Scan, where: string, opaque: boolean): string {
  const urls = findUrls(text);
  const separators = /[=:]/g;
  let out = '';
  let last = 0;
  let u = 0;
  const emitGap = (end: number): void => {
    const gap = text.slice(last, end);
    out += opaque ? redactOpaqueTokens(gap, scan.found, where || 'text') : gap;
    last = end;
  };
  let i = 0;
  while (i < text.length) {
    separators.lastIndex = i;
    const next = separators.exec(text)?.index ?? text.length;
    const url = urls[u];
    if (url !== undefined && url.start <= next) {
      emitGap(url.start);
      out += scanUrl(text.slice(url.start, url.end), scan, where);
      i = last = url.end;
      u++;
      continue;
    }
    if (next === text.length) break;
    i = next + 1;
    const name = nameBefore(text, next, last);
    const kind = name === null ? null : sensitiveNameKind(name);
    if (kind === null) continue;
    const start = skipBlanks(text, next + 1);
    let end = valueEnd(text, start, kind);
    // A URL that starts inside the value goes with it.
    while (u < urls.length && urls[u]!.start < end) end = Math.max(end, urls[u++]!.end);
    const redacted = redactQuotedValue(text.slice(start, end), kind);
    if (!redacted.changed) continue;
    emitGap(start);
    out += redacted.value;
    record(scan.found, kind, within(where, name!));
    i = last = end;
  }
  emitGap(text.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// URLs

// https://url.spec.whatwg.org/#special-scheme: `\` ends the authority too, and slashes are optional.
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);
const SCHEME = /^[\u0000-\u0020]*([A-Za-z][A-Za-z0-9+.-]*):/;

/** Whether the URL parser would give this userinfo a username or a password (`:` alone gives neither). */
function hasCredentials(userinfo: string): boolean {
  const stripped = userinfo.replace(/[\t\n\r]/g, '');
  return stripped !== '' && stripped !== ':';
}

function scanUrl(url: string, outer: Scan, where: string): string {
  const scan = deeper(outer);
  if (scan === null) return tooDeep(url, outer, where);
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  let out = scanUrlBase(base, scan, where);
  if (queryAt !== -1) out += `?${scanParameters(beforeHash.slice(queryAt + 1), scan, within(where, 'query'))}`;
  if (hashAt !== -1) out += `#${scanFragment(url.slice(hashAt + 1), scan, where)}`;
  return out;
}

/** Scheme, authority and path: userinfo redacted, host kept, path segments scanned. */
function scanUrlBase(base: string, scan: Scan, where: string): string {
  const scheme = SCHEME.exec(base);
  let special = true;
  let authorityStart = -1;
  let pathStart = 0;
  if (scheme !== null) {
    special = SPECIAL_SCHEMES.has(scheme[1]!.toLowerCase());
    let j = scheme[0].length;
    while (j < base.length && (base[j] === '/' || (special && base[j] === '\\'))) j++;
    if (special || j - scheme[0].length >= 2) authorityStart = j;
    else pathStart = scheme[0].length;
  } else if (base.startsWith('//')) {
    authorityStart = 2;
  }
  let head = base.slice(0, pathStart);
  if (authorityStart !== -1) {
    let end = authorityStart;
    while (end < base.length && base[end] !== '/' && !(special && base[end] === '\\')) end++;
    const authority = base.slice(authorityStart, end);
    const at = authority.lastIndexOf('@');
    head = base.slice(0, end);
    if (at !== -1 && hasCredentials(authority.slice(0, at))) {
      if (!isPlaceholder(authority.slice(0, at))) record(scan.found, 'authorization', within(where, 'url-userinfo'));
      head = `${base.slice(0, authorityStart)}${placeholder('authorization')}${authority.slice(at)}`;
    }
    pathStart = end;
  }
  return head + scanPath(base.slice(pathStart), scan, within(where, 'url-path'));
}

function scanPath(path: string, scan: Scan, where: string): string {
  return path
    .split('/')
    .map((segment) => scanText(segment, scan, where, true))
    .join('/');
}

function scanFragment(fragment: string, scan: Scan, where: string): string {
  const fragmentWhere = within(where, 'fragment');
  // SPA routes: `#/callback?access_token=...`.
  const question = fragment.indexOf('?');
  if (question !== -1) {
    return `${scanPath(fragment.slice(0, question), scan, fragmentWhere)}?${scanParameters(fragment.slice(question + 1), scan, fragmentWhere)}`;
  }
  if (fragment.includes('=')) return scanParameters(fragment, scan, fragmentWhere);
  return scanPath(fragment, scan, fragmentWhere);
}

/** `%41` → `A`, leaving malformed escapes (and bytes that are not UTF-8) as they are. */
export function decodeLoosely(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return decodeRunLoosely(run);
    }
  });
}

/** A run of escapes with a bad one inside: each character (one to four escapes) that decodes. */
function decodeRunLoosely(run: string): string {
  let out = '';
  for (let i = 0; i < run.length; ) {
    let step = 3;
    let decoded = run.slice(i, i + 3);
    for (let bytes = 4; bytes >= 1; bytes--) {
      try {
        decoded = decodeURIComponent(run.slice(i, i + bytes * 3));
        step = bytes * 3;
        break;
      } catch {
        // Fewer bytes, down to leaving this escape as written.
      }
    }
    out += decoded;
    i += step;
  }
  return out;
}

/**
 * `a=1&b=2` (a query, a fragment, or a form body): a sensitive name loses its value; any other value
 * is scanned as written and after decoding. `where` is the prefix (`query`, `fragment`, `body`). In a
 * URL the placeholder says `QUERY-SECRET`, as it always has; in a body it names the kind.
 */
export function redactParameters(parameters: string, found: Redaction[], where: string): string {
  return scanParameters(parameters, { found, depth: 0 }, where, false);
}

function scanParameters(parameters: string, scan: Scan, where: string, inUrl = true): string {
  return parameters
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1) return scanEncoded(pair, scan, where);
      // A name is not a secret, unless it is shaped like one (a JWT, a random token).
      const rawName = scanEncoded(pair.slice(0, equals), scan, where);
      const name = decodeLoosely(rawName.replace(/\+/g, ' '));
      const value = pair.slice(equals + 1);
      const kind = sensitiveNameKind(name);
      const fieldWhere = within(where, name);
      if (kind === null) return `${rawName}=${scanEncoded(value, scan, fieldWhere)}`;
      // Line breaks after the value (a form body's last line) stay: they are not part of it.
      let secretEnd = value.length;
      while (secretEnd > 0 && (value[secretEnd - 1] === '\n' || value[secretEnd - 1] === '\r')) secretEnd--;
      const trailing = value.slice(secretEnd);
      const secret = value.slice(0, value.length - trailing.length);
      if (secret.trim() === '' || isPlaceholder(decodeLoosely(secret).trim())) return pair;
      const shown = inUrl ? 'query-secret' : kind;
      record(scan.found, shown, fieldWhere);
      return `${rawName}=${placeholder(shown)}${trailing}`;
    })
    .join('&');
}

/**
 * A percent-encoded value: scanned as written (base64 with a literal `+`), then decoded (a URL or
 * JSON inside a parameter, encoded once or twice); re-encoded only when a secret came out.
 */
function scanEncoded(raw: string, scan: Scan, where: string, decodings = 2): string {
  const direct = scanText(raw, scan, where, true);
  if (decodings === 0 || !/%[0-9A-Fa-f]{2}|\+/.test(direct)) return direct;
  const decoded = decodeLoosely(direct.replace(/\+/g, ' '));
  if (decoded === direct) return direct;
  const inner = scanEncoded(decoded, scan, where, decodings - 1);
  return inner === decoded ? direct : encodeURIComponent(wellFormed(inner));
}

/** Lone surrogates (possible in hostile input) become U+FFFD, so `encodeURIComponent` cannot throw. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
