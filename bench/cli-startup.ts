// `npm run bench` (CLI start): `cors-inspector --version` against a bare `node -e 0`, wall time of
// each child process, the median of 10 runs, interleaved so that both see the same machine load.
// Target: at most 2x. Runs the built CLI (`npm run build:cli`, which `npm run bench` runs first).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUNS = 10;
const BIN = fileURLToPath(new URL('../bin/cors-inspector.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist-cli/cors-inspector.js', import.meta.url));

function timed(args: string[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${child.stderr.toString().trim()}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

if (!existsSync(BUILT)) {
  console.log('cli start: skipped (the CLI is not built: npm run build:cli)');
} else {
  const bare: number[] = [];
  const version: number[] = [];
  // One of each first, not counted: the file system cache warms up.
  timed(['-e', '0']);
  timed([BIN, '--version']);
  for (let i = 0; i < RUNS; i++) {
    bare.push(timed(['-e', '0']));
    version.push(timed([BIN, '--version']));
  }
  const [node, cli] = [median(bare), median(version)];
  const spread = (values: number[]): string => `±${(((Math.max(...values) - Math.min(...values)) / 2 / median(values)) * 100).toFixed(0)}%`;
  const ratio = cli / node;
  console.log(`cli start: cors-inspector --version ${cli.toFixed(0)} ms (${spread(version)}), node -e 0 ${node.toFixed(0)} ms (${spread(bare)}): ${ratio.toFixed(2)}x (target <= 2x; median of ${RUNS})`);
  console.log(`ROW | cors-inspector --version vs. node -e 0 (wall) | ${ratio.toFixed(2)}x | goal <= 2x | ${ratio <= 2 ? 'met' : 'not met'}`);
}
