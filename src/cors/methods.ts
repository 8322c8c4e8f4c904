// Request methods. https://fetch.spec.whatwg.org/#methods

/** https://fetch.spec.whatwg.org/#cors-safelisted-method: `GET`, `HEAD` or `POST`. */
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

/** https://fetch.spec.whatwg.org/#forbidden-method: `CONNECT`, `TRACE`, `TRACK` (case-insensitive). */
export function isForbiddenMethod(method: string): boolean {
  if (method.length !== 5 && method.length !== 7) return false;
  const upper = method.toUpperCase();
  return upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK';
}

/**
 * https://fetch.spec.whatwg.org/#concept-method-normalize
 * Only `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST` and `PUT` are upper-cased; any other method is
 * kept byte for byte (so `patch` stays `patch`, which is why `fetch(url, {method: 'patch'})` so
 * often fails a preflight that allows `PATCH`).
 */
export function normalizeMethod(method: string): string {
  switch (method) {
    case 'GET':
    case 'POST':
    case 'PUT':
    case 'DELETE':
    case 'HEAD':
    case 'OPTIONS':
    // Not one of the six, in any case: kept (no upper-case copy made to find that out).
    case 'PATCH':
      return method;
  }
  if (method.length < 3 || method.length > 7) return method;
  const upper = method.toUpperCase();
  switch (upper) {
    case 'DELETE':
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
    case 'POST':
    case 'PUT':
      return upper;
  }
  return method;
}
