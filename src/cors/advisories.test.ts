import { describe, expect, it } from 'vitest';
import { preflightAdvisories, responseAdvisories, varyCoversOrigin } from './advisories.ts';
import type { Advisory } from './diagnosis.ts';
import type { CredentialsMode, HeaderList } from './exchange.ts';
import { readCorsResponseHeaders } from './response-headers.ts';

const O = 'http://127.0.0.1:1111';

describe('responseAdvisories', () => {
  it.each<[string, HeaderList, string, string, CredentialsMode, string[]]>([
    ['* has none', [['Access-Control-Allow-Origin', '*']], 'http://api', O, 'omit', []],
    ['specific origin without Vary', [['Access-Control-Allow-Origin', O]], 'http://api', O, 'omit', ['missing-vary-origin:low']],
    ['specific origin with Vary: Origin', [['Access-Control-Allow-Origin', O], ['Vary', 'Accept, Origin']], 'http://api', O, 'omit', []],
    [
      'reflected with credentials, no Vary',
      [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true']],
      'http://api',
      O,
      'include',
      ['reflected-origin-with-credentials:medium', 'missing-vary-origin:low'],
    ],
    ['null trusted', [['Access-Control-Allow-Origin', 'null'], ['Vary', 'Origin']], 'http://api', 'null', 'omit', ['null-origin-trusted:high']],
    [
      'http origin trusted by https server with credentials',
      [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']],
      'https://api.example/x',
      O,
      'include',
      ['insecure-origin-trusted:high'],
    ],
  ])('%s', (_d, headers, url, origin, credentials, expected) => {
    const out: Advisory[] = [];
    responseAdvisories(readCorsResponseHeaders(headers), url, origin, credentials, 0, out);
    expect(out.map((a) => `${a.kind}:${a.severity}`)).toEqual(expected);
  });

  it.each([
    ['Origin', true],
    ['accept-encoding, origin', true],
    ['*', true],
    ['Accept', false],
    [null, false],
  ])('varyCoversOrigin(%j) = %s', (vary, expected) => {
    expect(varyCoversOrigin(vary)).toBe(expected);
  });
});

describe('preflightAdvisories', () => {
  it.each<[string, HeaderList, string[], boolean, number, string[]]>([
    ['authorization under *', [['Access-Control-Allow-Headers', '*']], ['authorization'], true, 5, ['wildcard-allow-headers-covers-authorization:medium']],
    ['secret header under *', [['Access-Control-Allow-Headers', '*']], ['x-api-key'], false, 5, ['wildcard-allow-headers-with-secrets:low']],
    ['max-age above cap', [['Access-Control-Max-Age', '86400']], [], false, 7200, ['max-age-above-browser-cap:low']],
    ['max-age at cap', [['Access-Control-Max-Age', '7200']], [], false, 7200, []],
    ['listed headers', [['Access-Control-Allow-Headers', 'x-api-key']], ['x-api-key'], false, 5, []],
  ])('%s', (_d, headers, unsafe, byWildcard, seconds, expected) => {
    const out: Advisory[] = [];
    preflightAdvisories(readCorsResponseHeaders(headers), unsafe, byWildcard, seconds, 0, out);
    expect(out.map((a) => `${a.kind}:${a.severity}`)).toEqual(expected);
  });
});
