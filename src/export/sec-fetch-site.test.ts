import { describe, expect, it } from 'vitest';
import { browserRules, FIREFOX_RULES } from '../cors/index.ts';
import { secFetchSiteOf } from './sec-fetch-site.ts';

const CHROMIUM_RULES = browserRules('chromium');

const PAGE = 'http://127.0.0.1:5173';

describe('secFetchSiteOf: Sec-Fetch-Site over the URL list so far', () => {
  it.each<[string, string, string[], string, boolean]>([
    ['one hop on the page\'s origin', PAGE, [`${PAGE}/a`], 'same-origin', false],
    ['same host, another port (Chromium 156: page → api sends same-site)', PAGE, [`${PAGE}/a`, 'http://127.0.0.1:8080/b'], 'same-site', false],
    ['through localhost then back to the page\'s host (Chromium 156: cross-site at api)', PAGE, [`${PAGE}/a`, 'http://localhost:9000/b', 'http://127.0.0.1:8080/c'], 'cross-site', false],
    ['back to the page\'s own origin after a same-site hop stays same-site', PAGE, ['http://127.0.0.1:8080/a', `${PAGE}/b`], 'same-site', false],
    ['https page, http URL on the same host: schemeful, cross-site', 'https://app.example.com', ['http://app.example.com/a'], 'cross-site', false],
    ['another registrable domain', 'https://app.example.com', ['https://app.example.com/a', 'https://api.other.com/b'], 'cross-site', false],
    ['a sibling host: same site unless example.com were a public suffix', 'https://app.example.com', ['https://app.example.com/a', 'https://api.example.com/b'], 'same-site', true],
    ['a one-label host is its own site', 'http://intranet', ['http://intranet/a', 'http://wiki/b'], 'cross-site', false],
    ['an unknown sibling, then a cross-site hop: cross-site for sure', 'https://app.example.com', ['https://api.example.com/a', 'https://cdn.other.net/b'], 'cross-site', false],
    // Session 30's hostile review: hosts ending in a dot share only their empty last label.
    ['x.com. and y.com.: two registrable domains', 'https://x.com.', ['https://y.com./a'], 'cross-site', false],
    ['a host with its dot and one without are two hosts', 'https://app.example.com', ['https://api.example.com./a'], 'cross-site', false],
    ['siblings both ending in a dot: as without it', 'https://app.example.com.', ['https://api.example.com./a'], 'same-site', true],
    ['a page origin written otherwise than serialized', 'HTTPS://APP.EXAMPLE', ['https://app.example/a'], 'same-origin', false],
    ['a backslash in a special URL is a slash: the host is the page\'s', 'https://app.example', ['https://app.example\\@evil.example/'], 'same-origin', false],
  ])('%s', (_about, page, urls, value, unknown) => {
    expect(secFetchSiteOf(page, urls)).toEqual({ value, unknown });
  });
});

describe("secFetchSiteOf under Firefox's rules: same-site only over a secure chain", () => {
  // Seen in Firefox ESR 153 (the request headers its servers received): an http page on 127.0.0.1
  // (test/conformance/firefox-curl-sec-fetch-site.test.ts), and https host names mapped to 127.0.0.1.
  it.each<[string, string, string[], string, boolean]>([
    ['hop 0 on the same host, another port: the loopback page counts as secure', PAGE, ['http://127.0.0.1:8080/a'], 'same-site', false],
    ["redirected from the page's own origin to api: cross-site (Chromium: same-site)", PAGE, [`${PAGE}/a`, 'http://127.0.0.1:8080/b'], 'cross-site', false],
    ['api to api: cross-site at the second hop (Chromium: same-site)', PAGE, ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/b'], 'cross-site', false],
    ["api back to the page's origin: cross-site (Chromium: same-site)", PAGE, ['http://127.0.0.1:8080/a', `${PAGE}/b`], 'cross-site', false],
    ["within the page's own origin: same-origin", PAGE, [`${PAGE}/a`, `${PAGE}/b`, `${PAGE}/c`], 'same-origin', false],
    ['through localhost: cross-site, as in Chromium', PAGE, [`${PAGE}/a`, 'http://localhost:9000/b', 'http://127.0.0.1:8080/c'], 'cross-site', false],
    ['https: app → api → cdn of one site stays same-site, as in Chromium', 'https://app.example.com', ['https://api.example.com/a', 'https://cdn.example.com/b'], 'same-site', true],
    ["https: back to the page's origin after api: same-site", 'https://app.example.com', ['https://app.example.com/a', 'https://api.example.com/b', 'https://app.example.com/c'], 'same-site', true],
    ['https: through another site: cross-site', 'https://app.example.com', ['https://app.example.com/a', 'https://other.test/b', 'https://api.example.com/c'], 'cross-site', false],
    ['an http page on a host name: never same-site', 'http://app.example.com', ['http://api.example.com/a'], 'cross-site', false],
    ['https page, redirected by an http URL of its site: cross-site', 'https://app.example.com', ['http://app.example.com/a', 'https://app.example.com/b'], 'cross-site', false],
    ['a page origin written otherwise than serialized: compared as serialized', 'HTTPS://APP.EXAMPLE', ['https://app.example/a', 'https://app.example/b'], 'same-origin', false],
  ])('%s', (_about, page, urls, value, unknown) => {
    expect(secFetchSiteOf(page, urls, FIREFOX_RULES)).toEqual({ value, unknown });
  });

  it("Chromium's rules (and none) keep the standard's values", () => {
    expect(secFetchSiteOf(PAGE, [`${PAGE}/a`, 'http://127.0.0.1:8080/b'], CHROMIUM_RULES)).toEqual({ value: 'same-site', unknown: false });
    expect(secFetchSiteOf(PAGE, ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/b'])).toEqual({ value: 'same-site', unknown: false });
  });
});
