// A hop in words, as a junior developer would say it: "after redirect 1" rather than "hop 1", and
// nothing for the first request (no redirect yet). The panel's detail and the engine's fix snippets
// word hops alike.

/** `''` on the first request, `after redirect 2` on the request that followed the second redirect. */
export function afterRedirect(hop: number): string {
  return hop > 0 ? `after redirect ${hop}` : '';
}

/** `afterRedirect` to follow a noun ("the response after redirect 2"): with its space, `''` on the first request. */
export function afterRedirectSuffix(hop: number): string {
  return hop > 0 ? ` ${afterRedirect(hop)}` : '';
}
