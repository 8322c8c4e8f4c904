import { describe, expect, it } from 'vitest';
import { redactHeaderNameShapes, redactNameShapes } from './redact-shapes.ts';

const b64 = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
const JWT = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'lower-cased-35' })}.c2lnbmF0dXJlLWxvd2Vy`;
const name = (text: string) => redactNameShapes(text, [], 'header-name');

describe('a credential lower-cased in a header name (a preflight list, the engine\'s words)', () => {
  it('a JWT wherever jwt.ts finds one glued: at the start, after `-` or `_`, after a word', () => {
    for (const before of ['', 'x-', 'x_', 'x-key-']) {
      expect(name(`${before}${JWT}`.toLowerCase())).toBe(`${before}REDACTED-JWT`);
    }
    expect(name(`abc${JWT}`.toLowerCase())).toBe('abcREDACTED-JWT');
  });

  it('keys whose prefix is in capitals: AWS, Google, SendGrid, age', () => {
    expect(name('x-akiaiosfodnn7example')).toBe('x-REDACTED-API-KEY');
    expect(name(`x-aiza${'b'.repeat(35)}`)).toBe('x-REDACTED-API-KEY');
    expect(name(`x-sg.${'c'.repeat(22)}.${'d'.repeat(43)}`)).toBe('x-REDACTED-API-KEY');
    expect(name(`x-age-secret-key-1${'q'.repeat(58)}`)).toBe('x-REDACTED-SECRET');
  });

  it('leaves ordinary names', () => {
    for (const plain of ['x-amz-server-side-encryption-customer-key-md5', 'access-control-request-headers', 'x-survey-answer']) expect(name(plain)).toBe(plain);
  });

  it('is linear on long names', () => {
    // No clock (see known-tokens.test.ts): a quadratic scan would not finish on these 2 MB names.
    const eys = '-ey'.repeat(700_000);
    expect(name(`${eys}.a.b`)).toBe(`${eys.slice(0, -1024)}${name(eys.slice(-1024) + '.a.b')}`);
    const dots = 'x-eyj.'.repeat(350_000);
    expect(name(dots)).toBe(dots);
    const sgs = '-sg.'.repeat(500_000);
    expect(name(sgs)).toBe(sgs);
  });
});

describe('a random-looking word in a header or cookie name (session 43)', () => {
  const headerName = (text: string) => redactHeaderNameShapes(text, [], 'header-name');
  it('a header or cookie name that is a token, or holds one between signs', () => {
    const token = 'Zq8Wm3Kx7Pv2Ln5Rt9Bc4Hd6Fj1Gs';
    expect(headerName(`X-${token}`)).toBe('X-REDACTED-OPAQUE-TOKEN');
    expect(headerName(`${token}_session`)).toBe('REDACTED-OPAQUE-TOKEN_session');
    expect(headerName(`x-r47${token.toLowerCase()}`)).toBe('x-REDACTED-OPAQUE-TOKEN');
    // A method is not judged so (the engine compares it; only a key's or a JWT's shape goes).
    expect(name(`X-${token}`)).toBe(`X-${token}`);
  });

  it('leaves names whose words are short, or long and not random', () => {
    for (const plain of ['X-Amz-Server-Side-Encryption-Customer-Key-MD5', 'X-Content-Security-Policy-Report-Only', 'X-Superlongheadernamewithoutanydigits', 'wp-settings-time-1', '__Secure-next-auth.session-token']) expect(headerName(plain)).toBe(plain);
  });
});
