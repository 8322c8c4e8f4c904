// isSameOriginRequest reads each URL's origin through the engine's fast path: the same answer as
// the URL parser's origins compared, for any URL and page origin, well formed or not.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/generate-har.ts';
import { exchangesFromHar } from '../capture/index.ts';
import { browserDifference, type HeaderList, type ObservedExchange } from '../cors/index.ts';
import { consoleMessageFor, firefoxErrorText, isSameOriginRequest, reportExchange } from './report.ts';

/**
 * The rule by the URL parser alone: every hop's URL has the origin the page's origin parses to,
 * and an opaque origin ("null") is the same as no other, but an extension page's (which the
 * parser does not know as a tuple origin): its URLs are the ones that start with it.
 */
function parsedSameOrigin(urls: string[], origin: string): boolean {
  let pageOrigin: string;
  try {
    pageOrigin = new URL(origin).origin;
  } catch {
    return false;
  }
  if (pageOrigin === 'null') {
    return /^(chrome|moz)-extension:\/\/[0-9a-z-]+$/.test(origin) && urls.every((url) => url.startsWith(origin) && (url.length === origin.length || '/?#'.includes(url[origin.length]!)));
  }
  return urls.every((url) => {
    try {
      return new URL(url).origin === pageOrigin;
    } catch {
      return false;
    }
  });
}

const exchange = (urls: string[], origin: string): ObservedExchange =>
  ({ request: { method: 'GET', headers: [], initiatorOrigin: origin }, hops: urls.map((url) => ({ url, response: null })) }) as unknown as ObservedExchange;

const piece = fc.constantFrom('a', 'A', 'example.com', 'xn--bcher-kva.example', 'b\u00fccher.example', '127.0.0.1', '0x7f.1', '[::1]', ':', ':443', ':80', ':8080', ':0443', '/', '?', '#', '@', 'user:pw@', '%41', '.', '..', '\\', ' ', '\t', '-', '_');
const scheme = fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:', 'http:/', 'wss://', 'file://', 'blob:https://', 'data:', 'chrome-extension://', 'moz-extension://', 'Chrome-Extension://', '');
const url = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.tuple(scheme, fc.array(piece, { maxLength: 6 })).map(([s, parts]) => s + parts.join('')));

describe('isSameOriginRequest', () => {
  it('is the URL parser origins compared, for any URLs and page origin', () => {
    fc.assert(
      fc.property(fc.array(url, { minLength: 1, maxLength: 3 }), fc.oneof(url, fc.constantFrom('https://example.com', 'http://example.com:8080', 'null', 'chrome-extension://a', 'moz-extension://a-a')), (urls, origin) => {
        expect(isSameOriginRequest(exchange(urls, origin))).toBe(parsedSameOrigin(urls, origin));
      }),
      { seed: 3, numRuns: 3000 },
    );
  });

  it('tells the cases a byte-wise look would get wrong', () => {
    expect(isSameOriginRequest(exchange(['https://EXAMPLE.com/a'], 'https://example.com'))).toBe(true);
    expect(isSameOriginRequest(exchange(['https://example.com:443/a'], 'https://example.com'))).toBe(true);
    expect(isSameOriginRequest(exchange(['https://example.com.evil/a'], 'https://example.com'))).toBe(false);
    expect(isSameOriginRequest(exchange(['http://example.com/a'], 'https://example.com'))).toBe(false);
    expect(isSameOriginRequest(exchange(['not a url'], 'https://example.com'))).toBe(false);
    expect(isSameOriginRequest(exchange(['https://example.com/a'], 'not an origin'))).toBe(false);
    // The page's origin as written is no serialized origin, yet these URLs start with it.
    expect(isSameOriginRequest(exchange(['http://a.example/x'], 'http:/'))).toBe(false);
    expect(isSameOriginRequest(exchange(['http://a.example:99999/x'], 'http://a.example:99999'))).toBe(false);
    expect(isSameOriginRequest(exchange(['https://example.com/a'], 'https://example.com:443'))).toBe(true);
    // Opaque origins: the same as no other, even written alike.
    expect(isSameOriginRequest(exchange(['null'], 'null'))).toBe(false);
    expect(isSameOriginRequest(exchange(['data:text/plain,a'], 'data:text/plain,a'))).toBe(false);
    // An extension's page: a tuple origin to browsers, which the URL parser does not know.
    const extension = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    expect(isSameOriginRequest(exchange([`${extension}/data.json`, `${extension}?q`], extension))).toBe(true);
    expect(isSameOriginRequest(exchange([`${extension}x/data.json`], extension))).toBe(false);
    expect(isSameOriginRequest(exchange(['https://example.com/a'], extension))).toBe(false);
    expect(isSameOriginRequest(exchange(['moz-extension://0b7e5d21-aaaa/x'], 'moz-extension://0b7e5d21-aaaa'))).toBe(true);
    expect(isSameOriginRequest(exchange(['chrome-extension://a/x'], 'chrome-extension://a/'))).toBe(false);
  });
});

describe('reportExchange: the browser difference under either browser', () => {
  // Under Firefox's rules the report reads the Chromium diagnosis from its own where the rules
  // agree (rulesAgreeOn): the same sentence as both browsers' diagnoses made afresh.
  it('is browserDifference() of the exchange, on the generated HAR and the recorded ones', () => {
    const fixture = (path: string) => exchangesFromHar(readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8'));
    // One on which the browsers part: a "no-cors" redirect to a URL with credentials (Chromium
    // refuses it).
    const page = 'http://127.0.0.1:1111';
    const headers: HeaderList = [['Origin', page]];
    const ok = { status: 200, headers: [['Access-Control-Allow-Origin', '*']] as HeaderList };
    const parting: ObservedExchange[] = [
      {
        request: { method: 'GET', headers, initiatorOrigin: page, mode: 'no-cors' },
        hops: [
          { url: 'http://127.0.0.1:2222/a', response: { status: 302, headers: [['Location', 'http://u:p@127.0.0.1:2222/b']] } },
          { url: 'http://u:p@127.0.0.1:2222/b', response: ok },
        ],
      },
    ];
    const exchanges = [...parting, ...exchangesFromHar(generateHar(2000, 7)), ...fixture('public.devtools.har'), ...fixture('firefox-devtools/public.har')];
    let differing = 0;
    for (const exchange of exchanges) {
      const expected = browserDifference(exchange);
      if (expected !== null) differing++;
      expect(reportExchange(exchange, 'firefox').browserDifference).toBe(expected);
      expect(reportExchange(exchange, 'chromium').browserDifference).toBe(expected);
    }
    // Both sides are seen: exchanges on which the browsers part, and (most) on which they agree.
    expect(differing).toBeGreaterThanOrEqual(parting.length);
    expect(differing).toBeLessThan(exchanges.length / 2);
  });
});

// What a block shows of the browser's own words: Chromium's console line and net error code are Chromium's alone.
describe("the browser's words under --browser", () => {
  const noAcao: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', 'http://127.0.0.1:1111']], initiatorOrigin: 'http://127.0.0.1:1111', credentialsMode: 'same-origin', mode: 'cors' },
    hops: [{ url: 'http://127.0.0.1:2222/items', response: { status: 200, headers: [] } }],
    errorText: 'net::ERR_FAILED',
  };
  const firefoxLine = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://127.0.0.1:2222/items. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.';
  it.each([
    ['chromium', 'Access to fetch at ... has been blocked by CORS policy: ...', 'Access to fetch at ... has been blocked by CORS policy: ...'],
    ['firefox', 'Access to fetch at ... has been blocked by CORS policy: ...', firefoxLine],
    ['chromium', null, null],
    ['firefox', null, firefoxLine],
  ] as const)('%s, console %s: %s', (browser, message, shown) => expect(consoleMessageFor(reportExchange(noAcao, browser), message)).toBe(shown));

  it.each([
    ['net::ERR_FAILED', undefined],
    ['net::ERR_CONNECTION_REFUSED', undefined],
    ['no response (Firefox DevTools HAR records no error)', 'no response (Firefox DevTools HAR records no error)'],
    [undefined, undefined],
  ] as const)('Firefox shows the error text %s as %s', (errorText, shown) => expect(firefoxErrorText(errorText)).toBe(shown));
});
