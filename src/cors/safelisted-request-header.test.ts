import { describe, expect, it } from 'vitest';
import type { PreflightReason } from './diagnosis.ts';
import type { HeaderList } from './exchange.ts';
import {
  corsUnsafeNamesInCheckOrder,
  corsSafelistVerdict,
  corsUnsafeRequestHeaderNames,
  isSimpleRangeHeaderValue,
  parseMimeEssence,
} from './safelisted-request-header.ts';

describe('corsSafelistVerdict (https://fetch.spec.whatwg.org/#cors-safelisted-request-header)', () => {
  it.each([
    ['accept', '*/*', 'safelisted'],
    ['accept', 'application/json', 'safelisted'],
    ['accept', 'text/html; q="0.9"', 'value'], // '"' is a CORS-unsafe byte
    ['accept-language', 'en-US,en;q=0.9', 'safelisted'],
    ['accept-language', 'en_US', 'value'],
    ['content-language', 'de-DE', 'safelisted'],
    ['content-type', 'text/plain;charset=UTF-8', 'safelisted'],
    ['content-type', 'application/x-www-form-urlencoded', 'safelisted'],
    ['content-type', 'multipart/form-data; boundary=x', 'safelisted'],
    ['content-type', 'TEXT/PLAIN', 'safelisted'],
    ['content-type', 'application/json', 'value'],
    ['content-type', 'text/plain, application/json', 'value'],
    ['content-type', 'text/plain; charset="utf-8"', 'value'], // '"' unsafe byte
    ['content-type', 'text/plain ', 'safelisted'],
    ['range', 'bytes=0-', 'safelisted'],
    ['range', 'bytes=5-10', 'safelisted'],
    ['range', 'bytes=10-5', 'value'],
    ['range', 'bytes=-500', 'value'],
    ['range', 'Bytes=0-', 'value'],
    ['range', 'bytes=0-1,3-4', 'value'],
    ['save-data', 'on', 'safelisted'],
    ['dpr', '2.5', 'safelisted'],
    ['width', '12.5', 'value'],
    ['x-trace', '1', 'name'],
    ['authorization', 'Bearer x', 'name'],
    ['accept', 'a'.repeat(129), 'value-too-long'],
    ['accept', 'a'.repeat(128), 'safelisted'],
  ])('%s: %s → %s', (name, value, expected) => {
    expect(corsSafelistVerdict(name, value)).toBe(expected);
  });

  it.each([
    ['text/plain;charset=UTF-8', 'text/plain'],
    ['  Text/HTML  ; x=y', 'text/html'],
    ['text/', null],
    ['/plain', null],
    ['text plain', null],
    ['text/pl ain', null],
  ])('parseMimeEssence(%j) = %j', (value, expected) => {
    expect(parseMimeEssence(value)).toBe(expected);
  });

  it.each([
    ['bytes=0-0', true],
    ['bytes=9223372036854775806-', true],
    ['bytes=9223372036854775807-', false], // saturates int64 in Chromium
    ['bytes= 0-1', false],
    ['bytes=', false],
  ])('isSimpleRangeHeaderValue(%s) = %s', (value, expected) => {
    expect(isSimpleRangeHeaderValue(value)).toBe(expected);
  });
});

describe('corsUnsafeRequestHeaderNames', () => {
  const browserHeaders: HeaderList = [
    ['Accept', '*/*'],
    ['Accept-Encoding', 'gzip'],
    ['Accept-Language', 'en-US,en;q=0.9'],
    ['Origin', 'http://a.example'],
    ['User-Agent', 'x'],
    ['Sec-Fetch-Mode', 'cors'],
    ['sec-ch-ua', '"x"'],
    ['Cookie', 'a=1'],
  ];
  it.each<[string, HeaderList, string[]]>([
    ['only browser headers: none', browserHeaders, []],
    ['custom headers sorted, lower-cased, de-duplicated', [...browserHeaders, ['X-B', '1'], ['x-a', '2'], ['X-A', '3']], ['x-a', 'x-b']],
    ['JSON content type', [['Content-Type', 'application/json']], ['content-type']],
    [
      'sorted by code unit, repeats dropped, whatever the order they came in',
      [['x-c', '1'], ['X-B', '1'], ['x-c', '2'], ['x-a', '1'], ['X-_', '1'], ['x-b', '2'], ['X-C', '3'], ['x-1', '1']],
      ['x-1', 'x-_', 'x-a', 'x-b', 'x-c'],
    ],
    ['authorization', [['Authorization', 'Bearer x']], ['authorization']],
    [
      'safelisted values over 1024 bytes in total',
      [['Accept', 'a'.repeat(100)], ...Array.from({ length: 9 }, () => ['Accept-Language', 'b'.repeat(120)] as const), ['Content-Language', 'c']],
      ['accept', 'accept-language', 'content-language'],
    ],
  ])('%s', (_d, headers, expected) => {
    expect(corsUnsafeRequestHeaderNames(headers)).toEqual(expected);
  });

  it('records why each header is unsafe', () => {
    const reasons: PreflightReason[] = [];
    corsUnsafeRequestHeaderNames([['X-Trace', '1'], ['Content-Type', 'application/json'], ['Accept', 'x'.repeat(200)]], reasons);
    expect(reasons).toEqual([
      { kind: 'header', name: 'x-trace', why: 'name', value: '1' },
      { kind: 'header', name: 'content-type', why: 'value', value: 'application/json' },
      { kind: 'header', name: 'accept', why: 'value-too-long', value: 'x'.repeat(200) },
    ]);
  });
});

describe('corsUnsafeNamesInCheckOrder (Chromium checks Access-Control-Allow-Headers in this order)', () => {
  it.each<[string, HeaderList, string[]]>([
    ['the order the capture lists them, not sorted', [['sentry-trace', '1'], ['Referer', 'x'], ['baggage', 'b']], ['sentry-trace', 'baggage']],
    ['lower-cased, a repeated name once', [['X-B', '1'], ['x-a', '1'], ['x-b', '2']], ['x-b', 'x-a']],
    ['a safelisted value that is not', [['X-Trace', '1'], ['Content-Type', 'application/json']], ['x-trace', 'content-type']],
    ['past 1024 bytes of safelisted values, those names come after the unsafe ones', [['Accept', 'a'.repeat(128)], ['X-Z', '1'], ...Array.from({ length: 8 }, (_, i): [string, string] => [`Accept-Language`, `${i}`.repeat(120)])], ['x-z', 'accept', 'accept-language']],
    ['none', [['Accept', '*/*']], []],
  ])('%s', (_d, headers, names) => expect(corsUnsafeNamesInCheckOrder(headers)).toEqual(names));
});
