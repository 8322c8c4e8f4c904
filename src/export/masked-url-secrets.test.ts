import { describe, expect, it } from 'vitest';
import { diagnose, type ObservedExchange } from '../cors/index.ts';
import { withUrlSecretsMasked } from './masked-url-secrets.ts';
import { maskedUrl } from './masked-url.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const GHP = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

describe('maskedUrl', () => {
  it.each([
    ['https://api.example/items?token=abc123&page=2', 'https://api.example/items?token=REDACTED-QUERY-SECRET&page=2'],
    ['https://api.example/items?api_key=abc&x=1', 'https://api.example/items?api_key=REDACTED-QUERY-SECRET&x=1'],
    ['https://b.s3.example/k?X-Amz-Date=20130524T000000Z&X-Amz-Signature=aeeed9bbccd4d02ee5c0', 'https://b.s3.example/k?X-Amz-Date=20130524T000000Z&X-Amz-Signature=REDACTED-QUERY-SECRET'],
    ['https://x.blob.example/c/b?sv=2019&sig=abcDEF%2Bghi%3D', 'https://x.blob.example/c/b?sv=2019&sig=REDACTED-QUERY-SECRET'],
    [`https://api.example/u/${JWT}/x`, 'https://api.example/u/REDACTED-JWT/x'],
    [`https://api.example/gh/${GHP}`, 'https://api.example/gh/REDACTED-TOKEN'],
    [`https://api.example/s?q=${JWT}`, 'https://api.example/s?q=REDACTED-JWT'],
    ['https://api.example/cb#access_token=abc&state=1', 'https://api.example/cb#access_token=REDACTED-QUERY-SECRET&state=1'],
    ['https://api.example?token=abc', 'https://api.example?token=REDACTED-QUERY-SECRET'],
    ['HTTPS:\\\\api.example\\x?token=abc', 'HTTPS:\\\\api.example\\x?token=REDACTED-QUERY-SECRET'],
    // The password as before (user name kept), and the query's secrets with it.
    ['https://ana:pw@api.example/x?token=abc', 'https://ana:REDACTED-PASSWORD@api.example/x?token=REDACTED-QUERY-SECRET'],
    [`https://${GHP}@github.example/`, 'https://REDACTED-TOKEN@github.example/'],
    // A Location may be relative.
    ['/cb?code=abc', '/cb?code=REDACTED-QUERY-SECRET'],
    ['//h.example/cb?access_token=abc', '//h.example/cb?access_token=REDACTED-QUERY-SECRET'],
    ['?token=abc', '?token=REDACTED-QUERY-SECRET'],
    // A name shaped like a secret is masked on its own, whatever its value: a placeholder (a capture
    // sanitized before) or nothing leaves the pair's value as it is, never the name.
    ['https://api.example/k?sk_live_51HrealSECRETabcdefghijklmnop=REDACTED-TOKEN', 'https://api.example/k?REDACTED-API-KEY=REDACTED-TOKEN'],
    ['https://api.example/k?sk_live_51HrealSECRETabcdefghijklmnop=', 'https://api.example/k?REDACTED-API-KEY='],
    ['https://api.example/k#sk_live_51HrealSECRETabcdefghijklmnop=REDACTED-QUERY-SECRET', 'https://api.example/k#REDACTED-API-KEY=REDACTED-QUERY-SECRET'],
  ])('%j', (url, expected) => expect(maskedUrl(url)).toBe(expected));

  it.each([
    'https://api.example/v1/items/490',
    'http://127.0.0.1:33135/__probe?1',
    'https://api.example/s?q=hello&page=2',
    'https://api.example',
    'https://api.example:8443/',
    'data:text/plain,hello',
    'blob:https://app.example/1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    'https://ana@api.example/a@b',
    'not a url',
    '',
  ])('%j holds no secret: itself', (url) => expect(maskedUrl(url)).toBe(url));

  it('keeps what CORS reads: the origin, and whether the URL has credentials', () => {
    for (const url of [`https://ana:pw@api.example:8443/${JWT}?token=abc#sig=x`, `https://api.example/${GHP}?api_key=1`, 'HTTPS:\\\\api.example\\x?token=abc', 'wss://ws.example/socket?access_token=abc']) {
      const before = new URL(url);
      const after = new URL(maskedUrl(url));
      expect(after.origin).toBe(before.origin);
      expect(after.username).toBe(before.username);
      expect(after.password === '').toBe(before.password === '');
      expect(maskedUrl(url)).not.toMatch(/abc|\bpw\b|ghp_|eyJ/);
    }
  });
});

describe('withUrlSecretsMasked', () => {
  const exchange: ObservedExchange = {
    request: { method: 'PUT', headers: [['Origin', 'https://app.example'], ['Content-Type', 'application/json']], initiatorOrigin: 'https://app.example', mode: 'cors' },
    hops: [
      {
        url: 'https://bob:hunter2x@api.example/start?token=tok_first1',
        preflight: {
          url: 'https://bob:hunter2x@api.example/start?token=tok_first1',
          requestHeaders: [['Origin', 'https://app.example'], ['Access-Control-Request-Method', 'PUT']],
          response: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type']] },
        },
        response: { status: 307, headers: [['Location', `https://ana:s3cretpw@api2.example/next/${JWT}?code=code_second2`], ['Access-Control-Allow-Origin', 'https://app.example']] },
      },
    ],
    errorText: 'net::ERR_FAILED',
  };
  const preflightRedirect: ObservedExchange = {
    ...exchange,
    hops: [{ url: 'https://api.example/p?sig=sig_third3', preflight: { url: 'https://api.example/p?sig=sig_third3', requestHeaders: [], response: { status: 302, headers: [['Location', 'https://api.example/q?api_key=key_fourth4']] } }, response: null }],
  };
  const SECRETS = /hunter2x|s3cretpw|tok_first1|code_second2|eyJ|sig_third3|key_fourth4/;

  it.each([
    ['a redirect refused for its credentials', exchange],
    ['a preflight answered with a redirect', preflightRedirect],
  ])('%s: the hops’ and preflights’ URLs and each Location are masked, and the diagnosis stays the same', (_name, captured) => {
    expect(JSON.stringify(captured)).toMatch(SECRETS);
    const masked = withUrlSecretsMasked(captured);
    expect(JSON.stringify(masked)).not.toMatch(SECRETS);
    const { checks: before, ...restBefore } = diagnose(captured);
    const { checks: after, ...restAfter } = diagnose(masked);
    expect(restAfter).toEqual(restBefore);
    expect(after.map((c) => ({ ...c, found: c.found === undefined || c.found === null ? c.found : 'URL' }))).toEqual(before.map((c) => ({ ...c, found: c.found === undefined || c.found === null ? c.found : 'URL' })));
    expect(after.map((c) => c.found).filter((found) => found?.includes('REDACTED-') === true).length).toBeGreaterThan(0);
  });

  it('a hop whose URL reads as the first’s once masked, but differed as captured, says so; the same URL redirected to does not', () => {
    const hop = (url: string) => ({ url, response: { status: 302, headers: [] } });
    const chain: ObservedExchange = {
      ...exchange,
      hops: [hop('https://api.example/a?token=tok_aaaaaaaaaaaa'), hop('https://api.example/b?token=tok_aaaaaaaaaaaa'), hop('https://api.example/a?token=tok_bbbbbbbbbbbb'), hop('https://api.example/a?token=tok_aaaaaaaaaaaa')],
    };
    const masked = withUrlSecretsMasked(chain);
    expect(masked.hops.map((h) => h.url)).toEqual(['https://api.example/a?token=REDACTED-QUERY-SECRET', 'https://api.example/b?token=REDACTED-QUERY-SECRET', 'https://api.example/a?token=REDACTED-QUERY-SECRET', 'https://api.example/a?token=REDACTED-QUERY-SECRET']);
    expect(masked.hops.map((h) => h.urlDiffersFromFirst)).toEqual([undefined, undefined, true, undefined]);
  });

  it('returns the exchange itself when no URL holds a secret', () => {
    const plain: ObservedExchange = { ...exchange, hops: [{ url: 'https://api.example/', response: { status: 200, headers: [['Location', 'https://api.example/a@b?page=2']] } }] };
    expect(withUrlSecretsMasked(plain)).toBe(plain);
  });

  it('masks an origin as the exports redact it: the request’s and the preflight’s Origin, the page’s, each Access-Control-Allow-Origin', () => {
    const page = 'https://ana:originpw1@app.example';
    const allowed = 'https://app.example/?token=sk_live_allowsecret2';
    const captured: ObservedExchange = {
      request: { method: 'PUT', headers: [['Origin', page]], initiatorOrigin: page, mode: 'cors' },
      hops: [
        {
          url: 'https://api.example/a',
          preflight: {
            url: 'https://api.example/a',
            requestHeaders: [['origin', page], ['Access-Control-Request-Method', 'PUT']],
            response: { status: 204, headers: [['Access-Control-Allow-Origin', page], ['Access-Control-Allow-Methods', 'PUT']] },
          },
          response: { status: 200, headers: [['ACCESS-CONTROL-ALLOW-ORIGIN', allowed]] },
        },
      ],
    };
    const masked = withUrlSecretsMasked(captured);
    expect(JSON.stringify(masked)).not.toMatch(/originpw1|sk_live_allowsecret2/);
    // Session 34: the user name stays, as in the hop URLs explain prints beside it (`maskedUrl`).
    const shown = 'https://ana:REDACTED-PASSWORD@app.example';
    expect(masked.request.initiatorOrigin).toBe(shown);
    expect(masked.request.headers).toEqual([['Origin', shown]]);
    expect(masked.hops[0]!.preflight?.requestHeaders[0]).toEqual(['origin', shown]);
    expect(masked.hops[0]!.preflight?.response?.headers[0]).toEqual(['Access-Control-Allow-Origin', shown]);
    expect(masked.hops[0]!.response?.headers).toEqual([['ACCESS-CONTROL-ALLOW-ORIGIN', 'https://app.example/?token=REDACTED-QUERY-SECRET']]);
    // What it holds beyond an origin is what goes: the verdict is the same.
    for (const answered of [allowed, page]) {
      const exchange: ObservedExchange = { ...captured, hops: [{ ...captured.hops[0]!, response: { status: 200, headers: [['Access-Control-Allow-Origin', answered]] } }] };
      const before = diagnose(exchange);
      const after = diagnose(withUrlSecretsMasked(exchange));
      expect([after.verdict, after.corsError, after.checks.map((c) => [c.name, c.outcome])]).toEqual([before.verdict, before.corsError, before.checks.map((c) => [c.name, c.outcome])]);
    }
  });

  it('an origin with userinfo reads as a hop URL with the same userinfo (session 34)', () => {
    const userinfo = 'https://ana:pw3@app.example';
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', userinfo]], initiatorOrigin: userinfo, mode: 'cors' },
      hops: [{ url: `${userinfo}/next`, response: { status: 200, headers: [['Access-Control-Allow-Origin', userinfo]] } }],
    };
    const masked = withUrlSecretsMasked(exchange);
    expect(masked.hops[0]!.url).toBe('https://ana:REDACTED-PASSWORD@app.example/next');
    expect(masked.request.initiatorOrigin).toBe('https://ana:REDACTED-PASSWORD@app.example');
    expect(masked.hops[0]!.response?.headers[0]![1]).toBe('https://ana:REDACTED-PASSWORD@app.example');
    // A user name shaped like a credential goes in both; a list is redacted as the exports do.
    const token = `https://ghp_${'a'.repeat(36)}@app.example`;
    const withToken = withUrlSecretsMasked({ ...exchange, request: { ...exchange.request, initiatorOrigin: token }, hops: [{ url: `${token}/next`, response: null }] });
    expect(withToken.request.initiatorOrigin).toBe('https://REDACTED-TOKEN@app.example');
    expect(withToken.hops[0]!.url).toBe('https://REDACTED-TOKEN@app.example/next');
    // A JWT as the user name, judged as the exports judge names (`redactNameShapes`): its parts look
    // random to no rule (the header is base64 of known JSON, the signature one case), so it showed.
    const jwt = 'https://eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk@app.example';
    const withJwt = withUrlSecretsMasked({ ...exchange, request: { ...exchange.request, initiatorOrigin: jwt }, hops: [{ url: `${jwt}/next`, response: { status: 200, headers: [['Access-Control-Allow-Origin', jwt]] } }] });
    expect(withJwt.request.initiatorOrigin).toBe('https://REDACTED-JWT@app.example');
    expect(withJwt.hops[0]!.url).toBe('https://REDACTED-JWT@app.example/next');
    expect(withJwt.hops[0]!.response?.headers[0]![1]).toBe('https://REDACTED-JWT@app.example');
    const list = withUrlSecretsMasked({ ...exchange, hops: [{ url: 'https://api.example/', response: { status: 200, headers: [['Access-Control-Allow-Origin', `${userinfo}, https://b.example`]] } }] });
    expect(list.hops[0]!.response?.headers[0]![1]).toBe('https://REDACTED-AUTHORIZATION@app.example, https://b.example');
  });

  it('returns the exchange itself when every origin is one', () => {
    const plain: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', 'https://app.example:8443']], initiatorOrigin: 'https://app.example:8443' },
      hops: [{ url: 'https://api.example/', response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }],
    };
    expect(withUrlSecretsMasked(plain)).toBe(plain);
    const opaque: ObservedExchange = { ...plain, request: { ...plain.request, headers: [['Origin', 'null']], initiatorOrigin: null } };
    expect(withUrlSecretsMasked(opaque)).toBe(opaque);
  });
});
