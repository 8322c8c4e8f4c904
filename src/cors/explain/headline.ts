// A few words for a list row. Built from the reason (data) and, where it helps, the one value
// that names the problem (the header, the method, the status); a blocked row's words are its
// CorsError's headline in the table (src/cors/cors-errors/).

import type { CorsError } from '../cors-error.ts';
import { CORS_ERROR_TABLE, corsErrorFacts } from '../cors-errors/index.ts';
import type { Diagnosis, NetworkFailure } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { classifyNetworkError } from '../network-failure.ts';
import { explainFacts } from './facts.ts';

const NETWORK_HEADLINES: Record<NetworkFailure['kind'], string> = {
  'connection-refused': 'Connection refused',
  dns: 'Host not found (DNS)',
  tls: 'TLS/certificate error',
  timeout: 'Timed out',
  reset: 'Connection reset',
  aborted: 'Request aborted',
  'blocked-by-client': 'Blocked by an extension',
  other: 'Network error',
};

export function headline(diagnosis: Diagnosis, exchange: ObservedExchange): string {
  const facts = explainFacts(diagnosis, exchange);
  const p = diagnosis.failedParameter ?? '';
  switch (diagnosis.verdict) {
    case 'allowed':
      return 'Allowed';
    case 'not-cors':
      if (diagnosis.notCors === 'data-url') return 'data: URL, no CORS';
      return diagnosis.mode === 'no-cors' ? 'Opaque (no-cors)' : 'Same-origin';
    case 'uncertain':
      if (diagnosis.urlProblem?.kind === 'invalid') return 'Invalid URL in the capture';
      if (diagnosis.urlProblem?.kind === 'opaque-blob') return 'blob: URL of an opaque origin';
      return 'Cannot tell from what was captured';
    case 'network-error':
      return NETWORK_HEADLINES[diagnosis.networkFailure?.kind ?? 'other'];
    case 'blocked':
      break;
  }
  if (diagnosis.corsError === null) return 'Blocked';
  const status = facts.onPreflight ? facts.hopData?.preflight?.response?.status : facts.hopData?.response?.status;
  return corsErrorFacts(diagnosis.corsError).headline({
    hint: p,
    status,
    errorStatus: diagnosis.errorResponse?.status ?? null,
    originIsNull: facts.hopOrigin === 'null',
  });
}

/**
 * A cause's words, from what every failure of the cause shares: its verdict, Chromium's error and
 * the failing value (`failedParameter`, or a network error's text). Nothing is read from one
 * request (no status, no error response, not whether a redirect made the origin `null`), so the
 * words are true of every request grouped under them; a preflight's twin of a response error says
 * "on the preflight", so the two never read alike. Null for a code this engine does not know (a
 * bundle's, unchecked).
 */
export function causeHeadline(verdict: string, corsError: string | null, value: string): string | null {
  if (corsError === null) {
    if (verdict === 'network-error') return NETWORK_HEADLINES[classifyNetworkError(value) ?? 'other'];
    return verdict === 'uncertain' ? 'Cannot tell from what was captured' : 'Blocked';
  }
  if (!Object.hasOwn(CORS_ERROR_TABLE, corsError)) return null;
  const general = { hint: value, status: undefined, errorStatus: null, originIsNull: false };
  const words = corsErrorFacts(corsError as CorsError).headline(general);
  // PreflightWildcardOriginNotAllowed and WildcardOriginNotAllowed share their words.
  const twin = corsError.startsWith('Preflight') ? corsError.slice('Preflight'.length) : '';
  return Object.hasOwn(CORS_ERROR_TABLE, twin) && corsErrorFacts(twin as CorsError).headline(general) === words ? `${words} on the preflight` : words;
}
