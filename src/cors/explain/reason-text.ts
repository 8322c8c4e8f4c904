// The explanation a person reads: what the browser asked, what the server answered, why that
// fails, in plain words. One paragraph per Diagnosis; the values are the exchange's own.

import { CHROMIUM_RULES, FIREFOX_RULES } from '../browser-rules.ts';
import type { CorsError } from '../cors-error.ts';
import { corsErrorFacts } from '../cors-errors/index.ts';
import type { Diagnosis, NetworkFailure, UrlProblem } from '../diagnosis.ts';
import type { HeaderList, ObservedExchange } from '../exchange.ts';
import { listHas, parseAllowList } from '../allow-list.ts';
import { headerLines, headerLinesJoined } from '../header-list.ts';
import { isRedirectHop, isRedirectStatus, responseLocation } from '../redirect.ts';
import type { AdviceBrowser } from './advisory-text.ts';
import { escapeControls } from './escape.ts';
import { isToken } from './snippet-values.ts';
import { explainFacts, worthExposing } from './facts.ts';
import { followedPastCapture } from './headline.ts';
import { privateNetworkText } from './private-network-text.ts';
import { describeOriginDifferences } from './origin-difference.ts';
import { failedCheckExpected, failureReason, HEADER_WORDS, METHOD_WORDS, notSafelistedWords } from './reason-words.ts';
import { keptMethods, neededPolicy } from './policy.ts';
import { type EdgeAnswer, edgeAnswer } from './layers/edge-answer.ts';

const NETWORK_TEXT: Record<NetworkFailure['kind'], string> = {
  'connection-refused': 'Nothing is listening at that address: the server is not running, or the host or port is wrong.',
  dns: 'The host name could not be resolved (DNS): check the spelling of the host, or your DNS/hosts file.',
  tls: 'The TLS handshake failed (certificate not trusted, expired, or for another name).',
  timeout: 'The server did not answer in time.',
  reset: 'The connection was closed or reset before a response arrived.',
  aborted: 'The request was cancelled (by the page, a navigation, or a timeout in the page).',
  'blocked-by-client': 'An extension (an ad or privacy blocker) blocked the request.',
  other: 'The request failed on the network.',
};

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const q = (s: string | null | undefined): string => (s === null || s === undefined ? 'nothing' : `'${s}'`);

// Items of an unparsable list said one by one: a hostile capture may hold thousands.
const NOT_METHOD_NAMES_SAID = 4;

/** The first character of `item` no method name (token) holds, in words: `';'`, `a space`. */
function notTokenCharWords(item: string): string {
  const ch = [...item].find((c) => !isToken(c)) ?? '';
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  if (ch === '"') return 'a double quote';
  return /^[\x21-\x7e]$/.test(ch) ? `'${ch}'` : `the character U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The rest of the sentence saying an Access-Control-Allow-Methods list is unparsable: why, item by
 * item (`keptMethods`' dropped ones), and `send`, the line that leaves them out. The browser splits
 * the list at commas only (https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split), so
 * `GET;PATCH` is one item, and no method name; what it stands for is the server's to say.
 */
function notMethodNamesWords(dropped: readonly string[], send: string): string {
  if (dropped.length === 0) return `. Separate the methods with commas: ${send}.`;
  const said = dropped.slice(0, NOT_METHOD_NAMES_SAID).map((item) => `${q(item)} (it holds ${notTokenCharWords(item)})`);
  const more = dropped.length - said.length;
  const items = more > 0 ? `${said.join(', ')} and ${more} more` : said.length === 1 ? said[0] : `${said.slice(0, -1).join(', ')} and ${said[said.length - 1]}`;
  const one = dropped.length === 1;
  return `: it splits the list at commas only, and ${items} ${one ? 'is not a method name' : 'are not method names'}. Leave ${one ? 'it' : 'them'} out: send ${send}. If ${one ? 'it stands' : 'one stands'} for several methods, list each of them, separated by commas.`;
}

const REDIRECT_LOOP_WORDS =
  'The browser stops after 20 redirects: the URL redirects in a loop (often between http and https, or with and without a trailing slash). Fix the redirect rules on the server.';

/**
 * Words for a few failures no kind names, by the browser's error text: what the browser did, in a
 * developer's terms. https://fetch.spec.whatwg.org/#http-redirect-fetch (20 redirects at most, in
 * Chromium and in Firefox, whose capture says NS_ERROR_REDIRECT_LOOP).
 */
const ERROR_TEXT_WORDS: Readonly<Record<string, string>> = {
  [CHROMIUM_RULES.tooManyRedirectsErrorText]: REDIRECT_LOOP_WORDS,
  [FIREFOX_RULES.tooManyRedirectsErrorText]: REDIRECT_LOOP_WORDS,
  'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS':
    "Chromium's Local Network Access check refused it before sending: a page on a more public network asked a more private address (this device or the local network) from an http page or without the user's permission.",
};

function networkText(d: Diagnosis, exchange: ObservedExchange, url: string): string {
  const refused = redirectRefusedText(d, exchange);
  if (refused !== null) return refused;
  const f = d.networkFailure;
  const which = f?.phase === 'preflight' ? 'The preflight (OPTIONS) request' : 'The request';
  const why = (f?.errorText === undefined ? undefined : ERROR_TEXT_WORDS[f.errorText]) ?? NETWORK_TEXT[f?.kind ?? 'other'];
  return `${which} to ${url} failed with ${f?.errorText ?? 'a network error'} before any response arrived. This is not a CORS problem. ${why} The browser never got headers to check, so changing CORS settings will not help.`;
}

/** `scheme://user:password@host`: a URL whose authority carries credentials. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

/**
 * A redirect the browser got and refused to follow (the failed redirect check says which rule), a
 * network error to the page though a response did arrive: its words, or null for another failure.
 * https://fetch.spec.whatwg.org/#http-redirect-fetch, #http-fetch (redirect mode), #main-fetch (mode).
 */
function redirectRefusedText(d: Diagnosis, exchange: ObservedExchange): string | null {
  const check = d.checks.find((c) => c.outcome === 'failed' && c.phase === 'redirect');
  if (check === undefined) return null;
  const hop = exchange.hops[check.hop];
  const response = hop?.response;
  if (hop === undefined || response === null || response === undefined) return null;
  const location = responseLocation(response) ?? '';
  let why: string;
  switch (check.name) {
    case 'redirect-mode':
      why = "the page's fetch() asked for redirect: 'error', which makes any redirect a network error. Drop that option, or have the page call the final URL.";
      break;
    case 'request-mode':
      why = "the request used mode 'same-origin', and the redirect leads to another origin. Use mode 'cors' (the fetch() default), or keep the redirect within the page's origin.";
      break;
    case 'redirect-location':
    case 'cors-enabled-scheme':
      why = URL_WITH_CREDENTIALS.test(location)
        ? "its Location carries a user name and password (user:password@), and Chromium refuses to follow such a redirect even in mode 'no-cors' (the standard refuses it in mode 'cors' only). Redirect to the URL without them, and authenticate another way."
        : 'a fetch follows a redirect only to an http: or https: URL. Redirect to one.';
      break;
    default:
      return null;
  }
  // A Location with a password is not repeated: the words may be shared.
  const shown = location === '' || URL_WITH_CREDENTIALS.test(location) ? '' : ` to ${location}`;
  return `The server answered ${hop.url} with a redirect (${response.status}${shown}), and the browser refused to follow it: ${why} The page gets a network error (${d.networkFailure?.errorText || 'no error text'}); this is not a CORS failure, and no CORS header changes it.`;
}

/**
 * An error status (4xx/5xx) beside the CORS failure. On the actual response, a missing
 * Access-Control-Allow-Origin is often the error page's doing; on a preflight the status itself fails
 * it (https://fetch.spec.whatwg.org/#cors-preflight-fetch: "a CORS check ... returns success and
 * response's status is an ok status"), whatever headers come with it, which the preflight's own words
 * (`preflightStatusCause`) say: CORS headers on an error answer to OPTIONS would not help.
 */
function errorResponseText(d: Diagnosis): string {
  const e = d.errorResponse;
  if (!e || e.phase === 'preflight') return '';
  if (d.corsError !== 'MissingAllowOriginHeader') return ` The response was also an error (${e.status}): check the server log for why, and keep its CORS headers right on error responses too.`;
  return ` The response was an error (${e.status}), and it came without CORS headers: many servers add them only on success, or the error happens before the CORS middleware runs. Fix the ${e.status} first (check the server log), and make the CORS headers go out on error responses too.`;
}

/**
 * Why an OPTIONS request gets a status that is not ok (not 200-299), in words a developer can act on:
 * the usual cause differs by status.
 */
function preflightStatusCause(status: number, location: string | null, edge: EdgeAnswer | null = null, method = ''): string {
  if (edge !== null) return edgeCause(edge, status, method);
  if (isRedirectStatus(status) && location !== null) {
    return `a ${status} is a redirect, and a preflight may not be redirected: answer OPTIONS at this URL, or have the page call the final URL`;
  }
  if (status >= 300 && status < 400) {
    // 300, 304, 305, or a redirect status without Location: a final answer, not a redirect.
    const what = isRedirectStatus(status) ? `a ${status} with no Location` : `a ${status}`;
    return `${what} is no redirect the browser could follow, and not the 2xx it needs: answer OPTIONS at this URL with 200 or 204`;
  }
  if (status === 401 || status === 403 || status === 407) {
    return `a ${status} means authentication or an access rule rejected it: a preflight never carries cookies or Authorization, so let OPTIONS through without auth`;
  }
  if (status === 404 || status === 405 || status === 501) return `a ${status} means no route answers OPTIONS for this URL`;
  if (status >= 500) return `a ${status} means the server failed while answering OPTIONS: check its log`;
  return `the server refused the OPTIONS request (${status}): answer it with 200 or 204`;
}

/** A CDN in front answered the OPTIONS itself: the request never reached the server behind it. */
function edgeCause(edge: EdgeAnswer, status: number, method: string): string {
  switch (edge) {
    case 'cloudfront-refused':
      return `CloudFront answered the ${status} itself (X-Cache: Error from cloudfront): the OPTIONS never reached your server, so neither its CORS setup nor its auth is the cause. CloudFront refuses a method its cache behavior does not allow: in the behavior for this path, allow OPTIONS${method !== '' && method !== 'GET' && method !== 'HEAD' ? ` and ${method} (GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE)` : ' (GET, HEAD, OPTIONS)'}, and forward Origin, Access-Control-Request-Method and Access-Control-Request-Headers to the origin with an origin request policy (the managed CORS-CustomOrigin, or CORS-S3Origin for S3), with OPTIONS cached by those headers; or let CloudFront answer CORS with a response headers policy`;
    case 'cloudflare-origin-error':
      return `Cloudflare answered the ${status} itself: it sends 52x when the origin server behind it gave no usable answer (down, timed out, refused the connection or the TLS handshake), so no server of yours answered the OPTIONS. Fix the origin's availability first (its log, and Cloudflare's 5xx troubleshooting page); CORS headers are not the cause yet`;
    case 'cloudflare-challenge':
      return `Cloudflare answered the ${status} itself with a challenge (cf-mitigated: challenge): a security rule (WAF, Bot Fight Mode, Under Attack) stopped the OPTIONS, which cannot solve a challenge. Skip that rule for OPTIONS requests to this API`;
  }
}

function urlProblemText(problem: UrlProblem): string {
  const which = problem.hop === 0 ? "the request's URL" : `the URL of redirect ${problem.hop}`;
  if (problem.kind === 'opaque-blob') {
    return `The page has an opaque origin (a sandboxed iframe, or a document loaded from a data: URL) and fetched ${problem.url}, a blob: URL made by a page of an opaque origin. Only the browser knows whether both are the same page: if they are, the request is same-origin and succeeds; if not, the browser refuses it, since a blob: URL of another origin cannot be fetched with CORS.`;
  }
  return `The capture gives ${which} as '${problem.url}', which is not a valid URL (a relative path, no scheme, or a bad host or port). A browser only sends requests to valid absolute URLs, so the capture was edited or recorded the URL in another form, and what the browser did cannot be told from it. Check that URL in the capture.`;
}

/** The capture ends at hop `hop`'s redirect and does not show what the browser made of it. */
function redirectStopText(exchange: ObservedExchange, hop: number): string {
  const h = exchange.hops[hop];
  return `The capture ends at the redirect from ${h?.url ?? 'the request'} (status ${h?.response?.status ?? '?'}) and does not show what the browser did with it: follow it (the next request is then missing from the capture), hand it to the page (redirect: 'manual', an opaque redirect), or fail the request (redirect: 'error', a network error). Firefox's DevTools HAR records neither the page's redirect mode nor the error, so it lists the last two alike. Look at the browser console, or the page's fetch() call, to tell.`;
}

/**
 * The browser's rules (Firefox's) send a preflight at the failing hop that the capture holds no
 * answer to (`Diagnosis.preflightUnanswered`): after an earlier hop's preflight
 * (`Diagnosis.preflight.hop` before it), or on the headers the page set, which the redirect removed
 * (`Diagnosis.preflight.reasons`).
 */
function unansweredPreflightText(diagnosis: Diagnosis, exchange: ObservedExchange): string {
  const f = explainFacts(diagnosis, exchange);
  const unanswered = `The capture holds no answer to that preflight (the browser that made it sent none), so whether Firefox lets the response through cannot be told from it: ${f.url} must answer OPTIONS with a 2xx and Access-Control-Allow-Origin: ${f.hopOrigin}. Capture the request in Firefox, or probe the URL.`;
  // An earlier hop needed its own preflight: Firefox keeps asking for one at every hop after it.
  if (diagnosis.preflight.hop < f.hop) {
    return `The page at ${f.pageOrigin} sent ${f.firstMethod} ${f.firstUrl}, which needed a preflight there and redirected to ${f.url}. The request as sent there (${f.method}) needs none, so Chromium sends it without one, but Firefox keeps a request's preflight across its redirects and sends a preflight (OPTIONS, Access-Control-Request-Method: ${f.method}) to ${f.url} first. ${unanswered}`;
  }
  const names = diagnosis.preflight.reasons.flatMap((r) => (r.kind === 'header' ? [r.why === 'name' ? titleCase(r.name) : `${titleCase(r.name)}: ${r.value}`] : []));
  const set = names.length === 0 ? 'CORS-unsafe headers' : names.join(', ');
  return `The page at ${f.pageOrigin} sent ${f.firstMethod} ${f.firstUrl} with ${set}, which redirected to ${f.url}. The redirect removed ${names.length === 1 ? 'it' : 'them'}, so Chromium sends the ${f.method} there without a preflight, but Firefox decides on the headers the page set and sends a preflight (OPTIONS, Access-Control-Request-Method: ${f.method}) to ${f.url} first. ${unanswered}`;
}

/**
 * Blocked, with a preflight the browser's rules (Firefox's) send before the failing response that
 * the capture holds no answer to (`Diagnosis.preflightUnansweredAt`): said, and why it does not
 * change the verdict. Empty when there is none.
 */
function unansweredPreflightBeforeBlockText(diagnosis: Diagnosis, exchange: ObservedExchange): string {
  const at = diagnosis.preflightUnansweredAt;
  if (at === undefined) return '';
  const url = exchange.hops[at]?.url ?? 'the URL it redirected to';
  const names = diagnosis.preflight.reasons.flatMap((r) => (r.kind === 'header' ? [r.why === 'name' ? titleCase(r.name) : `${titleCase(r.name)}: ${r.value}`] : []));
  // As for an uncertain verdict (`unansweredPreflightText`): carried from an earlier hop's
  // preflight, or asked for by the headers the page set, which the redirect removed.
  const why =
    diagnosis.preflight.hop < at || names.length === 0
      ? "it keeps a request's preflight across its redirects"
      : `it decides on the headers the page set (${names.join(', ')}), though the redirect removed ${names.length === 1 ? 'it' : 'them'}`;
  return ` Firefox would also have sent a preflight (OPTIONS) to ${url} after the redirect, because ${why}; the capture does not hold that preflight (the browser that made the capture sent none). The request is blocked whatever it answered: a failed preflight blocks the request, and a passing one lets it go on to this same failure, whose check reads no preflight.`;
}

/** A lower-case header name as it is usually written (`content-type` → `Content-Type`). */
function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function followedText(exchange: ObservedExchange, hop: number): string {
  const h = exchange.hops[hop];
  const location = responseLocation(h?.response);
  return `The redirect from ${h?.url ?? 'the request'} (status ${h?.response?.status ?? '?'}) passes the browser's checks, and the browser follows it${location === null ? '' : ` to ${location}`}. What that URL answers was not captured, so whether the page can read it is not known: it needs the CORS headers too (after a redirect to another origin, the browser sends Origin: null there). Capture the request again, or probe the URL it redirects to.`;
}

/**
 * The explanation, one paragraph: the engine's prose holds no line break of its own, and a captured
 * value's (a hand-made HAR's URL or header) started a line of its own in `explain`'s text (session
 * 30): shown as an escape (`\u000A`) instead.
 */
export function explanationText(diagnosis: Diagnosis, exchange: ObservedExchange, judgedBy: AdviceBrowser = 'chromium'): string {
  return escapeControls(explanationWords(diagnosis, exchange, judgedBy));
}

/**
 * The CORS header the response check read from the browser's cached copy, a 304 to its revalidation
 * having left it out (stored-response.ts: the check is recorded `skipped`), when one did.
 */
function cachedCopyHeader(d: Diagnosis): string | null {
  const check = d.checks.find((c) => c.phase === 'response' && c.outcome === 'skipped' && (c.name === 'allow-origin' || c.name === 'allow-credentials'));
  if (check === undefined) return null;
  return check.name === 'allow-origin' ? 'Access-Control-Allow-Origin' : 'Access-Control-Allow-Credentials';
}

function cachedCopyText(header: string): string {
  return `The server answered 304 Not Modified to the browser's revalidation of its cached copy, without ${header}: the browser checked the ${header} of its cached response, updated with the 304's headers (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch).`;
}

/**
 * The conditional header the browser adds to revalidate its cached copy, as the request carried it
 * (stored-response.ts reads If-None-Match or If-Modified-Since).
 */
function conditionalHeaderOf(exchange: ObservedExchange): string {
  return headerLinesJoined(exchange.request.headers, 'if-none-match') === null && headerLinesJoined(exchange.request.headers, 'if-modified-since') !== null ? 'If-Modified-Since' : 'If-None-Match';
}

/** Why the capture cannot place the conditional header (stored-response.ts `unknown`). */
const UNKNOWN_CONDITIONAL_WHY = 'the request needed a preflight and none was recorded (it came from the preflight cache), so it does not show which headers the page set';

/**
 * A 304 without `header` to a request whose conditional header the capture cannot place (no preflight
 * recorded for a request that needed one: stored-response.ts `unknown`), the browser reporting nothing.
 */
function unknownConditionalText(header: string, exchange: ObservedExchange): string {
  const conditional = conditionalHeaderOf(exchange);
  return `The server answered 304 Not Modified without ${header}. If the browser sent ${conditional} to revalidate its cached copy, it checked the ${header} of that cached response (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch); if the page set it, the 304 was checked as it came and is blocked without ${header}. The capture cannot tell which: ${UNKNOWN_CONDITIONAL_WHY}. Sending ${header} on the 304 too makes both pass; the browser console says which happened.`;
}

/**
 * The browser whose rules judged the exchange: its name, how it names a CorsError, and how a reason
 * the capture recorded is told (only Chromium's captures record one, `ObservedExchange.browserVerdict`).
 */
interface ReasonNames {
  readonly browser: string;
  readonly name: (error: CorsError) => string;
  readonly recorded: (error: CorsError, why: string | undefined) => string;
}

const inParentheses = (why: string | undefined): string => (why === undefined ? '' : ` (${why})`);

/** Chromium's reasons are the CorsError codes themselves; Firefox's, its console's (the MDN page's name). */
const REASON_NAMES: Record<AdviceBrowser, ReasonNames> = {
  chromium: { browser: 'Chromium', name: (error) => error, recorded: (error, why) => `Chromium reported ${error}${inParentheses(why)}` },
  firefox: {
    browser: 'Firefox',
    name: firefoxName,
    recorded: (error, why) => `Chromium, which made the capture, reported ${error}, ${firefoxName(error)} in Firefox${inParentheses(why)}`,
  },
};

function firefoxName(error: CorsError): string {
  return corsErrorFacts(error).firefox ?? error;
}

/**
 * A 304 to the browser's revalidation left out a CORS header and the browser blocked the response:
 * the check read the browser's cached copy (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch),
 * whose headers the capture does not hold. What failed there is Chromium's recorded reason when the
 * capture has it (only Chromium's captures record one), else one of `cachedCopyBlocked.oneOf`; the
 * fix covers each. The reasons are named as the browser whose rules judged (`names`) names them.
 * Where the capture cannot tell that revalidation from the page's own conditional request
 * (`revalidationUnknown`), the words say both readings: the 304 as it came, or the cached copy; the
 * same fix covers both.
 */
function cachedCopyBlockedText(diagnosis: Diagnosis, exchange: ObservedExchange, cached: NonNullable<Diagnosis['cachedCopyBlocked']>, names: ReasonNames): string {
  const origin = diagnosis.requestOrigins[diagnosis.failedAt?.hop ?? 0] ?? 'null';
  const unknown = cached.revalidationUnknown === true;
  const conditional = conditionalHeaderOf(exchange);
  const copy = "the browser checked its cached copy after the 304 (the stored response, updated with the 304's headers: https://fetch.spec.whatwg.org/#http-network-or-cache-fetch); the capture does not show that copy's headers.";
  // What is known (the 304 lacked the header, the browser blocked), then what is not: which request
  // the 304 answered, and so what the browser checked.
  const lead = (header: string): string =>
    unknown
      ? `The server answered 304 Not Modified without ${header}, and the browser blocked the response. The capture cannot tell which request the 304 answered: ${UNKNOWN_CONDITIONAL_WHY}. If the page set ${conditional} itself, the browser checked the 304 as it came, which has no ${header}. If the browser sent ${conditional} to revalidate its cached copy, it checked that copy after the 304 (the stored response, updated with the 304's headers: https://fetch.spec.whatwg.org/#http-network-or-cache-fetch), whose headers the capture does not show.`
      : `The server answered 304 Not Modified to the browser's revalidation of its cached copy, without ${header}, and the browser blocked the response: ${copy}`;
  // RFC 9111 §4.3.4 (with §3.2): the 304's header fields replace the stored ones of the same name; the others stay as stored.
  const replaces = "A 304 replaces each stored header field it carries and leaves the others as stored (RFC 9111 section 4.3.4), so the 304's value replaces whatever the cached copy holds.";
  if (cached.header === 'access-control-allow-credentials') {
    const failed = unknown
      ? `Either way the Access-Control-Allow-Credentials the browser checked was absent or not true (${names.name('InvalidAllowCredentials')}), which credentials "include" refuse.`
      : `Its Access-Control-Allow-Credentials was absent or not true (${names.name('InvalidAllowCredentials')}), which credentials "include" refuse.`;
    return `${lead('Access-Control-Allow-Credentials')} ${failed} Send Access-Control-Allow-Credentials: true on both the 200 and the 304 answers${unknown ? ', which covers both' : ''}. ${replaces}`;
  }
  const why: Partial<Record<CorsError, string>> = {
    MissingAllowOriginHeader: 'the cached copy had no Access-Control-Allow-Origin either',
    AllowOriginMismatch: "the cached copy had another origin's Access-Control-Allow-Origin: it was stored from a request of another page origin, such as a same-site sibling that shares the browser's cache, and the response had no Vary: Origin",
    WildcardOriginNotAllowed: 'the cached copy had Access-Control-Allow-Origin: *, which a request with credentials cannot use',
  };
  const reason = (error: CorsError): string => `${names.name(error)}${inParentheses(why[error])}`;
  const oneOf = cached.oneOf;
  const error = diagnosis.corsError!;
  const verdict = unknown
    ? oneOf === undefined
      ? `${names.recorded(error, undefined)}, which either reading gives (${reason(error)}, if it was the cached copy).`
      : `${names.browser}'s reason is ${names.name('MissingAllowOriginHeader')} for the 304 as it came; for the cached copy, one of ${oneOf.map(reason).join(', or ')}. The browser console says which.`
    : oneOf === undefined
      ? `${names.recorded(error, why[error])}.`
      : `So ${names.browser}'s reason is one of ${oneOf.map(reason).join(', or ')}; the browser console says which.`;
  const covers = unknown ? 'every reading' : oneOf === undefined || oneOf.length === 2 ? 'both' : 'each';
  return `${lead('Access-Control-Allow-Origin')} ${verdict} The fix covers ${covers}: send Access-Control-Allow-Origin: ${origin} and Vary: Origin on both the 200 and the 304 answers. ${replaces} Vary: Origin keeps a copy stored for one origin from being reused for another (RFC 9111 section 4.1).`;
}

function explanationWords(diagnosis: Diagnosis, exchange: ObservedExchange, judgedBy: AdviceBrowser): string {
  const f = explainFacts(diagnosis, exchange);
  const cached = diagnosis.verdict === 'allowed' || diagnosis.verdict === 'uncertain' ? cachedCopyHeader(diagnosis) : null;
  switch (diagnosis.verdict) {
    case 'allowed': {
      const hidden = (diagnosis.exposure?.hidden ?? []).filter(worthExposing);
      const lead = cached === null
        ? `The server answered with CORS headers that let ${f.pageOrigin} read the response.`
        : `${cachedCopyText(cached)} It let ${f.pageOrigin} read the response. A request the page makes conditional itself (If-None-Match) gets the 304 as it came, and is blocked without ${cached} on it.`;
      return lead +
        (hidden.length > 0 ? ` ${hiddenHeadersText(hidden, diagnosis.exposure?.exposeHeaders ?? null, f.credentials)}` : '');
    }
    case 'not-cors':
      if (diagnosis.notCors === 'data-url') {
        return 'The request was for a data: URL. The browser decodes it itself, with no server and no CORS check (https://fetch.spec.whatwg.org/#main-fetch), so the page can read the response whatever its origin.';
      }
      if (diagnosis.mode === 'no-cors') return "The request used mode 'no-cors': the browser did not check CORS, and the page gets an opaque response it cannot read (status 0, no body, no headers).";
      if (diagnosis.notCors === 'opaque-redirect') {
        return "The capture ends at the redirect with no error: the page asked for it with redirect: 'manual' and got an opaque redirect (status 0, no headers, no Location), which the browser did not follow. The redirect itself passed the CORS check.";
      }
      if (diagnosis.notCors === 'navigate') return 'A navigation (a page or frame loading the URL) is not a CORS request.';
      return 'The request went to the page\'s own origin, so CORS does not apply.';
    case 'uncertain':
      if (diagnosis.urlProblem) return urlProblemText(diagnosis.urlProblem);
      if (followedPastCapture(diagnosis) && diagnosis.failedAt !== null) return followedText(exchange, diagnosis.failedAt.hop);
      if (diagnosis.redirectModeUnknown === true && diagnosis.failedAt !== null) return redirectStopText(exchange, diagnosis.failedAt.hop);
      if (diagnosis.preflightUnanswered === true) return unansweredPreflightText(diagnosis, exchange);
      if (cached !== null) return unknownConditionalText(cached, exchange);
      return 'The capture does not hold enough to tell why the browser failed this request (for example the preflight or the response headers were not recorded). Look at the browser console for its own message.';
    case 'network-error':
      return networkText(diagnosis, exchange, f.url);
    case 'blocked':
      break;
  }
  const error = diagnosis.corsError;
  if (error === null) return 'The browser blocked the response.';
  if (diagnosis.cachedCopyBlocked !== undefined) return cachedCopyBlockedText(diagnosis, exchange, diagnosis.cachedCopyBlocked, REASON_NAMES[judgedBy]);
  return reasonText(error, diagnosis, exchange) + errorResponseText(diagnosis) + unansweredPreflightBeforeBlockText(diagnosis, exchange);
}

/**
 * Response headers the page cannot read, and why the server's Access-Control-Expose-Headers (if any)
 * did not expose them: https://fetch.spec.whatwg.org/#main-fetch (the CORS-exposed header-name list:
 * a list that does not parse exposes nothing; `*` is a wildcard only without credentials).
 */
function hiddenHeadersText(hidden: readonly string[], exposeHeaders: string | null, credentials: boolean): string {
  const names = hidden.join(', ');
  if (exposeHeaders === null) return `The page cannot read these response headers unless Access-Control-Expose-Headers lists them: ${names}.`;
  const list = parseAllowList(exposeHeaders, true);
  if (list === null) {
    return `The page cannot read these response headers: ${names}. The response's Access-Control-Expose-Headers (${q(exposeHeaders)}) is not a comma-separated list of header names, so the browser exposes none of them: separate the names with commas.`;
  }
  if (credentials && listHas(list, '*')) {
    return `The page cannot read these response headers: ${names}. The request was sent with credentials, so the * in Access-Control-Expose-Headers is the literal name *, not a wildcard: list the headers by name.`;
  }
  return `The page cannot read these response headers, which Access-Control-Expose-Headers (${q(exposeHeaders)}) does not list: ${names}.`;
}

/**
 * What lets a request through after a redirect from another origin tainted it (the browser then
 * sends `Origin: null`: https://fetch.spec.whatwg.org/#http-redirect-fetch step 14): `*` without
 * credentials; with them only `null` would, which any sandboxed iframe or opaque origin also sends.
 */
function taintedOriginAdvice(credentials: boolean): string {
  return credentials
    ? 'After the redirect from another origin the browser sent Origin: null, with credentials: only Access-Control-Allow-Origin: null (and Access-Control-Allow-Credentials: true) would pass, and null is also the origin of sandboxed iframes and file: pages, so do not allow it: have the page call the final URL instead of the redirect.'
    : 'After the redirect from another origin the browser sent Origin: null: Access-Control-Allow-Origin: * on this response lets it through (the data is then readable by any page). Do not allow null: sandboxed iframes and file: pages send it too. Or have the page call the final URL instead of the redirect.';
}

/**
 * The same for a page whose own origin is opaque (`null`: a sandboxed iframe, a data: or file:
 * document), not made so by a redirect: naming `null` back would trust every such page.
 */
function opaqueOriginAdvice(credentials: boolean): string {
  return credentials
    ? 'The page has an opaque origin (null: a sandboxed iframe, a data: or file: document) and sends credentials. Credentials from an opaque origin cannot be allowed safely: only Access-Control-Allow-Origin: null would pass, and every other sandboxed iframe, data: and file: document sends that same null, so allowing it lets all of them read what the user can: do not allow it. No server header is the fix: serve the page from its own origin (over http or https) and allow that one.'
    : 'The page has an opaque origin (null: a sandboxed iframe, a data: or file: document): for data anyone may read (no credentials), Access-Control-Allow-Origin: * lets it through. Do not allow null: any page can take that origin on (a sandboxed iframe, a data: document).';
}

/**
 * What the server sent instead of `Access-Control-Allow-Credentials: true`: nothing, an empty value, or
 * several lines, which the browser reads as one value joined by ", " (https://fetch.spec.whatwg.org/#concept-header-list-get).
 */
function allowCredentialsSent(d: Diagnosis, headers: HeaderList | undefined, value: string): string {
  const lines = headerLines(headers, 'access-control-allow-credentials');
  if (failureReason(d) === 'no-allow-credentials' || (lines.length === 0 && value === '')) return 'no such header';
  if (lines.length > 1) return `Access-Control-Allow-Credentials on ${lines.length} header lines, which the browser reads as the one value '${value}': send it once`;
  if (value.trim() === '') return 'an empty Access-Control-Allow-Credentials';
  return `Access-Control-Allow-Credentials: ${value}`;
}

/** " (Location: …)" of hop `hop`'s redirect, or nothing when it has none. */
function redirectLocationWords(x: ObservedExchange, hop: number): string {
  const location = responseLocation(x.hops[hop]?.response);
  return location === null ? '' : ` (Location: ${location})`;
}

/**
 * When the credentials mode is the engine's inference from the browser's own error (a capture does not
 * record it), the words say so rather than state it as seen.
 */
function credentialsInferred(d: Diagnosis): string {
  const assumed = d.assumptions.find((a) => a.about === 'credentials-mode');
  return assumed?.because === 'browser-error' ? " (The capture does not record the credentials mode: the browser's error implies credentials: 'include'.)" : '';
}

function reasonText(error: CorsError, d: Diagnosis, x: ObservedExchange): string {
  const f = explainFacts(d, x);
  const p = d.failedParameter ?? '';
  const origin = f.hopOrigin;
  const preflight = f.hopData?.preflight?.response;
  const actual = f.hopData?.response;
  const pfHeaders = preflight?.headers;
  const asked = f.hop > 0
    ? `The page at ${f.pageOrigin} sent ${f.firstMethod} ${f.firstUrl}, which redirected to ${f.url}`
    : `The page at ${f.pageOrigin} sent ${f.method} ${f.url}`;
  const pfAsked = `Before ${f.method} ${f.url}, the browser sent a preflight (OPTIONS) asking whether ${origin} may use it`;
  const differences = d.originComparison ? ' ' + describeOriginDifferences(d.originComparison).join(' ') : '';
  const credNote = f.credentials ? " with credentials ('include')" : '';
  const preflightCode = corsErrorFacts(error).group === 'preflight';
  // What passes when the origin sent is `null`, which no advice names back; null for a tuple origin.
  const nullAdvice = f.originTainted ? taintedOriginAdvice(f.credentials) : origin === 'null' ? opaqueOriginAdvice(f.credentials) : null;
  switch (error) {
    case 'MissingAllowOriginHeader':
      if (actual && isRedirectHop(x, f.hop)) {
        return `${asked}; the server answered ${actual.status} (a redirect) without Access-Control-Allow-Origin. The browser checks CORS on each redirect before following it, so the redirect response itself needs the header too.`;
      }
      return `${asked}${credNote}. The response (status ${actual?.status ?? '?'}) had no Access-Control-Allow-Origin header, so the browser withholds it from the page. ${nullAdvice ?? `The server must send Access-Control-Allow-Origin: ${origin} on this response.`}`;
    case 'PreflightMissingAllowOriginHeader':
      return `${pfAsked}. The preflight answer (status ${preflight?.status ?? '?'}) had no Access-Control-Allow-Origin, so the browser never sent the ${f.method}. ${preflight && preflight.status >= 400 ? `Two things must change: the server must answer OPTIONS with a 2xx (200 or 204) and with the CORS headers under 'The server must send'; a 2xx alone would be refused next for the missing header. ${capitalise(preflightStatusCause(preflight.status, responseLocation(preflight), edgeAnswer(pfHeaders, preflight.status), f.method))}` : `The server must answer OPTIONS with a 2xx and the CORS headers${preflight && (preflight.status < 200 || preflight.status > 299) ? `; ${preflightStatusCause(preflight.status, responseLocation(preflight), edgeAnswer(pfHeaders, preflight.status), f.method)}` : ''}`}.`;
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return `${preflightCode ? pfAsked : asked}. The server answered Access-Control-Allow-Origin: ${p}, but the request's origin is ${origin}; the two must be equal, character for character.${nullAdvice === null ? differences : ` ${nullAdvice}`}`;
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues': {
      const lines = headerLines(preflightCode ? pfHeaders : actual?.headers, 'access-control-allow-origin').length;
      return `The server sent Access-Control-Allow-Origin: ${p}, but the header must hold exactly one origin (or *).${lines > 1 ? ' It came as several header lines: usually two layers (say a proxy and the app) both add it; keep one.' : ' To allow several origins, compare the request\'s Origin with your list and send back only the match.'}`;
    }
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
      return `The server sent an Access-Control-Allow-Origin value the browser cannot read as an origin (${q(p || headerLinesJoined(preflightCode ? pfHeaders : actual?.headers, 'access-control-allow-origin'))}). ${nullAdvice ?? (differences === '' ? `Send exactly ${origin} (scheme://host[:port], no path).` : differences.trimStart())}`;
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      if (nullAdvice !== null) return `The request was sent with credentials (cookies or HTTP auth: credentials: 'include' or withCredentials), and the server answered Access-Control-Allow-Origin: *. With credentials the browser refuses the wildcard. ${nullAdvice}${credentialsInferred(d)}`;
      return `The request was sent with credentials (cookies or HTTP auth: credentials: 'include' or withCredentials), and the server answered Access-Control-Allow-Origin: *. With credentials the browser refuses the wildcard: the server must name the origin, Access-Control-Allow-Origin: ${origin}, and ${headerLinesJoined(preflightCode ? pfHeaders : actual?.headers, 'access-control-allow-credentials')?.trim() === 'true' ? 'keep its' : 'add'} Access-Control-Allow-Credentials: true.${credentialsInferred(d)}`;
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return `The request was sent with credentials, so the browser requires Access-Control-Allow-Credentials: true (exactly, lower-case). The server sent ${allowCredentialsSent(d, preflightCode ? pfHeaders : actual?.headers, p)}.${nullAdvice !== null ? ` ${nullAdvice}` : ''}${credentialsInferred(d)}`;
    case 'PreflightInvalidStatus':
      return `${pfAsked}. The preflight got status ${preflight?.status ?? '?'}. Its Access-Control-Allow-Origin passed, but the browser also needs a 2xx (200 or 204) to the OPTIONS request, whatever headers come with it. Answer OPTIONS with a 2xx and with every CORS header under 'The server must send'. ${preflight === undefined || preflight === null ? 'Usually no route answers OPTIONS, or authentication rejects it: a preflight never carries cookies or Authorization, so let OPTIONS through without auth' : capitalise(preflightStatusCause(preflight.status, responseLocation(preflight), edgeAnswer(pfHeaders, preflight.status), f.method))}.`;
    case 'PreflightDisallowedRedirect':
      return `${pfAsked}. The server answered the preflight with a redirect (${preflight?.status ?? '3xx'}${responseLocation(preflight) ? ` to ${responseLocation(preflight)}` : ''}); a preflight may not be redirected. Call the final URL directly (often a missing or extra trailing slash, or http:// where the server redirects to https://), or answer OPTIONS at this URL.`;
    case 'InvalidAllowMethodsPreflightResponse': {
      const sent = headerLinesJoined(pfHeaders, 'access-control-allow-methods');
      const send = `Access-Control-Allow-Methods: ${(neededPolicy(d, x).keptMethods ?? [f.method]).join(', ')}`;
      return `The preflight's Access-Control-Allow-Methods (${q(sent)}) is not a comma-separated list of method names, so the browser cannot read it${notMethodNamesWords(keptMethods(sent, f.method).dropped, send)}`;
    }
    case 'InvalidAllowHeadersPreflightResponse':
      return `The preflight's Access-Control-Allow-Headers (${q(headerLinesJoined(pfHeaders, 'access-control-allow-headers'))}) is not a comma-separated list of header names, so the browser cannot read it. Separate names with commas.`;
    case 'MethodDisallowedByPreflightResponse': {
      const why = failureReason(d);
      const words = METHOD_WORDS[why === 'no-allow-methods' || why === 'wildcard-is-literal-with-credentials' ? why : 'not-listed'];
      return `${pfAsked} with method ${p}. ${words({ name: p, list: headerLinesJoined(pfHeaders, 'access-control-allow-methods'), needed: p })}`;
    }
    case 'HeaderDisallowedByPreflightResponse': {
      const why = failureReason(d);
      const words = HEADER_WORDS[why === 'no-allow-headers' || why === 'wildcard-is-literal-with-credentials' ? why : 'not-listed'];
      // A name the standard safelists needed permission for its value: say why, and the page's way out.
      const value = notSafelistedWords(d.preflight.reasons, p);
      const allowed = words({ name: p, list: headerLinesJoined(pfHeaders, 'access-control-allow-headers'), needed: failedCheckExpected(d) });
      return value === null ? `${pfAsked} with the request header ${p}. ${allowed}` : `${pfAsked} with the request header ${p}. ${value.why} ${allowed} ${value.otherWay}`;
    }
    case 'RedirectContainsCredentials':
      return `The server redirected ${f.method} ${f.url} to a URL that contains user:password@ (not repeated here: it holds a password). In a CORS request the browser refuses to follow such a redirect when it leads to another origin than the page's (https://fetch.spec.whatwg.org/#http-redirect-fetch). Redirect to the URL without credentials and authenticate another way.`;
    case 'CorsDisabledScheme':
      if (d.failedAt?.phase === 'redirect') {
        return `The server redirected ${f.method} ${f.url} to a URL whose scheme does not support CORS${redirectLocationWords(x, f.hop)}: a CORS request follows redirects to http: and https: URLs only. Redirect to an http(s) URL.`;
      }
      return `The request went to a URL whose scheme does not support CORS (only http: and https: do, for web pages). A file: page cannot fetch file: URLs; serve the page and the data over http(s), e.g. with a local dev server.`;
    case 'DisallowedByMode':
      return `The request used mode 'same-origin' but went to another origin (${f.url}). The browser refuses it without contacting the server. Use mode 'cors' (the fetch() default).`;
    case 'NoCorsRedirectModeNotFollow':
      return "The request used mode 'no-cors' with redirect 'manual' or 'error'; the browser only allows 'follow' in no-cors mode. Use redirect: 'follow', or mode: 'cors'.";
    case 'InvalidResponse':
      return 'The browser found the response invalid for a CORS request (for example a malformed or empty response). Check what the server really sends, e.g. with curl -i.';
    case 'PreflightMissingAllowExternal':
    case 'PreflightInvalidAllowExternal':
    case 'PreflightMissingAllowPrivateNetwork':
    case 'PreflightInvalidAllowPrivateNetwork':
    case 'PreflightMissingPrivateNetworkAccessId':
    case 'PreflightMissingPrivateNetworkAccessName':
    case 'InsecurePrivateNetwork':
    case 'InvalidPrivateNetworkAccess':
    case 'UnexpectedPrivateNetworkAccess':
    case 'PrivateNetworkAccessPermissionUnavailable':
    case 'PrivateNetworkAccessPermissionDenied':
      return privateNetworkText(error, f.url, p);
    case 'InsecureLocalNetwork':
    case 'LocalNetworkAccessPermissionDenied':
      return localNetworkText(error, d, f.url, f.pageOrigin);
    case 'InvalidLocalNetworkAccess':
      return targetMismatchText(d, f.url);
  }
}

const SPACE_WORDS = { loopback: 'this device (loopback)', local: 'the local network', public: 'the public internet' } as const;

// Seen in Chromium 156 (test/fix-proof/private-network-line.test.ts): its preflight never carries
// Access-Control-Request-Private-Network, and an answer's Access-Control-Allow-Private-Network
// changes no verdict, granted or not.
const NO_CORS_FIX =
  ' No CORS header can change this, since the server never saw the request. Nor can Access-Control-Allow-Private-Network (what the older Private Network Access preflight asked for): Chromium 156 sends no such preflight and ignores that header.';

/**
 * Local Network Access (https://wicg.github.io/local-network-access/): what it is, why no CORS
 * header can fix it, and what can.
 */
function localNetworkText(error: 'InsecureLocalNetwork' | 'LocalNetworkAccessPermissionDenied', d: Diagnosis, url: string, pageOrigin: string): string {
  const lna = d.localNetworkAccess;
  const page = lna ? SPACE_WORDS[lna.initiatorAddressSpace] : 'a more public network';
  const target = lna ? SPACE_WORDS[lna.targetAddressSpace] : 'a more private network';
  const intro =
    `Local Network Access: the page (${pageOrigin}) is on ${page} and asked ${url}, which is on ${target}. ` +
    'Chromium protects devices on your machine and local network (routers, printers, dev servers) from web pages: a page may reach a more private network only from a secure context (https), and only once the user has allowed it. ';
  const why =
    error === 'InsecureLocalNetwork'
      ? 'This page is not a secure context, so Chromium refused the request before sending it: the server never saw it. Serve the page over https; the user is then asked for permission.'
      : "This page is a secure context, so Chromium asked for the user's permission, which was not granted (denied, dismissed, or never asked, as in automation): the request never reached the server. The user must allow local network access for this site, in the prompt or in the site settings.";
  return (
    intro +
    why +
    NO_CORS_FIX +
    " The fetch option targetAddressSpace only says up front where the server is (it neither grants the permission nor makes an http page secure), and an iframe needs its embedder's allow=\"local-network-access\" to ask at all. Turning the check off (a browser flag or an enterprise policy) is for a developer's own browser only, never something to ask of users."
  );
}

/** `InvalidLocalNetworkAccess`: the page's `fetch()` named another address space than the server's. */
function targetMismatchText(d: Diagnosis, url: string): string {
  const space = d.localNetworkAccess?.targetAddressSpace;
  const where = space === undefined ? '' : `, which is on ${SPACE_WORDS[space]} ('${space}')`;
  return (
    `Local Network Access: the page's fetch() gave a targetAddressSpace option that does not match where ${url} really is${where}, so Chromium refused the request before sending it, permission or not. ` +
    "Set targetAddressSpace to the server's real address space ('loopback' for this device, 'local' for the local network), or leave it out." +
    NO_CORS_FIX
  );
}
