import { describe, expect, it } from 'vitest';
import { maxAgeOf } from './max-age.ts';

describe('maxAgeOf', () => {
  it.each<[string, string | null, number, number]>([
    ['absent: 5 s', null, 5, 5],
    ['600', '600', 600, 600],
    ['capped by Chromium at 7200', '86400', 7200, 86400],
    ['capped by Firefox at 86400', '100000', 7200, 86400],
    ['negative: not cached', '-1', 0, 0],
    ['invalid: default', 'ten', 5, 5],
    ['decimal is invalid', '1.5', 5, 5],
    ['zero', '0', 0, 0],
  ])('%s', (_d, found, chromium, firefox) => {
    expect(maxAgeOf(found)).toEqual({ found, chromiumSeconds: chromium, firefoxSeconds: firefox });
  });
});
