// The error texts a Firefox capture gives a request that got no response. Firefox DevTools' HAR
// records no error at all (src/capture/har-firefox.ts), so these say only what its entry shows.

/** Sent to the network, and no response came back (a refused connection, a reset...). */
export const FIREFOX_NO_RESPONSE = 'no response (Firefox DevTools HAR records no error)';

/** Never sent, and no preflight to blame: Firefox refused the request before the network (a mode or redirect-mode rule). */
export const FIREFOX_NOT_SENT = 'not sent (Firefox refused the request before the network; its HAR records no error)';

/**
 * Chromium's name of a network failure → Firefox's own (Necko's) name for it. The Firefox
 * extension's capture gives each failure Chromium's name (src/capture/firefox-web-request.ts), so
 * the engine classifies both browsers' failures alike; words judged by Firefox's rules name it as
 * Firefox's DevTools and webRequest do, not with a `net::` code the Firefox user never saw.
 */
const FIREFOX_ERROR_NAMES: Readonly<Record<string, string>> = {
  'net::ERR_CONNECTION_REFUSED': 'NS_ERROR_CONNECTION_REFUSED',
  'net::ERR_NAME_NOT_RESOLVED': 'NS_ERROR_UNKNOWN_HOST',
  'net::ERR_TIMED_OUT': 'NS_ERROR_NET_TIMEOUT',
  'net::ERR_CONNECTION_RESET': 'NS_ERROR_NET_RESET',
  'net::ERR_CONNECTION_CLOSED': 'NS_ERROR_NET_INTERRUPT',
  'net::ERR_ABORTED': 'NS_BINDING_ABORTED',
};

/** `errorText` as Firefox names that failure; a text it has no other name for stays as it is. */
export function firefoxErrorText(errorText: string): string {
  return FIREFOX_ERROR_NAMES[errorText] ?? errorText;
}

/**
 * Firefox's names that another of its names already stands for on the way back (`net::ERR_ABORTED`
 * is NS_BINDING_ABORTED there): the capture keeps these as Firefox recorded them, so that Firefox's
 * words name what Firefox recorded, and Chromium's words and the engine read them as Chromium's.
 */
const FIREFOX_ONLY_NAMES: Readonly<Record<string, string>> = {
  // A request cancelled by Firefox itself (NS_BINDING_ABORTED is the page's or the user's cancel).
  NS_ERROR_ABORT: 'net::ERR_ABORTED',
};

const CHROMIUM_ERROR_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(FIREFOX_ERROR_NAMES).map(([chromium, firefox]) => [firefox, chromium])),
  ...FIREFOX_ONLY_NAMES,
};

/** Firefox's name of a network failure (as `firefoxErrorText` gives it) → Chromium's; other texts as they are. */
export function chromiumErrorText(errorText: string): string {
  return CHROMIUM_ERROR_NAMES[errorText] ?? errorText;
}
