import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forbiddenDependsOnValue, isForbiddenRequestHeaderName } from './forbidden-request-header.ts';
import { toAsciiLowerCase } from './header-list.ts';
import {
  corsSafelistVerdict,
  corsUnsafeNames,
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedMimeEssence,
  isForbiddenClass,
  parseMimeEssence,
  requestHeaderNameClass,
  type RequestHeaderFacts,
} from './safelisted-request-header.ts';

/** The class as the name-keyed rules define it, on the lower-cased name (the slow, obvious way). */
function reference(name: string): 'forbidden' | 'method-override' | 'safelisted-name' | 'other' {
  const lower = toAsciiLowerCase(name);
  if (isForbiddenRequestHeaderName(lower)) return 'forbidden';
  if (forbiddenDependsOnValue(lower)) return 'method-override';
  // Any value: a safelisted name is never answered `name`.
  return corsSafelistVerdict(lower, '') === 'name' ? 'other' : 'safelisted-name';
}

function coarse(name: string): string {
  const found = requestHeaderNameClass(name);
  if (isForbiddenClass(found)) return 'forbidden';
  return found === 'method-override' || found === 'other' ? found : 'safelisted-name';
}

describe('requestHeaderNameClass (by length and character codes, no lower-cased copy)', () => {
  it.each([
    ['Origin', 'origin'],
    ['COOKIE', 'cookie'],
    ['Sec-Fetch-Mode', 'sec-fetch-mode'],
    ['Sec-Fetch-Site', 'forbidden'],
    ['cookie2', 'forbidden'],
    ['sec-', 'forbidden'],
    ['Proxy-Authorization', 'forbidden'],
    ['proxy', 'other'],
    ['se', 'other'],
    ['User-Agent', 'forbidden'],
    ['Access-Control-Request-Private-Network', 'forbidden'],
    ['X-HTTP-Method-Override', 'method-override'],
    ['x-method-override', 'method-override'],
    ['Accept', 'accept'],
    ['ACCEPT-LANGUAGE', 'language'],
    ['Content-Language', 'language'],
    ['Content-Type', 'content-type'],
    ['Range', 'range'],
    ['Save-Data', 'save-data'],
    ['DPR', 'double'],
    ['Viewport-Width', 'int'],
    ['Authorization', 'other'],
    ['X-Request-Id', 'other'],
    ['', 'other'],
    // KELVIN SIGN lower-cases to `k` with toLowerCase once an ASCII capital is present.
    ['\u212AEEP-ALIVE', 'forbidden'],
    ['\u212Aeep-alive', 'other'],
    // ...but the facts are read by ASCII name only: forbidden, yet no `Cookie`.
    ['COO\u212AIE', 'forbidden'],
  ])('%s → %s', (name, expected) => {
    expect(requestHeaderNameClass(name)).toBe(expected);
  });

  it('agrees with the name-keyed rules on any string', () => {
    const letters = fc.constantFrom(...'abcdeghiklmnoprstuwxyACEHKORSTUX-\u212A\u0130 2'.split(''));
    const known = fc.constantFrom('origin', 'accept', 'content-type', 'sec-ch-ua', 'proxy-x', 'x-http-method', 'cookie', 'keep-alive', 'dpr');
    const name = fc.oneof(
      fc.array(letters, { maxLength: 24 }).map((chars) => chars.join('')),
      fc.tuple(known, fc.boolean()).map(([n, upper]) => (upper ? n.toUpperCase() : n)),
    );
    fc.assert(fc.property(name, (n) => coarse(n) === reference(n)), { numRuns: 5000 });
  });
});

describe('corsUnsafeNames', () => {
  it('shares one frozen empty list when nothing is unsafe, and hands callers of the old API a list of their own', () => {
    const headers: [string, string][] = [['Accept', '*/*'], ['Origin', 'https://a.example']];
    expect(corsUnsafeNames(headers)).toBe(corsUnsafeNames([]));
    expect(Object.isFrozen(corsUnsafeNames(headers))).toBe(true);
    const own = corsUnsafeRequestHeaderNames(headers);
    own.push('x');
    expect(corsUnsafeNames(headers)).toEqual([]);
  });

  it('turns the safelisted lines unsafe, in order, once their values pass 1024 bytes', () => {
    const headers: [string, string][] = [['Accept', 'a'.repeat(100)], ['X-B', '1'], ['Content-Language', 'b'.repeat(100)], ['Accept-Language', 'c'.repeat(100)], ['Range', 'bytes=0-'], ['Content-Type', 'text/plain'], ['Accept', 'd'.repeat(100)], ['Accept', 'e'.repeat(100)], ['Accept', 'f'.repeat(100)], ['Accept', 'g'.repeat(100)], ['Accept', 'h'.repeat(100)], ['Accept', 'i'.repeat(100)], ['Accept', 'j'.repeat(100)], ['Accept', 'k'.repeat(10)]];
    const reasons: { name: string; why: string }[] = [];
    expect(corsUnsafeNames(headers, reasons as never)).toEqual(['accept', 'accept-language', 'content-language', 'content-type', 'range', 'x-b']);
    expect(reasons.map((r) => `${r.name}:${r.why}`).slice(0, 3)).toEqual(['x-b:name', 'accept:total-too-long', 'content-language:total-too-long']);
    expect(reasons).toHaveLength(14);
  });
});

describe('corsUnsafeNames with facts: the same pass reads Origin, Cookie and Sec-Fetch-Mode', () => {
  it.each([
    [[['Origin', ' https://a.example ']], { origin: 'https://a.example', cookie: false, secFetchMode: null }],
    [[['origin', 'https://a.example'], ['ORIGIN', 'null']], { origin: 'https://a.example, null', cookie: false, secFetchMode: null }],
    [[['Cookie', 'a=1'], ['Sec-Fetch-Mode', 'no-cors']], { origin: null, cookie: true, secFetchMode: 'no-cors' }],
    [[['Sec-Fetch-Mode', 'cors'], ['sec-fetch-mode', 'bogus']], { origin: null, cookie: false, secFetchMode: 'cors' }],
    [[['X-Origin', 'https://a.example'], ['Cookies', '1']], { origin: null, cookie: false, secFetchMode: null }],
  ] as [[string, string][], RequestHeaderFacts][])('%j → %j', (headers, expected) => {
    const facts: RequestHeaderFacts = { origin: null, cookie: false, secFetchMode: null };
    corsUnsafeNames(headers, null, facts);
    expect(facts).toEqual(expected);
  });
});

describe('isCorsSafelistedMimeEssence equals parseMimeEssence() in the three safelisted types', () => {
  const safelisted = (value: string) => {
    const essence = parseMimeEssence(value);
    return essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data' || essence === 'text/plain';
  };
  it.each(['text/plain', ' TEXT/Plain ; charset=utf-8', 'text/plain;', 'application/json', 'multipart/form-data; boundary=x', 'text/plain, application/json', 'text /plain', 'text/', '/plain', 'Application/X-WWW-Form-Urlencoded', 'text/plainx', 'text/plain/x'])('%j', (value) => {
    expect(isCorsSafelistedMimeEssence(value)).toBe(safelisted(value));
  });
  it('on any string', () => {
    const chars = fc.constantFrom(...'textplainmultipartformdataapplicationxwwwurlencoded/;- \tTPA,'.split(''));
    const value = fc.oneof(
      fc.array(chars, { maxLength: 40 }).map((c) => c.join('')),
      fc.tuple(fc.constantFrom('text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded'), fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([t, a, b]) => a + t + b),
    );
    fc.assert(fc.property(value, (v) => isCorsSafelistedMimeEssence(v) === safelisted(v)), { numRuns: 5000 });
  });
});
