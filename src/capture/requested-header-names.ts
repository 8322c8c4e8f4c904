// The header names a logged preflight asked about, as Chromium wrote them.
//
// https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 4-5: `Access-Control-Request-Headers`
// is the request's CORS-unsafe request-header names, sorted, lower-cased, joined with ",". Read back
// to the same form (a hand-written log may add spaces, capitals or empty items), it can be compared
// with `corsUnsafeRequestHeaderNames()` of a logged request (src/cors/safelisted-request-header.ts).

import { memoized } from '../cors/index.ts';

const NONE: readonly string[] = Object.freeze([]);

// A log's preflights repeat the same few lists, each read by the pairing and again by the cache
// detection: read once per distinct value, the names frozen since they are shared. Only values of
// up to MEMO_VALUE_CHARS are kept (a real list is far shorter; a hostile log's 1,024 distinct values
// of 256 KiB would hold over 2 GiB), and the worker forgets them when it captures no tab: they are
// the captured pages' traffic.
const MEMO_VALUE_CHARS = 512;
const namesOf = memoized(1024, (value: string): readonly string[] => Object.freeze(namesIn(value)));

/** `Access-Control-Request-Headers` as sent → sorted, lower-case, de-duplicated names. */
export function parseRequestHeadersList(value: string | undefined): readonly string[] {
  if (value === undefined) return NONE;
  return value.length <= MEMO_VALUE_CHARS ? namesOf(value) : Object.freeze(namesIn(value));
}

/** Empties the memo of lists read (the extension's worker, once no tab is captured). */
export function forgetRequestedHeaderLists(): void {
  namesOf.forget();
}

function namesIn(value: string): string[] {
  const names = new Set<string>();
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (name !== '') names.add(name);
  }
  return [...names].sort();
}
