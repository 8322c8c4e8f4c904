// CheckTexts must give each check exactly the text of its compact copy, whatever it reused: the
// checks here share names and differ in one field at a time, in every field a check has.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Check } from '../cors/index.ts';
import { CheckTexts, compactCheck } from './check-texts.ts';

const SPEC = 'https://fetch.spec.whatwg.org/#concept-cors-check';
const check: fc.Arbitrary<Check> = fc.record(
  {
    // Few names and values, so that checks repeat and differ by one field often.
    name: fc.constantFrom<Check['name']>('allow-origin', 'preflight-headers'),
    phase: fc.constantFrom<Check['phase']>('preflight', 'response'),
    hop: fc.constantFrom(0, 1),
    outcome: fc.constantFrom<Check['outcome']>('passed', 'failed'),
    header: fc.constantFrom('access-control-allow-origin', 'vary'),
    expected: fc.constantFrom('https://a.example', 'true', ''),
    found: fc.constantFrom<string | null>('https://a.example', null, ''),
    spec: fc.constantFrom(SPEC, 'https://example.com/other'),
    reason: fc.constantFrom<NonNullable<Check['reason']>>('no-allow-origin', 'origin-mismatch'),
  },
  { requiredKeys: ['name', 'phase', 'hop', 'outcome', 'spec'] },
);

describe('CheckTexts', () => {
  it('writes every list of checks as JSON.stringify of their compact copies, with the same checkSpecs', () => {
    fc.assert(
      fc.property(fc.array(fc.array(check, { maxLength: 6 }), { maxLength: 60 }), (lines) => {
        const texts = new CheckTexts();
        const specs: Record<string, string> = {};
        for (const checks of lines) expect(texts.json(checks)).toBe(JSON.stringify(checks.map((c) => compactCheck(c, specs))));
        expect(texts.specs).toEqual(specs);
      }),
      { seed: 27, numRuns: 400 },
    );
  });

  it('tells apart checks that differ in one field only, found null from found absent among them', () => {
    const base: Check = { name: 'allow-origin', phase: 'response', hop: 0, outcome: 'passed', header: 'access-control-allow-origin', expected: 'x', found: 'x', spec: SPEC };
    const variants: Check[] = [
      base,
      { ...base, phase: 'preflight' },
      { ...base, hop: 1 },
      { ...base, outcome: 'failed' },
      { ...base, header: 'vary' },
      { ...base, header: undefined },
      { ...base, expected: 'y' },
      { ...base, found: null },
      { ...base, found: undefined },
      { ...base, spec: 'https://example.com/other' },
      { ...base, reason: 'origin-mismatch' },
    ];
    const texts = new CheckTexts();
    const seen = variants.map((c) => texts.text(c));
    expect(new Set(seen).size).toBe(variants.length);
    // Asked again, in another order: the same text for each.
    for (const i of [10, 3, 0, 7, 8, 5, 1, 9, 2, 6, 4]) expect(texts.text({ ...variants[i]! })).toBe(seen[i]);
  });

  it('keeps giving the right text for a name with more distinct checks than it keeps', () => {
    const texts = new CheckTexts();
    const checks = Array.from({ length: 50 }, (_, i): Check => ({ name: 'redirect-location', phase: 'redirect', hop: i % 3, outcome: 'passed', found: `https://a.example/${i % 40}`, spec: SPEC }));
    const specs: Record<string, string> = {};
    for (let round = 0; round < 3; round++) for (const c of checks) expect(texts.text(c)).toBe(JSON.stringify(compactCheck(c, specs)));
  });
});
