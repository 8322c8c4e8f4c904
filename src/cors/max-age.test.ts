import { describe, expect, it } from 'vitest';
import { maxAgeOf } from './max-age.ts';

describe('maxAgeOf', () => {
  it.each<[string, string | null, number, number]>([
    ['absent: 5 s', null, 5, 5],
    ['600', '600', 600, 600],
    ['capped by Chromium at 7200', '86400', 7200, 86400],
    ['capped by Firefox at 86400', '100000', 7200, 86400],
    ['negative: not cached', '-1', 0, 0],
    // Firefox caches only digits: any other value is not cached (nsCORSPreflightListener::AddResultToCache).
    ['invalid: the default to Chromium, not cached by Firefox', 'ten', 5, 0],
    ['decimal is invalid', '1.5', 5, 0],
    ['a sign: an integer to Chromium, not digits to Firefox', '+600', 600, 0],
    ['empty: the default in both', '', 5, 5],
    ['zero', '0', 0, 0],
  ])('%s', (_d, found, chromium, firefox) => {
    expect(maxAgeOf(found)).toEqual({ found, chromiumSeconds: chromium, firefoxSeconds: firefox });
  });
});
