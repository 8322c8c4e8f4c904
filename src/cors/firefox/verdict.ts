// Firefox's verdict on one exchange, as its console tells it: the outcome, the reason it logs
// (the MDN page's name, e.g. CORSMissingAllowOrigin), every CORS error it logs in order, and its
// CORS warnings. Derived from a Diagnosis made under FIREFOX_RULES; checked against Firefox ESR
// 153 on the scenario files (test/conformance/firefox-conformance.test.ts).
//
// What Firefox logs beside the reason (seen in its console, nsCORSListenerProxy and
// nsHttpChannel):
// - a failed preflight is followed by CORSDidNotSucceed (the request it guarded failed too);
//   a preflight that was redirected, or answered with an error status, adds CORSPreflightDidNotSucceed
//   before that;
// - a blocked redirect response is followed by CORSDidNotSucceed (the redirect's channel failed);
// - a request that got no response at all (a refused connection) logs CORSDidNotSucceed alone
//   (twice when it was the preflight's connection): Firefox's page sees the same NetworkError, so
//   CORSDidNotSucceed alone is no CORS block; outside "cors" mode nothing is logged;
// - `Access-Control-Allow-Headers: *` letting `Authorization` through logs the warning
//   CORSAllowHeaderFromPreflightDeprecation.

import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { isRedirectResponse, isRedirectStatus } from '../redirect.ts';
import { type FirefoxReason, MDN_CORS_ERRORS } from '../cors-errors/facts.ts';
import { FIREFOX_NOT_SENT } from './error-texts.ts';
import { firefoxConsoleLine } from './console-message.ts';
import { firefoxReasonForError } from './reason.ts';

export type FirefoxOutcome = 'allowed' | 'blocked' | 'network-error' | 'uncertain';

export interface FirefoxVerdict {
  outcome: FirefoxOutcome;
  /** The reason Firefox gives (first CORS error other than CORSDidNotSucceed, else that), or null. */
  reason: FirefoxReason | null;
  /** Every CORS error Firefox logs for the exchange, in order. */
  logged: FirefoxReason[];
  /** The CORS warnings it logs. */
  warnings: 'CORSAllowHeaderFromPreflightDeprecation'[];
  /**
   * Uncertain because Firefox would send a preflight, after a redirect, that the capture holds no
   * answer to (`Diagnosis.preflightUnanswered`); false otherwise.
   */
  preflightUnanswered: boolean;
}

const DID_NOT_SUCCEED: FirefoxReason = 'CORSDidNotSucceed';

/** The CORS errors Firefox logs for a blocked exchange, its reason first. */
function loggedForBlocked(diagnosis: Diagnosis, exchange: ObservedExchange, reason: FirefoxReason | null): FirefoxReason[] {
  const logged: FirefoxReason[] = reason === null ? [] : [reason];
  const at = diagnosis.failedAt;
  if (at === null || reason === null || reason === DID_NOT_SUCCEED) return logged;
  if (at.phase === 'preflight') {
    // The preflight's channel fails, then the request's; a redirected preflight's own channel too.
    const response = exchange.hops[at.hop]?.preflight?.response;
    const redirected = isRedirectResponse(response, false);
    if (redirected) logged.push(reason === 'CORSExternalRedirectNotAllowed' ? 'CORSPreflightDidNotSucceed' : DID_NOT_SUCCEED);
    logged.push(DID_NOT_SUCCEED);
    return logged;
  }
  // A refused redirect (its response, or where it led) fails the redirect's channel too.
  // Being followed (the capture lists the next hop, never sent): "manual" mode fails no channel more.
  const status = exchange.hops[at.hop]?.response?.status ?? 0;
  if (at.phase === 'redirect' || (isRedirectStatus(status) && at.hop + 1 < exchange.hops.length)) logged.push(DID_NOT_SUCCEED);
  return logged;
}

/** What Firefox logs for a network error: nothing outside "cors" mode; one line per failed channel. */
function loggedForNetworkError(diagnosis: Diagnosis): FirefoxReason[] {
  const failure = diagnosis.networkFailure;
  if (diagnosis.mode !== 'cors' || failure === null || failure.errorText === FIREFOX_NOT_SENT) return [];
  return failure.phase === 'preflight' ? [DID_NOT_SUCCEED, DID_NOT_SUCCEED] : [DID_NOT_SUCCEED];
}

/** Firefox's verdict, from a Diagnosis made with FIREFOX_RULES. */
export function firefoxVerdict(diagnosis: Diagnosis, exchange: ObservedExchange): FirefoxVerdict {
  const warnings: FirefoxVerdict['warnings'] = diagnosis.advisories.some((a) => a.kind === 'wildcard-allow-headers-covers-authorization')
    ? ['CORSAllowHeaderFromPreflightDeprecation']
    : [];
  switch (diagnosis.verdict) {
    case 'allowed':
    case 'not-cors':
      return { outcome: 'allowed', reason: null, logged: [], warnings, preflightUnanswered: false };
    case 'uncertain':
      return { outcome: 'uncertain', reason: null, logged: [], warnings, preflightUnanswered: diagnosis.preflightUnanswered === true };
    case 'network-error': {
      const logged = loggedForNetworkError(diagnosis);
      return { outcome: 'network-error', reason: logged[0] ?? null, logged, warnings, preflightUnanswered: false };
    }
    case 'blocked': {
      const logged = loggedForBlocked(diagnosis, exchange, firefoxReasonForError(diagnosis, exchange));
      const reason = logged.find((r) => r !== DID_NOT_SUCCEED) ?? logged[0] ?? null;
      // Without a CORS reason of its own (a mode refused in the page, say) Firefox's page sees a
      // plain failure: no CORS block in its console.
      const outcome = reason === null || reason === DID_NOT_SUCCEED ? 'network-error' : 'blocked';
      return { outcome, reason, logged, warnings, preflightUnanswered: false };
    }
  }
}

/**
 * The reason Firefox's console gives for the exchange judged as `diagnosis`, with its MDN page and
 * Firefox's console line for it (the explanation's `firefox`); null when Firefox logs no CORS error.
 */
export function firefoxReasonWithPage(diagnosis: Diagnosis, exchange: ObservedExchange): { reason: FirefoxReason; mdn: string; console: string } | null {
  const { reason } = firefoxVerdict(diagnosis, exchange);
  return reason === null ? null : { reason, mdn: MDN_CORS_ERRORS + reason, console: firefoxConsoleLine(reason, diagnosis, exchange) };
}

/** Firefox's console line for the exchange (`diagnosis` made with Firefox's rules), null when it logs no CORS error. */
export function firefoxConsoleMessage(diagnosis: Diagnosis, exchange: ObservedExchange): string | null {
  const { reason } = firefoxVerdict(diagnosis, exchange);
  return reason === null ? null : firefoxConsoleLine(reason, diagnosis, exchange);
}
