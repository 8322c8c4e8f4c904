// What Firefox reports for the same failure: its console reason code (the name of the MDN page).
// Checked against Firefox 153's reasons for the public scenarios
// (test/fixtures/public.observed-firefox.json; its message ids carry a version suffix, e.g.
// CORSMissingAllowOrigin2, which is the same reason as the MDN page without the digit).

import type { CorsError } from '../cors-error.ts';
import { corsErrorFacts } from '../cors-errors/index.ts';
import { type FirefoxReason, MDN_CORS_ERRORS } from '../cors-errors/facts.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { headerLines } from '../header-list.ts';
import { explainFacts } from './facts.ts';

export { MDN_CORS_ERRORS } from '../cors-errors/facts.ts';

/** Chromium's error → Firefox's reason (the table's `firefox`). `null`: Firefox has no CORS reason for it. */
export function firefoxReasonFor(error: CorsError): FirefoxReason | null {
  return corsErrorFacts(error).firefox;
}

/** Firefox's reason for this Diagnosis, with its MDN page; null when Firefox would report none. */
export function firefoxReason(diagnosis: Diagnosis, exchange: ObservedExchange): { reason: string; mdn: string } | null {
  let reason: FirefoxReason | null = null;
  if (diagnosis.verdict === 'network-error') reason = 'CORSDidNotSucceed';
  else if (diagnosis.verdict === 'blocked' && diagnosis.corsError !== null) {
    reason = firefoxReasonFor(diagnosis.corsError);
    // Firefox says "multiple" only for several header lines; one line "a, b" does not match.
    const error = corsErrorFacts(diagnosis.corsError);
    if (error.reasons.includes('multiple-values')) {
      const facts = explainFacts(diagnosis, exchange);
      const headers = error.group === 'preflight' ? facts.hopData?.preflight?.response?.headers : facts.hopData?.response?.headers;
      if (headerLines(headers, 'access-control-allow-origin').length > 1) reason = 'CORSMultipleAllowOriginNotAllowed';
    }
  }
  return reason === null ? null : { reason, mdn: MDN_CORS_ERRORS + reason };
}
