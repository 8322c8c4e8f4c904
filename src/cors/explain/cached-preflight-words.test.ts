// A preflight the capturing browser's cache answered, judged as the other browser: said to be that
// cache's only where the judged browser would not have held the entry (its own Max-Age reading).

import { describe, expect, it } from 'vitest';
import { maxAgeOf } from '../max-age.ts';
import { otherBrowsersCachedPreflight, preflightCacheHeldBy, preflightCacheMiss, preflightCacheMissWords } from './cached-preflight-words.ts';

const entry = (found: string | null, ageMs: number) => ({ maxAge: maxAgeOf(found), ageMs });
const HOUR = 3600_000;

describe('preflightCacheHeldBy', () => {
  it.each<[string | null, number, boolean, boolean]>([
    // Max-Age, age, Chromium held it, Firefox held it
    [null, 4_999, true, true],
    [null, 5_000, false, false],
    ['600', 599_999, true, true],
    ['100000', 3 * HOUR, false, true],
    ['86400', 2 * HOUR - 1, true, true],
    ['86400', 2 * HOUR, false, true],
    ['abc', 2_000, true, false],
    ['0', 0, false, false],
  ])('Max-Age %s, %i ms old: Chromium %s, Firefox %s', (found, ageMs, chromium, firefox) => {
    expect(preflightCacheHeldBy(entry(found, ageMs), 'chromium')).toBe(chromium);
    expect(preflightCacheHeldBy(entry(found, ageMs), 'firefox')).toBe(firefox);
  });
});

describe('otherBrowsersCachedPreflight', () => {
  it("a Firefox capture's 3-hour-old entry of Max-Age 100000, judged as Chromium (which keeps it 7200 s)", () => {
    expect(otherBrowsersCachedPreflight({ cacheEntry: entry('100000', 3 * HOUR + 500) }, 'chromium')).toBe(
      'not sent: Firefox answered it from its preflight cache (Access-Control-Max-Age 100000, the cached answer 10800 s old); Chromium keeps it 7200 s, so Chromium would have sent a preflight',
    );
    expect(otherBrowsersCachedPreflight({ cacheEntry: entry('100000', 3 * HOUR + 500) }, 'firefox')).toBe(null);
  });
  it("a Chromium capture's entry of Max-Age abc, judged as Firefox (which keeps nothing for it)", () => {
    expect(otherBrowsersCachedPreflight({ cacheEntry: entry('abc', 2_000) }, 'firefox')).toBe(
      "not sent: the capturing browser's preflight cache answered it (read by Chromium's rules: Access-Control-Max-Age abc, the cached answer 2 s old); Firefox does not keep that value, so Firefox would have sent a preflight",
    );
    expect(otherBrowsersCachedPreflight({ cacheEntry: entry('abc', 2_000) }, 'chromium')).toBe(null);
  });
  it('held by both, or the entry unknown (an older bundle): null, the plain words stand', () => {
    expect(otherBrowsersCachedPreflight({ cacheEntry: entry(null, 1_000) }, 'chromium')).toBe(null);
    expect(otherBrowsersCachedPreflight({ cacheEntry: entry(null, 1_000) }, 'firefox')).toBe(null);
    expect(otherBrowsersCachedPreflight({}, 'chromium')).toBe(null);
  });
});

// The same fact as data (`explain --json`'s `preflightCacheMiss`), which the words are built from.
describe('preflightCacheMiss', () => {
  it.each<[string | null, number, 'chromium' | 'firefox', ReturnType<typeof preflightCacheMiss>]>([
    ['100000', 3 * HOUR + 500, 'chromium', { cacheReadBy: 'firefox', maxAge: '100000', ageMs: 3 * HOUR + 500, keptSeconds: 7200 }],
    ['abc', 2_000, 'firefox', { cacheReadBy: 'chromium', maxAge: 'abc', ageMs: 2_000, keptSeconds: 0 }],
    ['100000', 3 * HOUR + 500, 'firefox', null],
    ['abc', 2_000, 'chromium', null],
    [null, 1_000, 'chromium', null],
  ])('Max-Age %s, %i ms old, judged as %s', (found, ageMs, judged, miss) => {
    expect(preflightCacheMiss({ cacheEntry: entry(found, ageMs) }, judged)).toEqual(miss);
    // The words are the data's.
    expect(otherBrowsersCachedPreflight({ cacheEntry: entry(found, ageMs) }, judged)).toBe(miss === null ? null : preflightCacheMissWords(miss));
  });
  it('an unknown entry (an older bundle): none', () => {
    expect(preflightCacheMiss({}, 'firefox')).toBe(null);
  });
});
