// The header names a logged preflight asked about, as Chromium wrote them.
//
// https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 4-5: `Access-Control-Request-Headers`
// is the request's CORS-unsafe request-header names, sorted, lower-cased, joined with ",". Read back
// to the same form (a hand-written log may add spaces, capitals or empty items), it can be compared
// with `corsUnsafeRequestHeaderNames()` of a logged request (src/cors/safelisted-request-header.ts).

/** `Access-Control-Request-Headers` as sent → sorted, lower-case, de-duplicated names. */
export function parseRequestHeadersList(value: string | undefined): string[] {
  if (value === undefined) return [];
  const names = new Set<string>();
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (name !== '') names.add(name);
  }
  return [...names].sort();
}
