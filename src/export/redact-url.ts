// Secrets in URLs, byte for byte everywhere else: `user:password@` (when the parser would see a
// username or a password); each query and fragment parameter (a sensitive name loses its value, any
// other value is scanned as text as written and after percent-decoding, and re-encoded only if
// something was taken out); each path segment scanned as text. Scheme, host and port never change,
// so the URL's origin (all CORS compares) stays the same.
//
// Values inside a URL are text, and text holds URLs: the text scan (`redact-text.ts`) travels in
// the `Scan`, so the two files do not import each other.

import { graphqlGet, redactBoundVariables, type GraphqlGet } from './graphql-get.ts';
import { isOpaqueToken, pathBase64Stretches } from './opaque-token.ts';
import { isPlaceholder, placeholder, record, within, type Redaction } from './redaction.ts';
import { sensitiveValueKind } from './sensitive-name.ts';

export interface Scan {
  found: Redaction[];
  depth: number;
  /** The text scan, for what a URL holds (`redact-text.ts`). */
  text: (text: string, scan: Scan, where: string, opaque: boolean, graphql?: boolean) => string;
}

// URLs inside values inside URLs...: past this depth a value is redacted whole rather than followed,
// which keeps hostile input from exhausting the stack.
const MAX_DEPTH = 8;

/** One level deeper, or null past `MAX_DEPTH`. */
export function deeper(scan: Scan): Scan | null {
  return scan.depth >= MAX_DEPTH ? null : { ...scan, depth: scan.depth + 1 };
}

/** What is left past `MAX_DEPTH` goes whole. */
export function tooDeep(text: string, scan: Scan, where: string): string {
  if (text.trim() === '' || isPlaceholder(text)) return text;
  record(scan.found, 'secret', where);
  return placeholder('secret');
}

// https://url.spec.whatwg.org/#special-scheme: `\` ends the authority too, and slashes are optional.
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);
const SCHEME = /^[\u0000-\u0020]*([A-Za-z][A-Za-z0-9+.-]*):/;

/** Whether the URL parser would give this userinfo a username or a password (`:` alone gives neither). */
function hasCredentials(userinfo: string): boolean {
  const stripped = userinfo.replace(/[\t\n\r]/g, '');
  return stripped !== '' && stripped !== ':';
}

/** A URL (absolute or relative) with its credentials, secret parameters and random parts redacted. */
export function scanUrl(url: string, outer: Scan, where: string): string {
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

function scanPath(written: string, scan: Scan, where: string): string {
  // Tokens across segments first: a padded run's look back (`paddedBase64Runs`) took the random
  // segment and the pieces after it, and left those before it.
  const path = paddedBase64Runs(written.includes('/') ? base64AcrossSegments(written.split('/'), scan, where).join('/') : written, scan, where);
  // A URL inside the path (`/app-redis://ana:pw@db/`, `/web/2020/https://u:p@h/`): cut at its `/`s,
  // its userinfo was a segment of its own that no rule reads (session 36). The segment where it
  // starts and the rest go to the text scan whole, which finds it by its scheme.
  const inner = path.indexOf('://');
  if (inner !== -1) {
    const from = path.lastIndexOf('/', inner) + 1;
    return (from === 0 ? '' : `${scanPath(path.slice(0, from - 1), scan, where)}/`) + scan.text(path.slice(from), scan, where, true);
  }
  // Each segment in place, in order, rather than by map (whose list's kind changes once it is
  // optimized, which threw away the optimized scanUrlBase around it).
  // Each decoded too (session 43): a token written as escapes (`%52%33%31...`, base64 with its
  // `+` and `/` as `%2B` and `%2F`) is runs too short to look random as written, and stayed in clear.
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) segments[i] = scanEncoded(segments[i]!, scan, where, MAX_DECODINGS, false, false);
  return segments.join('/');
}

/**
 * A path's segments with each stretch that is one token of base64 written plainly (`Zq8W+f3kLm9Q/
 * <27 random>`, its `/` read as the path's) as one placeholder, recorded once (`pathBase64Stretches`).
 */
function base64AcrossSegments(segments: string[], scan: Scan, where: string): string[] {
  const stretches = segments.length < 2 ? [] : pathBase64Stretches(segments);
  if (stretches.length === 0) return segments;
  const out: string[] = [];
  let at = 0;
  // Pushed one by one: spread into a call, 500,000 segments passed the engine's limit on arguments (M9).
  for (const [from, to] of stretches) {
    for (let i = at; i < from; i++) out.push(segments[i]!);
    out.push(placeholder('opaque-token'));
    record(scan.found, 'opaque-token', where);
    at = to;
  }
  for (let i = at; i < segments.length; i++) out.push(segments[i]!);
  return out;
}

// A segment that starts with base64 and its `=` padding (what follows may be a URL glued after it).
const PADDED_HEAD = /^[A-Za-z0-9+]+(?==)/;
// Base64 may hold `//`: an empty segment inside a run is part of it (a run never starts with one).
const BASE64_SEGMENT = /^[A-Za-z0-9+]*$/;
const BASE64_TAIL = /[A-Za-z0-9+]+$/;
// How far back a run of base64 segments is read (a key of 384 bytes, in base64).
const MAX_SLASHED_RUN = 512;

/**
 * Base64 with `/` in it, in a path (`/p/AAAA.../AAAAaZ7==`, `==-https://...` after it): cut into
 * segments, each too short to look random, it stayed, and a URL glued after it cut it at its own
 * `/` (session 38). A segment that starts with base64 padded by `=` ends such a run; the shortest
 * run of whole base64 segments before it that, joined with it by `/`, looks random goes as one
 * placeholder (the padding and what follows stay), so path words before it (`/api/v2/`) stay.
 * Linear: a padded head holds a `=`, so it ends the read back of the next one; each segment is read
 * back from one padded head at most, and no further than MAX_SLASHED_RUN.
 */
function paddedBase64Runs(path: string, scan: Scan, where: string): string {
  if (!path.includes('=')) return path;
  const segments = path.split('/');
  let changed = false;
  for (let i = 1; i < segments.length; i++) {
    const head = PADDED_HEAD.exec(segments[i]!);
    if (head === null) continue;
    let run = head[0];
    for (let j = i - 1; j >= 0 && run.length + segments[j]!.length < MAX_SLASHED_RUN; j--) {
      // The run's first segment may have something else before its base64 (`v=AAAA...`): no further back.
      const whole = BASE64_SEGMENT.test(segments[j]!);
      const tail = whole ? segments[j]! : (BASE64_TAIL.exec(segments[j]!)?.[0] ?? '');
      run = `${tail}/${run}`;
      if (tail !== '' && isOpaqueToken(run)) {
        record(scan.found, 'opaque-token', where);
        const before = segments[j]!.slice(0, segments[j]!.length - tail.length);
        segments.splice(j, i - j + 1, before + placeholder('opaque-token') + segments[i]!.slice(head[0].length));
        changed = true;
        i = j;
        break;
      }
      if (!whole) break;
    }
  }
  return changed ? segments.join('/') : path;
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

/**
 * A run of escapes with a bad one inside: each character whose escapes are well-formed UTF-8
 * decoded, every other escape left as written. Told by the bytes, not by `decodeURIComponent`'s
 * exceptions: trying one to four escapes at each, a hostile value of bad escapes encoded twice
 * took 7 s for 300 KB (M10).
 */
function decodeRunLoosely(run: string): string {
  const count = run.length / 3;
  const bytes = new Uint8Array(count);
  for (let i = 0; i < count; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
  let out = '';
  for (let i = 0; i < count; ) {
    const length = utf8SequenceAt(bytes, i);
    out += length === 0 ? run.slice(3 * i, 3 * i + 3) : decodeURIComponent(run.slice(3 * i, 3 * (i + length)));
    i += length === 0 ? 1 : length;
  }
  return out;
}

/**
 * How many bytes the well-formed UTF-8 sequence at `at` has, or 0 when none starts there.
 * https://encoding.spec.whatwg.org/#utf-8-decoder (the bounds of each sequence's second byte
 * leave out overlong forms, surrogates and code points past U+10FFFF).
 */
function utf8SequenceAt(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  let length: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else return 0;
  if (at + length > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < lower || second > upper) return 0;
  for (let i = at + 2; i < at + length; i++) if (bytes[i]! < 0x80 || bytes[i]! > 0xbf) return 0;
  return length;
}

/**
 * `a=1&b=2` (a query, a fragment, or a form body): a sensitive name loses its value; any other value
 * is scanned as written and after decoding. `where` is the prefix (`query`, `fragment`, `body`). In a
 * URL the placeholder says `QUERY-SECRET`, as it always has; in a body it names the kind.
 */
export function scanParameters(parameters: string, scan: Scan, where: string, inUrl = true): string {
  // A GraphQL GET (`?query=...&variables=...`): bound variables go, the query keeps its references.
  const graphql = inUrl ? graphqlGet(parameters) : null;
  return parameters
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1) return scanEncoded(pair, scan, where);
      // A name is not a secret, unless it is shaped like one (a JWT, a random token).
      const rawName = scanEncoded(pair.slice(0, equals), scan, where);
      const decoded = decodedName(rawName);
      const name = decoded.name;
      const value = pair.slice(equals + 1);
      const kind = sensitiveValueKind(name, value) ?? (decoded.settled ? null : 'secret');
      const fieldWhere = within(where, name);
      if (kind === null && graphql !== null) return `${rawName}=${scanGraphqlParameter(name, value, graphql, scan, fieldWhere)}`;
      if (kind === null) return `${rawName}=${scanEncoded(value, scan, fieldWhere)}`;
      // Line breaks after the value (a form body's last line) stay: they are not part of it.
      let secretEnd = value.length;
      while (secretEnd > 0 && (value[secretEnd - 1] === '\n' || value[secretEnd - 1] === '\r')) secretEnd--;
      const trailing = value.slice(secretEnd);
      const secret = value.slice(0, value.length - trailing.length);
      // Nothing to hide in the value (empty, or a placeholder already): the name, judged on its own above, is still as scanned.
      if (secret.trim() === '' || isPlaceholder(decodeLoosely(secret).trim())) return `${rawName}=${value}`;
      const shown = inUrl ? 'query-secret' : kind;
      record(scan.found, shown, fieldWhere);
      return `${rawName}=${placeholder(shown)}${trailing}`;
    })
    .join('&');
}

/**
 * A parameter's name as it reads once every level of percent-encoding is undone (`%2570assword`,
 * `password` encoded twice, was judged as `%70assword`: session 37), decoded while decoding changes
 * it, as many times as a value is (`MAX_DECODINGS`, and once more). `settled` is false when it would
 * still change: nobody encodes a name that deep but to hide it, so its value is then taken as a secret.
 * Names in free text (`redact-text.ts`) are read so too, without `+` as a space (that is a form's).
 */
export function decodedName(rawName: string, plusIsSpace = true): { name: string; settled: boolean } {
  let name = decodeLoosely(plusIsSpace ? rawName.replace(/\+/g, ' ') : rawName);
  for (let i = 0; i < MAX_DECODINGS; i++) {
    const next = decodeLoosely(name);
    if (next === name) return { name, settled: true };
    name = next;
  }
  return { name, settled: decodeLoosely(name) === name };
}

/** `query` of a GraphQL GET as a document (its `$p` stay), `variables` without the bound ones. */
function scanGraphqlParameter(name: string, value: string, graphql: GraphqlGet, scan: Scan, where: string): string {
  if (name === 'query' && graphql.document) return scanEncoded(value, scan, where, MAX_DECODINGS, true);
  if (name !== 'variables' || graphql.bindings === null) return scanEncoded(value, scan, where);
  const json = decodeLoosely(value.replace(/\+/g, ' '));
  const bound = redactBoundVariables(json, graphql.bindings, (kind, variable) => {
    record(scan.found, kind, `${where}.${variable}`);
    return placeholder(kind);
  });
  if (bound === json) return scanEncoded(value, scan, where);
  return encodeURIComponent(wellFormed(scan.text(bound, scan, where, true)));
}

// A URL inside a parameter of a URL inside a parameter...: each level encodes the one inside once
// more (a redirect URI inside an OAuth state inside a return URL is encoded three times).
const MAX_DECODINGS = 4;

/**
 * A percent-encoded value: scanned as written (base64 with a literal `+`), then decoded (a URL or
 * JSON inside a parameter, encoded up to four times); re-encoded only when a secret came out. A `+`
 * is a space in a query or a fragment's parameters (`plusIsSpace`), itself in a path segment.
 */
function scanEncoded(raw: string, scan: Scan, where: string, decodings = MAX_DECODINGS, graphql = false, plusIsSpace = true): string {
  const direct = scan.text(raw, scan, where, true, graphql);
  if (decodings === 0 || !(plusIsSpace ? /%[0-9A-Fa-f]{2}|\+/ : /%[0-9A-Fa-f]{2}/).test(direct)) return direct;
  const decoded = decodeLoosely(plusIsSpace ? direct.replace(/\+/g, ' ') : direct);
  if (decoded === direct) return direct;
  const inner = scanEncoded(decoded, scan, where, decodings - 1, graphql, plusIsSpace);
  return inner === decoded ? direct : encodeURIComponent(wellFormed(inner));
}

/** Lone surrogates (possible in hostile input) become U+FFFD, so `encodeURIComponent` cannot throw. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
