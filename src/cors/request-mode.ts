// What a request's mode means before any header is read.
// https://fetch.spec.whatwg.org/#main-fetch step 12 (the mode switch) and Chromium's
// `CorsURLLoader::StartRequest`.

import type { CorsError } from './cors-error.ts';
import type { RequestMode } from './exchange.ts';
import { isHttpSchemeName, isSameOrigin, schemeOf, serializeOrigin } from './origin.ts';

export type ModeDecision =
  /** Same-origin URL, a `data:` URL, `no-cors`, or a navigation: nothing CORS to check. */
  | { kind: 'not-cors'; why: 'same-origin' | 'data-url' | 'no-cors' | 'navigate' }
  /** Cross-origin and CORS applies: the CORS flag is set. */
  | { kind: 'cors' }
  /** The browser refused before sending anything. */
  | { kind: 'blocked'; corsError: CorsError };

const SAME_ORIGIN: ModeDecision = { kind: 'not-cors', why: 'same-origin' };
const NO_CORS: ModeDecision = { kind: 'not-cors', why: 'no-cors' };
const NAVIGATE: ModeDecision = { kind: 'not-cors', why: 'navigate' };
const DATA_URL: ModeDecision = { kind: 'not-cors', why: 'data-url' };
const CORS: ModeDecision = { kind: 'cors' };
const DISALLOWED_BY_MODE: ModeDecision = { kind: 'blocked', corsError: 'DisallowedByMode' };
const DISABLED_SCHEME: ModeDecision = { kind: 'blocked', corsError: 'CorsDisabledScheme' };

/**
 * https://fetch.spec.whatwg.org/#main-fetch step 12:
 * - request's current URL's origin is same origin with request's origin → basic (no CORS);
 * - request's current URL's scheme is "data" → basic (no CORS), whatever the mode;
 * - mode "same-origin" → network error (Chromium: DisallowedByMode);
 * - mode "no-cors" → opaque response, no CORS check;
 * - scheme not HTTP(S) → network error (Chromium: CorsDisabledScheme);
 * - otherwise CORS (with or without preflight).
 */
export function decideMode(
  mode: RequestMode,
  url: string,
  initiatorOrigin: string,
  urlOrigin: string = serializeOrigin(url),
  urlScheme: string | null = schemeOf(url),
): ModeDecision {
  if (mode === 'navigate') return NAVIGATE;
  if (isSameOrigin(initiatorOrigin, urlOrigin)) return SAME_ORIGIN;
  if (urlScheme === 'data') return DATA_URL;
  if (mode === 'same-origin') return DISALLOWED_BY_MODE;
  if (mode === 'no-cors') return NO_CORS;
  if (!isHttpSchemeName(urlScheme)) return DISABLED_SCHEME;
  return CORS;
}

/** https://fetch.spec.whatwg.org/#concept-request-mode: whether `value` names a request mode (`Sec-Fetch-Mode`, a capture's or a bundle's field). */
export function isRequestMode(value: string): value is RequestMode {
  return value === 'cors' || value === 'no-cors' || value === 'same-origin' || value === 'navigate';
}

/**
 * Modes that never go through CORS, even after a cross-origin redirect: "no-cors" gets an opaque
 * response, a navigation a document.
 */
export function bypassesCors(mode: RequestMode): boolean {
  return mode === 'no-cors' || mode === 'navigate';
}
