import { describe, expect, it } from 'vitest';
import { isCorsHeader, splitHeaderLines } from './evidence.ts';

describe('isCorsHeader', () => {
  it.each([
    ['origin', true],
    ['vary', true],
    ['access-control-allow-headers', true],
    ['access-control-request-private-network', true],
    ['user-agent', false],
    ['sec-ch-ua', false],
    ['x-access-control-allow-origin', false],
    ['originator', false],
  ])('%s → %s', (name, expected) => expect(isCorsHeader(name)).toBe(expected));
});

describe('splitHeaderLines', () => {
  const names = ['User-Agent', 'Origin', 'sec-ch-ua', 'X-Trace', 'Access-Control-Request-Headers', 'Accept', 'Vary'];

  it('CORS headers and the named ones first, the rest folded, each in arrival order', () => {
    expect(splitHeaderLines(names, new Set(['x-trace']))).toEqual({ first: [1, 3, 4, 6], folded: [0, 2, 5] });
  });

  it('a line that carries notes is never folded', () => {
    expect(splitHeaderLines(names, new Set(), (i) => i === 5)).toEqual({ first: [1, 4, 5, 6], folded: [0, 2, 3] });
  });

  it('every line is in exactly one part', () => {
    const { first, folded } = splitHeaderLines(names, new Set(['accept']));
    expect([...first, ...folded].sort()).toEqual(names.map((_, i) => i));
  });
});
