// What a HAR exported by Firefox DevTools ("Save All As HAR", or its HAR auto-export) says
// differently from Chromium's, as recorded from Firefox ESR 153 (test/fixtures/firefox-devtools/public.har):
// - a preflight is an `OPTIONS` entry like any other: no `_resourceType`, no `_initiator`; only
//   its `Access-Control-Request-Method` (a forbidden header, so the browser's own) says what it is;
//   it is listed after the request it guards, like Chromium's;
// - no entry has an error field (`response._error`): a request that got no response has status 0,
//   an empty `httpVersion` and no headers, whatever went wrong;
// - a request never sent (its preflight failed) has empty `timings` (`{}`); one the network failed
//   (a refused connection) has its timings (`blocked`, `connect`, ...);
// - a response Firefox blocked for CORS is listed in full, with its status and headers: what
//   blocked it is the engine's to decide from them.

import { FIREFOX_NO_RESPONSE, FIREFOX_NOT_SENT, type HeaderLine } from '../cors/index.ts';
import { firstHeader } from './header-lookup.ts';

/**
 * The `log.creator` field by which CORS Inspector's sanitized HAR says Firefox made every request in
 * it (`"_browser": "firefox"`): exchanges read from a Firefox HAR and exported again are judged by
 * Firefox's rules when that file is read back, as the Firefox HAR was. In `log.creator` because
 * every reader has it before or after the entries (the CLI's streaming `walkHar` too).
 */
export const FIREFOX_REQUESTS_FIELD = '_browser';

/**
 * Whether `log.creator` says Firefox made the requests: it names Firefox (its DevTools' HAR), or
 * has `FIREFOX_REQUESTS_FIELD` set to `firefox` (CORS Inspector's HAR of Firefox's requests).
 */
export function isFirefoxCreator(creator: unknown): boolean {
  if (typeof creator !== 'object' || creator === null) return false;
  const fields = creator as Record<string, unknown>;
  return fields['name'] === 'Firefox' || fields[FIREFOX_REQUESTS_FIELD] === 'firefox';
}

/** A CORS preflight, by its `Access-Control-Request-Method` (no page can set that header). */
export function isPreflightByHeaders(method: string, requestHeaders: readonly HeaderLine[]): boolean {
  return method === 'OPTIONS' && firstHeader(requestHeaders, 'access-control-request-method') !== undefined;
}

/**
 * The error text of a Firefox entry with status 0: FIREFOX_NO_RESPONSE when it went to the network
 * (it has timings), FIREFOX_NOT_SENT when it did not. A request whose preflight failed is not sent
 * either: its preflight, folded into it, decides its verdict before this text is read.
 */
export function firefoxNoResponseError(timings: unknown): string {
  const sent = typeof timings === 'object' && timings !== null && Object.keys(timings).length > 0;
  return sent ? FIREFOX_NO_RESPONSE : FIREFOX_NOT_SENT;
}
