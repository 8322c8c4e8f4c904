// What `probe` prints of what it sends: secrets (header values such as `Authorization`, a token in
// the URL's query, a header name shaped like a secret) become `REDACTED-...` placeholders by the
// exports' one policy (`redactHeaders`, `redactHeaderName`, `redactUrl`, `redactExchange`), unless
// `--include-secrets`. Its output ends up in CI logs and artifacts, as explain's does, and follows
// explain's rule: every line of one report names a header as the others do. The probe itself always
// sends the values as given: only what it prints is redacted.
//
// A value given with `--header` goes whatever its header's name (session 44: `--header "X-Access:
// ..."` was printed in clear, though the help promises placeholders): the person typed it, so it is
// theirs, and a name no rule knows may carry a credential. Kept are the value a bare name is sent
// with (`probe`) and those of the CORS-safelisted names (`Content-Type`, `Accept`, ...), whose values
// decide whether a preflight is needed: the commands printed must show what was judged; a token
// inside one still goes by the rules every header's value goes by.

import { diagnose, isSafelistedHeaderName, type HeaderLine, type HeaderList, type PlannedRequest, type ProbeOutcome } from '../cors/index.ts';
import { distinctRedactions, placeholder, placeholdersInCapitals, record, redactExchange, redactHeaderName, redactHeaders, redactUrl, SecretNameNumbers, type Redaction } from '../export/index.ts';
import { BARE_HEADER_VALUE } from './probe-args.ts';

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
  const given = givenValues(headers);
  // After the exports' rules (an `Authorization` keeps its own placeholder): what they left of a given value.
  const masked = (lines: HeaderList): HeaderLine[] =>
    lines.map((line) => {
      if (!given.get(line[0].toLowerCase())?.has(line[1])) return line;
      record(found, 'secret', line[0].toLowerCase());
      return [line[0], placeholder('secret')];
    });
  return {
    url: (url) => redactUrl(url, found),
    // As a request line writes it: the placeholder in capitals (`X-Api-Key-REDACTED-API-KEY-1`).
    headerName: (name) => placeholdersInCapitals(redactHeaderName(name, names)),
    request: (request) => ({ ...request, url: redactUrl(request.url, found), headers: masked(redactHeaders(request.headers, found, undefined, names)) }),
    outcome(named) {
      let shown = judged.get(named);
      if (shown === undefined) {
        const redacted = redactExchange(named.exchange, found, names);
        const exchange = { ...redacted, request: { ...redacted.request, headers: masked(redacted.request.headers) } };
        shown = { ...named, exchange, diagnosis: diagnose(exchange, named.probe.rules) };
        judged.set(named, shown);
      }
      return shown;
    },
    redactions: () => distinctRedactions(found),
  };
}

/** The values given with `--header`, by lower-case name, but those kept (see the top of this file). */
function givenValues(headers: HeaderList): Map<string, Set<string>> {
  const given = new Map<string, Set<string>>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (value === BARE_HEADER_VALUE || value.trim() === '' || isSafelistedHeaderName(lower)) continue;
    given.set(lower, (given.get(lower) ?? new Set()).add(value));
  }
  return given;
}
