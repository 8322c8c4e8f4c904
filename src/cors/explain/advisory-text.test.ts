import { describe, expect, it } from 'vitest';
import { CHROMIUM_RULES, FIREFOX_RULES } from '../browser-rules.ts';
import { diagnose } from '../diagnose.ts';
import type { Advisory } from '../diagnosis.ts';
import type { HeaderList, ObservedExchange } from '../exchange.ts';
import { adviseText } from './advisory-text.ts';
import { explain } from './explain.ts';

const cases: [Advisory, string[]][] = [
  [
    { kind: 'credentials-for-request-origin', severity: 'info', hop: 0, allowOrigin: 'https://app.example' },
    ['lets https://app.example read it with the user\'s credentials', 'cannot be told from one exchange'],
  ],
  [{ kind: 'null-origin-trusted', severity: 'high', hop: 0, credentials: true }, ['allowed the origin "null" with credentials', 'Do not allow null']],
  [{ kind: 'null-origin-trusted', severity: 'high', hop: 0, credentials: false }, ['allowed the origin "null".']],
  [{ kind: 'insecure-origin-trusted', severity: 'high', hop: 0, allowOrigin: 'http://app.example', credentials: true }, ['http: origin http://app.example with credentials']],
  [{ kind: 'wildcard-allow-headers-covers-authorization', severity: 'medium', hop: 0 }, ['List authorization explicitly']],
  [{ kind: 'wildcard-allow-headers-with-secrets', severity: 'low', hop: 0, headers: ['x-api-key', 'x-auth-token'], anyOrigin: true }, ['allowed x-api-key and x-auth-token', 'any website may send them']],
  [{ kind: 'wildcard-allow-headers-with-secrets', severity: 'low', hop: 0, headers: ['x-api-key'], anyOrigin: false }, ['allowed x-api-key,', 'List the headers']],
  [{ kind: 'missing-vary-origin', severity: 'low', hop: 0, allowOrigin: 'https://app.example', vary: null }, ['(https://app.example)', 'no Vary: Origin.', 'one exchange cannot tell', 'Add Vary: Origin']],
  [{ kind: 'missing-vary-origin', severity: 'low', hop: 0, allowOrigin: 'https://app.example', vary: 'Accept' }, ['no Vary: Origin (Vary: Accept)']],
  [{ kind: 'max-age-above-browser-cap', severity: 'low', hop: 0, maxAge: '86400', capSeconds: 7200, browser: 'chromium' }, ['Access-Control-Max-Age is 86400', 'Chromium keeps a preflight at most 7200 seconds']],
  [{ kind: 'max-age-above-browser-cap', severity: 'low', hop: 0, maxAge: '100000', capSeconds: 86400, browser: 'firefox' }, ['Access-Control-Max-Age is 100000', 'Firefox keeps a preflight at most 86400 seconds: Firefox sends']],
  [
    { kind: 'cached-for-another-origin', severity: 'medium', hop: 0, allowOrigin: 'https://other.example', cache: [{ header: 'X-Cache', value: 'Hit from cloudfront' }, { header: 'Age', value: '42' }], vary: null, varyOrigin: false, cdn: 'cloudfront' },
    ['(X-Cache: Hit from cloudfront, Age: 42)', 'made for a request from https://other.example', 'must send Vary: Origin', "CloudFront: include the Origin header in the cache key with the behavior's cache policy", 'https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches'],
  ],
  [
    { kind: 'cached-for-another-origin', severity: 'medium', hop: 0, allowOrigin: 'https://other.example', cache: [{ header: 'CF-Cache-Status', value: 'HIT' }], vary: 'Accept-Encoding, Origin', varyOrigin: true, cdn: 'cloudflare' },
    ['says Vary: Origin (Vary: Accept-Encoding, Origin), but the cache did not key on it', 'Cloudflare: add Origin to the cache key with a Cache Rule'],
  ],
  [
    { kind: 'cached-for-another-origin', severity: 'medium', hop: 0, allowOrigin: 'https://other.example', cache: [{ header: 'X-Cache', value: 'HIT' }], vary: null, varyOrigin: false, cdn: null },
    ['The CDN or proxy must key its cache on the Origin request header'],
  ],
];

describe('adviseText', () => {
  it.each(cases)('%j', (advisory, phrases) => {
    const text = adviseText(advisory);
    for (const phrase of phrases) expect(text).toContain(phrase);
  });

  it('has words for every kind', () => {
    const kinds = new Set(cases.map(([a]) => a.kind));
    expect(kinds.size).toBe(8);
  });

  it.each(cases)('never claims what one exchange cannot show (%j)', (advisory) => {
    // "echoes any Origin", "reflects the origin": a claim about other origins' answers.
    expect(adviseText(advisory)).not.toMatch(/\b(?:echoes|reflects|reflected)\b/i);
  });
});

const PAGE = 'https://app.example';

function credentialedPut(responseHeaders: HeaderList): ObservedExchange {
  return {
    request: { method: 'PUT', headers: [['Origin', PAGE], ['Cookie', 'sid=1'], ['X-Trace', '1'], ['Content-Type', 'application/json']], initiatorOrigin: PAGE, credentialsMode: 'include' },
    hops: [
      {
        url: 'https://api.example/items/7?x=1',
        preflight: {
          url: 'https://api.example/items/7?x=1',
          requestHeaders: [['Origin', PAGE]],
          response: { status: 204, headers: [...responseHeaders, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace, content-type']] },
        },
        response: { status: 200, headers: responseHeaders },
      },
    ],
  };
}

describe('advisories in explain()', () => {
  it('credentials for this origin: says what is known and carries the probe filled from the exchange', () => {
    const exchange = credentialedPut([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']]);
    const d = diagnose(exchange);
    expect(d.verdict).toBe('allowed');
    const [advisory, ...rest] = explain(d, exchange).advisories;
    expect(rest).toEqual([]);
    expect(advisory).toEqual({
      kind: 'credentials-for-request-origin',
      severity: 'info',
      text: expect.stringContaining('cannot be told from one exchange'),
      probe: { url: 'https://api.example/items/7?x=1', origin: PAGE, method: 'PUT', headers: ['x-trace', 'content-type'], credentials: true },
    });
  });

  it('a correct one-origin allow-list (fixed Allow-Origin, no Vary, as @fastify/cors sends) is not said to echo anything', () => {
    const exchange = credentialedPut([['access-control-allow-credentials', 'true'], ['access-control-allow-origin', PAGE]]);
    const words = explain(diagnose(exchange), exchange).advisories;
    expect(words.map((a) => a.kind)).toEqual(['credentials-for-request-origin', 'missing-vary-origin']);
    for (const a of words) {
      expect(a.severity === 'info' || a.severity === 'low').toBe(true);
      expect(a.text).not.toMatch(/\bechoes any\b|\breflects\b/i);
    }
  });
});

// Review R4: a CDN's copy made for another origin, read before as a plain misconfiguration.
describe('a cache hit allowing another origin', () => {
  const hit = (extra: HeaderList, allowOrigin = 'https://other.example'): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
    hops: [{ url: 'https://api.example/items', response: { status: 200, headers: [['Access-Control-Allow-Origin', allowOrigin], ...extra] } }],
    errorText: 'net::ERR_FAILED',
  });
  it.each<[string, HeaderList, 'cloudfront' | 'cloudflare' | null]>([
    ['CloudFront', [['X-Cache', 'Hit from cloudfront'], ['Via', '1.1 abc.cloudfront.net (CloudFront)'], ['Age', '31']], 'cloudfront'],
    ['Cloudflare', [['CF-Cache-Status', 'HIT'], ['CF-Ray', '8f-AMS']], 'cloudflare'],
    ['Age alone', [['Age', '5']], null],
    ['Fastly/Varnish', [['X-Cache', 'HIT, HIT']], null],
    ['RFC 9211', [['Cache-Status', 'ExampleCDN; hit; ttl=30']], null],
  ])('%s: an advisory beside the same verdict and reason', (_name, extra, cdn) => {
    const exchange = hit(extra);
    const d = diagnose(exchange);
    expect(d.verdict).toBe('blocked');
    expect(d.corsError).toBe('AllowOriginMismatch');
    expect(d.advisories).toEqual([expect.objectContaining({ kind: 'cached-for-another-origin', severity: 'medium', allowOrigin: 'https://other.example', varyOrigin: false, cdn })]);
    const words = explain(d, exchange).advisories;
    expect(words.map((a) => a.kind)).toEqual(['cached-for-another-origin']);
    expect(words[0]!.text).toContain('https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches');
  });
  it('Vary: Origin present: the cache ignored it', () => {
    const d = diagnose(hit([['X-Cache', 'Hit from cloudfront'], ['Vary', 'Origin']]));
    expect(d.advisories).toEqual([expect.objectContaining({ kind: 'cached-for-another-origin', varyOrigin: true, vary: 'Origin' })]);
  });
  it.each<[string, HeaderList]>([
    ['no sign of a cache', []],
    ['a cache miss', [['X-Cache', 'Miss from cloudfront'], ['Age', '0']]],
    ['CF-Cache-Status: MISS', [['CF-Cache-Status', 'MISS']]],
  ])('%s: none', (_name, extra) => {
    expect(diagnose(hit(extra)).advisories).toEqual([]);
  });
  it('a value that is no other origin (a trailing slash) is a typo, not another origin\'s copy', () => {
    const d = diagnose(hit([['X-Cache', 'HIT']], `${PAGE}/`));
    expect(d.corsError).toBe('AllowOriginMismatch');
    expect(d.advisories).toEqual([]);
  });
});

// Both browsers let * cover Authorization (Firefox logs CORSAllowHeaderFromPreflightDeprecation as it
// does): the words name the browser the output is for, given to explain (the diagnosis is the same
// under both rules, test/unit/firefox-verdict-of.test.ts).
describe('Access-Control-Allow-Headers: * over Authorization, worded for the browser the output is for', () => {
  const page = 'https://app.example';
  const exchange: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', page], ['Authorization', 'Bearer t']], initiatorOrigin: page },
    hops: [
      {
        url: 'https://api.example/items',
        preflight: {
          url: 'https://api.example/items',
          requestHeaders: [['Origin', page], ['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'authorization']],
          response: { status: 204, headers: [['Access-Control-Allow-Origin', page], ['Access-Control-Allow-Headers', '*']] },
        },
        response: { status: 200, headers: [['Access-Control-Allow-Origin', page], ['Vary', 'Origin']] },
      },
    ],
  };
  const words = (browser: 'chromium' | 'firefox'): string | undefined => {
    const diagnosis = diagnose(exchange, browser === 'firefox' ? FIREFOX_RULES : CHROMIUM_RULES);
    expect(diagnosis.verdict).toBe('allowed');
    return explain(diagnosis, exchange, { browser }).advisories.find((a) => a.kind === 'wildcard-allow-headers-covers-authorization')?.text;
  };

  it("Chromium's: Chromium lets it through", () => {
    expect(words('chromium')).toBe('Access-Control-Allow-Headers: * lets Chromium send Authorization, but the standard says * does not cover it (Firefox now warns, and will refuse). List authorization explicitly.');
  });

  it("Firefox's: Firefox lets it through, with its deprecation warning; no word of Chromium", () => {
    expect(words('firefox')).toBe('Access-Control-Allow-Headers: * lets Firefox send Authorization, with the console warning CORSAllowHeaderFromPreflightDeprecation, but the standard says * does not cover it. List authorization explicitly.');
    const advisory = diagnose(exchange, FIREFOX_RULES).advisories.find((a) => a.kind === 'wildcard-allow-headers-covers-authorization')!;
    expect(adviseText(advisory, 'firefox')).toBe(words('firefox'));
  });
});
