// Which observed values may go into a copyable snippet at all. A fix is only useful with values
// the browser could really have sent: a serialized origin, a method token, a header-name token.
// Anything else (a HAR can hold any bytes) is replaced by a visible placeholder, and the escapers
// in `escape.ts` still quote what remains.

import { memo } from './memo.ts';

/** https://fetch.spec.whatwg.org/#concept-method: a token. https://httpwg.org/specs/rfc9110.html#tokens */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A serialized origin as browsers send it: `scheme://host[:port]`, with an ASCII host (a domain,
 * IPv4, or a bracketed IPv6). https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin
 */
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/;

export const PLACEHOLDER_ORIGIN = 'https://your-app.example';

// A header name the exports (and `explain`) write in place of one shaped like a secret: a numbered
// placeholder, `REDACTED-TOKEN-1`, `x-REDACTED-JWT-2` (src/export/secret-name-numbers.ts). Read
// from a shared bundle or HAR, or from `explain`'s masked names, it is a token, so a fix lists it as
// a name; it stands for one of the user's that the output leaves out, and a snippet must say so, or
// it is pasted into a server's configuration as a header name (session 38, review M6). The kinds
// are listed (no nested repetition: linear on a hostile name).
const LEFT_OUT_NAME = /redacted-(?:opaque-token|query-secret|set-cookie|authorization|api-key|password|secret|cookie|token|jwt)-\d/i;

/** The names of `names` that stand for a name the output leaves out (see LEFT_OUT_NAME), each once. */
export function leftOutNames(names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of names) if (LEFT_OUT_NAME.test(name) && !out.includes(name)) out.push(name);
  return out;
}

export function isSerializedOrigin(value: string): boolean {
  return value === 'null' || ORIGINS(value, () => ORIGIN.test(value));
}

// Asked for the page's origin and the target's of every exchange (a few distinct values in a
// capture), and the pattern costs microseconds a call: each value is tested once.
const ORIGINS = memo<boolean>(256);

export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** The origin to put in a snippet, or the placeholder when the observed one is not an origin. */
export function snippetOrigin(observed: string): { value: string; replaced: boolean } {
  return isSerializedOrigin(observed) && observed !== 'null'
    ? { value: observed, replaced: false }
    : { value: PLACEHOLDER_ORIGIN, replaced: true };
}

/** Tokens only; others are dropped (and reported) since no browser sends them. */
export function snippetTokens(values: readonly string[]): { values: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const v of values) (isToken(v) ? kept : dropped).push(v);
  return { values: kept, dropped };
}
