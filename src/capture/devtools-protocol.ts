// DevTools protocol `Network` events → engine input.
// https://chromedevtools.github.io/devtools-protocol/tot/Network/
//
// The events of one request arrive in any order: Chromium's network service sends the `*ExtraInfo`
// events (the real wire headers, cookies included) on a different path from the renderer's
// `requestWillBeSent`/`responseReceived`, so either can come first. Everything here is therefore
// grouped by `requestId` and, inside one request id, by ordinal:
//
// - a redirect reuses the request id: hop 0 is the `requestWillBeSent` without `redirectResponse`,
//   hop k the k-th one with it (its `redirectResponse` is hop k-1's response);
// - the k-th `requestWillBeSentExtraInfo` and the k-th `responseReceivedExtraInfo` of a request id
//   belong to hop k (a hop that never reached the wire has none, and is always the last hop);
// - a CORS preflight is a request of its own whose `initiator` is `{type: 'preflight', requestId:
//   <the actual request's id>, url}` (its later events say `type: 'Preflight'`);
// - `loadingFailed.corsErrorStatus` is Chromium's own CORS verdict.

import type { HeaderLine, ObservedExchange, ObservedHop, ObservedPreflight, ObservedResponse } from '../cors/index.ts';
import { statedRequestMode } from './header-lookup.ts';
import { localNetworkFactsByRequest, withLocalNetworkFacts } from './local-network-issues.ts';

/** One protocol event as a CDP client receives it. */
export interface CdpEvent {
  method: string;
  params: unknown;
}

/** `Network.Headers`: one entry per name; several lines of one name are joined with "\n". */
type CdpHeaders = Record<string, string>;

/** `Network.Response` as the protocol reports it (the fields this project reads). */
export interface CdpResponse {
  url?: string;
  status?: number;
  statusText?: string;
  headers?: CdpHeaders;
  headersText?: string;
  protocol?: string;
  mimeType?: string;
  remoteIPAddress?: string;
  remotePort?: number;
  connectionId?: number;
  encodedDataLength?: number;
}

interface RequestWillBeSent {
  requestId: string;
  documentURL?: string;
  request: { url: string; method: string; headers?: CdpHeaders; postData?: string; hasPostData?: boolean };
  timestamp?: number;
  wallTime?: number;
  initiator?: { type?: string; requestId?: string; url?: string };
  redirectResponse?: CdpResponse;
  redirectHasExtraInfo?: boolean;
  type?: string;
}

/** `Network.ClientSecurityState`: the page's side, as Local Network Access judged it. */
interface ClientSecurityState {
  initiatorIsSecureContext?: boolean;
  /** `Network.IPAddressSpace`: `Loopback`, `Local` (`Private` before Chromium renamed it), `Public`, `Unknown`. */
  initiatorIPAddressSpace?: string;
}

interface RequestExtraInfo {
  requestId: string;
  headers?: CdpHeaders;
  clientSecurityState?: ClientSecurityState;
}

interface ResponseExtraInfo {
  requestId: string;
  statusCode?: number;
  headers?: CdpHeaders;
  headersText?: string;
}

interface ResponseReceived {
  requestId: string;
  type?: string;
  timestamp?: number;
  response: CdpResponse;
  hasExtraInfo?: boolean;
}

interface LoadingFinished {
  requestId: string;
  timestamp?: number;
  encodedDataLength?: number;
}

interface LoadingFailed {
  requestId: string;
  timestamp?: number;
  type?: string;
  errorText?: string;
  canceled?: boolean;
  blockedReason?: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}

/** One URL a request visited, with everything the protocol said about it. */
export interface CdpHop {
  sent: RequestWillBeSent;
  /** The wire request headers (`requestWillBeSentExtraInfo`), when the request reached the wire. */
  requestExtra?: RequestExtraInfo;
  /** The wire response (`responseReceivedExtraInfo`), when one arrived. */
  responseExtra?: ResponseExtraInfo;
  /** The renderer's view of the response: `responseReceived`, or the next hop's `redirectResponse`. */
  response?: CdpResponse;
  /** Protocol timestamp (seconds, monotonic) at which this hop ended. */
  endTimestamp?: number;
}

/** Every event of one request id, put in order. */
export interface CdpRequest {
  requestId: string;
  hops: CdpHop[];
  /** Set when the request is a CORS preflight: the request id of the request it was for. */
  preflightFor?: string;
  finished?: LoadingFinished;
  failed?: LoadingFailed;
  /** Order of the first event seen, to keep the capture's order. */
  firstSeen: number;
}

function isPreflight(p: RequestWillBeSent): boolean {
  return p.initiator?.type === 'preflight' || p.type === 'Preflight';
}

/** Groups events by request id and hop, whatever order they arrived in. */
export function collectCdpRequests(events: readonly CdpEvent[]): CdpRequest[] {
  interface Bucket {
    sent: RequestWillBeSent[];
    requestExtra: RequestExtraInfo[];
    responseExtra: ResponseExtraInfo[];
    received?: ResponseReceived;
    finished?: LoadingFinished;
    failed?: LoadingFailed;
    firstSeen: number;
  }
  const buckets = new Map<string, Bucket>();
  const bucket = (id: string, at: number): Bucket => {
    let b = buckets.get(id);
    if (b === undefined) {
      b = { sent: [], requestExtra: [], responseExtra: [], firstSeen: at };
      buckets.set(id, b);
    }
    return b;
  };
  events.forEach((e, at) => {
    const p = e.params as { requestId?: unknown } | null;
    if (p === null || typeof p !== 'object' || typeof p.requestId !== 'string') return;
    const b = bucket(p.requestId, at);
    switch (e.method) {
      case 'Network.requestWillBeSent':
        b.sent.push(p as RequestWillBeSent);
        break;
      case 'Network.requestWillBeSentExtraInfo':
        b.requestExtra.push(p as RequestExtraInfo);
        break;
      case 'Network.responseReceivedExtraInfo':
        b.responseExtra.push(p as ResponseExtraInfo);
        break;
      case 'Network.responseReceived':
        b.received = p as ResponseReceived;
        break;
      case 'Network.loadingFinished':
        b.finished = p as LoadingFinished;
        break;
      case 'Network.loadingFailed':
        b.failed = p as LoadingFailed;
        break;
    }
  });

  const requests: CdpRequest[] = [];
  for (const [requestId, b] of buckets) {
    // Hop 0 first, then the redirects in the order they happened.
    const first = b.sent.filter((s) => s.redirectResponse === undefined);
    const redirects = b.sent.filter((s) => s.redirectResponse !== undefined);
    redirects.sort((x, y) => (x.timestamp ?? 0) - (y.timestamp ?? 0));
    const sent = [...first.slice(0, 1), ...redirects];
    if (sent.length === 0) continue; // extra info of a request we never saw start
    const hops: CdpHop[] = sent.map((s, k) => {
      const hop: CdpHop = { sent: s };
      const requestExtra = b.requestExtra[k];
      const responseExtra = b.responseExtra[k];
      if (requestExtra !== undefined) hop.requestExtra = requestExtra;
      if (responseExtra !== undefined) hop.responseExtra = responseExtra;
      const next = sent[k + 1];
      if (next?.redirectResponse !== undefined) {
        hop.response = next.redirectResponse;
        if (next.timestamp !== undefined) hop.endTimestamp = next.timestamp;
      }
      return hop;
    });
    const last = hops[hops.length - 1];
    if (last !== undefined) {
      if (b.received !== undefined) last.response = b.received.response;
      const end = b.failed?.timestamp ?? b.finished?.timestamp;
      if (end !== undefined) last.endTimestamp = end;
    }
    const r: CdpRequest = { requestId, hops, firstSeen: b.firstSeen };
    const s0 = sent[0];
    if (s0 !== undefined && isPreflight(s0)) r.preflightFor = s0.initiator?.requestId ?? '';
    if (b.finished !== undefined) r.finished = b.finished;
    if (b.failed !== undefined) r.failed = b.failed;
    requests.push(r);
  }
  requests.sort((x, y) => x.firstSeen - y.firstSeen);
  return requests;
}

/** `Network.Headers` as header lines: a value with "\n" was several lines of that name. */
export function headerLinesFromCdp(headers: CdpHeaders | undefined): HeaderLine[] {
  const lines: HeaderLine[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    for (const v of String(value).split('\n')) lines.push([name, v]);
  }
  return lines;
}

/**
 * The response header lines as received, from `headersText` (the status line, then one
 * `name: value` line each): order and repeated names kept. Values lose the optional whitespace
 * around them, as every HTTP parser (Chromium's included) strips it.
 */
export function headerLinesFromText(headersText: string): HeaderLine[] | undefined {
  const rows = headersText.split(/\r?\n/);
  if (!/^HTTP\//.test(rows[0] ?? '')) return undefined;
  const lines: HeaderLine[] = [];
  for (const row of rows.slice(1)) {
    if (row === '') continue;
    const colon = row.indexOf(':');
    if (colon <= 0) continue;
    lines.push([row.slice(0, colon), row.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
  }
  return lines;
}

/** A hop's response, the wire view first. */
function observedResponse(hop: CdpHop): ObservedResponse | null {
  const extra = hop.responseExtra;
  if (extra !== undefined && extra.statusCode !== undefined) {
    const fromText = extra.headersText === undefined ? undefined : headerLinesFromText(extra.headersText);
    return { status: extra.statusCode, headers: fromText ?? headerLinesFromCdp(extra.headers) };
  }
  const r = hop.response;
  if (r !== undefined && r.status !== undefined) {
    const fromText = r.headersText === undefined ? undefined : headerLinesFromText(r.headersText);
    return { status: r.status, headers: fromText ?? headerLinesFromCdp(r.headers) };
  }
  return null;
}

/** The request headers of a hop: the wire headers when seen, else what the renderer planned. */
function requestHeaders(hop: CdpHop): HeaderLine[] {
  return headerLinesFromCdp(hop.requestExtra?.headers ?? hop.sent.request.headers);
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

function observedPreflight(p: CdpRequest): ObservedPreflight {
  const hop = p.hops[0] as CdpHop;
  const out: ObservedPreflight = { url: hop.sent.request.url, requestHeaders: requestHeaders(hop), response: observedResponse(hop) };
  // Only a preflight that got no answer at all failed "on the network"; one that was answered
  // (even by a redirect Chromium refuses) is judged from its response.
  if (out.response === null && p.failed?.errorText !== undefined) out.networkError = p.failed.errorText;
  return out;
}

export interface CdpMapOptions {
  /** Also map requests that have not finished or failed yet (default: only settled ones). */
  includeUnfinished?: boolean;
}

/** One `ObservedExchange` per request (preflights folded into their request), in capture order. */
export function exchangesFromCdpEvents(events: readonly CdpEvent[], options: CdpMapOptions = {}): ObservedExchange[] {
  const requests = collectCdpRequests(events);
  const lnaFacts = localNetworkFactsByRequest(events);
  const preflightsFor = new Map<string, CdpRequest[]>();
  for (const r of requests) {
    if (r.preflightFor === undefined) continue;
    const list = preflightsFor.get(r.preflightFor) ?? [];
    list.push(r);
    preflightsFor.set(r.preflightFor, list);
  }

  const exchanges: ObservedExchange[] = [];
  for (const r of requests) {
    if (r.preflightFor !== undefined) continue;
    if (!options.includeUnfinished && r.finished === undefined && r.failed === undefined) continue;
    const first = r.hops[0] as CdpHop;
    const hops: ObservedHop[] = r.hops.map((h) => ({ url: h.sent.request.url, response: observedResponse(h) }));
    // Each preflight goes to the first hop with its URL that has none yet (a redirect can lead to a
    // URL that needs its own preflight).
    const preflights = [...(preflightsFor.get(r.requestId) ?? [])].sort(
      (x, y) => (x.hops[0]?.sent.timestamp ?? 0) - (y.hops[0]?.sent.timestamp ?? 0),
    );
    for (const p of preflights) {
      const url = p.hops[0]?.sent.request.url;
      const hop = hops.find((h) => h.url === url && h.preflight === undefined);
      if (hop !== undefined) hop.preflight = observedPreflight(p);
    }

    const headers = requestHeaders(first);
    const exchange: ObservedExchange = {
      request: { method: first.sent.request.method, headers },
      hops,
    };
    const initiatorOrigin = originOf(first.sent.documentURL);
    if (initiatorOrigin !== undefined) exchange.request.initiatorOrigin = initiatorOrigin;
    // `Sec-Fetch-Mode` is the request's mode as the browser itself stated it on the wire.
    const mode = statedRequestMode(headers);
    if (mode !== undefined) exchange.request.mode = mode;
    // A request that never reached the wire (its preflight failed) shows only provisional headers,
    // without `Sec-Fetch-Mode`; but only a `cors`-mode request is ever preflighted.
    // https://fetch.spec.whatwg.org/#cors-preflight-fetch
    else if (hops.some((h) => h.preflight !== undefined)) exchange.request.mode = 'cors';
    const body = first.sent.request.postData;
    if (body !== undefined) {
      exchange.request.bodySize = new TextEncoder().encode(body).length;
      exchange.request.body = body;
    }
    if (first.sent.wallTime !== undefined) exchange.startedAt = first.sent.wallTime * 1000;
    if (r.failed !== undefined) {
      if (r.failed.errorText !== undefined) exchange.errorText = r.failed.errorText;
      const cors = r.failed.corsErrorStatus;
      exchange.browserVerdict = cors === undefined ? null : { corsError: cors.corsError, failedParameter: cors.failedParameter };
    } else if (r.finished !== undefined) {
      exchange.browserVerdict = null;
    }
    // Local Network Access: the page's address space and secure context, the server's, and a
    // mismatched targetAddressSpace, from the request's wire extra info and CORS issues (its
    // preflights' too); what none says, the engine reads from the URLs.
    let out = exchange;
    for (const id of [r.requestId, ...preflights.map((p) => p.requestId)]) {
      const facts = lnaFacts.get(id);
      if (facts !== undefined) out = withLocalNetworkFacts(out, facts);
    }
    exchanges.push(out);
  }
  return exchanges;
}
