import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyCodePoint } from './testing-curl.ts';
import { quoted, UNPRINTABLE, visible } from './visible-text.ts';

describe('visible', () => {
  it.each<[string, string]>([
    ['plain ünï ✓ 😀', 'plain ünï ✓ 😀'],
    ['a\nb\r\tc', 'a\\nb\\r\\tc'],
    ['\x1b]52;c;aGk=\x07', '\\x1b]52;c;aGk=\\x07'],
    ['\x00\x7f\x85\x9b', '\\x00\\x7f\\x85\\x9b'],
    ['\u202eevil\u2066\u2069', '\\u{202e}evil\\u{2066}\\u{2069}'],
    ['\u200b\ufeff\u2028\u2029', '\\u{200b}\\u{feff}\\u{2028}\\u{2029}'],
    ['lone \ud800', 'lone \\u{d800}'],
  ])('%j → %s', (text, shown) => {
    expect(visible(text)).toBe(shown);
  });

  it('leaves nothing a terminal would obey (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint }), (text) => {
        expect(UNPRINTABLE.test(visible(text))).toBe(false);
      }),
      { seed: 3, numRuns: 1000 },
    );
  });

  it('quoted: in quotes, cut to a length', () => {
    expect(quoted('@/etc/passwd\0')).toBe('"@/etc/passwd\\x00"');
    expect(quoted('x'.repeat(100), 5)).toBe('"xxxxx…"');
  });
});
