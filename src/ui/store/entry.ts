// One exchange as the panel keeps it: what the capture side sent, plus what the list needs to sort
// and search 50,000 of them without touching the engine.

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
 * What a text search can match: the method, every URL visited, the initiator origin, the statuses,
 * the network error and Chromium's own CORS error when known. Lower-cased once, so a keystroke in
 * the search box is a plain `includes` per exchange.
 */
export function searchKeyOf(captured: CapturedExchange): string {
  const { exchange } = captured;
  const parts: string[] = [exchange.request.method, exchange.request.initiatorOrigin ?? ''];
  for (const hop of exchange.hops) {
    parts.push(hop.url);
    if (hop.preflight?.response) parts.push(String(hop.preflight.response.status));
    if (hop.response) parts.push(String(hop.response.status));
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
