// A CDN in front that answered a request itself, instead of passing on the server's answer: the
// fix is then the CDN's configuration, not the app's CORS or auth. As data (a kind), worded in
// reason-text.ts.

import type { HeaderList } from '../../exchange.ts';
import { headerLinesJoined } from '../../header-list.ts';

/**
 * `cloudfront-refused`: CloudFront's own error (X-Cache: Error from cloudfront), as it answers a
 * method its cache behavior does not allow (403).
 * `cloudflare-origin-error`: Cloudflare's 52x, which it sends when the origin behind it gave no
 * usable answer (https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/).
 * `cloudflare-challenge`: a Cloudflare security rule answered (cf-mitigated: challenge).
 */
export type EdgeAnswer = 'cloudfront-refused' | 'cloudflare-origin-error' | 'cloudflare-challenge';

/** Lines only an origin behind CloudFront writes. */
const ORIGIN_SIGNS = ['x-amz-request-id', 'x-amz-id-2', 'x-powered-by', 'www-authenticate'];

export function edgeAnswer(headers: HeaderList | undefined, status: number): EdgeAnswer | null {
  if (headers === undefined || status < 400) return null;
  // CloudFront writes `X-Cache: Error from cloudfront` on every error it passes on too (S3's 403
  // AccessDenied, the app's 401): only its own answer says `Server: CloudFront` and carries nothing
  // of an origin's (S3's request id, an app's X-Powered-By or its auth challenge).
  if (/^error from cloudfront$/i.test(headerLinesJoined(headers, 'x-cache')?.trim() ?? '')) {
    const own = /^cloudfront$/i.test(headerLinesJoined(headers, 'server')?.trim() ?? '') && !ORIGIN_SIGNS.some((name) => headerLinesJoined(headers, name) !== null);
    return own ? 'cloudfront-refused' : null;
  }
  if (!/^cloudflare$/i.test(headerLinesJoined(headers, 'server')?.trim() ?? '')) return null;
  if (status >= 520 && status <= 530) return 'cloudflare-origin-error';
  if (/^challenge$/i.test(headerLinesJoined(headers, 'cf-mitigated')?.trim() ?? '')) return 'cloudflare-challenge';
  return null;
}
