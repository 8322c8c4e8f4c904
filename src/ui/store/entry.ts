// One exchange as the panel keeps it: what the capture side sent, plus what the list needs to sort
// and search 50,000 of them without touching the engine.

import type { HeaderList } from '../../cors/index.ts';
import type { CapturedExchange } from '../protocol.ts';

export interface ExchangeEntry {
  id: string;
  captured: CapturedExchange;
  /** Bumped on every upsert of this id: the key, with `id`, under which diagnoses are memoized. */
  version: number;
  /** Arrival order within this capture; breaks ties in time order. */
  seq: number;
  /** `exchange.startedAt`, or +Infinity when unknown (such exchanges sort last in time order). */
  time: number;
  /** Lower-cased text a search matches against, computed once per version. */
  searchKey: string;
}

/**
 * A header value longer than this is searched by its start only: a cookie or a token can be
 * kilobytes, and 50,000 copies of them would double the panel's memory for text nobody types.
 */
export const SEARCHED_VALUE_LENGTH = 256;

function pushHeaders(parts: string[], headers: HeaderList): void {
  for (const [name, value] of headers) parts.push(`${name}: ${value.length > SEARCHED_VALUE_LENGTH ? value.slice(0, SEARCHED_VALUE_LENGTH) : value}`);
}

/**
 * What a text search can match: the method, every URL visited, the initiator origin, the statuses,
 * the network error, Chromium's own CORS error when known, and every header line of the request,
 * the preflights and the responses (`name: value`, so `x-foo` finds the header and `x-foo: 1` its
 * value). Lower-cased once, so a keystroke in the search box is a plain `includes` per exchange.
 * The row's reason comes from the engine; the store matches it separately (`row-filter.ts`).
 */
export function searchKeyOf(captured: CapturedExchange): string {
  const { exchange } = captured;
  const parts: string[] = [exchange.request.method, exchange.request.initiatorOrigin ?? ''];
  pushHeaders(parts, exchange.request.headers);
  for (const hop of exchange.hops) {
    parts.push(hop.url);
    if (hop.preflight) pushHeaders(parts, hop.preflight.requestHeaders);
    if (hop.preflight?.response) {
      parts.push(String(hop.preflight.response.status));
      pushHeaders(parts, hop.preflight.response.headers);
    }
    if (hop.response) {
      parts.push(String(hop.response.status));
      pushHeaders(parts, hop.response.headers);
    }
  }
  if (exchange.errorText) parts.push(exchange.errorText);
  if (exchange.browserVerdict) parts.push(exchange.browserVerdict.corsError);
  return parts.join('\n').toLowerCase();
}

export function makeEntry(captured: CapturedExchange, version: number, seq: number): ExchangeEntry {
  const startedAt = captured.exchange.startedAt;
  return {
    id: captured.id,
    captured,
    version,
    seq,
    time: typeof startedAt === 'number' && Number.isFinite(startedAt) ? startedAt : Number.POSITIVE_INFINITY,
    searchKey: searchKeyOf(captured),
  };
}
