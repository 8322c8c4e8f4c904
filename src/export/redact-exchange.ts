// One whole exchange with its secrets replaced by placeholders: what every default export (curl,
// bundle, Markdown report, HAR) starts from. Header names (but those no browser sends and secrets'
// shapes used as names: `redact-header.ts`), the values the engine reads, methods (but secrets' shapes
// used as methods: `secret-methods.ts`), origins and statuses stay as they were, so the engine
// reaches the same verdict on the redacted exchange as on the captured one (property tests check it
// on arbitrary exchanges).

import type { HeaderLine, HeaderList, ObservedExchange, ObservedHop, ObservedPreflight, ObservedResponse } from '../cors/index.ts';
import { firstHeader } from '../capture/index.ts';
import { redactBody } from './redact-body.ts';
import { changedEngineValues, redactEngineValue } from './redact-engine-values.ts';
import { isCodeAlone, redactErrorText } from './redact-error-text.ts';
import { CUT_NAME_MARKER, type ListedName, redactHeaderName, redactHeaders } from './redact-header.ts';
import { redactText, redactUrl } from './redact-text.ts';
import { placeholder, SECRET_KINDS, type Redaction } from './redaction.ts';
import { SecretNameNumbers, headerNameSources } from './secret-name-numbers.ts';
import { redactMethod, renamedMethods } from './secret-methods.ts';

export { redactBody } from './redact-body.ts';

/** How an exchange's header names are written: as its lines that name them (`listed`), numbered per export. */
interface Naming {
  listed: ListedName;
  numbers: SecretNameNumbers;
}

function redactResponse(response: ObservedResponse | null, found: Redaction[], naming: Naming): ObservedResponse | null {
  if (response === null) return null;
  const out: ObservedResponse = { status: response.status, headers: redactHeaders(response.headers, found, naming.listed, naming.numbers) };
  // Where the redirect pointed, redacted as its `Location` line would be.
  if (response.locationUrl !== undefined) out.locationUrl = redactUrl(response.locationUrl, found, 'location');
  if (response.fromCache === true) out.fromCache = true;
  return out;
}

function redactPreflight(preflight: ObservedPreflight, found: Redaction[], naming: Naming): ObservedPreflight {
  const out: ObservedPreflight = {
    url: redactUrl(preflight.url, found),
    requestHeaders: redactHeaders(preflight.requestHeaders, found, naming.listed, naming.numbers),
    response: redactResponse(preflight.response, found, naming),
  };
  // Chromium's own error text (`net::ERR_...`): the engine reads it, and reads it alike redacted.
  if (preflight.networkError !== undefined) out.networkError = redactErrorText(preflight.networkError, found, 'preflight-error-text');
  return out;
}

function redactHop(hop: ObservedHop, found: Redaction[], naming: Naming): ObservedHop {
  const out: ObservedHop = { url: redactUrl(hop.url, found), response: redactResponse(hop.response, found, naming) };
  if (hop.preflight !== undefined) out.preflight = redactPreflight(hop.preflight, found, naming);
  if (hop.preflightFromCache !== undefined) out.preflightFromCache = hop.preflightFromCache;
  // An age, and the Max-Age value of the preflight that made the entry: written as that line's value is
  // (a key there is a numbered placeholder, the same one, `redact-engine-values.ts`).
  const entry = hop.preflightCacheEntry;
  if (entry !== undefined) out.preflightCacheEntry = entry.maxAge === null ? entry : { ...entry, maxAge: redactEngineValue('access-control-max-age', entry.maxAge, found, naming.numbers) };
  if (hop.urlDiffersFromFirst !== undefined) out.urlDiffersFromFirst = hop.urlDiffersFromFirst;
  return out;
}

/**
 * The hops redacted, a hop whose URL now reads as the first's though it differed (`?token=aaa`, then
 * `?token=bbb`) saying so, so the console line keeps its "(redirected from ...)" (as `explain`'s masking does).
 */
function redactHops(hops: readonly ObservedHop[], found: Redaction[], naming: Naming): ObservedHop[] {
  const out = hops.map((hop) => redactHop(hop, found, naming));
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.url === out[0]!.url && hops[i]!.url !== hops[0]!.url) out[i]!.urlDiffersFromFirst = true;
  }
  return out;
}

/**
 * A copy of `exchange` with every secret the policy (redact.ts) finds replaced by a `REDACTED-...`
 * placeholder: in headers, hop and preflight URLs, URLs inside header values, and the request body.
 * `found` collects what was replaced (kind and where, never the value). `numbers` numbers the header
 * names shaped like a secret (`secret-name-numbers.ts`): an export of several exchanges passes its
 * own to each, and writes the engine's words and its commands with it too.
 */
export function redactExchange(exchange: ObservedExchange, found: Redaction[] = [], numbers = new SecretNameNumbers(headerNameSources([exchange]))): ObservedExchange {
  const { request } = exchange;
  const naming: Naming = { listed: listedNamesAsRedacted(exchange, numbers), numbers };
  const headers: HeaderLine[] = redactHeaders(request.headers, found, naming.listed, numbers);
  const out: ObservedExchange = {
    request: { ...request, method: redactMethod(request.method, found, 'method', numbers), headers },
    hops: redactHops(exchange.hops, found, naming),
  };
  // The page's origin, as its `Origin` line is written (a HAR's page origin is the `Origin` it sent).
  if (typeof request.initiatorOrigin === 'string') out.request.initiatorOrigin = redactEngineValue('origin', request.initiatorOrigin, found);
  if (request.body !== undefined) out.request.body = redactBody(request.body, found, firstHeader(request.headers, 'content-type') ?? '');
  // Chromium's words name headers (`Request header field X is not allowed`, failedParameter `X`): a
  // name redaction rewrites (no token, cut; a secret's shape) is written there as its lines write it,
  // before the text scan, which knows no name's bounds (a hostile HAR's `X-Token"abc..."` stayed
  // whole there, session 38), as `explain` writes them (`masked-header-names.ts`).
  let words: ((text: string) => string) | undefined;
  // And a value the engine reads that redaction rewrote (Chromium's failedParameter is the
  // Access-Control-Allow-Credentials value it refused), as the redacted line holds it, number and all.
  let values: ((text: string) => string) | undefined;
  // (Most texts are a code alone, or empty: the names are then not read.)
  const named = (text: string): string =>
    text === '' || isCodeAlone(text) ? text : (values ??= engineValuesAsRedacted(exchange, out))((words ??= headerNamesAsRedacted(exchange, numbers))(text));
  if (exchange.errorText !== undefined) out.errorText = redactErrorText(named(exchange.errorText), found);
  if (exchange.startedAt !== undefined) out.startedAt = exchange.startedAt;
  if (exchange.browserVerdict !== undefined) {
    out.browserVerdict =
      exchange.browserVerdict === null
        ? null
        : { corsError: exchange.browserVerdict.corsError, failedParameter: redactText(named(exchange.browserVerdict.failedParameter), found, 'failed-parameter') };
  }
  return out;
}

/** Every header list of `exchange`, request and responses, at every hop, in one order. */
export function allHeaderLists(exchange: ObservedExchange): HeaderList[] {
  const lists: HeaderList[] = [exchange.request.headers];
  for (const hop of exchange.hops) {
    if (hop.preflight !== undefined) {
      lists.push(hop.preflight.requestHeaders);
      if (hop.preflight.response !== null) lists.push(hop.preflight.response.headers);
    }
    if (hop.response !== null) lists.push(hop.response.headers);
  }
  return lists;
}

/**
 * What writes words the engine wrote about `exchange` as captured (a failedParameter, a headline)
 * with each engine-read value redaction changed (`redact-engine-values.ts`: an
 * `Access-Control-Allow-Origin` with a password, a `Content-Type` with an API key) as `redacted`
 * (`redactExchange(exchange)`) holds it. Most exchanges have none: the text is then returned as it is.
 */
export function engineValuesAsRedacted(exchange: ObservedExchange, redacted: ObservedExchange): (text: string) => string {
  const pairs = new Map<string, string>();
  const exported = allHeaderLists(redacted);
  allHeaderLists(exchange).forEach((headers, i) => changedEngineValues(headers, exported[i] ?? [], pairs));
  const page = exchange.request.initiatorOrigin;
  const pageOut = redacted.request.initiatorOrigin;
  if (typeof page === 'string' && typeof pageOut === 'string' && page !== pageOut) pairs.set(page, pageOut);
  if (pairs.size === 0) return (text) => text;
  // Longest first, so a value inside a longer one does not break the longer one's replacement.
  const ordered = [...pairs].sort((a, b) => b[0].length - a[0].length);
  return (text) => ordered.reduce((out, [value, shown]) => out.split(value).join(shown), text);
}

/**
 * Each header name of `exchange` (its lines' names, at every hop, and the items of its
 * Access-Control-Request-Headers) that redaction rewrites (`redact-header.ts`: a name that is no
 * token, a secret's shape used as a name), by its lower-cased form: the name as typed and its redacted form.
 */
function renamedHeaders(exchange: ObservedExchange, numbers: SecretNameNumbers): Map<string, [string, string]> {
  const renamed = new Map<string, [string, string]>();
  const add = (name: string) => {
    const lower = name.toLowerCase();
    const known = renamed.get(lower);
    // A name as typed wins over its lower-cased copy (the preflight's list, an HTTP/2 line): the rules
    // that find a secret's shape read more in its capitals (a JWT's header decodes; `AIza`, `SG.`).
    if (known !== undefined && (known[0] !== lower || name === lower)) return;
    const shown = redactHeaderName(name, numbers);
    if (shown !== name || known !== undefined) renamed.set(lower, [name, shown]);
  };
  for (const headers of allHeaderLists(exchange)) {
    for (const [name, value] of headers) {
      add(name);
      if (name.toLowerCase() === 'access-control-request-headers') for (const item of value.split(',')) if (item.trim() !== '') add(item.trim());
    }
  }
  return renamed;
}

/**
 * The items of a list of header names (Access-Control-Request-Headers, -Allow-Headers,
 * -Expose-Headers) as the exchange's own lines of those names are redacted: a name typed as the line
 * is typed as the line shows it, in any other case as that lower-cased. Redacting the lower-cased
 * copy on its own could miss what the typed one shows (a JWT no longer decodes) or cut it elsewhere:
 * the JWT then leaked, and the list no longer named the line, which changed the verdict of the
 * bundle re-imported (session 35). Names the exchange does not rename: undefined, redacted as themselves.
 * `numbers`: the export's (`redactExchange`).
 */
export function listedNamesAsRedacted(exchange: ObservedExchange, numbers: SecretNameNumbers): ListedName {
  const renamed = renamedHeaders(exchange, numbers);
  if (renamed.size === 0) return () => undefined;
  return (item) => {
    const pair = renamed.get(item.toLowerCase());
    if (pair === undefined) return undefined;
    return item === pair[0] ? pair[1] : lowerCasedKeepingPlaceholders(pair[1]);
  };
}

// Our placeholders, lower-cased: written back in capitals, so a reader still sees what was redacted.
const PLACEHOLDERS = [...SECRET_KINDS.map(placeholder), CUT_NAME_MARKER].sort((a, b) => b.length - a.length);
const LOWER_CASED_PLACEHOLDER = new RegExp(PLACEHOLDERS.map((word) => word.toLowerCase()).join('|'), 'g');

/** `name` lower-cased but for the placeholders in it: `X-REDACTED-JWT` → `x-REDACTED-JWT`. */
function lowerCasedKeepingPlaceholders(name: string): string {
  return placeholdersInCapitals(name.toLowerCase());
}

/**
 * Our placeholders in `name` written in capitals, the rest as it is: `x-redacted-jwt-2` →
 * `x-REDACTED-JWT-2`. The engine writes header names lower-cased; a line that names a header for a
 * reader (a probe's `--header`) shows what was redacted as the exports' lines show it.
 */
export function placeholdersInCapitals(name: string): string {
  return name.replace(LOWER_CASED_PLACEHOLDER, (word) => word.toUpperCase());
}

/**
 * What writes words the engine wrote about `exchange` as captured (a headline, Chromium's
 * failedParameter) with each header name that redaction rewrites (`redact-header.ts`: a name that
 * is no token, a secret's shape used as a name) as the redacted exchange shows it, as typed or
 * lower-cased, and each method shaped like a secret (`secret-methods.ts`), numbered by the export's
 * `numbers` as `redactExchange` numbered them. Most exchanges have none: the text is then returned as it is.
 */
export function headerNamesAsRedacted(exchange: ObservedExchange, numbers: SecretNameNumbers): (text: string) => string {
  const renamed: [string, string][] = [];
  for (const [lower, [name, shown]] of renamedHeaders(exchange, numbers)) {
    // A name typed in lower case reads the same as typed and lower-cased, and the engine writes names
    // lower-cased (Chromium's failedParameter does): its words then name the redacted name lower-cased
    // too, as an importer judging the redacted exchange again writes them, so the verdicts compare equal.
    if (name !== lower) renamed.push([name, shown]);
    renamed.push([lower, shown.toLowerCase()]);
  }
  // And its methods shaped like a secret (`secret-methods.ts`): one list, so the longest goes first
  // whether it is a name or a method.
  renamed.push(...renamedMethods(exchange.request.method, allHeaderLists(exchange), numbers));
  if (renamed.length === 0) return (text) => text;
  // Longest first, so a name inside a longer one does not break the longer one's replacement.
  renamed.sort((a, b) => b[0].length - a[0].length);
  return (text) => renamed.reduce((out, [name, shown]) => out.split(name).join(shown), text);
}

/** The same redactions once each (kind and where), in the order first met. */
export function distinctRedactions(redactions: readonly Redaction[]): Redaction[] {
  const seen = new Set<string>();
  const out: Redaction[] = [];
  for (const redaction of redactions) {
    const key = `${redaction.kind}\n${redaction.where}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: redaction.kind, where: redaction.where });
  }
  return out;
}
