// The preflight note's cache lifetime is the panel's own browser's: Firefox's build never says
// "Chromium caches it", and says Firefox preflights an IP-address host again the first times.

import { describe, expect, it } from 'vitest';
import { preflightCacheNote } from './preflight-cache-note.ts';

/** `Diagnosis.preflight.maxAge` for a header value: what the engine computes (src/cors/max-age.ts). */
function maxAgeOf(found: string | null): { found: string | null; chromiumSeconds: number; firefoxSeconds: number } {
  const table: Record<string, [number, number]> = { '86400': [7200, 86400], '100000': [7200, 86400], '-1': [0, 0], '600': [600, 600], '0': [0, 0], '5': [5, 5], '7200': [7200, 7200], '7201': [7200, 7201], '86401': [7200, 86400] };
  const [chromiumSeconds, firefoxSeconds] = found === null ? [5, 5] : (table[found] ?? [5, 5]);
  return { found, chromiumSeconds, firefoxSeconds };
}

describe('preflightCacheNote', () => {
  it("Chromium's build: Chromium's lifetime, capped at 7200 s, 5 s when absent", () => {
    expect(preflightCacheNote('chromium', maxAgeOf('86400'), 'https://api.example/x')).toBe('Chromium caches it 7200 s (Access-Control-Max-Age 86400)');
    expect(preflightCacheNote('chromium', maxAgeOf(null), 'http://127.0.0.1:8080/x')).toBe('Chromium caches it 5 s (Access-Control-Max-Age absent)');
  });
  it("Firefox's build: Firefox's lifetime, capped at 86400 s", () => {
    expect(preflightCacheNote('firefox', maxAgeOf('86400'), 'https://api.example/x')).toBe('Firefox caches it 86400 s (Access-Control-Max-Age 86400)');
    expect(preflightCacheNote('firefox', maxAgeOf('100000'), 'http://localhost:8080/x')).toBe('Firefox caches it 86400 s (Access-Control-Max-Age 100000)');
    expect(preflightCacheNote('firefox', maxAgeOf(null), 'https://api.example/x')).toBe('Firefox caches it 5 s (Access-Control-Max-Age absent)');
    expect(preflightCacheNote('firefox', maxAgeOf('-1'), 'https://api.example/x')).toBe('Firefox caches it 0 s (Access-Control-Max-Age -1)');
  });
  it('Firefox caches for an IP-address host too, however the URL writes it, after its first 2 look-ups of a session miss', () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://127.1/x', 'http://[::1]:8080/x']) {
      expect(preflightCacheNote('firefox', maxAgeOf('600'), url)).toBe(
        'Firefox caches it 600 s (Access-Control-Max-Age 600), though to an IP-address host it may send the preflight again at first (seen: the first 2 times a request could reuse it, in a freshly started Firefox)',
      );
    }
    expect(preflightCacheNote('firefox', maxAgeOf('600'), 'http://localhost:8080/x')).toBe('Firefox caches it 600 s (Access-Control-Max-Age 600)');
    // Nothing kept: nothing to reuse.
    expect(preflightCacheNote('firefox', maxAgeOf('0'), 'http://127.0.0.1:8080/x')).toBe('Firefox caches it 0 s (Access-Control-Max-Age 0)');
  });
  it('never names Chromium in Firefox\'s build', () => {
    for (const found of [null, '0', '5', '7200', '7201', '86401', 'x']) {
      for (const url of ['https://api.example/', 'http://127.0.0.1/']) expect(preflightCacheNote('firefox', maxAgeOf(found), url)).not.toMatch(/Chromium/);
    }
  });
});
