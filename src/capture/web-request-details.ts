// A webRequest listener's `details` → the `WebRequestEvent` the capture keeps: only the fields it
// reads, each checked, the body turned into text or a size (an ArrayBuffer does not survive
// storage, and is not worth keeping). Pure: the service worker's listeners only queue the
// details, and this runs later, in batches.

import { bodyFromWebRequest, type ChromiumRequestBody } from './web-request-body.ts';
import type { WebRequestEvent, WebRequestEventName } from './web-request.ts';

/** A listener's `details` (any of the events' detail types): read field by field, each checked. */
export interface WebRequestDetails {
  tabId: number;
}

type HeaderList = NonNullable<WebRequestEvent['requestHeaders']>;

/**
 * The header lines the capture keeps. A listener's details are its own copy (the browser copies
 * them for each call), and their lines are nearly always already what is kept, `{ name, value }`
 * with string fields: such a list is kept as it came. Copying every line of every event was the
 * largest of the worker's allocations under a busy page (~5-7 MB a load of 2,000 fetches, which
 * its GC then collects; bench/capture-cost.ts, session 26).
 */
function headerList(value: unknown): HeaderList | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.every(isKeptLine)) return value as HeaderList;
  const lines: HeaderList = [];
  for (const h of value as unknown[]) {
    if (typeof h !== 'object' || h === null) continue;
    const { name, value: text } = h as { name?: unknown; value?: unknown };
    if (typeof name === 'string') lines.push(typeof text === 'string' ? { name, value: text } : { name });
  }
  return lines;
}

/** A line exactly as the capture would copy it: a plain object of a string `name`, then a string `value`, nothing else. */
function isKeptLine(h: unknown): boolean {
  if (typeof h !== 'object' || h === null || Array.isArray(h) || Object.getPrototypeOf(h) !== Object.prototype) return false;
  const { name, value } = h as { name?: unknown; value?: unknown };
  if (typeof name !== 'string' || typeof value !== 'string') return false;
  // Its own keys, in order, are `name` and `value` (the copy's JSON is the same text).
  let keys = 0;
  for (const key in h) if (key !== (keys++ === 0 ? 'name' : 'value')) return false;
  return keys === 2;
}

export function eventFromDetails(name: WebRequestEventName, details: WebRequestDetails): WebRequestEvent {
  const d = details as WebRequestDetails & Readonly<Record<string, unknown>>;
  const event: WebRequestEvent = {
    event: name,
    requestId: String(d['requestId']),
    tabId: d.tabId,
    url: String(d['url']),
    method: String(d['method']),
    type: String(d['type']),
    timeStamp: Number(d['timeStamp']),
  };
  if (typeof d['initiator'] === 'string') event.initiator = d['initiator'];
  const requestHeaders = headerList(d['requestHeaders']);
  if (requestHeaders) event.requestHeaders = requestHeaders;
  const responseHeaders = headerList(d['responseHeaders']);
  if (responseHeaders) event.responseHeaders = responseHeaders;
  if (typeof d['statusCode'] === 'number') event.statusCode = d['statusCode'];
  if (typeof d['redirectUrl'] === 'string') event.redirectUrl = d['redirectUrl'];
  if (typeof d['error'] === 'string') event.error = d['error'];
  if (typeof d['fromCache'] === 'boolean') event.fromCache = d['fromCache'];
  if (d['sendHeadersEarly'] === true) event.sendHeadersEarly = true;
  if (name === 'onBeforeRequest') {
    const body = bodyFromWebRequest(d['requestBody'] as ChromiumRequestBody | undefined);
    if (body) event.requestBody = body;
  }
  return event;
}
