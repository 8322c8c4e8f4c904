// For tests: characters that draw nothing though they are no format character (variation selectors,
// also the supplement's; Hangul fillers; the Braille blank; the grapheme joiner; Mongolian and Khmer
// fillers). A header name or URL can hide text with them, so every place that shows captured text
// must show them as escapes; the tests of each place share this one list.

export const INVISIBLE_NOT_FORMAT: readonly string[] = [
  '\ufe00', '\ufe0f', '\udb40\udd00', '\udb40\uddef', '\u115f', '\u1160', '\u3164', '\uffa0', '\u2800', '\u034f', '\u180b', '\u17b4',
];

/** `text` as `\uXXXX` escapes, one per UTF-16 unit (what both the panel and a JS literal show for these). */
export function utf16Escapes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}
