import { describe, expect, it } from 'vitest';
import { isForbiddenRequestHeader } from './forbidden-request-header.ts';

describe('isForbiddenRequestHeader', () => {
  it.each([
    ['Origin', '', true],
    ['Cookie', '', true],
    ['Referer', '', true],
    ['Accept-Encoding', '', true],
    ['Connection', '', true],
    ['Host', '', true],
    ['Content-Length', '', true],
    ['User-Agent (Chromium still forbids it: crbug 571722)', '', true],
    ['Sec-Fetch-Mode', '', true],
    ['sec-ch-ua', '', true],
    ['Proxy-Authorization', '', true],
    ['Access-Control-Request-Headers', '', true],
    ['X-HTTP-Method-Override', 'TRACE', true],
    ['X-HTTP-Method-Override', 'GET, connect', true],
    ['X-HTTP-Method-Override', 'PATCH', false],
    ['X-Method-Override', 'track', true],
    ['Authorization', 'Bearer x', false],
    ['Content-Type', 'application/json', false],
    ['X-Trace', '1', false],
    ['Accept', '*/*', false],
  ])('%s: %s → %s', (name, value, expected) => {
    expect(isForbiddenRequestHeader(name.split(' ')[0]!, value)).toBe(expected);
  });
});
