// Caddy in front of an Express app without CORS of its own: Caddy adds Access-Control-Allow-Origin
// but leaves OPTIONS to the app, whose automatic answer allows no method: Chromium blocks the
// preflight of a PUT; the printed Caddy directives, put in place of the broken header line as
// printed, answer the preflight and let the request through.
//
// (A HAR does not record fetch's credentials mode: with `credentials: 'include'` and `*`, the engine
// gives Chromium's error only as the alternative under that assumption, and its fix is written for
// the assumed mode; so the proof uses a request whose HAR says all.)

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { startCaddy } from '../servers/caddy.ts';
import type { RunningServer } from '../servers/process.ts';
import { expressApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { fixFor, layersOf } from './engine.ts';
import { type ProofCase, redirectedPut, runBroken, runFixed } from './prove.ts';

let site: PageSite;
let backend: RunningServer;
beforeAll(async () => {
  site = await openPageSite();
  backend = await startNodeApp('express', expressApp('// no CORS in the app: Caddy adds it'));
});
afterAll(async () => {
  await backend?.stop();
  await site?.close();
});

it('Caddy adding Allow-Origin but leaving OPTIONS to the app: the PUT is blocked; the printed directives fix it', async () => {
  const c: ProofCase = {
    stack: 'caddy-express',
    config: 'options-left-to-the-app',
    software: ['caddy 2.6', 'express 5'],
    path: '/api/items/9',
    init: { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' },
    start: (cors) =>
      startCaddy(`${cors ?? `\theader Access-Control-Allow-Origin ${site.origin}`}
	reverse_proxy 127.0.0.1:${backend.port}`),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' });
  expect(broken.explained).toMatchObject({ corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' });
  // Both layers, outer to inner.
  expect(layersOf(broken.explained)).toEqual(['caddy', 'express']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, 'caddy');
  expect(fix.trap).toContain('Without the @preflight handler');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});

// Session 39's review: Caddy sorts redir before handle, wherever it is written, so a site block's
// redir answered OPTIONS before the printed @preflight handler. The snippet's comment for a
// redirected preflight shows the redir's matcher without OPTIONS: with it (its path and target put
// in), the preflight gets the 204; with the redir as it was, still the 301.
it('Caddy with a redir: the preflight is redirected; the printed directives with the redir matcher they show let it through', async () => {
  const redir = '\tredir /api/v1/* /api/v2/items 301';
  const respond = '\trespond "saved" 200';
  const c = (config: string, start: ProofCase['start']): ProofCase => redirectedPut('caddy', ['caddy 2.6'], config, start);
  const broken = await runBroken(site, c('redir-before-preflight', (cors) => startCaddy(`${redir}\n${cors ?? `\theader Access-Control-Allow-Origin ${site.origin}`}\n${respond}`)));
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightDisallowedRedirect' });
  expect(layersOf(broken.explained)).toEqual(['caddy']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, 'caddy');
  expect(fix.trap).toContain('A redir or basicauth in the site block answers OPTIONS before the @preflight handler');
  // The matcher the comment shows, its path and target the site's own.
  const lines = fix.snippet.split('\n');
  const shown = lines.slice(lines.findIndex((l) => l.endsWith('path and target:')) + 1).filter((l) => l.startsWith('#   '));
  expect(shown.length).toBeGreaterThan(0);
  const matched = shown.map((l) => `\t${l.slice(4).replace('/old/*', '/api/v1/*').replace('/new/', '/api/v2/items')}`).join('\n');
  expect(matched).toContain('not method OPTIONS');

  const fixed = await runFixed(site, c('redir-before-preflight', (cors) => startCaddy(`${matched}\n${cors}\n${respond}`)), fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
  // The redir left as it was: Caddy still runs it before the handler.
  const asItWas = await runFixed(site, c('redir-before-preflight-unmatched', (cors) => startCaddy(`${redir}\n${cors}\n${respond}`)), fix.snippet);
  expect(asItWas.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightDisallowedRedirect' });
});
