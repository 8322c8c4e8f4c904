import { describe, expect, it } from 'vitest';
import { redactAuthorization, redactCookieList, redactSetCookie } from './redact-credentials.ts';

describe('redactSetCookie', () => {
  it.each([
    { about: 'one cookie, attributes kept', value: 'sid=s3cr3t; Path=/; HttpOnly', expected: 'sid=REDACTED-SET-COOKIE; Path=/; HttpOnly' },
    {
      about: 'lines folded with line breaks (Chromium protocol)',
      value: 'a=1; Path=/\nb=2; Secure\r\nc=3',
      expected: 'a=REDACTED-SET-COOKIE; Path=/\nb=REDACTED-SET-COOKIE; Secure\r\nc=REDACTED-SET-COOKIE',
    },
    {
      about: 'cookies folded with commas, an Expires date in between',
      value: 'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/, b=2; Max-Age=9',
      expected: 'a=REDACTED-SET-COOKIE; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/, b=REDACTED-SET-COOKIE; Max-Age=9',
    },
    {
      about: 'a comma after Expires that starts another cookie',
      value: 'a=1; Expires=Wed, b=2',
      expected: 'a=REDACTED-SET-COOKIE; Expires=Wed, b=REDACTED-SET-COOKIE',
    },
    { about: 'an unknown attribute may be a cookie', value: 'a=1; other=2', expected: 'a=REDACTED-SET-COOKIE; other=REDACTED-SET-COOKIE' },
    { about: 'a cookie without a name', value: 'justavalue; Path=/', expected: 'REDACTED-SET-COOKIE; Path=/' },
    { about: 'an empty value stays empty', value: 'a=; Max-Age=0', expected: 'a=; Max-Age=0' },
  ])('$about', ({ value, expected }) => {
    expect(redactSetCookie(value).value).toBe(expected);
    // Idempotent: nothing left to take.
    expect(redactSetCookie(expected)).toEqual({ value: expected, changed: false });
  });
});

describe('redactCookieList', () => {
  it('takes every value and keeps the names', () => {
    expect(redactCookieList('sid=s3cr3t; theme=dark, x=1\ny=2').value).toBe(
      'sid=REDACTED-COOKIE; theme=REDACTED-COOKIE, x=REDACTED-COOKIE\ny=REDACTED-COOKIE',
    );
  });
});

describe('redactAuthorization', () => {
  it.each([
    ['Bearer abc', 'Bearer REDACTED-AUTHORIZATION'],
    ['Basic dXNlcjpwYXNz', 'Basic REDACTED-AUTHORIZATION'],
    ['Digest username="a", response="b"', 'Digest REDACTED-AUTHORIZATION'],
    ['AWS4-HMAC-SHA256 Credential=x, Signature=y', 'AWS4-HMAC-SHA256 REDACTED-AUTHORIZATION'],
    // An unknown first word may itself be the secret.
    ['s3cr3t-token rest', 'REDACTED-AUTHORIZATION'],
    ['s3cr3t', 'REDACTED-AUTHORIZATION'],
  ])('%s', (value, expected) => expect(redactAuthorization(value).value).toBe(expected));
});

describe('a cookie named after a credential', () => {
  // cookie-name-token.har (session 34): `Cookie: ghp_…=1` kept its token as the name.
  const GITHUB = 'ghp_CKNAMEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1';
  const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDS05BTUUifQ.Y2tuYW1lSldUc2lnbmF0dXJlMTIzNDU2';
  it.each([
    { about: 'a GitHub token', value: `${GITHUB}=1; session=abc`, expected: 'REDACTED-TOKEN=REDACTED-COOKIE; session=REDACTED-COOKIE' },
    { about: 'a Stripe key with an empty value', value: 'sk_live_CKNAME0123456789abcdefgh=', expected: 'REDACTED-API-KEY=' },
    { about: 'a JWT', value: `${JWT}=1`, expected: 'REDACTED-JWT=REDACTED-COOKIE' },
  ])('Cookie: $about', ({ value, expected }) => {
    expect(redactCookieList(value)).toEqual({ value: expected, changed: true });
    expect(redactCookieList(expected)).toEqual({ value: expected, changed: false });
  });

  it('Set-Cookie: the name goes, the attributes and an ordinary name stay', () => {
    expect(redactSetCookie(`${GITHUB}=1; Path=/; HttpOnly, session=2`).value).toBe('REDACTED-TOKEN=REDACTED-SET-COOKIE; Path=/; HttpOnly, session=REDACTED-SET-COOKIE');
  });
});
