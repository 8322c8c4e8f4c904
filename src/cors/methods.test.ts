import { describe, expect, it } from 'vitest';
import { isCorsSafelistedMethod, isForbiddenMethod, normalizeMethod } from './methods.ts';

describe('methods', () => {
  it.each([
    ['GET', true],
    ['HEAD', true],
    ['POST', true],
    ['PUT', false],
    ['get', false], // safelisting applies to the normalized method; `get` is normalized first
    ['OPTIONS', false],
  ])('isCorsSafelistedMethod(%s) = %s', (method, expected) => {
    expect(isCorsSafelistedMethod(method)).toBe(expected);
  });

  it.each([
    ['CONNECT', true],
    ['trace', true],
    ['Track', true],
    ['TRACES', false],
    ['GET', false],
  ])('isForbiddenMethod(%s) = %s', (method, expected) => {
    expect(isForbiddenMethod(method)).toBe(expected);
  });

  it.each([
    ['delete', 'DELETE'],
    ['Get', 'GET'],
    ['head', 'HEAD'],
    ['options', 'OPTIONS'],
    ['post', 'POST'],
    ['put', 'PUT'],
    ['patch', 'patch'], // not in the list: kept as written
    ['PATCH', 'PATCH'],
    ['mkcol', 'mkcol'],
  ])('normalizeMethod(%s) = %s', (method, expected) => {
    expect(normalizeMethod(method)).toBe(expected);
  });
});
