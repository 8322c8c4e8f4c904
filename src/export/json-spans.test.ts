import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonSpans, type JsonNode } from './json-spans.ts';

/** Rebuilds the value from the spans, to compare with JSON.parse. */
function valueOf(text: string, node: JsonNode): unknown {
  if (node.type === 'object') return Object.fromEntries(node.members.map((m) => [m.key, valueOf(text, m.value)]));
  if (node.type === 'array') return node.items.map((item) => valueOf(text, item));
  return JSON.parse(text.slice(node.start, node.end));
}

describe('parseJsonSpans', () => {
  it('agrees with JSON.parse on any JSON, however it is spaced', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (value, space) => {
        const text = JSON.stringify(value, null, space);
        const root = parseJsonSpans(text);
        expect(root).not.toBeNull();
        expect(valueOf(text, root!)).toEqual(JSON.parse(text));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it.each(['', '{', '{"a":1,}', '[1 2]', "{'a':1}", '"\u0001"', '01', 'tru', '{"a":1} x', '[' .repeat(500) + ']'.repeat(500)])(
    'refuses %j',
    (text) => expect(parseJsonSpans(text)).toBeNull(),
  );
});
