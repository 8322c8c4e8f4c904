// Secrets in free text: the tolerant scan every value without a known structure goes through
// (header values, bodies that are not JSON/XML/form/multipart, JSON string values, URL parameter
// values, notes). In this order: JWTs by structure (`jwt.ts`); userinfo of scheme-relative URLs
// and userinfo with a space (`loose-userinfo.ts`); credentials written as parameters (`Digest ...
// response="..."`: `param-credentials.ts`, before the pairs, which would cut such a list where a
// parameter's name is sensitive, `nonce`); multipart fields (`form-data-parts.ts`);
// credentials on a command line (`curl -u
// user:password`, `--password x`: `command-credentials.ts`); absolute URLs (`scheme://...`), redacted as URLs
// (`redact-url.ts`); `name=value` and `name: value` pairs (quoted or not, JSON,
// JSON escaped inside a JSON string) whose name is sensitive (`sensitive-name.ts`), the whole value
// going, including a quoted string, a bracketed object or array, or for authorization and cookie
// names the rest of the line; then `Bearer`/`Basic` credentials (`scheme-credentials.ts`),
// credentials with an issuer's prefix (`known-tokens.ts`) and random-looking runs (`opaque-token.ts`).
// Payment card numbers (`payment-card.ts`) and PEM private keys' bodies (`private-key.ts`) go first,
// whatever else the text holds.

import { redactByKind, type Redacted } from './redact-credentials.ts';
import { MIN_OPAQUE_LENGTH, replaceOpaqueRuns } from './opaque-token.ts';
import { redactCardNumbers, redactCommandCredentials, redactPasswordHashes, redactPrivateKeys, redactFormDataParts, redactJwts, redactKnownTokens, redactLooseUserinfo, redactOpaqueTokens, redactParamCredentials, redactSchemeCredentials } from './redact-shapes.ts';
import { MAY_HOLD_OPTION } from './command-credentials.ts';
import { SPECIAL_SCHEMES, STORE_SCHEMES } from './glued-schemes.ts';
import { afterString, ColonNames, sensitiveVariables, skipIgnored } from './graphql-variables.ts';
import { lastKnownTokenEnd, MAY_HOLD_KNOWN, replaceKnownTokens } from './known-tokens.ts';
import { MAX_SCHEME_WORD, MAY_HOLD_SCHEME, SCHEME_WORD_BEFORE } from './scheme-credentials.ts';
import { placeholder, record, SECRET_KINDS, within, type Redaction, type SecretKind } from './redaction.ts';
import { sensitiveNameKind, sensitiveValueKind } from './sensitive-name.ts';
import { decodedName, decodeLoosely, deeper, scanParameters, scanUrl, tooDeep, wellFormed, type Scan } from './redact-url.ts';
import { INVISIBLE_IN_WORD } from './visible-text.ts';

export { decodeLoosely } from './redact-url.ts';

export interface TextOptions {
  /** Look for random-looking runs too (off for values such as ETags and request ids). */
  opaque?: boolean;
  /**
   * The text is a GraphQL document: `$p` after a name (`password: $p`) is a variable reference and
   * `$password: String!` declares one; neither holds a secret, and a placeholder there would change
   * the query a replay sends.
   */
  graphql?: boolean;
}

/** Secrets in free text replaced by placeholders; `where` prefixes each record (`x-debug`, `note`). */
export function redactText(text: string, found: Redaction[], where: string, options: TextOptions = {}): string {
  return scanText(text, start(found), where, options.opaque !== false, options.graphql === true);
}

/** A URL (absolute or relative) with its credentials, secret parameters and random parts redacted. */
export function redactUrl(url: string, found: Redaction[] = [], where = ''): string {
  return scanUrl(url, start(found), where);
}

/**
 * `a=1&b=2` as a form body: a sensitive name loses its value (the placeholder names the kind); any
 * other value is scanned as written and after decoding. `where` is the prefix (`body`).
 */
export function redactParameters(parameters: string, found: Redaction[], where: string): string {
  return scanParameters(parameters, start(found), where, false);
}

function start(found: Redaction[]): Scan {
  return { found, depth: 0, text: scanText };
}

// Every rule needs one of these: a pair its `=` or `:`, a URL its `:`, a JWT its dots (and a
// `Bearer`/`Basic` credential its word, an option such as `--password x` its `-`, tested after these).
const TRIGGER = /[=:.]/;

function scanText(written: string, outer: Scan, where: string, opaque: boolean, graphql = false, escapes = true): string {
  // A card number needs none of the triggers below (a bare `4111...` value); nor does a private
  // key's body, which goes whole, before the rules below cut it apart.
  const text = redactPasswordHashes(redactPrivateKeys(redactCardNumbers(written, outer.found, where || 'text'), outer.found, where || 'text'), outer.found, where || 'text');
  // Most values (header values, JSON strings) hold none of it: nothing to scan.
  if (!TRIGGER.test(text) && (!opaque || text.length < MIN_OPAQUE_LENGTH) && !MAY_HOLD_SCHEME.test(text) && !MAY_HOLD_OPTION.test(text) && !MAY_HOLD_KNOWN.test(text)) return text;
  const scan = deeper(outer);
  if (scan === null) return tooDeep(text, outer, where);
  const withoutJwts = redactJwts(text, scan.found, where || 'jwt');
  const withoutUserinfo = redactLooseUserinfo(withoutJwts, scan.found, within(where, 'url-userinfo'));
  const withoutParams = redactParamCredentials(withoutUserinfo, scan.found, where || 'text');
  const withoutOptions = redactCommandCredentials(redactFormDataParts(withoutParams, scan.found, where || 'text'), scan.found, where);
  const shown = scanPairsAndUrls(withoutOptions, scan, where, opaque, graphql, escapes);
  // What the URL scan wrote is read again here for shapes only: its names were judged there.
  return escapes && shown.includes('%') ? escapedRuns(shown, scan, where || 'text', opaque, graphql, false) : shown;
}

// A run of URL characters (`%52%33%31...`, `Zq8W%2B...%2F...`), taken whole: one character class,
// so the scan is linear. A pattern that asks for an escape inside the run backtracks from every
// start in a long run that holds none (a 150,000-letter value before a `%zz` took 24 s). A literal
// `/` and `=` padding belong to it (base64 as encodeURI writes it, `%20HwQ...+qAg.../0Dnw==`): cut
// at its `/`, the piece after it was judged alone and stayed (session 44).
const URL_CHARACTER_RUN = /[A-Za-z0-9_.~+%/-]+=*/g;
const ESCAPE = /%[0-9A-Fa-f]{2}/;
// A URL's `://` encoded once.
const ENCODED_URL = /%3A%2F%2F/i;
// How many times a run is read decoded, as a URL's values are (`redact-url.ts`'s MAX_DECODINGS).
const MAX_RUN_DECODINGS = 4;

/**
 * Each percent-escaped run left in `text` (session 43), read decoded: a token written as escapes
 * is runs too short to look random as written (`X-Data: %52%33%31...`, base64 with `%2B` and
 * `%2F`), and a URL's values and path segments were judged decoded, but free text not. Re-encoded
 * with its secret's placeholder, as a parameter is. A run that decodes to a URL was the URL scan's.
 * A `/` in it was written `%2F`: data inside one value, no path's separator, so base64 with one goes
 * whole (`replaceOpaqueRuns`), not only its part after the last `/`. Called on each stretch of text
 * before random runs as written are looked for there (`scanPairsAndUrls`), and on what is left.
 */
function escapedRuns(text: string, scan: Scan, where: string, opaque: boolean, graphql: boolean, names = true): string {
  return text.replace(URL_CHARACTER_RUN, (run) => escapedRun(run, scan, where, opaque, graphql, names));
}

/**
 * One run of `escapedRuns`. With a literal `/` in it, its slashes are a path's, as written plainly
 * (`replaceOpaqueRuns` cut at them: base64 goes whole, a path keeps its words), and stay literal when
 * it is written again. A URL's authority after its `://` (`//host`) is no part of it: a host never
 * changes, and the URL scan judged the rest.
 */
function escapedRun(run: string, scan: Scan, where: string, opaque: boolean, graphql: boolean, names: boolean, decodings = MAX_RUN_DECODINGS): string {
  if (run.length < 15 || !ESCAPE.test(run)) return run;
  if (run.startsWith('//')) {
    // Every leading `//host` skipped in one loop, then one call: a call per `//` overflowed the
    // stack on 20,000 slashes (M9).
    let pathAt = 0;
    while (run.startsWith('//', pathAt)) {
      pathAt = run.indexOf('/', pathAt + 2);
      if (pathAt === -1) return run;
    }
    return run.slice(0, pathAt) + escapedRun(run.slice(pathAt), scan, where, opaque, graphql, names, decodings);
  }
  const decoded = decodeLoosely(run);
  if (decoded === run) return run;
  // A URL's `://` in it: in what the URL scan wrote (`names` false), the URL scan's. In a stretch of
  // text between URLs, none the URL scan took (`findUrls` takes `%3A%2F%2F` only after a scheme), and
  // in a run encoded twice, none it saw: the text scan below reads it whole (M11: `password%3D...`
  // before an encoded `://` with no scheme stayed in clear).
  const holdsUrl = decoded.includes('://');
  if (holdsUrl && !names) return run;
  const slashes = run.includes('/');
  // Encoded more than once (`%252B`: a `+` encoded twice), the decoded run still holds escapes,
  // which cut it into runs too short to look random: those are read decoded once more first. Judged
  // first at this level, a random piece between two escapes went alone and left its neighbours in
  // clear (M8: about half of such tokens kept a piece of eight characters or more).
  const unwrapped = decodings > 1 && ESCAPE.test(decoded) ? decoded.replace(URL_CHARACTER_RUN, (inside) => escapedRun(inside, scan, where, opaque, graphql, names, decodings - 1)) : decoded;
  // A URL in it, decoded or still encoded once (`%3A%2F%2F`, which `findUrls` reads): the text scan
  // alone, which keeps its host and reads its parts as a URL's (cut at its escapes, a host's
  // random-looking label went as a random run).
  if (holdsUrl || ENCODED_URL.test(unwrapped)) return names ? encodedAgain(run, decoded, scanText(unwrapped, scan, where, opaque, graphql, false), slashes) : run;
  const known = redactKnownTokens(unwrapped, scan.found, where);
  const shaped = opaque ? redactOpaqueTokens(known, scan.found, where, slashes) : known;
  // Then names, URLs and credentials, as in any text: a password after its name
  // (`password%3D...`, `Authorization%253A%2520Bearer%2520...`) and a URL encoded twice (its
  // `%3A%2F%2F`, encoded once here, is what the URL scan reads) stayed in clear (M10: only the two
  // rules above read a run decoded). Its escapes are not read again: the runs inside were, above.
  return encodedAgain(run, decoded, names ? scanText(shaped, scan, where, false, graphql, false) : shaped, slashes);
}

/** `run` as written when reading it decoded changed nothing; else what replaced its secrets, encoded again as it was. */
function encodedAgain(run: string, decoded: string, inner: string, slashes: boolean): string {
  if (inner === decoded) return run;
  const encoded = encodeURIComponent(wellFormed(inner));
  return slashes ? encoded.replace(/%2F/g, '/') : encoded;
}

interface Span {
  start: number;
  end: number;
  /** Where a percent-encoded URL's `%3A%2F%2F` starts (`https%3A%2F%2Fuser%3Apw%40host`); absent for any other. */
  encodedColon?: number;
  /** `://` with no scheme before it: the span starts at its `:`, and `//...` is scanned as a URL. */
  schemeless?: true;
}

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const ALPHA = /[A-Za-z]/;
// Where a URL written in text ends: white space, quotes, angle brackets and the like.
const URL_END = /[\s<>"'`{}|\\^\u0000-\u001f\u007f]/;
const TRAILING_PUNCTUATION = '.,;:!?)]';

// A relative URL with a query, as a token of its own (after the start, a blank, a quote or a
// bracket): `GET /s?f=... HTTP/1.1`, `{"url": "/graphql?query=..."}`. Its parameters may hold
// encoded secrets that no `name=value` pair shows as written. The look-behind keeps each try at a
// token's start, so the scan is linear.
const RELATIVE_URL = /(?<![^\s"'`(<[{,=])\/[^\s<>"'`{}|\\^]*\?[^\s<>"'`{}|\\^]*/g;

/**
 * URLs in `text`, in order: absolute ones (`scheme://...`), and relative ones with a query that no
 * absolute one holds. Linear: found from each `://`, and from each token that starts with `/`.
 */
export function findUrls(text: string): Span[] {
  const absolute = findAbsoluteUrls(text);
  if (!text.includes('?') || !text.includes('/')) return absolute;
  const spans: Span[] = [];
  let a = 0;
  for (const match of text.matchAll(RELATIVE_URL)) {
    let end = match.index + match[0].length;
    while (end > match.index && TRAILING_PUNCTUATION.includes(text[end - 1]!)) end--;
    while (a < absolute.length && absolute[a]!.end <= match.index) spans.push(absolute[a++]!);
    // Inside an absolute URL (its path): that URL is scanned whole.
    if (a < absolute.length && absolute[a]!.start < end) continue;
    if (text.indexOf('?', match.index) < end) spans.push({ start: match.index, end });
  }
  while (a < absolute.length) spans.push(absolute[a++]!);
  return spans;
}

// https://url.spec.whatwg.org/#special-scheme: the schemes a captured URL has, as the scan of a
// URL's scheme backwards from its `://` may find them at its end. Kept whole only as a scheme of
// its own that ends as one: `git+https`, `sftp`, `tftp`, standing alone.
const SPECIAL_SCHEME_END = new RegExp(`${SPECIAL_SCHEMES}$`, 'i');
const WHOLE_SCHEME = /^(?:[A-Za-z]{1,10}\+(?:https?|wss?|ftp|file)|[st]ftp)$/i;
const WORD_BEFORE = /[A-Za-z0-9_]/;
// A store's scheme (`glued-schemes.ts`) where the scan ends a key glued before (`ghp_...redis://`).
const GLUED_SCHEME_END = new RegExp(`${STORE_SCHEMES}$`, 'i');
// A scheme's own words before a store's scheme, standing alone (`x-redis`, `my.redis`).
const SCHEME_WORDS_BEFORE = /^[a-z][a-z0-9]*[-.]?$/;
// Our placeholders' own words only (`redaction.ts`), longest first: `REDACTED-TOKENHTTPS://` is a
// placeholder and a scheme. Any capitals (`-[A-Z]+`) took the scheme in too, no URL was left, and a
// rule after redacted the whole URL, host and all (session 35).
const OURS_BEFORE = new RegExp(
  `^.*(?:${[...SECRET_KINDS.map(placeholder), 'REDACTED-REST-OF-NAME'].sort((a, b) => b.length - a.length).join('|')})`,
);

const OURS_AT_END = new RegExp(`(?:${[...SECRET_KINDS.map(placeholder), 'REDACTED-REST-OF-NAME'].join('|')})$`);

/**
 * Where the scheme that ends at `colon` starts, read back to `start`: a special scheme glued after
 * other characters (`AKIA...EXAMPLEhttps://`, `ghp_...https://`, `<hex>-https://`) starts there,
 * and what is before it is text, where the rules for keys and random runs see it whole; read as the
 * scheme, the URL scan kept it as it was.
 */
function schemeStart(text: string, start: number, colon: number): number {
  // After one of our placeholders (`REDACTED-SECRET-https://`, a card number glued before it that
  // went first): the placeholder is no part of the scheme.
  const ours = OURS_BEFORE.exec(text.slice(start, colon));
  if (ours !== null) {
    start += ours[0].length;
    while (start < colon && !ALPHA.test(text[start]!)) start++;
  }
  const scheme = text.slice(start, colon);
  const alone = start === 0 || !WORD_BEFORE.test(text[start - 1]!);
  const special = SPECIAL_SCHEME_END.exec(scheme);
  if (special === null) {
    // A store's scheme after a key (session 36): `git+ssh`, `mongodb+srv` and a word alone stay whole.
    const store = GLUED_SCHEME_END.exec(scheme);
    if (store === null) return unlistedSchemeStart(text, start, colon);
    if (store.index === 0 || scheme[store.index - 1] === '+') return start;
    return alone && SCHEME_WORDS_BEFORE.test(scheme.slice(0, store.index)) ? start : start + store.index;
  }
  if (special.index === 0) return start;
  return alone && WHOLE_SCHEME.test(scheme) ? start : start + special.index;
}

// How far back a credential glued before an unlisted scheme is looked for (the longest known
// shape, an `AGE-SECRET-KEY-1...`, is 74 characters; a GitHub fine-grained token about 93).
const GLUED_LOOK_BACK = 256;
const GLUED_WORD_CHAR = /[A-Za-z0-9_+.-]/;

/**
 * Where an unlisted scheme (not special, no store's: `foo+bar`, `zz-proto`, `my.scheme`) ending at
 * `colon` starts. RFC 3986 section 3.1 lets a scheme be any `ALPHA *( ALPHA / DIGIT / "+" / "-" /
 * "." )`, so a key glued before one (`ghp_<36>foo+bar://`, `AKIA<16>my.scheme://`) read as part of
 * the scheme, and the URL scan kept it, key and all (session 37). Nothing tells where such a scheme
 * begins, so it is read as short as it can be: after a known credential that reaches into it
 * (`lastKnownTokenEnd`), else after its last `+`, `-` or `.`, from a letter; and when what is left
 * is glued to a word before it, or is itself a random run, from its last letter, so that the run
 * before it is text, where the rules for keys and random runs see it (a random run glued to `://`
 * keeps at most its last letter and the digits after it in the scheme). The text before the scheme,
 * `mysql+` of `mysql+pymysql://`, is scanned as text: what it holds is judged there.
 */
function unlistedSchemeStart(text: string, start: number, colon: number): number {
  let from = start;
  while (from > 0 && start - from < GLUED_LOOK_BACK && GLUED_WORD_CHAR.test(text[from - 1]!)) from--;
  const known = lastKnownTokenEnd(text.slice(from, colon));
  if (known !== -1 && from + known > start) {
    // The credential ends where its shape does: the scheme is what follows it, from a letter.
    start = from + known;
    while (start < colon && !ALPHA.test(text[start]!)) start++;
    return start < colon ? start : lastLetter(text, from, colon);
  }
  // A random run glued straight to `://` (`Zx8Kq2...Fg://example`): no scheme anyone registers looks
  // so, and read as short as it can be, the scheme left the run its last letter and digits short, or
  // cut in two at a `-` (session 38). The whole word is text, the run goes whole, and what follows
  // `:` is scanned as a URL without a scheme (`findAbsoluteUrls`).
  if (replaceOpaqueRuns(text.slice(from, colon), () => '') !== text.slice(from, colon)) return colon;
  // After its last `+`, `-` or `.` that a letter follows.
  for (let i = colon - 1; i > start; i--) {
    if ((text[i - 1] === '+' || text[i - 1] === '-' || text[i - 1] === '.') && ALPHA.test(text[i]!)) {
      start = i;
      break;
    }
  }
  // Glued to a word (`_`, a letter or a digit before it: the read back stopped at its length or at
  // an `_`), not to one of our placeholders (`REDACTED-TOKENa://`, which ends where its kind does),
  // or a random run itself: from its last letter, so the run before is judged whole as text.
  const glued = start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!) && !OURS_AT_END.test(text.slice(Math.max(0, start - 32), start));
  const scheme = text.slice(start, colon);
  const random = scheme.length >= MIN_OPAQUE_LENGTH && replaceOpaqueRuns(scheme, () => '') !== scheme;
  return glued || random ? lastLetter(text, start, colon) : start;
}

/** The last letter before `colon`, from `from`: where the shortest scheme ending there starts (`colon` when none). */
function lastLetter(text: string, from: number, colon: number): number {
  for (let i = colon - 1; i >= from; i--) if (ALPHA.test(text[i]!)) return i;
  return colon;
}

// `://` and, percent-encoded in free text, `%3A%2F%2F` (a URL inside a parameter written in a log
// line or a note: `next=https%3A%2F%2Fuser%3Apw%40host`); any case.
const ENCODED_SEPARATOR = /%3A%2F%2F/gi;
const ENCODED_URL_CHAR = /[A-Za-z0-9_.!~*'()%-]/;

/**
 * The `://` and `%3A%2F%2F` in `text`, in order, from `from`: each kind is looked for again only
 * once the scan has passed the last one found (a text with none of one kind is searched for it once,
 * not from every separator of the other: linear).
 */
function separators(text: string): (from: number) => { at: number; length: number } | null {
  let plain = -2;
  let escaped = text.includes('%') ? -2 : -1;
  return (from) => {
    if (plain !== -1 && plain < from) plain = text.indexOf('://', from);
    if (escaped !== -1 && escaped < from) {
      ENCODED_SEPARATOR.lastIndex = from;
      escaped = ENCODED_SEPARATOR.exec(text)?.index ?? -1;
    }
    if (escaped !== -1 && (plain === -1 || escaped < plain)) return { at: escaped, length: 9 };
    return plain === -1 ? null : { at: plain, length: 3 };
  };
}

/** Where the scheme that ends at `colon` starts, read back no further than `from` (`colon` when none). */
function schemeBefore(text: string, from: number, colon: number): number {
  let start = colon;
  while (start > from && colon - start < 32 && SCHEME_CHAR.test(text[start - 1]!)) start--;
  // Read back into an escape (`key%3Dhttps://`): the scheme starts after it.
  if (text[start - 1] === '%') start += 2;
  else if (text[start - 2] === '%') start += 1;
  while (start < colon && !ALPHA.test(text[start]!)) start++;
  return schemeStart(text, start, colon);
}

function findAbsoluteUrls(text: string): Span[] {
  const spans: Span[] = [];
  const next = separators(text);
  let from = 0;
  for (;;) {
    const separator = next(from);
    if (separator === null) return spans;
    const colon = separator.at;
    const after = colon + separator.length;
    const encoded = separator.length > 3;
    const start = schemeBefore(text, from, colon);
    let end = after;
    // An encoded URL is what encodeURIComponent writes: any other character (`&` in
    // `next=https%3A...&state=s`) ends it, and a URL glued after it (`...%2Fp-redis://`) starts at its scheme.
    if (encoded) {
      while (end < text.length && ENCODED_URL_CHAR.test(text[end]!)) end++;
      if (text.startsWith('://', end)) end = Math.max(after, schemeBefore(text, after, end));
    } else {
      while (end < text.length && !URL_END.test(text[end]!)) end++;
    }
    while (end > after && TRAILING_PUNCTUATION.includes(text[end - 1]!)) end--;
    if (start < colon) spans.push(encoded ? { start, end, encodedColon: colon } : { start, end });
    // No scheme before `://` (a random run read as none, or no letter at all): what follows is a
    // URL without one, `//user:pw@host/...`, still scanned as a URL.
    else if (!encoded && end > after) spans.push({ start: colon, end, schemeless: true });
    from = Math.max(end, after);
  }
}

/**
 * A percent-encoded URL (`https%3A%2F%2Fuser%3Apw%40host`) scanned decoded, as a URL; re-encoded
 * after its scheme and `%3A%2F%2F` (kept as written) only when a secret came out, as a parameter's
 * value is (`redact-url.ts`). Decoded once: one more level is a URL inside its parameters, which the
 * URL scan decodes in turn.
 */
function scanEncodedUrl(text: string, url: Span, scan: Scan, where: string, opaque: boolean): string {
  const written = text.slice(url.start, url.end);
  const scheme = text.slice(url.start, url.encodedColon);
  const rest = written.slice(scheme.length + 9);
  const decoded = `${scheme}://${decodeLoosely(rest)}`;
  const inner = scanText(decoded, scan, where, opaque);
  if (inner === decoded) return written;
  if (!inner.startsWith(`${scheme}://`)) return encodeURIComponent(wellFormed(inner));
  return written.slice(0, scheme.length + 9) + encodeURIComponent(wellFormed(inner.slice(scheme.length + 3)));
}

const NAME_CHAR = /[A-Za-z0-9_.$[\]-]/;
const MAX_NAME = 128;
const JSON_ESCAPE = /^u[0-9A-Fa-f]{4}$/;
const PERCENT_ESCAPE = /^%[0-9A-Fa-f]{2}$/;

/** Whether the character at `j` belongs to a name that ends before `end` (see `nameBefore`). */
function inName(text: string, j: number, end: number): boolean {
  const c = text[j]!;
  if (NAME_CHAR.test(c)) return true;
  if (c === '\\') return j + 6 <= end && JSON_ESCAPE.test(text.slice(j + 1, j + 6));
  if (c === '%') return j + 3 <= end && PERCENT_ESCAPE.test(text.slice(j, j + 3));
  return c.charCodeAt(0) > 0x7f && (INVISIBLE_IN_WORD.test(c) || GLUING_SPACE.test(c));
}

// Spaces that do not break a line (U+00A0 NO-BREAK SPACE, U+2007 FIGURE SPACE, U+202F NARROW
// NO-BREAK SPACE) inside a name: `pass\u00a0word` reads `pass word` and is cut there into the
// segments `pass` and `word`, so it is judged as one name (session 45). No language's name holds
// one; only a hand that hid a name writes it.
const GLUING_SPACE = /[\u00a0\u2007\u202f]/;

/**
 * The name written just before a `=` or `:` at `separator`: `password`, `"password"`, `\"pin\"`;
 * characters no reader sees inside it (`p\u200bassword`, raw or as a JSON escape), JSON escapes
 * (`pass\u0077ord`) and percent escapes (`%2570assword`, a form's name copied into a log line or a
 * cookie-like header) are part of it, as written: `judgedName` reads it.
 */
function nameBefore(text: string, separator: number, floor: number): string | null {
  let j = separator - 1;
  while (j >= floor && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j >= floor && (text[j] === '"' || text[j] === "'")) {
    j--;
    if (j >= floor && text[j] === '\\') j--;
  }
  const end = j + 1;
  while (j >= floor && end - j <= MAX_NAME && inName(text, j, end)) j--;
  if (end - j > MAX_NAME) return null;
  return end === j + 1 ? null : text.slice(j + 1, end);
}

/**
 * A name as `sensitive-name.ts` judges it: JSON escapes decoded (it takes out what no reader sees),
 * then percent escapes, while decoding changes it, as a URL's parameter names are (`redact-url.ts`:
 * `%2570assword` is `password` encoded twice, session 37 inside URLs, session 38 outside them).
 * `settled` is false when it would still change: its value is then taken as a secret.
 */
function judgedName(name: string): { name: string; settled: boolean } {
  const unescaped = name.includes('\\') ? name.replace(/\\u([0-9A-Fa-f]{4})/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16))) : name;
  return unescaped.includes('%') ? decodedName(unescaped, false) : { name: unescaped, settled: true };
}

/**
 * A name as the export writes it, a key (`sk_live_...=`) or a random run (`a8F3...=`) as its
 * placeholder: `REDACTED-API-KEY` is a sensitive name, and read again, the export's own text took
 * the value after it (session 35's open `it.fails`). Judged so the first time, the value goes then.
 */
function nameAsWritten(name: string, opaque: boolean): string {
  const known = replaceKnownTokens(name, placeholder);
  return opaque ? replaceOpaqueRuns(known, () => placeholder('opaque-token')) : known;
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
// A line break then a blank: the next line continues the value.
const CONTINUATION = /^\r?\n[ \t]/;

/** Where the value that starts at `start` ends. */
function valueEnd(text: string, start: number, kind: SecretKind): number {
  if (start >= text.length) return start;
  const c = text[start]!;
  // A block string (GraphQL's, Python's): """ to """, not the empty string `""` and a letter.
  if (text.startsWith('"""', start)) return afterString(text, start);
  if (c === '"' || c === "'") return afterQuoted(text, start, c);
  if (c === '\\' && text[start + 1] === '"') {
    const close = text.indexOf('\\"', start + 2);
    return close === -1 ? text.length : close + 2;
  }
  if (c === '{' || c === '[') return afterBracketed(text, start);
  if (kind === 'authorization' || kind === 'cookie' || kind === 'set-cookie') {
    // `Authorization: Bearer abc`, `Cookie: a=1; b=2`: the rest of the line, and the lines that
    // continue it (they start with a blank: HTTP/1.1's obs-fold, or a value written below its name,
    // `Authorization:\n  Bearer abc`).
    let end = start;
    for (;;) {
      LINE_END.lastIndex = end;
      end = LINE_END.exec(text)?.index ?? text.length;
      const next = CONTINUATION.exec(text.slice(end, end + 3));
      if (next === null) return end;
      end += next[0].length;
    }
  }
  let end = start;
  while (end < text.length && !BARE_END.test(text[end]!)) end++;
  return end;
}

/** `"30"`, `\\"30\\"` → `30`. */
function unquoted(value: string): string {
  return value.replace(/^(\\?["'])(.*)\1$/s, '$2');
}

/** A value as written after its name: quotes (also `\\"` inside a JSON string) stay around the placeholder. */
function redactQuotedValue(value: string, kind: SecretKind): Redacted {
  let open = '';
  if (value.startsWith('"""')) open = '"""';
  else if (value.startsWith('\\"')) open = '\\"';
  else if (value.startsWith('"') || value.startsWith("'")) open = value[0]!;
  let inner = value.slice(open.length);
  const close = open !== '' && inner.length >= open.length && inner.endsWith(open) ? open : '';
  inner = inner.slice(0, inner.length - close.length);
  const redacted = redactByKind(inner, kind);
  return { value: `${open}${redacted.value}${close}`, changed: redacted.changed };
}

const TOKEN68_CHAR = /[A-Za-z0-9._~+/=-]/;

// A token68's characters but its `=` padding: `+` and `/` are no separators inside one.
const TOKEN68_BODY_CHAR = /[A-Za-z0-9._~+/-]/;
/** How far back a name is looked for inside a credential: longer than any Basic or bearer value. */
const MAX_TOKEN68_BEFORE = 1024;

/**
 * Whether the name that starts at `start` comes right after a scheme's name, `Basic `, or inside the
 * credential after one (`Basic YTA6JWF+QS1fLSpwJSU=` read `QS1fLSpwJSU=` as a pair's name after the
 * `+`, and listed it: a property test's find, s40), within `floor..`. Linear over a whole scan, though
 * each call may read 1,024 characters back: the walk stops at a `=` (no credential character before
 * its padding), and the scan calls it for a name after the `=` of the call before, so no character is
 * walked twice (measured, s41: 200,000 such names walk at most the text's length in all).
 */
function followsSchemeWord(text: string, start: number, floor: number): boolean {
  // Back over the credential's characters before the name, bounded.
  let at = start;
  while (at > floor && start - at < MAX_TOKEN68_BEFORE && TOKEN68_BODY_CHAR.test(text[at - 1]!)) at--;
  if (text[at - 1] !== ' ') return false;
  // The word and its blanks, no further back: bounded, whatever the text before.
  let from = at - 1;
  while (from > floor && at - from < 16 && text[from - 1] === ' ') from--;
  return SCHEME_WORD_BEFORE.test(text.slice(Math.max(floor, from - MAX_SCHEME_WORD - 1), at));
}

const GRAPHQL_NAME_CHAR = /[_0-9A-Za-z]/;
const GRAPHQL_BARE_NAME = /[_A-Za-z][_0-9A-Za-z]*/y;
// A field's name as schemas write them, lower camel case of whole words (`transactionNumber`).
const GRAPHQL_FIELD_NAME = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+$/;
const GRAPHQL_PUNCTUATION = /[\s,[\]{}:]/;

/**
 * Whether a GraphQL list or input object value (`text` from `start` to `end`) holds nothing but
 * `$references`, field names (`value:`) and punctuation: no literal (`"Hunter2"`, `42`, `RED`).
 */
function holdsOnlyReferences(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (GRAPHQL_PUNCTUATION.test(c)) {
      i++;
      continue;
    }
    const reference = c === '$';
    let j = reference ? i + 1 : i;
    const nameStart = j;
    while (j < end && GRAPHQL_NAME_CHAR.test(text[j]!)) j++;
    if (j === nameStart) return false;
    if (!reference) {
      // A field name, if a `:` follows; else an enum value, `true`, `null` or a number: a literal.
      let k = j;
      while (k < end && /\s|,/.test(text[k]!)) k++;
      if (text[k] !== ':') return false;
    }
    i = j;
  }
  return true;
}

// A variable definition's type (`String!`, `[ID!]`) before its default value's `=`.
const GRAPHQL_TYPE_CHAR = /[\w[\]! \t\r\n]/;
const MAX_TYPE = 256;

/** Where the default value of the variable defined at `from` (after its `:`) starts, or -1. */
function defaultValueStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from < MAX_TYPE && GRAPHQL_TYPE_CHAR.test(text[i]!)) i++;
  return text[i] === '=' ? skipBlanks(text, i + 1) : -1;
}

function scanPairsAndUrls(text: string, scan: Scan, where: string, opaque: boolean, graphql: boolean, escapes: boolean): string {
  const urls = findUrls(text);
  // GraphQL: the variables the document binds to sensitive arguments, whose default values go.
  let bindings: Map<string, SecretKind> | null = null;
  // GraphQL: the name token before each `:` of the document's own, ignored tokens skipped.
  const names = graphql ? new ColonNames(text) : null;
  const separators = /[=:]/g;
  let out = '';
  let last = 0;
  let u = 0;
  const emitGap = (end: number): void => {
    // Known prefixes (`AKIA...`) in any value, even one kept out of the random-value rule (`opaque`).
    const known = redactKnownTokens(redactSchemeCredentials(text, last, end, scan.found, where || 'text'), scan.found, where || 'text');
    // Runs with escapes read decoded, whole, before random runs as written: cut at its escapes, a
    // token's last piece alone looked random, went, and the pieces before it stayed (session 44).
    const gap = escapes && known.includes('%') ? escapedRuns(known, scan, where || 'text', opaque, graphql) : known;
    const shaped = opaque ? redactOpaqueTokens(gap, scan.found, where || 'text') : gap;
    // Card numbers again, now that no key, random run or URL is glued to one: `...3-4111...` and
    // `4111... 0a0a...` read as longer runs of digits (`payment-card.ts`), and a second export, with
    // `REDACTED-API-KEY-4111...`, found the card the first had kept (session 35's property test).
    out += shaped === '' ? shaped : redactCardNumbers(shaped, scan.found, where || 'text');
    last = end;
  };
  let i = 0;
  // The next `=` or `:` is looked for again only once the scan has passed it: a URL written
  // percent-encoded holds neither, and a text of them would be searched to its end from each one.
  let next = -1;
  while (i < text.length) {
    if (next < i) {
      separators.lastIndex = i;
      next = separators.exec(text)?.index ?? text.length;
    }
    const url = urls[u];
    if (url !== undefined && url.start <= next) {
      emitGap(url.start);
      if (url.schemeless) out += `:${scanUrl(text.slice(url.start + 1, url.end), scan, where)}`;
      else out += url.encodedColon === undefined ? scanUrl(text.slice(url.start, url.end), scan, where) : scanEncodedUrl(text, url, scan, where, opaque);
      i = last = url.end;
      u++;
      continue;
    }
    if (next === text.length) break;
    i = next + 1;
    // `Basic dXNlcjpwdw==`: `=` padding ends a base64 run, it is no pair (the run's letters, read as a
    // name, hold `pw`: the listing showed part of the credential).
    if (text[next] === '=' && text[next + 1] === '=') continue;
    const token = names?.before(next);
    // No GraphQL name just before the colon (`{"password": ...}`, `{'password': ...}`: a `query`
    // member that starts with `{` but holds JSON or another language): the name is read as in
    // any text, as before the lexer (session 44, M8).
    const tokenStart = token === undefined || token === '' ? -1 : text.lastIndexOf(token, next);
    // A no-break space glued before the token (`pass\u00a0word:`) is no GraphQL whitespace: the
    // lexer's name is only `word`, so the whole name is read as in any text (session 45).
    const glued = tokenStart > last && GLUING_SPACE.test(text[tokenStart - 1]!);
    const name = tokenStart < last || glued ? nameBefore(text, next, last) : token!;
    // GraphQL: `$password: String!` declares a variable (its value is a type); a default value
    // after it (`$p: String = "x"`) goes when the document binds `$p` to a sensitive argument.
    if (graphql && name !== null && name.startsWith('$')) {
      const bound = (bindings ??= sensitiveVariables(text)).get(name.slice(1));
      const start = bound === undefined ? -1 : defaultValueStart(text, next + 1);
      if (bound === undefined || start === -1) continue;
      const end = valueEnd(text, start, bound);
      const redacted = redactQuotedValue(text.slice(start, end), bound);
      if (!redacted.changed) continue;
      emitGap(start);
      out += redacted.value;
      record(scan.found, bound, within(where, name.slice(1)));
      i = last = end;
      continue;
    }
    // `Basic dXNlcjpwd3o=`: a credential after `Bearer`/`Basic` ending in padding is the scheme rule's
    // (`emitGap`), not a pair's name (`Bearer pw=abc9` is a pair: a token char follows its `=`).
    if (name !== null && text[next] === '=' && !TOKEN68_CHAR.test(text[next + 1] ?? ' ') && followsSchemeWord(text, text.lastIndexOf(name, next - name.length), last)) continue;
    const read = name === null ? null : judgedName(name);
    const judged = read === null ? null : nameAsWritten(read.name, opaque);
    const kind = judged === null ? null : read!.settled ? sensitiveNameKind(judged) : 'secret';
    if (kind === null) continue;
    const start = token === undefined ? skipBlanks(text, next + 1) : skipIgnored(text, next + 1);
    // GraphQL: `password: $p` refers to a variable; `variables` holds the value (`redact-json.ts`).
    if (graphql && text[start] === '$') continue;
    // GraphQL: a bare name after the colon is no string. In a selection set the name before the
    // colon is an alias and the one after a field (`reset: resetPasswordUrl`, `tan: transactionNumber`);
    // in arguments it is an enum value (`magic: LINK`). Neither is a secret, but a password-like
    // name's bare value goes when it does not read as a field (`{password: hunter2}`, JSON5-like
    // text sent as a query), M8 #4.
    if (graphql && name === token) {
      GRAPHQL_BARE_NAME.lastIndex = start;
      const bare = GRAPHQL_BARE_NAME.exec(text)?.[0];
      if (bare !== undefined && (kind !== 'password' || (names!.selection && GRAPHQL_FIELD_NAME.test(bare)))) continue;
    }
    let end = valueEnd(text, start, kind);
    // `pan=30`: a camera's pan, told from a card's number by its value (`sensitiveValueKind`).
    if (read!.settled && sensitiveValueKind(judged!, unquoted(text.slice(start, end))) === null) continue;
    // GraphQL: `passwords: [$p]`, `password: {value: $p}` hold references only; `graphql-variables.ts`
    // binds them. Nothing inside is a secret, so the scan goes on after the value, which stays.
    if (graphql && (text[start] === '[' || text[start] === '{') && holdsOnlyReferences(text, start, end)) {
      i = end;
      continue;
    }
    // A URL that starts inside the value goes with it.
    while (u < urls.length && urls[u]!.start < end) end = Math.max(end, urls[u++]!.end);
    const redacted = redactQuotedValue(text.slice(start, end), kind);
    if (!redacted.changed) continue;
    // The gap ends at the name, not after its `=`: read with the name, a `=` would be a random
    // name's base64 padding, and the two placeholders glued (`REDACTED-OPAQUE-TOKENREDACTED-PASSWORD`)
    // would read as one secret when overwritten in place (`redact-engine-values.ts`).
    emitGap(next);
    out += text.slice(next, start) + redacted.value;
    record(scan.found, kind, within(where, name!));
    i = last = end;
  }
  emitGap(text.length);
  return out;
}

