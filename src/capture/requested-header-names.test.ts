import { describe, expect, it } from 'vitest';
import { forgetRequestedHeaderLists, parseRequestHeadersList } from './requested-header-names.ts';

describe('parseRequestHeadersList', () => {
  it.each([
    { value: undefined, names: [] },
    { value: '', names: [] },
    { value: 'x-b,X-A', names: ['x-a', 'x-b'] },
    { value: ' content-type , , x-a ', names: ['content-type', 'x-a'] },
    { value: 'x-a,X-A', names: ['x-a'] },
  ])('$value', ({ value, names }) => {
    expect(parseRequestHeadersList(value)).toEqual(names);
  });

  it('gives a value read before its names again, frozen: callers share them', () => {
    const first = parseRequestHeadersList('x-b,x-a');
    expect(parseRequestHeadersList('x-b,x-a')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(parseRequestHeadersList(undefined))).toBe(true);
    forgetRequestedHeaderLists();
    expect(parseRequestHeadersList('x-b,x-a')).not.toBe(first);
    expect(parseRequestHeadersList('x-b,x-a')).toEqual(first);
  });

  it('keeps no long value: a fresh frozen list each time', () => {
    const long = Array.from({ length: 200 }, (_, i) => `x-h${i}`).join(',');
    const first = parseRequestHeadersList(long);
    expect(parseRequestHeadersList(long)).not.toBe(first);
    expect(parseRequestHeadersList(long)).toEqual(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
