// The error texts a Firefox capture gives a request that got no response. Firefox DevTools' HAR
// records no error at all (src/capture/har-firefox.ts), so these say only what its entry shows.

/** Sent to the network, and no response came back (a refused connection, a reset...). */
export const FIREFOX_NO_RESPONSE = 'no response (Firefox DevTools HAR records no error)';

/** Never sent, and no preflight to blame: Firefox refused the request before the network (a mode or redirect-mode rule). */
export const FIREFOX_NOT_SENT = 'not sent (Firefox refused the request before the network; its HAR records no error)';
