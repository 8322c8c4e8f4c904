import { describe, expect, it } from 'vitest';
import { UNPRINTABLE } from '../export/index.ts';
import { shownAttribute, shownRuns, type ShownKind } from './shown-text.ts';
import { INVISIBLE_NOT_FORMAT, utf16Escapes } from '../export/testing-invisible.ts';

// Each character a capture can use to change what is shown, and the escape that must show instead.
const HOSTILE: readonly (readonly [string, string])[] = [
  ['\u202a', '\\u202a'], ['\u202b', '\\u202b'], ['\u202c', '\\u202c'], ['\u202d', '\\u202d'], ['\u202e', '\\u202e'],
  ['\u2066', '\\u2066'], ['\u2067', '\\u2067'], ['\u2068', '\\u2068'], ['\u2069', '\\u2069'],
  ['\u200e', '\\u200e'], ['\u200f', '\\u200f'], ['\u061c', '\\u061c'],
  ['\u0000', '\\x00'], ['\u001b', '\\x1b'], ['\u007f', '\\x7f'], ['\u0085', '\\x85'], ['\u009b', '\\x9b'],
  ['\u200b', '\\u200b'], ['\u200d', '\\u200d'], ['\u2060', '\\u2060'], ['\ufeff', '\\ufeff'], ['\u00ad', '\\xad'],
  ['\u2028', '\\u2028'], ['\u2029', '\\u2029'], ['\ud800', '\\ud800'], ['\udfff', '\\udfff'],
  // Invisible but no format character: variation selectors (also the supplement's), Hangul fillers, the
  // Braille blank, the grapheme joiner, Mongolian and Khmer fillers. A header name or URL hides text with them.
  ...INVISIBLE_NOT_FORMAT.map((char) => [char, utf16Escapes(char)] as const),
];

const KINDS: readonly ShownKind[] = ['value', 'prose', 'lines'];
const joined = (kind: ShownKind, text: string): string => shownRuns(text, kind).map((run) => run.text).join('');

describe('shownRuns', () => {
  it('shows every bidi control, C0/C1 control, DEL, zero-width character, BOM and lone surrogate as its escape, in every kind', () => {
    for (const kind of KINDS) {
      for (const [char, escape] of HOSTILE) {
        const shown = joined(kind, `a${char}b`);
        expect(shown, `${kind} ${escape}`).toBe(`a${escape}b`);
        expect([...shown].some((c) => UNPRINTABLE.test(c)), `${kind} ${escape}`).toBe(false);
      }
    }
  });

  it('a value is one isolate; line feeds and tabs in it are escapes', () => {
    expect(shownRuns('https://api.example/x?next=\u202egnp.lanigiro')).toEqual([{ text: 'https://api.example/x?next=\\u202egnp.lanigiro', isolate: true }]);
    expect(shownRuns('a\nb\tc')).toEqual([{ text: 'a\\x0ab\\x09c', isolate: true }]);
    expect(shownRuns('')).toEqual([{ text: '', isolate: false }]);
  });

  it('prose of printable ASCII is one plain run: most of the engine\u2019s words cost nothing', () => {
    expect(shownRuns("The server sent 'x' for Origin.", 'prose')).toEqual([{ text: "The server sent 'x' for Origin.", isolate: false }]);
  });

  it('in prose, each word holding anything else is its own isolate, and the words around it stay plain, in order', () => {
    expect(shownRuns("sent 'https://app.example\u202e' (from \u05e9\u05dc\u05d5\u05dd 200) \u2014 ok", 'prose')).toEqual([
      { text: "sent 'https://app.example\\u202e' (from ", isolate: false },
      { text: '\u05e9\u05dc\u05d5\u05dd', isolate: true },
      { text: ' 200) ', isolate: false },
      { text: '\u2014', isolate: true },
      { text: ' ok', isolate: false },
    ]);
  });

  it('lines keeps line feeds and tabs, the layout of a snippet or a note', () => {
    expect(joined('lines', 'a\n\tb\u202e')).toBe('a\n\tb\\u202e');
    expect(joined('prose', 'a\nb')).toBe('a\\x0ab');
  });
});

describe('shownAttribute', () => {
  it('escapes, and cuts a megabyte to a line', () => {
    expect(shownAttribute('x\u202ey')).toBe('x\\u202ey');
    expect(shownAttribute('u'.repeat(1_000_000)).length).toBeLessThan(2_100);
  });
});
