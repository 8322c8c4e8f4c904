import { describe, expect, it } from 'vitest';
import type { OriginDifference } from './diagnosis.ts';
import { fastHttpOrigin, flatString, hasIpLiteralHost, isParsableAsUrl, isSameOrigin, originDifferences, recentHttpOrigin, serializeOrigin, urlIncludesCredentials } from './origin.ts';

describe('serializeOrigin', () => {
  it.each([
    ['plain http URL with a path', 'http://127.0.0.1:5173/s/x/0?a=1', 'http://127.0.0.1:5173'],
    ['https, no port', 'https://api.example/v1', 'https://api.example'],
    ['default http port dropped', 'http://a.example:80/x', 'http://a.example'],
    ['default https port dropped', 'https://a.example:443/', 'https://a.example'],
    ['https keeps port 80', 'https://a.example:80/', 'https://a.example:80'],
    ['host lower-cased', 'http://API.Example.COM/x', 'http://api.example.com'],
    ['scheme lower-cased', 'HTTPS://a.example/', 'https://a.example'],
    ['user info dropped', 'https://user:pw@a.example:8443/', 'https://a.example:8443'],
    ['leading zeros in port', 'http://a.example:0080/', 'http://a.example'],
    ['IPv6 host', 'http://[::1]:3000/x', 'http://[::1]:3000'],
    ['URL without path', 'http://localhost:3333', 'http://localhost:3333'],
    ['query right after host', 'http://a.example?x', 'http://a.example'],
    ['data: URL is opaque', 'data:text/plain,hi', 'null'],
    ['file: URL is opaque', 'file:///etc/hosts', 'null'],
    ['blob: URL takes its inner origin', 'blob:https://a.example/uuid', 'https://a.example'],
    ['garbage is opaque', 'not a url', 'null'],
    ['port out of range is invalid', 'http://a.example:70000/', 'null'],
    ['empty host is invalid', 'http://', 'null'],
    ['extra slashes are skipped (URL Standard)', 'http:///x', 'http://x'],
    ['IDNA: a Unicode host becomes punycode', 'http://bücher.example/', 'http://xn--bcher-kva.example'],
    ['IPv4 shorthand is normalised', 'http://127.1:8080/', 'http://127.0.0.1:8080'],
    ['IPv4 in hex', 'http://0x7f.0.0.1/', 'http://127.0.0.1'],
    ['a percent-encoded host is decoded', 'http://%41.example/', 'http://a.example'],
    ['IPv6 is compressed and lower-cased', 'http://[0:0:0:0:0:0:0:1]:80/', 'http://[::1]'],
    ['backslashes are slashes in special URLs', 'http:\\\\a.example\\x', 'http://a.example'],
    ['invalid punycode is not a URL', 'http://xn--/', 'null'],
    ['a blob: URL of an opaque origin is opaque', 'blob:null/uuid', 'null'],
    ['ws: has a tuple origin', 'WS://a.example:80/', 'ws://a.example'],
  ])('%s', (_d, url, expected) => {
    expect(serializeOrigin(url)).toBe(expected);
  });
});

describe('flatString', () => {
  // A copy kept for speed (see recentHttpOrigin): it must be the same string, whatever it holds,
  // including what a property key could turn into something else.
  it.each(['https://api.example.com', 'null', '', '0', '4294967295', '-1', '__proto__', 'constructor', 'toString', 'bücher', 'a'.repeat(100)])('%s', (value) => {
    expect(flatString(value)).toBe(value);
    expect(flatString(('x' + value + '/path').slice(1, value.length + 1))).toBe(value);
  });
});

describe('recentHttpOrigin', () => {
  // The origins found last answer only for a URL that starts with one of them followed by the end
  // or `/`, `?`, `#` (origin.property.test.ts checks it against the scan on generated URLs).
  it.each([
    'https://api.example.com',
    'https://api.example.com/v1',
    'https://api.example.com?q',
    'https://api.example.com#f',
    'https://api.example.comx/',
    'https://api.example.com.evil.example/',
    'https://api.example.com:8443/',
    'https://api.example.com@evil.example/',
    'http://api.example.com/',
    'https://api.example.co/',
    'https://apI.example.com/',
    'https://api.example.com/../x',
    `https://api.example.com/${'a'.repeat(300)}`,
    `https://api.example.co/${'x'.repeat(300)}https://api.example.com/`,
    `https://api.example.cox/https://api.example.com/`,
    `https://api.example.cox/${'x'.repeat(300)}https://api.example.com/`,
  ])('%s after https://api.example.com/x', (url) => {
    recentHttpOrigin('https://api.example.com/x');
    expect(recentHttpOrigin(url)).toBe(fastHttpOrigin(url));
  });
});

describe('isSameOrigin', () => {
  it.each([
    ['equal origins', 'http://a.example', 'http://a.example', true],
    ['different port', 'http://a.example', 'http://a.example:8080', false],
    ['opaque never matches, even itself', 'null', 'null', false],
  ])('%s', (_d, a, b, expected) => {
    expect(isSameOrigin(a, b)).toBe(expected);
  });
});

describe('urlIncludesCredentials / isParsableAsUrl', () => {
  it.each([
    ['user:pass@', 'https://u:p@a.example/', true],
    ['user only', 'https://u@a.example/', true],
    ['no credentials', 'https://a.example/@x', false],
  ])('credentials: %s', (_d, url, expected) => {
    expect(urlIncludesCredentials(url)).toBe(expected);
  });
  it.each([
    ['an origin', 'https://a.example', true],
    ['no scheme', 'a.example', false],
    ['wildcard subdomain without scheme', '*.example.com', false],
    ['empty host', 'https://', false],
    ['non-special scheme', 'foo:bar', true],
    ['bad port', 'http://a.example:x', false],
  ])('parsable: %s', (_d, value, expected) => {
    expect(isParsableAsUrl(value)).toBe(expected);
  });
});

describe('originDifferences', () => {
  const page = 'http://127.0.0.1:5173';
  it.each<[string, string, string, OriginDifference[]]>([
    ['equal', page, page, []],
    ['trailing slash', page + '/', page, ['trailing-slash']],
    ['a path', page + '/app', page, ['path']],
    ['other port', 'http://127.0.0.1:3000', page, ['port']],
    ['explicit default port', 'http://a.example:80', 'http://a.example', ['default-port']],
    ['explicit default https port', 'https://app.example.com:443', 'https://app.example.com', ['default-port']],
    ['other host, explicit default port', 'https://b.example:443', 'https://a.example', ['host', 'default-port']],
    ['the other scheme on the same port', 'https://a.example:80', 'http://a.example', ['scheme']],
    ['other scheme', 'https://127.0.0.1:5173', page, ['scheme']],
    ['other host', 'http://example.com', 'http://a.example', ['host']],
    ['localhost for 127.0.0.1', 'http://localhost:5173', page, ['localhost-vs-loopback']],
    ['127.0.0.1 for localhost', 'http://127.0.0.1:5173', 'http://localhost:5173', ['localhost-vs-loopback']],
    ['upper-case host', 'http://A.example', 'http://a.example', ['case']],
    ['upper-case scheme', 'HTTP://a.example', 'http://a.example', ['case']],
    ['comma list', page + ', http://b.example', page, ['list']],
    ['space list', page + ' http://b.example', page, ['list']],
    ['null sent', 'null', page, ['null']],
    ['tainted request origin', page, 'null', ['null']],
    ['not an origin', 'example.com', 'http://example.com', ['invalid']],
    ['a URL without a tuple origin', 'file:///x', 'http://example.com', ['invalid']],
    ['other scheme, default ports', 'https://a.example', 'http://a.example', ['scheme', 'port']],
    ['the same origin, written another way (IPv4 shorthand)', 'http://127.1:5173', page, ['invalid']],
  ])('%s', (_d, allow, request, expected) => {
    expect(originDifferences(allow, request)).toEqual(expected);
  });
});

// The host as the URL parser reads it, whatever the URL's text spells (Firefox's preflight cache
// misses at an IP-literal host at first: browser-rules.ts, preflightCacheIpLiteralMisses).
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
