// The `Sec-Fetch-Site` a browser sends at a later hop of a redirect chain. The capture holds the
// request's headers once, as sent to the first URL; the value is computed again for every hop over
// the whole URL list so far: once any URL of the chain was cross-site it stays cross-site (Chromium
// 156: page → localhost → api sends `cross-site` to api, same site as the page;
// test/scenarios/redirects-from-page.json, redirect-from-page-via-other-to-api). Firefox asks more
// of same-site: an https (or loopback) page and https URLs before (`BrowserRules.secFetchSiteSameSiteNeedsHttps`).

import { type BrowserRules, serializeOrigin } from '../cors/index.ts';

export type SecFetchSite = 'same-origin' | 'same-site' | 'cross-site';

/** Whether two URLs are same site, as far as it can be told without the Public Suffix List. */
export type SameSite = 'yes' | 'no' | 'unknown';

/**
 * https://w3c.github.io/webappsec-fetch-metadata/#abstract-opdef-set-site, for a request of
 * `pageOrigin` whose URL list is `urls` (every hop up to and including the one sent):
 * 1. "Let header's value be same-origin."
 * 3. "For each url in r's url list: if url is same origin with r's origin, continue. Set header's
 *    value to same-site. If url is not same site with r's origin, set it to cross-site and break."
 * `unknown` is set when a URL is on another host of the page's registrable domain as far as the last
 * two labels show (`a.example.com`, `b.example.com`): same site unless that suffix is a public one
 * (`github.io`), which only the Public Suffix List says.
 */
export function secFetchSiteOf(pageOrigin: string, urls: readonly string[], rules?: Pick<BrowserRules, 'secFetchSiteSameSiteNeedsHttps'>): { value: SecFetchSite; unknown: boolean } {
  const page = parseUrl(pageOrigin);
  // A hand-made capture's page origin may be written otherwise (`HTTPS://APP.EXAMPLE`): compared as
  // the browser serializes it.
  const origin = page === null ? pageOrigin : serializeOrigin(pageOrigin);
  if (rules?.secFetchSiteSameSiteNeedsHttps === true) return secureChainSecFetchSite(origin, urls);
  let value: SecFetchSite = 'same-origin';
  let unknown = false;
  for (const url of urls) {
    if (serializeOrigin(url) === origin) continue;
    value = 'same-site';
    const sameSite = page === null ? 'no' : sameSiteAs(page, url);
    if (sameSite === 'no') return { value: 'cross-site', unknown: false };
    if (sameSite === 'unknown') unknown = true;
  }
  return { value, unknown };
}

/**
 * Firefox's (dom/security/SecFetch.cpp, `AddSecFetchSite`): same-origin when every URL so far is
 * same origin with the page; else same-site when the page's origin is https or a loopback host
 * (`localhost`, `127.0.0.1`, `::1`), every URL before the current one is https, and all of them
 * share the current URL's base domain (no scheme compared, `IsSameSite`); else cross-site.
 */
function secureChainSecFetchSite(pageOrigin: string, urls: readonly string[]): { value: SecFetchSite; unknown: boolean } {
  if (urls.every((url) => serializeOrigin(url) === pageOrigin)) return { value: 'same-origin', unknown: false };
  const page = parseUrl(pageOrigin);
  const current = parseUrl(urls[urls.length - 1] ?? '');
  if (page === null || current === null || !(page.protocol === 'https:' || isLoopbackHost(page.hostname))) return { value: 'cross-site', unknown: false };
  const before = urls.slice(0, -1).map(parseUrl);
  if (before.some((url) => url === null || url.protocol !== 'https:')) return { value: 'cross-site', unknown: false };
  let unknown = false;
  for (const url of [page, ...(before as URL[])]) {
    const same = sameSiteHosts(url.hostname, current.hostname);
    if (same === 'no') return { value: 'cross-site', unknown: false };
    if (same === 'unknown') unknown = true;
  }
  return { value: 'same-site', unknown };
}

/** `nsMixedContentBlocker::IsPotentiallyTrustworthyLoopbackHost`: a loopback name or address. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
}

/** Whether `url` is same site with the page's origin (schemeful), `unknown` where only the Public Suffix List tells. */
export function sameSiteWithPage(pageOrigin: string, url: string): SameSite {
  const page = parseUrl(pageOrigin);
  return page === null ? 'no' : sameSiteAs(page, url);
}

/**
 * https://html.spec.whatwg.org/multipage/browsers.html#same-site (schemeful): the same scheme, and
 * the same host or the same registrable domain (`sameSiteHosts`).
 */
function sameSiteAs(page: URL, url: string): SameSite {
  const other = parseUrl(url);
  if (other === null || other.protocol !== page.protocol) return 'no';
  return sameSiteHosts(page.hostname, other.hostname);
}

/**
 * The same host or the same registrable domain. A registrable domain is the public suffix and one
 * label more, so hosts whose last two labels differ never share one; an IP address or a one-label
 * name (`localhost`) has none, and is its own site.
 */
function sameSiteHosts(a: string, b: string): SameSite {
  if (a === b) return 'yes';
  if (isIpAddress(a) || isIpAddress(b)) return 'no';
  // A host ending in a dot (`x.com.`) is another host than without it, and its last label is the
  // empty one: `x.com.` and `y.com.` share `com.`, not a registrable domain (session 30 read them as
  // maybe same site).
  if (a.endsWith('.') !== b.endsWith('.')) return 'no';
  const la = a.replace(/\.$/, '').split('.');
  const lb = b.replace(/\.$/, '').split('.');
  if (la.length < 2 || lb.length < 2) return 'no';
  return la.slice(-2).join('.') === lb.slice(-2).join('.') ? 'unknown' : 'no';
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The URL parser's serialization of an IPv4 or IPv6 host. */
function isIpAddress(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}
