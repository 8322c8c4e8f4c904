import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyCodePoint } from './testing-curl.ts';
import { quoted, UNPRINTABLE, visible } from './visible-text.ts';

describe('visible', () => {
  it.each<[string, string]>([
    ['plain ünï ✓ 😀', 'plain ünï ✓ 😀'],
    ['a\nb\r\tc', 'a\\x0ab\\x0d\\x09c'],
    ['\x1b]52;c;aGk=\x07', '\\x1b]52;c;aGk=\\x07'],
    ['\x00\x7f\x85\x9b', '\\x00\\x7f\\x85\\x9b'],
    ['\u202eevil\u2066\u2069', '\\u202eevil\\u2066\\u2069'],
    ['\u200b\ufeff\u2028\u2029', '\\u200b\\ufeff\\u2028\\u2029'],
    ['lone \ud800', 'lone \\ud800'],
    // Invisible but no format character (variation selectors, Hangul fillers, the Braille blank, ...).
    ['a\ufe00b', 'a\\ufe00b'],
    ['a\ufe0fb', 'a\\ufe0fb'],
    ['a\udb40\udd00b', 'a\\udb40\\udd00b'],
    ['a\udb40\uddefb', 'a\\udb40\\uddefb'],
    ['a\u115fb', 'a\\u115fb'],
    ['a\u1160b', 'a\\u1160b'],
    ['a\u3164b', 'a\\u3164b'],
    ['a\uffa0b', 'a\\uffa0b'],
    ['a\u2800b', 'a\\u2800b'],
    ['a\u034fb', 'a\\u034fb'],
    ['a\u180bb', 'a\\u180bb'],
    ['a\u17b4b', 'a\\u17b4b'],
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
    // The cut marked outside the quotes, in ASCII (session 43: `"xxxxx…"`, mojibake in a CLI message
    // read in another encoding): `...` after the quote cannot read as the value's own dots.
    expect(quoted('x'.repeat(100), 5)).toBe('"xxxxx"...');
    expect(quoted('x...', 5)).toBe('"x..."');
    expect(quoted('x....', 4)).toBe('"x..."...');
  });
});
