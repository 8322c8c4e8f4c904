// The CORS headers of one response, read in a single pass.
//
// Each value is what https://fetch.spec.whatwg.org/#concept-header-list-get returns (all lines of
// that name, trimmed, joined with ", "), exactly the string Chromium's checks compare. Reading them
// all at once keeps `diagnose` to one scan per header list.

import type { HeaderList } from './exchange.ts';
import { parseAllowList } from './allow-list.ts';
import { lowerHeaderName, trimHttpWhitespace } from './header-list.ts';

export interface CorsResponseHeaders {
  allowOrigin: string | null;
  allowCredentials: string | null;
  allowMethods: string | null;
  allowHeaders: string | null;
  maxAge: string | null;
  exposeHeaders: string | null;
  vary: string | null;
  location: string | null;
  /** Parsed `allowMethods`/`allowHeaders` lists, filled on first use (see `allow-list.ts`). */
  parsedAllowMethods?: string[] | null;
  parsedAllowHeaders?: string[] | null;
}

function combine(found: string | null, value: string): string {
  const trimmed = trimHttpWhitespace(value);
  return found === null ? trimmed : found + ', ' + trimmed;
}

export function readCorsResponseHeaders(headers: HeaderList): CorsResponseHeaders {
  const result: CorsResponseHeaders = {
    allowOrigin: null,
    allowCredentials: null,
    allowMethods: null,
    allowHeaders: null,
    maxAge: null,
    exposeHeaders: null,
    vary: null,
    location: null,
  };
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    const raw = line[0];
    // Only `access-control-*` (22+ characters), `vary` and `location` matter: skip the rest by
    // length and first letter before touching the name cache.
    const length = raw.length;
    const first = raw.charCodeAt(0) | 0x20;
    if (!(first === 0x61 && length >= 22) && !(first === 0x76 && length === 4) && !(first === 0x6c && length === 8)) continue;
    const name = lowerHeaderName(raw);
    switch (name) {
      case 'access-control-allow-origin':
        result.allowOrigin = combine(result.allowOrigin, line[1]);
        break;
      case 'access-control-allow-credentials':
        result.allowCredentials = combine(result.allowCredentials, line[1]);
        break;
      case 'access-control-allow-methods':
        result.allowMethods = combine(result.allowMethods, line[1]);
        break;
      case 'access-control-allow-headers':
        result.allowHeaders = combine(result.allowHeaders, line[1]);
        break;
      case 'access-control-max-age':
        result.maxAge = combine(result.maxAge, line[1]);
        break;
      case 'access-control-expose-headers':
        result.exposeHeaders = combine(result.exposeHeaders, line[1]);
        break;
      case 'vary':
        result.vary = combine(result.vary, line[1]);
        break;
      case 'location':
        result.location = combine(result.location, line[1]);
        break;
    }
  }
  return result;
}

/** `Access-Control-Allow-Methods` parsed (methods keep their case), memoized on `headers`. */
export function allowMethodsList(headers: CorsResponseHeaders): string[] | null {
  if (headers.parsedAllowMethods === undefined) headers.parsedAllowMethods = parseAllowList(headers.allowMethods, false);
  return headers.parsedAllowMethods;
}

/** `Access-Control-Allow-Headers` parsed and lower-cased, memoized on `headers`. */
export function allowHeadersList(headers: CorsResponseHeaders): string[] | null {
  if (headers.parsedAllowHeaders === undefined) headers.parsedAllowHeaders = parseAllowList(headers.allowHeaders, true);
  return headers.parsedAllowHeaders;
}
