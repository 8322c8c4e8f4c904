// The development alternative: a page served by Vite's or webpack's dev server calls an API that
// sends no CORS headers (Express without cors) by its absolute URL: Chromium blocks; the engine's
// printed dev-server config, written as the config file as printed, and the page calling the path
// the snippet names, make the call same-origin through the proxy (changeOrigin: true): allowed.
//
// (A proxy without changeOrigin is no CORS error Chromium can block: the page calls its own origin;
// only the backend sees the dev server's Host.)

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { startVite, startWebpackDevServer } from '../servers/dev-server.ts';
import type { RunningServer } from '../servers/process.ts';
import { pageHtml } from '../conformance/servers.ts';
import { expressApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { fixFor, layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
let backend: RunningServer;
beforeAll(async () => {
  site = await openPageSite();
  backend = await startNodeApp('express', expressApp('// no CORS: the page must go through the dev proxy'));
});
afterAll(async () => {
  await backend?.stop();
  await site?.close();
});

/** The path the snippet tells the page to fetch instead of the absolute URL. */
function pagePath(snippet: string): string {
  const m = /^\/\/ In the page: fetch\('([^']+)'\)/m.exec(snippet);
  if (m === null) throw new Error(`the snippet does not say which URL the page must fetch:\n${snippet}`);
  return m[1]!;
}

const cases = [
  { target: 'vite-proxy', name: 'vite', software: 'vite 8 dev server', empty: 'export default {};\n', start: startVite },
  { target: 'webpack-proxy', name: 'webpack-dev-server', software: 'webpack-dev-server 6', empty: 'module.exports = {};\n', start: startWebpackDevServer },
] as const;

it.each(cases)('$name: the API called directly is blocked; the printed proxy config makes it same-origin', async (d) => {
  const c: ProofCase = {
    stack: `${d.name}-express`,
    config: 'no-proxy-absolute-url',
    software: [d.software, 'express 5'],
    path: '/api/items',
    init: {},
    start: (config) => d.start(config ?? d.empty, pageHtml()),
    pageUrl: (dev) => `${dev.origin}/`,
    url: (_dev, config) => (config === null ? `${backend.origin}/api/items` : pagePath(config)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'MissingAllowOriginHeader' });
  expect(broken.explained).toMatchObject({ corsError: 'MissingAllowOriginHeader' });
  expect(layersOf(broken.explained)).toEqual(['express']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, d.target);
  expect(fix.snippet).toContain('changeOrigin: true,');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
