// The CORS-preflight cache. https://fetch.spec.whatwg.org/#concept-cache-match
//
// A needed preflight that was not observed is explained by an earlier preflight whose result is
// still cached. The capture layer, which sees the whole stream, calls `preflightCacheCovers` with
// the earlier preflight and sets `ObservedHop.preflightFromCache`; the engine only reads that flag.
// Chromium keys entries by (origin, URL, credentials, network isolation key) and keeps them for
// `Access-Control-Max-Age` seconds (5 when absent, at most 7200).

import { allowHeaderNames } from './allow-headers.ts';
import { parseAllowList } from './allow-list.ts';
import { allowMethod } from './allow-methods.ts';
import type { CredentialsMode, HeaderList } from './exchange.ts';
import { getHeader } from './header-list.ts';
import { maxAgeOf } from './max-age.ts';
import { corsUnsafeNames } from './safelisted-request-header.ts';

export interface PreflightCacheEntry {
  /** The URL the earlier preflight was sent to. */
  url: string;
  /** The serialized origin it was sent from. */
  origin: string;
  credentialsMode: CredentialsMode;
  /** When the earlier preflight's response arrived, ms since the epoch. */
  receivedAt: number;
  /** The earlier preflight's response headers. */
  responseHeaders: HeaderList;
}

export interface CachedRequest {
  url: string;
  origin: string;
  method: string;
  headers: HeaderList;
  credentialsMode: CredentialsMode;
  /** When the request started, ms since the epoch. */
  startedAt: number;
}

/**
 * Whether `entry` answers `request` without a new preflight (Chromium's
 * `PreflightResult::EnsureAllowedRequest` plus expiry): same URL and origin, not expired, a
 * credentialed request needs a credentialed entry, and the method and every CORS-unsafe header
 * name are allowed by the entry.
 */
export function preflightCacheCovers(entry: PreflightCacheEntry, request: CachedRequest): boolean {
  if (entry.url !== request.url || entry.origin !== request.origin) return false;
  const { chromiumSeconds } = maxAgeOf(getHeader(entry.responseHeaders, 'access-control-max-age'));
  if (request.startedAt < entry.receivedAt || request.startedAt >= entry.receivedAt + chromiumSeconds * 1000) return false;
  const credentials = entry.credentialsMode === 'include';
  if (!credentials && request.credentialsMode === 'include') return false;
  const methods = parseAllowList(getHeader(entry.responseHeaders, 'access-control-allow-methods'), false);
  const headers = parseAllowList(getHeader(entry.responseHeaders, 'access-control-allow-headers'), true);
  if (methods === null || headers === null) return false;
  if (allowMethod(request.method, methods, entry.credentialsMode) !== null) return false;
  return allowHeaderNames(corsUnsafeNames(request.headers), headers, entry.credentialsMode).disallowed === null;
}
