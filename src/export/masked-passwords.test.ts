import { describe, expect, it } from 'vitest';
import { diagnose, type ObservedExchange } from '../cors/index.ts';
import { maskedPassword, withPasswordsMasked } from './masked-passwords.ts';

describe('maskedPassword', () => {
  it.each([
    ['https://ana:s3cret@api.example/next', 'https://ana:REDACTED-PASSWORD@api.example/next'],
    ['https://ana:p@ss@api.example/', 'https://ana:REDACTED-PASSWORD@api.example/'],
    ['https://:pw@api.example/', 'https://:REDACTED-PASSWORD@api.example/'],
    ['//ana:pw@api.example/', '//ana:REDACTED-PASSWORD@api.example/'],
    ['HTTPS:\\\\ana:pw@api.example\\x', 'HTTPS:\\\\ana:REDACTED-PASSWORD@api.example\\x'],
    [' https://ana:pw@api.example/', ' https://ana:REDACTED-PASSWORD@api.example/'],
    ['https://ana:a:b@api.example/', 'https://ana:REDACTED-PASSWORD@api.example/'],
    ['foo://ana:p\\w@host/', 'foo://ana:REDACTED-PASSWORD@host/'],
    // A user name alone stays, unless it is a credential by its shape.
    ['https://ana@api.example/', 'https://ana@api.example/'],
    ['https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.example/', 'https://REDACTED-TOKEN@github.example/'],
    // No password the parser would read: nothing added.
    ['https://ana:@api.example/', 'https://ana:@api.example/'],
    ['https://ana:\t@api.example/', 'https://ana:\t@api.example/'],
    // An `@` after the authority is no userinfo.
    ['https://api.example/a@b', 'https://api.example/a@b'],
    ['https://api.example\\@10.0.0.1/', 'https://api.example\\@10.0.0.1/'],
    ['https://api.example?x=a:b@c', 'https://api.example?x=a:b@c'],
    ['mailto:ana:pw@example.com', 'mailto:ana:pw@example.com'],
    ['/relative/a:b@c', '/relative/a:b@c'],
  ])('%j', (url, expected) => expect(maskedPassword(url)).toBe(expected));

  it('keeps what the URL parser reads: the origin, and that it has credentials', () => {
    for (const url of ['https://ana:s3cret@api.example:8443/next', 'https://:pw@api.example/', 'HTTPS:\\\\ana:pw@api.example\\x', 'https://a\tn:p\nw@api.example/']) {
      const before = new URL(url);
      const after = new URL(maskedPassword(url));
      expect(after.origin).toBe(before.origin);
      expect(after.username).toBe(before.username);
      expect(after.password).toBe(before.password === '' ? '' : 'REDACTED-PASSWORD');
      expect(after.pathname).toBe(before.pathname);
    }
  });
});

describe('withPasswordsMasked', () => {
  const exchange: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', 'https://app.example']], initiatorOrigin: 'https://app.example', mode: 'cors' },
    hops: [{ url: 'https://bob:hunter2x@api.example/start', response: { status: 302, headers: [['Location', 'https://ana:s3cretpw@api2.example/next'], ['Access-Control-Allow-Origin', 'https://app.example']] } }],
    errorText: 'net::ERR_FAILED',
  };
  it('masks the hops’ URLs and the Location, and the diagnosis stays the same', () => {
    const masked = withPasswordsMasked(exchange);
    expect(JSON.stringify(masked)).not.toMatch(/hunter2x|s3cretpw/);
    const { checks: before, ...restBefore } = diagnose(exchange);
    const { checks: after, ...restAfter } = diagnose(masked);
    expect(restAfter).toEqual(restBefore);
    expect(after.map((c) => c.found?.replace(/REDACTED-PASSWORD/, 's3cretpw'))).toEqual(before.map((c) => c.found));
  });
  it('returns the exchange itself when no URL has a password', () => {
    const plain: ObservedExchange = { ...exchange, hops: [{ url: 'https://api.example/', response: { status: 200, headers: [['Location', 'https://api.example/a@b']] } }] };
    expect(withPasswordsMasked(plain)).toBe(plain);
  });
});
