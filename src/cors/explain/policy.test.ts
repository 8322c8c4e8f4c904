import { describe, expect, it } from 'vitest';
import { neededPolicy, splitUrl } from './policy.ts';
import { API, PAGE, blocked, exchangeOf } from './test-diagnosis.ts';

describe('neededPolicy', () => {
  it('collects non-safelisted methods and headers from the reasons and from the preflight request', () => {
    const x = exchangeOf({
      method: 'DELETE',
      hops: [{ url: `${API}/items/1?x=1`, preflight: { url: `${API}/items/1`, requestHeaders: [['Access-Control-Request-Method', 'DELETE'], ['Access-Control-Request-Headers', 'authorization,x-trace']], response: null }, response: null }],
    });
    const p = neededPolicy(blocked('PreflightInvalidStatus', '', { credentialsMode: 'include' }), x);
    expect(p).toMatchObject({
      origin: PAGE, originReplaced: false, credentials: true,
      methods: ['DELETE', 'PUT'], headers: ['x-trace', 'authorization'], preflight: true,
      targetOrigin: API, targetPath: '/items/1?x=1',
    });
  });

  it.each([
    ['GET', [], []],
    ['POST', [], []],
    ['PATCH', ['PATCH'], []],
  ])('%s needs methods %j', (method, methods, headers) => {
    const p = neededPolicy(blocked('MissingAllowOriginHeader'), exchangeOf({ method }));
    expect(p.methods).toEqual(methods);
    expect(p.headers).toEqual(headers);
  });

  it('drops what is not a token and replaces an invalid origin', () => {
    const p = neededPolicy(blocked('HeaderDisallowedByPreflightResponse', 'x<y', { requestOrigins: ['javascript:alert(1)'] }), exchangeOf({ origin: 'javascript:alert(1)' }));
    expect(p.headers).not.toContain('x<y');
    expect(p.dropped).toContain('x<y');
    expect(p).toMatchObject({ origin: 'https://your-app.example', originReplaced: true });
  });
});

describe('splitUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/a/b?c#d', { origin: 'http://127.0.0.1:8080', path: '/a/b?c' }],
    ['HTTPS://x.example', { origin: 'https://x.example', path: '/' }],
    ['/relative', null],
    ['http://API.Example:80/x', { origin: 'http://api.example', path: '/x' }],
    ['data:,x', null],
  ])('%s', (url, parts) => expect(splitUrl(url)).toEqual(parts));
});
