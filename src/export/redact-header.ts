// One header line, redacted by the shared policy. Header names that are HTTP tokens change only where
// they hold a secret's shape (`oddHeaderName` below), and the values the engine reads to reach its verdict (`Access-Control-*`, `Origin`, `Vary`, `Sec-Fetch-*`,
// the CORS-safelisted request headers such as `Content-Type`, the method-override headers), so a
// redacted exchange is diagnosed exactly as the captured one. `Location` is read too, but only for
// its origin and credentials, which URL redaction keeps.

import { type HeaderLine, type HeaderList, METHOD_OVERRIDE_NAMES, isSafelistedHeaderName, valueIsRead } from '../cors/index.ts';
import { redactByKind } from './redact-credentials.ts';
import { isFreeTextSafelisted, isKeywordValued, NAME_LISTS, redactEngineValue } from './redact-engine-values.ts';
import { redactJson } from './redact-json.ts';
import { redactHeaderNameShapes } from './redact-shapes.ts';
import { redactText, redactUrl } from './redact-text.ts';
import { isMethodValued, redactMethodList } from './secret-methods.ts';
import { isPlaceholder, placeholder, record, type Redaction, type SecretKind } from './redaction.ts';
import type { SecretNameNumbers } from './secret-name-numbers.ts';
import { sensitiveValueKind } from './sensitive-name.ts';

/** Headers whose value the engine reads for its verdict: changed only as `redact-engine-values.ts` keeps it read alike. */
function valueDecidesVerdict(lowerName: string): boolean {
  return (
    lowerName.startsWith('access-control-') ||
    lowerName === 'origin' ||
    lowerName === 'vary' ||
    lowerName.startsWith('sec-fetch-') ||
    isSafelistedHeaderName(lowerName) ||
    METHOD_OVERRIDE_NAMES.includes(lowerName)
  );
}

// Values that are a URL as a whole, relative ones included (`:path` is HTTP/2's request target).
const URL_VALUED = new Set(['location', 'content-location', 'referer', ':path']);

// Standard identifiers that look random but are not credentials: kept out of the opaque-token rule
// (a JWT or a `token=` pair in them still goes). Request and trace ids let a reader match server logs.
const KNOWN_RANDOM = new Set([
  'etag', 'if-match', 'if-none-match', 'x-request-id', 'request-id', 'x-correlation-id', 'correlation-id', 'traceparent',
  'tracestate', 'x-amzn-requestid', 'x-amzn-request-id', 'x-amz-request-id', 'x-amz-id-2', 'x-amz-cf-id', 'x-amzn-trace-id',
  'cf-ray', 'x-cloud-trace-context', 'sentry-trace', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-trace-id', 'x-span-id',
  'x-github-request-id', 'content-md5', 'digest', 'content-digest', 'repr-digest', 'user-agent', 'date', 'last-modified',
]);

/** `Link: <https://...?token=x>; rel="next"`: each target redacted as a URL, the rest as text. */
function redactLink(value: string, found: Redaction[], where: string): string {
  return value
    .split(/(<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? `<${redactUrl(part.slice(1, -1), found, where)}>` : redactText(part, found, where)))
    .join('');
}

/**
 * A header name's kind, judged as written and lower-cased. Header names are case-insensitive (RFC
 * 9110 section 5.1) and HTTP/2 and HTTP/3 send them lower-case, so the casing carries no word
 * boundaries a name can rely on: read as humps, `X-APIkey` is `ap` and `ikey`, and `x-SeSsIoN` five
 * pieces of nothing (session 31), though lower-cased they are an API key and a session.
 */
function headerNameKind(name: string, lowerName: string, value: string): SecretKind | null {
  return sensitiveValueKind(name, value) ?? (name === lowerName ? null : sensitiveValueKind(lowerName, value));
}

/** https://www.rfc-editor.org/rfc/rfc9110#name-tokens: `1*tchar`, what every header name a browser sends is. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * HTTP/2's and HTTP/3's pseudo-header fields (RFC 9113 section 8.3, RFC 8441's `:protocol`): no
 * token (the `:`), yet DevTools logs them among the request's and response's headers in every HAR
 * of an h2 or h3 exchange. They are redacted as the lines they are (`:path` as a URL), not cut.
 */
const PSEUDO_HEADERS = new Set([':authority', ':method', ':path', ':scheme', ':protocol', ':status']);

/** Whether an export shows `name` whole: an HTTP token, or a pseudo-header DevTools logs. */
function plainName(name: string): boolean {
  return TOKEN.test(name) || PSEUDO_HEADERS.has(name.toLowerCase());
}

/** What replaces a name that is no token from where a value could begin. Itself a placeholder, never cut again. */
export const CUT_NAME_MARKER = 'REDACTED-REST-OF-NAME';

/**
 * Where a value could begin in a header name that is no token: white space, `:` or `=`; `;` and `,`,
 * which begin parameters and list items; a `"`, which opens a quoted string, the one value form that
 * may hold anything (RFC 9110 section 5.6.4: `X-Token"abc..."` kept its value whole, session 38); the
 * other delimiters RFC 9110 section 5.6.2 keeps out of tokens, `(` `)` `/` `<` `>` `?` `@` `[` `\` `]`
 * `{` `}`, which open comments, paths, user info and bracketed or braced values (`X(secret-...)`,
 * `x@sk_live_...` and `x/...` were shown whole, session 39); and any character no reader sees or no
 * font draws (a control, NUL, a zero-width space or bidi mark, an unpaired surrogate: Unicode's
 * `Other`), which can glue a value to a name unseen (all but white space, `:` and `=` only where
 * something follows them: at the end they hide nothing). -1 when there is none.
 */
export function valueMayBeginAt(name: string): number {
  return name.search(/[\s:=]|[;,"()/<>?@[\\\]{}\p{C}](?=[^])/u);
}

/**
 * Of a header name that is no token, what an export shows: all of it, or up to where a value could
 * begin (`valueMayBeginAt`), the rest then replaced by ` REDACTED-REST-OF-NAME`. No browser sends such a
 * name, so it comes from a hand-made or hostile HAR, where a whole `Authorization: Bearer …` line
 * can stand as the name; the curl export refuses it and names it only up to the same place. A name
 * that begins there keeps its first character when it is printable ASCII (`@ REDACTED-REST-OF-NAME`
 * for `@/etc/passwd`): one character holds no secret, and the curl export's refusal, which says the
 * name starts with it, then reads the same on the redacted name as on the captured one. Cutting twice
 * gives the same name.
 */
function keptPart(name: string): string {
  const cut = valueMayBeginAt(name);
  if (cut === -1) return name;
  return name.slice(0, cut === 0 && /^[!-~]/.test(name) ? 1 : cut);
}

/**
 * A line whose name is no token: the name cut (`keptPart`) and the value redacted whatever it says.
 * The engine matches no such name to anything it reads (they are all tokens), so neither the name
 * nor the value moves a verdict; and since no rule foresaw the name, a value over-redacted is the
 * price of no secret missed. The placeholder's kind is the kept part's, `secret` when it says nothing.
 */
function oddHeaderLine(name: string, value: string, found: Redaction[]): HeaderLine {
  const raw = keptPart(name);
  const kept = redactHeaderNameShapes(raw, found, 'header-name');
  const shown = raw === name ? kept : `${kept} ${CUT_NAME_MARKER}`;
  if (value === '' || isPlaceholder(value)) return [shown, value];
  const kind = headerNameKind(kept, kept.toLowerCase(), value) ?? 'secret';
  record(found, kind, raw === name ? kept.toLowerCase() : `${kept.toLowerCase()} ${CUT_NAME_MARKER}`);
  return [shown, placeholder(kind)];
}


/**
 * Each item of a list of header names as a line's name is redacted: cut when it is no token, a
 * secret's shape replaced when it is one. The engine reads these lists, and verdicts stay: an
 * ordinary token stays as it is, a cut item stays no token (the marker follows a space), and the
 * request's lines are redacted the same way, so an asked-for name still matches its line.
 */
function redactListedNames(value: string, found: Redaction[], listed: ListedName, numbers: SecretNameNumbers | undefined): string {
  return value.replace(/[^,]+/g, (item) => {
    const name = item.trim();
    if (name === '') return item;
    const at = item.indexOf(name);
    // Judged alone too, so what it holds is recorded; but shown as the line it names is shown.
    const alone = plainName(name) ? tokenName(name, found, numbers) : oddHeaderLine(name, '', found)[0];
    const shown = listed(name) ?? alone;
    return `${item.slice(0, at)}${shown}${item.slice(at + name.length)}`;
  });
}

/**
 * An item of a list of header names as the exchange's own line of that name is redacted (`undefined`
 * when no line names it so): see `listedNamesAsRedacted` (`redact-exchange.ts`).
 */
export type ListedName = (item: string) => string | undefined;

const NO_PAIRING: ListedName = () => undefined;

/**
 * A header name that is a token, a secret's shape in it replaced (`redactHeaderNameShapes`) and numbered
 * by `numbers` (`secret-name-numbers.ts`), so that two such names stay two; unnumbered without.
 */
function tokenName(name: string, found: Redaction[], numbers: SecretNameNumbers | undefined): string {
  const shown = redactHeaderNameShapes(name, found, 'header-name');
  return numbers === undefined ? shown : numbers.numbered(name, shown);
}

/**
 * Redacts one header line. `found` collects what was redacted (kind and where, never the value);
 * `listed` writes the line's name, and the items of a list of names, as the exchange's lines of those
 * names are written; `numbers` numbers the names shaped like a secret, per export (lines the
 * engine reads need it: two such names must not become one).
 */
export function redactHeader(line: HeaderLine, found: Redaction[] = [], listed: ListedName = NO_PAIRING, numbers?: SecretNameNumbers): HeaderLine {
  if (!plainName(line[0])) return oddHeaderLine(line[0], line[1], found);
  // Judged alone too, so what it holds is recorded; but a name redaction rewrites is written as the
  // exchange's other lines of that name are (a name it keeps keeps its own capitals).
  const alone = tokenName(line[0], found, numbers);
  const paired = listed(line[0]);
  const name = paired !== undefined && paired.toLowerCase() !== line[0].toLowerCase() ? paired : alone;
  const lowerName = name.toLowerCase();
  if (NAME_LISTS.has(lowerName)) return [name, redactListedNames(line[1], found, listed, numbers)];
  // A method shaped like a secret, numbered as the export numbers it wherever it is written (`secret-methods.ts`).
  const value = isMethodValued(lowerName) ? redactMethodList(line[1], found, lowerName, numbers) : line[1];
  if (valueDecidesVerdict(lowerName)) {
    const kept = redactEngineValue(lowerName, value, found, numbers);
    return name === line[0] && kept === line[1] ? line : [name, kept];
  }
  const kind = lowerName === 'set-cookie' || lowerName === 'set-cookie2' ? 'set-cookie' : headerNameKind(name, lowerName, value);
  if (kind !== null) {
    // A Set-Cookie line's attributes stay, but not a secret written in one by its shape (a JWT or a
    // random token in `Path=/invite/...`, a GitHub token in a `Comment`): scanned as text.
    const shapes: Redaction[] = [];
    const redacted = redactByKind(value, kind, (attribute) => redactText(attribute, shapes, lowerName));
    if (redacted.changed) record(found, kind, lowerName);
    found.push(...shapes);
    return [name, redacted.value];
  }
  if (URL_VALUED.has(lowerName)) return [name, redactUrl(value, found, lowerName)];
  if (lowerName === 'link') return [name, redactLink(value, found, lowerName)];
  const opaque = !KNOWN_RANDOM.has(lowerName);
  // JSON in a value (logged headers a proxy forwards, a context object) is read as JSON: its
  // `[name, value]` pairs and nested members are found as in a body.
  const json = opaque && /^\s*[[{]/.test(value) ? redactJson(value, found, lowerName) : null;
  return [name, json ?? redactText(value, found, lowerName, { opaque })];
}

/**
 * One header line as `explain` prints it, which prints header names (the server's needs, the checks,
 * the CORS headers) and the CORS headers' values, but no credential's value: its names written as
 * `redactHeader` writes them (the line's name, and each item of a list of header names), and as it
 * writes them the values read as a keyword (`Access-Control-Max-Age: ghp_...`,
 * `redact-engine-values.ts`) and the free text safelisted ones, which explain quotes when one needed
 * the server's permission (`Content-Type: application/json; key=ghp_...`, overwritten in place: the
 * safelist rules read it as captured; session 42). Every other value is kept: explain masks URLs and origins its own way
 * (`masked-url-secrets.ts`), and the values its `--json` shows as the layers' evidence where it
 * prints them (`redactEvidenceValue`).
 */
export function redactExplainedLine(line: HeaderLine, listed: ListedName, numbers: SecretNameNumbers): HeaderLine {
  if (!plainName(line[0])) {
    const shown = oddHeaderLine(line[0], '', [])[0];
    return shown === line[0] ? line : [shown, line[1]];
  }
  const alone = tokenName(line[0], [], numbers);
  const paired = listed(line[0]);
  const name = paired !== undefined && paired.toLowerCase() !== line[0].toLowerCase() ? paired : alone;
  const lowerName = line[0].toLowerCase();
  let value = line[1];
  if (NAME_LISTS.has(lowerName)) value = redactListedNames(value, [], listed, numbers);
  else if (isKeywordValued(lowerName) || isFreeTextSafelisted(lowerName)) value = redactEngineValue(lowerName, value, [], numbers);
  return name === line[0] && value === line[1] ? line : [name, value];
}

/**
 * A value the server's layers are read from (`Server`, `Via`, `X-Powered-By`, ...), as `explain
 * --json` prints it in `layers[].evidence`: as the exports write it (`X-Powered-By: Express <key>`
 * was printed as captured, session 41). Written where it is printed, not in the exchange explain
 * reads: such values are often new in every response (a CDN's request id, a `Via` host), and
 * writing each of them in every exchange cost ~100 us a request. The engine's own values (a CORS
 * header's) are masked in the exchange already (`redactExplainedLine`, `masked-url-secrets.ts`);
 * `Set-Cookie`'s evidence is a cookie's fixed name (`laravel_session`), never its value.
 */
export function redactEvidenceValue(header: string, value: string, numbers: SecretNameNumbers): string {
  const lowerName = header.toLowerCase();
  if (lowerName === 'set-cookie' || !valueIsRead(lowerName) || valueDecidesVerdict(lowerName)) return value;
  return redactHeader([header, value], [], NO_PAIRING, numbers)[1];
}

/** A header name as `redactHeader` writes it alone, numbered by the export's `numbers`. */
export function redactHeaderName(name: string, numbers: SecretNameNumbers): string {
  return plainName(name) ? tokenName(name, [], numbers) : oddHeaderLine(name, '', [])[0];
}

export function redactHeaders(headers: HeaderList, found: Redaction[] = [], listed: ListedName = NO_PAIRING, numbers?: SecretNameNumbers): HeaderLine[] {
  return headers.map((line) => redactHeader(line, found, listed, numbers));
}
