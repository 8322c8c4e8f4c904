import { describe, expect, it } from 'vitest';
import { preflightAdvisories, responseAdvisories, varyCoversOrigin } from './advisories.ts';
import { type BrowserRules, CHROMIUM_RULES, FIREFOX_RULES } from './browser-rules.ts';
import { diagnose } from './diagnose.ts';
import type { Advisory } from './diagnosis.ts';
import type { CredentialsMode, HeaderList, ObservedExchange } from './exchange.ts';
import { readCorsResponseHeaders } from './response-headers.ts';

const O = 'http://127.0.0.1:1111';

describe('responseAdvisories', () => {
  it.each<[string, HeaderList, string, string, CredentialsMode, string[]]>([
    ['* has none', [['Access-Control-Allow-Origin', '*']], 'http://api', O, 'omit', []],
    ['specific origin without Vary', [['Access-Control-Allow-Origin', O]], 'http://api', O, 'omit', ['missing-vary-origin:low']],
    ['specific origin with Vary: Origin', [['Access-Control-Allow-Origin', O], ['Vary', 'Accept, Origin']], 'http://api', O, 'omit', []],
    [
      'credentials for this origin, no Vary: said as a fact, not as an echo',
      [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true']],
      'http://api',
      O,
      'include',
      ['credentials-for-request-origin:info', 'missing-vary-origin:low'],
    ],
    [
      'credentials allowed by the server on a request sent without them: still what the response allows',
      [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']],
      'http://api',
      O,
      'omit',
      ['credentials-for-request-origin:info'],
    ],
    ['Allow-Credentials not exactly "true" allows nothing', [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'True'], ['Vary', 'Origin']], 'http://api', O, 'omit', []],
    ['null trusted', [['Access-Control-Allow-Origin', 'null'], ['Vary', 'Origin']], 'http://api', 'null', 'omit', ['null-origin-trusted:high']],
    [
      'http origin trusted by https server with credentials',
      [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']],
      'https://api.example/x',
      O,
      'include',
      ['insecure-origin-trusted:high', 'credentials-for-request-origin:info'],
    ],
    ['http origin trusted by https server without credentials', [['Access-Control-Allow-Origin', O], ['Vary', 'Origin']], 'https://api.example/x', O, 'omit', ['insecure-origin-trusted:medium']],
    ['a value other than the request origin is not an echo', [['Access-Control-Allow-Origin', 'https://other.example']], 'http://api', O, 'omit', []],
  ])('%s', (_d, headers, url, origin, credentials, expected) => {
    const out: Advisory[] = [];
    responseAdvisories(readCorsResponseHeaders(headers), url, origin, credentials, 0, out);
    expect(out.map((a) => `${a.kind}:${a.severity}`)).toEqual(expected);
  });

  it('keeps the facts the words are built from', () => {
    const out: Advisory[] = [];
    responseAdvisories(readCorsResponseHeaders([['Access-Control-Allow-Origin', O], ['Vary', 'Accept']]), 'http://api', O, 'omit', 2, out);
    expect(out).toEqual([{ kind: 'missing-vary-origin', severity: 'low', hop: 2, allowOrigin: O, vary: 'Accept' }]);
  });

  it.each([
    ['Origin', true],
    ['accept-encoding, origin', true],
    ['*', true],
    ['Accept', false],
    [null, false],
  ])('varyCoversOrigin(%j) = %s', (vary, expected) => {
    expect(varyCoversOrigin(vary)).toBe(expected);
  });
});

describe('preflightAdvisories', () => {
  it.each<[string, HeaderList, string[], boolean, BrowserRules, string[]]>([
    ['authorization under *', [['Access-Control-Allow-Headers', '*']], ['authorization'], true, CHROMIUM_RULES, ['wildcard-allow-headers-covers-authorization:medium']],
    ['secret header under *', [['Access-Control-Allow-Headers', '*']], ['x-api-key'], false, CHROMIUM_RULES, ['wildcard-allow-headers-with-secrets:low']],
    ['max-age above cap', [['Access-Control-Max-Age', '86400']], [], false, CHROMIUM_RULES, ['max-age-above-browser-cap:low']],
    ['max-age at cap', [['Access-Control-Max-Age', '7200']], [], false, CHROMIUM_RULES, []],
    // Firefox keeps a preflight up to 86400 s: only more than that is advice under its rules.
    ["max-age above Chromium's cap, within Firefox's", [['Access-Control-Max-Age', '86400']], [], false, FIREFOX_RULES, []],
    ["max-age above Firefox's cap", [['Access-Control-Max-Age', '86401']], [], false, FIREFOX_RULES, ['max-age-above-browser-cap:low']],
    // A sign: an integer to Chromium, no value Firefox caches at all.
    ['max-age with a sign, Chromium', [['Access-Control-Max-Age', '+90000']], [], false, CHROMIUM_RULES, ['max-age-above-browser-cap:low']],
    ['max-age with a sign, Firefox', [['Access-Control-Max-Age', '+90000']], [], false, FIREFOX_RULES, []],
    ['listed headers', [['Access-Control-Allow-Headers', 'x-api-key']], ['x-api-key'], false, CHROMIUM_RULES, []],
  ])('%s', (_d, headers, unsafe, byWildcard, rules, expected) => {
    const out: Advisory[] = [];
    preflightAdvisories(readCorsResponseHeaders(headers), unsafe, byWildcard, rules, 0, out);
    expect(out.map((a) => `${a.kind}:${a.severity}`)).toEqual(expected);
  });

  it("carries the cap and the browser whose rules judged", () => {
    const out: Advisory[] = [];
    preflightAdvisories(readCorsResponseHeaders([['Access-Control-Max-Age', '100000']]), [], false, FIREFOX_RULES, 0, out);
    expect(out).toEqual([{ kind: 'max-age-above-browser-cap', severity: 'low', hop: 0, maxAge: '100000', capSeconds: 86400, browser: 'firefox' }]);
  });

  it('names every secret-looking header * let through, and whether any origin may send them', () => {
    const out: Advisory[] = [];
    const headers = readCorsResponseHeaders([['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Headers', '*']]);
    preflightAdvisories(headers, ['x-api-key', 'x-trace', 'x-csrf-token'], false, CHROMIUM_RULES, 0, out);
    expect(out).toEqual([{ kind: 'wildcard-allow-headers-with-secrets', severity: 'low', hop: 0, headers: ['x-api-key', 'x-csrf-token'], anyOrigin: true }]);
  });
});

// Whole exchanges through the engine, with the header sets real servers send.
const PAGE = 'https://app.example';
const API = 'https://api.example/items';

function credentialedGet(responseHeaders: HeaderList, origin = PAGE, url = API): ObservedExchange {
  return {
    request: { method: 'GET', headers: [['Origin', origin], ['Cookie', 'sid=1']], initiatorOrigin: origin, credentialsMode: 'include' },
    hops: [{ url, response: { status: 200, headers: responseHeaders } }],
  };
}

function preflightedPut(preflightHeaders: HeaderList, requestHeaders: HeaderList, responseHeaders: HeaderList): ObservedExchange {
  return {
    request: { method: 'PUT', headers: [['Origin', PAGE], ...requestHeaders], initiatorOrigin: PAGE, credentialsMode: 'omit' },
    hops: [
      {
        url: API,
        preflight: { url: API, requestHeaders: [['Origin', PAGE]], response: { status: 204, headers: preflightHeaders } },
        response: { status: 200, headers: responseHeaders },
      },
    ],
  };
}

const kinds = (exchange: ObservedExchange): string[] => {
  const d = diagnose(exchange);
  expect(d.verdict).toBe('allowed');
  return d.advisories.map((a) => `${a.kind}:${a.severity}`);
};

describe('advisories of whole exchanges (engine)', () => {
  it('a correct one-origin allow-list (@fastify/cors origin: string, credentials: true, recorded) is not accused', () => {
    // @fastify/cors 11 with `origin: 'https://app.example', credentials: true` sends the same fixed
    // value to every Origin, and no Vary. Nothing here may claim it echoes origins.
    const found = kinds(credentialedGet([['access-control-allow-credentials', 'true'], ['access-control-allow-origin', PAGE], ['content-type', 'application/json; charset=utf-8']]));
    expect(found).toEqual(['credentials-for-request-origin:info', 'missing-vary-origin:low']);
    expect(found.some((k) => k.endsWith(':high') || k.endsWith(':medium'))).toBe(false);
  });

  it('an echo with credentials (Express cors origin: true) looks the same from one exchange: the same facts, no more', () => {
    const found = kinds(credentialedGet([['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin'], ['Access-Control-Allow-Credentials', 'true']]));
    expect(found).toEqual(['credentials-for-request-origin:info']);
  });

  it('null granted with credentials', () => {
    expect(kinds(credentialedGet([['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']], 'null'))).toEqual(['null-origin-trusted:high']);
  });

  it('an http: origin granted by an https API, with credentials', () => {
    const http = 'http://app.example';
    expect(kinds(credentialedGet([['Access-Control-Allow-Origin', http], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']], http))).toEqual([
      'insecure-origin-trusted:high',
      'credentials-for-request-origin:info',
    ]);
  });

  it('* needs no Vary and says nothing', () => {
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: 'omit' },
      hops: [{ url: API, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }],
    };
    expect(kinds(exchange)).toEqual([]);
  });

  it('* allow-headers with a key header, Max-Age above Chromium cap', () => {
    const found = kinds(
      preflightedPut(
        [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', '*'], ['Access-Control-Max-Age', '86400']],
        [['X-Api-Key', 'k']],
        [['Access-Control-Allow-Origin', '*']],
      ),
    );
    expect(found).toEqual(['wildcard-allow-headers-with-secrets:low', 'max-age-above-browser-cap:low']);
  });

  it('* allow-headers covering Authorization (Chromium only)', () => {
    const found = kinds(
      preflightedPut(
        [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', '*']],
        [['Authorization', 'Bearer x']],
        [['Access-Control-Allow-Origin', '*']],
      ),
    );
    expect(found).toEqual(['wildcard-allow-headers-covers-authorization:medium']);
  });
});
