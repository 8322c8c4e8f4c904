import { describe, expect, it } from 'vitest';
import { maskedPassword } from './masked-passwords.ts';

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
    ['https://4111111111111111@app.example/', 'https://REDACTED-SECRET@app.example/'],
    ['https://eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk:pw@api.example/', 'https://REDACTED-JWT:REDACTED-PASSWORD@api.example/'],
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
