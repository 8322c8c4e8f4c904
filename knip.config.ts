// knip (`npm run lint:unused`, part of `npm test`): unused files, exports and dependencies.
//
// knip finds most entry points itself: package.json's `bin` and `scripts` (the CLI, scripts/start.mjs
// and the demo it starts, the benchmarks, the conformance runner), the Vite config's pages (the
// panel, the plain page) and both Vitest configs' tests. What it cannot see is below.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KnipConfig } from 'knip';
import manifest from './manifest.json' with { type: 'json' };

/** The module scripts an HTML page loads, as paths from the repository root. */
function pageScripts(page: string): string[] {
  const html = readFileSync(page, 'utf8');
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => join(dirname(page), match[1]!));
}

const config: KnipConfig = {
  entry: [
    // The extension as the browser loads it: crxjs builds what manifest.json names (the service
    // worker, the devtools page), which the Vite config does not list.
    manifest.background.service_worker,
    ...pageScripts(manifest.devtools_page),
    // What `extension/browser/current.ts` stands for in the Firefox build (vite.config.ts).
    'extension/browser/firefox.ts',
    // The viewer, built on its own into one file by scripts/vite-viewer-single-file.ts.
    ...pageScripts('src/ui/viewer/index.html'),
    // The steps bench/all.ts (`npm run bench`) runs.
    'bench/run.ts',
    'bench/cli-startup.ts',
    'bench/memory.ts',
    'bench/browser.ts',
    'bench/verdict.ts',
    'bench/built.ts',
    'bench/cli-speed.ts',
    'bench/capture-cost.ts',
    'bench/panel-devtools.ts',
    'bench/viewer-open.ts',
    // Run by hand, each with its command in its first lines.
    'bench/ab.ts',
    'bench/verdict-ab.ts',
    'bench/verdict-layout.ts',
    'bench/firefox-panel-verdict.ts',
    'bench/profile.ts',
    'bench/stages.ts',
    'bench/capture-cost/replay.ts',
    // The page bench/browser-panel.ts builds with Vite and loads in Chromium.
    'bench/browser-panel-page.ts',
    // The service workers bench/capture-cost.ts builds with esbuild into throwaway extensions.
    'bench/capture-cost/*.ts',
    // Makes the CLI's code cache, run by scripts/build-cli.mjs in a node of its own.
    'scripts/cli-code-cache.mjs',
    // Records the real servers' header sets into the fingerprint fixtures beside it.
    'test/fixtures/stack-headers/record.mjs',
  ],
  ignoreBinaries: [
    // This package's own bin, run by test/unit/cli.test.ts through `npx --no-install`.
    'cors-inspector',
    // Used by src/cors/explain/escape.test.ts only where it is installed, to compile the Java snippets.
    'java',
  ],
  ignoreDependencies: [
    // Imported by the apps the proven-fix tests write into temporary folders (test/fix-proof/apps.ts,
    // test/servers/dev-server.ts): knip reads those imports only as strings.
    '@koa/router',
    'webpack',
    'webpack-dev-server',
    // The NestJS and Next.js apps of test/fix-proof/apps.ts (Next.js needs react and react-dom).
    '@nestjs/common',
    '@nestjs/core',
    '@nestjs/platform-express',
    'reflect-metadata',
    'rxjs',
    'next',
    'react',
    'react-dom',
  ],
  // Written by the build beside the extension's manifest, loaded by the panel at run time.
  ignoreUnresolved: ['/viewer-page.js'],
};

export default config;
