// A HAR built from DevTools protocol `Network` events the way Chrome DevTools' own "Export HAR"
// builds one (compare `fixtures/public.devtools.har`, exported by Chromium 156's DevTools):
//
// - every hop of a redirect chain is its own entry, with `response.redirectURL` from `Location`;
// - a preflight is its own entry, `_resourceType: "preflight"`, `_initiator: {type: "preflight",
//   url, requestId}`;
// - request headers are the wire headers (`requestWillBeSentExtraInfo`, with `Cookie` and `Origin`)
//   when the request reached the wire; otherwise the renderer's provisional headers, `httpVersion: ""`
//   and `headersSize: -1` (a request blocked because its preflight failed);
// - response headers are the wire headers (`responseReceivedExtraInfo`) split one per line, so a
//   response Chromium blocked still shows its status and headers; a request that got no response
//   has status 0 and no headers;
// - a failed request carries `response._error` (`net::ERR_FAILED` for a CORS block); nothing says why.
// - each entry starts at its own `requestWillBeSent`'s `wallTime`, a redirect hop's too (DevTools'
//   NetworkDispatcher calls `setIssueTime(timestamp, wallTime)` on every hop, and the HAR's
//   `startedDateTime` is that wall time); its `time` runs on the protocol's monotonic clock;
// - entries are ordered by start time, as DevTools orders them.

import type { Cookie, Entry, Header, Log, Param, PostDataCommon, QueryString, Request, Response } from 'har-format';
import type { CdpResponse } from '../../src/capture/devtools-protocol.ts';
import {
  collectCdpRequests,
  headerLinesFromCdp,
  type CdpEvent,
  type CdpHop,
  type CdpRequest,
} from '../../src/capture/devtools-protocol.ts';

/**
 * A HAR 1.2 entry (`har-format`) as DevTools writes it: with the error Chromium adds to the
 * response, and a form's `params` beside its `text` (which HAR 1.2 makes exclusive).
 */
export type DevToolsEntry = Omit<Entry, 'request' | 'response'> & {
  request: Omit<Request, 'postData'> & { postData?: PostDataCommon & { text: string; params?: Param[] } };
  response: Response & { _error: string | null };
  _connectionId?: string;
};

export interface DevToolsHar {
  log: Omit<Log, 'entries'> & { entries: DevToolsEntry[] };
}

interface SentRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  postData?: string;
}


interface AssociatedCookie {
  blockedReasons?: unknown[];
  cookie?: {
    name: string;
    value: string;
    path?: string;
    domain?: string;
    expires?: number;
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: string;
  };
}

function headers(map: Record<string, string> | undefined): Header[] {
  return headerLinesFromCdp(map).map(([name, value]) => ({ name, value }));
}

function headerValue(list: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return list.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** `HTTP/1.1 200 OK` → version and reason phrase. */
function statusLine(text: string | undefined): { httpVersion: string; statusText: string } | undefined {
  const m = /^(HTTP\/[\d.]+) \d{3} ?(.*)$/.exec(text?.split(/\r?\n/)[0] ?? '');
  return m ? { httpVersion: m[1] ?? '', statusText: m[2] ?? '' } : undefined;
}

function httpVersionOf(protocol: string | undefined): string | undefined {
  if (protocol === undefined) return undefined;
  if (protocol === 'h2') return 'h2';
  return protocol.toUpperCase();
}

function queryString(url: string): QueryString[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function cookiesOf(associated: unknown): Cookie[] {
  if (!Array.isArray(associated)) return [];
  return (associated as AssociatedCookie[])
    .filter((a) => a.cookie !== undefined && (a.blockedReasons ?? []).length === 0)
    .map((a) => {
      const c = a.cookie as NonNullable<AssociatedCookie['cookie']>;
      return {
        name: c.name,
        value: c.value,
        path: c.path,
        domain: c.domain,
        expires: new Date(c.expires !== undefined && c.expires > 0 ? c.expires * 1000 : 0).toISOString(),
        httpOnly: c.httpOnly ?? false,
        secure: c.secure ?? false,
        sameSite: c.sameSite,
      };
    });
}

function requestLine(sent: SentRequest): string {
  let path = sent.url;
  try {
    const u = new URL(sent.url);
    path = u.pathname + u.search;
  } catch {
    // keep the URL as is
  }
  return `${sent.method} ${path} HTTP/1.1`;
}

function resourceType(r: CdpRequest, hop: CdpHop): Entry['_resourceType'] {
  if (r.preflightFor !== undefined) return 'preflight';
  // Chromium's `Network.ResourceType`, lower-cased, is the set `_resourceType` lists.
  return (hop.sent.type ?? 'other').toLowerCase() as Entry['_resourceType'];
}

/** Where one request's clock is tied to the wall: its first hop's `timestamp` and `wallTime`. */
interface WallAnchor {
  wallTime: number;
  timestamp: number;
}

/**
 * The wall time, in seconds, at which hop `hop` of a request started: its own `wallTime`, as DevTools
 * takes it. Not the first hop's wall time plus the monotonic time since: under load Chromium's
 * `wallTime` and `timestamp` of one hop drift apart from another's (by up to 13 ms, recorded with CPU
 * hogs), and a preflight can follow its hop by under 1 ms. Each event's own wall time keeps the
 * order Chromium made them in (a hop is announced before it goes out, its preflight after): 1,015
 * preflights recorded under load all start 0.4 ms or more after their hop by their own wall times,
 * and 1,254 redirect hops 2 ms or more after the hop before; hop 0's clock put 3 of those preflights
 * before their hop, as in the run the test keeps, whose preflight the pairing then left out.
 */
function hopStart(hop: CdpHop, anchor: WallAnchor): number {
  return hop.sent.wallTime ?? anchor.wallTime + ((hop.sent.timestamp ?? anchor.timestamp) - anchor.timestamp);
}

function entryFor(r: CdpRequest, k: number, anchor: WallAnchor): DevToolsEntry {
  const hop = r.hops[k] as CdpHop;
  const first = r.hops[0] as CdpHop;
  const sent = hop.sent.request as SentRequest;
  const isLast = k === r.hops.length - 1;
  const wire = hop.responseExtra as (CdpResponse & { statusCode?: number }) | undefined;
  const seen = hop.response as CdpResponse | undefined;

  const requestOnWire = hop.requestExtra !== undefined;
  const requestHeaders = headers(hop.requestExtra?.headers ?? sent.headers);
  const line = statusLine(wire?.headersText ?? seen?.headersText);
  const status = wire?.statusCode ?? seen?.status ?? 0;
  const responseHeaders = status === 0 ? [] : headers(wire?.headers ?? seen?.headers);
  const httpVersion = line?.httpVersion ?? httpVersionOf(seen?.protocol) ?? (status === 0 ? '' : 'HTTP/1.1');
  const headersText = wire?.headersText ?? seen?.headersText;

  const start = hop.sent.timestamp ?? anchor.timestamp;
  const end = hop.endTimestamp ?? start;
  const time = Math.max(0, (end - start) * 1000);
  const startedDateTime = new Date(hopStart(hop, anchor) * 1000).toISOString();

  const entry: DevToolsEntry = {
    // Redirect hops keep the initiator of the request that started the chain, as DevTools shows it.
    _initiator: { ...first.sent.initiator, type: first.sent.initiator?.type ?? 'other' },
    _priority: 'High',
    _resourceType: resourceType(r, first),
    cache: {},
    request: {
      method: sent.method,
      url: sent.url,
      httpVersion: requestOnWire ? httpVersion || 'HTTP/1.1' : '',
      headers: requestHeaders,
      queryString: queryString(sent.url),
      cookies: cookiesOf((hop.requestExtra as { associatedCookies?: unknown } | undefined)?.associatedCookies),
      // DevTools counts the request line and one `name: value\r\n` per header.
      headersSize: requestOnWire
        ? requestLine(sent).length + 2 + requestHeaders.reduce((n, h) => n + h.name.length + h.value.length + 4, 0)
        : -1,
      bodySize: sent.postData === undefined ? 0 : new TextEncoder().encode(sent.postData).length,
    },
    response: {
      status,
      statusText: line?.statusText ?? seen?.statusText ?? '',
      httpVersion: status === 0 ? '' : httpVersion,
      headers: responseHeaders,
      cookies: [],
      content: { size: 0, mimeType: seen?.mimeType || 'x-unknown' },
      redirectURL: headerValue(responseHeaders, 'Location') ?? '',
      headersSize: headersText === undefined ? -1 : headersText.length,
      bodySize: -1,
      _transferSize: 0,
      _error: isLast ? (r.failed?.errorText ?? null) : null,
    },
    serverIPAddress: seen?.remoteIPAddress ?? '',
    startedDateTime,
    time,
    timings: { blocked: 0, dns: -1, ssl: -1, connect: -1, send: 0, wait: time, receive: 0 },
  };
  if (sent.postData !== undefined) {
    const mimeType = headerValue(requestHeaders, 'Content-Type') ?? '';
    entry.request.postData = { mimeType, text: sent.postData };
    if (/^application\/x-www-form-urlencoded/i.test(mimeType)) {
      entry.request.postData.params = [...new URLSearchParams(sent.postData)].map(([name, value]) => ({ name, value }));
    }
  }
  if (seen?.remotePort !== undefined) entry.connection = String(seen.remotePort);
  if (seen?.connectionId !== undefined) entry._connectionId = String(seen.connectionId);
  if (isLast && r.finished !== undefined) {
    const size = r.finished.encodedDataLength ?? 0;
    entry.response._transferSize = size;
    entry.response.bodySize = Math.max(0, size - (headersText?.length ?? 0));
    entry.response.content.size = entry.response.bodySize;
  }
  return entry;
}

export interface BuildHarOptions {
  browserVersion?: string;
}

/** The HAR of every request in `events` (in any order), one entry per hop and per preflight. */
export function buildHar(events: readonly CdpEvent[], options: BuildHarOptions = {}): DevToolsHar {
  const entries: { entry: DevToolsEntry; start: number }[] = [];
  for (const r of collectCdpRequests(events)) {
    const first = r.hops[0];
    if (first === undefined) continue;
    const anchor = { wallTime: first.sent.wallTime ?? 0, timestamp: first.sent.timestamp ?? 0 };
    r.hops.forEach((hop, k) => {
      entries.push({ entry: entryFor(r, k, anchor), start: hopStart(hop, anchor) });
    });
  }
  // Stable: equal start times keep capture order.
  entries.sort((x, y) => x.start - y.start);
  const log: DevToolsHar['log'] = {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [],
    entries: entries.map((e) => e.entry),
  };
  if (options.browserVersion !== undefined) log.browser = { name: 'Chromium', version: options.browserVersion };
  return { log };
}
