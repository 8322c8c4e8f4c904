// A request its failed preflight kept off the wire: the capture (web-request.ts) knows only the
// header names the preflight listed in Access-Control-Request-Headers, each with an empty value.
// Every export that writes such a request says so, in these words: the curl and fetch() exports
// (which add what to do before running it) and the HAR export (a comment on the entry's request).

import type { HeaderList, ObservedExchange } from '../cors/index.ts';

/** What the export's empty values are. Holds no captured text (no header name), so it needs no escaping anywhere. */
export const VALUES_NOT_CAPTURED = 'The browser never sent this request (its preflight failed), and the capture saw only the header names the preflight listed: their values are empty here.';

/** For a command to run: what to do about them. */
export const PUT_IN_VALUES = 'Put in the values the page sets before running it.';

/**
 * Whether `headers` (the request's as the export writes them at the first hop) hold values the
 * capture never saw: the preflight failed, so no response came, and a line other than `Origin`
 * (which the preflight's own Origin gives) is empty. (In a HAR of such a request, a line is empty
 * only where the page set it so: the note then asks to check a value that was in fact empty.)
 */
export function valuesNotCaptured(exchange: ObservedExchange, headers: HeaderList): boolean {
  const first = exchange.hops[0];
  if (first === undefined || first.preflight === undefined || first.response !== null) return false;
  return headers.some(([name, value]) => value === '' && name.toLowerCase() !== 'origin');
}
