// Builds engine input from a capture log's entries: preflights folded into their requests,
// redirect hops chained into the request that started them, cached preflights marked.

import { type BrowserRules, browserRules, memoized, type ObservedExchange, type ObservedHop, type ObservedPreflight, type PreflightCacheAnswer } from '../cors/index.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { firstHeader, statedRequestMode } from './header-lookup.ts';
import { pairPreflights } from './pairing.ts';
import { findPreflightCacheHits } from './preflight-cache-hits.ts';
import { chainRedirects, requestHeadersAlongRedirects } from './redirect-chain.ts';

/**
 * One exchange per request the page made, in the order the requests started. Entries may come in
 * any order; they are sorted by `startedAt` (stable, so equal times keep the log's order).
 * `capturedBy` is the browser that made the requests (a HAR's writer): a needed preflight missing
 * from the log is read as a hit in that browser's preflight cache, by its rules.
 */
export function exchangesFromEntries(unsorted: readonly CapturedEntry[], capturedBy: BrowserRules['browser'] = 'chromium'): ObservedExchange[] {
  const entries = isSortedByStart(unsorted) ? unsorted : [...unsorted].sort((a, b) => a.startedAt - b.startedAt);
  const nextHop = chainRedirects(entries);
  const preflightOf = pairPreflights(entries, nextHop.size === 0 ? [] : requestHeadersAlongRedirects(entries, nextHop));
  const continuesRedirect = new Set(nextHop.values());
  // Asked for by the cache detection and again for each exchange: read once per entry.
  const origins: (string | null | undefined)[] = new Array<string | null | undefined>(entries.length);
  const originKnown = new Uint8Array(entries.length);
  const originOf = (index: number): string | null | undefined => {
    if (originKnown[index] === 1) return origins[index];
    const entry = entries[index]!;
    let origin: string | null | undefined;
    if (!entry.isPreflight) {
      origin = initiatorOrigin(entry, preflightOf.get(index), entries);
    } else {
      const sent = originHeader(entry);
      origin = sent === 'null' ? null : sent;
    }
    origins[index] = origin;
    originKnown[index] = 1;
    return origin;
  };
  const fromCache = findPreflightCacheHits(entries, preflightOf, originOf, browserRules(capturedBy));

  const exchanges: ObservedExchange[] = [];
  for (let i = 0; i < entries.length; i++) {
    const first = entries[i]!;
    if (first.isPreflight || continuesRedirect.has(i)) continue;
    // Started from a literal holding the first hop: most requests have one, and an empty array
    // grown by push would keep room for 17 in every exchange the run holds.
    const hops: ObservedHop[] = [observedHop(entries, i, preflightOf, fromCache)];
    let errorText = first.errorText;
    // chainRedirects links each 3xx only to a later entry, so a chain cannot loop; the check that
    // each hop is later than the one before keeps that true here without a set per exchange.
    for (let before = i, at = nextHop.get(i); at !== undefined && at > before; before = at, at = nextHop.get(at)) {
      hops.push(observedHop(entries, at, preflightOf, fromCache));
      const { errorText: hopError } = entries[at]!;
      if (hopError !== undefined) errorText = hopError;
    }
    const exchange: ObservedExchange = {
      request: {
        method: first.method,
        headers: first.requestHeaders,
      },
      hops,
      startedAt: first.startedAt,
    };
    const origin = originOf(i);
    if (origin !== undefined) exchange.request.initiatorOrigin = origin;
    const mode = statedRequestMode(first.requestHeaders);
    // `Sec-Fetch-Mode` is the browser telling the request's mode on the wire. A request that never
    // went out has only provisional headers, without it; but if it had a preflight (sent or from
    // the cache) its mode was "cors": https://fetch.spec.whatwg.org/#http-fetch step 4.1 makes a
    // CORS-preflight fetch only for a request whose mode is "cors".
    if (mode !== undefined) exchange.request.mode = mode;
    else if (hops.some((hop) => hop.preflight !== undefined || hop.preflightFromCache === true)) exchange.request.mode = 'cors';
    if (first.bodySize !== undefined) exchange.request.bodySize = first.bodySize;
    if (first.body !== undefined) exchange.request.body = first.body;
    if (errorText !== undefined) exchange.errorText = errorText;
    exchanges.push(exchange);
  }
  return exchanges;
}

function isSortedByStart(entries: readonly CapturedEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) if (entries[i]!.startedAt < entries[i - 1]!.startedAt) return false;
  return true;
}

/** Entry `at` as a hop: its response, and its preflight (sent, or answered by the cache). */
function observedHop(entries: readonly CapturedEntry[], at: number, preflightOf: ReadonlyMap<number, number>, fromCache: ReadonlyMap<number, PreflightCacheAnswer>): ObservedHop {
  const entry = entries[at]!;
  const hop: ObservedHop = { url: entry.url, response: entry.response };
  const preflightIndex = preflightOf.get(at);
  if (preflightIndex !== undefined) hop.preflight = toPreflight(entries[preflightIndex]!);
  else {
    const cached = fromCache.get(at);
    if (cached !== undefined) {
      hop.preflightFromCache = true;
      hop.preflightCacheEntry = cached;
    }
  }
  return hop;
}

function toPreflight(entry: CapturedEntry): ObservedPreflight {
  const preflight: ObservedPreflight = { url: entry.url, requestHeaders: entry.requestHeaders, response: entry.response };
  // Only a preflight that got no response failed on the network; a 3xx preflight with
  // `net::ERR_INVALID_REDIRECT` got a response and is the engine's to judge.
  if (entry.response === null && entry.errorText !== undefined) preflight.networkError = entry.errorText;
  return preflight;
}

function originHeader(entry: CapturedEntry): string | undefined {
  return firstHeader(entry.requestHeaders, 'origin');
}

/**
 * The origin of the page that made the request: the `Origin` it sent (`null` for an opaque
 * origin), else the one its preflight sent, else the page the log names, else the `Referer`'s,
 * else that of what started it (the document, or the script calling fetch()). The last matters for
 * a request that never went out from an https page to an http URL (Local Network Access refuses
 * them): its provisional headers have no `Origin`, and the `Referer` is dropped on the downgrade.
 */
function initiatorOrigin(
  entry: CapturedEntry,
  preflight: number | undefined,
  entries: readonly CapturedEntry[],
): string | null | undefined {
  const sent = originHeader(entry);
  if (sent !== undefined) return sent === 'null' ? null : sent;
  const preflightOrigin = preflight === undefined ? undefined : originHeader(entries[preflight]!);
  if (preflightOrigin !== undefined) return preflightOrigin === 'null' ? null : preflightOrigin;
  if (entry.pageOrigin !== undefined) return entry.pageOrigin;
  const referer = firstHeader(entry.requestHeaders, 'referer');
  // An empty `Referer` (Chromium's provisional one after an https → http downgrade) tells nothing.
  const fromReferer = referer === undefined ? undefined : serializedOriginOf(referer);
  if (fromReferer !== undefined) return fromReferer;
  return entry.initiatorUrl === undefined ? undefined : serializedOriginOf(entry.initiatorUrl);
}

// A page's requests name the same few referrers and initiators: each URL is parsed once (bounded),
// if it is no longer than MEMO_URL_CHARS (a log's URLs may be megabytes: 1,024 of those kept would
// hold gigabytes after the run).
const MEMO_URL_CHARS = 2048;
const originOfUrl = memoized(1024, (url: string): string | null => parsedOriginOf(url) ?? null);

/** https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin */
export function serializedOriginOf(url: string): string | undefined {
  return url.length <= MEMO_URL_CHARS ? (originOfUrl(url) ?? undefined) : parsedOriginOf(url);
}

function parsedOriginOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
