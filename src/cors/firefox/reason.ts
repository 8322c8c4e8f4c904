// Firefox's reason for a Diagnosis's CorsError: the CorsError table's `firefox` column
// (src/cors/cors-errors/), with the one distinction Firefox makes that the CorsError does not.
// The only place that reads the column: Firefox's verdict (verdict.ts) and, through it, the
// explanation's `firefox` and `explain --json` take their reason from here.

import { isCorsError } from '../cors-error.ts';
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
export function firefoxReasonForError(diagnosis: Pick<Diagnosis, 'corsError'> & { failedAt: { hop: number } | null }, exchange: ObservedExchange): FirefoxReason | null {
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

/**
 * Firefox's reason for a verdict stored as text (a bundle judged by Firefox's rules keeps the
 * CorsError, Chromium's vocabulary): derived from it and the exchange, as the explanation does,
 * so the bundle needs no field of its own. Null for no error, or for a name this engine does not
 * know (a newer engine's).
 */
export function firefoxReasonOfStored(stored: { corsError: string | null; failedAt: { hop: number } | null }, exchange: ObservedExchange): FirefoxReason | null {
  const { corsError } = stored;
  if (corsError === null || !isCorsError(corsError)) return null;
  return firefoxReasonForError({ corsError, failedAt: stored.failedAt }, exchange);
}
