// What one `CorsError` is, in one record: which check produces it, why the engine can give it,
// Chromium's console words, the list-row headline, what the server must send, and Firefox's name for
// the same failure with its MDN page. The records live in this folder, one file per group, and
// `index.ts` joins them into the table every other file reads.

import type { FailureReason } from '../failure-reason.ts';

/**
 * Where the failure is: the response's CORS check, the preflight, the request itself (mode,
 * scheme, a redirect), or the address-space checks (Local Network Access, and the Private Network
 * Access codes Chromium 156 no longer produces).
 */
type CorsErrorGroup = 'response' | 'preflight' | 'request' | 'local-network' | 'private-network';

/**
 * What the server must send to fix it (`serverMustSend`):
 * - `actual-response`: Access-Control-Allow-Origin (and -Credentials) on the response, and apart, as
 *   advice the browser does not check, Vary: Origin (`serverShouldSend`);
 * - `allow-credentials`: Access-Control-Allow-Credentials: true on the response;
 * - `preflight`: a 2xx preflight answer with the whole needed policy, then the response's headers;
 * - `location-without-credentials` / `http-location`: a redirect's Location without user:password,
 *   or to an http(s) URL;
 * - `allow-private-network`, `private-network-access-id`, `private-network-access-name`: the PNA headers;
 * - `allow-external`: the early experiment's Access-Control-Allow-External (CORS-RFC1918), which
 *   the `*AllowExternal` codes name in their console words;
 * - `nothing`: the page, the user or the network must change, not the server's headers.
 */
type MustSend =
  | 'actual-response'
  | 'allow-credentials'
  | 'preflight'
  | 'location-without-credentials'
  | 'http-location'
  | 'allow-private-network'
  | 'allow-external'
  | 'private-network-access-id'
  | 'private-network-access-name'
  | 'nothing';

/** Firefox's console reason code, which is also the name of its MDN page. */
export type FirefoxReason =
  | 'CORSDisabled'
  | 'CORSDidNotSucceed'
  | 'CORSOriginHeaderNotAdded'
  | 'CORSExternalRedirectNotAllowed'
  | 'CORSRequestNotHttp'
  | 'CORSMissingAllowOrigin'
  | 'CORSMultipleAllowOriginNotAllowed'
  | 'CORSAllowOriginNotMatchingOrigin'
  | 'CORSNotSupportingCredentials'
  | 'CORSMethodNotFound'
  | 'CORSMissingAllowCredentials'
  | 'CORSPreflightDidNotSucceed'
  | 'CORSInvalidAllowMethod'
  | 'CORSInvalidAllowHeader'
  | 'CORSMissingAllowHeaderFromPreflight';

export const MDN_CORS_ERRORS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/';

/** The values Chromium's console template is filled with. */
export interface ConsoleWords {
  /** failedParameter, already encoded as Chromium prints it. */
  hint: string;
  /** " Have the server send the header with a valid value." for fetch(), "" for XHR. */
  fetchSuffix: string;
  /** The withCredentials sentence for XHR, "" for fetch(). */
  xhrSuffix: string;
  /** The target's address space as Chromium names it (`loopback`, `local`, ...). */
  targetSpace: string;
}

/** The values a headline is built from. */
export interface HeadlineWords {
  /** failedParameter. */
  hint: string;
  /** The failing response's status (the preflight's when it failed there). */
  status: number | undefined;
  /**
   * Optional, added: the failing response is a redirect the fetch followed or would follow
   * (`isRedirectResponse`); a 304 is not one. Left out for a cause's words.
   */
  redirect?: boolean;
  /** The status of an error response that came without CORS headers, when there was one. */
  errorStatus: number | null;
  /**
   * A cross-origin redirect had made the request's origin `null` (tainted it:
   * https://fetch.spec.whatwg.org/#concept-request-tainted-origin), though the page has one of its own.
   */
  originTainted: boolean;
  /**
   * Optional, added: why the failed check failed (`Check.reason`), when one request is worded; left out
   * for a cause's words, which hold for every request of the cause.
   */
  reason?: FailureReason | null;
}

export interface CorsErrorFacts {
  group: CorsErrorGroup;
  /** Whether the engine gives this code; the others only Chromium reports (`ObservedExchange.browserVerdict`). */
  decidedByEngine: boolean;
  /** Why the engine gives this code (`Check.reason`); empty when its check has one way to fail. */
  reasons: readonly FailureReason[];
  /** Chromium prefixes the console words with "Response to preflight request doesn't pass access control check: ". */
  consolePreflightPrefix: boolean;
  /** Chromium's console words after "has been blocked by CORS policy: " (cors_error_string.cc). */
  console: (w: ConsoleWords) => string;
  headline: (w: HeadlineWords) => string;
  mustSend: MustSend;
  /** The usual mistake behind this code whatever the server software, said before a fix's own traps. */
  trap?: string;
  /** Firefox's reason for the same failure, null when it has none; `mdn` is its page. */
  firefox: FirefoxReason | null;
  mdn: string | null;
}

/** `firefox` and `mdn` of a record: Firefox's reason names its MDN page. */
export function inFirefox(reason: FirefoxReason | null): Pick<CorsErrorFacts, 'firefox' | 'mdn'> {
  return { firefox: reason, mdn: reason === null ? null : MDN_CORS_ERRORS + reason };
}
