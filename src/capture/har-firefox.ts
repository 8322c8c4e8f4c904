// What a HAR exported by Firefox DevTools ("Save All As HAR", or its HAR auto-export) says
// differently from Chromium's, as recorded from Firefox ESR 153 (test/fixtures/firefox-devtools.har):
// - a preflight is an `OPTIONS` entry like any other: no `_resourceType`, no `_initiator`; only
//   its `Access-Control-Request-Method` (a forbidden header, so the browser's own) says what it is;
//   it is listed after the request it guards, like Chromium's;
// - no entry has an error field (`response._error`): a request that got no response has status 0,
//   an empty `httpVersion` and no headers, whatever went wrong;
// - a request never sent (its preflight failed) has empty `timings` (`{}`); one the network failed
//   (a refused connection) has its timings (`blocked`, `connect`, ...);
// - a response Firefox blocked for CORS is listed in full, with its status and headers: what
//   blocked it is the engine's to decide from them.

import { firstHeader } from './header-lookup.ts';
import type { HeaderLine } from '../cors/index.ts';

/** The error text given a Firefox entry that was sent and got no response: the HAR does not say why. */
export const FIREFOX_HAR_NO_RESPONSE = 'no response (Firefox DevTools HAR records no error)';

/** Whether `log.creator` names Firefox. */
export function isFirefoxCreator(creator: unknown): boolean {
  return typeof creator === 'object' && creator !== null && (creator as Record<string, unknown>)['name'] === 'Firefox';
}

/** A CORS preflight, by its `Access-Control-Request-Method` (no page can set that header). */
export function isPreflightByHeaders(method: string, requestHeaders: readonly HeaderLine[]): boolean {
  return method === 'OPTIONS' && firstHeader(requestHeaders, 'access-control-request-method') !== undefined;
}

/**
 * The error text of a Firefox entry with status 0: FIREFOX_HAR_NO_RESPONSE when it went to the
 * network (it has timings), undefined when it was never sent.
 */
export function firefoxNoResponseError(timings: unknown): string | undefined {
  if (typeof timings !== 'object' || timings === null || Array.isArray(timings)) return undefined;
  return Object.keys(timings).length > 0 ? FIREFOX_HAR_NO_RESPONSE : undefined;
}
