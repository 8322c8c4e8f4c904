// The lines the browser writes again at each redirect hop, besides `Origin` and `Cookie`: the
// capture holds the request's headers once, as sent to the first URL, and a HAR that repeated them
// on a later hop would show the first server's `Host` and the first URL's `Sec-Fetch-Site` and
// `Referer` (Chromium 156 sent page → api `Host: <api>` and `Sec-Fetch-Site: same-site`;
// `Sec-Fetch-Storage-Access` only at hops on another site than the page's, storage-access-at-hop.ts;
// test/conformance/har-export-cookie.test.ts). A line the capture does not have is not added.

import { browserRules, type HeaderList } from '../cors/index.ts';
import { refererAtHop } from './referer-at-hop.ts';
import { storageAccessAtHop } from './storage-access-at-hop.ts';
import { secFetchSiteOf } from './sec-fetch-site.ts';

/**
 * `headers` as the browser sent them at the last of `urls` (every hop up to it), for a page of
 * `pageOrigin` (undefined or `null` when the capture does not say: `Sec-Fetch-Site` stays).
 * `Sec-Fetch-Site` follows the rules of `browser`, the one that sent the request (Chromium's when
 * not given): Firefox sends `cross-site` where Chromium sends `same-site` after a redirect on an
 * http page (`BrowserRules.secFetchSiteSameSiteNeedsHttps`).
 */
export function networkHeadersAtHop(headers: HeaderList, urls: readonly string[], pageOrigin: string | null | undefined, browser: 'chromium' | 'firefox' = 'chromium'): HeaderList {
  if (urls.length <= 1) return headers;
  const url = urls[urls.length - 1]!;
  // https://fetch.spec.whatwg.org/#http-network-or-cache-fetch: the `Host` is the URL's host (and
  // port when not the scheme's default), as `URL.host` writes it.
  const host = hostOf(url);
  const site = typeof pageOrigin === 'string' && pageOrigin !== 'null' ? secFetchSiteOf(pageOrigin, urls, browserRules(browser)).value : undefined;
  const out: [string, string][] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'host' && host !== null) out.push([name, host]);
    else if (lower === 'sec-fetch-site' && site !== undefined) out.push([name, site]);
    else if (lower === 'sec-fetch-storage-access') {
      const storageAccess = storageAccessAtHop(value, urls, pageOrigin);
      if (storageAccess !== null) out.push([name, storageAccess]);
    }
    else if (lower === 'referer') {
      const referer = refererAtHop(value, urls[0]!, url);
      if (referer !== null) out.push([name, referer]);
    } else out.push([name, value]);
  }
  return out;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
