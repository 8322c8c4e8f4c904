// Whether Chromium's and Firefox's rules (browser-rules.ts) replay one exchange alike, read off the
// rules' own data: each rule on which the two differ is weighed by the exchange's shapes that can
// lead a replay to read it. A rule that differs with no such argument here (a new rule, or one that
// comes to differ) makes the shortcut step aside for every exchange: it is never silently wrong.

import { type BrowserRules, CHROMIUM_RULES, FIREFOX_RULES } from '../browser-rules.ts';
import type { HeaderList, ObservedExchange } from '../exchange.ts';
import { isCorsSafelistedMethod, normalizeMethod } from '../methods.ts';
import { redirectMayRemove } from '../redirect.ts';
import { chromiumErrorText, firefoxErrorText } from './error-texts.ts';
import { corsUnsafeNames, sendsNonStandardSafelistedName } from '../safelisted-request-header.ts';

// The shapes of an exchange that can lead a replay to a rule, one bit each.
/** More hops than the lower of the two redirect limits allows. */
const TOO_MANY_REDIRECTS = 1 << 0;
/** The capture's error text is the second browser's sign of a CORS failure (the first reads it as none). */
const SECOND_BROWSERS_FAILURE_TEXT = 1 << 1;
/** A preflight after the first hop. */
const LATER_PREFLIGHT = 1 << 2;
/** A preflight answered with a 3xx. */
const REDIRECTED_PREFLIGHT = 1 << 3;
/** The capture stops at a redirect: a 3xx last, or a redirect's next URL unanswered (the redirect mode is inferred from it). */
const STOPS_AT_REDIRECT = 1 << 4;
/** Redirects followed under redirect mode "error". */
const REDIRECT_MODE_ERROR = 1 << 5;
/** Redirects followed through a URL that is not plain http(s) or that has an `@` (credentials). */
const UNUSUAL_REDIRECT_URL = 1 << 6;
/** Redirects followed by a request whose method, or whose every CORS-unsafe header, a redirect may change. */
const REDIRECT_MAY_CHANGE_PREFLIGHT = 1 << 7;
/** The last hop got no response, and a Local Network Access refusal could explain it. */
const LOCAL_NETWORK_REFUSAL = 1 << 8;
/** A request header that only some browser safelists (client hints). */
const NON_STANDARD_SAFELISTED = 1 << 9;
/** A network failure's error text (the request's or a preflight's) that Firefox names otherwise (`firefoxErrorText`). */
const RENAMED_NETWORK_FAILURE = 1 << 10;
/** A preflight answered with an `Access-Control-Max-Age` that may be above the lower of the two caps. */
const MAX_AGE_ABOVE_A_CAP = 1 << 11;

/** No replay reads the rule: it can differ freely. */
const NEVER_READ = 0;

/**
 * Per rule, the shapes that can lead a replay to read it; `null` where no argument has been made,
 * which is right only while the two browsers' values are equal (else the shortcut steps aside).
 * Every rule is listed (the type requires it), so a new one cannot be missed here.
 * - browser: only to name a network failure as that browser does (`errorTextUnder`), where the
 *   capture's error text has another name in Firefox.
 * - secFetchSiteSameSiteNeedsHttps: no replay reads it (only the curl export, which rebuilds the
 *   headers a browser sent after a redirect: src/export/sec-fetch-site.ts).
 * - maxRedirects, tooManyRedirectsErrorText: only past the lower limit.
 * - noCorsRedirectRefusesCredentials: a Location with credentials (an `@` in a followed URL).
 * - redirectModeErrorLeavesErrorText: only where the capture stops at a redirect.
 * - corsFailureErrorText: the capture's own sign read alike through `asCapturedBy` unless it is the
 *   second browser's; otherwise read by the redirect steps (a stop at a redirect, mode "error", a
 *   URL that is not plain http(s)) and by Local Network Access, weighed under its own rule.
 * - localNetworkAccess: by a last hop without a response, when a refusal could explain it
 *   (`localNetworkAccessMayRefuse`).
 * - safelistsClientHints: a client-hint request header.
 * - preflightCacheIpLiteralMisses: no replay reads it (only the panel's note on a preflight's cache
 *   lifetime): a request sent without a preflight had a cache entry, whatever the host.
 * - preflightSendsTaintedOrigin, preflightCarriedAcrossRedirects: a preflight after the first hop,
 *   or redirects followed by a request whose method or every unsafe header a redirect may change
 *   (a 303 may make a PUT a GET, which Firefox still preflights; one unsafe header no redirect
 *   removes makes both preflight there alike).
 * - preflightRedirectRefusedBeforeCorsCheck: a preflight answered with a 3xx.
 * - preflightMaxAge: in a replay, only the advice on a value above the cap reads it, so a preflight
 *   whose Access-Control-Max-Age is above the lower cap (or is no plain number: looked at as one may
 *   be). The capture reads it before any replay, by the capturing browser's rules, for the
 *   exchange's `preflightFromCache`, which both replays then read alike.
 */
const READ_ON: { readonly [Rule in keyof BrowserRules]: number | null } = {
  browser: RENAMED_NETWORK_FAILURE,
  maxRedirects: TOO_MANY_REDIRECTS,
  noCorsRedirectRefusesCredentials: UNUSUAL_REDIRECT_URL,
  redirectModeErrorAfterLocationChecks: null,
  redirectModeErrorLeavesErrorText: STOPS_AT_REDIRECT,
  corsFailureErrorText: SECOND_BROWSERS_FAILURE_TEXT | STOPS_AT_REDIRECT | REDIRECT_MODE_ERROR | UNUSUAL_REDIRECT_URL,
  tooManyRedirectsErrorText: TOO_MANY_REDIRECTS,
  localNetworkAccess: LOCAL_NETWORK_REFUSAL,
  safelistsClientHints: NON_STANDARD_SAFELISTED,
  preflightCacheIpLiteralMisses: NEVER_READ,
  preflightSendsTaintedOrigin: LATER_PREFLIGHT,
  preflightRedirectRefusedBeforeCorsCheck: REDIRECTED_PREFLIGHT,
  preflightCarriedAcrossRedirects: LATER_PREFLIGHT | REDIRECT_MAY_CHANGE_PREFLIGHT,
  secFetchSiteSameSiteNeedsHttps: NEVER_READ,
  preflightMaxAge: MAX_AGE_ABOVE_A_CAP,
};

/** Two values of one rule, compared as data, field by field; two functions differ unless they are one. */
function differs(a: unknown, b: unknown): boolean {
  if (a === b) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (differs((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * Whether `first` and `second` replay an exchange alike, as a predicate: `first`'s diagnosis is
 * `second`'s too (the second read through `asCapturedBy`, which gives it the capture's own sign of a
 * CORS failure when the capture has either's). `null` when some rule on which they differ has no
 * argument in READ_ON: no exchange may then take the shortcut.
 */
export function agreementOf(first: BrowserRules, second: BrowserRules): ((exchange: ObservedExchange) => boolean) | null {
  let wanted = 0;
  // The rules the two hold, not only those READ_ON names: one it does not name has no argument.
  for (const rule of new Set([...Object.keys(first), ...Object.keys(second)]) as Set<keyof BrowserRules>) {
    if (!differs(first[rule], second[rule])) continue;
    const bits = Object.hasOwn(READ_ON, rule) ? READ_ON[rule] : null;
    if (bits === null) return null;
    wanted |= bits;
  }
  const limit = Math.min(first.maxRedirects, second.maxRedirects);
  const lna = [first.localNetworkAccess, second.localNetworkAccess].filter((rules) => rules !== null);
  const failureTexts = [first.corsFailureErrorText, second.corsFailureErrorText];
  const maxAgeCap = Math.min(first.preflightMaxAge.cap, second.preflightMaxAge.cap);
  return (exchange) => !reaches(exchange, wanted, limit, second.corsFailureErrorText, lna, failureTexts, maxAgeCap);
}

/** Whether `exchange` shows any of the `wanted` shapes; a shape not wanted is not looked for. */
function reaches(
  exchange: ObservedExchange,
  wanted: number,
  redirectLimit: number,
  secondFailureText: string,
  lna: readonly NonNullable<BrowserRules['localNetworkAccess']>[],
  failureTexts: readonly string[],
  maxAgeCap: number,
): boolean {
  const hops = exchange.hops;
  const last = hops.length - 1;
  if (last < 0) return true;
  if (wanted & TOO_MANY_REDIRECTS && last >= redirectLimit) return true;
  if (wanted & SECOND_BROWSERS_FAILURE_TEXT && exchange.errorText === secondFailureText) return true;
  if (wanted & (LATER_PREFLIGHT | REDIRECTED_PREFLIGHT | STOPS_AT_REDIRECT | MAX_AGE_ABOVE_A_CAP)) {
    for (let i = 0; i <= last; i++) {
      const hop = hops[i]!;
      const preflight = hop.preflight;
      if (preflight !== undefined) {
        if (wanted & LATER_PREFLIGHT && i > 0) return true;
        if (wanted & REDIRECTED_PREFLIGHT && preflight.response !== null && isThreeHundred(preflight.response.status)) return true;
        if (wanted & MAX_AGE_ABOVE_A_CAP && preflight.response !== null && maxAgeMayPassCap(preflight.response.headers, maxAgeCap)) return true;
      }
      const response = hop.response;
      if (wanted & STOPS_AT_REDIRECT && (response === null ? last > 0 : i === last && isThreeHundred(response.status))) return true;
    }
  }
  if (last > 0) {
    if (wanted & REDIRECT_MODE_ERROR && exchange.request.redirectMode === 'error') return true;
    if (wanted & UNUSUAL_REDIRECT_URL) for (let i = 0; i <= last; i++) if (!plainHttpUrl(hops[i]!.url)) return true;
    if (wanted & REDIRECT_MAY_CHANGE_PREFLIGHT) {
      if (!isCorsSafelistedMethod(normalizeMethod(exchange.request.method)) || redirectMayRemoveEveryUnsafeName(exchange.request.headers)) return true;
    }
  }
  if (wanted & LOCAL_NETWORK_REFUSAL) {
    const lastHop = hops[last]!;
    if (lastHop.response === null && lna.some((rules) => localNetworkAccessMayRefuse(exchange, lastHop, rules, failureTexts))) return true;
  }
  if (wanted & RENAMED_NETWORK_FAILURE && (renamed(exchange.errorText) || hops.some((hop) => renamed(hop.preflight?.networkError)))) return true;
  return (wanted & NON_STANDARD_SAFELISTED) !== 0 && sendsNonStandardSafelistedName(exchange.request.headers);
}

/**
 * Whether a line of `headers` named like Access-Control-Max-Age (in any case, with any spacing)
 * holds anything but a whole number up to `cap`: more than that is read as above it.
 */
function maxAgeMayPassCap(headers: HeaderList, cap: number): boolean {
  return headers.some(([name, value]) => name.toLowerCase().includes('max-age') && !(WHOLE_NUMBER.test(value) && Number(value) <= cap));
}

const WHOLE_NUMBER = /^\d+$/;

function renamed(errorText: string | undefined): boolean {
  // As each browser's rules word it (`errorTextUnder`): Firefox's name, or Chromium's for a name the capture kept as Firefox's.
  return errorText !== undefined && firefoxErrorText(errorText) !== chromiumErrorText(errorText);
}

const CHROMIUM_AND_FIREFOX = agreementOf(CHROMIUM_RULES, FIREFOX_RULES);

/**
 * Whether FIREFOX_RULES, read through `asCapturedBy`, replay `exchange` exactly as CHROMIUM_RULES
 * do (same diagnosis, field for field: test/unit/firefox-verdict-of.test.ts holds it): every rule
 * on which the two differ is read only where this exchange cannot lead (READ_ON).
 */
export function rulesAgreeOn(exchange: ObservedExchange): boolean {
  return CHROMIUM_AND_FIREFOX !== null && CHROMIUM_AND_FIREFOX(exchange);
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
 * Whether a browser's Local Network Access check (`rules`) could refuse `hop`, which got no
 * response: unless its preflight was answered (and no `targetAddressSpace` mismatched), a refusal
 * leaves its trace, the preflight's own LNA error, or the capture's CORS failure or LNA error text.
 */
function localNetworkAccessMayRefuse(
  exchange: ObservedExchange,
  hop: ObservedExchange['hops'][number],
  rules: NonNullable<BrowserRules['localNetworkAccess']>,
  failureTexts: readonly string[],
): boolean {
  const preflightAnswered = hop.preflight !== undefined && hop.preflight.response !== null;
  if (preflightAnswered) return exchange.request.targetAddressSpaceMismatch === true;
  const preflightText = hop.preflight?.networkError;
  if (preflightText !== undefined) return preflightText === rules.preflightErrorText;
  const errorText = exchange.errorText ?? '';
  return failureTexts.includes(errorText) || errorText === rules.preflightErrorText;
}

/** Any 3xx: wider than the redirect statuses, so that no redirect is missed. */
function isThreeHundred(status: number): boolean {
  return status >= 300 && status < 400;
}
