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
    // The viewer, built on its own into one file by scripts/vite-viewer-single-file.ts.
    ...pageScripts('src/ui/viewer/index.html'),
    // Run by hand, each with its command in its first lines.
    'bench/ab.ts',
    'bench/profile.ts',
    'bench/stages.ts',
    // The page bench/browser-panel.ts builds with Vite and loads in Chromium.
    'bench/browser-panel-page.ts',
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
    // Issue #10 (Firefox) asks for the extension to talk to the browser through the polyfill; kept
    // for that work, imported by nothing yet.
    'webextension-polyfill',
    '@types/webextension-polyfill',
    // TEMPORARY (session 17): installed for the parallel work on #9, #10, #11; removed at merge.
    '@fastify/cors', '@hono/node-server', '@koa/cors', '@koa/router', '@types/cors', '@types/express',
    '@types/koa', '@types/koa__cors', 'cors', 'express', 'fastify', 'hono', 'http-proxy-middleware', 'koa',
    'puppeteer-core', 'web-ext', 'webpack', 'webpack-dev-server',
  ],
};

export default config;
