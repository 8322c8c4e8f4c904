// Control characters from captured data never reach a terminal or a pasted report as they are:
// every text output shows them as escapes, and JSON escapes what JSON.stringify leaves raw.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeControls, type ObservedExchange } from '../cors/index.ts';
import { codeBlock, codeSpan, prose, quotedProse, tableCell, tableCode } from './markdown.ts';
import { markdownReport } from './markdown-report.ts';
import { inertJson, showControls } from './visible-controls.ts';

// Written out by hand, not with the module's own pattern: C0, DEL, C1, bidi marks, embeddings,
// overrides and isolates, and the Unicode line and paragraph separators.
const CONTROL_CODES = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  0x7f,
  ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
  0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
];
const CONTROLS = new Set(CONTROL_CODES.map((code) => String.fromCharCode(code)));
// Besides those, every format character (zero-width ones, the BOM, Unicode tags), any lone
// surrogate, and what shows nothing (default-ignorable: variation selectors, Hangul fillers; the
// Braille blank), by Unicode's own classes.
const OTHER_UNPRINTABLE = /^[\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]$/u;
const isControl = (char: string): boolean => CONTROLS.has(char) || OTHER_UNPRINTABLE.test(char);

function controlsIn(text: string, allowed = ''): string[] {
  return [...text].filter((char) => isControl(char) && !allowed.includes(char));
}

// Strings mixing control characters with ordinary text, backslashes and Markdown markup.
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...CONTROLS, '\\', '`', '|', '\n', '\t', 'a', 'é', '😀', ' '), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('showControls', () => {
  it.each([
    ['\x1b]52;c;ZWNobw==\x07', '\\x1b]52;c;ZWNobw==\\x07'],
    ['a\u202eb', 'a\\u202eb'],
    ['\x9b31m', '\\x9b31m'],
    ['nul\x00', 'nul\\x00'],
    ['cr\rlf\ntab\t', 'cr\\x0dlf\\x0atab\\x09'],
    ['del\x7f', 'del\\x7f'],
    ['\u2028', '\\u2028'],
    ['plain é 😀', 'plain é 😀'],
    ['zero\u200bwidth\ufeff', 'zero\\u200bwidth\\ufeff'],
    ['tag\u{e0041}', 'tag\\udb40\\udc41'],
  ])('%j → %j', (input, shown) => {
    expect(showControls(input)).toBe(shown);
  });

  it('keeps line feeds and tabs for text whose lines are meant, and nothing else', () => {
    expect(showControls('a\nb\tc\rd\x1b', { keepLayout: true })).toBe('a\nb\tc\\x0dd\\x1b');
  });

  it('leaves no control character, and changes nothing else', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = showControls(text);
        expect(controlsIn(shown)).toEqual([]);
        // Every other character is kept, in order.
        expect(shown.replace(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/g, '')).toBe([...text].filter((c) => !isControl(c)).join('').replace(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/g, ''));
        expect(controlsIn(showControls(text, { keepLayout: true }), '\n\t')).toEqual([]);
      }),
      { seed: 1, numRuns: 500 },
    );
  });
});

describe('inertJson', () => {
  // Its shortcut for text beyond ASCII (punctuation U+2010-U+2027 only) returns what the full scan would.
  it('returns text whose only characters beyond ASCII are U+2010-U+2027 as it is, and escapes any control beside them', () => {
    const punctuation = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x2010, max: 0x2027 })).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(punctuation, fc.constantFrom(...CONTROLS), (text, control) => {
        expect(inertJson(text)).toBe(text);
        expect(controlsIn(inertJson(`${text}${control}${text}`), CONTROL_CODES.filter((c) => c < 0x20).map((c) => String.fromCharCode(c)).join(''))).toEqual([]);
      }),
      { seed: 4, numRuns: 500 },
    );
    expect(inertJson('‘Access-Control-Allow-Origin’ — …')).toBe('‘Access-Control-Allow-Origin’ — …');
  });

  it('escapes what JSON.stringify leaves raw, keeping the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), hostileText, (value, text) => {
        const document = { value, text, [text]: 1 };
        const json = inertJson(JSON.stringify(document));
        expect(controlsIn(json)).toEqual([]);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(document)));
      }),
      { seed: 2, numRuns: 500 },
    );
  });
});

describe('Markdown shows control characters as escapes', () => {
  it.each([
    ['codeBlock', (text: string) => codeBlock(text), '\n'],
    ['codeSpan', codeSpan, ''],
    ['tableCode', tableCode, ''],
    ['prose', prose, ''],
    ['tableCell', tableCell, ''],
    ['quotedProse', quotedProse, '\n'],
  ] as const)('%s', (_name, render, layout) => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(controlsIn(render(text), `${layout}\t`)).toEqual([]);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('a long text is written a piece at a time, as the whole would be', () => {
    const word = fc.oneof(fc.constantFrom('http://x/', '@a', '#1', 'a*b', '`', 'www.x', 'é'), fc.string({ unit: 'binary', maxLength: 6 }));
    const text = fc.sample(fc.array(fc.tuple(word, fc.constantFrom(' ', '\t', '  ')), { minLength: 20_000, maxLength: 20_000 }), { seed: 8, numRuns: 1 })[0]!.flat().join('');
    // Past one piece (64 Ki characters) as a whole; each half under it, so read at once.
    const cut = text.indexOf(' ', Math.floor(text.length / 2)) + 1;
    expect([text.length > 65_536, cut < 65_536, text.length - cut < 65_536]).toEqual([true, true, true]);
    expect(prose(text)).toBe(prose(text.slice(0, cut)) + prose(text.slice(cut)));
    expect(tableCell(text)).toBe(tableCell(text.slice(0, cut)) + tableCell(text.slice(cut)));
  });

  it('in a whole report, from every field a HAR sets', () => {
    const osc52 = '\x1b]52;c;ZWNobyBwd25lZA==\x07';
    const exchange: ObservedExchange = {
      request: { method: `GET${osc52}`, headers: [['Origin', 'https://app.example'], [`X-${osc52}`, `v\u202eevil\x9b2J`]], initiatorOrigin: 'https://app.example', mode: 'cors' },
      hops: [{ url: `https://api.example/\x1b[2J?q=\u2066x`, response: { status: 200, headers: [['Access-Control-Allow-Origin', `https://other.example${osc52}`]] } }],
      errorText: `net::ERR_FAILED${osc52}`,
    };
    for (const includeSecrets of [false, true]) {
      const report = markdownReport([{ exchange, notes: [{ text: `note ${osc52}\u202e`, target: { kind: 'exchange' }, createdAt: '2026-01-01T00:00:00Z', author: { name: `Eve${osc52}` } }] }], { includeSecrets });
      expect(controlsIn(report, '\n')).toEqual([]);
      expect(report).toContain('\\x1b]52;c;ZWNobyBwd25lZA==\\x07');
      expect(report).toContain('\\u202e');
    }
  });
});

// The engine's words escape every character this module would, in Chromium's spelling (`\u202E`,
// `\uDB40\uDD00`), so showing them leaves them as they are: one quoted value never mixes the two
// spellings (`'\u202E\udb40\udd00\u009B'` in `explain`, when the words left U+E0100 to this pass).
describe('the engine\'s words through showControls', () => {
  const unit = fc.oneof(
    fc.constantFrom('\u0000', '\n', '\u001b', '\u009b', '\u00ad', '\u200b', '\u200d', '\u202e', '\u2066', '\u2800', '\u3164', '\ufe0f', '\ud800', '\u{E0100}', '\u{E0041}', '\u{1D173}', '\u{1F600}', 'a', '\u00e9'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );
  it('finds nothing left to escape', () => {
    expect(showControls(escapeControls('https://other.example\u202e\u{E0100}\u009b'))).toBe('https://other.example\\u202E\\uDB40\\uDD00\\u009B');
    fc.assert(fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
      const words = escapeControls(units.join(''));
      expect(showControls(words)).toBe(words);
      expect(showControls(words, { keepLayout: true })).toBe(words);
    }), { seed: 35, numRuns: 2000 });
  });
});
