import { describe, expect, it } from 'vitest';
import { parseRequestHeadersList } from './requested-header-names.ts';

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
  });
});
