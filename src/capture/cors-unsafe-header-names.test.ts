import { describe, expect, it } from 'vitest';
import { corsUnsafeHeaderNames, parseRequestHeadersList } from './cors-unsafe-header-names.ts';
import type { HeaderLine } from '../cors/exchange.ts';

const browserAdded: HeaderLine[] = [
  ['Accept', '*/*'],
  ['Accept-Encoding', 'gzip, deflate, br, zstd'],
  ['Accept-Language', 'en-US,en;q=0.9'],
  ['Connection', 'keep-alive'],
  ['Cookie', 'sid=1'],
  ['Host', '127.0.0.1:1'],
  ['Origin', 'http://127.0.0.1:2'],
  ['Referer', 'http://127.0.0.1:2/'],
  ['Sec-Fetch-Mode', 'cors'],
  ['User-Agent', 'Mozilla/5.0'],
  ['sec-ch-ua', '"Chromium";v="156"'],
  ['Proxy-Authorization', 'x'],
];

describe('corsUnsafeHeaderNames', () => {
  it.each<{ about: string; headers: HeaderLine[]; names: string[] }>([
    { about: 'only what the browser adds', headers: browserAdded, names: [] },
    { about: 'a custom header', headers: [...browserAdded, ['X-Trace', '1']], names: ['x-trace'] },
    { about: 'JSON content type', headers: [['Content-Type', 'application/json']], names: ['content-type'] },
    { about: 'text/plain with charset', headers: [['Content-Type', 'text/plain;charset=UTF-8']], names: [] },
    { about: 'form content type, any case', headers: [['content-type', 'Application/X-WWW-Form-Urlencoded']], names: [] },
    { about: 'content type with an unsafe byte', headers: [['Content-Type', 'text/plain; a="b"']], names: ['content-type'] },
    { about: 'sorted, lower-cased, deduplicated', headers: [['X-B', '1'], ['x-a', '2'], ['X-A', '3']], names: ['x-a', 'x-b'] },
    { about: 'Authorization is never safelisted', headers: [['Authorization', 'Bearer a']], names: ['authorization'] },
    { about: 'Accept-Language with a bad byte', headers: [['Accept-Language', 'en/US']], names: ['accept-language'] },
    { about: 'Accept value over 128 bytes', headers: [['Accept', 'a'.repeat(129)]], names: ['accept'] },
    { about: 'simple range', headers: [['Range', 'bytes=0-99']], names: [] },
    { about: 'multiple ranges', headers: [['Range', 'bytes=0-1,5-6']], names: ['range'] },
    {
      about: 'safelisted values over 1024 bytes in total',
      headers: Array.from({ length: 9 }, (_, i): HeaderLine => [i % 2 ? 'Accept' : 'Content-Language', 'a'.repeat(120)]),
      names: ['accept', 'content-language'],
    },
  ])('$about', ({ headers, names }) => {
    expect(corsUnsafeHeaderNames(headers)).toEqual(names);
  });
});

describe('parseRequestHeadersList', () => {
  it.each([
    { value: undefined, names: [] },
    { value: '', names: [] },
    { value: 'x-b,X-A', names: ['x-a', 'x-b'] },
    { value: ' content-type , , x-a ', names: ['content-type', 'x-a'] },
  ])('$value', ({ value, names }) => {
    expect(parseRequestHeadersList(value)).toEqual(names);
  });
});
