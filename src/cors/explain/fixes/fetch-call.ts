// The fetch() call a page-side fix prints: the page's own call, changed only where the fix says.
// https://fetch.spec.whatwg.org/#dom-requestinit-credentials

import type { CredentialsMode } from '../../exchange.ts';
import { jsString } from '../escape.ts';

/**
 * `fetch(url, { …options, credentials })` with the page's credentials mode kept: a credentialed
 * request stays credentialed (dropping it would make the fix "work" by sending no cookies, which is
 * another request), and one that left them out on purpose (`'omit'`) keeps leaving them out. The
 * default, `'same-origin'`, is not written.
 */
export function fetchCall(url: string, options: readonly string[], credentials: CredentialsMode): string {
  const all = [...options, ...(credentials === 'same-origin' ? [] : [`credentials: '${credentials}'`])];
  return all.length === 0 ? `fetch(${jsString(url)})` : `fetch(${jsString(url)}, { ${all.join(', ')} })`;
}
