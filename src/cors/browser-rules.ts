// Where a browser fills in or departs from the Fetch Standard, as named facts rather than branches
// spread through the replay. Only Chromium's are known and tested today (issue #10 adds Firefox:
// its object will state its own values, measured, never guessed).

import type { CorsError } from './cors-error.ts';
import { type AddressSpace, localNetworkAccessError } from './local-network-access.ts';

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
  /**
   * Local Network Access, or null for a browser that does not apply it. Chromium checks every
   * request, preflights included, when its connection is made (`LocalNetworkAccessChecker`), before
   * anything is sent: a refused request never reaches the server, whatever CORS headers it would send.
   */
  readonly localNetworkAccess: LocalNetworkAccessRules | null;
}

export const CHROMIUM_RULES: BrowserRules = {
  browser: 'chromium',
  maxRedirects: 20,
  noCorsRedirectRefusesCredentials: true,
  redirectModeErrorAfterLocationChecks: true,
  corsFailureErrorText: 'net::ERR_FAILED',
  tooManyRedirectsErrorText: 'net::ERR_TOO_MANY_REDIRECTS',
  localNetworkAccess: {
    corsError: localNetworkAccessError,
    preflightErrorText: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
    refusedFrom: ['public'],
    targetMismatchError: 'InvalidLocalNetworkAccess',
  },
};
