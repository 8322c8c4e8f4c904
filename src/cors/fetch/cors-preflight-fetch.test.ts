import { describe, expect, it } from 'vitest';
import { hasIpLiteralHost } from './cors-preflight-fetch.ts';

// Firefox's preflight cache skips IP-literal hosts (browser-rules.ts, preflightCacheSkipsIpLiterals):
// the host as the URL parser reads it, whatever the URL's text spells.
describe('hasIpLiteralHost', () => {
  it.each([
    ['http://127.0.0.1:8080/a', true],
    ['http://127.1/a', true],
    ['http://0x7f.0.0.1/a', true],
    ['http://2130706433/a', true],
    ['http://127.0.0.1./a', true],
    ['http://%31%32%37.0.0.1/a', true],
    ['http://user:pass@127.0.0.1/a', true],
    ['http://[::1]:8080/a', true],
    ['HTTP://[::FFFF:127.0.0.1]/', true],
    ['https://api.example/a', false],
    ['https://1.example/a', false],
    ['https://api.example/?ip=127.0.0.1', false],
    ['https://127.0.0.1.example/a', false],
    ['not a url', false],
  ])('%s', (url, ip) => {
    expect(hasIpLiteralHost(url)).toBe(ip);
  });
});
