// `share` writes only bundles its own importer accepts: generated exchanges written as a HAR (the
// HAR export), shared through the CLI under small limits (so that splitting and refusals happen),
// and every file written read back by `importBundle` under the same limits.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryExchange } from '../../test/unit/arbitrary-exchange.ts';
import { importBundle, DEFAULT_BUNDLE_LIMITS, type BundleLimits, harFromExchanges, serializeHar } from '../export/index.ts';
import { EXIT } from './command.ts';
import { numbered, runShare } from './share-command.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-share-roundtrip-'));
const LIMITS: BundleLimits = { ...DEFAULT_BUNDLE_LIMITS, maxBytes: 20_000, maxExchanges: 3, maxHopsPerExchange: 4, maxHeadersPerList: 7 };

const someExchanges = fc.array(
  arbitraryExchange,
  { minLength: 1, maxLength: 10 },
);

describe('share → importBundle, over generated HARs', () => {
  it('writes files that all import, holding every request it says it wrote; or refuses, writing nothing', async () => {
    let run = 0;
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(someExchanges, fc.boolean(), async (exchanges, includeSecrets) => {
        const target = join(dir, `bundle-${run++}.json`);
        const har = serializeHar(harFromExchanges(exchanges.map((exchange, i) => ({ ...exchange, startedAt: Date.UTC(2026, 0, 1) + i * 10_000 })), { includeSecrets: true }));
        const out = new Collected();
        const err = new Collected();
        const status = await runShare(['-', '--out', target, ...(includeSecrets ? ['--include-secrets'] : [])], out, err, Readable.from([Buffer.from(har)]), LIMITS);
        // HAR entries that cannot be read (a generated empty URL) are one line; the outcome another.
        const lines = err.text.split('\n').filter((line) => line !== '' && !/^cors-inspector share: standard input: skipped \d+ unreadable entr/.test(line));
        expect(lines).toHaveLength(1);
        const line = `${lines[0]!}\n`;
        if (status === EXIT.ok) {
          const [, written, names] = /^cors-inspector share: wrote (\d+) requests? to (.*?)(?: \(a bundle holds [^)]*\))? \((?:\d+ secrets? redacted|secrets INCLUDED)\)\n$/.exec(line) ?? [];
          expect(written).toBeDefined();
          const files = names!.includes(', ') ? names!.replace(/^\d+ bundles, /, '').split(', ') : [names!];
          if (files.length > 1) expect(files).toEqual(files.map((_, i) => numbered(target, i + 1)));
          let total = 0;
          for (const file of files) {
            const imported = importBundle(readFileSync(file), { engineVersion: 'test', limits: LIMITS });
            if (!imported.ok) throw new Error(`${file}: ${imported.errors[0]!.path}: ${imported.errors[0]!.message}`);
            total += imported.exchanges.length;
          }
          expect(total).toBe(Number(written));
          outcomes.add(files.length > 1 ? 'split' : 'one');
        } else if (status === EXIT.input && line.includes(', so nothing was judged')) {
          // Every entry unreadable (generated empty URLs): nothing to share, and nothing written.
          expect(line).toMatch(/^cors-inspector share: standard input: (none of its \d+ entries could be read|its one entry could not be read), so nothing was judged \(first: /);
          expect(existsSync(target) || existsSync(numbered(target, 1))).toBe(false);
        } else if (status === EXIT.input) {
          expect(line).toMatch(/^cors-inspector share: cannot share .*: (it has|it is|its )/);
          expect(existsSync(target) || existsSync(numbered(target, 1))).toBe(false);
          outcomes.add('refused');
        } else {
          expect([status, line]).toEqual([EXIT.usage, 'cors-inspector share: standard input has no cross-origin requests\n']);
          outcomes.add('nothing to share');
        }
      }),
      { seed: 13, numRuns: 120 },
    );
    // Every outcome was reached.
    expect([...outcomes].sort()).toEqual(['nothing to share', 'one', 'refused', 'split']);
  }, 120_000);
});
