// What `probe` prints of what it sends: secrets (header values such as `Authorization`, a token in
// the URL's query) become `REDACTED-...` placeholders by the exports' one policy (`redactHeaders`,
// `redactUrl`, `redactExchange`), unless `--include-secrets`. Its output ends up in CI logs and
// artifacts. The probe itself always sends the values as given: only what it prints is redacted.

import type { HeaderList, ObservedExchange, PlannedRequest } from '../cors/index.ts';
import { distinctRedactions, redactExchange, redactHeaders, redactUrl, SecretNameNumbers, type Redaction } from '../export/index.ts';

export interface ProbeSecrets {
  url(url: string): string;
  request(request: PlannedRequest): PlannedRequest;
  /** For the engine's wording (explanations, headlines): the verdict is judged on the real exchange. */
  exchange(exchange: ObservedExchange): ObservedExchange;
  /** What was replaced so far, once each (kind and where, never the value). */
  redactions(): Redaction[];
}

export function probeSecrets(includeSecrets: boolean, headers: HeaderList): ProbeSecrets {
  if (includeSecrets) return { url: (url) => url, request: (request) => request, exchange: (exchange) => exchange, redactions: () => [] };
  const found: Redaction[] = [];
  // One numbering for the run: a header name shaped like a secret reads alike in every request printed.
  // It skips the numbers the headers asked for hold (`secret-name-numbers.ts`); not those of a server's
  // answer, which comes after the request is first printed.
  const names = new SecretNameNumbers(headers.flat());
  return {
    url: (url) => redactUrl(url, found),
    request: (request) => ({ ...request, url: redactUrl(request.url, found), headers: redactHeaders(request.headers, found, undefined, names) }),
    exchange: (exchange) => redactExchange(exchange, found, names),
    redactions: () => distinctRedactions(found),
  };
}
