import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutMemo } from './memo.ts';
import { isSerializedOrigin, isToken, snippetOrigin, snippetTokens } from './snippet-values.ts';

describe('isSerializedOrigin', () => {
  it.each([
    ['http://127.0.0.1:5173', true],
    ['https://app.example', true],
    ['http://[::1]:3000', true],
    ['null', true],
    ['http://app.example/', false],
    ['http://app.example/path', false],
    ["http://a.example'", false],
    ['http://a.example:99999999', false],
    ['HTTP://A.EXAMPLE', false],
    ['javascript:alert(1)', false],
    ['', false],
  ])('%j → %s', (v, ok) => expect(isSerializedOrigin(v)).toBe(ok));

  it('answers a value asked again (remembered) as it answered it the first time, and as the pattern does', () => {
    const origin = fc.oneof(fc.constantFrom('https://app.example', 'http://[::1]:3000', 'null', 'http://a.example:99999999', ''), fc.webUrl().map((u) => new URL(u).origin), fc.string({ maxLength: 10 }));
    fc.assert(fc.property(fc.array(origin, { maxLength: 20 }), (values) => {
      const fresh = values.map((v) => withoutMemo(() => isSerializedOrigin(v)));
      expect(values.map((v) => isSerializedOrigin(v))).toEqual(fresh);
      expect(values.map((v) => isSerializedOrigin(v))).toEqual(fresh);
    }), { seed: 14, numRuns: 300 });
  });
});

describe('isToken', () => {
  it.each([
    ['x-trace', true],
    ["x-'`$|%", true],
    ['x y', false],
    ['x"y', false],
    ['x<y>', false],
    ['', false],
  ])('%j → %s', (v, ok) => expect(isToken(v)).toBe(ok));
});

describe('snippetOrigin / snippetTokens', () => {
  it('replaces what is not an origin, null included', () => {
    expect(snippetOrigin('http://a.example')).toEqual({ value: 'http://a.example', replaced: false });
    expect(snippetOrigin('null')).toEqual({ value: 'https://your-app.example', replaced: true });
  });
  it('keeps tokens and reports the rest', () => {
    expect(snippetTokens(['a', 'b c', 'd'])).toEqual({ values: ['a', 'd'], dropped: ['b c'] });
  });
});
