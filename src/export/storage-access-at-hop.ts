// The `Sec-Fetch-Storage-Access` line at a later redirect hop
// (https://privacycg.github.io/storage-access-headers/). Chromium 156 and Firefox ESR 153 send it, `none` when the page
// holds no storage access, on a request whose credentials mode is `include` to a URL of another site
// than the page's (schemeful), at each hop on its own: not on the preflight, not at a hop back on the
// page's site, and none at all with `same-origin` or `omit` credentials. Seen at every hop, as the
// servers received it and as DevTools logged it: test/conformance/har-export-storage-access.test.ts
// (127.0.0.1 page → localhost: added at localhost; localhost → 127.0.0.1: gone at 127.0.0.1; the
// page's host on another port: never), and Firefox the same both ways
// (test/conformance/firefox-har-export-sec-fetch-site.test.ts). The capture holds the first hop's line only.

import type { CredentialsMode } from '../cors/index.ts';
import { sameSiteWithPage } from './sec-fetch-site.ts';

/**
 * The line's value at the last of `urls` (every hop up to it) for a page of `pageOrigin`, given the
 * first hop's (`captured`): that value at a hop on another site than the page's, none (null) at a hop
 * on the page's site (or, as `Sec-Fetch-Site` reads it, maybe on it: `storageAccessSiteUnknown`).
 * Unchanged where the page's origin is not known. A first hop without the line says nothing of the
 * later ones: `storageAccessNotShown` tells where the browser may have sent one.
 *
 * `active` and `inactive` say the page was granted storage access for the first hop's site: a
 * grant is the embedded site's under the top-level site (the Storage Access API's permission key),
 * and the draft computes the status again for each request's URL, so at a hop on yet another site
 * the browser sends `none`. Assumed: the page holds no grant for that site too (with one it sends
 * `inactive`, which the capture cannot tell); WPT storage-access-headers.tentative "loses value on a
 * cross-site redirection" checks the same for a hop back on the page's site. `none` stays `none`.
 * Not done: `active` turning `inactive` at another origin of the first hop's site (WPT "is not
 * 'active' after cross-origin same-site redirection", which Firefox's expectations mark failing).
 */
export function storageAccessAtHop(captured: string | undefined, urls: readonly string[], pageOrigin: string | null | undefined): string | null {
  if (captured === undefined) return null;
  if (urls.length <= 1 || typeof pageOrigin !== 'string' || pageOrigin === 'null') return captured;
  const url = urls[urls.length - 1]!;
  if (sameSiteWithPage(pageOrigin, url) !== 'no') return null;
  const granted = /^\s*(active|inactive)\s*$/i.test(captured);
  return granted && sameSiteWithPage(urls[0]!, url) === 'no' ? 'none' : captured;
}

/**
 * Whether the captured line is left out at the last of `urls` because only the Public Suffix List
 * could tell whether that hop is on the page's site (the browser sent it there if not): the export
 * says so rather than leave it out silently.
 */
export function storageAccessSiteUnknown(capturedLine: boolean, urls: readonly string[], pageOrigin: string | null | undefined): boolean {
  if (!capturedLine || urls.length <= 1 || typeof pageOrigin !== 'string' || pageOrigin === 'null') return false;
  return sameSiteWithPage(pageOrigin, urls[urls.length - 1]!) === 'unknown';
}

/**
 * Whether the browser may have sent a line the capture does not show at the last of `urls`: the first
 * hop, on the page's site, had none (nor would it have had one), this hop is on another site, and
 * the credentials mode is `include` or not captured. Its value (`none`, or `inactive`/`active` where
 * the page was granted storage access) is not known, so the export writes none and says so.
 */
export function storageAccessNotShown(capturedLine: boolean, urls: readonly string[], pageOrigin: string | null | undefined, mode: CredentialsMode | undefined): boolean {
  if (capturedLine || urls.length <= 1 || typeof pageOrigin !== 'string' || pageOrigin === 'null') return false;
  if (mode === 'omit' || mode === 'same-origin') return false;
  return sameSiteWithPage(pageOrigin, urls[0]!) !== 'no' && sameSiteWithPage(pageOrigin, urls[urls.length - 1]!) === 'no';
}
