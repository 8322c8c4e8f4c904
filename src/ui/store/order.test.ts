import { describe, expect, it } from 'vitest';
import { sortEntries } from './order.ts';
import { classify, entries, ids } from './test-rows.ts';

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
