// Firefox's reason for a Diagnosis's CorsError: the CorsError table's `firefox` column
// (src/cors/cors-errors/), with the one distinction Firefox makes that the CorsError does not.
// The only place that reads the column: Firefox's verdict (verdict.ts) and, through it, the
// explanation's `firefox` and `explain --json` take their reason from here.

import { corsErrorFacts } from '../cors-errors/index.ts';
import type { FirefoxReason } from '../cors-errors/facts.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { headerLines } from '../header-list.ts';

/**
 * The reason Firefox gives for `diagnosis.corsError`, null when it has none (no error, or one
 * Firefox refuses without a CORS reason). Several `Access-Control-Allow-Origin` values are
 * CORSMultipleAllowOriginNotAllowed only on several header lines; one line holding a list
 * ("a, b") is CORSAllowOriginNotMatchingOrigin, the table's value (nsCORSListenerProxy reads
 * each header line, not the combined value).
 */
export function firefoxReasonForError(diagnosis: Diagnosis, exchange: ObservedExchange): FirefoxReason | null {
  const error = diagnosis.corsError;
  if (error === null) return null;
  const facts = corsErrorFacts(error);
  if (facts.reasons.includes('multiple-values')) {
    const hop = exchange.hops[diagnosis.failedAt?.hop ?? 0];
    const response = facts.group === 'preflight' ? hop?.preflight?.response : hop?.response;
    if (headerLines(response?.headers, 'access-control-allow-origin').length > 1) return 'CORSMultipleAllowOriginNotAllowed';
  }
  return facts.firefox;
}
