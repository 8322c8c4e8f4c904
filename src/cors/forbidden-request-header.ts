// https://fetch.spec.whatwg.org/#forbidden-request-header
//
// Headers a page cannot set: the browser adds them itself. On an observed request they are the
// browser's, so they never make a request "non-simple". Chromium's list is
// `net::HttpUtil::IsSafeHeader` (net/http/http_util.cc); it differs from the standard in keeping
// `User-Agent` forbidden (https://crbug.com/571722: Chromium silently drops it from fetch()) and
// in listing `Set-Cookie`.

import { toAsciiLowerCase } from './header-list.ts';
import { isForbiddenMethod } from './methods.ts';

/** Steps 1's names, lower-case. */
export const FORBIDDEN_REQUEST_HEADER_NAMES: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'access-control-request-private-network',
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
  'user-agent',
  'via',
]);

/** Names whose value is a method list; a forbidden method in it makes the header forbidden. */
export const METHOD_OVERRIDE_NAMES: readonly string[] = ['x-http-method', 'x-http-method-override', 'x-method-override'];

function isMethodOverrideName(lowerName: string): boolean {
  return lowerName === 'x-http-method' || lowerName === 'x-http-method-override' || lowerName === 'x-method-override';
}

/**
 * https://fetch.spec.whatwg.org/#forbidden-request-header
 * 1. If name is a byte-case-insensitive match for a forbidden name, return true.
 * 2. If name starts with `proxy-` or `sec-`, return true.
 * 3. If name is `X-HTTP-Method`, `X-HTTP-Method-Override` or `X-Method-Override`, and parsing its
 *    value yields a forbidden method, return true.
 * 4. Return false.
 * `lowerName` must already be lower-case.
 */
export function isForbiddenRequestHeaderLower(lowerName: string, value: string): boolean {
  if (isForbiddenRequestHeaderName(lowerName)) return true;
  if (isMethodOverrideName(lowerName)) {
    const methods = value.split(',');
    for (let i = 0; i < methods.length; i++) {
      if (isForbiddenMethod(methods[i]!.trim())) return true;
    }
  }
  return false;
}

/** Steps 1-2: forbidden whatever the value. `lowerName` must be lower-case. */
export function isForbiddenRequestHeaderName(lowerName: string): boolean {
  return FORBIDDEN_REQUEST_HEADER_NAMES.has(lowerName) || lowerName.startsWith('proxy-') || lowerName.startsWith('sec-');
}

/** Whether the value decides (step 3): the method-override names. */
export function forbiddenDependsOnValue(lowerName: string): boolean {
  return isMethodOverrideName(lowerName);
}

/** Same as `isForbiddenRequestHeaderLower`, for a name in any case. */
export function isForbiddenRequestHeader(name: string, value: string): boolean {
  return isForbiddenRequestHeaderLower(toAsciiLowerCase(name), value);
}
