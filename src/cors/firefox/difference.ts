// Where Chromium and Firefox disagree on one exchange: the same capture judged under each
// browser's rules, said in one sentence ("works in Chromium, blocked in Firefox because …").

import { type BrowserRules, CHROMIUM_RULES, FIREFOX_RULES } from '../browser-rules.ts';
import { diagnose, diagnoseVerdict } from '../diagnose.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import type { FirefoxReason } from '../cors-errors/facts.ts';
import { hasIpLiteralHost } from '../fetch/cors-preflight-fetch.ts';
import { isCorsSafelistedMethod, normalizeMethod } from '../methods.ts';
import { redirectMayRemove } from '../redirect.ts';
import type { VerdictOnly } from '../verdict-only.ts';
import { corsUnsafeNames, sendsNonStandardSafelistedName } from '../safelisted-request-header.ts';
import { firefoxVerdict, type FirefoxOutcome, type FirefoxVerdict } from './verdict.ts';

/** Firefox's reason in a few words (MDN's page titles, shortened). */
const REASON_WORDS: Record<FirefoxReason, string> = {
  CORSDisabled: 'CORS is disabled',
  CORSDidNotSucceed: 'the request did not succeed',
  CORSOriginHeaderNotAdded: "the Origin header could not be added",
  CORSExternalRedirectNotAllowed: 'the preflight was redirected',
  CORSRequestNotHttp: 'the request is not HTTP',
  CORSMissingAllowOrigin: 'Access-Control-Allow-Origin is missing',
  CORSMultipleAllowOriginNotAllowed: 'Access-Control-Allow-Origin came on several header lines',
  CORSAllowOriginNotMatchingOrigin: "Access-Control-Allow-Origin does not match the request's origin",
  CORSNotSupportingCredentials: 'Access-Control-Allow-Origin is * on a request with credentials',
  CORSMethodNotFound: 'Access-Control-Allow-Methods does not list the method',
  CORSMissingAllowCredentials: 'Access-Control-Allow-Credentials is not "true"',
  CORSPreflightDidNotSucceed: 'the preflight did not succeed',
  CORSInvalidAllowMethod: 'Access-Control-Allow-Methods is not a valid list',
  CORSInvalidAllowHeader: 'Access-Control-Allow-Headers is not a valid list',
  CORSMissingAllowHeaderFromPreflight: 'Access-Control-Allow-Headers does not list a header the request sends',
};

const WORKS: Record<FirefoxOutcome, string> = { allowed: 'works', blocked: 'blocked', 'network-error': 'fails', uncertain: 'uncertain' };

function chromiumOutcome(d: Diagnosis): FirefoxOutcome {
  if (d.verdict === 'not-cors') return 'allowed';
  return d.verdict;
}

function because(words: string | null): string {
  return words === null ? '' : ` because ${words}`;
}

/**
 * `rules`, reading the capture's own sign of a CORS failure: a Chromium capture says
 * `net::ERR_FAILED` where Firefox's webRequest says NS_ERROR_DOM_BAD_URI. Either tells the replay
 * that the browser failed (which, for one, makes credentials "include" the reading that explains it).
 */
function asCapturedBy(exchange: ObservedExchange, rules: BrowserRules): BrowserRules {
  const text = exchange.errorText;
  const failure = text === CHROMIUM_RULES.corsFailureErrorText || text === FIREFOX_RULES.corsFailureErrorText ? text : rules.corsFailureErrorText;
  return failure === rules.corsFailureErrorText ? rules : { ...rules, corsFailureErrorText: failure };
}

/**
 * Any capture judged under FIREFOX_RULES, reading a Chromium capture's own sign of a CORS failure
 * as Firefox's (`asCapturedBy`): `--browser firefox`'s diagnosis.
 */
export function diagnoseInFirefox(exchange: ObservedExchange): Diagnosis {
  return diagnose(exchange, asCapturedBy(exchange, FIREFOX_RULES));
}

/** `diagnoseInFirefox`'s verdict alone (`diagnoseVerdict`): an importer checking a Firefox bundle. */
export function diagnoseVerdictInFirefox(exchange: ObservedExchange): VerdictOnly {
  return diagnoseVerdict(exchange, asCapturedBy(exchange, FIREFOX_RULES));
}

/**
 * Firefox's verdict on any capture (`diagnoseInFirefox`). `chromium`, when the caller has it, is
 * the exchange's diagnosis under CHROMIUM_RULES: where the two browsers' rules cannot part on the
 * exchange (`rulesAgreeOn`), it is the Firefox diagnosis too, and no second replay is made. Unless a preflight's response holds a `*`,
 * an outcome other than blocked or a network error is all `firefoxVerdict` reads: Firefox's one
 * warning (the advisory `wildcard-allow-headers-covers-authorization`) needs `*` in a preflight's
 * `Access-Control-Allow-Headers`, and it logs no error for what it let through or what cannot be
 * told. That verdict comes from `diagnoseVerdict`, the same replay without the account
 * (test/unit/diagnose-verdict.test.ts); the full diagnosis only when more is needed
 * (test/unit/firefox-verdict-of.test.ts compares the two ways).
 */
export function firefoxVerdictOf(exchange: ObservedExchange, chromium?: Diagnosis): FirefoxVerdict {
  if (chromium !== undefined && rulesAgreeOn(exchange)) return firefoxVerdict(chromium, exchange);
  if (!exchange.hops.some(hasPreflightWithStar)) {
    const { verdict, preflightUnanswered } = diagnoseVerdict(exchange, asCapturedBy(exchange, FIREFOX_RULES));
    if (verdict === 'allowed' || verdict === 'not-cors') return { outcome: 'allowed', reason: null, logged: [], warnings: [], preflightUnanswered: false };
    if (verdict === 'uncertain') return { outcome: 'uncertain', reason: null, logged: [], warnings: [], preflightUnanswered };
  }
  return firefoxVerdict(diagnoseInFirefox(exchange), exchange);
}

/**
 * Whether FIREFOX_RULES, read through `asCapturedBy`, replay `exchange` exactly as CHROMIUM_RULES
 * do (same diagnosis, field for field: test/unit/firefox-verdict-of.test.ts holds it): each rule
 * on which the two differ (browser-rules.ts) is read only where this exchange cannot lead.
 * - No 3xx answer to a preflight (preflightRedirectRefusedBeforeCorsCheck), and none to the last
 *   request: the capture stops at no redirect, so the redirect mode is never inferred from where it
 *   stops (redirectModeErrorLeavesErrorText, and corsFailureErrorText's "error" at the last 3xx).
 * - With redirects followed (two hops or more): every request answered (nor is the redirect mode
 *   inferred from an unanswered next URL), fewer than maxRedirects (the same in both; never
 *   tooManyRedirectsErrorText), redirect mode not "error" and every URL plain http(s) (the only
 *   steps whose error text falls back to corsFailureErrorText), no URL with an `@`
 *   (noCorsRedirectRefusesCredentials needs credentials in the Location), no preflight after the
 *   first hop (preflightSendsTaintedOrigin); and neither a method that is not CORS-safelisted (a
 *   303 may make it a GET, which Firefox still preflights: preflightCarriedAcrossRedirects) nor
 *   CORS-unsafe headers that a redirect could all remove (`Authorization`, the request-body headers:
 *   Firefox preflights the next origin on them, Chromium does not). One unsafe header that no
 *   redirect removes makes both preflight there alike. (The headers as captured, the browser's own
 *   among them: one more unsafe name only keeps the shortcut from being taken.)
 * - Not an NS_ERROR_DOM_BAD_URI capture: then both read the capture's sign of a CORS failure alike
 *   (`asCapturedBy` gives Firefox net::ERR_FAILED when the capture says it; any other text is
 *   neither's); corsFailureErrorText is otherwise read only by the redirect steps above and by LNA.
 * - Local Network Access (Chromium's alone) passes by a hop that got a response, or whose
 *   preflight was answered without a mismatched `targetAddressSpace`, and by one without the traces
 *   of a refusal: its preflight failed with another error, or neither net::ERR_FAILED nor the
 *   check's own error text ends the capture (local-network-access-check.ts).
 * - No preflight said to come from the cache for a URL whose host is an IP literal
 *   (preflightCacheSkipsIpLiterals).
 * - No request header that only Chromium safelists (safelistsClientHints).
 * - secFetchSiteSameSiteNeedsHttps is read by no replay: only by the curl export, which rebuilds the
 *   headers a browser sent after a redirect (src/export/sec-fetch-site.ts).
 */
export function rulesAgreeOn(exchange: ObservedExchange): boolean {
  const hops = exchange.hops;
  const last = hops.length - 1;
  if (last < 0 || last >= CHROMIUM_RULES.maxRedirects || exchange.errorText === FIREFOX_RULES.corsFailureErrorText) return false;
  for (let i = 0; i <= last; i++) {
    const hop = hops[i]!;
    if (hop.preflightFromCache === true && hasIpLiteralHost(hop.url)) return false;
    const preflight = hop.preflight;
    if (preflight !== undefined && (i > 0 || (preflight.response !== null && isThreeHundred(preflight.response.status)))) return false;
    const response = hop.response;
    if (response === null ? last > 0 : i === last && isThreeHundred(response.status)) return false;
  }
  if (last > 0) {
    if (exchange.request.redirectMode === 'error') return false;
    for (let i = 0; i <= last; i++) if (!plainHttpUrl(hops[i]!.url)) return false;
    if (!isCorsSafelistedMethod(normalizeMethod(exchange.request.method)) || redirectMayRemoveEveryUnsafeName(exchange.request.headers)) return false;
  }
  const lastHop = hops[last]!;
  if (lastHop.response === null && localNetworkAccessMayRefuse(exchange, lastHop)) return false;
  return !sendsNonStandardSafelistedName(exchange.request.headers);
}

/** The request sets a CORS-unsafe header, and every one is a header some redirect removes (`redirectMayRemove`). */
function redirectMayRemoveEveryUnsafeName(headers: ObservedExchange['request']['headers']): boolean {
  const names = corsUnsafeNames(headers, null, undefined, false);
  return names.length > 0 && names.every(redirectMayRemove);
}

/** An http(s) URL, by its first characters, with no `@` anywhere (so no credentials in it). */
function plainHttpUrl(url: string): boolean {
  return (url.startsWith('https://') || url.startsWith('http://')) && !url.includes('@');
}

/**
 * Whether Chromium's Local Network Access check could refuse `hop`, which got no response: unless
 * its preflight was answered (and no `targetAddressSpace` mismatched), a refusal leaves its trace,
 * the preflight's own LNA error, or the capture's CORS failure or LNA error text.
 */
function localNetworkAccessMayRefuse(exchange: ObservedExchange, hop: ObservedExchange['hops'][number]): boolean {
  const lna = CHROMIUM_RULES.localNetworkAccess!;
  const preflightAnswered = hop.preflight !== undefined && hop.preflight.response !== null;
  if (preflightAnswered) return exchange.request.targetAddressSpaceMismatch === true;
  const preflightText = hop.preflight?.networkError;
  if (preflightText !== undefined) return preflightText === lna.preflightErrorText;
  const errorText = exchange.errorText ?? '';
  return errorText === CHROMIUM_RULES.corsFailureErrorText || errorText === lna.preflightErrorText;
}

/** Any 3xx: wider than the redirect statuses, so that no redirect is missed. */
function isThreeHundred(status: number): boolean {
  return status >= 300 && status < 400;
}

/**
 * A preflight response with `*` in any of its values: the only place the warning can come from
 * (a `*` in the parsed Allow-Headers list is one in a line's value; any line is looked at, whatever
 * its name, so that no reading of names can let one through).
 */
function hasPreflightWithStar(hop: ObservedExchange['hops'][number]): boolean {
  const headers = hop.preflight?.response?.headers;
  if (headers === undefined) return false;
  for (let i = 0; i < headers.length; i++) if (headers[i]![1].includes('*')) return true;
  return false;
}

/**
 * One sentence when the two browsers reach different outcomes (or, both blocking, name different
 * headers); null when they agree or either cannot tell. `chromium` is the Chromium diagnosis and
 * `firefox` the verdict of `firefoxVerdictOf` when the caller has them.
 */
export function browserDifference(
  exchange: ObservedExchange,
  chromium: Diagnosis = diagnose(exchange, CHROMIUM_RULES),
  firefox: FirefoxVerdict = firefoxVerdictOf(exchange),
): string | null {
  const inChromium = chromiumOutcome(chromium);
  if (inChromium === 'uncertain' || firefox.outcome === 'uncertain' || inChromium === firefox.outcome) return null;
  if (firefox.outcome !== 'allowed') {
    const words = firefox.reason === null || firefox.reason === 'CORSDidNotSucceed' ? null : REASON_WORDS[firefox.reason];
    return `${WORKS[inChromium]} in Chromium, ${WORKS[firefox.outcome]} in Firefox${because(words)} (${firefox.reason ?? 'no CORS reason'})`;
  }
  return `${WORKS[inChromium]} in Chromium (${chromium.corsError ?? chromium.networkFailure?.errorText ?? 'no CORS error'}), works in Firefox`;
}
