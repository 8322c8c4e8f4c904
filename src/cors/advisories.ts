// What an accepted exchange shows about the server's CORS policy: dangerous or wasteful settings it
// proves, and what it cannot tell. Nothing here changes a verdict; each advisory is facts for the
// wording layer. One exchange is one answer to one origin: nothing here guesses how the server
// answers another (that takes `cors-inspector probe`).

import type { Advisory } from './diagnosis.ts';
import type { CredentialsMode, HeaderList } from './exchange.ts';
import { toAsciiLowerCase } from './header-list.ts';
import { OPAQUE_ORIGIN, urlOrigin } from './origin.ts';
import { allowHeadersList, type CorsResponseHeaders } from './response-headers.ts';
import type { BrowserRules } from './browser-rules.ts';
import { listHas, parseAllowList } from './allow-list.ts';

/** Whether a `Vary` value names `Origin` (or is `*`). https://httpwg.org/specs/rfc9110.html#field.vary */
export function varyCoversOrigin(vary: string | null): boolean {
  if (vary === null) return false;
  const names = parseAllowList(vary, true);
  if (names === null) return vary.toLowerCase().indexOf('origin') !== -1;
  return listHas(names, 'origin') || listHas(names, '*');
}

/**
 * Advisories about the response the browser accepted (the final hop of an allowed exchange), each
 * from what this response shows, never from a guess about the server's answer to another origin:
 * - `credentials-for-request-origin` (info): this origin may read with credentials. Whether any
 *   origin may (a server echoing every Origin) is not in one exchange; the words offer the probe.
 * - `null-origin-trusted` (high): `Access-Control-Allow-Origin: null` was accepted; any sandboxed
 *   iframe or data: document can send `Origin: null`.
 * - `insecure-origin-trusted`: an `http:` origin is trusted by an `https:` resource (high with
 *   credentials: a network attacker can forge that origin's requests).
 * - `missing-vary-origin` (low): `Access-Control-Allow-Origin` is the request's own origin, with no
 *   `Vary: Origin`. (`*` never needs it.)
 */
export function responseAdvisories(
  headers: CorsResponseHeaders,
  responseUrl: string,
  requestOrigin: string,
  credentialsMode: CredentialsMode,
  hop: number,
  out: Advisory[],
): void {
  const allowOrigin = headers.allowOrigin;
  if (allowOrigin === null || allowOrigin === '*') return;
  // The server's own statement, whatever this request's mode: it lets this origin read with credentials.
  const allowsCredentials = headers.allowCredentials === 'true';
  const credentialed = credentialsMode === 'include' && allowsCredentials;
  if (allowOrigin === 'null') {
    out.push({ kind: 'null-origin-trusted', severity: 'high', hop, credentials: allowsCredentials });
  }
  if (allowOrigin.startsWith('http:') && responseUrl.startsWith('https:')) {
    out.push({ kind: 'insecure-origin-trusted', severity: credentialed ? 'high' : 'medium', hop, allowOrigin, credentials: allowsCredentials });
  }
  const echoes = allowOrigin === requestOrigin;
  if (echoes && allowsCredentials && allowOrigin !== 'null') {
    out.push({ kind: 'credentials-for-request-origin', severity: 'info', hop, allowOrigin });
  }
  if (echoes && !varyCoversOrigin(headers.vary)) {
    out.push({ kind: 'missing-vary-origin', severity: 'low', hop, allowOrigin, vary: headers.vary });
  }
}

/** Request header names that usually carry secrets. */
const SECRET_HEADER = /^(?:authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token)$/;

/**
 * Advisories about a preflight the browser accepted.
 * - `wildcard-allow-headers-covers-authorization` (medium): Chromium let `Authorization` through on
 *   `Access-Control-Allow-Headers: *`; the standard, Firefox and Safari do not.
 * - `wildcard-allow-headers-with-secrets` (low): `*` allows headers that carry secrets.
 * - `max-age-above-browser-cap` (low): the server asks for longer than the browser whose rules
 *   judged keeps (`rules.preflightMaxAge`: Chromium 7200 s, Firefox 86400 s).
 */
export function preflightAdvisories(
  headers: CorsResponseHeaders,
  unsafeHeaderNames: readonly string[],
  authorizationCoveredByWildcard: boolean,
  rules: Pick<BrowserRules, 'browser' | 'preflightMaxAge'>,
  hop: number,
  out: Advisory[],
): void {
  const allowHeaders = headers.allowHeaders;
  if (authorizationCoveredByWildcard) {
    out.push({ kind: 'wildcard-allow-headers-covers-authorization', severity: 'medium', hop });
  }
  if (allowHeaders !== null && listHas(allowHeadersList(headers) ?? [], '*')) {
    const secrets = unsafeHeaderNames.filter((name) => SECRET_HEADER.test(name) && name !== 'authorization');
    if (secrets.length > 0) {
      out.push({ kind: 'wildcard-allow-headers-with-secrets', severity: 'low', hop, headers: secrets, anyOrigin: headers.allowOrigin === '*' });
    }
  }
  const maxAge = headers.maxAge;
  const { cap, secondsKept } = rules.preflightMaxAge;
  // Kept the cap's length because the value asked for more: not a value the browser reads otherwise.
  if (maxAge !== null && secondsKept(maxAge) === cap && Number(maxAge) > cap) {
    out.push({ kind: 'max-age-above-browser-cap', severity: 'low', hop, maxAge, capSeconds: cap, browser: rules.browser });
  }
}

/**
 * The lines by which a cache says it answered from a stored copy: `X-Cache: Hit from cloudfront`
 * (also Fastly's and Varnish's `HIT`, CloudFront's `RefreshHit`), Cloudflare's `CF-Cache-Status`,
 * nginx's `X-Cache-Status`, Vercel's `X-Vercel-Cache` (HIT, STALE, UPDATING), the standard
 * `Cache-Status: …; hit` (https://www.rfc-editor.org/rfc/rfc9211), and an `Age` above 0
 * (https://httpwg.org/specs/rfc9111.html#field.age: the copy's time in a cache).
 */
export function cacheHitLines(headers: HeaderList): { header: string; value: string }[] {
  const out: { header: string; value: string }[] = [];
  for (const [name, value] of headers) {
    const lower = toAsciiLowerCase(name);
    const hit =
      lower === 'x-cache'
        ? /hit/i.test(value)
        : lower === 'cf-cache-status' || lower === 'x-cache-status' || lower === 'x-vercel-cache'
          ? /^\s*(?:hit|stale|updating)\s*$/i.test(value)
          : lower === 'cache-status'
            ? /;\s*hit\s*(?:[;,]|$)/i.test(value)
            : lower === 'age'
              ? /^\s*\d+\s*$/.test(value) && Number(value) > 0
              : false;
    if (hit) out.push({ header: name, value });
  }
  return out;
}

/** The CDN a response's headers name, for the words on keying its cache. */
function cdnOf(headers: HeaderList): 'cloudfront' | 'cloudflare' | null {
  for (const [name, value] of headers) {
    const lower = toAsciiLowerCase(name);
    if (lower === 'x-amz-cf-id' || lower === 'x-amz-cf-pop' || ((lower === 'x-cache' || lower === 'via') && /cloudfront/i.test(value))) return 'cloudfront';
    if (lower === 'cf-cache-status' || lower === 'cf-ray') return 'cloudflare';
  }
  return null;
}

/**
 * `cached-for-another-origin` (medium), for a response the browser refused because its
 * `Access-Control-Allow-Origin` named another origin: when a cache says it served a stored copy, the
 * copy was most likely made for a request from that origin, and the cache did not tell the two apart
 * (no `Vary: Origin`, or a cache that ignores it). The verdict and its reason stay as they are.
 * https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches
 */
export function cachedForAnotherOriginAdvisory(
  headers: CorsResponseHeaders,
  rawHeaders: HeaderList,
  requestOrigin: string,
  hop: number,
  out: Advisory[],
): void {
  const allowOrigin = headers.allowOrigin;
  if (allowOrigin === null || allowOrigin === requestOrigin || requestOrigin === OPAQUE_ORIGIN) return;
  // Another origin, written as a server writes one for a request from it: not `*`, `null`, a list
  // or a mistyped value (a trailing slash), which no other origin's request would have been given.
  if (urlOrigin(allowOrigin) !== allowOrigin) return;
  const cache = cacheHitLines(rawHeaders);
  if (cache.length === 0) return;
  out.push({ kind: 'cached-for-another-origin', severity: 'medium', hop, allowOrigin, cache, vary: headers.vary, varyOrigin: varyCoversOrigin(headers.vary), cdn: cdnOf(rawHeaders) });
}
