import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../exchange.ts';
import { addServerAllows, addServerAllowsAt, addServerAnswer, mergeAllowHeaders, mergeAllowMethods, mergeExposeHeaders, noServerAllows, SERVER_ALLOWS_LIMIT, serverAllowsAt } from './server-allows.ts';

describe('mergeAllowHeaders: the server list as it answered, then each needed name it lacks', () => {
  it.each([
    { case: 'adds the missing name after the server list, its spelling kept', server: ['Content-Type', 'Authorization', 'X-Requested-With'], needed: ['x-trace-id'], credentials: false, out: ['Content-Type', 'Authorization', 'X-Requested-With', 'x-trace-id'] },
    { case: 'names compare case-insensitively: nothing added twice', server: ['Content-Type', 'X-Trace-Id'], needed: ['content-type', 'x-trace-id'], credentials: false, out: ['Content-Type', 'X-Trace-Id'] },
    { case: 'no server list: the needed names', server: [], needed: ['content-type', 'x-trace-id'], credentials: false, out: ['content-type', 'x-trace-id'] },
    { case: '* without credentials covers a needed name: kept alone', server: ['*'], needed: ['x-trace-id'], credentials: false, out: ['*'] },
    { case: '* never covers Authorization: added beside it', server: ['*'], needed: ['authorization', 'x-trace-id'], credentials: false, out: ['*', 'authorization'] },
    { case: '* with credentials is a literal name: every needed name added, * kept', server: ['*'], needed: ['x-trace-id'], credentials: true, out: ['*', 'x-trace-id'] },
    { case: 'the server list with credentials', server: ['Content-Type'], needed: ['x-trace-id'], credentials: true, out: ['Content-Type', 'x-trace-id'] },
  ])('$case', ({ server, needed, credentials, out }) => {
    expect(mergeAllowHeaders(server, needed, credentials)).toEqual(out);
  });
});

describe('mergeAllowMethods: beyond GET, HEAD, POST, the server list, then each needed method it lacks', () => {
  it.each([
    { case: 'keeps PUT, PATCH, DELETE the server allowed', server: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], needed: [], credentials: false, out: ['PUT', 'PATCH', 'DELETE'] },
    { case: 'methods compare case-sensitively: patch is added beside PATCH', server: ['GET', 'POST', 'PATCH', 'DELETE'], needed: ['patch'], credentials: false, out: ['PATCH', 'DELETE', 'patch'] },
    { case: 'a method the server lists is not added twice', server: ['PUT'], needed: ['PUT'], credentials: false, out: ['PUT'] },
    { case: 'no server list: the needed ones, safelisted left out', server: [], needed: ['PUT', 'GET'], credentials: false, out: ['PUT'] },
    { case: '* without credentials covers every method', server: ['*'], needed: ['PUT'], credentials: false, out: ['*'] },
    { case: '* with credentials is a literal name: the method is added', server: ['*'], needed: ['PUT'], credentials: true, out: ['*', 'PUT'] },
    { case: 'a lower-case get is not the safelisted GET: kept', server: ['get'], needed: [], credentials: false, out: ['get'] },
  ])('$case', ({ server, needed, credentials, out }) => {
    expect(mergeAllowMethods(server, needed, credentials)).toEqual(out);
  });
});

describe('mergeExposeHeaders', () => {
  it('keeps the server list and adds what the page cannot read', () => {
    expect(mergeExposeHeaders(['X-Total'], ['x-request-id', 'x-total'], false)).toEqual(['X-Total', 'x-request-id']);
  });
  it('* exposes everything without credentials; with them it is a literal name', () => {
    expect(mergeExposeHeaders(['*'], ['x-request-id'], false)).toEqual(['*']);
    expect(mergeExposeHeaders(['*'], ['x-request-id'], true)).toEqual(['*', 'x-request-id']);
  });
});

describe('addServerAnswer / addServerAllows: what the server answered, and the union of its answers', () => {
  it('reads the lists, credentials and max-age; tokens only', () => {
    const s = noServerAllows();
    addServerAnswer(s, [
      ['Access-Control-Allow-Methods', 'GET, PUT,PATCH'],
      ['Access-Control-Allow-Headers', 'Content-Type, Authorization'],
      ['access-control-allow-headers', 'content-type, X Bad'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Expose-Headers', 'X-Total'],
      ['Access-Control-Max-Age', '86400'],
    ]);
    expect(s).toEqual({ methods: ['GET', 'PUT', 'PATCH'], headers: ['Content-Type', 'Authorization'], expose: ['X-Total'], credentials: true, maxAge: 86400, dropped: ['X Bad'], droppedMethods: [], cut: [] });
  });

  it('credentials only for the value true, byte for byte; max-age only as delta-seconds', () => {
    const s = noServerAllows();
    addServerAnswer(s, [['Access-Control-Allow-Credentials', 'True'], ['Access-Control-Max-Age', '-1']]);
    expect(s.credentials).toBe(false);
    expect(s.maxAge).toBeNull();
  });

  it("max-age at most Firefox's cap: a 10-digit value fits no snippet's integer field", () => {
    const s = noServerAllows();
    addServerAnswer(s, [['Access-Control-Max-Age', '9999999999']]);
    expect(s.maxAge).toBe(86400);
  });

  it('two preflights to one server: the union, methods case-sensitively, headers not', () => {
    const a = noServerAllows();
    addServerAnswer(a, [['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'Content-Type'], ['Access-Control-Max-Age', '600']]);
    const b = noServerAllows();
    addServerAnswer(b, [['Access-Control-Allow-Methods', 'put, DELETE'], ['Access-Control-Allow-Headers', 'content-type, Authorization'], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Max-Age', '7200']]);
    addServerAllows(a, b);
    expect(a).toMatchObject({ methods: ['PUT', 'put', 'DELETE'], headers: ['Content-Type', 'Authorization'], credentials: true, maxAge: 7200 });
  });

  // Review s38 R (trunc70.har): a server allowing 70 headers had 64 kept, silently; the snippet
  // replacing its lines lost 6.
  it('keeps a real server\'s long list whole', () => {
    const s = noServerAllows();
    addServerAnswer(s, [['Access-Control-Allow-Headers', Array.from({ length: 70 }, (_, i) => `x-h${i}`).join(',')]]);
    expect(s.headers).toHaveLength(70);
    expect(s.cut).toEqual([]);
  });

  it('keeps at most SERVER_ALLOWS_LIMIT values of a kind and counts each distinct one left out', () => {
    const s = noServerAllows();
    const names = Array.from({ length: SERVER_ALLOWS_LIMIT + 6 }, (_, i) => `x-h${i}`);
    addServerAnswer(s, [['Access-Control-Allow-Headers', [...names, ...names.map((n) => n.toUpperCase())].join(',')]]);
    expect(s.headers).toHaveLength(SERVER_ALLOWS_LIMIT);
    expect(s.cut).toHaveLength(6);
    const merged = noServerAllows();
    addServerAllows(merged, s);
    addServerAllows(merged, s);
    expect(merged.headers).toHaveLength(SERVER_ALLOWS_LIMIT);
    expect(merged.cut).toHaveLength(6);
  });
});

describe('addServerAllowsAt: addServerAllows(into, serverAllowsAt(...)), each distinct set of answers read once', () => {
  type Lines = [string, string][];
  const exchange = (preflight: Lines | null, response: Lines, urls = ['https://api.example/x']): ObservedExchange => ({
    request: { method: 'PUT', headers: [['Origin', 'https://app.example']] },
    hops: urls.map((url) => ({
      url,
      ...(preflight === null ? {} : { preflight: { url, requestHeaders: [], response: { status: 204, headers: preflight } } }),
      response: { status: 200, headers: response },
    })),
  });
  // Sets of lines whose names and values run together alike: a key made by joining them would
  // take the second for the first and add the first's answers again.
  const runTogether: ObservedExchange[] = [
    exchange([['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'X-A']], []),
    exchange([['Access-Control-Allow-Methods', 'PUTaccess-control-allow-headersX-A']], []),
    exchange([['Access-Control-Allow-Methods', 'PUT']], [['Access-Control-Allow-Headers', 'X-A']]),
    exchange(null, [['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'X-A']]),
    exchange([['Access-Control-Allow-Methods', 'PUT, DELETE'], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Max-Age', '600']], [['access-control-expose-headers', 'X-Total']]),
    exchange([['Access-Control-Allow-Methods', 'PUT, DELETE'], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Max-Age', '600']], [['access-control-expose-headers', 'X-Total']]),
    exchange([['Access-Control-Allow-Methods', 'patch'], ['Access-Control-Max-Age', '7200']], [], ['https://api.example/x', 'https://api.example/y']),
    exchange([['Access-Control-Allow-Headers', 'X-Long-' + 'a'.repeat(5000)]], []),
  ];

  it.each(runTogether.map((_, i) => ({ first: i })))('reads the same as the full read, each exchange after the ones before it (from #$first)', ({ first }) => {
    const fast = noServerAllows();
    const full = noServerAllows();
    for (const e of [...runTogether.slice(first), ...runTogether.slice(0, first)]) {
      addServerAllowsAt(fast, e, 0);
      addServerAllows(full, serverAllowsAt(e, 0));
      expect(fast).toEqual(full);
    }
  });

  it('a hop past the one captured reads no answers, and leaves nothing for hop 0 to read back', () => {
    const fast = noServerAllows();
    addServerAllowsAt(fast, runTogether[4]!, 1);
    expect(fast).toEqual(noServerAllows());
    addServerAllowsAt(fast, runTogether[5]!, 0);
    expect(fast.methods).toEqual(['PUT', 'DELETE']);
  });

  it('a new configuration takes answers another one took already', () => {
    const a = noServerAllows();
    addServerAllowsAt(a, runTogether[4]!, 0);
    const b = noServerAllows();
    addServerAllowsAt(b, runTogether[5]!, 0);
    expect(b).toEqual(a);
    expect(b.methods).toEqual(['PUT', 'DELETE']);
  });
});
