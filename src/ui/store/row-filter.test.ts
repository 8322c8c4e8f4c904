import { describe, expect, it } from 'vitest';
import { sortEntries } from './order.ts';
import { filterEntries, NO_FILTERS } from './row-filter.ts';
import { classify, entries, ids } from './test-rows.ts';

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
