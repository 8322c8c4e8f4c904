// Where a browser fills in or departs from the Fetch Standard, as named facts rather than branches
// spread through the replay. Only Chromium's are known and tested today (issue #10 adds Firefox:
// its object will state its own values, measured, never guessed).

/** The browser-specific choices the replay of a fetch depends on. */
export interface BrowserRules {
  readonly browser: 'chromium';
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
  /** The error text of a request the browser refused for a CORS reason (Chromium: no more detail). */
  readonly corsFailureErrorText: string;
  /** The error text of one redirect too many. */
  readonly tooManyRedirectsErrorText: string;
}

export const CHROMIUM_RULES: BrowserRules = {
  browser: 'chromium',
  maxRedirects: 20,
  noCorsRedirectRefusesCredentials: true,
  redirectModeErrorAfterLocationChecks: true,
  corsFailureErrorText: 'net::ERR_FAILED',
  tooManyRedirectsErrorText: 'net::ERR_TOO_MANY_REDIRECTS',
};
