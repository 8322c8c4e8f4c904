// A few words for a list row. Built from the reason (data) and, where it helps, the one value
// that names the problem (the header, the method, the status); a blocked row's words are its
// CorsError's headline in the table (src/cors/cors-errors/).

import { corsErrorFacts } from '../cors-errors/index.ts';
import type { Diagnosis, NetworkFailure } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
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
