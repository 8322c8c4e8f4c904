// Which of a logged request's headers the browser would have named in
// `Access-Control-Request-Headers`. Pairing uses it to tell which request a preflight was sent for.
//
// A capture log lists every header on the wire, including those the browser added itself
// (`User-Agent`, `sec-ch-ua`, `Cookie`, ...). The page cannot set forbidden headers, so they never
// appear in a preflight; Chromium's list is "CORS-unsafe, not forbidden" names
// (services/network/public/cpp/cors/cors.cc, CorsUnsafeNotForbiddenRequestHeaderNames).

import type { HeaderList } from '../cors/exchange.ts';

// https://fetch.spec.whatwg.org/#forbidden-request-header
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  // Not forbidden by the standard any more, but Chromium still refuses it from script and adds it
  // itself, so in a log it is always the browser's.
  'user-agent',
  // Added by the network stack (RFC 9218) where it is sent at all, never by script.
  'priority',
]);

function isForbiddenName(lowerName: string): boolean {
  return FORBIDDEN_NAMES.has(lowerName) || lowerName.startsWith('proxy-') || lowerName.startsWith('sec-');
}

// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte
function hasCorsUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
    switch (c) {
      case 0x22: case 0x28: case 0x29: case 0x3a: case 0x3c: case 0x3e: case 0x3f:
      case 0x40: case 0x5b: case 0x5c: case 0x5d: case 0x7b: case 0x7d:
        return true;
    }
  }
  return false;
}

const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/;
const SIMPLE_RANGE = /^bytes=(\d+-\d*|\d*-\d+)$/;
const SAFELISTED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
function isCorsSafelisted(lowerName: string, value: string): boolean {
  // 1. If value's length is greater than 128, then return false.
  if (value.length > 128) return false;
  // 2. Byte-lowercase name and switch on the result.
  switch (lowerName) {
    case 'accept':
      return !hasCorsUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      return LANGUAGE_VALUE.test(value);
    case 'content-type': {
      if (hasCorsUnsafeByte(value)) return false;
      // The MIME type's essence: what precedes the first `;`, trimmed, lower-cased.
      const essence = value.split(';', 1)[0]!.trim().toLowerCase();
      return SAFELISTED_CONTENT_TYPES.has(essence);
    }
    case 'range':
      return SIMPLE_RANGE.test(value.trim());
    default:
      return false;
  }
}

// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
/** Sorted, lower-case, deduplicated: the list `Access-Control-Request-Headers` would carry. */
export function corsUnsafeHeaderNames(headers: HeaderList): string[] {
  // 1. Let unsafeNames be a new list.
  const unsafeNames = new Set<string>();
  // 2. Let potentiallyUnsafeNames be a new list.
  const potentiallyUnsafeNames: string[] = [];
  // 3. Let safelistValueSize be 0.
  let safelistValueSize = 0;
  // 4. For each header of headers:
  for (const [name, value] of headers) {
    const lowerName = name.toLowerCase();
    // (Chromium: forbidden headers are the browser's own and never listed.)
    if (isForbiddenName(lowerName)) continue;
    // 4.1 If header is not a CORS-safelisted request-header, then append header's name to unsafeNames.
    // 4.2 Otherwise, append it to potentiallyUnsafeNames and add its value's length.
    if (!isCorsSafelisted(lowerName, value)) unsafeNames.add(lowerName);
    else {
      potentiallyUnsafeNames.push(lowerName);
      safelistValueSize += value.length;
    }
  }
  // 5. If safelistValueSize is greater than 1024, then append potentiallyUnsafeNames to unsafeNames.
  if (safelistValueSize > 1024) for (const name of potentiallyUnsafeNames) unsafeNames.add(name);
  // 6. Return the result of convert header names to a sorted-lowercase set with unsafeNames.
  return [...unsafeNames].sort();
}

/** `Access-Control-Request-Headers` as sent, to the same sorted lower-case form. */
export function parseRequestHeadersList(value: string | undefined): string[] {
  if (value === undefined) return [];
  const names = new Set<string>();
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (name !== '') names.add(name);
  }
  return [...names].sort();
}

// https://fetch.spec.whatwg.org/#cors-safelisted-method
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}
