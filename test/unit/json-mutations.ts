// Mutation fuzzing of JSON inputs (HARs and bundles): a seed document, and mutations that an
// unlucky tool or an attacker could make to it. A mutation is plain data (a path of numbers and a
// kind), so that fast-check can generate and shrink it, and `bench/fuzz.ts` can run many more.

import fc from 'fast-check';

const MUTATION_KINDS = [
  'swap-type',
  'huge-string',
  'deep-nesting',
  'control-bytes',
  'unicode',
  'remove',
  'duplicate',
  'huge-number',
  'many-elements',
] as const;
type MutationKind = (typeof MUTATION_KINDS)[number];

interface Mutation {
  /** Which value: the `at % n`th of the document's n values, in document order (not the root). */
  at: number;
  kind: MutationKind;
  /** Picks among the replacements of a kind. */
  pick: number;
}

/** What the text of a document may also suffer, after the mutations. */
type TextMutation = { kind: 'none' } | { kind: 'truncate'; at: number } | { kind: 'insert-byte'; at: number; byte: number } | { kind: 'byte-order-mark' };

export interface MutatedDocument {
  mutations: Mutation[];
  text: TextMutation;
}

const SWAPS: readonly unknown[] = [
  { toString: 'x' },
  null,
  1000,
  [],
  { valueOf: 1, toString: null },
  true,
  -1,
  '',
  1e308,
  {},
  2.5,
  '200',
  [['a', 'b']],
  { name: 'x' },
  JSON.parse('{"__proto__": {"polluted": true}}'),
];
const CONTROL_STRINGS: readonly string[] = [
  '\x1b]52;c;ZWNobyBwd25lZA==\x07',
  '\x1b[2J\x1b[H',
  'a\u202eevil\u202c',
  '\u2066isolated\u2069',
  'marks\u200e\u200f\u061c',
  'nul\x00byte',
  'line\r\nbreak\rcr',
  '\x9b31mC1 CSI',
  '\x7fdel',
  '\u2028sep\u2029',
  '@/etc/passwd\x00',
  '-K /etc/passwd',
];
const UNICODE_STRINGS: readonly string[] = ['\ud800', '\udfff lone', '😀'.repeat(50), 'שלום עולם', 'e\u0301', '\ufeffbom', '\uffff', 'ﷺ'.repeat(40)];
const HUGE_NUMBERS: readonly number[] = [1e21, Number.MAX_SAFE_INTEGER + 2, 9007199254740993, -0, 1e-320, 4294967296, 999, 1000, 65536];

// Marks a place in the text where a deeply nested value goes: JSON.stringify recurses and could not
// write it.
const DEEP = '"\u0000deep-nesting\u0000"';

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  // Type swaps most: a value of the wrong type is what readers most often trip on.
  kind: fc.oneof(
    { weight: 4, arbitrary: fc.constant<MutationKind>('swap-type') },
    { weight: 2, arbitrary: fc.constantFrom<MutationKind>('control-bytes', 'remove') },
    { weight: 3, arbitrary: fc.constantFrom<MutationKind>(...MUTATION_KINDS) },
  ),
  pick: fc.nat({ max: 1000 }),
});

const textMutationArbitrary: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert-byte' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'byte-order-mark' as const }) },
);

export const mutatedDocumentArbitrary: fc.Arbitrary<MutatedDocument> = fc.record({
  mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
  text: textMutationArbitrary,
});

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** Every value but the root, as its container and key, in document order. */
function places(root: unknown): [Record<string | number, unknown>, string | number][] {
  const out: [Record<string | number, unknown>, string | number][] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isContainer(node)) continue;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      out.push([node as Record<string | number, unknown>, keys[i]!]);
      stack.push((node as Record<string | number, unknown>)[keys[i]!]);
    }
  }
  return out;
}

/**
 * Applies one mutation to `root` (a tree of plain JSON values), in place. Picking among all values
 * alike, most mutations land where most values are: entries, headers, hops.
 */
function mutate(root: unknown, mutation: Mutation): void {
  const all = places(root);
  if (all.length === 0) return;
  const [parent, key] = all[mutation.at % all.length]!;
  const node = parent[key];
  const container = parent;
  const pick = mutation.pick;
  switch (mutation.kind) {
    case 'swap-type':
      container[key] = structuredClone(SWAPS[pick % SWAPS.length]);
      break;
    case 'huge-string':
      container[key] = (typeof node === 'string' ? node : 'A').repeat(1 + (pick % 3)) + 'x'.repeat(20_000 + pick * 97);
      break;
    case 'deep-nesting':
      container[key] = DEEP;
      break;
    case 'control-bytes':
      container[key] = `${typeof node === 'string' ? node : ''}${CONTROL_STRINGS[pick % CONTROL_STRINGS.length]}`;
      break;
    case 'unicode':
      container[key] = `${typeof node === 'string' ? node.slice(0, pick % 8) : ''}${UNICODE_STRINGS[pick % UNICODE_STRINGS.length]}`;
      break;
    case 'remove':
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key];
      break;
    case 'duplicate':
      if (Array.isArray(container)) container.splice(key as number, 0, structuredClone(node));
      else container[`${key}`] = structuredClone(node);
      break;
    case 'huge-number':
      container[key] = HUGE_NUMBERS[pick % HUGE_NUMBERS.length];
      break;
    case 'many-elements': {
      // A list longer than a bundle's 2,000 lines: this one (headers, entries, hops) grown with
      // copies of the value, or the value made a list of small headers.
      const small = isContainer(node) && Object.keys(node).length > 2 ? { name: 'X-Many', value: String(pick) } : node;
      const copies = Array.from({ length: 2_001 + (pick % 3) }, () => structuredClone(small));
      if (Array.isArray(container)) container.splice(key as number, 0, ...copies);
      else container[key] = copies;
      break;
    }
  }
}

/** The seed document's text with the mutations applied. */
export function mutatedText(seed: unknown, document: MutatedDocument): string {
  const tree = structuredClone(seed);
  for (const mutation of document.mutations) mutate(tree, mutation);
  let text = JSON.stringify(tree);
  if (text.includes(DEEP)) text = text.split(DEEP).join(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
  const change = document.text;
  if (change.kind === 'truncate') text = text.slice(0, change.at % (text.length + 1));
  if (change.kind === 'insert-byte') {
    const at = change.at % (text.length + 1);
    text = text.slice(0, at) + String.fromCharCode(change.byte) + text.slice(at);
  }
  if (change.kind === 'byte-order-mark') text = `\ufeff${text}`;
  return text;
}

/** A HAR of `count` entries of `har` from `start` on: small seeds keep each case fast. */
export function harSlice(har: { log: { entries: unknown[] } & Record<string, unknown> }, start: number, count: number): unknown {
  const entries = har.log.entries;
  const from = start % entries.length;
  return { log: { ...har.log, entries: entries.slice(from, from + count) } };
}
