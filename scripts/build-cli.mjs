#!/usr/bin/env node
// Builds the CLI: src/cli/main.ts and everything it imports, bundled by esbuild into one classic
// script, dist-cli/cors-inspector.js, which bin/cors-inspector.mjs runs (through bin/load-cli.mjs),
// and V8's code cache of it, dist-cli/cors-inspector.cache. Plain JavaScript at run time: no
// TypeScript loader (tsx) to start, and the package version inlined (src/cli/version.ts).
// The commands stay behind dynamic `import()`s (src/cli/commands.ts): in one file, esbuild runs a
// module's body only when it is first imported, so `--version` runs almost nothing.
//
// A script rather than an ES module because node 20 can cache V8's compiled code only for a script
// (vm.Script; bin/load-cli.mjs says why a cache). The script is one function expression, which the
// loader calls with `require` (node's built-in modules only), `module`, `exports` and the script's
// own URL for `import.meta.url`; its last line is the key its cache must carry. The cache is made
// by a separate node (scripts/cli-code-cache.mjs) with none of NODE_OPTIONS, as the CLI runs.
//
// Run by `npm run build:cli`, by `npm ci` (prepare), and by the unit tests before they start
// (vitest.config.ts `globalSetup`), so a test never runs a stale build.
//
// Beside it, dist-cli/viewer.html: the viewer page, the template of `share --html`'s diagnosis.html,
// built by the same code as `dist/viewer.html` (scripts/vite-viewer-single-file.ts). Built here
// rather than read from `dist/` so that `share --html` works after `npm ci` alone and its page
// always comes from the same sources as the CLI; kept as a file rather than inlined so that the
// CLI's start (`--version`) does not parse its 270 KB. Rebuilt only when a source is newer.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI_BUNDLE = resolve(ROOT, 'dist-cli/cors-inspector.js');
const CLI_CODE_CACHE = resolve(ROOT, 'dist-cli/cors-inspector.cache');
/** The ES module earlier builds wrote: nothing runs it any more. */
const OLD_CLI_BUNDLE = resolve(ROOT, 'dist-cli/cors-inspector.mjs');
const VIEWER_PAGE = resolve(ROOT, 'dist-cli/viewer.html');
const VIEWER_SOURCES = ['src', 'scripts/vite-viewer-single-file.ts', 'package.json', 'package-lock.json'].map((path) => resolve(ROOT, path));

/** Written beside and renamed: a CLI started meanwhile (a test, another build) never reads half a file. */
function writeWhole(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
}

/** The newest modification time under `path` (a file or a directory), in ms. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  // Tests are not part of the page: changing one rebuilds nothing.
  const parts = readdirSync(path).filter((name) => !/\.test\.tsx?$/.test(name));
  return parts.reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

async function buildViewerPage() {
  const built = statSync(VIEWER_PAGE, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built > Math.max(...VIEWER_SOURCES.map(newest))) return;
  // The builder is TypeScript that Vite's config also imports; tsx loads it here.
  const { tsImport } = await import('tsx/esm/api');
  const { buildViewerPage: build } = await tsImport('./vite-viewer-single-file.ts', import.meta.url);
  writeWhole(VIEWER_PAGE, await build({ entry: resolve(ROOT, 'src/ui/viewer/index.html'), root: ROOT, target: 'chrome116' }));
}

/** V8's code cache of the script, made by a node of its own run as the CLI runs (no NODE_OPTIONS, no flags). */
function makeCodeCache() {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const made = spawnSync(process.execPath, [resolve(ROOT, 'scripts/cli-code-cache.mjs'), CLI_CODE_CACHE], { env, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (made.status !== 0) throw new Error(`making the CLI's code cache failed (status ${made.status}): ${made.stderr.trim()}`);
}

async function buildCli() {
  const result = await build({
    entryPoints: [resolve(ROOT, 'src/cli/main.ts')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The loader passes the script's URL (share-command.ts finds the viewer page beside it).
    define: { 'import.meta.url': 'cliScriptUrl' },
    banner: { js: '// The CLI, built by scripts/build-cli.mjs: run bin/cors-inspector.mjs, which loads it (bin/load-cli.mjs).\n(function (require, module, exports, cliScriptUrl) {' },
    footer: { js: '})' },
    write: false,
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  const script = `${output.text}\n//# code-cache-key=${createHash('sha256').update(output.text).digest('hex')}\n`;
  // The old cache first: whatever happens next, no cache is left beside a script it was not made for.
  rmSync(CLI_CODE_CACHE, { force: true });
  rmSync(OLD_CLI_BUNDLE, { force: true });
  writeWhole(CLI_BUNDLE, script);
  makeCodeCache();
  await buildViewerPage();
}

// As vitest's globalSetup.
export default buildCli;

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
