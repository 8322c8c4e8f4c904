// Where Chromium and Firefox disagree on one exchange: the same capture judged under each
// browser's rules, said in one sentence ("works in Chromium, blocked in Firefox because …").

import { type BrowserRules, CHROMIUM_RULES, FIREFOX_RULES } from '../browser-rules.ts';
import { diagnose, diagnoseVerdict } from '../diagnose.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import type { FirefoxReason } from '../cors-errors/facts.ts';
import { rulesAgreeOn } from './rules-agree.ts';
import type { VerdictOnly } from '../verdict-only.ts';
import { firefoxVerdict, type FirefoxOutcome, type FirefoxVerdict } from './verdict.ts';

export { rulesAgreeOn } from './rules-agree.ts';

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
 * FIREFOX_RULES, reading the capture's own sign of a CORS failure: a Chromium capture says
 * `net::ERR_FAILED` where Firefox's webRequest says NS_ERROR_DOM_BAD_URI. Either tells the replay
 * that the browser failed (which, for one, makes credentials "include" the reading that explains it).
 * Made once, not per exchange: the panel asks for a verdict per row (bench/firefox-panel-verdict.ts).
 */
const FIREFOX_READING_CHROMIUM: BrowserRules = { ...FIREFOX_RULES, corsFailureErrorText: CHROMIUM_RULES.corsFailureErrorText };

function asCapturedBy(exchange: ObservedExchange): BrowserRules {
  return exchange.errorText === CHROMIUM_RULES.corsFailureErrorText ? FIREFOX_READING_CHROMIUM : FIREFOX_RULES;
}

/**
 * Any capture judged under FIREFOX_RULES, reading a Chromium capture's own sign of a CORS failure
 * as Firefox's (`asCapturedBy`): `--browser firefox`'s diagnosis.
 */
export function diagnoseInFirefox(exchange: ObservedExchange): Diagnosis {
  return diagnose(exchange, asCapturedBy(exchange));
}

/** `diagnoseInFirefox`'s verdict alone (`diagnoseVerdict`): an importer checking a Firefox bundle. */
export function diagnoseVerdictInFirefox(exchange: ObservedExchange): VerdictOnly {
  return diagnoseVerdict(exchange, asCapturedBy(exchange));
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
    const { verdict, preflightUnanswered } = diagnoseVerdict(exchange, asCapturedBy(exchange));
    if (verdict === 'allowed' || verdict === 'not-cors') return { outcome: 'allowed', reason: null, logged: [], warnings: [], preflightUnanswered: false };
    if (verdict === 'uncertain') return { outcome: 'uncertain', reason: null, logged: [], warnings: [], preflightUnanswered };
  }
  return firefoxVerdict(diagnoseInFirefox(exchange), exchange);
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
