// Which exchanges an export is about: the cross-origin ones (a same-origin request has nothing CORS
// to explain), optionally only those whose URL contains some text.

import { type ObservedExchange, serializeOrigin } from '../cors/index.ts';

/**
 * Whether any hop left the page's origin. https://html.spec.whatwg.org/multipage/browsers.html#same-origin
 * An exchange whose page origin is unknown counts as cross-origin: better shown than hidden.
 */
export function isCrossOriginExchange(exchange: ObservedExchange): boolean {
  const origin = exchange.request.initiatorOrigin;
  if (typeof origin !== 'string') return true;
  return exchange.hops.some((hop) => serializeOrigin(hop.url) !== origin);
}

/** Whether the URL the page asked for, or any later hop's, contains `text` (case-sensitive, as typed). */
export function urlContains(exchange: ObservedExchange, text: string): boolean {
  return exchange.hops.some((hop) => hop.url.includes(text));
}
