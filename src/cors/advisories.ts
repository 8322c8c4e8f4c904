// Working but dangerous CORS configurations. Nothing here changes a verdict; each advisory is data
// for the wording layer.

import type { Advisory } from './diagnosis.ts';
import type { CredentialsMode } from './exchange.ts';
import { allowHeadersList, type CorsResponseHeaders } from './response-headers.ts';
import { CHROMIUM_MAX_AGE_CAP } from './max-age.ts';
import { listHas, parseAllowList } from './allow-list.ts';

/** Whether a `Vary` value names `Origin` (or is `*`). https://httpwg.org/specs/rfc9110.html#field.vary */
export function varyCoversOrigin(vary: string | null): boolean {
  if (vary === null) return false;
  const names = parseAllowList(vary, true);
  if (names === null) return vary.toLowerCase().indexOf('origin') !== -1;
  return listHas(names, 'origin') || listHas(names, '*');
}

/**
 * Advisories about the response the browser accepted (the final hop of an allowed exchange).
 * - `null-origin-trusted` (high): `Access-Control-Allow-Origin: null` was accepted; any sandboxed
 *   iframe or data: document can send `Origin: null`.
 * - `insecure-origin-trusted`: an `http:` origin is trusted by an `https:` server (high with
 *   credentials: a network attacker can forge that origin's requests).
 * - `reflected-origin-with-credentials` (medium): the origin is echoed with credentials allowed and
 *   nothing (no `Vary: Origin`) suggests it was checked against an allow-list.
 * - `missing-vary-origin` (low): a specific origin without `Vary: Origin`; shared caches may serve
 *   this response to another origin.
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
  const credentialed = credentialsMode === 'include' && headers.allowCredentials === 'true';
  if (allowOrigin === 'null') {
    out.push({ kind: 'null-origin-trusted', severity: 'high', hop, header: 'access-control-allow-origin', value: allowOrigin });
  }
  if (allowOrigin.startsWith('http:') && responseUrl.startsWith('https:')) {
    out.push({ kind: 'insecure-origin-trusted', severity: credentialed ? 'high' : 'medium', hop, header: 'access-control-allow-origin', value: allowOrigin });
  }
  const varyOrigin = varyCoversOrigin(headers.vary);
  if (credentialed && allowOrigin === requestOrigin && !varyOrigin && allowOrigin !== 'null') {
    out.push({ kind: 'reflected-origin-with-credentials', severity: 'medium', hop, header: 'access-control-allow-origin', value: allowOrigin });
  }
  if (!varyOrigin) {
    out.push({ kind: 'missing-vary-origin', severity: 'low', hop, header: 'vary', value: headers.vary ?? '' });
  }
}

/** Request header names that usually carry secrets. */
const SECRET_HEADER = /^(?:authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token)$/;

/**
 * Advisories about a preflight the browser accepted.
 * - `wildcard-allow-headers-covers-authorization` (medium): Chromium let `Authorization` through on
 *   `Access-Control-Allow-Headers: *`; the standard, Firefox and Safari do not.
 * - `wildcard-allow-headers-with-secrets` (low): `*` allows headers that carry secrets.
 * - `max-age-above-browser-cap` (low): the server asks for longer than Chromium keeps (7200 s).
 */
export function preflightAdvisories(
  headers: CorsResponseHeaders,
  unsafeHeaderNames: readonly string[],
  authorizationCoveredByWildcard: boolean,
  chromiumSeconds: number,
  hop: number,
  out: Advisory[],
): void {
  const allowHeaders = headers.allowHeaders;
  if (authorizationCoveredByWildcard) {
    out.push({ kind: 'wildcard-allow-headers-covers-authorization', severity: 'medium', hop, header: 'access-control-allow-headers', value: allowHeaders ?? '' });
  }
  if (allowHeaders !== null && listHas(allowHeadersList(headers) ?? [], '*')) {
    const secret = unsafeHeaderNames.find((name) => SECRET_HEADER.test(name) && name !== 'authorization');
    if (secret !== undefined) {
      out.push({ kind: 'wildcard-allow-headers-with-secrets', severity: 'low', hop, header: 'access-control-allow-headers', value: secret });
    }
  }
  const maxAge = headers.maxAge;
  if (maxAge !== null && chromiumSeconds >= 7200 && Number(maxAge) > CHROMIUM_MAX_AGE_CAP) {
    out.push({ kind: 'max-age-above-browser-cap', severity: 'low', hop, header: 'access-control-max-age', value: maxAge });
  }
}
