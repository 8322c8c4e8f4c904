// Mutation fuzzing of every command: HARs and bundles made from the recorded HAR, broken the ways
// tools and attackers break them, fed to `main()` on standard input. Whatever the input, no error
// escapes, the exit status is a documented one (never 70, a bug), stderr is one line a message, and
// the text outputs hold no control characters. A longer run: `npm run fuzz` (bench/fuzz.ts).

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../../src/export/index.ts';
import { RECORDED_HAR } from './recorded-scenarios.ts';
import { fuzzCase, seedBundle, type FuzzSeed } from './cli-fuzz-case.ts';
import { harSlice, mutatedDocumentArbitrary } from './json-mutations.ts';

const har = JSON.parse(readFileSync(RECORDED_HAR, 'utf8')) as { log: { entries: unknown[] } };

const caseArbitrary = fc.record({ start: fc.nat(), count: fc.integer({ min: 1, max: 5 }), document: mutatedDocumentArbitrary });

describe('every command on mutated input', () => {
  it('HARs: a documented status, one-line messages, inert text', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async ({ start, count, document }) => {
        const failures = await fuzzCase(harSlice(har as never, start, count) as FuzzSeed, document);
        expect(failures).toEqual([]);
      }),
      { seed: 7, numRuns: 200 },
    );
  }, 240_000);

  it('bundles: a documented status, one-line messages, inert text', async () => {
    const bundle = await seedBundle(RECORDED_HAR);
    expect(importBundle(JSON.stringify(bundle), { engineVersion: 'test' }).ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async ({ start, count, document }) => {
        const exchanges = bundle.exchanges.slice(start % bundle.exchanges.length, (start % bundle.exchanges.length) + count);
        const failures = await fuzzCase({ ...bundle, exchanges }, document);
        expect(failures).toEqual([]);
      }),
      { seed: 11, numRuns: 100 },
    );
  }, 240_000);
});
