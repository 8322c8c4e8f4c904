// Raw `chrome.webRequest` events → the engine's `ObservedExchange`s.
//
// Pure: no chrome.* here. The service worker copies each event's details into a
// `WebRequestEvent` (tiny listeners) and this module makes sense of them later, in batches.
//
// What webRequest shows (checked on Chromium 156, see test/browser/extension-capture.test.ts):
// - Every request has a `requestId`; a redirect keeps it: `onBeforeRedirect` (with `redirectUrl`)
//   is followed by `onBeforeRequest` for the new URL.
// - A CORS preflight is visible only to listeners registered with `extraHeaders`. It is a request
//   of its own (its own `requestId`, the same `type` as the request, usually `xmlhttprequest`),
//   method `OPTIONS`, carrying `Access-Control-Request-Method`. Nothing links it to its request:
//   we pair them by tab, URL, method, header names and time (the request's `onBeforeRequest`
//   comes first, then the whole preflight, then the request's `onSendHeaders`), first in,
//   first out, and a failed preflight with a request that was never sent.
// - When the preflight fails, the request shows only `onBeforeRequest` then `onErrorOccurred`.
// - A CORS block is `onErrorOccurred` with `net::ERR_FAILED`; webRequest never says why.
// - Events of different listeners may be delivered out of order: we sort by `timeStamp`.

import { memoized, methodAfterRedirect, nameIs, type HeaderLine, type ObservedExchange, type ObservedHop, type ObservedPreflight, type ObservedResponse, type RequestMode } from '../cors/index.ts';
import type { CapturedExchange } from './captured-exchange.ts';
import { firstHeader, statedRequestMode } from './header-lookup.ts';
import { bodyOfRequest, type WebRequestBody } from './web-request-body.ts';
import { passedFor, preflightOutcome, type PreflightOutcome } from './preflight-outcome.ts';

export type WebRequestEventName =
  | 'onBeforeRequest'
  | 'onSendHeaders'
  | 'onHeadersReceived'
  | 'onBeforeRedirect'
  | 'onCompleted'
  | 'onErrorOccurred';

/** One webRequest callback's details, copied as they came (the fields we read). */
export interface WebRequestEvent {
  event: WebRequestEventName;
  requestId: string;
  tabId: number;
  url: string;
  method: string;
  /** `xmlhttprequest` (fetch and XHR), `main_frame`, `script`, `font`, `other`, ... */
  type: string;
  /** ms since the epoch, fractional. */
  timeStamp: number;
  /** The origin of the document that started the request; `"null"` when opaque. */
  initiator?: string;
  requestHeaders?: { name: string; value?: string }[];
  responseHeaders?: { name: string; value?: string }[];
  statusCode?: number;
  redirectUrl?: string;
  error?: string;
  fromCache?: boolean;
  /** `onBeforeRequest` only: the request's body (see web-request-body.ts). */
  requestBody?: WebRequestBody;
  /**
   * `onSendHeaders` does not say the request went out: Firefox raises it before the request's
   * preflight, and for a request that its failed preflight kept from being sent
   * (firefox-web-request.ts). Only a response then shows that it went out.
   */
  sendHeadersEarly?: true;
}

/** An exchange plus which webRequest requests it was built from. */
interface MappedExchange {
  captured: CapturedExchange;
  /** The request's own id first, then its preflights' ids. */
  requestIds: string[];
  /** Nothing more can change it: the request and its preflights have ended. */
  final: boolean;
}

export interface WebRequestMapping {
  exchanges: MappedExchange[];
  /**
   * Request ids whose events are not (yet) part of any exchange: requests the capture ignores
   * (navigations, same-origin, images without CORS) and preflights not paired yet.
   */
  unused: string[];
  /** Of `unused`, those that will never become part of an exchange (ended, not CORS). */
  ignored: string[];
}

// Within one millisecond the order in which Chromium raises the events is this one.
const EVENT_RANK: Record<WebRequestEventName, number> = {
  onBeforeRequest: 0,
  onSendHeaders: 1,
  onHeadersReceived: 2,
  onBeforeRedirect: 3,
  onCompleted: 4,
  onErrorOccurred: 4,
};

function byTime(a: WebRequestEvent, b: WebRequestEvent): number {
  return a.timeStamp - b.timeStamp || EVENT_RANK[a.event] - EVENT_RANK[b.event];
}

/** One URL of one request, as its events show it. */
interface RawHop {
  url: string;
  startedAt: number;
  /** When the request headers were final (`onSendHeaders`). */
  sentAt: number | null;
  requestHeaders: HeaderLine[] | null;
  response: ObservedResponse | null;
  endedAt: number | null;
}

/** One webRequest request id: a request, or a preflight. */
interface RawRequest {
  requestId: string;
  tabId: number;
  method: string;
  type: string;
  initiator: string | undefined;
  hops: RawHop[];
  error: string | null;
  ended: boolean;
  startedAt: number;
  /** The body the page sent with the request (a redirect may drop it; the first hop's is kept). */
  body: WebRequestBody | null;
}

/**
 * An event's header lines, made once per event: the capture maps a request again in each batch
 * that touches it, from the same kept events. The lines are shared by each mapping of the request
 * (never written in place: the engine and the store only read them).
 */
const linesOfEvent = new WeakMap<readonly { name: string; value?: string }[], HeaderLine[]>();

function headerLines(headers: { name: string; value?: string }[] | undefined): HeaderLine[] | null {
  if (!headers) return null;
  let lines = linesOfEvent.get(headers);
  if (!lines) linesOfEvent.set(headers, (lines = headers.map((h) => [h.name, h.value ?? ''] as const)));
  return lines;
}

/**
 * The events in time order: as they came when they came in order, which they nearly always do (a
 * copy sorted otherwise). Copying each request's events to sort them, in every batch that maps
 * the request, was ~2 MB of the worker's allocations a load of a busy page (bench/capture-cost.ts,
 * session 26). The sort is stable: events already in order stay as they are either way.
 */
function inTimeOrder(events: WebRequestEvent[]): readonly WebRequestEvent[] {
  for (let i = 1; i < events.length; i++) if (byTime(events[i - 1]!, events[i]!) > 0) return [...events].sort(byTime);
  return events;
}

function buildRawRequest(events: WebRequestEvent[]): RawRequest {
  const sorted = inTimeOrder(events);
  const first = sorted[0]!;
  const raw: RawRequest = {
    requestId: first.requestId,
    tabId: first.tabId,
    method: first.method,
    type: first.type,
    initiator: first.initiator,
    hops: [],
    error: null,
    ended: false,
    startedAt: first.timeStamp,
    body: null,
  };
  let redirected = false;
  let hop: RawHop | undefined;
  for (const event of sorted) {
    if (event.initiator !== undefined) raw.initiator ??= event.initiator;
    // A new hop starts at the first event of a request, and after every redirect.
    if (!hop || (redirected && event.event === 'onBeforeRequest') || (redirected && hop.url !== event.url)) {
      hop = { url: event.url, startedAt: event.timeStamp, sentAt: null, requestHeaders: null, response: null, endedAt: null };
      raw.hops.push(hop);
      redirected = false;
    }
    switch (event.event) {
      case 'onBeforeRequest':
        if (event.requestBody && raw.body === null && raw.hops.length === 1) raw.body = event.requestBody;
        break;
      case 'onSendHeaders': {
        // The headers as finally sent.
        const lines = headerLines(event.requestHeaders);
        if (lines) hop.requestHeaders = lines;
        if (event.sendHeadersEarly !== true) hop.sentAt ??= event.timeStamp;
        break;
      }
      case 'onHeadersReceived':
      case 'onCompleted':
      case 'onBeforeRedirect': {
        const lines = headerLines(event.responseHeaders);
        // `onHeadersReceived` (with extraHeaders) is what the server sent; later events repeat it.
        if (event.statusCode !== undefined && (hop.response === null || (lines && hop.response.headers.length === 0))) {
          hop.response = { status: event.statusCode, headers: lines ?? [] };
        }
        // webRequest says whether the browser's HTTP cache gave the response (`onCompleted`, `onBeforeRedirect`).
        if (event.fromCache === true && hop.response !== null) hop.response.fromCache = true;
        if (event.event === 'onBeforeRedirect') {
          hop.endedAt = event.timeStamp;
          redirected = true;
          // Where the redirect leads, when the headers seen hold no `Location` (details without
          // `responseHeaders`): the capture may end before any event of the next URL.
          if (event.redirectUrl !== undefined && hop.response !== null && firstHeader(hop.response.headers, 'location') === undefined) {
            hop.response.locationUrl = event.redirectUrl;
          }
        }
        if (event.event === 'onCompleted') {
          hop.endedAt = event.timeStamp;
          raw.ended = true;
        }
        break;
      }
      case 'onErrorOccurred':
        hop.endedAt = event.timeStamp;
        raw.error = event.error ?? 'net::ERR_FAILED';
        raw.ended = true;
        break;
    }
  }
  return raw;
}

/**
 * The capture maps a request again in each batch that touches it, its preflight with it, and
 * `isCorsCandidate` asks for the origin of every hop each time: parsing the same URLs again took
 * ~140 ms of the worker's ~900 ms of mapping over two loads of a page making 2,000 fetches, ~60 ms
 * once each URL is parsed once (bench/capture-cost.ts). Bounded (emptied when full; a long URL is
 * not kept), and emptied by `forgetHopOrigins` when no tab is captured: the URLs are the captured
 * pages' traffic, which the extension forgets when a capture ends.
 */
const hopOrigins = memoized(4096, parseOrigin);
const ORIGIN_URL_KEPT_CHARS = 512;

function originOf(url: string): string | null {
  return url.length <= ORIGIN_URL_KEPT_CHARS ? hopOrigins(url) : parseOrigin(url);
}

/** Empties the hops' origins the mapping remembers (the capture calls it when no tab is captured). */
export function forgetHopOrigins(): void {
  hopOrigins.forget();
}

function parseOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}

/** A preflight: `OPTIONS` with `Access-Control-Request-Method`. A page's own OPTIONS carries none. */
function isPreflight(raw: RawRequest): boolean {
  const headers = raw.hops[0]?.requestHeaders ?? null;
  return raw.method === 'OPTIONS' && firstHeader(headers, 'access-control-request-method') !== undefined;
}

/** `OPTIONS` whose headers are not seen yet: it may still turn out to be a preflight. */
function mayBePreflight(raw: RawRequest): boolean {
  return raw.method === 'OPTIONS' && raw.hops[0]?.requestHeaders === null && !raw.ended;
}

// Navigations are not CORS requests; a WebSocket or WebTransport handshake carries an `Origin`
// but the server decides alone (no CORS check in the browser).
const NOT_CORS_TYPES = new Set(['main_frame', 'sub_frame', 'outermost_frame', 'websocket', 'webtransport']);

function requestModeOf(raw: RawRequest): RequestMode | undefined {
  for (const hop of raw.hops) {
    const mode = statedRequestMode(hop.requestHeaders);
    if (mode !== undefined) return mode;
  }
  return undefined;
}

/**
 * Whether the request is one the CORS checks apply to (or may apply to): cross-origin, not a
 * navigation, and in CORS mode as far as the wire tells (`Sec-Fetch-Mode`, an `Origin` header, or
 * a fetch/XHR whose headers were never seen because its preflight failed).
 */
function isCorsCandidate(raw: RawRequest): boolean {
  if (NOT_CORS_TYPES.has(raw.type)) return false;
  const initiator = raw.initiator && raw.initiator !== 'null' ? raw.initiator : null;
  const crossOrigin = raw.initiator === 'null' || raw.hops.some((hop) => originOf(hop.url) !== initiator);
  if (!crossOrigin) return false;
  const mode = requestModeOf(raw);
  if (mode === 'cors' || mode === 'same-origin') return true;
  if (mode === 'no-cors' || mode === 'navigate') return raw.type === 'xmlhttprequest';
  if (raw.hops.some((hop) => firstHeader(hop.requestHeaders, 'origin') !== undefined)) return true;
  return raw.type === 'xmlhttprequest';
}

function requestedHeaderNames(preflight: RawRequest): string[] {
  const value = firstHeader(preflight.hops[0]?.requestHeaders ?? null, 'access-control-request-headers');
  if (!value) return [];
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

/**
 * Whether `preflight` can be the one sent before hop `hopIndex` of `request`.
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 1–4: same URL, the request's method
 * in `Access-Control-Request-Method`, its unsafe header names in `Access-Control-Request-Headers`;
 * in time it lies between the hop's start and the hop's headers being sent.
 */
function preflightFits(preflight: RawRequest, request: RawRequest, hopIndex: number): boolean {
  const hop = request.hops[hopIndex];
  const preflightHop = preflight.hops[0];
  if (!hop || !preflightHop) return false;
  if (preflight.tabId !== request.tabId || preflightHop.url !== hop.url) return false;
  if (firstHeader(preflightHop.requestHeaders, 'access-control-request-method') !== (hopIndex === 0 ? request.method : methodAtHop(request, hopIndex))) return false;
  if (preflight.startedAt < hop.startedAt) return false;
  if (hop.sentAt !== null && hop.sentAt < preflight.startedAt) return false;
  // The request waits for its preflight: a hop that had ended before the preflight started (its
  // preflight came from the cache, or it failed earlier) is not the one it was sent for.
  if (hop.endedAt !== null && hop.endedAt < preflight.startedAt) return false;
  if (hop.requestHeaders !== null) {
    const sent = hop.requestHeaders;
    const asked = requestedHeaderNames(preflight);
    // A few names: each looked for in the lines. Many (a page may send hundreds): a set of the sent
    // names, so that the check stays linear in names plus lines.
    if (asked.length <= MANY_ASKED_NAMES) {
      if (!asked.every((name) => sent.some(([line]) => nameIs(line, name)))) return false;
    } else {
      const sentNames = new Set(sent.map(([line]) => line.toLowerCase()));
      if (!asked.every((name) => sentNames.has(name))) return false;
    }
  }
  return true;
}

/**
 * The method hop `hopIndex` went with: https://fetch.spec.whatwg.org/#http-redirect-fetch step 12
 * at each redirect before it (a 303 makes a PUT a GET, and the preflight a redirect to another
 * origin brings asks for GET then).
 */
function methodAtHop(request: RawRequest, hopIndex: number): string {
  let method = request.method;
  for (let i = 0; i < hopIndex; i++) {
    const status = request.hops[i]?.response?.status;
    if (status !== undefined) method = methodAfterRedirect(status, method);
  }
  return method;
}

/** Past this many names asked for by a preflight, `preflightFits` looks them up in a set. */
const MANY_ASKED_NAMES = 16;

/** The preflight's outcome by the engine's check; unknown (no preference) while it is in flight. */
function outcomeOf(preflight: RawRequest): PreflightOutcome {
  const hop = preflight.hops[0];
  // In flight: nothing to prefer yet (the mapping is redone when it ends).
  if (!hop || (!preflight.ended && hop.response === null)) return 'depends-on-credentials';
  return preflightOutcome({ requestHeaders: hop.requestHeaders ?? [], response: hop.response });
}

/**
 * How well what became of a request hop fits a preflight's outcome: 0 fits, 1 cannot tell yet,
 * 2 contradicts. A hop whose preflight failed never goes out (webRequest shows `onBeforeRequest`
 * then `onErrorOccurred`); one whose preflight passed sends its headers.
 */
function fateRank(request: RawRequest, hopIndex: number, outcome: PreflightOutcome): number {
  const hop = request.hops[hopIndex]!;
  const wentOut = hop.sentAt !== null || hop.response !== null;
  const failedUnsent = !wentOut && request.error !== null && hopIndex === request.hops.length - 1;
  if (!wentOut && !failedUnsent) return 1;
  // Credentials show on the wire only as a `Cookie`, and only on a hop that went out.
  const credentials = hop.requestHeaders === null ? null : firstHeader(hop.requestHeaders, 'cookie') !== undefined ? 'include' : 'same-origin';
  const passed = passedFor(outcome, wentOut ? credentials : null);
  if (passed === null) return 1;
  return wentOut === passed ? 0 : 2;
}

function toObservedPreflight(preflight: RawRequest): ObservedPreflight {
  const hop = preflight.hops[0]!;
  const observed: ObservedPreflight = {
    url: hop.url,
    requestHeaders: hop.requestHeaders ?? [],
    response: hop.response,
  };
  // A preflight that failed with no response at all failed on the network (refused, reset, ...).
  if (preflight.error !== null && hop.response === null) observed.networkError = preflight.error;
  return observed;
}

function toExchange(request: RawRequest, preflights: ReadonlyMap<number, RawRequest>): ObservedExchange {
  const hops: ObservedHop[] = request.hops.map((hop, index) => {
    const observed: ObservedHop = { url: hop.url, response: hop.response };
    const preflight = preflights.get(index);
    if (preflight) observed.preflight = toObservedPreflight(preflight);
    return observed;
  });
  let headers: readonly HeaderLine[] | null = request.hops[0]?.requestHeaders ?? null;
  if (headers === null) {
    // The request was never sent (its preflight failed). What the wire still tells: the
    // preflight's `Origin` is the one it would have carried, and `Access-Control-Request-Headers`
    // names the unsafe headers the page set (their values never reached the wire: left empty).
    const preflightHeaders = preflights.get(0)?.hops[0]?.requestHeaders ?? null;
    const origin = firstHeader(preflightHeaders, 'origin');
    const listed = preflights.get(0) ? requestedHeaderNames(preflights.get(0)!) : [];
    headers = [...(origin !== undefined ? [['Origin', origin] as const] : []), ...listed.map((name) => [name, ''] as const)];
  }
  const exchange: ObservedExchange = {
    request: { method: request.method, headers },
    hops,
    startedAt: request.startedAt,
  };
  if (request.initiator !== undefined) exchange.request.initiatorOrigin = request.initiator === 'null' ? null : request.initiator;
  const mode = requestModeOf(request);
  if (mode !== undefined) exchange.request.mode = mode;
  if (request.error !== null) exchange.errorText = request.error;
  if (request.body !== null) Object.assign(exchange.request, bodyOfRequest(request.body, firstHeader(request.hops[0]?.requestHeaders ?? null, 'content-type') ?? null));
  return exchange;
}

function toOrphanExchange(preflight: RawRequest): ObservedExchange {
  // The request's own events were missed (capture started in between): all we know is what the
  // preflight says about it.
  const hop = preflight.hops[0]!;
  const method = firstHeader(hop.requestHeaders, 'access-control-request-method') ?? 'GET';
  const origin = firstHeader(hop.requestHeaders, 'origin');
  const exchange: ObservedExchange = {
    request: { method, headers: origin !== undefined ? [['Origin', origin]] : [] },
    hops: [{ url: hop.url, preflight: toObservedPreflight(preflight), response: null }],
    startedAt: preflight.startedAt,
  };
  if (preflight.initiator !== undefined) exchange.request.initiatorOrigin = preflight.initiator === 'null' ? null : preflight.initiator;
  return exchange;
}

export interface MapOptions {
  /**
   * Emit preflights whose request was never seen, once they have ended. Off while more events may
   * still come for the request (the service worker turns it on for events it is about to forget).
   */
  orphanPreflights?: boolean;
}

/** The preflights of a request paired with none (shared: most requests of a batch; never written). */
const NO_PREFLIGHTS: ReadonlyMap<number, RawRequest> = new Map();

/** Raw webRequest events, in any order → exchanges, one per request, in the order they started. */
export function exchangesFromWebRequestEvents(events: readonly WebRequestEvent[], options: MapOptions = {}): WebRequestMapping {
  const byId = new Map<string, WebRequestEvent[]>();
  for (const event of events) {
    const list = byId.get(event.requestId);
    if (list) list.push(event);
    else byId.set(event.requestId, [event]);
  }
  const raws = [...byId.values()].map(buildRawRequest).sort((a, b) => a.startedAt - b.startedAt);

  const preflights: RawRequest[] = [];
  const requests: RawRequest[] = [];
  for (const raw of raws) {
    if (isPreflight(raw)) preflights.push(raw);
    else if (!mayBePreflight(raw) && isCorsCandidate(raw)) requests.push(raw);
  }
  const used = new Set<string>();
  const pairing = new Map<string, Map<number, RawRequest>>();
  // A preflight fits only a hop at its own URL (`preflightFits`): the hops by URL, in the order
  // the loop below would meet them (requests in time order, then hops), so that each preflight
  // looks at its URL's hops rather than at every hop of the batch.
  const hopsByUrl = new Map<string, [RawRequest, number][]>();
  if (preflights.length > 0) {
    for (const request of requests) {
      request.hops.forEach((hop, index) => {
        const list = hopsByUrl.get(hop.url);
        if (list) list.push([request, index]);
        else hopsByUrl.set(hop.url, [[request, index]]);
      });
    }
  }

  // Each preflight (in time order) goes to the oldest request hop still without one that it fits
  // (first in, first out), preferring a hop whose fate fits the preflight's outcome: a hop whose
  // preflight failed is never sent, one whose preflight passed is (see `fateFits`).
  for (const preflight of preflights) {
    const fits = (hopsByUrl.get(preflight.hops[0]?.url ?? '') ?? []).filter(([request, hop]) => !pairing.get(request.requestId)?.has(hop) && preflightFits(preflight, request, hop));
    if (fits.length === 0) continue;
    let best: { request: RawRequest; hop: number; startedAt: number; rank: number } | null = null;
    if (fits.length === 1) {
      // The only hop it fits: its outcome (the engine's preflight check) cannot change the choice.
      const [request, hop] = fits[0]!;
      best = { request, hop, startedAt: request.hops[hop]!.startedAt, rank: 0 };
    } else {
      const outcome = outcomeOf(preflight);
      for (const [request, hop] of fits) {
        const startedAt = request.hops[hop]!.startedAt;
        const rank = fateRank(request, hop, outcome);
        if (!best || rank < best.rank || (rank === best.rank && startedAt < best.startedAt)) best = { request, hop, startedAt, rank };
      }
    }
    if (!best) continue;
    let hops = pairing.get(best.request.requestId);
    if (!hops) pairing.set(best.request.requestId, (hops = new Map()));
    hops.set(best.hop, preflight);
  }

  const exchanges: MappedExchange[] = [];
  for (const request of requests) {
    const hops = pairing.get(request.requestId) ?? NO_PREFLIGHTS;
    const requestIds = [request.requestId];
    let final = request.ended;
    for (const preflight of hops.values()) {
      requestIds.push(preflight.requestId);
      final &&= preflight.ended;
    }
    for (const id of requestIds) used.add(id);
    const captured: CapturedExchange = { id: request.requestId, source: 'webRequest', exchange: toExchange(request, hops) };
    if (!final) captured.pending = true;
    exchanges.push({ captured, requestIds, final });
  }
  if (options.orphanPreflights) {
    for (const preflight of preflights) {
      if (used.has(preflight.requestId) || !preflight.ended) continue;
      used.add(preflight.requestId);
      exchanges.push({
        captured: { id: preflight.requestId, source: 'webRequest', exchange: toOrphanExchange(preflight) },
        requestIds: [preflight.requestId],
        final: true,
      });
    }
  }
  exchanges.sort((a, b) => (a.captured.exchange.startedAt ?? 0) - (b.captured.exchange.startedAt ?? 0));

  const unused = raws.filter((raw) => !used.has(raw.requestId));
  const preflightSet = new Set(preflights);
  return {
    exchanges,
    unused: unused.map((raw) => raw.requestId),
    ignored: unused.filter((raw) => raw.ended && !preflightSet.has(raw)).map((raw) => raw.requestId),
  };
}
