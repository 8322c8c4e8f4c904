import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptMethods, neededPolicy, requestNeeds, splitUrl } from './policy.ts';
import { API, PAGE, diagnosed, exchangeOf } from './test-diagnosis.ts';

describe('neededPolicy', () => {
  it('collects non-safelisted methods and headers from the reasons and from the preflight request', () => {
    const x = exchangeOf({
      method: 'DELETE',
      headers: [['Origin', PAGE], ['X-Trace', '1']],
      credentialsMode: 'include',
      hops: [{
        url: `${API}/items/1?x=1`,
        preflight: {
          url: `${API}/items/1`,
          requestHeaders: [['Access-Control-Request-Method', 'DELETE'], ['Access-Control-Request-Headers', 'authorization,x-trace']],
          response: { status: 401, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']] },
        },
        response: null,
      }],
      errorText: 'net::ERR_FAILED',
    });
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('PreflightInvalidStatus');
    const p = neededPolicy(diagnosis, x);
    expect(p).toMatchObject({
      origin: PAGE, originReplaced: false, credentials: true,
      methods: ['DELETE'], headers: ['x-trace', 'authorization'], preflight: true,
      targetOrigin: API, targetPath: '/items/1?x=1',
    });
  });

  it.each([
    ['GET', [], []],
    ['POST', [], []],
    ['PATCH', ['PATCH'], []],
  ])('%s needs methods %j', (method, methods, headers) => {
    const x = exchangeOf({ method, errorText: 'net::ERR_FAILED' });
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('MissingAllowOriginHeader');
    const p = neededPolicy(diagnosis, x);
    expect(p.methods).toEqual(methods);
    expect(p.headers).toEqual(headers);
  });

  it('drops what is not a token and replaces an invalid origin', () => {
    const origin = 'javascript:alert(1)';
    const x = exchangeOf({
      method: 'PUT',
      origin,
      headers: [['Origin', origin], ['x<y', '1']],
      hops: [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x<y']], response: { status: 204, headers: [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Methods', 'PUT']] } }, response: null }],
      errorText: 'net::ERR_FAILED',
    });
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.verdict).toBe('blocked');
    const p = neededPolicy(diagnosis, x);
    expect(p.headers).not.toContain('x<y');
    expect(p.dropped).toContain('x<y');
    expect(p).toMatchObject({ origin: 'https://your-app.example', originReplaced: true });
  });
});

describe('requestNeeds', () => {
  it('is the part of neededPolicy the request decides, its dropped values kept by kind', () => {
    const x = exchangeOf({
      method: 'PUT',
      headers: [['Origin', PAGE], ['Cookie', 'a=1'], ['X-Trace', '1'], ['x<y', '1']],
      credentialsMode: 'include',
      hops: [{ url: `${API}/x`, preflight: { url: `${API}/x`, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-trace,x<y']], response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']] } }, response: null }],
      errorText: 'net::ERR_FAILED',
    });
    const { diagnosis } = diagnosed(x);
    const needs = requestNeeds(diagnosis, x);
    const policy = neededPolicy(diagnosis, x);
    expect(needs).toEqual({
      origin: { value: policy.origin, replaced: policy.originReplaced },
      originTainted: false,
      originOpaque: false,
      credentials: policy.credentials,
      methods: { values: policy.methods, dropped: [] },
      headers: { values: policy.headers, dropped: ['x<y'] },
    });
    expect(needs).toMatchObject({ origin: { value: PAGE, replaced: false }, credentials: true, methods: { values: ['PUT'] } });
    expect(needs.headers.values).toContain('x-trace');
  });
});

/**
 * An exchange redirected by `status` from the API to `to`, whose target answered without CORS
 * headers: the request the target saw is the one after the redirect (fetch's steps 12-13).
 */
const redirectedTo = (method: string, headers: [string, string][], status: number, to: string, preflight = false) =>
  exchangeOf({
    method,
    headers: [['Origin', PAGE], ...headers],
    hops: [
      { url: `${API}/r`, ...(preflight ? { preflight: { url: `${API}/r`, requestHeaders: [['Access-Control-Request-Method', method], ['Access-Control-Request-Headers', headers.map(([n]) => n.toLowerCase()).join(',')]], response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', method], ['Access-Control-Allow-Headers', headers.map(([n]) => n).join(', ')]] } } } : {}), response: { status, headers: [['Access-Control-Allow-Origin', PAGE], ['Location', to]] } },
      { url: to, response: { status: 200, headers: [] } },
    ],
    errorText: 'net::ERR_FAILED',
  });

describe('requestNeeds at a later hop: the request as the redirect changed it', () => {
  it.each<[string, ReturnType<typeof exchangeOf>, { methods: string[]; headers: string[] }]>([
    ['POST with Authorization, 302 across origins: GET, no Authorization', redirectedTo('POST', [['Authorization', 'Bearer x'], ['Content-Type', 'text/plain']], 302, 'http://localhost:9/final', true), { methods: [], headers: [] }],
    ['PUT with X-Trace, 303 across origins: GET, X-Trace kept', redirectedTo('PUT', [['X-Trace', '1'], ['Content-Type', 'application/json']], 303, 'http://localhost:9/final', true), { methods: [], headers: ['x-trace'] }],
    ['PUT with Authorization, 307 across origins: PUT, no Authorization', redirectedTo('PUT', [['Authorization', 'Bearer x']], 307, 'http://localhost:9/final', true), { methods: ['PUT'], headers: [] }],
    ['PUT with Authorization, 307 within the origin: PUT and Authorization', redirectedTo('PUT', [['Authorization', 'Bearer x']], 307, `${API}/final`, true), { methods: ['PUT'], headers: ['authorization'] }],
  ])('%s', (_n, x, expected) => {
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.failedAt?.hop).toBe(1);
    const needs = requestNeeds(diagnosis, x);
    expect({ methods: needs.methods.values, headers: needs.headers.values }).toEqual(expected);
  });
});

describe('splitUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/a/b?c#d', { origin: 'http://127.0.0.1:8080', path: '/a/b?c' }],
    ['HTTPS://x.example', { origin: 'https://x.example', path: '/' }],
    ['/relative', null],
    ['http://API.Example:80/x', { origin: 'http://api.example', path: '/x' }],
    ['data:,x', null],
    ['https://x.example?q=1', { origin: 'https://x.example', path: '/?q=1' }],
    ['https://x.example/a?', { origin: 'https://x.example', path: '/a' }],
    ['https://x.example/a/../b/%2e/c', { origin: 'https://x.example', path: '/b/c' }],
  ])('%s', (url, parts) => expect(splitUrl(url)).toEqual(parts));

  it('splits a URL where it stands as the URL parser splits it', () => {
    const piece = fc.oneof(fc.constantFrom('/', '?', '#', '.', '..', '%2e', '%2E', '%', '\\', ' ', "'", '"', '`', '{', 'é', '\t', ':', '@', '=', '&', '~', '!', '*', '(', '|'), fc.stringMatching(/^[a-z0-9]{1,4}$/));
    const url = fc
      .tuple(fc.constantFrom('http://', 'https://', 'HTTP://'), fc.constantFrom('api.example', 'API.example', '127.0.0.1', 'x.example:8443', 'x.example:443', '[::1]'), fc.array(piece, { maxLength: 10 }))
      .map(([scheme, host, rest]) => `${scheme}${host}${rest.join('')}`);

    fc.assert(
      fc.property(url, (u) => {
        const parsed = URL.canParse(u) ? new URL(u) : null;
        expect(splitUrl(u)).toEqual(parsed === null ? null : { origin: parsed.origin, path: parsed.pathname + parsed.search });
      }),
      { numRuns: 5000, seed: 24 },
    );
  });
});

// The browser splits a header list at commas only (https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split):
// an item that is no token is what makes the list unparsable, and a fix does not read it as the
// methods it might stand for (`DEL;ETE` is no two methods). The items that are tokens stay.
describe('keptMethods: what a fix keeps of an unparsable Access-Control-Allow-Methods', () => {
  it.each<[string, string | null, string, string[], string[]]>([
    ["an item with ';' is dropped, not read as GET and PATCH", 'GET;PATCH', 'PATCH', ['PATCH'], ['GET;PATCH']],
    ["nor as DEL and ETE", 'DEL;ETE', 'DELETE', ['DELETE'], ['DEL;ETE']],
    ['an item with a space', 'GET PUT', 'PUT', ['PUT'], ['GET PUT']],
    ['the tokens around it stay, in order', 'GET, PUT;DELETE, PATCH', 'PATCH', ['GET', 'PATCH'], ['PUT;DELETE']],
    ["the request's method added when missing", 'GET, POST;x', 'PATCH', ['GET', 'PATCH'], ['POST;x']],
    ['method names compare case-sensitively', 'patch, get;x', 'PATCH', ['patch', 'PATCH'], ['get;x']],
    ['a safelisted method needs no listing', 'PUT, "DELETE"', 'POST', ['PUT'], ['"DELETE"']],
    ["nothing kept: the request's method", 'PUT/DELETE', 'POST', ['POST'], ['PUT/DELETE']],
    ['each item once', 'GET;PATCH, GET;PATCH, PUT, PUT', 'PATCH', ['PUT', 'PATCH'], ['GET;PATCH']],
    ['no header', null, 'PATCH', ['PATCH'], []],
  ])('%s: %j before a %s', (_about, sent, method, values, dropped) => {
    expect(keptMethods(sent, method)).toEqual({ values, dropped });
  });
});
