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

  it('holds keys of at most `keyCharacters` characters in all: past it, it starts afresh', () => {
    const calls: string[] = [];
    const upper = memoized(
      100,
      (key) => {
        calls.push(key);
        return key.toUpperCase();
      },
      6,
    );
    // 'aaa' and 'bbb' fill the 6 characters; 'cc' empties the map, so 'aaa' is worked out again,
    // then fits beside 'cc' (5 characters) and is looked up after.
    for (const key of ['aaa', 'bbb', 'aaa', 'cc', 'aaa', 'aaa']) expect(upper(key)).toBe(key.toUpperCase());
    expect(calls).toEqual(['aaa', 'bbb', 'cc', 'aaa']);
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
