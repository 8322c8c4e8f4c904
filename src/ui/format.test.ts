import { describe, expect, it } from 'vitest';
import { clipLine, domId, hostAndPort, hostEnds, originOf, pathEnds, pathOf, plural, shortOrigin, textStart } from './format.ts';

describe('plural', () => {
  it.each([
    [0, '0 requests'],
    [1, '1 request'],
    [2, '2 requests'],
    [50_000, '50,000 requests'],
  ])('%d → %s', (n, words) => expect(plural(n, 'request')).toBe(words));
});

describe('originOf', () => {
  it.each([
    ['https://api.example:8443/v1?x=1', 'https://api.example:8443'],
    ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173'],
    ['https://API.Example/', 'https://api.example'],
    ['data:text/plain,hi', 'data:'],
    ['not a url', 'not a url'],
  ])('%s → %s', (url, origin) => expect(originOf(url)).toBe(origin));
});

describe('pathOf', () => {
  it.each([
    ['https://api.example/v1/items?id=2', '/v1/items?id=2'],
    ['https://api.example', '/'],
    ['data:text/plain,hi', 'data:text/plain,hi'],
    ['::', '::'],
  ])('%s → %s', (url, path) => expect(pathOf(url)).toBe(path));
});

describe('domId', () => {
  it('keeps safe characters and escapes the rest', () => {
    expect(domId('row-', 'abc-12')).toBe('row-abc-12');
    expect(domId('row-', 'a b"c')).toBe('row-a_20_b_22_c');
  });
  it('gives different ids for different inputs, even ones that look escaped', () => {
    const ids = ['a b', 'a_20_b', 'a.b', 'a_b', '1000.1', '1000_1'].map((id) => domId('r', id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('shortOrigin', () => {
  it.each([
    ['https://api.example', 'api.example'],
    ['http://localhost:5173', 'localhost:5173'],
    ['null', 'null'],
    ['chrome-extension://abc', 'chrome-extension://abc'],
  ])('%s → %s', (origin, short) => expect(shortOrigin(origin)).toBe(short));
});

describe('hostAndPort: the port kept apart, never cut', () => {
  it.each([
    ['http://127.0.0.1:3001', '127.0.0.1', ':3001'],
    ['https://api.example', 'api.example', ''],
    ['http://[::1]:8080', '[::1]', ':8080'],
    ['http://[::1]', '[::1]', ''],
    ['null', 'null', ''],
    ['chrome-extension://abc', 'chrome-extension://abc', ''],
  ])('%s', (origin, host, port) => expect(hostAndPort(origin)).toEqual({ host, port }));
});

describe('hostEnds: the last label kept apart from what a narrow list may cut', () => {
  it.each([
    ['api.acme.dev', 'api.acme', '.dev'],
    ['api.acme.io', 'api.acme', '.io'],
    ['127.0.0.1', '127.0.0', '.1'],
    ['api.acme.dev.', 'api.acme', '.dev.'],
    ['[2001:db8::1]', '[2001:db8:', ':1]'],
    ['[::1]', '[:', ':1]'],
    ['localhost', 'localhost', ''],
    ['.dev', '.dev', ''],
    ['null', 'null', ''],
    ['', '', ''],
  ])('%s', (host, start, end) => expect(hostEnds(host)).toEqual({ start, end }));

  it('two hosts that differ at their end only keep apart in what is kept', () => {
    const [dev, io] = [hostEnds('api.acme.dev'), hostEnds('api.acme.io')];
    expect(dev.start).toBe(io.start);
    expect(dev.end).not.toBe(io.end);
  });
});

describe('pathEnds: the last segment and query kept apart from the folders a narrow list cuts first', () => {
  it.each([
    ['/broken/missing-allow-origin', '/broken/', 'missing-allow-origin'],
    ['/api/v1/items?id=2', '/api/v1/', 'items?id=2'],
    ['/api/v1/items?next=/a/b', '/api/v1/', 'items?next=/a/b'],
    ['/broken/preflight-redirect/moved', '/broken/preflight-redirect/', 'moved'],
    ['/fixed/', '', '/fixed/'],
    ['/api/v1/users/', '/api/v1/', 'users/'],
    ['/users', '', '/users'],
    ['/a/b', '', '/a/b'],
    ['/', '', '/'],
    ['data:text/plain,a/b/c/d', '', 'data:text/plain,a/b/c/d'],
  ])('%s', (path, start, end) => expect(pathEnds(path)).toEqual({ start, end }));

  it("the demo's endpoints differ in what is kept, not in what is cut", () => {
    const [acao, credentials] = [pathEnds('/broken/missing-allow-origin'), pathEnds('/broken/missing-allow-credentials')];
    expect(acao.start).toBe(credentials.start);
    expect(acao.end).not.toBe(credentials.end);
  });
});

describe('textStart / clipLine: the start of a text that may be megabytes', () => {
  it.each([
    ['shorter than the length: itself', 'abc', 5, 'abc'],
    ['cut at the length', 'abcdef', 3, 'abc'],
    ['never half a surrogate pair', 'ab\u{1F600}c', 3, 'ab'],
    ['a whole pair is kept', 'ab\u{1F600}c', 4, 'ab\u{1F600}'],
  ])('%s', (_d, text, length, start) => expect(textStart(text, length)).toBe(start));

  it('clipLine adds an ellipsis only when it cut', () => {
    expect(clipLine('http://a.example/x')).toBe('http://a.example/x');
    const url = `data:text/plain,${'x'.repeat(20_000_000)}`;
    expect(clipLine(url)).toBe(`${url.slice(0, 2_000)}…`);
    expect(pathOf(url)).toHaveLength(2_001);
  });
});
