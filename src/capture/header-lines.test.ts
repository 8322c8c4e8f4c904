import { describe, expect, it } from 'vitest';
import { HeaderLines } from './header-lines.ts';

describe('HeaderLines', () => {
  it('gives the same line for the same name and value, another for another', () => {
    const lines = new HeaderLines();
    const first = lines.line('Vary', 'Origin');
    expect(first).toEqual(['Vary', 'Origin']);
    expect(lines.line('Vary', 'Origin')).toBe(first);
    expect(lines.line('vary', 'Origin')).not.toBe(first);
    expect(lines.line('Vary', 'origin')).toEqual(['Vary', 'origin']);
    expect(lines.line('Vary', 'origin')).not.toBe(first);
  });

  it('keeps no more than its limit: past it, each line is a new one with the right value', () => {
    const lines = new HeaderLines();
    const big = 'x'.repeat(1 << 21);
    // Two lines fill all but one of the 4 Mi characters kept; the third is not kept.
    lines.line('a', big.slice(1));
    const second = lines.line('b', big.slice(2));
    expect(lines.line('b', big.slice(2))).toBe(second);
    const third = lines.line('c', big);
    expect(third).toEqual(['c', big]);
    expect(lines.line('c', big)).not.toBe(third);
    // Short lines past the limit on characters: not kept either.
    const short = lines.line('d', '1');
    expect(lines.line('d', '1')).not.toBe(short);
  });
});
