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

import { SECRET_KINDS, placeholder } from './redaction.ts';

// Our placeholders, longest first so that `REDACTED-OPAQUE-TOKEN` is not read as `REDACTED-OPAQUE…`
// and `REDACTED-SET-COOKIE` wins over a shorter kind at the same place.
const PLACEHOLDER = new RegExp(
  SECRET_KINDS.map(placeholder)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

export class SecretNameNumbers {
  private readonly numbers = new Map<string, number>();

  /**
   * `shown` (the header name `name` as redaction writes it) with its number after each placeholder
   * in it; `shown` as it is when redaction left the name alone. No digit follows a placeholder in a
   * redacted name (each secret's shape ends where no letter or digit follows), so names numbered
   * differently never read alike.
   */
  numbered(name: string, shown: string): string {
    if (shown === name) return shown;
    const key = name.toLowerCase();
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(key, n);
    }
    return shown.replace(PLACEHOLDER, (word) => `${word}-${n}`);
  }
}
