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
  /** The header lists' lines, lower-cased, one string a list; equal lists share one string. */
  headerKeys: readonly string[];
}

/**
 * A header value longer than this is searched by its start only: a cookie or a token can be
 * kilobytes, and 50,000 copies of them would double the panel's memory for text nobody types.
 */
export const SEARCHED_VALUE_LENGTH = 256;

/**
 * One header list as the search matches it: `name: value` lines, lower-cased. Requests of a page
 * repeat their headers (User-Agent, Accept, sec-ch-ua, ...), so equal blocks are held once: the
 * store passes one `HeaderBlocks` for all its entries.
 */
export type HeaderBlocks = (headers: HeaderList) => string;

/** Blocks kept for sharing, at most; past it sharing starts afresh (entries keep their own). */
const SHARED_BLOCKS = 10_000;

export function headerBlocks(): HeaderBlocks {
  const distinct = new Map<string, string>();
  return (headers) => {
    let text = '';
    for (const [name, value] of headers) text += `${name}: ${value.length > SEARCHED_VALUE_LENGTH ? value.slice(0, SEARCHED_VALUE_LENGTH) : value}\n`;
    text = text.toLowerCase();
    const known = distinct.get(text);
    if (known !== undefined) return known;
    if (distinct.size >= SHARED_BLOCKS) distinct.clear();
    distinct.set(text, text);
    return text;
  };
}

/**
 * What a text search can match: the method, every URL visited, the initiator origin, the statuses,
 * the network error and Chromium's own CORS error when known (`searchKeyOf`), and every header line
 * of the request, the preflights and the responses (`headerKeysOf`: `name: value`, so `x-foo` finds
 * the header and `x-foo: 1` its value). Lower-cased once, so a keystroke in the search box is a plain
 * `includes` per string. The row's reason comes from the engine; the store matches it separately
 * (`row-filter.ts`).
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

export function headerKeysOf(captured: CapturedExchange, blocks: HeaderBlocks): string[] {
  const { exchange } = captured;
  const keys = [blocks(exchange.request.headers)];
  for (const hop of exchange.hops) {
    if (hop.preflight) keys.push(blocks(hop.preflight.requestHeaders));
    if (hop.preflight?.response) keys.push(blocks(hop.preflight.response.headers));
    if (hop.response) keys.push(blocks(hop.response.headers));
  }
  return keys.filter((key) => key !== '');
}

export function makeEntry(captured: CapturedExchange, version: number, seq: number, blocks: HeaderBlocks = headerBlocks()): ExchangeEntry {
  const startedAt = captured.exchange.startedAt;
  return {
    id: captured.id,
    captured,
    version,
    seq,
    time: typeof startedAt === 'number' && Number.isFinite(startedAt) ? startedAt : Number.POSITIVE_INFINITY,
    searchKey: searchKeyOf(captured),
    headerKeys: headerKeysOf(captured, blocks),
  };
}
