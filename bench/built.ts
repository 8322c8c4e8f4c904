// Runs a bench step as built JavaScript, the way the product runs: esbuild bundles the step and
// everything it imports into one ES module (the options of scripts/build-cli.mjs, which builds the
// CLI), and `node` runs it; arguments and exit status pass through.
//
// Why: through tsx (a TypeScript loader, only ever used by the project's scripts), the same
// verdict loop measured ~1.25x slower than built (session 22, bench/verdict.ts's header), mostly in
// a slower warm-up that 0.5 s rounds keep paying. A figure for what users run (the CLI's bundle, the
// extension's) has to come from built code.
//
// The step learns it runs built from BENCH_BUILT=1 (and says so beside its figures). Its bundle
// runs from a temporary directory: a step that finds files from `import.meta.url` cannot run so.
//
//   tsx bench/built.ts bench/verdict.ts [arguments of the step]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';

const [entry, ...stepArgs] = process.argv.slice(2);
if (entry === undefined) {
  console.error('usage: tsx bench/built.ts STEP.ts [arguments]');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-built-'));
try {
  const outfile = join(dir, `${basename(entry, '.ts')}.mjs`);
  await build({ entryPoints: [resolve(entry)], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
  const run = spawnSync(process.execPath, [outfile, ...stepArgs], { stdio: 'inherit', env: { ...process.env, BENCH_BUILT: '1' } });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
