// `explain` prints header names: the server's needs (`request headers: ...`), the fix's
// `Access-Control-Allow-Headers`, and in `--json` the checks' `header`/`expected`/`found` and
// `corsHeaders`. A name shaped like a credential (`ghp_…`, `sk_live_…`, a JWT: tokens all, so a page
// can send them as names) went into CI logs as captured, though every export writes it as a numbered
// placeholder (`REDACTED-TOKEN-1`, `secret-name-numbers.ts`) and a name that is no token cut
// (`... REDACTED-REST-OF-NAME`). Here the exchange's names are written as the exports write them,
// before the engine reads it, as `masked-url-secrets.ts` does for its URLs: the text and `--json`
// then show the same names, from one numbering. Values are kept but the lists of names
// (`Access-Control-Request-Headers`, `-Allow-Headers`, `-Expose-Headers`, `Vary`), whose items are
// written as the lines they name: the exports' own pairing (`listedNamesAsRedacted`), which keeps
// verdicts; and the values read as a keyword (`Access-Control-Max-Age`, `Sec-Fetch-Site`, ...) or
// as free text by a safelist rule (`Content-Type`, `Accept`, ...: explain quotes one that needed the
// server's permission), whose secrets the exports take (`redact-engine-values.ts`), which keeps
// verdicts too, with the
// `Access-Control-Max-Age` a cached preflight's entry repeats (`ObservedHop.preflightCacheEntry`).
// The values the server's layers are read from are written where `--json` prints them
// (`redactEvidenceValue`).

import type { HeaderLine, HeaderList, ObservedExchange, ObservedHop, ObservedResponse } from '../cors/index.ts';
import { isFreeTextSafelisted, isKeywordValued, NAME_LISTS, redactEngineValue } from './redact-engine-values.ts';
import { allHeaderLists, engineValuesAsRedacted, headerNamesAsRedacted, listedNamesAsRedacted } from './redact-exchange.ts';
import { redactExplainedLine, redactHeaderName } from './redact-header.ts';
import type { SecretNameNumbers } from './secret-name-numbers.ts';

/** Their lengths: most names are none of them, told without lower-casing them. */
const NAME_LIST_LENGTHS = new Set([...NAME_LISTS].map((name) => name.length));

/** How many names redaction keeps as they are are remembered (a log's names repeat): cleared past it. */
const KEPT_NAMES = 4096;

/** One run's masking of header names, numbered by the run's `numbers` (made from the captured exchanges). */
export class HeaderNameMasking {
  /** Names redaction writes as they are: whether a name is one does not depend on the numbering. */
  readonly #kept = new Set<string>();
  /**
   * Lines whose name (and listed names) redaction writes as they are. A capture's lines are shared
   * between its entries (capture/header-lines.ts: 7,603 distinct of 816,413 in the bench's 151 MB
   * HAR), so a line is looked at once rather than once per exchange holding it.
   */
  readonly #keptLines = new WeakSet<HeaderLine>();

  constructor(readonly numbers: SecretNameNumbers) {}

  #keeps(name: string): boolean {
    if (this.#kept.has(name)) return true;
    if (redactHeaderName(name, this.numbers) !== name) return false;
    if (this.#kept.size >= KEPT_NAMES) this.#kept.clear();
    this.#kept.add(name);
    return true;
  }

  /** Whether every name of `headers`, and every item of a list of names, is written as it is. */
  #keepsAll(headers: HeaderList): boolean {
    for (const line of headers) {
      if (this.#keptLines.has(line)) continue;
      if (!this.#keepsLine(line)) return false;
      this.#keptLines.add(line);
    }
    return true;
  }

  #keepsLine(line: HeaderLine): boolean {
    const [name, value] = line;
    if (!this.#keeps(name)) return false;
    if (!NAME_LIST_LENGTHS.has(name.length) || !NAME_LISTS.has(name.toLowerCase())) return this.#keepsValue(name.toLowerCase(), value);
    for (const item of value.split(',')) {
      const trimmed = item.trim();
      if (trimmed !== '' && !this.#keeps(trimmed)) return false;
    }
    return true;
  }

  /** Whether `redactExplainedLine` keeps this value (all but the keyword-valued and free text safelisted lines' secrets are kept). */
  #keepsValue(lowerName: string, value: string): boolean {
    return !(isKeywordValued(lowerName) || isFreeTextSafelisted(lowerName)) || redactEngineValue(lowerName, value, [], this.numbers) === value;
  }

  /** A cached preflight's entry (`ObservedHop.preflightCacheEntry`) with its Max-Age written as its line's value is. */
  #cacheEntry(hop: ObservedHop): ObservedHop {
    const entry = hop.preflightCacheEntry;
    if (entry === undefined || entry.maxAge === null || this.#keepsValue('access-control-max-age', entry.maxAge)) return hop;
    return { ...hop, preflightCacheEntry: { ...entry, maxAge: redactEngineValue('access-control-max-age', entry.maxAge, [], this.numbers) } };
  }

  /** `exchange` with its header names written as the exports write them; itself when none changes. */
  masked(exchange: ObservedExchange): ObservedExchange {
    if (allHeaderLists(exchange).every((headers) => this.#keepsAll(headers)) && exchange.hops.every((hop) => this.#cacheEntry(hop) === hop)) return exchange;
    const listed = listedNamesAsRedacted(exchange, this.numbers);
    const words = headerNamesAsRedacted(exchange, this.numbers);
    const lines = (headers: HeaderList): HeaderList => headers.map((line) => redactExplainedLine(line, listed, this.numbers));
    const out: ObservedExchange = { ...exchange, request: { ...exchange.request, headers: lines(exchange.request.headers) }, hops: exchange.hops.map((hop) => maskedHop(this.#cacheEntry(hop), lines)) };
    // Chromium's failedParameter and the error text name a header as the engine wrote it, and a
    // value it refused (an Access-Control-Allow-Credentials value) as the line holds it.
    const values = engineValuesAsRedacted(exchange, out);
    if (exchange.errorText !== undefined) out.errorText = values(words(exchange.errorText));
    if (exchange.browserVerdict) out.browserVerdict = { ...exchange.browserVerdict, failedParameter: values(words(exchange.browserVerdict.failedParameter)) };
    return out;
  }
}

function maskedResponse(response: ObservedResponse | null, lines: (headers: HeaderList) => HeaderList): ObservedResponse | null {
  return response === null ? null : { ...response, headers: lines(response.headers) };
}

/** `hop` with each header list written by `lines`. */
export function maskedHop(hop: ObservedHop, lines: (headers: HeaderList) => HeaderList): ObservedHop {
  const out: ObservedHop = { ...hop, response: maskedResponse(hop.response, lines) };
  if (hop.preflight !== undefined) out.preflight = { ...hop.preflight, requestHeaders: lines(hop.preflight.requestHeaders), response: maskedResponse(hop.preflight.response, lines) };
  return out;
}
