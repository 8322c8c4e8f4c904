import { describe, expect, it } from 'vitest';
import { browserRules, type BrowserRules, type HeaderLine } from '../cors/index.ts';
import type { CapturedEntry } from './captured-entry.ts';
import { pairPreflights } from './pairing.ts';
import { findPreflightCacheHits } from './preflight-cache-hits.ts';
import { API, PAGE, preflight, request } from './testing-entries.ts';

const A = `${API}/a`;
const allowPut: HeaderLine[] = [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']];

function hits(entries: CapturedEntry[]): number[] {
  return [...findPreflightCacheHits(entries, pairPreflights(entries), () => PAGE, browserRules('chromium')).keys()].sort((a, b) => a - b);
}

/** The hits as the cache of `browser`, which made the capture, would have answered them. */
function hitsIn(browser: BrowserRules['browser'], entries: CapturedEntry[]): number[] {
  return [...findPreflightCacheHits(entries, pairPreflights(entries), () => PAGE, browserRules(browser)).keys()].sort((a, b) => a - b);
}

describe('findPreflightCacheHits', () => {
  it.each<{ about: string; entries: CapturedEntry[]; hits: number[] }>([
    {
      about: 'second PUT within the default 5 s: from the cache',
      entries: [request('PUT', A, 1000), preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }), request('PUT', A, 1020)],
      hits: [2],
    },
    {
      about: 'second PUT after 5 s without Max-Age: not cached (the capture missed a preflight)',
      entries: [request('PUT', A, 1000), preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }), request('PUT', A, 7000)],
      hits: [],
    },
    {
      about: 'Max-Age 600 keeps it ten minutes',
      entries: [
        request('PUT', A, 1000),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: [...allowPut, ['Access-Control-Max-Age', '600']] }),
        request('PUT', A, 500_000),
      ],
      hits: [2],
    },
    {
      about: 'Max-Age above 7200 is capped at 7200 s',
      entries: [
        request('PUT', A, 1000),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: [...allowPut, ['Access-Control-Max-Age', '86400']] }),
        request('PUT', A, 7300_000),
      ],
      hits: [],
    },
    {
      about: 'the cached entry must cover the method',
      entries: [request('PUT', A, 1000), preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }), request('DELETE', A, 1020)],
      hits: [],
    },
    {
      about: 'the cached entry must cover the headers',
      entries: [
        request('PUT', A, 1000),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }),
        request('PUT', A, 1020, { headers: [['X-Trace', '1']] }),
      ],
      hits: [],
    },
    {
      about: 'a simple request needs no preflight, so none came from the cache',
      entries: [request('PUT', A, 1000), preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }), request('GET', A, 1020)],
      hits: [],
    },
    {
      about: 'a failed preflight (404) is not cached',
      entries: [request('PUT', A, 1000), preflight(A, 1002, 'PUT', undefined, { status: 404, responseHeaders: allowPut }), request('PUT', A, 1020)],
      hits: [],
    },
    {
      about: 'a 2xx preflight for another origin failed: not cached, the next PUT had no cached answer',
      entries: [
        request('PUT', A, 1000, { status: 0, error: 'net::ERR_FAILED' }),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: [['Access-Control-Allow-Origin', 'http://elsewhere.test'], ['Access-Control-Allow-Methods', 'PUT']] }),
        request('PUT', A, 1020),
      ],
      hits: [],
    },
    {
      about: 'a preflight that failed on a requested header is not cached, though it allowed the method',
      entries: [
        request('PUT', A, 1000, { status: 0, error: 'net::ERR_FAILED', headers: [['X-Trace', '1']] }),
        preflight(A, 1002, 'PUT', 'x-trace', { responseHeaders: allowPut }),
        request('PUT', A, 1020),
      ],
      hits: [],
    },
    {
      about: 'a credentialed preflight without Allow-Credentials failed: not cached',
      entries: [
        request('PUT', A, 1000, { headers: [['Cookie', 'sid=1']] }),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }),
        request('PUT', A, 1020, { headers: [['Cookie', 'sid=1']] }),
      ],
      hits: [],
    },
    {
      about: 'an unpaired preflight that passes only without credentials covers a request without them',
      entries: [preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }), request('PUT', A, 1020)],
      hits: [1],
    },
    {
      about: 'an unpaired preflight that passes only without credentials does not cover a cookie-carrying request',
      entries: [preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }), request('PUT', A, 1020, { headers: [['Cookie', 'sid=1']] })],
      hits: [],
    },
    {
      about: 'a failed preflight does not replace the entry a passing one made',
      entries: [
        request('PUT', A, 1000),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: [...allowPut, ['Access-Control-Max-Age', '600']] }),
        request('DELETE', A, 2000, { status: 0, error: 'net::ERR_FAILED' }),
        preflight(A, 2002, 'DELETE', undefined, { status: 500 }),
        request('PUT', A, 2020),
      ],
      hits: [4],
    },
    {
      about: 'an entry looked up once still answers after a failed preflight for another request',
      entries: [
        request('PUT', A, 1000),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: [...allowPut, ['Access-Control-Max-Age', '600']] }),
        request('PUT', A, 1500),
        request('DELETE', A, 2000, { status: 0, error: 'net::ERR_FAILED' }),
        preflight(A, 2002, 'DELETE', undefined, { status: 500 }),
        request('PUT', A, 2020),
      ],
      hits: [2, 5],
    },
    {
      about: 'a preflight with no response (status 0) is not cached',
      entries: [request('PUT', A, 1000, { status: 0 }), preflight(A, 1002, 'PUT', undefined, { status: 0 }), request('PUT', A, 1020)],
      hits: [],
    },
    {
      about: 'credentials are part of the key: a cookie-carrying request does not use a credential-less entry',
      entries: [
        request('PUT', A, 1000),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: allowPut }),
        request('PUT', A, 1020, { headers: [['Cookie', 'sid=1']] }),
      ],
      hits: [],
    },
    {
      about: 'a credentialed preflight entry covers a cookie-carrying request',
      entries: [
        request('PUT', A, 1000, { headers: [['Cookie', 'sid=1']] }),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: [...allowPut, ['Access-Control-Allow-Credentials', 'true']] }),
        request('PUT', A, 1020, { headers: [['Cookie', 'sid=1']] }),
      ],
      hits: [2],
    },
    {
      about: 'only the latest preflight for a URL counts: a later one that allows less replaces it',
      entries: [
        request('PUT', A, 1000),
        preflight(A, 1002, 'PUT', undefined, { responseHeaders: [...allowPut, ['Access-Control-Max-Age', '600']] }),
        request('DELETE', A, 2000, { status: 0 }),
        preflight(A, 2002, 'DELETE', undefined, { responseHeaders: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'DELETE']] }),
        request('PUT', A, 2020),
      ],
      hits: [],
    },
    {
      about: '`*` covers the method without credentials',
      entries: [
        request('DELETE', A, 1000),
        preflight(A, 1002, 'DELETE', undefined, { responseHeaders: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', '*']] }),
        request('PATCH', A, 1020),
      ],
      hits: [2],
    },
  ])('$about', ({ entries, hits: expected }) => {
    expect(hits(entries)).toEqual(expected);
  });
});

// The capture's browser decides how long its cache answered (src/cors/preflight-cache.ts has the
// table of Access-Control-Max-Age values): a Firefox HAR is read by Firefox's rules.
describe('findPreflightCacheHits: by the rules of the browser that made the capture', () => {
  const NAMED = 'https://api.example/a';
  const twice = (maxAge: string | null, secondsLater: number): CapturedEntry[] => [
    request('PUT', NAMED, 1000),
    preflight(NAMED, 1002, 'PUT', undefined, { responseHeaders: maxAge === null ? allowPut : [...allowPut, ['Access-Control-Max-Age', maxAge]] }),
    request('PUT', NAMED, 1010 + secondsLater * 1000),
  ];
  it.each<{ about: string; entries: CapturedEntry[]; chromium: number[]; firefox: number[] }>([
    { about: 'Max-Age absent, 4 s later: 5 s in both', entries: twice(null, 4), chromium: [2], firefox: [2] },
    { about: 'Max-Age 86400, 3 hours later: past Chromium\'s 7,200 s cap, inside Firefox\'s 86,400 s', entries: twice('86400', 3 * 3600), chromium: [], firefox: [2] },
    { about: 'Max-Age 86400, 25 hours later: past both caps', entries: twice('86400', 25 * 3600), chromium: [], firefox: [] },
    { about: 'Max-Age abc, 1 s later: Chromium\'s default 5 s; Firefox caches nothing', entries: twice('abc', 1), chromium: [2], firefox: [] },
    {
      // Firefox ESR 153 sends `Priority: u=4` on every fetch over HTTP/1.1 (Chromium: over HTTP/2),
      // written on the wire after the preflight decision: not a header of the page's.
      about: 'a request with the Priority the browser added (not the page\'s): from the cache',
      entries: [
        request('PUT', NAMED, 1000, { headers: [['Priority', 'u=4']] }),
        preflight(NAMED, 1002, 'PUT', undefined, { responseHeaders: allowPut }),
        request('PUT', NAMED, 2000, { headers: [['Priority', 'u=4']] }),
      ],
      chromium: [2],
      firefox: [2],
    },
  ])('$about', ({ entries, chromium, firefox }) => {
    expect(hitsIn('chromium', entries)).toEqual(chromium);
    expect(hitsIn('firefox', entries)).toEqual(firefox);
  });
});
