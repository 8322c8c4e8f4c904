import { describe, expect, it } from 'vitest';
import { sortEntries } from './order.ts';
import { filterEntries, NO_FILTERS, reasonKeys } from './row-filter.ts';
import { classify, entries, ids } from './test-rows.ts';

describe('filterEntries', () => {
  const sorted = sortEntries(entries, 'time', classify);
  it.each([
    ['no filter keeps all', NO_FILTERS, ['blocked-4', 'network-3', 'allowed-1', 'blocked-pf-2', 'allowed-pf-6', 'pending-5']],
    ['blocked only', { ...NO_FILTERS, blockedOnly: true }, ['blocked-4', 'blocked-pf-2']],
    ['preflighted', { ...NO_FILTERS, preflightedOnly: true }, ['blocked-pf-2', 'allowed-pf-6']],
    ['blocked and preflighted', { ...NO_FILTERS, blockedOnly: true, preflightedOnly: true }, ['blocked-pf-2']],
    ['text, case-insensitive', { ...NO_FILTERS, text: 'B.EXAMPLE' }, ['blocked-4', 'blocked-pf-2']],
    ['every word must match', { ...NO_FILTERS, text: '  a.example   si ' }, ['allowed-pf-6']],
    ['text and blocked only', { ...NO_FILTERS, blockedOnly: true, text: 'four' }, ['blocked-4']],
    ['text matching nothing', { ...NO_FILTERS, text: 'zzz' }, []],
  ] as const)('%s', (_name, filters, expected) => {
    expect(ids(filterEntries(sorted, filters, classify))).toEqual(expected);
  });

  it('keeps the rows of one cause, with the other filters', () => {
    const causeKey = (e: { id: string }): string | null => (e.id.startsWith('blocked') ? `cause-${e.id.endsWith('4') ? 'a' : 'b'}` : null);
    expect(ids(filterEntries(sorted, { ...NO_FILTERS, cause: 'cause-a' }, classify, undefined, causeKey))).toEqual(['blocked-4']);
    expect(ids(filterEntries(sorted, { ...NO_FILTERS, cause: 'cause-b' }, classify, undefined, causeKey))).toEqual(['blocked-pf-2']);
    expect(ids(filterEntries(sorted, { ...NO_FILTERS, cause: 'cause-b', text: 'four' }, classify, undefined, causeKey))).toEqual([]);
    expect(ids(filterEntries(sorted, { ...NO_FILTERS, cause: 'cause-z' }, classify, undefined, causeKey))).toEqual([]);
  });

  it('does not classify when only text is filtered (the engine stays lazy)', () => {
    let calls = 0;
    filterEntries(sorted, { ...NO_FILTERS, text: 'example' }, (e) => {
      calls++;
      return classify(e);
    });
    expect(calls).toBe(0);
  });

  describe("the row's reason", () => {
    const reasons: Record<string, string> = { 'blocked-pf-2': 'Header X-Foo not allowed by preflight', 'blocked-4': 'No Access-Control-Allow-Origin header' };
    const reason = (e: { id: string }): string => reasons[e.id] ?? 'Allowed';

    it.each([
      ['a header name in a reason, any case', 'x-foo', ['blocked-pf-2']],
      ['reason words and URL words together', 'allow-origin four', ['blocked-4']],
      ['a word in neither', 'x-foo four', []],
    ] as const)('matches %s', (_name, text, expected) => {
      expect(ids(filterEntries(sorted, { ...NO_FILTERS, text }, classify, reasonKeys(reason)))).toEqual(expected);
    });

    it('asks for a reason once per exchange, and only where the search key did not match', () => {
      const asked: string[] = [];
      const key = reasonKeys((e) => {
        asked.push(e.id);
        return reason(e);
      });
      filterEntries(sorted, { ...NO_FILTERS, text: 'b.example' }, classify, key);
      // The two b.example rows matched their search key: only the four others needed a reason.
      expect(asked.sort()).toEqual(['allowed-1', 'allowed-pf-6', 'network-3', 'pending-5']);
      filterEntries(sorted, { ...NO_FILTERS, text: 'zzz' }, classify, key);
      filterEntries(sorted, { ...NO_FILTERS, text: 'zzzz' }, classify, key);
      expect(asked).toHaveLength(6);
    });
  });
});
