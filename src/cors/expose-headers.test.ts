import { describe, expect, it } from 'vitest';
import type { CredentialsMode, HeaderList } from './exchange.ts';
import { exposure } from './expose-headers.ts';
import { getHeader } from './header-list.ts';

describe('exposure', () => {
  it.each<[string, HeaderList, CredentialsMode, string[], string[]]>([
    [
      'safelisted only',
      [['Content-Type', 'text/plain'], ['X-Request-Id', '1'], ['Access-Control-Allow-Origin', '*']],
      'omit',
      ['content-type'],
      ['x-request-id', 'access-control-allow-origin'],
    ],
    [
      'exposed by name',
      [['X-Request-Id', '1'], ['X-Other', '2'], ['Access-Control-Expose-Headers', 'x-request-id']],
      'omit',
      ['x-request-id'],
      ['x-other', 'access-control-expose-headers'],
    ],
    ['* exposes everything without credentials', [['X-A', '1'], ['Access-Control-Expose-Headers', '*']], 'omit', ['x-a', 'access-control-expose-headers'], []],
    ['* is a literal name with credentials', [['X-A', '1'], ['Access-Control-Expose-Headers', '*']], 'include', [], ['x-a', 'access-control-expose-headers']],
    ['Set-Cookie is never readable', [['Set-Cookie', 'a=1'], ['Access-Control-Expose-Headers', '*']], 'omit', ['access-control-expose-headers'], ['set-cookie']],
  ])('%s', (_d, headers, credentials, readable, hidden) => {
    const result = exposure(headers, getHeader(headers, 'access-control-expose-headers'), credentials);
    expect(result.readable).toEqual(readable);
    expect(result.hidden).toEqual(hidden);
  });
});
