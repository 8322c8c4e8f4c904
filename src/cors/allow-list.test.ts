import { describe, expect, it } from 'vitest';
import { listHas, parseAllowList } from './allow-list.ts';

describe('parseAllowList (#token lists of Access-Control-Allow-Methods/-Headers)', () => {
  it.each<[string, string | null, boolean, string[] | null]>([
    ['absent header is an empty list', null, false, []],
    ['comma list, spaces trimmed', 'GET, PUT ,DELETE', false, ['GET', 'PUT', 'DELETE']],
    ['methods keep their case', 'patch, Put', false, ['patch', 'Put']],
    ['header names lower-cased', 'X-A, x-b', true, ['x-a', 'x-b']],
    ['empty items skipped', ',GET,,', false, ['GET']],
    ['space-separated is invalid', 'GET PUT', false, null],
    ['quoted is invalid', '"GET"', false, null],
    ['wildcard is a token', '*', true, ['*']],
    ['tab trimmed', '\tGET\t', false, ['GET']],
    ['a slash is not a token', 'content/type', true, null],
  ])('%s', (_d, value, lower, expected) => {
    expect(parseAllowList(value, lower)).toEqual(expected);
  });
});

describe('listHas (a scan for short lists, a Set for long ones: the same answers)', () => {
  const long = Array.from({ length: 40 }, (_, i) => `x-${i}`);
  it.each<[string, readonly string[], string, boolean]>([
    ['short list, present', ['GET', 'PUT'], 'PUT', true],
    ['short list, case matters', ['GET', 'PUT'], 'put', false],
    ['long list, first', long, 'x-0', true],
    ['long list, last', long, 'x-39', true],
    ['long list, absent', long, 'x-40', false],
    ['long list, a prefix is not an item', long, 'x-', false],
  ])('%s', (_d, list, item, expected) => {
    expect(listHas(list, item)).toBe(expected);
    // Asked twice: the second answer comes from the Set kept for the list.
    expect(listHas(list, item)).toBe(expected);
  });
});
