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

function headerList(value: unknown): HeaderList | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((h: unknown): h is { name: string; value?: unknown } => typeof h === 'object' && h !== null && typeof (h as { name?: unknown }).name === 'string')
    .map((h) => (typeof h.value === 'string' ? { name: h.name, value: h.value } : { name: h.name }));
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
