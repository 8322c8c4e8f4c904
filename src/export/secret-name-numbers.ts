// A header name shaped like a credential (`ghp_…`, `sk_live_…`, `AKIA…`, a JWT: tokens all, so
// a page can send them as names) loses that part to a placeholder (`redact-header.ts`). With one
// placeholder for every such name, two of them in one exchange became one name: a preflight that
// asked for two and was allowed one, redacted, asked for one twice and was allowed it, and the shared
// bundle judged again read another verdict than the capture (session 36). So each such name gets a
// number of its own, written after each placeholder in it: `REDACTED-TOKEN-1`, `x-REDACTED-JWT-2`.
//
// Numbered per export (a bundle, a HAR, a report, a run of `curl`), in the order the names are
// first met: a reader compares the exchanges of one file, and the same name is then the same
// placeholder in all of them. Header names are case-insensitive, so the number goes by the name
// lower-cased. A numbered name holds no secret's shape, so redacting it again leaves it as it is.
//
// A capture can hold a name already shaped like a numbered one (a literal `REDACTED-TOKEN-1`, or a
// bundle's own names shared again): numbering from 1 blindly made a fresh `ghp_…` read as that name,
// and the shared bundle was judged otherwise than the capture (session 36). So a numbering is made
// from everything the export writes header names from, and skips each number any of it already
// holds after a placeholder, in any case: a numbered name then equals no name the capture holds.
//
// A method shaped like a credential (`secret-methods.ts`), and a value read as a keyword that holds
// one (`redact-engine-values.ts`), is numbered from the same count, but by the text as written: methods compare byte for byte (`patch` is not `PATCH`), so two that differ
// only in case stay two. The request's method is a source too, so no numbered method reads as one
// the capture holds.

import type { ObservedExchange } from '../cors/index.ts';
import { SECRET_KINDS, placeholder } from './redaction.ts';

// Our placeholders, longest first so that `REDACTED-OPAQUE-TOKEN` is not read as `REDACTED-OPAQUE…`
// and `REDACTED-SET-COOKIE` wins over a shorter kind at the same place.
const PLACEHOLDER = new RegExp(
  SECRET_KINDS.map(placeholder)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

// A number after a letter and a hyphen, in a lower-cased text that holds `redacted-`: every number
// a placeholder-shaped name there could carry (`redacted-x-redacted-token-1` gives 1), and some
// that none does, which only makes the numbers given jump. No nested repetition: the scan stays
// linear on a hostile value (`redacted-` repeated over a header line took seconds with
// `redacted-[a-z]+(?:-[a-z]+)*-(\d+)`, backtracking from every `redacted-`).
const NUMBERED = /[a-z]-(\d+)/g;

/**
 * Every text of `exchanges` a header name or a method can come from: header names and values (lists
 * of names, such as Access-Control-Allow-Headers, and of methods), the request's method, the error
 * text and the browser's failed parameter.
 */
export function* headerNameSources(exchanges: Iterable<ObservedExchange>): Generator<string> {
  for (const exchange of exchanges) {
    yield exchange.request.method;
    yield* exchange.request.headers.flat();
    for (const hop of exchange.hops) {
      yield* (hop.preflight?.requestHeaders ?? []).flat();
      yield* (hop.preflight?.response?.headers ?? []).flat();
      yield* (hop.response?.headers ?? []).flat();
    }
    if (exchange.errorText !== undefined) yield exchange.errorText;
    if (exchange.browserVerdict) yield exchange.browserVerdict.failedParameter;
  }
}

export class SecretNameNumbers {
  private readonly numbers = new Map<string, number>();
  /** Methods' numbers, by the method as written (`numberedMethod`). */
  private readonly methodNumbers = new Map<string, number>();
  /** Numbers the export already holds after a placeholder: none is given to a name. */
  private readonly taken = new Set<number>();
  private next = 1;
  /** What is yet to be read for `taken`; null once read. */
  private sources: Iterable<string> | null;

  /**
   * `sources`: every text the export writes header names from (`headerNameSources` of its
   * exchanges, or the names of a probe line), read when the first name is numbered: most exports
   * number none. Lower-cased, as header names compare.
   */
  constructor(sources: Iterable<string>) {
    this.sources = sources;
  }

  private readSources(): void {
    if (this.sources === null) return;
    for (const text of this.sources) {
      // Cheap test first: most texts hold no placeholder at all.
      if (!/redacted-/i.test(text)) continue;
      for (const match of text.toLowerCase().matchAll(NUMBERED)) this.taken.add(Number(match[1]));
    }
    this.sources = null;
  }

  /**
   * `shown` (the header name `name` as redaction writes it) with its number after each placeholder
   * in it; `shown` as it is when redaction left the name alone. No digit follows a placeholder in a
   * redacted name (each secret's shape ends where no letter or digit follows), so names numbered
   * differently never read alike; a number the sources hold is skipped, so no numbered name reads
   * as one of theirs.
   */
  numbered(name: string, shown: string): string {
    return shown === name ? shown : this.withNumber(this.numbers, name.toLowerCase(), shown);
  }

  /** As `numbered`, for a method (`shown`: as redaction writes `method`), numbered by its exact bytes. */
  numberedMethod(method: string, shown: string): string {
    return shown === method ? shown : this.withNumber(this.methodNumbers, method, shown);
  }

  /**
   * As `numberedMethod`, for a value read as a keyword (`Access-Control-Max-Age`, `Sec-Fetch-Site`:
   * `redact-engine-values.ts`), by its exact bytes and from the same count: the same text, method
   * or value, is the same placeholder.
   */
  numberedValue(value: string, shown: string): string {
    return this.numberedMethod(value, shown);
  }

  private withNumber(numbers: Map<string, number>, key: string, shown: string): string {
    let n = numbers.get(key);
    if (n === undefined) {
      this.readSources();
      n = this.next;
      while (this.taken.has(n)) n++;
      this.next = n + 1;
      numbers.set(key, n);
    }
    return shown.replace(PLACEHOLDER, (word) => `${word}-${n}`);
  }
}
