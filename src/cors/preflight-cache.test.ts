import { describe, expect, it } from 'vitest';
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
    expect(preflightCacheCovers({ ...entry, ...e }, { ...request, ...r })).toBe(expected);
  });
});
