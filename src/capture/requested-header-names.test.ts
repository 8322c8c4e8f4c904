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
});
