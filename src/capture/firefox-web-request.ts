// Firefox's webRequest details → the details the capture reads (web-request-details.ts), which
// are Chromium's. Pure: the Firefox build's listeners pass each event's details through this.
//
// What Firefox's webRequest shows (checked on Debian's firefox-esr 153, see
// test/browser/firefox-capture.test.ts):
// - Preflights are seen by every listener, with no `extraHeaders` option: `OPTIONS` with
//   `Access-Control-Request-Method`, typed `xmlhttprequest` like the request, as in Chromium.
// - `onSendHeaders` of a request comes before its preflight starts, and comes even when the failed
//   preflight keeps the request from being sent: it says which headers the request has, not that
//   it went out (`sendHeadersEarly`, for the pairing of preflights in web-request.ts).
// - There is no `initiator`: `originUrl` is the URL of what made the request (the page or worker),
//   `documentUrl` that of its document. The origin of the first is Chromium's `initiator`.
// - A preflight that fails the CORS check ends with `onErrorOccurred` `NS_ERROR_DOM_BAD_URI`, and
//   so does its request, never sent: what Chromium reports as `net::ERR_FAILED`.
// - A response that fails the CORS check ends with `onCompleted`, its status and no error: the
//   page is refused it later. The engine decides it from the headers, as it does for Chromium.
// - Network failures have Necko's names (`NS_ERROR_CONNECTION_REFUSED`, ...): each is given
//   Chromium's name for the same failure, so the engine classifies it the same way.

import type { WebRequestDetails } from './web-request-details.ts';

/**
 * Firefox's error names → Chromium's for the same failure (net/base/net_error_list.h). Names not
 * listed are kept as Firefox gave them; the engine then calls the failure "other".
 */
const CHROMIUM_ERROR: Readonly<Record<string, string>> = {
  // The CORS check failed (Firefox's console gives the reason, webRequest does not).
  NS_ERROR_DOM_BAD_URI: 'net::ERR_FAILED',
  NS_ERROR_CONNECTION_REFUSED: 'net::ERR_CONNECTION_REFUSED',
  NS_ERROR_UNKNOWN_HOST: 'net::ERR_NAME_NOT_RESOLVED',
  NS_ERROR_NET_TIMEOUT: 'net::ERR_TIMED_OUT',
  NS_ERROR_NET_RESET: 'net::ERR_CONNECTION_RESET',
  NS_ERROR_NET_INTERRUPT: 'net::ERR_CONNECTION_CLOSED',
  NS_BINDING_ABORTED: 'net::ERR_ABORTED',
  // NS_ERROR_ABORT is kept as it is: net::ERR_ABORTED reads back as NS_BINDING_ABORTED, and Firefox's
  // words must name what Firefox recorded (the engine reads it as net::ERR_ABORTED, error-texts.ts).
};

function originOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** One Firefox webRequest listener's details, as Chromium would have given them. */
export function detailsFromFirefox(details: WebRequestDetails): WebRequestDetails {
  const d = details as WebRequestDetails & Readonly<Record<string, unknown>>;
  const initiator = d['initiator'] ?? originOf(d['originUrl']) ?? originOf(d['documentUrl']);
  const error = typeof d['error'] === 'string' ? (CHROMIUM_ERROR[d['error']] ?? d['error']) : d['error'];
  const early: Record<string, unknown> = { sendHeadersEarly: true };
  return { ...d, ...early, ...(initiator === undefined ? {} : { initiator }), ...(error === undefined ? {} : { error }) };
}
