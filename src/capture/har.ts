// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as Chromium's DevTools exports it →
// engine input.
//
// What such a HAR holds, and what it lacks: each preflight is an entry of its own
// (`_resourceType: "preflight"`, `_initiator: {type: "preflight", url, requestId}`); each redirect
// hop is an entry of its own (the 3xx with its `redirectURL`, then the next URL); a request that
// never went out (its preflight failed) has status 0 and only provisional request headers; a
// blocked request has `response._error` (`net::ERR_FAILED`) and nothing says why. The credentials
// mode is not in it at all.

import type { HeaderLine, ObservedExchange } from '../cors/exchange.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { exchangesFromEntries, serializedOriginOf } from './exchanges-from-entries.ts';
import { firstHeader } from './header-lookup.ts';
import { isRedirectStatus } from './redirect-chain.ts';

export type HarErrorCode = 'not-json' | 'not-har';

/** The input is not a HAR. `message` is one line, fit for a terminal. */
export class HarError extends Error {
  readonly code: HarErrorCode;
  constructor(code: HarErrorCode, message: string) {
    super(message.replace(/\s+/g, ' ').trim());
    this.name = 'HarError';
    this.code = code;
  }
}

export interface HarMapping {
  exchanges: ObservedExchange[];
  /** The entries as read, sorted by start time (preflights and hops still separate). */
  entries: CapturedEntry[];
  /** Entries left out because they lacked a request method or URL. */
  skippedEntries: number;
}

/** Parses HAR text. Throws `HarError` when it is not JSON or not a HAR. */
export function parseHarText(text: string): unknown {
  // Some tools write a byte-order mark; JSON.parse refuses it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HarError('not-json', `not a HAR file: not JSON (${reason})`);
  }
}

/** HAR (text or parsed) → one exchange per request the page made, in the order they started. */
export function exchangesFromHar(har: unknown): ObservedExchange[] {
  return mapHar(har).exchanges;
}

/** Like `exchangesFromHar`, with the entries as read and what was skipped. */
export function mapHar(har: unknown): HarMapping {
  const { entries, skippedEntries } = entriesFromHar(typeof har === 'string' ? parseHarText(har) : har);
  return { exchanges: exchangesFromEntries(entries), entries, skippedEntries };
}

/** Reads a HAR's entries, sorted by `startedDateTime` (stable). Throws `HarError` for a non-HAR. */
export function entriesFromHar(har: unknown): { entries: CapturedEntry[]; skippedEntries: number } {
  if (!isObject(har)) throw new HarError('not-har', 'not a HAR file: expected a JSON object with a "log"');
  const log = har['log'];
  if (!isObject(log)) throw new HarError('not-har', 'not a HAR file: no "log" object');
  const rawEntries = log['entries'];
  if (!Array.isArray(rawEntries)) throw new HarError('not-har', 'not a HAR file: "log.entries" is not a list');

  const pageOrigins = readPageOrigins(log['pages']);
  const entries: CapturedEntry[] = [];
  let skippedEntries = 0;
  // An entry without a readable time keeps its place: it takes the time of the entry before it.
  let lastTime = 0;
  for (let i = 0; i < rawEntries.length; i++) {
    const entry = readEntry(rawEntries[i], i, pageOrigins, lastTime);
    if (entry === undefined) {
      skippedEntries++;
      continue;
    }
    lastTime = entry.startedAt;
    entries.push(entry);
  }
  // Array.prototype.sort is stable: entries that started in the same millisecond keep their order.
  entries.sort((a, b) => a.startedAt - b.startedAt);
  return { entries, skippedEntries };
}

function readPageOrigins(pages: unknown): Map<string, string> {
  const origins = new Map<string, string>();
  if (!Array.isArray(pages)) return origins;
  for (const page of pages) {
    if (!isObject(page) || typeof page['id'] !== 'string' || typeof page['title'] !== 'string') continue;
    // DevTools titles a page with its URL; other tools may use a document title, which is no URL.
    const origin = /^[a-z][a-z0-9+.-]*:\/\//i.test(page['title']) ? serializedOriginOf(page['title']) : undefined;
    if (origin !== undefined) origins.set(page['id'], origin);
  }
  return origins;
}

function readEntry(raw: unknown, sourceIndex: number, pageOrigins: Map<string, string>, lastTime: number): CapturedEntry | undefined {
  if (!isObject(raw)) return undefined;
  const request = raw['request'];
  if (!isObject(request)) return undefined;
  const method = request['method'];
  const url = request['url'];
  if (typeof method !== 'string' || method === '' || typeof url !== 'string' || url === '') return undefined;

  const response = isObject(raw['response']) ? raw['response'] : {};
  const status = typeof response['status'] === 'number' ? response['status'] : 0;
  const responseHeaders = readHeaders(response['headers']);
  const initiator = isObject(raw['_initiator']) ? raw['_initiator'] : {};
  const startedAt = Date.parse(typeof raw['startedDateTime'] === 'string' ? raw['startedDateTime'] : '');
  const time = raw['time'];

  const entry: CapturedEntry = {
    sourceIndex,
    isPreflight: raw['_resourceType'] === 'preflight' || initiator['type'] === 'preflight',
    method,
    url,
    requestHeaders: readHeaders(request['headers']),
    // HAR status 0: no response arrived (the request never went out, or the network failed).
    response: status > 0 ? { status, headers: responseHeaders } : null,
    startedAt: Number.isFinite(startedAt) ? startedAt : lastTime,
    durationMs: typeof time === 'number' && Number.isFinite(time) && time > 0 ? time : 0,
  };
  const error = response['_error'];
  if (typeof error === 'string' && error !== '') entry.errorText = error;
  if (entry.response !== null && isRedirectStatus(status)) {
    const target = typeof response['redirectURL'] === 'string' && response['redirectURL'] !== ''
      ? response['redirectURL']
      : firstHeader(responseHeaders, 'location');
    const absolute = target === undefined ? undefined : resolveUrl(target, url);
    if (absolute !== undefined) entry.redirectUrl = absolute;
  }
  const pageOrigin = typeof raw['pageref'] === 'string' ? pageOrigins.get(raw['pageref']) : undefined;
  if (pageOrigin !== undefined) entry.pageOrigin = pageOrigin;
  if (typeof raw['_requestId'] === 'string') entry.requestId = raw['_requestId'];
  if (typeof initiator['requestId'] === 'string') entry.initiatorRequestId = initiator['requestId'];
  const bodySize = readBodySize(request);
  if (bodySize !== undefined) entry.bodySize = bodySize;
  const body = readBody(request['postData']);
  if (body !== undefined) entry.body = body;
  return entry;
}

function readHeaders(raw: unknown): HeaderLine[] {
  if (!Array.isArray(raw)) return [];
  const headers: HeaderLine[] = [];
  for (const header of raw) {
    if (!isObject(header)) continue;
    const name = header['name'];
    const value = header['value'];
    // HTTP/2 pseudo-headers (`:authority`) are framing, not headers the CORS checks read.
    if (typeof name !== 'string' || name === '' || name.charCodeAt(0) === 0x3a) continue;
    headers.push([name, typeof value === 'string' ? value : String(value ?? '')]);
  }
  return headers;
}

function readBodySize(request: Record<string, unknown>): number | undefined {
  const size = request['bodySize'];
  if (typeof size === 'number' && Number.isFinite(size) && size >= 0) return size;
  const postData = request['postData'];
  if (isObject(postData) && typeof postData['text'] === 'string') return new TextEncoder().encode(postData['text']).length;
  return undefined;
}

/**
 * The request body as sent: `postData.text`. HAR 1.2 has `params` instead of `text` for URL-encoded
 * forms only (they are mutually exclusive there); those are joined back with the form encoding,
 * which gives the sent bytes unless the sender encoded them differently. A form with files cannot
 * be rebuilt, so it has no body.
 */
function readBody(postData: unknown): string | undefined {
  if (!isObject(postData)) return undefined;
  if (typeof postData['text'] === 'string') return postData['text'];
  const params = postData['params'];
  if (!Array.isArray(params)) return undefined;
  const form = new URLSearchParams();
  for (const param of params) {
    if (!isObject(param) || typeof param['name'] !== 'string' || param['fileName'] !== undefined) return undefined;
    form.append(param['name'], typeof param['value'] === 'string' ? param['value'] : '');
  }
  return form.toString();
}

function resolveUrl(target: string, base: string): string | undefined {
  // Already absolute (the usual case): skip the URL parser, which is slow for big logs.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target;
  try {
    return new URL(target, base).href;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
