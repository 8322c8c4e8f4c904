// What `probe` prints of what it sends: secrets (header values such as `Authorization`, a token in
// the URL's query, a header name shaped like a secret) become `REDACTED-...` placeholders by the
// exports' one policy (`redactHeaders`, `redactHeaderName`, `redactUrl`, `redactExchange`), unless
// `--include-secrets`. Its output ends up in CI logs and artifacts, as explain's does, and follows
// explain's rule: every line of one report names a header as the others do. The probe itself always
// sends the values as given: only what it prints is redacted.

import { diagnose, type HeaderList, type PlannedRequest, type ProbeOutcome } from '../cors/index.ts';
import { distinctRedactions, placeholdersInCapitals, redactExchange, redactHeaderName, redactHeaders, redactUrl, SecretNameNumbers, type Redaction } from '../export/index.ts';

export interface ProbeSecrets {
  url(url: string): string;
  /** A header name asked for (`--header`), as the requests printed write it. */
  headerName(name: string): string;
  request(request: PlannedRequest): PlannedRequest;
  /**
   * The named origin's outcome as the report words it (headline, explanation, fixes): its exchange
   * redacted and judged again, so the engine's words name each header as the rest of the report
   * does. Redaction keeps the verdict (`redact-exchange.ts`); the verdict and grants printed are the
   * real exchange's.
   */
  outcome(named: ProbeOutcome): ProbeOutcome;
  /** What was replaced so far, once each (kind and where, never the value). */
  redactions(): Redaction[];
}

export function probeSecrets(includeSecrets: boolean, headers: HeaderList): ProbeSecrets {
  if (includeSecrets) return { url: (url) => url, headerName: (name) => name, request: (request) => request, outcome: (named) => named, redactions: () => [] };
  const found: Redaction[] = [];
  // One numbering for the run: a header name shaped like a secret reads alike in every request printed.
  // It skips the numbers the headers asked for hold (`secret-name-numbers.ts`); not those of a server's
  // answer, which comes after the request is first printed.
  const names = new SecretNameNumbers(headers.flat());
  const judged = new WeakMap<ProbeOutcome, ProbeOutcome>();
  return {
    url: (url) => redactUrl(url, found),
    // As a request line writes it: the placeholder in capitals (`X-Api-Key-REDACTED-API-KEY-1`).
    headerName: (name) => placeholdersInCapitals(redactHeaderName(name, names)),
    request: (request) => ({ ...request, url: redactUrl(request.url, found), headers: redactHeaders(request.headers, found, undefined, names) }),
    outcome(named) {
      let shown = judged.get(named);
      if (shown === undefined) {
        const exchange = redactExchange(named.exchange, found, names);
        shown = { ...named, exchange, diagnosis: diagnose(exchange, named.probe.rules) };
        judged.set(named, shown);
      }
      return shown;
    },
    redactions: () => distinctRedactions(found),
  };
}
