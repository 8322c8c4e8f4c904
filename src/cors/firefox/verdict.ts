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
// - a request that got no response at all (a refused connection) logs CORSDidNotSucceed alone:
//   Firefox's page sees the same NetworkError, so CORSDidNotSucceed alone is no CORS block;
// - `Access-Control-Allow-Headers: *` letting `Authorization` through logs the warning
//   CORSAllowHeaderFromPreflightDeprecation.

import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { headerLines } from '../header-list.ts';
import { isRedirectStatus } from '../redirect.ts';
import { firefoxReasonFor, type FirefoxReason } from '../explain/firefox.ts';

export type FirefoxOutcome = 'allowed' | 'blocked' | 'network-error' | 'uncertain';

export interface FirefoxVerdict {
  outcome: FirefoxOutcome;
  /** The reason Firefox gives (first CORS error other than CORSDidNotSucceed, else that), or null. */
  reason: FirefoxReason | null;
  /** Every CORS error Firefox logs for the exchange, in order. */
  logged: FirefoxReason[];
  /** The CORS warnings it logs. */
  warnings: 'CORSAllowHeaderFromPreflightDeprecation'[];
}

const DID_NOT_SUCCEED: FirefoxReason = 'CORSDidNotSucceed';

/** The reason for the Diagnosis's CorsError, with Firefox's own distinction for several ACAO lines. */
function reasonOf(diagnosis: Diagnosis, exchange: ObservedExchange): FirefoxReason | null {
  const error = diagnosis.corsError;
  if (error === null) return null;
  if (error === 'MultipleAllowOriginValues' || error === 'PreflightMultipleAllowOriginValues') {
    // Several header lines: "multiple"; one line holding a list only fails to match.
    const hop = exchange.hops[diagnosis.failedAt?.hop ?? 0];
    const response = error === 'MultipleAllowOriginValues' ? hop?.response : hop?.preflight?.response;
    if (headerLines(response?.headers, 'access-control-allow-origin').length > 1) return 'CORSMultipleAllowOriginNotAllowed';
  }
  return firefoxReasonFor(error);
}

/** The CORS errors Firefox logs for a blocked exchange, its reason first. */
function loggedForBlocked(diagnosis: Diagnosis, exchange: ObservedExchange, reason: FirefoxReason | null): FirefoxReason[] {
  const logged: FirefoxReason[] = reason === null ? [] : [reason];
  const at = diagnosis.failedAt;
  if (at === null) return logged;
  if (at.phase === 'preflight') {
    const status = exchange.hops[at.hop]?.preflight?.response?.status ?? 0;
    if (reason !== 'CORSPreflightDidNotSucceed' && (isRedirectStatus(status) || diagnosis.corsError === 'PreflightDisallowedRedirect')) logged.push('CORSPreflightDidNotSucceed');
    logged.push(DID_NOT_SUCCEED);
    return logged;
  }
  const status = exchange.hops[at.hop]?.response?.status ?? 0;
  if (isRedirectStatus(status) && at.hop + 1 < exchange.hops.length) logged.push(DID_NOT_SUCCEED);
  return logged;
}

/** Firefox's verdict, from a Diagnosis made with FIREFOX_RULES. */
export function firefoxVerdict(diagnosis: Diagnosis, exchange: ObservedExchange): FirefoxVerdict {
  const warnings: FirefoxVerdict['warnings'] = diagnosis.advisories.some((a) => a.kind === 'wildcard-allow-headers-covers-authorization')
    ? ['CORSAllowHeaderFromPreflightDeprecation']
    : [];
  switch (diagnosis.verdict) {
    case 'allowed':
    case 'not-cors':
      return { outcome: 'allowed', reason: null, logged: [], warnings };
    case 'uncertain':
      return { outcome: 'uncertain', reason: null, logged: [], warnings };
    case 'network-error':
      return { outcome: 'network-error', reason: DID_NOT_SUCCEED, logged: [DID_NOT_SUCCEED], warnings };
    case 'blocked': {
      const logged = loggedForBlocked(diagnosis, exchange, reasonOf(diagnosis, exchange));
      const reason = logged.find((r) => r !== DID_NOT_SUCCEED) ?? logged[0] ?? null;
      // Without a CORS reason of its own (a mode refused in the page, say) Firefox's page sees a
      // plain failure: no CORS block in its console.
      const outcome = reason === null || reason === DID_NOT_SUCCEED ? 'network-error' : 'blocked';
      return { outcome, reason, logged, warnings };
    }
  }
}
