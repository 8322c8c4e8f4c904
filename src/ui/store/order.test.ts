import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../protocol.ts';
import { makeEntry, type ExchangeEntry } from './entry.ts';
import { filterEntries, NO_FILTERS, sortEntries, type Classify, type RowClass } from './order.ts';

function entry(id: string, url: string, startedAt: number | undefined, seq: number): ExchangeEntry {
  const captured: CapturedExchange = {
    id,
    source: 'webRequest',
    exchange: { request: { method: 'GET', headers: [] }, hops: [{ url, response: null }], ...(startedAt === undefined ? {} : { startedAt }) },
  };
  return makeEntry(captured, 1, seq);
}

// The verdict of each test exchange is spelled in its id: `blocked-1`, `allowed-pf-2` (preflighted).
const classify: Classify = (e) => {
  const verdict = e.id.split('-')[0] === 'network' ? 'network-error' : (e.id.split('-')[0] as RowClass['verdict']);
  return { verdict, preflighted: e.id.includes('-pf') };
};

const entries = [
  entry('allowed-1', 'https://a.example/one', 100, 0),
  entry('blocked-pf-2', 'https://b.example/two', 200, 1),
  entry('network-3', 'https://c.example/three', 50, 2),
  entry('blocked-4', 'https://b.example/four', 10, 3),
  entry('pending-5', 'https://a.example/five', undefined, 4),
  entry('allowed-pf-6', 'https://a.example/six', 200, 5),
];
const ids = (list: readonly ExchangeEntry[]): string[] => list.map((e) => e.id);

describe('sortEntries', () => {
  it('time order: by start time, ties by arrival, unknown times last', () => {
    expect(ids(sortEntries(entries, 'time', classify))).toEqual(['blocked-4', 'network-3', 'allowed-1', 'blocked-pf-2', 'allowed-pf-6', 'pending-5']);
  });
  it('failures first: blocked, network errors, pending, allowed; time order within each', () => {
    expect(ids(sortEntries(entries, 'failures-first', classify))).toEqual(['blocked-4', 'blocked-pf-2', 'network-3', 'pending-5', 'allowed-1', 'allowed-pf-6']);
  });
  it('does not reorder its input', () => {
    const before = ids(entries);
    sortEntries(entries, 'failures-first', classify);
    expect(ids(entries)).toEqual(before);
  });
});

describe('filterEntries', () => {
  const sorted = sortEntries(entries, 'time', classify);
  it.each([
    ['no filter keeps all', NO_FILTERS, ['blocked-4', 'network-3', 'allowed-1', 'blocked-pf-2', 'allowed-pf-6', 'pending-5']],
    ['blocked only', { ...NO_FILTERS, blockedOnly: true }, ['blocked-4', 'blocked-pf-2']],
    ['preflighted', { ...NO_FILTERS, preflightedOnly: true }, ['blocked-pf-2', 'allowed-pf-6']],
    ['blocked and preflighted', { blockedOnly: true, preflightedOnly: true, text: '' }, ['blocked-pf-2']],
    ['text, case-insensitive', { ...NO_FILTERS, text: 'B.EXAMPLE' }, ['blocked-4', 'blocked-pf-2']],
    ['every word must match', { ...NO_FILTERS, text: '  a.example   si ' }, ['allowed-pf-6']],
    ['text and blocked only', { ...NO_FILTERS, blockedOnly: true, text: 'four' }, ['blocked-4']],
    ['text matching nothing', { ...NO_FILTERS, text: 'zzz' }, []],
  ] as const)('%s', (_name, filters, expected) => {
    expect(ids(filterEntries(sorted, filters, classify))).toEqual(expected);
  });

  it('does not classify when only text is filtered (the engine stays lazy)', () => {
    let calls = 0;
    filterEntries(sorted, { ...NO_FILTERS, text: 'example' }, (e) => {
      calls++;
      return classify(e);
    });
    expect(calls).toBe(0);
  });
});
