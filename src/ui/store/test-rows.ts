// Rows for the tests of the list's order (order.test.ts) and filter (row-filter.test.ts).

import type { CapturedExchange } from '../protocol.ts';
import { makeEntry, type ExchangeEntry } from './entry.ts';
import type { Classify, RowClass } from './order.ts';

function entry(id: string, url: string, startedAt: number | undefined, seq: number): ExchangeEntry {
  const captured: CapturedExchange = {
    id,
    source: 'webRequest',
    exchange: { request: { method: 'GET', headers: [] }, hops: [{ url, response: null }], ...(startedAt === undefined ? {} : { startedAt }) },
  };
  return makeEntry(captured, 1, seq);
}

// The verdict of each test exchange is spelled in its id: `blocked-1`, `allowed-pf-2` (preflighted).
export const classify: Classify = (e) => {
  const verdict = e.id.split('-')[0] === 'network' ? 'network-error' : (e.id.split('-')[0] as RowClass['verdict']);
  return { verdict, preflighted: e.id.includes('-pf') };
};

export const entries = [
  entry('allowed-1', 'https://a.example/one', 100, 0),
  entry('blocked-pf-2', 'https://b.example/two', 200, 1),
  entry('network-3', 'https://c.example/three', 50, 2),
  entry('blocked-4', 'https://b.example/four', 10, 3),
  entry('pending-5', 'https://a.example/five', undefined, 4),
  entry('allowed-pf-6', 'https://a.example/six', 200, 5),
];
export const ids = (list: readonly ExchangeEntry[]): string[] => list.map((e) => e.id);
