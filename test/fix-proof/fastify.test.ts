// Fastify + @fastify/cors with its default methods (GET, HEAD, POST only in recent versions) and a
// page that sends DELETE: Chromium blocks the preflight; the engine names the method; the printed
// registration, put in place of the broken one as printed, lets the request through.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { fastifyApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { fixFor, layersOf } from './engine.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

it('@fastify/cors with its default methods, a DELETE: blocked, diagnosed, fixed by the printed registration', async () => {
  const c: ProofCase = {
    stack: 'fastify',
    config: 'default-methods-delete',
    software: ['fastify 5 + @fastify/cors 11'],
    path: '/api/items/4',
    init: { method: 'DELETE' },
    start: (cors) =>
      startNodeApp('fastify', fastifyApp(cors ?? `import cors from '@fastify/cors';\nawait fastify.register(cors, { origin: '${site.origin}' });`)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'DELETE' });
  expect(broken.explained).toMatchObject({ corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'DELETE' });
  // Fastify sends no Server or X-Powered-By: its CORS plugin's header shapes tell it.
  expect(layersOf(broken.explained)).toEqual(['fastify']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, 'fastify');
  expect(fix.trap).toContain('only GET, HEAD and POST by default');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
