import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertJson } from '../export/index.ts';
import { inertJsonPieces, inertJsonText } from './inert-json.ts';

describe('inertJsonText', () => {
  it('is inertJson, whatever the characters (ASCII, DEL, C1 controls, bidi marks, astral, lone surrogates)', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', '"', '\u0000', '\u007e', '\u007f', '\u0080', '\u009b', '\u00a0', '\u00e9', '\u200e', '\u202e', '\u2028', '\ud83d\ude00', '\ud800', '\udfff', '\ufeff'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (parts) => {
        const json = JSON.stringify({ value: parts.join('') });
        expect(inertJsonText(json)).toBe(inertJson(json));
      }),
      { seed: 5, numRuns: 3000 },
    );
    // Each case on its own, around ASCII's end.
    for (const c of ['\u007e', '\u007f', '\u0080', '\u0085', '\u009f', '\u00ad', '\u061c']) {
      const json = JSON.stringify([`x${c}y`]);
      expect(inertJsonText(json)).toBe(inertJson(json));
    }
    expect(inertJsonText('"\u007f"')).toBe('"\\u007f"');
  });
});

describe('inertJsonPieces', () => {
  const unit = fc.oneof(fc.constantFrom('a', '\u007f', '\u0085', '\u00e9', '\u202e', '\u2028', '\ud83d\ude00', '\ud800', '\ufeff'), fc.string({ unit: 'binary', maxLength: 3 }));
  // JSON texts, as `--json`'s chunks are: some long enough to fill pieces of 64 KiB.
  const chunk = fc.oneof(
    fc.array(unit, { maxLength: 20 }).map((parts) => JSON.stringify({ value: parts.join('') })),
    fc.tuple(fc.array(unit, { maxLength: 4 }), fc.integer({ min: 1, max: 70_000 })).map(([parts, size]) => JSON.stringify(['x'.repeat(size), parts.join('')])),
  );

  it('is inertJson of the chunks joined, encoded as UTF-8, in pieces of about 64 KiB', () => {
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 12 }), (chunks) => {
        const pieces = [...inertJsonPieces(chunks)];
        const text = Buffer.concat(pieces).toString('utf8');
        expect(text).toBe(inertJson(chunks.join('')));
        expect(text).toBe(chunks.map(inertJsonText).join(''));
        for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(1 << 16);
      }),
      { seed: 27, numRuns: 300 },
    );
  });

  it('escapes DEL and non-ASCII controls, and leaves other non-ASCII text as it is', () => {
    const text = (chunks: string[]): string => Buffer.concat([...inertJsonPieces(chunks)]).toString('utf8');
    expect(text(['["a"', ',"\u007f"]'])).toBe('["a","\\u007f"]');
    expect(text(['["\u202e"]'])).toBe('["\\u202e"]');
    expect(text(['["\u00e9"]'])).toBe('["\u00e9"]');
    expect(text([])).toBe('');
  });
});
