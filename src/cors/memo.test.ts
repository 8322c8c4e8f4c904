import { describe, expect, it } from 'vitest';
import { memoized } from './memo.ts';

describe('memoized', () => {
  it('works a key out once, null answers included, and gives the same answer after', () => {
    const calls: string[] = [];
    const classify = memoized(8, (key) => {
      calls.push(key);
      return key === 'none' ? null : key.length;
    });
    expect([classify('abc'), classify('none'), classify('abc'), classify('none')]).toEqual([3, null, 3, null]);
    expect(calls).toEqual(['abc', 'none']);
  });

  it('holds at most `limit` keys: past it, it starts afresh and works keys out again', () => {
    const calls: string[] = [];
    const upper = memoized(2, (key) => {
      calls.push(key);
      return key.toUpperCase();
    });
    for (const key of ['a', 'b', 'c', 'a']) expect(upper(key)).toBe(key.toUpperCase());
    // 'c' found the map full and emptied it, so 'a' was worked out a second time.
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('forgets every key when asked, and works them out again', () => {
    const calls: string[] = [];
    const upper = memoized(8, (key) => {
      calls.push(key);
      return key.toUpperCase();
    });
    upper('a');
    upper.forget();
    upper('a');
    expect(calls).toEqual(['a', 'a']);
  });
});
