// Koa + @koa/cors with no options (`app.use(cors())`: version 5 sends `Access-Control-Allow-Origin: *`
// and no Access-Control-Allow-Credentials) and a page that saves with cookies (a PUT, so preflighted):
// Chromium blocks at the preflight; the printed @koa/cors setup, put in place of the broken one as
// printed, lets the request through. A plain GET would not do: DevTools' HAR lists a response's
// headers sorted by name, which leaves `*` and `Vary: Origin` with nothing to say who sent them,
// while the preflight's answer carries @koa/cors's own default Allow-Methods list.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { koaApp } from './apps.ts';
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

it('@koa/cors with no options, with cookies: blocked, diagnosed, fixed by the printed setup', async () => {
  const c: ProofCase = {
    stack: 'koa',
    config: 'no-options-with-credentials',
    software: ['koa 3 + @koa/cors 5 + @koa/router 15'],
    path: '/api/me',
    init: { method: 'PUT', credentials: 'include', body: '{}' },
    start: (cors) => startNodeApp('koa', koaApp(cors ?? `import cors from '@koa/cors';\napp.use(cors());`)),
  };
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightWildcardOriginNotAllowed' });
  expect(broken.explained).toMatchObject({ corsError: 'PreflightWildcardOriginNotAllowed' });
  // Koa sends no Server or X-Powered-By: @koa/cors's default Allow-Methods list tells it.
  expect(layersOf(broken.explained)).toEqual(['koa']);
  const fix = fixFor(broken.replayed.har, broken.replayed.url, 'koa');
  expect(fix.snippet).toContain('credentials: true,');

  const fixed = await runFixed(site, c, fix.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
