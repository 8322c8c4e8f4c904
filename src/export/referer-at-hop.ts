// Shared by the curl export and the HAR export, which both write each redirect hop as it was sent.

import { urlOrigin } from '../cors/index.ts';

/**
 * The Referer the browser sent at a later hop: https://fetch.spec.whatwg.org/#main-fetch runs again
 * for each redirect and determines the referrer again, under the page's referrer policy
 * (https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer). The captured value
 * is the first URL's; when that URL was the referrer's own origin (so the full URL went there), a
 * hop on another origin gets what the default policy, `strict-origin-when-cross-origin`, sends:
 * the origin alone, or nothing from https to http. Otherwise the captured value already is what
 * the page's policy sends across origins, and stays.
 */
export function refererAtHop(referer: string, firstUrl: string, hopUrl: string): string | null {
  const from = urlOrigin(referer);
  if (from === null || from !== urlOrigin(firstUrl) || from === urlOrigin(hopUrl)) return referer;
  if (from.startsWith('https:') && hopUrl.toLowerCase().startsWith('http:')) return null;
  return `${from}/`;
}
