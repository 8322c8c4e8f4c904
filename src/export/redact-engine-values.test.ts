import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corsSafelistVerdict } from '../cors/index.ts';
import type { Redaction } from './redaction.ts';
import { redactEngineValue, redactInPlace } from './redact-engine-values.ts';

describe('redactEngineValue', () => {
  const cases: { about: string; name: string; value: string; expected: string; where: string[] }[] = [
    {
      about: 'an API key in a Content-Type parameter, in place and at the same length',
      name: 'content-type',
      value: 'application/json; apikey=sk_live_cnry20abcdefghijkl',
      expected: 'application/json; apikey=REDACTED-API-KEY----------',
      where: ['content-type:apikey'],
    },
    {
      about: 'a multipart boundary is no secret, however random it looks: the body is cut by it',
      name: 'content-type',
      value: 'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW',
      expected: 'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW',
      where: [],
    },
    {
      about: 'a secret shorter than its placeholder takes its first letters',
      name: 'accept',
      value: 'text/html; token=abc, */*',
      expected: 'text/html; token=RED, */*',
      where: ['accept:token'],
    },
    {
      about: 'a CORS-unsafe byte inside the secret stays where it was (it makes the value unsafe)',
      name: 'content-type',
      value: 'text/plain; token="ab(c@d)ef"',
      expected: 'text/plain; token="RE(D@A)CT"',
      where: ['content-type:token'],
    },
    {
      about: 'a byte no language value holds stays in Accept-Language',
      name: 'accept-language',
      value: 'en;q=0.9, apikey=sk_live_cnry20abcdefghijkl',
      expected: 'en;q=0.9, apikey=RE_DACT_ED-API-KEY--------',
      where: ['accept-language:apikey'],
    },
    { about: 'an ordinary Content-Type', name: 'content-type', value: 'text/plain; charset=utf-8', expected: 'text/plain; charset=utf-8', where: [] },
    {
      about: 'userinfo in an Origin',
      name: 'origin',
      value: 'https://user:hunter2@app.example',
      expected: 'https://REDACTED-AUTHORIZATION@app.example',
      where: ['origin:url-userinfo'],
    },
    {
      about: 'a token in an Access-Control-Allow-Origin query, each of a list',
      name: 'access-control-allow-origin',
      value: 'https://app.example/?token=abc, https://b.example',
      expected: 'https://app.example/?token=REDACTED-QUERY-SECRET, https://b.example',
      where: ['access-control-allow-origin:query:token'],
    },
    { about: 'null, * and an origin stay', name: 'access-control-allow-origin', value: 'null, *, https://app.example:8443', expected: 'null, *, https://app.example:8443', where: [] },
    { about: 'a Range is digits, left alone', name: 'range', value: 'bytes=4111111111111111-', expected: 'bytes=4111111111111111-', where: [] },
    { about: 'other values the engine reads are left alone', name: 'access-control-allow-credentials', value: 'sk_live_cnry20abcdefghijkl', expected: 'sk_live_cnry20abcdefghijkl', where: [] },
  ];
  it.each(cases)('$about', ({ name, value, expected, where }) => {
    const found: Redaction[] = [];
    const out = redactEngineValue(name, value, found);
    expect(out).toBe(expected);
    expect(found.map((r) => r.where)).toEqual(where);
    if (name !== 'origin' && name !== 'access-control-allow-origin') expect(out).toHaveLength(value.length);
    // Redacting again takes nothing more.
    const again: Redaction[] = [];
    expect(redactEngineValue(name, out, again)).toBe(out);
    expect(again).toEqual([]);
  });
});

describe('redactInPlace', () => {
  it('pads a long secret with dashes, so the value stays a placeholder', () => {
    expect(redactInPlace('k=q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU', 'k=REDACTED-OPAQUE-TOKEN')).toBe('k=REDACTED-OPAQUE-TOKEN-----------');
  });
  it('takes back the letters a placeholder shares with the secret around it', () => {
    expect(redactInPlace('k=RxxxxxxxxxxxxxxxxN', 'k=REDACTED-TOKEN')).toBe('k=REDACTED-TOKEN----');
  });
});

// Parameters as MIME types write them, `; ` apart (two secrets glued into one run of letters can read
// as a new `name=value` pair once redacted: taking it again keeps the length and the verdict all the same).
describe('redactEngineValue on any value of a safelisted header', () => {
  const secretish = fc.constantFrom('apikey=sk_live_cnry20abcdefghijkl', 'token="a(b)c"', 'q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU', 'session=x_y', 'boundary=q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU');
  const value = fc.array(fc.oneof(fc.string({ maxLength: 12 }), secretish, fc.constantFrom('; ', ', ', 'text/plain', 'en-US;q=0.9')), { maxLength: 8 }).map((parts) => parts.join('; '));
  it('keeps the length and the safelist verdict, and takes nothing the second time', () => {
    fc.assert(
      fc.property(fc.constantFrom('content-type', 'accept', 'accept-language', 'content-language', 'intervention'), value, (name, captured) => {
        const out = redactEngineValue(name, captured, []);
        expect(out).toHaveLength(captured.length);
        expect(corsSafelistVerdict(name, out)).toBe(corsSafelistVerdict(name, captured));
        const again: Redaction[] = [];
        expect(redactEngineValue(name, out, again)).toBe(out);
        expect(again).toEqual([]);
      }),
      { seed: 33, numRuns: 2000 },
    );
  });
});
