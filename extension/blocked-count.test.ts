import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../src/ui/protocol.ts';
import { badgeText, BlockedCounts } from './blocked-count.ts';

const PAGE = 'http://127.0.0.1:5000';

/** A finished GET from PAGE to the API; blocked when the response lacks Access-Control-Allow-Origin. */
function get(id: string, allowOrigin: string | null, pending = false): CapturedExchange {
  return {
    id,
    source: 'webRequest',
    ...(pending ? { pending } : {}),
    exchange: {
      request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors', credentialsMode: 'same-origin' },
      hops: [{ url: `http://127.0.0.1:6000/${id}`, response: { status: 200, headers: allowOrigin === null ? [] : [['Access-Control-Allow-Origin', allowOrigin]] } }],
      errorText: allowOrigin === null ? 'net::ERR_FAILED' : undefined,
    },
  } as CapturedExchange;
}

describe('BlockedCounts', () => {
  it('counts each blocked exchange once, follows it when it changes, and forgets a tab', () => {
    const counts = new BlockedCounts();
    counts.update(1, [get('a', null), get('b', PAGE), get('c', null, true)]);
    expect(counts.count(1)).toBe(1);
    // The same exchange again: no change. The one in flight finishes blocked: one more.
    counts.update(1, [get('a', null)]);
    expect(counts.count(1)).toBe(1);
    counts.update(1, [get('c', null)]);
    expect(counts.count(1)).toBe(2);
    // Replaced by an allowed version of it (e.g. precise mode's verdict): one less.
    counts.update(1, [get('a', PAGE)]);
    expect(counts.count(1)).toBe(1);
    expect(counts.count(2)).toBe(0);
    counts.forget(1);
    expect(counts.count(1)).toBe(0);
  });

  it('counts the latest version of each exchange changed since the last count, whatever came between', () => {
    const counts = new BlockedCounts();
    // Between two counts: in flight, then blocked; blocked, then allowed (precise mode); allowed, then blocked.
    counts.update(1, [get('a', null, true), get('b', null), get('c', PAGE)]);
    counts.update(1, [get('a', null), get('b', PAGE)]);
    counts.update(1, [get('c', null)]);
    expect(counts.count(1)).toBe(2);
    // Changes of a forgotten tab (its capture cleared) are not counted after it.
    counts.update(1, [get('d', null)]);
    counts.forget(1);
    counts.update(1, [get('e', null)]);
    expect(counts.count(1)).toBe(1);
  });

  it('writes the badge short', () => {
    expect([0, 7, 999, 1000].map(badgeText)).toEqual(['', '7', '999', '999+']);
  });
});
