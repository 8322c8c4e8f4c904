// The `Cookie` line a later redirect hop went out with. Cookies are not in the request's header
// list: the network layer adds them again at every hop, from the cookie store for that hop's URL,
// when the credentials mode says so (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch,
// "includeCredentials": `include` always; `same-origin` only while the response tainting is "basic",
// that is while every URL so far is same origin with the request's origin,
// https://fetch.spec.whatwg.org/#main-fetch step 12; `omit` never). The capture holds the request's
// headers once, as sent to the first URL, so the first hop's `Cookie` line is right at a later hop
// only where the browser sent cookies again and from the same cookie store (same scheme and host:
// cookies ignore the port). Chromium 156 sends none to a cross-origin hop of a `same-origin` fetch
// (test/conformance/har-export-cookie.test.ts).

import { type CredentialsMode, isSameOrigin, serializeOrigin } from '../cors/index.ts';

/**
 * - `as-captured`: the first hop's `Cookie` line (or none, as the first hop had none). A `Set-Cookie`
 *   on a 3xx or a cookie's `Path` can still change it; the capture does not show that.
 * - `not-sent`: the browser sent no `Cookie` there.
 * - `unknown`: the browser sent that URL's cookies if the request's credentials mode was `include`,
 *   none otherwise, and the capture has neither the mode nor those cookies.
 */
export type CookieAtHop = 'as-captured' | 'not-sent' | 'unknown';

/**
 * `urls` are the hops' URLs up to and including the one sent; `requestOrigin` the page's origin
 * (null: opaque; undefined: not captured).
 * `capturedCookie`: the first hop carried a `Cookie` line.
 */
export function cookieAtHop(urls: readonly string[], requestOrigin: string | null | undefined, mode: CredentialsMode | undefined, capturedCookie: boolean): CookieAtHop {
  if (urls.length <= 1) return 'as-captured';
  const origins = urls.map(serializeOrigin);
  // Response tainting "basic" (`requestOrigin` null: opaque, same origin with nothing).
  const basic = typeof requestOrigin === 'string' && origins.every((origin) => isSameOrigin(origin, requestOrigin));
  // The same cookie store as the first hop's at every hop so far.
  const sameStore = origins.every((origin) => cookieStoreOf(origin) === cookieStoreOf(origins[0]!));
  // A `Cookie` sent to a first URL of another origin than the page's proves `include`.
  const known = mode ?? (capturedCookie && typeof requestOrigin === 'string' && !isSameOrigin(origins[0]!, requestOrigin) ? 'include' : undefined);
  switch (known) {
    case 'omit':
      return 'not-sent';
    case 'same-origin':
      if (requestOrigin === undefined) return 'unknown';
      return basic ? 'as-captured' : 'not-sent';
    case 'include':
      return sameStore ? 'as-captured' : 'unknown';
    case undefined:
      // `same-origin` and `include` both send the first hop's cookies while tainting is basic; with
      // no cookie at the first hop, neither sends one on the same store.
      if (basic || (sameStore && !capturedCookie)) return 'as-captured';
      return 'unknown';
  }
}

/** Scheme and host of an origin: cookies are kept per host, `Secure` ones for https only; ports share them. */
function cookieStoreOf(origin: string): string {
  return origin.replace(/:\d+$/, '');
}
