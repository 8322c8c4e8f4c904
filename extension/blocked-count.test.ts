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
    expect(counts.update(1, [get('a', null), get('b', PAGE), get('c', null, true)])).toBe(true);
    expect(counts.count(1)).toBe(1);
    // The same exchange again: no change. The one in flight finishes blocked: one more.
    expect(counts.update(1, [get('a', null)])).toBe(false);
    expect(counts.update(1, [get('c', null)])).toBe(true);
    expect(counts.count(1)).toBe(2);
    // Replaced by an allowed version of it (e.g. precise mode's verdict): one less.
    expect(counts.update(1, [get('a', PAGE)])).toBe(true);
    expect(counts.count(1)).toBe(1);
    expect(counts.count(2)).toBe(0);
    expect(counts.forget(1)).toBe(true);
    expect(counts.count(1)).toBe(0);
    expect(counts.forget(1)).toBe(false);
  });

  it('writes the badge short', () => {
    expect([0, 7, 999, 1000].map(badgeText)).toEqual(['', '7', '999', '999+']);
  });
});
