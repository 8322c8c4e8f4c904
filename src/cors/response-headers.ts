// The CORS headers of one response, read in a single pass.
//
// Each value is what https://fetch.spec.whatwg.org/#concept-header-list-get returns (all lines of
// that name, trimmed, joined with ", "), exactly the string Chromium's checks compare. Reading them
// all at once keeps `diagnose` to one scan per header list.

import type { HeaderList } from './exchange.ts';
import { parseAllowList } from './allow-list.ts';
import { nameIsUsually, trimHttpWhitespace } from './header-list.ts';

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
  parsedAllowMethods?: readonly string[] | null;
  parsedAllowHeaders?: readonly string[] | null;
}

function combine(found: string | null, value: string): string {
  const trimmed = trimHttpWhitespace(value);
  return found === null ? trimmed : found + ', ' + trimmed;
}

/**
 * The CORS headers of `headers`. With `checksOnly`, only what the checks read (not `Vary`,
 * `Access-Control-Max-Age` nor `Access-Control-Expose-Headers`, which only the full account and its
 * advisories read: they are left null), for the verdict-only path.
 */
export function readCorsResponseHeaders(headers: HeaderList, checksOnly = false): CorsResponseHeaders {
  return readCorsResponseHeadersInto(emptyCorsResponseHeaders(), headers, checksOnly);
}

/** No CORS header read yet; the parsed lists present from the start, so every result has one shape. */
export function emptyCorsResponseHeaders(): CorsResponseHeaders {
  return {
    allowOrigin: null,
    allowCredentials: null,
    allowMethods: null,
    allowHeaders: null,
    maxAge: null,
    exposeHeaders: null,
    vary: null,
    location: null,
    parsedAllowMethods: undefined,
    parsedAllowHeaders: undefined,
  };
}

/**
 * `readCorsResponseHeaders` into `result`, which is cleared first: a caller that reads one exchange at
 * a time (the verdict of the common shapes) reuses one object instead of allocating one per response.
 */
export function readCorsResponseHeadersInto(result: CorsResponseHeaders, headers: HeaderList, checksOnly: boolean): CorsResponseHeaders {
  result.allowOrigin = null;
  result.allowCredentials = null;
  result.allowMethods = null;
  result.allowHeaders = null;
  result.maxAge = null;
  result.exposeHeaders = null;
  result.vary = null;
  result.location = null;
  result.parsedAllowMethods = undefined;
  result.parsedAllowHeaders = undefined;
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    const name = line[0];
    // Only `access-control-*`, `vary` and `location` matter: the length picks the one candidate
    // (or two), compared in place, so the many other lines cost a length check or two.
    switch (name.length) {
      case 4:
        if (!checksOnly && nameIsUsually(name, 'vary', 'Vary')) result.vary = combine(result.vary, line[1]);
        break;
      case 8:
        if (nameIsUsually(name, 'location', 'Location')) result.location = combine(result.location, line[1]);
        break;
      case 22:
        if (!checksOnly && nameIsUsually(name, 'access-control-max-age', 'Access-Control-Max-Age')) result.maxAge = combine(result.maxAge, line[1]);
        break;
      case 27:
        if (nameIsUsually(name, 'access-control-allow-origin', 'Access-Control-Allow-Origin')) result.allowOrigin = combine(result.allowOrigin, line[1]);
        break;
      case 28: {
        // `-methods` or `-headers`: the two names agree up to there, so their 22nd character
        // picks the one to compare (a name that is neither fails that comparison).
        const picked = name.charCodeAt(21) | 0x20;
        if (picked === 0x6d /* m */) {
          if (nameIsUsually(name, 'access-control-allow-methods', 'Access-Control-Allow-Methods')) result.allowMethods = combine(result.allowMethods, line[1]);
        } else if (picked === 0x68 /* h */) {
          if (nameIsUsually(name, 'access-control-allow-headers', 'Access-Control-Allow-Headers')) result.allowHeaders = combine(result.allowHeaders, line[1]);
        }
        break;
      }
      case 29:
        if (!checksOnly && nameIsUsually(name, 'access-control-expose-headers', 'Access-Control-Expose-Headers')) result.exposeHeaders = combine(result.exposeHeaders, line[1]);
        break;
      case 32:
        if (nameIsUsually(name, 'access-control-allow-credentials', 'Access-Control-Allow-Credentials')) result.allowCredentials = combine(result.allowCredentials, line[1]);
        break;
    }
  }
  return result;
}

/** `Access-Control-Allow-Methods` parsed (methods keep their case), memoized on `headers`. */
export function allowMethodsList(headers: CorsResponseHeaders): readonly string[] | null {
  if (headers.parsedAllowMethods === undefined) headers.parsedAllowMethods = parseAllowList(headers.allowMethods, false);
  return headers.parsedAllowMethods;
}

/** `Access-Control-Allow-Headers` parsed and lower-cased, memoized on `headers`. */
export function allowHeadersList(headers: CorsResponseHeaders): readonly string[] | null {
  if (headers.parsedAllowHeaders === undefined) headers.parsedAllowHeaders = parseAllowList(headers.allowHeaders, true);
  return headers.parsedAllowHeaders;
}
