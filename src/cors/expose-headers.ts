// Which response headers the page can read once the response is allowed.
// https://fetch.spec.whatwg.org/#concept-filtered-response-cors and
// https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name.

import type { Exposure } from './diagnosis.ts';
import type { CredentialsMode, HeaderList } from './exchange.ts';
import { lowerHeaderName } from './header-list.ts';
import { listHas, parseAllowList } from './allow-list.ts';

/** https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name (without the exposed list). */
function isCorsSafelistedResponseHeaderName(lowerName: string): boolean {
  switch (lowerName) {
    case 'cache-control':
    case 'content-language':
    case 'content-length':
    case 'content-type':
    case 'expires':
    case 'last-modified':
    case 'pragma':
      return true;
  }
  return false;
}

/** https://fetch.spec.whatwg.org/#forbidden-response-header-name: never exposed. */
function isForbiddenResponseHeaderName(lowerName: string): boolean {
  return lowerName === 'set-cookie' || lowerName === 'set-cookie2';
}

/**
 * https://fetch.spec.whatwg.org/#main-fetch step 14.2 (CORS-exposed header-name list) and the CORS
 * filtered response: safelisted names, plus `Access-Control-Expose-Headers` names, plus every name
 * when it lists `*` and credentials are not included. `exposeHeaders` is that header's combined
 * value (null when absent).
 */
export function exposure(headers: HeaderList, exposeHeaders: string | null, credentialsMode: CredentialsMode): Exposure {
  const exposed = parseAllowList(exposeHeaders, true) ?? [];
  const everything = credentialsMode !== 'include' && listHas(exposed, '*');
  const readable: string[] = [];
  const hidden: string[] = [];
  // Each name once, in the order first seen: a Set, so a response with many lines stays linear.
  const seen = new Set<string>();
  for (let i = 0; i < headers.length; i++) {
    const name = lowerHeaderName(headers[i]![0]);
    if (seen.has(name)) continue;
    seen.add(name);
    const canRead =
      !isForbiddenResponseHeaderName(name) && (isCorsSafelistedResponseHeaderName(name) || everything || listHas(exposed, name));
    (canRead ? readable : hidden).push(name);
  }
  return { readable, hidden, exposeHeaders };
}
