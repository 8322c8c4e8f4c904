import { describe, expect, it } from 'vitest';
import { storageAccessAtHop, storageAccessNotShown, storageAccessSiteUnknown } from './storage-access-at-hop.ts';

// As Chromium 156 sent it (test/conformance/har-export-storage-access.test.ts): 127.0.0.1 is the
// page's site (any port), localhost another.
const PAGE = 'http://127.0.0.1:8000';
const API = 'http://127.0.0.1:8001';
const OTHER = 'http://localhost:9000';
const THIRD = 'http://third.test:9000';

describe('storageAccessAtHop: the first hop’s line, at a later hop', () => {
  it.each<[string, string | undefined, string[], string | null | undefined, string | null]>([
    ['the first hop as captured', 'none', [`${OTHER}/a`], PAGE, 'none'],
    ['again at another hop on another site', 'none', [`${OTHER}/a`, `${OTHER}/b`], PAGE, 'none'],
    ['gone back on the page’s origin', 'none', [`${OTHER}/a`, `${PAGE}/b`], PAGE, null],
    ['gone on the page’s host at another port (same site)', 'none', [`${OTHER}/a`, `${API}/b`], PAGE, null],
    ['gone on a host maybe of the page’s site, as Sec-Fetch-Site reads it', 'none', ['https://cdn.other.net/a', 'https://api.example.com/b'], 'https://app.example.com', null],
    ['none captured: none written', undefined, [`${PAGE}/a`, `${OTHER}/b`], PAGE, null],
    ['the page’s origin not known: as captured', 'none', [`${OTHER}/a`, `${PAGE}/b`], undefined, 'none'],
    // A grant is for the first hop's site: at yet another site, none (assumed: no grant there too).
    ['active, at a hop on yet another site: none', 'active', [`${OTHER}/a`, `${THIRD}/b`], PAGE, 'none'],
    ['inactive, at a hop on yet another site: none', 'inactive', [`${OTHER}/a`, `${THIRD}/b`], PAGE, 'none'],
    ['none, at a hop on yet another site: none', 'none', [`${OTHER}/a`, `${THIRD}/b`], PAGE, 'none'],
    ['active, at another hop on the first hop’s origin: kept', 'active', [`${OTHER}/a`, `${OTHER}/b`], PAGE, 'active'],
    ['inactive, back on the first hop’s site after another: kept', 'inactive', [`${OTHER}/a`, `${THIRD}/b`, `${OTHER}/c`], PAGE, 'inactive'],
  ])('%s', (_about, captured, urls, page, value) => {
    expect(storageAccessAtHop(captured, urls, page)).toBe(value);
  });
});

describe('storageAccessNotShown: where the browser may have sent a line the capture cannot show', () => {
  it.each<[string, boolean, string[], 'include' | 'same-origin' | 'omit' | undefined, boolean]>([
    ['include, the page’s URL then another site', false, [`${PAGE}/a`, `${OTHER}/b`], 'include', true],
    ['the mode not captured (a HAR)', false, [`${PAGE}/a`, `${OTHER}/b`], undefined, true],
    ['same-origin credentials: never sent', false, [`${PAGE}/a`, `${OTHER}/b`], 'same-origin', false],
    ['omit: never sent', false, [`${PAGE}/a`, `${OTHER}/b`], 'omit', false],
    ['a first hop on another site without it: this request never had it', false, [`${OTHER}/a`, `${OTHER}/b`], undefined, false],
    ['the line captured: written from it', true, [`${PAGE}/a`, `${OTHER}/b`], 'include', false],
    ['a hop on the page’s site', false, [`${PAGE}/a`, `${API}/b`], 'include', false],
    ['the first hop', false, [`${OTHER}/a`], 'include', false],
  ])('%s', (_about, captured, urls, mode, expected) => {
    expect(storageAccessNotShown(captured, urls, PAGE, mode)).toBe(expected);
  });
});

describe('storageAccessSiteUnknown: a captured line left out where only the Public Suffix List tells the site', () => {
  it.each<[string, boolean, string[], string | undefined, boolean]>([
    ['a host maybe of the page’s site', true, ['https://cdn.other.net/a', 'https://api.example.com/b'], 'https://app.example.com', true],
    ['none captured', false, ['https://cdn.other.net/a', 'https://api.example.com/b'], 'https://app.example.com', false],
    ['another site, known', true, [`${OTHER}/a`, `${THIRD}/b`], PAGE, false],
    ['the page’s site, known', true, [`${OTHER}/a`, `${API}/b`], PAGE, false],
    ['the first hop', true, ['https://api.example.com/b'], 'https://app.example.com', false],
    ['the page’s origin not known', true, ['https://cdn.other.net/a', 'https://api.example.com/b'], undefined, false],
  ])('%s', (_about, captured, urls, page, expected) => {
    expect(storageAccessSiteUnknown(captured, urls, page)).toBe(expected);
  });
});
