import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertJson } from '../export/index.ts';
import { inertJsonText } from './inert-json.ts';

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
