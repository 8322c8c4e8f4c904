import { describe, expect, it } from 'vitest';
import { parseAllowList } from './allow-list.ts';

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
