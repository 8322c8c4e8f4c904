// The fetch() call a page-side fix prints: the page's own call, changed only where the fix says.
// https://fetch.spec.whatwg.org/#dom-requestinit-credentials

import { jsString } from '../escape.ts';

/**
 * `fetch(url, { …options, credentials: 'include' })`: a credentialed request stays credentialed
 * (dropping it would make the fix "work" by sending no cookies, which is another request).
 */
export function fetchCall(url: string, options: readonly string[], credentials: boolean): string {
  const all = [...options, ...(credentials ? ["credentials: 'include'"] : [])];
  return all.length === 0 ? `fetch(${jsString(url)})` : `fetch(${jsString(url)}, { ${all.join(', ')} })`;
}
