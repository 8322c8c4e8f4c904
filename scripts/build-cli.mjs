#!/usr/bin/env node
// Builds the CLI: src/cli/main.ts and everything it imports, bundled by esbuild into one ES module,
// dist-cli/cors-inspector.mjs, which bin/cors-inspector.mjs runs. Plain JavaScript at run time: no
// TypeScript loader (tsx) to start, and the package version inlined (src/cli/version.ts).
// The commands stay behind dynamic `import()`s (src/cli/commands.ts): in one file, esbuild runs a
// module's body only when it is first imported, so `--version` runs almost nothing.
//
// Run by `npm run build:cli`, by `npm ci` (prepare), and by the unit tests before they start
// (vitest.config.ts `globalSetup`), so a test never runs a stale build.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI_BUNDLE = resolve(ROOT, 'dist-cli/cors-inspector.mjs');

async function buildCli() {
  const result = await build({
    entryPoints: [resolve(ROOT, 'src/cli/main.ts')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  // Written beside and renamed: a CLI started meanwhile (a test, another build) never reads half a file.
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  const partial = `${CLI_BUNDLE}.${process.pid}.partial`;
  writeFileSync(partial, output.contents);
  renameSync(partial, CLI_BUNDLE);
}

// As vitest's globalSetup.
export default buildCli;

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
