import { describe, expect, it } from 'vitest';
import { CHROMIUM_RULES, FIREFOX_RULES } from './browser-rules.ts';
import type { HeaderList } from './exchange.ts';
import type { CachedRequest, PreflightCacheEntry } from './preflight-cache.ts';
import { preflightCacheCovers } from './preflight-cache.ts';

const URL_ = 'http://127.0.0.1:2222/s/x/0';
const ORIGIN = 'http://127.0.0.1:1111';
const entry: PreflightCacheEntry = {
  url: URL_,
  origin: ORIGIN,
  credentialsMode: 'same-origin',
  receivedAt: 1_000_000,
  responseHeaders: [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-a'], ['Access-Control-Max-Age', '600']],
};
const request: CachedRequest = { url: URL_, origin: ORIGIN, method: 'PUT', headers: [['X-A', '1']], credentialsMode: 'same-origin', startedAt: 1_000_500 };

describe('preflightCacheCovers', () => {
  it.each<[string, Partial<PreflightCacheEntry>, Partial<CachedRequest>, boolean]>([
    ['same request inside max-age', {}, {}, true],
    ['after max-age', {}, { startedAt: 1_000_000 + 600_000 }, false],
    ['no max-age: 5 s', { responseHeaders: [['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-a']] }, { startedAt: 1_004_000 }, true],
    ['no max-age, 6 s later', { responseHeaders: [['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-a']] }, { startedAt: 1_006_000 }, false],
    ['another URL', {}, { url: URL_ + '?q' }, false],
    ['another origin', {}, { origin: 'http://localhost:1111' }, false],
    ['a method not in the entry', {}, { method: 'DELETE' }, false],
    ['a header not in the entry', {}, { headers: [['X-B', '1']] }, false],
    ['credentialed request, uncredentialed entry', {}, { credentialsMode: 'include' }, false],
    ['started before the entry existed', {}, { startedAt: 999_000 }, false],
  ])('%s', (_d, e, r, expected) => {
    expect(preflightCacheCovers({ ...entry, ...e }, { ...request, ...r }, CHROMIUM_RULES)).toBe(expected);
  });
});

// How long each browser's cache answers after the preflight, by its reading of Access-Control-Max-Age
// (max-age.ts: Chromium's services/network/cors/preflight_result.cc; Firefox's
// nsCORSPreflightListener::AddResultToCache, 5 s when absent or empty, digits only, at most 86400).
describe('preflightCacheCovers: the window is the browser\'s own', () => {
  const API = 'https://api.example/s/x/0';
  const PAGE = 'https://app.example';
  const at = 5_000_000;
  const cached = (maxAge: readonly string[]): PreflightCacheEntry => ({
    url: API,
    origin: PAGE,
    credentialsMode: 'same-origin',
    receivedAt: at,
    responseHeaders: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ...maxAge.map((v): HeaderList[number] => ['Access-Control-Max-Age', v])],
  });
  const put = (secondsLater: number): CachedRequest => ({ url: API, origin: PAGE, method: 'PUT', headers: [], credentialsMode: 'same-origin', startedAt: at + secondsLater * 1000 });
  it.each<[string, readonly string[], number, boolean, boolean]>([
    // description, Access-Control-Max-Age lines, seconds after the preflight's response, Chromium, Firefox
    ['absent: 5 s in both, 4 s later', [], 4, true, true],
    ['absent: 5 s in both, 5 s later', [], 5, false, false],
    ['empty: 5 s in both', [''], 4, true, true],
    ['600: inside', ['600'], 599, true, true],
    ['600: at its end', ['600'], 600, false, false],
    ['86400: Chromium caps at 7200, just before', ['86400'], 7199, true, true],
    ['86400: past Chromium\'s cap, inside Firefox\'s', ['86400'], 7200, false, true],
    ['86400: Firefox\'s last second', ['86400'], 86_399, false, true],
    ['86400: past Firefox\'s cap', ['86400'], 86_400, false, false],
    ['1000000: each browser\'s cap, 3 hours later', ['1000000'], 3 * 3600, false, true],
    ['1000000: each browser\'s cap, 24 hours later', ['1000000'], 86_400, false, false],
    ['0: not kept', ['0'], 0, false, false],
    ['-1: not kept (Chromium: negative is 0; Firefox: not digits)', ['-1'], 1, false, false],
    ['abc: Chromium\'s default 5 s, Firefox keeps nothing', ['abc'], 1, true, false],
    ['1.5: Chromium\'s default 5 s, Firefox keeps nothing', ['1.5'], 1, true, false],
    ['+600: Chromium reads 600, Firefox keeps nothing', ['+600'], 300, true, false],
    ['two lines 600, 600: read as "600, 600", Chromium\'s default 5 s, Firefox nothing', ['600', '600'], 1, true, false],
    ['two lines 600, 600: past Chromium\'s 5 s', ['600', '600'], 300, false, false],
  ])('%s', (_d, maxAge, secondsLater, chromium, firefox) => {
    expect(preflightCacheCovers(cached(maxAge), put(secondsLater), CHROMIUM_RULES)).toBe(chromium);
    expect(preflightCacheCovers(cached(maxAge), put(secondsLater), FIREFOX_RULES)).toBe(firefox);
  });
});
