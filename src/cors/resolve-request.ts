// What the capture did not say about the request, filled in: the page's origin (the request's
// origin), the request mode and the credentials mode. Each guess is recorded as an `Assumption`, so
// the diagnosis says what it had to assume instead of guessing silently.

import type { Assumption } from './diagnosis.ts';
import type { CredentialsMode, HeaderList, ObservedExchange, RequestMode } from './exchange.ts';
import { nameIsUsually } from './header-list.ts';
import { bypassesCors } from './request-mode.ts';
import { isSameOrigin, OPAQUE_ORIGIN, schemeOf, serializeOrigin } from './origin.ts';
import type { RequestHeaderFacts } from './safelisted-request-header.ts';
import { memoized } from './memo.ts';

export interface ResolvedRequest {
  /** The page's serialized origin (`null` when opaque or unknown). */
  initiator: string;
  /** The page's origin was captured, or the `Origin` header said it. */
  initiatorKnown: boolean;
  mode: RequestMode;
  credentialsMode: CredentialsMode;
  /** No capture fact decided the credentials mode: fetch's default was taken. */
  credentialsGuessed: boolean;
}

/**
 * The request as the replay assumes it, from the capture and what its forbidden headers said
 * (`facts`: `Origin`, `Cookie`, `Sec-Fetch-Mode`). Each guess is appended to `assumptions` when
 * given (the full diagnosis); the verdict-only path passes null.
 */
export function resolveRequest(
  exchange: ObservedExchange,
  facts: RequestHeaderFacts,
  assumptions: Assumption[] | null,
  /** The first hop's serialized origin, when the caller has read it already. */
  firstHopOrigin?: string,
): ResolvedRequest {
  const request = exchange.request;

  // The page's origin: known, else the `Origin` header of the first hop.
  let initiator: string;
  const originHeader = facts.origin;
  if (request.initiatorOrigin !== undefined) {
    initiator = request.initiatorOrigin === null ? OPAQUE_ORIGIN : pageOrigin(request.initiatorOrigin);
  } else if (originHeader !== null) {
    initiator = originHeader;
    assumptions?.push({ about: 'initiator-origin', assumed: originHeader, because: 'origin-header' });
  } else {
    initiator = OPAQUE_ORIGIN;
  }
  const initiatorKnown = request.initiatorOrigin !== undefined || originHeader !== null;

  // The request mode: known, else `Sec-Fetch-Mode` (the browser's own statement, so "known"),
  // else `cors` when an `Origin` was sent, else `no-cors` (a cross-origin GET without `Origin`).
  let mode: RequestMode;
  if (request.mode !== undefined) {
    mode = request.mode;
  } else {
    const fromHeader = facts.secFetchMode;
    if (fromHeader !== null) {
      mode = fromHeader;
      assumptions?.push({ about: 'request-mode', assumed: mode, because: 'known' });
    } else if (originHeader !== null) {
      mode = 'cors';
      assumptions?.push({ about: 'request-mode', assumed: mode, because: 'origin-header' });
    } else {
      mode = 'no-cors';
      assumptions?.push({ about: 'request-mode', assumed: mode, because: 'default' });
    }
  }

  // The credentials mode: known, else a `Cookie` proves "include" on a cross-origin request,
  // else fetch's default "same-origin", with "include" as an alternative reading.
  let credentialsMode: CredentialsMode;
  let credentialsGuessed = false;
  if (request.credentialsMode !== undefined) {
    credentialsMode = request.credentialsMode;
  } else if (facts.cookie && exchange.hops[0] !== undefined && !isSameOrigin(initiator, firstHopOrigin ?? serializeOrigin(exchange.hops[0].url))) {
    // Cookies go to a cross-origin URL only with credentials "include" (a same-origin first hop
    // gets them under the default "same-origin" too, so there it proves nothing).
    credentialsMode = 'include';
    assumptions?.push({ about: 'credentials-mode', assumed: 'include', because: 'cookie-header' });
  } else {
    credentialsMode = 'same-origin';
    credentialsGuessed = true;
  }
  return { initiator, initiatorKnown, mode, credentialsMode, credentialsGuessed };
}

// A capture is the traffic of a few pages, so the same page origin comes with exchange after
// exchange: serialized once, then looked up.
export const pageOrigin = memoized(256, serializeOrigin);

/** Whether a `Cookie` line went out (ASCII case-insensitive name, as `RequestHeaderFacts` reads it). */
export function hasCookie(headers: HeaderList): boolean {
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i]![0];
    if (name.length === 6 && nameIsUsually(name, 'cookie', 'Cookie')) return true;
  }
  return false;
}

/**
 * Whether the CORS check can be replayed: a CORS-ish mode needs the page's origin, unless the URL is
 * a data: URL, which no mode and no origin sends through CORS.
 */
export function replayable(resolved: ResolvedRequest, exchange: ObservedExchange): boolean {
  if (resolved.initiatorKnown || bypassesCors(resolved.mode)) return true;
  const first = exchange.hops[0];
  return first !== undefined && schemeOf(first.url) === 'data';
}

/** Whether another credentials mode may give another verdict: it was guessed, and CORS applies. */
export function credentialsMatter(resolved: ResolvedRequest): boolean {
  return resolved.credentialsGuessed && resolved.initiatorKnown && !bypassesCors(resolved.mode);
}
