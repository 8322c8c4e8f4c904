// The header names a logged preflight asked about, as Chromium wrote them.
//
// https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 4-5: `Access-Control-Request-Headers`
// is the request's CORS-unsafe request-header names, sorted, lower-cased, joined with ",". Read back
// to the same form (a hand-written log may add spaces, capitals or empty items), it can be compared
// with `corsUnsafeRequestHeaderNames()` of a logged request (src/cors/safelisted-request-header.ts).

import { memoized } from '../cors/index.ts';

const NONE: readonly string[] = Object.freeze([]);

// A log's preflights repeat the same few lists, each read by the pairing and again by the cache
// detection: read once per distinct value (bounded), the names frozen since they are shared.
const namesOf = memoized(1024, (value: string): readonly string[] => Object.freeze(namesIn(value)));

/** `Access-Control-Request-Headers` as sent → sorted, lower-case, de-duplicated names. */
export function parseRequestHeadersList(value: string | undefined): readonly string[] {
  return value === undefined ? NONE : namesOf(value);
}

function namesIn(value: string): string[] {
  const names = new Set<string>();
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (name !== '') names.add(name);
  }
  return [...names].sort();
}
