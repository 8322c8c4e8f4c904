// Where a browser fills in or departs from the Fetch Standard, as named facts rather than branches
// spread through the replay. Chromium's are checked against Chromium, Firefox's against Firefox
// ESR 153 (test/conformance/conformance.test.ts, test/conformance/firefox-conformance.test.ts).

import type { CorsError } from './cors-error.ts';
import { type AddressSpace, localNetworkAccessError } from './local-network-access.ts';
import { CHROMIUM_MAX_AGE_CAP, chromiumMaxAge, FIREFOX_MAX_AGE_CAP, firefoxMaxAge } from './max-age.ts';

/**
 * How a browser applies Local Network Access (https://wicg.github.io/local-network-access/): a page
 * reaching a less public address space than its own.
 */
interface LocalNetworkAccessRules {
  /** The CorsError of a refused request, from a secure context or not. */
  readonly corsError: (initiatorSecureContext: boolean) => CorsError;
  /** The error text of a preflight the check refused before sending it. */
  readonly preflightErrorText: string;
  /**
   * The page address spaces whose requests into a less public space are refused. The standard
   * refuses them from `local` too (a LAN page calling loopback); Chromium 156 only warns then
   * (an Audits deprecation issue `InsecurePrivateNetworkSubresourceRequest`) and lets the request
   * through, from http and https pages alike (test/scenarios/local-network-local-page.json).
   */
  readonly refusedFrom: readonly AddressSpace[];
  /**
   * The CorsError when the page's `fetch()` declared a `targetAddressSpace` its server was not in:
   * refused before sending, permission granted or not.
   */
  readonly targetMismatchError: CorsError;
}

/** The browser-specific choices the replay of a fetch depends on. */
export interface BrowserRules {
  readonly browser: 'chromium' | 'firefox';
  /**
   * Redirects followed before a network error. https://fetch.spec.whatwg.org/#http-redirect-fetch
   * says 20; Chromium's `net::URLRequest` has the same limit (`kMaxRedirects`).
   */
  readonly maxRedirects: number;
  /**
   * A "no-cors" redirect to a URL with credentials (`https://user:pass@host/`) is a network error.
   * Not in the standard (it refuses such a Location only in "cors" mode or with the CORS flag set);
   * Blink refuses it in the renderer, with an empty error text.
   */
  readonly noCorsRedirectRefusesCredentials: boolean;
  /**
   * Redirect mode "error" is applied after the Location checks. The standard applies it first (in
   * HTTP fetch, before HTTP-redirect fetch); in Chromium the network service runs its Location checks
   * (`CorsURLLoader::OnReceiveRedirect`) and Blink then applies the redirect mode, so a Location with
   * credentials reports RedirectContainsCredentials even under "error".
   */
  readonly redirectModeErrorAfterLocationChecks: boolean;
  /**
   * A redirect refused under redirect mode "error" leaves an error text in the browser's captures
   * (Chromium: `net::ERR_FAILED` on the 3xx), so a capture that stops at a 3xx with no error text,
   * the page's redirect mode unknown, is one the page took itself ("manual"). Firefox's DevTools HAR
   * records no error at all and not the redirect mode: such a 3xx is listed the same under "manual"
   * (the page gets an opaque redirect) and "error" (a network error), so the replay cannot tell
   * (`uncertain`; test/scenarios/redirects.json, redirect-mode-error and redirect-mode-manual).
   */
  readonly redirectModeErrorLeavesErrorText: boolean;
  /** The error text of a request the browser refused for a CORS reason (Chromium: no more detail). */
  readonly corsFailureErrorText: string;
  /** The error text of one redirect too many. */
  readonly tooManyRedirectsErrorText: string;
  /**
   * Local Network Access, or null for a browser that does not apply it. Chromium checks every
   * request, preflights included, when its connection is made (`LocalNetworkAccessChecker`), before
   * anything is sent: a refused request never reaches the server, whatever CORS headers it would send.
   */
  readonly localNetworkAccess: LocalNetworkAccessRules | null;
  /**
   * Request headers safelisted beyond the standard's five (Chromium's client hints: `Save-Data`,
   * `DPR`, `Device-Memory`, ...). Firefox safelists only the standard's: such a header is
   * preflighted (`nsContentUtils::IsCORSSafelistedRequestHeader`).
   */
  readonly safelistsClientHints: boolean;
  /**
   * How many times, per IP-literal host (`127.0.0.1`, `[::1]`) and browser session, a preflight
   * cache entry that covers the request is dropped when looked up, so the request is preflighted
   * again within Access-Control-Max-Age. Chromium: 0 (test/scenarios/preflight-cache.json, at 127.0.0.1:
   * the first repeat within a kept Max-Age is answered from the cache). Firefox: 2, then its cache answers as for any
   * host. netwerk/protocol/http/nsCORSListenerProxy.cpp, `CORSCacheEntry::CheckDNSCache` (called by
   * `CheckRequest` on every look-up): an entry is used only while the host's DNS cache holds records
   * (unspecified, IPv4, IPv6 family) none of which was updated after the entry was made. For an IP
   * literal those records seem to be made by the look-ups themselves (netwerk/dns/nsHostResolver.cpp,
   * `FromIPLiteral`), which fits what was seen in Firefox ESR 153.8, a fresh profile each run: PUTs to
   * one 127.0.0.1 URL, Max-Age 600, preflighted 1st, 2nd and 3rd, not after
   * (test/conformance/firefox-preflight-cache.test.ts); then to `127.0.0.2` and to `[::1]` the same
   * again (per host); to `localhost`, only the 1st; the first two look-ups missed whatever the entry
   * (Max-Age absent or 600, credentials omitted or included) and later ones hit alike. The capture
   * reads a missing preflight as a cache hit all the same (the request went out without one); only
   * the panel's note reads this, for why Firefox preflights again.
   */
  readonly preflightCacheIpLiteralMisses: number;
  /**
   * After a cross-origin redirect taints the request's origin, the preflight at the next hop sends
   * (and is checked against) `Origin: null` too, as the standard says. Firefox's preflight keeps
   * the page's origin; only the actual request sends `null`.
   */
  readonly preflightSendsTaintedOrigin: boolean;
  /**
   * A redirected preflight is refused before its headers are read (Chromium). Firefox runs the
   * CORS check on the 3xx first: one without a matching `Access-Control-Allow-Origin` fails on that.
   */
  readonly preflightRedirectRefusedBeforeCorsCheck: boolean;
  /**
   * At a hop a redirect took the request to (with the CORS flag set), a preflight is sent when the
   * request as sent there needs none, in two cases: the page set a CORS-unsafe header that the
   * redirect removed (a 301/302/303 that dropped `Content-Type: application/json` along with the
   * body, a redirect to another origin that dropped `Authorization`), or an earlier hop of the same
   * request needed a preflight (a PUT that a 303 made a GET). Its method is the one sent at that hop,
   * its `Access-Control-Request-Headers` the unsafe names still sent. The standard, and Chromium,
   * decide on the request as sent there (https://fetch.spec.whatwg.org/#main-fetch step 12, run
   * again by HTTP-redirect fetch after its steps 12-13 changed the method and removed the headers).
   *
   * Firefox, in its source:
   * - netwerk/protocol/http/nsCORSListenerProxy.cpp, `AsyncOnChannelRedirect` → `UpdateChannel` →
   *   `CheckPreflightNeeded` on the new channel of a request that is or has been cross-site: it asks
   *   for a preflight when the method there is not GET/HEAD/POST, when a non-safelisted
   *   `Content-Type` is still on the channel, or when `LoadInfo::CorsUnsafeHeaders()` is not empty.
   *   Those names are the page's: dom/fetch/FetchDriver.cpp collects them once
   *   (`InternalHeaders::GetUnsafeHeaders`, then `LoadInfo::SetCorsPreflightInfo`) and no redirect
   *   changes them. Whether the redirect stripped the body headers (`UpdateType::StripRequestBodyHeader`)
   *   or `Authorization` (`NS_ShouldRemoveAuthHeaderOnRedirect`) is only passed on, with the names,
   *   to `SetCorsPreflightParameters`.
   * - netwerk/protocol/http/HttpBaseChannel.cpp, `SetupReplacementChannel` ("Preserve the CORS
   *   preflight information"): a channel that required a preflight (`mRequireCORSPreflight`) gives
   *   the redirect's new channel `SetCorsPreflightParameters` with its unsafe headers, so
   *   `nsHttpChannel::ContinueConnect` starts a preflight there too.
   * Seen in Firefox ESR 153: api preflighted with `Access-Control-Request-Method: GET` and no
   * `Access-Control-Request-Headers` after a 303 made the page's JSON POST a GET and after a 302 to
   * api dropped `Authorization` (test/scenarios/redirects-from-page.json); after api's preflighted
   * PUT 303 to api, and after api's preflighted GET with Authorization 307 to other
   * (test/scenarios/redirects.json, redirect-preflighted-put-303-becomes-get and
   * redirect-authorization-dropped-cross-origin), the next URL preflighted for GET (a 405 there:
   * blocked, CORSMissingAllowOrigin). A page's PUT 303 to api, with no unsafe header and no
   * preflight before, gets none.
   */
  readonly preflightCarriedAcrossRedirects: boolean;
  /**
   * `Sec-Fetch-Site: same-site` (not same origin, same site) needs a secure chain: the page's origin
   * https or a loopback host, and every URL that redirected the request https. Else the value is
   * cross-site, so an http page on 127.0.0.1 whose request was redirected (even from api to api,
   * or from the page's own origin to api) sends cross-site at every later hop that is not same
   * origin with it. The standard (https://w3c.github.io/webappsec-fetch-metadata/#abstract-opdef-set-site)
   * and Chromium compare sites only. Firefox: dom/security/SecFetch.cpp, `IsSameSite` (the
   * triggering principal `SchemeIs("https")` or `IsPotentiallyTrustworthyLoopbackHost`, each
   * redirect-chain principal `SchemeIs("https")`). Seen in Firefox ESR 153 (the request headers its
   * servers received): 127.0.0.1 page → api → same-site, cross-site; api → api: same-site, cross-site;
   * page → page → api: same-origin twice, then cross-site; over https (app.example.com →
   * api.example.com → cdn.example.com) same-site at every hop, as in Chromium.
   */
  readonly secFetchSiteSameSiteNeedsHttps: boolean;
  /**
   * How long the browser keeps a preflight result: the seconds for an `Access-Control-Max-Age`
   * value, and the most it keeps whatever the value asks ("user agents may impose a limit":
   * https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.7). Chromium 7,200 s, Firefox
   * 86,400 s (max-age.ts). Read by the advice on a value above the cap
   * (`max-age-above-browser-cap`), and by the capture's reading of a needed preflight missing from a
   * log as a hit in the capturing browser's cache (`preflightCacheCovers`); the diagnosis keeps both
   * browsers' seconds (`preflight.maxAge`).
   */
  readonly preflightMaxAge: { readonly cap: number; readonly secondsKept: (found: string | null) => number };
}

export const CHROMIUM_RULES: BrowserRules = {
  browser: 'chromium',
  maxRedirects: 20,
  noCorsRedirectRefusesCredentials: true,
  redirectModeErrorAfterLocationChecks: true,
  redirectModeErrorLeavesErrorText: true,
  corsFailureErrorText: 'net::ERR_FAILED',
  tooManyRedirectsErrorText: 'net::ERR_TOO_MANY_REDIRECTS',
  localNetworkAccess: {
    corsError: localNetworkAccessError,
    preflightErrorText: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
    refusedFrom: ['public'],
    targetMismatchError: 'InvalidLocalNetworkAccess',
  },
  safelistsClientHints: true,
  preflightCacheIpLiteralMisses: 0,
  preflightSendsTaintedOrigin: true,
  preflightRedirectRefusedBeforeCorsCheck: true,
  preflightCarriedAcrossRedirects: false,
  secFetchSiteSameSiteNeedsHttps: false,
  preflightMaxAge: { cap: CHROMIUM_MAX_AGE_CAP, secondsKept: chromiumMaxAge },
};

/** Firefox ESR 153, as replayed on the scenario files (prefs at their defaults). */
export const FIREFOX_RULES: BrowserRules = {
  browser: 'firefox',
  // `network.http.redirection-limit`.
  maxRedirects: 20,
  // A "no-cors" redirect to `https://user:pass@host/` is followed.
  noCorsRedirectRefusesCredentials: false,
  redirectModeErrorAfterLocationChecks: true,
  // Its DevTools HAR lists a 3xx refused under "error" exactly as one the page got under "manual".
  redirectModeErrorLeavesErrorText: false,
  // What webRequest and the DevTools HAR reader give a request Firefox refused for a CORS reason.
  corsFailureErrorText: 'NS_ERROR_DOM_BAD_URI',
  tooManyRedirectsErrorText: 'NS_ERROR_REDIRECT_LOOP',
  // Firefox's Local Network Access (`network.lna.*`, on by default in ESR 153) asks the user rather
  // than refusing: a denied (or unanswered, after `network.lna.prompt.timeout`) request fails as a
  // plain network error, logged CORSDidNotSucceed with no LNA reason of its own, and what the user
  // answered is in no capture. Nothing to model: a denied request is the network error it is to the
  // page, a granted one is judged by CORS (test/conformance/firefox-lna.test.ts replays both).
  localNetworkAccess: null,
  safelistsClientHints: false,
  preflightCacheIpLiteralMisses: 2,
  preflightSendsTaintedOrigin: false,
  preflightRedirectRefusedBeforeCorsCheck: false,
  preflightCarriedAcrossRedirects: true,
  secFetchSiteSameSiteNeedsHttps: true,
  preflightMaxAge: { cap: FIREFOX_MAX_AGE_CAP, secondsKept: firefoxMaxAge },
};

/** The rules of a browser by name. */
export function browserRules(name: 'chromium' | 'firefox'): BrowserRules {
  return name === 'firefox' ? FIREFOX_RULES : CHROMIUM_RULES;
}
