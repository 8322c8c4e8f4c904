// `npm run fuzz` (also run by `npm run bench`): the CLI's mutation fuzzing, longer than the fixed-seed
// run in `npm test` (test/unit/cli-fuzz.test.ts), with a new seed each time. Prints the seed, and
// for a failure the case that failed, to replay with `npm run fuzz -- --seed N`.
//
//   npm run fuzz -- [--runs N] [--seed N]

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { fuzzCase, seedBundle, type FuzzSeed } from '../test/unit/cli-fuzz-case.ts';
import { harSlice, mutatedDocumentArbitrary } from '../test/unit/json-mutations.ts';

const RECORDED_HAR = new URL('../test/fixtures/public.devtools.har', import.meta.url).pathname;
const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const runs = Number(values.runs ?? 5000);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);

const har = JSON.parse(readFileSync(RECORDED_HAR, 'utf8')) as { log: { entries: unknown[] } };
const bundle = await seedBundle(RECORDED_HAR);
// Bigger slices than in `npm test`: more exchanges a case, so more pairing and more splitting.
const caseArbitrary = fc.record({ start: fc.nat(), count: fc.integer({ min: 1, max: 40 }), bundle: fc.boolean(), document: mutatedDocumentArbitrary });

const started = performance.now();
const result = await fc.check(
  fc.asyncProperty(caseArbitrary, async ({ start, count, bundle: fromBundle, document }) => {
    const from = start % bundle.exchanges.length;
    const seedDocument: FuzzSeed = fromBundle ? { ...bundle, exchanges: bundle.exchanges.slice(from, from + count) } : (harSlice(har as never, start, count) as FuzzSeed);
    const failures = await fuzzCase(seedDocument, document);
    if (failures.length > 0) throw new Error(failures.join('\n'));
  }),
  { seed, numRuns: runs },
);
const seconds = ((performance.now() - started) / 1000).toFixed(0);
if (result.failed) {
  console.log(`fuzz: FAILED after ${result.numRuns} cases (seed ${seed}, ${seconds} s)`);
  console.log(fc.defaultReportMessage(result));
  process.exitCode = 1;
} else {
  console.log(`fuzz: ${result.numRuns} mutated HARs and bundles through every command, no failure (seed ${seed}, ${seconds} s)`);
}
